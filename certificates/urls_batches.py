"""Routes of the office's certificate batches (see certificates/urls.py)."""

from django.urls import path

from certificates import batch_views

urlpatterns: list = [
    path("office/certificates/", batch_views.batch_list, name="batches"),
    path("office/certificates/batches/", batch_views.batch_create, name="batch_create"),
    path("office/certificates/batches/<int:batch_id>/", batch_views.batch_detail, name="batch"),
    path("office/certificates/batches/<int:batch_id>/download/", batch_views.batch_download, name="batch_download"),
]
