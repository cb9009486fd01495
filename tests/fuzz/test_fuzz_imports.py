"""The import parsers under random input: each returns rows or raises its own error (`InterchangeError`), never
anything else; an import that stops writes nothing, one that goes through writes every line of the file."""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from leagues import interchange
from leagues.interchange import InterchangeError
from fairplay.models import Card
from leagues.models import (
    Barra,
    Category,
    Championship,
    Club,
    Coach,
    Match,
    Organizer,
    Player,
    PointAdjustment,
    RosterEntry,
    Team,
)
from leagues.roster_import import (
    ALIASES,
    COLUMNS,
    Context,
    ExistingPlayer,
    RowData,
    check_rows_against,
    parse_date,
    read_rows,
)
from tests.factories import (
    make_category,
    make_championship,
    make_match,
    make_player,
    make_roster_entry,
    make_team,
)
from tests.fuzz import awkward_text, mostly

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
HEADER_NAMES = [*COLUMNS, *ALIASES, "Equipo", " NOMBRES ", "extra", "", "team"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def assert_rows(rows) -> None:
    for row in rows:
        assert isinstance(row, RowData)
        assert all(isinstance(value, str) for key, value in row.as_dict().items() if key != "line")


# --- Roster files, pure -----------------------------------------------------------------------------------------------


@FUZZ
@given(raw=st.binary(max_size=400), extension=st.sampled_from(["csv", "xlsx", "CSV", "txt", ""]))
@example(raw=b"\xff\xfe", extension="csv")
@example(raw=b"PK\x03\x04" + b"\x00" * 30, extension="xlsx")
def test_read_rows_of_random_bytes_returns_rows_or_an_interchange_error(raw, extension):
    try:
        rows = read_rows(io.BytesIO(raw), f"roster.{extension}" if extension else "roster")
    except InterchangeError as error:
        assert str(error)
    else:
        assert_rows(rows)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADER_NAMES), min_size=1, max_size=8),
    rows=st.lists(st.lists(awkward_text, max_size=8), max_size=6),
    delimiter=st.sampled_from([",", ";"]),
)
def test_read_rows_of_a_csv_with_a_real_header_and_random_cells(header, rows, delimiter):
    try:
        result = read_rows(io.BytesIO(csv_bytes(header, rows, delimiter)), "roster.csv")
    except InterchangeError as error:
        assert str(error)
    else:
        assert_rows(result)
        # A file that reads lets none of its characters through that a database refuses.
        assert all("\x00" not in value for row in result for value in row.as_dict().values() if isinstance(value, str))


def test_a_nul_character_in_a_csv_roster_is_an_error_naming_the_line():
    raw = csv_bytes(list(COLUMNS), [["Halcones", "Ana", "Quispe", "2015-03-14", "", ""], ["Halcones", "Lu\x00", "X"]], ",")
    with pytest.raises(InterchangeError, match="line 3"):
        read_rows(io.BytesIO(raw), "roster.csv")


cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), max_size=20),
)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADER_NAMES), min_size=1, max_size=7),
    rows=st.lists(st.lists(cell_values, max_size=7), max_size=5),
)
def test_read_rows_of_an_xlsx_with_random_cells(header, rows):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    try:
        result = read_rows(io.BytesIO(buffer.getvalue()), "roster.xlsx")
    except InterchangeError as error:
        assert str(error)
    else:
        assert_rows(result)


XLSX_PARTS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
              "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/app.xml"]
XML_BITS = st.sampled_from([b"", b"<", b"<?xml version='1.0'?>", b"<workbook/>", b"<sheets><sheet/></sheets>",
                            b"\x00\xff", b"<c r='A1' t='s'><v>99</v></c>", b"]]>"])


