"""Backups of the database and the uploaded files, and their restore (`manage.py backup` / `manage.py restore`).

A backup is one folder, `tarjeta-azul-<UTC time>/`:

- `database.sqlite3` (SQLite: an online copy made with SQLite's backup API) or `database.pgdump` (PostgreSQL:
  `pg_dump --format=custom`);
- `files.tar.gz`: MEDIA_ROOT as `media/` (the organizers' logos) and PRIVATE_FILES_ROOT as `private/` (printed
  certificate batches);
- `manifest.json`: when, the database vendor, the last applied migration of each app, the row counts of the key
  tables and the sha256 of each file, so that a restore checks it restores what it thinks.

The folder is written under a `.partial` name and renamed when complete: a folder without that suffix is a whole backup.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from leagues.cache import bump_version

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files.tar.gz"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# The tables whose row counts a manifest records and a restore compares: what standings, fair-play tables and
# certificates are made of, and who can log in.
KEY_MODELS = (
    "auth.User",
    "leagues.Organizer",
    "leagues.Championship",
    "leagues.Category",
    "leagues.Team",
    "leagues.Player",
    "leagues.Coach",
    "leagues.RosterEntry",
    "leagues.Match",
    "leagues.PointAdjustment",
    "fairplay.Card",
    "fairplay.MatchConduct",
    "fairplay.Suspension",
    "referees.Referee",
    "referees.MatchSheet",
    "referees.SheetEvent",
    "certificates.Award",
    "certificates.Certificate",
    "certificates.CertificateBatch",
)
PG_INSTALL_HINT = "apt-get install postgresql-client"


class BackupError(Exception):
    """A backup or a restore that cannot be made; the message says why and what to do."""


@dataclass
class Report:
    """What a restore did: the backup's manifest, the row counts found after it, and what differs."""

    path: Path
    manifest: dict
    row_counts: dict[str, int]
    mismatches: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # table: (expected, found)
    migrate_needed: bool = False


def default_output_dir() -> Path:
    return Path(getattr(settings, "BACKUP_DIR", settings.BASE_DIR / "backups"))


def _connection():
    return connections[DEFAULT_DB_ALIAS]


def _vendor() -> str:
    vendor = _connection().vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(_("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor})
    return vendor


def _roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_FILES_ROOT)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _state(cursor) -> tuple[dict[str, str], dict[str, int]]:
    """The last applied migration of each app and the key tables' row counts, read with `cursor` (a DB-API cursor of
    either vendor): from the backup copy itself on SQLite, inside pg_dump's snapshot on PostgreSQL."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = {app: name for app, name in cursor.fetchall()}
    counts = {}
    for label in KEY_MODELS:
        table = apps.get_model(label)._meta.db_table
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[label] = cursor.fetchone()[0]
    return migrations, counts


# --- PostgreSQL tools -------------------------------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    """The connection to the configured database for pg_dump / pg_restore, in libpq's environment variables: the
    password never appears on a command line (where `ps` shows it to every user of the machine)."""
    db = _connection().settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
        ("PGSSLMODE", db.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def pg_tool(name: str, *, at_least: int) -> tuple[str, int]:
    """The path and major version of `pg_dump` or `pg_restore`, refused when missing or older than `at_least`."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _("%(tool)s is not installed. Install the PostgreSQL client tools of the server's version or newer "
              "(on Debian: %(hint)s).") % {"tool": name, "hint": PG_INSTALL_HINT}
        )
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    major = int(found.group(1)) if found else 0
    if major < at_least:
        raise BackupError(
            _("%(tool)s %(found)s is older than the PostgreSQL server (%(server)s) and cannot be trusted with its "
              "data. Install the client tools of version %(server)s or newer (on Debian: %(hint)s from the "
              "PostgreSQL apt repository).")
            % {"tool": name, "found": major, "server": at_least, "hint": PG_INSTALL_HINT}
        )
    return path, major


def _server_major() -> int:
    connection = _connection()
    connection.ensure_connection()
    return connection.pg_version // 10000


def _run(args: list[str], *, what: str) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s failed (exit status %(status)s): %(error)s")
            % {"what": what, "status": result.returncode, "error": result.stderr.strip()}
        )


