"""The health check answers monitors without a login, and says which part failed."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_and_the_cache_answer(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"] == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unavailable_when_the_cache_does_not_answer(client, settings):
    # A real Redis client pointed at a port where nothing listens: the outage a monitor must see.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() | {"ms": 0} == {"status": "unavailable", "checks": {"database": "ok", "cache": "failed"},
                                           "ms": 0}
