"""QR codes for printed documents, from reportlab's own encoder, drawn as one filled path.

`matrix(text)` gives the same modules as reportlab's `QrCodeWidget` (same error-correction level, same mask), but picks
the mask about five times faster: reportlab builds and scores all eight masked matrices in pure Python module by module;
here the unmasked matrix is built once, each mask is applied to whole rows as integers, and the penalty rules run on
bit strings. `draw(canvas, modules, ...)` merges each row's dark modules into runs and fills them as a single path,
where the widget makes one shape per run and renders each through reportlab's graphics layer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import zip_longest
from typing import NamedTuple

from reportlab.graphics.barcode import qrencoder

# "M" recovers ~15 % of a damaged code: a certificate is folded, stuck on a fridge, photographed in poor light.
LEVEL = "M"

_MASKS = qrencoder.QRUtil.maskPattern  # mask number → (row, col) → bool
_LONG_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = re.compile(r"10111010000(?=[01])")  # reportlab's rule 3: not the mirror image, not at a row's end


def matrix(text: str, *, level: str = LEVEL) -> list[list[bool]]:
    """The QR code of `text` as rows of modules (True: dark), without the quiet zone.

    Equal to `QrCodeWidget(text, barLevel=level).qr.modules` once the widget is drawn."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(text)
    code.version = code.calculate_version()
    layout = _layout(code.version)
    code.dataCache = codewords(code)  # what makeImpl would compute with reportlab's slower polynomial arithmetic
    code._dataPosList = layout.positions  # the same list makeImpl would rebuild for this instance
    code.makeImpl(True, 0)  # the test layout: format and version areas left light, the data masked with mask 0
    best = _best_mask(code.modules, layout)
    code.makeImpl(False, best)  # places the same data again, with the chosen mask and the real format bits
    return [list(map(bool, row)) for row in code.modules]


def draw(canvas, modules: list[list[bool]], x: float, y: float, size: float, *, quiet: int = 0) -> None:
    """Draw `modules` in the current fill colour as a square of `size` points with its lower-left corner at (x, y);
    `quiet` light modules of margin are kept inside the square (QR readers want 4; 0 when the page around is blank).

    The code is one path of one rectangle per run of dark modules in a row, filled once, in a coordinate system of
    modules (first row at the top): every rectangle is four small integers, written as PDF operators directly, since
    reportlab's path methods format each number as a float in pure Python."""
    count = len(modules)
    module = size / (count + 2 * quiet)
    runs = []
    for r, row in enumerate(modules):
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                runs.append(f"{start} {r} {c - start} 1 re")
            else:
                c += 1
    left, top = x + quiet * module, y + size - quiet * module
    canvas.addLiteral(f"q {module:.5f} 0 0 {-module:.5f} {left:.3f} {top:.3f} cm\n" + "\n".join(runs) + "\nf Q")


def version_for(modules: list[list[bool]]) -> int:
    """The QR version (1–40) of a matrix: its side is 17 + 4 × version modules."""
    return (len(modules) - 17) // 4


# --- Codewords: reportlab's QRCode.createData with a table-driven Reed–Solomon remainder ------------------------------


