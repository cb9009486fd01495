"""The office's forms and filters under random input, posted by a logged-in office user: never a server error, and a
refused post (a 4xx, or the form shown again) writes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from fairplay.models import ManualSection, Suspension
from leagues.models import Category, Championship, Club, Coach, Match, Player, PointAdjustment, RosterEntry, Team, Venue
from referees.models import Assignment, MatchSheet
from tests.factories import (
    make_adjustment,
    make_category,
    make_championship,
    make_match,
    make_organizer,
    make_referee,
    make_roster_entry,
    make_team,
    make_user,
    make_venue,
)
from tests.fuzz import awkward_text, rarely

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
WRITTEN = (Championship, Category, Club, Team, Venue, Match, Player, RosterEntry, Coach, Suspension, PointAdjustment,
           Assignment, ManualSection, MatchSheet)


def snapshot() -> dict:
    return {model._meta.label: list(model.objects.order_by("pk").values_list()) for model in WRITTEN}


class World:
    """An office with a championship in progress (two teams, a scheduled match, a suspension, an adjustment, a
    referee), a draft championship for the wizard, and another office's objects to aim at."""

    def __init__(self):
        self.organizer = make_organizer()
        self.office = make_user(is_staff=True)
        self.organizer.staff.add(self.office)
        self.office.user_permissions.add(Permission.objects.get(codename="change_manualsection"))
        championship = make_championship(organizer=self.organizer)
        self.category = make_category(championship=championship, half_minutes=25)
        self.home = make_team(category=self.category, name="Halcones")
        self.away = make_team(category=self.category, name="Cóndores")
        self.venue = make_venue(organizer=self.organizer)
        self.match = make_match(category=self.category, home=self.home, away=self.away, round=1,
                                date=datetime.date(2026, 11, 21), time=datetime.time(10, 0), venue=self.venue)
        self.player = make_roster_entry(team=self.home, shirt_number=7).player
        self.suspension = Suspension.objects.create(
            player=self.player, team=self.home, cause=Suspension.Cause.OFFICE, matches=1,
            starts_on=datetime.date(2026, 11, 1), reason="Conducta",
        )
        self.adjustment = make_adjustment(team=self.home)
        self.referee = make_referee(organizer=self.organizer)
        self.draft = make_championship(organizer=self.organizer, status=Championship.Status.DRAFT, slug="borrador")
        self.draft_category = make_category(championship=self.draft, name="Sub-10", slug="sub-10")
        make_team(category=self.draft_category, name="Uno")
        make_team(category=self.draft_category, name="Dos")
        # Another office's objects: aiming at them is a 403 or 404, or a form error, and never a write.
        other = make_team()
        self.other_match = make_match(home=other, category=other.category)
        self.other_category = other.category
        self.other_referee = make_referee()

    def ids(self, *objects) -> st.SearchStrategy:
        """The id of one of `objects` most often; else another office's, a missing one, or something that is no id."""
        own = [str(obj.pk) for obj in objects]
        odd = ["", "0", "-1", "999999", "9" * 25, "9" * 5000, "²", "٣", "1.5", "abc", " 1"]
        return rarely(st.sampled_from(own), st.sampled_from(odd) | awkward_text)


@pytest.fixture
def world():
    with translation.override("en"):
        yield World()


def text(*valid):
    return rarely(st.sampled_from(valid), awkward_text)


DATES = ("2026-11-28", "2026-12-05", "0000-01-01", "99999-01-01", "2026-02-30", "28/11/2026")


