"""Minors' privacy: no public page shows a player's birth date, document number, second given name or surnames.

The players of a public championship carry distinctive values (tests/security/world.py, `PrivacyWorld`); an
anonymous visitor then crawls the site from the home page, following every same-site link, in Spanish and in
English, each page also as its htmx fragment, plus the verification page of every issued certificate (what their QR
codes open). Every answer is searched for every spelling of the values a page could print (HTML unescaped, iCalendar
lines unfolded, PDFs as their extracted text). The crawl must reach every public route of the permission matrix, so
a new public page cannot escape the scan.
"""

from __future__ import annotations

import html
import io
import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from pypdf import PdfReader

from tests.security.test_permission_matrix import MATRIX
from tests.factories import make_user
from tests.security.world import (
    BIRTH_DATES,
    SECOND_GIVEN_NAME,
    SURNAMES,
    PrivacyWorld,
    document_number,
    module_world,
)

# Enough for every page of the world and a few variants of each (rounds, audiences, sorting), in both languages.
MAX_PAGES = 400
VARIANTS_PER_ROUTE = 12

MONTHS = {
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}


def date_spellings(day) -> set[str]:
    d, m, y = day.day, day.month, day.year
    es, en = MONTHS["es"][m - 1], MONTHS["en"][m - 1]
    return {
        day.isoformat(), f"{y}/{m:02d}/{d:02d}",
        f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y % 100:02d}", f"{m:02d}/{d:02d}/{y}",
        f"{m}/{d}/{y}", f"{d:02d}.{m:02d}.{y}", f"{d:02d}-{m:02d}-{y}",
        f"{d} de {es} de {y}", f"{d} {es} {y}", f"{d} {es[:3]} {y}", f"{d} {es[:3]}. {y}",
        f"{en} {d}, {y}", f"{en[:3]} {d}, {y}", f"{en[:3]}. {d}, {y}", f"{d} {en} {y}",
    }


def seeded_values(world: PrivacyWorld) -> dict[str, str]:
    """Each spelling to look for, lower-cased, with what it is."""
    values = {SECOND_GIVEN_NAME: "second given name"}
    values.update({surname: "surname" for surname in SURNAMES})
    for day in BIRTH_DATES:
        values.update({spelling: f"birth date {day}" for spelling in date_spellings(day)})
    players = [player for team_players in world.players.values() for player in team_players]
    for index, _player in enumerate(players):
        number = document_number(index)
        values[number] = "document number"
        values[f"{number[:2]}.{number[2:5]}.{number[5:]}"] = "document number"
        values[f"{number[:2]} {number[2:5]} {number[5:]}"] = "document number"
    return {spelling.lower(): what for spelling, what in values.items()}


# --- Reading an answer -----------------------------------------------------------------------------------------------


class Links(HTMLParser):
    ATTRIBUTES = {"href", "hx-get", "src", "data-href"}

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.links.append(value)
        if tag == "form" and dict(attrs).get("method", "get").lower() == "get" and dict(attrs).get("action"):
            self.links.append(dict(attrs)["action"])


def text_of(response) -> str:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(body))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        # Also each field's metadata (title, author, subject).
        text += "\n" + " ".join(str(value) for value in (reader.metadata or {}).values())
    else:
        text = body.decode("utf-8", errors="replace")
        if content_type.startswith("text/calendar"):
            text = re.sub(r"\r?\n[ \t]", "", text)  # unfold long lines
        text = html.unescape(text)
    return re.sub(r"\s+", " ", text.replace("\\,", ",")).lower()


def found_in(text: str, values: dict[str, str]) -> list[str]:
    squeezed = text.replace(" ", "")
    hits = [f"{what}: {spelling!r}" for spelling, what in values.items() if spelling in text]
    # A document number printed with spaces or dots in between.
    hits += [f"{what}: {spelling!r} (spaced)" for spelling, what in values.items()
             if what == "document number" and spelling.isdigit() and spelling not in text and spelling in squeezed]
    return hits


