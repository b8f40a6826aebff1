"""Many files at once: which files a folder holds, what each holds, and cleaning them all.

Three steps, each usable alone and each stoppable through :mod:`core.cancel`:

1. :func:`list_files` walks the dropped folders (and takes the dropped files as they are). It
   honours every ``.gitignore`` on the way, with git's rules (``pathspec``'s gitwildmatch
   patterns; the deepest file with an opinion decides, a later pattern beats an earlier one,
   ``!`` re-includes), and those of the folders above up to the repository's root. It never
   follows a symbolic link found inside a folder (git does not either, and a link can point
   outside the folder or at one of its own parents), skips version-control folders, anything that
   is not a regular file (a FIFO would block the reader forever) and Glyphwash's own backups
   (``NAME.bak``, ``NAME.bak.2``… beside ``NAME``).
2. :func:`scan_file` reads one file as the window would (the same loader, with its binary
   refusal), analyses it and keeps only a summary: encoding, counts per rule and per severity,
   and the :class:`~core.encoding.disk.FileStamp` of the bytes read. No text is kept, so a folder of any
   size costs a few hundred bytes a file.
3. :func:`plan_clean` says what cleaning all would write; :func:`clean_file` does it for one file:
   it reads the file again, refuses it unless it still holds the scanned bytes, and writes the
   cleaned text in the file's own encoding through :func:`core.encoding.saving.save_document` (atomic,
   with a numbered backup that never replaces an earlier one).
"""

from __future__ import annotations

import enum
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple

from pathspec import GitIgnoreSpec

from .cancel import Cancelled, checkpoint
from .changes import Severity, apply_changes
from .encoding.decoding import BinaryFileError, EmptyFileError, LoadError, decode_bytes, read_file
from .encoding.disk import FileStamp
from .encoding.memory import check_fits, out_of_memory_message
from .encoding.saving import SaveError, SaveOptions, backup_names, save_document
from .engine import EngineConfig, analyze
from .processes import map_batch

