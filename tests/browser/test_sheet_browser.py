"""The referee's match sheet in a real Chromium at a tablet's size: a whole match, offline, two tablets, refusals."""

from __future__ import annotations

import re
import uuid

from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from referees import services
from referees.models import MatchSheet, SheetEvent, SheetTeam
from tests.factories import SheetWorld

PASSWORD = "pw-for-tests-1234"


# --- Helpers ------------------------------------------------------------------------------------------------------


def sheet_url(live_server, world) -> str:
    return live_server.url + reverse("referees:sheet", args=[world.match.pk])


def log_in_by_cookie(context, live_server, user) -> None:
    """A session made on the server side: the login page itself is tested once, in the whole-match test."""
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def present(world, team, *indexes) -> None:
    for index in indexes:
        services.sheet_apply(match=world.match, user=world.referee_user, change={
            "id": str(uuid.uuid4()), "type": "lineup.set", "team": team.pk, "player": world.player(team, index).pk,
            "present": True})


def saved(page) -> None:
    expect(page.locator("#sheet-sync")).to_have_attribute("data-state", "saved", timeout=15_000)


def phase(page, name: str) -> None:
    page.locator(f'[data-phase-tab="{name}"]').tap()
    expect(page.locator(f'[data-phase-panel="{name}"]')).to_be_visible()


def record(page, kind: str, chip: str, minute: int | None = None, reason: str | None = None) -> None:
    """Set the minute, tap what happened, tap who: the way a referee records an event."""
    if minute is not None:
        page.locator("#ev-minute").fill(str(minute))
    page.locator(f"label.kind--{kind}").tap()
    if reason:
        page.locator(f'.reason:has(input[value="{reason}"])').tap()
    page.locator(chip).tap()


def _disconnected(route) -> None:
    route.abort("internetdisconnected")


def offline(context, on: bool) -> None:
    """No network for the pages nor for the service worker. `set_offline` alone leaves the worker online
    (microsoft/playwright#2311) and, with routing on, may still let a request reach the server; so every request
    is cut here, and `set_offline` only tells the page (navigator.onLine, the online event)."""
    if on:
        context.route("**/*", _disconnected)
        context.set_offline(True)
    else:
        context.set_offline(False)
        context.unroute("**/*", _disconnected)


def player_chip(world, team, index=0) -> str:
    return f'.pchip[data-player="{world.player(team, index).pk}"]'


def events(kind: str) -> int:
    return SheetEvent.objects.filter(kind=kind, undone_at__isnull=True).count()


# --- A whole match ------------------------------------------------------------------------------------------------


