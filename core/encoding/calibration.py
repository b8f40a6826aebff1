"""Fit a confidence that transfers to texts it was not measured on.

The detection benchmark (``bench/bench_detection.py``) encodes a few hundred genuine texts into every
code page that holds them, whole, as excerpts and as single lines: one text yields dozens of inputs,
and they succeed or fail together. A rate measured on a class of inputs that few texts feed says
how those texts fare, not how the next text will; fitted in-sample, such rates were off by 12 to 55
points on the held-aside texts. So every estimate here counts source texts, not only inputs:

* :func:`shrunk_rates` — the share right per evidence class, pulled towards the rate of its parent
  class (the key without its last feature) as if by ``strength`` inputs;
* :func:`out_of_group_rates` — each input's class rate fitted without its own source text
  (leave-one-group-out), which is how the rate will do on an unseen text; the shrinkage strength is
  chosen by the log-loss of these (:func:`log_loss`);
* :func:`supported_levels` — an isotonic (pool-adjacent-violators) map from the out-of-group rate
  to the share right, whose blocks are merged until the share of each is known to within
  ``max_error`` (one cluster-robust standard error, source texts being the clusters: see
  :func:`cluster_standard_error`). The result is a handful of output levels, each a measured rate.

These are pure functions of their arguments; ``core.encoding.detection`` holds the tables they
produce and :func:`level_of` looks a rate up in them.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import NamedTuple

Key = tuple[Hashable, ...]


class Observation(NamedTuple):
    """One measured input: its evidence class, whether the first candidate was right, its source."""

    key: Key
    right: bool
    group: Hashable


class Level(NamedTuple):
    """One block of :func:`supported_levels`: rates up to ``bound`` are shown as ``rate``."""

    bound: float
    rate: float
    inputs: int
    groups: int
    standard_error: float


def shrunk_rates(observations: Iterable[Observation], strength: float) -> Callable[[Key], float]:
    """The share right per class key, each shrunk towards its parent key's share.

    A key's rate is ``(right + strength * parent) / (inputs + strength)``, the parent being the key
    without its last element; the empty key's rate is ``(right + 1) / (inputs + 2)``. A key never
    observed takes its parent's rate, so every key of the same shape has one.

    Returns:
        A function from a key to its rate (memoised).
    """
    counts: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for observation in observations:
        for length in range(len(observation.key) + 1):
            entry = counts[observation.key[:length]]
            entry[0] += 1
            entry[1] += observation.right
    memo: dict[Key, float] = {}

    def rate(key: Key) -> float:
        if key not in memo:
            inputs, right = counts.get(key, (0, 0))
            if not key:
                memo[key] = (right + 1) / (inputs + 2)
            else:
                memo[key] = (right + strength * rate(key[:-1])) / (inputs + strength)
        return memo[key]

    return rate


def out_of_group_rates(observations: Sequence[Observation], strength: float) -> list[float]:
    """For each observation, its class rate fitted on the observations of every other group."""
    by_group: dict[Hashable, list[int]] = defaultdict(list)
    for index, observation in enumerate(observations):
        by_group[observation.group].append(index)
    rates = [0.0] * len(observations)
    for group, indices in by_group.items():
        rate = shrunk_rates((o for o in observations if o.group != group), strength)
        for index in indices:
            rates[index] = rate(observations[index].key)
    return rates


def log_loss(predictions: Sequence[float], outcomes: Sequence[bool]) -> float:
    """Mean negative log-likelihood of the outcomes (predictions clipped to 0.0001..0.9999)."""
    total = 0.0
    for prediction, right in zip(predictions, outcomes, strict=True):
        clipped = min(max(prediction, 1e-4), 1 - 1e-4)
        total -= math.log(clipped if right else 1 - clipped)
    return total / max(len(outcomes), 1)


def cluster_standard_error(right_by_group: dict[Hashable, tuple[int, int]]) -> float:
    """The standard error of a pooled share right when groups, not inputs, are independent.

    Args:
        right_by_group: group -> (inputs right, inputs).

    Returns:
        ``sqrt(G / (G - 1) * sum_g (right_g - inputs_g * share) ** 2) / inputs`` (the cluster-robust
        estimate); 1.0 when there are fewer than two groups, whose spread cannot be judged.
    """
    groups = len(right_by_group)
    inputs = sum(n for _, n in right_by_group.values())
    if groups < 2 or not inputs:
        return 1.0
    share = sum(right for right, _ in right_by_group.values()) / inputs
    spread = sum((right - n * share) ** 2 for right, n in right_by_group.values())
    return math.sqrt(groups / (groups - 1) * spread) / inputs


class _Block(NamedTuple):
    low: float
    high: float
    counts: dict[Hashable, tuple[int, int]]  # group -> (right, inputs)

    @property
    def share(self) -> float:
        return sum(right for right, _ in self.counts.values()) / sum(n for _, n in self.counts.values())

    def merged(self, other: _Block) -> _Block:
        counts = dict(self.counts)
        for group, (right, n) in other.counts.items():
            before = counts.get(group, (0, 0))
            counts[group] = (before[0] + right, before[1] + n)
        return _Block(min(self.low, other.low), max(self.high, other.high), counts)


def supported_levels(pairs: Iterable[tuple[float, bool, Hashable]], max_error: float) -> list[Level]:
    """An increasing step map from a predicted rate to the share right, each step well supported.

    Pool-adjacent-violators on (prediction, right, group) triples: adjacent blocks are merged while
    one's share is not below the next one's; then, while some block's cluster-robust standard error
    is above ``max_error``, the block with the largest is merged with the neighbour whose share is
    closer (and violators pooled again). So every block's error ends at most ``max_error``, unless
    one block is left.

    Returns:
        Levels, by increasing bound and rate. A level's bound lies halfway to the next block's
        lowest prediction (the last one's is 1.0); its rate is its share right, but
        ``inputs / (inputs + 1)`` for a block all right: no level claims certainty.
    """
    by_prediction: dict[float, dict[Hashable, tuple[int, int]]] = defaultdict(dict)
    for prediction, was_right, group in pairs:
        before = by_prediction[prediction].get(group, (0, 0))
        by_prediction[prediction][group] = (before[0] + was_right, before[1] + 1)
    blocks = _pooled([_Block(prediction, prediction, counts)
                      for prediction, counts in sorted(by_prediction.items())])
    while len(blocks) > 1:
        errors = [cluster_standard_error(block.counts) for block in blocks]
        worst = max(range(len(blocks)), key=errors.__getitem__)
        if errors[worst] <= max_error:
            break
        first = _closer_neighbour(blocks, worst)
        blocks[first:first + 2] = [blocks[first].merged(blocks[first + 1])]
        blocks = _pooled(blocks)
    bounds = [(block.high + following.low) / 2 for block, following in itertools.pairwise(blocks)] + [1.0]
    levels = []
    for bound, block in zip(bounds, blocks, strict=True):
        right = sum(r for r, _ in block.counts.values())
        inputs = sum(n for _, n in block.counts.values())
        share = right / inputs if right < inputs else inputs / (inputs + 1)
        levels.append(Level(bound, share, inputs, len(block.counts),
                            cluster_standard_error(block.counts)))
    return levels


def _pooled(blocks: list[_Block]) -> list[_Block]:
    """``blocks`` (by increasing prediction) with adjacent ones merged until their shares increase."""
    pooled: list[_Block] = []
    for block in blocks:
        pooled.append(block)
        while len(pooled) > 1 and pooled[-2].share >= pooled[-1].share:
            last = pooled.pop()
            pooled[-1] = pooled[-1].merged(last)
    return pooled


def _closer_neighbour(blocks: list[_Block], index: int) -> int:
    """The index of the first of the pair ``blocks[index]`` forms with its closer-rated neighbour."""
    if index == 0:
        return 0
    if index == len(blocks) - 1:
        return index - 1
    share = blocks[index].share
    below = share - blocks[index - 1].share
    above = blocks[index + 1].share - share
    return index - 1 if below <= above else index


def level_of(rate: float, levels: Sequence[tuple[float, float]]) -> float:
    """The output level of a class rate: the rate of the first level whose bound is not below it."""
    for bound, level in levels:
        if rate <= bound:
            return level
    return levels[-1][1]
