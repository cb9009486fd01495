"""A new championship set up at desktop size, as an office worker would, without the administration: from an empty
organizer and an Excel roster to published fixtures and an appointed referee."""

import datetime

import openpyxl
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from leagues.models import Championship, Match, RosterEntry, Team
from referees.models import Assignment
from tests.factories import make_organizer, make_referee, make_user

TEAMS = ("Halcones de Moche", "Cóndores", "Pumas del Alto", "Zorros")


def roster_workbook(path):
    """Spanish headers as the office's spreadsheet has them; three players for each of four teams."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Equipo", "Nombres", "Apellidos", "Fecha de nacimiento", "Camiseta", "Documento"])
    for t, team in enumerate(TEAMS):
        for p in range(3):
            sheet.append([team, f"Jugador{t}{p}", "Quispe", datetime.date(2015, 1 + p, 10 + t), p + 1,
                          f"7{t}{p}00000"])
    workbook.save(path)


def test_an_office_sets_up_a_championship_from_an_excel_roster(live_server, transactional_db, browser, tmp_path):
    organizer = make_organizer(name="Municipalidad de Moche")
    office = make_user(is_staff=True)
    organizer.staff.add(office)
    referee = make_referee(organizer=organizer, given_names="Julio", surnames="Vásquez")
    client = Client()
    client.force_login(office)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
    ])
    page = context.new_page()
    page.set_default_timeout(15_000)
    roster = tmp_path / "nomina.xlsx"
    roster_workbook(roster)
    first_day = timezone.localdate() + datetime.timedelta(days=5)

    # The dashboard's button starts the wizard.
    page.goto(live_server.url + reverse("leagues:office_dashboard"))
    page.get_by_role("link", name="New championship").click()
    page.get_by_label("Name").fill("Copa Moche Juega Limpio")
    page.get_by_label("Season").fill("2027")
    page.get_by_role("button", name="Create the championship").click()
    expect(page.locator(".messages")).to_contain_text("created as a draft")

    # Step 2: a category, its birth years and its format.
    page.get_by_label("Name").fill("Sub-12 Mixto")
    page.get_by_label("Born from the year").fill("2015")
    page.get_by_label("to the year").fill("2016")
    page.get_by_label("Format").select_option("single")
    page.get_by_role("button", name="Add the category").click()
    expect(page.locator("#categories")).to_contain_text("Sub-12 Mixto")
    page.get_by_role("link", name="Next: the teams").click()

    # Step 3: the players come from the Excel roster, which also registers the teams it names.
    page.get_by_role("link", name="Import the players from a spreadsheet").click()
    expect(page.get_by_label("Register the teams the file names")).to_be_checked()
    page.get_by_label("Roster file").set_input_files(str(roster))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#roster-preview")).to_contain_text("12 correct rows")
    page.get_by_role("button", name="Import 12 players").click()
    expect(page.locator(".messages")).to_contain_text("4 teams registered")
    category_panel = page.locator("section.panel", has_text="Sub-12 Mixto")
    for team in TEAMS:
        expect(category_panel).to_contain_text(team)
    # A fifth team typed in, with its coach and its barra.
    category_panel.get_by_text("Add a team", exact=True).click()
    category_panel.locator("input[name=name]").fill("Llamas")
    category_panel.get_by_label("Coach's given names").fill("Rosa")
    category_panel.get_by_label("Coach's surnames").fill("Quispe")
    category_panel.get_by_label("Barra's name").fill("La Llamarada")
    category_panel.get_by_role("button", name="Add the team").click()
    expect(page.locator("section.panel", has_text="Sub-12 Mixto")).to_contain_text("La Llamarada")
    page.get_by_role("link", name="Next: the fixtures").click()

    # Step 4: a venue, the calendar, the preview adjusted by hand, then saved.
    page.get_by_text("Add a venue", exact=True).click()
    page.get_by_label("New venue").fill("Estadio Municipal de Moche")
    page.get_by_role("button", name="Add the venue").click()
    expect(page.locator(".messages")).to_contain_text("Estadio Municipal de Moche added")
    page.get_by_label("Category").select_option(label="Sub-12 Mixto")
    page.get_by_label("First match day").fill(first_day.isoformat())
    page.get_by_label("Kick-off times").fill("09:00, 10:30, 12:00")
    page.get_by_label("Estadio Municipal de Moche").check()
    page.get_by_role("button", name="Preview the fixture").click()
    preview = page.locator("#fixture-preview")
    expect(preview).to_contain_text("10 matches. Nothing is saved yet")
    assert Match.objects.count() == 0
    first_time = preview.locator("input[type=time]").first
    first_time.fill("15:30")
    page.get_by_role("button", name="Save the fixture").click()
    expect(page.locator(".messages")).to_contain_text("10 matches")

    # Step 5: everything is ready; publishing makes it public.
    page.get_by_role("link", name="Next: publish").click()
    page.get_by_role("button", name="Publish the championship").click()
    expect(page.locator(".messages")).to_contain_text("is published")

    # The referees of the first match day, from the link the wizard gives.
    page.get_by_role("link", name="Appoint the referees of the first match day").click()
    page.locator("button[name=role][value=main]").first.click()
    expect(page.get_by_role("button", name="Unassign")).to_be_visible()

    championship = Championship.objects.get(name="Copa Moche Juega Limpio")
    assert championship.status == Championship.Status.IN_PROGRESS
    assert set(Team.objects.filter(category__championship=championship).values_list("name", flat=True)) == {
        *TEAMS, "Llamas"}
    assert RosterEntry.objects.filter(championship=championship).count() == 12
    matches = Match.objects.filter(category__championship=championship)
    assert matches.count() == 10
    assert matches.filter(time=datetime.time(15, 30), round=1).exists()
    assert Assignment.objects.filter(referee=referee, match__in=matches).count() == 1

    # A parent, without logging in, finds the fixture.
    public = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    parent = public.new_page()
    parent.goto(live_server.url + championship.get_absolute_url())
    expect(parent.locator("main")).to_contain_text("Sub-12 Mixto")
    parent.get_by_role("link", name="Fixture y resultados").first.click()  # Spanish: the site's first language
    opening = matches.filter(round=1).select_related("home").first()
    expect(parent.locator("main")).to_contain_text(opening.home.name)
    expect(parent.locator("main")).to_contain_text("Estadio Municipal de Moche")
    public.close()
    context.close()
