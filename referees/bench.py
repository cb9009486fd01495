"""Load benchmark of the referees' match sheet: many tablets sending changes at once to a real server.

    python manage.py bench sheets                     # 50 tablets × 30 events, on SQLite then on PostgreSQL
    python manage.py bench sheets --tablets 3 --events 5 --database sqlite    # a smoke run
    python manage.py bench sheets --think 0           # only flat out: each tablet sends as fast as answered

For each database it makes a throw-away bench database (never the configured one: a temporary SQLite file, or the
PostgreSQL database `tarjeta_azul_bench`), migrates it in a subprocess, fills it with one championship (100 teams,
50 matches, rostered squads, 50 referees each appointed to their own match), starts gunicorn on it and plays the
tablets over HTTP: each logs in, opens its sheet, sets the line-up, waits for the others, then sends its events
(plus ~10 % of them a second time, as after a dropped connection). Only the event posts and their re-sends are timed.
Afterwards the sheets are read back: every event sent must be there exactly once.

Each database is played at two paces, each on a fresh database and server:
- as referees tap: each tablet pauses 1–3 s between events (2 s ± 50 %). Recording an event takes a referee three
  taps (minute, what, who), and a real match has one event every minute or two: this is the fastest a referee sends,
  all 50 at once, and the pace the p95 goal is for;
- flat out: each tablet sends its next event the moment the last one is answered, as when 50 tablets come back
  online together and empty their queues. Latency there is queueing: 50 requests always waiting on 2 cores, so the
  p95 is about 50 × the CPU time of a request divided by 2; it shows the capacity left over the referees' pace.
`--think MS` plays one pace only (0: flat out).

gunicorn runs gthread workers, 1 thread each by default (--threads): the worker keeps the tablets' connections alive
(a sync worker closes each one). More threads measured no better: on SQLite a thread holding the write lock is made to
wait for its siblings' turns at the GIL while the other worker sleeps on the lock (flat out, p95 954 ms with 4 threads
against 515 ms with 1); on PostgreSQL they overlap little (891 against 982 ms).

Figures are printed, never asserted: speed is measured here, not in the test suite. Environment variables the
server reads (CONN_MAX_AGE, SECRET_KEY...) pass through to it; DATABASE_URL, DEBUG and ALLOWED_HOSTS are set here.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_PG_NAME = "tarjeta_azul_bench"
DEFAULT_PG_URL = f"postgres://postgres@127.0.0.1:5432/{BENCH_PG_NAME}"
PASSWORD = "pizarra-azul-2026"  # every bench referee's password
SQUAD = 11  # rostered players per team
LINEUP = 7  # of whom the referee marks this many present
RESEND_SHARE = 0.10
P95_GOAL_MS = 150.0
REFEREE_PACE_MS = 2000  # mean pause between a tablet's events "as referees tap"
POLL_S = 15  # the page asks whether another tablet changed the sheet this often while nothing waits (sheet.js)
REQUEST_TIMEOUT = 120.0
PHASE = "X-Bench-Phase"  # header naming the timed requests in gunicorn's access log

PLAYER_REASONS = ["helped_opponent", "admitted_foul", "accepted_decision", "calmed_teammate"]
# (what, weight): what a referee records in a youth match, roughly.
EVENT_MIX = [("goal", 3), ("yellow", 3), ("blue_player", 3), ("blue_coach", 1), ("blue_barra", 1), ("foul", 5)]

# Added to gunicorn's configuration: with DEBUG off Django logs a 500's traceback nowhere, and the bench wants it.
GUNICORN_CONF = """
def post_worker_init(worker):
    import logging
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    for name in ("django.request", "django.server"):
        logging.getLogger(name).addHandler(handler)
