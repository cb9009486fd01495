"""The office's admin for referees, appointments, match sheets and suspensions: scoped per organizer, and every
business rule going through the services, with its refusal shown where the office typed."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from fairplay import services as discipline
from fairplay.models import Suspension
from leagues.management.commands.seed_demo import ensure_office_group
from referees.models import Assignment, AuditEntry, MatchSheet, SheetConfirmation
from tests.factories import (
    SheetWorld,
    make_assignment,
    make_coach,
    make_match,
    make_player,
    make_referee,
    make_roster_entry,
    make_user,
)

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def office_world():
    world = SheetWorld()
    world.office.groups.add(ensure_office_group())
    world.sheet = MatchSheet.objects.create(match=world.match, status=MatchSheet.Status.SUBMITTED)
    world.suspension = discipline.suspension_add(
        team=world.home, player=world.player(world.home), matches=2, starts_on=datetime.date(2026, 11, 1),
        reason="Agresión verbal al árbitro", user=world.office,
    )
    world.objects = {
        "referee": world.referee,
        "assignment": world.match.assignments.get(),
        "matchsheet": world.sheet,
        "suspension": world.suspension,
    }
    return world


@pytest.fixture
def own():
    return office_world()


@pytest.fixture
def other():
    return office_world()


MODELS = [("referees", "referee"), ("referees", "assignment"), ("referees", "matchsheet"), ("fairplay", "suspension")]


def changelist(app, model):
    return reverse(f"admin:{app}_{model}_changelist")


def change(app, model, obj):
    return reverse(f"admin:{app}_{model}_change", args=[obj.pk])


def listed(response):
    return {obj.pk for obj in response.context["cl"].result_list}


def action(client, app, model, name, objects, **extra):
    data = {"action": name, "_selected_action": [obj.pk for obj in objects], "index": 0, **extra}
    return client.post(changelist(app, model), data, follow=True)


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


# --- scoping ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_anonymous_is_sent_to_the_login_page(client, own, app, model):
    response = client.get(changelist(app, model))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_office_lists_and_opens_its_own_but_not_another_offices(client, own, other, app, model):
    client.force_login(own.office)

    response = client.get(changelist(app, model))
    assert response.status_code == 200
    assert own.objects[model].pk in listed(response)
    assert other.objects[model].pk not in listed(response)

    assert client.get(change(app, model, own.objects[model])).status_code == 200
    response = client.get(change(app, model, other.objects[model]), follow=True)
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert "Perhaps it was deleted?" in response.content.decode()


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_superuser_sees_every_office(client, own, other, app, model):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.get(changelist(app, model))
    assert listed(response) >= {own.objects[model].pk, other.objects[model].pk}


# --- logins for referees and coaches ----------------------------------------------------------------------------------


def password_in(response):
    found = [re.search(r"password (\S+)\.", text) for text in shown_messages(response)]
    return [match.group(1) for match in found if match]


def test_create_login_for_a_referee_shows_the_password_once(client, own):
    referee = make_referee(organizer=own.organizer, given_names="Julio César", surnames="Vásquez Ríos", user=None)
    make_user(username="julio.vasquez")  # the name is taken: the new login gets the next free one
    client.force_login(own.office)

    response = action(client, "referees", "referee", "issue_login", [referee])

    referee.refresh_from_db()
    user = referee.user
    assert user.username == "julio.vasquez2"
    assert not user.is_staff and not user.is_superuser
    [password] = password_in(response)
    assert user.check_password(password)
    assert "julio.vasquez2" in response.content.decode()
    # Shown once: the next page does not repeat it.
    assert password not in client.get(changelist("referees", "referee")).content.decode()


def test_reset_password_of_an_own_coach(client, own):
    coach = own.coach[own.home.pk]
    client.force_login(own.office)

    response = action(client, "leagues", "coach", "issue_login", [coach])

    [password] = password_in(response)
    coach.user.refresh_from_db()
    assert coach.user.check_password(password)
    assert not coach.user.check_password("pw-for-tests-1234")
    assert User.objects.filter(coach=coach).count() == 1  # the same login, not a new one


def test_another_offices_referee_or_coach_cannot_be_reset(client, own, other):
    client.force_login(own.office)

    action(client, "referees", "referee", "issue_login", [other.referee])
    action(client, "leagues", "coach", "issue_login", [other.coach[other.home.pk]])

    other.referee.user.refresh_from_db()
    assert other.referee.user.check_password("pw-for-tests-1234")
    coach_user = other.coach_user[other.home.pk]
    coach_user.refresh_from_db()
    assert coach_user.check_password("pw-for-tests-1234")


def test_a_staff_login_or_one_shared_with_another_office_is_not_reset(client, own, other):
    staff_referee = make_referee(organizer=own.organizer, user=make_user(is_staff=True))
    shared = make_referee(organizer=own.organizer)
    make_coach(organizer=other.organizer, user=shared.user)
    client.force_login(own.office)

    response = action(client, "referees", "referee", "issue_login", [staff_referee, shared])

    text = " ".join(shown_messages(response))
    assert "is a staff account" in text
    assert "also used by another office" in text
    for referee in (staff_referee, shared):
        referee.user.refresh_from_db()
        assert referee.user.check_password("pw-for-tests-1234")


# --- appointments on the match page -----------------------------------------------------------------------------------


def match_post(match, rows=(), existing=(), delete=()):
    data = {
        "category": match.category_id, "round": match.round, "round_label": match.round_label, "stage": match.stage,
        "home": match.home_id, "away": match.away_id, "date": match.date.isoformat(),
        "time": match.time.strftime("%H:%M"), "venue": match.venue_id or "", "status": match.status,
        "home_goals": "", "away_goals": "", "home_penalties": "", "away_penalties": "", "walkover_winner": "",
        "assignments-TOTAL_FORMS": len(existing) + len(rows), "assignments-INITIAL_FORMS": len(existing),
        "assignments-MIN_NUM_FORMS": 0, "assignments-MAX_NUM_FORMS": 1000,
    }
    for index, assignment in enumerate(existing):
        data.update(
            {
                f"assignments-{index}-id": assignment.pk, f"assignments-{index}-match": match.pk,
                f"assignments-{index}-referee": assignment.referee_id, f"assignments-{index}-role": assignment.role,
            }
        )
        if assignment in delete:
            data[f"assignments-{index}-DELETE"] = "on"
    for offset, (referee, role) in enumerate(rows, start=len(existing)):
        data.update(
            {
                f"assignments-{offset}-id": "", f"assignments-{offset}-match": match.pk,
                f"assignments-{offset}-referee": referee.pk, f"assignments-{offset}-role": role,
            }
        )
    return data


def inline_errors(response):
    [formset] = response.context["inline_admin_formsets"]
    return [form.errors for form in formset.formset.forms]


@pytest.fixture
def second_match(own):
    """Another match of the office, half an hour after the world's match: its referee cannot do both."""
    return make_match(
        category=own.category, home=own.home, away=own.away, round=2, date=own.match.date, time=datetime.time(10, 30)
    )


