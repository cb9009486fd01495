"""The office dashboard: one page listing what the office has to do, each item linking to where it is fixed.

Who: the staff of an organizer (its own championships only) and superusers (every organizer)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from leagues.dashboard import load_dashboard
from leagues.models import Organizer


@require_GET
@login_required
def office_dashboard(request: HttpRequest) -> HttpResponse:
    organizers = list(Organizer.objects.for_user(request.user))
    if not organizers and not request.user.is_superuser:
        raise PermissionDenied(_("The dashboard is for the sports offices."))
    dashboard = load_dashboard(organizers, today=timezone.localdate())
    return render(request, "leagues/office_dashboard.html", {"dashboard": dashboard})
