"""Route of the office dashboard, included in leagues/urls.py before the championship pages (`office` is reserved)."""

from django.urls import path

from leagues import dashboard_views

urlpatterns: list = [
    path("office/", dashboard_views.office_dashboard, name="office_dashboard"),
]
