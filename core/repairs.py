"""Changes found on a repaired text, expressed against the original text.

The ``mojibake`` rule runs first, on the original: the other rules must judge the text as it
reads once the wrong decoding is undone (``Ã\\u00a0`` is ``à``, not a letter and a no-break space).
So they analyse the repaired text, and their changes, in the repaired text's code points, are
carried back here: a change apart from every repair only moves by the repairs before it; changes
touching a repair become one change with it, so a run of mojibake is one change that no other
rule splits, and applying it gives what both rules together meant.
"""

from __future__ import annotations

from collections.abc import Sequence

from .changes import Change, ChangeList, apply_changes


def through_repairs(text: str, repairs: Sequence[Change], later: Sequence[Change]) -> ChangeList:
    """``repairs`` (sorted, disjoint changes of ``text``) and ``later`` (sorted, disjoint changes of
    the text the repairs give) as one sorted, disjoint list of changes of ``text``.

    Applying the result to ``text`` gives ``apply_changes(apply_changes(text, repairs), later)``.
    """
    repaired = apply_changes(text, repairs)
    # Every change as (start, end) in the repaired text; a repair first where two start together.
    items: list[tuple[int, int, bool, Change]] = []
    shift = 0
    for repair in repairs:
        start = repair.offset + shift
        items.append((start, start + len(repair.replacement), True, repair))
        shift += len(repair.replacement) - repair.length
    items += [(change.offset, change.end, False, change) for change in later]
    items.sort(key=lambda item: (item[0], not item[2]))

    merged: list[Change] = []
    shift = 0  # of the repairs already passed
    index = 0
    while index < len(items):
        group = [items[index]]
        reach = max(items[index][1], items[index][0] + 1)  # an empty span still holds its place
        index += 1
        while index < len(items) and items[index][0] < reach:
            group.append(items[index])
            reach = max(reach, items[index][1], items[index][0] + 1)
            index += 1
        repairs_in = [item[3] for item in group if item[2]]
        later_in = [item[3] for item in group if not item[2]]
        if not repairs_in:
            merged += [_moved(change, -shift) for change in later_in]
            continue
        start = group[0][0]
        end = max(item[1] for item in group)
        shift_after = shift + sum(len(repair.replacement) - repair.length for repair in repairs_in)
        if len(repairs_in) == 1 and not later_in:
            merged.append(repairs_in[0])
        else:
            merged.append(_joined(text[start - shift:end - shift_after], repaired[start:end], start,
                                  start - shift, repairs_in, later_in))
        shift = shift_after
    return ChangeList.from_changes(merged)


def _moved(change: Change, by: int) -> Change:
    return Change(change.offset + by, change.length, change.original, change.replacement, change.rule,
                  change.severity, change.reason)


def _joined(original: str, repaired: str, repaired_start: int, offset: int, repairs: Sequence[Change],
            later: Sequence[Change]) -> Change:
    """One change at ``offset`` of ``original`` doing ``repairs`` and then the ``later`` changes."""
    replacement = apply_changes(repaired, [_moved(change, -repaired_start) for change in later])
    lead = repairs[0]
    reasons = dict.fromkeys([*(repair.reason for repair in repairs), *(change.reason for change in later)])
    severity = max(change.severity for change in (*repairs, *later))
    return Change(offset, len(original), original, replacement, lead.rule, severity, "; ".join(reasons))
