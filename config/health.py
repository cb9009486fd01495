"""The health check for monitors and load balancers: is the database answering, is the cache answering.

200 with {"status": "ok", ...} when both answer; 503 with what failed otherwise. Never cached, no login, nothing
private: only the word ok or the name of the part that failed.
"""

from __future__ import annotations

import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure is "down" for a monitor
        return False


def _cache() -> bool:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:  # noqa: BLE001
        return False


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    started = time.perf_counter()
    checks = {"database": _database(), "cache": _cache()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "checks": {name: "ok" if ok else "failed" for name, ok in checks.items()},
            "ms": round((time.perf_counter() - started) * 1000, 1),
        },
        status=200 if healthy else 503,
    )
