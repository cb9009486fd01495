"""The CSV interchange commands: what they write, what they refuse, and that a refused file writes nothing."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from fairplay.models import Card
from fairplay.scoring import YOUTH
from leagues.interchange import format_fair_play
from leagues.models import Barra, Category, Championship, Coach, Match, Organizer, Player, PointAdjustment, Team
from tests.factories import (
    make_barra,
    make_category,
    make_championship,
    make_coach,
    make_match,
    make_player,
    make_roster_entry,
    make_team,
)

HEADER = "date,round,home,away,home_goals,away_goals\n"


@pytest.fixture(autouse=True)
def english():
    # Messages are translated; the tests read the English source text whatever LANGUAGE_CODE says.
    with translation.override("en"):
        yield


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def match_rows(category):
    return list(
        Match.objects.filter(category=category)
        .order_by("round", "home__name")
        .values_list("round", "round_label", "home__name", "away__name", "date", "status", "home_goals", "away_goals")
    )


def card_rows():
    return list(
        Card.objects.order_by("pk").values_list(
            "match_id", "team__name", "recipient", "player_id", "coach_id", "minute", "added_time", "colour"
        )
    )


@pytest.fixture
def category():
    """A championship "apertura" with category "Sub-12" and three teams, no matches."""
    championship = make_championship(slug="apertura", name="Apertura")
    category = make_category(championship=championship, name="Sub-12", slug="sub-12")
    for name in ("Alianza", "Bolognesi", "Cristal"):
        make_team(category=category, name=name)
    return category


def import_results(path, *extra, championship="apertura", category="Sub-12"):
    return run("import_results", path, "--championship", championship, "--category", category, *extra)


# --- import_results ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_create_makes_championship_category_teams_and_clubs_under_the_default_organizer(tmp_path):
    path = write(
        tmp_path,
        "matches.csv",
        HEADER + "2025-03-02,Fecha 1,Los Olivos,San Martín,2,1\n2025-03-09,Fecha 2,San Martín,Los Olivos,,\n",
    )

    summary = import_results(path, "--create", championship="liga-distrital-sub-10", category="Sub-10 Mixto")

    assert summary.strip() == "matches.csv: matches created: 2, updated: 0, unchanged: 0; teams created: 2."
    championship = Championship.objects.get(slug="liga-distrital-sub-10")
    assert (championship.name, championship.season, championship.status, championship.preset) == (
        "Liga Distrital Sub 10",
        "2025",
        "in_progress",
        "youth",
    )
    assert (championship.organizer.name, championship.organizer.slug) == ("Oficina de deportes", "oficina-de-deportes")
    category = Category.objects.get(championship=championship)
    assert category.name == "Sub-10 Mixto"
    teams = Team.objects.filter(category=category).select_related("club")
    assert sorted((team.name, team.club.name, team.club.organizer_id) for team in teams) == [
        ("Los Olivos", "Los Olivos", championship.organizer_id),
        ("San Martín", "San Martín", championship.organizer_id),
    ]
    assert match_rows(category) == [
        (1, "Fecha 1", "Los Olivos", "San Martín", datetime.date(2025, 3, 2), "played", 2, 1),
        (2, "Fecha 2", "San Martín", "Los Olivos", datetime.date(2025, 3, 9), "scheduled", None, None),
    ]


@pytest.mark.django_db
def test_create_uses_the_named_organizer_and_rules_and_reuses_an_existing_organizer(tmp_path):
    path = write(tmp_path, "m.csv", HEADER + ",1,A,B,,\n")
    Organizer.objects.create(name="Municipalidad de El Porvenir", slug="el-porvenir")

    import_results(
        path, "--create", "--rules", "fifa", "--organizer", "Municipalidad de El Porvenir", championship="copa"
    )

    championship = Championship.objects.get(slug="copa")
    assert championship.preset == "fifa"
    assert championship.organizer.slug == "el-porvenir"
    assert Organizer.objects.count() == 1
    # No date in the file: the season is the current year.
    assert championship.season == str(datetime.date.today().year)


@pytest.mark.django_db
def test_create_adds_only_the_missing_teams_to_an_existing_category(category, tmp_path):
    path = write(tmp_path, "m.csv", HEADER + "2025-04-01,1,Alianza,Deportivo Nuevo,1,1\n")

    import_results(path, "--create")

    assert sorted(Team.objects.filter(category=category).values_list("name", flat=True)) == [
        "Alianza",
        "Bolognesi",
        "Cristal",
        "Deportivo Nuevo",
    ]
    assert Championship.objects.count() == 1


@pytest.mark.django_db
def test_round_number_is_the_last_integer_of_the_label_and_a_bare_number_has_no_label(category, tmp_path):
    path = write(
        tmp_path,
        "m.csv",
        HEADER + ",3,Alianza,Bolognesi,,\n,Fecha 12,Bolognesi,Cristal,,\n,Grupo 2 - jornada 5,Cristal,Alianza,,\n",
    )

    import_results(path)

    assert [(r[0], r[1]) for r in match_rows(category)] == [(3, ""), (5, "Grupo 2 - jornada 5"), (12, "Fecha 12")]


@pytest.mark.django_db
def test_columns_in_any_order_extra_columns_a_bom_crlf_and_team_names_without_case_are_accepted(category, tmp_path):
    path = write(
        tmp_path,
        "m.csv",
        # Windows line ends too, as Excel saves them.
        "\ufeffAway, Home ,notes,home_goals,away_goals,round,date\r\nbolognesi,ALIANZA,rain,0,2,1,2025-05-01\r\n",
    )

    import_results(path)

    assert match_rows(category) == [(1, "", "Alianza", "Bolognesi", datetime.date(2025, 5, 1), "played", 0, 2)]


@pytest.mark.django_db
def test_a_semicolon_separated_file_from_a_spanish_spreadsheet_is_read(category, tmp_path):
    path = write(tmp_path, "m.csv", "date;round;home;away;home_goals;away_goals\n2025-05-01;1;Alianza;Cristal;3;3\n")

    import_results(path)

    assert match_rows(category) == [(1, "", "Alianza", "Cristal", datetime.date(2025, 5, 1), "played", 3, 3)]


@pytest.mark.django_db
def test_importing_the_same_results_twice_changes_nothing(category, tmp_path):
    path = write(tmp_path, "m.csv", HEADER + "2025-05-01,1,Alianza,Bolognesi,1,0\n2025-05-08,2,Bolognesi,Cristal,,\n")
    import_results(path)
    before, counts = match_rows(category), row_counts()

    summary = import_results(path)

    assert summary.strip() == "m.csv: matches created: 0, updated: 0, unchanged: 2."
    assert match_rows(category) == before
    assert row_counts() == counts


@pytest.mark.django_db
def test_a_corrected_score_and_a_new_score_update_their_matches(category, tmp_path):
    first = HEADER + "2025-05-01,1,Alianza,Bolognesi,1,0\n2025-05-08,2,Bolognesi,Cristal,,\n"
    import_results(write(tmp_path, "m.csv", first))

    summary = import_results(
        write(tmp_path, "m.csv", HEADER + "2025-05-01,1,Alianza,Bolognesi,2,0\n2025-05-09,2,Bolognesi,Cristal,1,1\n")
    )

    assert summary.strip() == "m.csv: matches created: 0, updated: 2, unchanged: 0."
    assert match_rows(category) == [
        (1, "", "Alianza", "Bolognesi", datetime.date(2025, 5, 1), "played", 2, 0),
        (2, "", "Bolognesi", "Cristal", datetime.date(2025, 5, 9), "played", 1, 1),
    ]


@pytest.mark.django_db
def test_a_blank_score_does_not_erase_a_recorded_result(category, tmp_path):
    # A fixture list re-imported after the results came in must not undo them.
    import_results(write(tmp_path, "m.csv", HEADER + "2025-05-01,1,Alianza,Bolognesi,1,0\n"))

    summary = import_results(write(tmp_path, "m.csv", HEADER + ",1,Alianza,Bolognesi,,\n"))

    assert "unchanged: 1" in summary
    assert match_rows(category) == [(1, "", "Alianza", "Bolognesi", datetime.date(2025, 5, 1), "played", 1, 0)]


@pytest.mark.django_db
def test_the_same_pairing_in_another_round_is_another_match(category, tmp_path):
    path = write(tmp_path, "m.csv", HEADER + ",1,Alianza,Bolognesi,1,0\n,3,Alianza,Bolognesi,2,2\n")

    import_results(path)

    assert [(r[0], r[6], r[7]) for r in match_rows(category)] == [(1, 1, 0), (3, 2, 2)]


BAD_RESULTS = [
    pytest.param(
        "date,round,home,away,home_goals\n2025-05-01,1,Alianza,Bolognesi,1\n",
        "matches.csv, line 1, column away_goals: the column is missing; the first line must name the columns "
        "date, round, home, away, home_goals, away_goals.",
        id="missing-column",
    ),
    pytest.param(
        "",
        "matches.csv, line 1: the file is empty; its first line must name the columns "
        "date, round, home, away, home_goals, away_goals.",
        id="empty-file",
    ),
    pytest.param(
        HEADER + "2025-05-01,1,Alianza,Bolognesi,1,0\n2025-05-01,1,Cristal,Sport Boys,1,0\n",
        'matches.csv, line 3, column away: there is no team "Sport Boys" in category "Sub-12" '
        "(add --create to create it).",
        id="unknown-team",
    ),
    pytest.param(
        HEADER + "".join(f"2025-05-0{n},{n},Alianza,Bolognesi,1,0\n" for n in range(1, 6))
        + "2025-05-06,6,Bolognesi,Cristal,-1,0\n",
        'matches.csv, line 7, column home_goals: "-1" is not a valid score (a whole number 0 or more).',
        id="negative-score",
    ),
    pytest.param(
        HEADER + "2025-05-01,1,Alianza,Bolognesi,1,two\n",
        'matches.csv, line 2, column away_goals: "two" is not a valid score (a whole number 0 or more).',
        id="non-numeric-score",
    ),
    pytest.param(
        HEADER + "2025-05-01,1,Alianza,Bolognesi,1,\n",
        "matches.csv, line 2, column away_goals: the score is blank here but home_goals is filled; fill both, "
        "or leave both blank for a match not played yet.",
        id="half-a-score",
    ),
    pytest.param(
        HEADER + "2025-05-01,Fecha 1,Alianza,Bolognesi,1,0\n2025-05-01,Fecha 2,Cristal,Alianza,0,0\n"
        "2025-05-02,1,Alianza,Bolognesi,2,0\n",
        "matches.csv, line 4, column round: Alianza against Bolognesi in round 1 is already on line 2; "
        "each match goes on one line.",
        id="duplicate-match",
    ),
    pytest.param(
        HEADER + "2025-05-01,1,Alianza,alianza,1,0\n",
        'matches.csv, line 2, column away: "alianza" cannot play against itself.',
        id="home-is-away",
    ),
    pytest.param(
        HEADER + "01/05/2025,1,Alianza,Bolognesi,1,0\n",
        'matches.csv, line 2, column date: "01/05/2025" is not a valid date (write it as YYYY-MM-DD, '
        "for example 2026-03-14).",
        id="bad-date-format",
    ),
    pytest.param(
        HEADER + "2025-02-30,1,Alianza,Bolognesi,1,0\n",
        'matches.csv, line 2, column date: "2025-02-30" is not a valid date (write it as YYYY-MM-DD, '
        "for example 2026-03-14).",
        id="impossible-date",
    ),
    pytest.param(
        HEADER + "2025-05-01,Final,Alianza,Bolognesi,1,0\n",
        'matches.csv, line 2, column round: "Final" is not a valid round (a number, or a name with the number '
        'last, like "Matchday 17").',
        id="round-without-number",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("text, message", BAD_RESULTS)
def test_a_bad_results_file_is_refused_with_its_line_and_column_and_nothing_is_written(
    category, tmp_path, text, message
):
    path = write(tmp_path, "matches.csv", text)
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        import_results(path)

    assert str(raised.value) == message
    assert row_counts() == before


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused_naming_the_line(category, tmp_path):
    text = HEADER + "2025-05-01,1,Alianza,Bolognesi,1,0\n,2,Atlético,Cristal,,\n"
    path = write(tmp_path, "matches.csv", text, encoding="latin-1")
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        import_results(path)

    assert str(raised.value) == (
        'matches.csv, line 3: the file is not UTF-8 text (byte 0xe9 cannot be read); save it again as "CSV UTF-8".'
    )
    assert row_counts() == before


@pytest.mark.django_db
def test_a_bad_line_after_many_good_ones_rolls_back_everything_create_would_have_made(tmp_path):
    good = "".join(f"2025-05-{n:02d},{n},Equipo {n},Equipo {n + 1},1,0\n" for n in range(1, 20))
    path = write(tmp_path, "matches.csv", HEADER + good + "2025-06-01,20,Equipo 1,Equipo 2,x,0\n")
    before = row_counts()

    with pytest.raises(CommandError, match=r"^matches.csv, line 21, column home_goals: "):
        import_results(path, "--create", championship="nuevo", category="Sub-8")

    assert row_counts() == before
    assert not Organizer.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options, message",
    [
        (
            ["--championship", "clausura", "--category", "Sub-12"],
            'matches.csv, option --championship: there is no championship with the slug "clausura" '
            "(add --create to create it).",
        ),
        (
            ["--championship", "apertura", "--category", "Sub-14"],
            'matches.csv, option --category: championship "apertura" has no category named "Sub-14" '
            "(add --create to create it).",
        ),
        (
            ["--championship", "apertura", "--category", "Sub-12", "--rules", "league"],
            "matches.csv, option --rules: this option only applies with --create, when the championship is made.",
        ),
        (
            ["--championship", "apertura", "--category", "Sub-12", "--create", "--rules", "league"],
            'matches.csv, option --rules: championship "apertura" already exists with the rules "youth"; '
            "change them on its page.",
        ),
        (
            ["--championship", "Liga 2025!", "--category", "Sub-12", "--create"],
            'matches.csv, option --championship: "Liga 2025!" is not a valid slug (up to 150 letters, numbers, '
            "hyphens and underscores).",
        ),
    ],
)
def test_bad_options_are_refused_naming_the_option(category, tmp_path, options, message):
    path = write(tmp_path, "matches.csv", HEADER + "2025-05-01,1,Alianza,Bolognesi,1,0\n")
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        run("import_results", path, *options)

    assert str(raised.value) == message
    assert row_counts() == before


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError) as raised:
        import_results(str(tmp_path / "nowhere.csv"))

    assert str(raised.value) == "nowhere.csv: the file does not exist."


# --- import_cards --------------------------------------------------------------------------------------

CARDS_HEADER = "match_home,match_away,team,player,minute,card,recipient\n"


@pytest.fixture
def match(category):
    """Alianza 2-1 Bolognesi in round 1, with one registered player per team, Alianza's coach and barra."""
    alianza, bolognesi = Team.objects.get(name="Alianza"), Team.objects.get(name="Bolognesi")
    organizer = category.championship.organizer
    make_roster_entry(
        team=alianza, player=make_player(organizer=organizer, given_names="José Luis", surnames="Pérez Quispe")
    )
    make_roster_entry(
        team=bolognesi, player=make_player(organizer=organizer, given_names="María", surnames="Rojas")
    )
    coach = make_coach(organizer=organizer, given_names="Rosa", surnames="Huamán")
    coach.teams.add(alianza)
    make_barra(team=alianza, name="Los de la Esperanza")
    return make_match(category=category, round=1, home=alianza, away=bolognesi, home_goals=2, away_goals=1)


