"""Routes of the certificates documents pages (see certificates/urls.py)."""

urlpatterns: list = []