# --- Backup -----------------------------------------------------------------------------------------------------------


def _backup_sqlite(dest: Path) -> tuple[dict, dict, dict]:
    connection = _connection()
    connection.ensure_connection()
    # The backup API copies a consistent snapshot in one step (pages=-1) while other processes keep reading and
    # writing (WAL): the site can serve meanwhile.
    with closing(sqlite3.connect(dest)) as copy:
        connection.connection.backup(copy)
        # One self-contained file: the copy inherits WAL mode from the live database otherwise.
        copy.execute("PRAGMA journal_mode=DELETE")
        (check,) = copy.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise BackupError(_("The copy of the database is damaged: %(check)s") % {"check": check})
        migrations, counts = _state(copy.cursor())
    return migrations, counts, {}


def _backup_postgresql(dest: Path) -> tuple[dict, dict, dict]:
    server = _server_major()
    pg_dump, major = pg_tool("pg_dump", at_least=server)
    connection = _connection()
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot be made inside a transaction."))
    # pg_dump reads the snapshot exported here, so the manifest's counts describe exactly the dumped data even while
    # the site writes.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dest}"], what="pg_dump")
        migrations, counts = _state(cursor)
    return migrations, counts, {"server_major": server, "pg_dump_major": major}


def _archive_files(dest: Path) -> None:
    with tarfile.open(dest, "w:gz") as archive:
        for name, root in _roots().items():
            if root.is_dir():
                archive.add(root, arcname=name)
            else:
                info = tarfile.TarInfo(name)  # an empty folder, so that a restore empties the root too
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(info)


def _check_output_dir(output_dir: Path) -> None:
    resolved = output_dir.resolve()
    for name, root in (("MEDIA_ROOT", settings.MEDIA_ROOT), ("PRIVATE_FILES_ROOT", settings.PRIVATE_FILES_ROOT)):
        if resolved.is_relative_to(Path(root).resolve()):
            # Inside MEDIA_ROOT the web server would hand the backups (minors' data) to anyone; inside either root
            # each backup would also hold the ones before it.
            raise BackupError(
                _("The backup folder %(dir)s is inside %(setting)s; choose a folder outside it.")
                % {"dir": output_dir, "setting": name}
            )


def backup_create(*, output_dir: Path) -> Path:
    """Back up the database, MEDIA_ROOT and PRIVATE_FILES_ROOT into a new folder under `output_dir`; returns it."""
    vendor = _vendor()
    output_dir = Path(output_dir)
    _check_output_dir(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    final = output_dir / f"tarjeta-azul-{now:%Y%m%dT%H%M%SZ}"
    if final.exists():
        raise BackupError(_("%(path)s already exists; wait a second and try again.") % {"path": final})
    partial = final.with_name(final.name + ".partial")
    partial.mkdir()
    try:
        database = partial / DATABASE_FILES[vendor]
        make = _backup_sqlite if vendor == "sqlite" else _backup_postgresql
        migrations, counts, versions = make(database)
        _archive_files(partial / FILES)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "vendor": vendor,
            **versions,
            "database": database.name,
            "migrations": migrations,
            "row_counts": counts,
            "files": {name: _sha256(partial / name) for name in (database.name, FILES)},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(final)
    return final


# --- Restore ----------------------------------------------------------------------------------------------------------


def backup_check(*, path: Path) -> dict:
    """The manifest of the backup at `path` once it is known to be restorable here: a whole backup of this format, of
    the configured database's vendor, files matching their checksums, and migrations this code knows."""
    path = Path(path)
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(_("%(path)s is not a backup: it has no %(manifest)s.") % {"path": path, "manifest": MANIFEST})
    except (ValueError, UnicodeDecodeError):
        raise BackupError(_("The manifest of %(path)s is not valid JSON.") % {"path": path})
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("%(path)s is not a backup of a format this version can restore.") % {"path": path})
    vendor = _vendor()
    if manifest.get("vendor") != vendor:
        raise BackupError(
            _("This is a backup of a %(backup)s database and the configured database is %(configured)s: a backup is "
              "restored into the same kind of database only. To move data between the two, use the CSV interchange "
              "commands.") % {"backup": manifest.get("vendor"), "configured": vendor}
        )
    expected = {manifest.get("database"), FILES}
    if set(manifest.get("files", {})) != expected:
        raise BackupError(_("The manifest of %(path)s does not list the files a backup has.") % {"path": path})
    for name, sha256 in manifest["files"].items():
        file = path / name
        if not file.is_file():
            raise BackupError(_("%(file)s is missing from the backup.") % {"file": name})
        if _sha256(file) != sha256:
            raise BackupError(
                _("%(file)s does not match its checksum in the manifest: the backup is damaged or was changed. "
                  "Nothing was restored.") % {"file": name}
            )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    recorded = manifest.get("migrations", {}).items()
    unknown = sorted(f"{app}.{name}" for app, name in recorded if (app, name) not in known)
    if unknown:
        raise BackupError(
            _("The backup was made by a newer version of Tarjeta Azul (migrations %(names)s are unknown here): "
              "install that version, then restore.") % {"names": ", ".join(unknown)}
        )
    return manifest


