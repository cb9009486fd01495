"""The office's match list: its filters, sort and pages, the inline reschedule and postpone, and who may do what."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from leagues.models import Match
from referees.models import MatchSheet
from tests.factories import (
    make_assignment,
    make_category,
    make_championship,
    make_match,
    make_organizer,
    make_team,
    make_user,
    make_venue,
)

pytestmark = pytest.mark.django_db

LIST = reverse("leagues:office_matches")
HTMX = {"HX-Request": "true"}
SAT = datetime.date(2026, 11, 21)
SUN = datetime.date(2026, 11, 22)
NEXT_SAT = datetime.date(2026, 11, 28)


@pytest.fixture
def client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's words are asserted in English
    return client


def edit_url(match, **query):
    url = reverse("leagues:office_match_edit", args=[match.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def postpone_url(match):
    return reverse("leagues:office_match_postpone", args=[match.pk])


def row_url(match):
    return reverse("leagues:office_match_row", args=[match.pk])


def row_ids(response) -> list[int]:
    """The matches the list shows, top to bottom."""
    return [int(pk) for pk in re.findall(r'<tr id="match-(\d+)"', response.content.decode())]


class World:
    """One office with two championships, two venues and matches of every kind; another office with its own."""

    def __init__(self):
        self.organizer = make_organizer(name="Municipalidad de El Porvenir")
        self.office = make_user(username="oficina-porvenir")
        self.organizer.staff.add(self.office)
        self.copa = make_championship(organizer=self.organizer, name="Copa Porvenir", slug="copa-porvenir")
        self.liga = make_championship(organizer=self.organizer, name="Liga Escolar", slug="liga-escolar")
        self.sub10 = make_category(championship=self.copa, name="Sub-10", slug="sub-10")
        self.sub12 = make_category(championship=self.liga, name="Sub-12", slug="sub-12")
        self.stadium = make_venue(organizer=self.organizer, name="Estadio Municipal")
        self.park = make_venue(organizer=self.organizer, name="Losa del Parque")
        halcones = make_team(category=self.sub10, name="Halcones")
        condores = make_team(category=self.sub10, name="Cóndores")
        pumas = make_team(category=self.sub12, name="Pumas")
        zorros = make_team(category=self.sub12, name="Zorros")
        self.scheduled = make_match(category=self.sub10, home=halcones, away=condores, round=1, date=SAT,
                                    time=datetime.time(9), venue=self.stadium)
        self.refereed = make_match(category=self.sub12, home=pumas, away=zorros, round=1, date=SAT,
                                   time=datetime.time(11), venue=self.park)
        make_assignment(match=self.refereed)
        self.played = make_match(category=self.sub10, home=condores, away=halcones, round=2, date=SUN,
                                 time=datetime.time(10), venue=self.stadium, home_goals=2, away_goals=1)
        MatchSheet.objects.create(match=self.played, status=MatchSheet.Status.SUBMITTED)
        self.postponed = make_match(category=self.sub12, home=zorros, away=pumas, round=2, date=NEXT_SAT,
                                    status=Match.Status.POSTPONED, status_note="Lluvia")

        self.other_organizer = make_organizer(name="Municipalidad de Florencia de Mora")
        self.other_office = make_user(username="oficina-florencia")
        self.other_organizer.staff.add(self.other_office)
        self.other_championship = make_championship(organizer=self.other_organizer, name="Copa Florencia")
        self.other_venue = make_venue(organizer=self.other_organizer, name="Cancha Florencia")
        self.foreign = make_match(category=make_category(championship=self.other_championship), date=SAT,
                                  venue=self.other_venue)

    @property
    def own(self):
        return [self.scheduled, self.refereed, self.played, self.postponed]


@pytest.fixture
def world():
    return World()


def snapshot(match):
    return Match.objects.values("date", "time", "venue", "status", "status_note").get(pk=match.pk)


# --- Who may see and change -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method, url", [
    ("get", lambda w: LIST),
    ("get", lambda w: edit_url(w.scheduled)),
    ("get", lambda w: row_url(w.scheduled)),
    ("post", lambda w: edit_url(w.scheduled)),
    ("post", lambda w: postpone_url(w.scheduled)),
])
def test_anonymous_visitors_are_sent_to_log_in(client, world, method, url):
    before = snapshot(world.scheduled)
    response = getattr(client, method)(url(world), {"date": "2026-12-05", "reason": "x"} if method == "post" else {})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert snapshot(world.scheduled) == before


@pytest.mark.parametrize("method, url", [
    ("get", lambda w: LIST),
    ("get", lambda w: edit_url(w.scheduled)),
    ("get", lambda w: row_url(w.scheduled)),
    ("post", lambda w: edit_url(w.scheduled)),
    ("post", lambda w: postpone_url(w.scheduled)),
])
def test_a_user_who_is_not_office_staff_is_refused(client, world, method, url):
    client.force_login(make_user(is_staff=True))
    before = snapshot(world.scheduled)
    response = getattr(client, method)(url(world), {"date": "2026-12-05", "reason": "x"} if method == "post" else {})
    assert response.status_code == 403
    assert snapshot(world.scheduled) == before


def test_the_office_sees_its_own_matches_and_only_those(client, world):
    client.force_login(world.office)
    response = client.get(LIST)
    assert response.status_code == 200
    assert sorted(row_ids(response)) == sorted(match.pk for match in world.own)
    page = response.content.decode()
    assert "Copa Florencia" not in page and "Cancha Florencia" not in page


def test_the_office_opens_a_rows_edit_form_and_its_display_row(client, world):
    client.force_login(world.office)
    assert client.get(edit_url(world.scheduled)).status_code == 200
    assert client.get(row_url(world.scheduled), headers=HTMX).status_code == 200


def test_a_superuser_sees_every_offices_matches(client, world):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    assert set(row_ids(client.get(LIST))) == {match.pk for match in world.own} | {world.foreign.pk}


def test_another_office_cannot_open_edit_or_postpone_this_offices_match(client, world):
    client.force_login(world.other_office)
    before = snapshot(world.scheduled)
    assert client.get(edit_url(world.scheduled)).status_code == 403
    assert client.get(row_url(world.scheduled), headers=HTMX).status_code == 403
    response = client.post(edit_url(world.scheduled), {"date": "2026-12-05", "time": "16:00",
                                                       "venue": world.other_venue.pk})
    assert response.status_code == 403
    assert client.post(postpone_url(world.scheduled), {"reason": "Sin cancha"}, headers=HTMX).status_code == 403
    assert snapshot(world.scheduled) == before


def test_another_offices_venue_is_refused_and_nothing_changes(client, world):
    client.force_login(world.office)
    before = snapshot(world.scheduled)
    response = client.post(edit_url(world.scheduled), {"date": "2026-12-05", "time": "16:00",
                                                       "venue": world.other_venue.pk})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert snapshot(world.scheduled) == before


def test_the_dropdowns_offer_only_the_offices_own_championships_categories_and_venues(client, world):
    client.force_login(world.office)
    page = client.get(LIST).content.decode()
    assert "Copa Porvenir" in page and "Liga Escolar" in page and "Losa del Parque" in page
    assert "Copa Florencia" not in page and "Cancha Florencia" not in page


# --- Filters, sort and pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query, expected", [
    (lambda w: {"championship": w.copa.pk}, lambda w: [w.scheduled, w.played]),
    (lambda w: {"category": w.sub12.pk}, lambda w: [w.refereed, w.postponed]),
    (lambda w: {"round": 2}, lambda w: [w.played, w.postponed]),
    (lambda w: {"status": "postponed"}, lambda w: [w.postponed]),
    (lambda w: {"date_from": SUN.isoformat()}, lambda w: [w.played, w.postponed]),
    (lambda w: {"date_to": SAT.isoformat()}, lambda w: [w.scheduled, w.refereed]),
    (lambda w: {"date_from": SUN.isoformat(), "date_to": SUN.isoformat()}, lambda w: [w.played]),
    (lambda w: {"venue": w.park.pk}, lambda w: [w.refereed]),
    (lambda w: {"team": "pum"}, lambda w: [w.refereed, w.postponed]),
    (lambda w: {"without_referee": "on"}, lambda w: [w.scheduled, w.played, w.postponed]),
    (lambda w: {"status": "scheduled", "without_referee": "on"}, lambda w: [w.scheduled]),
])
def test_each_filter_keeps_the_matches_it_names_and_drops_the_others(client, world, query, expected):
    client.force_login(world.office)
    response = client.get(LIST, query(world))
    assert response.status_code == 200
    assert sorted(row_ids(response)) == sorted(match.pk for match in expected(world))


def test_another_offices_championship_in_the_query_is_not_a_way_in(client, world):
    client.force_login(world.office)
    response = client.get(LIST, {"championship": world.other_championship.pk})
    assert response.status_code == 200
    assert world.foreign.pk not in row_ids(response)


def test_the_list_is_in_date_and_time_order_by_default_and_sorting_changes_it(client, world):
    client.force_login(world.office)
    chronological = [world.scheduled.pk, world.refereed.pk, world.played.pk, world.postponed.pk]
    assert row_ids(client.get(LIST)) == chronological
    assert row_ids(client.get(LIST, {"sort": "-date"})) == chronological[::-1]
    by_category = row_ids(client.get(LIST, {"sort": "category"}))  # Copa Porvenir before Liga Escolar
    assert by_category == [world.scheduled.pk, world.played.pk, world.refereed.pk, world.postponed.pk]
    by_status = row_ids(client.get(LIST, {"sort": "status"}))  # played, postponed, scheduled (by their values)
    assert by_status == [world.played.pk, world.postponed.pk, world.scheduled.pk, world.refereed.pk]
    assert row_ids(client.get(LIST, {"sort": "-round"}))[:2] == [world.played.pk, world.postponed.pk]
    assert row_ids(client.get(LIST, {"sort": "nonsense"})) == chronological


def test_pages_keep_the_filters_and_the_sort_and_the_filter_form_keeps_the_sort(client, world):
    for day in range(1, 61):
        make_match(category=world.sub10, round=2 + day, date=SAT + datetime.timedelta(days=day))
    client.force_login(world.office)
    response = client.get(LIST, {"category": world.sub10.pk, "sort": "-date"})
    page = response.content.decode()
    assert len(row_ids(response)) == 50 and "62 matches" in page and "Page 1 of 2" in page
    next_link = re.search(r'rel="next" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert f"category={world.sub10.pk}" in next_link and "sort=-date" in next_link and "page=2" in next_link
    assert '<input type="hidden" name="sort" value="-date">' in page
    second = client.get(LIST + next_link)
    assert len(row_ids(second)) == 12 and "Page 2 of 2" in second.content.decode()
    assert row_ids(second)[-1] == world.scheduled.pk  # the earliest of the category, last when sorted newest first
    assert world.refereed.pk not in row_ids(second)


def test_a_page_past_the_end_shows_the_last_page(client, world):
    client.force_login(world.office)
    assert len(row_ids(client.get(LIST, {"page": "9"}))) == 4
    assert len(row_ids(client.get(LIST, {"page": "x"}))) == 4


def test_each_row_links_to_the_public_pages_the_board_of_its_day_and_the_review_queue(client, world):
    client.force_login(world.office)
    page = client.get(LIST).content.decode()
    assert f'{reverse("referees:assignment_board")}?day=2026-11-21' in page
    assert reverse("leagues:fixtures", args=["copa-porvenir", "sub-10"]) + "?round=1" in page
    assert reverse("leagues:team", args=["copa-porvenir", "sub-10", world.scheduled.home_id]) in page
    assert reverse("referees:review_queue") in page
    assert reverse("referees:sheet", args=[world.played.pk]) in page


def test_rows_show_referees_sheets_scores_and_only_unplayed_rows_can_be_edited(client, world):
    client.force_login(world.office)
    page = client.get(LIST).content.decode()
    referee = world.refereed.assignments.get().referee
    assert str(referee) in page and "no referee" in page
    assert "2–1" in page and "Submitted" in page and "Lluvia" in page
    assert edit_url(world.scheduled) in page and edit_url(world.postponed) in page
    assert edit_url(world.played) not in page


def test_a_draft_championship_has_no_links_to_public_pages(client, world):
    world.copa.status = "draft"
    world.copa.save()
    client.force_login(world.office)
    page = client.get(LIST).content.decode()
    assert reverse("leagues:fixtures", args=["copa-porvenir", "sub-10"]) not in page
    assert reverse("leagues:fixtures", args=["liga-escolar", "sub-12"]) in page


def test_the_page_renders_in_spanish(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.force_login(world.office)
    response = client.get(LIST)
    assert response.status_code == 200
    assert 'lang="es"' in response.content.decode()
    assert client.get(edit_url(world.scheduled)).status_code == 200


def test_the_list_runs_a_fixed_number_of_queries_however_many_rows(client, world, django_assert_max_num_queries):
    for n in range(60):
        match = make_match(category=world.sub12 if n % 2 else world.sub10, round=3 + n, date=SAT,
                           venue=world.park)
        if n % 3:
            make_assignment(match=match)
        if n % 4 == 0:
            MatchSheet.objects.create(match=match, status=MatchSheet.Status.SUBMITTED)
    client.force_login(world.office)
    # session, user, organizers, count, page, assignments, and the three dropdowns' choices
    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"sort": "category"})
    assert len(row_ids(response)) == 50


# --- Inline edit ------------------------------------------------------------------------------------------------------


def test_with_htmx_edit_returns_only_the_rows_form(client, world):
    client.force_login(world.office)
    response = client.get(edit_url(world.scheduled, next="/office/matches/?status=scheduled"), headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<tr id="match-{world.scheduled.pk}"') and "<html" not in page
    assert 'value="2026-11-21"' in page and 'value="09:00"' in page and "Postpone" in page
    assert f'hx-get="{row_url(world.scheduled)}?next=' in page


def test_without_htmx_edit_is_a_page_with_the_form(client, world):
    client.force_login(world.office)
    page = client.get(edit_url(world.scheduled)).content.decode()
    assert "<html" in page and "Reschedule or postpone a match" in page and 'name="date"' in page


def test_with_htmx_a_save_reschedules_and_returns_the_display_row_with_the_new_date(client, world):
    client.force_login(world.office)
    response = client.post(
        edit_url(world.postponed),
        {"date": "2026-12-05", "time": "16:30", "venue": world.stadium.pk, "next": "/office/matches/?round=2"},
        headers=HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<tr id="match-{world.postponed.pk}"') and "<form" not in page
    assert "12/05/2026" in page and "Estadio Municipal" in page
    assert "%2Foffice%2Fmatches%2F%3Fround%3D2" in page  # the row's next Edit still returns to the filtered list
    assert snapshot(world.postponed) == {
        "date": datetime.date(2026, 12, 5), "time": datetime.time(16, 30), "venue": world.stadium.pk,
        "status": Match.Status.SCHEDULED, "status_note": "",
    }


def test_without_htmx_a_save_redirects_to_next(client, world):
    client.force_login(world.office)
    response = client.post(edit_url(world.scheduled),
                           {"date": "2026-12-05", "time": "", "venue": "", "next": "/office/matches/?page=2&round=1"})
    assert response.status_code == 302 and response["Location"] == "/office/matches/?page=2&round=1"
    assert snapshot(world.scheduled)["date"] == datetime.date(2026, 12, 5)
    assert snapshot(world.scheduled)["venue"] is None


@pytest.mark.parametrize("next_value", ["https://evil.example/", "//evil.example/", ' 0",ñ64cé', "leagues:home"])
def test_a_next_that_is_not_a_path_of_this_site_is_ignored(client, world, next_value):
    # The fuzzing found ' 0",ñ64cé': relative, so "safe", and redirect() tried to reverse it as a view name (500).
    client.force_login(world.office)
    response = client.post(edit_url(world.scheduled), {"date": "2026-12-05", "next": next_value})
    assert response.status_code == 302 and response["Location"] == LIST


def test_a_bad_date_is_shown_next_to_the_form_and_changes_nothing(client, world):
    client.force_login(world.office)
    before = snapshot(world.scheduled)
    response = client.post(edit_url(world.scheduled), {"date": "2026-13-45", "time": "10:00"}, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200  # htmx swaps only successful answers
    assert "Enter a valid date." in page and page.lstrip().startswith("<tr")
    assert client.post(edit_url(world.scheduled), {"date": ""}).status_code == 422
    assert snapshot(world.scheduled) == before


def test_a_played_match_cannot_be_edited_or_postponed_here(client, world):
    client.force_login(world.office)
    before = snapshot(world.played)
    response = client.post(edit_url(world.played), {"date": "2026-12-05"}, headers=HTMX)
    assert response.status_code == 200
    assert "has been played" in response.content.decode() and 'name="date"' not in response.content.decode()
    assert client.get(edit_url(world.played)).status_code == 409
    assert client.post(postpone_url(world.played), {"reason": "Lluvia"}).status_code == 409
    assert snapshot(world.played) == before


def test_postponing_needs_a_reason(client, world):
    client.force_login(world.office)
    before = snapshot(world.scheduled)
    response = client.post(postpone_url(world.scheduled), {"reason": "   "}, headers=HTMX)
    assert response.status_code == 200
    assert "Give the reason for postponing the match." in response.content.decode()
    assert snapshot(world.scheduled) == before


def test_postponing_with_htmx_returns_the_row_and_without_it_redirects(client, world):
    client.force_login(world.office)
    response = client.post(postpone_url(world.scheduled), {"reason": "Cancha inundada"}, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200 and page.lstrip().startswith("<tr") and "Cancha inundada" in page
    assert snapshot(world.scheduled)["status"] == Match.Status.POSTPONED
    response = client.post(postpone_url(world.refereed), {"reason": "Paro de transportes", "next": "/office/matches/"})
    assert response.status_code == 302 and response["Location"] == "/office/matches/"
    assert snapshot(world.refereed)["status_note"] == "Paro de transportes"


def test_cancel_swaps_the_display_row_back_and_without_htmx_goes_to_the_list(client, world):
    client.force_login(world.office)
    response = client.get(row_url(world.scheduled), {"next": "/office/matches/?round=1"}, headers=HTMX)
    page = response.content.decode()
    assert page.lstrip().startswith(f'<tr id="match-{world.scheduled.pk}"') and "Halcones" in page
    response = client.get(row_url(world.scheduled), {"next": "/office/matches/?round=1"})
    assert response.status_code == 302 and response["Location"] == "/office/matches/?round=1"
