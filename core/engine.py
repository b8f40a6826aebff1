"""The normalization engine: runs the enabled rules over a text and returns its changes.

This is the one entry point the CLI and the window use. Rules never see each other's output:
each looks at the original text, and the engine merges their proposals into one sorted list of
disjoint changes.

With the ``mojibake`` rule on, it runs first, alone, on the original text; the other rules
analyse the repaired text, and their changes are carried back to the original
(:mod:`core.repairs`): a run of mojibake is one change, never split by another rule.

Merging, in order:

1. proposals touching a character of ``config.allow_chars`` are dropped;
2. where two proposals overlap, the one from the higher-priority rule wins (``RuleInfo.priority``
   in :mod:`core.rules`: the more a rule is about an attack, the higher it ranks; ``trailing-space`` outranks
   ``spaces`` so that an odd space at a line end is removed rather than made plain);
3. a change whose edge would split a grapheme cluster is widened to the whole cluster (the
   untouched characters are added to both its original and its replacement), and changes that
   then share a cluster become one change, so applying any subset never leaves half a cluster.

The rules and their order come from the registry in :mod:`core.rules`.

Run inside :func:`core.cancel.cancellable`, an analysis stops with :class:`core.cancel.Cancelled`
between rules and within their long loops once asked to.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from collections.abc import Sequence
from itertools import compress, repeat
from operator import add, eq, ge, lt
from typing import NamedTuple

import unicodedata2

from .cancel import checked, checkpoint
from .changes import Change, ChangeList, apply_changes, apply_within
from .rules import BY_PRIORITY, DEFAULT_RULES, RULES, RULES_BY_ID, FindChanges, watched_characters
from .rules.context import RuleContext
from .rules.invisible import HiddenMessage, hidden_messages
from .slices import array_of
from .unicode.graphemes import Segmenter, possible_non_boundaries
from .unicode.unicode_props import TextScan

# How many rule ids each function serves (typography's serves several, interleaved).
_IDS_SERVED: Counter[FindChanges] = Counter(rule.find for rule in RULES)


class EngineConfig(NamedTuple):
    """What to normalize.

    Attributes:
        rules: enabled rule ids (see :mod:`core.rules`).
        allow_chars: characters never changed by any rule.
        allow_scripts: scripts whose letters may appear inside words of another script
            (a Serbian user allowing ``Latin`` in Cyrillic words).
    """

    rules: frozenset[str] = DEFAULT_RULES
    allow_chars: frozenset[str] = frozenset()
    allow_scripts: frozenset[str] = frozenset()


class Analysis(NamedTuple):
    """The result of normalizing a text.

    Attributes:
        changes: sorted, disjoint changes; applying all of them gives the normalized text.
        hidden_text: messages found in tag characters, in text order.
    """

    changes: ChangeList
    hidden_text: list[HiddenMessage]


def _proposals(text: str, context: RuleContext) -> dict[str, ChangeList]:
    """Each enabled rule's proposals (sorted), keyed by rule id; a function runs once."""
    by_rule: dict[str, ChangeList] = {}
    run: set[FindChanges] = set()
    for rule in BY_PRIORITY:
        if rule.id not in context.config.rules or rule.find in run:
            continue
        run.add(rule.find)
        checkpoint()
        proposed = rule.find(text, context)
        if _IDS_SERVED[rule.find] == 1:
            by_rule[rule.id] = ChangeList.from_changes(proposed)
            continue
        for change in proposed:  # a module owning several ids returns them interleaved
            by_rule.setdefault(change.rule, ChangeList()).append(change)
    return by_rule


def _without_allowed(changes: ChangeList, allowed: frozenset[str]) -> ChangeList:
    if not allowed or not changes:
        return changes
    return changes.select(map(allowed.isdisjoint, changes.originals))


def _rank_of(rule: str) -> int:
    info = RULES_BY_ID.get(rule)
    return info.priority if info is not None else len(RULES)