def endpoints(world: World) -> dict[str, tuple[str, str, dict]]:
    """name -> (method, url, field strategies)."""
    w = world
    return {
        "matches list": ("get", reverse("leagues:office_matches"), {
            "championship": w.ids(w.category.championship), "category": w.ids(w.category, w.other_category),
            "round": text("1", "2", "-1", "1e3"), "status": text("scheduled", "played"),
            "date_from": text(*DATES), "date_to": text(*DATES), "venue": w.ids(w.venue), "team": awkward_text,
            "without_referee": text("true", "false", "unknown"), "page": text("1", "2", "0", "-1"),
            "sort": text("date", "-date", "round", "nonsense"),
        }),
        "match edit": ("post", reverse("leagues:office_match_edit", args=[w.match.pk]), {
            "date": text(*DATES), "time": text("10:00", "25:00", "9", "10:00:00"), "venue": w.ids(w.venue),
            "next": text("/office/matches/", "https://evil.example/", "//evil"),
        }),
        "match postpone": ("post", reverse("leagues:office_match_postpone", args=[w.match.pk]), {
            "reason": text("Lluvia", ""), "next": text("/office/matches/"),
        }),
        "sanctions list": ("get", reverse("fairplay:sanctions"), {
            "championship": w.ids(w.category.championship), "category": w.ids(w.category), "team": w.ids(w.home),
            "cause": text("office", "red"), "state": text("active", "lifted", "all"), "region": awkward_text,
            "suspension-team": w.ids(w.home, w.away),
        }),
        "suspension add": ("post", reverse("fairplay:suspension_add"), {
            "suspension-team": w.ids(w.home, w.away), "suspension-player": w.ids(w.player),
            "suspension-starts_on": text(*DATES), "suspension-matches": text("1", "0", "51", "-3"),
            "suspension-reason": text("Agresión", ""), "next": text("/office/sanctions/"),
        }),
        "suspension lift": ("post", reverse("fairplay:suspension_lift", args=[w.suspension.pk]), {
            "reason": text("Apelación", "", "x" * 301),
        }),
        "adjustment add": ("post", reverse("fairplay:adjustment_add"), {
            "adjustment-team": w.ids(w.home), "adjustment-points": text("-3", "2", "0", "40000", "-40000"),
            "adjustment-reason": text("Alineación indebida", ""), "adjustment-date": text(*DATES),
        }),
        "adjustment delete": ("post", reverse("fairplay:adjustment_delete", args=[w.adjustment.pk]), {
            "reason": text("Equipo equivocado", ""),
        }),
        "wizard start": ("post", reverse("leagues:wizard_start"), {
            "organizer": w.ids(w.organizer), "name": text("Copa Municipal", "office", ""),
            "season": text("2026", "2026-II"), "preset": text("youth", "fifa", "league"),
        }),
        "wizard categories": ("post", reverse("leagues:wizard_categories", args=[w.draft.slug]), {
            "name": text("Sub-12", "Sub-10", ""), "gender": text("mixed", "boys", "girls"),
            "first_year": text("2014", "1949", "2101"), "last_year": text("2015", "2013"),
            "format": text("single_round_robin", "double_round_robin", "groups_knockout"),
            "group_count": text("2", "0"), "qualifiers_per_group": text("2", "9"), "half_minutes": text("25", "4", "61"),
        }),
        "wizard teams": ("post", reverse("leagues:wizard_teams", args=[w.draft.slug]), {
            "category": w.ids(w.draft_category, w.category), "name": text("Tres", "Uno", ""), "club": text("Club Tres", ""),
            "coach_given_names": text("Rosa", ""), "coach_surnames": text("Huamán", ""), "coach_phone": text("999", ""),
            "barra": text("Barra Tres", ""), "barra_delegate": text("Luis", ""),
            "names": text("Tres\nCuatro", "Uno\nUno", ""),
        }),
        "wizard fixtures": ("post", reverse("leagues:wizard_fixtures", args=[w.draft.slug]), {
            "action": text("preview", "venue", "save", ""), "category": w.ids(w.draft_category),
            "first_date": text(*DATES), "every_days": text("7", "0", "-1", "400"), "times": text("10:00, 11:30", "25:99", ""),
            "venues": w.ids(w.venue), "double": text("on", ""), "name": text("Estadio Nuevo", ""),
            "address": text("Av. Sol 1", ""), "plan": text("", "abc:def"), "rows-TOTAL_FORMS": text("1", "-1", "99999999"),
            "rows-INITIAL_FORMS": text("0", "1"), "rows-0-date": text(*DATES), "rows-0-time": text("10:00"),
            "rows-0-venue": w.ids(w.venue),
        }),
        "roster import": ("post", reverse("leagues:roster_import"), {
            "category": w.ids(w.category, w.other_category), "create_teams": text("on", ""),
            "preview": text("abc", "abc:def:ghi"),
        }),
        "roster import page": ("get", reverse("leagues:roster_import"), {"category": w.ids(w.category)}),
        "fixtures page": ("get", reverse("leagues:wizard_fixtures", args=[w.draft.slug]), {
            "category": w.ids(w.draft_category),
        }),
        "assignment board": ("get", reverse("referees:assignment_board"), {"day": text(*DATES)}),
        "assign": ("post", reverse("referees:assignment_board_assign"), {
            "match": w.ids(w.match, w.other_match), "referee": w.ids(w.referee, w.other_referee),
            "role": text("main", "assistant", "fourth"),
        }),
        "unassign": ("post", reverse("referees:assignment_board_remove"), {"assignment": w.ids(w.referee)}),
        "manual edit": ("post", reverse("fairplay:manual_edit", args=["blue-card"]), {
            "title_es": text("Tarjeta azul", ""), "body_es": text("Texto.", "## Título\n- uno", ""),
            "title_en": text("Blue card", ""), "body_en": text("Text.", ""), "audiences": text("players", "coaches", "nobody"),
            "action": text("save", "preview"),
        }),
        "indicators": ("get", reverse("fairplay:indicators"), {
            "organizer": w.ids(w.organizer), "championship": w.ids(w.category.championship),
            "category": w.ids(w.category), "gender": text("boys", "girls", "mixed"),
            "group_by": text("round", "category", "gender", "championship", "season", "district", "nonsense"),
        }),
        "indicators csv": ("get", reverse("fairplay:indicators_csv"), {
            "championship": w.ids(w.category.championship), "group_by": text("round", "category"),
        }),
        "set language": ("post", reverse("set_language"), {"language": text("es", "en", "fr"), "next": text("/", "//evil")}),
    }


