"""Benchmark of the fair-play tables on a national-size database: synthetic, built in a transaction, rolled back.

    python manage.py bench fairplay            # 100,000 played matches, ~1,000,000 cards
    python manage.py bench fairplay --quick    # a tenth of that
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tarjeta_azul_bench_fp python manage.py bench fairplay

It runs on the configured database and keeps nothing, but the transaction holds SQLite's write lock for the minute or
two it lasts: on a shared machine point DATABASE_URL at a throwaway database (a migrated `sqlite:////tmp/....sqlite3`,
or a PostgreSQL database made for the run).

The country: championships of six categories, each a double round robin of 10 to 16 teams (the first championship
opens with the two categories the single-table figures are for: 8 and 16 teams); squads of 12 and a coach per team;
~10 cards a match, most of them blue and yellow; a conduct row for each team of 80 % of the matches (the rest are
imported results: cards, but no sheet). What is timed is what a page needs before it renders: the loaders of
`fairplay.loaders`, the teams query, then `scoring.team_totals` and `scoring.copa_table`.

Figures are printed, never asserted: speed is measured here, not in the test suite.
"""

from __future__ import annotations

import datetime
import itertools
import os
import sqlite3
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from random import Random

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from fairplay import loaders, scoring
from fairplay.models import PRESET_WEIGHTS, Card, FairPlayScheme, MatchConduct
from fairplay.tables_loaders import load_copa
from leagues import fixtures
from leagues.models import Category, Championship, Club, Coach, Match, Organizer, Player, Team

NATIONAL_MATCHES = 100_000
CARDS_PER_MATCH = 10  # both teams together
SHEET_SHARE = 0.8  # matches with a referee's sheet, hence conduct rows
PER_CHAMPIONSHIP = 6  # categories of a championship
PROBES = (8, 16)  # the first categories' team counts: the single tables measured
TEAM_COUNTS = (10, 12, 14, 16)  # then the categories cycle through these
SQUAD = 12
COUNTRY_RUNS = 3
PRESETS = ("youth", "fifa", "uefa")
# Loader calls take the categories in batches: the loader's query repeats its IN list, and older SQLite builds allow
# 999 variables in a statement.
BATCH = 400
GOAL_COUNTRY_S = 3.0
GOAL_CATEGORY_MS = 20.0

# What a referee shows to one team, drawn one incident at a time: (recipient, colours of one person's cards, weight).
# A second yellow or a yellow-then-red are two cards to one player. Of the cards, ~54 % are blue, 41 % yellow, 3 %
# second yellow and 2 % red.
INCIDENTS = (
    ("player", ("blue",), 30),
    ("coach", ("blue",), 7),
    ("barra", ("blue",), 14),
    ("player", ("yellow",), 34),
    ("coach", ("yellow",), 2),
    ("player", ("yellow", "second_yellow"), 2.5),
    ("player", ("red",), 1),
    ("player", ("yellow", "red"), 0.5),
    ("coach", ("red",), 0.3),
)
_CUMULATIVE = list(itertools.accumulate(weight for *_incident, weight in INCIDENTS))


class Rollback(Exception):
    """Raised to undo the synthetic data once measured."""


@dataclass
class Country:
    organizer: Organizer
    championships: list[Championship] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    probes: dict[int, Category] = field(default_factory=dict)  # team count → its category, a full round robin
    teams: int = 0
    players: int = 0
    matches: int = 0
    sheets: int = 0
    cards: int = 0
    conduct: int = 0
    seconds: float = 0.0


@dataclass
class CountryFigures:
    preset: str
    tables: int
    teams: int
    queries: int
    total: float  # median seconds of the runs
    loaders: float  # median seconds in the loaders (queries and the rows made into TeamMatch)
    engine: float  # median seconds in team_totals and copa_table
    cpu: float  # median CPU seconds of this process (SQLite's included; not PostgreSQL's server)


