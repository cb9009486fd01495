"""Benchmarks of the standings, on synthetic data that is rolled back afterwards, and of the referees' match sheets.

    python manage.py bench standings            # 20-team double round robin, then a national-size database
    python manage.py bench standings --quick    # a tenth of the national size, for a smoke run
    python manage.py bench sheets               # 50 tablets at once against gunicorn, on SQLite then PostgreSQL
    python manage.py bench sheets --tablets 3 --events 5 --database sqlite   # a smoke run
    python manage.py bench fairplay             # every fair-play table of 100,000 matches and ~1,000,000 cards
    python manage.py bench fairplay --quick     # a tenth of that
    python manage.py bench certificates         # 1,000 certificate PDFs against two plain reportlab scripts
    python manage.py bench certificates --quick # 200, and a batch of 1,000 for the memory (else 7,000)
    python manage.py bench http                 # 20 parents at once on the cached public pages, then a first visit's bytes
    python manage.py bench http --database sqlite --seconds 1 --clients 2   # a smoke run
    python manage.py bench all                  # every target, then one table: figure, measured, goal, met
    python manage.py bench all --quick          # every target small: a smoke run

The sheets bench never touches the configured database: it builds, serves and drops its own (see referees/bench.py).
The fair-play bench, like the standings one, builds on the configured database and rolls back (see fairplay/bench.py).
The certificates bench never touches the database (see certificates/bench.py).
The HTTP bench, like the sheets one, builds, serves and drops its own database (see leagues/bench_http.py).

Figures are printed, never asserted: speed is measured here, not in the test suite.
"""

from __future__ import annotations

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from fairplay.models import Card
from leagues import fixtures
from leagues.models import Category, Championship, Club, Match, Organizer, Player, RosterEntry, Team
from leagues.standings import load_category_standings, load_standings

COLOURS = ["blue"] * 5 + ["yellow"] * 4 + ["second_yellow", "red"]


class Rollback(Exception):
    """Raised to undo the synthetic data once measured."""