ENDPOINT_NAMES = [
    "matches list", "match edit", "match postpone", "sanctions list", "suspension add", "suspension lift",
    "adjustment add", "adjustment delete", "wizard start", "wizard categories", "wizard teams", "wizard fixtures",
    "roster import", "roster import page", "fixtures page", "assignment board", "assign", "unassign", "manual edit",
    "indicators", "indicators csv", "set language",
]


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
@settings(FUZZ, max_examples=10)
@given(data=st.data(), htmx=st.booleans())
def test_office_forms_answer_without_server_errors_and_refusals_write_nothing(client, world, name, data, htmx):
    method, url, fields = endpoints(world)[name]
    form = data.draw(st.fixed_dictionaries({}, optional=fields), label="form")
    client.force_login(world.office)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    with transaction.atomic():
        before = snapshot()
        response = getattr(client, method)(url, data=form, **headers)
        assert response.status_code < 500
        event(f"{name}: {response.status_code}")
        if method == "post" and response.status_code != 302 and not (htmx and response.status_code == 200):
            assert snapshot() == before, f"{name} refused ({response.status_code}) but wrote something"
        transaction.set_rollback(True)


@pytest.mark.parametrize("name, form", [
    ("assign", {"match": "²", "referee": "1"}),
    ("assign", {"match": "1", "referee": "²"}),
    ("unassign", {"assignment": "٣"}),
    ("unassign", {"assignment": "9" * 5000}),
    ("roster import", {"category": "²"}),
    ("roster import page", {"category": "²"}),
    ("fixtures page", {"category": "9" * 5000}),
    ("suspension add", {"suspension-team": "²"}),
    ("match postpone", {"reason": "lluvia\x00"}),
    ("wizard teams", {"category": "90+4"}),
])
def test_ids_that_are_digits_to_python_but_not_to_int_are_not_server_errors(client, world, name, form):
    method, url, _fields = endpoints(world)[name]
    client.force_login(world.office)
    if name == "assign" and form["match"] == "1":
        form["match"] = str(world.match.pk)
    before = snapshot()
    response = getattr(client, method)(url, data=form)
    assert response.status_code < 500
    if response.status_code != 302:
        assert snapshot() == before


def test_reopening_a_sheet_with_a_nul_in_the_reason_is_refused(client, world):
    from referees import services

    sheet = services.sheet_open(match=world.match)
    MatchSheet.objects.filter(pk=sheet.pk).update(status=MatchSheet.Status.SUBMITTED)
    client.force_login(world.office)
    response = client.post(reverse("referees:sheet_reopen", args=[world.match.pk]), data={"reason": "error\x00"})
    assert response.status_code in (302, 422)
    assert MatchSheet.objects.get(pk=sheet.pk).status == MatchSheet.Status.SUBMITTED


@FUZZ
@given(username=awkward_text, password=awkward_text, next_url=text("/office/", "//evil.example", "https://x"))
@example(username="oficina\x00", password="x", next_url="/")
def test_the_login_form_never_fails(client, world, username, password, next_url):
    response = client.post(reverse("login"), data={"username": username, "password": password, "next": next_url})
    assert response.status_code in (200, 302, 403, 429)
