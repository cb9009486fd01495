"""Uploads are judged by their content and size: the certificate logo, the roster import, the CSV imports."""

import io
import os
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from PIL import Image

from certificates.models import CertificateSettings
from certificates.uploads import LOGO_MAX_BYTES
from leagues.models import Category, Championship, Match, Player, RosterEntry, Team
from leagues.roster_import import MAX_FILE_BYTES
from tests.factories import make_category, make_championship, make_team, make_user

pytestmark = pytest.mark.django_db


def image_bytes(image_format: str, size=(60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 78, 216)).save(buffer, format=image_format)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


# --- the certificate logo, in the admin -------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def upload_logo(client, name: str, content: bytes, content_type="image/png"):
    championship = make_championship()
    response = client.post(
        reverse("admin:certificates_certificatesettings_add"),
        {"championship": championship.pk, "signatory_1_name": "Ana", "logo": SimpleUploadedFile(name, content,
                                                                                               content_type)},
    )
    return response, CertificateSettings.objects.filter(championship=championship).first()


@pytest.mark.parametrize("name, image_format", [("logo.png", "PNG"), ("logo.jpg", "JPEG")])
def test_a_png_or_jpeg_logo_is_kept(admin_client, tmp_path, name, image_format):
    response, saved = upload_logo(admin_client, name, image_bytes(image_format))
    assert response.status_code == 302
    assert saved.logo.name.startswith("logos/")
    assert (tmp_path / saved.logo.name).read_bytes() == image_bytes(image_format)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("logo.svg", SVG, "Upload a valid image"),  # Django's own check: Pillow cannot read it at all
        ("logo.png", SVG, "Upload a valid image"),  # the name lies; the content decides
        ("logo.png", b"\x89PNG\r\n\x1a\n" + os.urandom(200), "Upload a valid image"),
        ("logo.png", image_bytes("GIF"), "The logo must be a PNG or JPEG image."),
        ("logo.png", image_bytes("BMP"), "The logo must be a PNG or JPEG image."),
        ("logo.jpg", image_bytes("WEBP"), "The logo must be a PNG or JPEG image."),
    ],
    ids=["svg", "svg-named-png", "broken-png", "gif", "bmp", "webp"],
)
def test_a_logo_that_is_not_png_or_jpeg_is_refused(admin_client, tmp_path, name, content, message):
    response, saved = upload_logo(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert saved is None
    assert list(tmp_path.rglob("*.*")) == []


def test_a_logo_over_one_megabyte_is_refused(admin_client, tmp_path):
    # A real PNG, made big by random pixels that do not compress.
    side = 700
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert buffer.tell() > LOGO_MAX_BYTES
    response, saved = upload_logo(admin_client, "logo.png", buffer.getvalue())
    assert response.status_code == 200
    assert "The logo is larger than 1 MB" in response.content.decode()
    assert saved is None and list(tmp_path.rglob("*.*")) == []


def test_a_logo_claiming_huge_dimensions_is_refused(admin_client, tmp_path):
    # A few kilobytes on disk, 36 million pixels once the PDF renderer decodes it.
    content = image_bytes("PNG", size=(6000, 6000))
    assert len(content) < LOGO_MAX_BYTES
    response, saved = upload_logo(admin_client, "logo.png", content)
    assert response.status_code == 200
    assert "at most 4000 pixels" in response.content.decode()
    assert saved is None


def test_editing_the_signatories_keeps_a_stored_logo_even_if_its_file_is_gone(admin_client, tmp_path):
    response, saved = upload_logo(admin_client, "logo.png", image_bytes("PNG"))
    (tmp_path / saved.logo.name).unlink()
    response = admin_client.post(
        reverse("admin:certificates_certificatesettings_change", args=[saved.pk]),
        {"championship": saved.championship_id, "signatory_1_name": "Berta"},
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.signatory_1_name == "Berta" and saved.logo


# --- the roster import ------------------------------------------------------------------------------------------------


@pytest.fixture
def office(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    championship = make_championship()
    category = make_category(championship=championship)
    make_team(category=category, name="Pumas")
    staff = make_user()
    championship.organizer.staff.add(staff)
    client.force_login(staff)
    return category


def zip_bytes(**members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["team", "given_names", "surnames", "birth_date"])
    workbook.active.append(["Pumas", "Ana", "Quispe", "2015-03-14"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("plantel.xlsx", os.urandom(4096), "cannot be read as an Excel workbook"),
        ("plantel.xlsx", zip_bytes(**{"hello.txt": "not a workbook"}), "cannot be read as an Excel workbook"),
        ("plantel.xlsx", zip_bytes(**{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<broken"}),
         "cannot be read as an Excel workbook"),
        ("plantel.csv", workbook_bytes(), "not UTF-8"),  # a workbook renamed .csv
        ("plantel.xls", workbook_bytes(), "only .csv and .xlsx files"),
        ("plantel.pdf", b"%PDF-1.4", "only .csv and .xlsx files"),
        ("plantel", b"team,given_names", "only .csv and .xlsx files"),
        ("plantel.csv", b"team,given_names,surnames,birth_date\n" + b"Pumas,Ana,Quispe,2015-03-14\n" * 80_000,
         "larger than 2 MB"),
    ],
    ids=["random-bytes", "zip-not-workbook", "broken-workbook", "xlsx-renamed-csv", "xls", "pdf", "no-extension",
         "huge"],
)
def test_a_bad_roster_file_is_refused_with_a_clear_error_and_writes_nothing(client, office, name, content, message):
    assert len(content) <= MAX_FILE_BYTES or message == "larger than 2 MB"
    before = (Player.objects.count(), RosterEntry.objects.count(), Team.objects.count())
    response = client.post(
        reverse("leagues:roster_import"),
        {"category": office.pk, "create_teams": "on", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'name="preview"' not in html  # nothing to import from
    assert (Player.objects.count(), RosterEntry.objects.count(), Team.objects.count()) == before


def test_a_good_workbook_still_previews(client, office):
    response = client.post(
        reverse("leagues:roster_import"),
        {"category": office.pk, "file": SimpleUploadedFile("plantel.xlsx", workbook_bytes())},
    )
    assert response.status_code == 200
    assert 'name="preview"' in response.content.decode()


# --- the CSV imports (management commands) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        (workbook_bytes(), "not UTF-8"),
        (os.urandom(2048).replace(b"\n", b"").replace(b"\r", b"") + b"\xff", "not UTF-8"),
        (b"date,round,home\n2026-03-01,1,Pumas\n", "the column is missing"),
        (b"", "the file is empty"),
    ],
    ids=["workbook", "random-bytes", "wrong-columns", "empty"],
)
def test_a_bad_results_file_stops_the_import_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "resultados.csv"
    path.write_bytes(content)
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("import_results", str(path), "--championship", "nueva", "--category", "Sub-12", "--create")
    assert not Championship.objects.filter(slug="nueva").exists()
    assert (Category.objects.count(), Match.objects.count(), Team.objects.count()) == (0, 0, 0)
