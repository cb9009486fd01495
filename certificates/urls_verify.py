"""Routes of the certificates verify pages (see certificates/urls.py)."""

urlpatterns: list = []
