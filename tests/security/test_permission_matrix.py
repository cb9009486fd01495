"""The permission matrix: every URL of the project, asked by every role, answers what the matrix says.

Every URL pattern found by walking the resolver must be listed in `MATRIX` (the admin's as one family, tested on a
representative set: its index, the "propose awards" page, and the changelist and a change page of every registered
model), so a new page cannot be added without deciding who may open it. Each non-admin row says how to fill the
pattern's arguments from one shared world (tests/security/world.py) and what each role gets for a GET; rows that take
POSTs also say what to post, and every role that must not post is refused (403, 404 or the login page) with the
database unchanged. As a control, the roles that may post do change the database with the same data, so a refusal
is never a form that merely failed to validate. Outsiders whom a page rightly answers (another office on the
office-wide pages, even with filters naming the world's objects; another coach on the coach's page; a referee not
appointed on the referee's page) see none of the world's private data on it.

Expected answers: a status code; `LOGIN` (a redirect to the login page), `ADMIN_LOGIN` (to the admin's),
`REDIRECT` (any other redirect: where a page sends a role that has its own start page), `ADMIN_NOT_FOUND` (the
admin's answer for an object it does not find for this user: a redirect to its index).
"""

from __future__ import annotations

import html
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from leagues.admin import ORGANIZER_PATHS
from tests.security.world import ROLES, SecurityWorld, clients_for, module_world

LOGIN = "login"
ADMIN_LOGIN = "admin-login"
REDIRECT = "redirect"
ADMIN_NOT_FOUND = "admin-not-found"

OUTSIDERS = ("coach_other_team", "referee_not_assigned", "office_other_organizer")


# --- Building the rows -----------------------------------------------------------------------------------------------


def answers(default, **by_role) -> dict[str, object]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in ROLES}


PUBLIC = answers(200)
POST_ONLY = answers(405)
# A page of the sports offices as a whole: each office sees its own data on it.
OFFICE_PAGE = answers(403, anonymous=LOGIN, office=200, office_other_organizer=200, superuser=200)


def office_object(other=403, ok=200) -> dict:
    """A page about one object of the world's office: another office gets `other` (403, or 404 "not found")."""
    return answers(403, anonymous=LOGIN, office=ok, superuser=ok, office_other_organizer=other)


# The people of the match: its office, its appointed referee, the coaches of its two teams.
MATCH_PEOPLE = answers(403, anonymous=LOGIN, coach=200, assigned_referee=200, office=200, superuser=200)
# Whoever may change the manual (the `fairplay.change_manualsection` permission: both offices' group, superusers).
EDITORS = answers(403, anonymous=LOGIN, office=200, office_other_organizer=200, superuser=200)


@dataclass
class Row:
    name: str
    url: Callable[[SecurityWorld], str]
    get: dict
    # POST: the data, and the roles allowed to post it (the others are refused); `json` posts a JSON body.
    post: Callable[[SecurityWorld], dict] | None = None
    post_allowed: tuple[str, ...] = ()
    post_refused: dict = field(default_factory=dict)  # per role, when not simply LOGIN/403
    json: bool = False
    htmx: bool = False
    label: str = ""
    note: str = ""

    @property
    def id(self) -> str:
        return self.name + (f"[{self.label}]" if self.label else "")

    def refusal(self, role: str):
        if role in self.post_refused:
            return self.post_refused[role]
        return LOGIN if role == "anonymous" else 403


def _event(w: SecurityWorld) -> dict:
    return {"id": str(uuid.uuid4()), "type": "event.add", "kind": "goal", "team": w.home.pk,
            "player": w.sheet_world.player(w.home).pk, "minute": 10}


def _roster_file(w: SecurityWorld) -> dict:
    content = ("team,given_names,surnames,birth_date,shirt_number,document_number\n"
               f"{w.home.name},Pedro,Intruso,2015-01-01,9,99887766\n").encode()
    return {"category": w.category.pk, "file": SimpleUploadedFile("roster.csv", content, content_type="text/csv")}


