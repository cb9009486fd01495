import datetime
import io

import openpyxl
import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from leagues.interchange import InterchangeError
from leagues.models import Player, RosterEntry
from leagues.roster_import import MAX_FILE_BYTES, check_rows, read_rows, roster_import_apply
from tests.factories import make_category, make_championship, make_player, make_roster_entry, make_team, make_user

pytestmark = pytest.mark.django_db

HEADER = "team,given_names,surnames,birth_date,shirt_number,document_number"


@pytest.fixture
def setup():
    championship = make_championship()
    category = make_category(
        championship=championship, born_from=datetime.date(2014, 1, 1), born_until=datetime.date(2015, 12, 31)
    )
    tigres = make_team(category=category, name="Los Tigres")
    pumas = make_team(category=category, name="Pumas")
    staff = make_user()
    championship.organizer.staff.add(staff)
    return category, tigres, pumas, staff


def csv_file(*lines, name="plantel.csv", header=HEADER, bom=False):
    text = "\n".join((header, *lines)) + "\n"
    return SimpleUploadedFile(name, (("\ufeff" if bom else "") + text).encode())


def xlsx_file(rows, name="plantel.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def problems_by_line(upload, category):
    return {check.row.line: check.problems for check in check_rows(read_rows(upload, upload.name), category=category)}


# --- reading ---


def test_csv_with_bom_semicolons_and_spanish_headers_is_read():
    upload = csv_file(
        "Pumas;Ana;Quispe;2015-03-14;7;123",
        header="Equipo;Nombres;Apellidos;Fecha de nacimiento;Camiseta;Documento",
        bom=True,
    )
    (row,) = read_rows(upload, upload.name)
    assert (row.line, row.team, row.given_names, row.surnames, row.birth_date, row.shirt_number, row.document_number) \
        == (2, "Pumas", "Ana", "Quispe", "2015-03-14", "7", "123")


def test_xlsx_dates_and_numbers_become_text():
    upload = xlsx_file([HEADER.split(","), ["Pumas", "Ana", "Quispe", datetime.datetime(2015, 3, 14), 7, None]])
    (row,) = read_rows(upload, upload.name)
    assert (row.birth_date, row.shirt_number, row.document_number) == ("2015-03-14", "7", "")


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("plantel.pdf", b"%PDF"), "only .csv and .xlsx"),
        (SimpleUploadedFile("plantel.xlsx", b"not a zip"), "cannot be read as an Excel workbook"),
        (SimpleUploadedFile("plantel.csv", b"team,given_names\xff"), "not UTF-8"),
        (SimpleUploadedFile("plantel.csv", b"team,given_names\nPumas,Ana\n"), "column is missing"),
        (SimpleUploadedFile("plantel.csv", b""), "the file is empty"),
        (SimpleUploadedFile("plantel.csv", b"x" * (MAX_FILE_BYTES + 1)), "larger than 2 MB"),
    ],
)
def test_unreadable_wrong_type_or_oversize_file_is_a_clear_error(upload, message, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(InterchangeError) as error:
        read_rows(upload, upload.name)
    assert message in str(error.value)


# --- each problem on its row ---


def _assert_each_problem_on_its_row(problems):
    assert problems[2] == []
    assert any("given names is missing" in p for p in problems[3])
    assert any("is not a date" in p for p in problems[4])
    assert any("outside the birth range" in p for p in problems[5])
    assert any("no team “Leones”" in p for p in problems[6])
    assert any("already plays for Pumas" in p for p in problems[7])
    assert any("Same names and birth date as Luis Rojas" in p for p in problems[8])
    assert any("same person as line 2" in p for p in problems[9])
    assert any("Shirt number 10 is already worn by" in p for p in problems[10])
    assert any("Shirt number 5 is also given on line 2" in p for p in problems[11])
    assert all(len(problems[line]) >= 1 for line in range(3, 12))


PROBLEM_ROWS = [
    ["Los Tigres", "Ana", "Quispe", "2015-03-14", "5", ""],  # 2: clean
    ["Los Tigres", "", "Mamani", "2015-01-01", "", ""],  # 3: missing given names
    ["Los Tigres", "Eva", "Flores", "31/02/2015", "", ""],  # 4: no such date
    ["Los Tigres", "Rita", "Cruz", "2010-05-05", "", ""],  # 5: too old for the category
    ["Leones", "Sara", "Vega", "2015-02-02", "", ""],  # 6: unknown team
    ["Los Tigres", "Marco", "Paz", "2014-06-06", "", "111"],  # 7: already on Pumas
    ["Los Tigres", "luis", "ROJAS", "2014-07-07", "", "999"],  # 8: namesake of an existing player
    ["Los Tigres", "ANA", "quispe", "14/03/2015", "", ""],  # 9: line 2 again
    ["Los Tigres", "Iván", "Soto", "2014-08-08", "10", ""],  # 10: shirt taken on the roster
    ["Los Tigres", "Noé", "Luna", "2014-09-09", "5", ""],  # 11: shirt given twice in the file
]


@pytest.fixture
def existing(setup):
    category, tigres, pumas, _staff = setup
    organizer = category.championship.organizer
    marco = make_player(organizer=organizer, given_names="Marco", surnames="Paz",
                        birth_date=datetime.date(2014, 6, 6), document_number="111")
    make_roster_entry(team=pumas, player=marco)
    make_player(organizer=organizer, given_names="Luis", surnames="Rojas",
                birth_date=datetime.date(2014, 7, 7), document_number="222")
    make_roster_entry(team=tigres, shirt_number=10)
    return setup


def test_csv_reports_each_problem_on_its_row(existing, settings):
    settings.LANGUAGE_CODE = "en"
    category = existing[0]
    upload = csv_file(*(",".join(row) for row in PROBLEM_ROWS))
    _assert_each_problem_on_its_row(problems_by_line(upload, category))


def test_xlsx_reports_each_problem_on_its_row(existing, settings):
    settings.LANGUAGE_CODE = "en"
    category = existing[0]
    upload = xlsx_file([HEADER.split(","), *PROBLEM_ROWS])
    _assert_each_problem_on_its_row(problems_by_line(upload, category))


# --- writing ---


def test_nothing_is_written_while_any_row_has_a_problem(existing):
    category, _tigres, _pumas, staff = existing
    players, entries = Player.objects.count(), RosterEntry.objects.count()
    upload = csv_file(*(",".join(row) for row in PROBLEM_ROWS))
    with pytest.raises(Exception):
        roster_import_apply(category=category, rows=read_rows(upload, upload.name), user=staff)
    assert (Player.objects.count(), RosterEntry.objects.count()) == (players, entries)


def test_clean_file_writes_players_and_roster_entries(setup):
    category, tigres, pumas, staff = setup
    upload = csv_file("Los Tigres,Ana María,Quispe,2015-03-14,5,123", "pumas,Luis,Rojas,14/03/2014,,")
    result = roster_import_apply(category=category, rows=read_rows(upload, upload.name), user=staff)
    assert (result.players_created, result.players_reused, result.entries_created) == (2, 0, 2)
    ana = Player.objects.get(document_number="123")
    assert (ana.given_names, ana.birth_date, ana.organizer) == ("Ana María", datetime.date(2015, 3, 14),
                                                               category.championship.organizer)
    assert RosterEntry.objects.get(player=ana).team == tigres
    assert RosterEntry.objects.get(player=ana).shirt_number == 5
    assert RosterEntry.objects.get(player__given_names="Luis").team == pumas


def test_existing_person_with_same_document_is_reused_not_duplicated(setup):
    category, tigres, _pumas, staff = setup
    # Registered by the same office for last year's championship.
    old = make_player(organizer=category.championship.organizer, given_names="José", surnames="Pérez",
                      birth_date=datetime.date(2014, 4, 4), document_number="555")
    upload = csv_file("Los Tigres,jose,PEREZ,2014-04-04,9,555")
    (check,) = check_rows(read_rows(upload, upload.name), category=category)
    assert check.problems == [] and check.reuse_player_id == old.pk
    result = roster_import_apply(category=category, rows=[check.row], user=staff)
    assert (result.players_created, result.players_reused) == (0, 1)
    assert Player.objects.filter(surnames="Pérez").count() == 1
    assert RosterEntry.objects.get(player=old).team == tigres


def test_players_of_another_organizer_are_never_matched(setup):
    category, _tigres, _pumas, staff = setup
    make_player(given_names="José", surnames="Pérez", birth_date=datetime.date(2014, 4, 4), document_number="555")
    upload = csv_file("Los Tigres,José,Pérez,2014-04-04,,555")
    (check,) = check_rows(read_rows(upload, upload.name), category=category)
    assert check.problems == [] and check.reuse_player_id is None


def test_apply_refuses_a_user_outside_the_office(setup):
    from django.core.exceptions import PermissionDenied

    category = setup[0]
    upload = csv_file("Los Tigres,Ana,Quispe,2015-03-14,5,123")
    with pytest.raises(PermissionDenied):
        roster_import_apply(category=category, rows=read_rows(upload, upload.name), user=make_user())
    assert not Player.objects.exists()


# --- the page ---


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("leagues:roster_import"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_user_of_no_office_gets_403(client):
    client.force_login(make_user())
    assert client.get(reverse("leagues:roster_import")).status_code == 403


def test_staff_of_another_office_cannot_upload_into_this_category(client, setup):
    category = setup[0]
    other = make_user()
    make_championship().organizer.staff.add(other)
    client.force_login(other)
    response = client.post(reverse("leagues:roster_import"),
                           {"category": category.pk, "file": csv_file("Los Tigres,Ana,Quispe,2015-03-14,5,")})
    assert response.status_code == 403
    assert not Player.objects.exists()


def test_office_staff_sees_the_form_with_their_categories(client, setup):
    category, *_rest, staff = setup
    client.force_login(staff)
    response = client.get(reverse("leagues:roster_import"))
    assert response.status_code == 200
    assert category.name in response.content.decode()


def test_preview_marks_problems_and_offers_no_import_then_fixed_reupload_imports(client, setup):
    category, tigres, _pumas, staff = setup
    client.force_login(staff)
    client.post("/i18n/setlang/", {"language": "en"})
    url = reverse("leagues:roster_import")

    bad = csv_file("Los Tigres,Ana,Quispe,2015-03-14,5,", "Los Tigres,Eva,Flores,2010-01-01,6,")
    response = client.post(url, {"category": category.pk, "file": bad})
    page = response.content.decode()
    assert response.status_code == 200
    assert "outside the birth range" in page
    assert "1 correct row" in page and "1 row with problems" in page
    assert 'name="preview"' not in page
    assert not Player.objects.exists()

    fixed = csv_file("Los Tigres,Ana,Quispe,2015-03-14,5,", "Los Tigres,Eva,Flores,2015-01-01,6,")
    response = client.post(url, {"category": category.pk, "file": fixed})
    page = response.content.decode()
    assert "Import 2 players" in page
    assert not Player.objects.exists()  # the preview writes nothing

    preview = response.context["preview"]
    response = client.post(url, {"preview": preview}, follow=True)
    assert "Imported 2 players" in response.content.decode()
    assert RosterEntry.objects.filter(team=tigres).count() == 2


def test_preview_altered_by_hand_is_refused(client, setup):
    category, _tigres, _pumas, staff = setup
    client.force_login(staff)
    response = client.post(reverse("leagues:roster_import"), {"preview": "forged:signature"}, follow=True)
    assert response.status_code == 200
    assert not Player.objects.exists()


def test_signed_preview_for_another_office_is_403(client, setup):
    category = setup[0]
    other = make_user()
    make_championship().organizer.staff.add(other)
    client.force_login(other)
    preview = signing.dumps(
        {"category": category.pk, "rows": [{"line": 2, "team": "Los Tigres", "given_names": "Ana",
                                            "surnames": "Quispe", "birth_date": "2015-03-14"}]},
        salt="leagues.roster_import",
    )
    assert client.post(reverse("leagues:roster_import"), {"preview": preview}).status_code == 403
    assert not Player.objects.exists()


def test_oversize_upload_is_shown_as_a_form_error(client, setup, settings):
    category, *_rest, staff = setup
    client.force_login(staff)
    client.post("/i18n/setlang/", {"language": "en"})
    big = SimpleUploadedFile("plantel.csv", b"x" * (MAX_FILE_BYTES + 1))
    response = client.post(reverse("leagues:roster_import"), {"category": category.pk, "file": big})
    assert response.status_code == 200
    assert "larger than 2 MB" in response.content.decode()


def test_document_number_of_another_person_and_overlong_names_are_reported(setup, settings):
    settings.LANGUAGE_CODE = "en"
    category = setup[0]
    make_player(organizer=category.championship.organizer, given_names="Luis", surnames="Rojas",
                birth_date=datetime.date(2014, 7, 7), document_number="222")
    upload = csv_file("Los Tigres,Ana,Quispe,2015-03-14,,222", f"Los Tigres,{'A' * 101},Quispe,2015-03-15,,")
    problems = problems_by_line(upload, category)
    assert any("222 already belongs to Luis Rojas" in p for p in problems[2])
    assert any("too long" in p for p in problems[3])


# --- registering the teams a file names ---


@translation.override("en")
def test_without_the_option_an_unknown_team_is_a_problem_and_with_it_a_note(setup):
    category, _tigres, _pumas, _staff = setup
    rows = read_rows(csv_file("Cóndores,Ana,Quispe,2015-03-14,7,"), "plantel.csv")
    (plain,) = check_rows(rows, category=category)
    assert plain.problems == [f"There is no team “Cóndores” in {category.name}."]
    (check,) = check_rows(rows, category=category, create_teams=True)
    assert check.problems == [] and check.new_team == "Cóndores"
    assert check.notes == [f"New team: Cóndores will be registered in {category.name}."]


@translation.override("en")
def test_shirts_clash_inside_a_new_team_too(setup):
    category, *_rest = setup
    upload = csv_file("Cóndores,Ana,Quispe,2015-03-14,7,", "cóndores,Luz,Rojas,2015-05-01,7,")
    checks = check_rows(read_rows(upload, upload.name), category=category, create_teams=True)
    assert checks[0].problems == []
    assert checks[1].problems == ["Shirt number 7 is also given on line 2 of the file."]


def test_importing_with_the_option_registers_each_new_team_once(client, setup):
    category, tigres, _pumas, staff = setup
    client.force_login(staff)
    upload = csv_file("Cóndores,Ana,Quispe,2015-03-14,7,", "CÓNDORES,Luz,Rojas,2015-05-01,8,",
                      "Los Tigres,Eva,Díaz,2014-02-02,,")
    response = client.post(reverse("leagues:roster_import"),
                           {"category": category.pk, "file": upload, "create_teams": "on"})
    preview = response.context["preview"]
    assert preview
    response = client.post(reverse("leagues:roster_import"), {"preview": preview})
    assert response.status_code == 302
    condores = category.teams.get(name="Cóndores")
    assert condores.club.name == "Cóndores" and condores.club.organizer == category.championship.organizer
    assert sorted(condores.roster.values_list("shirt_number", flat=True)) == [7, 8]
    assert tigres.roster.count() == 1
    assert category.teams.count() == 3


def test_coming_from_the_wizard_the_category_is_chosen_and_the_import_returns_to_it(client, setup):
    category, *_rest, staff = setup
    category.championship.status = "draft"
    category.championship.save()
    client.force_login(staff)
    response = client.get(reverse("leagues:roster_import") + f"?category={category.pk}")
    form = response.context["form"]
    assert form["category"].value() == category.pk and form["create_teams"].value() is True
    upload = csv_file("Pumas,Ana,Quispe,2015-03-14,7,")
    preview = client.post(reverse("leagues:roster_import"), {"category": category.pk, "file": upload}).context[
        "preview"]
    response = client.post(reverse("leagues:roster_import"), {"preview": preview})
    assert response["Location"] == reverse("leagues:wizard_teams", args=[category.championship.slug]) + \
        f"#category-{category.pk}"


# --- the template to fill ---


def test_the_templates_are_read_back_by_the_import_in_both_languages(client, setup):
    category, *_rest, staff = setup
    client.force_login(staff)
    for language, first in (("es", "equipo"), ("en", "team")):
        client.cookies["django_language"] = language
        xlsx = client.get(reverse("leagues:roster_template", args=["xlsx"]))
        assert xlsx.status_code == 200 and "attachment" in xlsx["Content-Disposition"]
        workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        headers = [cell.value for cell in workbook.worksheets[0][1]]
        assert headers[0] == first and len(headers) == 6
        assert len(workbook.worksheets) == 2  # the instructions
        # Filled in as an office would, the template imports.
        workbook.worksheets[0].append(["Pumas", "Ana", "Quispe", "14/03/2015", "7", ""])
        buffer = io.BytesIO()
        workbook.save(buffer)
        (row,) = read_rows(SimpleUploadedFile("t.xlsx", buffer.getvalue()), "t.xlsx")
        assert (row.team, row.birth_date) == ("Pumas", "14/03/2015")
        csv_response = client.get(reverse("leagues:roster_template", args=["csv"]))
        text = csv_response.content.decode("utf-8")
        assert text.startswith("\ufeff" + first + ";")
        filled = SimpleUploadedFile("t.csv", (text + "Pumas;Ana;Quispe;2015-03-14;7;\n").encode())
        assert read_rows(filled, "t.csv")[0].given_names == "Ana"


def test_the_template_is_for_the_offices(client):
    url = reverse("leagues:roster_template", args=["xlsx"])
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(make_user())
    assert client.get(url).status_code == 403
    assert client.get("/office/rosters/template.exe").status_code == 404