def import_cards(path, *extra):
    return run("import_cards", path, "--championship", "apertura", "--category", "Sub-12", *extra)


@pytest.mark.django_db
def test_cards_for_players_coach_and_barra_are_recorded(match, tmp_path):
    path = write(
        tmp_path,
        "cards.csv",
        CARDS_HEADER
        + "Alianza,Bolognesi,Alianza,jose luis perez quispe,64,yellow,\n"
        + "Alianza,Bolognesi,Bolognesi,María Rojas,90+4,second_yellow,player\n"
        + "Alianza,Bolognesi,Alianza,Rosa Huamán,30,blue,coach\n"
        + "Alianza,Bolognesi,Alianza,,45+1,blue,barra\n",
    )

    summary = import_cards(path)

    assert summary.strip() == "cards.csv: cards added: 4, already recorded: 0."
    jose, maria = Player.objects.get(given_names="José Luis"), Player.objects.get(given_names="María")
    coach = Coach.objects.get()
    assert card_rows() == [
        (match.pk, "Alianza", "player", jose.pk, None, 64, 0, "yellow"),
        (match.pk, "Bolognesi", "player", maria.pk, None, 90, 4, "second_yellow"),
        (match.pk, "Alianza", "coach", None, coach.pk, 30, 0, "blue"),
        (match.pk, "Alianza", "barra", None, None, 45, 1, "blue"),
    ]


