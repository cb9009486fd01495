"""The referee assignment board: matches of a day against the office's referees, free / appointed / busy, one click."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from referees import board_views
from referees.board import ASSIGNED, BUSY, FREE, load_board
from referees.models import Assignment
from tests.factories import (
    make_assignment, make_category, make_championship, make_match, make_organizer, make_referee, make_user,
)

# The board's routes, added to the project's `referees` namespace until the lead adds them to referees/urls.py.
pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 21)
TODAY = datetime.date(2026, 11, 18)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's words are asserted in English
    return client


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(board_views.timezone, "localdate", lambda: TODAY)


class World:
    """Two matches at 9:00 (they overlap), one at 15:00; three referees of the office, one of another office."""

    def __init__(self):
        self.organizer = make_organizer()
        self.category = make_category(championship=make_championship(organizer=self.organizer), half_minutes=25,
                                      max_added_time=10)
        self.early = self.at(9)
        self.clash = self.at(9)
        self.late = self.at(15)
        self.julio = make_referee(organizer=self.organizer, given_names="Julio", surnames="Vásquez")
        self.rosa = make_referee(organizer=self.organizer, given_names="Rosa", surnames="Quispe")
        self.inactive = make_referee(organizer=self.organizer, given_names="Ana", surnames="Inactiva", active=False)
        self.stranger = make_referee(organizer=make_organizer(), given_names="Otro", surnames="Forastero")
        self.office = make_user()
        self.organizer.staff.add(self.office)

    def at(self, hour, day=DAY, **fields):
        return make_match(category=self.category, date=day, time=datetime.time(hour), **fields)


@pytest.fixture
def world():
    return World()


def cell(board, match, referee):
    row = next(row for row in board.rows if row.match_id == match.pk)
    return next(c for c in row.cells if c.referee_id == referee.pk)


URL = "referees:assignment_board"


def board_url(day=DAY):
    return f"{reverse(URL)}?day={day.isoformat()}"


# --- The loader -------------------------------------------------------------------------------------------------------


def test_a_referee_on_a_match_is_assigned_there_busy_on_the_overlapping_one_and_free_later(world):
    make_assignment(match=world.early, referee=world.julio)
    board = load_board([world.organizer], today=TODAY, day=DAY)
    assert cell(board, world.early, world.julio).state == ASSIGNED
    assert cell(board, world.early, world.julio).is_main
    busy = cell(board, world.clash, world.julio)
    assert busy.state == BUSY and str(world.early.home) in busy.busy_with and "09:00" in busy.busy_with
    assert cell(board, world.late, world.julio).state == FREE
    assert cell(board, world.clash, world.rosa).state == FREE
    row = next(row for row in board.rows if row.match_id == world.early.pk)
    assert row.main_referee == "Julio Vásquez" and row.has_main


def test_only_the_offices_active_referees_are_columns(world):
    board = load_board([world.organizer], today=TODAY, day=DAY)
    assert [r.name for r in board.referees] == ["Rosa Quispe", "Julio Vásquez"]


def test_the_day_defaults_to_the_next_day_with_scheduled_matches_and_lists_the_coming_days(world):
    world.at(10, day=datetime.date(2026, 11, 28))
    world.at(10, day=datetime.date(2026, 11, 14))  # past
    world.at(10, day=datetime.date(2026, 11, 20), status="cancelled")
    board = load_board([world.organizer], today=TODAY)
    assert board.day == DAY
    assert board.days == (DAY, datetime.date(2026, 11, 28))
    assert {row.match_id for row in board.rows} == {world.early.pk, world.clash.pk, world.late.pk}


def test_the_loader_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    make_assignment(match=world.early, referee=world.julio)
    for hour in (11, 12, 13):
        make_assignment(match=world.at(hour), referee=make_referee(organizer=world.organizer), role="main")
    with django_assert_num_queries(4):
        board = load_board([world.organizer], today=TODAY, day=DAY)
    assert len(board.rows) == 6 and len(board.referees) == 5


# --- The page ---------------------------------------------------------------------------------------------------------


def test_the_board_shows_free_assigned_and_busy_cells(client, world):
    make_assignment(match=world.early, referee=world.julio)
    client.force_login(world.office)
    page = client.get(board_url()).content.decode()
    assert "busy: 09:00" in page and "✓ main" in page and "Unassign" in page and ">Assign<" in page
    assert "Forastero" not in page and "Inactiva" not in page


def test_assigning_writes_one_assignment_and_redirects_to_the_day(client, world):
    client.force_login(world.office)
    response = client.post(reverse("referees:assignment_board_assign"),
                           {"match": world.early.pk, "referee": world.julio.pk, "role": "main"})
    assert response.status_code == 302 and response["Location"] == board_url()
    assert list(Assignment.objects.values_list("match", "referee", "role")) == [(world.early.pk, world.julio.pk, "main")]


def test_an_overlapping_assignment_is_refused_with_the_message_and_writes_nothing(client, world):
    make_assignment(match=world.early, referee=world.julio)
    client.force_login(world.office)
    response = client.post(reverse("referees:assignment_board_assign"),
                           {"match": world.clash.pk, "referee": world.julio.pk, "role": "main"}, follow=True)
    assert "Julio Vásquez already referees" in response.content.decode()
    assert not Assignment.objects.filter(match=world.clash).exists()


def test_unassigning_deletes_the_assignment(client, world):
    assignment = make_assignment(match=world.early, referee=world.julio)
    client.force_login(world.office)
    response = client.post(reverse("referees:assignment_board_remove"), {"assignment": assignment.pk})
    assert response.status_code == 302 and response["Location"] == board_url()
    assert not Assignment.objects.exists()


def test_with_htmx_a_click_returns_only_the_board_table(client, world):
    client.force_login(world.office)
    response = client.post(reverse("referees:assignment_board_assign"),
                           {"match": world.early.pk, "referee": world.julio.pk, "role": "assistant"},
                           headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and page.lstrip().startswith('<section id="board"')
    assert "✓ assistant" in page and "<html" not in page
    assert Assignment.objects.get().role == "assistant"


def test_with_htmx_a_refusal_shows_the_message_in_the_table(client, world):
    make_assignment(match=world.early, referee=world.julio)
    client.force_login(world.office)
    response = client.post(reverse("referees:assignment_board_assign"),
                           {"match": world.clash.pk, "referee": world.julio.pk, "role": "main"},
                           headers={"HX-Request": "true"})
    assert "already referees" in response.content.decode()
    assert Assignment.objects.count() == 1


# --- Permissions ------------------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, world):
    assert client.get(board_url())["Location"].startswith("/accounts/login/")
    response = client.post(reverse("referees:assignment_board_assign"), {"match": world.early.pk, "referee": world.julio.pk})
    assert response.status_code == 302 and not Assignment.objects.exists()


def test_a_user_without_an_office_is_refused(client, world):
    client.force_login(make_user())
    assert client.get(board_url()).status_code == 403
    response = client.post(reverse("referees:assignment_board_assign"), {"match": world.early.pk, "referee": world.julio.pk})
    assert response.status_code == 403 and not Assignment.objects.exists()


def test_the_office_and_a_superuser_see_the_board(client, world):
    client.force_login(world.office)
    assert client.get(board_url()).status_code == 200
    client.force_login(make_user(is_superuser=True, is_staff=True))
    response = client.get(board_url())
    assert response.status_code == 200 and "Julio Vásquez" in response.content.decode()


def test_another_offices_match_is_refused(client, world):
    other = make_user()
    make_organizer().staff.add(other)
    assignment = make_assignment(match=world.early, referee=world.julio)
    client.force_login(other)
    assert client.post(reverse("referees:assignment_board_assign"),
                       {"match": world.late.pk, "referee": world.rosa.pk}).status_code == 403
    assert client.post(reverse("referees:assignment_board_remove"), {"assignment": assignment.pk}).status_code == 403
    assert Assignment.objects.count() == 1
