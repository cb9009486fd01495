"""The office's admin is scoped per organizer: permission cases in threes, then crafted POSTs and the actions."""

import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from fairplay.models import Card, MatchConduct
from leagues.management.commands.seed_demo import ensure_office_group
from leagues.models import Club, Match, PointAdjustment, RosterEntry
from tests.factories import (
    make_adjustment,
    make_barra,
    make_card,
    make_category,
    make_championship,
    make_coach,
    make_match,
    make_organizer,
    make_player,
    make_roster_entry,
    make_team,
    make_user,
    make_venue,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ("leagues", "championship"),
    ("leagues", "category"),
    ("leagues", "club"),
    ("leagues", "team"),
    ("leagues", "player"),
    ("leagues", "coach"),
    ("leagues", "barra"),
    ("leagues", "venue"),
    ("leagues", "match"),
    ("leagues", "pointadjustment"),
    ("fairplay", "card"),
    ("fairplay", "matchconduct"),
]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client(client):
    # Our source strings are English; Django's own admin messages are asserted in English too.
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def build_office(name):
    organizer = make_organizer(name=name)
    staff = make_user(is_staff=True)
    staff.groups.add(ensure_office_group())
    organizer.staff.add(staff)
    championship = make_championship(organizer=organizer)
    category = make_category(
        championship=championship,
        name=f"Sub-10 {name}",
        born_from=datetime.date(2016, 1, 1), born_until=datetime.date(2017, 12, 31)
    )
    team = make_team(category=category)
    rival = make_team(category=category)
    entry = make_roster_entry(team=team, shirt_number=10, player=make_player(organizer=organizer))
    coach = make_coach(organizer=organizer)
    coach.teams.add(team)
    match = make_match(category=category, home=team, away=rival)
    objects = {
        "championship": championship,
        "category": category,
        "club": team.club,
        "team": team,
        "player": entry.player,
        "coach": coach,
        "barra": make_barra(team=team, name=f"Barra {name}"),
        "venue": make_venue(organizer=organizer),
        "match": match,
        "pointadjustment": make_adjustment(team=rival),
        "card": make_card(match=match, team=team, player=entry.player),
        "matchconduct": MatchConduct.objects.create(match=match, team=team, fouls=3),
    }
    return SimpleNamespace(organizer=organizer, staff=staff, rival=rival, objects=objects, **objects)


@pytest.fixture
def own():
    return build_office("Municipalidad Distrital de La Esperanza")


@pytest.fixture
def other():
    return build_office("Municipalidad Distrital de El Porvenir")


def changelist(app, model):
    return reverse(f"admin:{app}_{model}_changelist")


def change(app, model, obj):
    return reverse(f"admin:{app}_{model}_change", args=[obj.pk])


def listed(response):
    return {obj.pk for obj in response.context["cl"].result_list}