GITIGNORE = ".gitignore"
# Folders of version-control systems: never text to clean, and git itself never lists them.
VCS_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs"})
BACKUP_NAME = re.compile(r"(?P<original>.+)\.bak(?:\.[0-9]+)?")
SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def counted(number: int, noun: str) -> str:
    """``1 file``, ``2,000 files``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


# -- listing ----------------------------------------------------------------------------------

class IgnoreRules:
    """The ignore files that apply inside one folder, outermost first.

    Attributes:
        layers: (the folder an ignore file belongs to, its patterns), outermost first.
    """

    def __init__(self, layers: tuple[tuple[Path, GitIgnoreSpec], ...] = ()) -> None:
        self.layers = layers

    def with_file(self, base: Path, ignore_file: Path) -> IgnoreRules:
        """These rules and those of ``ignore_file``, whose patterns are relative to ``base``.

        An ignore file that cannot be read adds nothing (git does the same).
        """
        try:
            lines = ignore_file.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
        except OSError:
            return self
        spec = GitIgnoreSpec.from_lines(lines)
        return IgnoreRules((*self.layers, (base, spec))) if spec.patterns else self

    def ignores(self, path: Path, is_folder: bool) -> bool:
        """Whether git would ignore ``path`` (a folder when ``is_folder``): the deepest ignore file
        that has a matching pattern decides, and within it the last matching pattern."""
        for base, spec in reversed(self.layers):
            relative = path.relative_to(base).as_posix() + ("/" if is_folder else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False


def repository_rules(folder: Path) -> IgnoreRules:
    """The ignore rules that reach ``folder`` from above: when it lies inside a git repository,
    ``.git/info/exclude`` and every ``.gitignore`` from the repository's root down to the folder's
    parent (the folder's own ``.gitignore`` is read by the walk)."""
    above = [parent for parent in folder.parents]
    root = next((parent for parent in above if (parent / ".git").exists()), None)
    if root is None:
        return IgnoreRules()
    rules = IgnoreRules().with_file(root, root / ".git" / "info" / "exclude")
    for parent in reversed(above[:above.index(root) + 1]):
        rules = rules.with_file(parent, parent / GITIGNORE)
    return rules


class ListedFile(NamedTuple):
    """A file to scan.

    Attributes:
        path: where it is.
        label: its path below the common folder of what was dropped, as the list shows it.
        size: its size when it was listed (for progress).
    """

    path: Path
    label: str
    size: int


@dataclass
class Listing:
    """What a walk found.

    Attributes:
        files: the files to scan, folder by folder in name order.
        problems: folders and dropped paths that could not be read (as failed scans).
        ignored: files and folders left out by an ignore file (an ignored folder counts once).
        links: symbolic links found inside folders, not followed.
        backups: Glyphwash backups (``NAME.bak``, ``NAME.bak.N`` beside ``NAME``), left out.
        special: entries that are not regular files (FIFOs, sockets, devices), left out.
    """

    files: list[ListedFile] = field(default_factory=list)
    problems: list[FileScan] = field(default_factory=list)
    ignored: int = 0
    links: int = 0
    backups: int = 0
    special: int = 0

    @property
    def total_size(self) -> int:
        return sum(listed.size for listed in self.files)


def common_base(roots: Sequence[Path]) -> Path:
    """The folder that labels are relative to: a single dropped folder itself, else the common
    parent of everything dropped."""
    if len(roots) == 1 and roots[0].is_dir():
        return roots[0]
    return Path(os.path.commonpath([str(root.parent) for root in roots]))


def _label(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def list_files(roots: Sequence[str | os.PathLike[str]],
               on_progress: Callable[[int], None] | None = None) -> Listing:
    """The files below ``roots`` to scan, honouring ignore files (see the module's docstring).

    A dropped file is taken as it is (also when it is a link or an ignore file names it: it was
    asked for); a dropped folder is walked. Each file is listed once, however often it is reached.

    Args:
        roots: dropped files and folders.
        on_progress: called with the number of files listed so far, once per folder.

    Raises:
        Cancelled: the surrounding :func:`core.cancel.cancellable` block was asked to stop.
    """
    # A dropped folder may be a link to one: walked as the folder it names, labels relative to it.
    paths = [Path(os.path.realpath(root)) if os.path.isdir(root) else Path(os.path.abspath(root)) for root in roots]
    base = common_base(paths) if paths else Path.cwd()
    listing = Listing()
    seen: set[Path] = set()
    for root in paths:
        if root.is_dir():
            _walk(root, base, listing, seen, on_progress)
            continue
        try:
            size = root.stat().st_size
        except OSError as error:
            listing.problems.append(_unreadable(root, _label(root, base), error))
            continue
        if root not in seen:
            seen.add(root)
            listing.files.append(ListedFile(root, _label(root, base), size))
    return listing


def _walk(folder: Path, base: Path, listing: Listing, seen: set[Path],
          on_progress: Callable[[int], None] | None) -> None:
    """Add the files below ``folder`` to ``listing``: depth first, each folder's entries in name
    order, its files before its subfolders."""
    stack: list[tuple[Path, IgnoreRules]] = [(folder, repository_rules(folder))]
    while stack:
        checkpoint()
        current, rules = stack.pop()
        try:
            with os.scandir(current) as scanner:
                entries = sorted(scanner, key=lambda entry: entry.name)
        except OSError as error:
            listing.problems.append(_unreadable(current, _label(current, base) + "/", error))
            continue
        names = {entry.name for entry in entries}
        if GITIGNORE in names:
            rules = rules.with_file(current, current / GITIGNORE)
        subfolders: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                listing.links += 1
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
                is_file = not is_folder and entry.is_file(follow_symlinks=False)
            except OSError:  # vanished since the folder was read
                continue
            if is_folder and entry.name in VCS_FOLDERS:
                continue
            if rules.ignores(path, is_folder):
                listing.ignored += 1
            elif is_folder:
                subfolders.append(path)
            elif not is_file:
                listing.special += 1
            elif _is_backup(entry.name, names):
                listing.backups += 1
            elif path not in seen:
                try:
                    size = entry.stat(follow_symlinks=False).st_size
                except OSError:  # vanished since the folder was read: nothing to scan
                    continue
                seen.add(path)
                listing.files.append(ListedFile(path, _label(path, base), size))
        stack.extend((subfolder, rules) for subfolder in reversed(subfolders))
        if on_progress is not None:
            on_progress(len(listing.files))


def _is_backup(name: str, names: set[str]) -> bool:
    """Whether ``name`` is a backup Glyphwash made of a file that is in the same folder."""
    match = BACKUP_NAME.fullmatch(name)
    return match is not None and match["original"] in names


# -- scanning ---------------------------------------------------------------------------------

class Outcome(enum.Enum):
    """What scanning a file gave."""

    TEXT = "text"  # read and analysed
    SKIPPED = "skipped"  # binary or empty: not text to check
    FAILED = "failed"  # could not be read


@dataclass(frozen=True, slots=True)
class FileScan:
    """One file's summary: what the list shows and what cleaning it needs.

    Attributes:
        path: the file.
        label: its path as the list shows it (relative to what was dropped).
        size: bytes read (or listed, when it could not be read).
        outcome: text, skipped or failed.
        reason: why it was skipped or failed, without the file's path.
        encoding: the encoding it was read in.
        confidence: how sure the detection is.
        stamp: what the file held when it was scanned; cleaning refuses it if that changed.
        changes: how many changes the rules propose.
        by_rule: (rule id, changes), most first.
        by_severity: changes of each severity, in :data:`SEVERITIES` order (error first).
        hidden_text: messages hidden in tag characters.
        decode_errors: runs of undecodable bytes (kept as they are when cleaning).
    """

    path: Path
    label: str
    size: int
    outcome: Outcome
    reason: str = ""
    encoding: str = ""
    confidence: float = 0.0
    stamp: FileStamp | None = None
    changes: int = 0
    by_rule: tuple[tuple[str, int], ...] = ()
    by_severity: tuple[int, int, int] = (0, 0, 0)
    hidden_text: int = 0
    decode_errors: int = 0

    def count_of(self, severity: Severity) -> int:
        """Changes of ``severity``."""
        return self.by_severity[SEVERITIES.index(severity)]

    @property
    def rules_text(self) -> str:
        """``homoglyphs 205 · invisible 3``: the counts per rule, most first."""
        return " · ".join(f"{rule} {count}" for rule, count in self.by_rule)


def _without_path(message: str, path: Path) -> str:
    """A loader's message without the path it starts with (the list names the file already)."""
    for prefix in (f"{path}: ", f"{path} "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _unreadable(path: Path, label: str, error: OSError) -> FileScan:
    reason = error.strerror or str(error)
    return FileScan(path, label, 0, Outcome.FAILED, f"cannot be read: {reason}")


def scan_file(listed: ListedFile, config: EngineConfig) -> FileScan:
    """Read, decode and analyse one file; a summary of what the rules would change.

    Never raises for a file's own problem (unreadable, vanished, a link loop, too big, binary,
    empty, an undecodable encoding, even a bug in a rule): it becomes the scan's outcome and
    reason, so one bad file never stops a batch.

    Raises:
        Cancelled: the surrounding :func:`core.cancel.cancellable` block was asked to stop.
    """
    path, label, size = listed
    try:
        check_fits(path, size)
        data, stamp = read_file(path)
        decoded = decode_bytes(data, path=path, stamp=stamp)
    except (BinaryFileError, EmptyFileError) as error:
        return FileScan(path, label, size, Outcome.SKIPPED, _without_path(str(error), path))
    except LoadError as error:
        return FileScan(path, label, size, Outcome.FAILED, _without_path(str(error), path))
    except LookupError as error:  # a codec that cannot be looked up (should not happen when detecting)
        return FileScan(path, label, size, Outcome.FAILED, str(error))
    except MemoryError:
        return FileScan(path, label, size, Outcome.FAILED, _without_path(out_of_memory_message(path), path))
    try:
        analysis = analyze(decoded.text, config, newline=decoded.newline_sequence)
    except Cancelled:
        raise
    except MemoryError:
        return FileScan(path, label, len(data), Outcome.FAILED, _without_path(out_of_memory_message(path), path))
    except Exception as error:  # a bug in a rule must not stop the batch: name it and go on
        return FileScan(path, label, len(data), Outcome.FAILED,
                        f"internal error: {type(error).__name__}: {error} (please report this)")
    changes = analysis.changes
    by_rule = Counter(changes.rules) if len(changes) else Counter[str]()
    by_severity = Counter(changes.severities) if len(changes) else Counter[Severity]()
    return FileScan(
        path, label, len(data), Outcome.TEXT, encoding=decoded.encoding, confidence=decoded.confidence,
        stamp=stamp, changes=len(changes),
        by_rule=tuple(sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))),
        by_severity=(by_severity[Severity.ERROR], by_severity[Severity.WARNING], by_severity[Severity.INFO]),
        hidden_text=len(analysis.hidden_text), decode_errors=len(decoded.decode_errors),
    )


def scan_files(files: Sequence[ListedFile], config: EngineConfig, *, workers: int | None = None) -> Iterator[FileScan]:
    """:func:`scan_file` for each file, in order, stoppable between files and within each.

    A big batch is scanned in ``workers`` processes (:mod:`core.processes`; ``None``: as many as
    the batch is worth, ``0``: in the calling thread); the results are the same.

    Raises:
        Cancelled: asked to stop.
        WorkerLost: a worker process died (the files before it were handed back).
    """
    return map_batch(partial(scan_file, config=config), files, sum(listed.size for listed in files), workers=workers)


@dataclass
class ScanTotals:
    """Counts over a batch's scans, for the heading of the list."""

    text: int = 0
    with_changes: int = 0
    changes: int = 0
    skipped: int = 0
    failed: int = 0

    def add(self, scans: Iterable[FileScan]) -> None:
        for scan in scans:
            if scan.outcome is Outcome.TEXT:
                self.text += 1
                self.with_changes += bool(scan.changes)
                self.changes += scan.changes
            elif scan.outcome is Outcome.SKIPPED:
                self.skipped += 1
            else:
                self.failed += 1


def totals_text(totals: ScanTotals, listing: Listing | None) -> str:
    """``2,000 text files · 734 with changes (12,345 changes) · 30 binary or empty skipped · …``."""
    parts = [counted(totals.text, "text file"),
             f"{totals.with_changes:,} with changes ({counted(totals.changes, 'change')})"]
    if totals.skipped:
        parts.append(f"{totals.skipped:,} binary or empty skipped")
    if totals.failed:
        parts.append(f"{totals.failed:,} could not be read")
    if listing is not None:
        for count, what in ((listing.ignored, "ignored by .gitignore"), (listing.links, "links not followed"),
                            (listing.backups, "backups left out"), (listing.special, "special files left out")):
            if count:
                parts.append(f"{count:,} {what}")
    return " · ".join(parts)


# -- cleaning ---------------------------------------------------------------------------------

def next_backup(path: Path) -> Path:
    """Where a save would keep ``path``'s current bytes now: the first free backup name (beside
    the file a link points to, as :func:`core.encoding.saving.write_atomic` does)."""
    target = Path(os.path.realpath(path))
    return next((name for name in backup_names(target) if not os.path.lexists(name)), target)


class CleanPlan(NamedTuple):
    """What *Clean all* would write.

    Attributes:
        files: the scanned text files with changes, in list order.
        backups: for each, where its current version would be kept (None without backups).
        changes: the changes in all.
        backup: whether backups are kept.
    """

    files: tuple[FileScan, ...]
    backups: tuple[Path | None, ...]
    changes: int
    backup: bool


def plan_clean(scans: Iterable[FileScan], *, backup: bool = True) -> CleanPlan:
    """The files cleaning all would overwrite: every text file whose scan found changes."""
    files = tuple(scan for scan in scans if scan.outcome is Outcome.TEXT and scan.changes)
    backups = tuple(next_backup(scan.path) if backup else None for scan in files)
    return CleanPlan(files, backups, sum(scan.changes for scan in files), backup)


def plan_lines(plan: CleanPlan) -> list[str]:
    """One line per file of ``plan``: ``label — N changes — backup NAME.bak``."""
    lines = []
    for scan, backup in zip(plan.files, plan.backups, strict=True):
        kept = f" — backup {backup.name}" if backup is not None else " — no backup"
        lines.append(f"{scan.label} — {counted(scan.changes, 'change')} ({scan.encoding}){kept}")
    return lines


class CleanOutcome(NamedTuple):
    """What cleaning one file did.

    Attributes:
        scan: the file's scan.
        written: whether the cleaned text was written.
        changes: the changes written.
        backup: where its previous version was kept, if a backup was made.
        reason: why nothing was written.
    """

    scan: FileScan
    written: bool
    changes: int = 0
    backup: Path | None = None
    reason: str = ""


CHANGED_SINCE_SCAN = "changed on disk since it was scanned; nothing was written (scan again to review it)"


def clean_file(scan: FileScan, config: EngineConfig, *, backup: bool = True) -> CleanOutcome:
    """Write the cleaned text of the file ``scan`` describes over it, in its own encoding.

    Refused (nothing written) when the file no longer holds the scanned bytes. Otherwise the
    bytes are read again, decoded and analysed as they were when scanned (same bytes, same
    result), and written through :func:`core.encoding.saving.save_document`, which checks the file once
    more just before writing, writes atomically and keeps the previous version as a backup.
    Never raises for the file's own problem: it becomes the outcome's reason.

    Raises:
        Cancelled: asked to stop before the file was written (it is then unchanged).
    """
    path = scan.path
    if scan.outcome is not Outcome.TEXT or scan.stamp is None:
        return CleanOutcome(scan, False, reason="not a scanned text file; nothing was written")
    try:
        data, stamp = read_file(path)
    except LoadError as error:
        missing = not os.path.lexists(path)
        reason = ("was deleted or moved since it was scanned; nothing was written" if missing
                  else _without_path(str(error), path) + "; nothing was written")
        return CleanOutcome(scan, False, reason=reason)
    if (stamp.size, stamp.digest) != (scan.stamp.size, scan.stamp.digest):
        return CleanOutcome(scan, False, reason=CHANGED_SINCE_SCAN)
    try:
        decoded = decode_bytes(data, path=path, stamp=stamp)
        analysis = analyze(decoded.text, config, newline=decoded.newline_sequence)
        text = apply_changes(decoded.text, analysis.changes)
        saved = save_document(decoded, text, path, SaveOptions(backup=backup), expected=scan.stamp)
    except Cancelled:
        raise
    except (LoadError, SaveError) as error:
        return CleanOutcome(scan, False, reason=_without_path(str(error), path))
    except MemoryError:
        return CleanOutcome(scan, False, reason=_without_path(out_of_memory_message(path), path))
    except Exception as error:  # a bug must not stop the batch: name it and go on
        return CleanOutcome(scan, False, reason=f"internal error: {type(error).__name__}: {error} "
                                                "(please report this); nothing was written")
    return CleanOutcome(scan, True, len(analysis.changes), saved.backup)


def clean_all(plan: CleanPlan, config: EngineConfig, *, workers: int | None = None) -> Iterator[CleanOutcome]:
    """:func:`clean_file` for each file of ``plan``, in order; stoppable between files and before
    each write (a file being written is finished: writes are atomic and never interrupted).

    A big plan is cleaned in worker processes, as :func:`scan_files` scans.

    Raises:
        Cancelled: asked to stop; the files already written stay written.
        WorkerLost: a worker process died (the outcomes before it were handed back).
    """
    return map_batch(partial(clean_file, config=config, backup=plan.backup), plan.files,
                     sum(scan.size for scan in plan.files), workers=workers)


def summary_lines(outcomes: Sequence[CleanOutcome], plan: CleanPlan) -> tuple[str, list[str]]:
    """The headline and the detailed lines of a finished (or stopped) *Clean all*.

    Files of ``plan`` without an outcome were not reached (the run was cancelled).
    """
    written = [outcome for outcome in outcomes if outcome.written]
    failed = [outcome for outcome in outcomes if not outcome.written]
    reached = {outcome.scan.path for outcome in outcomes}
    not_reached = [scan for scan in plan.files if scan.path not in reached]
    changes = sum(outcome.changes for outcome in written)
    headline = f"Wrote {counted(len(written), 'file')} ({counted(changes, 'change')})"
    if failed:
        headline += f"; {len(failed):,} failed"
    if not_reached:
        headline += f"; {len(not_reached):,} not cleaned (cancelled)"
    lines: list[str] = []
    if failed:
        lines += ["Failed (nothing written):"] + [f"  {outcome.scan.label}: {outcome.reason}" for outcome in failed]
    if written:
        lines += ["Written:"] + [
            f"  {outcome.scan.label} — {counted(outcome.changes, 'change')}"
            + (f" — previous version kept as {outcome.backup.name}" if outcome.backup is not None else "")
            for outcome in written]
    if not_reached:
        lines += ["Not cleaned (cancelled before they were reached):"] + [f"  {scan.label}" for scan in not_reached]
    return headline + ".", lines