# --- The crawl -------------------------------------------------------------------------------------------------------


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def same_site(base: str, link: str) -> str | None:
    if link.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
        return None
    url, _fragment = urldefrag(urljoin(base, link))
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(("/" + settings.STATIC_URL.strip("/") + "/", "/admin/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Crawl:
    def __init__(self, values: dict[str, str]):
        self.values = values
        self.queued: set[str] = set()
        self.per_route: dict[str, int] = defaultdict(int)
        self.visited: dict[str, set[str]] = defaultdict(set)  # route name -> URLs answered 200
        self.kinds: set[str] = set()
        self.findings: list[str] = []
        self.errors: list[str] = []
        self.requests = 0
        self.languages: set[str] = set()

    def run(self, client: Client, seeds: list[str], label: str) -> None:
        queue = list(seeds)
        seen: set[str] = set()
        while queue and len(seen) < MAX_PAGES:
            url = queue.pop(0)
            if url in seen:
                continue
            route = route_of(urlsplit(url).path)
            if route is None or route.startswith("admin:"):
                continue
            if url not in seeds and self.per_route[(label, route)] >= VARIANTS_PER_ROUTE:
                continue
            seen.add(url)
            self.per_route[(label, route)] += 1
            for htmx in (False, True):
                response = client.get(url, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
                self.requests += 1
                where = f"{label} {url}{' (htmx)' if htmx else ''}"
                if response.status_code >= 500:
                    self.errors.append(f"{where}: {response.status_code}")
                    continue
                if response.status_code != 200:
                    break  # a private page (login), a redirect, a 404: nothing public to read
                content_type = response.get("Content-Type", "")
                self.kinds.add(content_type.split(";")[0])
                text = text_of(response)
                self.findings += [f"{where}: {hit}" for hit in found_in(text, self.values)]
                self.visited[route].add(url)
                if htmx:
                    continue
                if not content_type.startswith("text/html"):
                    break  # a PDF, a calendar, a script: no fragment, no links
                parser = Links()
                parser.feed(response.content.decode("utf-8", errors="replace"))
                for link in parser.links:
                    target = same_site(url, link)
                    if target and target not in seen:
                        queue.append(target)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with module_world(django_db_blocker, tmp_path_factory, PrivacyWorld) as world:
        yield world


@pytest.fixture(scope="module")
def crawl(world, django_db_blocker):
    crawl = Crawl(seeded_values(world))
    # Entry points no page links to: the QR codes of the certificates, the health check for monitors, the sheet's
    # offline worker (registered by a script).
    seeds = [reverse("leagues:home"), reverse("health"), reverse("referees:service_worker")]
    seeds += [reverse("certificates:verify", args=[certificate.code]) for certificate in world.certificates]
    with django_db_blocker.unblock():
        crawl.run(Client(), seeds, "es")
        english = Client()
        english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for client, language in ((Client(), "es"), (english, "en")):
            if f'lang="{language}"' in client.get(reverse("leagues:home")).content.decode():
                crawl.languages.add(language)
        crawl.run(english, seeds, "en")
    return crawl


pytestmark = pytest.mark.django_db

PUBLIC_ROUTES = {row.name for row in MATRIX if row.get["anonymous"] == 200}


def test_the_world_has_what_the_scan_looks_for(world):
    from certificates.models import Certificate
    from fairplay.models import Card, MatchConduct, Suspension

    assert Card.objects.filter(match__category=world.category, colour="blue", recipient="player").count() >= 3
    assert Card.objects.filter(match__category=world.category, colour="red").exists()
    assert Suspension.objects.filter(team__category=world.category).count() >= 2
    assert MatchConduct.objects.filter(match__category=world.category).exists()
    assert Certificate.objects.filter(award__championship=world.championship, award__player__isnull=False).count() >= 9


def test_the_crawl_reaches_every_public_route(crawl):
    missing = PUBLIC_ROUTES - set(crawl.visited)
    assert missing == set(), f"public routes the crawl never reached (link them, or seed the crawl): {missing}"
    assert {"text/html", "text/calendar", "application/pdf"} <= crawl.kinds


def test_no_public_page_fails(crawl):
    assert crawl.errors == []


def test_no_public_page_shows_private_data_of_a_minor(crawl):
    assert crawl.findings == [], "\n".join(crawl.findings)


def test_the_display_name_is_what_public_pages_show(world, client):
    # The check above would pass on a site that showed no players at all: their display names are there.
    halcones = world.teams[0]
    page = client.get(reverse("leagues:team", args=[world.championship.slug, world.category.slug, halcones.pk]))
    for player in world.players[halcones.pk]:
        assert player.display_name in page.content.decode()
    assert player.display_name.endswith(" Z.")


def test_the_scan_sees_the_values_where_they_are_shown(world, client):
    # The control: the office's own pages do show them, and the scan's reading finds them there (HTML and PDF).
    values = seeded_values(world)
    client.force_login(world.office)
    sheet = client.get(reverse("certificates:match_sheet_pdf", args=[world.first_match.pk]))
    assert sheet.status_code == 200
    assert any(hit.startswith("surname") for hit in found_in(text_of(sheet), values))
    client.force_login(make_user(is_staff=True, is_superuser=True))
    player = world.players[world.teams[0].pk][0]
    page = client.get(reverse("admin:leagues_player_change", args=[player.pk]))
    hits = found_in(text_of(page), values)
    assert {"surname", "document number", "second given name"} <= {hit.split(":")[0] for hit in hits}
    assert any(hit.startswith("birth date") for hit in hits)


def test_the_crawl_read_both_languages_and_every_route(crawl):
    assert crawl.languages == {"es", "en"}
    print(f"\n{crawl.requests} requests; routes visited: {len(crawl.visited)}; kinds: {sorted(crawl.kinds)}")
    for route, urls in sorted(crawl.visited.items()):
        print(f"  {route}: {len(urls)}  e.g. {sorted(urls)[:3]}")
