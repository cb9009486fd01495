"""Appointing referees: one main referee, assistants optional, never one referee in two overlapping matches."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from referees import services
from referees.models import Assignment
from tests.factories import make_category, make_championship, make_match, make_referee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def category():
    # 2 × 25 minutes: with added time and the turnaround a match holds its referee for about 1 h 40.
    return make_category(championship=make_championship(), half_minutes=25, max_added_time=10)


def at(category, hour, minute=0, day=21, **fields):
    return make_match(category=category, date=datetime.date(2026, 11, day), time=datetime.time(hour, minute), **fields)


def test_one_referee_in_two_overlapping_matches_is_refused_with_a_clear_message(category):
    referee = make_referee(organizer=category.championship.organizer, given_names="Julio", surnames="Vásquez")
    first = at(category, 9, 0)
    services.assignment_create(match=first, referee=referee)
    clash = at(category, 10, 0)
    with pytest.raises(ValidationError) as caught:
        services.assignment_create(match=clash, referee=referee)
    message = " ".join(caught.value.message_dict["referee"])
    assert "Julio Vásquez already referees" in message and "09:00" in message and "21/11/2026" in message
    assert not Assignment.objects.filter(match=clash).exists()


@pytest.mark.parametrize("hour, minute, day", [(11, 0, 21), (9, 0, 22)])
def test_matches_that_do_not_overlap_are_fine(category, hour, minute, day):
    referee = make_referee(organizer=category.championship.organizer)
    services.assignment_create(match=at(category, 9, 0), referee=referee)
    services.assignment_create(match=at(category, hour, minute, day=day), referee=referee)
    assert Assignment.objects.filter(referee=referee).count() == 2


def test_a_cancelled_match_does_not_hold_its_referee(category):
    referee = make_referee(organizer=category.championship.organizer)
    services.assignment_create(match=at(category, 9, 0, status="cancelled"), referee=referee)
    services.assignment_create(match=at(category, 9, 30), referee=referee)


def test_one_main_referee_and_assistants(category):
    organizer = category.championship.organizer
    match = at(category, 9)
    services.assignment_create(match=match, referee=make_referee(organizer=organizer))
    with pytest.raises(ValidationError) as caught:
        services.assignment_create(match=match, referee=make_referee(organizer=organizer))
    assert "role" in caught.value.message_dict
    services.assignment_create(match=match, referee=make_referee(organizer=organizer), role=Assignment.Role.ASSISTANT)
    services.assignment_create(match=match, referee=make_referee(organizer=organizer), role=Assignment.Role.ASSISTANT)
    assert match.assignments.count() == 3


def test_a_referee_of_another_office_or_inactive_is_refused(category):
    match = at(category, 9)
    with pytest.raises(ValidationError):
        services.assignment_create(match=match, referee=make_referee())
    with pytest.raises(ValidationError):
        services.assignment_create(match=match, referee=make_referee(organizer=category.championship.organizer, active=False))
    assert not match.assignments.exists()


def test_regenerating_a_fixture_takes_the_appointments_of_deleted_matches_with_it(category):
    match = at(category, 9)
    services.assignment_create(match=match, referee=make_referee(organizer=category.championship.organizer))
    match.delete()
    assert not Assignment.objects.exists()


def test_the_referees_matches_today_first(category):
    referee = make_referee(organizer=category.championship.organizer)
    today = datetime.date(2026, 11, 21)
    past = at(category, 9, day=14)
    later = at(category, 9, day=28)
    today_late, today_early = at(category, 15, day=21), at(category, 9, day=21)
    for match in (past, later, today_late, today_early):
        services.assignment_create(match=match, referee=referee)
    assert services.matches_for_referee(referee, today=today) == [today_early, today_late, later, past]
