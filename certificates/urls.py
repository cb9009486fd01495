"""Certificates: the public verification page, the office's awards and batches, the printed documents.

Each part keeps its routes beside its views (as in fairplay/urls.py); `verify` is a reserved championship slug."""

from certificates import urls_batches, urls_documents, urls_verify

app_name = "certificates"

urlpatterns = [*urls_verify.urlpatterns, *urls_documents.urlpatterns, *urls_batches.urlpatterns]
