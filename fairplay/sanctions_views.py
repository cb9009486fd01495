"""The office's sanctions page: suspensions (lift one, add one) and point adjustments (add one, delete one entered in
error), outside the admin.

Who: the staff of an organizer (its own championships only) and superusers (every organizer); anyone else gets a 403.
A suspension or adjustment of another office named in the address is a 404, as if it did not exist; a team or player
of another office posted in a form is not among the form's choices, so the form refuses it.

Each POST carries `next`, the list's address with its filters, sorting and page: without JavaScript a success
redirects there; with htmx the list's region is rendered again from the same parameters and swapped in place. An
error is shown beside the form that caused it and nothing is written.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from fairplay import services
from fairplay.models import Suspension
from fairplay.sanctions_forms import (
    AdjustmentAddForm,
    AdjustmentDeleteForm,
    AdjustmentFilter,
    LiftForm,
    SuspensionAddForm,
    SuspensionFilter,
    office_teams,
)
from fairplay.sanctions_tables import AdjustmentTable, SuspensionTable, configure
from leagues.models import Organizer, PointAdjustment
from leagues.services import adjustment_delete_with_reason
from leagues.views import HtmxHttpRequest, id_param, next_url

TEMPLATE = "fairplay/sanctions.html"
# The regions an htmx request may ask for, by the id of the element it targets.
PARTIALS = {"suspensions", "adjustments", "suspension-player"}


def _organizers(request: HtmxHttpRequest) -> list[Organizer]:
    organizers = list(Organizer.objects.for_user(request.user))
    if not organizers and not request.user.is_superuser:
        raise PermissionDenied(_("The sanctions page is for the sports offices."))
    return organizers


def _suspensions(organizers: list[Organizer]):
    return Suspension.objects.filter(team__category__championship__organizer__in=organizers)


def _adjustments(organizers: list[Organizer]):
    return PointAdjustment.objects.filter(team__category__championship__organizer__in=organizers)


# --- Where a POST came from and goes back to -------------------------------------------------------------------------


def _next_url(request: HtmxHttpRequest) -> str:
    return next_url(request, reverse("fairplay:sanctions"))


def _list_params(request: HtmxHttpRequest) -> QueryDict:
    """The list's filters, sorting and page: the query string of a GET, or of the `next` a form posted."""
    if request.method == "GET":
        return request.GET
    parts = urlsplit(_next_url(request))
    return QueryDict(parts.query) if parts.path == reverse("fairplay:sanctions") else QueryDict()


# --- The page and its regions ----------------------------------------------------------------------------------------


def _suspension_context(organizers: list[Organizer], params: QueryDict, base_url: str) -> dict:
    rows = _suspensions(organizers).select_related(
        "player", "team__category__championship", "origin_match__home", "origin_match__away", "lifted_by"
    )
    filterset = SuspensionFilter(params, queryset=rows, organizers=organizers)
    table = SuspensionTable(filterset.qs)
    configure(table, params, base_url=base_url)
    table.matches_left = services.matches_left(row.record for row in table.page.object_list)
    return {"filter": filterset, "suspension_table": table}


def _adjustment_context(organizers: list[Organizer], params: QueryDict, base_url: str) -> dict:
    rows = _adjustments(organizers).select_related("team__category__championship", "created_by")
    table = AdjustmentTable(AdjustmentFilter(params, queryset=rows, organizers=organizers).qs)
    configure(table, params, base_url=base_url)
    return {"adjustment_table": table}


def _render(
    request: HtmxHttpRequest, organizers: list[Organizer], *, partial: str = "", status: int = 200, **context
) -> HttpResponse:
    """The whole page, or only its `partial` region for an htmx swap; `context` brings bound forms and errors."""
    params = _list_params(request)
    base_url = reverse("fairplay:sanctions")
    page = {"page_url": f"{base_url}?{params.urlencode()}" if params else base_url}
    if partial in ("", "suspensions"):
        page.update(_suspension_context(organizers, params, base_url))
    if partial in ("", "adjustments"):
        page.update(_adjustment_context(organizers, params, base_url))
    if partial in ("", "suspension-player") and "suspension_form" not in context:
        page["suspension_form"] = SuspensionAddForm(organizers=organizers, prefix="suspension", team=_chosen_team(
            organizers, params.get("suspension-team", "")
        ))
    if not partial and "adjustment_form" not in context:
        page["adjustment_form"] = AdjustmentAddForm(organizers=organizers, prefix="adjustment")
    page.update(context)
    template = f"{TEMPLATE}#{partial}" if partial else TEMPLATE
    response = render(request, template, page, status=status)
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["HX-Request"])
    return response


