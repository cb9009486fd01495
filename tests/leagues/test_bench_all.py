"""`bench http` and `bench all` at a toy size: every figure comes out with a number. No speed is asserted."""

from __future__ import annotations

import io
import re

from django.core.management import call_command
from django.core.management.base import CommandError

from leagues import bench_http
from leagues.management.commands.bench import summary_rows, summary_table

NUMBER = r"\d+(?:\.\d+)?"


def test_the_http_target_serves_its_own_database_and_prints_every_figure():
    out = io.StringIO()

    call_command("bench", "http", "--database", "sqlite", "--seconds", "1", "--clients", "2", stdout=out)

    text = out.getvalue()
    for name, path in (("bare", r"/bench/bare/"), ("standings", r"/copa-bench/sub-8/"),
                       ("team", r"/copa-bench/sub-8/teams/\d+/")):
        row = re.search(rf"^{name} {path} +(.*)$", text, flags=re.M)
        assert row, f"no {name} row in:\n{text}"
        cells = row.group(1).split()
        assert re.fullmatch(NUMBER, cells[0]), row.group(0)  # requests/s
        assert len(re.findall(NUMBER, row.group(1))) >= 5, row.group(0)  # ratio, p50, p95, errors, CPU
    assert re.search(rf"^  /copa-bench/sub-8/ +200 +{NUMBER} KB", text, flags=re.M), text
    assert re.search(r"^  /static/css/app\.css +200", text, flags=re.M), text
    assert re.search(rf"^  total {NUMBER} KB [✓✗] \(goal ≤ 60 KB\)", text, flags=re.M), text


def _report() -> bench_http.HttpReport:
    pages = []
    for name, rate, ms in (("bare", 400, 10.0), ("standings", 300, 30.0), ("team", 150, 80.0)):
        page = bench_http.PageFigures(name, f"/{name}/", requests=rate, seconds=1.0, latencies=[ms] * rate)
        pages.append(page)
    resources = [bench_http.Resource("/copa/sub-8/", 200, 30_000, "", 5_000),
                 bench_http.Resource("/static/css/app.css", 200, 6_000, "gzip", 6_000)]
    return bench_http.HttpReport("SQLite 3.40", 2, 1.0, "local memory", 0.5, pages, bench_http.FirstLoad(resources))


def test_the_summary_has_a_row_per_figure_with_what_was_measured_its_goal_and_whether_it_was_met():
    figures = {"standings": {"single_queries": 4, "single_ms": 9.5, "national_s": 6.2}, "http": [_report()],
               "certificates": CommandError("no fonts")}

    text = summary_table(summary_rows(figures))

    lines = {line.split("  ")[0]: line for line in text.splitlines()}
    assert re.search(r"\b4 +≤ 5 +✓", lines["standings: one 20-team table, queries"])
    assert lines["standings: every national table (SQLite goal)"].rstrip().endswith("✗")
    assert re.search(r"0\.75 \(300 ÷ 400\) +≥ 0\.5 +✓", lines["http: standings req/s ÷ bare view, SQLite 3.40"])
    assert re.search(r"80\.0 ms +≤ 50 ms +✗", lines["http: team p95, SQLite 3.40"])
    assert re.search(r"0 of 850 +0 +✓", lines["http: errors, SQLite 3.40"])
    assert re.search(r"35\.2 KB +≤ 60 KB +✓", lines["bytes: first visit to the standings, all assets"])
    assert re.search(r"failed +runs +✗", lines["certificates: the target"])
    assert re.search(r"not run +runs +✗", lines["sheets: the target"])
    assert re.search(r"not run +runs +✗", lines["fairplay: the target"])
    assert text.splitlines()[-1] == "6 of 12 goals met"