def _manual_section(_w: SecurityWorld) -> dict:
    return {"action": "save", "title_es": "Cambiado", "title_en": "Changed", "body_es": "Texto cambiado.",
            "body_en": "Changed text.", "audiences": ["players"]}


# The fixtures step also adds venues: the smallest write it makes.
NEW_VENUE = {"action": "venue", "name": "Cancha Nueva", "address": "Av. Siempre Viva 1"}


def champ(w):
    return (w.championship.slug,)


def cat(w):
    return (w.championship.slug, w.category.slug)


MATRIX: list[Row] = [
    # --- Site-wide --------------------------------------------------------------------------------------------------
    Row("health", lambda w: reverse("health"), PUBLIC),
    Row("set_language", lambda w: reverse("set_language"), answers(REDIRECT),
        note="GET changes nothing and sends back; the language is set by POST, which every role may do"),
    Row("login", lambda w: reverse("login"), answers(REDIRECT, anonymous=200),
        note="a logged-in user is sent on (redirect_authenticated_user)"),
    Row("logout", lambda w: reverse("logout"), POST_ONLY, note="POST only, for everyone: not a permission"),
    # --- Start pages ------------------------------------------------------------------------------------------------
    Row("referees:home", lambda w: reverse("referees:home"), answers(REDIRECT, anonymous=LOGIN)),
    Row("referees:referee_home", lambda w: reverse("referees:referee_home"),
        answers(403, anonymous=LOGIN, referee_not_assigned=200, assigned_referee=200)),
    Row("referees:coach_home", lambda w: reverse("referees:coach_home"),
        answers(403, anonymous=LOGIN, coach=200, coach_other_team=200)),
    # --- The match sheet ---------------------------------------------------------------------------------------------
    Row("referees:service_worker", lambda w: reverse("referees:service_worker"), PUBLIC),
    Row("referees:sheet", lambda w: reverse("referees:sheet", args=[w.match.pk]), MATCH_PEOPLE),
    Row("referees:sheet", lambda w: reverse("referees:sheet", args=[w.match.pk]), MATCH_PEOPLE, htmx=True,
        label="htmx"),
    Row("referees:sheet_state", lambda w: reverse("referees:sheet_state", args=[w.match.pk]), MATCH_PEOPLE),
    Row("referees:sheet_change", lambda w: reverse("referees:sheet_change", args=[w.match.pk]), POST_ONLY,
        post=_event, json=True, post_allowed=("assigned_referee", "office", "superuser")),
    Row("referees:sheet_approve", lambda w: reverse("referees:sheet_approve", args=[w.played.pk]), POST_ONLY,
        post=lambda w: {}, post_allowed=("office", "superuser")),
    Row("referees:sheet_reopen", lambda w: reverse("referees:sheet_reopen", args=[w.played.pk]), POST_ONLY,
        post=lambda w: {"reason": "Faltó un gol"}, post_allowed=("office", "superuser")),
    Row("certificates:match_sheet_pdf", lambda w: reverse("certificates:match_sheet_pdf", args=[w.played.pk]),
        MATCH_PEOPLE),
    # --- The office: referees and sheets ----------------------------------------------------------------------------
    Row("referees:review_queue", lambda w: reverse("referees:review_queue"), OFFICE_PAGE),
    Row("referees:assignment_board", lambda w: reverse("referees:assignment_board"), OFFICE_PAGE),
    Row("referees:assignment_board_assign", lambda w: reverse("referees:assignment_board_assign"), POST_ONLY,
        post=lambda w: {"match": w.match.pk, "referee": w.free_referee.pk, "role": "assistant"},
        post_allowed=("office", "superuser")),
    Row("referees:assignment_board_remove", lambda w: reverse("referees:assignment_board_remove"), POST_ONLY,
        post=lambda w: {"assignment": w.assignment.pk}, post_allowed=("office", "superuser")),
    # --- The office: dashboard, matches, rosters ---------------------------------------------------------------------
    Row("leagues:office_dashboard", lambda w: reverse("leagues:office_dashboard"), OFFICE_PAGE),
    Row("leagues:office_matches", lambda w: reverse("leagues:office_matches"), OFFICE_PAGE),
    Row("leagues:office_match_row", lambda w: reverse("leagues:office_match_row", args=[w.match.pk]),
        office_object(ok=REDIRECT), note="without htmx the row's address sends back to the list"),
    Row("leagues:office_match_row", lambda w: reverse("leagues:office_match_row", args=[w.match.pk]),
        office_object(), htmx=True, label="htmx"),
    Row("leagues:office_match_edit", lambda w: reverse("leagues:office_match_edit", args=[w.match.pk]),
        office_object(), post=lambda w: {"date": "2026-12-05", "time": "16:00", "venue": w.venue.pk},
        post_allowed=("office", "superuser")),
    Row("leagues:office_match_postpone", lambda w: reverse("leagues:office_match_postpone", args=[w.match.pk]),
        POST_ONLY, post=lambda w: {"reason": "Lluvia"}, post_allowed=("office", "superuser")),
    Row("leagues:roster_import", lambda w: reverse("leagues:roster_import"), OFFICE_PAGE, post=_roster_file,
        post_allowed=("office", "superuser"),
        note="a preview writes nothing: the control is that the office gets its preview (200)"),
    Row("leagues:roster_template", lambda w: reverse("leagues:roster_template", args=["csv"]), OFFICE_PAGE,
        label="csv"),
    Row("leagues:roster_template", lambda w: reverse("leagues:roster_template", args=["xlsx"]), OFFICE_PAGE,
        label="xlsx"),
    # --- The office: the championship wizard (on the world's draft championship) ------------------------------------
    Row("leagues:wizard_start", lambda w: reverse("leagues:wizard_start"), OFFICE_PAGE,
        post=lambda w: {"organizer": w.organizer.pk, "name": "Copa Intrusa", "season": "2027", "preset": "youth"},
        post_allowed=("office", "superuser"),
        post_refused={"office_other_organizer": 200},
        note="another office may start its own championships: naming ours, its form refuses the organizer"),
    Row("leagues:wizard_championship", lambda w: reverse("leagues:wizard_championship", args=[w.draft.slug]),
        office_object(), post=lambda w: {"organizer": w.organizer.pk, "name": "Copa Renombrada", "season": "2026",
                                         "preset": "youth"},
        post_allowed=("office", "superuser")),
    Row("leagues:wizard_categories", lambda w: reverse("leagues:wizard_categories", args=[w.draft.slug]),
        office_object(), post=lambda w: {"name": "Sub-9", "gender": "mixed", "first_year": 2017,
                                         "last_year": 2018, "format": "single", "group_count": 1,
                                         "qualifiers_per_group": 2, "half_minutes": 20},
        post_allowed=("office", "superuser")),
    Row("leagues:wizard_category_remove",
        lambda w: reverse("leagues:wizard_category_remove", args=[w.draft_spare.slug, w.draft_spare_category.pk]),
        POST_ONLY,
        post=lambda w: {}, post_allowed=("office", "superuser")),
    Row("leagues:wizard_teams", lambda w: reverse("leagues:wizard_teams", args=[w.draft.slug]), office_object(),
        post=lambda w: {"category": w.draft_category.pk, "name": "Pumas"}, post_allowed=("office", "superuser")),
    Row("leagues:wizard_team_remove",
        lambda w: reverse("leagues:wizard_team_remove", args=[w.draft.slug, w.draft_team.pk]), POST_ONLY,
        post=lambda w: {}, post_allowed=("office", "superuser")),
    Row("leagues:wizard_fixtures", lambda w: reverse("leagues:wizard_fixtures", args=[w.draft.slug]),
        office_object(), post=lambda w: dict(NEW_VENUE), post_allowed=("office", "superuser")),
    Row("leagues:wizard_publish", lambda w: reverse("leagues:wizard_publish", args=[w.draft.slug]),
        office_object(), post=lambda w: {}, post_allowed=("office", "superuser")),
    # --- The office: sanctions, indicators, certificates ------------------------------------------------------------
    Row("fairplay:sanctions", lambda w: reverse("fairplay:sanctions"), OFFICE_PAGE),
    Row("fairplay:suspension_add", lambda w: reverse("fairplay:suspension_add"), POST_ONLY,
        post=lambda w: {"suspension-team": w.away.pk, "suspension-player": w.sheet_world.player(w.away, 2).pk,
                        "suspension-starts_on": "2026-11-01", "suspension-matches": 2,
                        "suspension-reason": "Agresión"},
        post_allowed=("office", "superuser"), post_refused={"office_other_organizer": 200},
        note="another office's form does not offer our teams: refused as a form error, nothing written"),
    Row("fairplay:suspension_lift", lambda w: reverse("fairplay:suspension_lift", args=[w.suspension.pk]),
        POST_ONLY, post=lambda w: {"reason": "Apelación aceptada"}, post_allowed=("office", "superuser"),
        post_refused={"office_other_organizer": 404}),
    Row("fairplay:adjustment_add", lambda w: reverse("fairplay:adjustment_add"), POST_ONLY,
        post=lambda w: {"adjustment-team": w.home.pk, "adjustment-points": -3, "adjustment-reason": "Walkover",
                        "adjustment-date": "2026-11-02"},
        post_allowed=("office", "superuser"), post_refused={"office_other_organizer": 200},
        note="another office's form does not offer our teams: refused as a form error, nothing written"),
    Row("fairplay:adjustment_delete", lambda w: reverse("fairplay:adjustment_delete", args=[w.adjustment.pk]),
        POST_ONLY, post=lambda w: {"reason": "Error de digitación"}, post_allowed=("office", "superuser"),
        post_refused={"office_other_organizer": 404}),
    Row("fairplay:indicators", lambda w: reverse("fairplay:indicators"), OFFICE_PAGE),
    Row("fairplay:indicators_csv", lambda w: reverse("fairplay:indicators_csv"), OFFICE_PAGE),
    # A filter naming another office's championship is "not found", never that office's numbers.
    Row("fairplay:indicators", lambda w: reverse("fairplay:indicators") + f"?championship={w.championship.pk}",
        office_object(other=404), label="filtered"),
    Row("fairplay:indicators_csv",
        lambda w: reverse("fairplay:indicators_csv") + f"?championship={w.championship.pk}",
        office_object(other=404), label="filtered"),
    Row("certificates:batches", lambda w: reverse("certificates:batches"), OFFICE_PAGE),
    Row("certificates:batch_create", lambda w: reverse("certificates:batch_create"), POST_ONLY,
        post=lambda w: {"championship": w.championship.pk, "format": "zip", "language": "es"},
        post_allowed=("office", "superuser")),
    Row("certificates:batch", lambda w: reverse("certificates:batch", args=[w.batch.pk]), office_object()),
    Row("certificates:batch", lambda w: reverse("certificates:batch", args=[w.batch.pk]), office_object(),
        htmx=True, label="htmx"),
    Row("certificates:batch_download", lambda w: reverse("certificates:batch_download", args=[w.batch.pk]),
        office_object()),
    # --- The Fair Play Manual ---------------------------------------------------------------------------------------
    Row("fairplay:manual", lambda w: reverse("fairplay:manual"), PUBLIC),
    Row("fairplay:manual_sections", lambda w: reverse("fairplay:manual_sections"), EDITORS),
    Row("fairplay:manual_edit", lambda w: reverse("fairplay:manual_edit", args=[w.manual_section.slug]), EDITORS,
        post=_manual_section, post_allowed=("office", "office_other_organizer", "superuser"),
        note="the manual is shared by every office: any editor may change it"),
    Row("certificates:manual_pdf", lambda w: reverse("certificates:manual_pdf"), PUBLIC),
    # --- Public pages -----------------------------------------------------------------------------------------------
    Row("leagues:home", lambda w: reverse("leagues:home"), PUBLIC),
    Row("leagues:championship", lambda w: reverse("leagues:championship", args=champ(w)), PUBLIC),
    Row("leagues:standings", lambda w: reverse("leagues:standings", args=cat(w)), PUBLIC),
    Row("leagues:standings", lambda w: reverse("leagues:standings", args=cat(w)), PUBLIC, htmx=True, label="htmx"),
    Row("leagues:fixtures", lambda w: reverse("leagues:fixtures", args=cat(w)), PUBLIC),
    Row("leagues:fixtures", lambda w: reverse("leagues:fixtures", args=cat(w)), PUBLIC, htmx=True, label="htmx"),
    Row("leagues:fixtures_ical", lambda w: reverse("leagues:fixtures_ical", args=cat(w)), PUBLIC),
    Row("leagues:team", lambda w: reverse("leagues:team", args=[*cat(w), w.home.pk]), PUBLIC),
    Row("leagues:team_ical", lambda w: reverse("leagues:team_ical", args=[*cat(w), w.home.pk]), PUBLIC),
    Row("fairplay:championship_fair_play", lambda w: reverse("fairplay:championship_fair_play", args=champ(w)),
        PUBLIC),
    Row("fairplay:fair_play", lambda w: reverse("fairplay:fair_play", args=cat(w)), PUBLIC),
    Row("fairplay:fair_play", lambda w: reverse("fairplay:fair_play", args=cat(w)), PUBLIC, htmx=True,
        label="htmx"),
    Row("fairplay:fair_play_team", lambda w: reverse("fairplay:fair_play_team", args=[*cat(w), w.home.pk]), PUBLIC),
    Row("certificates:standings_pdf", lambda w: reverse("certificates:standings_pdf", args=cat(w)), PUBLIC),
    Row("certificates:fair_play_pdf", lambda w: reverse("certificates:fair_play_pdf", args=cat(w)), PUBLIC),
    Row("certificates:verify", lambda w: reverse("certificates:verify", args=[w.certificate.code]), PUBLIC),
    # The draft championship is seen by its office in the wizard only: every public address of it is not found.
    *[
        Row(name, lambda w, name=name, extra=extra: reverse(
            name, args=[w.draft.slug, w.draft_category.slug, *extra(w)]), answers(404), label="draft")
        for name, extra in (
            ("leagues:standings", lambda w: []),
            ("leagues:fixtures", lambda w: []),
            ("leagues:fixtures_ical", lambda w: []),
            ("leagues:team", lambda w: [w.draft_team.pk]),
            ("leagues:team_ical", lambda w: [w.draft_team.pk]),
            ("fairplay:fair_play", lambda w: []),
            ("fairplay:fair_play_team", lambda w: [w.draft_team.pk]),
            ("certificates:standings_pdf", lambda w: []),
            ("certificates:fair_play_pdf", lambda w: []),
        )
    ],
    Row("leagues:championship", lambda w: reverse("leagues:championship", args=[w.draft.slug]), answers(404),
        label="draft"),
    Row("fairplay:championship_fair_play", lambda w: reverse("fairplay:championship_fair_play", args=[w.draft.slug]),
        answers(404), label="draft"),
    # A team named in the address of another category's page is not found there.
    Row("leagues:team", lambda w: reverse("leagues:team", args=[*cat(w), w.draft_team.pk]), answers(404),
        label="team of another category"),
    Row("fairplay:fair_play_team", lambda w: reverse("fairplay:fair_play_team", args=[*cat(w), w.draft_team.pk]),
        answers(404), label="team of another category"),
]

