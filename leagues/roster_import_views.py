"""The office's roster import: choose a category, upload a file, read the preview, import when it is clean."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from leagues.interchange import InterchangeError
from leagues.models import Category, Championship, Organizer
from leagues.views import id_param
from leagues.roster_import import (
    RosterImportNotClean,
    check_rows,
    read_rows,
    roster_import_apply,
    rows_from_dicts,
    template_headers,
    template_workbook,
)

SIGNING_SALT = "leagues.roster_import"
# The preview is signed so the rows imported are exactly the rows the office saw; an hour is ample to read it.
PREVIEW_MAX_AGE = 60 * 60


class RosterUploadForm(forms.Form):
    category = forms.ModelChoiceField(label=gettext_lazy("Category"), queryset=Category.objects.none())
    file = forms.FileField(
        label=gettext_lazy("Roster file"),
        help_text=gettext_lazy(
            "A .csv or .xlsx file up to 2 MB whose first row names the columns team, given_names, surnames, "
            "birth_date, shirt_number, document_number (or equipo, nombres, apellidos, fecha_nacimiento, "
            "camiseta, documento)."
        ),
    )

    create_teams = forms.BooleanField(
        label=gettext_lazy("Register the teams the file names that the category does not have yet"),
        required=False,
        help_text=gettext_lazy("Otherwise a team missing from the category is a problem on its row."),
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


def _categories(request: HttpRequest):
    organizers = Organizer.objects.for_user(request.user)
    if not request.user.is_superuser and not organizers.exists():
        raise PermissionDenied(_("The roster import is for the sports offices."))
    return (
        Category.objects.filter(championship__organizer__in=organizers)
        .select_related("championship")
        .order_by("championship__name", "name")
    )


def _category_for(request: HttpRequest, category_id) -> Category:
    """The posted category, 403 when it belongs to another office."""
    category = get_object_or_404(Category.objects.select_related("championship"), pk=category_id)
    if not Organizer.objects.for_user(request.user).filter(pk=category.championship.organizer_id).exists():
        raise PermissionDenied(_("Only the office that runs this championship can import its rosters."))
    return category


@require_http_methods(["GET", "POST"])
@login_required
def roster_import(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST with a file: the preview. POST with the signed preview: the import."""
    categories = _categories(request)
    if request.method == "POST" and "preview" in request.POST:
        return _apply(request, categories)
    initial = {}
    if id_param(request.GET.get("category")) is not None:
        initial["category"] = id_param(request.GET["category"])
        initial["create_teams"] = True  # coming from the wizard, whose teams may well be in the file only
    form = RosterUploadForm(categories=categories, initial=initial)
    context = {"form": form, "checks": None}
    if request.method == "POST":
        if id_param(request.POST.get("category")) is not None:
            _category_for(request, id_param(request.POST["category"]))  # another office's category is a 403, not a form error
        form = RosterUploadForm(request.POST, request.FILES, categories=categories)
        context["form"] = form
        if form.is_valid():
            category = form.cleaned_data["category"]
            upload = form.cleaned_data["file"]
            try:
                rows = read_rows(upload, upload.name)
            except InterchangeError as error:
                form.add_error("file", str(error))
            else:
                create_teams = form.cleaned_data["create_teams"]
                checks = check_rows(rows, category=category, create_teams=create_teams)
                problems = sum(1 for check in checks if check.problems)
                context.update(
                    category=category,
                    checks=checks,
                    problem_count=problems,
                    clean_count=len(checks) - problems,
                    preview=signing.dumps(
                        {"category": category.pk, "create_teams": create_teams, "rows": [row.as_dict() for row in rows]},
                        salt=SIGNING_SALT,
                    )
                    if checks and not problems
                    else "",
                )
    return render(request, "leagues/roster_import.html", context)


def _apply(request: HttpRequest, categories) -> HttpResponse:
    try:
        data = signing.loads(request.POST["preview"], salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired or was altered; upload the file again."))
        return redirect(reverse("leagues:roster_import"))
    category = _category_for(request, data["category"])
    try:
        result = roster_import_apply(
            category=category, rows=rows_from_dicts(data["rows"]), user=request.user,
            create_teams=bool(data.get("create_teams")),
        )
    except RosterImportNotClean as error:
        # Someone registered a player or a shirt since the preview: show the new problems by uploading again.
        messages.error(request, " ".join(error.messages) + " " + _("Upload the file again to see the problems."))
        return redirect(reverse("leagues:roster_import"))
    messages.success(
        request,
        _("Imported %(entries)d players into %(category)s: %(created)d new, %(reused)d already registered.")
        % {
            "entries": result.entries_created,
            "category": category,
            "created": result.players_created,
            "reused": result.players_reused,
        }
        + (
            " " + ngettext("%(count)d team registered.", "%(count)d teams registered.", result.teams_created)
            % {"count": result.teams_created}
            if result.teams_created
            else ""
        ),
    )
    if category.championship.status == Championship.Status.DRAFT:
        return redirect(reverse("leagues:wizard_teams", args=[category.championship.slug]) + f"#category-{category.pk}")
    return redirect(reverse("leagues:roster_import"))


@require_GET
@login_required
def roster_template(request: HttpRequest, extension: str) -> HttpResponse:
    """An empty roster with the columns the import reads, headed in the user's language, as .xlsx or .csv."""
    _categories(request)
    headers = template_headers()
    if extension == "csv":
        buffer = io.StringIO()
        # A BOM so that Excel opens the accents right; ";" is what Excel writes in Spanish-speaking locales.
        buffer.write("\ufeff")
        csv.writer(buffer, delimiter=";").writerow(headers)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            template_workbook(headers),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{_("roster")}.{extension}"'
    return response
