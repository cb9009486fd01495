"""Routes of the championship wizard; included by `leagues.urls` before the championship patterns."""

from django.urls import path

from leagues import wizard_views

urlpatterns: list = [
    path("office/championships/new/", wizard_views.wizard_start, name="wizard_start"),
    path("office/championships/<slug:slug>/setup/", wizard_views.wizard_championship, name="wizard_championship"),
    path("office/championships/<slug:slug>/setup/categories/", wizard_views.wizard_categories,
         name="wizard_categories"),
    path("office/championships/<slug:slug>/setup/categories/<int:category_id>/remove/",
         wizard_views.wizard_category_remove, name="wizard_category_remove"),
    path("office/championships/<slug:slug>/setup/teams/", wizard_views.wizard_teams, name="wizard_teams"),
    path("office/championships/<slug:slug>/setup/teams/<int:team_id>/remove/", wizard_views.wizard_team_remove,
         name="wizard_team_remove"),
    path("office/championships/<slug:slug>/setup/fixtures/", wizard_views.wizard_fixtures, name="wizard_fixtures"),
    path("office/championships/<slug:slug>/setup/publish/", wizard_views.wizard_publish, name="wizard_publish"),
]
