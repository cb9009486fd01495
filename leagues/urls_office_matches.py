"""Routes of the office's match list; included by `leagues.urls` before the championship patterns."""

from django.urls import path

from leagues import office_matches_views

urlpatterns: list = [
    path("office/matches/", office_matches_views.office_matches, name="office_matches"),
    path("office/matches/<int:match_id>/row/", office_matches_views.office_match_row, name="office_match_row"),
    path("office/matches/<int:match_id>/edit/", office_matches_views.office_match_edit, name="office_match_edit"),
    path(
        "office/matches/<int:match_id>/postpone/",
        office_matches_views.office_match_postpone,
        name="office_match_postpone",
    ),
]
