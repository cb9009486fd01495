"""Repeated failed logins lock the username, then the client's address, on the site's and the admin's login pages."""

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-1234"


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the refusal is asserted in English
    return client


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def log_in(client, username, password, url=None, **extra):
    return client.post(url or reverse("login"), {"username": username, "password": password}, **extra)


def fail(client, username, times, **extra):
    for _ in range(times):
        response = log_in(client, username, "wrong-password", **extra)
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client):
    make_user(username="arbitro", password=PASSWORD)
    fail(client, "arbitro", 5)
    response = log_in(client, "arbitro", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts to log in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_then_the_right_password_logs_in_and_starts_the_count_again(client):
    make_user(username="arbitro", password=PASSWORD)
    fail(client, "arbitro", 4)
    assert log_in(client, "arbitro", PASSWORD).status_code == 302
    client.logout()
    fail(client, "arbitro", 4)
    assert log_in(client, "arbitro", PASSWORD).status_code == 302


def test_the_username_is_locked_whatever_its_case(client):
    make_user(username="arbitro", password=PASSWORD)
    fail(client, "ARBITRO", 5)
    assert log_in(client, "arbitro", PASSWORD).status_code == 429


def test_another_username_from_the_same_address_works_until_the_address_limit(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 8
    make_user(username="arbitro", password=PASSWORD)
    make_user(username="oficina", password=PASSWORD)
    fail(client, "arbitro", 5)
    assert log_in(client, "oficina", PASSWORD).status_code == 302
    client.logout()
    # Three more failures, over other names, bring the address to its limit: now nobody logs in from it.
    for name in ("ana", "beto", "carla"):
        fail(client, name, 1)
    assert log_in(client, "oficina", PASSWORD).status_code == 429
    # ...while the same account from another address still can.
    assert log_in(client, "oficina", PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_a_success_does_not_clear_the_address_count(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    make_user(username="oficina", password=PASSWORD)
    fail(client, "ana", 2)
    assert log_in(client, "oficina", PASSWORD).status_code == 302
    client.logout()
    fail(client, "beto", 1)
    assert log_in(client, "oficina", PASSWORD).status_code == 429


def test_the_lock_ends_with_the_window(client, settings):
    settings.LOGIN_FAILURE_WINDOW = 1  # seconds, so the cache really lets the counters go
    make_user(username="arbitro", password=PASSWORD)
    fail(client, "arbitro", 5)
    assert log_in(client, "arbitro", PASSWORD).status_code == 429
    time.sleep(1.2)
    assert log_in(client, "arbitro", PASSWORD).status_code == 302


def test_forwarded_for_is_ignored_without_a_trusted_proxy(client):
    make_user(username="oficina", password=PASSWORD)
    for n in range(20):
        fail(client, f"guess{n}", 1, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    # Every failure counted against REMOTE_ADDR: a forged header does not spread them over twenty addresses.
    assert log_in(client, "oficina", PASSWORD).status_code == 429


def test_behind_a_trusted_proxy_the_address_it_saw_counts(client, settings):
    settings.TRUSTED_PROXIES = 1
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    make_user(username="oficina", password=PASSWORD)
    for n in range(3):
        # The client forges the left part; the proxy appends the address it really saw.
        fail(client, f"guess{n}", 1, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.9")
    assert log_in(client, "oficina", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert log_in(client, "oficina", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302


def test_the_admin_login_is_throttled_too(client):
    make_user(username="admin", password=PASSWORD, is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(5):
        assert log_in(client, "admin", "wrong-password", url=url).status_code == 200
    response = log_in(client, "admin", PASSWORD, url=url)
    assert response.status_code == 429
    assert "Too many failed attempts to log in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_on_the_admin_count_for_the_site_login(client):
    make_user(username="admin", password=PASSWORD, is_staff=True)
    fail(client, "admin", 3)
    for _ in range(2):
        log_in(client, "admin", "wrong-password", url=reverse("admin:login"))
    assert log_in(client, "admin", PASSWORD).status_code == 429


def test_the_admin_login_still_works(client):
    make_user(username="admin", password=PASSWORD, is_staff=True, is_superuser=True)
    response = log_in(client, "admin", PASSWORD, url=reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_logged_in_user_is_still_sent_on_from_the_login_page(client):
    user = make_user(username="oficina", password=PASSWORD)
    client.force_login(user)
    assert client.get(reverse("login")).status_code == 302
