"""The fair-play engine: each preset table-driven, its properties, and the loader against the engine's own count."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairplay import loaders
from fairplay.models import MatchConduct
from fairplay.scoring import (
    FIFA,
    UEFA,
    YOUTH,
    CardEvent,
    Scheme,
    TeamMatch,
    breakdown,
    copa_table,
    points,
    sports_bonus,
    tally,
    team_totals,
)
from tests.factories import make_card, make_coach, make_match, make_roster_entry


def cards(*colours, person="p1", recipient="player"):
    return [CardEvent("m", "t", recipient, person, colour) for colour in colours]


def one(events) -> TeamMatch:
    return tally(events).get(("m", "t"), TeamMatch("m", "t"))


# --- FIFA ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colours", "expected"),
    [
        (["yellow"], -1),
        (["yellow", "second_yellow"], -3),
        (["red"], -4),
        (["yellow", "red"], -5),
        (["yellow", "second_yellow", "red"], -5),  # one deduction per person: the worst
        (["blue"], 0),
    ],
    ids=["yellow", "second-yellow", "direct-red", "yellow-then-red", "everything", "blue-is-no-sanction"],
)
def test_fifa_conduct_points_give_one_deduction_per_player_and_match(colours, expected):
    assert breakdown(one(cards(*colours)), FIFA).points == expected


def test_two_players_with_a_yellow_each_are_two_deductions():
    events = cards("yellow", person="p1") + cards("yellow", person="p2")
    score = breakdown(one(events), FIFA)
    assert score.points == -2
    assert [(line.code, line.count, line.each) for line in score.lines] == [("fifa_yellow", 2, -1)]


def test_fifa_counts_team_officials_and_ignores_blue_cards_ritual_and_fouls():
    tm = one(cards("red", person="c1", recipient="coach") + cards("blue", "blue"))._replace(
        fouls=12, ritual_before=True, barra_rating=5
    )
    assert breakdown(tm, FIFA).points == -4


def test_fifa_2018_group_h_conduct_points():
    """Japan -4 and Senegal -6 after the group stage (FIFA's published totals), as single yellows over three matches."""
    japan = [CardEvent(m, "JPN", "player", p, "yellow") for m, p in [(1, "a"), (2, "b"), (3, "c"), (3, "d")]]
    senegal = [
        CardEvent(m, "SEN", "player", p, "yellow") for m, p in [(1, "e"), (1, "f"), (2, "g"), (2, "h"), (3, "i"), (3, "j")]
    ]
    totals = team_totals(tally(japan + senegal).values(), FIFA)
    assert (totals["JPN"].points, totals["SEN"].points) == (-4, -6)
    assert [row.total.team for row in copa_table(totals.values())] == ["JPN", "SEN"]


# --- Youth --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tm", "expected"),
    [
        (TeamMatch("m", "t", blue_player=2), 4),
        (TeamMatch("m", "t", blue_coach=1), 2),
        (TeamMatch("m", "t", blue_barra=1), 3),
        (TeamMatch("m", "t", ritual_before=True, ritual_after=False), 1),
        (TeamMatch("m", "t", ritual_before=True, ritual_after=True), 2),
        (TeamMatch("m", "t", barra_rating=5), 2),
        (TeamMatch("m", "t", barra_rating=3), 0),
        (TeamMatch("m", "t", barra_rating=1), -2),
        (TeamMatch("m", "t", fouls=7), -1.4),
        (TeamMatch("m", "t", yellow=1, second_yellow=1), -3),
        (TeamMatch("m", "t", red=1), -4),
        (TeamMatch("m", "t", coach_yellow=1, coach_red=1), -7),
        (TeamMatch("m", "t", barra_incidents=2), -6),
        (TeamMatch("m", "t", blue_player=1, ritual_before=True, ritual_after=True, fouls=10, yellow=1), 1),
    ],
)
def test_youth_weights(tm, expected):
    score = breakdown(tm, YOUTH)
    assert score.points == expected
    assert points(tm, YOUTH) == (expected, None)


def test_a_match_with_no_sheet_counts_its_cards_only():
    tm = TeamMatch("m", "t", blue_player=1)  # imported result: no fouls, ritual or barra recorded
    assert [line.code for line in breakdown(tm, YOUTH).lines] == ["blue_player"]


def test_the_office_can_change_a_weight():
    tm = TeamMatch("m", "t", blue_barra=2, fouls=10)
    assert breakdown(tm, Scheme(blue_barra=5, foul=0)).points == 10


# --- UEFA ---------------------------------------------------------------------------------------------------------


