"""One document under review, without Qt: what a tab shows and every decision it takes.

A :class:`DocumentSession` holds the document (decoded text, analysis, review state), the one undo
history of everything the reviewer did to it, and the rules for saving it. Three kinds of step
share that history, in the order they were taken (Meld keeps one undo object the same way):

* a review step (revert or restore changes): the step holds its :class:`~core.review.ReviewAction`,
  which the review state of the analysis shown unapplies (the state itself keeps no history);
* another analysis of the same text (a rule or allowlist change), undone by showing the previous
  analysis again with the decisions it had;
* another reading of the same bytes (reinterpret as another encoding), undone likewise.

The window asks the questions (overwrite? changed on disk? write UTF-8 instead?); this module
says which to ask, with which words, and what follows from the answers. Nothing here imports Qt.
"""

from __future__ import annotations

import enum
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .change_names import name_edit
from .encoding.decoding import DecodedDocument, same_codec
from .encoding.detection import Candidate, is_sure
from .encoding.disk import DiskState, FileStamp, disk_state
from .encoding.mixed import describe as describe_encoding
from .encoding.mixed import legacy_part
from .encoding.saving import SaveOptions, SaveResult, overwrites_input, save_document
from .engine import EngineConfig
from .review import ReviewAction, ReviewState
from .reviewed import ReviewedMarks
from .view.display import LINE_LIMIT, STAND_INS_PER_PIECE, escape_for_display
from .view.document import ReviewDocument

# Analyses and readings kept for undo (each holds a whole document's arrays).
HISTORY_DOCUMENTS = 10
# How many other readings a banner offers, and how many the candidates menu lists: a list of
# fifty "mac-greek (0%)" readings buries the few worth trying.
OFFERED_READINGS = 5
OFFERED_IN_MENU = 10

# The gutter's mark for a piece of a line shown in pieces (the panes draw it; the banner names it).
CONTINUATION = "⋯"


def likelihood(confidence: float) -> str:
    """A candidate's confidence for people: ``98%``, ``<1%`` rather than a misleading ``0%``."""
    shown = f"{confidence:.0%}"
    return "<1%" if shown == "0%" else shown


class StepKind(enum.Enum):
    """What an undoable step changed."""

    REVIEW = "review"
    ANALYSIS = "analysis"
    READING = "reading"


@dataclass(frozen=True)
class Step:
    """One entry of the undo (or redo) history.

    Attributes:
        kind: what the step changed.
        description: what it did, for the Undo and Redo menu entries.
        action: for a review step, the flags it set (unapplied to undo it, applied to redo it).
        document: for another analysis or reading, the document on the other side of the step
            (shown again when the step is undone, or redone).
        config: the rules and allowlist that go with ``document``.
        options: the save options that go with ``document``.
    """

    kind: StepKind
    description: str
    action: ReviewAction | None = None
    document: ReviewDocument | None = None
    config: EngineConfig | None = None
    options: SaveOptions | None = None


class Shown(NamedTuple):
    """What an undo or redo changed, for the window to show.

    Attributes:
        kind: the kind of the step.
        action: for a review step, the flags it set (the blocks to update); else None.
    """

    kind: StepKind
    action: ReviewAction | None


class AnalysisRequest(NamedTuple):
    """What a worker needs to analyse the document again.

    Attributes:
        document: the document shown when the request was made (its decisions carry over).
        config: the rules and allowlist asked for (the document's newline is the document's own).
        description: the step's name for the undo menu.
    """

    document: ReviewDocument
    config: EngineConfig
    description: str


class ReadingOffer(NamedTuple):
    """A banner offering other readings of the bytes.

    Attributes:
        message: what the banner says.
        encodings: the codecs offered, best first, with their button labels.
    """

    message: str
    encodings: list[tuple[str, str]]


class Notice(NamedTuple):
    """A banner about the document.

    Attributes:
        kind: what it is about (``warning``, ``decode-errors``, ``hidden-text``, ``long-lines``, ``bidi``).
        level: ``info``, ``warning`` or ``error``.
        message: what it says.
    """

    kind: str
    level: str
    message: str


