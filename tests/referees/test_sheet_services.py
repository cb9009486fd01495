"""The match sheet's rules through the service layer: each refusal writes nothing."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from fairplay.models import Card, Suspension
from leagues.models import Match
from referees import services
from referees.models import AuditEntry, MatchSheet, SheetChange, SheetEvent, SheetPlayer
from tests.factories import SheetWorld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return SheetWorld()


def apply(world, user=None, **change):
    change.setdefault("id", str(uuid.uuid4()))
    return services.sheet_apply(match=world.match, user=user or world.referee_user, change=change)


def present(world, team, *indexes):
    for index in indexes:
        apply(world, type="lineup.set", team=team.pk, player=world.player(team, index).pk, present=True)


def event(world, kind, team, index=0, minute=10, **extra):
    fields = {"type": "event.add", "kind": kind, "team": team.pk, "minute": minute}
    if index is not None:
        fields["player"] = world.player(team, index).pk
    fields.update(extra)
    return apply(world, **fields)


def refused(world, field, text, **change):
    """Apply `change`, expect a refusal on `field` mentioning `text`, and check nothing was written."""
    before = (SheetEvent.objects.count(), SheetPlayer.objects.count(), SheetChange.objects.count())
    with pytest.raises(ValidationError) as caught:
        apply(world, **change)
    assert field in caught.value.message_dict, caught.value.message_dict
    assert text in " ".join(caught.value.message_dict[field])
    assert (SheetEvent.objects.count(), SheetPlayer.objects.count(), SheetChange.objects.count()) == before


def test_goals_make_the_score_and_submission_updates_the_match(world):
    present(world, world.home, 0, 1)
    present(world, world.away, 0)
    event(world, "goal", world.home, 0, minute=5)
    event(world, "goal", world.home, 1, minute=20)
    event(world, "own_goal", world.home, 0, minute=40)  # a home player's own goal counts for the away team
    sheet = MatchSheet.objects.get(match=world.match)
    assert services.score(sheet) == (2, 1)
    apply(world, type="submit", base=sheet.version)
    world.match.refresh_from_db()
    assert (world.match.status, world.match.home_goals, world.match.away_goals) == (Match.Status.PLAYED, 2, 1)
    assert MatchSheet.objects.get(match=world.match).status == MatchSheet.Status.SUBMITTED


def test_resending_a_change_records_it_once(world):
    present(world, world.home, 0)
    change_id = str(uuid.uuid4())
    first = apply(world, id=change_id, type="event.add", kind="goal", team=world.home.pk, player=world.player(world.home).pk, minute=3)
    again = apply(world, id=change_id, type="event.add", kind="goal", team=world.home.pk, player=world.player(world.home).pk, minute=3)
    assert (first.duplicate, again.duplicate) == (False, True)
    assert SheetEvent.objects.filter(kind="goal").count() == 1


def test_minute_must_fall_inside_the_match(world):
    present(world, world.home, 0)
    refused(world, "minute", "between 1 and 50", type="event.add", kind="goal", team=world.home.pk,
            player=world.player(world.home).pk, minute=51)
    refused(world, "added_time", "end of a half", type="event.add", kind="goal", team=world.home.pk,
            player=world.player(world.home).pk, minute=30, added_time=2)
    refused(world, "added_time", "at most 10", type="event.add", kind="goal", team=world.home.pk,
            player=world.player(world.home).pk, minute=50, added_time=11)
    event(world, "goal", world.home, 0, minute=25, added_time=3)
    assert SheetEvent.objects.get().half == 1


def test_events_only_for_players_in_the_lineup(world):
    present(world, world.home, 0)
    refused(world, "player", "line-up", type="event.add", kind="yellow", team=world.home.pk,
            player=world.player(world.home, 1).pk, minute=10)
    # A player of the other team is not in this team's line-up either.
    present(world, world.away, 0)
    refused(world, "player", "line-up", type="event.add", kind="goal", team=world.home.pk,
            player=world.player(world.away).pk, minute=10)


def test_nobody_off_the_roster_joins_the_lineup(world):
    other = SheetWorld(players=1)
    refused(world, "player", "roster", type="lineup.set", team=world.home.pk, player=other.player(other.home).pk, present=True)


def test_nothing_after_a_sending_off(world):
    present(world, world.home, 0)
    event(world, "red", world.home, 0, minute=30)
    refused(world, "minute", "sent off at 30'", type="event.add", kind="goal", team=world.home.pk,
            player=world.player(world.home).pk, minute=31)
    refused(world, "player", "already sent off", type="event.add", kind="red", team=world.home.pk,
            player=world.player(world.home).pk, minute=35)
    # Before the sending-off is fine: the sheet may be filled after the match.
    event(world, "goal", world.home, 0, minute=12)


def test_a_sending_off_cannot_come_before_a_recorded_event(world):
    present(world, world.home, 0)
    event(world, "goal", world.home, 0, minute=40)
    refused(world, "minute", "cannot come before", type="event.add", kind="red", team=world.home.pk,
            player=world.player(world.home).pk, minute=20)


def test_second_yellow_needs_a_first_and_sends_off(world):
    present(world, world.home, 0)
    refused(world, "kind", "needs a first yellow", type="event.add", kind="second_yellow", team=world.home.pk,
            player=world.player(world.home).pk, minute=20)
    event(world, "yellow", world.home, 0, minute=10)
    refused(world, "kind", "record a second yellow", type="event.add", kind="yellow", team=world.home.pk,
            player=world.player(world.home).pk, minute=20)
    event(world, "second_yellow", world.home, 0, minute=20)
    refused(world, "minute", "sent off at 20'", type="event.add", kind="goal", team=world.home.pk,
            player=world.player(world.home).pk, minute=21)


def test_no_blue_card_for_a_player_already_sent_off(world):
    present(world, world.home, 0)
    event(world, "red", world.home, 0, minute=30)
    refused(world, "player", "blue card cannot go", type="event.add", kind="blue", team=world.home.pk,
            player=world.player(world.home).pk, minute=40, reason="helped_opponent")


def test_blue_cards_to_player_coach_and_barra_need_a_reason(world):
    present(world, world.home, 0)
    refused(world, "reason", "Choose what", type="event.add", kind="blue", team=world.home.pk,
            player=world.player(world.home).pk, minute=5)
    refused(world, "note", "Describe", type="event.add", kind="blue", team=world.home.pk,
            player=world.player(world.home).pk, minute=5, reason="other")
    refused(world, "recipient", "only receive a blue", type="event.add", kind="yellow", team=world.home.pk,
            recipient="barra", minute=5)
    event(world, "blue", world.home, 0, minute=5, reason="helped_opponent")
    event(world, "blue", world.home, None, minute=6, recipient="coach", coach=world.coach[world.home.pk].pk,
          reason="accepted_decision")
    event(world, "blue", world.away, None, minute=7, recipient="barra", reason="barra_encouragement")
    sheet = MatchSheet.objects.get(match=world.match)
    present(world, world.away, 0)
    apply(world, type="submit", base=sheet.version + 1)
    cards = Card.objects.filter(match=world.match, colour="blue")
    assert sorted(cards.values_list("recipient", flat=True)) == ["barra", "coach", "player"]
    assert set(cards.values_list("reason_code", flat=True)) == {"helped_opponent", "accepted_decision", "barra_encouragement"}


def test_undo_the_last_event(world):
    present(world, world.home, 0)
    added = str(uuid.uuid4())
    apply(world, id=added, type="event.add", kind="goal", team=world.home.pk, player=world.player(world.home).pk, minute=8)
    apply(world, type="event.undo", event=added)
    sheet = MatchSheet.objects.get(match=world.match)
    assert services.score(sheet) == (0, 0)
    assert SheetEvent.objects.get().undone_at is not None


def test_fouls_are_a_tally_per_team_and_half(world):
    for half in (1, 1, 2):
        apply(world, type="event.add", kind="foul", team=world.away.pk, half=half)
    assert SheetEvent.objects.filter(kind="foul", team=world.away, half=1).count() == 2


def test_a_suspended_player_is_refused_unless_the_office_overrides(world):
    suspended = world.player(world.home, 2)
    previous = Match.objects.create(category=world.category, round=0, home=world.home, away=world.away,
                                    date=world.match.date.replace(day=14), status="played", home_goals=0, away_goals=0)
    Suspension.objects.create(team=world.home, player=suspended, cause="red", origin_match=previous, matches=1)
    refused(world, "player", "suspended", type="lineup.set", team=world.home.pk, player=suspended.pk, present=True)
    with pytest.raises(PermissionDenied):
        apply(world, type="lineup.set", team=world.home.pk, player=suspended.pk, present=True, override="por favor")
    apply(world, user=world.office, type="lineup.set", team=world.home.pk, player=suspended.pk, present=True,
          override="Apelación aceptada")
    assert SheetPlayer.objects.get(player=suspended).override_reason == "Apelación aceptada"


def test_a_red_card_suspends_for_the_next_match(world):
    present(world, world.home, 0)
    present(world, world.away, 0)
    event(world, "red", world.home, 0, minute=30)
    sheet = MatchSheet.objects.get(match=world.match)
    apply(world, type="submit", base=sheet.version)
    nxt = Match.objects.create(category=world.category, round=2, home=world.away, away=world.home,
                               date=world.match.date.replace(day=28))
    from fairplay.services import suspended_players
    assert set(suspended_players(team=world.home, match=nxt)) == {world.player(world.home).pk}


def test_conflicting_changes_to_one_field(world):
    sheet = services.sheet_open(match=world.match)
    base = sheet.version
    apply(world, type="team.set", team=world.home.pk, field="ritual_before", value=True, base=base)
    with pytest.raises(services.SheetConflict):
        apply(world, type="team.set", team=world.home.pk, field="ritual_before", value=False, base=base)
    # Another field is not a conflict.
    apply(world, type="team.set", team=world.away.pk, field="ritual_before", value=True, base=base)


def test_submitted_sheet_is_locked_for_the_referee_and_audited_when_reopened(world):
    present(world, world.home, 0)
    present(world, world.away, 0)
    apply(world, type="submit")
    with pytest.raises(PermissionDenied):
        event(world, "goal", world.home, 0, minute=3)
    sheet = MatchSheet.objects.get(match=world.match)
    with pytest.raises(ValidationError):
        services.sheet_reopen(sheet=sheet, user=world.office, reason=" ")
    services.sheet_reopen(sheet=sheet, user=world.office, reason="Gol no anotado")
    apply(world, user=world.office, type="event.add", kind="goal", team=world.home.pk, player=world.player(world.home).pk, minute=3)
    apply(world, user=world.office, type="submit")
    world.match.refresh_from_db()
    assert world.match.home_goals == 1
    actions = list(AuditEntry.objects.values_list("action", "reason"))
    assert ("Event added", "Gol no anotado") in actions
    assert actions[0][0] == "Reopened" and actions[-1][0] == "Submitted again"


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_no_sheet_for_a_match_that_is_not_played(world, status):
    Match.objects.filter(pk=world.match.pk).update(status=status)
    world.match.refresh_from_db()
    refused(world, "__all__", "cannot be filled", type="event.add", kind="foul", team=world.home.pk, half=1)


def test_barra_incidents_are_counted_on_the_sheet_within_bounds(world):
    apply(world, type="team.set", team=world.home.pk, field="barra_incidents", value="2")
    assert world.match.sheet.teams.get(team=world.home).barra_incidents == 2
    for value in ("31", "-1"):
        with pytest.raises(ValidationError, match="0 to 30"):
            apply(world, type="team.set", team=world.home.pk, field="barra_incidents", value=value)
    assert world.match.sheet.teams.get(team=world.home).barra_incidents == 2


def test_submission_carries_each_teams_conduct_into_fair_play_and_keeps_the_office_ratings(world):
    from fairplay.models import MatchConduct

    present(world, world.home, 0)
    present(world, world.away, 0)
    for _ in range(3):
        apply(world, type="event.add", kind="foul", team=world.home.pk, half=1)
    undone = apply(world, type="event.add", kind="foul", team=world.away.pk, half=2)
    apply(world, type="event.undo", event=str(SheetChange.objects.get(version=undone.sheet.version).client_id))
    apply(world, type="team.set", team=world.home.pk, field="ritual_before", value="1")
    apply(world, type="team.set", team=world.away.pk, field="barra_rating", value="5")
    apply(world, type="team.set", team=world.away.pk, field="barra_incidents", value="1")
    apply(world, type="submit")

    conduct = {row.team_id: row for row in MatchConduct.objects.filter(match=world.match)}
    home, away = conduct[world.home.pk], conduct[world.away.pk]
    assert (home.fouls, home.ritual_before, home.ritual_after, home.barra_rating) == (3, True, False, None)
    assert (away.fouls, away.barra_rating, away.barra_incidents) == (0, 5, 1)

    # The office rates the match UEFA-style, then reopens and amends the sheet: the ratings stay.
    MatchConduct.objects.filter(pk=home.pk).update(positive_play=8)
    sheet = services.sheet_reopen(sheet=world.match.sheet, user=world.office, reason="Foul count corrected")
    apply(world, user=world.office, type="event.add", kind="foul", team=world.home.pk, half=2)
    apply(world, user=world.office, type="submit")
    home.refresh_from_db()
    assert (home.fouls, home.positive_play) == (4, 8)
    assert sheet.pk == world.match.sheet.pk