def test_office_appoints_a_main_referee_and_an_assistant(client, own, second_match):
    main, assistant = make_referee(organizer=own.organizer), make_referee(organizer=own.organizer)
    client.force_login(own.office)

    response = client.post(
        change("leagues", "match", second_match), match_post(second_match, [(main, "main"), (assistant, "assistant")])
    )

    assert response.status_code == 302
    assert {(a.referee, a.role) for a in second_match.assignments.all()} == {(main, "main"), (assistant, "assistant")}


def test_overlapping_appointment_is_refused_next_to_the_referee(client, own, second_match):
    client.force_login(own.office)

    response = client.post(change("leagues", "match", second_match), match_post(second_match, [(own.referee, "main")]))

    assert response.status_code == 200
    [errors] = inline_errors(response)
    assert "which overlaps this match" in " ".join(errors["referee"])
    assert "which overlaps this match" in response.content.decode()
    assert not second_match.assignments.exists()


def test_second_main_referee_is_refused_even_in_the_same_form(client, own, second_match):
    first, second = make_referee(organizer=own.organizer), make_referee(organizer=own.organizer)
    client.force_login(own.office)

    response = client.post(
        change("leagues", "match", second_match), match_post(second_match, [(first, "main"), (second, "main")])
    )

    assert response.status_code == 200
    assert "The match already has a main referee." in " ".join(inline_errors(response)[1]["role"])
    assert not second_match.assignments.exists()


