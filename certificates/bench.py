"""Benchmark of the certificate PDFs: pages per second of the product against two plain reportlab scripts.

    python manage.py bench certificates            # 1,000 certificates each way, then a 7,000-certificate batch
    python manage.py bench certificates --quick    # 200, then 1,000: a smoke run

The three writers draw the same design on the same synthetic certificates (names with accents and ñ) into temporary
files: the product's `pdf.write_batch`; script 1, the design drawn directly with reportlab and its `QrCodeWidget` as it
comes (a Drawing through renderPDF); script 2, the same without any QR code, the floor cost of the page. The memory of
a large batch is the growth of the peak resident set size (VmHWM) of a fresh process, from after one warm-up
certificate to the end of the batch: what streaming the pages to the file costs, the interpreter and libraries aside.

Figures are printed, never asserted: speed is measured here, not in the test suite. Nothing touches the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor, white

from . import fonts, pdf
from .snapshot import CertificateData, Signatory

COUNT = 1_000
MEMORY_COUNT = 7_000
GOAL_VS_WIDGET = 3.0  # the product's rate at least this times script 1's
GOAL_VS_FLOOR = 0.4  # and at least this times script 2's
GOAL_MEMORY_MB = 150

GIVEN = ("María José", "Ñusta", "Íñigo", "Joaquín", "Zoë", "Łukasz", "Ágata", "Renée", "Martín", "Begoña", "Ömer",
         "Dolores", "Chloé", "Sebastián", "Ximena", "Ángel")
SURNAMES = ("Ñahui Pérez", "Muñoz", "Quispe Huamán", "Őrs", "Gómez Peña", "Sánchez", "Dvořák", "Ibáñez", "Núñez",
            "Castañeda", "Müller", "Rodríguez", "Ayala Cárdenas", "Løvik")
AWARDS = ("Campeón del Fair Play", "Jugadora más deportiva", "Barra ejemplar", "Árbitro del año", "Entrenador íntegro")


def certificates(count: int, *, seed: int = 2026, logo_path: str = "") -> Iterator[CertificateData]:
    """`count` synthetic certificates of one championship, as a batch would print them (made lazily)."""
    rng = Random(seed)
    for number in range(count):
        code = f"{rng.getrandbits(40):010X}"
        yield CertificateData(
            code=code,
            verify_url=f"https://tarjeta-azul.example.org/verify/{code}/",
            language="es" if number % 4 else "en",
            kind="player",
            award_title=rng.choice(AWARDS),
            recipient_name=f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
            team=f"Club Deportivo {rng.choice(SURNAMES).split()[0]}",
            category=f"Sub-{rng.choice((8, 10, 12, 14))}",
            championship="Liga Infantil de Cusco 2026",
            organizer="Asociación de Fútbol Infantil de Cusco",
            date="2026-11-23",
            signatories=(Signatory("Rosa Quispe Huamán", "Presidenta de la Liga"),
                         Signatory("Jesús Añez", "Árbitro principal")),
            logo_path=logo_path,
        )


# --- The two plain scripts: the certificate's design drawn directly with reportlab ------------------------------------


def plain_script(datas: Iterable[CertificateData], file, *, qr_widget: bool) -> int:
    """The design of `pdf.render_certificate` as a reportlab user would first write it: one page per certificate, the
    QR code (if `qr_widget`) from `QrCodeWidget` in a Drawing rendered as it comes."""
    regular, bold, italic = fonts.register()
    navy, blue, sky, ink, grey = (HexColor(c) for c in ("#0b2a5b", "#1565c0", "#bbdefb", "#1d2633", "#5c6b7a"))
    width, height = pdf.PAGE_WIDTH, pdf.PAGE_HEIGHT
    m = pdf.MARGIN
    canvas = pdf.Canvas(file, pagesize=(width, height), pageCompression=1, invariant=1)
    pages = 0
    for data in datas:
        text = pdf.WORDS[data.language]
        canvas.setFillColor(HexColor("#eef5fd"))
        canvas.rect(0, 0, width, height, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.setStrokeColor(navy)
        canvas.setLineWidth(2.5)
        canvas.rect(m - 16, m - 16, width - 2 * m + 32, height - 2 * m + 32, fill=1)
        canvas.setStrokeColor(blue)
        canvas.setLineWidth(0.8)
        canvas.rect(m - 8, m - 8, width - 2 * m + 16, height - 2 * m + 16)
        canvas.setFillColor(blue)
        for x, y in ((m - 8, m - 8), (width - m + 8, m - 8), (m - 8, height - m + 8), (width - m + 8, height - m + 8)):
            canvas.rect(x - 4, y - 4, 8, 8, stroke=0, fill=1)
        canvas.saveState()
        canvas.translate(width - m - 64, height - m - 54)
        canvas.rotate(-18)
        canvas.setFillColor(sky)
        canvas.roundRect(-30, -44, 60, 88, 7, stroke=0, fill=1)
        canvas.rotate(28)
        canvas.setFillColor(blue)
        canvas.roundRect(-30, -44, 60, 88, 7, stroke=0, fill=1)
        canvas.setStrokeColor(white)
        canvas.roundRect(-24, -38, 48, 76, 4, stroke=1, fill=0)
        canvas.setFillColor(white)
        canvas.drawPath(pdf._star(canvas, 0, 2, 15, 6.2), stroke=0, fill=1)
        canvas.restoreState()
        canvas.setFillColor(navy)
        canvas.setFont(bold, 15)
        canvas.drawString(m + 26, height - m - 44, data.organizer)
        canvas.setFillColor(grey)
        canvas.setFont(regular, 9.5)
        canvas.drawString(m + 26, height - m - 60, text["blue_card"])
        canvas.setFillColor(navy)
        canvas.setFont(bold, 34)
        canvas.drawCentredString(width / 2, 418, text["heading"].upper())
        canvas.setFillColor(blue)
        canvas.setFont(bold, 22)
        canvas.drawCentredString(width / 2, 374, data.award_title)
        canvas.setFillColor(grey)
        canvas.setFont(italic, 12)
        canvas.drawCentredString(width / 2, 336, text["awarded_to"])
        canvas.setFillColor(ink)
        canvas.setFont(bold, 40)
        canvas.drawCentredString(width / 2, 290, data.recipient_name)
        canvas.setStrokeColor(sky)
        canvas.line(width / 2 - 220, 278, width / 2 + 220, 278)
        canvas.setFont(regular, 13)
        canvas.drawCentredString(width / 2, 254, " · ".join((data.team, data.category, data.championship)))
        canvas.setFont(regular, 11)
        canvas.drawCentredString(width / 2, 232, pdf.format_date(data.date, data.language))
        canvas.setStrokeColor(ink)
        for index, signatory in enumerate(data.signatories[:2]):
            centre = m + 150 + index * 250
            canvas.line(centre - 95, 122, centre + 95, 122)
            canvas.setFont(bold, 11)
            canvas.drawCentredString(centre, 106, signatory.name)
            canvas.setFont(regular, 9)
            canvas.drawCentredString(centre, 92, signatory.role)
        right = width - m - 22
        if qr_widget:
            widget = QrCodeWidget(data.verify_url, barLevel="M", barWidth=92, barHeight=92, barBorder=0)
            drawing = Drawing(92, 92)
            drawing.add(widget)
            renderPDF.draw(drawing, canvas, right - 92, 82)
        canvas.setFont(regular, 7)
        canvas.drawRightString(right, 70, text["verify_at"])
        canvas.drawRightString(right, 60, data.verify_url)
        canvas.showPage()
        pages += 1
    canvas.save()
    return pages


# --- The run and its report -------------------------------------------------------------------------------------------


@dataclass
class Timing:
    name: str
    pages: int
    seconds: float
    size: int  # bytes of the file

    @property
    def rate(self) -> float:
        return self.pages / self.seconds

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages


@dataclass
class Report:
    count: int
    load: float
    product: Timing
    widget: Timing
    floor: Timing
    memory_count: int
    memory_mb: float  # growth of max RSS over the batch
    rss_mb: float  # max RSS at the end
    memory_seconds: float


def time_writer(name: str, write: Callable[[Iterable[CertificateData], object], int], datas: list[CertificateData]):
    with tempfile.TemporaryFile() as file:
        started = time.perf_counter()
        pages = write(datas, file)
        seconds = time.perf_counter() - started
        return Timing(name=name, pages=pages, seconds=seconds, size=file.tell())


def memory_child(count: int) -> dict:
    """In a fresh process: the max RSS growth of writing `count` certificates, streamed from a generator."""
    def max_rss_mb() -> float:
        # VmHWM, this process's own peak: getrusage's ru_maxrss also counts the parent's pages copied at fork time
        # (Linux carries the pre-exec peak over exec), so a big parent, as in `bench all`, hid the batch's growth.
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
        import resource  # no /proc: another system, where ru_maxrss is all there is

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    with tempfile.TemporaryFile() as file:
        pdf.write_batch(certificates(1, seed=1), file)  # fonts, encoder tables, imports: the process's fixed cost
    before = max_rss_mb()
    with tempfile.TemporaryFile() as file:
        started = time.perf_counter()
        pages = pdf.write_batch(certificates(count), file)
        seconds = time.perf_counter() - started
    after = max_rss_mb()
    return {"pages": pages, "growth_mb": after - before, "rss_mb": after, "seconds": seconds}


def measure_memory(count: int) -> dict:
    root = Path(__file__).resolve().parent.parent
    code = f"import json; from certificates import bench; print(json.dumps(bench.memory_child({count})))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True, timeout=1800
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(*, count: int = COUNT, memory_count: int = MEMORY_COUNT, stdout=None) -> Report:
    """Time the three writers on `count` certificates and the memory of a `memory_count` batch; print and return."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message if message.endswith("\n") else message + "\n")
            stdout.flush()

    load = os.getloadavg()[0]
    datas = list(certificates(count))
    time_writer("warm-up", pdf.write_batch, datas[:20])  # fonts registered, modules imported, caches filled
    time_writer("warm-up", lambda d, f: plain_script(d, f, qr_widget=True), datas[:5])
    say(f"{count:,} certificates each way; measuring…")
    product = time_writer("product: pdf.write_batch", pdf.write_batch, datas)
    widget = time_writer("script 1: reportlab, QrCodeWidget", lambda d, f: plain_script(d, f, qr_widget=True), datas)
    floor = time_writer("script 2: reportlab, no QR code", lambda d, f: plain_script(d, f, qr_widget=False), datas)
    say(f"measuring the memory of {memory_count:,} certificates in a fresh process…")
    memory = measure_memory(memory_count)
    report = Report(
        count=count, load=load, product=product, widget=widget, floor=floor, memory_count=memory["pages"],
        memory_mb=memory["growth_mb"], rss_mb=memory["rss_mb"], memory_seconds=memory["seconds"],
    )
    say(table(report))
    return report


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def table(report: Report) -> str:
    p, w, f = report.product, report.widget, report.floor
    vs_widget, vs_floor = p.rate / w.rate, p.rate / f.rate
    rows = [("Certificate PDFs", f"{report.count:,} A4 pages each, load average {report.load:.2f} before the run", "goal")]
    for timing in (p, w, f):
        rows.append(
            (timing.name, f"{timing.rate:,.0f} certificates/s ({timing.ms_per_page:.2f} ms a page, "
                          f"{timing.size / timing.pages / 1024:.1f} KB a page)", "")
        )
    rows += [
        ("product ÷ script 1", f"{vs_widget:.1f}× {_mark(vs_widget >= GOAL_VS_WIDGET)}", f"≥ {GOAL_VS_WIDGET:g}×"),
        ("product ÷ script 2", f"{vs_floor:.2f}× {_mark(vs_floor >= GOAL_VS_FLOOR)}", f"≥ {GOAL_VS_FLOOR:g}×"),
        (
            f"one batch of {report.memory_count:,}",
            f"max RSS +{report.memory_mb:.1f} MB {_mark(report.memory_mb <= GOAL_MEMORY_MB)} "
            f"(ends at {report.rss_mb:.0f} MB; {report.memory_seconds:.1f} s)",
            f"≤ {GOAL_MEMORY_MB} MB",
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "-" * max(len(line) for line in lines))
    lines += [
        "each writer: one run after a warm-up, one PDF to a temporary file, the same certificates in the same order;",
        "scripts 1 and 2 draw the same design directly with reportlab (script 1's QR: QrCodeWidget through renderPDF),",
        "with reportlab's default output; the product deflates its page streams without ASCII85 (pdf.binary_streams);",
        "memory: growth of the peak resident set size (VmHWM) of a fresh process over the batch, streamed from",
        "a generator to a temporary file, measured after one warm-up certificate.",
    ]
    return "\n".join(lines)
