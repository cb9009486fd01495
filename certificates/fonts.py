"""The fonts every PDF embeds: DejaVu Sans, which has every Latin letter (ñ, accents, ł, ő...), from Debian's
fonts-dejavu-core package (installed by ./tarjeta). Registered once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"


@cache
def register() -> tuple[str, str, str]:
    """Register the fonts with reportlab and return their names (regular, bold, italic)."""
    for name in (REGULAR, BOLD, ITALIC):
        path = FONT_DIR / f"{name}.ttf"
        if not path.is_file():
            raise RuntimeError(f"{path} is missing: install Debian's fonts-dejavu-core (./tarjeta does it).")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    return REGULAR, BOLD, ITALIC
