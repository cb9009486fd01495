"""The cache of public pages (leagues/cache.py): a repeated anonymous visit costs no query, and every change a page
shows is there on the next visit. Each test runs on local memory and on Redis."""

from __future__ import annotations

import datetime
import os
import re
import uuid
from html import unescape

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from leagues import interchange, services
from leagues.models import Match
from referees import services as sheet_services
from referees.models import MatchSheet
from tests.conftest import clear_cache
from tests.factories import (
    SheetWorld,
    make_card,
    make_category,
    make_championship,
    make_match,
    make_roster_entry,
    make_team,
    make_user,
)

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def backend(request, settings):
    if request.param == "redis":
        if not _redis_answers():
            # `./tarjeta test` starts Redis; only a bare pytest on a machine without it may skip these.
            if os.environ.get("CI"):
                pytest.fail(f"no Redis at {REDIS_URL}: CI must test the Redis cache")
            pytest.skip(f"no Redis at {REDIS_URL}")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"tarjeta-test-{uuid.uuid4().hex}",  # other tests and helpers share this Redis
            }
        }
    clear_cache(cache)
    yield request.param
    clear_cache(cache)


@pytest.fixture
def league():
    category = make_category(championship=make_championship(slug="copa-cache"), slug="sub-10")
    halcones = make_team(category=category, name="Halcones")
    pumas = make_team(category=category, name="Pumas")
    played = make_match(category=category, round=1, home=halcones, away=pumas, home_goals=1, away_goals=0,
                        date=datetime.date(2026, 3, 7))
    pending = make_match(category=category, round=2, home=pumas, away=halcones, date=datetime.date(2026, 3, 14))
    return category, halcones, pumas, played, pending


def standings_url(category) -> str:
    return reverse("leagues:standings", args=[category.championship.slug, category.slug])


def copa_url(category) -> str:
    return reverse("fairplay:fair_play", args=[category.championship.slug, category.slug])


def points(response, team: str) -> int:
    """The points of `team` in the standings table."""
    for row in re.findall(r"<tr\b.*?</tr>", response.content.decode(), flags=re.S):
        if f">{team}<" in row:
            return int(re.search(r'<td class="num pts"[^>]*>\s*(-?\d+)', row).group(1))
    raise AssertionError(f"{team} not in the table")


def copa_blue_cards(response, team: str) -> int:
    """The blue cards of `team` in the Copa Fair Play table (the column after points and matches)."""
    for row in re.findall(r"<tr\b.*?</tr>", response.content.decode(), flags=re.S):
        if f">{team}<" in row:
            cells = [" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split())
                     for c in re.findall(r"<td\b.*?</td>", row, flags=re.S)]
            return int(cells[5])
    raise AssertionError(f"{team} not in the table")


def public_urls(category, team, played) -> list[str]:
    champ, cat = category.championship.slug, category.slug
    return [
        reverse("leagues:home"),
        reverse("leagues:championship", args=[champ]),
        reverse("leagues:standings", args=[champ, cat]),
        reverse("leagues:standings", args=[champ, cat]) + "?as_of_round=1",
        reverse("leagues:fixtures", args=[champ, cat]),
        reverse("leagues:fixtures_ical", args=[champ, cat]),
        reverse("leagues:team", args=[champ, cat, team.pk]),
        reverse("leagues:team_ical", args=[champ, cat, team.pk]),
        reverse("fairplay:fair_play", args=[champ, cat]),
        reverse("fairplay:championship_fair_play", args=[champ]),
        reverse("fairplay:fair_play_team", args=[champ, cat, team.pk]),
        reverse("fairplay:manual"),
    ]


def without_tokens(content: bytes) -> bytes:
    return re.sub(rb"[A-Za-z0-9]{64}", b"TOKEN", content)


# --- Served from the cache ------------------------------------------------------------------------------------------


