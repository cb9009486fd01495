"""Routes of the office's sanctions page (see fairplay/urls.py)."""

from django.urls import path

from fairplay import sanctions_views

urlpatterns: list = [
    path("office/sanctions/", sanctions_views.sanctions, name="sanctions"),
    path("office/sanctions/suspensions/add/", sanctions_views.suspension_add, name="suspension_add"),
    path(
        "office/sanctions/suspensions/<int:suspension_id>/lift/", sanctions_views.suspension_lift,
        name="suspension_lift",
    ),
    path("office/sanctions/adjustments/add/", sanctions_views.adjustment_add, name="adjustment_add"),
    path(
        "office/sanctions/adjustments/<int:adjustment_id>/delete/", sanctions_views.adjustment_delete,
        name="adjustment_delete",
    ),
]