@FUZZ
@given(members=st.dictionaries(st.sampled_from(XLSX_PARTS), st.lists(XML_BITS, max_size=4).map(b"".join), max_size=8))
def test_read_rows_of_a_random_zip_named_xlsx(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    try:
        result = read_rows(io.BytesIO(buffer.getvalue()), "roster.xlsx")
    except InterchangeError as error:
        assert str(error)
    else:
        assert_rows(result)


@FUZZ
@given(text=awkward_text)
@example(text="14/03/0000")
@example(text="2015-13-01")
def test_parse_date_returns_a_date_or_none(text):
    assert parse_date(text) is None or isinstance(parse_date(text), datetime.date)


row_data = st.builds(
    RowData,
    line=st.integers(min_value=2, max_value=50),
    team=mostly("Halcones", "halcones ", "Nuevo", "", "x" * 200),
    given_names=mostly("Ana", "ana", ""),
    surnames=mostly("Quispe", ""),
    birth_date=mostly("2015-03-14", "14/03/2015", "2001-01-01"),
    shirt_number=mostly("7", "0", "100", " 9 "),
    document_number=mostly("12345678", ""),
)


@FUZZ
@given(rows=st.lists(row_data, max_size=8), create_teams=st.booleans())
@example(rows=[RowData(line=2, team="Halcones", given_names="Ana", surnames="Quispe", birth_date="2015-03-14",
                       shirt_number="9" * 5000)], create_teams=False)
def test_check_rows_marks_problems_and_never_raises(rows, create_teams):
    category = Category(name="Sub-12", born_from=datetime.date(2014, 1, 1), born_until=datetime.date(2015, 12, 31))
    context = Context(
        teams={"halcones": (1, "Halcones")},
        players=[ExistingPlayer(id=5, name="Ana Quispe", key="ana quispe", birth_date=datetime.date(2015, 3, 14),
                                document_number="12345678", team_id=None, team_name="")],
        shirts_taken={(1, 7): "Luis Ramos"},
    )
    checks = check_rows_against(rows, context=context, category=category, create_teams=create_teams)
    assert [check.row for check in checks] == rows
    for check in checks:
        assert all(isinstance(problem, str) and problem for problem in check.problems)
        if check.clean:
            assert check.birth_date is not None and (check.team_id or check.new_team)
            assert check.shirt_number is None or 1 <= check.shirt_number <= 99


# --- Interchange files (results, cards, adjustments) ------------------------------------------------------------------


def write_file(directory: str, raw: bytes) -> str:
    path = Path(directory) / "data.csv"
    path.write_bytes(raw)
    return str(path)


@FUZZ
@given(raw=st.binary(max_size=300) | awkward_text.map(lambda text: ("date,round,home,away,home_goals,away_goals\n" + text).encode()))
@example(raw=b"date,round,home,away,home_goals,away_goals\n2026-01-01," + b"9" * 5000 + b",a,b,,\n")
@example(raw=b"date,round,home,away,home_goals,away_goals\n2026-01-01,1,a,b," + b"9" * 5000 + b",1\n")
@example(raw=b"date,round,home,away,home_goals,away_goals\n2026-01-01,1,a\x00,b,1,1\n")
def test_results_parser_returns_lines_or_an_interchange_error(raw):
    with tempfile.TemporaryDirectory() as directory:
        try:
            file = interchange.read_csv(write_file(directory, raw), required=interchange.MATCH_COLUMNS)
            lines = interchange._parse_match_lines(file)
        except InterchangeError as error:
            assert str(error)
        else:
            for line in lines:
                assert 0 <= line.round <= interchange.SMALL_INT_MAX
                assert "\x00" not in line.home + line.away + line.round_label


IMPORTED_MODELS = (Organizer, Championship, Category, Club, Team, Match, Player, RosterEntry, Coach, Barra, Card,
                   PointAdjustment)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in IMPORTED_MODELS}


@pytest.fixture
def world():
    """Championship "fuzz" with category "Sub-12", three teams, a played match Alianza–Bolognesi with a rostered
    player on each side."""
    championship = make_championship(slug="fuzz")
    category = make_category(championship=championship, name="Sub-12", slug="sub-12")
    teams = [make_team(category=category, name=name) for name in ("Alianza", "Bolognesi", "Cristal")]
    make_match(category=category, home=teams[0], away=teams[1], round=1, home_goals=1, away_goals=0)
    for team in teams[:2]:
        make_roster_entry(team=team, player=make_player(organizer=championship.organizer, given_names="Ana",
                                                         surnames=f"Quispe {team.name}"))
    return category


TEAM_CELLS = mostly("Alianza", "alianza", "Bolognesi", "Cristal", "Nuevo")


