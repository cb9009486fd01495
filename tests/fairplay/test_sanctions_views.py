"""The office's sanctions page: suspensions listed, filtered, sorted, lifted and added; point adjustments listed,
added and deleted; each office sees and changes only its own."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.urls import reverse
from django.utils import timezone

from fairplay.models import Suspension
from leagues.models import PointAdjustment
from tests.factories import (
    make_adjustment, make_category, make_championship, make_coach, make_match, make_organizer, make_player,
    make_roster_entry, make_team, make_user,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("fairplay:sanctions")
TODAY = timezone.localdate()


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's words are asserted in English
    return client


def rostered(team, given_names, surnames="Quispe"):
    organizer = team.category.championship.organizer
    return make_roster_entry(
        team=team, player=make_player(organizer=organizer, given_names=given_names, surnames=surnames)
    ).player


def suspend(team, player, *, cause=Suspension.Cause.OFFICE, matches=1, reason="Agresión al árbitro", **fields):
    fields.setdefault("starts_on", TODAY)
    return Suspension.objects.create(team=team, player=player, cause=cause, matches=matches, reason=reason, **fields)


class World:
    """An office with two championships; another office with a championship of its own."""

    def __init__(self):
        self.organizer = make_organizer(name="Municipalidad de El Porvenir")
        self.office = make_user(username="oficina-porvenir", is_staff=True)
        self.organizer.staff.add(self.office)
        self.copa = make_championship(organizer=self.organizer, name="Copa Porvenir")
        self.liga = make_championship(organizer=self.organizer, name="Liga Porvenir")
        self.sub11 = make_category(championship=self.copa, name="Sub-11")
        self.sub13 = make_category(championship=self.liga, name="Sub-13")
        self.leones = make_team(category=self.sub11, name="Leones")
        self.pumas = make_team(category=self.sub11, name="Pumas")
        self.halcones = make_team(category=self.sub13, name="Halcones")
        self.ana = rostered(self.leones, "Ana", "Alvarado")
        self.beto = rostered(self.pumas, "Beto", "Benites")
        self.carla = rostered(self.halcones, "Carla", "Cruz")
        self.lifted_one = rostered(self.leones, "Diego", "Díaz")

        self.other_organizer = make_organizer(name="Municipalidad de Florencia de Mora")
        self.other_office = make_user(username="oficina-florencia", is_staff=True)
        self.other_organizer.staff.add(self.other_office)
        self.other_category = make_category(
            championship=make_championship(organizer=self.other_organizer, name="Copa Florencia"), name="Sub-9"
        )
        self.condores = make_team(category=self.other_category, name="Cóndores")
        self.zoe = rostered(self.condores, "Zoe", "Zavala")


@pytest.fixture
def world():
    return World()


@pytest.fixture
def office(client, world):
    client.force_login(world.office)
    return client


def page(client, **params):
    return client.get(PAGE, params)


def text(response) -> str:
    return response.content.decode()


# --- Who may come in: anonymous → login, wrong role → 403, the office → 200 ---------------------------------------


def _routes(world):
    s = suspend(world.leones, world.ana)
    a = make_adjustment(team=world.leones)
    return [
        ("get", PAGE),
        ("post", reverse("fairplay:suspension_lift", args=[s.pk])),
        ("post", reverse("fairplay:suspension_add")),
        ("post", reverse("fairplay:adjustment_add")),
        ("post", reverse("fairplay:adjustment_delete", args=[a.pk])),
    ]


def test_anonymous_visitors_are_sent_to_log_in_on_every_route(client, world):
    for method, url in _routes(world):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("who", ["plain", "coach", "staff_without_office"])
def test_users_who_are_not_office_staff_get_403_on_every_route(client, world, who):
    user = make_user(is_staff=who == "staff_without_office")
    if who == "coach":
        make_coach(organizer=world.organizer, user=user).teams.add(world.leones)
    client.force_login(user)
    for method, url in _routes(world):
        assert getattr(client, method)(url).status_code == 403, url
    assert Suspension.objects.active().count() == 1 and PointAdjustment.objects.count() == 1


def test_office_staff_and_superusers_see_the_page(client, world):
    client.force_login(world.office)
    assert page(client).status_code == 200
    client.force_login(make_user(is_superuser=True))
    response = page(client)
    assert response.status_code == 200 and "Sanctions" in text(response)


def test_the_page_renders_in_spanish_too(client, world, settings):
    suspend(world.leones, world.ana)
    make_adjustment(team=world.pumas)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.force_login(world.office)
    response = page(client)
    assert response.status_code == 200 and 'lang="es"' in text(response) and "Ana Alvarado" in text(response)


# --- The suspensions list ------------------------------------------------------------------------------------------


def test_the_list_shows_only_the_offices_suspensions_and_choices(office, world):
    suspend(world.leones, world.ana)
    suspend(world.condores, world.zoe)
    body = text(page(office))
    assert "Ana Alvarado" in body
    assert "Zoe Zavala" not in body
    # Not even in the filter's or the forms' dropdowns.
    assert "Copa Florencia" not in body and "Cóndores" not in body and "Sub-9" not in body


def test_another_offices_championship_in_the_filter_shows_nothing_of_it(office, world):
    suspend(world.leones, world.ana)
    suspend(world.condores, world.zoe)
    body = text(page(office, championship=world.other_category.championship_id))
    assert "Zoe Zavala" not in body and "Copa Florencia" not in body


def test_the_list_shows_active_suspensions_unless_asked_for_lifted_or_all(office, world):
    suspend(world.leones, world.ana)
    suspend(
        world.leones, world.lifted_one, lifted_at=timezone.now(), lifted_by=world.office,
        lift_reason="Apelación aceptada",
    )
    active = text(page(office))
    assert "Ana Alvarado" in active and "Diego Díaz" not in active
    lifted = text(page(office, state="lifted"))
    assert "Diego Díaz" in lifted and "Ana Alvarado" not in lifted
    assert "Lifted by oficina-porvenir" in lifted and "Apelación aceptada" in lifted
    every = text(page(office, state="all"))
    assert "Diego Díaz" in every and "Ana Alvarado" in every


def test_filters_by_championship_category_team_and_cause(office, world):
    suspend(world.leones, world.ana)
    suspend(world.pumas, world.beto, cause=Suspension.Cause.RED, origin_match=make_match(
        category=world.sub11, home=world.pumas, away=world.leones, date=TODAY - datetime.timedelta(days=3),
        home_goals=1, away_goals=0,
    ), starts_on=None, reason="")
    suspend(world.halcones, world.carla)

    def names(**params):
        body = text(page(office, **params))
        return {name for name in ("Ana Alvarado", "Beto Benites", "Carla Cruz") if name in body}

    assert names() == {"Ana Alvarado", "Beto Benites", "Carla Cruz"}
    assert names(championship=world.liga.pk) == {"Carla Cruz"}
    assert names(category=world.sub11.pk) == {"Ana Alvarado", "Beto Benites"}
    assert names(team=world.pumas.pk) == {"Beto Benites"}
    assert names(cause="red") == {"Beto Benites"}
    assert names(cause="office", category=world.sub11.pk) == {"Ana Alvarado"}


def test_sorting_by_player_and_team_changes_the_order(office, world):
    suspend(world.pumas, world.ana)  # Ana plays for Leones, but the order only needs names: Ana · Pumas
    suspend(world.leones, world.lifted_one)  # Diego · Leones

    def order(sort):
        body = text(page(office, **{"s-sort": sort}))
        return sorted(("Ana Alvarado", "Diego Díaz"), key=body.index)

    assert order("player") == ["Ana Alvarado", "Diego Díaz"]
    assert order("-player") == ["Diego Díaz", "Ana Alvarado"]
    assert order("team") == ["Diego Díaz", "Ana Alvarado"]
    assert order("-team") == ["Ana Alvarado", "Diego Díaz"]


def test_matches_left_count_the_played_matches_of_the_team(office, world):
    for rnd, days_ago in ((1, 10), (2, 5)):
        make_match(category=world.sub11, home=world.leones, away=world.pumas, round=rnd,
                   date=TODAY - datetime.timedelta(days=days_ago), home_goals=0, away_goals=0)
    make_match(category=world.sub11, home=world.pumas, away=world.leones, round=3, date=TODAY + datetime.timedelta(days=7))
    suspend(world.leones, world.ana, matches=3, starts_on=TODAY - datetime.timedelta(days=7))
    suspend(world.leones, world.lifted_one, matches=1, starts_on=TODAY - datetime.timedelta(days=12))
    body = text(page(office))
    assert "2 of 3 left" in body
    assert "served (1 match)" in body


def test_the_list_page_runs_a_fixed_number_of_queries(office, world, django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            team = make_team(category=world.sub11)
            make_match(category=world.sub11, home=team, away=world.leones, date=TODAY, home_goals=1, away_goals=1)
            suspend(team, rostered(team, f"Jugador{i}"), matches=2, starts_on=TODAY - datetime.timedelta(days=1))
            make_adjustment(team=team, created_by=world.office)

    add(2)
    with django_assert_max_num_queries(20) as few:
        assert page(office).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = page(office)
    assert text(response).count("1 of 2 left") == 12


# --- Lifting a suspension -------------------------------------------------------------------------------------------


def lift_url(suspension):
    return reverse("fairplay:suspension_lift", args=[suspension.pk])


def test_lifting_without_htmx_records_who_and_why_and_goes_back_to_the_filtered_list(office, world):
    suspension = suspend(world.leones, world.ana)
    back = f"{PAGE}?category={world.sub11.pk}&s-sort=team"
    response = office.post(lift_url(suspension), {"reason": " Apelación aceptada ", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    suspension.refresh_from_db()
    assert suspension.lifted_at is not None and suspension.lifted_by == world.office
    assert suspension.lift_reason == "Apelación aceptada"
    assert "The suspension of Ana Alvarado is lifted." in text(office.get(back))


@pytest.mark.parametrize("next_value", ["https://evil.example/", "fairplay:sanctions"])
def test_a_next_that_is_not_a_path_of_this_site_is_ignored(office, world, next_value):
    suspension = suspend(world.leones, world.ana)
    response = office.post(lift_url(suspension), {"reason": "Error", "next": next_value})
    assert response.status_code == 302 and response["Location"] == PAGE


def test_lifting_with_htmx_swaps_the_list_which_keeps_its_filters(office, world):
    suspension = suspend(world.leones, world.ana)
    suspend(world.halcones, world.carla)
    response = office.post(
        lift_url(suspension), {"reason": "Apelación aceptada", "next": f"{PAGE}?championship={world.copa.pk}"},
        HTTP_HX_REQUEST="true", HTTP_HX_TARGET="suspensions",
    )
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="suspensions"') and "<html" not in body
    assert "The suspension of Ana Alvarado is lifted." in body
    assert "Carla Cruz" not in body  # another championship: the filter held
    assert Suspension.objects.get(pk=suspension.pk).lift_reason == "Apelación aceptada"


@pytest.mark.parametrize("htmx", [False, True])
def test_an_empty_reason_is_shown_beside_the_form_and_nothing_is_written(office, world, htmx):
    suspension = suspend(world.leones, world.ana)
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "suspensions"} if htmx else {}
    response = office.post(lift_url(suspension), {"reason": "   ", "next": PAGE}, **headers)
    body = text(response)
    assert response.status_code == 200
    assert f'id="lift-error-{suspension.pk}"' in body and "Say why the suspension is lifted." in body
    assert ("<html" in body) is not htmx
    suspension.refresh_from_db()
    assert suspension.lifted_at is None and suspension.lifted_by is None and suspension.lift_reason == ""


def test_lifting_twice_says_it_was_already_lifted_and_keeps_the_first_lift(office, world):
    suspension = suspend(world.leones, world.ana)
    office.post(lift_url(suspension), {"reason": "Primera", "next": PAGE})
    first = Suspension.objects.get(pk=suspension.pk).lifted_at
    response = office.post(lift_url(suspension), {"reason": "Segunda", "next": PAGE})
    assert response.status_code == 200 and "This suspension was already lifted." in text(response)
    suspension.refresh_from_db()
    assert suspension.lift_reason == "Primera" and suspension.lifted_at == first


def test_another_office_cannot_lift_this_offices_suspension(client, world):
    suspension = suspend(world.leones, world.ana)
    client.force_login(world.other_office)
    assert client.post(lift_url(suspension), {"reason": "Porque sí"}).status_code == 404
    assert "Ana Alvarado" not in text(page(client, state="all"))
    suspension.refresh_from_db()
    assert suspension.lifted_at is None


def test_lifting_is_post_only(office, world):
    assert office.get(lift_url(suspend(world.leones, world.ana))).status_code == 405


# --- Adding an office suspension ------------------------------------------------------------------------------------


def add_suspension(client, **fields):
    data = {
        "suspension-team": fields.pop("team").pk, "suspension-player": fields.pop("player").pk,
        "suspension-starts_on": TODAY.isoformat(), "suspension-matches": "2",
        "suspension-reason": "Insultó al árbitro", "next": PAGE,
    }
    data.update({f"suspension-{key}": value for key, value in fields.items()})
    return client.post(reverse("fairplay:suspension_add"), data)


def test_adding_a_suspension_records_an_office_suspension_with_its_reason(office, world):
    response = add_suspension(office, team=world.leones, player=world.ana)
    assert response.status_code == 302 and response["Location"] == PAGE
    suspension = Suspension.objects.get()
    assert (suspension.team, suspension.player, suspension.cause) == (world.leones, world.ana, "office")
    assert (suspension.matches, suspension.starts_on, suspension.reason) == (2, TODAY, "Insultó al árbitro")
    assert suspension.created_by == world.office


def test_a_player_not_on_the_teams_roster_is_refused(office, world):
    response = add_suspension(office, team=world.leones, player=world.beto)  # Beto plays for Pumas
    assert response.status_code == 200 and "This player is not on the team&#x27;s roster." in text(response)
    assert not Suspension.objects.exists()


def test_an_empty_reason_or_no_match_is_refused(office, world):
    response = add_suspension(office, team=world.leones, player=world.ana, reason=" ", matches="0")
    body = text(response)
    assert "Say why the player is suspended." in body and "greater than or equal to 1" in body
    assert not Suspension.objects.exists()


def test_a_team_of_another_office_is_refused(office, world):
    response = add_suspension(office, team=world.condores, player=world.zoe)
    assert response.status_code == 200 and "Select a valid choice" in text(response)
    assert not Suspension.objects.exists()


def test_the_player_list_shows_the_chosen_teams_roster(office, world):
    response = office.get(
        PAGE, {"suspension-team": world.leones.pk}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="suspension-player"
    )
    body = text(response)
    assert body.lstrip().startswith('<div class="sanctions-field" id="suspension-player">')
    assert "Ana Alvarado" in body and "Diego Díaz" in body and "Beto Benites" not in body
    other = text(page(office, **{"suspension-team": world.condores.pk}))
    assert "Zoe Zavala" not in other


# --- Point adjustments ----------------------------------------------------------------------------------------------


def add_adjustment(client, team, points="-3", reason="Jugador no elegible", **extra):
    data = {"adjustment-team": team.pk, "adjustment-points": points, "adjustment-reason": reason,
            "adjustment-date": TODAY.isoformat(), "next": PAGE, **extra}
    return client.post(reverse("fairplay:adjustment_add"), data)


def test_adding_an_adjustment_records_who_made_it(office, world):
    response = add_adjustment(office, world.pumas)
    assert response.status_code == 302
    adjustment = PointAdjustment.objects.get()
    assert (adjustment.team, adjustment.points, adjustment.created_by) == (world.pumas, -3, world.office)
    assert adjustment.reason == "Jugador no elegible" and adjustment.date == TODAY


def test_the_add_form_proposes_today(office, world):
    assert f'value="{TODAY.isoformat()}"' in text(page(office))


def test_zero_points_or_no_reason_is_refused_with_a_clear_error(office, world):
    body = text(add_adjustment(office, world.pumas, points="0", reason=""))
    assert "An adjustment must add or deduct points" in body and "Say why the points change." in body
    assert not PointAdjustment.objects.exists()


def test_another_offices_team_cannot_be_adjusted(office, world):
    response = add_adjustment(office, world.condores)
    assert response.status_code == 200 and "Select a valid choice" in text(response)
    assert not PointAdjustment.objects.exists()


def test_adjustments_are_listed_filtered_and_sorted(office, world):
    make_adjustment(team=world.leones, points=-3, reason="Alineación indebida")
    make_adjustment(team=world.halcones, points=2, reason="Partido ganado en mesa")
    make_adjustment(team=world.condores, points=-6, reason="Ajuste de otra oficina")
    body = text(page(office))
    assert "Alineación indebida" in body and "Partido ganado en mesa" in body and "Ajuste de otra oficina" not in body
    narrowed = text(page(office, championship=world.liga.pk))
    assert "Partido ganado en mesa" in narrowed and "Alineación indebida" not in narrowed
    up = text(page(office, **{"a-sort": "points"}))
    assert up.index("Alineación indebida") < up.index("Partido ganado en mesa")
    down = text(page(office, **{"a-sort": "-points"}))
    assert down.index("Partido ganado en mesa") < down.index("Alineación indebida")


def delete_url(adjustment):
    return reverse("fairplay:adjustment_delete", args=[adjustment.pk])


def test_deleting_an_adjustment_needs_a_reason_and_leaves_it_in_the_history(office, world):
    adjustment = make_adjustment(team=world.leones, points=-3, reason="Alineación indebida")
    refused = office.post(delete_url(adjustment), {"reason": "", "next": PAGE})
    assert refused.status_code == 200 and "Say why the adjustment is deleted" in text(refused)
    assert PointAdjustment.objects.filter(pk=adjustment.pk).exists()

    response = office.post(delete_url(adjustment), {"reason": "Equipo equivocado", "next": PAGE})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not PointAdjustment.objects.filter(pk=adjustment.pk).exists()
    entry = LogEntry.objects.get()
    assert entry.action_flag == DELETION and entry.user == world.office and entry.object_id == str(adjustment.pk)
    assert "Equipo equivocado" in entry.change_message and "Alineación indebida" in entry.change_message


def test_deleting_with_htmx_swaps_the_adjustments_list(office, world):
    adjustment = make_adjustment(team=world.leones, reason="Alineación indebida")
    response = office.post(
        delete_url(adjustment), {"reason": "Equipo equivocado", "next": PAGE},
        HTTP_HX_REQUEST="true", HTTP_HX_TARGET="adjustments",
    )
    body = text(response)
    assert body.lstrip().startswith('<section id="adjustments"') and "is deleted" in body
    assert "Alineación indebida" not in body
    assert not PointAdjustment.objects.exists()


def test_another_office_cannot_delete_this_offices_adjustment(client, world):
    adjustment = make_adjustment(team=world.leones)
    client.force_login(world.other_office)
    assert client.post(delete_url(adjustment), {"reason": "Porque sí"}).status_code == 404
    assert client.get(delete_url(adjustment)).status_code == 405
    assert PointAdjustment.objects.filter(pk=adjustment.pk).exists() and not LogEntry.objects.exists()


def test_without_javascript_a_team_alone_brings_back_the_form_with_its_roster(office, world):
    response = office.post(reverse("fairplay:suspension_add"), {
        "suspension-team": world.leones.pk, "suspension-starts_on": TODAY.isoformat(), "suspension-matches": "1",
        "suspension-reason": "Insultó al árbitro", "next": PAGE,
    })
    body = text(response)
    assert response.status_code == 200 and "Choose the player" in body
    player_field = body[body.index('id="suspension-player"'):body.index("</select>", body.index('id="suspension-player"'))]
    assert "Ana Alvarado" in player_field and "Beto Benites" not in player_field and "required" not in player_field
    assert not Suspension.objects.exists()