def codewords(code: qrencoder.QRCode) -> list[int]:
    """The data and error-correction codewords of `code` (its data added, its version set), interleaved: equal to
    `QRCode.createData(code.version, code.errorCorrectLevel, code.dataList)`."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(code.version, code.errorCorrectLevel)
    capacity = 8 * sum(block.dataCount for block in blocks)
    buffer = qrencoder.QRBitBuffer()
    for data in code.dataList:
        data.write(buffer, code.version)
    if buffer.getLengthInBits() > capacity:
        raise ValueError(f"code length overflow ({buffer.getLengthInBits()} > {capacity})")
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    pad = (qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1)
    data = list(buffer.buffer)
    data += [pad[i % 2] for i in range(capacity // 8 - len(data))]
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        part = data[offset : offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(part)
        ec_blocks.append(_remainder(part, _generator(block.totalCount - block.dataCount)))
    return [
        byte for group in (data_blocks, ec_blocks) for column in zip_longest(*group) for byte in column
        if byte is not None
    ]


_EXP = qrencoder.EXP_TABLE
_LOG = qrencoder.LOG_TABLE


@lru_cache(maxsize=64)  # one per error-correction block length: a few dozen at most
def _generator(length: int) -> tuple[int, ...]:
    """The logs of the generator polynomial's coefficients after the leading 1, from reportlab's own polynomial."""
    poly = qrencoder.QRUtil.getErrorCorrectPolynomial(length)
    return tuple(_LOG[poly.get(i)] for i in range(1, length + 1))


def _remainder(data: list[int], generator: tuple[int, ...]) -> list[int]:
    remainder = [0] * len(generator)
    for byte in data:
        factor = byte ^ remainder.pop(0)
        remainder.append(0)
        if factor:
            shift = _LOG[factor]
            for i, log in enumerate(generator):
                remainder[i] ^= _EXP[(log + shift) % 255]
    return remainder


# --- Mask selection, the same as reportlab's QRCode.getBestMaskPattern and QRUtil.getLostPoint ------------------------


class _Layout(NamedTuple):
    count: int
    positions: list[tuple[int, int]]  # (col, row) of the data modules, in placement order
    rows: tuple[tuple[int, ...], ...]  # per mask, per row: the mask's dark data modules (column 0 the high bit)
    columns: tuple[tuple[int, ...], ...]  # the same per column (row 0 the high bit)


@lru_cache(maxsize=40)  # one entry per QR version at most
def _layout(version: int) -> _Layout:
    probe = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    probe.moduleCount = count = version * 4 + 17
    positions = list(probe._dataPosIterator())
    rows, columns = [], []
    for m in range(8):
        mask = _MASKS[m]
        by_row, by_column = [0] * count, [0] * count
        for col, row in positions:
            if mask(row, col):
                by_row[row] |= 1 << (count - 1 - col)
                by_column[col] |= 1 << (count - 1 - row)
        rows.append(tuple(by_row))
        columns.append(tuple(by_column))
    return _Layout(count, positions, tuple(rows), tuple(columns))


def _best_mask(modules: list[list[bool]], layout: _Layout) -> int:
    """The mask of least penalty for the test layout `modules` (built with mask 0), the first of equals winning."""
    count = layout.count
    # Masking with m instead of 0 is XOR-ing mask 0's data modules out and m's in.
    rows = [int("".join("1" if m else "0" for m in row), 2) for row in modules]
    columns = [int("".join("1" if m else "0" for m in column), 2) for column in zip(*modules)]
    best, best_score = 0, None
    for m in range(8):
        score = _lost_points(
            [b ^ a ^ z for b, a, z in zip(rows, layout.rows[0], layout.rows[m])],
            [b ^ a ^ z for b, a, z in zip(columns, layout.columns[0], layout.columns[m])],
            count,
        )
        if best_score is None or score < best_score:
            best, best_score = m, score
    return best


def _lost_points(rows: list[int], columns: list[int], count: int) -> int:
    width = f"0{count}b"
    lines = "2".join(format(row, width) for row in rows)
    # Rule 1: a run of five or more modules of one colour, in a row or a column, costs its length minus 2.
    runs = _LONG_RUN.findall(lines) + _LONG_RUN.findall("2".join(format(column, width) for column in columns))
    score = sum(map(len, runs)) - 2 * len(runs)
    # Rule 2: every 2 × 2 block of one colour costs 3.
    pairs = (1 << (count - 1)) - 1  # a bit for each pair of adjacent columns
    for upper, lower in zip(rows, rows[1:]):
        same_below = ~(upper ^ lower)
        score += 3 * (same_below & (same_below >> 1) & ~(upper ^ (upper >> 1)) & pairs).bit_count()
    # Rule 3: 1:1:3:1:1 then four light modules costs 40. As reportlab scores it: in rows only (its column pass compares
    # tuples with a list, which never match), without overlap, and never at a row's last possible offset.
    score += 40 * len(_FINDER_LIKE.findall(lines))
    # Rule 4: the share of dark modules away from 50 %, in steps of 5 %, costs 10 a step.
    dark = sum(row.bit_count() for row in rows)
    score += 10 * (abs(100 * dark // (count * count) - 50) // 5)
    return score