class Command(BaseCommand):
    help = "Measure the standings, the match sheets or the fair-play tables on synthetic data (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("target", choices=["standings", "sheets", "fairplay", "certificates", "http", "all"])
        parser.add_argument("--quick", action="store_true", help="standings, fairplay: a tenth of the national size; certificates: a fifth.")
        parser.add_argument(
            "--repeat", type=int, default=20, help="standings, fairplay: timed runs of the single table."
        )
        parser.add_argument(
            "--database", choices=["sqlite", "postgres", "both"], default="both", help="sheets, http: which databases."
        )
        parser.add_argument("--clients", type=int, default=None, help="http: parents at once (default 20).")
        parser.add_argument(
            "--seconds", type=float, default=None, help="http: timed seconds a page (default 15; --quick: 2)."
        )
        parser.add_argument("--tablets", type=int, default=50, help="sheets: tablets (and matches) at once.")
        parser.add_argument("--events", type=int, default=30, help="sheets: events each tablet sends.")
        parser.add_argument("--workers", type=int, default=2, help="sheets, http: gunicorn worker processes.")
        parser.add_argument(
            "--threads", type=int, default=1, help="sheets, http: threads per gunicorn worker (gthread)."
        )
        parser.add_argument(
            "--think",
            type=int,
            default=None,
            metavar="MS",
            help="sheets: play one pace only, this mean pause of each tablet between events (0: flat out). "
            "Default: both a referee's pace (2 s) and flat out.",
        )

    def handle(self, *args, target, quick, repeat, **options):
        if target == "all":
            self.bench_all(quick=quick, repeat=repeat, **options)
        elif target == "sheets":
            self.bench_sheets(**options)
        elif target == "fairplay":
            self.bench_fairplay(quick=quick, repeat=repeat)
        elif target == "certificates":
            self.bench_certificates(quick=quick)
        elif target == "http":
            self.bench_http(quick=quick, **options)
        else:
            self.bench_standings(quick=quick, repeat=repeat)

    def bench_standings(self, *, quick: bool, repeat: int) -> dict:
        """The single table's queries and median ms, the national tables' seconds."""
        self.rng = random.Random(2026)
        figures = {}
        try:
            with transaction.atomic():
                self.organizer = Organizer.objects.create(name="Bench", slug="bench-organizer")
                figures["single_queries"], figures["single_ms"] = self.bench_single(repeat)
                figures["national_s"] = self.bench_national(
                    categories=200 if quick else 2000, matches=10_000 if quick else 100_000
                )
                raise Rollback
        except Rollback:
            pass
        except Exception as error:  # pragma: no cover - reported to the operator
            raise CommandError(f"benchmark failed: {error}") from error
        return figures

    def bench_sheets(self, *, database, tablets, events, workers, threads, think, **options) -> list:
        from referees import bench

        if min(tablets, workers, threads) < 1 or events < 0 or (think is not None and think < 0):
            raise CommandError("--tablets, --workers and --threads must be at least 1; --events and --think, 0.")
        settings = bench.Options(tablets=tablets, events=events, workers=workers, threads=threads, think_ms=think)
        databases = ["sqlite", "postgres"] if database == "both" else [database]
        try:
            return bench.run(databases=databases, options=settings, stdout=self.stdout)
        except bench.BenchError as error:
            raise CommandError(f"benchmark failed: {error}") from error
        except KeyboardInterrupt:
            raise CommandError("interrupted: gunicorn was stopped and the bench database dropped.") from None

    def bench_fairplay(self, *, quick: bool, repeat: int):
        from fairplay import bench

        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        try:
            return bench.run(
                matches=bench.NATIONAL_MATCHES // (10 if quick else 1), repeat=repeat, stdout=self.stdout
            )
        except Exception as error:  # pragma: no cover - reported to the operator
            raise CommandError(f"benchmark failed: {error}") from error

    def bench_certificates(self, *, quick: bool):
        from certificates import bench

        try:
            return bench.run(
                count=bench.COUNT // (5 if quick else 1),
                memory_count=bench.MEMORY_COUNT // (7 if quick else 1),
                stdout=self.stdout,
            )
        except Exception as error:  # pragma: no cover - reported to the operator
            raise CommandError(f"benchmark failed: {error}") from error

    def bench_http(self, *, quick: bool, database: str, clients, seconds, workers: int, threads: int, **options):
        from leagues import bench_http

        clients = bench_http.CLIENTS if clients is None else clients
        seconds = (2.0 if quick else bench_http.SECONDS) if seconds is None else seconds
        if clients < 1 or seconds <= 0 or min(workers, threads) < 1:
            raise CommandError("--clients, --workers and --threads must be at least 1; --seconds more than 0.")
        databases = ["sqlite", "postgres"] if database == "both" else [database]
        try:
            return bench_http.run(
                databases=databases, clients=clients, seconds=seconds, warm_up=min(bench_http.WARM_UP, seconds),
                workers=workers, threads=threads, stdout=self.stdout,
            )
        except bench_http.BenchError as error:
            raise CommandError(f"benchmark failed: {error}") from error
        except KeyboardInterrupt:
            raise CommandError("interrupted: gunicorn was stopped and the bench database dropped.") from None

    def bench_all(self, *, quick: bool, repeat: int, **options) -> None:
        """Every target in turn, then one table of every figure that has a goal. A target that fails is a row too."""
        if quick:
            options.update(tablets=min(options["tablets"], 5), events=min(options["events"], 5))
        figures = {}
        steps = [
            ("standings", lambda: self.bench_standings(quick=quick, repeat=repeat)),
            ("fairplay", lambda: self.bench_fairplay(quick=quick, repeat=repeat)),
            ("certificates", lambda: self.bench_certificates(quick=quick)),
            ("sheets", lambda: self.bench_sheets(**options)),
            ("http", lambda: self.bench_http(quick=quick, **options)),
        ]
        for name, step in steps:
            self.stdout.write(f"\n== bench {name}")
            try:
                figures[name] = step()
            except CommandError as error:
                self.stdout.write(f"[{name}] failed: {error}")
                figures[name] = error
        self.stdout.write("\n== Summary")
        self.stdout.write(summary_table(summary_rows(figures)))

    def make_category(self, championship: Championship, index: int, team_count: int) -> tuple[Category, list[Team]]:
        category = Category.objects.create(championship=championship, name=f"Cat {index}", slug=f"cat-{index}")
        clubs = Club.objects.bulk_create(
            Club(organizer=self.organizer, name=f"Club {index}-{n}") for n in range(team_count)
        )
        teams = Team.objects.bulk_create(
            Team(category=category, club=club, name=club.name) for club in clubs
        )
        return category, teams

    def play(self, category: Category, teams: list[Team], *, double: bool, start: datetime.date) -> list[Match]:
        pairings = fixtures.round_robin([t.pk for t in teams], double=double)
        return [
            Match(
                category=category,
                round=p.round,
                home_id=p.home,
                away_id=p.away,
                date=start + datetime.timedelta(days=7 * p.round),
                status=Match.Status.PLAYED,
                home_goals=self.rng.choice([0, 0, 1, 1, 2, 3, 4]),
                away_goals=self.rng.choice([0, 0, 1, 1, 2, 3]),
            )
            for p in pairings
        ]

    def bench_single(self, repeat: int) -> tuple[int, float]:
        championship = Championship.objects.create(
            organizer=self.organizer, name="Single", slug="bench-single", season="2026", preset="youth"
        )
        category, teams = self.make_category(championship, 0, 20)
        matches = Match.objects.bulk_create(self.play(category, teams, double=True, start=datetime.date(2026, 3, 1)))
        players = {}
        for team in teams:
            squad = Player.objects.bulk_create(
                Player(organizer=self.organizer, given_names=f"Jugador {n}", surnames=team.name) for n in range(14)
            )
            RosterEntry.objects.bulk_create(
                RosterEntry(team=team, player=p, championship=championship, shirt_number=n + 1)
                for n, p in enumerate(squad)
            )
            players[team.pk] = squad
        cards = []
        while len(cards) < 3000:
            match = self.rng.choice(matches)
            team_id = self.rng.choice([match.home_id, match.away_id])
            colour = self.rng.choice(COLOURS)
            recipient = "player" if colour != "blue" else self.rng.choice(["player", "player", "coach", "barra"])
            cards.append(
                Card(
                    match=match,
                    team_id=team_id,
                    recipient=recipient,
                    player=self.rng.choice(players[team_id]) if recipient == "player" else None,
                    minute=self.rng.randint(1, 60),
                    colour=colour,
                )
            )
        Card.objects.bulk_create(cards)
        category = Category.objects.select_related("championship").get(pk=category.pk)

        load_category_standings(category)  # warm caches: the figure is the steady state of a page view
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                load_category_standings(category)
                timings.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"single table: 20 teams, {len(matches)} matches, {len(cards)} card events: "
            f"{len(queries.captured_queries)} queries, median {statistics.median(timings):.1f} ms, "
            f"best {min(timings):.1f} ms over {repeat} runs (goal: <= 5 queries, <= 15 ms)"
        )
        return len(queries.captured_queries), statistics.median(timings)

    def bench_national(self, *, categories: int, matches: int) -> float:
        championship = Championship.objects.create(
            organizer=self.organizer, name="National", slug="bench-national", season="2026", preset="fifa"
        )
        per_category = matches // categories
        # The smallest team count whose double round robin reaches the per-category number of matches.
        team_count = next(n for n in range(2, 100) if n * (n - 1) >= per_category)
        started = time.perf_counter()
        all_matches = []
        category_list = []
        for index in range(categories):
            category, teams = self.make_category(championship, index + 1, team_count)
            category_list.append(category)
            all_matches.extend(
                self.play(category, teams, double=True, start=datetime.date(2026, 3, 1))[:per_category]
            )
        created = Match.objects.bulk_create(all_matches, batch_size=2000)
        Card.objects.bulk_create(
            (
                Card(match=m, team_id=m.home_id, recipient="barra", minute=10, colour="blue")
                for m in created
                if m.pk % 2 == 0
            ),
            batch_size=2000,
        )
        self.stdout.write(
            f"national data: {categories} categories, {len(created)} matches built in "
            f"{time.perf_counter() - started:.1f} s"
        )
        category_list = list(Category.objects.filter(championship=championship).select_related("championship"))
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            rows = 0
            # Batches keep each IN (...) list well under SQLite's variable limit.
            for start in range(0, len(category_list), 500):
                tables = load_standings(category_list[start : start + 500])
                rows += sum(len(table) for table in tables.values())
            elapsed = time.perf_counter() - started
        self.stdout.write(
            f"every table of the national database: {len(category_list)} tables, {rows} rows, "
            f"{len(queries.captured_queries)} queries, {elapsed:.2f} s (goal: <= 5 s on SQLite)"
        )
        return elapsed


