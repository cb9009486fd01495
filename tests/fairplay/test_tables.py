"""The public fair-play pages: a category's Copa Fair Play, a team's breakdown, the championship's page.

What a parent sees on a phone, with no login: tables in the right order with hand-computed numbers, every point of a
team explained and adding up to the table, nothing of a minor beyond the display name, no delegate's phone.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from html import unescape

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairplay.models import FairPlayScheme, MatchConduct
from leagues.models import Match
from tests.factories import (
    make_barra,
    make_card,
    make_category,
    make_championship,
    make_coach,
    make_match,
    make_organizer,
    make_player,
    make_roster_entry,
    make_team,
)

pytestmark = pytest.mark.django_db

# A child whose private data is distinctive enough that finding any of it on a page can only be a leak.
SECRET_SURNAMES = "Zapatacorta Ñuflo"
SECRET_DOCUMENT = "48213977"
SECRET_BIRTH_DATE = datetime.date(2014, 7, 23)
BIRTH_DATE_SPELLINGS = ("2014-07-23", "23/07/2014", "23/07/14", "07/23/2014", "23.07.2014", "20140723",
                        "23 de julio de 2014", "July 23, 2014", "Jul. 23, 2014")
DELEGATE = "Marleni Gutiérrez"
DELEGATE_PHONE = "944 111 222"


@dataclass
class Cup:
    championship: object
    category: object
    other: object  # a second category
    halcones: object
    pumas: object
    condores: object
    alpacas: object
    vicunas: object
    llamas: object
    matches: dict

    def url(self, name, *args, category=None):
        category = category or self.category
        return reverse(f"fairplay:{name}", args=[self.championship.slug, category.slug, *args])

    @property
    def championship_url(self):
        return reverse("fairplay:championship_fair_play", args=[self.championship.slug])


def conduct(match, team, **fields):
    return MatchConduct.objects.create(match=match, team=team, **fields)


def make_cup(**championship_fields) -> Cup:
    """Two categories. Under the default youth scheme (blue card to a player +2, to a coach +2, to the barra +3,
    ritual +1 before and +1 after, barra +1 per level above acceptable, foul −0.2, yellow −1, second yellow −2,
    red −4, barra incident −3), per match:

    Sub-10  Halcones r1 6.6 (2 blue to players, 7 fouls, both rituals, barra 5), r2 2 (blue barra, a yellow): 8.6 → 4.3
            Pumas    r1 −8 (yellow + second yellow, 10 fouls, ritual before, barra 2, 1 incident), r2 0: −8 → −4
            Cóndores r1 2 (blue coach), r2 −4 (red): −2 → −1
            Alpacas  r1 5 (blue player, ritual both, barra 4), r2 5 (blue player, blue barra): 10 → 5
    Sub-12  Vicuñas  r1 5 (blue player, blue coach, 5 fouls, ritual both), r2 4 (2 blue players): 9 → 4.5
            Llamas   nothing: 0 → 0
    """
    organizer = make_organizer(name="Municipalidad de Florencia de Mora", slug="florencia")
    fields = {"name": "Copa Amistad", "slug": "copa-amistad", "organizer": organizer}
    fields.update(championship_fields)
    championship = make_championship(**fields)
    category = make_category(championship=championship, name="Sub-10", slug="sub-10")
    other = make_category(championship=championship, name="Sub-12", slug="sub-12")
    halcones = make_team(category=category, name="Halcones")
    pumas = make_team(category=category, name="Pumas")
    condores = make_team(category=category, name="Cóndores")
    alpacas = make_team(category=category, name="Alpacas")
    vicunas = make_team(category=other, name="Vicuñas")
    llamas = make_team(category=other, name="Llamas")
    day = datetime.date(2026, 3, 7)
    week = datetime.timedelta(days=7)
    m = {
        "r1a": make_match(category=category, round=1, home=halcones, away=pumas, home_goals=2, away_goals=1, date=day),
        "r1b": make_match(category=category, round=1, home=condores, away=alpacas, home_goals=0, away_goals=0,
                          date=day),
        "r2a": make_match(category=category, round=2, home=halcones, away=condores, home_goals=1, away_goals=1,
                          date=day + week),
        "r2b": make_match(category=category, round=2, home=pumas, away=alpacas, home_goals=0, away_goals=3,
                          date=day + week),
        "r3a": make_match(category=category, round=3, home=alpacas, away=halcones, date=day + 2 * week),  # not played
        "s1": make_match(category=other, round=1, home=vicunas, away=llamas, home_goals=1, away_goals=0, date=day),
        "s2": make_match(category=other, round=2, home=llamas, away=vicunas, home_goals=2, away_goals=2,
                         date=day + week),
    }
    secret = make_player(organizer=organizer, given_names="Eulalia", surnames=SECRET_SURNAMES,
                         birth_date=SECRET_BIRTH_DATE, document_number=SECRET_DOCUMENT)
    make_roster_entry(team=halcones, player=secret, shirt_number=10)
    teodora = make_roster_entry(
        team=vicunas, player=make_player(organizer=organizer, given_names="Teodora", surnames="Paz")).player

    # Halcones
    make_card(match=m["r1a"], team=halcones, player=secret, colour="blue", reason_code="helped_opponent", minute=23)
    make_card(match=m["r1a"], team=halcones, colour="blue", reason_code="admitted_foul", minute=40)
    conduct(m["r1a"], halcones, fouls=7, ritual_before=True, ritual_after=True, barra_rating=5)
    make_card(match=m["r2a"], team=halcones, recipient="barra", colour="blue", reason_code="barra_encouragement",
              minute=55)
    make_card(match=m["r2a"], team=halcones, colour="yellow")
    # Pumas
    booked = make_roster_entry(team=pumas).player
    make_card(match=m["r1a"], team=pumas, player=booked, colour="yellow", minute=20)
    make_card(match=m["r1a"], team=pumas, player=booked, colour="second_yellow", minute=50)
    conduct(m["r1a"], pumas, fouls=10, ritual_before=True, ritual_after=False, barra_rating=2, barra_incidents=1)
    # Cóndores
    coach = make_coach(organizer=organizer, given_names="Marisol", surnames="Villanueva")
    coach.teams.add(condores)
    make_card(match=m["r1b"], team=condores, recipient="coach", coach=coach, colour="blue",
              reason_code="accepted_decision")
    make_card(match=m["r2a"], team=condores, colour="red")
    # Alpacas
    make_card(match=m["r1b"], team=alpacas, colour="blue", reason_code="calmed_teammate")
    conduct(m["r1b"], alpacas, fouls=0, ritual_before=True, ritual_after=True, barra_rating=4)
    make_card(match=m["r2b"], team=alpacas, colour="blue", reason_code="other", reason="Devolvió el balón")
    make_card(match=m["r2b"], team=alpacas, recipient="barra", colour="blue")
    # Vicuñas
    make_card(match=m["s1"], team=vicunas, player=teodora, colour="blue", reason_code="helped_opponent")
    vicunas_coach = make_coach(organizer=organizer, given_names="Julio", surnames="Castro")
    vicunas_coach.teams.add(vicunas)
    make_card(match=m["s1"], team=vicunas, recipient="coach", coach=vicunas_coach, colour="blue")
    conduct(m["s1"], vicunas, fouls=5, ritual_before=True, ritual_after=True)
    make_card(match=m["s2"], team=vicunas, player=teodora, colour="blue", reason_code="calmed_teammate")
    make_card(match=m["s2"], team=vicunas, colour="blue")

    make_barra(team=halcones, name="Los Halconcitos", delegate=DELEGATE, delegate_phone=DELEGATE_PHONE,
               safe_bar_committed_on=datetime.date(2026, 2, 14))
    make_barra(team=pumas, name="La Pumita", delegate="Percy Díaz", delegate_phone="949 000 111")
    return Cup(championship, category, other, halcones, pumas, condores, alpacas, vicunas, llamas, m)


@pytest.fixture
def cup() -> Cup:
    return make_cup()


@pytest.fixture
def en_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def table_rows(html: str, table_class: str = "copa") -> list[list[str]]:
    """The text of each cell of each body row of the first table with `table_class`."""
    table = re.search(rf'<table[^>]*class="[^"]*\b{table_class}\b[^"]*".*?</table>', html, flags=re.S).group(0)
    body = re.search(r"<tbody.*?</tbody>", table, flags=re.S).group(0)
    return [[text_of(cell) for cell in re.findall(r"<td\b.*?</td>", row, flags=re.S)]
            for row in re.findall(r"<tr\b.*?</tr>", body, flags=re.S)]


def number(text: str) -> float:
    return float(text.replace("\u2212", "-").replace(",", ".").replace("+", ""))


# --- A category's Copa Fair Play ------------------------------------------------------------------------------------


def test_category_table_ranks_by_points_per_match_with_hand_computed_numbers(en_client, cup):
    response = en_client.get(cup.url("fair_play"))

    assert response.status_code == 200
    # position, team, per match, points, matches played, blue cards, yellow and red cards
    assert table_rows(response.content.decode()) == [
        ["1", "Alpacas", "5", "10", "2", "3", "0"],
        ["2", "Halcones", "4.3", "8.6", "2", "3", "1"],
        ["3", "Cóndores", "\u22121", "\u22122", "2", "1", "1"],
        ["4", "Pumas", "\u22124", "\u22128", "2", "0", "2"],
    ]
    text = text_of(response.content.decode())
    assert "Youth blue-card scheme" in text
    assert "decides between teams level in the standings" in text  # the default mode: a tie-breaker


def test_category_table_under_a_fifa_scheme_counts_one_deduction_per_person(en_client, cup):
    scheme = FairPlayScheme(championship=cup.championship, preset="fifa", mode="table")
    scheme.apply_preset()
    scheme.save()

    response = en_client.get(cup.url("fair_play"))

    # Pumas' player sent off by a second yellow costs −3 once (not −1 −3); Cóndores' direct red −4.
    assert table_rows(response.content.decode()) == [
        ["1", "Alpacas", "0", "0", "2", "3", "0"],
        ["2", "Halcones", "\u22120.5", "\u22121", "2", "3", "1"],
        ["3", "Pumas", "\u22121.5", "\u22123", "2", "0", "2"],
        ["4", "Cóndores", "\u22122", "\u22124", "2", "1", "1"],
    ]
    text = text_of(response.content.decode())
    assert "FIFA team conduct points" in text
    assert "does not change the standings" in text


def test_every_team_row_opens_its_breakdown(cup, client):
    html = client.get(cup.url("fair_play")).content.decode()

    for team in (cup.halcones, cup.pumas, cup.condores, cup.alpacas):
        assert f'href="{cup.url("fair_play_team", team.pk)}"' in html


def test_category_tabs_lead_to_the_fair_play_table(cup, client):
    fixtures = client.get(reverse("leagues:fixtures", args=[cup.championship.slug, cup.category.slug]))
    assert f'href="{cup.url("fair_play")}"' in fixtures.content.decode()

    html = client.get(cup.url("fair_play")).content.decode()
    assert re.search(r'<a href="[^"]+/fair-play/" aria-current="page">Juego limpio</a>', html)


def test_sorting_by_blue_cards_swaps_only_the_table_for_htmx(cup, client):
    response = client.get(cup.url("fair_play") + "?sort=-blue_cards", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="copa"')
    assert "<html" not in html
    assert [row[1] for row in table_rows(html)][-1] == "Pumas"  # no blue card: last


# --- A team's breakdown ---------------------------------------------------------------------------------------------


def test_breakdown_explains_each_point_in_words(en_client, cup):
    response = en_client.get(cup.url("fair_play_team", cup.halcones.pk))

    assert response.status_code == 200
    text = text_of(response.content.decode())
    for words in (
        "Against Pumas, at home Won 2–1",
        "2 blue cards to players 2 × +2 +4",
        "Ritual of sportsmanship before the match +1",
        "Ritual of sportsmanship after the match +1",
        "Barra's behaviour: exemplary (5) 2 levels above acceptable × +1 +2",
        "7 fouls 7 × \u22120.2 \u22121.4",
        "Match total +6.6",
        "Against Cóndores, at home Drawn 1–1",
        "1 blue card to the barra 1 × +3 +3",
        "1 yellow card to a player 1 × \u22121 \u22121",
        "Match total +2",
        "No match sheet was recorded for this match (fouls, ritual, barra): only its cards count.",
        "The 2 matches below add up to 8.6 points: 8.6 ÷ 2 = 4.3 per match",
    ):
        assert words in text, words
    # The blue cards, with their reasons and who received them.
    assert "23' Eulalia Z. Helped an opponent" in text
    assert "40'" in text and "Admitted a foul or apologised" in text
    assert "55' The barra Respectful encouragement from the barra" in text
    # The scheduled third match scores nothing and is not listed.
    assert "Alpacas" not in text


def test_breakdown_lines_add_up_to_the_total_in_the_table(client, cup):
    for team in (cup.halcones, cup.pumas, cup.condores, cup.alpacas):
        html = client.get(cup.url("fair_play_team", team.pk)).content.decode()
        match_totals = []
        for article in re.findall(r'<article class="panel fp-match".*?</article>', html, flags=re.S):
            points = [number(text_of(p)) for p in re.findall(
                r'<li class="fp-line fp-line--(?:reward|deduction)">.*?<span class="fp-line__points">(.*?)</span>',
                article, flags=re.S)]
            total = number(text_of(re.search(
                r'fp-line--total">.*?<span class="fp-line__points">(.*?)</span>', article, flags=re.S).group(1)))
            assert round(sum(points), 2) == total
            match_totals.append(total)
        season = number(text_of(re.search(r'<dd class="fp-total">(.*?)</dd>', html, flags=re.S).group(1)))
        assert round(sum(match_totals), 2) == season

        table = client.get(cup.url("fair_play")).content.decode()
        row = next(row for row in table_rows(table) if row[1] == team.name)
        assert number(row[3]) == season


def test_breakdown_under_a_uefa_scheme_shows_marks_out_of_a_maximum(en_client, cup):
    scheme = FairPlayScheme(category=cup.category, preset="uefa", mode="table")
    scheme.apply_preset()
    scheme.save()

    text = text_of(en_client.get(cup.url("fair_play_team", cup.halcones.pk)).content.decode())

    # r1: no card 10 of 10, spectators (the barra's 5) 5 of 5; r2: a yellow, 9 of 10. 24 of 25: a mark of 9.6.
    assert "Cards (10 minus the deductions) 10 of 10" in text
    assert "Behaviour of the spectators 5 of 5" in text
    assert "Match total 15 of 15" in text
    assert "Match total 9 of 10" in text
    assert "Mark out of 10 9.6" in text
    table = en_client.get(cup.url("fair_play")).content.decode()
    assert "Mark" in text_of(table)
    assert next(row for row in table_rows(table) if row[1] == "Halcones")[2] == "9.6"


def test_breakdown_is_in_spanish_first_with_decimal_commas(client, cup):
    text = text_of(client.get(cup.url("fair_play_team", cup.halcones.pk)).content.decode())

    assert "Ayudó a un rival" in text  # the blue card's reason, from the manual's list
    assert "Tarjetas azules" in text
    assert "\u22121,4" in text and "+6,6" in text


def test_breakdown_of_a_team_of_another_category_is_not_found(client, cup):
    assert client.get(cup.url("fair_play_team", cup.vicunas.pk)).status_code == 404
    assert client.get(cup.url("fair_play_team", cup.vicunas.pk, category=cup.other)).status_code == 200


# --- The whole championship -----------------------------------------------------------------------------------------


def test_championship_table_ranks_teams_of_all_categories_together(en_client, cup):
    response = en_client.get(cup.championship_url)

    assert response.status_code == 200
    rows = table_rows(response.content.decode())
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("1", "Alpacas Sub-10", "5"),
        ("2", "Vicuñas Sub-12", "4.5"),
        ("3", "Halcones Sub-10", "4.3"),
        ("4", "Llamas Sub-12", "0"),
        ("5", "Cóndores Sub-10", "\u22121"),
        ("6", "Pumas Sub-10", "\u22124"),
    ]
    html = response.content.decode()
    assert f'href="{cup.url("fair_play_team", cup.vicunas.pk, category=cup.other)}"' in html


def test_categories_under_different_schemes_get_a_table_each(en_client, cup):
    scheme = FairPlayScheme(category=cup.other, preset="uefa", mode="table")
    scheme.apply_preset()
    scheme.save()

    html = en_client.get(cup.championship_url).content.decode()

    assert [row[1] for row in table_rows(html)] == ["Alpacas Sub-10", "Halcones Sub-10", "Cóndores Sub-10",
                                                     "Pumas Sub-10"]
    text = text_of(html)
    assert "UEFA-style fair-play assessment" in text
    assert "each scheme has its own table" in text
    assert html.count('<table class="standings copa"') == 2


def test_championship_leaderboards_show_display_names_only(en_client, cup):
    html = en_client.get(cup.championship_url).content.decode()
    leaders = text_of(re.search(r'<section id="leaders".*?</section>', html, flags=re.S).group(0))

    players = leaders.split("Players", 1)[1].split("Coaches", 1)[0]
    assert players.index("Teodora P. Vicuñas · Sub-12 2") < players.index("Eulalia Z. Halcones · Sub-10 1")
    coaches = leaders.split("Coaches", 1)[1].split("Barras", 1)[0]
    assert "Marisol V. Cóndores · Sub-10 1" in coaches
    for secret in (*SECRET_SURNAMES.split(), SECRET_DOCUMENT, *BIRTH_DATE_SPELLINGS):
        for url in (cup.championship_url, cup.url("fair_play"), cup.url("fair_play_team", cup.halcones.pk)):
            assert secret not in en_client.get(url).content.decode(), (secret, url)


def test_championship_leaderboards_narrow_to_one_category(en_client, cup):
    response = en_client.get(cup.championship_url + "?category=sub-12", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="leaders"')
    text = text_of(html)
    assert "Teodora P." in text and "Eulalia" not in text
    assert "in Sub-12" in text


def test_barras_show_blue_cards_rating_and_the_safe_bar(en_client, cup):
    html = en_client.get(cup.championship_url).content.decode()

    rows = table_rows(html, "fp-barras")
    assert rows[0][:3] == ["Los Halconcitos Halcones · Sub-10", "1", "5 (1 match)"]
    assert rows[0][3] == "Safe bar"
    assert rows[1][:3] == ["La Pumita Pumas · Sub-10", "0", "2 (1 match)"]


def test_barra_register_shows_the_delegate_but_never_the_phone(en_client, cup):
    html = en_client.get(cup.championship_url).content.decode()
    register = text_of(re.search(r'<section id="register".*?</section>', html, flags=re.S).group(0))

    assert "Los Halconcitos" in register
    assert f"Delegate: {DELEGATE}" in register
    assert "Committed on 14 Feb 2026" in register
    assert "La Pumita" not in register  # no commitment signed
    for phone in (DELEGATE_PHONE, DELEGATE_PHONE.replace(" ", ""), "949 000 111"):
        assert phone not in html


def test_ritual_compliance_counts_only_matches_with_a_sheet(en_client, cup):
    html = en_client.get(cup.championship_url).content.decode()

    rows = {row[0]: row[1:] for row in table_rows(html, "fp-rituals")}
    assert rows["Pumas Sub-10"] == ["1 of 1 (100%)", "0 of 1 (0%)"]
    assert rows["Halcones Sub-10"] == ["1 of 1 (100%)", "1 of 1 (100%)"]
    assert "Cóndores Sub-10" not in rows  # no sheet recorded


def test_championship_page_is_linked_from_the_championship(cup, client):
    html = client.get(cup.championship.get_absolute_url()).content.decode()
    assert f'href="{cup.championship_url}"' in html


# --- Drafts, queries ------------------------------------------------------------------------------------------------


def test_a_draft_championship_has_no_public_fair_play_pages(client):
    cup = make_cup(status="draft")

    for url in (cup.championship_url, cup.url("fair_play"), cup.url("fair_play_team", cup.halcones.pk)):
        assert client.get(url).status_code == 404


def _season(category, teams: int):
    """A double round robin with blue, yellow and barra cards and a sheet for every home team."""
    clubs = [make_team(category=category) for _ in range(teams)]
    matches = []
    for n, (home, away) in enumerate(itertools.permutations(clubs, 2)):
        match = make_match(category=category, round=n // (teams // 2) + 1, home=home, away=away,
                           home_goals=n % 3, away_goals=1)
        make_card(match=match, team=home, colour="blue")
        make_card(match=match, team=away, colour="yellow" if n % 2 else "blue")
        make_card(match=match, team=home, recipient="barra", colour="blue")
        conduct(match, home, fouls=n % 9, ritual_before=True, ritual_after=n % 2 == 0, barra_rating=4)
        matches.append(match)
    return clubs, matches


def _queries(client, url) -> int:
    client.get(url)  # warm up anything cached per process
    cache.clear()  # but render the page again: a cached page costs no query (leagues/cache.py)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_category_table_runs_the_same_few_queries_whatever_the_size(client):
    championship = make_championship()
    small = make_category(championship=championship)
    _season(small, 4)
    big = make_category(championship=championship)
    big_teams, big_matches = _season(big, 12)
    assert len(big_matches) == 132

    small_url = reverse("fairplay:fair_play", args=[championship.slug, small.slug])
    big_url = reverse("fairplay:fair_play", args=[championship.slug, big.slug])
    assert _queries(client, small_url) == _queries(client, big_url + "?sort=-blue_cards") == 5

    team_url = reverse("fairplay:fair_play_team", args=[championship.slug, small.slug, small.teams.first().pk])
    big_team_url = reverse("fairplay:fair_play_team", args=[championship.slug, big.slug, big_teams[0].pk])
    assert _queries(client, team_url) == _queries(client, big_team_url) == 6


def test_the_championship_page_runs_the_same_queries_whatever_the_size(client):
    small = make_championship()
    _season(make_category(championship=small), 4)
    big = make_championship()
    for _ in range(3):
        _season(make_category(championship=big), 6)

    assert _queries(client, reverse("fairplay:championship_fair_play", args=[small.slug])) == _queries(
        client, reverse("fairplay:championship_fair_play", args=[big.slug])) == 7


def test_matches_not_played_and_walkovers_do_not_count(en_client, cup):
    Match.objects.filter(pk=cup.matches["r2b"].pk).update(
        status=Match.Status.WALKOVER, walkover_winner=cup.alpacas, home_goals=None, away_goals=None)

    rows = table_rows(en_client.get(cup.url("fair_play")).content.decode())

    assert rows[0] == ["1", "Alpacas", "5", "5", "1", "1", "0"]  # the walkover's blue cards are not counted
