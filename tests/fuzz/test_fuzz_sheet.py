"""The tablet's change endpoint under random changes: every answer is 200 (applied), 403, 409 or 422 with an error
body, never a server error; a refused change writes nothing, and the sheet's version moves only when one applies."""

from __future__ import annotations

import json
import uuid

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from fairplay.models import BlueReason, Card, MatchConduct, Suspension
from leagues.models import Match
from referees import services
from referees.models import AuditEntry, MatchSheet, SheetChange, SheetConfirmation, SheetEvent, SheetPlayer, SheetTeam
from tests.factories import SheetWorld
from tests.fuzz import awkward_text, rarely

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
YELLOW_ID = "6f1c2b1e-0000-4000-8000-000000000001"
FOUL_ID = "6f1c2b1e-0000-4000-8000-000000000002"


@pytest.fixture
def world():
    """A sheet in play: three players of each team in the line-up, a yellow card and a foul recorded."""
    world = SheetWorld(players=4)
    apply = lambda **change: services.sheet_apply(match=world.match, user=world.office, change={"id": str(uuid.uuid4()), **change})  # noqa: E731
    for team in (world.home, world.away):
        for index in range(3):
            apply(type="lineup.set", team=team.pk, player=world.player(team, index).pk, present=True)
    apply(id=YELLOW_ID, type="event.add", kind="yellow", team=world.home.pk, player=world.player(world.home).pk, minute=10)
    apply(id=FOUL_ID, type="event.add", kind="foul", team=world.away.pk, half=1)
    return world


def snapshot(match: Match) -> dict:
    """Everything a change can write, as plain values."""
    return {
        "sheet": MatchSheet.objects.filter(match=match).values().first(),
        "events": list(SheetEvent.objects.filter(sheet__match=match).order_by("pk").values()),
        "players": list(SheetPlayer.objects.filter(sheet__match=match).order_by("pk").values()),
        "teams": list(SheetTeam.objects.filter(sheet__match=match).order_by("pk").values()),
        "confirmations": list(SheetConfirmation.objects.filter(sheet__match=match).order_by("pk").values()),
        "audit": AuditEntry.objects.filter(sheet__match=match).count(),
        "changes": SheetChange.objects.filter(sheet__match=match).count(),
        "match": Match.objects.filter(pk=match.pk).values().first(),
        "cards": Card.objects.filter(match=match).count(),
        "conduct": MatchConduct.objects.filter(match=match).count(),
        "suspensions": Suspension.objects.count(),
    }