"""


class BenchError(Exception):
    """The bench could not run (a database or the server would not start)."""


# --- Options and results ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    tablets: int = 50
    events: int = 30
    workers: int = 2
    threads: int = 1
    think_ms: int | None = None  # None: both paces (REFEREE_PACE_MS and flat out)
    seed: int = 2026


@dataclass
class Result:
    database: str
    tablets: int = 0
    events_sent: int = 0
    requests: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    lost: int = 0
    lost_acknowledged: int = 0  # lost although the server had answered 200
    duplicated: int = 0
    unexpected: int = 0  # events on a sheet that no tablet sent
    resends: int = 0
    resends_flagged: int = 0
    latencies: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    setup_errors: int = 0
    stale_retries: int = 0
    version_mismatches: int = 0
    response_bytes: list[int] = field(default_factory=list)
    server_log: dict[str, int] = field(default_factory=dict)
    server_log_sample: str = ""
    cpu: Cpu | None = None  # used during the timed phase
    notes: list[str] = field(default_factory=list)

    def percentile(self, share: float, values: list[float] | None = None) -> float | None:
        values = sorted(self.latencies if values is None else values)
        if not values:
            return None
        # Nearest rank: the value below which `share` of the requests fall.
        rank = max(1, round(share * len(values) + 0.4999))
        return values[min(rank, len(values)) - 1]

    @property
    def throughput(self) -> float | None:
        return self.requests / self.elapsed if self.elapsed else None


# --- Bench databases --------------------------------------------------------------------------------------------------


class SqliteBench:
    label = "SQLite"

    def __enter__(self) -> SqliteBench:
        self.folder = Path(tempfile.mkdtemp(prefix="tarjeta-azul-bench-db-"))
        self.url = f"sqlite:///{self.folder / 'bench.sqlite3'}"  # an absolute path: sqlite:////tmp/...
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)  # the file and its -wal and -shm


class PostgresBench:
    label = "PostgreSQL"

    def __init__(self, configured_url: str | None):
        # The configured server when DATABASE_URL names one, the local one otherwise; always the bench database.
        url = configured_url if configured_url and configured_url.startswith(("postgres://", "postgresql://")) else None
        parts = urllib.parse.urlsplit(url or DEFAULT_PG_URL)
        if url and parts.path.lstrip("/") == BENCH_PG_NAME:
            raise BenchError(f"DATABASE_URL names {BENCH_PG_NAME}, the bench's own database: point it elsewhere.")
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + BENCH_PG_NAME, query=""))
        self.admin = {
            "host": parts.hostname or "127.0.0.1",
            "port": parts.port or 5432,
            "user": urllib.parse.unquote(parts.username or "postgres"),
            "dbname": "postgres",
        }
        if parts.password:
            self.admin["password"] = urllib.parse.unquote(parts.password)

    def _execute(self, sql: str) -> None:
        import psycopg

        try:
            with psycopg.connect(**self.admin, autocommit=True, connect_timeout=5) as connection:
                connection.execute(sql)
        except psycopg.OperationalError as error:
            raise BenchError(f"PostgreSQL at {self.admin['host']}:{self.admin['port']}: {error}".strip()) from error

    def __enter__(self) -> PostgresBench:
        self._execute(f"DROP DATABASE IF EXISTS {BENCH_PG_NAME} WITH (FORCE)")  # left over by an interrupted run
        self._execute(f"CREATE DATABASE {BENCH_PG_NAME}")
        import psycopg

        with psycopg.connect(**self.admin, autocommit=True) as connection:
            self.label = "PostgreSQL " + connection.execute("SHOW server_version").fetchone()[0].split()[0]
        return self

    def __exit__(self, *exc) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {BENCH_PG_NAME} WITH (FORCE)")


# --- Work done inside the bench database, in a child process ---------------------------------------------------------


def child_main() -> None:
    """Entry point of the child processes: `python -c '...child_main()' build|verify IN.json OUT.json`."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    action, source, target = sys.argv[1:4]
    request = json.loads(Path(source).read_text())
    answer = {"build": build_data, "verify": verify_data}[action](**request)
    Path(target).write_text(json.dumps(answer))