def test_a_referee_fills_a_whole_match_and_the_standings_show_it(live_server, transactional_db, tablet):
    world = SheetWorld(players=4)
    page = tablet
    page.goto(live_server.url + reverse("login"))
    page.locator("main input[name=username]").fill(world.referee_user.username)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator(f'a[href="{reverse("referees:sheet", args=[world.match.pk])}"]').first.click()
    expect(page.locator("#sheet-body")).to_be_visible()
    # A fresh sheet opens on attendance.
    expect(page.locator('[data-phase-panel="before"]')).to_be_visible()
    expect(page.locator('[data-phase-panel="during"]')).to_be_hidden()

    # Before: three present for each team, shirt numbers as on the roster, a captain; coach and ritual.
    for team in (world.home, world.away):
        for index in range(3):
            page.locator(f'form[data-slot="lineup:{world.player(team, index).pk}"] button.present-toggle').tap()
        page.locator(f'form[data-slot="lineup:{world.player(team, 0).pk}"] .captain-field').tap()
        page.locator(f'form[data-slot="team:{team.pk}:coach_present"] button.toggle').tap()
        page.locator(f'form[data-slot="team:{team.pk}:ritual_before"] button.toggle').tap()
    saved(page)
    home_row = page.locator(f'form[data-slot="team:{world.home.pk}:ritual_before"] button.toggle')
    expect(home_row).to_have_attribute("aria-pressed", "true")

    # During: two goals, a yellow, blue cards to a player, a coach and a barra, a foul.
    phase(page, "during")
    record(page, "goal", player_chip(world, world.home, 0), minute=12)
    expect(page.locator("#ev-minute")).to_have_value("12")  # the minute is remembered for the next event
    record(page, "yellow", player_chip(world, world.away, 1), minute=18)
    record(page, "blue", player_chip(world, world.away, 2), minute=20, reason="helped_opponent")
    record(page, "goal", player_chip(world, world.home, 1), minute=31)
    record(page, "blue", f'form#event-form button[value="{world.away.pk}:coach:{world.coach[world.away.pk].pk}"]',
           minute=33, reason="accepted_decision")
    record(page, "blue", f'form#event-form button[value="{world.home.pk}:barra"]', minute=40,
           reason="barra_encouragement")
    page.locator(f'[data-foul="{world.home.pk}:1"] .round-btn--add').tap()
    saved(page)
    expect(page.locator(".scoreboard__score")).to_have_text("2–0")
    expect(page.locator("#timeline .ev")).to_have_count(6)
    expect(page.locator(f'[data-foul="{world.home.pk}:1"] [data-foul-count]')).to_have_text("1")

    # After: the ritual, the barras' behaviour, a coach's confirmation; then submit, with a confirmation step.
    phase(page, "after")
    for team in (world.home, world.away):
        page.locator(f'form[data-slot="team:{team.pk}:ritual_after"] button.toggle').tap()
        page.locator(f'form[data-slot="team:{team.pk}:barra_rating"] button[value="5"]').tap()
    page.locator(f'#confirm-{world.home.pk} button[value="confirmed"]').tap()
    saved(page)
    expect(page.locator(f"#confirm-{world.home.pk} .confirmation--confirmed")).to_contain_text(
        str(world.coach[world.home.pk]))
    page.locator(".submit-step summary").tap()
    page.locator("#submit-sheet").tap()
    saved(page)
    expect(page.locator("#sheet-body")).to_have_attribute("data-status", "submitted")
    expect(page.locator("#event-form")).to_have_count(0)  # read-only from now on

    sheet = MatchSheet.objects.get(match=world.match)
    assert sheet.status == MatchSheet.Status.SUBMITTED
    assert [events(k) for k in ("goal", "yellow", "blue", "foul")] == [2, 1, 3, 1]
    assert sorted(SheetEvent.objects.filter(kind="blue").values_list("recipient", flat=True)) == ["barra", "coach", "player"]
    rows = SheetTeam.objects.filter(sheet=sheet)
    assert all(r.ritual_before and r.ritual_after and r.coach_present and r.barra_rating == 5 for r in rows)

    page.goto(live_server.url + world.match.category.get_absolute_url())
    home = page.locator("#standings tbody tr", has_text="Halcones")
    cells = home.locator("td").all_inner_texts()
    assert cells[:3] == ["1", "Halcones", "3"], cells
    assert cells[7:9] == ["2", "0"], cells  # goals for and against


# --- Small answers -----------------------------------------------------------------------------------------------

# What the events change on the sheet, read off the page: compared before and after a reload (the server's drawing).
SHEET_STATE = """() => {
  const b = document.getElementById("sheet-body");
  const text = (el) => el ? el.textContent.replace(/\\s+/g, " ").trim() : null;
  const undo = b.querySelector('form[data-undo="last"]');
  return {
    version: b.dataset.version,
    score: Array.from(b.querySelectorAll("[data-goals]"), text),
    timeline: Array.from(b.querySelectorAll("#timeline li"), (li) =>
      [li.className, li.hidden, li.dataset.event || "", text(li), !!li.querySelector("form")].join("|")),
    chips: Array.from(b.querySelectorAll(".pchip[data-player]"), (chip) =>
      [chip.dataset.player, chip.classList.contains("has-yellow"), chip.classList.contains("is-off"),
       Array.from(chip.querySelectorAll(".mini-card"), (c) => c.className).join(",")].join("|")),
    fouls: Array.from(b.querySelectorAll("[data-foul]"), (box) => {
      const form = box.querySelector('form[data-undo="foul"]');
      return [box.dataset.foul, text(box.querySelector("[data-foul-count]")), form.dataset.fouls,
              form.querySelector('input[name="event"]').value, form.querySelector(".round-btn").disabled,
              form.querySelector(".implicit-guard").disabled].join("|");
    }),
    undo: [undo.querySelector('input[name="event"]').value, text(undo.querySelector("[data-undo-label]")),
           undo.querySelector(".button--undo").disabled, undo.querySelector(".implicit-guard").disabled],
  };
}"""


