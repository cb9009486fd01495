"""The certificate as a PDF page: A4 landscape, drawn with reportlab from a `CertificateData` snapshot alone.

Nothing here queries the database or reads the request's language: the snapshot holds every word that varies, and the
few fixed words are in `WORDS`, so a certificate prints the same, in its own language, whoever prints it and whenever.
Batches are streamed: each page is written to the file as it is finished (reportlab keeps only what the document's
trailer needs), so 7,000 certificates take about the memory of one.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date as Date
from math import cos, pi, sin
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from . import fonts, qr
from .snapshot import CertificateData

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)  # 841.9 × 595.3 points
MARGIN = 40  # from the paper's edge to the inner frame
PROGRESS_EVERY = 100  # pages between two calls of a batch's `progress`

NAVY = HexColor("#0b2a5b")
BLUE = HexColor("#1565c0")  # the blue card
SKY = HexColor("#bbdefb")
MIST = HexColor("#eef5fd")
INK = HexColor("#1d2633")
GREY = HexColor("#5c6b7a")
SHADOW = HexColor("#d6dde6")

WORDS = {
    "es": {
        "heading": "Certificado",
        "awarded_to": "Otorgado a",
        "verify_at": "Verifique este certificado en",
        "blue_card": "Tarjeta Azul · juego limpio",
        "months": (
            "enero", "febrero", "marzo", "abril", "mayo", "junio",
            "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
        ),
    },
    "en": {
        "heading": "Certificate",
        "awarded_to": "Awarded to",
        "verify_at": "Verify this certificate at",
        "blue_card": "Blue Card · fair play",
        "months": (
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ),
    },
}


def words(language: str) -> dict:
    """The fixed words in `language` ("es" or "en"; anything else prints in Spanish, the users' language)."""
    return WORDS.get(language, WORDS["es"])


def format_date(iso: str, language: str) -> str:
    """"23 de noviembre de 2026" or "23 November 2026"; a date that does not parse prints as stored."""
    try:
        day = Date.fromisoformat(iso)
    except ValueError:
        return iso
    month = words(language)["months"][day.month - 1]
    if language == "en":
        return f"{day.day} {month} {day.year}"
    return f"{day.day} de {month} de {day.year}"


@contextmanager
def binary_streams() -> Iterator[None]:
    """Page streams deflated but not also ASCII85-encoded while our document is written: a fifth smaller and faster
    to write (the encoding is pure Python in reportlab), and any PDF reader takes them. reportlab reads this as a
    process-wide setting when it writes each page, so it is switched only around the writing."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def new_canvas(file, *, title: str = "") -> Canvas:
    """A canvas for certificates on `file` (a path or an open binary file), fonts registered and pages compressed."""
    regular, _bold, _italic = fonts.register()
    # The initial font too, else every page refers to a Helvetica that is not embedded.
    canvas = Canvas(
        file, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, invariant=1, initialFontName=regular
    )
    canvas.setTitle(title)
    canvas.setCreator("Tarjeta Azul")
    return canvas


def render_certificate(canvas: Canvas, data: CertificateData) -> None:
    """Draw one certificate on the canvas's current page (the caller calls `showPage()`)."""
    regular, bold, italic = fonts.register()
    text = words(data.language)
    middle = PAGE_WIDTH / 2

    _background(canvas)

    # The organizer, top left, after its logo.
    left = MARGIN + 26
    top = PAGE_HEIGHT - MARGIN - 22
    if data.logo_path and os.path.isfile(data.logo_path):
        # A logo that is gone prints the certificate without it rather than failing a whole batch.
        canvas.drawImage(
            data.logo_path, left, top - 56, width=56, height=56, preserveAspectRatio=True, anchor="sw", mask="auto"
        )
        left += 68
    canvas.setFillColor(NAVY)
    _fit(canvas, data.organizer, bold, 15, 10, left, top - 22, PAGE_WIDTH - left - 200)
    canvas.setFillColor(GREY)
    canvas.setFont(regular, 9.5)
    canvas.drawString(left, top - 38, text["blue_card"])

    # The heading, the award, the recipient.
    canvas.setFillColor(NAVY)
    _spaced(canvas, text["heading"].upper(), bold, 34, middle, 418, spacing=6)
    canvas.setFillColor(BLUE)
    _fit(canvas, data.award_title, bold, 22, 13, middle, 374, 560, centred=True)

    canvas.setFillColor(GREY)
    canvas.setFont(italic, 12)
    canvas.drawCentredString(middle, 336, text["awarded_to"])
    canvas.setFillColor(INK)
    _recipient(canvas, data.recipient_name, bold, middle)
    canvas.setStrokeColor(SKY)
    canvas.setLineWidth(1.2)
    canvas.line(middle - 220, 278, middle + 220, 278)

    canvas.setFillColor(INK)
    context = " · ".join(part for part in (data.team, data.category, data.championship) if part)
    _fit(canvas, context, regular, 13, 8, middle, 254, 600, centred=True)
    canvas.setFillColor(GREY)
    canvas.setFont(regular, 11)
    canvas.drawCentredString(middle, 232, format_date(data.date, data.language))

    # Two signature lines, bottom left and centre.
    for index, signatory in enumerate(data.signatories[:2]):
        centre = MARGIN + 150 + index * 250
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.line(centre - 95, 122, centre + 95, 122)
        canvas.setFillColor(INK)
        _fit(canvas, signatory.name, bold, 11, 7, centre, 106, 200, centred=True)
        canvas.setFillColor(GREY)
        _fit(canvas, signatory.role, regular, 9, 6, centre, 92, 200, centred=True)

    # The QR code to the public verification page, bottom right, the address printed under it.
    size = 92
    right = PAGE_WIDTH - MARGIN - 22
    canvas.setFillColor(NAVY)
    qr.draw(canvas, qr.matrix(data.verify_url), right - size, 82, size)
    canvas.setFillColor(GREY)
    canvas.setFont(regular, 7)
    canvas.drawRightString(right, 70, text["verify_at"])
    canvas.setFillColor(INK)
    _fit(canvas, data.verify_url, regular, 7, 4.5, right, 60, 250, right_aligned=True)


def certificate_pdf(data: CertificateData) -> bytes:
    """One certificate as a one-page PDF."""
    buffer = io.BytesIO()
    with binary_streams():
        canvas = new_canvas(buffer, title=f"{words(data.language)['heading']} {data.code}")
        render_certificate(canvas, data)
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def write_batch(
    datas: Iterable[CertificateData], file: BinaryIO, progress: Callable[[int], None] | None = None,
    *, every: int = PROGRESS_EVERY, title: str = "",
) -> int:
    """Write every certificate of `datas` (any iterable, consumed once) as one PDF to `file`, a page each, each page
    streamed to the file once drawn. `progress(done)` is called every `every` pages and at the end. Returns the pages.
    """
    with binary_streams():
        canvas = new_canvas(file, title=title)
        done = 0
        for data in datas:
            render_certificate(canvas, data)
            canvas.showPage()
            done += 1
            if progress is not None and done % every == 0:
                progress(done)
        if done == 0:
            canvas.showPage()  # a PDF needs a page; an empty batch is a blank one
        canvas.save()
    if progress is not None and done % every:
        progress(done)
    return done


def zip_batch(
    datas: Iterable[CertificateData], file: BinaryIO, progress: Callable[[int], None] | None = None,
    *, every: int = PROGRESS_EVERY,
) -> list[str]:
    """Write one PDF per certificate into a zip on `file` ("0001-maria-lopez.pdf", ...). Returns the names."""
    names = []
    # The PDFs are compressed already: storing them again costs time and gains nothing.
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_STORED) as archive:
        for number, data in enumerate(datas, start=1):
            name = f"{number:04d}-{slug(data.recipient_name) or data.code or 'certificate'}.pdf"
            archive.writestr(name, certificate_pdf(data))
            names.append(name)
            if progress is not None and number % every == 0:
                progress(number)
    if progress is not None and len(names) % every:
        progress(len(names))
    return names


