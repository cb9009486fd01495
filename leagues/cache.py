"""The cache of public pages: whole responses for anonymous visitors, dropped the moment anything they show changes.

Hundreds of parents refresh the standings on a Saturday; a hit costs two cache reads in one round trip (the version
and the page) and no query.

- What is cached: the response of a view decorated with `public_page`, for a GET without a session cookie (a
  logged-in user always has one, and the header shows their menu; an anonymous session may hold messages). The key is
  the scheme, host, path and query string, the active language and whether htmx asked for the partial. Only 200s
  are kept (a flood of made-up addresses must not fill the cache).
- The CSRF token: every page carries one (the language switch, `hx-headers`). Before a page is stored, each token
  rendered for the first visitor is replaced by a placeholder; each hit puts in the requester's own token.
- Invalidation: one version number for every public page, stored beside them. A stored page keeps the version it was
  rendered under and is served only while that is still the current one. Writes bump it (signal receivers below,
  and explicit calls after bulk writes, which send no signals) at once and again when their transaction commits:
  the first makes the change visible inside the transaction that made it (and in tests, which never commit), the
  second drops what a concurrent reader rendered from the data before the commit. One version for everything rather
  than one per championship: always correct (the home page and the manual list every championship, a player or a
  venue appears in several), one key, and a write that a public page shows (a sheet submitted, a result, a card, the
  office's edits; not a tablet's every tap) comes every few minutes for one office: each costs one re-render per
  page then visited.
- A time to live (`PUBLIC_PAGE_CACHE_SECONDS`, 10 minutes) is the safety net for a write that escaped all of that.
- A cache that does not answer never breaks a page or a write: the page is rendered uncached, the bump is logged.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
PAGE_PREFIX = "public-pages:page:"
CSRF_PLACEHOLDER = b"__tarjeta_csrf_token__"
# A masked CSRF token as Django renders it: 64 letters and digits (django.middleware.csrf).
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def _ttl() -> int:
    return getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600)


# --- The version ------------------------------------------------------------------------------------------------------


def _new_version() -> int:
    # A clock reading, not 1: if the key was evicted (or Redis restarted), pages stored under the versions counted
    # from the old value must not match again. Bumps never catch up with the nanoseconds elapsed.
    cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    return cache.get(VERSION_KEY)


def bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted): a new one is as good as a bump
        _new_version()
    except Exception:
        logger.warning("public pages: the cache did not answer; cached pages may be stale for up to %s s", _ttl(),
                       exc_info=True)


def _bump_pending(connection) -> bool:
    # Django keeps the callbacks of the open transaction as (savepoint ids, callable, robust).
    return any(entry[1] is bump_version for entry in connection.run_on_commit)


def public_pages_changed(*, using: str | None = None) -> None:
    """Something a public page shows has changed: every cached page is stale, now and when the transaction commits.

    Called by the signal receivers below and, explicitly, after bulk writes (`bulk_create`, `bulk_update`,
    `QuerySet.update`), which send no signals."""
    bump_version()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not _bump_pending(connection):
        transaction.on_commit(bump_version, using=using)


# --- The views' decorator ---------------------------------------------------------------------------------------------


def _cacheable(request: HttpRequest) -> bool:
    return request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request: HttpRequest) -> str:
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.history_restore_request  # what the views render a partial for
    parts = [request.scheme, request.get_host(), request.get_full_path(), get_language() or "", "hx" if partial else ""]
    return PAGE_PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _without_csrf_tokens(request: HttpRequest, content: bytes) -> bytes:
    """The page with every CSRF token rendered for this request replaced by the placeholder."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content

    def replace(match: re.Match) -> bytes:
        return CSRF_PLACEHOLDER if _unmask_cipher_token(match.group().decode()) == secret else match.group()

    return _TOKEN.sub(replace, content)


def _stored(response: HttpResponse, request: HttpRequest) -> tuple | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return None
    headers = [(name, value) for name, value in response.items() if name.lower() != "x-cache"]
    return response.status_code, headers, _without_csrf_tokens(request, response.content)


def _from_cache(request: HttpRequest, status: int, headers: list, content: bytes) -> HttpResponse:
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def public_page(view):
    """Serve the view's response from the cache to anonymous visitors (see the module's docstring)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY)
            if version is None:
                version = _new_version()
        except Exception:
            logger.warning("public pages: the cache did not answer; serving uncached", exc_info=True)
            return view(request, *args, **kwargs)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            response = _from_cache(request, *entry[1:])
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        stored = _stored(response, request)
        if stored is not None:
            try:
                cache.set(key, (version, *stored), _ttl())
            except Exception:
                logger.warning("public pages: the cache did not answer; page not stored", exc_info=True)
        response["X-Cache"] = "miss"
        return response

    return wrapper


# --- What public pages show -------------------------------------------------------------------------------------------


def _changed(sender, **kwargs) -> None:
    public_pages_changed(using=kwargs.get("using"))


def _m2m_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        public_pages_changed(using=kwargs.get("using"))


def connect_signals() -> None:
    """Connect the receivers (from LeaguesConfig.ready). Cache invalidation, not business logic: signals catch every
    path (services, admin, the office's pages, imports) that saves or deletes one object; bulk writes call
    `public_pages_changed` themselves."""
    from fairplay.models import Card, FairPlayScheme, ManualSection, MatchConduct, Suspension
    from leagues.models import (
        Barra,
        Category,
        Championship,
        Club,
        Coach,
        Match,
        Organizer,
        Player,
        PointAdjustment,
        RosterEntry,
        Team,
        Venue,
    )

    models = (
        Organizer, Championship, Category, Club, Team, Player, Coach, Barra, RosterEntry, Venue, Match,
        PointAdjustment, Card, MatchConduct, Suspension, FairPlayScheme, ManualSection,
    )
    for model in models:
        uid = f"public-pages:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
    m2m_changed.connect(_m2m_changed, sender=Coach.teams.through, dispatch_uid="public-pages:coach-teams")