# --- the three cases, on every model's list and change page -----------------------------------------------------------


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_anonymous_is_sent_to_the_login_page(client, own, app, model):
    for url in (changelist(app, model), change(app, model, own.objects[model])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_another_organizers_staff_neither_lists_nor_opens_the_object(client, own, other, app, model):
    client.force_login(other.staff)

    response = client.get(changelist(app, model))
    assert response.status_code == 200
    assert own.objects[model].pk not in listed(response)
    assert other.objects[model].pk in listed(response)

    response = client.get(change(app, model, own.objects[model]), follow=True)
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert "Perhaps it was deleted?" in response.content.decode()


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_own_staff_lists_and_opens_the_object(client, own, other, app, model):
    client.force_login(own.staff)

    response = client.get(changelist(app, model))
    assert response.status_code == 200
    assert listed(response) >= {own.objects[model].pk}
    assert other.objects[model].pk not in listed(response)

    response = client.get(change(app, model, own.objects[model]))
    assert response.status_code == 200
    assert response.context["original"] == own.objects[model]


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_superuser_sees_every_organizer(client, own, other, app, model):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.get(changelist(app, model))
    assert listed(response) >= {own.objects[model].pk, other.objects[model].pk}


def test_organizers_are_managed_by_superusers_only(client, own):
    client.force_login(own.staff)
    assert client.get(changelist("leagues", "organizer")).status_code == 403
    assert client.get(change("leagues", "organizer", own.organizer)).status_code == 403
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert client.get(change("leagues", "organizer", own.organizer)).status_code == 200


def test_list_filters_offer_only_the_users_own_categories(client, own, other):
    client.force_login(own.staff)
    response = client.get(changelist("leagues", "match"))
    html = response.content.decode()
    assert str(own.category.name) in html
    assert str(other.category.name) not in html


# --- crafted POSTs ----------------------------------------------------------------------------------------------------


def test_crafted_post_cannot_attach_another_organizers_team(client, own, other):
    client.force_login(own.staff)
    response = client.post(
        reverse("admin:leagues_pointadjustment_add"),
        {"team": other.team.pk, "points": -3, "reason": "Inasistencia", "date": "2026-04-04"},
    )
    assert response.status_code == 200
    assert "team" in response.context["adminform"].form.errors
    assert not PointAdjustment.objects.filter(team=other.team, reason="Inasistencia").exists()


def test_crafted_post_cannot_schedule_a_match_against_another_organizers_team(client, own, other):
    client.force_login(own.staff)
    response = client.post(
        reverse("admin:leagues_match_add"),
        {"category": own.category.pk, "round": 2, "stage": "league", "home": own.team.pk, "away": other.team.pk,
         "status": "scheduled"},
    )
    assert response.status_code == 200
    assert "away" in response.context["adminform"].form.errors
    assert not Match.objects.filter(away=other.team).exclude(pk=other.match.pk).exists()


def test_crafted_post_cannot_give_a_coach_another_organizers_team(client, own, other):
    client.force_login(own.staff)
    response = client.post(
        change("leagues", "coach", own.coach),
        {"given_names": "Rosa", "surnames": "Huamán", "phone": "", "teams": [own.team.pk, other.team.pk]},
    )
    assert response.status_code == 200
    assert "teams" in response.context["adminform"].form.errors
    assert list(own.coach.teams.all()) == [own.team]


def test_crafted_post_to_another_organizers_object_changes_nothing(client, own, other):
    client.force_login(own.staff)
    response = client.post(
        change("leagues", "club", other.club), {"name": "Tomado", "organizer": own.organizer.pk}
    )
    assert response.status_code == 302
    other.club.refresh_from_db()
    assert other.club.name != "Tomado"


def test_crafted_post_cannot_name_another_organizer(client, own, other):
    client.force_login(own.staff)
    response = client.post(reverse("admin:leagues_club_add"), {"name": "Club Alianza", "organizer": other.organizer.pk})
    assert response.status_code == 200
    assert "organizer" in response.context["adminform"].form.errors
    assert not Club.objects.filter(name="Club Alianza").exists()


def test_organizer_is_set_automatically_for_staff_of_one_organizer(client, own):
    client.force_login(own.staff)
    response = client.get(reverse("admin:leagues_club_add"))
    assert response.context["adminform"].form.fields["organizer"].widget.is_hidden

    response = client.post(reverse("admin:leagues_club_add"), {"name": "Club Alianza Wichanzao"})

    assert response.status_code == 302
    assert Club.objects.get(name="Club Alianza Wichanzao").organizer == own.organizer


def test_staff_of_two_organizers_chooses_between_them_only(client, own, other):
    third = make_organizer()
    own.organizer.staff.add(make_user())  # someone else's membership does not matter
    third.staff.add(own.staff)
    client.force_login(own.staff)
    response = client.get(reverse("admin:leagues_venue_add"))
    field = response.context["adminform"].form.fields["organizer"]
    assert not field.widget.is_hidden
    assert set(field.queryset) == {own.organizer, third}


def test_a_team_with_a_roster_cannot_move_to_another_championship(client, own):
    client.force_login(own.staff)
    elsewhere = make_category(championship=make_championship(organizer=own.organizer))
    data = roster_post(own.team, [])
    data["category"] = elsewhere.pk
    response = client.post(change("leagues", "team", own.team), data)
    assert response.status_code == 200
    assert "category" in response.context["adminform"].form.errors
    own.team.refresh_from_db()
    assert own.team.category == own.category


def test_duplicate_club_name_is_a_form_error_not_a_crash(client, own):
    client.force_login(own.staff)
    response = client.post(reverse("admin:leagues_club_add"), {"name": own.club.name})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert Club.objects.filter(name=own.club.name).count() == 1


def test_crafted_card_for_another_organizers_player_is_refused(client, own, other):
    client.force_login(own.staff)
    response = client.post(
        reverse("admin:fairplay_card_add"),
        {"match": own.match.pk, "team": own.team.pk, "recipient": "player", "player": other.player.pk,
         "minute": 12, "added_time": 0, "colour": "blue", "reason": ""},
    )
    assert response.status_code == 200
    assert "player" in response.context["adminform"].form.errors
    assert Card.objects.count() == 2


def test_autocomplete_offers_only_the_users_own_teams(client, own, other):
    client.force_login(own.staff)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "leagues", "model_name": "pointadjustment", "field_name": "team", "term": ""},
    )
    ids = {int(result["id"]) for result in response.json()["results"]}
    assert ids == {own.team.pk, own.rival.pk}


