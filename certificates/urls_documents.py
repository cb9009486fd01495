"""Routes of the certificates documents pages (see certificates/urls.py): the printed documents, as PDFs."""

from django.urls import path

from certificates import document_views

urlpatterns: list = [
    path("documents/manual.pdf", document_views.manual_pdf, name="manual_pdf"),
    path("documents/matches/<int:match_id>/sheet.pdf", document_views.match_sheet_pdf, name="match_sheet_pdf"),
    path("documents/<slug:champ_slug>/<slug:cat_slug>/standings.pdf", document_views.standings_pdf,
         name="standings_pdf"),
    path("documents/<slug:champ_slug>/<slug:cat_slug>/fair-play.pdf", document_views.fair_play_pdf,
         name="fair_play_pdf"),
]