@pytest.mark.django_db
def test_importing_the_same_cards_twice_adds_nothing_but_a_repeated_line_is_a_second_card(match, tmp_path):
    path = write(
        tmp_path,
        "cards.csv",
        CARDS_HEADER
        + "Alianza,Bolognesi,Alianza,,50,blue,barra\n"
        + "Alianza,Bolognesi,Alianza,,50,blue,barra\n"
        + "Alianza,Bolognesi,Bolognesi,María Rojas,12,yellow,player\n",
    )
    import_cards(path)
    before = card_rows()

    summary = import_cards(path)

    assert summary.strip() == "cards.csv: cards added: 0, already recorded: 3."
    assert card_rows() == before
    assert len(before) == 3


@pytest.mark.django_db
def test_create_adds_unknown_players_coaches_and_the_barra(match, tmp_path):
    path = write(
        tmp_path,
        "cards.csv",
        CARDS_HEADER
        + "Alianza,Bolognesi,Bolognesi,Ana Lucía Torres Vega,20,blue,\n"
        + "Alianza,Bolognesi,Bolognesi,Ana Lucía Torres Vega,70,yellow,\n"
        + "Alianza,Bolognesi,Bolognesi,Carlos Díaz,80,blue,coach\n"
        + "Alianza,Bolognesi,Bolognesi,,85,blue,barra\n",
    )

    summary = import_cards(path, "--create")

    assert summary.strip() == "cards.csv: cards added: 4, already recorded: 0; people created: 2."
    ana = Player.objects.get(given_names="Ana")
    assert (ana.surnames, ana.birth_date, ana.document_number) == ("Lucía Torres Vega", None, "")
    assert ana.organizer == match.category.championship.organizer
    entry = ana.roster_entries.get()
    assert (entry.team.name, entry.shirt_number) == ("Bolognesi", None)
    assert entry.championship_id == match.category.championship_id
    carlos = Coach.objects.get(given_names="Carlos")
    assert (carlos.surnames, list(carlos.teams.values_list("name", flat=True))) == ("Díaz", ["Bolognesi"])
    assert Barra.objects.get(team__name="Bolognesi").name == "Barra de Bolognesi"
    assert Card.objects.filter(player=ana).count() == 2

    assert "cards added: 0, already recorded: 4." in import_cards(path, "--create")
    assert Player.objects.filter(given_names="Ana").count() == 1


