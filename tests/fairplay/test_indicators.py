"""Impact indicators: the engine on hand-counted data, the loader's fixed queries, the charts' geometry, who may see
the dashboard, and the CSV holding exactly the page's numbers."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from django.utils import translation
from django.conf import settings as django_settings
from django.urls import reverse

from fairplay import charts
from fairplay.indicator_loaders import load_indicator_data
from fairplay.indicator_views import COLUMNS
from fairplay.indicators import (
    CardTally,
    ConductTally,
    MatchFacts,
    compute,
    display_percent,
    display_rate,
)
from fairplay.models import MatchConduct
from leagues.models import Match
from tests.factories import (
    make_card,
    make_category,
    make_championship,
    make_coach,
    make_match,
    make_organizer,
    make_referee,
    make_team,
    make_user,
)


@pytest.fixture
def client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- The engine on plain data -----------------------------------------------------------------------------------------


def facts(match_id, *, round=1, category=(1, "Sub-10"), gender="boys", championship=(1, "Copa"), season="2026",
          organizer=(1, "La Esperanza")):
    return MatchFacts(match_id, round, category[0], category[1], gender, championship[0], championship[1], season,
                      organizer[0], organizer[1])


def test_rates_are_per_played_match_and_conduct_rates_only_over_matches_with_a_sheet():
    matches = [facts(1), facts(2), facts(3)]
    cards = {
        1: CardTally(blue_player=2, blue_coach=1, yellow=2, second_yellow=1),
        2: CardTally(blue_player=2, blue_barra=2, red=1),
        # match 3: no cards at all
    }
    conduct = {
        1: ConductTally(reports=2, fouls=12, ritual_before=2, ritual_after=1, ritual_both=1, barra_incidents=1),
        2: ConductTally(reports=2, fouls=10, ritual_before=1, ritual_after=2, ritual_both=1, barra_incidents=0),
    }

    total = compute(matches, cards, conduct, group_by="round").total

    assert (total.matches, total.matches_with_conduct, total.team_reports) == (3, 2, 4)
    assert (total.blue_player, total.blue_coach, total.blue_barra, total.blue_total) == (4, 1, 2, 7)
    assert total.blue_player_per_match == pytest.approx(4 / 3)
    assert total.blue_coach_per_match == pytest.approx(1 / 3)
    assert total.blue_barra_per_match == pytest.approx(2 / 3)
    assert total.blue_total_per_match == pytest.approx(7 / 3)
    assert (total.yellow_cards, total.sendings_off) == (3, 2)  # the second yellow is in both
    assert total.yellow_cards_per_match == pytest.approx(1.0)
    assert total.sendings_off_per_match == pytest.approx(2 / 3)
    assert total.fouls_per_match == pytest.approx(22 / 2)  # over the 2 matches with a sheet, not 3
    assert total.barra_incidents_per_match == pytest.approx(0.5)
    assert total.ritual_before_share == pytest.approx(3 / 4)
    assert total.ritual_after_share == pytest.approx(3 / 4)
    assert total.ritual_both_share == pytest.approx(2 / 4)
    assert display_rate(total.blue_player_per_match) == "1.33"
    assert display_percent(total.ritual_both_share) == "50.0"


def test_without_any_match_sheet_conduct_rates_are_no_data_not_zero():
    row = compute([facts(1)], {1: CardTally(blue_player=1)}, {}, group_by="round").total
    assert row.blue_player_per_match == 1.0
    assert row.fouls_per_match is None
    assert row.ritual_before_share is None
    assert row.barra_incidents_per_match is None
    assert display_rate(row.fouls_per_match) is None


def test_trend_across_rounds_is_one_row_per_round_in_order():
    matches = [facts(1, round=2), facts(2, round=1), facts(3, round=2), facts(4, round=10)]
    cards = {1: CardTally(blue_player=3), 2: CardTally(blue_player=1), 3: CardTally(blue_player=1)}
    result = compute(matches, cards, {}, group_by="round")
    assert result.is_trend
    assert [(row.key, row.matches, row.blue_player) for row in result.rows] == [(1, 1, 1), (2, 2, 4), (10, 1, 0)]
    assert [row.blue_player_per_match for row in result.rows] == [1.0, 2.0, 0.0]
    with translation.override("en"):
        assert str(compute(matches, cards, {}, group_by="round").rows[0].label) == "Round 1"


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("gender", [("boys", 2), ("girls", 1), ("mixed", 1)]),
        ("category", [(1, 2), (2, 1), (3, 1)]),
        ("championship", [(10, 3), (20, 1)]),  # 2025 before 2026
        ("season", [("2025", 3), ("2026", 1)]),
        ("organizer", [(100, 3), (200, 1)]),  # by name: "El Porvenir" before "La Esperanza"
    ],
)
def test_groupings_split_the_matches_by_their_dimension(group_by, expected):
    matches = [
        facts(1, category=(1, "Sub-10"), gender="boys", championship=(10, "Copa"), season="2025",
              organizer=(100, "El Porvenir")),
        facts(2, category=(1, "Sub-10"), gender="boys", championship=(10, "Copa"), season="2025",
              organizer=(100, "El Porvenir")),
        facts(3, category=(2, "Sub-12"), gender="girls", championship=(10, "Copa"), season="2025",
              organizer=(100, "El Porvenir")),
        facts(4, category=(3, "Sub-10"), gender="mixed", championship=(20, "Copa"), season="2026",
              organizer=(200, "La Esperanza")),
    ]
    result = compute(matches, {}, {}, group_by=group_by)
    assert [(row.key, row.matches) for row in result.rows] == expected
    assert result.total.matches == 4


def test_labels_name_the_championship_or_district_only_when_the_scope_spans_several():
    one = compute([facts(1, category=(1, "Sub-10"))], {}, {}, group_by="category")
    assert one.rows[0].label == "Sub-10"
    other = facts(2, category=(2, "Sub-12"), championship=(2, "Liga"), organizer=(2, "Florencia"))
    several = compute([facts(1), other], {}, {}, group_by="category")
    assert [row.label for row in several.rows] == ["Sub-10 · Copa 2026", "Sub-12 · Liga 2026"]
    by_championship = compute([facts(1), facts(2, championship=(2, "Liga"), organizer=(2, "Florencia"))], {}, {},
                              group_by="championship")
    assert [row.label for row in by_championship.rows] == ["Copa 2026 · La Esperanza", "Liga 2026 · Florencia"]


def test_cards_and_conduct_of_matches_outside_the_scope_are_ignored():
    result = compute([facts(1)], {1: CardTally(red=1), 9: CardTally(red=5)}, {9: ConductTally(reports=2, fouls=30)},
                     group_by="season")
    assert result.total.red == 1
    assert result.total.matches_with_conduct == 0


def test_an_unknown_grouping_is_refused():
    with pytest.raises(ValueError):
        compute([], {}, {}, group_by="weather")


# --- Charts -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [(0, 1, 0.25), (0.4, 0.4, 0.1), (1, 1, 0.25), (1.33, 1.5, 0.5), (2.5, 3, 1), (7, 8, 2), (11, 15, 5),
     (100, 100, 25)],
)
def test_the_axis_ends_at_a_round_number_in_at_most_four_round_steps(value, top, step):
    assert charts.nice_axis(value) == (pytest.approx(top), pytest.approx(step))


def test_bars_are_as_tall_as_their_value_and_say_it():
    chart = charts.bar_chart(["Round 1", "Round 2"], [charts.Series("All", "blue-all", (1.0, 2.0))])
    low, high = chart.bars
    plot_height = chart.plot_bottom - chart.plot_top
    assert high.height == pytest.approx(plot_height)  # 2.0 is the axis' top
    assert low.height == pytest.approx(plot_height / 2)
    assert (low.text, high.text) == ("1.00", "2.00")
    assert low.y + low.height == pytest.approx(chart.plot_bottom)
    assert [tick.text for tick in chart.ticks] == ["0", "0.5", "1", "1.5", "2"]


def test_values_meeting_at_a_point_are_written_apart_and_a_shared_value_once():
    series = [charts.Series("a", "fouls", (1.0, 0.0)), charts.Series("b", "red", (1.02, 0.0))]
    chart = charts.line_chart(["1", "2"], series)
    a, b = chart.lines
    assert abs(a.points[0].text_y - b.points[0].text_y) >= charts.VALUE_GAP
    assert (a.points[0].text, b.points[0].text) == ("1.00", "1.02")
    assert sorted([a.points[1].text, b.points[1].text]) == ["", "0.00"]


def test_a_group_without_data_gets_a_dash_not_a_bar_and_breaks_the_line():
    series = [charts.Series("Fouls", "fouls", (3.0, None, 4.0, 5.0))]
    bars = charts.bar_chart(["1", "2", "3", "4"], series)
    assert len(bars.bars) == 3 and [mark.text for mark in bars.missing] == ["—"]
    line_chart = charts.line_chart(["1", "2", "3", "4"], series)
    line = line_chart.lines[0]
    assert len(line.points) == 3
    assert [mark.x for mark in line_chart.missing] == [line.points[0].x + charts.POINT_STEP]
    assert len(line.paths) == 1 and line.paths[0].count(",") == 2  # rounds 3–4 joined; round 1 stands alone


def test_shares_are_drawn_against_a_hundred_percent():
    chart = charts.bar_chart(["A"], [charts.Series("Before", "ritual-before", (50.0,))], decimals=1, suffix="%",
                             maximum=100)
    assert chart.bars[0].text == "50.0%"
    assert chart.bars[0].height == pytest.approx((chart.plot_bottom - chart.plot_top) / 2)


def test_long_labels_wrap_to_two_lines_and_keep_their_full_text():
    label = "Sub-10 Mixto · Campeonato Interdistrital de Menores 2026"
    (axis,) = charts.bar_chart([label], [charts.Series("x", "fouls", (1.0,))]).labels
    assert 1 < len(axis.lines) <= 2
    assert axis.full == label


def test_wider_charts_for_more_groups():
    few = charts.bar_chart(list("ab"), [charts.Series("x", "fouls", (1.0, 1.0))])
    many = charts.bar_chart(list("abcdefghij"), [charts.Series("x", "fouls", (1.0,) * 10)])
    assert many.width > few.width


# --- Known data in the database ---------------------------------------------------------------------------------------


def conduct(match, team, **fields):
    return MatchConduct.objects.create(match=match, team=team, **fields)


class World:
    """One office's championship: 3 played matches (rounds 1, 1, 2) with known cards, conduct on 2 of them; a
    scheduled match and a walkover that must not count; another office with a match of its own."""

    def __init__(self):
        self.organizer = make_organizer(name="La Esperanza", slug="la-esperanza")
        self.championship = make_championship(organizer=self.organizer, name="Copa Azul", season="2026")
        self.category = make_category(championship=self.championship, name="Sub-10", gender="boys")
        a, b, c, d = (make_team(category=self.category) for _ in range(4))
        self.m1 = make_match(category=self.category, round=1, home=a, away=b, home_goals=1, away_goals=0)
        self.m2 = make_match(category=self.category, round=1, home=c, away=d, home_goals=2, away_goals=2)
        self.m3 = make_match(category=self.category, round=2, home=a, away=c, home_goals=0, away_goals=3)
        make_match(category=self.category, round=2, home=b, away=d)  # scheduled
        make_match(category=self.category, round=3, home=a, away=d, status=Match.Status.WALKOVER, walkover_winner=a)
        # 4 blue cards to players, 1 to a coach, 2 to barras; 3 yellows, 1 second yellow, 1 red.
        for match, team in ((self.m1, a), (self.m1, b), (self.m2, c), (self.m3, a)):
            make_card(match=match, team=team, colour="blue", reason_code="helped_opponent")
        make_card(match=self.m2, team=d, colour="blue", recipient="coach",
                  coach=make_coach(organizer=self.organizer))
        make_card(match=self.m1, team=b, colour="blue", recipient="barra")
        make_card(match=self.m3, team=c, colour="blue", recipient="barra")
        for match, team in ((self.m1, a), (self.m2, d), (self.m3, c)):
            make_card(match=match, team=team, colour="yellow")
        make_card(match=self.m3, team=c, colour="second_yellow")
        make_card(match=self.m2, team=c, colour="red")
        # Match sheets for m1 and m2 only; m3's result was imported.
        conduct(self.m1, a, fouls=5, ritual_before=True, ritual_after=True, barra_incidents=1)
        conduct(self.m1, b, fouls=7, ritual_before=True, ritual_after=False)
        conduct(self.m2, c, fouls=4, ritual_before=True, ritual_after=True, barra_incidents=2)
        conduct(self.m2, d, fouls=6, ritual_before=None, ritual_after=True)

        self.office = make_user(username="oficina-esperanza")
        self.organizer.staff.add(self.office)

        self.other_organizer = make_organizer(name="El Porvenir", slug="el-porvenir")
        self.other_championship = make_championship(organizer=self.other_organizer, season="2025")
        other_category = make_category(championship=self.other_championship, gender="girls")
        self.other_match = make_match(category=other_category, home_goals=0, away_goals=0)
        make_card(match=self.other_match, colour="blue")
        self.other_office = make_user(username="oficina-porvenir")
        self.other_organizer.staff.add(self.other_office)


@pytest.fixture
def world(db):
    return World()


def load_and_compute(group_by="round", **scope):
    data = load_indicator_data(**scope)
    return compute(data.matches, data.cards, data.conduct, group_by=group_by)


def test_indicators_from_the_database_equal_the_hand_counted_values(world):
    total = load_and_compute(organizer_ids=[world.organizer.pk]).total

    assert total.matches == 3  # the scheduled match and the walkover are left out
    assert display_rate(total.blue_player_per_match) == "1.33"  # 4 / 3
    assert display_rate(total.blue_coach_per_match) == "0.33"  # 1 / 3
    assert display_rate(total.blue_barra_per_match) == "0.67"  # 2 / 3
    assert display_rate(total.blue_total_per_match) == "2.33"  # 7 / 3
    assert (total.yellow_cards, display_rate(total.yellow_cards_per_match)) == (4, "1.33")  # 3 + 1 second
    assert (total.sendings_off, display_rate(total.sendings_off_per_match)) == (2, "0.67")  # 1 red + 1 second
    assert (total.matches_with_conduct, total.fouls, display_rate(total.fouls_per_match)) == (2, 22, "11.00")
    assert (total.barra_incidents, display_rate(total.barra_incidents_per_match)) == (3, "1.50")
    assert total.team_reports == 4
    assert display_percent(total.ritual_before_share) == "75.0"  # 3 of 4 (not recorded counts as not done)
    assert display_percent(total.ritual_after_share) == "75.0"
    assert display_percent(total.ritual_both_share) == "50.0"


def test_the_trend_across_rounds_from_the_database(world):
    rows = load_and_compute(organizer_ids=[world.organizer.pk], championship_id=world.championship.pk).rows
    assert [(row.key, row.matches, row.blue_total, row.matches_with_conduct) for row in rows] == [
        (1, 2, 5, 2),
        (2, 1, 2, 0),
    ]
    assert rows[0].fouls_per_match == 11.0 and rows[1].fouls_per_match is None


def test_grouping_by_organizer_and_season_across_districts(world):
    by_organizer = load_and_compute("organizer", organizer_ids=None)
    assert [(row.label, row.matches, row.blue_player) for row in by_organizer.rows] == [
        ("El Porvenir", 1, 1),
        ("La Esperanza", 3, 4),
    ]
    by_season = load_and_compute("season", organizer_ids=None)
    assert [(row.key, row.matches) for row in by_season.rows] == [("2025", 1), ("2026", 3)]
    by_gender = load_and_compute("gender", organizer_ids=None, gender="girls")
    assert [(row.key, row.matches) for row in by_gender.rows] == [("girls", 1)]


def test_the_loader_makes_the_same_three_queries_for_2_or_20_matches(db, django_assert_num_queries):
    category = make_category()
    organizer_id = category.championship.organizer_id

    def add_matches(count):
        for _ in range(count):
            match = make_match(category=category, home_goals=1, away_goals=1)
            make_card(match=match, colour="blue", recipient="barra")
            conduct(match, match.home, fouls=3, ritual_before=True)

    add_matches(2)
    with django_assert_num_queries(3):
        assert len(load_indicator_data(organizer_ids=[organizer_id]).matches) == 2
    add_matches(18)
    with django_assert_num_queries(3):
        data = load_indicator_data(organizer_ids=[organizer_id])
    assert (len(data.matches), len(data.cards), len(data.conduct)) == (20, 20, 20)


# --- The page: who may see it -----------------------------------------------------------------------------------------

PAGES = ["fairplay:indicators", "fairplay:indicators_csv"]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_the_login_page(client, world, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["coach", "referee", "staff_of_no_office"])
def test_users_of_no_office_are_forbidden(client, world, page, role):
    user = {
        "coach": lambda: make_coach(organizer=world.organizer, user=make_user()).user,
        "referee": lambda: make_referee(organizer=world.organizer).user,
        "staff_of_no_office": lambda: make_user(is_staff=True),
    }[role]()
    client.force_login(user)
    assert client.get(reverse(page)).status_code == 403


def test_the_office_sees_its_indicators(client, world):
    client.force_login(world.office)
    response = client.get(reverse("fairplay:indicators"))
    assert response.status_code == 200
    assert response.context["indicators"].total.matches == 3
    assert response.context["scope"].organizer == world.organizer
    page = response.content.decode()
    assert "Blue cards per match" in page
    assert 'role="img"' in page and "<table" in page and 'scope="row"' in page
    assert "css/indicators.css" in page
    assert "How these are counted" in page


@pytest.mark.parametrize(
    "query",
    [
        lambda w: {"organizer": w.other_organizer.pk},
        lambda w: {"championship": w.other_championship.pk},
        lambda w: {"category": w.other_championship.categories.get().pk},
        lambda w: {"group_by": "weather"},
        lambda w: {"championship": "not-a-number"},
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_another_districts_data_is_never_shown(client, world, page, query):
    client.force_login(world.office)
    assert client.get(reverse(page), query(world)).status_code == 404


def test_each_office_sees_only_its_own_matches(client, world):
    client.force_login(world.other_office)
    response = client.get(reverse("fairplay:indicators"))
    assert response.context["indicators"].total.matches == 1
    assert "Copa Azul" not in response.content.decode()


def test_the_page_makes_as_many_queries_for_many_matches_as_for_few(client, world, django_assert_max_num_queries):
    for round in range(3, 23):
        home, away = make_team(category=world.category), make_team(category=world.category)
        match = make_match(category=world.category, round=round, home=home, away=away, home_goals=1, away_goals=0)
        make_card(match=match, colour="blue", recipient="barra")
        conduct(match, home, fouls=2)
    client.force_login(world.office)
    with django_assert_max_num_queries(10):  # session, user, offices, 3 of the loader, the filters' choices
        response = client.get(reverse("fairplay:indicators"), {"championship": world.championship.pk})
    assert response.context["indicators"].total.matches == 23


def test_an_office_of_several_districts_sees_them_together_or_one_by_one(client, world):
    world.other_organizer.staff.add(world.office)
    client.force_login(world.office)
    together = client.get(reverse("fairplay:indicators"), {"group_by": "organizer"})
    assert [row.matches for row in together.context["indicators"].rows] == [1, 3]
    assert 'name="organizer"' in together.content.decode()
    one = client.get(reverse("fairplay:indicators"), {"organizer": world.organizer.pk})
    assert one.context["indicators"].total.matches == 3


def test_a_superuser_sees_every_district_or_picks_one(client, world):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    everything = client.get(reverse("fairplay:indicators"), {"group_by": "organizer"})
    assert everything.status_code == 200
    assert [row.label for row in everything.context["indicators"].rows] == ["El Porvenir", "La Esperanza"]
    one = client.get(reverse("fairplay:indicators"), {"organizer": world.other_organizer.pk})
    assert one.context["indicators"].total.matches == 1


def test_a_category_of_another_championship_is_dropped_not_emptied(client, world):
    other = make_championship(organizer=world.organizer, season="2025")
    stale = make_category(championship=other)
    client.force_login(world.office)
    response = client.get(reverse("fairplay:indicators"), {"championship": world.championship.pk, "category": stale.pk})
    assert response.context["scope"].category is None
    assert response.context["indicators"].total.matches == 3


def test_a_selection_without_played_matches_says_so(client, world):
    client.force_login(world.office)
    response = client.get(reverse("fairplay:indicators"), {"gender": "girls"})
    assert response.status_code == 200
    assert "No played matches in this selection yet." in response.content.decode()


def test_the_trend_across_rounds_is_drawn_as_a_line_and_categories_as_bars(client, world):
    client.force_login(world.office)
    trend = client.get(reverse("fairplay:indicators"), {"championship": world.championship.pk})
    assert trend.context["scope"].group_by == "round"  # the default within a championship
    assert "<polyline" in trend.content.decode()
    bars = client.get(reverse("fairplay:indicators"), {"group_by": "category"}).content.decode()
    assert "<rect" in bars and "<polyline" not in bars


def test_each_chart_says_what_it_shows_to_a_screen_reader(client, world):
    client.force_login(world.office)
    response = client.get(reverse("fairplay:indicators"), {"group_by": "category"})
    summaries = {section["key"]: section["summary"] for section in response.context["sections"]}
    assert "All: highest 2.33 (Sub-10), lowest 2.33 (Sub-10)" in summaries["blue"]
    assert "Before and after: highest 50.0% (Sub-10)" in summaries["ritual"]
    assert f'aria-label="{summaries["fouls"]}"' in response.content.decode()
    trend = client.get(reverse("fairplay:indicators"), {"group_by": "round"})
    blue = trend.context["sections"][0]["summary"]
    assert "All: from 2.50 (Round 1) to 2.00 (Round 2)" in blue


def test_the_svg_numbers_are_not_localised(client, world):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "es"
    client.force_login(world.office)
    page = client.get(reverse("fairplay:indicators")).content.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'viewBox="0 0 ' in svg
    assert not any("," in value for value in _attribute_values(svg, ("x", "y", "width", "height")))


def _attribute_values(svg, names):
    import re

    return [m.group(2) for m in re.finditer(r'\s(%s)="([^"]*)"' % "|".join(names), svg)]


# --- The CSV equals the page ------------------------------------------------------------------------------------------


class TablesParser(HTMLParser):
    """Every indicator table of the page: its column keys and, per row label, the cells' text."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._row, self._cell, self._in_caption = [], None, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "indicator-table" in attrs.get("class", ""):
            self._table = {"columns": [], "rows": {}}
        elif self._table is None:
            return
        elif tag == "th" and attrs.get("scope") == "col":
            if "data-column" in attrs:
                self._table["columns"].append(attrs["data-column"])
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if self._table is None:
            return
        if tag in ("th", "td") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr":
            if self._row and len(self._row) == len(self._table["columns"]) + 1:
                self._table["rows"][self._row[0]] = dict(zip(self._table["columns"], self._row[1:]))
            self._row = None
        elif tag == "table":
            self.tables.append(self._table)
            self._table = None


