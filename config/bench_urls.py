"""The project's URLs plus a bare view, for the HTTP bench only (config/bench_settings.py, leagues/bench_http.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    # The floor a page is compared with: Django's middleware and a response, no template, no query, no cache.
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
