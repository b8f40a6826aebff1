"""In-memory standard streams for running the CLI in-process, shared by the CLI test modules."""

from __future__ import annotations

import io
from pathlib import Path

from glyphwash.core.cli import cli


class Streams:
    """In-memory stdin/stdout/stderr with the ``.buffer`` attributes the CLI uses."""

    def __init__(self, stdin: bytes = b"") -> None:
        self.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        self.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        self.stderr = io.StringIO()

    def run(self, *args: str | Path) -> int:
        return cli.main([str(arg) for arg in args], stdin=self.stdin, stdout=self.stdout, stderr=self.stderr)

    @property
    def out_bytes(self) -> bytes:
        self.stdout.flush()
        return self.stdout.buffer.getvalue()  # type: ignore[attr-defined,no-any-return]

    @property
    def out(self) -> str:
        return self.out_bytes.decode()

    @property
    def err(self) -> str:
        return self.stderr.getvalue()


def write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