# --- bench all: one table ---------------------------------------------------------------------------------------------


def summary_rows(figures: dict) -> list[tuple[str, str, str, bool | None]]:
    """(figure, measured, goal, met) for every figure with a goal; a target that failed gives one row, not met."""
    from certificates import bench as certificates
    from fairplay import bench as fairplay
    from leagues import bench_http
    from referees import bench as sheets

    rows = []

    def failed(name: str) -> bool:
        value = figures.get(name)
        if isinstance(value, Exception) or value is None:
            rows.append((f"{name}: the target", "failed" if value is not None else "not run", "runs", False))
            return True
        return False

    if not failed("standings"):
        f = figures["standings"]
        rows.append(("standings: one 20-team table, queries", str(f["single_queries"]), "≤ 5", f["single_queries"] <= 5))
        rows.append(("standings: one 20-team table, median", f"{f['single_ms']:.1f} ms", "≤ 15 ms", f["single_ms"] <= 15))
        rows.append(("standings: every national table (SQLite goal)", f"{f['national_s']:.2f} s", "≤ 5 s",
                     f["national_s"] <= 5))
    if not failed("fairplay"):
        report = figures["fairplay"]
        for f in report.presets:
            rows.append((f"fair play: every country table, {f.preset} ({report.database})", f"{f.total:.2f} s",
                         f"≤ {fairplay.GOAL_COUNTRY_S:g} s", f.total <= fairplay.GOAL_COUNTRY_S))
        fixed = len({f.queries for f in report.categories}) == 1
        for f in report.categories:
            rows.append((f"fair play: one category's table, {f.teams} teams",
                         f"{f.queries} queries, {f.median_ms:.1f} ms", f"fixed, ≤ {fairplay.GOAL_CATEGORY_MS:g} ms",
                         fixed and f.median_ms <= fairplay.GOAL_CATEGORY_MS))
    if not failed("certificates"):
        report = figures["certificates"]
        vs_widget = report.product.rate / report.widget.rate
        vs_floor = report.product.rate / report.floor.rate
        rows.append(("certificates: product ÷ script 1 (QrCodeWidget)", f"{vs_widget:.1f}×",
                     f"≥ {certificates.GOAL_VS_WIDGET:g}×", vs_widget >= certificates.GOAL_VS_WIDGET))
        rows.append(("certificates: product ÷ script 2 (no QR)", f"{vs_floor:.2f}×", f"≥ {certificates.GOAL_VS_FLOOR:g}×",
                     vs_floor >= certificates.GOAL_VS_FLOOR))
        rows.append((f"certificates: batch of {report.memory_count:,}, max RSS growth", f"{report.memory_mb:.0f} MB",
                     f"≤ {certificates.GOAL_MEMORY_MB} MB", report.memory_mb <= certificates.GOAL_MEMORY_MB))
    if not failed("sheets"):
        for r in figures["sheets"]:
            p95 = r.percentile(0.95)
            if "flat out" not in r.database:  # the p95 goal is for the referees' pace
                rows.append((f"sheets: p95, {r.database}", f"{p95:.0f} ms" if p95 is not None else "–",
                             f"≤ {sheets.P95_GOAL_MS:.0f} ms", p95 is not None and p95 <= sheets.P95_GOAL_MS))
            bad = r.errors + r.lost + r.duplicated
            rows.append((f"sheets: errors, lost, duplicated, {r.database}", f"{r.errors}, {r.lost}, {r.duplicated}",
                         "0, 0, 0", bad == 0 and r.requests > 0))
    if not failed("http"):
        for report in figures["http"]:
            for name in ("standings", "team"):
                page, ratio = report.page(name), report.ratio(name)
                rows.append((f"http: {name} req/s ÷ bare view, {report.database}",
                             f"{ratio:.2f} ({page.rate:.0f} ÷ {report.page('bare').rate:.0f})" if ratio else "–",
                             f"≥ {bench_http.GOAL_RATIO:g}", ratio is not None and ratio >= bench_http.GOAL_RATIO))
                p95 = page.percentile(0.95)
                rows.append((f"http: {name} p95, {report.database}", f"{p95:.1f} ms" if p95 is not None else "–",
                             f"≤ {bench_http.GOAL_P95_MS:.0f} ms", p95 is not None and p95 <= bench_http.GOAL_P95_MS))
            errors = sum(page.errors for page in report.pages)
            requests = sum(page.requests for page in report.pages)
            rows.append((f"http: errors, {report.database}", f"{errors} of {requests}", "0", errors == 0 and requests > 0))
        loads = [report.first_load for report in figures["http"] if report.first_load]
        if loads:
            goal = bench_http.GOAL_FIRST_LOAD_KB
            kb = loads[0].wire / 1024
            rows.append(("bytes: first visit to the standings, all assets", f"{kb:.1f} KB", f"≤ {goal} KB", kb <= goal))
    return rows


def summary_table(rows: list[tuple[str, str, str, bool | None]]) -> str:
    lines = [("figure", "measured", "goal", "met")]
    lines += [(figure, measured, goal, "✓" if met else "✗") for figure, measured, goal, met in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    text = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip() for line in lines]
    text.insert(1, "-" * max(len(t) for t in text))
    met = sum(1 for *_rest, ok in rows if ok)
    text.append(f"{met} of {len(rows)} goals met")
    return "\n".join(text)
