"""axe-core (npm's, installed by `./tarjeta test`) in Debian's Chromium: every public page, the match sheet in each of
its parts and the office's and coach's pages have no violation of WCAG 2.1 A and AA."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from certificates import services as certificate_services
from certificates.models import Certificate
from fairplay.models import FairPlayScheme, MatchConduct
from referees import services
from tests.certificates.world import AwardWorld
from tests.factories import SheetWorld, make_match
from tests.leagues.test_public_pages import make_league

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}


def axe_violations(page) -> list[str]:
    """Runs axe on the page as it is now; one line per element at fault: rule, impact, help, selector."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` in the project folder (./tarjeta test does).")
    # Evaluated, not added as a <script>: the Content-Security-Policy allows no inline script.
    if page.evaluate("typeof window.axe") != "object":
        page.evaluate(AXE.read_text())
    results = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {' '.join(map(str, node['target']))}"
        + (f"\n      {node['failureSummary'].splitlines()[-1].strip()}" if node.get("failureSummary") else "")
        for v in results["violations"]
        for node in v["nodes"]
    ]


class Audit:
    """Collects the violations of several pages, so that one failing test names every page and element at fault."""

    def __init__(self):
        self.found: dict[str, list[str]] = {}

    def check(self, page, name: str) -> None:
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        if violations:
            self.found[name] = violations

    def report(self) -> str:
        return "\n".join(f"{name}:\n" + "\n".join(f"  - {v}" for v in found) for name, found in self.found.items())

    def assert_clean(self) -> None:
        if self.found:
            pytest.fail("axe found WCAG 2.1 AA violations:\n" + self.report(), pytrace=False)


def new_page(browser, viewport, *, user=None, live_server=None, language=None):
    mobile = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile)
    cookies = []
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies.append({"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url})
    if language:
        cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url})
    if cookies:
        context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def pages(browser):
    opened = []

    def make(viewport, **kwargs):
        page = new_page(browser, viewport, **kwargs)
        opened.append(page)
        return page

    yield make
    for page in opened:
        page.context.close()


def apply(world, **change):
    services.sheet_apply(match=world.match, user=world.referee_user, change={"id": str(uuid.uuid4()), **change})


# --- Public pages ---------------------------------------------------------------------------------------------------


def public_world():
    league = make_league()
    scheme = FairPlayScheme(championship=league.championship)
    scheme.apply_preset()
    scheme.save()
    for team in (league.halcones, league.condores):
        MatchConduct.objects.create(match=league.matches["r2a"], team=team, fouls=3, ritual_before=True,
                                    ritual_after=True, barra_rating=4)
    awards = AwardWorld()
    certificate_services.awards_propose(championship=awards.championship)
    certificate_services.awards_issue(championship=awards.championship, user=awards.office, language="es",
                                      base_url="https://tarjeta.example.org/")
    return league, Certificate.objects.filter(award__player__isnull=False).first()


@pytest.mark.parametrize("size", SIZES)
def test_every_public_page_has_no_wcag_violation(live_server, transactional_db, pages, size):
    league, certificate = public_world()
    champ, cat = league.championship.slug, league.category.slug
    page = pages(SIZES[size])
    audit = Audit()
    urls = {
        "home": reverse("leagues:home"),
        "championship": league.championship.get_absolute_url(),
        "copa fair play (championship)": reverse("fairplay:championship_fair_play", args=[champ]),
        "copa fair play (category)": reverse("fairplay:fair_play", args=[champ, cat]),
        "fair-play breakdown of a team": reverse("fairplay:fair_play_team", args=[champ, cat, league.halcones.pk]),
        "team": league.url("team", league.halcones.pk),
        "fair play manual": reverse("fairplay:manual"),
        "fair play manual (a championship's scheme)": reverse("fairplay:manual") + f"?championship={champ}",
        "certificate verification": reverse("certificates:verify", args=[certificate.code]),
        "login": reverse("login"),
    }
    for name, url in urls.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, (name, response.status)
        audit.check(page, name)

    page.goto(live_server.url + league.url("standings"))
    audit.check(page, "standings")
    page.locator("#standings th.team a").click()
    expect(page.locator("#standings th.team")).to_have_attribute("aria-sort", "ascending")
    audit.check(page, "standings sorted by team (htmx)")

    page.goto(live_server.url + league.url("fixtures"))
    audit.check(page, "fixtures")
    page.locator("#round").get_by_role("link", name="3", exact=True).click()
    expect(page.locator("#round").get_by_role("link", name="3", exact=True)).to_have_attribute("aria-current", "true")
    audit.check(page, "fixtures, round 3 (htmx)")
    audit.assert_clean()


