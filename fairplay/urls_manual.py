"""Routes of the fair-play manual pages (see fairplay/urls.py)."""

urlpatterns: list = []
