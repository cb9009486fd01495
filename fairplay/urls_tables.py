"""Routes of the fair-play tables pages (see fairplay/urls.py)."""

from django.urls import path

from fairplay import tables_views

urlpatterns: list = [
    path("<slug:champ_slug>/fair-play/", tables_views.championship_copa, name="championship_fair_play"),
    path("<slug:champ_slug>/<slug:cat_slug>/fair-play/", tables_views.category_copa, name="fair_play"),
    path(
        "<slug:champ_slug>/<slug:cat_slug>/fair-play/<int:team_id>/", tables_views.team_breakdown,
        name="fair_play_team",
    ),
]
