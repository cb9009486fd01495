"""Backups and restores: a restored database gives back the same standings, Copa Fair Play and certificates, and the
same uploaded files; a changed backup, a "no", or a backup of the other database vendor change nothing.

On SQLite the test database lives in memory: the in-process tests restore into it through Django's connection (the
same code path as a file), and one test runs the commands in subprocesses against a SQLite file in WAL mode, as a
deployment has. On PostgreSQL the in-process tests run the real pg_dump and pg_restore against the test database."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation
from PIL import Image

from certificates import pdf, services
from certificates.models import Certificate, CertificateSettings
from fairplay.models import Card
from fairplay.tables_loaders import load_copa
from leagues import backups
from leagues.models import Category, Match
from leagues.standings import load_category_standings
from tests.certificates.world import AwardWorld

pytestmark = pytest.mark.django_db(transaction=True)  # backups and restores run outside any transaction

BASE_URL = "https://tarjeta.example.org/"


@pytest.fixture(autouse=True)
def english():
    # Messages are translated; the tests read the English source text whatever LANGUAGE_CODE says.
    with translation.override("en"):
        yield


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    (settings.MEDIA_ROOT / "logos").mkdir(parents=True)
    (settings.PRIVATE_FILES_ROOT / "batches").mkdir(parents=True)
    return settings.MEDIA_ROOT, settings.PRIVATE_FILES_ROOT


@pytest.fixture
def world(roots):
    media, private = roots
    world = AwardWorld()
    Image.new("RGB", (8, 8), "#1d4ed8").save(media / "logos" / "escudo.png")
    CertificateSettings.objects.create(
        championship=world.championship, signatory_1_name="Carmen Díaz", signatory_1_role="Alcaldesa",
        logo="logos/escudo.png",
    )
    services.awards_propose(championship=world.championship)
    issued = services.awards_issue(championship=world.championship, user=world.office, language="es",
                                   base_url=BASE_URL)
    assert len(issued) > 5
    with (private / "batches" / "copa-barrios.pdf").open("wb") as file:
        pdf.write_batch((services.certificate_data(c) for c in issued), file)
    return world


def observe(world) -> dict:
    """Everything the backup must bring back, computed from the database and the files as the site would."""
    category = Category.objects.select_related("championship").get(pk=world.category.pk)
    certificates = Certificate.objects.order_by("code")
    files = {}
    roots = {"media": django_settings.MEDIA_ROOT, "private": django_settings.PRIVATE_FILES_ROOT}
    for name, root in roots.items():
        root = Path(root)
        files.update({f"{name}/{p.relative_to(root)}": p.read_bytes() for p in root.rglob("*") if p.is_file()})
    return {
        "standings": [(s.team.name, s.row) for s in load_category_standings(category)],
        "copa": load_copa([category])[category.pk].rows,
        "certificates": {c.code: c.snapshot for c in certificates},
        "pdfs": {c.code: pdf.certificate_pdf(services.certificate_data(c)) for c in certificates},
        "files": files,
    }


def damage(world, roots) -> None:
    media, private = roots
    Match.objects.filter(pk=world.m1.pk).delete()
    Match.objects.filter(pk=world.m2.pk).update(home_goals=4, away_goals=0)
    Card.objects.filter(colour="blue").delete()
    Certificate.objects.all().delete()
    (media / "logos" / "escudo.png").unlink()
    (private / "batches" / "stray.pdf").write_bytes(b"not in the backup")


def test_certificate_pdfs_are_the_same_bytes_each_time_they_are_rendered(world):
    # The restore test compares PDF bytes: that is only meaningful if rendering twice gives the same bytes.
    certificate = Certificate.objects.first()
    data = services.certificate_data(certificate)
    assert pdf.certificate_pdf(data) == pdf.certificate_pdf(data)


def test_a_restored_backup_gives_the_same_standings_fair_play_table_certificates_and_files(world, roots, tmp_path):
    before = observe(world)
    path = backups.backup_create(output_dir=tmp_path / "backups")
    damage(world, roots)
    assert all(observe(world)[key] != before[key] for key in before)

    report = backups.backup_restore(path=path)

    assert observe(world) == before
    assert report.mismatches == {}
    assert report.row_counts["certificates.Certificate"] == len(before["certificates"]) > 0
    assert report.row_counts["fairplay.Card"] == Card.objects.count() > 0
    assert not report.migrate_needed


def test_the_backup_folder_holds_the_database_the_files_and_a_manifest_of_them(world, tmp_path):
    path = backups.backup_create(output_dir=tmp_path / "backups")

    manifest = json.loads((path / "manifest.json").read_text())
    assert path.name.startswith("tarjeta-azul-") and path.parent == tmp_path / "backups"
    assert manifest["vendor"] == connection.vendor
    assert sorted(p.name for p in path.iterdir()) == sorted([manifest["database"], "files.tar.gz", "manifest.json"])
    assert manifest["row_counts"]["leagues.Match"] == Match.objects.count()
    assert manifest["row_counts"]["certificates.Certificate"] == Certificate.objects.count()
    assert manifest["migrations"]["leagues"].startswith("0")
    assert set(manifest["files"]) == {manifest["database"], "files.tar.gz"}


def test_a_changed_backup_file_is_refused_and_nothing_is_restored(world, roots, tmp_path):
    path = backups.backup_create(output_dir=tmp_path / "backups")
    damage(world, roots)
    damaged = observe(world)
    database = path / json.loads((path / "manifest.json").read_text())["database"]
    content = bytearray(database.read_bytes())
    content[len(content) // 2] ^= 0xFF
    database.write_bytes(bytes(content))

    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(path), "--yes")

    assert observe(world) == damaged


def test_restore_asks_first_and_a_no_changes_nothing(world, roots, tmp_path, monkeypatch, capsys):
    path = backups.backup_create(output_dir=tmp_path / "backups")
    damage(world, roots)
    damaged = observe(world)
    questions = []
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or "no")

    call_command("restore", str(path))

    assert len(questions) == 1
    assert "nothing was changed" in capsys.readouterr().out
    assert observe(world) == damaged


def test_restore_with_yes_prints_the_row_counts_it_finds(world, tmp_path, capsys):
    path = backups.backup_create(output_dir=tmp_path / "backups")
    Card.objects.all().delete()

    call_command("restore", str(path), "--yes")

    out = capsys.readouterr().out
    assert re.search(rf"fairplay\.Card +{Card.objects.count()}\n", out)
    assert "the backup had" not in out


def test_a_backup_of_the_other_database_vendor_is_refused(world, roots, tmp_path):
    path = backups.backup_create(output_dir=tmp_path / "backups")
    manifest_file = path / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["vendor"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest_file.write_text(json.dumps(manifest))
    damage(world, roots)
    damaged = observe(world)

    with pytest.raises(CommandError, match="same kind of database"):
        call_command("restore", str(path), "--yes")

    assert observe(world) == damaged


def test_a_folder_that_is_not_a_backup_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(tmp_path), "--yes")


def test_a_backup_made_by_a_newer_version_is_refused(world, tmp_path):
    path = backups.backup_create(output_dir=tmp_path / "backups")
    manifest_file = path / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["migrations"]["leagues"] = "9999_from_the_future"
    manifest_file.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="newer version"):
        call_command("restore", str(path), "--yes")


def test_backups_are_never_written_inside_the_public_media_folder(roots):
    media, _private = roots
    with pytest.raises(CommandError, match="MEDIA_ROOT"):
        call_command("backup", "--output", str(media / "backups"))


@pytest.mark.django_db(transaction=False)
def test_a_missing_or_older_pg_dump_is_refused_with_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(backups.BackupError, match="not installed.*apt-get install postgresql-client"):
        backups.pg_tool("pg_dump", at_least=15)

    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.14 (Debian 13.14-0+deb11u1)'\n")
    old.chmod(0o755)
    with pytest.raises(backups.BackupError, match="13 is older than the PostgreSQL server \\(15\\)"):
        backups.pg_tool("pg_dump", at_least=15)
    assert backups.pg_tool("pg_dump", at_least=13) == (str(old), 13)


# --- The commands on a SQLite file, as deployed -----------------------------------------------------------------------


def manage(*args, env, input=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=django_settings.BASE_DIR, env=env, input=input,
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite file database: the SQLite run of the suite")
def test_the_commands_back_up_a_live_sqlite_file_and_restore_it(world, tmp_path):
    # The test database (in memory) copied to a file in WAL mode, as the settings make a deployment's database.
    file = tmp_path / "tarjeta.sqlite3"
    with closing(sqlite3.connect(file)) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
    env = {
        **os.environ, "DATABASE_URL": f"sqlite:///{file}", "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "PRIVATE_FILES_ROOT": str(django_settings.PRIVATE_FILES_ROOT),
    }

    def tables():
        with closing(sqlite3.connect(file)) as db:
            return {
                table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("leagues_match", "fairplay_card", "certificates_award", "certificates_certificate")
            }

    before = tables()
    # The site is writing while the backup runs: a transaction holds the write lock, uncommitted.
    with closing(sqlite3.connect(file, isolation_level=None)) as site:
        site.execute("BEGIN IMMEDIATE")
        site.execute("DELETE FROM fairplay_card")
        made = manage("backup", "--output", str(tmp_path / "backups"), env=env)
        site.execute("ROLLBACK")
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())

    with closing(sqlite3.connect(file)) as db, db:
        db.execute("DELETE FROM fairplay_card")
        db.execute("DELETE FROM certificates_certificate")
        db.execute("UPDATE leagues_match SET home_goals = 0, away_goals = 5 WHERE id = ?", (world.m1.pk,))
    damaged = tables()

    declined = manage("restore", str(path), env=env, input="no\n")
    assert declined.returncode == 0, declined.stderr
    assert tables() == damaged

    restored = manage("restore", str(path), "--yes", env=env)
    assert restored.returncode == 0, restored.stderr
    assert tables() == before
    assert before["fairplay_card"] and before["certificates_certificate"]
    with closing(sqlite3.connect(file)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