@dataclass
class CategoryFigures:
    teams: int
    matches: int
    queries: int
    median_ms: float
    best_ms: float


@dataclass
class Report:
    database: str
    load: float  # the load average before the run
    country: Country
    presets: list[CountryFigures]
    sql_seconds: float  # the country's queries alone, executed and fetched
    fair_play_query_seconds: float  # of which the cards-and-conduct query
    categories: list[CategoryFigures]
    runs: int
    repeat: int
    plan: list[str] = field(default_factory=list)  # the query's plan, printed when the country misses its goal


# --- The country ------------------------------------------------------------------------------------------------------


def _team_counts(probes: Sequence[int], team_counts: Sequence[int]):
    yield from probes
    yield from itertools.cycle(team_counts)


def _cards(rng: Random, match: Match, team_id: int, squad: list[int], coach: int, cards: list[Card]) -> None:
    quota = rng.randint(0, CARDS_PER_MATCH)  # this team's cards, CARDS_PER_MATCH / 2 on average
    while quota > 0:
        recipient, colours, _weight = rng.choices(INCIDENTS, cum_weights=_CUMULATIVE)[0]
        if len(colours) > quota:
            continue
        quota -= len(colours)
        player = rng.choice(squad) if recipient == "player" else None
        minute = rng.randint(1, 45)
        for colour in colours:
            cards.append(
                Card(
                    match_id=match.pk,
                    team_id=team_id,
                    recipient=recipient,
                    player_id=player,
                    coach_id=coach if recipient == "coach" else None,
                    minute=minute,
                    colour=colour,
                    reason_code="other" if colour == "blue" else "",
                )
            )
            minute = rng.randint(minute, 50)


def _conduct(rng: Random, match: Match, team_id: int) -> MatchConduct:
    rated = rng.random() < 0.5  # the office's UEFA-style ratings, on half the sheets
    return MatchConduct(
        match_id=match.pk,
        team_id=team_id,
        fouls=rng.randint(0, 12),
        ritual_before=rng.random() < 0.9,
        ritual_after=rng.random() < 0.85,
        barra_rating=rng.choices((1, 2, 3, 4, 5), weights=(2, 5, 20, 45, 28))[0],
        barra_incidents=1 if rng.random() < 0.03 else 0,
        positive_play=rng.randint(4, 10) if rated else None,
        respect_opponent=rng.randint(2, 5) if rated else None,
        respect_referee=rng.randint(2, 5) if rated else None,
        officials_behaviour=rng.randint(2, 5) if rated else None,
        spectators_behaviour=rng.randint(1, 5) if rated else None,
    )