ROWS = {row.id: row for row in MATRIX}
assert len(ROWS) == len(MATRIX), "two rows of the matrix have the same id"


# --- The walk: every URL pattern of the project ----------------------------------------------------------------------


def walk(resolver=None, prefix: str = "", namespace: str = ""):
    """(key, pattern) of every URL pattern: the key is the route's name with its namespace, or the pattern itself."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (namespace + pattern.name if pattern.name else f"pattern:{route}"), route


def is_admin(route: str) -> bool:
    return route.startswith("admin/")


def test_the_matrix_lists_every_url_pattern_of_the_project():
    found = {key for key, route in walk() if not is_admin(route)}
    listed = {row.name for row in MATRIX}
    assert found - listed == set(), "URL patterns the permission matrix does not list: add a row for each"
    assert listed - found == set(), "rows of the permission matrix for URL patterns that no longer exist"


def test_no_private_page_is_expected_to_open_for_an_outsider():
    # A guard on the matrix itself: a private page (anonymous visitors are refused) whose address names an object is
    # never expected to answer an outsider with that object.
    routes = dict(walk())
    shared = {"fairplay:manual_edit"}  # the manual belongs to no office: every editor changes it
    for row in MATRIX:
        if row.name in shared:
            continue
        names_an_object = any(f"<{kind}:" in routes[row.name] for kind in ("int", "slug", "str"))
        if row.get["anonymous"] in (200, 404, 405) or not names_an_object:
            continue
        for role in OUTSIDERS:
            assert row.get[role] in (403, 404), (row.id, role, row.get[role])


# --- The world, once per module --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with module_world(django_db_blocker, tmp_path_factory, SecurityWorld) as world:
        world.clients = clients_for(world.users)
        yield world


def check(response, expected, row_id: str, role: str) -> None:
    where = f"{row_id} as {role}: {response.status_code}"
    location = response.get("Location", "")
    if expected == LOGIN:
        assert response.status_code == 302 and location.startswith(reverse("login")), f"{where} {location}"
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302 and location.startswith(reverse("admin:login")), f"{where} {location}"
    elif expected == ADMIN_NOT_FOUND:
        assert response.status_code == 302 and location == reverse("admin:index"), f"{where} {location}"
    elif expected == REDIRECT:
        assert response.status_code == 302 and not location.startswith(reverse("login")), f"{where} {location}"
    else:
        assert response.status_code == expected, f"{where} {location}"


def request(world, role: str, row: Row, method: str = "get"):
    client = world.clients[role]
    url = row.url(world)
    headers = {"HTTP_HX_REQUEST": "true"} if row.htmx else {}
    if method == "get":
        return client.get(url, **headers)
    data = row.post(world)
    if row.json:
        return client.post(url, data=json.dumps(data), content_type="application/json", **headers)
    return client.post(url, data=data, **headers)


# What only the world's office may read: its players' full surname (every SheetWorld player is "Ñáñez") and, for
# another office, any of its team names.
PRIVATE_MARKS = ("Ñáñez",)
OFFICE_MARKS = ("Halcones", "Cóndores")
# The office-wide pages, asked by another office with filters naming the world's objects.
FILTERS = "?championship={championship}&category={category}&team={team}&day=2026-11-21&round=1"
LEAK_CASES = [
    (row.id, role) for row in MATRIX
    if row.get["anonymous"] != 200 for role in OUTSIDERS if row.get[role] == 200
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row_id", "role"), LEAK_CASES)
def test_an_outsider_sees_none_of_the_worlds_private_data(world, row_id, role):
    row = ROWS[row_id]
    url = row.url(world)
    if row.get == OFFICE_PAGE and "?" not in url:
        url += FILTERS.format(championship=world.championship.pk, category=world.category.pk, team=world.home.pk)
    response = world.clients[role].get(url, **({"HTTP_HX_REQUEST": "true"} if row.htmx else {}))
    assert response.status_code in (200, 404), f"{row_id} as {role}: {response.status_code}"
    body = html.unescape(b"".join(response.streaming_content).decode(errors="replace") if response.streaming
                         else response.content.decode(errors="replace"))
    marks = PRIVATE_MARKS + (OFFICE_MARKS if role == "office_other_organizer" else ())
    assert [mark for mark in marks if mark in body] == [], f"{url} as {role}"


# Every model of the project's apps: a refused POST leaves each of their tables as it was.
PROJECT_APPS = ("leagues", "fairplay", "referees", "certificates")


def database_state() -> dict:
    state = {}
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row_id", list(ROWS))
def test_get(world, row_id, role):
    row = ROWS[row_id]
    check(request(world, role, row), row.get[role], row_id, role)


POST_CASES = [(row.id, role) for row in MATRIX if row.post for role in ROLES if role not in row.post_allowed]
POST_CONTROLS = [(row.id, role) for row in MATRIX if row.post for role in row.post_allowed]


@pytest.mark.django_db
@pytest.mark.parametrize(("row_id", "role"), POST_CASES)
def test_refused_post_changes_nothing(world, row_id, role):
    row = ROWS[row_id]
    before = database_state()
    response = request(world, role, row, "post")
    check(response, row.refusal(role), row_id, role)
    assert changed_tables(before, database_state()) == [], f"{row_id} as {role} changed the database"


# Posts whose allowed answer writes nothing by design (a preview).
WRITES_NOTHING = {"leagues:roster_import"}


@pytest.mark.django_db
@pytest.mark.parametrize(("row_id", "role"), POST_CONTROLS)
def test_allowed_post_does_change_the_database(world, row_id, role):
    # The control: the data posted in the refusal tests is good data, so a missing check would show as a change.
    row = ROWS[row_id]
    before = database_state()
    response = request(world, role, row, "post")
    assert response.status_code in (200, 302), f"{row_id} as {role}: {response.status_code}"
    if row.name in WRITES_NOTHING:
        assert response.status_code == 200
    else:
        assert changed_tables(before, database_state()), f"{row_id} as {role} changed nothing"


# --- The admin: one family, staff only, scoped per organizer ---------------------------------------------------------


ADMIN_NON_STAFF = {role: ADMIN_LOGIN for role in ("anonymous", "coach", "coach_other_team", "referee_not_assigned",
                                                   "assigned_referee")}


def admin_cases():
    cases = [("index", None), ("propose", None)]
    for model in admin.site._registry:
        cases.append(("changelist", model._meta.label))
        cases.append(("change", model._meta.label))
    return cases


def admin_object(world, model):
    """An object of the world's office for `model` (through the admin's own scoping paths)."""
    from django.contrib.auth.models import Group

    from leagues.models import Organizer

    if model is Organizer:
        return world.organizer
    if model._meta.label == "auth.User":
        return world.users["coach"]
    if model is Group:
        return Group.objects.first()
    path = ORGANIZER_PATHS.get(model) or getattr(admin.site._registry[model], "organizer_path", None)
    assert path is not None, f"no way to find an object of the world's office for {model._meta.label}"
    obj = model.objects.filter(**{path: world.organizer}).order_by("pk").first()
    assert obj is not None, f"the world has no {model._meta.label}"
    return obj


# Models the office group has no permission on: only a superuser opens them.
SUPERUSER_ONLY_MODELS = {"auth.User", "auth.Group", "leagues.Organizer"}


def admin_expected(page: str, model_label: str | None, role: str):
    if role in ADMIN_NON_STAFF:
        return ADMIN_LOGIN
    if role == "superuser":
        return 200
    if model_label in SUPERUSER_ONLY_MODELS:
        return 403
    if page == "change" and role == "office_other_organizer":
        return ADMIN_NOT_FOUND
    return 200


def admin_url(world, page: str, model_label: str | None) -> str:
    if page == "index":
        return reverse("admin:index")
    if page == "propose":
        return reverse("admin:certificates_award_propose")
    model = apps.get_model(model_label)
    info = (model._meta.app_label, model._meta.model_name)
    if page == "changelist":
        return reverse("admin:%s_%s_changelist" % info)
    return reverse("admin:%s_%s_change" % info, args=[admin_object(world, model).pk])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("page", "model_label"), admin_cases())
def test_admin(world, page, model_label, role):
    response = world.clients[role].get(admin_url(world, page, model_label))
    check(response, admin_expected(page, model_label, role), f"admin {page} {model_label}", role)
    if page == "changelist" and role == "office_other_organizer" and response.status_code == 200:
        # Another office's list does not show the world's object.
        ours = admin_url(world, "change", model_label)
        assert ours not in response.content.decode(), f"{model_label}: another office's changelist links to ours"


@pytest.mark.django_db
def test_the_marks_are_there_for_the_worlds_office(world):
    # The control of the test above: the same pages do show them to the office that owns them.
    office = world.clients["office"]
    assert PRIVATE_MARKS[0] in html.unescape(office.get(reverse("fairplay:sanctions")).content.decode())
    assert OFFICE_MARKS[0] in html.unescape(office.get(reverse("leagues:office_matches")).content.decode())
