"""Every POST needs the CSRF token: forms carry it, htmx and the match sheet's script send it in X-CSRFToken."""

import json
import re
import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import SheetWorld

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world():
    return SheetWorld(players=2)


def requests(world):
    """name → (url, body, content type): one POST of each kind the office, the referee and everyone send."""
    match = world.match
    return {
        "sheet_change": (
            reverse("referees:sheet_change", args=[match.pk]),
            json.dumps({"id": str(uuid.uuid4()), "type": "lineup.set", "team": world.home.pk,
                        "player": world.player(world.home).pk, "present": True}),
            "application/json",
        ),
        "assignment_board": (reverse("referees:assignment_board_assign"), {"match": match.pk, "role": "main"}, None),
        "sanctions": (reverse("fairplay:adjustment_add"), {"adjustment-points": "-3"}, None),
        "office_match_edit": (reverse("leagues:office_match_edit", args=[match.pk]), {"date": "2026-11-28"}, None),
        "wizard": (reverse("leagues:wizard_start"), {"name": "Copa", "season": "2026"}, None),
        "roster_import": (reverse("leagues:roster_import"), {"category": match.category_id}, None),
        "set_language": (reverse("set_language"), {"language": "en", "next": "/"}, None),
        "logout": (reverse("logout"), {}, None),
    }


def office_client(world) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.office)
    html = client.get(reverse("leagues:office_dashboard")).content.decode()
    # Where htmx finds the token: hx-headers on <body>, sent with every request it makes.
    token = re.search(r"""<body hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""", html).group(1)
    return client, token


def post(client, url, body, content_type, **headers):
    if content_type:
        return client.post(url, data=body, content_type=content_type, headers=headers)
    return client.post(url, data=body, headers=headers)


NAMES = ["sheet_change", "assignment_board", "sanctions", "office_match_edit", "wizard", "roster_import",
         "set_language", "logout"]


@pytest.mark.parametrize("name", NAMES)
def test_a_post_without_the_token_is_refused(world, name):
    client, _token = office_client(world)
    response = post(client, *requests(world)[name], **{"HX-Request": "true"})
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()


@pytest.mark.parametrize("name", NAMES)
def test_a_post_with_a_wrong_token_is_refused(world, name):
    client, token = office_client(world)
    response = post(client, *requests(world)[name], **{"X-CSRFToken": token[::-1]})
    assert response.status_code == 403


@pytest.mark.parametrize("name", NAMES)
def test_a_post_with_the_token_in_the_htmx_header_is_accepted(world, name):
    client, token = office_client(world)
    response = post(client, *requests(world)[name], **{"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code != 403, response.content.decode()[:500]
    assert response.status_code < 500


def test_the_login_form_needs_the_token_too(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": world.office.username, "password": "pw-for-tests-1234"})
    assert response.status_code == 403


def test_no_view_is_exempt_from_csrf():
    sources = [path for app in ("config", "leagues", "fairplay", "referees", "certificates")
               for path in (ROOT / app).rglob("*.py")]
    assert len(sources) > 20
    assert [path.name for path in sources if "csrf_exempt" in path.read_text()] == []