def describe_config_change(old: EngineConfig, new: EngineConfig) -> str:
    """What a configuration change did, for the undo menu (``Rules: +quotes -spaces``)."""
    parts = [f"+{rule}" for rule in sorted(new.rules - old.rules)]
    parts += [f"-{rule}" for rule in sorted(old.rules - new.rules)]
    if new.allow_chars != old.allow_chars or new.allow_scripts != old.allow_scripts:
        parts.append("allowlist")
    return "Rules: " + " ".join(parts) if parts else "Analyse again"


class DocumentSession:
    """One document under review: its analyses, its undo history and its saving.

    Attributes:
        document: the analysis shown.
        config: the rules and allowlist of that analysis (this document's own, not the window's).
        path: where Save writes (the file opened, or the last Save As target), if anywhere yet.
        save_options: output encoding, BOM, newline and backup for the next save.
        stamp: what :attr:`path` held when it was read or last written, for the changed-on-disk check.
        backup: the backup of the file as it was opened, once a save made it.
        confirmed_overwrite: the user agreed to write over the original (asked once per reading).
        detected: the reading chosen when the bytes were opened (its candidates stay offered).
    """

    def __init__(self, document: ReviewDocument, config: EngineConfig) -> None:
        self.document = document
        self.config = config
        decoded = document.decoded
        self.path: Path | None = decoded.path
        self.stamp: FileStamp | None = decoded.stamp if decoded.path is not None else None
        self.save_options = SaveOptions()
        self.backup: Path | None = None
        self.confirmed_overwrite = False
        self.detected = decoded
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        # How many steps the history held when the shown text was saved; None once that moment
        # can no longer be reached by undo or redo.
        self._saved_depth: int | None = None
        self.last_saved: SaveResult | None = None
        self._reviewed: weakref.WeakKeyDictionary[ReviewState, ReviewedMarks] = weakref.WeakKeyDictionary()

    # -- what is shown --------------------------------------------------------------------------

    @property
    def decoded(self) -> DecodedDocument:
        return self.document.decoded

    @property
    def title(self) -> str:
        """The escaped name for tabs and the window title."""
        name = self.path.name if self.path is not None else self.document.title
        return escape_for_display(name, limit=80)

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        """The readings detection offered when the bytes were opened (kept after a reinterpretation),
        likeliest first, at most :data:`OFFERED_IN_MENU` (Reinterpret As… reads any encoding)."""
        return self.detected.candidates[:OFFERED_IN_MENU]

    @property
    def has_unsaved_work(self) -> bool:
        """Whether the cleaned text may differ from what the file holds.

        Before the first save that is whenever a change is accepted (the cleaning itself is the
        unsaved work); after a save, whenever steps were taken or undone since.
        """
        if self.last_saved is None:
            return self.document.state.accepted_count > 0
        return self._saved_depth != len(self._undo)

    def counts_text(self) -> str:
        """The status bar's counts."""
        state = self.document.state
        return f"{state.count} changes · {state.accepted_count} accepted · {state.reverted_count} reverted"

    def original_caption(self) -> str:
        decoded = self.decoded
        bom = " with BOM" if decoded.bom else ""
        return f"Original — {decoded.encoding}{bom} · stand-ins show hidden characters"

    def cleaned_caption(self) -> str:
        state = self.document.state
        applied = f"{state.accepted_count} of {state.count} changes applied"
        if self.last_saved is not None and not self.has_unsaved_work:
            # As an editor clears its modified mark: the file now holds this pane's text.
            return f"Cleaned — saved to {escape_for_display(self.last_saved.path.name, 80)} · {applied}"
        return f"Cleaned — {applied} · markers ▲ show deletions"

    def status_encoding(self) -> str:
        """The status bar's encoding text: input → output, BOM, newline."""
        decoded = self.decoded
        options = self.save_options
        output = options.encoding or decoded.encoding
        arrow = f" → {output}" if output != decoded.encoding else ""
        bom = " BOM" if (options.bom if options.bom is not None else decoded.bom) else ""
        newline = decoded.newline.upper() if options.newline == "keep" else options.newline.upper()
        return f"{decoded.encoding}{arrow}{bom} · {newline}"

    def change_summary(self, index: int) -> str:
        """One line about change ``index``: where, which code points, which rule."""
        change = self.document.changes[index]
        line, column = self.document.state.line_column(index)
        return (f"Change {index + 1} of {self.document.state.count} at {line}:{column}: "
                f"{name_edit(change.original, change.replacement)} · {change.rule}")

    def notices(self) -> list[Notice]:
        """The banners about the document, in order (the reading offer comes apart, after the decoding errors)."""
        document = self.document
        decoded = document.decoded
        notices = [Notice("warning", "info", escape_for_display(warning, limit=300)) for warning in decoded.warnings]
        if decoded.decode_errors:
            count = sum(len(issue.data) for issue in decoded.decode_errors)
            notices.append(Notice("decode-errors", "warning",
                                  f"{count} byte(s) are not valid {decoded.encoding}. They are shown as boxed xNN "
                                  f"stand-ins and written back unchanged if you save as {decoded.encoding}."))
        return notices

    def later_notices(self) -> list[Notice]:
        """The banners that follow the reading offer: hidden text, long lines, bidi controls."""
        document = self.document
        notices = []
        for hidden in document.analysis.hidden_text:
            line, column = document.state.lines.line_column(hidden.offset)
            notices.append(Notice("hidden-text", "error",
                                  f"Hidden text in invisible tag characters at line {line}, column {column}: "
                                  f"“{escape_for_display(hidden.text, limit=300)}”"))
        broken = document.broken_lines()
        if broken:
            notices.append(Notice("long-lines", "info",
                                  f"{broken} line{'s are' if broken > 1 else ' is'} so long (over "
                                  f"{2 * LINE_LIMIT:,} characters) or so crowded with hidden characters (over "
                                  f"{STAND_INS_PER_PIECE:,} runs of them) that the panes show them in pieces, "
                                  f"marked {CONTINUATION} in the margin where a piece continues a line. This is "
                                  "for display only: the file's lines are analysed, cleaned and saved as they are."))
        bidi = document.bidi_controls()
        if bidi:
            notices.append(Notice("bidi", "error",
                                  f"High severity: {bidi} bidirectional control character(s) found. They can make "
                                  "text show in a different order than it is read (Trojan Source). The original "
                                  "pane shows them as boxed RLO/LRI… labels instead of obeying them."))
        return notices

    def reading_offer(self) -> ReadingOffer | None:
        """Other readings of the bytes, when there are worth offering: a line-by-line one for a file
        with UTF-8 and legacy lines (first), or any candidate when detection was not sure
        (:func:`core.encoding.detection.is_sure`: below 95% measured). After a reinterpretation the
        readings detected at opening stay offered."""
        detected = self.detected
        current = self.decoded
        others = [candidate for candidate in self.candidates if not same_codec(candidate.encoding, current.encoding)]
        mixed = [candidate for candidate in others if legacy_part(candidate.encoding) is not None]
        guessed = detected.detected_by == "detection" and not is_sure(detected.confidence)
        # Read again as detected (windows-1251, which Python calls cp1251) is no choice of the user's.
        chosen = current is not detected and not same_codec(current.encoding, detected.encoding)
        if not others or not (mixed or guessed or chosen):
            return None
        if mixed:
            message = (f"Most lines are UTF-8, but some are not: they read as {legacy_part(mixed[0].encoding)}. "
                       "Read each line in its own encoding (saving copies unchanged lines byte for byte):")
        elif chosen:
            message = (f"Read as {current.encoding}, as you chose (Undo goes back). The readings found when the "
                       "file was opened:")
        else:
            message = (f"The encoding was guessed as {current.encoding}; guesses like this one are right about "
                       f"{current.confidence:.0%} of the time. If the text looks wrong, read it with another "
                       "candidate:")
        offered = (mixed + [candidate for candidate in others if candidate not in mixed])[:OFFERED_READINGS]
        return ReadingOffer(message, [(candidate.encoding, f"Read as {describe_encoding(candidate.encoding)} "
                                                           f"({likelihood(candidate.confidence)})")
                                      for candidate in offered])

    # -- the undo history -----------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        return self._undo[-1].description if self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1].description if self._redo else ""

    def _record(self, step: Step) -> None:
        if self._saved_depth is not None and self._saved_depth > len(self._undo):
            self._saved_depth = None  # the saved moment was among the steps undone, dropped now
        self._undo.append(step)
        self._redo.clear()
        swaps = [index for index, taken in enumerate(self._undo) if taken.kind is not StepKind.REVIEW]
        if len(swaps) > HISTORY_DOCUMENTS:
            # The oldest kept document goes, and every step that could only be undone through it.
            dropped = swaps[-HISTORY_DOCUMENTS - 1] + 1
            del self._undo[:dropped]
            if self._saved_depth is not None:
                self._saved_depth = self._saved_depth - dropped if self._saved_depth >= dropped else None

    def review(self, action: ReviewAction | None) -> ReviewAction | None:
        """Record a review step the state took (``action`` None: nothing changed)."""
        if action is not None:
            self._record(Step(StepKind.REVIEW, action.description, action))
            self.reviewed.mark(action.indices)
        return action

    @property
    def reviewed(self) -> ReviewedMarks:
        """Which changes of the analysis shown the reviewer has been to or decided on (each
        analysis keeps its own marks, also when a step swaps it out and back)."""
        state = self.document.state
        marks = self._reviewed.get(state)
        if marks is None:
            marks = self._reviewed[state] = ReviewedMarks(state.count)
        return marks

    def set_change(self, index: int, accept: bool) -> ReviewAction | None:
        """Restore (``accept``) or revert one change."""
        change = self.document.changes[index]
        verb = "Restore" if accept else "Revert"
        description = f"{verb} {name_edit(change.original, change.replacement)}"
        return self.review(self.document.state.set_accepted([index], accept, description))

    def set_group(self, group: int, accept: bool) -> ReviewAction | None:
        """Accept or revert every change of ``group``."""
        return self.review(self.document.state.set_group(group, accept))

    def set_all(self, accept: bool) -> ReviewAction | None:
        """Accept or revert every change."""
        state = self.document.state
        return self.review(state.set_accepted(range(state.count), accept,
                                              "Accept all changes" if accept else "Revert all changes"))

    def undo(self) -> Shown | None:
        """Take back the last step of any kind; None when there is none."""
        if not self._undo:
            return None
        step = self._undo.pop()
        if step.action is not None:
            self.document.state.unapply(step.action)
        self._redo.append(self._swap(step))
        return Shown(step.kind, step.action)

    def redo(self) -> Shown | None:
        """Take the last undone step again; None when there is none."""
        if not self._redo:
            return None
        step = self._redo.pop()
        if step.action is not None:
            self.document.state.apply(step.action)
        self._undo.append(self._swap(step))
        return Shown(step.kind, step.action)

    def _swap(self, step: Step) -> Step:
        """Show the document on the other side of ``step``; return the step that goes back."""
        if step.document is None or step.config is None or step.options is None:
            return step
        back = Step(step.kind, step.description, document=self.document, config=self.config, options=self.save_options)
        self.document, self.config, self.save_options = step.document, step.config, step.options
        return back

    def _show(self, kind: StepKind, description: str, document: ReviewDocument, config: EngineConfig,
              options: SaveOptions) -> None:
        self._record(Step(kind, description, document=self.document, config=self.config, options=self.save_options))
        self.document, self.config, self.save_options = document, config, options

    # -- analysing again ------------------------------------------------------------------------

    def request_analysis(self, config: EngineConfig) -> AnalysisRequest:
        """What analysing the text again with ``config`` (rules, allowlist) takes."""
        return AnalysisRequest(self.document, config, describe_config_change(self.config, config))

    def analyze_now(self, config: EngineConfig) -> ReviewDocument:
        """Analyse the text again with ``config`` here and now (a worker does it for the window), and
        show it, keeping the decisions taken."""
        request = self.request_analysis(config)
        snapshot = bytes(self.document.state.accepted)
        document = ReviewDocument(self.decoded, config, title=self.document.title)
        document.state.carry_over(self.document.state, snapshot)
        self.analyzed(document, request, snapshot)
        return document

    def analyzed(self, document: ReviewDocument, request: AnalysisRequest, snapshot: bytes) -> bool:
        """Show ``document``, the analysis ``request`` asked for, as an undoable step.

        ``snapshot`` holds the flags the analysis carried over; decisions taken since are carried
        over too. Returns False (nothing shown) when another document replaced the requesting one.
        """
        source = request.document
        if source is not self.document:
            return False
        if bytes(source.state.accepted) != snapshot:
            # The reviewer changed decisions while the worker ran: carry the latest ones over.
            document.state.accepted[:] = b"\x01" * document.state.count
            document.state.carry_over(source.state)
        self._show(StepKind.ANALYSIS, request.description, document, request.config, self.save_options)
        return True

    # -- reading again --------------------------------------------------------------------------

    def reinterpreted(self, document: ReviewDocument) -> None:
        """Show another reading of the same bytes (reinterpret as), as an undoable step."""
        self._show(StepKind.READING, f"Reinterpret as {document.decoded.encoding}", document, self.config,
                   SaveOptions())
        self.confirmed_overwrite = False

    def reload_encoding(self) -> str | None:
        """The encoding to read :attr:`path` again with: the user's choice for that file, if any."""
        decoded = self.decoded
        if decoded.detected_by == "user" and decoded.path == self.path:
            return decoded.encoding
        return None

    def save_as_suggestion(self) -> str:
        """Where Save As proposes to write."""
        if self.path is None:
            return "clean.txt"
        return str(self.path.with_name(f"{self.path.stem}-clean{self.path.suffix}"))

    # -- saving ---------------------------------------------------------------------------------

    def disk_state(self, target: Path) -> DiskState:
        """Whether ``target`` still holds what this session read or last wrote there (only
        :attr:`path` is checked: another target was never read)."""
        if self.stamp is None or target != self.path:
            return DiskState.UNCHANGED
        return disk_state(target, self.stamp)

    def overwrite_question(self, target: Path) -> str | None:
        """The question to ask before writing over the original at ``target``, or None to write."""
        original = self.decoded.path
        if original is None or target != original or not target.exists() or self.confirmed_overwrite:
            return None
        return f"Replace {escape_for_display(target.name)} with the cleaned text?{self._backup_note(target)}"

    def _backup_note(self, target: Path) -> str:
        """What happens to the file as it is now, for the overwrite question."""
        if self.backup is not None:
            return f" The file as it was opened stays in {escape_for_display(self.backup.name)}."
        if self.save_options.backup:
            name = escape_for_display(target.name)
            return f" The file as it is now is kept as a backup ({name}.bak, or the next free {name}.bak.N)."
        return " No backup is kept."

    def write(self, target: Path, options: SaveOptions) -> SaveResult:
        """Write the cleaned text to ``target``; on success it is what the session's file holds.

        The file as it was opened is backed up once per opened document: a second save keeps
        that backup instead of backing up the first save.

        Raises:
            UnrepresentableError: ``options``' encoding cannot hold the text (see :meth:`in_utf8`).
            SaveError: nothing was written.
        """
        document = self.document
        options = options._replace(backup=options.backup and self.backup is None)
        saved = save_document(document.decoded, document.normalized_text(), target, options)
        self._saved_depth = len(self._undo)
        self.last_saved = saved
        self.stamp = saved.stamp
        if saved.backup is not None:
            self.backup = saved.backup
        return saved

    def in_utf8(self, options: SaveOptions) -> SaveOptions:
        """``options`` writing UTF-8 without a BOM, for a text the chosen encoding cannot hold;
        later saves keep UTF-8."""
        self.save_options = self.save_options._replace(encoding="utf-8", bom=False)
        return options._replace(encoding="utf-8", bom=False)

    def saved_as(self, target: Path) -> None:
        """Save As wrote ``target``: later saves go there, without asking again."""
        self.path = target
        self.confirmed_overwrite = True

    def saved_message(self, saved: SaveResult, options: SaveOptions) -> str:
        """What the status bar says after a save: where, how, and where the original is kept."""
        decoded = self.decoded
        encoding = options.encoding or decoded.encoding
        parts = [f"Saved {escape_for_display(str(saved.path), limit=200)} ({encoding})"]
        if saved.link is not None:
            parts.append(f"through the link {escape_for_display(saved.link.name)}")
        if self.backup is not None and overwrites_input(decoded, saved.path):
            parts.append(f"the original is kept as {escape_for_display(self.backup.name)}")
        return "; ".join(parts)
