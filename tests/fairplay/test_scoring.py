import random

import pytest

from fairplay.loaders import card_counts
from fairplay.scoring import FIFA, YOUTH, CardCounts, CardEvent, count_cards, match_scores
from tests.factories import make_card, make_coach, make_match, make_roster_entry


@pytest.mark.parametrize(
    ("colours", "expected"),
    [
        (["yellow"], -1),
        (["yellow", "second_yellow"], -3),
        (["red"], -4),
        (["yellow", "red"], -5),
        (["blue"], 0),
    ],
    ids=["yellow", "second-yellow", "direct-red", "yellow-then-red", "blue-is-no-sanction"],
)
def test_fifa_conduct_points_give_one_deduction_per_player_and_match(colours, expected):
    events = [CardEvent("m", "t", "player", "p1", colour) for colour in colours]
    assert match_scores(events, FIFA).get(("m", "t"), 0) == expected


def test_two_players_with_yellows_are_two_deductions():
    events = [CardEvent("m", "t", "player", "p1", "yellow"), CardEvent("m", "t", "player", "p2", "yellow")]
    assert match_scores(events, FIFA) == {("m", "t"): -2}


def test_youth_scheme_rewards_blue_cards_by_recipient():
    events = [
        CardEvent("m", "t", "player", "p1", "blue"),
        CardEvent("m", "t", "coach", "c1", "blue"),
        CardEvent("m", "t", "barra", None, "blue"),
        CardEvent("m", "t", "player", "p2", "yellow"),
        CardEvent("m", "u", "player", "p3", "blue"),
    ]
    assert match_scores(events, YOUTH) == {("m", "t"): 2 + 2 + 3 - 1, ("m", "u"): 2}
    assert match_scores(events, FIFA) == {("m", "t"): -1, ("m", "u"): 0}


def test_fifa_2018_group_h_conduct_points():
    """Japan -4 and Senegal -6 after the group stage (FIFA's published totals), as single yellows over three matches."""
    japan = [CardEvent(m, "JPN", "player", p, "yellow") for m, p in [(1, "a"), (2, "b"), (3, "c"), (3, "d")]]
    senegal = [
        CardEvent(m, "SEN", "player", p, "yellow") for m, p in [(1, "e"), (1, "f"), (2, "g"), (2, "h"), (3, "i"), (3, "j")]
    ]
    scores = match_scores(japan + senegal, FIFA)
    assert sum(v for (m, team), v in scores.items() if team == "JPN") == -4
    assert sum(v for (m, team), v in scores.items() if team == "SEN") == -6


@pytest.mark.django_db
def test_database_counts_equal_the_python_counts_on_random_cards():
    """The loader's SQL and `count_cards` must count the same cards the same way."""
    rng = random.Random(7)
    match = make_match(home_goals=1, away_goals=1)
    people = {
        team.pk: [make_roster_entry(team=team).player for _ in range(4)] for team in (match.home, match.away)
    }
    coaches = {team.pk: make_coach(organizer=team.category.championship.organizer) for team in (match.home, match.away)}
    events = []
    for _ in range(60):
        team = rng.choice([match.home, match.away])
        recipient = rng.choice(["player", "player", "coach", "barra"])
        colour = "blue" if recipient == "barra" else rng.choice(["blue", "yellow", "second_yellow", "red"])
        player = rng.choice(people[team.pk]) if recipient == "player" else None
        coach = coaches[team.pk] if recipient == "coach" and rng.random() < 0.7 else None
        make_card(match=match, team=team, recipient=recipient, player=player, coach=coach, colour=colour)
        events.append(CardEvent(match.pk, team.pk, recipient, (player or coach).pk if (player or coach) else None, colour))

    from_database = card_counts([match.category_id])
    from_python = count_cards(events)

    assert from_database == from_python
    assert sum(sum(c) for c in from_database.values()) > 0


@pytest.mark.django_db
def test_database_counts_ignore_unplayed_matches_and_honour_as_of_round():
    played = make_match(home_goals=0, away_goals=0, round=1)
    later = make_match(category=played.category, home=played.away, away=played.home, round=2, home_goals=2, away_goals=0)
    unplayed = make_match(category=played.category, home=played.home, away=played.away, round=3)
    for match in (played, later, unplayed):
        make_card(match=match, team=match.home, recipient="barra", colour="blue")

    assert set(card_counts([played.category_id])) == {(played.pk, played.home_id), (later.pk, later.home_id)}
    assert card_counts([played.category_id], as_of_round=1) == {(played.pk, played.home_id): CardCounts(blue_barra=1)}
