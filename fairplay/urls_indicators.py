"""Routes of the fair-play indicators pages (see fairplay/urls.py)."""

from django.urls import path

from fairplay import indicator_views

urlpatterns: list = [
    path("office/indicators/", indicator_views.indicators, name="indicators"),
    path("office/indicators.csv", indicator_views.indicators_csv, name="indicators_csv"),
]
