import os

# Playwright's sync API runs an event loop; Django refuses ORM calls from such threads unless told otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs a third of a second per user by design; tests create many users and test no hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def clear_cache(cache) -> None:
    """Empty a cache; for Redis only the keys under its KEY_PREFIX (clear() would flush a database others share)."""
    if cache.__class__.__name__ == "RedisCache":
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    # Public pages are cached (leagues/cache.py): no test may be served a page, or a count, another test left behind.
    from django.core.cache import cache

    clear_cache(cache)
