"""HTTP benchmark of the public pages as parents load them on a Saturday, and the bytes of a first visit.

    python manage.py bench http                                 # SQLite then PostgreSQL, 20 clients, 15 s a page
    python manage.py bench http --database sqlite --seconds 1 --clients 2    # a smoke run

For each database it builds a throw-away one (a temporary SQLite file, or `tarjeta_azul_bench` on PostgreSQL: the
sheets bench's `SqliteBench` and `PostgresBench`), migrates it, collects the static files into a temporary folder with
the project's storage (what a deployment runs before serving), fills it with one championship (6 categories × 12 teams,
a double round robin each, two thirds of it played, ~6 cards and a conduct row per team and played match, squads of
14, a coach and a barra per team) and serves it with gunicorn (the sheets bench's `Server`: 2 gthread workers) under
config.bench_settings, which adds a bare view at /bench/bare/.

Then `--clients` anonymous parents (threads of this process, each with its own keep-alive `http.client` connection
and cookies, asking for gzip and brotli as a phone does) request one page flat out, page after page: the bare view,
a category's standings, a team's page; each for `--seconds` after a warm-up that fills both workers' caches. Printed
for each: requests/s, its ratio to the bare view's in the same run, p50/p95 latency, errors, and the CPU each request
cost the server and the clients. The clients are Python: the CPU they take is measured (this process's own) and
shown, since on 2 cores it is CPU the server did not get; `wrk` would take less, but it is not installed here and the
bench installs nothing.

Bytes of a first visit: the standings page fetched with no cookie and `Accept-Encoding: gzip, br`, then every
stylesheet, script, icon and image it references (and what the stylesheets import): status lines, headers and bodies
as they come over the wire, compressed when the server compresses. "If compressed" is the same with each uncompressed
text body gzipped at level 6: what turning compression on would give.

Figures are printed, never asserted. REDIS_URL, CONN_MAX_AGE and the like pass through to the server (with REDIS_URL,
its keys get a prefix of their own); DATABASE_URL, DEBUG, ALLOWED_HOSTS and DJANGO_SETTINGS_MODULE are set here.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from referees.bench import BASE_DIR, BenchError, Options, PostgresBench, Server, SqliteBench, cpu_snapshot

CLIENTS = 20
SECONDS = 15.0
WARM_UP = 3.0
CATEGORIES = 6
TEAMS = 12
GOAL_RATIO = 0.5  # a cached page served at least half as fast as the bare view
GOAL_P95_MS = 50.0
GOAL_FIRST_LOAD_KB = 60
ACCEPT_ENCODING = "gzip, br"
USER_AGENT = "Mozilla/5.0 (Linux; Android 10; K) tarjeta-azul-bench"


@dataclass
class PageFigures:
    name: str
    path: str
    requests: int = 0
    errors: int = 0
    hits: int = 0  # answered X-Cache: hit
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list, repr=False)
    server_cpu: float = 0.0  # seconds of gunicorn's CPU over the timed window
    client_cpu: float = 0.0  # seconds of this process's CPU (the clients) over it
    error_samples: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float | None:
        values = sorted(self.latencies)
        if not values:
            return None
        rank = max(1, round(share * len(values) + 0.4999))  # nearest rank
        return values[min(rank, len(values)) - 1]


@dataclass
class Resource:
    path: str
    status: int
    wire: int  # status line, headers and body as received
    encoding: str  # Content-Encoding ("" for none)
    if_compressed: int  # the same with the body gzipped when it came uncompressed and is text


@dataclass
class FirstLoad:
    resources: list[Resource]

    @property
    def wire(self) -> int:
        return sum(r.wire for r in self.resources)

    @property
    def if_compressed(self) -> int:
        return sum(r.if_compressed for r in self.resources)


@dataclass
class HttpReport:
    database: str
    clients: int
    seconds: float
    cache: str
    load: float
    pages: list[PageFigures]
    first_load: FirstLoad | None = None

    def page(self, name: str) -> PageFigures:
        return next(p for p in self.pages if p.name == name)

    def ratio(self, name: str) -> float | None:
        bare = self.page("bare").rate
        return self.page(name).rate / bare if bare else None


# --- The data, built in a child process on the bench database ---------------------------------------------------------


def child_main() -> None:
    """`python -c 'from leagues.bench_http import child_main; child_main()' OUT.json`: build, write the paths."""
    import django

    django.setup()
    Path(sys.argv[1]).write_text(json.dumps(build_data()))


def build_data(*, categories: int = CATEGORIES, teams: int = TEAMS, seed: int = 2026) -> dict:
    """One public championship of `categories` × `teams`, two thirds of each double round robin played."""
    import datetime
    from random import Random

    from django.db import transaction

    from fairplay.models import Card, MatchConduct
    from leagues import fixtures
    from leagues.models import (
        Barra, Category, Championship, Club, Coach, Match, Organizer, Player, RosterEntry, Team, Venue,
    )

    rng = Random(seed)
    start = datetime.date(2026, 3, 7)
    with transaction.atomic():
        organizer = Organizer.objects.create(name="Municipalidad de Bench", slug="bench-http")
        championship = Championship.objects.create(
            organizer=organizer, name="Copa Bench", slug="copa-bench", season="2026", status="in_progress"
        )
        venue = Venue.objects.create(organizer=organizer, name="Estadio Municipal", address="Av. Central 123")
        paths = {}
        for index in range(categories):
            category = Category.objects.create(
                championship=championship, name=f"Sub-{8 + 2 * index}", slug=f"sub-{8 + 2 * index}"
            )
            clubs = Club.objects.bulk_create(
                Club(organizer=organizer, name=f"Club {index}-{n:02d}") for n in range(teams)
            )
            squad_teams = Team.objects.bulk_create(
                Team(category=category, club=club, name=f"Deportivo {club.name[5:]}", primary_colour="#1d4ed8")
                for club in clubs
            )
            players = Player.objects.bulk_create(
                Player(organizer=organizer, given_names=f"Jugador{n} Ñañez", surnames=f"Quispe {team.name}",
                       birth_date=datetime.date(2014, 5, 1))
                for team in squad_teams for n in range(14)
            )
            squads = {team.pk: players[i * 14:(i + 1) * 14] for i, team in enumerate(squad_teams)}
            RosterEntry.objects.bulk_create(
                RosterEntry(team=team, player=player, championship=championship, shirt_number=n + 1)
                for team in squad_teams for n, player in enumerate(squads[team.pk])
            )
            coaches = Coach.objects.bulk_create(
                Coach(organizer=organizer, given_names="Entrenador", surnames=team.name) for team in squad_teams
            )
            Coach.teams.through.objects.bulk_create(
                Coach.teams.through(coach_id=c.pk, team_id=t.pk) for c, t in zip(coaches, squad_teams)
            )
            Barra.objects.bulk_create(Barra(team=team, name=f"Barra {team.name}") for team in squad_teams)
            pairings = fixtures.round_robin([t.pk for t in squad_teams], double=True)
            last_played = max(p.round for p in pairings) * 2 // 3
            matches = Match.objects.bulk_create(
                Match(
                    category=category, round=p.round, home_id=p.home, away_id=p.away, venue=venue,
                    date=start + datetime.timedelta(days=7 * p.round), time=datetime.time(9 + p.round % 6, 0),
                    **({"status": Match.Status.PLAYED, "home_goals": rng.choice((0, 1, 1, 2, 3)),
                        "away_goals": rng.choice((0, 0, 1, 2))} if p.round <= last_played else {}),
                )
                for p in pairings
            )
            cards, conduct = [], []
            for match in matches:
                if match.status != Match.Status.PLAYED:
                    continue
                for team_id in (match.home_id, match.away_id):
                    conduct.append(MatchConduct(match=match, team_id=team_id, fouls=rng.randint(2, 12),
                                                ritual_before=True, ritual_after=rng.random() < 0.9,
                                                barra_rating=rng.randint(3, 5)))
                    for _ in range(3):
                        colour = rng.choice(("blue", "blue", "yellow", "yellow", "red"))
                        recipient = "player" if colour != "blue" else rng.choice(("player", "player", "coach", "barra"))
                        cards.append(Card(
                            match=match, team_id=team_id, recipient=recipient, minute=rng.randint(1, 50),
                            colour=colour, player=rng.choice(squads[team_id]) if recipient == "player" else None,
                            coach=coaches[[t.pk for t in squad_teams].index(team_id)] if recipient == "coach" else None,
                        ))
            Card.objects.bulk_create(cards)
            MatchConduct.objects.bulk_create(conduct)
            if index == 0:
                paths = {
                    "standings": f"/{championship.slug}/{category.slug}/",
                    "team": f"/{championship.slug}/{category.slug}/teams/{squad_teams[0].pk}/",
                }
    return paths


# --- The load ---------------------------------------------------------------------------------------------------------


class Parent:
    """One anonymous visitor: a keep-alive connection and the cookies the site gave it."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> tuple[int, dict, bytes]:
        headers = {"Accept-Encoding": ACCEPT_ENCODING, "User-Agent": USER_AGENT, "Accept": "text/html,*/*"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.connection.request("GET", path, headers=headers)
                response = self.connection.getresponse()
                body = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()  # a keep-alive connection the server closed: reconnect once, as browsers do
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, body

    def close(self) -> None:
        self.connection.close()


def hammer(port: int, path: str, *, clients: int, seconds: float, page: PageFigures | None) -> None:
    """`clients` parents requesting `path` flat out for `seconds`; figures into `page` (None: a warm-up)."""
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def play() -> None:
        parent = Parent(port)
        latencies, errors, hits, samples = [], 0, 0, []
        start.wait()
        while time.perf_counter() < deadline[0]:
            began = time.perf_counter()
            try:
                status, headers, _body = parent.get(path)
            except Exception as error:
                errors += 1
                samples.append(f"{type(error).__name__}: {error}")
                parent.close()
                continue
            latencies.append((time.perf_counter() - began) * 1000)
            if status != 200:
                errors += 1
                samples.append(f"HTTP {status}")
            hits += headers.get("X-Cache") == "hit"
        parent.close()
        if page is not None:
            with lock:
                page.latencies += latencies
                page.requests += len(latencies)
                page.errors += errors
                page.hits += hits
                page.error_samples += samples[:3]

    threads = [threading.Thread(target=play, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    if page is not None:
        page.seconds = time.perf_counter() - began


def measure(server: Server, name: str, path: str, *, clients: int, seconds: float, warm_up: float) -> PageFigures:
    hammer(server.port, path, clients=clients, seconds=warm_up, page=None)
    page = PageFigures(name, path)
    before, cpu_before = cpu_snapshot(server.process.pid), time.process_time()
    hammer(server.port, path, clients=clients, seconds=seconds, page=page)
    after, cpu_after = cpu_snapshot(server.process.pid), time.process_time()
    page.client_cpu = cpu_after - cpu_before
    if before and after:
        page.server_cpu = after.server - before.server
    return page


# --- The bytes of a first visit ---------------------------------------------------------------------------------------

_REFERENCES = (
    re.compile(r"""<link\b[^>]*\bhref=["']([^"']+)["'][^>]*>""", re.I),
    re.compile(r"""<script\b[^>]*\bsrc=["']([^"']+)["']""", re.I),
    re.compile(r"""<img\b[^>]*\bsrc=["']([^"']+)["']""", re.I),
)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']""")
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _decoded(body: bytes, encoding: str) -> bytes | None:
    if not encoding:
        return body
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        try:
            import brotli
        except ImportError:
            return None
        return brotli.decompress(body)
    return None


def first_load(port: int, path: str) -> FirstLoad:
    """The page and everything it references, fetched once each as a first-time visitor's phone would."""
    parent = Parent(port)
    queue, seen, resources = [path], set(), []
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        status, headers, body = parent.get(current)
        header_bytes = len(f"HTTP/1.1 {status} OK\r\n") + sum(len(f"{k}: {v}\r\n") for k, v in headers.items()) + 2
        encoding = headers.get("Content-Encoding", "")
        content_type = headers.get("Content-Type", "")
        plain = _decoded(body, encoding)
        compressible = not encoding and content_type.startswith(_TEXT_TYPES)
        gzipped = len(gzip.compress(body, 6)) if compressible else len(body)
        resources.append(Resource(current, status, header_bytes + len(body), encoding, header_bytes + gzipped))
        if status != 200 or plain is None:
            continue
        text = plain.decode("utf-8", "replace")
        found = []
        if content_type.startswith("text/html"):
            for pattern in _REFERENCES:
                for match in pattern.finditer(text):
                    tag = match.group(0).lower()
                    if pattern is _REFERENCES[0] and not re.search(r"rel=[\"'][^\"']*(stylesheet|icon|preload|"
                                                                   r"manifest|modulepreload)", tag):
                        continue
                    found.append(match.group(1))
        elif content_type.startswith("text/css"):
            found = [a or b for a, b in _CSS_URL.findall(text)]
        base = current.rsplit("/", 1)[0] + "/"
        for reference in found:
            reference = reference.split("#", 1)[0]
            if not reference or reference.startswith(("data:", "http:", "https:", "//")):
                continue  # another site's, or inline: a phone's first visit gets nothing more from this server
            queue.append(reference if reference.startswith("/") else base + reference)
    parent.close()
    return FirstLoad(resources)


# --- One database -------------------------------------------------------------------------------------------------------


def _run(command: list[str], env: dict, what: str) -> None:
    done = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"{what} failed:\n{done.stderr[-3000:]}")


def bench_database(kind: str, *, clients: int, seconds: float, warm_up: float, workers: int, threads: int,
                   say) -> HttpReport:
    database = SqliteBench() if kind == "sqlite" else PostgresBench(os.environ.get("DATABASE_URL"))
    workdir = Path(tempfile.mkdtemp(prefix="tarjeta-azul-bench-http-"))
    try:
        with database:
            env = dict(os.environ)
            env.update(
                DATABASE_URL=database.url, DEBUG="false", ALLOWED_HOSTS="127.0.0.1",
                DJANGO_SETTINGS_MODULE="config.bench_settings", BENCH_STATIC_ROOT=str(workdir / "static"),
            )
            if env.get("REDIS_URL"):
                env["CACHE_KEY_PREFIX"] = f"tarjeta-azul-bench-{uuid.uuid4().hex[:12]}"
            cache = f"Redis ({env['REDIS_URL']})" if env.get("REDIS_URL") else "local memory, per worker"
            started = time.perf_counter()
            _run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env, "migrate")
            _run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, "collectstatic")
            out = workdir / "paths.json"
            _run([sys.executable, "-c", "from leagues.bench_http import child_main; child_main()", str(out)], env,
                 "build")
            paths = json.loads(out.read_text())
            say(f"[{database.label}] migrated, collected the static files and built {CATEGORIES} categories × "
                f"{TEAMS} teams in {time.perf_counter() - started:.1f} s")
            load = os.getloadavg()[0]
            options = Options(workers=workers, threads=threads)
            with Server(env, workdir, options) as server:
                say(f"[{database.label}] gunicorn on 127.0.0.1:{server.port} ({workers} workers × {threads} "
                    f"threads), cache: {cache}; {clients} clients, {seconds:g} s a page after {warm_up:g} s")
                pages = [
                    measure(server, name, path, clients=clients, seconds=seconds, warm_up=warm_up)
                    for name, path in (("bare", "/bench/bare/"), ("standings", paths["standings"]),
                                       ("team", paths["team"]))
                ]
                loaded = first_load(server.port, paths["standings"])
            return HttpReport(database.label, clients, seconds, cache, load, pages, loaded)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# --- Report -------------------------------------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}" if value < 10 else f"{value:.0f}"


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def table(report: HttpReport) -> str:
    rows = [(f"Public pages over HTTP: {report.database}", "req/s", "÷ bare", "p50 ms", "p95 ms", "errors", "hits",
             "server CPU ms/req", "clients CPU ms/req")]
    for page in report.pages:
        ratio = report.ratio(page.name)
        p95 = page.percentile(0.95)
        rows.append((
            f"{page.name} {page.path}",
            f"{page.rate:.0f}",
            "–" if page.name == "bare" or ratio is None else f"{ratio:.2f} {_mark(ratio >= GOAL_RATIO)}",
            _ms(page.percentile(0.5)),
            f"{_ms(p95)} {_mark(p95 is not None and p95 <= GOAL_P95_MS)}",
            f"{page.errors} {_mark(page.errors == 0 and page.requests > 0)}",
            "–" if page.name == "bare" else f"{page.hits / page.requests:.0%}" if page.requests else "–",
            f"{page.server_cpu * 1000 / page.requests:.2f}" if page.requests else "–",
            f"{page.client_cpu * 1000 / page.requests:.2f}" if page.requests else "–",
        ))
    rows.append(("goal", "", f"≥ {GOAL_RATIO:g}", "", f"≤ {GOAL_P95_MS:.0f}", "0", "", "", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)) for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    wall = sum(p.seconds for p in report.pages)
    client = sum(p.client_cpu for p in report.pages)
    lines.append(
        f"{report.clients} clients in this process took {client / wall if wall else 0:.2f} CPUs of "
        f"{os.cpu_count()} while measuring; cache: {report.cache}; load average {report.load:.2f} before"
    )
    if report.first_load:
        lines += ["", first_load_table(report.first_load)]
    return "\n".join(lines)