@pytest.mark.parametrize("group_by", ["round", "category", "gender", "championship", "season", "organizer"])
def test_the_csv_export_equals_the_page(client, world, group_by):
    make_match(category=make_category(championship=world.championship, gender="girls"), round=3, home_goals=0,
               away_goals=0)
    client.force_login(world.office)
    filters = {"group_by": group_by}

    parser = TablesParser()
    parser.feed(client.get(reverse("fairplay:indicators"), filters).content.decode())
    response = client.get(reverse("fairplay:indicators_csv"), filters)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text[1:])))
    keys = list(COLUMNS)
    assert header[1:] == [str(COLUMNS[key].label) for key in keys]
    exported = {row[0]: dict(zip(keys, row[1:])) for row in rows}

    assert len(parser.tables) == 5
    shown_columns = {key for table in parser.tables for key in table["columns"]}
    assert shown_columns == set(keys)  # every indicator of the CSV is on the page
    for table in parser.tables:
        assert list(table["rows"]) == list(exported)  # the same groups, in the same order, then the total
        for label, cells in table["rows"].items():
            for key, shown in cells.items():
                assert exported[label][key] == ("" if shown == "—" else shown), (table["columns"], label, key)
    assert exported["Total"]["matches"] == "4"
    assert exported["Total"]["blue_player_per_match"] == "1.00"  # 4 blue cards to players over 4 played matches


def test_the_page_links_to_the_csv_of_the_same_filters(client, world):
    client.force_login(world.office)
    response = client.get(reverse("fairplay:indicators"), {"championship": world.championship.pk, "gender": "boys"})
    csv_url = response.context["csv_url"]
    assert csv_url.startswith(reverse("fairplay:indicators_csv"))
    assert f"championship={world.championship.pk}" in csv_url and "gender=boys" in csv_url
    assert csv_url.replace("&", "&amp;") in response.content.decode()