def slug(name: str) -> str:
    """A file-name-safe ASCII form of a name: "María José Ñahui" → "maria-jose-nahui"."""
    # Letters without a decomposition (ł, ø, ß, đ) are spelled out first, so a name never vanishes from its file.
    name = name.translate(_UNDECOMPOSABLE)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")


_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe",
     "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"}
)


# --- Drawing helpers --------------------------------------------------------------------------------------------------


def _fit(canvas, value: str, font: str, size: float, smallest: float, x: float, y: float, width: float, *,
         centred: bool = False, right_aligned: bool = False) -> None:
    """Draw `value` at the largest size from `size` down to `smallest` that fits `width` (at the smallest, it is cut
    with an ellipsis): a long name shrinks instead of running off the page."""
    measured = stringWidth(value, font, size)
    if measured > width:
        size = max(smallest, size * width / measured)
        while value and stringWidth(value, font, size) > width:
            value = value[:-2] + "…"
    canvas.setFont(font, size)
    if centred:
        canvas.drawCentredString(x, y, value)
    elif right_aligned:
        canvas.drawRightString(x, y, value)
    else:
        canvas.drawString(x, y, value)


def _recipient(canvas, name: str, font: str, centre: float) -> None:
    """The recipient's name, large: on one line down to 24 points, else on two lines split at the space nearest the
    middle (a child's long name is never cut while it can be printed whole)."""
    width = 640
    if stringWidth(name, font, 24) <= width or " " not in name.strip():
        _fit(canvas, name, font, 40, 14, centre, 290, width, centred=True)
        return
    words_ = name.split()
    splits = [(" ".join(words_[:i]), " ".join(words_[i:])) for i in range(1, len(words_))]
    first, second = min(splits, key=lambda pair: max(stringWidth(part, font, 10) for part in pair))
    _fit(canvas, first, font, 24, 12, centre, 313, width, centred=True)
    _fit(canvas, second, font, 24, 12, centre, 288, width, centred=True)