# --- the roster inline ------------------------------------------------------------------------------------------------


def roster_post(team, rows):
    data = {
        "category": team.category_id,
        "club": team.club_id,
        "name": team.name,
        "group": "",
        "lot": "",
        "primary_colour": team.primary_colour,
        "secondary_colour": team.secondary_colour,
        "roster-TOTAL_FORMS": len(rows),
        "roster-INITIAL_FORMS": 0,
        "roster-MIN_NUM_FORMS": 0,
        "roster-MAX_NUM_FORMS": 1000,
        "barra-TOTAL_FORMS": 0,
        "barra-INITIAL_FORMS": 0,
        "barra-MIN_NUM_FORMS": 0,
        "barra-MAX_NUM_FORMS": 1,
    }
    for index, (player, shirt) in enumerate(rows):
        data.update(
            {
                f"roster-{index}-id": "",
                f"roster-{index}-team": team.pk,
                f"roster-{index}-player": player.pk,
                f"roster-{index}-shirt_number": shirt,
            }
        )
    return data


def test_roster_inline_adds_an_eligible_player(client, own):
    client.force_login(own.staff)
    player = make_player(organizer=own.organizer, birth_date=datetime.date(2016, 8, 1))
    response = client.post(change("leagues", "team", own.rival), roster_post(own.rival, [(player, 7)]))
    assert response.status_code == 302
    assert RosterEntry.objects.get(player=player).team == own.rival


def test_roster_inline_refuses_a_player_born_outside_the_category(client, own):
    client.force_login(own.staff)
    player = make_player(
        organizer=own.organizer, given_names="Thiago", surnames="Polo Azabache", birth_date=datetime.date(2013, 2, 1)
    )
    response = client.post(change("leagues", "team", own.rival), roster_post(own.rival, [(player, 7)]))
    assert response.status_code == 200
    assert "Thiago Polo Azabache was born on 2013-02-01, outside the birth range" in response.content.decode()
    assert not RosterEntry.objects.filter(player=player).exists()


def test_roster_inline_refuses_a_second_team_in_the_championship_without_crashing(client, own):
    client.force_login(own.staff)
    response = client.post(change("leagues", "team", own.rival), roster_post(own.rival, [(own.player, 7)]))
    assert response.status_code == 200
    assert "This player already plays for another team in this championship." in response.content.decode()
    assert RosterEntry.objects.get(player=own.player).team == own.team


def test_roster_inline_refuses_the_same_player_twice(client, own):
    client.force_login(own.staff)
    player = make_player(organizer=own.organizer, birth_date=datetime.date(2016, 8, 1))
    response = client.post(change("leagues", "team", own.rival), roster_post(own.rival, [(player, 7), (player, 8)]))
    assert response.status_code == 200
    assert "is listed twice in this roster" in response.content.decode()
    assert not RosterEntry.objects.filter(player=player).exists()


