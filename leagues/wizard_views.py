"""The championship wizard: championship → categories → teams → fixtures with a preview to adjust → publish.

Who: the staff of an organizer (its own championships only) and superusers. Each step is its own page and keeps
no state of its own (see `leagues.wizard`); every POST is one action in one transaction and redirects back.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leagues import wizard
from leagues.models import Category, Championship, Match, Organizer, Team, Venue
from leagues.services import fixtures_plan
from leagues.views import id_param
from leagues.wizard_forms import (
    CategoryForm,
    ChampionshipForm,
    FixtureForm,
    MatchRowFormSet,
    TeamForm,
    TeamListForm,
    VenueForm,
)

SIGNING_SALT = "leagues.wizard.fixtures"
PREVIEW_MAX_AGE = 6 * 60 * 60


def _organizers(request: HttpRequest):
    organizers = Organizer.objects.for_user(request.user).order_by("name")
    if not request.user.is_superuser and not organizers.exists():
        raise PermissionDenied(_("Setting up championships is for the sports offices."))
    return organizers


def _championship(request: HttpRequest, slug: str) -> Championship:
    championship = get_object_or_404(Championship.objects.select_related("organizer"), slug=slug)
    if not Organizer.objects.for_user(request.user).filter(pk=championship.organizer_id).exists():
        raise PermissionDenied(_("Only the office that runs this championship can set it up."))
    return championship


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _page(request, template, championship, step, *, states=None, **context) -> HttpResponse:
    """Render a step with the stepper; `states` when the view already loaded them (one query fewer)."""
    if states is None:
        states = wizard.category_states(championship) if championship else []
    context.update(
        championship=championship,
        states=states,
        steps=wizard.setup_steps(championship, step, states),
    )
    return render(request, f"leagues/wizard_{template}.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def wizard_start(request: HttpRequest) -> HttpResponse:
    organizers = _organizers(request)
    form = ChampionshipForm(request.POST or None, organizers=organizers)
    if request.method == "POST" and form.is_valid():
        try:
            championship = wizard.championship_create(
                organizer=form.cleaned_data["organizer"],
                name=form.cleaned_data["name"],
                season=form.cleaned_data["season"],
                preset=form.cleaned_data["preset"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(championship)s created as a draft: add its categories.")
                             % {"championship": championship})
            return redirect("leagues:wizard_categories", championship.slug)
    return _page(request, "championship", None, "championship", form=form)


@require_http_methods(["GET", "POST"])
@login_required
def wizard_championship(request: HttpRequest, slug: str) -> HttpResponse:
    championship = _championship(request, slug)
    organizers = Organizer.objects.filter(pk=championship.organizer_id)
    initial = {"organizer": championship.organizer_id, "name": championship.name, "season": championship.season,
               "preset": championship.preset}
    form = ChampionshipForm(request.POST or None, organizers=organizers, initial=initial)
    if request.method == "POST" and form.is_valid():
        championship.name = form.cleaned_data["name"].strip()
        championship.season = form.cleaned_data["season"].strip()
        championship.preset = form.cleaned_data["preset"]
        championship.save(update_fields=["name", "season", "preset"])
        messages.success(request, _("Saved."))
        return redirect("leagues:wizard_categories", championship.slug)
    return _page(request, "championship", championship, "championship", form=form)


@require_http_methods(["GET", "POST"])
@login_required
def wizard_categories(request: HttpRequest, slug: str) -> HttpResponse:
    championship = _championship(request, slug)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        born_from, born_until = wizard.birth_range(data["first_year"], data["last_year"])
        try:
            category = wizard.category_add(
                championship=championship, name=data["name"].strip(), gender=data["gender"],
                born_from=born_from, born_until=born_until, format=data["format"],
                group_count=data["group_count"], qualifiers_per_group=data["qualifiers_per_group"],
                half_minutes=data["half_minutes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(category)s added.") % {"category": category.name})
            return redirect("leagues:wizard_categories", championship.slug)
    return _page(request, "categories", championship, "categories", form=form)


@require_POST
@login_required
def wizard_category_remove(request: HttpRequest, slug: str, category_id: int) -> HttpResponse:
    championship = _championship(request, slug)
    category = get_object_or_404(Category, pk=category_id, championship=championship)
    try:
        wizard.category_remove(category=category)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("%(category)s removed.") % {"category": category.name})
    return redirect("leagues:wizard_categories", championship.slug)


def _team_form_ids(category_id: int) -> str:
    return f"id_category{category_id}_%s"


def _teams_page(request, championship, *, bound_category: int | None = None, bound_form=None) -> HttpResponse:
    """Each category with its teams and its two forms; the category just posted gets the bound form with errors."""
    teams: dict[int, list[Team]] = {}
    for team in (
        Team.objects.filter(category__championship=championship)
        .select_related("club", "barra")
        .prefetch_related("coaches")
        .order_by("name")
    ):
        teams.setdefault(team.category_id, []).append(team)
    states = wizard.category_states(championship)
    sections = []
    for state in states:
        pk = state.category.pk
        # Each category has its own pair of forms on the page: ids carry the category so that labels stay unique.
        auto_id = _team_form_ids(pk)
        team_form = bound_form if pk == bound_category and isinstance(bound_form, TeamForm) else TeamForm(auto_id=auto_id)
        list_form = (
            bound_form if pk == bound_category and isinstance(bound_form, TeamListForm) else TeamListForm(auto_id=auto_id)
        )
        sections.append({"state": state, "teams": teams.get(pk, []), "form": team_form, "list_form": list_form,
                         "open": ("list" if isinstance(bound_form, TeamListForm) else "team") if pk == bound_category
                         else ""})
    return _page(request, "teams", championship, "teams", states=states, sections=sections)


@require_http_methods(["GET", "POST"])
@login_required
def wizard_teams(request: HttpRequest, slug: str) -> HttpResponse:
    championship = _championship(request, slug)
    if request.method == "GET":
        return _teams_page(request, championship)
    category = get_object_or_404(Category, pk=id_param(request.POST.get("category")) or 0, championship=championship)
    several = "names" in request.POST
    form = (TeamListForm if several else TeamForm)(request.POST, auto_id=_team_form_ids(category.pk))
    if form.is_valid():
        details = form.details() if several else [form.details()]
        try:
            created = wizard.teams_register(category=category, teams=details)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(count)d teams registered in %(category)s.") % {"count": len(created), "category": category.name},
            )
            return redirect(reverse("leagues:wizard_teams", args=[championship.slug]) + f"#category-{category.pk}")
    return _teams_page(request, championship, bound_category=category.pk, bound_form=form)


@require_POST
@login_required
def wizard_team_remove(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    championship = _championship(request, slug)
    team = get_object_or_404(Team.objects.select_related("category__championship"), pk=team_id,
                             category__championship=championship)
    try:
        wizard.team_remove(team=team)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("%(team)s removed.") % {"team": team.name})
    return redirect(reverse("leagues:wizard_teams", args=[championship.slug]) + f"#category-{team.category_id}")


def _plan(championship: Championship, params: dict):
    """The fixture plan for the parameters of the fixture form (as plain data, so they can be signed)."""
    category = get_object_or_404(Category.objects.select_related("championship"), pk=params["category"],
                                 championship=championship)
    venues = list(Venue.objects.filter(pk__in=params["venues"], organizer_id=championship.organizer_id))
    first = datetime.date.fromisoformat(params["first_date"])
    # Enough days for any format: a double round robin of n teams has 2n rounds at most.
    count = 2 * category.teams.count() + 2
    dates = wizard.match_days(first, every_days=params["every_days"], count=count)
    times = [datetime.time.fromisoformat(value) for value in params["times"]]
    return fixtures_plan(category=category, dates=dates, times=times, venues=venues,
                         double=True if params["double"] else None)


@require_http_methods(["GET", "POST"])
@login_required
def wizard_fixtures(request: HttpRequest, slug: str) -> HttpResponse:
    championship = _championship(request, slug)
    action = request.POST.get("action", "")
    states = wizard.category_states(championship)
    initial = {}
    if id_param(request.GET.get("category")) is not None:
        initial["category"] = id_param(request.GET["category"])
    elif states:
        # The first category still without a fixture: the one the office is most likely to plan next.
        initial["category"] = next((s.category.pk for s in states if not s.matches), states[0].category.pk)
    form = FixtureForm(request.POST if action == "preview" else None, championship=championship, initial=initial)
    venue_form = VenueForm(request.POST if action == "venue" else None)
    context: dict = {"form": form, "venue_form": venue_form, "preview": None}

    if action == "venue" and venue_form.is_valid():
        try:
            venue = wizard.venue_add(organizer=championship.organizer, **venue_form.cleaned_data)
        except ValidationError as error:
            venue_form.add_error(None, error)
        else:
            messages.success(request, _("%(venue)s added to your venues.") % {"venue": venue.name})
            return redirect("leagues:wizard_fixtures", championship.slug)

    params = None
    if action == "preview" and form.is_valid():
        data = form.cleaned_data
        params = {
            "category": data["category"].pk,
            "first_date": data["first_date"].isoformat(),
            "every_days": data["every_days"],
            "times": [value.isoformat("minutes") for value in data["times"]],
            "venues": [venue.pk for venue in data["venues"]],
            "double": data["double"],
        }
    elif action == "save":
        try:
            params = signing.loads(request.POST.get("plan", ""), salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("The preview has expired or was altered; make the preview again."))
            return redirect("leagues:wizard_fixtures", championship.slug)
        form = FixtureForm(initial={**params, "times": ", ".join(params["times"])}, championship=championship)
        context["form"] = form

    if params is not None:
        try:
            plan = _plan(championship, params)
        except ValidationError as error:
            form.add_error(None, error)
            return _page(request, "fixtures", championship, "fixtures", states=states, **context)
        venues = list(Venue.objects.filter(organizer_id=championship.organizer_id).order_by("name"))
        initial_rows = [
            {"date": item.kickoff.date(), "time": item.kickoff.time(), "venue": item.venue} for item in plan.scheduled
        ]
        formset = MatchRowFormSet(
            request.POST if action == "save" else None, initial=initial_rows, prefix="rows",
            form_kwargs={"venues": venues},
        )
        if action == "save" and formset.is_valid():
            rows = [
                wizard.AdjustedMatch(item.pairing.round, item.pairing.home, item.pairing.away,
                                     row["date"], row["time"], row["venue"])
                for item, row in zip(plan.scheduled, formset.cleaned_data)
            ]
            if len(rows) != len(plan.scheduled):
                context["save_errors"] = [
                    _("The teams of the category changed since the preview: make the preview again.")
                ]
            else:
                try:
                    created = wizard.fixtures_save_adjusted(plan=plan, rows=rows)
                except ValidationError as error:
                    context["save_errors"] = error.messages
                else:
                    messages.success(
                        request,
                        _("The fixture of %(category)s is saved: %(count)d matches.")
                        % {"category": plan.category.name, "count": len(created)},
                    )
                    return redirect("leagues:wizard_fixtures", championship.slug)
        names = dict(plan.category.teams.values_list("pk", "name"))
        context["preview"] = {
            "category": plan.category,
            "plan": signing.dumps(params, salt=SIGNING_SALT),
            "formset": formset,
            "rows": [
                {"round": item.pairing.round, "home": names[item.pairing.home], "away": names[item.pairing.away],
                 "group": plan.groups.get(item.pairing.home, ""), "form": row_form}
                for item, row_form in zip(plan.scheduled, formset.forms)
            ],
        }
    return _page(request, "fixtures", championship, "fixtures", states=states, **context)


@require_http_methods(["GET", "POST"])
@login_required
def wizard_publish(request: HttpRequest, slug: str) -> HttpResponse:
    championship = _championship(request, slug)
    if request.method == "POST":
        try:
            wizard.championship_publish(championship=championship)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("%(championship)s is published: parents and coaches can see it now.")
                             % {"championship": championship})
            return redirect("leagues:wizard_publish", championship.slug)
        championship.refresh_from_db()
    states = wizard.category_states(championship)
    checklist = wizard.publish_checklist(championship, states)
    first_day = (
        Match.objects.filter(category__championship=championship, date__isnull=False)
        .order_by("date").values_list("date", flat=True).first()
    )
    return _page(
        request, "publish", championship, "publish", states=states,
        checklist=checklist, blocked=any(item.blocks and not item.ok for item in checklist), first_day=first_day,
    )
