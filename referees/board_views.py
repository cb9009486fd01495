"""The referee assignment board: one match day's matches against the office's referees, one click to appoint.

Who: the staff of an organizer (its own matches and referees) and superusers. Every POST checks the office against
the match it changes. Each POST redirects back to the board of the match's day; with htmx it answers with the
board's table, swapped in place.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from leagues.models import Match, Organizer
from leagues.views import HtmxHttpRequest, id_param
from referees import access, services
from referees.board import load_board
from referees.models import Assignment, Referee

TEMPLATE = "referees/assignment_board.html"


def _organizers(request: HtmxHttpRequest) -> list[Organizer]:
    organizers = list(Organizer.objects.for_user(request.user))
    if not organizers and not request.user.is_superuser:
        raise PermissionDenied(_("The assignment board is for the sports offices."))
    return organizers


def _day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _board_url(day: datetime.date | None) -> str:
    url = reverse("referees:assignment_board")
    return f"{url}?{urlencode({'day': day.isoformat()})}" if day else url


def _render(request: HtmxHttpRequest, *, day: datetime.date | None, error: str = "") -> HttpResponse:
    board = load_board(_organizers(request), today=timezone.localdate(), day=day)
    template = TEMPLATE
    if request.htmx and not request.htmx.history_restore_request:
        template += "#board"
    response = render(request, template, {"board": board, "error": error, "board_url": _board_url(board.day)})
    response["Cache-Control"] = "private, no-store"
    response["Vary"] = "HX-Request"
    return response


def _after_post(request: HtmxHttpRequest, match: Match, error: str = "") -> HttpResponse:
    if request.htmx:
        return _render(request, day=match.date, error=error)
    if error:
        messages.error(request, error)
    return redirect(_board_url(match.date))


def _office_match(request: HtmxHttpRequest, match_id) -> Match:
    try:
        match_id = int(match_id)
    except (TypeError, ValueError):
        match_id = 0
    match = get_object_or_404(Match.objects.select_related("category__championship", "home", "away"), pk=match_id)
    if not access.is_office(request.user, match):
        raise PermissionDenied(_("This match belongs to another office."))
    return match


@require_GET
@login_required
def assignment_board(request: HtmxHttpRequest) -> HttpResponse:
    return _render(request, day=_day(request.GET.get("day")))


@require_POST
@login_required
def assignment_board_assign(request: HtmxHttpRequest) -> HttpResponse:
    match = _office_match(request, request.POST.get("match"))
    role = request.POST.get("role") or Assignment.Role.MAIN
    if role not in Assignment.Role.values:
        return _after_post(request, match, _("Choose the referee's role."))
    if match.status != Match.Status.SCHEDULED:
        return _after_post(request, match, _("Only a scheduled match's referees can be changed here."))
    referee_id = id_param(request.POST.get("referee"))
    referee = Referee.objects.filter(pk=referee_id).first() if referee_id is not None else None
    if referee is None:
        return _after_post(request, match, _("Choose a referee."))
    try:
        services.assignment_create(match=match, referee=referee, role=role)
    except ValidationError as error:
        return _after_post(request, match, " ".join(error.messages))
    return _after_post(request, match)


@require_POST
@login_required
def assignment_board_remove(request: HtmxHttpRequest) -> HttpResponse:
    assignment = get_object_or_404(
        Assignment.objects.select_related("match__category__championship", "match__home", "match__away"),
        pk=id_param(request.POST.get("assignment")) or 0,
    )
    match = assignment.match
    if not access.is_office(request.user, match):
        raise PermissionDenied(_("This match belongs to another office."))
    if match.status != Match.Status.SCHEDULED:
        return _after_post(request, match, _("Only a scheduled match's referees can be changed here."))
    assignment.delete()
    return _after_post(request, match)
