"""Routes of the fair-play manual pages (see fairplay/urls.py)."""

from django.urls import path

from fairplay import manual_views

urlpatterns = [
    path("manual/", manual_views.manual, name="manual"),
    path("manual/sections/", manual_views.manual_sections, name="manual_sections"),
    path("manual/sections/<slug:slug>/edit/", manual_views.manual_edit, name="manual_edit"),
]