def test_uefa_ratio_of_points_earned_to_the_most_possible():
    rated = TeamMatch(
        "m1", "t", booked=1, yellow=1, positive_play=8, respect_opponent=4, respect_referee=5, officials_behaviour=4,
        barra_rating=4,  # no spectators' rating: the barra's behaviour on the sheet stands in
    )
    score = breakdown(rated, UEFA)
    assert (score.points, score.maximum) == (9 + 8 + 4 + 5 + 4 + 4, 40)
    unrated = TeamMatch("m2", "t", sent_off_second=1, second_yellow=1, yellow=1)  # cards only: out of 10
    assert points(unrated, UEFA) == (7, 10)
    total = team_totals([rated, unrated], UEFA)["t"]
    assert (total.points, total.maximum, total.average) == (41, 50, 8.2)


def test_uefa_cards_never_go_below_zero():
    assert points(TeamMatch("m", "t", sent_off_red=4), UEFA) == (0, 10)


# --- Teams, the Copa, the sports points -----------------------------------------------------------------------------


def test_the_copa_ranks_by_points_per_match_and_level_teams_share_a_position():
    matches = [
        TeamMatch(1, "A", blue_player=2), TeamMatch(2, "A", blue_player=0),  # 4 in 2 matches: 2 a match
        TeamMatch(1, "B", blue_player=1),  # 2 in 1 match: 2 a match, less in all
        TeamMatch(3, "C", blue_player=1, yellow=1), TeamMatch(4, "C", blue_player=1, yellow=1),
        TeamMatch(3, "D", blue_player=1, yellow=1), TeamMatch(4, "D", blue_player=1, yellow=1),
    ]
    rows = copa_table(team_totals(matches, YOUTH, teams=["A", "B", "C", "D", "E"]).values())
    assert [(row.position, row.total.team) for row in rows] == [(1, "A"), (2, "B"), (3, "C"), (3, "D"), (5, "E")]


def test_points_mode_adds_the_weighted_fair_play_to_the_sports_points():
    total = team_totals([TeamMatch(1, "A", blue_player=2, yellow=1)], YOUTH)["A"]  # 3 fair-play points
    assert sports_bonus(total, Scheme(mode="points", weight=0.5)) == 2  # 1.5 rounds to 2
    assert sports_bonus(total, Scheme(mode="tiebreaker")) == 0


# --- Properties ---------------------------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=6)
maybe_rating = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
team_match = st.builds(
    TeamMatch, st.just("m"), st.just("t"), counts, counts, counts, counts, counts, counts, counts, counts,
    counts, counts, counts, counts, st.one_of(st.none(), st.integers(0, 30)), st.one_of(st.none(), st.booleans()),
    st.one_of(st.none(), st.booleans()), maybe_rating, st.one_of(st.none(), counts),
    st.one_of(st.none(), st.integers(1, 10)), maybe_rating, maybe_rating, maybe_rating, maybe_rating,
)
schemes = st.sampled_from([YOUTH, FIFA, UEFA, Scheme(foul=-0.3, barra_rating=0.5, blue_barra=2.5)])


@settings(max_examples=300, deadline=None)
@given(team_match, schemes)
def test_a_breakdown_always_sums_to_its_total_and_to_the_fast_sum(tm, scheme):
    score = breakdown(tm, scheme)
    assert score.points == round(sum(line.points for line in score.lines), 2)
    assert points(tm, scheme) == (score.points, score.maximum)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p1", "p2", "c1", None]), st.sampled_from(["yellow", "second_yellow", "red", "blue"])), max_size=8), schemes, st.sampled_from(["player", "coach"]))
def test_one_more_blue_card_never_lowers_a_score_and_one_more_red_never_raises_it(events, scheme, recipient):
    def score(extra):
        made = [CardEvent("m", "t", "coach" if p in ("c1", None) else "player", p, c) for p, c in events]
        return points(one(made + extra), scheme)[0]

    base = score([])
    assert score([CardEvent("m", "t", recipient, "p9" if recipient == "player" else "c9", "blue")]) >= base
    assert score([CardEvent("m", "t", "barra", None, "blue")]) >= base
    for person in ("p1", "p2", "p9"):
        assert score([CardEvent("m", "t", "player", person, "red")]) <= base


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(team_match, st.sampled_from("ABC"), st.integers(0, 8)).map(
    lambda made: made[0]._replace(team=made[1], match=made[2])), max_size=20), schemes, st.randoms())