@pytest.mark.parametrize("size", SIZES)
def test_the_standings_in_english_have_no_wcag_violation(live_server, transactional_db, pages, size):
    league = make_league()
    page = pages(SIZES[size], live_server=live_server, language="en")
    audit = Audit()
    page.goto(live_server.url + league.url("standings"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    audit.check(page, "standings (en)")
    page.goto(live_server.url + league.url("fixtures"))
    audit.check(page, "fixtures (en)")
    page.goto(live_server.url + reverse("fairplay:fair_play", args=[league.championship.slug, league.category.slug]))
    audit.check(page, "copa fair play (en)")
    audit.assert_clean()


# --- The match sheet, the office, the coach ------------------------------------------------------------------------


def sheet_world() -> SheetWorld:
    """A match under way: line-ups in, a goal, a yellow card and a blue card recorded, one of them undone."""
    world = SheetWorld(players=4)
    for team in (world.home, world.away):
        for index in (0, 1, 2):
            apply(world, type="lineup.set", team=team.pk, player=world.player(team, index).pk, present=True)
    home, away = world.home, world.away
    apply(world, type="event.add", kind="goal", team=home.pk, player=world.player(home).pk, minute=12)
    apply(world, type="event.add", kind="yellow", team=away.pk, player=world.player(away).pk, minute=18)
    apply(world, type="event.add", kind="blue", team=away.pk, player=world.player(away, 1).pk, minute=20,
          reason="helped_opponent")
    apply(world, type="event.add", kind="foul", team=home.pk, half=1)
    return world


def test_the_match_sheet_has_no_wcag_violation_in_any_part(live_server, transactional_db, pages):
    world = sheet_world()
    url = live_server.url + reverse("referees:sheet", args=[world.match.pk])
    page = pages(TABLET, user=world.referee_user, live_server=live_server)
    audit = Audit()
    page.goto(url)
    for phase in ("before", "during", "after"):
        page.locator(f'[data-phase-tab="{phase}"]').click()
        expect(page.locator(f'[data-phase-panel="{phase}"]')).to_be_visible()
        audit.check(page, f"match sheet, {phase}")

    # A blue card without its reason: the sheet says what is missing next to the field.
    page.locator('[data-phase-tab="during"]').click()
    page.locator("label.kind--blue").click()
    page.locator(f'.pchip[data-player="{world.player(world.home).pk}"]').click()
    expect(page.locator('.blue-extra [data-error-for="reason"]')).to_be_visible()
    audit.check(page, "match sheet, a refused blue card")

    # The submission step opened, then the sheet once submitted: read-only for the referee, under review for the office.
    page.locator('[data-phase-tab="after"]').click()
    page.locator(".submit-step summary").click()
    audit.check(page, "match sheet, submission step")
    apply(world, type="submit")
    page.goto(url)
    audit.check(page, "match sheet, submitted (referee)")
    office = pages(TABLET, user=world.office, live_server=live_server)
    office.goto(url)
    audit.check(office, "match sheet, submitted (office)")
    audit.assert_clean()


def test_the_office_dashboard_and_the_coachs_page_have_no_wcag_violation(live_server, transactional_db, pages):
    world = sheet_world()
    home = world.home
    apply(world, type="event.add", kind="red", team=home.pk, player=world.player(home, 2).pk, minute=40)
    apply(world, type="submit")  # waits for review; the red card suspends for the next match
    make_match(category=world.category, home=world.home, away=world.away, round=2, date=world.match.date)
    audit = Audit()

    office = pages(DESKTOP, user=world.office, live_server=live_server)
    office.goto(live_server.url + reverse("leagues:office_dashboard"))
    audit.check(office, "office dashboard")

    coach = pages(PHONE, user=world.coach_user[home.pk], live_server=live_server)
    coach.goto(live_server.url + reverse("referees:coach_home"))
    expect(coach.locator("main")).to_contain_text("Esperando su confirmación")
    audit.check(coach, "coach's page")
    audit.assert_clean()
