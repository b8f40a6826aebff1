"""What a rule is told about one analysis besides the text: the user's preferences and the document's newline."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..engine import EngineConfig


class RuleContext(NamedTuple):
    """One analysis, as a rule sees it.

    Attributes:
        config: the user's preferences (enabled rules, allowed characters and scripts).
        newline: the document's newline, used where a rule replaces a line or paragraph separator.
    """

    config: EngineConfig
    newline: str = "\n"
