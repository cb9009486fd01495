"""The certificate PDF, read back as a reader would: its text (pypdf), its pages, its zip, its QR code's modules."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.qr import QrCodeWidget

from certificates import pdf, qr
from certificates.snapshot import CertificateData, Signatory

URL = "https://tarjeta-azul.example.org/verify/K7QX-9M2P-ZT4H/"


def make_certificate(**overrides) -> CertificateData:
    values = dict(
        code="K7QX-9M2P-ZT4H",
        verify_url=URL,
        language="es",
        kind="player",
        award_title="Campeón del Fair Play",
        recipient_name="María José Ñahui Pérez",
        team="Club Deportivo Peñarol",
        category="Sub-12",
        championship="Liga Infantil de Cusco 2026",
        organizer="Asociación de Fútbol Infantil de Cusco",
        date="2026-11-23",
        signatories=(Signatory("Rosa Quispe Huamán", "Presidenta de la Liga"), Signatory("Łukasz Őrs", "Árbitro")),
    )
    values.update(overrides)
    return CertificateData(**values)


def text_of(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def modules_of(text: str) -> list[list[bool]]:
    widget = QrCodeWidget(text, barLevel=qr.LEVEL)
    widget.qr.make()
    return [[bool(m) for m in row] for row in widget.qr.modules]


# --- The page ---------------------------------------------------------------------------------------------------------


def test_a_certificate_is_one_a4_landscape_page_with_every_name_spelled_right():
    (page,) = PdfReader(io.BytesIO(pdf.certificate_pdf(make_certificate()))).pages
    text = page.extract_text()

    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    for expected in (
        "CERTIFICADO", "Campeón del Fair Play", "Otorgado a", "María José Ñahui Pérez", "Asociación de Fútbol Infantil de Cusco",
        "Club Deportivo Peñarol · Sub-12 · Liga Infantil de Cusco 2026", "23 de noviembre de 2026",
        "Rosa Quispe Huamán", "Presidenta de la Liga", "Łukasz Őrs", "Árbitro", URL,
    ):
        assert expected in text


def test_every_font_is_embedded_dejavu():
    reader = PdfReader(io.BytesIO(pdf.certificate_pdf(make_certificate())))
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]

    assert {font["/BaseFont"].split("+")[-1] for font in fonts} == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
    assert all("/FontFile2" in font["/FontDescriptor"].get_object() for font in fonts)


def test_an_english_certificate_prints_its_own_fixed_words_and_date():
    text = text_of(pdf.certificate_pdf(make_certificate(language="en", award_title="Fair Play Champion")))[0]

    assert "CERTIFICATE" in text and "Awarded to" in text and "23 November 2026" in text
    assert "Otorgado" not in text and "noviembre" not in text


def test_a_long_name_is_printed_whole_on_two_lines():
    name = "Bartholomew Maximilian Ñúñez-Vandenberghe de la Santísima Trinidad"
    text = text_of(pdf.certificate_pdf(make_certificate(recipient_name=name)))[0]

    assert "Bartholomew Maximilian" in text and "Ñúñez-Vandenberghe de la Santísima Trinidad" in text


def test_the_logo_is_drawn_when_there_is_one_and_a_missing_file_is_skipped(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "red").save(logo)

    with_logo = PdfReader(io.BytesIO(pdf.certificate_pdf(make_certificate(logo_path=str(logo))))).pages[0]
    without = PdfReader(io.BytesIO(pdf.certificate_pdf(make_certificate(logo_path=str(tmp_path / "gone.png"))))).pages[0]

    assert len(with_logo.images) == 1
    assert len(without.images) == 0


def test_rendering_needs_no_database():
    # Without the django_db mark, pytest-django makes any query raise: rendering below would fail if it queried.
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        connection.ensure_connection()

    pdf.certificate_pdf(make_certificate())
    file = io.BytesIO()
    pdf.write_batch(batch(2), file)
    pdf.zip_batch(batch(2), io.BytesIO())


def test_the_same_snapshot_gives_the_same_file():
    assert pdf.certificate_pdf(make_certificate()) == pdf.certificate_pdf(make_certificate())


@pytest.mark.parametrize(
    ("iso", "language", "expected"),
    [("2026-01-05", "es", "5 de enero de 2026"), ("2026-12-31", "en", "31 December 2026"), ("soon", "es", "soon")],
)
def test_dates_are_written_in_the_certificates_language(iso, language, expected):
    assert pdf.format_date(iso, language) == expected


# --- Batches ----------------------------------------------------------------------------------------------------------


def batch(count: int):
    names = ("María José Ñahui Pérez", "Łukasz Őrs", "María José Ñahui Pérez", "Zoë Dvořák")
    for n in range(count):
        yield make_certificate(
            code=f"CODE{n:04d}", verify_url=f"https://tarjeta-azul.example.org/verify/CODE{n:04d}/",
            recipient_name=names[n % len(names)],
        )


def test_a_batch_has_one_page_per_certificate_in_order_and_reports_progress():
    file = io.BytesIO()
    seen = []

    pages = pdf.write_batch(batch(7), file, progress=seen.append, every=3)

    texts = text_of(file.getvalue())
    assert pages == len(texts) == 7
    assert [f"/verify/CODE{n:04d}/" in text for n, text in enumerate(texts)] == [True] * 7
    assert "Łukasz Őrs" in texts[1] and "Zoë Dvořák" in texts[3]
    assert seen == [3, 6, 7]


def test_an_empty_batch_is_a_valid_pdf():
    file = io.BytesIO()
    assert pdf.write_batch([], file) == 0
    assert len(PdfReader(io.BytesIO(file.getvalue())).pages) == 1


def test_a_zip_holds_one_single_page_pdf_per_recipient_under_safe_unique_names():
    file = io.BytesIO()

    names = pdf.zip_batch(batch(5), file)

    with zipfile.ZipFile(io.BytesIO(file.getvalue())) as archive:
        assert archive.namelist() == names == [
            "0001-maria-jose-nahui-perez.pdf", "0002-lukasz-ors.pdf", "0003-maria-jose-nahui-perez.pdf",
            "0004-zoe-dvorak.pdf", "0005-maria-jose-nahui-perez.pdf",
        ]
        for number, name in enumerate(names):
            (text,) = text_of(archive.read(name))
            assert f"/verify/CODE{number:04d}/" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [("María José Ñahui", "maria-jose-nahui"), ("Łukasz Øster ß", "lukasz-oster-ss"), ("../../etc/passwd", "etc-passwd"),
     ("李小龙", "")],
)
def test_slugs_are_ascii_and_safe(name, expected):
    assert pdf.slug(name) == expected


def test_a_name_with_no_latin_letters_falls_back_to_the_code():
    file = io.BytesIO()
    assert pdf.zip_batch([make_certificate(recipient_name="李小龙", code="ABC")], file) == ["0001-ABC.pdf"]


# --- The QR code ------------------------------------------------------------------------------------------------------


def test_the_qr_matrix_is_reportlabs_for_the_verification_url():
    modules = qr.matrix(URL)

    assert modules == modules_of(URL)
    # 55 bytes at level M need version 4: 33 × 33 modules.
    assert qr.version_for(modules) == 4 and len(modules) == 33 and all(len(row) == 33 for row in modules)


@pytest.mark.parametrize("length", [1, 20, 60, 120, 300])
def test_the_qr_version_grows_with_the_text(length):
    text = "https://x.org/verify/" + "A" * length
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    modules = qr.matrix(text)

    assert qr.version_for(modules) == code.calculate_version()
    assert len(modules) == 17 + 4 * qr.version_for(modules)


def test_the_three_finder_patterns_are_in_their_corners():
    modules = qr.matrix(URL)
    n = len(modules)
    finder = [[r in (0, 6) or c in (0, 6) or (2 <= r <= 4 and 2 <= c <= 4) for c in range(7)] for r in range(7)]

    for top, left in ((0, 0), (0, n - 7), (n - 7, 0)):
        assert [row[left : left + 7] for row in modules[top : top + 7]] == finder
    # The separators around them are light, and there is no finder in the fourth corner.
    assert not any(modules[7][:8]) and not any(modules[n - 8][:8]) and not any(modules[7][n - 8 :])
    assert [row[n - 7 :] for row in modules[n - 7 :]] != finder


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F), min_size=1, max_size=200))
def test_the_fast_matrix_equals_the_widgets_for_any_text(text):
    assert qr.matrix(text) == modules_of(text)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=400))
def test_the_codewords_equal_reportlabs(text):
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()

    assert qr.codewords(code) == qrencoder.QRCode.createData(code.version, code.errorCorrectLevel, code.dataList)


def test_the_qr_code_on_the_page_draws_the_verification_urls_modules():
    """The page's QR path, read back from the content stream, is the module matrix reportlab's widget makes for the
    URL: what a phone scans is /verify/<code>/."""
    page = PdfReader(io.BytesIO(pdf.certificate_pdf(make_certificate()))).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    path = content[content.index(" cm\n0 ") : content.index("\nf Q")]
    expected = modules_of(URL)
    drawn = [[False] * len(expected) for _ in expected]

    for col, row, width, _height in (map(int, m.groups()) for m in re.finditer(r"(\d+) (\d+) (\d+) (\d+) re", path)):
        for c in range(col, col + width):
            drawn[row][c] = True

    assert drawn == expected
