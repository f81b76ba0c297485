"""Render ``resources/icons/koopbis.svg`` to the PNG sizes and the Windows ``.ico`` the installers use.

Run after editing the SVG: ``.venv/bin/python scripts/render_icons.py`` (offscreen, Qt's
QSvgRenderer; the outputs are committed so a bundle build needs no rendering).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "koopbis.svg"))
    if not renderer.isValid():
        print(f"invalid SVG: {ICONS / 'koopbis.svg'}", file=sys.stderr)
        return 1
    for size in SIZES:
        target = ICONS / f"koopbis-{size}.png"
        if not render(renderer, size).save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ICONS.parents[1]))
    # The name the desktop entry and the window use, at the largest size.
    if not render(renderer, SIZES[-1]).save(str(ICONS / "koopbis.png")):
        print(f"could not write {ICONS / 'koopbis.png'}", file=sys.stderr)
        return 1
    # Windows: the executables' and the installer's icon (Qt's ICO writer stores one 256 px image).
    ico = ICONS / "koopbis.ico"
    if not render(renderer, 256).save(str(ico)):  # the format follows the .ico suffix
        print(f"could not write {ico} (Qt's ico image plugin missing?)", file=sys.stderr)
        return 1
    print(ico.relative_to(ICONS.parents[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
