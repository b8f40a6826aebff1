"""Contrast between colours, by WCAG 2's definition, and a text colour made to reach a minimum.

Palettes give a "placeholder text" colour meant to be faint; as line numbers on a dark gutter
it can fall to 2:1. WCAG asks 4.5:1 for normal text, so the gutter's colour is moved towards the
palette's text colour just far enough.
"""

from __future__ import annotations

RGB = tuple[int, int, int]
# WCAG 2.x level AA for normal-sized text.
MINIMUM_TEXT_CONTRAST = 4.5


def _channel(value: int) -> float:
    scaled = value / 255
    return scaled / 12.92 if scaled <= 0.04045 else ((scaled + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: RGB) -> float:
    """WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    red, green, blue = map(_channel, colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: RGB, second: RGB) -> float:
    """WCAG contrast ratio of two colours, 1 to 21, whichever is lighter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _mix(start: RGB, end: RGB, amount: float) -> RGB:
    red, green, blue = (round(a + (b - a) * amount) for a, b in zip(start, end, strict=True))
    return red, green, blue


def readable(foreground: RGB, background: RGB, towards: RGB, minimum: float = MINIMUM_TEXT_CONTRAST) -> RGB:
    """``foreground``, or the least shift of it towards ``towards`` (then black or white) that
    reaches ``minimum`` contrast on ``background``.

    Args:
        foreground: the wished colour (a palette's faint text).
        background: what it is drawn on.
        towards: the colour to move to first (the palette's normal text).
        minimum: the contrast ratio to reach.
    """
    if contrast_ratio(foreground, background) >= minimum:
        return foreground
    extreme: RGB = (0, 0, 0) if relative_luminance(background) > 0.5 else (255, 255, 255)
    for target in (towards, extreme):
        for step in range(1, 21):
            candidate = _mix(foreground, target, step / 20)
            if contrast_ratio(candidate, background) >= minimum:
                return candidate
        foreground = target
    return extreme