def build_country(
    *, matches: int, rng: Random, probes: Sequence[int] = PROBES, team_counts: Sequence[int] = TEAM_COUNTS,
    per_championship: int = PER_CHAMPIONSHIP,
) -> Country:
    """A country's played season of `matches` matches, with bulk inserts, one championship at a time (so that the
    model instances of a million cards are never held at once). The last category may be cut short."""
    started = time.perf_counter()
    organizer = Organizer.objects.create(name="Bench fair play (rolled back)", slug="bench-fairplay-rolled-back")
    country = Country(organizer=organizer)
    sizes = _team_counts(probes, team_counts)
    remaining, number = matches, 0
    while remaining > 0:
        number += 1
        championship = Championship.objects.create(
            organizer=organizer, name=f"Nacional {number}", slug=f"bench-fairplay-{number}", season="2026",
            status=Championship.Status.IN_PROGRESS, preset=Championship.Preset.YOUTH,
        )
        country.championships.append(championship)
        scheme = FairPlayScheme(championship=championship, preset="youth")
        scheme.apply_preset()
        scheme.save()
        counts = [next(sizes) for _ in range(per_championship)]
        categories = Category.objects.bulk_create(
            Category(championship=championship, name=f"Sub-{6 + 2 * i}", slug=f"sub-{6 + 2 * i}",
                     format=Category.Format.DOUBLE_ROUND_ROBIN)
            for i in range(per_championship)
        )
        clubs = Club.objects.bulk_create(
            Club(organizer=organizer, name=f"Club {number}-{n}") for n in range(max(counts))
        )
        teams = Team.objects.bulk_create(
            Team(category=category, club=club, name=club.name)
            for category, count in zip(categories, counts)
            for club in clubs[:count]
        )
        country.teams += len(teams)
        players = Player.objects.bulk_create(
            (Player(organizer=organizer, given_names=f"Jugador {n}", surnames=team.name)
             for team in teams for n in range(SQUAD)),
            batch_size=5000,
        )
        country.players += len(players)
        coaches = Coach.objects.bulk_create(
            Coach(organizer=organizer, given_names="DT", surnames=team.name) for team in teams
        )
        squads = {team.pk: [p.pk for p in players[i * SQUAD : (i + 1) * SQUAD]] for i, team in enumerate(teams)}
        coach_of = {team.pk: coach.pk for team, coach in zip(teams, coaches)}

        planned = []
        by_category = defaultdict(list)
        for team in teams:
            by_category[team.category_id].append(team.pk)
        for category, count in zip(categories, counts):
            if remaining <= 0:
                break
            pairings = fixtures.round_robin(by_category[category.pk], double=True)[:remaining]
            remaining -= len(pairings)
            if count in probes and count not in country.probes and len(pairings) == count * (count - 1):
                country.probes[count] = category
            start = datetime.date(2026, 3, 7)
            planned.extend(
                Match(
                    category=category, round=p.round, home_id=p.home, away_id=p.away,
                    date=start + datetime.timedelta(days=7 * (p.round - 1)), status=Match.Status.PLAYED,
                    home_goals=rng.choice((0, 0, 1, 1, 2, 3, 4)), away_goals=rng.choice((0, 0, 1, 1, 2, 3)),
                )
                for p in pairings
            )
        played = Match.objects.bulk_create(planned, batch_size=5000)
        country.matches += len(played)
        cards: list[Card] = []
        conduct: list[MatchConduct] = []
        for match in played:
            sheet = rng.random() < SHEET_SHARE
            country.sheets += sheet
            for team_id in (match.home_id, match.away_id):
                _cards(rng, match, team_id, squads[team_id], coach_of[team_id], cards)
                if sheet:
                    conduct.append(_conduct(rng, match, team_id))
        Card.objects.bulk_create(cards, batch_size=5000)
        MatchConduct.objects.bulk_create(conduct, batch_size=5000)
        country.cards += len(cards)
        country.conduct += len(conduct)
    if connection.vendor == "postgresql":
        # Autovacuum keeps a real database's statistics current, but cannot see this transaction's rows: without them
        # the planner guesses a few hundred rows and sorts a million on disk.
        with connection.cursor() as cursor:
            for model in (Category, Team, Match, Card, MatchConduct, FairPlayScheme):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    country.categories = list(
        Category.objects.filter(championship__organizer=organizer).select_related("championship").order_by("pk")
    )
    fetched = {c.pk: c for c in country.categories}
    country.probes = {count: fetched[c.pk] for count, c in sorted(country.probes.items())}
    country.seconds = time.perf_counter() - started
    return country


def set_preset(country: Country, preset: str) -> None:
    """Every championship of the country plays under `preset`, with its weights (as the office sets it)."""
    FairPlayScheme.objects.filter(championship__in=country.championships).update(
        preset=preset, **PRESET_WEIGHTS[preset]
    )


# --- What is timed ----------------------------------------------------------------------------------------------------


def load_country(categories: list[Category]):
    """What every table of the country needs from the database: (teams, schemes, TeamMatch rows per category)."""
    ids = [c.pk for c in categories]
    teams = list(Team.objects.filter(category_id__in=ids).order_by().values_list("pk", "category_id", "name"))
    rows: dict[int, list[scoring.TeamMatch]] = {}
    for start in range(0, len(ids), BATCH):
        rows.update(loaders.team_matches(ids[start : start + BATCH]))
    return teams, loaders.schemes(categories), rows


