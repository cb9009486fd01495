"""The office prints every certificate of a championship or category as one batch: the choice page, the batch page
with its progress bar (polled by htmx, refreshed by the browser without JavaScript), and the download.

Only the office staff of the championship's organizer (and superusers) see a batch; its file lives under
PRIVATE_FILES_ROOT/batches (outside the public media) and is served here only."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from certificates import batches
from certificates.models import CertificateBatch
from leagues.models import Category, Championship, Organizer
from leagues.views import HtmxHttpRequest

RECENT_BATCHES = 10


def _is_office(user, organizer_id: int) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or Organizer.staff.through.objects.filter(
        organizer_id=organizer_id, user_id=user.pk
    ).exists()


def _own_championships(user):
    return Championship.objects.filter(organizer__in=Organizer.objects.for_user(user))


class BatchForm(forms.Form):
    championship = forms.ModelChoiceField(label=_("Championship"), queryset=Championship.objects.all())
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all(), required=False)
    format = forms.ChoiceField(label=_("Format"), choices=CertificateBatch.Format)
    language = forms.ChoiceField(label=_("Certificate language"), choices=settings.LANGUAGES)

    def clean(self):
        data = super().clean()
        category, championship = data.get("category"), data.get("championship")
        if category is not None and championship is not None and category.championship_id != championship.pk:
            raise forms.ValidationError(_("The category is not of this championship."))
        return data


def _language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@require_GET
@login_required
def batch_list(request: HtmxHttpRequest) -> HttpResponse:
    if not request.user.is_superuser and not Organizer.objects.for_user(request.user).exists():
        raise PermissionDenied
    championships = _own_championships(request.user).select_related("organizer").prefetch_related("categories")
    recent = (
        CertificateBatch.objects.filter(championship__in=championships)
        .select_related("championship", "category")[:RECENT_BATCHES]
    )
    return render(request, "certificates/batches.html", {
        "championships": championships, "recent": recent, "languages": settings.LANGUAGES,
        "language": _language(), "formats": CertificateBatch.Format,
    })


@require_POST
@login_required
def batch_create(request: HtmxHttpRequest) -> HttpResponse:
    form = BatchForm(request.POST)
    if not form.is_valid():
        return HttpResponse(form.errors.as_ul(), status=400)
    championship = form.cleaned_data["championship"]
    if not _is_office(request.user, championship.organizer_id):
        raise PermissionDenied
    batch = batches.batch_create(
        championship=championship, category=form.cleaned_data["category"], format=form.cleaned_data["format"],
        language=form.cleaned_data["language"], user=request.user, base_url=request.build_absolute_uri("/"),
    )
    batches.batch_start(batch)
    return redirect("certificates:batch", batch_id=batch.pk)


def _office_batch(request, batch_id: int) -> CertificateBatch:
    batch = get_object_or_404(
        CertificateBatch.objects.select_related("championship__organizer", "category"), pk=batch_id
    )
    if not _is_office(request.user, batch.championship.organizer_id):
        raise PermissionDenied
    return batch


@require_GET
@login_required
def batch_detail(request: HtmxHttpRequest, batch_id: int) -> HttpResponse:
    batch = _office_batch(request, batch_id)
    template = "certificates/batch.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#batch-status"
    response = render(request, template, {"batch": batch, "language": _language()})
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def batch_download(request: HtmxHttpRequest, batch_id: int) -> FileResponse:
    batch = _office_batch(request, batch_id)
    path = batches.batch_path(batch)
    if path is None:
        raise Http404
    content_type = "application/zip" if batch.format == CertificateBatch.Format.ZIP else "application/pdf"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name.rsplit("-", 1)[0] + path.suffix,
                            content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
