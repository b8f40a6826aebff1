"""The confidence fitter: rates that count source texts, and levels that each one supports."""

from __future__ import annotations

import itertools
import math

import pytest

from glyphwash.core.encoding.calibration import (
    Observation,
    cluster_standard_error,
    level_of,
    log_loss,
    out_of_group_rates,
    shrunk_rates,
    supported_levels,
)


def _observations(spec: list[tuple[tuple[object, ...], str, int, int]]) -> list[Observation]:
    """Observations from (key, group, right, wrong) rows."""
    return [Observation(key, right, group) for key, group, n_right, n_wrong in spec
            for right in [True] * n_right + [False] * n_wrong]


def test_a_class_rate_is_shrunk_towards_its_parent_by_the_strength() -> None:
    rows = _observations([(("a", 1), "t1", 8, 2), (("a", 2), "t2", 0, 10)])
    rate = shrunk_rates(rows, strength=10)
    root = (8 + 1) / (20 + 2)
    parent = (8 + 10 * root) / (20 + 10)
    assert rate(()) == pytest.approx(root)
    assert rate(("a",)) == pytest.approx(parent)
    assert rate(("a", 1)) == pytest.approx((8 + 10 * parent) / (10 + 10))
    assert rate(("a", 3)) == pytest.approx(parent)  # never observed: the parent's rate
    assert rate(("b", 1)) == pytest.approx(root)


def test_out_of_group_rates_never_see_the_inputs_own_source_text() -> None:
    # One text makes its class look perfect; fitted without it, the class has only the other text.
    rows = _observations([(("x",), "lucky", 30, 0), (("x",), "other", 5, 5)])
    rates = out_of_group_rates(rows, strength=1e-9)
    assert rates[0] == pytest.approx(0.5)  # the lucky text's inputs: the other text's 5 of 10
    assert rates[-1] == pytest.approx(1.0)  # the other text's: the lucky one's 30 of 30
    assert rates != [shrunk_rates(rows, 1e-9)(row.key) for row in rows]


def test_log_loss_is_the_mean_negative_log_likelihood_and_clips_certainty() -> None:
    assert log_loss([0.5, 0.5], [True, False]) == pytest.approx(math.log(2))
    assert log_loss([1.0], [False]) == pytest.approx(-math.log(1e-4))


def test_cluster_standard_error_grows_with_the_spread_between_texts() -> None:
    alike = {"a": (8, 10), "b": (8, 10), "c": (8, 10)}
    apart = {"a": (10, 10), "b": (4, 10), "c": (10, 10)}
    assert cluster_standard_error(alike) == 0.0
    # share 0.8: residuals +2, -4, +2 right; sqrt(3/2 * 24) / 30
    assert cluster_standard_error(apart) == pytest.approx(math.sqrt(1.5 * 24) / 30)
    assert cluster_standard_error({"a": (5, 10)}) == 1.0  # one text: its spread is unknown


def _pairs(spec: list[tuple[float, str, int, int]]) -> list[tuple[float, bool, object]]:
    return [(prediction, right, group) for prediction, group, n_right, n_wrong in spec
            for right in [True] * n_right + [False] * n_wrong]


def test_levels_pool_violators_and_give_each_block_its_share() -> None:
    pairs = _pairs([(0.2, "a", 6, 4), (0.2, "b", 6, 4),   # 0.6
                    (0.5, "c", 4, 6), (0.5, "d", 4, 6),   # 0.4: below 0.2's, pooled with it
                    (0.9, "e", 9, 1), (0.9, "f", 9, 1)])  # 0.9
    levels = supported_levels(pairs, max_error=1.0)
    assert [(level.bound, level.rate, level.inputs, level.groups) for level in levels] == [
        (pytest.approx(0.7), pytest.approx(0.5), 40, 4), (1.0, pytest.approx(0.9), 20, 2)]


def test_a_level_that_few_texts_disagree_on_is_merged_into_its_closer_neighbour() -> None:
    steady = [(0.3, f"low{i}", 3, 7) for i in range(10)] + [(0.95, f"high{i}", 19, 1) for i in range(10)]
    erratic = [(0.7, "one", 10, 0), (0.7, "two", 2, 8)]  # 0.6 on average, 0.2 or 1.0 per text
    levels = supported_levels(_pairs(steady + erratic), max_error=0.07)
    assert len(levels) == 2
    assert levels[0].rate == pytest.approx((30 + 12) / (100 + 20))  # 0.6 is closer to 0.3 than to 0.95
    assert all(level.standard_error <= 0.07 for level in levels)
    assert len(supported_levels(_pairs(steady + erratic), max_error=1.0)) == 3


def test_levels_are_increasing_and_never_certain() -> None:
    pairs = _pairs([(0.1, "a", 1, 9), (0.5, "b", 7, 3), (0.99, "c", 50, 0)])
    levels = supported_levels(pairs, max_error=1.0)
    assert all(low.rate < high.rate and low.bound < high.bound for low, high in itertools.pairwise(levels))
    assert levels[-1].rate == pytest.approx(50 / 51)


def test_level_of_takes_the_first_level_whose_bound_is_not_below_the_rate() -> None:
    table = ((0.5, 0.3), (0.9, 0.8), (1.0, 0.99))
    assert [level_of(rate, table) for rate in (0.0, 0.5, 0.51, 0.9, 1.0)] == [0.3, 0.3, 0.8, 0.8, 0.99]
