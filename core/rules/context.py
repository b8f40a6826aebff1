"""What a rule is told about one analysis besides the text: the user's preferences, the document's
newline, the analysis's scan of the text, and the engine itself for a rule that needs the others'
verdict.

The engine makes one context per analysis (:func:`core.engine.rule_context`) and passes it to
every rule, so whatever an analysis learns about its text lives here, never in a module: two
analyses at once, in two workers, share nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..changes import ChangeList
    from ..engine import EngineConfig
    from ..unicode.unicode_props import TextScan

# The engine's merged changes of a text under a configuration (a rule may not import the engine,
# which imports every rule).
Analyzer = Callable[[str, "EngineConfig"], "ChangeList"]


class RuleContext(NamedTuple):
    """One analysis, as a rule sees it.

    Attributes:
        config: the user's preferences (enabled rules, allowed characters and scripts).
        newline: the document's newline, used where a rule replaces a line or paragraph separator.
        scan: the scan of the text being analysed, shared by the rules (their
            :func:`~core.unicode.unicode_props.offsets_of` calls on that text); None when the
            rule runs on a text of its own.
        analyze: the engine's changes of a text under a configuration: ``homoglyphs`` judges a
            part of a line as the other enabled rules leave it.
    """

    config: EngineConfig
    newline: str
    scan: TextScan | None
    analyze: Analyzer
