"""Chart geometry for server-drawn SVG: numbers in, positions out. No HTML here; the template draws the shapes.

A chart has one or more series over the same groups: `bar_chart` puts a bar per series side by side in each group,
with its value written above it; `line_chart` joins each series' points (a missing value breaks the line) and writes
each value above its point. The y axis starts at 0 and ends at a round number (or at `maximum`, e.g. 100 for shares),
with a gridline at every step. Labels too long for their room are shortened to two lines, the full text kept in `full`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

HEIGHT = 300
LEFT, RIGHT, BOTTOM = 44, 12, 52  # room for the y ticks on the left, two label lines below
TOP = {"bars": 28, "line": 50}  # room for the values above the top: a line's may be moved apart upwards
BAR, BAR_GAP, GROUP_PAD = 26, 6, 22
POINT_STEP = 84
MIN_PLOT_WIDTH = 320
VALUE_GAP = 13  # least distance between two values written at the same point
CHAR_WIDTH = 6.6  # average width of a 12px label character
TICKS = 4


@dataclass(frozen=True)
class Series:
    name: str
    tone: str  # a CSS class suffix giving the colour
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Tick:
    y: float
    text: str


@dataclass(frozen=True)
class AxisLabel:
    x: float
    y: float
    lines: tuple[str, ...]
    full: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    tone: str
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    text: str  # empty: nothing written (another series wrote the same value at this point)
    text_y: float


@dataclass(frozen=True)
class Line:
    tone: str
    paths: tuple[str, ...]  # "x,y x,y ..." for each unbroken stretch
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Chart:
    kind: str  # "bars" or "line"
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    ticks: tuple[Tick, ...]
    labels: tuple[AxisLabel, ...]
    bars: tuple[Bar, ...] = ()
    lines: tuple[Line, ...] = ()
    missing: tuple[Point, ...] = ()  # where a group has no value: a dash instead of a bar


def nice_axis(value: float) -> tuple[float, float]:
    """(top, step) of a y axis from 0 that holds `value`: a step of 1, 2, 2.5 or 5 times a power of ten, and at
    most four steps (1 and 0.25 for nothing to show)."""
    if value <= 0:
        return 1.0, 0.25
    raw = value / TICKS
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if raw <= m * power * (1 + 1e-9))
    steps = math.ceil(value / step - 1e-9)
    return round(step * steps, 10), step


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _tick_text(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _wrap(label: str, width: float) -> tuple[str, ...]:
    """The label in at most two lines that fit `width` pixels, the second shortened with an ellipsis if need be."""
    most = max(3, int(width / CHAR_WIDTH))
    if len(label) <= most:
        return (label,)
    words, lines, current = label.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= most or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    lines = [line if len(line) <= most else line[: most - 1] + "…" for line in lines]
    if len(lines) > 2:
        second = " ".join(lines[1:])
        lines = [lines[0], second[: most - 1] + "…"]
    return tuple(lines)


def _frame(kind: str, plot_width: float, axis: tuple[float, float]):
    top_value, step = axis
    width = LEFT + plot_width + RIGHT
    plot_bottom = HEIGHT - BOTTOM
    plot_height = plot_bottom - TOP[kind]

    def y_of(value: float) -> float:
        return round(plot_bottom - plot_height * min(value, top_value) / top_value, 1)

    count = round(top_value / step)
    ticks = tuple(Tick(y_of(step * i), _tick_text(step * i)) for i in range(count + 1))
    return width, plot_bottom, y_of, ticks


def _axis(series: Sequence[Series], maximum: float | None) -> tuple[float, float]:
    if maximum is not None:
        return maximum, maximum / TICKS
    return nice_axis(max((v for s in series for v in s.values if v is not None), default=0))


def bar_chart(
    labels: Sequence[str], series: Sequence[Series], *, decimals: int = 2, suffix: str = "",
    maximum: float | None = None,
) -> Chart:
    """Bars side by side per group, one per series, each with its value above it."""
    per_group = len(series) * (BAR + BAR_GAP) - BAR_GAP + GROUP_PAD
    plot_width = max(MIN_PLOT_WIDTH, per_group * len(labels))
    group_width = plot_width / max(1, len(labels))
    width, plot_bottom, y_of, ticks = _frame("bars", plot_width, _axis(series, maximum))
    bars, missing, axis = [], [], []
    for g, label in enumerate(labels):
        start = LEFT + g * group_width + (group_width - per_group + GROUP_PAD) / 2
        for s, one in enumerate(series):
            x = round(start + s * (BAR + BAR_GAP), 1)
            value = one.values[g]
            if value is None:
                missing.append(Point(round(x + BAR / 2, 1), plot_bottom, "—", plot_bottom - 6))
                continue
            y = y_of(value)
            bars.append(
                Bar(x, y, BAR, round(plot_bottom - y, 1), one.tone, _number(value, decimals) + suffix,
                    round(x + BAR / 2, 1), round(y - 5, 1))
            )
        axis.append(AxisLabel(round(LEFT + (g + 0.5) * group_width, 1), plot_bottom + 18,
                              _wrap(label, group_width - 4), label))
    return Chart("bars", width, HEIGHT, LEFT, LEFT + plot_width, TOP["bars"], plot_bottom, ticks, tuple(axis),
                 bars=tuple(bars), missing=tuple(missing))


def line_chart(
    labels: Sequence[str], series: Sequence[Series], *, decimals: int = 2, suffix: str = "",
    maximum: float | None = None,
) -> Chart:
    """A line per series across the groups (in order: rounds, seasons), a dot and its value at every group.

    Where several series meet, their values are moved apart so that none hides another, and a value several series
    share at a point is written once."""
    plot_width = max(MIN_PLOT_WIDTH, POINT_STEP * len(labels))
    step = plot_width / max(1, len(labels))
    width, plot_bottom, y_of, ticks = _frame("line", plot_width, _axis(series, maximum))
    xs = [round(LEFT + (g + 0.5) * step, 1) for g in range(len(labels))]
    text_y = {}  # (series, group) -> where its value is written; None: another series writes the same value there
    for g in range(len(labels)):
        here = sorted(
            ((y_of(one.values[g]), s) for s, one in enumerate(series) if one.values[g] is not None), reverse=True
        )
        previous, written = None, set()
        for y, s in here:
            text = _number(series[s].values[g], decimals)
            if text in written:
                text_y[s, g] = None
                continue
            written.add(text)
            wanted = y - 8
            text_y[s, g] = round(max(11, wanted if previous is None else min(wanted, previous - VALUE_GAP)), 1)
            previous = text_y[s, g]
    lines = []
    for s, one in enumerate(series):
        paths, stretch, points = [], [], []
        for g, (x, value) in enumerate(zip(xs, one.values)):
            if value is None:
                if stretch:
                    paths.append(" ".join(stretch))
                stretch = []
                continue
            y = y_of(value)
            stretch.append(f"{x},{y}")
            written = text_y[s, g] is not None
            points.append(Point(x, y, _number(value, decimals) + suffix if written else "", text_y[s, g] or y))
        if stretch:
            paths.append(" ".join(stretch))
        lines.append(Line(one.tone, tuple(p for p in paths if " " in p), tuple(points)))
    missing = tuple(
        Point(x, plot_bottom, "—", plot_bottom - 6)
        for g, x in enumerate(xs)
        if all(one.values[g] is None for one in series)
    )
    axis = tuple(AxisLabel(x, plot_bottom + 18, _wrap(label, step - 4), label) for x, label in zip(xs, labels))
    return Chart("line", width, HEIGHT, LEFT, LEFT + plot_width, TOP["line"], plot_bottom, ticks, axis,
                 lines=tuple(lines), missing=missing)
