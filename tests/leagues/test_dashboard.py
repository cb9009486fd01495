import datetime

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from fairplay.models import Suspension
from leagues.dashboard import load_dashboard
from leagues.models import Match
from referees.models import MatchSheet
from tests.factories import (
    make_assignment,
    make_category,
    make_championship,
    make_match,
    make_organizer,
    make_player,
    make_referee,
    make_roster_entry,
    make_team,
    make_user,
    make_venue,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's words are asserted in English
    return client

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def rostered(team, **player_fields):
    """A roster entry of `team` for a new player of the team's organizer."""
    organizer = team.category.championship.organizer
    return make_roster_entry(team=team, player=make_player(organizer=organizer, **player_fields))


class World:
    """One office's championship with one item of each kind to do, and items that must not show; another office
    with items of its own."""

    def __init__(self):
        self.organizer = make_organizer(name="Municipalidad de La Esperanza")
        self.office = make_user(username="oficina-esperanza")
        self.organizer.staff.add(self.office)
        self.championship = make_championship(organizer=self.organizer, name="Copa Esperanza", slug="copa-esperanza")
        self.category = make_category(
            championship=self.championship, name="Sub-11", slug="sub-11",
            born_from=datetime.date(2015, 1, 1), born_until=datetime.date(2015, 12, 31),
        )
        make_category(championship=self.championship, name="Sub-13", slug="sub-13")
        self.leones, self.pumas, self.condores = (
            make_team(category=self.category, name=name) for name in ("Leones", "Pumas", "Cóndores")
        )
        self.venue = make_venue(organizer=self.organizer, name="Estadio Mansiche")
        self.played = make_match(
            category=self.category, home=self.leones, away=self.pumas, round=1, date=days(-7),
            home_goals=2, away_goals=1,
        )
        self.older = make_match(
            category=self.category, home=self.pumas, away=self.condores, round=1, date=days(-7),
            status=Match.Status.WALKOVER, walkover_winner=self.pumas,
        )
        self.cancelled = make_match(
            category=self.category, home=self.condores, away=self.leones, round=1, date=days(1),
            status=Match.Status.CANCELLED,
        )
        self.refereed = make_match(
            category=self.category, home=self.leones, away=self.condores, round=2, date=days(3),
            time=datetime.time(10, 0), venue=self.venue,
        )
        self.referee = make_referee(organizer=self.organizer, given_names="Julio", surnames="Vásquez")
        make_assignment(match=self.refereed, referee=self.referee)
        self.unrefereed = make_match(
            category=self.category, home=self.pumas, away=self.condores, round=2, date=days(3),
            time=datetime.time(12, 0),
        )
        # An assistant is not the referee: the match still needs one.
        make_assignment(match=self.unrefereed, role="assistant")
        self.far = make_match(category=self.category, home=self.pumas, away=self.leones, round=3, date=days(20))

        self.submitted = MatchSheet.objects.create(match=self.played, status="submitted", submitted_at=timezone.now())
        MatchSheet.objects.create(match=self.older, status="approved")
        MatchSheet.objects.create(match=self.refereed, status="draft")

        self.too_old = rostered(
            self.leones, given_names="Rosa", surnames="Paredes", birth_date=datetime.date(2013, 5, 2)
        )
        self.no_birth_date = rostered(self.pumas, given_names="Luis", surnames="Chávez", birth_date=None)
        rostered(self.condores, birth_date=datetime.date(2015, 6, 1))

        sent_off = rostered(self.leones, given_names="Diego", surnames="Ramos").player
        self.suspension = Suspension.objects.create(
            team=self.leones, player=sent_off, cause="red", origin_match=self.played, matches=2
        )
        served = rostered(self.pumas, given_names="Served").player
        Suspension.objects.create(
            team=self.pumas, player=served, cause="office", reason="Conducta", starts_on=days(-10), matches=1
        )
        lifted = rostered(self.condores, given_names="Lifted").player
        Suspension.objects.create(
            team=self.condores, player=lifted, cause="office", reason="Error", starts_on=days(-1), matches=3,
            lifted_at=timezone.now(), lift_reason="Error de planilla",
        )
        make_championship(organizer=self.organizer, name="Copa 2024", slug="copa-2024", status="finished")

        # Another office, with one item of each kind: none may show to the first.
        self.other_organizer = make_organizer(name="Municipalidad de El Porvenir")
        self.other_office = make_user(username="oficina-porvenir")
        self.other_organizer.staff.add(self.other_office)
        other_championship = make_championship(organizer=self.other_organizer, name="Copa Porvenir")
        other_category = make_category(championship=other_championship, born_from=datetime.date(2016, 1, 1))
        other_home = make_team(category=other_category, name="Halcones")
        other_match = make_match(
            category=other_category, home=other_home, round=1, date=days(1), home_goals=0, away_goals=0
        )
        self.other_next = make_match(category=other_category, home=other_home, round=2, date=days(1))
        MatchSheet.objects.create(match=other_match, status="submitted")
        other_player = rostered(other_home, given_names="Otro", birth_date=datetime.date(2010, 1, 1)).player
        Suspension.objects.create(
            team=other_home, player=other_player, cause="red", origin_match=other_match, matches=3
        )


@pytest.fixture
def world():
    return World()


def dashboard_for(world):
    return load_dashboard([world.organizer], today=TODAY)


def get_page(client, user):
    client.force_login(user)
    return client.get(reverse("leagues:office_dashboard"), headers={"accept-language": "en"})


# --- Each block -------------------------------------------------------------------------------------------------------


def test_championships_show_their_counts_and_leave_out_finished_ones_and_other_offices(world):
    [row] = dashboard_for(world).championships
    assert (row.name, row.categories, row.teams, row.played, row.matches) == ("Copa Esperanza", 2, 3, 2, 5)
    assert row.fix_url == reverse("admin:leagues_championship_change", args=[world.championship.pk])
    assert row.public_url == reverse("leagues:championship", args=["copa-esperanza"])


def test_next_match_day_is_the_first_day_with_scheduled_matches_with_venue_time_and_referee(world):
    dashboard = dashboard_for(world)
    assert dashboard.next_match_day == days(3)  # the cancelled match tomorrow does not count
    assert [(m.home, m.away, m.time, m.venue, m.referee) for m in dashboard.next_matches] == [
        ("Leones", "Cóndores", datetime.time(10, 0), "Estadio Mansiche", "Julio Vásquez"),
        ("Pumas", "Cóndores", datetime.time(12, 0), "", ""),
    ]
    assert dashboard.next_matches[1].fix_url == board_of(world.unrefereed)


def test_sheets_waiting_for_review_are_the_submitted_ones_and_open_on_the_sheet_page(world):
    [sheet] = dashboard_for(world).sheets_to_review
    assert (sheet.home, sheet.away) == ("Leones", "Pumas")
    assert sheet.fix_url == reverse("referees:sheet", args=[world.played.pk])


def board_of(match) -> str:
    return reverse("referees:assignment_board") + f"?day={match.date.isoformat()}"


def test_matches_without_a_main_referee_in_the_next_two_weeks_link_to_the_board_of_their_day(world):
    [match] = dashboard_for(world).without_referee
    assert match.id == world.unrefereed.pk  # not the one with a referee, not the one in 20 days, not the cancelled one
    assert match.fix_url == board_of(world.unrefereed)


def test_active_suspensions_show_the_matches_left_and_leave_out_served_and_lifted_ones(world):
    [row] = dashboard_for(world).suspensions
    assert (row.player, row.team, row.matches_left) == ("Diego Ramos", "Leones", 2)
    assert row.fix_url == reverse("fairplay:sanctions") + f"?team={world.leones.pk}#suspensions"


def test_a_suspension_partly_served_shows_what_is_left(world):
    world.refereed.status, world.refereed.home_goals, world.refereed.away_goals = Match.Status.PLAYED, 1, 0
    world.refereed.save()
    [row] = dashboard_for(world).suspensions
    assert row.matches_left == 1


def test_eligibility_problems_are_players_born_outside_the_range_or_without_a_birth_date(world):
    rows = dashboard_for(world).eligibility
    assert {(r.player, r.birth_date) for r in rows} == {
        ("Rosa Paredes", datetime.date(2013, 5, 2)),
        ("Luis Chávez", None),
    }
    too_old = next(r for r in rows if r.id == world.too_old.pk)
    assert too_old.fix_url == reverse("admin:leagues_player_change", args=[world.too_old.player_id])
    assert too_old.roster_url == reverse("admin:leagues_team_change", args=[world.leones.pk]) + "#roster-group"


def test_the_page_lists_each_item_with_the_link_where_it_is_fixed(client, world):
    response = get_page(client, world.office)
    assert response.status_code == 200
    page = response.content.decode()
    for url in (
        reverse("admin:leagues_championship_change", args=[world.championship.pk]),
        board_of(world.unrefereed),
        reverse("referees:sheet", args=[world.played.pk]),
        reverse("fairplay:sanctions") + f"?team={world.leones.pk}#suspensions",
        reverse("leagues:office_matches"),
        reverse("leagues:wizard_start"),
        reverse("admin:leagues_player_change", args=[world.too_old.player_id]),
        reverse("fairplay:indicators"),
        reverse("certificates:batches"),
    ):
        assert f'href="{url}"' in page, url
    assert "no referee" in page
    assert "2 matches left" in page
    assert "No birth date (Sub-11)" in page


def test_the_page_shows_nothing_of_another_office(client, world):
    page = get_page(client, world.office).content.decode()
    assert "Porvenir" not in page
    assert "Halcones" not in page
    assert board_of(world.other_next) not in page


def test_an_office_with_nothing_to_do_is_told_so_in_each_block(client):
    office = make_user()
    make_organizer().staff.add(office)
    page = get_page(client, office).content.decode()
    assert page.count("nothing to do") == 6


def test_an_office_of_two_organizers_sees_both_with_the_organizer_named(client, world):
    world.other_organizer.staff.add(world.office)
    page = get_page(client, world.office).content.decode()
    assert "Copa Porvenir" in page
    assert "Municipalidad de El Porvenir" in page


# --- Who may see it ---------------------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("leagues:office_dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("user_kind", ["plain", "staff_of_no_office", "referee"])
def test_users_of_no_office_are_forbidden(client, user_kind):
    if user_kind == "referee":
        user = make_referee().user
    else:
        user = make_user(is_staff=user_kind == "staff_of_no_office")
    assert get_page(client, user).status_code == 403


def test_the_office_sees_its_dashboard(client, world):
    response = get_page(client, world.office)
    assert response.status_code == 200
    assert "Copa Esperanza" in response.content.decode()


def test_a_superuser_sees_every_office(client, world):
    page = get_page(client, make_user(is_superuser=True, is_staff=True)).content.decode()
    assert "Copa Esperanza" in page
    assert "Copa Porvenir" in page


# --- A fixed number of queries ----------------------------------------------------------------------------------------


def test_the_loader_runs_seven_queries_for_one_championship(world, django_assert_num_queries):
    with django_assert_num_queries(7):
        load_dashboard([world.organizer], today=TODAY)


def test_the_loader_runs_seven_queries_for_several_championships(world, django_assert_num_queries):
    for n in range(3):
        championship = make_championship(organizer=world.organizer)
        team = make_team(category=make_category(championship=championship))
        match = make_match(category=team.category, home=team, date=days(2 + n), home_goals=1, away_goals=1)
        MatchSheet.objects.create(match=match, status="submitted")
        player = rostered(team, birth_date=None).player
        Suspension.objects.create(team=team, player=player, cause="red", origin_match=match, matches=1)
        make_match(category=team.category, home=team, round=2, date=days(5 + n))
    with django_assert_num_queries(7):
        dashboard = load_dashboard([world.organizer, world.other_organizer], today=TODAY)
    assert len(dashboard.championships) == 5
    assert len(dashboard.suspensions) == 5


def test_the_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.office)
    with django_assert_num_queries(10):  # session, user, the user's offices, the loader's seven
        client.get(reverse("leagues:office_dashboard"))
