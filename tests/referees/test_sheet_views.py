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


# --- Small answers for the tablet's script ----------------------------------------------------------------------------


def post_patch(client, world, **change):
    change.setdefault("id", str(uuid.uuid4()))
    return client.post(
        reverse("referees:sheet_change", args=[world.match.pk]),
        data=json.dumps(change),
        content_type="application/json",
        HTTP_X_SHEET_PATCH="1",
    )


@pytest.fixture
def playing(client, world):
    """The assigned referee's client on a sheet with two players present per team, at version 4."""
    client.force_login(world.referee_user)
    for team in (world.home, world.away):
        for index in (0, 1):
            services.sheet_apply(match=world.match, user=world.referee_user, change={
                "id": str(uuid.uuid4()), "type": "lineup.set", "team": team.pk,
                "player": world.player(team, index).pk, "present": True})
    assert MatchSheet.objects.get(match=world.match).version == 4
    return client


def test_an_event_on_the_version_the_tablet_shows_is_answered_with_what_it_changed(playing, world):
    scorer = world.player(world.away, 1)
    response = post_patch(playing, world, type="event.add", kind="goal", team=world.away.pk, player=scorer.pk,
                          minute=12, base=4)
    assert response.status_code == 200
    answer = response.json()
    assert "html" not in answer and answer["version"] == 5
    patch = answer["patch"]
    event = SheetEvent.objects.get()
    assert patch["event"] == str(event.client_id)
    assert patch["score"] == [0, 1]
    assert f'data-event="{event.client_id}"' in patch["row"] and "#2 " in patch["row"]  # the shirt worn
    assert patch["last"]["event"] == str(event.client_id)
    yellow = post_patch(playing, world, type="event.add", kind="yellow", team=world.home.pk,
                        player=world.player(world.home).pk, minute=20, base=5).json()["patch"]
    assert yellow["last"]["label"] == "Tarjeta amarilla · 20' · #1"  # the page's language: Spanish first
    assert patch["players"] == {str(scorer.pk): {"yellow": False, "off": False}}


def test_a_patch_follows_cards_fouls_and_undos(playing, world):
    player = world.player(world.home)
    changes = [
        {"type": "event.add", "kind": "yellow", "team": world.home.pk, "player": player.pk, "minute": 10},
        {"type": "event.add", "kind": "second_yellow", "team": world.home.pk, "player": player.pk, "minute": 30},
        {"type": "event.add", "kind": "foul", "team": world.away.pk, "half": 2},
    ]
    answers = [post_patch(playing, world, base=4 + n, **change).json() for n, change in enumerate(changes)]
    assert answers[1]["patch"]["players"][str(player.pk)] == {"yellow": True, "off": True}
    foul = SheetEvent.objects.get(kind="foul")
    assert answers[2]["patch"]["row"] == ""  # a foul is a tally, not a timeline row
    assert answers[2]["patch"]["fouls"][f"{world.away.pk}:2"] == {
        "count": 1, "ids": str(foul.client_id), "last": str(foul.client_id)}
    second = SheetEvent.objects.get(kind="second_yellow")
    undone = post_patch(playing, world, type="event.undo", event=str(second.client_id), base=7).json()["patch"]
    assert undone["event"] == str(second.client_id)
    assert "is-undone" in undone["row"] and "ev__undo" not in undone["row"]
    assert undone["players"][str(player.pk)] == {"yellow": True, "off": False}
    assert undone["last"]["event"] == str(SheetEvent.objects.get(kind="yellow").client_id)


def test_the_whole_sheet_comes_back_when_a_patch_would_not_be_exact(playing, world):
    goal = {"type": "event.add", "kind": "goal", "team": world.home.pk, "player": world.player(world.home).pk,
            "minute": 3}
    # Another tablet's change since the version this tablet shows.
    assert "html" in post_patch(playing, world, base=3, **goal).json()
    # A form post, or a script that does not ask for patches.
    assert "html" in post_change(playing, world, base=5, **goal).json()
    # Changes a patch does not draw.
    assert "html" in post_patch(playing, world, base=6, type="team.set", team=world.home.pk, field="ritual_before",
                                value="1").json()


def test_a_resent_event_is_patched_only_while_nothing_came_after_it(playing, world):
    goal = {"id": str(uuid.uuid4()), "type": "event.add", "kind": "goal", "team": world.home.pk,
            "player": world.player(world.home).pk, "minute": 3, "base": 4}
    assert "patch" in post_patch(playing, world, **goal).json()
    again = post_patch(playing, world, **goal).json()  # the answer was lost: the tablet still shows version 4
    assert again["duplicate"] is True and "patch" in again and again["version"] == 5
    post_patch(playing, world, type="event.add", kind="foul", team=world.home.pk, base=5)
    late = post_patch(playing, world, **goal).json()
    assert late["duplicate"] is True and "html" in late and late["version"] == 6
    assert SheetEvent.objects.filter(kind="goal").count() == 1


def test_a_poll_on_the_current_version_costs_no_sheet(playing, world):
    url = reverse("referees:sheet_state", args=[world.match.pk])
    same = playing.get(url, {"known": 4}).json()
    assert same == {"version": 4, "status": "draft", "unchanged": True}
    behind = playing.get(url, {"known": 3}).json()
    assert behind["version"] == 4 and 'data-version="4"' in behind["html"]


def test_a_patch_finds_its_event_whatever_way_the_tablet_wrote_the_id(playing, world):
    change_id = uuid.uuid4()
    answer = post_patch(playing, world, id=change_id.hex.upper(), type="event.add", kind="goal", team=world.home.pk,
                        player=world.player(world.home).pk, minute=3, base=4).json()
    assert answer["patch"]["event"] == str(change_id) and str(change_id) in answer["patch"]["row"]