@pytest.mark.django_db
def test_a_coach_card_may_name_no_coach(match, tmp_path):
    import_cards(write(tmp_path, "cards.csv", CARDS_HEADER + "Alianza,Bolognesi,Bolognesi,,60,red,coach\n"))

    assert card_rows() == [(match.pk, "Bolognesi", "coach", None, None, 60, 0, "red")]


@pytest.mark.django_db
def test_a_pair_met_in_two_rounds_needs_the_round_column(match, tmp_path):
    second = make_match(category=match.category, round=4, home=match.home, away=match.away)
    line = "Alianza,Bolognesi,Alianza,,10,blue,barra"
    ambiguous = write(tmp_path, "cards.csv", CARDS_HEADER + line + "\n")
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        import_cards(ambiguous)

    assert str(raised.value) == (
        "cards.csv, line 2, column match_home: Alianza hosted Bolognesi in several rounds (1, 4); "
        "add a round column to name the match."
    )
    assert row_counts() == before
    import_cards(write(tmp_path, "cards.csv", CARDS_HEADER.replace("\n", ",round\n") + line + ",Fecha 4\n"))
    assert Card.objects.get().match == second


BAD_CARDS = [
    pytest.param(
        "match_home,match_away,team,player,card\nAlianza,Bolognesi,Alianza,,blue\n",
        "cards.csv, line 1, column minute: the column is missing; the first line must name the columns "
        "match_home, match_away, team, player, minute, card, recipient, round.",
        id="missing-column",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Alianza,,10,blue,barra\nAlianza,Bolognesi,Alianza,,10,green,barra\n",
        'cards.csv, line 3, column card: "green" is not one of yellow, second_yellow, red, blue.',
        id="bad-colour",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Alianza,,10,blue,parents\n",
        'cards.csv, line 2, column recipient: "parents" is not one of player, coach, barra.',
        id="bad-recipient",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Alianza,,90+,blue,barra\n",
        'cards.csv, line 2, column minute: "90+" is not a valid minute (like 64, or 90+4 for added time).',
        id="bad-minute",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Alianza,,160,blue,barra\n",
        'cards.csv, line 2, column minute: "160" is out of range (minute up to 150, added time up to 30).',
        id="minute-out-of-range",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Alianza,,10,yellow,barra\n",
        'cards.csv, line 2, column card: a barra can only receive a blue card, not "yellow".',
        id="barra-not-blue",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Cristal,,10,blue,barra\n",
        'cards.csv, line 2, column team: "Cristal" did not play in this match (Alianza against Bolognesi).',
        id="team-not-in-match",
    ),
    pytest.param(
        CARDS_HEADER + "Bolognesi,Alianza,Alianza,,10,blue,barra\n",
        "cards.csv, line 2, column match_home: Bolognesi did not host Alianza in this category.",
        id="no-such-match",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Universitario,Alianza,,10,blue,barra\n",
        'cards.csv, line 2, column match_away: there is no team "Universitario" in category "Sub-12".',
        id="unknown-team",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Alianza,Pedro Gallese,10,yellow,player\n",
        'cards.csv, line 2, column player: Alianza has no player called "Pedro Gallese" (add --create to add one).',
        id="unknown-player",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Alianza,Juan Reynoso,10,blue,coach\n",
        'cards.csv, line 2, column player: Alianza has no coach called "Juan Reynoso" (add --create to add one).',
        id="unknown-coach",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Bolognesi,,10,blue,barra\n",
        "cards.csv, line 2, column recipient: Bolognesi has no barra registered (add --create to register one).",
        id="no-barra",
    ),
    pytest.param(
        CARDS_HEADER + "Alianza,Bolognesi,Alianza,,10,yellow,\n",
        "cards.csv, line 2, column player: the player's name is required for a player's card.",
        id="player-card-without-player",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("text, message", BAD_CARDS)
def test_a_bad_cards_file_is_refused_with_its_line_and_column_and_nothing_is_written(match, tmp_path, text, message):
    path = write(tmp_path, "cards.csv", text)
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        import_cards(path)

    assert str(raised.value) == message
    assert row_counts() == before


@pytest.mark.django_db
def test_a_bad_cards_line_after_create_would_add_people_writes_nothing(match, tmp_path):
    path = write(
        tmp_path,
        "cards.csv",
        CARDS_HEADER + "Alianza,Bolognesi,Bolognesi,Nueva Jugadora,20,blue,\n"
        "Alianza,Bolognesi,Bolognesi,,20,blue,barra\nAlianza,Bolognesi,Alianza,,20,red,barra\n",
    )
    before = row_counts()

    with pytest.raises(CommandError, match=r"^cards.csv, line 4, column card: "):
        import_cards(path, "--create")

    assert row_counts() == before


# --- import_adjustments --------------------------------------------------------------------------------


def import_adjustments(path):
    return run("import_adjustments", path, "--championship", "apertura", "--category", "Sub-12")


@pytest.mark.django_db
def test_adjustments_are_added_once(category, tmp_path):
    path = write(
        tmp_path,
        "adjustments.csv",
        "team,points,reason\nAlianza,-3,Jugador no elegible (fecha 2)\nCristal,+1,Partido ganado en mesa\n",
    )

    first = import_adjustments(path)
    second = import_adjustments(path)

    assert first.strip() == "adjustments.csv: adjustments added: 2, already recorded: 0."
    assert second.strip() == "adjustments.csv: adjustments added: 0, already recorded: 2."
    assert sorted(PointAdjustment.objects.values_list("team__name", "points", "reason")) == [
        ("Alianza", -3, "Jugador no elegible (fecha 2)"),
        ("Cristal", 1, "Partido ganado en mesa"),
    ]


BAD_ADJUSTMENTS = [
    pytest.param(
        "team,points\nAlianza,-3\n",
        "adjustments.csv, line 1, column reason: the column is missing; the first line must name the columns "
        "team, points, reason.",
        id="missing-column",
    ),
    pytest.param(
        "team,points,reason\nAlianza,-3,Sanción\nCristal,0,Nada\n",
        'adjustments.csv, line 3, column points: "0" is not a valid adjustment (a whole number other than 0; '
        "negative deducts points).",
        id="zero",
    ),
    pytest.param(
        "team,points,reason\nAlianza,minus three,Sanción\n",
        'adjustments.csv, line 2, column points: "minus three" is not a valid adjustment (a whole number other '
        "than 0; negative deducts points).",
        id="not-a-number",
    ),
    pytest.param(
        "team,points,reason\nAlianza,-3,\n",
        "adjustments.csv, line 2, column reason: the reason is required.",
        id="no-reason",
    ),
    pytest.param(
        "team,points,reason\nMelgar,-3,Sanción\n",
        'adjustments.csv, line 2, column team: there is no team "Melgar" in category "Sub-12".',
        id="unknown-team",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("text, message", BAD_ADJUSTMENTS)
def test_a_bad_adjustments_file_is_refused_and_nothing_is_written(category, tmp_path, text, message):
    path = write(tmp_path, "adjustments.csv", text)
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        import_adjustments(path)

    assert str(raised.value) == message
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "command, header, options, message",
    [
        (
            "import_cards",
            CARDS_HEADER,
            ["--championship", "clausura", "--category", "Sub-12"],
            'data.csv, option --championship: there is no championship with the slug "clausura".',
        ),
        (
            "import_adjustments",
            "team,points,reason\n",
            ["--championship", "apertura", "--category", "Sub-14"],
            'data.csv, option --category: championship "apertura" has no category named "Sub-14".',
        ),
    ],
)
def test_cards_and_adjustments_refuse_an_unknown_championship_or_category(
    category, tmp_path, command, header, options, message
):
    path = write(tmp_path, "data.csv", header)

    with pytest.raises(CommandError) as raised:
        run(command, path, *options)

    assert str(raised.value) == message


# --- standings -----------------------------------------------------------------------------------------


@pytest.fixture
def played(category, tmp_path):
    """Alianza 2-0 Bolognesi and Cristal 1-1 Alianza, with a two-point deduction for Cristal."""
    results = HEADER + ",1,Alianza,Bolognesi,2,0\n,2,Cristal,Alianza,1,1\n,3,Bolognesi,Cristal,,\n"
    import_results(write(tmp_path, "m.csv", results))
    import_adjustments(write(tmp_path, "a.csv", "team,points,reason\nCristal,-2,Sanción\n"))
    return category


@pytest.mark.django_db
def test_standings_csv_has_the_contract_header_and_one_line_per_team(played):
    output = run("standings", "--championship", "apertura", "--category", "Sub-12")

    assert output == (
        "position,team,played,won,drawn,lost,goals_for,goals_against,goal_difference,points,fair_play_points\n"
        "1,Alianza,2,1,1,0,3,1,2,4,0\n"
        "2,Bolognesi,1,0,0,1,0,2,-2,0,0\n"
        "3,Cristal,1,0,1,0,1,1,0,-1,0\n"
    )


@pytest.mark.django_db
def test_standings_table_is_aligned_for_people(played):
    output = run(
        "standings", "--championship", "apertura", "--category", "Sub-12", "--format", "table", "--as-of-round", "1"
    )

    assert output.splitlines() == [
        "Pos  Team       P  W  D  L  GF  GA  GD  Pts  FP",
        "---  ---------  -  -  -  -  --  --  --  ---  --",
        "  1  Alianza    1  1  0  0   2   0   2    3   0",
        "  2  Bolognesi  1  0  0  1   0   2  -2    0   0",
        "  3  Cristal    0  0  0  0   0   0   0   -2   0",
    ]


@pytest.mark.django_db
def test_standings_of_an_unknown_category_is_refused(played):
    with pytest.raises(CommandError) as raised:
        run("standings", "--championship", "apertura", "--category", "Sub-99")

    assert str(raised.value) == 'Championship "apertura" has no category named "Sub-99".'


@pytest.mark.django_db
def test_imported_cards_count_in_the_fair_play_column(match, tmp_path):
    import_cards(
        write(
            tmp_path,
            "cards.csv",
            CARDS_HEADER
            + "Alianza,Bolognesi,Alianza,,50,blue,barra\n"
            + "Alianza,Bolognesi,Bolognesi,María Rojas,12,yellow,\n",
        )
    )

    output = run("standings", "--championship", "apertura", "--category", "Sub-12")

    fair_play = {line.split(",")[1]: line.split(",")[-1] for line in output.splitlines()[1:]}
    assert fair_play == {
        "Alianza": format_fair_play(YOUTH.blue_barra),
        "Bolognesi": format_fair_play(YOUTH.yellow),
        "Cristal": "0",
    }
    assert fair_play["Alianza"] != "0" and fair_play["Bolognesi"] != "0"


def test_fair_play_points_are_whole_numbers_when_whole():
    assert [format_fair_play(value) for value in (0.0, -0.0, 3.0, -5.0, 2.5)] == ["0", "0", "3", "-5", "2.5"]
