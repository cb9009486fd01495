"""The match sheet with a keyboard only (a tablet with a keyboard, or a referee who cannot tap): Tab, Shift+Tab, Enter,
Space and the arrow keys reach and work every control needed for a match, and the focus can always be seen."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from referees.models import MatchSheet, SheetEvent, SheetPlayer, SheetTeam
from tests.factories import SheetWorld

# Where the focus is and whether it shows: an outline on the element, or, for a radio or checkbox drawn by its label
# (the input itself is transparent), on the face next to it.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {shown: false, what: "nothing"};
  const ring = (node) => {
    const style = node && getComputedStyle(node);
    return !!style && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  };
  const drawn = getComputedStyle(el).opacity === "0" ? el.nextElementSibling : el;
  return {shown: el.matches(":focus-visible") && ring(drawn), what: el.outerHTML.slice(0, 160)};
}"""


def focused(page, selector: str) -> bool:
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, *, back: bool = False, limit: int = 120) -> None:
    """Tab (or Shift+Tab) until `selector` has the focus, checking on the way that every stop shows the focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        where = page.evaluate(FOCUS)
        assert where["shown"], f"the focus is not visible on {where['what']}"
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} cannot be reached with {'Shift+' if back else ''}Tab")


def choose(page, name: str, value: str) -> None:
    """In a radio group that has the focus: Space checks the focused choice, the arrow keys move to `value`."""
    wanted = page.locator(f'input[name="{name}"][value="{value}"]')
    page.keyboard.press("Space")
    for _ in range(12):
        if wanted.is_checked():
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"the arrow keys never reach {name} = {value}")


def live(kind: str) -> list:
    return list(SheetEvent.objects.filter(kind=kind, undone_at__isnull=True))


def saved(page) -> None:
    expect(page.locator("#sheet-sync")).to_have_attribute("data-state", "saved", timeout=15_000)


def test_a_referee_fills_part_of_a_sheet_with_the_keyboard_only(live_server, transactional_db, browser):
    world = SheetWorld(players=3)
    home, away = world.home, world.away
    client = Client()
    client.force_login(world.referee_user)
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + reverse("referees:sheet", args=[world.match.pk]))
    expect(page.locator('[data-phase-panel="before"]')).to_be_visible()

    # Before kick-off: two players of each team present (Enter on the first, Space on the second), a captain.
    for team in (home, away):
        for index, key in ((0, "Enter"), (1, "Space")):
            toggle = f'form[data-slot="lineup:{world.player(team, index).pk}"] button.present-toggle'
            tab_to(page, toggle)
            page.keyboard.press(key)
            expect(page.locator(toggle)).to_have_attribute("aria-pressed", "true")
    captain = f'form[data-slot="lineup:{world.player(home, 0).pk}"] input[name="captain"]'
    tab_to(page, captain, back=True)
    page.keyboard.press("Space")
    saved(page)
    assert SheetPlayer.objects.filter(sheet__match=world.match).count() == 4
    assert SheetPlayer.objects.get(sheet__match=world.match, player=world.player(home, 0)).captain

    # To the match: back up to the tabs, Enter on "During the match".
    tab_to(page, '[data-phase-tab="during"]', back=True)
    page.keyboard.press("Enter")
    expect(page.locator('[data-phase-panel="during"]')).to_be_visible()
    expect(page.locator('[data-phase-panel="before"]')).to_be_hidden()

    # A goal in minute 12: type the minute, choose "Goal" with Space and the arrow keys, Enter on the player.
    tab_to(page, "#ev-minute")
    page.keyboard.type("12")
    tab_to(page, 'input[name="kind"]')
    choose(page, "kind", "goal")
    scorer = f'.pchip[data-player="{world.player(home, 0).pk}"]'
    tab_to(page, scorer)
    page.keyboard.press("Enter")
    expect(page.locator(".scoreboard__score")).to_have_text("1–0")
    saved(page)  # the sheet is redrawn from the server's answer: the focus must not fall back to the top of the page
    assert focused(page, scorer), page.evaluate(FOCUS)["what"]

    # A blue card in minute 20 with what it rewards, both chosen with the arrow keys; Space on the player.
    tab_to(page, "#ev-minute", back=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    tab_to(page, 'input[name="kind"]')
    choose(page, "kind", "blue")
    tab_to(page, 'input[name="reason"]')
    choose(page, "reason", "admitted_foul")
    tab_to(page, f'.pchip[data-player="{world.player(away, 1).pk}"]')
    page.keyboard.press("Space")
    expect(page.locator("#timeline .ev--blue")).to_have_count(1)
    saved(page)
    goal, blue = live("goal"), live("blue")
    assert [(e.minute, e.player_id) for e in goal] == [(12, world.player(home, 0).pk)]
    assert [(e.minute, e.player_id, e.reason) for e in blue] == [(20, world.player(away, 1).pk, "admitted_foul")]

    # A foul for the away team with "+", then the blue card undone with "Undo the last event".
    tab_to(page, f'[data-foul="{away.pk}:1"] .round-btn--add')
    page.keyboard.press("Enter")
    expect(page.locator(f'[data-foul="{away.pk}:1"] [data-foul-count]')).to_have_text("1")
    tab_to(page, 'form[data-undo="last"] .button--undo', back=True)
    page.keyboard.press("Enter")
    expect(page.locator("#timeline .ev--blue.is-undone")).to_have_count(1)
    saved(page)
    assert live("blue") == [] and len(live("goal")) == 1 and len(live("foul")) == 1

    # After the match: the ritual for the home team, the barra's behaviour rated 4.
    tab_to(page, '[data-phase-tab="after"]', back=True)
    page.keyboard.press("Enter")
    expect(page.locator('[data-phase-panel="after"]')).to_be_visible()
    ritual = f'form[data-slot="team:{home.pk}:ritual_after"] button.toggle'
    tab_to(page, ritual)
    page.keyboard.press("Space")
    expect(page.locator(ritual)).to_have_attribute("aria-pressed", "true")
    rating = f'form[data-slot="team:{home.pk}:barra_rating"] button[value="4"]'
    tab_to(page, rating)
    page.keyboard.press("Enter")
    expect(page.locator(rating)).to_have_attribute("aria-pressed", "true")
    saved(page)
    row = SheetTeam.objects.get(sheet=MatchSheet.objects.get(match=world.match), team=home)
    assert row.ritual_after and row.barra_rating == 4
    context.close()
