"""Routes of the fair-play indicators pages (see fairplay/urls.py)."""

urlpatterns: list = []
