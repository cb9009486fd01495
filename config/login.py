"""Logins refused for a while after repeated failures, per username and per client address (the site's and the admin's).

Counters live in the default cache (each process's memory, or Redis shared by every server). A failure counts against
the username and the address; a success clears the username's count only, so one known account cannot clear an
address that is guessing others. While either is at its limit, even the right password is refused, unchecked.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import ngettext

THROTTLED = "throttled"


def client_address(request) -> str:
    """REMOTE_ADDR, or the address the outermost trusted proxy saw (X-Forwarded-For, counted from the right)."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        # Each proxy appends the address it received from; what is further left was written by the client.
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _keys(request, username: str) -> tuple[tuple[str, int], tuple[str, int]]:
    # Hashed: usernames are whatever was typed, of any length and character, and keys must stay valid for any cache.
    name = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    return (
        (f"login-failures:username:{name}", settings.LOGIN_FAILURES_PER_USERNAME),
        (f"login-failures:address:{client_address(request)}", settings.LOGIN_FAILURES_PER_ADDRESS),
    )


def login_blocked(request, username: str) -> bool:
    keys = _keys(request, username)
    counts = cache.get_many([key for key, _limit in keys])
    return any(counts.get(key, 0) >= limit for key, limit in keys)


def login_failed(request, username: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW
    for key, limit in _keys(request, username):
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            count = 1
            cache.set(key, count, timeout=window)
        if count >= limit:
            # The lock lasts a whole window from the failure that reached the limit, not what is left of the window.
            cache.touch(key, timeout=window)


def login_succeeded(request, username: str) -> None:
    (username_key, _limit), _address = _keys(request, username)
    cache.delete(username_key)


class ThrottledLoginMixin:
    """For an AuthenticationForm: refuse before checking the password while the username or the address is locked."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if login_blocked(self.request, username):
            minutes = max(1, settings.LOGIN_FAILURE_WINDOW // 60)
            raise ValidationError(
                ngettext(
                    "Too many failed attempts to log in. Wait %(minutes)d minute and try again.",
                    "Too many failed attempts to log in. Wait %(minutes)d minutes and try again.",
                    minutes,
                )
                % {"minutes": minutes},
                code=THROTTLED,
            )
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                login_failed(self.request, username)
            raise
        if self.user_cache is not None:
            login_succeeded(self.request, username)
        return cleaned_data


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


def too_many_requests_when_throttled(view):
    """Answer 429 when the login form was refused for too many failures (the page is the form, with the message)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if form is not None and form.is_bound and form.has_error(NON_FIELD_ERRORS, code=THROTTLED):
            response.status_code = 429
        return response

    return wrapper


login = too_many_requests_when_throttled(
    LoginView.as_view(authentication_form=ThrottledAuthenticationForm, redirect_authenticated_user=True)
)