def test_main_referee_can_be_replaced_in_one_save(client, own):
    replacement = make_referee(organizer=own.organizer)
    current = own.match.assignments.get()
    client.force_login(own.office)

    response = client.post(
        change("leagues", "match", own.match),
        match_post(own.match, [(replacement, "main")], existing=[current], delete=[current]),
    )

    assert response.status_code == 302
    assert [(a.referee, a.role) for a in own.match.assignments.all()] == [(replacement, "main")]


def test_another_offices_referee_is_not_a_choice(client, own, other, second_match):
    client.force_login(own.office)
    response = client.get(change("leagues", "match", second_match))
    [formset] = response.context["inline_admin_formsets"]
    choices = set(formset.formset.empty_form.fields["referee"].queryset)
    assert own.referee in choices and other.referee not in choices

    response = client.post(
        change("leagues", "match", second_match), match_post(second_match, [(other.referee, "main")])
    )

    assert response.status_code == 200
    assert "Select a valid choice" in " ".join(inline_errors(response)[0]["referee"])
    assert not second_match.assignments.exists()


def test_moving_the_kickoff_onto_another_appointment_is_refused(client, own, second_match):
    make_assignment(match=second_match, referee=make_referee(organizer=own.organizer))
    busy = make_referee(organizer=own.organizer)
    elsewhere = make_match(category=own.category, home=own.home, away=own.away, round=3, date=own.match.date,
                           time=datetime.time(15, 0))
    appointment = make_assignment(match=elsewhere, referee=busy)
    make_assignment(match=second_match, referee=busy, role=Assignment.Role.ASSISTANT)
    # `busy` is at `elsewhere` at 15:00; moving it to 10:15 lands on `second_match` at 10:30.
    client.force_login(own.office)
    data = match_post(elsewhere, existing=[appointment])
    data["time"] = "10:15"

    response = client.post(change("leagues", "match", elsewhere), data)

    assert response.status_code == 200
    assert "overlaps the new kick-off" in " ".join(inline_errors(response)[0]["referee"])
    elsewhere.refresh_from_db()
    assert elsewhere.time == datetime.time(15, 0)


def test_assignment_list_filters_by_referee_and_date(client, own, second_match):
    other_referee = make_referee(organizer=own.organizer)
    later = make_assignment(match=second_match, referee=other_referee)
    client.force_login(own.office)

    response = client.get(changelist("referees", "assignment"), {"referee__id__exact": other_referee.pk})
    assert listed(response) == {later.pk}

    day = own.match.date
    response = client.get(
        changelist("referees", "assignment"),
        {"match__date__gte": day.isoformat(), "match__date__lt": (day + datetime.timedelta(days=1)).isoformat()},
    )
    assert listed(response) == {own.objects["assignment"].pk, later.pk}


# --- match sheets -----------------------------------------------------------------------------------------------------


def test_sheet_list_filters_awaiting_review_and_links_to_the_sheet(client, own):
    draft = MatchSheet.objects.create(
        match=make_match(category=own.category, home=own.home, away=own.away, round=2)
    )
    client.force_login(own.office)

    response = client.get(changelist("referees", "matchsheet"), {"review": "awaiting"})

    assert listed(response) == {own.sheet.pk}
    html = response.content.decode()
    assert reverse("referees:sheet", args=[own.match.pk]) in html
    assert str(own.referee) in html
    assert draft.pk not in listed(response)


def test_approve_action_approves_submitted_sheets_only(client, own, other):
    draft = MatchSheet.objects.create(match=make_match(category=own.category, home=own.home, away=own.away, round=2))
    client.force_login(own.office)

    response = action(client, "referees", "matchsheet", "approve", [own.sheet, draft, other.sheet])

    assert "1 sheets approved." in shown_messages(response)
    own.sheet.refresh_from_db()
    assert (own.sheet.status, own.sheet.approved_by) == (MatchSheet.Status.APPROVED, own.office)
    assert MatchSheet.objects.get(pk=draft.pk).status == MatchSheet.Status.DRAFT
    assert MatchSheet.objects.get(pk=other.sheet.pk).status == MatchSheet.Status.SUBMITTED


def test_sheet_page_shows_the_audit_trail_and_confirmations_read_only(client, own):
    AuditEntry.objects.create(
        sheet=own.sheet, user=own.office, action="Gol corregido", before="2–1", after="2–2", reason="Error de anotación"
    )
    SheetConfirmation.objects.create(
        sheet=own.sheet, team=own.home, name="Rosa Huamán", decision=SheetConfirmation.Decision.CONFIRMED
    )
    client.force_login(own.office)

    response = client.get(change("referees", "matchsheet", own.sheet))

    html = response.content.decode()
    for text in ("Gol corregido", "2–1", "2–2", "Error de anotación", "Rosa Huamán"):
        assert text in html
    assert reverse("referees:sheet", args=[own.match.pk]) in html
    for formset in response.context["inline_admin_formsets"]:
        assert not formset.has_add_permission and not formset.has_change_permission