def _spaced(canvas, value: str, font: str, size: float, centre: float, y: float, *, spacing: float) -> None:
    width = stringWidth(value, font, size) + spacing * (len(value) - 1)
    canvas.saveState()  # the character spacing would otherwise stay for every later string
    label = canvas.beginText(centre - width / 2, y)
    label.setFont(font, size)
    label.setCharSpace(spacing)
    label.textOut(value)
    canvas.drawText(label)
    canvas.restoreState()


def _background(canvas) -> None:
    """The frame and the blue card, the same on every page: drawn once per document as a form, then reused."""
    if not canvas.hasForm(_BACKGROUND):
        canvas.beginForm(_BACKGROUND)
        _frame(canvas)
        _blue_card(canvas, PAGE_WIDTH - MARGIN - 112, PAGE_HEIGHT - MARGIN - 106)
        canvas.endForm()
    canvas.doForm(_BACKGROUND)


_BACKGROUND = "TarjetaAzulBackground"


def _frame(canvas) -> None:
    """A pale page inside a navy frame with a thin blue rule, and a soft band behind the heading."""
    canvas.setFillColor(MIST)
    canvas.rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(2.5)
    canvas.rect(MARGIN - 16, MARGIN - 16, PAGE_WIDTH - 2 * MARGIN + 32, PAGE_HEIGHT - 2 * MARGIN + 32, fill=1)
    canvas.setStrokeColor(BLUE)
    canvas.setLineWidth(0.8)
    canvas.rect(MARGIN - 8, MARGIN - 8, PAGE_WIDTH - 2 * MARGIN + 16, PAGE_HEIGHT - 2 * MARGIN + 16)
    # Corner ticks in the blue of the card.
    canvas.setFillColor(BLUE)
    for x, y in ((MARGIN - 8, MARGIN - 8), (PAGE_WIDTH - MARGIN + 8, MARGIN - 8),
                 (MARGIN - 8, PAGE_HEIGHT - MARGIN + 8), (PAGE_WIDTH - MARGIN + 8, PAGE_HEIGHT - MARGIN + 8)):
        canvas.rect(x - 4, y - 4, 8, 8, stroke=0, fill=1)


def _blue_card(canvas, x: float, y: float) -> None:
    """The motif: a blue card held up, tilted as a referee shows it, in front of a paler one, with a white star."""
    canvas.saveState()
    canvas.translate(x + 48, y + 52)
    canvas.setFillColor(SKY)
    canvas.rotate(-18)
    canvas.roundRect(-30, -44, 60, 88, 7, stroke=0, fill=1)
    canvas.rotate(28)
    canvas.setFillColor(SHADOW)  # a solid tint: transparency inside a form loses its ExtGState in reportlab
    canvas.roundRect(-27, -47, 60, 88, 7, stroke=0, fill=1)
    canvas.setFillColor(BLUE)
    canvas.roundRect(-30, -44, 60, 88, 7, stroke=0, fill=1)
    canvas.setStrokeColor(white)
    canvas.setLineWidth(1.2)
    canvas.roundRect(-24, -38, 48, 76, 4, stroke=1, fill=0)
    canvas.setFillColor(white)
    canvas.drawPath(_star(canvas, 0, 2, 15, 6.2), stroke=0, fill=1)
    canvas.restoreState()


def _star(canvas, cx: float, cy: float, outer: float, inner: float):
    path = canvas.beginPath()
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = pi / 2 + i * pi / 5
        point = (cx + radius * cos(angle), cy + radius * sin(angle))
        path.lineTo(*point) if i else path.moveTo(*point)
    path.close()
    return path
