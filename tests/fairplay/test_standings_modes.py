"""How fair play enters the standings: a separate table, a tie-breaker, or points added with a weight."""

import pytest

from fairplay.models import FairPlayScheme
from leagues.standings import load_category_standings
from tests.factories import make_card, make_category, make_championship, make_match, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def level_teams():
    """Two teams level on everything but fair play: a draw, then the home team earns two blue cards."""
    category = make_category(championship=make_championship(preset="youth"))
    fair, rough = make_team(category=category, name="Aurora"), make_team(category=category, name="Bravo")
    match = make_match(category=category, home=rough, away=fair, home_goals=1, away_goals=1)
    make_card(match=match, team=fair, recipient="barra", colour="blue")
    make_card(match=match, team=fair, recipient="barra", colour="blue")  # 2 × 3 = 6 fair-play points
    return category, fair, rough


def table(category):
    return [(s.team.name, s.row.position, s.row.points, s.row.fair_play) for s in load_category_standings(category)]


def scheme(category, **fields):
    row = FairPlayScheme(championship=category.championship, **fields)
    row.apply_preset()
    row.save()


def test_as_a_tie_breaker_fair_play_puts_the_fairer_team_first(level_teams):
    category, _fair, _rough = level_teams
    scheme(category, mode="tiebreaker")
    assert table(category) == [("Aurora", 1, 1, 6), ("Bravo", 2, 1, 0)]


def test_as_a_separate_table_fair_play_leaves_the_standings_alone(level_teams):
    category, _fair, _rough = level_teams
    scheme(category, mode="table")
    assert [(name, position, points) for name, position, points, _fp in table(category)] == [
        ("Aurora", 1, 1), ("Bravo", 1, 1)]  # still level: they share the position


def test_as_points_the_weighted_fair_play_adds_to_the_sports_points(level_teams):
    category, _fair, _rough = level_teams
    scheme(category, mode="points", weight="0.5")
    assert [(name, points) for name, _position, points, _fp in table(category)] == [("Aurora", 4), ("Bravo", 1)]


def test_a_category_can_play_under_fifa_rules_while_its_championship_plays_youth(level_teams):
    category, _fair, _rough = level_teams
    FairPlayScheme.objects.create(category=category, preset="fifa", mode="tiebreaker", blue_barra=0)
    assert [fp for *_rest, fp in table(category)] == [0, 0]  # FIFA counts no blue card
