"""The referee's and the coach's start pages: anonymous → login, wrong role → 403, right role → their own matches."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fairplay import services as discipline
from referees.models import MatchSheet, SheetConfirmation
from tests.factories import SheetWorld, make_assignment, make_match, make_referee

pytestmark = pytest.mark.django_db

PAGES = ["referees:referee_home", "referees:coach_home"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world():
    return SheetWorld()


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_the_login_page(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("page", "role"),
    [
        ("referees:referee_home", "coach"),
        ("referees:referee_home", "office"),
        ("referees:coach_home", "assigned_referee"),
        ("referees:coach_home", "office"),
    ],
)
def test_wrong_role_is_forbidden(client, world, page, role):
    client.force_login(world.users()[role])
    assert client.get(reverse(page)).status_code == 403


def test_an_inactive_referee_has_no_referee_page(client, world):
    world.referee.active = False
    world.referee.save()
    client.force_login(world.referee_user)
    assert client.get(reverse("referees:referee_home")).status_code == 403


# --- the referee ------------------------------------------------------------------------------------------------------


def shown_matches(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-match="(\d+)"', response.content.decode())]


def test_referee_sees_todays_match_first_as_a_card_that_opens_the_sheet(client, world):
    today = timezone.localdate()
    later = make_match(
        category=world.category, home=world.home, away=world.away, round=3, date=today + datetime.timedelta(days=6),
        time=datetime.time(9, 0),
    )
    now = make_match(
        category=world.category, home=world.away, away=world.home, round=2, date=today, time=datetime.time(16, 0)
    )
    for match in (later, now):
        make_assignment(match=match, referee=world.referee)
    MatchSheet.objects.create(match=world.match, status=MatchSheet.Status.SUBMITTED)
    client.force_login(world.referee_user)

    response = client.get(reverse("referees:referee_home"))

    assert response.status_code == 200
    assert shown_matches(response) == [now.pk, later.pk, world.match.pk]
    html = response.content.decode()
    assert reverse("referees:sheet", args=[now.pk]) in html
    for text in ("Today", "16:00", "Halcones", "Cóndores", world.category.name, "Not started", "Submitted"):
        assert text in html


def test_referee_sees_only_their_own_matches(client, world):
    other = make_match(category=world.category, home=world.home, away=world.away, round=2)
    make_assignment(match=other, referee=make_referee(organizer=world.organizer))
    client.force_login(world.referee_user)
    assert shown_matches(client.get(reverse("referees:referee_home"))) == [world.match.pk]


def test_referee_page_queries_do_not_grow_with_the_matches(client, world):
    client.force_login(world.referee_user)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("referees:referee_home"))
    for round_ in range(2, 6):
        match = make_match(category=world.category, home=world.home, away=world.away, round=round_)
        make_assignment(match=match, referee=world.referee)
        MatchSheet.objects.create(match=match)
    with CaptureQueriesContext(connection) as five:
        response = client.get(reverse("referees:referee_home"))
    assert len(shown_matches(response)) == 5
    assert len(five) == len(one)


def test_referee_without_matches_is_told_so(client, world):
    client.force_login(world.other_referee_user)
    response = client.get(reverse("referees:referee_home"))
    assert response.status_code == 200
    assert "You have no matches assigned yet." in response.content.decode()


# --- the coach --------------------------------------------------------------------------------------------------------


def test_coach_sees_a_suspension_with_the_matches_left(client, world):
    make_match(
        category=world.category, home=world.home, away=world.away, round=2,
        date=timezone.localdate() + datetime.timedelta(days=5),
    )
    player = world.player(world.home)
    discipline.suspension_add(
        team=world.home, player=player, matches=2, starts_on=timezone.localdate(), reason="Conducta violenta",
        user=world.office,
    )
    client.force_login(world.coach_user[world.home.pk])

    response = client.get(reverse("referees:coach_home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert player.display_name in html
    assert "2 matches left" in html
    assert "Conducta violenta" in html


def test_coach_sees_results_and_the_sheet_awaiting_their_confirmation(client, world):
    world.match.home_goals, world.match.away_goals, world.match.status = 3, 1, "played"
    world.match.save()
    MatchSheet.objects.create(match=world.match, status=MatchSheet.Status.SUBMITTED)
    client.force_login(world.coach_user[world.home.pk])

    html = client.get(reverse("referees:coach_home")).content.decode()

    assert "3&nbsp;–&nbsp;1" in html
    assert "Waiting for your confirmation" in html
    assert reverse("referees:sheet", args=[world.match.pk]) in html


def test_a_confirmed_sheet_is_no_longer_awaiting(client, world):
    sheet = MatchSheet.objects.create(match=world.match, status=MatchSheet.Status.SUBMITTED)
    SheetConfirmation.objects.create(
        sheet=sheet, team=world.home, name="Rosa", decision=SheetConfirmation.Decision.CONFIRMED
    )
    client.force_login(world.coach_user[world.home.pk])
    html = client.get(reverse("referees:coach_home")).content.decode()
    assert "Waiting for your confirmation" not in html
    assert reverse("referees:sheet", args=[world.match.pk]) in html


def test_coach_page_queries_do_not_grow_with_the_matches(client, world):
    client.force_login(world.coach_user[world.home.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("referees:coach_home"))
    for round_ in range(2, 6):
        MatchSheet.objects.create(
            match=make_match(category=world.category, home=world.home, away=world.away, round=round_),
            status=MatchSheet.Status.SUBMITTED,
        )
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("referees:coach_home"))
    assert len(five) == len(one)


def test_coach_sees_only_their_own_teams(client, world):
    client.force_login(world.other_coach_user)
    html = client.get(reverse("referees:coach_home")).content.decode()
    assert "Otros" in html
    assert "Halcones" not in html


def test_coach_sees_the_teams_fair_play_record_roster_and_eligibility(client, world):
    import datetime as dt

    from tests.factories import make_card

    world.match.home_goals, world.match.away_goals, world.match.status = 1, 0, "played"
    world.match.save()
    make_card(match=world.match, team=world.home, player=world.player(world.home), colour="blue")
    make_card(match=world.match, team=world.home, recipient="barra", colour="blue")
    world.category.born_from, world.category.born_until = dt.date(2014, 1, 1), dt.date(2015, 12, 31)
    world.category.save()
    too_old = world.player(world.home, 1)
    too_old.birth_date = dt.date(2010, 5, 1)
    too_old.save()
    client.force_login(world.coach_user[world.home.pk])

    html = client.get(reverse("referees:coach_home")).content.decode()

    assert "Position 1 of 3 in the Copa Fair Play · 5 points, 5 a match · 2 blue cards" in " ".join(html.split())
    breakdown = reverse("fairplay:fair_play_team", args=[world.category.championship.slug, world.category.slug,
                                                          world.home.pk])
    assert breakdown in html
    assert f"{reverse('fairplay:manual')}?audience=coaches" in html
    assert too_old.display_name in html and html.count("Birth date outside the category") == 1
    assert too_old.surnames not in html.replace("Ñáñez", "")  # the roster shows display names only


def test_the_office_reviews_its_submitted_and_reopened_sheets_and_nobody_else_sees_the_queue(client, world):
    from referees.models import SheetConfirmation

    submitted = MatchSheet.objects.create(match=world.match, status=MatchSheet.Status.SUBMITTED)
    SheetConfirmation.objects.create(sheet=submitted, team=world.home, name="Rosa", decision="confirmed")
    draft = MatchSheet.objects.create(
        match=make_match(category=world.category, home=world.away, away=world.home, round=2), status="draft")
    url = reverse("referees:review_queue")

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(world.coach_user[world.home.pk])
    assert client.get(url).status_code == 403
    client.force_login(world.other_office)
    assert not client.get(url).context["rows"]  # another office: nothing of this one's
    client.force_login(world.office)
    response = client.get(url)
    assert [row["sheet"] for row in response.context["rows"]] == [submitted]
    assert reverse("referees:sheet", args=[world.match.pk]) in response.content.decode()
    assert response.context["rows"][0]["confirmed"] == 1
    assert draft not in [row["sheet"] for row in response.context["rows"]]


def test_office_staff_land_on_their_dashboard_and_a_staff_user_of_no_office_on_the_admin(client, world):
    client.force_login(world.office)
    assert client.get(reverse("referees:home"))["Location"] == reverse("leagues:office_dashboard")
    from tests.factories import make_user

    client.force_login(make_user(is_staff=True))
    assert client.get(reverse("referees:home"))["Location"] == reverse("admin:index")
