"""The English Premier League 2023/24, imported through the CSV contract, reproduces the published table."""

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from leagues.models import Championship, Match, Team

DATA = Path(__file__).resolve().parents[1] / "data" / "epl_2023_24"
SLUG = "premier-league-2023-24"
CATEGORY = "Premier League"
TEAMS = 20


@pytest.fixture(autouse=True)
def english():
    # The summaries are translated; the tests read the English source text.
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def data() -> Path:
    # The data set is kept in the repository (public domain, see tests/data/README.md): missing means a broken checkout.
    if not (DATA / "matches.csv").is_file():
        pytest.fail(f"The EPL 2023/24 data set is missing: expected {DATA}/matches.csv and its companions.")
    return DATA


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def import_matches(path: Path) -> str:
    return run(
        "import_results", str(path), "--championship", SLUG, "--category", CATEGORY, "--create", "--rules", "league"
    )


def standings(*extra) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run("standings", "--championship", SLUG, "--category", CATEGORY, *extra))))


def expected(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def match_rows():
    return list(
        Match.objects.order_by("pk").values_list(
            "pk", "round", "round_label", "home__name", "away__name", "date", "status", "home_goals", "away_goals"
        )
    )


def assert_table(actual: list[dict[str, str]], published: list[dict[str, str]]) -> None:
    assert len(actual) == len(published) == TEAMS
    for got, want in zip(actual, published):
        # Every column of the published table, plus a fair-play column that nothing feeds here.
        assert {column: got[column] for column in want} == want
        assert got["fair_play_points"] == "0"


@pytest.mark.django_db
def test_epl_season_with_deductions_reproduces_the_official_table(data, django_assert_max_num_queries):
    # Bulk reads and writes: the number of queries does not grow with the 380 rows.
    with django_assert_max_num_queries(25):
        summary = import_matches(data / "matches.csv")
    run("import_adjustments", str(data / "adjustments.csv"), "--championship", SLUG, "--category", CATEGORY)

    assert "matches created: 380, updated: 0, unchanged: 0" in summary
    championship = Championship.objects.get(slug=SLUG)
    assert (championship.preset, championship.season, championship.status) == ("league", "2023", "in_progress")
    assert Team.objects.filter(category__championship=championship).count() == TEAMS
    assert_table(standings(), expected(data / "expected_table.csv"))


@pytest.mark.django_db
def test_epl_season_without_deductions_reproduces_the_table_as_played(data):
    import_matches(data / "matches.csv")

    assert_table(standings(), expected(data / "expected_table_no_deductions.csv"))


@pytest.mark.django_db
def test_importing_the_season_twice_changes_nothing(data):
    import_matches(data / "matches.csv")
    before = match_rows()

    summary = import_matches(data / "matches.csv")

    assert "matches created: 0, updated: 0, unchanged: 380" in summary
    assert match_rows() == before


@pytest.mark.django_db
def test_replay_labelled_matchday_17_is_stored_in_round_17_with_its_own_date(data):
    import_matches(data / "matches.csv")

    replay = Match.objects.get(home__name="AFC Bournemouth", away__name="Luton Town FC")
    assert (replay.round, replay.round_label, replay.date.isoformat()) == (17, "Matchday 17", "2024-03-13")
    assert (replay.home_goals, replay.away_goals, replay.status) == (4, 3, "played")
    assert Match.objects.filter(category__championship__slug=SLUG, round=17).count() == 10


@pytest.mark.django_db
def test_a_corrected_score_updates_the_match(data, tmp_path):
    import_matches(data / "matches.csv")
    corrected = tmp_path / "matches.csv"
    text = (data / "matches.csv").read_text(encoding="utf-8")
    # Matchday 1: Burnley 0-3 Manchester City, corrected to 1-3.
    assert "2023-08-11,Matchday 1,Burnley FC,Manchester City FC,0,3\n" in text
    corrected.write_text(
        text.replace(
            "2023-08-11,Matchday 1,Burnley FC,Manchester City FC,0,3\n",
            "2023-08-11,Matchday 1,Burnley FC,Manchester City FC,1,3\n",
        ),
        encoding="utf-8",
    )

    summary = import_matches(corrected)

    assert "matches created: 0, updated: 1, unchanged: 379" in summary
    match = Match.objects.get(round=1, home__name="Burnley FC", away__name="Manchester City FC")
    assert (match.home_goals, match.away_goals) == (1, 3)
    table = {row["team"]: row for row in standings()}
    assert (table["Burnley FC"]["goals_for"], table["Manchester City FC"]["goals_against"]) == ("42", "35")


@pytest.mark.django_db
def test_standings_as_of_round_counts_only_the_rounds_up_to_it(data):
    import_matches(data / "matches.csv")

    after_round_1 = {row["team"]: row for row in standings("--as-of-round", "1")}
    after_round_2 = {row["team"]: row for row in standings("--as-of-round", "2")}

    assert {row["played"] for row in after_round_1.values()} == {"1"}
    assert after_round_1["Manchester City FC"]["points"] == "3"
    assert after_round_1["Burnley FC"]["goal_difference"] == "-3"
    assert after_round_1["Newcastle United FC"]["position"] == "1"  # 5-1 against Aston Villa
    # Matchday 2 counts by its round, though some of its matches were played weeks later.
    assert {row["played"] for row in after_round_2.values()} == {"2"}


@pytest.mark.django_db
def test_rounds_are_matched_by_number_not_by_file_order(data, tmp_path):
    # The same season with its lines reversed: round 17's replay now comes first, round 1 last.
    lines = (data / "matches.csv").read_text(encoding="utf-8").splitlines()
    reversed_file = tmp_path / "matches.csv"
    reversed_file.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
    import_matches(data / "matches.csv")

    summary = import_matches(reversed_file)

    assert "matches created: 0, updated: 0, unchanged: 380" in summary


@pytest.mark.django_db
def test_the_summary_names_the_file_it_read(data, tmp_path):
    copy = tmp_path / "premier.csv"
    shutil.copy(data / "matches.csv", copy)

    summary = import_matches(copy)

    assert summary.startswith("premier.csv: matches created: 380")
