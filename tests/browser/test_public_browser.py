"""The public pages in a real Chromium at a phone's size: htmx swaps, plain navigation and the language switch."""

import re

from playwright.sync_api import expect

from tests.leagues.test_public_pages import make_league

POSITION_ORDER = ["Halcones del Norte", "Alpacas Unidas", "Cóndores", "Pumas"]
NAME_ORDER = ["Alpacas Unidas", "Cóndores", "Halcones del Norte", "Pumas"]


def mark_page(page):
    """Leave a flag in the window: a full page load would wipe it, an htmx swap keeps it."""
    page.evaluate("window.__noReload = true")


def still_same_page(page) -> bool:
    return page.evaluate("window.__noReload === true")


def test_sorting_the_standings_swaps_the_table_without_a_reload(live_server, transactional_db, phone):
    league = make_league()
    phone.goto(live_server.url + league.url("standings"))
    assert phone.evaluate("typeof window.htmx") == "object", "htmx should be served by the app"
    teams = phone.locator("#standings td.team")
    assert teams.all_inner_texts() == POSITION_ORDER
    mark_page(phone)

    phone.locator("#standings th.team a").click()

    expect(phone.locator("#standings th.team")).to_have_attribute("aria-sort", "ascending")
    assert teams.all_inner_texts() == NAME_ORDER
    assert still_same_page(phone)
    assert phone.url.endswith(league.url("standings") + "?sort=team")

    # A second click on the same header reverses the order, still in place.
    phone.locator("#standings th.team a").click()
    expect(phone.locator("#standings th.team")).to_have_attribute("aria-sort", "descending")
    assert teams.all_inner_texts() == list(reversed(NAME_ORDER))
    assert still_same_page(phone)


def test_standings_fit_a_phone_and_keep_the_team_column_in_view(live_server, transactional_db, phone):
    league = make_league()
    phone.goto(live_server.url + league.url("standings"))

    # The page itself never scrolls sideways; only the table does.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    scroller = phone.locator(".table-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    first_team = phone.locator("#standings td.team").first
    box = first_team.bounding_box()
    assert box is not None and 0 <= box["x"] < 100, box
    expect(first_team).to_be_visible()


def test_a_round_link_shows_that_rounds_matches(live_server, transactional_db, phone):
    league = make_league()
    phone.goto(live_server.url + league.url("fixtures"))
    region = phone.locator("#round")
    expect(region.locator(".match")).to_have_count(2)
    expect(region).to_contain_text("Halcones del Norte")
    expect(region.locator(".match__score.is-final")).to_have_text("2\u00a0–\u00a01")
    mark_page(phone)

    region.get_by_role("link", name="3", exact=True).click()

    expect(region.get_by_role("link", name="3", exact=True)).to_have_attribute("aria-current", "true")
    expect(region.locator(".match__score.is-final")).to_have_count(0)
    expect(region.locator(".match--postponed")).to_contain_text("Pumas")
    expect(region.locator(".match--postponed")).to_contain_text("Cóndores")
    expect(region.locator(".match--scheduled")).to_contain_text("Alpacas Unidas")
    assert still_same_page(phone)
    assert phone.url.endswith("?round=3")


def test_switching_the_language_to_english(live_server, transactional_db, phone):
    league = make_league()
    url = live_server.url + league.url("standings")
    phone.goto(url)
    expect(phone.locator("html")).to_have_attribute("lang", "es")

    phone.get_by_role("button", name="English").click()

    expect(phone.locator("html")).to_have_attribute("lang", "en")
    assert phone.url == url
    expect(phone.get_by_role("heading", name="Rules in force")).to_be_visible()
    expect(phone.get_by_role("link", name=re.compile("^Fixtures and results$"))).to_be_visible()
    expect(phone.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