def first_load_table(load: FirstLoad) -> str:
    goal = GOAL_FIRST_LOAD_KB * 1024
    lines = [f"First visit to the standings page (Accept-Encoding: {ACCEPT_ENCODING}): bytes over the wire"]
    for r in load.resources:
        lines.append(f"  {r.path:<60} {r.status}  {r.wire / 1024:7.1f} KB  {r.encoding or 'uncompressed':<12}"
                     f"  if compressed {r.if_compressed / 1024:6.1f} KB")
    lines.append(f"  total {load.wire / 1024:.1f} KB {_mark(load.wire <= goal)} (goal ≤ {GOAL_FIRST_LOAD_KB} KB); "
                 f"with every text body compressed {load.if_compressed / 1024:.1f} KB")
    return "\n".join(lines)


def run(*, databases: list[str], clients: int = CLIENTS, seconds: float = SECONDS, warm_up: float = WARM_UP,
        workers: int = 2, threads: int = 1, stdout=None) -> list[HttpReport]:
    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message if message.endswith("\n") else message + "\n")
            stdout.flush()

    reports = []
    for kind in databases:
        try:
            report = bench_database(kind, clients=clients, seconds=seconds, warm_up=warm_up, workers=workers,
                                    threads=threads, say=say)
        except BenchError as error:
            if len(databases) == 1:
                raise
            say(f"[{kind}] skipped: {error}")
            continue
        for page in report.pages:
            for sample in page.error_samples[:3]:
                say(f"[{report.database}] {page.name}: {sample}")
        say(table(report))
        reports.append(report)
    return reports

