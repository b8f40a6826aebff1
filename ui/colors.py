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


# Text that says something failed (a file that could not be opened or cleaned), on a light and
# on a dark background (each 4.5:1 or better).
FAILED_TEXT = ("#c92a2a", "#ff8787")

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


# Find matches other than the current one (which is the selection), light and dark.
FIND_MATCH = ("#ffec99", "#5c4d00")


def find_match(palette: QPalette) -> QColor:
    """The background of a find match on screen in ``palette``."""
    return QColor(FIND_MATCH[1] if is_dark(palette) else FIND_MATCH[0])


# The palettes of View › Theme › Light and Dark: every role a widget here paints with (the panes'
# text and gutter, the review panel, the strips, menus and tooltips), as (light, dark).
_R = QPalette.ColorRole
THEME_ROLES: dict[QPalette.ColorRole, tuple[str, str]] = {
    _R.Window: ("#f3f3f3", "#2b2b2b"),
    _R.WindowText: ("#1e1e1e", "#e6e6e6"),
    _R.Base: ("#ffffff", "#1e1e1e"),
    _R.AlternateBase: ("#f0f0f0", "#262626"),
    _R.Text: ("#1e1e1e", "#e6e6e6"),
    _R.PlaceholderText: ("#5f6368", "#a8adb3"),  # the gutter's line numbers: readable in both
    _R.Button: ("#e8e8e8", "#353535"),
    _R.ButtonText: ("#1e1e1e", "#e6e6e6"),
    _R.BrightText: ("#ffffff", "#ffffff"),
    _R.Highlight: ("#3072dc", "#2f65ca"),
    _R.HighlightedText: ("#ffffff", "#ffffff"),
    _R.ToolTipBase: ("#ffffdc", "#3a3a3a"),
    _R.ToolTipText: ("#000000", "#e6e6e6"),
    _R.Link: ("#0b57d0", "#7cacf8"),
    _R.LinkVisited: ("#6f42c1", "#c58af9"),
    _R.Light: ("#ffffff", "#4a4a4a"),
    _R.Midlight: ("#e3e3e3", "#3e3e3e"),
    _R.Mid: ("#b0b0b0", "#5a5a5a"),
    _R.Dark: ("#8a8a8a", "#1a1a1a"),
    _R.Shadow: ("#5a5a5a", "#000000"),
}
# Text of disabled widgets, as (light, dark).
THEME_DISABLED_TEXT = ("#9a9a9a", "#7a7a7a")


def theme_palette(dark: bool) -> QPalette:
    """The palette of the Light or the Dark theme."""
    palette = QPalette()
    for role, pair in THEME_ROLES.items():
        palette.setColor(role, QColor(pair[1] if dark else pair[0]))
    disabled = QColor(THEME_DISABLED_TEXT[1] if dark else THEME_DISABLED_TEXT[0])
    for role in (_R.WindowText, _R.Text, _R.ButtonText, _R.PlaceholderText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette
