"""The printed documents as PDF downloads: the manual booklet and the notice-board tables (public), the match sheet
(the people of the match only). The loaders and renderers are in certificates/documents.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from certificates import documents
from fairplay.models import Audience
from leagues.models import Championship, Match
from leagues.views import public_category
from referees import access


def _language(request: HttpRequest) -> str:
    language = request.GET.get("language") or get_language() or "es"
    return "en" if language.lower().startswith("en") else "es"


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def manual_pdf(request: HttpRequest) -> HttpResponse:
    """`?audience=coaches&language=es&size=A5&championship=<slug>`: the manual is public; an unknown audience prints
    the whole manual, an unknown or unpublished championship is a 404 (a printed booklet must not silently show
    other rules than the ones asked for)."""
    audience = request.GET.get("audience") or None
    if audience not in Audience.values:
        audience = None
    size = "A4" if request.GET.get("size", "").upper() == "A4" else "A5"
    championship = None
    if slug := request.GET.get("championship"):
        championship = get_object_or_404(Championship.objects.public(), slug=slug)
    language = _language(request)
    booklet = documents.load_manual_booklet(audience=audience, language=language, championship=championship)
    name = "-".join(part for part in ("manual-fair-play", audience, championship and championship.slug, language,
                                      size.lower()) if part)
    return _pdf(documents.manual_booklet_pdf(booklet, size=size), f"{name}.pdf")


@require_GET
@login_required
def match_sheet_pdf(request: HttpRequest, match_id: int) -> HttpResponse:
    """The match's sheet: the submitted record, or the blank paper sheet (no submitted sheet yet, or `?blank=1`).
    The office of the match's organizer, its appointed referees and the coaches of both teams may print it; players
    print by full name on the office's copy only."""
    match = get_object_or_404(Match.objects.select_related("category__championship", "home", "away"), pk=match_id)
    if not access.can_view(request.user, match):
        raise PermissionDenied
    doc = documents.load_match_sheet(
        match, language=_language(request), blank=request.GET.get("blank") == "1",
        full_names=access.is_office(request.user, match),
    )
    kind = "blank" if doc.blank else "record"
    filename = f"match-{match.pk}-{slugify(match.home.name)}-{slugify(match.away.name)}-{kind}.pdf"
    response = _pdf(documents.match_sheet_pdf(doc), filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _tables(request: HttpRequest, champ_slug: str, cat_slug: str) -> documents.TablesDoc:
    # A draft championship's category is a 404, as on the pages.
    category = public_category(champ_slug, cat_slug)
    return documents.load_tables(category, language=_language(request))


@require_GET
def standings_pdf(request: HttpRequest, champ_slug: str, cat_slug: str) -> HttpResponse:
    doc = _tables(request, champ_slug, cat_slug)
    return _pdf(documents.standings_pdf(doc), f"standings-{champ_slug}-{cat_slug}.pdf")


@require_GET
def fair_play_pdf(request: HttpRequest, champ_slug: str, cat_slug: str) -> HttpResponse:
    doc = _tables(request, champ_slug, cat_slug)
    return _pdf(documents.copa_pdf(doc), f"fair-play-{champ_slug}-{cat_slug}.pdf")
