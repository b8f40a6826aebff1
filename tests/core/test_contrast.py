"""WCAG contrast: the known ratios, and a faint colour lifted just enough."""

from __future__ import annotations

import pytest

from glyphwash.core.contrast import MINIMUM_TEXT_CONTRAST, contrast_ratio, readable


def test_black_on_white_is_21_to_1() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1)


def test_a_readable_colour_is_kept() -> None:
    assert readable((30, 30, 30), (250, 250, 250), (0, 0, 0)) == (30, 30, 30)


@pytest.mark.parametrize(("faint", "background", "text"), [
    ((90, 90, 90), (45, 45, 45), (230, 230, 230)),     # a dark theme's placeholder on its gutter
    ((200, 200, 200), (245, 245, 245), (20, 20, 20)),  # a light theme's
    ((60, 60, 60), (50, 50, 50), (70, 70, 70)),         # text colour itself too faint: on to white
])
def test_a_faint_colour_is_lifted_to_the_minimum(faint: tuple[int, int, int], background: tuple[int, int, int],
                                                 text: tuple[int, int, int]) -> None:
    lifted = readable(faint, background, text)
    assert contrast_ratio(lifted, background) >= MINIMUM_TEXT_CONTRAST
    assert contrast_ratio(faint, background) < MINIMUM_TEXT_CONTRAST