def test_events_answered_with_small_patches_draw_the_same_sheet_as_the_server(
    live_server, transactional_db, tablet_context
):
    world = SheetWorld(players=3)
    present(world, world.home, 0, 1)
    present(world, world.away, 0, 1)
    context = tablet_context()
    log_in_by_cookie(context, live_server, world.referee_user)
    page = context.new_page()
    answers = []
    page.on("response", lambda r: answers.append(r) if r.url.endswith("/changes/") else None)
    page.goto(sheet_url(live_server, world))
    expect(page.locator('[data-phase-panel="during"]')).to_be_visible()

    record(page, "goal", player_chip(world, world.home, 0), minute=5)
    record(page, "yellow", player_chip(world, world.away, 0), minute=9)
    record(page, "second_yellow", player_chip(world, world.away, 0), minute=30)  # sent off: the chip says so
    record(page, "own_goal", player_chip(world, world.away, 1), minute=44)
    record(page, "blue", player_chip(world, world.home, 1), minute=20, reason="admitted_foul")  # drawn before 30'
    for _ in range(3):
        page.locator(f'[data-foul="{world.away.pk}:1"] .round-btn--add').tap()
    page.locator(f'[data-foul="{world.away.pk}:1"] .round-btn:not(.round-btn--add)').tap()  # one foul taken back
    page.locator('form[data-undo="last"] .button--undo').tap()  # the blue card, the last recorded
    expect(page.locator("#timeline .ev--blue")).to_have_class(re.compile("is-undone"))
    saved(page)
    page.wait_for_timeout(500)  # the tapped chip's flash is over
    drawn = page.evaluate(SHEET_STATE)

    for _ in range(50):  # the answers' events reach this side a moment after the page has drawn them
        if len(answers) >= 10:
            break
        page.wait_for_timeout(100)
    kinds = [(a.request.post_data_json["type"], sorted(a.json())) for a in answers]
    assert len(kinds) == 10, kinds
    assert all("patch" in keys and "html" not in keys for _, keys in kinds), kinds  # no whole sheet came back
    assert drawn["score"][0:2] == ["2", "0"] and drawn["version"] == "14"
    # The player sent off: a yellow, then off, with both cards on the chip.
    assert f"{world.player(world.away, 0).pk}|true|true|mini-card mini-card--yellow,mini-card mini-card--red" in drawn["chips"]

    page.reload()
    expect(page.locator("#sheet-body")).to_have_attribute("data-version", "14")
    assert page.evaluate(SHEET_STATE) == drawn


# --- Offline ------------------------------------------------------------------------------------------------------


def test_events_recorded_offline_survive_a_reload_and_are_saved_once(live_server, transactional_db, tablet_context):
    world = SheetWorld(players=3)
    present(world, world.home, 0, 1)
    present(world, world.away, 0)
    context = tablet_context()
    log_in_by_cookie(context, live_server, world.referee_user)
    page = context.new_page()
    page.goto(sheet_url(live_server, world))
    expect(page.locator('[data-phase-panel="during"]')).to_be_visible()  # a line-up is in: the match view opens
    # The worker controls the page and keeps a copy of it before the connection goes.
    # Predicates are functions: a bare expression is eval()'d at every poll, which the page's CSP refuses.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        "() => (caches.match(location.pathname).then(r => { window.__kept = !!r; }), window.__kept === true)")

    offline(context, True)
    record(page, "goal", player_chip(world, world.home, 0), minute=7)
    record(page, "yellow", player_chip(world, world.away, 0), minute=9)
    record(page, "blue", player_chip(world, world.home, 1), minute=11, reason="calmed_teammate")
    page.locator(f'[data-foul="{world.away.pk}:1"] .round-btn--add').tap()
    expect(page.locator("#sheet-sync")).to_have_attribute("data-state", "pending")
    expect(page.locator("#sheet-pending .pending__list li")).to_have_count(4)

    page.reload()
    expect(page.locator("#sheet-offline-copy")).to_be_visible()  # the worker's copy of the page, not the server's
    expect(page.locator("#sheet-pending .pending__list li")).to_have_count(4)
    expect(page.locator("#sheet-pending")).to_contain_text("7'")
    expect(page.locator("#timeline .ev.is-pending")).to_have_count(3)
    expect(page.locator(".scoreboard__score")).to_have_text("1–0")
    expect(page.locator(f'[data-foul="{world.away.pk}:1"] [data-foul-count]')).to_have_text("1")
    assert SheetEvent.objects.count() == 0, list(SheetEvent.objects.values("kind", "created_at", "minute"))

    offline(context, False)
    saved(page)
    expect(page.locator("#sheet-pending")).to_be_hidden()
    expect(page.locator("#sheet-offline-copy")).to_be_hidden()
    expect(page.locator("#timeline .ev.is-pending")).to_have_count(0)
    assert [events(k) for k in ("goal", "yellow", "blue", "foul")] == [1, 1, 1, 1]
    assert SheetEvent.objects.count() == 4