def test_a_second_anonymous_visit_is_a_cache_hit_without_queries_and_with_the_same_page(
    client, league, django_assert_max_num_queries
):
    category, halcones, _pumas, played, _pending = league
    for url in public_urls(category, halcones, played):
        first = client.get(url)
        assert (first.status_code, first["X-Cache"]) == (200, "miss"), url

        with django_assert_max_num_queries(0):
            second = client.get(url)

        assert (second.status_code, second["X-Cache"]) == (200, "hit"), url
        assert without_tokens(second.content) == without_tokens(first.content), url
        for header in ("Content-Type", "Content-Language", "Content-Disposition"):
            assert second.get(header) == first.get(header), (url, header)
        vary = set(second.get("Vary", "").split(", "))
        assert vary == set(first.get("Vary", "").split(", ")), url
        assert "Cookie" in vary or url.endswith(".ics"), url  # the language cookie chooses the page


def test_a_page_not_found_is_not_kept(client, league):
    url = reverse("leagues:standings", args=["copa-cache", "no-such-category"])

    assert client.get(url).status_code == 404
    assert client.get(url).get("X-Cache") != "hit"


# --- Every change is shown on the next visit ------------------------------------------------------------------------


def test_a_result_recorded_by_the_service_shows_at_once(client, league):
    category, halcones, pumas, _played, pending = league
    client.get(standings_url(category))
    assert points(client.get(standings_url(category)), "Pumas") == 0

    services.match_record_result(match=pending, home_goals=2, away_goals=0)

    response = client.get(standings_url(category))
    assert response["X-Cache"] == "miss"
    assert points(response, "Pumas") == 3
    assert client.get(standings_url(category))["X-Cache"] == "hit"


def test_a_submitted_match_sheet_shows_at_once(client):
    world = SheetWorld()
    url = standings_url(world.category)
    assert points(client.get(url), "Halcones") == 0
    assert client.get(url)["X-Cache"] == "hit"

    def apply(**change):
        change.setdefault("id", str(uuid.uuid4()))
        sheet_services.sheet_apply(match=world.match, user=world.referee_user, change=change)

    for team in (world.home, world.away):
        apply(type="lineup.set", team=team.pk, player=world.player(team).pk, present=True)
    apply(type="event.add", kind="goal", team=world.home.pk, player=world.player(world.home).pk, minute=12)
    apply(type="submit", base=MatchSheet.objects.get(match=world.match).version)

    assert points(client.get(url), "Halcones") == 3


def test_a_card_shows_at_once_on_the_copa_fair_play(client, league):
    category, halcones, _pumas, played, _pending = league
    client.get(copa_url(category))
    assert copa_blue_cards(client.get(copa_url(category)), "Halcones") == 0

    make_card(match=played, team=halcones, recipient="barra", colour="blue")

    assert copa_blue_cards(client.get(copa_url(category)), "Halcones") == 1


def test_a_point_adjustment_added_in_the_admin_shows_at_once(client, league):
    category, halcones, _pumas, _played, _pending = league
    assert points(client.get(standings_url(category)), "Halcones") == 3
    assert client.get(standings_url(category))["X-Cache"] == "hit"
    office = Client()
    office.force_login(make_user(is_staff=True, is_superuser=True))

    answer = office.post(
        reverse("admin:leagues_pointadjustment_add"),
        {"team": halcones.pk, "points": "-2", "reason": "Jugador no elegible", "date": "2026-03-10"},
    )

    assert answer.status_code == 302
    assert points(client.get(standings_url(category)), "Halcones") == 1


def test_an_imported_file_written_in_bulk_shows_at_once(client, league, tmp_path):
    category, _halcones, _pumas, _played, _pending = league
    assert points(client.get(standings_url(category)), "Pumas") == 0
    assert client.get(standings_url(category))["X-Cache"] == "hit"
    path = tmp_path / "adjustments.csv"
    path.write_text("team,points,reason\nPumas,5,Fair play bonus\n", encoding="utf-8")

    interchange.adjustments_import(path=path, championship_slug="copa-cache", category_name=category.name)

    assert points(client.get(standings_url(category)), "Pumas") == 5