def _restore_sqlite(path: Path, manifest: dict) -> None:
    connection = _connection()
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    # A fresh connection opened with the project's own settings (WAL, busy timeout); the backup API waits for other
    # processes' transactions to end, then replaces every page at once.
    connections.close_all()
    connection.ensure_connection()
    with closing(sqlite3.connect(f"file:{path / manifest['database']}?mode=ro", uri=True)) as source:
        try:
            source.backup(connection.connection)
        except sqlite3.Error as error:
            raise BackupError(_("SQLite could not restore the database: %(error)s") % {"error": error})


def _restore_postgresql(path: Path, manifest: dict) -> None:
    pg_restore, _major = pg_tool("pg_restore", at_least=max(_server_major(), manifest.get("pg_dump_major", 0)))
    connections.close_all()  # our own idle connection would not block the DROPs, but nothing of ours is left open
    # One transaction: a restore that fails half-way leaves the database as it was.
    _run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction",
         f"--dbname={_connection().settings_dict['NAME']}", str(path / manifest["database"])],
        what="pg_restore",
    )


def _replace_root(root: Path, archive: tarfile.TarFile, name: str) -> None:
    """Make `root` hold exactly the archive's `name/` folder. The folder is emptied and refilled, not renamed, as it is
    often a mount point."""
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
    try:
        members = [m for m in archive.getmembers() if m.name == name or m.name.startswith(f"{name}/")]
        archive.extractall(staging, members=members, filter="data")
        for entry in root.iterdir():
            if entry == staging:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        restored = staging / name
        if restored.is_dir():
            for entry in restored.iterdir():
                entry.rename(root / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def backup_restore(*, path: Path) -> Report:
    """Replace the configured database, MEDIA_ROOT and PRIVATE_FILES_ROOT with the backup at `path`, after
    `backup_check`; the report compares the row counts found after the restore with the manifest's."""
    path = Path(path)
    manifest = backup_check(path=path)
    if manifest["vendor"] == "sqlite":
        _restore_sqlite(path, manifest)
    else:
        _restore_postgresql(path, manifest)
    ContentType.objects.clear_cache()  # ids are the backup's now
    with tarfile.open(path / FILES, "r:gz") as archive:
        for name, root in _roots().items():
            _replace_root(root, archive, name)

    with _connection().cursor() as cursor:
        migrations, counts = _state(cursor)
    expected = manifest.get("row_counts", {})
    mismatches = {
        label: (expected[label], counts.get(label)) for label in expected if counts.get(label) != expected[label]
    }
    loader = MigrationLoader(None, ignore_no_migrations=True)
    leaves = {app: name for app, name in loader.graph.leaf_nodes()}
    migrate_needed = any(migrations.get(app) != name for app, name in leaves.items())
    # A shared (Redis) cache forgets every page of the old data at once; a process's own memory cache is only
    # emptied by restarting the application, which the command says.
    bump_version()
    return Report(path, manifest, counts, mismatches, migrate_needed)
