"""A coach on a phone, after the match: finds the sheet waiting on their page, confirms it, and reads where each of
the team's fair-play points comes from."""

import uuid

from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from referees import services
from referees.models import SheetConfirmation
from tests.factories import SheetWorld


def apply(world, user, **change):
    services.sheet_apply(match=world.match, user=user, change={"id": str(uuid.uuid4()), **change})


def test_a_coach_confirms_the_sheet_and_reads_the_teams_fair_play_record(live_server, transactional_db, browser):
    world = SheetWorld()
    referee = world.referee_user
    for team in (world.home, world.away):
        apply(world, referee, type="lineup.set", team=team.pk, player=world.player(team).pk, present=True)
    home_player = world.player(world.home)
    apply(world, referee, type="event.add", kind="goal", team=world.home.pk, player=home_player.pk, minute=12)
    apply(world, referee, type="event.add", kind="blue", team=world.home.pk, player=home_player.pk, minute=20,
          reason="helped_opponent")
    apply(world, referee, type="event.add", kind="yellow", team=world.home.pk, player=home_player.pk, minute=35)
    apply(world, referee, type="submit")

    client = Client()
    client.force_login(world.coach_user[world.home.pk])
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)

    # Spanish, the site's first language: the coach's page says a sheet waits for them.
    page.goto(live_server.url + reverse("referees:coach_home"))
    expect(page.locator("main")).to_contain_text("Esperando su confirmación")
    page.get_by_role("link", name="Revisar y confirmar la planilla").first.tap()
    confirm = page.locator(f"#confirm-{world.home.pk}")
    expect(confirm).to_be_visible()
    confirm.get_by_role("button", name="Dar conformidad a la planilla").tap()
    expect(confirm.locator(".confirmation--confirmed")).to_be_visible()
    assert SheetConfirmation.objects.filter(team=world.home, decision="confirmed").count() == 1

    # Back on the coach's page nothing waits any more, and the fair-play record opens its breakdown.
    page.goto(live_server.url + reverse("referees:coach_home"))
    expect(page.locator("main")).not_to_contain_text("Esperando su confirmación")
    expect(page.locator(".coach-fair-play")).to_contain_text("1 tarjeta azul")
    page.get_by_role("link", name="De dónde sale cada punto").first.tap()
    main = page.locator("main")
    expect(main).to_contain_text(world.home.name)
    expect(main).to_contain_text(home_player.display_name)
    # No horizontal scrolling on the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