def test_a_display_name_changed_on_the_roster_shows_at_once(client, league):
    category, halcones, _pumas, _played, _pending = league
    url = reverse("leagues:team", args=[category.championship.slug, category.slug, halcones.pk])
    entry = make_roster_entry(team=halcones)
    client.get(url)
    player = entry.player

    player.given_names = "Ximena"
    player.save()

    assert "Ximena" in client.get(url).content.decode()


# --- Who gets which copy --------------------------------------------------------------------------------------------


def test_a_logged_in_user_never_gets_the_anonymous_copy(client, league):
    category = league[0]
    url = standings_url(category)
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    coach = Client()
    coach.force_login(make_user())

    for _ in range(2):
        response = coach.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "Log out" in response.content.decode() or "Cerrar sesión" in response.content.decode()
    assert 'action="/accounts/logout/"' not in client.get(url).content.decode()


def test_languages_are_cached_apart(client, league):
    url = standings_url(league[0])
    spanish = client.get(url)
    english_client = Client()
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    english = english_client.get(url)
    again = english_client.get(url)
    spanish_again = client.get(url)

    assert english["X-Cache"] == "miss" and again["X-Cache"] == "hit" and spanish_again["X-Cache"] == "hit"
    assert '<html lang="en">' in again.content.decode() and again["Content-Language"] == "en"
    assert '<html lang="es">' in spanish_again.content.decode() and spanish_again["Content-Language"] == "es"
    assert spanish["Content-Language"] == "es"


def test_an_htmx_partial_and_the_full_page_are_cached_apart(client, league):
    url = standings_url(league[0]) + "?sort=-points"
    full = client.get(url)

    partial = client.get(url, headers={"HX-Request": "true"})
    partial_again = client.get(url, headers={"HX-Request": "true"})
    full_again = client.get(url)

    assert "<html" in full.content.decode() and "<html" in full_again.content.decode()
    assert partial["X-Cache"] == "miss" and "<html" not in partial.content.decode()
    assert partial_again["X-Cache"] == "hit" and "<html" not in partial_again.content.decode()
    assert full_again["X-Cache"] == "hit"
    # A history restore asks for the whole page even from htmx.
    restore = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def _tokens(html: str) -> set[str]:
    form = re.findall(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', html)
    headers = re.findall(r'"X-CSRFToken": "([A-Za-z0-9]+)"', html)
    assert form and headers, "the page has the language switch and hx-headers"
    return set(form) | set(headers)


def test_each_visitor_gets_their_own_csrf_token_and_the_language_switch_works_from_a_cached_page(league):
    url = standings_url(league[0])
    first_visitor = Client(enforce_csrf_checks=True)
    first_tokens = _tokens(first_visitor.get(url).content.decode())
    parent = Client(enforce_csrf_checks=True)

    cached = parent.get(url)

    assert cached["X-Cache"] == "hit"
    html = cached.content.decode()
    assert "__tarjeta_csrf_token__" not in html
    tokens = _tokens(html)
    assert not tokens & first_tokens
    switched = parent.post(reverse("set_language"), {"language": "en", "next": url,
                                                     "csrfmiddlewaretoken": tokens.pop()})
    assert switched.status_code == 302
    english = parent.get(url)
    assert '<html lang="en">' in english.content.decode()
    # A token of the first visitor's page is refused with the parent's cookie: tokens really are per visitor.
    refused = parent.post(reverse("set_language"), {"language": "es", "next": url,
                                                    "csrfmiddlewaretoken": first_tokens.pop()})
    assert refused.status_code == 403


def test_a_cache_that_does_not_answer_does_not_break_pages_or_writes(client, league):
    category, _halcones, _pumas, _played, pending = league
    dead = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": "redis://127.0.0.1:1/0"}}  # nothing listens there

    with override_settings(CACHES=dead):
        services.match_record_result(match=pending, home_goals=0, away_goals=4)
        response = client.get(standings_url(category))

    assert response.status_code == 200
    assert points(response, "Halcones") == 6
    assert Match.objects.get(pk=pending.pk).status == Match.Status.PLAYED
