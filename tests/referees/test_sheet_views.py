"""The match sheet's views: who may see and change a sheet (every role), and the rules through HTTP."""

from __future__ import annotations

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from referees import services
from referees.models import MatchSheet, SheetConfirmation, SheetEvent
from tests.factories import SheetWorld

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "referee_not_assigned", "assigned_referee", "coach_other_team", "coach",
         "office_other_organizer", "office"]


@pytest.fixture
def world():
    return SheetWorld(players=3)


def client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world.users()[role])
    return client


def post_change(client, world, **change):
    change.setdefault("id", str(uuid.uuid4()))
    return client.post(
        reverse("referees:sheet_change", args=[world.match.pk]), data=json.dumps(change), content_type="application/json"
    )


def submit(world):
    for team in (world.home, world.away):
        services.sheet_apply(match=world.match, user=world.office, change={
            "id": str(uuid.uuid4()), "type": "lineup.set", "team": team.pk, "player": world.player(team).pk, "present": True})
    services.sheet_apply(match=world.match, user=world.referee_user, change={"id": str(uuid.uuid4()), "type": "submit"})
    return MatchSheet.objects.get(match=world.match)


def assert_refused(response, role):
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["sheet", "sheet_state"])
def test_who_sees_a_sheet(client, world, role, view):
    response = client_for(client, world, role).get(reverse(f"referees:{view}", args=[world.match.pk]))
    if role in ("assigned_referee", "coach", "office"):
        assert response.status_code == 200
        body = response.json()["html"] if view == "sheet_state" else response.content.decode()
        assert "Halcones" in body and "Cóndores" in body
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_who_records_an_event(client, world, role):
    services.sheet_apply(match=world.match, user=world.office, change={
        "id": str(uuid.uuid4()), "type": "lineup.set", "team": world.home.pk, "player": world.player(world.home).pk,
        "present": True})
    response = post_change(client_for(client, world, role), world, type="event.add", kind="goal", team=world.home.pk,
                           player=world.player(world.home).pk, minute=10)
    if role in ("assigned_referee", "office"):
        assert response.status_code == 200
        assert response.json()["ok"] is True
        assert SheetEvent.objects.filter(kind="goal").count() == 1
    else:
        assert_refused(response, role)
        assert not SheetEvent.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_confirms_for_the_home_team(client, world, role):
    response = post_change(client_for(client, world, role), world, type="confirm", team=world.home.pk,
                           decision="confirmed", name="Rosa Huamán")
    if role in ("assigned_referee", "coach", "office"):
        assert response.status_code == 200
        confirmation = SheetConfirmation.objects.get()
        assert (confirmation.team, confirmation.decision) == (world.home, "confirmed")
        assert confirmation.at is not None
    else:
        assert_refused(response, role)
        assert not SheetConfirmation.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_approves_a_submitted_sheet(client, world, role):
    sheet = submit(world)
    response = client_for(client, world, role).post(reverse("referees:sheet_approve", args=[world.match.pk]))
    sheet.refresh_from_db()
    if role == "office":
        assert response.status_code == 302
        assert sheet.status == MatchSheet.Status.APPROVED and sheet.approved_by == world.office
    else:
        assert_refused(response, role)
        assert sheet.status == MatchSheet.Status.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_who_reopens_a_submitted_sheet(client, world, role):
    sheet = submit(world)
    response = client_for(client, world, role).post(
        reverse("referees:sheet_reopen", args=[world.match.pk]), {"reason": "Faltó un gol"}
    )
    sheet.refresh_from_db()
    if role == "office":
        assert response.status_code == 302
        assert sheet.status == MatchSheet.Status.REOPENED
        assert sheet.audit.get().reason == "Faltó un gol"
    else:
        assert_refused(response, role)
        assert sheet.status == MatchSheet.Status.SUBMITTED


