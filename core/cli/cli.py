"""The headless commands: ``check``, ``clean`` and ``report``.

Every command takes several files, goes on past a file that fails (saying why on stderr) and
exits 2 at the end if any did. Nothing is ever written over an input unless asked (``--in-place``
or ``-o`` naming the input), and then the input's old bytes are kept as a new backup (``FILE.bak``,
or ``FILE.bak.2``… when that exists: a backup is never overwritten) unless ``--no-backup``; an
input that another program changed while it was being cleaned is not overwritten.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from ..changes import apply_changes
from ..encoding.decoding import DEFAULT_WARN_SIZE, DecodedDocument, LoadError, LooksBinaryError
from ..encoding.loading import decode_data, load_file
from ..encoding.saving import (
    NEWLINE_CHOICES,
    SaveError,
    SaveOptions,
    SaveResult,
    encode_document,
    overwrites_input,
    save_document,
)
from ..engine import Analysis, EngineConfig, analyze
from ..rules import RULES, RuleSpecError, parse_rules_spec
from ..unicode.unicode_data import script_aliases
from ..version import __version__
from ..view.display import STAND_IN_CHARS, escape_for_display

STDIN_LABEL = "<stdin>"
# Items of a long list (a record's changes) made into JSON at once (a few milliseconds in C).
JSON_ITEMS_PER_PIECE = 4096
WEB_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# The way past a binary guess, for the one who knows better (the window asks instead).
LOOKS_BINARY_HINT = "; to read it as text anyway, name its encoding with --in-encoding (e.g. --in-encoding latin-1)"

EPILOG_CHECK = """examples:
  glyphwash check notes.txt                  list every finding; exit 1 if any
  glyphwash check --rules none,+invisible src/*.py
  git diff --name-only | xargs glyphwash check
exit status: 0 no findings, 1 findings, 2 a file could not be read"""

EPILOG_CLEAN = """examples:
  glyphwash clean news.txt -o news.clean.txt
  glyphwash clean - -o - < in.txt > out.txt
  glyphwash clean docs/*.txt --out-dir cleaned/
  glyphwash clean legacy.txt -o out.txt --out-encoding utf-8 --newline lf
  glyphwash clean notes.txt --in-place       (keeps notes.txt.bak; later runs notes.txt.bak.2, …)"""

EPILOG_REPORT = """examples:
  glyphwash report news.txt                  a summary per file
  glyphwash report *.txt --json > report.jsonl
JSON Lines fields: path, encoding, confidence, candidates, bom, newline, decode_errors,
changes[offset, length, line, column, original, replacement, rule, severity, reason],
counts, hidden_text, warnings, error. Offsets and columns count code points; lines and
columns are 1-based."""


class Job(NamedTuple):
    """One input of a command: how it is named in messages, and its document and analysis."""

    label: str
    document: DecodedDocument
    analysis: Analysis


class CommandError(Exception):
    """The command line itself is wrong (not one file)."""


def shown(text: str) -> str:
    """``text`` (a path, or a message naming one) safe to print on a terminal.

    Control, bidi and invisible characters become ``<RLO>``-style labels and undecodable bytes of
    a file name ``<xNN>``, so a crafted name cannot reorder or hide parts of a message (or crash
    the write: a lone surrogate has no UTF-8). Ordinary names, spaces and non-ASCII letters are
    printed as they are.
    """
    return escape_for_display(text, limit=max(len(text), 1))


def json_line(record: dict[str, Any]) -> str:
    """One JSON Lines record; bidi, invisible and control characters as ``\\uXXXX`` escapes.

    The parsed values are exactly the same (a path with a bidi control still names the file), but
    the line cannot reorder a terminal, and a lone surrogate is an escape rather than a write error.
    """
    return "".join(json_pieces(record))


def json_pieces(record: dict[str, Any], items_per_piece: int = JSON_ITEMS_PER_PIECE) -> Iterator[str]:
    """:func:`json_line` of ``record`` in pieces: a long list (the changes) ``items_per_piece`` items at a time.

    Joined, the pieces are exactly the one line. Made in pieces, no single call into C holds the
    GIL for a whole record of a million changes (the window exports in a worker thread).
    """
    yield "{"
    for number, (key, value) in enumerate(record.items()):
        head = (", " if number else "") + _json_text(key) + ": "
        if not isinstance(value, list) or len(value) <= items_per_piece:
            yield head + _json_text(value)
            continue
        yield head + "["
        for start in range(0, len(value), items_per_piece):
            yield (", " if start else "") + _json_text(value[start:start + items_per_piece])[1:-1]
        yield "]"
    yield "}"


def _json_text(value: object) -> str:
    return STAND_IN_CHARS.sub(_json_escape, json.dumps(value, ensure_ascii=False))


def _json_escape(match: re.Match[str]) -> str:
    code_point = ord(match.group())
    if code_point > 0xFFFF:
        code_point -= 0x10000
        return f"\\u{0xD800 + (code_point >> 10):04x}\\u{0xDC00 + (code_point & 0x3FF):04x}"
    return f"\\u{code_point:04x}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glyphwash",
        description="Make hidden text tricks visible and remove them. Without a command, opens the window.",
        epilog="Run 'glyphwash COMMAND --help' for a command's options. Rules: "
               + ", ".join(f"{rule.id}{'' if rule.default_on else ' (off)'}" for rule in RULES),
    )
    parser.add_argument("-V", "--version", action="version", version=f"glyphwash {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("rules and encodings")
    group.add_argument("--rules", default="default", metavar="SPEC",
                       help="'none', 'all', 'default', ids ('homoglyphs,invisible') or adjustments "
                            "('+quotes,-spaces'); default: %(default)s")
    group.add_argument("--allow", default="", metavar="CHARS", help="characters never changed")
    group.add_argument("--allow-script", action="append", default=[], metavar="SCRIPT",
                       help="letters of SCRIPT may stand inside words of another script (repeatable)")
    group.add_argument("--in-encoding", metavar="ENC",
                       help="read the input as ENC instead of detecting; utf-8+ENC (e.g. utf-8+windows-1252) "
                            "reads each line that is valid UTF-8 as UTF-8 and the others as ENC")
    group.add_argument("--max-size", type=int, default=DEFAULT_WARN_SIZE, metavar="BYTES",
                       help="warn about inputs larger than this (default: %(default)s)")

    output = argparse.ArgumentParser(add_help=False)
    out = output.add_argument_group("output")
    out.add_argument("--out-encoding", metavar="ENC", help="write as ENC (default: the input's)")
    out.add_argument("--bom", action=argparse.BooleanOptionalAction, default=None,
                     help="write a byte order mark (default: as the input)")
    out.add_argument("--newline", choices=NEWLINE_CHOICES, default="keep", help="line endings (default: keep)")

    formatter = argparse.RawDescriptionHelpFormatter
    check = commands.add_parser("check", parents=[common], epilog=EPILOG_CHECK, formatter_class=formatter,
                                help="list findings as path:line:col: rule: U+XXXX NAME -> replacement",
                                description="List what the rules would change, one finding a line.")
    check.add_argument("files", nargs="+", metavar="FILE", help="files to check ('-' reads stdin)")

    clean = commands.add_parser("clean", parents=[common, output], epilog=EPILOG_CLEAN,
                                formatter_class=formatter, help="write the normalized text",
                                description="Write the normalized text of each input.")
    clean.add_argument("files", nargs="+", metavar="FILE", help="files to clean ('-' reads stdin)")
    target = clean.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="OUT", help="output file for one input ('-' = stdout)")
    target.add_argument("--out-dir", metavar="DIR",
                        help="write each output under DIR, mirroring the inputs' paths below their common folder")
    target.add_argument("--in-place", action="store_true",
                        help="overwrite each input (keeps FILE.bak, or FILE.bak.2… if it exists; "
                             "a symbolic link is written through and stays a link)")
    clean.add_argument("--no-backup", dest="backup", action="store_false",
                       help="do not keep a backup when overwriting an input")

    report = commands.add_parser("report", parents=[common], epilog=EPILOG_REPORT, formatter_class=formatter,
                                 help="describe each file: encoding, newlines, changes by rule",
                                 description="Describe each file: encoding, candidates, newlines and changes.")
    report.add_argument("files", nargs="+", metavar="FILE", help="files to describe ('-' reads stdin)")
    report.add_argument("--json", action="store_true", help="one JSON object per file per line (JSON Lines)")
    return parser


def engine_config(args: argparse.Namespace) -> EngineConfig:
    """The engine settings the common options ask for.

    Raises:
        CommandError: unknown rule or script.
    """
    try:
        rules = parse_rules_spec(args.rules)
    except RuleSpecError as error:
        raise CommandError(str(error)) from None
    aliases = script_aliases()
    by_name = {name.lower(): name for name in aliases.values()} | {code.lower(): name for code, name in aliases.items()}
    scripts = set()
    for script in args.allow_script:
        if script.lower() not in by_name:
            raise CommandError(f"unknown script {script!r} for --allow-script (e.g. Latin, Cyrillic, Greek)")
        scripts.add(by_name[script.lower()])
    return EngineConfig(rules=rules, allow_chars=frozenset(args.allow), allow_scripts=frozenset(scripts))


def load_input(name: str, args: argparse.Namespace, stdin: TextIO) -> tuple[str, DecodedDocument]:
    """Read one input ('-' is stdin) as a document, with the label messages use for it."""
    if name == "-":
        try:
            return STDIN_LABEL, decode_data(stdin.buffer.read(), encoding=args.in_encoding)
        except LoadError as error:
            raise type(error)(f"{STDIN_LABEL}: {error}") from None
    if WEB_ADDRESS.match(name) and not os.path.lexists(name):
        raise LoadError(f"{name} is a web address, not a file: Glyphwash reads local files only and never downloads "
                        "anything; save the page as a text file first")
    return name, load_file(name, encoding=args.in_encoding, warn_size=args.max_size)


class Failure(NamedTuple):
    """An input that could not be loaded, and why."""

    label: str
    message: str


def iter_jobs(args: argparse.Namespace, config: EngineConfig, stdin: TextIO,
              stderr: TextIO) -> Iterator[Job | Failure]:
    """Load and analyze the inputs one at a time (a batch never holds more than one document)."""
    for name in args.files:
        try:
            label, document = load_input(name, args, stdin)
        except LoadError as error:
            message = str(error) + (LOOKS_BINARY_HINT if isinstance(error, LooksBinaryError) else "")
            print(f"glyphwash: {shown(message)}", file=stderr)
            yield Failure(STDIN_LABEL if name == "-" else name, message)
            continue
        except Exception as error:  # a bug must not stop the batch: name the file and go on
            yield internal_failure(STDIN_LABEL if name == "-" else name, error, stderr)
            continue
        for warning in document.warnings:
            print(f"glyphwash: warning: {shown(label)}: {shown(warning)}", file=stderr)
        for issue in document.decode_errors[:1]:
            print(f"glyphwash: warning: {shown(label)}: {len(document.decode_errors)} run(s) of bytes are not valid "
                  f"{document.encoding}, first at byte {issue.byte_offset}; they are kept as they are",
                  file=stderr)
        try:
            analysis = analyze(document.text, config, newline=document.newline_sequence)
        except Exception as error:  # a bug must not stop the batch: name the file and go on
            yield internal_failure(label, error, stderr)
            continue
        yield Job(label, document, analysis)


def internal_failure(label: str, error: Exception, stderr: TextIO) -> Failure:
    """Report an unexpected error for one input (a bug in Glyphwash) and turn it into a failure."""
    message = f"internal error: {type(error).__name__}: {error} (please report this)"
    print(f"glyphwash: {shown(label)}: {shown(message)}", file=stderr)
    return Failure(label, message)


def command_check(args: argparse.Namespace, config: EngineConfig, stdin: TextIO, stdout: TextIO,
                  stderr: TextIO) -> int:
    from .report import check_lines

    failed = found = False
    for job in iter_jobs(args, config, stdin, stderr):
        if isinstance(job, Failure):
            failed = True
            continue
        lines = check_lines(shown(job.label), job.document.text, job.analysis)
        found = found or bool(lines)
        if lines:
            stdout.write("\n".join(lines) + "\n")
    return EXIT_ERROR if failed else EXIT_FINDINGS if found else EXIT_OK


def command_report(args: argparse.Namespace, config: EngineConfig, stdin: TextIO, stdout: TextIO,
                   stderr: TextIO) -> int:
    from .report import error_record, report_record

    failed = False
    for job in iter_jobs(args, config, stdin, stderr):
        if isinstance(job, Failure):
            failed = True
            if args.json:
                stdout.write(json_line(error_record(job.label, job.message)) + "\n")
            continue
        record = report_record(job.label, job.document, job.analysis)
        if args.json:
            stdout.write(json_line(record) + "\n")
        else:
            stdout.write(summary_text(record) + "\n")
    return EXIT_ERROR if failed else EXIT_OK


def summary_text(record: dict[str, Any]) -> str:
    """A few human-readable lines for one ``report`` record."""
    counts = ", ".join(f"{rule} {count}" for rule, count in sorted(record["counts"].items())) or "none"
    lines = [
        f"{shown(record['path'])}:",
        f"  encoding  {record['encoding']} (confidence {record['confidence']:.2f}, by {record['detected_by']})"
        + (", BOM" if record["bom"] else ""),
        f"  newlines  {record['newline']}",
        f"  changes   {len(record['changes'])}: {counts}",
    ]
    if len(record["candidates"]) > 1:
        lines.append("  also      " + ", ".join(f"{c['encoding']} {c['confidence']:.2f}"
                                                for c in record["candidates"][1:6]))
    if record["decode_errors"]:
        lines.append(f"  undecodable byte runs {len(record['decode_errors'])}, kept as they are")
    for hidden in record["hidden_text"]:
        lines.append(f"  hidden text at {hidden['line']}:{hidden['column']}: {hidden['text']!r}")
    return "\n".join(lines)


def batch_targets(files: Sequence[str], out_dir: Path) -> dict[str, Path]:
    """Output paths under ``out_dir`` mirroring the inputs below their common parent folder.

    Raises:
        CommandError: stdin in a batch, or two inputs that would write the same output.
    """
    if "-" in files:
        raise CommandError("'-' (stdin) cannot be used with --out-dir; use -o")
    resolved = {name: Path(name).resolve() for name in files}
    common = Path(os.path.commonpath([str(path.parent) for path in resolved.values()]))
    targets = {name: out_dir / path.relative_to(common) for name, path in resolved.items()}
    seen: dict[Path, str] = {}
    for name, target in targets.items():
        if target in seen and resolved[seen[target]] != resolved[name]:
            raise CommandError(f"{shown(seen[target])} and {shown(name)} would both be written to "
                               f"{shown(str(target))}")
        seen[target] = name
    return targets


def command_clean(args: argparse.Namespace, config: EngineConfig, stdin: TextIO, stdout: TextIO,
                  stderr: TextIO) -> int:
    if args.output is not None and len(args.files) > 1:
        raise CommandError("-o takes one input; use --out-dir for several")
    if args.in_place and "-" in args.files:
        raise CommandError("--in-place cannot overwrite stdin; use -o")
    targets = batch_targets(args.files, Path(args.out_dir)) if args.out_dir else {}
    options = SaveOptions(encoding=args.out_encoding, bom=args.bom, newline=args.newline, backup=args.backup)
    failed = False
    for job in iter_jobs(args, config, stdin, stderr):
        if isinstance(job, Failure):
            failed = True
            continue
        text = apply_changes(job.document.text, job.analysis.changes)
        try:
            if args.output == "-":
                stdout.flush()
                stdout.buffer.write(encode_document(job.document, text, options))
                stdout.buffer.flush()
                destination = "stdout"
            else:
                target = Path(args.output) if args.output else targets.get(job.label, Path(job.label))
                if args.out_dir:
                    target.parent.mkdir(parents=True, exist_ok=True)
                saved = save_document(job.document, text, target, options,
                                      expected=job.document.stamp if overwrites_input(job.document, target) else None)
                destination = describe_destination(saved)
        except (SaveError, OSError) as error:
            failed = True
            print(f"glyphwash: {shown(job.label)}: {shown(str(error))}", file=stderr)
            continue
        except Exception as error:  # a bug must not stop the batch: name the file and go on
            failed = True
            internal_failure(job.label, error, stderr)
            continue
        print(f"glyphwash: {shown(job.label)}: {len(job.analysis.changes)} change(s) -> {shown(destination)}",
              file=stderr)
    return EXIT_ERROR if failed else EXIT_OK


def describe_destination(saved: SaveResult) -> str:
    """Where a save went, for the ``clean`` line: the file, the link written through, the backup."""
    notes = []
    if saved.link is not None:
        notes.append(f"written through the symbolic link {saved.link}, which stays a link")
    if saved.backup is not None:
        notes.append(f"previous version kept as {saved.backup}")
    return str(saved.path) + (f" ({'; '.join(notes)})" if notes else "")


COMMANDS = {"check": command_check, "clean": command_clean, "report": command_report}


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run a headless command; return its exit status."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    try:
        # argparse prints --help, --version and usage errors itself, to sys.stdout/stderr.
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = parser.parse_args(argv)
    except SystemExit as exit_request:
        return EXIT_ERROR if exit_request.code else EXIT_OK
    if args.command is None:
        parser.print_help(stdout)
        return EXIT_OK
    try:
        config = engine_config(args)
        return COMMANDS[args.command](args, config, stdin, stdout, stderr)
    except CommandError as error:
        print(f"glyphwash {args.command}: error: {shown(str(error))}", file=stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`glyphwash check | head`); that is not our failure.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