def _merge_two(winner: ChangeList, loser: ChangeList) -> ChangeList:
    """Both lists as one; where they overlap, ``winner``'s change stays and ``loser``'s goes.

    The work is done for each change of the shorter list (a bisection into the longer one), and
    the longer list is copied in slices, so a few changes of one rule merge into a million of
    another without a Python loop over the million.
    """
    small, big = (winner, loser) if len(winner) <= len(loser) else (loser, winner)
    small_wins = small is winner
    # For each change of the small list, the big list's changes it overlaps are [first, last):
    # from the first ending after its start to the first starting at or after its end, found by
    # bisections in C. A change of length 0 counts as covering one code point, so nothing is
    # inserted into another change.
    big_ends = array_of(map(add, big.offsets, map(max, big.lengths, repeat(1)))).tolist()
    big_offsets = big.offsets.tolist()
    small_ends = array_of(map(add, small.offsets, map(max, small.lengths, repeat(1))))
    firsts = array_of(map(bisect.bisect_right, repeat(big_ends), small.offsets))
    lasts = array_of(map(bisect.bisect_left, repeat(big_offsets), small_ends))
    keep_big = bytearray(b"\x01") * len(big)
    if small_wins:
        keep_small = bytearray(b"\x01") * len(small)
        for index in compress(range(len(small)), map(lt, firsts, lasts)):  # the overlapping ones only
            keep_big[firsts[index]:lasts[index]] = bytes(lasts[index] - firsts[index])
    else:
        keep_small = bytearray(map(ge, firsts, lasts))  # kept where nothing overlaps
    return big.select(keep_big).interleaved(small.select(keep_small))


def _resolve_overlaps(by_rule: dict[str, ChangeList]) -> ChangeList:
    """One sorted disjoint list; where proposals overlap, the higher-priority rule's wins."""
    taken = ChangeList()
    ordered = sorted(by_rule, key=_rank_of)
    for rule in ordered:
        proposed = by_rule[rule]
        if not proposed:
            continue
        taken = _merge_two(taken, proposed) if taken else proposed
    return taken


def _merge_cluster(text: str, start: int, end: int, members: ChangeList) -> Change:
    """One change covering ``[start, end)`` that applies all ``members`` (which lie inside it).

    Worked out on the columns: a cluster may hold 200,000 changes (a run of joiners).
    """
    severity = max(members.severities)
    leads = set(compress(members.rules, map(eq, members.severities, repeat(severity))))
    reasons = dict.fromkeys(members.reasons)
    return Change(start, end - start, text[start:end], apply_within(text, members, start, end),
                  min(leads, key=_rank_of), severity, "; ".join(reasons))


def _changes_at_non_boundaries(clusters: Segmenter, changes: ChangeList, scan: TextScan | None) -> list[int]:
    """Indices of changes with an edge inside a grapheme cluster, sorted.

    Worked out a cluster at a time: the changes with an edge inside one are found by
    bisection, and the rest of its positions are skipped, so a cluster of 200,000 joiners, each
    a change, costs one walk through it.
    """
    if not changes:
        return []
    possible = possible_non_boundaries(clusters.text, scan)
    split: list[int] = []
    columns: tuple[Sequence[int], Sequence[int]] | None = None
    at = 0
    while at < len(possible):
        checkpoint()
        if clusters.is_boundary(possible[at]):
            at += 1
            continue
        # Read here, not before the loop: a templated list fills its columns on first read.
        columns = columns or (changes.offsets, changes.ends())
        offsets, ends = columns
        start, end = clusters.cluster(possible[at])
        # The changes overlapping the cluster; each has an edge inside it unless it covers it whole.
        first, last = bisect.bisect_right(ends, start), bisect.bisect_left(offsets, end)
        if split and first <= split[-1]:  # a change reaching over from the previous cluster
            first = split[-1] + 1
        if not (last - first == 1 and offsets[first] <= start and ends[first] >= end):
            split.extend(range(first, last))
        at = bisect.bisect_left(possible, end, at + 1)
    return split


def _align_to_clusters(clusters: Segmenter, columns: ChangeList, scan: TextScan | None) -> ChangeList:
    """Widen changes whose edges split a grapheme cluster; join changes that share a cluster.

    Only the few changes at a non-boundary are touched, so the common case costs one scan. The
    changes a widened one takes in are found by bisection, and only the outermost of them can
    widen it further: a cluster of 200,000 changes is joined without looking at each.
    """
    split = _changes_at_non_boundaries(clusters, columns, scan)
    if not split:
        return columns
    offsets, ends = columns.offsets, columns.ends()
    keep = bytearray(b"\x01") * len(columns)
    merged = ChangeList()
    done = 0
    for index in checked(split):
        if index < done:
            continue
        start, end = clusters.widen(offsets[index], ends[index])
        first, last = index, index + 1
        while (earlier := bisect.bisect_right(ends, start, done, first)) < first:  # earlier changes reaching in
            first = earlier
            start = min(start, clusters.cluster_start(offsets[first]))
        while (later := bisect.bisect_left(offsets, end, last)) > last:  # later changes starting inside
            last = later
            end = max(end, clusters.cluster_end(ends[last - 1]))
        keep[first:last] = bytes(last - first)
        merged.append(_merge_cluster(clusters.text, start, end, columns[first:last]))
        done = last
    return columns.select(keep).interleaved(merged)


def _previous_cluster_start(clusters: Segmenter, offset: int) -> int:
    return clusters.cluster_start(offset - 1) if offset > 0 else 0


