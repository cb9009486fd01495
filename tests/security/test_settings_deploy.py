"""Production settings come from the environment: `check --deploy` is clean with HTTPS on, the demo key is refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "k3J9x-Qw8vLp2Zr7Tn5Ym4Hs6Db1Fg0Ca-Ue9Wi8Oo7Pp6Aa5Ss4Dd3Ff2Gg1Hh0Jj",
    "HTTPS": "true",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "tarjeta.example.pe",
}


def manage(*args, **environ):
    # A clean environment: the test run's own (DJANGO_ALLOW_ASYNC_UNSAFE for Playwright, say) is no deployment's.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "DATABASE_URL")}
    env.update(environ)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_check_deploy_passes_without_warnings_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_passes_behind_a_proxy_too():
    result = manage("check", "--deploy", "--fail-level", "WARNING", TRUSTED_PROXIES="1",
                    CSRF_TRUSTED_ORIGINS="https://tarjeta.example.pe", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_with_the_demo_key():
    environ = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", **environ)
    assert result.returncode != 0
    assert "SECRET_KEY is the demo key" in result.stderr


def test_the_demo_settings_start_without_https():
    # What `./tarjeta demo` runs with: no SECRET_KEY, no HTTPS, DEBUG off. It starts (check --deploy would warn).
    result = manage("check", DEBUG="false")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/"
    assert client.get("/health/").status_code == 200


@pytest.mark.django_db
def test_the_https_header_of_a_trusted_proxy_counts_only_when_configured(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 301
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
