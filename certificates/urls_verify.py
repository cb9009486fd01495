"""Routes of the certificates verify pages (see certificates/urls.py)."""

from django.urls import path

from certificates import views

urlpatterns: list = [
    path("verify/<str:code>/", views.verify, name="verify"),
]