def test_the_table_does_not_depend_on_the_order_of_events(matches, scheme, rng):
    shuffled = list(matches)
    rng.shuffle(shuffled)
    def table(rows):
        return [(r.position, r.total.team, r.total.points, r.total.average) for r in
                copa_table(team_totals(rows, scheme, teams="ABC").values())]
    assert table(matches) == table(shuffled)


# --- The loader ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_loader_counts_cards_as_the_engine_does_on_random_cards():
    rng = random.Random(7)
    match = make_match(home_goals=1, away_goals=1)
    people = {team.pk: [make_roster_entry(team=team).player for _ in range(4)] for team in (match.home, match.away)}
    coaches = {team.pk: make_coach(organizer=team.category.championship.organizer) for team in (match.home, match.away)}
    events = []
    for _ in range(80):
        team = rng.choice([match.home, match.away])
        recipient = rng.choice(["player", "player", "coach", "barra"])
        colour = "blue" if recipient == "barra" else rng.choice(["blue", "yellow", "second_yellow", "red"])
        player = rng.choice(people[team.pk]) if recipient == "player" else None
        coach = coaches[team.pk] if recipient == "coach" and rng.random() < 0.7 else None
        make_card(match=match, team=team, recipient=recipient, player=player, coach=coach, colour=colour)
        events.append(CardEvent(match.pk, team.pk, recipient, (player or coach).pk if (player or coach) else None, colour))

    loaded = {(tm.match, tm.team): tm for tm in loaders.team_matches([match.category_id])[match.category_id]}
    expected = tally(events)
    assert set(loaded) == set(expected)
    assert all(loaded[key] == expected[key] for key in expected)
    assert sum(expected[key].booked + expected[key].sent_off_second for key in expected) > 0


@pytest.mark.django_db
def test_the_loader_brings_the_sheet_conduct_and_leaves_out_matches_not_played(django_assert_num_queries):
    played = make_match(home_goals=0, away_goals=0, round=1)
    later = make_match(category=played.category, home=played.away, away=played.home, round=2, home_goals=2, away_goals=0)
    unplayed = make_match(category=played.category, home=played.home, away=played.away, round=3)
    for match in (played, later, unplayed):
        make_card(match=match, team=match.home, recipient="barra", colour="blue")
    MatchConduct.objects.create(match=played, team=played.home, fouls=4, ritual_before=True, ritual_after=False,
                                barra_rating=5, barra_incidents=1)

    with django_assert_num_queries(2):
        found = loaders.team_matches([played.category_id])[played.category_id]
    assert {(tm.match, tm.team) for tm in found} == {
        (played.pk, played.home_id), (played.pk, played.away_id), (later.pk, later.home_id), (later.pk, later.away_id)}
    home = next(tm for tm in found if (tm.match, tm.team) == (played.pk, played.home_id))
    assert (home.blue_barra, home.fouls, home.ritual_before, home.ritual_after, home.barra_rating, home.barra_incidents) == (
        1, 4, True, False, 5, 1)
    assert all(type(value) in (int, bool) for value in home[2:] if value is not None)  # not numeric on PostgreSQL
    assert points(home, YOUTH) == (3 + 1 - 0.8 + 2 - 3, None)
    away = next(tm for tm in found if (tm.match, tm.team) == (played.pk, played.away_id))
    assert away == TeamMatch(played.pk, played.away_id)
    assert {tm.match for tm in loaders.team_matches([played.category_id], as_of_round=1)[played.category_id]} == {
        played.pk}


def test_people_add_up_across_their_teams_and_an_unnamed_coaching_staff_stays_with_its_team():
    from fairplay.scoring import person_totals

    totals = person_totals([
        ("player", 7, "A", 2), ("coach", 3, "A", 1), ("coach", 3, "B", 2),  # one coach of two teams
        ("coach", None, "A", 1), ("coach", None, "B", 1),  # two teams' unnamed staff: two entries
    ])
    assert [(t.recipient, t.person, t.teams, t.blue_cards) for t in totals] == [
        ("coach", 3, ["A", "B"], 3), ("player", 7, ["A"], 2), ("coach", None, ["A"], 1), ("coach", None, ["B"], 1)]


def test_a_barras_season_adds_its_blue_cards_incidents_and_rated_matches_only():
    from fairplay.scoring import barra_totals

    totals = barra_totals([
        TeamMatch(1, "A", blue_barra=1, barra_rating=5), TeamMatch(2, "A", blue_barra=2, barra_rating=4, barra_incidents=1),
        TeamMatch(3, "A"),  # no sheet: not rated
    ], teams=["A", "B"])
    assert (totals["A"].blue_cards, totals["A"].incidents, totals["A"].average_rating) == (3, 1, 4.5)
    assert totals["B"].average_rating is None
