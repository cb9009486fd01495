"""Suspensions: the pure engine, table-driven, and suspensions born from submitted sheets."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError

from fairplay import discipline, services
from fairplay.discipline import MatchSlot, PlayerCard
from fairplay.models import Suspension
from leagues.models import Match
from referees import services as sheets
from tests.factories import SheetWorld, make_card, make_match

D = datetime.date


@pytest.mark.parametrize(
    "cards, red, yellows, expected",
    [
        # A direct red: suspended from the match where it was shown.
        ([("p", "m1", "red")], 1, 3, [("p", "m1", "red", 1)]),
        ([("p", "m1", "red")], 2, 3, [("p", "m1", "red", 2)]),
        # A second yellow is a sending-off; its first yellow does not add to the accumulation.
        ([("p", "m1", "yellow"), ("p", "m1", "second_yellow")], 1, 1, [("p", "m1", "red", 1)]),
        # Three yellows in three matches: the third suspends.
        ([("p", "m1", "yellow"), ("p", "m2", "yellow"), ("p", "m3", "yellow")], 1, 3, [("p", "m3", "yellows", 1)]),
        # Six yellows: two accumulation suspensions.
        ([("p", f"m{i}", "yellow") for i in range(1, 7)], 1, 3, [("p", "m3", "yellows", 1), ("p", "m6", "yellows", 1)]),
        # Accumulation off.
        ([("p", f"m{i}", "yellow") for i in range(1, 7)], 1, 0, []),
        # Cards of two players do not add up.
        ([("p", "m1", "yellow"), ("q", "m2", "yellow"), ("p", "m3", "yellow")], 1, 3, []),
        # A red card with the red-card rule off.
        ([("p", "m1", "red")], 0, 3, []),
    ],
)
def test_earned_suspensions(cards, red, yellows, expected):
    earned = discipline.earned_suspensions(
        [PlayerCard(*card) for card in cards], ["m1", "m2", "m3", "m4", "m5", "m6"],
        red_matches=red, yellows_per_suspension=yellows,
    )
    assert [(e.player, e.match, e.cause, e.matches) for e in earned] == expected


SLOTS = [
    MatchSlot("m1", D(2026, 3, 1), 1),
    MatchSlot("m3", D(2026, 3, 15), 3),
    MatchSlot("m2", D(2026, 3, 8), 2, cancelled=True),
    MatchSlot("m4", D(2026, 3, 22), 4),
    MatchSlot("m5", None, 5),  # not yet dated: after the dated ones
]


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"matches": 1, "after_match": "m1"}, ["m3"]),  # the cancelled m2 does not count
        ({"matches": 2, "after_match": "m1"}, ["m3", "m4"]),
        ({"matches": 3, "after_match": "m3"}, ["m4", "m5"]),  # fewer matches left than the suspension
        ({"matches": 1, "starts_on": D(2026, 3, 16)}, ["m4"]),
        ({"matches": 1, "after_match": "unknown"}, []),
    ],
)
def test_covered_matches(kwargs, expected):
    assert discipline.covered_matches(SLOTS, **kwargs) == expected



def _submit(world, events, *, match=None):
    match = match or world.match
    apply = lambda **change: sheets.sheet_apply(  # noqa: E731
        match=match, user=world.office, change={"id": str(uuid.uuid4()), **change}
    )
    for team in (match.home, match.away):
        for player in world.roster[team.pk]:
            apply(type="lineup.set", team=team.pk, player=player.pk, present=True)
    for kind, team, index, minute in events:
        apply(type="event.add", kind=kind, team=team.pk, player=world.player(team, index).pk, minute=minute)
    apply(type="submit")


@pytest.mark.django_db
def test_a_submitted_red_card_suspends_for_the_teams_next_match_and_the_office_can_lift_it(world_with_rounds):
    world, second, third = world_with_rounds
    _submit(world, [("red", world.home, 0, 20)])
    player = world.player(world.home)
    assert set(services.suspended_players(team=world.home, match=second)) == {player.pk}
    assert not services.suspended_players(team=world.home, match=third)
    suspension = Suspension.objects.get(player=player)
    with pytest.raises(ValidationError):
        services.suspension_lift(suspension=suspension, reason="", user=world.office)
    services.suspension_lift(suspension=suspension, reason="Apelación aceptada", user=world.office)
    assert not services.suspended_players(team=world.home, match=second)


@pytest.mark.django_db
def test_amending_a_sheet_removes_a_suspension_no_longer_earned(world_with_rounds):
    world, second, _third = world_with_rounds
    _submit(world, [("red", world.home, 0, 20)])
    sheet = world.match.sheet
    sheets.sheet_reopen(sheet=sheet, user=world.office, reason="La roja fue para otro jugador")
    red = sheet.events.get(kind="red")
    sheets.sheet_apply(match=world.match, user=world.office, change={"id": str(uuid.uuid4()), "type": "event.undo", "event": str(red.client_id)})
    sheets.sheet_apply(match=world.match, user=world.office, change={"id": str(uuid.uuid4()), "type": "submit"})
    assert not Suspension.objects.exists()
    assert not services.suspended_players(team=world.home, match=second)


@pytest.mark.django_db
def test_yellow_cards_add_up_across_matches(world_with_rounds):
    world, second, third = world_with_rounds
    world.category.championship.yellow_cards_for_suspension = 2
    world.category.championship.save()
    player = world.player(world.away, 1)
    make_card(match=make_match(category=world.category, home=world.away, away=world.home, round=0,
                               date=D(2026, 11, 14), home_goals=0, away_goals=0),
              team=world.away, player=player, colour="yellow")
    _submit(world, [("yellow", world.away, 1, 15)])
    assert Suspension.objects.get(player=player).cause == Suspension.Cause.YELLOWS
    assert set(services.suspended_players(team=world.away, match=second)) == {player.pk}


@pytest.mark.django_db
def test_an_office_suspension_needs_a_reason(world_with_rounds):
    world, second, _third = world_with_rounds
    player = world.player(world.home, 2)
    with pytest.raises(ValidationError):
        services.suspension_add(team=world.home, player=player, matches=1, starts_on=second.date, reason=" ", user=world.office)
    services.suspension_add(team=world.home, player=player, matches=1, starts_on=second.date, reason="Agresión verbal",
                            user=world.office)
    assert set(services.suspended_players(team=world.home, match=second)) == {player.pk}
    remaining = services.suspensions_with_remaining(team=world.home)
    assert [(s.player, n) for s, n in remaining] == [(player, 1)]


@pytest.fixture
def world_with_rounds(db):
    world = SheetWorld(players=3)
    second = Match.objects.create(category=world.category, round=2, home=world.away, away=world.home, date=D(2026, 11, 28))
    third = Match.objects.create(category=world.category, round=3, home=world.home, away=world.away, date=D(2026, 12, 5))
    return world, second, third