# --- suspensions ------------------------------------------------------------------------------------------------------


def suspension_post(world, **overrides):
    data = {
        "team": world.home.pk, "player": world.player(world.home, 1).pk, "matches": 1, "starts_on": "2026-11-25",
        "reason": "Conducta antideportiva con el público",
    }
    data.update(overrides)
    return data


def test_office_adds_a_suspension_with_a_reason(client, own):
    client.force_login(own.office)

    response = client.post(reverse("admin:fairplay_suspension_add"), suspension_post(own))

    assert response.status_code == 302
    suspension = Suspension.objects.get(player=own.player(own.home, 1))
    assert (suspension.cause, suspension.created_by, suspension.matches) == (Suspension.Cause.OFFICE, own.office, 1)


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_suspension_without_a_reason_is_refused(client, own, reason):
    client.force_login(own.office)

    response = client.post(reverse("admin:fairplay_suspension_add"), suspension_post(own, reason=reason))

    assert response.status_code == 200
    assert "reason" in response.context["adminform"].form.errors
    assert not Suspension.objects.filter(player=own.player(own.home, 1)).exists()


def test_a_suspension_needs_a_player_of_the_teams_roster(client, own, other):
    stranger = make_player(organizer=own.organizer)
    client.force_login(own.office)

    response = client.post(reverse("admin:fairplay_suspension_add"), suspension_post(own, player=stranger.pk))
    assert "This player is not on the team's roster." in response.context["adminform"].form.errors["player"]

    response = client.post(
        reverse("admin:fairplay_suspension_add"), suspension_post(own, player=other.player(other.home).pk)
    )
    assert "player" in response.context["adminform"].form.errors
    response = client.post(reverse("admin:fairplay_suspension_add"), suspension_post(own, team=other.home.pk))
    assert "team" in response.context["adminform"].form.errors
    assert Suspension.objects.count() == 2


def test_the_list_shows_the_matches_still_to_serve(client, own):
    make_roster_entry(team=own.away, player=make_player(organizer=own.organizer))
    client.force_login(own.office)
    response = client.get(changelist("fairplay", "suspension"))
    [suspension] = response.context["cl"].result_list
    # Two matches from 1 November; the team's only match was not played, so both are still to serve.
    assert suspension.remaining == 2


def test_lift_needs_a_reason(client, own):
    client.force_login(own.office)

    response = action(client, "fairplay", "suspension", "lift", [own.suspension], lift_reason="  ")

    assert "Give the reason for lifting the suspension." in shown_messages(response)
    assert Suspension.objects.get(pk=own.suspension.pk).lifted_at is None


def test_lift_with_a_reason_lifts_only_own_suspensions(client, own, other):
    client.force_login(own.office)

    action(
        client, "fairplay", "suspension", "lift", [own.suspension, other.suspension], lift_reason="Apelación aceptada"
    )

    lifted = Suspension.objects.get(pk=own.suspension.pk)
    assert (lifted.lift_reason, lifted.lifted_by) == ("Apelación aceptada", own.office)
    assert Suspension.objects.get(pk=other.suspension.pk).lifted_at is None
    # Lifted suspensions leave the default list, which shows who may not play.
    assert lifted.pk not in listed(client.get(changelist("fairplay", "suspension")))
    assert lifted.pk in listed(client.get(changelist("fairplay", "suspension"), {"state": "lifted"}))


def test_recorded_suspension_is_read_only(client, own):
    client.force_login(own.office)
    client.post(change("fairplay", "suspension", own.suspension), {"matches": 9, "reason": "Otro"})
    own.suspension.refresh_from_db()
    assert (own.suspension.matches, own.suspension.reason) == (2, "Agresión verbal al árbitro")


def test_referees_are_appointed_once_the_match_exists(client, own):
    client.force_login(own.office)
    assert client.get(reverse("admin:leagues_match_add")).context["inline_admin_formsets"] == []
    assert len(client.get(change("leagues", "match", own.match)).context["inline_admin_formsets"]) == 1