def build_data(*, tablets: int, squad: int) -> dict:
    """One organizer, championship and category; two teams, a coach, a barra and a squad per tablet; one match per
    pair of teams with a referee appointed as main. Returns what the tablets need to know."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from leagues.models import Barra, Category, Championship, Club, Coach, Match, Organizer, Player, RosterEntry, Team
    from referees.models import Assignment, Referee

    User = get_user_model()
    with transaction.atomic():
        organizer = Organizer.objects.create(name="Bench tablets", slug="bench-tablets")
        championship = Championship.objects.create(
            organizer=organizer, name="Bench", slug="bench-sheets", season="2026", status="in_progress"
        )
        category = Category.objects.create(
            championship=championship, name="Sub-12 bench", slug="sub-12-bench", half_minutes=25, max_added_time=10
        )
        clubs = Club.objects.bulk_create(Club(organizer=organizer, name=f"Club {n:03d}") for n in range(2 * tablets))
        teams = Team.objects.bulk_create(Team(category=category, club=club, name=club.name) for club in clubs)
        players = Player.objects.bulk_create(
            Player(
                organizer=organizer,
                given_names=f"Jugador {n + 1}",
                surnames=team.name,
                birth_date=datetime.date(2014, 5, 1),
            )
            for team in teams
            for n in range(squad)
        )
        squads = {team.pk: players[i * squad : (i + 1) * squad] for i, team in enumerate(teams)}
        RosterEntry.objects.bulk_create(
            # bulk_create skips save(), which copies the championship: set it here.
            RosterEntry(team=team, player=player, championship=championship, shirt_number=n + 1)
            for team in teams
            for n, player in enumerate(squads[team.pk])
        )
        coaches = Coach.objects.bulk_create(
            Coach(organizer=organizer, given_names="Entrenador", surnames=team.name) for team in teams
        )
        Coach.teams.through.objects.bulk_create(
            Coach.teams.through(coach_id=coach.pk, team_id=team.pk) for coach, team in zip(coaches, teams)
        )
        Barra.objects.bulk_create(Barra(team=team, name=f"Barra {team.name}") for team in teams)
        today = timezone.localdate()
        matches = Match.objects.bulk_create(
            Match(
                category=category,
                round=1,
                home=teams[2 * i],
                away=teams[2 * i + 1],
                date=today,
                time=datetime.time(8 + i % 10, 0),
            )
            for i in range(tablets)
        )
        hashed = make_password(PASSWORD)  # hashed once: a million PBKDF2 rounds per user would take a minute
        users = User.objects.bulk_create(
            User(username=f"bench-referee-{i + 1:03d}", password=hashed) for i in range(tablets)
        )
        referees = Referee.objects.bulk_create(
            Referee(organizer=organizer, user=user, given_names="Árbitro", surnames=f"{i + 1:03d}", trained_on=today)
            for i, user in enumerate(users)
        )
        Assignment.objects.bulk_create(
            Assignment(match=match, referee=referee, role=Assignment.Role.MAIN)
            for match, referee in zip(matches, referees)
        )
    coach_of = {team.pk: coach.pk for coach, team in zip(coaches, teams)}
    return {
        "tablets": [
            {
                "match": match.pk,
                "username": user.username,
                "teams": [
                    {"id": team.pk, "coach": coach_of[team.pk], "players": [p.pk for p in squads[team.pk]]}
                    for team in (match.home, match.away)
                ],
            }
            for match, user in zip(matches, users)
        ]
    }


def verify_data(*, matches: list[int]) -> dict:
    """What the sheets hold: each match's event ids, its sheet version and its number of applied changes."""
    from django.db.models import Count

    from referees.models import MatchSheet, SheetChange, SheetEvent

    sheets = {}
    for match_id in matches:
        sheets[str(match_id)] = {"events": [], "version": None, "changes": 0}
    for match_id, version in MatchSheet.objects.filter(match_id__in=matches).values_list("match_id", "version"):
        sheets[str(match_id)]["version"] = version
    for match_id, client_id in SheetEvent.objects.filter(sheet__match_id__in=matches).values_list(
        "sheet__match_id", "client_id"
    ):
        sheets[str(match_id)]["events"].append(str(client_id))
    changes = SheetChange.objects.filter(sheet__match_id__in=matches).values("sheet__match_id").annotate(n=Count("id"))
    for row in changes:
        sheets[str(row["sheet__match_id"])]["changes"] = row["n"]
    repeated = (
        SheetEvent.objects.filter(sheet__match_id__in=matches)
        .values("client_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return {"sheets": sheets, "repeated_client_ids": repeated}


def run_child(action: str, env: dict, workdir: Path, **request) -> dict:
    source, target = workdir / f"{action}-in.json", workdir / f"{action}-out.json"
    source.write_text(json.dumps(request))
    entry = "from referees.bench import child_main; child_main()"
    command = [sys.executable, "-c", entry, action, str(source), str(target)]
    done = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"{action} failed:\n{done.stderr[-3000:]}")
    return json.loads(target.read_text())


# --- The server -------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving config.wsgi on the bench database; its access log records each timed request's duration."""

    def __init__(self, env: dict, workdir: Path, options: Options):
        self.env, self.workdir, self.options = env, workdir, options
        self.port = free_port()
        self.access_log = workdir / "access.log"
        self.error_log = workdir / "error.log"

    def __enter__(self) -> Server:
        conf = self.workdir / "gunicorn.conf.py"
        conf.write_text(GUNICORN_CONF)
        command = [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "-c", str(conf),
            "-w", str(self.options.workers),
            "-k", "gthread", "--threads", str(self.options.threads),
            "-b", f"127.0.0.1:{self.port}",
            "--timeout", "120",
            "--access-logfile", str(self.access_log),
            # The phase header, status and duration (µs) of each request: the time spent inside the server.
            "--access-logformat", "%({" + PHASE.lower() + "}i)s %(s)s %(D)s %(U)s",
            "--error-logfile", str(self.error_log),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/accounts/login/")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise BenchError(f"gunicorn did not answer within 60 s:\n{self.log_tail()}")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.error_log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def timed_durations(self) -> list[float]:
        """Milliseconds gunicorn spent on each timed request (from its parsing to the last byte sent)."""
        durations = []
        try:
            for line in self.access_log.read_text(errors="replace").splitlines():
                parts = line.split()
                if len(parts) >= 3 and parts[0] == "events" and parts[2].isdigit():
                    durations.append(int(parts[2]) / 1000)
        except OSError:
            pass
        return durations

    def log_findings(self) -> tuple[dict[str, int], str]:
        try:
            text = self.error_log.read_text(errors="replace")
        except OSError:
            return {}, ""
        findings = {
            "tracebacks": text.count("Traceback"),
            "database is locked": text.count("database is locked"),
            "worker timeouts": text.count("WORKER TIMEOUT"),
        }
        sample = ""
        index = text.find("Traceback")
        if index >= 0:
            # The exception's own line: the first one after the traceback's indented frames.
            for line in text[index:].splitlines()[1:]:
                if line and not line.startswith(" "):
                    sample = line[:300]
                    break
        return {k: v for k, v in findings.items() if v}, sample


# --- Where the CPU goes (Linux /proc; figures are left out elsewhere) ------------------------------------------------


@dataclass(frozen=True)
class Cpu:
    machine_busy: float  # seconds of CPU used by everything on the machine
    machine_total: float  # seconds of CPU available (busy + idle)
    server: float  # seconds used by gunicorn's master and workers
    database: float  # seconds used by PostgreSQL's processes, the ended backends included (none for SQLite)
    client: float  # seconds used by this process: the tablets


def cpu_snapshot(server_pid: int) -> Cpu | None:
    try:
        tick = os.sysconf("SC_CLK_TCK")
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle, iowait
        busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
        server = database = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue
            name, parts = text[text.find("(") + 1 : text.rfind(")")], text.rsplit(")", 1)[1].split()
            pid, ppid = int(stat.parent.name), int(parts[1])
            utime, stime, cutime, cstime = (int(x) for x in parts[11:15])
            if pid == server_pid or ppid == server_pid:
                server += utime + stime
            elif name == "postgres":
                # A backend that has ended counts in the postmaster's children's times (cutime, cstime).
                database += utime + stime + cutime + cstime
        return Cpu(busy / tick, (busy + idle) / tick, server / tick, database / tick, time.process_time())
    except (OSError, ValueError, IndexError, AttributeError):
        return None


# --- The tablets ------------------------------------------------------------------------------------------------------


class Tablet:
    """One referee's tablet: a keep-alive HTTP connection, its cookies, its sheet, the changes it sends."""

    def __init__(self, port: int, plan: dict, index: int, options: Options):
        self.port, self.plan, self.index, self.options = port, plan, index, options
        self.match = plan["match"]
        self.origin = f"http://127.0.0.1:{port}"
        self.sheet_path = f"/sheets/{self.match}/"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        self.cookies: dict[str, str] = {}
        self.version = 0
        self.rng = random.Random(options.seed * 1000 + index)
        self.stale_retries = 0
        # Filled while playing.
        self.setup_error: str | None = None
        self.timings: list[tuple[float, int, bool]] = []  # (ms, status, ok)
        self.errors: list[str] = []
        self.sent_events: set[str] = set()
        self.acknowledged: set[str] = set()
        self.resends = 0
        self.resends_flagged = 0
        self.poll_failures = 0
        self.response_bytes: list[int] = []
        self.started = self.finished = 0.0

    # HTTP ------------------------------------------------------------------------------------------------------------

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sock = self.connection.sock
        if sock is not None and select.select([sock], [], [], 0)[0]:
            # Readable while idle: the server closed it (keep-alive timeout). Reconnect, as a browser would.
            self.connection.close()
        for attempt in (1, 2):
            reused = self.connection.sock is not None
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                if reused and attempt == 1:
                    # The server closed an idle keep-alive connection as we reused it; a browser retries too.
                    self.stale_retries += 1
                    continue
                raise
            except Exception:
                self.connection.close()
                raise
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0]
                if value and "max-age=0" not in rest.lower():
                    self.cookies[name.strip()] = value
                else:
                    self.cookies.pop(name.strip(), None)
            return response.status, data
        raise AssertionError("unreachable")

    def log_in(self) -> None:
        status, _ = self.request("GET", "/accounts/login/")
        if status != 200 or "csrftoken" not in self.cookies:
            raise BenchError(f"login page: HTTP {status}")
        form = urllib.parse.urlencode(
            {
                "username": self.plan["username"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                "next": self.sheet_path,
            }
        ).encode()
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.origin + "/accounts/login/"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise BenchError(f"login: HTTP {status}")

    def open_sheet(self) -> None:
        status, data = self.request("GET", self.sheet_path)
        if status != 200:
            raise BenchError(f"sheet page: HTTP {status}")
        found = re.search(rb'data-version="(\d+)"', data)
        self.version = int(found.group(1)) if found else 0

    def send(self, change: dict, phase: str) -> tuple[float, int, dict | None]:
        body = json.dumps(change).encode()
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            "Referer": self.origin + self.sheet_path,
            "X-Sheet-Patch": "1",  # as the tablet's script: an event may be answered with the pieces it changed
            PHASE: phase,
        }
        started = time.perf_counter()
        status, data = self.request("POST", self.sheet_path + "changes/", body, headers)
        elapsed = (time.perf_counter() - started) * 1000
        try:
            answer = json.loads(data)
        except ValueError:
            answer = None
        if status == 200 and answer:
            self.version = max(self.version, int(answer.get("version") or 0))
        if phase == "events":
            self.response_bytes.append(len(data))
        return elapsed, status, answer

    def poll(self) -> None:
        try:
            status, _ = self.request("GET", f"{self.sheet_path}state/?known={self.version}", headers={PHASE: "poll"})
            failure = None if status == 200 else f"HTTP {status}"
        except Exception as error:
            failure = f"{type(error).__name__}: {error}"
        if failure:
            self.poll_failures += 1
            self.errors.append(f"poll: {failure}")

    # The match -------------------------------------------------------------------------------------------------------

    def set_lineup(self) -> None:
        for team in self.plan["teams"]:
            for n, player in enumerate(team["players"][:LINEUP]):
                change = {
                    "id": str(uuid.uuid4()),
                    "base": self.version,
                    "type": "lineup.set",
                    "team": team["id"],
                    "player": player,
                    "present": True,
                    "captain": n == 0,
                }
                _, status, answer = self.send(change, "lineup")
                if status != 200:
                    raise BenchError(f"lineup.set: HTTP {status} {str(answer)[:200]}")

    def event_changes(self) -> list[dict]:
        """The events of this tablet's match, in minute order, each valid against the game's rules."""
        count, rng = self.options.events, self.rng
        yellowed: set[int] = set()
        kinds, weights = zip(*EVENT_MIX)
        changes = []
        for minute in sorted(rng.randint(1, 50) for _ in range(count)):
            team = rng.choice(self.plan["teams"])
            lineup = team["players"][:LINEUP]
            what = rng.choices(kinds, weights)[0]
            if what == "yellow" and not [p for p in lineup if p not in yellowed]:
                what = "foul"  # every player present already has a yellow: no second yellows in this bench
            change = {"id": str(uuid.uuid4()), "type": "event.add", "team": team["id"], "minute": minute}
            if what == "goal":
                change.update(kind="goal", player=rng.choice(lineup))
            elif what == "yellow":
                player = rng.choice([p for p in lineup if p not in yellowed])
                yellowed.add(player)
                change.update(kind="yellow", player=player)
            elif what == "blue_player":
                change.update(kind="blue", player=rng.choice(lineup), reason=rng.choice(PLAYER_REASONS))
            elif what == "blue_coach":
                change.update(kind="blue", recipient="coach", coach=team["coach"], reason="accepted_decision")
            elif what == "blue_barra":
                change.update(kind="blue", recipient="barra", reason="barra_encouragement", note="Aliento sin insultos")
            else:
                change.update(kind="foul")
            changes.append(change)
        return changes

    def play(self, start: threading.Barrier) -> None:
        try:
            self.log_in()
            self.open_sheet()
            self.set_lineup()
            changes = self.event_changes()
            resend_count = max(1, round(len(changes) * RESEND_SHARE)) if changes else 0
            resend = set(self.rng.sample(range(len(changes)), resend_count))
        except Exception as error:  # reported, and this tablet sends no events
            self.setup_error = f"{type(error).__name__}: {error}"
            changes, resend = [], set()
        # Idle keep-alive connections are closed by the server while waiting: start the timed phase on a fresh one.
        self.connection.close()
        try:
            start.wait(timeout=600)
        except threading.BrokenBarrierError:
            pass
        self.started = time.perf_counter()
        think = (self.options.think_ms or 0) / 1000
        polled = self.started
        for index, change in enumerate(changes):
            if think:
                # Referees do not whistle in step: a random start within the first pause, then pauses of ±50 %.
                time.sleep(self.rng.uniform(0, think) if index == 0 else self.rng.uniform(0.5 * think, 1.5 * think))
                if time.perf_counter() - polled >= POLL_S:
                    self.poll()  # as the page does while nothing waits to be sent: load on the server, not timed
                    polled = time.perf_counter()
            self.sent_events.add(change["id"])
            change["base"] = self.version  # a re-send is the very same change, base included
            for again in (False, True) if index in resend else (False,):
                try:
                    elapsed, status, answer = self.send(change, "events")
                except Exception as error:
                    self.timings.append((0.0, 0, False))
                    self.errors.append(f"{type(error).__name__}: {error}")
                    continue
                ok = status == 200 and bool(answer and answer.get("ok"))
                self.timings.append((elapsed, status, ok))
                if not ok:
                    detail = (answer or {}).get("errors") or (answer or {}).get("error") or ""
                    self.errors.append(f"HTTP {status} {detail}"[:300])
                    continue
                self.acknowledged.add(change["id"])
                if again:
                    self.resends += 1
                    self.resends_flagged += bool(answer.get("duplicate"))
                elif answer.get("duplicate"):
                    self.errors.append("a first sending was answered duplicate=true")
        self.finished = time.perf_counter()
        self.connection.close()


def play_tablets(server: Server, plans: list[dict], options: Options) -> tuple[list[Tablet], Cpu | None, Cpu | None]:
    """Play every tablet at once; the CPU used from the moment they all start sending events to the last answer."""
    tablets = [Tablet(server.port, plan, index, options) for index, plan in enumerate(plans)]
    before: list[Cpu | None] = []
    start = threading.Barrier(len(tablets), action=lambda: before.append(cpu_snapshot(server.process.pid)))
    threads = [
        threading.Thread(target=t.play, args=(start,), name=f"tablet-{i}", daemon=True) for i, t in enumerate(tablets)
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    except BaseException:  # interrupted: release the tablets still waiting to start, then clean up
        start.abort()
        raise
    return tablets, (before or [None])[0], cpu_snapshot(server.process.pid)


# --- One database ---------------------------------------------------------------------------------------------------


def bench_database(kind: str, options: Options, say) -> Result:
    configured = os.environ.get("DATABASE_URL")
    database = SqliteBench() if kind == "sqlite" else PostgresBench(configured)
    workdir = Path(tempfile.mkdtemp(prefix="tarjeta-azul-bench-"))
    try:
        with database:
            pace = "flat out" if not options.think_ms else f"{options.think_ms / 1000:g} s ± 50 %"
            result = Result(database=f"{database.label}, {pace}", tablets=options.tablets)
            env = dict(os.environ)
            env.update(DATABASE_URL=database.url, DEBUG="false", ALLOWED_HOSTS="127.0.0.1")
            env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
            say(f"[{database.label}] bench database {database.url}")
            started = time.perf_counter()
            migrate = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                cwd=BASE_DIR, env=env, capture_output=True, text=True,
            )  # fmt: skip
            if migrate.returncode != 0:
                raise BenchError(f"migrate failed:\n{migrate.stderr[-3000:]}")
            plans = run_child("build", env, workdir, tablets=options.tablets, squad=SQUAD)["tablets"]
            say(
                f"[{database.label}] migrated and built {len(plans)} matches, {2 * len(plans)} teams of {SQUAD} "
                f"in {time.perf_counter() - started:.1f} s"
            )
            with Server(env, workdir, options) as server:
                say(
                    f"[{database.label}] gunicorn on 127.0.0.1:{server.port} ({options.workers} workers × "
                    f"{options.threads} threads); {options.tablets} tablets log in and set line-ups, then play"
                )
                tablets, cpu_before, cpu_after = play_tablets(server, plans, options)
                if cpu_before and cpu_after:
                    result.cpu = Cpu(*(b - a for a, b in zip(astuple(cpu_before), astuple(cpu_after))))
                    if kind == "sqlite":  # PostgreSQL's work then is someone else's: count it with the others
                        result.cpu = replace(result.cpu, database=0.0)
            # gunicorn has stopped: its logs are complete.
            result.server_ms = server.timed_durations()
            result.server_log, result.server_log_sample = server.log_findings()
            found = run_child("verify", env, workdir, matches=[plan["match"] for plan in plans])
        tally(result, tablets, found)
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def tally(result: Result, tablets: list[Tablet], found: dict) -> None:
    played = [t for t in tablets if t.started and t.finished and t.timings]
    if played:
        result.elapsed = max(t.finished for t in played) - min(t.started for t in played)
    for tablet in tablets:
        if tablet.setup_error:
            result.setup_errors += 1
            result.error_samples.append(f"setup, tablet {tablet.index}: {tablet.setup_error}")
        result.events_sent += len(tablet.sent_events)
        result.requests += len(tablet.timings)
        result.errors += sum(1 for _, _, ok in tablet.timings if not ok) + tablet.poll_failures
        result.latencies += [ms for ms, _, ok in tablet.timings if ms]
        result.resends += tablet.resends
        result.resends_flagged += tablet.resends_flagged
        result.stale_retries += tablet.stale_retries
        result.response_bytes += tablet.response_bytes
        result.error_samples += tablet.errors[:3]
        sheet = found["sheets"][str(tablet.match)]
        stored = sheet["events"]
        stored_set = set(stored)
        result.lost += len(tablet.sent_events - stored_set)
        result.lost_acknowledged += len(tablet.acknowledged - stored_set)
        unexpected = len(stored_set - tablet.sent_events)  # e.g. an event the server recorded under a new id
        result.unexpected += unexpected
        result.duplicated += len(stored) - len(stored_set) + unexpected
        # Every applied change bumps the version once and is recorded once.
        if sheet["version"] is not None and sheet["version"] != sheet["changes"]:
            result.version_mismatches += 1
    if found["repeated_client_ids"] and not result.duplicated:  # cannot happen while client_id is unique
        result.duplicated = found["repeated_client_ids"]


# --- Report ---------------------------------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def table(results: list[Result], options: Options) -> str:
    def row(label: str, cells: list[str], goal: str = "") -> list[str]:
        return [label, *cells, goal]

    rows = [row("database", [r.database for r in results], "goal")]
    rows.append(row("tablets", [str(r.tablets) for r in results]))
    rows.append(row("events sent", [str(r.events_sent) for r in results]))
    rows.append(row("requests (events + re-sends)", [str(r.requests) for r in results]))
    rows.append(row("errors", [f"{r.errors} {_mark(r.errors == 0)}" for r in results], "0"))
    rows.append(row("events lost", [f"{r.lost} {_mark(r.lost == 0)}" for r in results], "0"))
    rows.append(row("events duplicated", [f"{r.duplicated} {_mark(r.duplicated == 0)}" for r in results], "0"))
    rows.append(
        row(
            "re-sends answered duplicate",
            [f"{r.resends_flagged}/{r.resends} {_mark(r.resends_flagged == r.resends)}" for r in results],
            "all",
        )
    )
    rows.append(row("p50 ms", [_ms(r.percentile(0.50)) for r in results]))
    rows.append(
        row(
            "p95 ms",
            [f"{_ms(r.percentile(0.95))} {_mark((r.percentile(0.95) or 0) <= P95_GOAL_MS)}" for r in results],
            f"≤ {P95_GOAL_MS:.0f}",
        )
    )
    rows.append(row("max ms", [_ms(max(r.latencies, default=None)) for r in results]))
    rows.append(row("throughput req/s", [f"{r.throughput:.0f}" if r.throughput else "–" for r in results]))
    # Not goals, but where the time goes: time inside gunicorn (the rest is queueing for a worker thread).
    rows.append(
        row(
            "in gunicorn p50 / p95 ms",
            [f"{_ms(r.percentile(0.5, r.server_ms))} / {_ms(r.percentile(0.95, r.server_ms))}" for r in results],
        )
    )
    rows.append(
        row(
            "response size, median bytes",
            [str(int(statistics.median(r.response_bytes))) if r.response_bytes else "–" for r in results],
        )
    )
    def per_request(r: Result, seconds: float) -> str:
        return f"{seconds * 1000 / r.requests:.1f}" if r.requests else "–"

    rows.append(
        row(
            "CPU busy, whole machine",
            [f"{r.cpu.machine_busy / r.cpu.machine_total:.0%}" if r.cpu else "–" for r in results],
        )
    )
    rows.append(row("CPU ms per request: gunicorn", [per_request(r, r.cpu.server) if r.cpu else "–" for r in results]))
    rows.append(row("  PostgreSQL server", [per_request(r, r.cpu.database) if r.cpu else "–" for r in results]))
    rows.append(
        row(
            "  other processes and kernel",
            [
                per_request(r, r.cpu.machine_busy - r.cpu.server - r.cpu.database - r.cpu.client) if r.cpu else "–"
                for r in results
            ],
        )
    )
    rows.append(row("  the tablets (this process)", [per_request(r, r.cpu.client) if r.cpu else "–" for r in results]))

    def capacity(r: Result) -> str:
        # What the machine's CPUs would serve if nothing else ran on them: robust to a busy machine, unlike req/s.
        own = r.cpu.server + r.cpu.database + r.cpu.client if r.cpu else 0
        return f"{(os.cpu_count() or 1) * r.requests / own:.0f}" if own and r.requests else "–"

    rows.append(row("req/s the CPUs could serve alone", [capacity(r) for r in results]))
    widths = [max(len(line[i]) for line in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line))
        for line in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run(*, databases: list[str], options: Options, stdout) -> list[Result]:
    def say(message: str) -> None:
        stdout.write(message)
        stdout.flush()

    if threading.current_thread() is threading.main_thread():
        # Stopped with SIGTERM as with Ctrl-C: unwind, so that gunicorn is stopped and the bench database dropped.
        signal.signal(signal.SIGTERM, _interrupt)
    load_before = os.getloadavg()[0]  # the tablets and the server share the machine with whatever else runs on it
    results = []
    paces = [REFEREE_PACE_MS, 0] if options.think_ms is None else [options.think_ms]
    for kind in databases:
        for think in paces:
            try:
                results.append(bench_database(kind, replace(options, think_ms=think), say))
            except BenchError as error:
                if len(databases) * len(paces) == 1:
                    raise
                say(f"[{kind}] skipped: {error}")
    if not results:
        return results
    conn_max_age = os.environ.get("CONN_MAX_AGE", "60")
    say("")
    say(
        f"Match sheets: {options.tablets} tablets × {options.events} events at once, "
        f"~{RESEND_SHARE:.0%} re-sent; gunicorn {options.workers} workers × {options.threads} threads (gthread), "
        f"CONN_MAX_AGE={conn_max_age}, {os.cpu_count()} CPUs (load average {load_before:.2f} before the run)"
    )
    say(table(results, options))
    for result in results:
        notes = []
        if result.setup_errors:
            notes.append(f"{result.setup_errors} tablets could not log in or set their line-up")
        if result.lost_acknowledged:
            notes.append(f"{result.lost_acknowledged} events answered 200 are missing from the sheets")
        if result.unexpected:
            notes.append(f"{result.unexpected} events on the sheets that no tablet sent")
        if result.version_mismatches:
            notes.append(f"{result.version_mismatches} sheets whose version differs from their count of changes")
        if result.stale_retries:
            notes.append(f"{result.stale_retries} requests re-sent on a fresh connection (stale keep-alive)")
        if result.server_log:
            notes.append("server log: " + ", ".join(f"{k} {v}" for k, v in result.server_log.items()))
        if result.server_log_sample:
            notes.append(f"first server error: {result.server_log_sample}")
        for sample in result.error_samples[:5]:
            notes.append(f"error: {sample}")
        for note in notes:
            say(f"[{result.database}] {note}")
    return results
