"""The batch: listing a folder with its ignore files, scanning each file, cleaning them all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glyphwash.core import batch
from glyphwash.core.batch import (
    CHANGED_SINCE_SCAN,
    FileScan,
    ListedFile,
    Outcome,
    ScanTotals,
    clean_all,
    clean_file,
    list_files,
    plan_clean,
    plan_lines,
    scan_file,
    scan_files,
    summary_lines,
    totals_text,
)
from glyphwash.core.cancel import Cancelled, cancellable
from glyphwash.core.changes import Severity
from glyphwash.core.engine import EngineConfig
from glyphwash.core.processes import workers_for

HOMOGLYPHS = "The capital of South Korеa is Sеoul.\n"  # two Cyrillic е
ZERO_WIDTH = "pay\u200bpal and\u00a0more\n"  # invisible (error) and spaces (info)
RUSSIAN = "Привет, как дела? Это обычный русский текст в кодировке windows-1251, и его должно быть видно.\n" * 3
CONFIG = EngineConfig()


def tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path → text as UTF-8, or bytes) below ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def labels(root: Path) -> list[str]:
    return [listed.label for listed in list_files([root]).files]


# -- listing ----------------------------------------------------------------------------------

def test_a_folder_is_listed_depth_first_in_name_order(tmp_path: Path) -> None:
    tree(tmp_path, {"b.txt": "b", "a.txt": "a", "sub/c.txt": "c", "sub/deeper/d.txt": "d", "aa/e.txt": "e"})
    assert labels(tmp_path) == ["a.txt", "b.txt", "aa/e.txt", "sub/c.txt", "sub/deeper/d.txt"]


def test_gitignore_patterns_follow_git(tmp_path: Path) -> None:
    tree(tmp_path, {
        ".gitignore": "*.log\n!keep.log\nbuild/\n/top.txt\n# a comment\n",
        "a.log": "x", "keep.log": "x", "top.txt": "x", "sub/top.txt": "x",
        "build/out.txt": "x", "sub/build/out.txt": "x", "notes.txt": "x",
    })
    listing = list_files([tmp_path])
    assert [listed.label for listed in listing.files] == [".gitignore", "keep.log", "notes.txt", "sub/top.txt"]
    assert listing.ignored == 4  # a.log, top.txt, build/, sub/build/ (an ignored folder counts once)


def test_the_deepest_gitignore_decides(tmp_path: Path) -> None:
    tree(tmp_path, {
        ".gitignore": "*.md\n",
        "docs/.gitignore": "!*.md\nsecret.txt\n",
        "a.md": "x", "docs/b.md": "x", "docs/secret.txt": "x", "docs/deep/c.md": "x", "other/secret.txt": "x",
    })
    assert labels(tmp_path) == [".gitignore", "docs/.gitignore", "docs/b.md", "docs/deep/c.md", "other/secret.txt"]


def test_a_file_in_an_ignored_folder_cannot_be_re_included(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "vendor/\n!vendor/keep.txt\n", "vendor/keep.txt": "x", "main.txt": "x"})
    assert labels(tmp_path) == [".gitignore", "main.txt"]


def test_the_repository_s_ignore_files_above_a_dropped_subfolder_apply(tmp_path: Path) -> None:
    tree(tmp_path, {".git/info/exclude": "*.tmp\n", ".gitignore": "*.gen.txt\n", "src/.gitignore": "local/\n",
                    "src/app/a.txt": "x", "src/app/b.gen.txt": "x", "src/app/c.tmp": "x", "src/app/local/d.txt": "x"})
    assert labels(tmp_path / "src" / "app") == ["a.txt"]


def test_without_a_repository_only_the_dropped_folder_s_ignore_files_count(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "*.txt\n", "inner/a.txt": "x"})
    assert labels(tmp_path / "inner") == ["a.txt"]


def test_version_control_folders_are_never_listed(tmp_path: Path) -> None:
    tree(tmp_path, {".git/config": "x", ".hg/store": "x", ".svn/entries": "x", "a.txt": "x"})
    assert labels(tmp_path) == ["a.txt"]


def test_links_inside_a_folder_are_not_followed_so_loops_end(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": "x", "sub/b.txt": "x"})
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder loop
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")  # a link loop
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "dangling").symlink_to(tmp_path / "missing")
    listing = list_files([tmp_path])
    assert [listed.label for listed in listing.files] == ["a.txt", "sub/b.txt"]
    assert listing.links == 5


def test_a_dropped_link_to_a_folder_is_walked_as_that_folder(tmp_path: Path) -> None:
    tree(tmp_path, {"real/a.txt": "x"})
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert labels(tmp_path / "link") == ["a.txt"]


def test_fifos_and_other_special_files_are_left_out(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": "x"})
    os.mkfifo(tmp_path / "pipe")
    listing = list_files([tmp_path])
    assert [listed.label for listed in listing.files] == ["a.txt"]
    assert listing.special == 1


def test_glyphwash_backups_beside_their_file_are_left_out(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": "x", "a.txt.bak": "x", "a.txt.bak.2": "x", "orphan.txt.bak": "x", "b.bak.x": "x"})
    listing = list_files([tmp_path])
    assert [listed.label for listed in listing.files] == ["a.txt", "b.bak.x", "orphan.txt.bak"]
    assert listing.backups == 2


def test_dropped_files_and_folders_are_labelled_below_their_common_folder(tmp_path: Path) -> None:
    tree(tmp_path, {"one/a.txt": "x", "two/b.txt": "x", "c.txt": "x"})
    listing = list_files([tmp_path / "one", tmp_path / "c.txt", tmp_path / "one", tmp_path / "one" / "a.txt"])
    assert [listed.label for listed in listing.files] == ["one/a.txt", "c.txt"]
    assert listing.total_size == 2


def test_an_unreadable_folder_is_a_problem_and_the_walk_goes_on(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"locked/a.txt": "x", "open/b.txt": "x"})
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(batch.os, "scandir", scandir)
    listing = list_files([tmp_path])
    assert [listed.label for listed in listing.files] == ["open/b.txt"]
    assert [(problem.label, problem.outcome, problem.reason) for problem in listing.problems] == \
        [("locked/", Outcome.FAILED, "cannot be read: Permission denied")]


def test_an_unreadable_folder_for_real(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    tree(tmp_path, {"locked/a.txt": "x"})
    (tmp_path / "locked").chmod(0)
    try:
        assert [problem.label for problem in list_files([tmp_path]).problems] == ["locked/"]
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_a_dropped_path_that_vanished_is_a_problem(tmp_path: Path) -> None:
    listing = list_files([tmp_path / "gone.txt"])
    assert listing.files == []
    assert listing.problems[0].outcome is Outcome.FAILED


def test_listing_stops_when_cancelled(tmp_path: Path) -> None:
    tree(tmp_path, {"a/b.txt": "x"})
    with cancellable(lambda: True), pytest.raises(Cancelled):
        list_files([tmp_path])


# -- scanning ---------------------------------------------------------------------------------

def scanned(path: Path, config: EngineConfig = CONFIG) -> FileScan:
    return scan_file(ListedFile(path, path.name, path.stat().st_size if path.exists() else 0), config)


def test_a_scan_counts_changes_per_rule_and_per_severity(tmp_path: Path) -> None:
    path = tree(tmp_path, {"a.txt": HOMOGLYPHS + ZERO_WIDTH})
    scan = scanned(path / "a.txt")
    assert scan.outcome is Outcome.TEXT
    assert scan.encoding == "utf-8"
    assert scan.changes == 4
    assert dict(scan.by_rule) == {"homoglyphs": 2, "invisible": 1, "spaces": 1}
    assert scan.by_rule[0] == ("homoglyphs", 2)
    assert (scan.count_of(Severity.ERROR), scan.count_of(Severity.WARNING), scan.count_of(Severity.INFO)) == (1, 2, 1)
    assert scan.rules_text == "homoglyphs 2 · invisible 1 · spaces 1"
    assert scan.stamp is not None and scan.stamp.size == scan.size


def test_a_scan_reads_legacy_encodings(tmp_path: Path) -> None:
    path = tree(tmp_path, {"ru.txt": RUSSIAN.encode("cp1251")}) / "ru.txt"
    scan = scanned(path)
    assert (scan.outcome, scan.encoding, scan.changes) == (Outcome.TEXT, "windows-1251", 0)


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n" + bytes(100), bytes(range(256)) * 64, b""])
def test_binary_and_empty_files_are_skipped(tmp_path: Path, content: bytes) -> None:
    path = tree(tmp_path, {"x.bin": content}) / "x.bin"
    scan = scanned(path)
    assert scan.outcome is Outcome.SKIPPED
    assert str(path) not in scan.reason and scan.reason


def test_a_file_that_vanished_since_it_was_listed_fails_with_a_reason(tmp_path: Path) -> None:
    scan = scan_file(ListedFile(tmp_path / "gone.txt", "gone.txt", 10), CONFIG)
    assert scan.outcome is Outcome.FAILED
    assert scan.reason == "does not exist (was it moved or deleted?)"


def test_an_unreadable_file_fails_with_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tree(tmp_path, {"a.txt": "x"}) / "a.txt"

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("glyphwash.core.encoding.decoding.read_stamped", refuse)
    scan = scanned(path)
    assert (scan.outcome, scan.reason) == (Outcome.FAILED, "cannot be read: permission denied")


def test_a_symbolic_link_loop_dropped_as_a_file_fails_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    listing = list_files([tmp_path / "a"])
    assert listing.files == [] and listing.problems[0].outcome is Outcome.FAILED
    scan = scan_file(ListedFile(tmp_path / "a", "a", 0), CONFIG)
    assert (scan.outcome, scan.reason) == (Outcome.FAILED, "is a symbolic link loop")


def test_a_bug_in_a_rule_fails_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"a.txt": "boom\n", "b.txt": HOMOGLYPHS})
    real_analyze = batch.analyze

    def analyze(text: str, config: EngineConfig, *, newline: str = "\n") -> object:
        if text.startswith("boom"):
            raise ValueError("a bug")
        return real_analyze(text, config, newline=newline)

    monkeypatch.setattr(batch, "analyze", analyze)
    scans = list(scan_files(list_files([tmp_path]).files, CONFIG))
    assert [(scan.outcome, scan.reason) for scan in scans] == [
        (Outcome.FAILED, "internal error: ValueError: a bug (please report this)"), (Outcome.TEXT, "")]


def test_scanning_stops_when_cancelled(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": HOMOGLYPHS, "b.txt": HOMOGLYPHS})
    files = list_files([tmp_path]).files
    calls = []
    with cancellable(lambda: bool(calls.append(1)) or len(calls) > 1), pytest.raises(Cancelled):
        list(scan_files(files, CONFIG))


def test_totals_count_each_kind(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "*.log\n", "a.txt": HOMOGLYPHS, "b.txt": "clean\n", "c.png": b"\x89PNG\r\n\x1a\n",
                    "d.log": "x"})
    listing = list_files([tmp_path])
    totals = ScanTotals()
    totals.add(scan_files(listing.files, CONFIG))
    totals.add(listing.problems)
    assert totals_text(totals, listing) == ("3 text files · 1 with changes (2 changes) · 1 binary or empty skipped"
                                            " · 1 ignored by .gitignore")


# -- cleaning ---------------------------------------------------------------------------------

def scans_of(root: Path) -> list[FileScan]:
    return list(scan_files(list_files([root]).files, CONFIG))


def test_the_plan_lists_files_with_changes_and_their_next_backups(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": HOMOGLYPHS, "b.txt": "clean\n", "c.txt": ZERO_WIDTH, "c.txt.bak": "older"})
    plan = plan_clean(scans_of(tmp_path))
    assert [scan.label for scan in plan.files] == ["a.txt", "c.txt"]
    assert plan.changes == 4
    assert [backup.name for backup in plan.backups if backup is not None] == ["a.txt.bak", "c.txt.bak.2"]
    assert plan_lines(plan) == ["a.txt — 2 changes (utf-8) — backup a.txt.bak",
                                "c.txt — 2 changes (utf-8) — backup c.txt.bak.2"]
    without = plan_clean(scans_of(tmp_path), backup=False)
    assert without.backups == (None, None)
    assert plan_lines(without)[0] == "a.txt — 2 changes (utf-8) — no backup"


def test_cleaning_writes_each_file_in_its_own_encoding_with_a_backup(tmp_path: Path) -> None:
    russian_with_nbsp = ("Привет,\u00a0" + RUSSIAN).encode("cp1251")
    tree(tmp_path, {"ru.txt": russian_with_nbsp, "en.txt": HOMOGLYPHS})
    plan = plan_clean(scans_of(tmp_path))
    outcomes = list(clean_all(plan, CONFIG))
    assert [(outcome.scan.label, outcome.written, outcome.changes) for outcome in outcomes] == \
        [("en.txt", True, 2), ("ru.txt", True, 1)]
    assert (tmp_path / "en.txt").read_text(encoding="utf-8") == HOMOGLYPHS.replace("\u0435", "e")
    assert (tmp_path / "ru.txt").read_bytes() == ("Привет, " + RUSSIAN).encode("cp1251")
    assert (tmp_path / "ru.txt.bak").read_bytes() == russian_with_nbsp
    assert outcomes[1].backup == tmp_path / "ru.txt.bak"
    headline, lines = summary_lines(outcomes, plan)
    assert headline == "Wrote 2 files (3 changes)."
    assert lines == ["Written:", "  en.txt — 2 changes — previous version kept as en.txt.bak",
                     "  ru.txt — 1 change — previous version kept as ru.txt.bak"]


def test_cleaning_without_backups_keeps_none(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": HOMOGLYPHS})
    outcomes = list(clean_all(plan_clean(scans_of(tmp_path), backup=False), CONFIG))
    assert outcomes[0].written and outcomes[0].backup is None
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt"]


def test_a_file_changed_since_the_scan_is_refused_and_left_alone(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": HOMOGLYPHS, "b.txt": ZERO_WIDTH})
    plan = plan_clean(scans_of(tmp_path))
    (tmp_path / "a.txt").write_text("Korеa, edited by someone else\n", encoding="utf-8")
    outcomes = list(clean_all(plan, CONFIG))
    assert [(outcome.written, outcome.reason) for outcome in outcomes] == [(False, CHANGED_SINCE_SCAN), (True, "")]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Korеa, edited by someone else\n"
    assert not (tmp_path / "a.txt.bak").exists()
    headline, lines = summary_lines(outcomes, plan)
    assert headline == "Wrote 1 file (2 changes); 1 failed."
    assert lines[:2] == ["Failed (nothing written):", f"  a.txt: {CHANGED_SINCE_SCAN}"]


def test_a_file_deleted_since_the_scan_is_not_recreated(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": HOMOGLYPHS})
    scan = scans_of(tmp_path)[0]
    (tmp_path / "a.txt").unlink()
    outcome = clean_file(scan, CONFIG)
    assert not outcome.written
    assert outcome.reason == "was deleted or moved since it was scanned; nothing was written"
    assert not (tmp_path / "a.txt").exists()


def test_a_file_changed_between_the_check_and_the_write_is_refused(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"a.txt": HOMOGLYPHS})
    scan = scans_of(tmp_path)[0]
    real_analyze = batch.analyze

    def analyze_while_someone_edits(text: str, config: EngineConfig, *, newline: str = "\n") -> object:
        (tmp_path / "a.txt").write_text("edited meanwhile\n", encoding="utf-8")
        return real_analyze(text, config, newline=newline)

    monkeypatch.setattr(batch, "analyze", analyze_while_someone_edits)
    outcome = clean_file(scan, CONFIG)
    assert not outcome.written and "changed by another program" in outcome.reason
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "edited meanwhile\n"


def test_a_write_failure_is_reported_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, {"a.txt": HOMOGLYPHS, "b.txt": ZERO_WIDTH})
    plan = plan_clean(scans_of(tmp_path))
    real_replace = os.replace

    def replace(source: str, target: str | Path) -> None:
        if Path(target).name == "a.txt":
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr("glyphwash.core.encoding.saving.os.replace", replace)
    outcomes = list(clean_all(plan, CONFIG))
    assert [outcome.written for outcome in outcomes] == [False, True]
    assert outcomes[0].reason.startswith("could not save") and "No space left on device" in outcomes[0].reason
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == HOMOGLYPHS
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "b.txt", "b.txt.bak"]


def test_cancelling_stops_before_the_next_write(tmp_path: Path) -> None:
    tree(tmp_path, {"a.txt": HOMOGLYPHS, "b.txt": HOMOGLYPHS, "c.txt": HOMOGLYPHS})
    plan = plan_clean(scans_of(tmp_path))
    outcomes = []
    with cancellable(lambda: len(outcomes) >= 1), pytest.raises(Cancelled):
        for outcome in clean_all(plan, CONFIG):
            outcomes.append(outcome)
    assert [outcome.written for outcome in outcomes] == [True]
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == HOMOGLYPHS
    headline, lines = summary_lines(outcomes, plan)
    assert headline == "Wrote 1 file (2 changes); 2 not cleaned (cancelled)."
    assert lines[-3:] == ["Not cleaned (cancelled before they were reached):", "  b.txt", "  c.txt"]


def test_only_scanned_text_files_are_cleaned(tmp_path: Path) -> None:
    skipped = FileScan(tmp_path / "x.png", "x.png", 10, Outcome.SKIPPED, "binary")
    assert clean_file(skipped, CONFIG).reason == "not a scanned text file; nothing was written"


# -- in worker processes ------------------------------------------------------------------------

def mixed_folder(root: Path, copies: int) -> Path:
    files: dict[str, str | bytes] = {}
    for number in range(copies):
        files.update({f"d{number}/en.txt": HOMOGLYPHS * (number + 1), f"d{number}/pay.md": ZERO_WIDTH,
                      f"d{number}/ru.txt": ("Привет,\u00a0" + RUSSIAN).encode("cp1251"),
                      f"d{number}/plain.txt": "Nothing to change.\n", f"d{number}/blob.bin": bytes(range(256)) * 4})
    return tree(root, files)


def test_a_big_batch_is_scanned_in_worker_processes_with_the_same_results(tmp_path: Path) -> None:
    files = list_files([mixed_folder(tmp_path, 20)]).files
    assert workers_for(len(files), sum(listed.size for listed in files)) > 0  # 100 files: processes
    in_thread = list(scan_files(files, CONFIG, workers=0))
    assert list(scan_files(files, CONFIG)) == in_thread
    assert list(scan_files(files, CONFIG, workers=2)) == in_thread
    assert {scan.outcome for scan in in_thread} == {Outcome.TEXT, Outcome.SKIPPED}


def test_a_big_plan_is_cleaned_in_worker_processes_as_in_the_thread(tmp_path: Path) -> None:
    folders = [mixed_folder(tmp_path / "thread", 4), mixed_folder(tmp_path / "processes", 4)]
    outcomes = [list(clean_all(plan_clean(scans_of(folder)), CONFIG, workers=workers))
                for folder, workers in zip(folders, (0, 2), strict=True)]
    assert [(outcome.scan.label, outcome.written, outcome.changes, outcome.backup is not None)
            for outcome in outcomes[0]] == [(outcome.scan.label, outcome.written, outcome.changes,
                                             outcome.backup is not None) for outcome in outcomes[1]]
    assert len(outcomes[0]) == 12 and all(outcome.written for outcome in outcomes[0])
    for path in sorted(folders[0].rglob("*")):
        if path.is_file():
            assert (folders[1] / path.relative_to(folders[0])).read_bytes() == path.read_bytes()


def test_clean_all_leaves_a_read_only_file_alone_and_says_so(tmp_path: Path) -> None:
    tree(tmp_path, {"locked.txt": HOMOGLYPHS, "open.txt": HOMOGLYPHS})
    (tmp_path / "locked.txt").chmod(0o444)
    try:
        plan = plan_clean(scans_of(tmp_path))
        outcomes = {outcome.scan.label: outcome for outcome in clean_all(plan, CONFIG)}
        assert outcomes["open.txt"].written and not outcomes["locked.txt"].written
        assert "read-only" in outcomes["locked.txt"].reason
        assert (tmp_path / "locked.txt").read_text(encoding="utf-8") == HOMOGLYPHS
        assert not (tmp_path / "locked.txt.bak").exists()
        headline, lines = summary_lines(list(outcomes.values()), plan)
        assert headline == "Wrote 1 file (2 changes); 1 failed."
        assert lines[:2] == ["Failed (nothing written):", f"  locked.txt: {outcomes['locked.txt'].reason}"]
    finally:
        (tmp_path / "locked.txt").chmod(0o644)