def _next_cluster_end(clusters: Segmenter, offset: int) -> int:
    return clusters.cluster_end(offset + 1) if offset < len(clusters.text) else offset


def _compose_neighbours(clusters: Segmenter, columns: ChangeList) -> ChangeList:
    """With ``nfc`` on, compose what a change brings together (``a`` + deleted ZWSP + ``◌́``).

    Rules look at the original text only, so deleting an invisible character or replacing a
    styled base can leave a base and a mark adjacent that NFC would compose. Each change is
    looked at with the cluster before and after it (absorbing any change those touch); where the
    result is not NFC, the changes become one change whose replacement is composed, so that
    normalizing is idempotent.
    """
    text = clusters.text
    changes = list(columns)
    composed: list[Change] = []
    index = 0
    while index < len(changes):
        checkpoint()
        start = _previous_cluster_start(clusters, changes[index].offset)
        earlier: list[Change] = []
        while composed and composed[-1].end > start:
            earlier.append(composed.pop())
            start = min(start, _previous_cluster_start(clusters, earlier[-1].offset))
        members = [*reversed(earlier), changes[index]]
        end = _next_cluster_end(clusters, members[-1].end)
        index += 1
        while index < len(changes) and changes[index].offset < end:
            members.append(changes[index])
            end = max(end, _next_cluster_end(clusters, changes[index].end))
            index += 1
        window = apply_within(text, members, start, end)
        nfc = unicodedata2.normalize("NFC", window)
        if nfc == window:
            composed.extend(members)
            continue
        if nfc == text[start:end]:  # the changes only undid a decomposition: nothing to do here
            continue
        merged = _merge_cluster(text, start, end, ChangeList.from_changes(members))
        composed.append(dataclasses.replace(merged, replacement=nfc, reason=merged.reason + "; composed (NFC)"))
    return ChangeList.from_changes(composed)


def _hidden_text(text: str, context: RuleContext) -> list[HiddenMessage]:
    if "invisible" not in context.config.rules:
        return []
    return hidden_messages(text, context.scan)


def _after_mojibake(text: str, context: RuleContext) -> ChangeList | None:
    """With ``mojibake`` on: its repairs, and the other rules' changes of the repaired text carried
    back to ``text`` (:mod:`core.repairs`); None when there is nothing to repair.

    The other rules judge the text as it reads once repaired: run on the mojibake's own
    characters they would delete a soft hyphen or turn an NBSP into a space that is half of a
    mangled letter, after which it can no longer be repaired.
    """
    config = context.config
    repairs = _without_allowed(ChangeList.from_changes(RULES_BY_ID["mojibake"].find(text, context)), config.allow_chars)
    if not repairs:
        return None
    from .repairs import through_repairs

    repaired = apply_changes(text, repairs)
    later = analyze(repaired, config._replace(rules=config.rules - {"mojibake"}), newline=context.newline).changes
    return _align_to_clusters(Segmenter(text), through_repairs(text, repairs, later), context.scan)


def analyze(text: str, config: EngineConfig = EngineConfig(), *, newline: str = "\n") -> Analysis:
    """Find every change the enabled rules propose for ``text``.

    Args:
        text: the document's text.
        config: the user's preferences.
        newline: the document's newline, which a rule puts where it replaces a line separator.

    Returns:
        The merged changes (sorted, disjoint, on grapheme cluster boundaries) and any message
        hidden in tag characters.
    """
    context = rule_context(config, newline, text)
    if "mojibake" in config.rules and not text.isascii():
        repaired = _after_mojibake(text, context)
        if repaired is not None:
            return Analysis(repaired, _hidden_text(text, context))
    by_rule = {rule: _without_allowed(proposed, config.allow_chars)
               for rule, proposed in _proposals(text, context).items()}
    clusters = Segmenter(text)
    changes = _align_to_clusters(clusters, _resolve_overlaps(by_rule), context.scan)
    if "nfc" in config.rules and not text.isascii():
        changes = _compose_neighbours(clusters, changes)
    return Analysis(changes, _hidden_text(text, context))


def _changes_of(text: str, config: EngineConfig) -> ChangeList:
    """:func:`analyze`'s changes, as a rule asks for them (:attr:`RuleContext.analyze`)."""
    return analyze(text, config).changes


def rule_context(config: EngineConfig = EngineConfig(), newline: str = "\n", text: str | None = None) -> RuleContext:
    """What the rules are told about one analysis (of ``text``, if given: the rules then share one
    scan of it, which looks for every rule's watched characters at once).

    A rule run on its own (a test) gets one from here too, so it sees what it sees in an analysis.
    """
    scan = None if text is None else TextScan(text, watched_characters())
    return RuleContext(config, newline, scan, _changes_of)