json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(), awkward_text
)
json_value = st.recursive(json_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


def often(valid):
    """Mostly `valid`, else any JSON value: most changes pass most checks and reach the deeper ones."""
    return rarely(valid, json_value)


def change_strategy(world):
    """A change of every type, mostly well formed, with any field now and then missing or of any type and value."""
    home, away = world.home, world.away
    team_and_player = st.sampled_from([home, away]).flatmap(
        lambda team: st.tuples(st.just(team.pk), st.sampled_from([p.pk for p in world.roster[team.pk]] + [0, 10**12]))
    )
    team = st.sampled_from([home.pk, away.pk, str(home.pk), 0])
    by_type = {
        "lineup.set": {"present": st.booleans(), "shirt_number": st.none() | st.integers(-1, 100),
                       "captain": st.booleans(), "override": st.sampled_from(["", "Permiso de la oficina", "x" * 400])},
        "team.set": {"team": team, "field": st.sampled_from(services.TEAM_FIELDS),
                     "value": st.integers(-1, 31) | st.booleans() | st.text(max_size=20)},
        "sheet.set": {"field": st.just("incidents"), "value": st.text(max_size=40) | st.just("x" * 5001)},
        "event.add": {"kind": st.sampled_from(SheetEvent.Kind.values), "recipient": st.sampled_from(["player", "coach", "barra"]),
                      "minute": st.integers(0, 51), "added_time": st.integers(-1, 11), "half": st.integers(0, 3),
                      "reason": st.sampled_from(BlueReason.values), "note": st.text(max_size=10),
                      "coach": st.sampled_from([world.coach[home.pk].pk, world.coach[away.pk].pk, 10**12])},
        "event.undo": {"event": st.sampled_from([YELLOW_ID, FOUL_ID, str(uuid.uuid4())])},
        "confirm": {"team": team, "decision": st.sampled_from(SheetConfirmation.Decision.values),
                    "name": st.text(max_size=10), "note": st.text(max_size=10)},
        "submit": {},
    }

    def build(kind):
        fields = {name: often(strategy) for name, strategy in by_type[kind].items()}
        fields["base"] = often(st.none() | st.integers(0, 12))
        return st.tuples(
            st.fixed_dictionaries({"id": often(rarely(st.uuids().map(str), st.just(YELLOW_ID))), "type": often(st.just(kind)),
                                   **fields}),
            team_and_player,
            rarely(st.just(set()), st.sets(st.sampled_from(["id", "type", "team", "player", *fields]), max_size=1)),
        ).map(lambda drawn: {key: value for key, value in {"team": drawn[1][0], "player": drawn[1][1], **drawn[0]}.items()
                             if key not in drawn[2]})

    return st.sampled_from(list(by_type)).flatmap(build)


def post(client, match, body: str | bytes, **headers):
    return client.post(
        reverse("referees:sheet_change", args=[match.pk]), data=body, content_type="application/json", **headers
    )


def check_answer(response, before: dict, after: dict, *, record=event) -> None:
    assert response.status_code in (200, 403, 409, 422), response.status_code
    payload = response.json()
    if response.status_code == 200:
        record("applied, duplicate" if payload["duplicate"] else "applied")
        if payload["duplicate"]:
            assert after == before
        else:
            assert after["sheet"]["version"] == before["sheet"]["version"] + 1 == payload["version"]
            assert after["changes"] == before["changes"] + 1
    else:
        record(f"refused {response.status_code} {sorted(payload.get('errors', {}))}")
        assert payload["ok"] is False
        assert payload.get("errors") or payload.get("conflict") or payload.get("error")
        assert after == before, "a refused change wrote something"


ROLES = ["referee_user", "office", "coach"]


@FUZZ
@given(data=st.data(), role=st.sampled_from(ROLES), patch=st.booleans())
def test_random_changes_are_applied_or_refused_cleanly(client, world, data, role, patch):
    user = world.coach_user[world.home.pk] if role == "coach" else getattr(world, role)
    client.force_login(user)
    changes = data.draw(st.lists(change_strategy(world), min_size=1, max_size=2))
    with transaction.atomic():
        for change in changes:
            before = snapshot(world.match)
            # NaN and Infinity too: the tablet's script never sends them, but Python's json reads them.
            response = post(client, world.match, json.dumps(change), **({"HTTP_X_SHEET_PATCH": "1"} if patch else {}))
            check_answer(response, before, snapshot(world.match))
        transaction.set_rollback(True)


@FUZZ
@given(body=st.binary(min_size=1, max_size=200) | json_value.map(lambda value: json.dumps(value).encode()))
@example(body=b"[1, 2]")
@example(body=b'{"id": "6f1c2b1e-0000-4000-8000-000000000009", "type": []}')
@example(body=b'{"id": "6f1c2b1e-0000-4000-8000-000000000009", "type": "team.set", "team": Infinity}')
@example(body=b'{"id": "6f1c2b1e-0000-4000-8000-000000000009", "type": "submit", "base": -Infinity}')
def test_random_bodies_are_refused_cleanly(client, world, body):
    # Not an empty body: the test client then sends no content type, so the view answers a form post's page.
    client.force_login(world.referee_user)
    with transaction.atomic():
        before = snapshot(world.match)
        response = post(client, world.match, body)
        check_answer(response, before, snapshot(world.match))
        transaction.set_rollback(True)


def test_an_override_longer_than_its_column_is_refused_not_a_database_error(client, world):
    client.force_login(world.office)
    extra = world.player(world.home, 3)
    before = snapshot(world.match)
    response = post(client, world.match, json.dumps({
        "id": str(uuid.uuid4()), "type": "lineup.set", "team": world.home.pk, "player": extra.pk, "present": True,
        "override": "x" * 301,
    }))
    check_answer(response, before, snapshot(world.match), record=print)
    assert "override" in response.json()["errors"]


@FUZZ
@given(form=st.dictionaries(
    st.sampled_from(["type", "team", "player", "kind", "minute", "added_time", "half", "recipient", "pick", "reason",
                     "note", "field", "value", "present", "shirt_number", "event", "decision", "name", "base", "slot"]),
    awkward_text | st.sampled_from(["event.add", "lineup.set", "team.set", "1:player:1", "yellow", "10"]),
    max_size=8,
))
def test_random_form_posts_without_javascript_are_applied_or_refused_cleanly(client, world, form):
    client.force_login(world.referee_user)
    with transaction.atomic():
        before = snapshot(world.match)
        response = client.post(reverse("referees:sheet_change", args=[world.match.pk]), data=form)
        after = snapshot(world.match)
        assert response.status_code in (302, 403, 422)
        if response.status_code == 302:
            assert after["sheet"]["version"] == before["sheet"]["version"] + 1
        else:
            assert after == before
        transaction.set_rollback(True)



@pytest.mark.parametrize("fields", [
    {"type": "event.add", "kind": "blue", "reason": "other", "minute": 5, "note": "ayudó\x00"},
    {"type": "event.add", "kind": "yellow", "minute": 5, "note": "\x00"},
    {"type": "confirm", "decision": "refused", "name": "Rosa\x00", "note": "x"},
    {"type": "confirm", "decision": "refused", "name": "Rosa", "note": "no\x00"},
    {"type": "sheet.set", "field": "incidents", "value": "lluvia\x00"},
    {"type": "team.set", "field": "barra_notes", "value": "\x00"},
    {"type": "lineup.set", "present": True, "override": "permiso\x00", "player_index": 3},
])
def test_a_nul_character_in_any_text_is_refused_not_a_database_error(client, world, fields):
    # PostgreSQL refuses the character in text; SQLite stores it. Either way the tablet gets a 422.
    client.force_login(world.office)
    index = fields.pop("player_index", 1)
    change = {"id": str(uuid.uuid4()), "team": world.home.pk, "player": world.player(world.home, index).pk, **fields}
    before = snapshot(world.match)
    response = post(client, world.match, json.dumps(change))
    check_answer(response, before, snapshot(world.match), record=print)
    assert response.status_code == 422
