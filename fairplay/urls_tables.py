"""Routes of the fair-play tables pages (see fairplay/urls.py)."""

urlpatterns: list = []
