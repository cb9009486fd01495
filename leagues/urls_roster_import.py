"""The office's roster import; included by `leagues.urls` before the championship patterns (whose slugs would
otherwise take "office")."""

from django.urls import path

from leagues import roster_import_views

urlpatterns = [
    path("office/rosters/import/", roster_import_views.roster_import, name="roster_import"),
]
