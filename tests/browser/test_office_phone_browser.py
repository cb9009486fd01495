"""The office's pages are made for a desktop, but an office worker at the field opens them on a phone: none of them
may be wider than the screen (wide tables scroll inside their own box)."""

import pytest
from django.test import Client
from django.urls import reverse

from leagues.models import Championship
from tests.factories import SheetWorld, make_adjustment


@pytest.mark.parametrize("width", [360, 1280])
def test_no_office_page_is_wider_than_the_screen(live_server, transactional_db, browser, width):
    world = SheetWorld()
    make_adjustment(team=world.home, points=-3, reason="Alineación indebida en la fecha 2")
    championship = world.category.championship
    Championship.objects.filter(pk=championship.pk).update(status=Championship.Status.DRAFT)
    client = Client()
    client.force_login(world.office)
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 600)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    slug = championship.slug
    urls = [
        reverse("leagues:office_dashboard"),
        reverse("leagues:wizard_start"),
        reverse("leagues:wizard_categories", args=[slug]),
        reverse("leagues:wizard_teams", args=[slug]),
        reverse("leagues:wizard_fixtures", args=[slug]) + f"?category={world.category.pk}",
        reverse("leagues:wizard_publish", args=[slug]),
        reverse("leagues:roster_import"),
        reverse("leagues:office_matches"),
        reverse("fairplay:sanctions"),
        reverse("referees:review_queue"),
        reverse("referees:assignment_board") + f"?day={world.match.date.isoformat()}",
        reverse("fairplay:indicators"),
    ]
    too_wide = {}
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[url] = scroll_width
    context.close()
    assert too_wide == {}