# --- Two tablets --------------------------------------------------------------------------------------------------


def test_two_tablets_on_one_field_the_later_one_sees_the_conflict_and_can_reapply(
    live_server, transactional_db, tablet_context
):
    world = SheetWorld(players=2)
    pages = []
    for user in (world.referee_user, world.office):
        context = tablet_context()
        log_in_by_cookie(context, live_server, user)
        page = context.new_page()
        page.goto(sheet_url(live_server, world))
        phase(page, "after")
        pages.append(page)
    first, second = pages
    rating = f'form[data-slot="team:{world.home.pk}:barra_rating"]'

    first.locator(f'{rating} button[value="4"]').tap()
    saved(first)
    second.locator(f'{rating} button[value="2"]').tap()

    conflict = second.locator(".alert--conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text(str(world.home))  # names the change: "barra's behaviour · Halcones: 2 · ..."
    # The sheet behind the notice is the one saved by the first tablet.
    expect(second.locator(f'{rating} button[value="4"]')).to_have_attribute("aria-pressed", "true")
    expect(second.locator(f'{rating} button[value="2"]')).to_have_attribute("aria-pressed", "false")
    assert SheetTeam.objects.get(team=world.home).barra_rating == 4

    conflict.locator('[data-action="reapply"]').tap()
    saved(second)
    expect(second.locator(".alert--conflict")).to_have_count(0)
    expect(second.locator(f'{rating} button[value="2"]')).to_have_attribute("aria-pressed", "true")
    assert SheetTeam.objects.get(team=world.home).barra_rating == 2

    # The first tablet catches up when it next asks for the sheet (every 15 s, or on coming back to the page).
    first.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(first.locator(f'{rating} button[value="2"]')).to_have_attribute("aria-pressed", "true")


# --- Refusals -----------------------------------------------------------------------------------------------------


def test_a_refused_event_shows_the_reason_next_to_the_field(live_server, transactional_db, tablet_context):
    world = SheetWorld(players=2)
    present(world, world.home, 0)
    context = tablet_context()
    log_in_by_cookie(context, live_server, world.referee_user)
    page = context.new_page()
    page.goto(sheet_url(live_server, world))

    # Checked on the tablet: a blue card needs its reason.
    record(page, "blue", player_chip(world, world.home), minute=5)
    reason_error = page.locator('.blue-extra [data-error-for="reason"]')
    expect(reason_error).to_be_visible()
    expect(page.locator("#sheet-pending")).to_be_hidden()

    # Checked by the server: a second yellow without a first one.
    record(page, "second_yellow", player_chip(world, world.home), minute=30)
    saved(page)
    kind_error = page.locator('#event-form fieldset.kinds [data-error-for="kind"]')
    expect(kind_error).to_be_visible()
    expect(kind_error).to_contain_text(str(world.player(world.home)))
    expect(page.locator(".alert--refused")).to_be_visible()
    # The referee's input is still there to correct.
    expect(page.locator("#ev-minute")).to_have_value("30")
    expect(page.locator('label.kind--second_yellow input')).to_be_checked()
    assert SheetEvent.objects.count() == 0
