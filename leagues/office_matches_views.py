"""The office's match list: filter, sort and page through the office's matches; reschedule or postpone one in place.

Who: the staff of an organizer (its own matches only) and superusers (every organizer). With htmx, "Edit" swaps the
row for its form and a save swaps it back; without JavaScript the same links open a page with the form, and a save
redirects to the list the office came from (`next`, kept only when it points at this site).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from leagues import services
from leagues.models import Match, Organizer
from leagues.office_matches import (
    PER_PAGE,
    OfficeMatchFilter,
    OfficeMatchTable,
    PostponeForm,
    RescheduleForm,
    office_match_queryset,
)
from leagues.views import HtmxHttpRequest, next_url

TEMPLATE = "leagues/office_matches.html"
# The data columns of the table plus the links and actions column written in the template.
COLUMN_COUNT = len(OfficeMatchTable.base_columns) + 1


def _organizers(request: HtmxHttpRequest) -> list[Organizer]:
    organizers = list(Organizer.objects.for_user(request.user))
    if not organizers and not request.user.is_superuser:
        raise PermissionDenied(_("The match list is for the sports offices."))
    return organizers


def _office_match(organizers: list[Organizer], match_id: int) -> Match:
    match = get_object_or_404(Match.objects.select_related("category__championship", "home", "away"), pk=match_id)
    if match.category.championship.organizer_id not in {organizer.pk for organizer in organizers}:
        raise PermissionDenied(_("This match belongs to another office."))
    return match


def _next_url(request: HtmxHttpRequest) -> str:
    """Where to go back to: the list with the office's filters, sort and page, never another site."""
    return next_url(request, reverse("leagues:office_matches"))


def _is_fragment(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def _render(request: HtmxHttpRequest, partial: str | None, context: dict, status: int = 200) -> HttpResponse:
    template = f"{TEMPLATE}#{partial}" if partial and _is_fragment(request) else TEMPLATE
    response = render(request, template, {"column_count": COLUMN_COUNT, **context}, status=status)
    response["Cache-Control"] = "private, no-store"
    # The same address answers a whole page or a row: caches must keep the two apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _paginate(table: OfficeMatchTable, page: str | None) -> None:
    try:
        table.paginate(page=int(page or 1), per_page=PER_PAGE)
    except (ValueError, PageNotAnInteger):
        table.paginate(page=1, per_page=PER_PAGE)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, per_page=PER_PAGE)


def _row(request: HtmxHttpRequest, organizers: list[Organizer], match: Match, next_url: str, **extra) -> HttpResponse:
    # Read again with everything the row shows, as the list reads it.
    table = OfficeMatchTable([office_match_queryset(organizers).get(pk=match.pk)], order_by=())
    context = {"table": table, "row": table.rows[0], "next_url": next_url, **extra}
    return _render(request, "match-row", context)


def _edit(request: HtmxHttpRequest, match: Match, next_url: str, *, form=None, postpone_form=None, error: str = "",
          status: int = 200) -> HttpResponse:
    context = {
        "mode": "edit",
        "match": match,
        "form": form,
        "postpone_form": postpone_form,
        "error": error,
        "next_url": next_url,
    }
    # htmx swaps only successful answers by default: a refused form still comes back 200 so that its errors show.
    return _render(request, "match-edit", context, status=200 if _is_fragment(request) else status)


def _played(request: HtmxHttpRequest, match: Match, next_url: str) -> HttpResponse:
    error = _("%(match)s has been played: its result and details belong to the match sheet, not to this list.") % {
        "match": match
    }
    return _edit(request, match, next_url, error=error, status=409)


def _saved(request: HtmxHttpRequest, organizers: list[Organizer], match: Match, next_url: str,
           message: str) -> HttpResponse:
    if request.htmx:
        return _row(request, organizers, match, next_url, saved=True)
    messages.success(request, message)
    return redirect(next_url)


@require_GET
@login_required
def office_matches(request: HtmxHttpRequest) -> HttpResponse:
    organizers = _organizers(request)
    filterset = OfficeMatchFilter(request.GET, queryset=office_match_queryset(organizers), organizers=organizers)
    table = OfficeMatchTable(filterset.qs)
    RequestConfig(request, paginate=False).configure(table)
    _paginate(table, request.GET.get(table.prefixed_page_field))
    context = {"mode": "list", "filterset": filterset, "table": table, "next_url": request.get_full_path()}
    return _render(request, None, context)


@require_GET
@login_required
def office_match_row(request: HtmxHttpRequest, match_id: int) -> HttpResponse:
    """The row as the list shows it: what "Cancel" swaps back in. Without htmx, the list itself."""
    organizers = _organizers(request)
    match = _office_match(organizers, match_id)
    next_url = _next_url(request)
    if not request.htmx:
        return redirect(next_url)
    return _row(request, organizers, match, next_url)


@require_http_methods(["GET", "POST"])
@login_required
def office_match_edit(request: HtmxHttpRequest, match_id: int) -> HttpResponse:
    organizers = _organizers(request)
    match = _office_match(organizers, match_id)
    next_url = _next_url(request)
    if match.is_played:
        return _played(request, match, next_url)
    form = RescheduleForm(request.POST if request.method == "POST" else None, match=match)
    if request.method == "POST" and form.is_valid():
        try:
            services.match_reschedule(match=match, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved(request, organizers, match, next_url, _("%(match)s rescheduled.") % {"match": match})
    return _edit(request, match, next_url, form=form, postpone_form=PostponeForm(match=match),
                 status=422 if form.errors else 200)


@require_POST
@login_required
def office_match_postpone(request: HtmxHttpRequest, match_id: int) -> HttpResponse:
    organizers = _organizers(request)
    match = _office_match(organizers, match_id)
    next_url = _next_url(request)
    if match.is_played:
        return _played(request, match, next_url)
    postpone_form = PostponeForm(request.POST, match=match)
    if postpone_form.is_valid():
        try:
            services.match_postpone(match=match, reason=postpone_form.cleaned_data["reason"])
        except ValidationError as error:
            postpone_form.add_error("reason", error)
        else:
            return _saved(request, organizers, match, next_url, _("%(match)s postponed.") % {"match": match})
    return _edit(request, match, next_url, form=RescheduleForm(match=match), postpone_form=postpone_form, status=422)
