from django.urls import path

from leagues import urls_dashboard, urls_office_matches, urls_roster_import, urls_wizard, views

app_name = "leagues"

urlpatterns = [
    # The office's pages first: their first segment, "office", is a reserved championship slug.
    *urls_dashboard.urlpatterns,
    *urls_roster_import.urlpatterns,
    *urls_office_matches.urlpatterns,
    *urls_wizard.urlpatterns,
    path("", views.home, name="home"),
    path("<slug:champ_slug>/", views.championship, name="championship"),
    path("<slug:champ_slug>/<slug:cat_slug>/", views.category_standings, name="standings"),
    path("<slug:champ_slug>/<slug:cat_slug>/fixtures/", views.category_fixtures, name="fixtures"),
    path("<slug:champ_slug>/<slug:cat_slug>/fixtures.ics", views.category_ical, name="fixtures_ical"),
    path("<slug:champ_slug>/<slug:cat_slug>/teams/<int:team_id>/", views.team_detail, name="team"),
    path("<slug:champ_slug>/<slug:cat_slug>/teams/<int:team_id>/fixtures.ics", views.team_ical, name="team_ical"),
]