def score_country(categories: list[Category], teams, schemes, rows) -> dict[int, list[scoring.CopaRow]]:
    names = {pk: name for pk, _category, name in teams}
    members = defaultdict(list)
    for pk, category_id, _name in teams:
        members[category_id].append(pk)
    return {
        c.pk: scoring.copa_table(scoring.team_totals(rows[c.pk], schemes[c.pk], teams=members[c.pk]).values(), names)
        for c in categories
    }


def country_sql(categories: list[Category]) -> tuple[float, float]:
    """Seconds of the country's big queries alone, executed and fetched, nothing built from their rows: (all of
    them, the cards-and-conduct query). The small schemes query is left out."""
    ids = [c.pk for c in categories]
    started = time.perf_counter()
    list(Team.objects.filter(category_id__in=ids).order_by().values_list("pk", "category_id", "name"))
    fair_play = 0.0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        loaders.matches(batch)
        before = time.perf_counter()
        loaders._fair_play_rows(batch, None, None)  # the loader's one query, without making rows of it
        fair_play += time.perf_counter() - before
    return time.perf_counter() - started, fair_play


def measure_country(country: Country, preset: str, *, runs: int = COUNTRY_RUNS) -> CountryFigures:
    set_preset(country, preset)
    totals, loading, engine, cpu = [], [], [], []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(runs):
            loaded = tables = None  # the last run's rows go first, as a page's would
            started, cpu_started = time.perf_counter(), time.process_time()
            loaded = load_country(country.categories)
            between = time.perf_counter()
            tables = score_country(country.categories, *loaded)
            ended = time.perf_counter()
            cpu.append(time.process_time() - cpu_started)
            totals.append(ended - started)
            loading.append(between - started)
            engine.append(ended - between)
    return CountryFigures(
        preset=preset,
        tables=len(tables),
        teams=sum(len(rows) for rows in tables.values()),
        queries=len(queries.captured_queries) // runs,
        total=statistics.median(totals),
        loaders=statistics.median(loading),
        engine=statistics.median(engine),
        cpu=statistics.median(cpu),
    )


def category_table(category: Category) -> list[scoring.CopaRow]:
    """One category's Copa Fair Play as its public page gets it (`tables_loaders.load_copa`): teams, matches, cards
    and conduct, the scheme, the engine."""
    return load_copa([category])[category.pk].rows


def measure_category(category: Category, *, repeat: int) -> CategoryFigures:
    category_table(category)  # warm caches: the figure is the steady state of a page view
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            table = category_table(category)
            timings.append((time.perf_counter() - started) * 1000)
    return CategoryFigures(
        teams=len(table),
        matches=Match.objects.filter(category=category).count(),
        queries=len(queries.captured_queries),
        median_ms=statistics.median(timings),
        best_ms=min(timings),
    )


# --- The run and its report -------------------------------------------------------------------------------------------


def database_label() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    return connection.vendor


def query_plan(categories: list[Category]) -> list[str]:
    """The plan of the loader's cards-and-conduct query over the first batch of categories (on PostgreSQL, run and
    timed): where the time goes when the country misses its goal."""
    with CaptureQueriesContext(connection) as queries:
        loaders._fair_play_rows([c.pk for c in categories[:BATCH]], None, None)
    sql = queries.captured_queries[-1]["sql"]  # with its parameters in place
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            return [line for (line,) in cursor.fetchall()]
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        depth = {0: -1}
        lines = []
        for node, parent, _unused, detail in cursor.fetchall():
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        return lines


