"""The office's roster import; included by `leagues.urls` before the championship patterns (whose slugs would
otherwise take "office")."""

from django.urls import path, re_path

from leagues import roster_import_views

urlpatterns = [
    path("office/rosters/import/", roster_import_views.roster_import, name="roster_import"),
    re_path(r"^office/rosters/template\.(?P<extension>csv|xlsx)$", roster_import_views.roster_template,
            name="roster_template"),
]
