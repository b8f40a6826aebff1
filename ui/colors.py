"""Colors and underline styles of rule categories, for light and dark palettes.

Every category has its own underline style as well as its own color, so changes stay
distinguishable without color (and on a monochrome screenshot).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QTextCharFormat

from ..core.contrast import readable
from ..core.export import RuleColors
from ..core.rules import RULES_BY_ID


class Style(NamedTuple):
    """How one rule's changes look.

    Attributes:
        light: background in a light palette.
        dark: background in a dark palette.
        strong: the saturated color (overview strip, stand-in boxes, underlines).
        underline: the underline style that tells categories apart without color.
    """

    light: str
    dark: str
    strong: str
    underline: QTextCharFormat.UnderlineStyle


_U = QTextCharFormat.UnderlineStyle
# Colour role (``RuleInfo.role`` in core.rules) → style.
STYLES: dict[str, Style] = {
    "look-alike": Style("#ffd8a8", "#7a4a12", "#e8590c", _U.WaveUnderline),
    "invisible": Style("#ffc9c9", "#7d2323", "#e03131", _U.SingleUnderline),
    "space": Style("#a5d8ff", "#1c4a73", "#1971c2", _U.DotLine),
    "styled": Style("#e5dbff", "#4b2f86", "#7048e8", _U.DashUnderline),
    "typography": Style("#c3fae8", "#0f5a48", "#0ca678", _U.DashDotLine),
    "composition": Style("#d3f9d8", "#24502b", "#37b24d", _U.DashDotDotLine),
    "mojibake": Style("#fff3bf", "#6b5500", "#f08c00", _U.WaveUnderline),
    "trailing": Style("#e9ecef", "#444b52", "#868e96", _U.DotLine),
}
DEFAULT_STYLE = Style("#e9ecef", "#444b52", "#868e96", _U.SingleUnderline)


def style_for(rule: str) -> Style:
    """The style of ``rule``'s colour role (a neutral one for an unknown rule)."""
    info = RULES_BY_ID.get(rule)
    return STYLES.get(info.role, DEFAULT_STYLE) if info is not None else DEFAULT_STYLE


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark background."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def background(rule: str, palette: QPalette) -> QColor:
    """The background of a changed character of ``rule`` in ``palette``."""
    style = style_for(rule)
    return QColor(style.dark if is_dark(palette) else style.light)


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def gutter_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """The line-number gutter's background and numbers: the palette's faint text, lifted to a
    readable contrast (WCAG 4.5:1) on the gutter where the theme makes it too faint."""
    back = palette.color(QPalette.ColorRole.AlternateBase)
    faint = palette.color(QPalette.ColorRole.PlaceholderText)
    text = palette.color(QPalette.ColorRole.Text)
    return back, QColor(*readable(_rgb(faint), _rgb(back), _rgb(text)))


# A reverted change (the original kept): neutral, unlike any rule's colour, and hatched so that it
# reads as "set aside" without colour. The panes and the legend both draw it from here.
REVERTED_LIGHT = "#868e96"
REVERTED_DARK = "#adb5bd"
REVERTED_DESCRIPTION = "grey hatched background, solid grey underline"


def set_reverted(char_format: QTextCharFormat, palette: QPalette) -> None:
    """Give ``char_format`` the look of a reverted change in ``palette`` (light or dark)."""
    neutral = QColor(REVERTED_DARK if is_dark(palette) else REVERTED_LIGHT)
    char_format.setBackground(QBrush(neutral, Qt.BrushStyle.BDiagPattern))
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    char_format.setUnderlineColor(neutral)


def strong(rule: str) -> QColor:
    return QColor(style_for(rule).strong)


# The panes' underline styles as CSS text-decoration styles (CSS has no dash-dot lines).
_CSS_UNDERLINES = {
    _U.WaveUnderline: "wavy", _U.SingleUnderline: "solid", _U.DotLine: "dotted",
    _U.DashUnderline: "dashed", _U.DashDotLine: "dashed", _U.DashDotDotLine: "double",
}


def export_colors() -> dict[str, RuleColors]:
    """Every rule's style as the HTML export takes it (the same colours as the panes)."""
    styles = {rule: style_for(rule) for rule in RULES_BY_ID}
    return {rule: RuleColors(style.light, style.dark, style.strong, _CSS_UNDERLINES.get(style.underline, "solid"))
            for rule, style in styles.items()}