def run(
    *, matches: int = NATIONAL_MATCHES, repeat: int = 20, runs: int = COUNTRY_RUNS, presets: Sequence[str] = PRESETS,
    probes: Sequence[int] = PROBES, team_counts: Sequence[int] = TEAM_COUNTS, per_championship: int = PER_CHAMPIONSHIP,
    stdout=None,
) -> Report:
    """Build the country, measure it, roll it back; the figures are printed to `stdout` (if given) and returned."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message if message.endswith("\n") else message + "\n")
            stdout.flush()

    load = os.getloadavg()[0]  # the figures share the machine with whatever else runs on it
    report = None
    try:
        with transaction.atomic():
            country = build_country(
                matches=matches, rng=Random(2026), probes=probes, team_counts=team_counts,
                per_championship=per_championship,
            )
            say(
                f"built {country.matches:,} matches, {country.cards:,} cards and {country.conduct:,} conduct rows "
                f"in {country.seconds:.1f} s; measuring…"
            )
            figures = [measure_country(country, preset, runs=runs) for preset in presets]
            sql = [country_sql(country.categories) for _ in range(runs)]
            report = Report(
                database=database_label(),
                load=load,
                country=country,
                presets=figures,
                sql_seconds=statistics.median(s for s, _f in sql),
                fair_play_query_seconds=statistics.median(f for _s, f in sql),
                categories=[measure_category(category, repeat=repeat) for category in country.probes.values()],
                runs=runs,
                repeat=repeat,
            )
            if any(f.total > GOAL_COUNTRY_S for f in figures):
                report.plan = query_plan(country.categories)
            raise Rollback
    except Rollback:
        pass
    say(table(report))
    return report


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def table(report: Report) -> str:
    c = report.country
    rows = [
        ("Fair-play tables", f"{report.database}, load average {report.load:.2f} before the run", "goal"),
        ("data", f"{len(c.championships)} championships, {len(c.categories)} categories, {c.teams:,} teams", ""),
        ("", f"{c.matches:,} played matches ({c.sheets:,} with a sheet), {c.cards:,} cards", ""),
        ("", f"{c.conduct:,} conduct rows, {c.players:,} players; built in {c.seconds:.1f} s", ""),
    ]
    for f in report.presets:
        rows.append(
            (
                f"every table of the country, {f.preset}",
                f"{f.total:.2f} s {_mark(f.total <= GOAL_COUNTRY_S)}  (CPU {f.cpu:.2f} s; {f.tables} tables, "
                f"{f.teams:,} teams, {f.queries} queries)",
                f"≤ {GOAL_COUNTRY_S:.0f} s",
            )
        )
        rows.append(
            (
                "  queries / their rows / engine",
                f"{report.sql_seconds:.2f} s / {max(f.loaders - report.sql_seconds, 0):.2f} s / {f.engine:.2f} s",
                "",
            )
        )
    rows.append(("the queries alone", f"{report.sql_seconds:.2f} s, of which cards and conduct "
                 f"{report.fair_play_query_seconds:.2f} s", ""))
    fixed = len({f.queries for f in report.categories}) == 1
    for f in report.categories:
        rows.append(
            (
                f"one category's table, {f.teams} teams",
                f"{f.queries} queries {_mark(fixed)}, {f.median_ms:.1f} ms {_mark(f.median_ms <= GOAL_CATEGORY_MS)} "
                f"(best {f.best_ms:.1f}; {f.matches} matches)",
                f"fixed, ≤ {GOAL_CATEGORY_MS:.0f} ms",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "-" * max(len(line) for line in lines))
    lines += [
        f"country: median of {report.runs} runs per preset, each the loaders (the queries, then their rows made into",
        "TeamMatch) and the engine (team_totals, copa_table); the queries alone are timed apart, executed and fetched;",
        "CPU: this process's own (below the seconds when other work shares the cores; PostgreSQL's server not in it).",
        f"one category: median of {report.repeat} runs after a warm-up; teams, matches, cards and conduct, scheme.",
    ]
    if report.plan:
        lines += ["", "the cards-and-conduct query's plan:", *report.plan]
    return "\n".join(lines)