def _chosen_team(organizers: list[Organizer], raw: str):
    pk = id_param(raw)
    return office_teams(organizers).filter(pk=pk).first() if pk is not None else None


def _region(request: HtmxHttpRequest, default: str = "") -> str:
    """The region an htmx request targets, or "" for the whole page (a plain request, or a history restore)."""
    if not request.htmx or request.htmx.history_restore_request:
        return ""
    return request.htmx.target if request.htmx.target in PARTIALS else default


@require_GET
@login_required
def sanctions(request: HtmxHttpRequest) -> HttpResponse:
    return _render(request, _organizers(request), partial=_region(request))


# --- Suspensions -----------------------------------------------------------------------------------------------------


@require_POST
@login_required
def suspension_lift(request: HtmxHttpRequest, suspension_id: int) -> HttpResponse:
    organizers = _organizers(request)
    form = LiftForm(request.POST)
    error = ""
    with transaction.atomic():
        suspension = get_object_or_404(_suspensions(organizers).select_related("player"), pk=suspension_id)
        if not form.is_valid():
            error = " ".join(form.errors["reason"])
        else:
            try:
                services.suspension_lift(suspension=suspension, reason=form.cleaned_data["reason"], user=request.user)
            except ValidationError as exc:
                error = " ".join(exc.messages)
    if error:
        return _render(
            request, organizers, partial=_region(request, "suspensions"),
            lift_error={
                "id": suspension.pk, "message": error, "reason": request.POST.get("reason", ""),
                # Beside the row's form while the row has one; above the list once it is lifted.
                "inline": suspension.lifted_at is None,
            },
        )
    notice = _("The suspension of %(player)s is lifted.") % {"player": suspension.player}
    if request.htmx:
        return _render(request, organizers, partial=_region(request, "suspensions"), notice=notice)
    messages.success(request, notice)
    return redirect(_next_url(request))


@require_POST
@login_required
def suspension_add(request: HtmxHttpRequest) -> HttpResponse:
    organizers = _organizers(request)
    form = SuspensionAddForm(request.POST, organizers=organizers, prefix="suspension")
    if form.is_valid():
        data = form.cleaned_data
        try:
            suspension = services.suspension_add(
                team=data["team"], player=data["player"], matches=data["matches"], starts_on=data["starts_on"],
                reason=data["reason"], user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)  # the service names the form's own fields
        else:
            messages.success(
                request,
                ngettext(
                    "%(player)s is suspended for %(matches)d match from %(date)s.",
                    "%(player)s is suspended for %(matches)d matches from %(date)s.",
                    suspension.matches,
                )
                % {
                    "player": suspension.player, "matches": suspension.matches,
                    "date": formats.date_format(suspension.starts_on, "SHORT_DATE_FORMAT"),
                },
            )
            return redirect(_next_url(request))
    return _render(request, organizers, suspension_form=form)


# --- Point adjustments -----------------------------------------------------------------------------------------------


@require_POST
@login_required
def adjustment_add(request: HtmxHttpRequest) -> HttpResponse:
    organizers = _organizers(request)
    form = AdjustmentAddForm(request.POST, organizers=organizers, prefix="adjustment")
    if form.is_valid():
        form.instance.created_by = request.user
        adjustment = form.save()
        messages.success(
            request,
            _("%(team)s: %(points)+d points recorded.") % {"team": adjustment.team, "points": adjustment.points},
        )
        return redirect(_next_url(request))
    return _render(request, organizers, adjustment_form=form)


@transaction.atomic
@require_POST
@login_required
def adjustment_delete(request: HtmxHttpRequest, adjustment_id: int) -> HttpResponse:
    organizers = _organizers(request)
    adjustment = get_object_or_404(_adjustments(organizers).select_related("team"), pk=adjustment_id)
    form = AdjustmentDeleteForm(request.POST)
    if not form.is_valid():
        return _render(
            request, organizers, partial=_region(request, "adjustments"),
            delete_error={"id": adjustment.pk, "message": " ".join(form.errors["reason"])},
        )
    adjustment_delete_with_reason(adjustment=adjustment, reason=form.cleaned_data["reason"], user=request.user)
    notice = _("The adjustment of %(points)+d points for %(team)s is deleted.") % {
        "points": adjustment.points, "team": adjustment.team,
    }
    if request.htmx:
        return _render(request, organizers, partial=_region(request, "adjustments"), notice=notice)
    messages.success(request, notice)
    return redirect(_next_url(request))
