"""The README's example runs as written, on the article that ships with the project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from project_paths import ROOT, SAMPLE_ARTICLE

README = ROOT / "README.md"
SEPARATOR = "@@@ next command @@@"


def example_blocks() -> list[list[str]]:
    """The lines of each code block of the README's *An example* section."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### An example"):text.index("In the window, the same file opens")]
    return [block.strip("\n").splitlines() for block in section.split("```")[1::2]]


def commands_and_outputs() -> list[tuple[str, list[str]]]:
    """Each ``$ command`` of the example with the lines shown after it."""
    pairs: list[tuple[str, list[str]]] = []
    for block in example_blocks():
        for line in block:
            if line.startswith("$ "):
                pairs.append((line[2:], []))
            else:
                pairs[-1][1].append(line)
    return pairs


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected``, where a line starting with ``…`` stands for any lines."""
    if not expected:
        return not actual
    if expected[0].startswith("…"):
        return any(matches(expected[1:], actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


def test_the_readme_never_sends_users_to_the_developers_folder() -> None:
    assert "../shared" not in README.read_text(encoding="utf-8")


def test_the_example_article_ships_with_the_project() -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert text.count("\u0435") == 205 and "e" not in text
    assert (SAMPLE_ARTICLE.parent / "README.md").is_file()  # where it came from


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_ARTICLE.parent, tmp_path / "docs" / "examples")
    pairs = commands_and_outputs()
    assert len(pairs) >= 6
    script = [f'glyphwash() {{ "{sys.executable}" "{ROOT / "main.py"}" "$@"; }}']
    for command, _ in pairs:
        script += [f"echo '{SEPARATOR}'", f"{command} 2>&1"]
    result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300, check=False)
    outputs = result.stdout.split(SEPARATOR + "\n")[1:]
    assert len(outputs) == len(pairs), result.stderr
    for (command, expected), output in zip(pairs, outputs, strict=True):
        assert matches(expected, output.splitlines()), (command, expected, output)
