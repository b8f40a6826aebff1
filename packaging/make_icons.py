"""Render the application icon from ``resources/icons/glyphwash.svg``.

Usage (from the project root; runs offscreen, needs only PySide6)::

    python packaging/make_icons.py            # write the PNGs, glyphwash.ico and glyphwash.icns
    python packaging/make_icons.py --check    # exit 1 if any written file is out of date

Writes ``resources/icons/glyphwash-{16,32,48,64,128,256}.png`` (for the window and the freedesktop
icon theme), ``glyphwash.ico`` (Windows: the PyInstaller build's executable icon) and
``glyphwash.icns`` (macOS: the app bundle's icon). The SVG is drawn with Qt's ``QSvgRenderer`` into
a transparent ``QImage``; ICO and ICNS files simply hold the PNGs (both formats allow PNG entries),
so no other imaging library is needed. Rendering is deterministic: running it twice gives the same
bytes, which ``--check`` relies on.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
SVG = ICON_DIR / "glyphwash.svg"
SIZES = (16, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size (Apple's "icp4".."ic09" types).
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs say bytes, PySide wants str
        raise SystemExit("Qt could not write a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding each PNG as one image (PNG entries are valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        # Width and height 0 mean 256.
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(pngs[size]), offset)
        offset += len(pngs[size])
    return header + entries + b"".join(pngs[size] for size in sizes)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding the PNGs of the sizes the format names."""
    body = b"".join(ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png
                    for size, png in sorted(pngs.items()) if size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def outputs(svg: Path = SVG) -> dict[Path, bytes]:
    """Every file this script writes, with its content."""
    pngs = {size: render_png(svg, size) for size in (*SIZES, 512)}
    files = {ICON_DIR / f"glyphwash-{size}.png": pngs[size] for size in SIZES}
    files[ICON_DIR / "glyphwash.ico"] = ico_bytes({size: pngs[size] for size in (16, 32, 48, 64, 128, 256)})
    files[ICON_DIR / "glyphwash.icns"] = icns_bytes({size: pngs[size] for size in (16, 32, 64, 128, 256, 512)})
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the application icon's PNG, ICO and ICNS files.")
    parser.add_argument("--check", action="store_true", help="only report files that are missing or out of date")
    options = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - fonts and image plugins
    stale = []
    for path, data in outputs().items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path)
        if not options.check:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    if options.check and stale:
        print("out of date: " + ", ".join(str(path.relative_to(ROOT)) for path in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
