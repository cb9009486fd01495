"""Fair play's pages: the Fair Play Manual, the office's impact indicators, the public fair-play tables.

Each part keeps its routes beside its views; they are put together here, before the public pages, whose first
segment is a championship's slug (`manual`, `office` and `fair-play` are reserved slugs)."""

from fairplay import urls_indicators, urls_manual, urls_sanctions, urls_tables

app_name = "fairplay"

urlpatterns = [*urls_manual.urlpatterns, *urls_indicators.urlpatterns, *urls_sanctions.urlpatterns, *urls_tables.urlpatterns]