def test_roster_inline_refuses_another_organizers_player(client, own, other):
    client.force_login(own.staff)
    stranger = make_player(organizer=other.organizer, birth_date=datetime.date(2016, 8, 1))
    response = client.post(change("leagues", "team", own.rival), roster_post(own.rival, [(stranger, 7)]))
    assert response.status_code == 200
    assert not RosterEntry.objects.filter(player=stranger).exists()


# --- saves and actions ------------------------------------------------------------------------------------------------


def test_point_adjustment_records_who_made_it(client, own):
    client.force_login(own.staff)
    response = client.post(
        reverse("admin:leagues_pointadjustment_add"),
        {"team": own.team.pk, "points": -3, "reason": "Alineación indebida en la fecha 2", "date": "2026-04-04"},
    )
    assert response.status_code == 302
    assert PointAdjustment.objects.get(reason="Alineación indebida en la fecha 2").created_by == own.staff


def test_postpone_action_postpones_and_keeps_the_reason_in_the_history(client, own, other):
    client.force_login(own.staff)
    response = client.post(
        changelist("leagues", "match"),
        {"action": "postpone", "_selected_action": [own.match.pk, other.match.pk], "reason": "Cancha inundada",
         "index": 0},
    )
    assert response.status_code == 302
    assert Match.objects.get(pk=own.match.pk).status == Match.Status.POSTPONED
    assert Match.objects.get(pk=other.match.pk).status == Match.Status.SCHEDULED
    entry = LogEntry.objects.get(object_id=str(own.match.pk), content_type__model="match")
    assert "Cancha inundada" in entry.get_change_message()


def test_postpone_action_without_reason_changes_nothing(client, own):
    client.force_login(own.staff)
    response = client.post(
        changelist("leagues", "match"), {"action": "postpone", "_selected_action": [own.match.pk], "index": 0},
        follow=True,
    )
    assert "Give the reason for postponing the match." in response.content.decode()
    assert Match.objects.get(pk=own.match.pk).status == Match.Status.SCHEDULED


def test_generate_fixtures_action_schedules_the_category(client, own):
    client.force_login(own.staff)
    category = make_category(championship=own.championship)
    for number in range(4):
        make_team(category=category, name=f"Equipo {number}")
    make_venue(organizer=own.organizer)
    response = client.post(
        changelist("leagues", "category"),
        {"action": "generate_fixtures", "_selected_action": [category.pk], "first_date": "2026-03-07",
         "kickoff_times": "09:00, 10:30", "index": 0},
        follow=True,
    )
    assert "6 matches scheduled" in response.content.decode()
    matches = category.matches.all()
    assert matches.count() == 6
    first = datetime.date(2026, 3, 7)
    assert {match.date for match in matches} == {first + datetime.timedelta(weeks=week) for week in range(3)}


def test_generate_fixtures_action_reports_bad_input(client, own):
    client.force_login(own.staff)
    response = client.post(
        changelist("leagues", "category"),
        {"action": "generate_fixtures", "_selected_action": [own.category.pk], "first_date": "2026-03-07",
         "kickoff_times": "nueve", "index": 0},
        follow=True,
    )
    assert "is not a time" in response.content.decode()
    assert own.category.matches.count() == 1


def test_typing_both_scores_in_the_match_list_marks_it_played(client, own):
    client.force_login(own.staff)
    response = client.post(
        changelist("leagues", "match"),
        {"form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000,
         "form-0-id": own.match.pk, "form-0-home_goals": 2, "form-0-away_goals": 1, "_save": "Save"},
    )
    assert response.status_code == 302
    own.match.refresh_from_db()
    assert (own.match.status, own.match.home_goals, own.match.away_goals) == (Match.Status.PLAYED, 2, 1)


def test_team_add_page_has_no_roster_until_the_team_exists(client, own):
    client.force_login(own.staff)
    response = client.get(reverse("admin:leagues_team_add"))
    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert prefixes == {"barra"}
    response = client.get(change("leagues", "team", own.team))
    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert prefixes == {"roster", "barra"}


def test_superuser_chooses_among_every_organizers_teams(client, own, other):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:leagues_pointadjustment_add"))
    choices = set(response.context["adminform"].form.fields["team"].queryset.values_list("pk", flat=True))
    assert choices == {own.team.pk, own.rival.pk, other.team.pk, other.rival.pk}