def csv_text(columns, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def filled(rows) -> int:
    return sum(1 for row in rows if any(cell.strip() for cell in row))  # blank lines are skipped


def run_import(function, raw: bytes, **options):
    """The import's summary, or its error after checking that it wrote nothing; rolled back either way so that
    examples stay independent."""
    with transaction.atomic():
        before = row_counts()
        with tempfile.TemporaryDirectory() as directory:
            try:
                summary = function(path=write_file(directory, raw), **options)
            except InterchangeError as error:
                assert str(error)
                assert row_counts() == before
                summary = None
                event("refused: " + error.message[:50])
            else:
                after = row_counts()
                event("imported")
        transaction.set_rollback(True)
    return summary, (before, after) if summary else None


result_rows = st.lists(
    st.tuples(
        mostly("2026-03-14", ""),
        mostly("1", "2", "Matchday 3"),
        TEAM_CELLS,
        TEAM_CELLS,
        mostly("0", "2", ""),
        mostly("1", "3", ""),
    ),
    max_size=5,
)


@pytest.mark.django_db
@FUZZ
@given(rows=result_rows, create=st.booleans(), category_name=st.sampled_from(["Sub-12", "Sub-14"]))
@example(rows=[("2026-03-14", "2", "Cristal", "Nuevo\x00", "1", "1")], create=True, category_name="Sub-12")
@example(rows=[("2026-03-14", "9" * 5000, "Cristal", "Alianza", "1", "1")], create=False, category_name="Sub-12")
def test_results_import_writes_the_whole_file_or_nothing(world, rows, create, category_name):
    raw = csv_text(interchange.MATCH_COLUMNS, rows)
    summary, counts = run_import(
        interchange.matches_import, raw, championship_slug="fuzz", category_name=category_name, create=create
    )
    if summary is not None:
        before, after = counts
        assert summary.created + summary.updated + summary.unchanged == filled(rows)
        assert after["leagues.Match"] - before["leagues.Match"] == summary.created
        assert after["leagues.Team"] - before["leagues.Team"] == summary.teams_created


card_rows = st.lists(
    st.tuples(
        TEAM_CELLS, TEAM_CELLS, TEAM_CELLS,
        mostly("Ana Quispe Alianza", "Luis Nuevo", ""),
        mostly("10", "90+4", "45 + 2"),
        mostly("yellow", "blue", "Second-Yellow", "red"),
        mostly("player", "coach", "barra", ""),
    ),
    max_size=5,
)


@pytest.mark.django_db
@FUZZ
@given(rows=card_rows, create=st.booleans())
@example(rows=[("Alianza", "Bolognesi", "Alianza", "Ana Quispe Alianza", "9" * 5000, "yellow", "")], create=False)
@example(rows=[("Alianza", "Bolognesi", "Alianza", "Luis\x00 Nuevo", "10", "yellow", "")], create=True)
def test_cards_import_writes_the_whole_file_or_nothing(world, rows, create):
    raw = csv_text((*interchange.CARD_COLUMNS, "recipient"), rows)
    summary, counts = run_import(interchange.cards_import, raw, championship_slug="fuzz", category_name="Sub-12",
                                 create=create)
    if summary is not None:
        before, after = counts
        assert summary.added + summary.present == filled(rows)
        assert after["fairplay.Card"] - before["fairplay.Card"] == summary.added


adjustment_rows = st.lists(
    st.tuples(TEAM_CELLS, mostly("-3", "+2", "0", "1"),
              mostly("Jugador no elegible", "")),
    max_size=5,
)


@pytest.mark.django_db
@FUZZ
@given(rows=adjustment_rows)
@example(rows=[("Alianza", "-" + "9" * 5000, "huge")])
@example(rows=[("Alianza", "-3", "nul\x00")])
def test_adjustments_import_writes_the_whole_file_or_nothing(world, rows):
    raw = csv_text(interchange.ADJUSTMENT_COLUMNS, rows)
    summary, counts = run_import(interchange.adjustments_import, raw, championship_slug="fuzz", category_name="Sub-12")
    if summary is not None:
        before, after = counts
        assert summary.added + summary.present == filled(rows)
        assert after["leagues.PointAdjustment"] - before["leagues.PointAdjustment"] == summary.added