def test_reopening_without_a_reason_is_refused_next_to_the_field(client, world):
    sheet = submit(world)
    client.force_login(world.office)
    with translation.override("en"):
        response = client.post(reverse("referees:sheet_reopen", args=[world.match.pk]), {"reason": "  "},
                               HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    sheet.refresh_from_db()
    assert sheet.status == MatchSheet.Status.SUBMITTED and not sheet.audit.exists()


def test_the_referee_cannot_change_a_submitted_sheet(client, world):
    submit(world)
    client.force_login(world.referee_user)
    response = post_change(client, world, type="team.set", team=world.home.pk, field="ritual_after", value=True)
    assert response.status_code == 403
    assert "submitted" in response.json()["error"] or "enviada" in response.json()["error"]


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_referee_home(client, world, role):
    response = client_for(client, world, role).get(reverse("referees:referee_home"))
    if role in ("assigned_referee", "referee_not_assigned"):
        assert response.status_code == 200
    else:
        assert_refused(response, role)


def test_the_referee_home_lists_only_their_matches(client, world):
    other = SheetWorld(players=1)
    client.force_login(world.referee_user)
    body = client.get(reverse("referees:referee_home")).content.decode()
    assert reverse("referees:sheet", args=[world.match.pk]) in body
    assert reverse("referees:sheet", args=[other.match.pk]) not in body


def test_another_office_cannot_reach_a_sheet_by_changing_the_id(client, world):
    other = SheetWorld(players=1)
    client.force_login(other.office)
    assert client.get(reverse("referees:sheet", args=[world.match.pk])).status_code == 403
    assert client.get(reverse("referees:sheet", args=[other.match.pk])).status_code == 200


# --- The rules through HTTP -------------------------------------------------------------------------------------------


def test_a_refused_event_answers_422_with_the_field_and_writes_nothing(client, world):
    client.force_login(world.referee_user)
    post_change(client, world, type="lineup.set", team=world.home.pk, player=world.player(world.home).pk, present=True)
    with translation.override("en"):
        response = post_change(client, world, type="event.add", kind="second_yellow", team=world.home.pk,
                               player=world.player(world.home).pk, minute=20)
    assert response.status_code == 422
    payload = response.json()
    assert "kind" in payload["errors"]
    assert not SheetEvent.objects.exists()
    assert payload["version"] == 1  # only the line-up change was applied


@pytest.mark.parametrize(
    "change, field",
    [
        ({"kind": "goal", "minute": 99}, "minute"),
        ({"kind": "goal", "minute": 30, "added_time": 2}, "added_time"),
        ({"kind": "yellow", "minute": 10, "player_index": 1}, "player"),  # not in the line-up
        ({"kind": "blue", "minute": 10}, "reason"),
        ({"kind": "blue", "minute": 10, "reason": "other"}, "note"),
        ({"kind": "red", "minute": 10, "recipient": "barra"}, "recipient"),
    ],
)
def test_each_rule_refuses_through_the_view(client, world, change, field):
    client.force_login(world.referee_user)
    post_change(client, world, type="lineup.set", team=world.home.pk, player=world.player(world.home).pk, present=True)
    index = change.pop("player_index", 0)
    response = post_change(client, world, type="event.add", team=world.home.pk,
                           player=world.player(world.home, index).pk, **change)
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not SheetEvent.objects.exists()


def test_sending_off_rules_through_the_view(client, world):
    client.force_login(world.referee_user)
    player = world.player(world.home).pk
    post_change(client, world, type="lineup.set", team=world.home.pk, player=player, present=True)
    assert post_change(client, world, type="event.add", kind="red", team=world.home.pk, player=player, minute=30).status_code == 200
    after = post_change(client, world, type="event.add", kind="goal", team=world.home.pk, player=player, minute=40)
    blue = post_change(client, world, type="event.add", kind="blue", team=world.home.pk, player=player, minute=40,
                       reason="calmed_teammate")
    assert (after.status_code, blue.status_code) == (422, 422)
    assert "minute" in after.json()["errors"] and "player" in blue.json()["errors"]
    assert SheetEvent.objects.count() == 1


def test_resending_through_the_view_is_idempotent(client, world):
    client.force_login(world.referee_user)
    change_id = str(uuid.uuid4())
    first = post_change(client, world, id=change_id, type="event.add", kind="foul", team=world.away.pk, half=2)
    again = post_change(client, world, id=change_id, type="event.add", kind="foul", team=world.away.pk, half=2)
    assert (first.json()["duplicate"], again.json()["duplicate"]) == (False, True)
    assert SheetEvent.objects.count() == 1


def test_a_stale_write_to_the_same_field_gets_a_conflict_and_the_current_state(client, world):
    client.force_login(world.referee_user)
    ok = post_change(client, world, type="team.set", team=world.home.pk, field="barra_rating", value=4, base=0)
    stale = post_change(client, world, type="team.set", team=world.home.pk, field="barra_rating", value=2, base=0)
    assert ok.status_code == 200 and stale.status_code == 409
    payload = stale.json()
    assert payload["conflict"] and payload["version"] == 1 and "html" in payload
    assert world.match.sheet.teams.get(team=world.home).barra_rating == 4


def test_a_plain_form_post_works_without_javascript(client, world):
    client.force_login(world.referee_user)
    response = client.post(reverse("referees:sheet_change", args=[world.match.pk]),
                           {"type": "team.set", "team": world.home.pk, "field": "ritual_before", "value": "on"})
    assert response.status_code == 302
    assert world.match.sheet.teams.get(team=world.home).ritual_before is True


def test_a_refused_form_post_shows_the_message_in_the_page(client, world):
    client.force_login(world.referee_user)
    with translation.override("en"):
        response = client.post(reverse("referees:sheet_change", args=[world.match.pk]),
                               {"type": "event.add", "kind": "goal", "team": world.home.pk,
                                "player": world.player(world.home).pk, "minute": "12"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert not SheetEvent.objects.exists()
    assert "line-up" in response.content.decode() or "alineación" in response.content.decode()


def test_submission_updates_the_public_standings(client, world):
    client.force_login(world.referee_user)
    for team in (world.home, world.away):
        post_change(client, world, type="lineup.set", team=team.pk, player=world.player(team).pk, present=True)
    post_change(client, world, type="event.add", kind="goal", team=world.away.pk, player=world.player(world.away).pk, minute=7)
    version = MatchSheet.objects.get(match=world.match).version
    assert post_change(client, world, type="submit", base=version).status_code == 200
    client.logout()
    body = client.get(world.category.get_absolute_url()).content.decode()
    assert "Cóndores" in body
    world.match.refresh_from_db()
    assert (world.match.home_goals, world.match.away_goals) == (0, 1)
