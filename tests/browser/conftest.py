"""One Chromium for the whole session (Debian's, not a downloaded one); a fresh phone-sized page per test."""

import os
from pathlib import Path


import pytest
from playwright.sync_api import sync_playwright

# Lets a test see (and cut) the requests a service worker makes: `context.set_offline` alone leaves the worker online
# (microsoft/playwright#2311), and the match sheet's worker is what serves the page without a connection.
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


# What Chromium logs when the Content-Security-Policy blocks something ("Refused to ..." in older versions,
# "... violates the following Content Security Policy directive ..." in newer ones).
_csp_violations: list[str] = []


def _record_csp_violation(message) -> None:
    if "Content Security Policy" in message.text:
        _csp_violations.append(f"{message.location.get('url', '')}: {message.text}")


class CspWatchedBrowser:
    """The browser, whose every context reports CSP violations to the test using it (see `no_csp_violations`)."""

    def __init__(self, browser):
        self._browser = browser

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.on("console", _record_csp_violation)
        return context

    def new_page(self, **options):
        context = self.new_context(**options)
        page = context.new_page()
        page.on("close", lambda _page: context.close())
        return page


@pytest.fixture(scope="session")
def browser():
    # A missing browser is a broken machine, not a reason to skip: install it with `apt-get install -y chromium`.
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package to run the browser tests.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield CspWatchedBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def no_csp_violations():
    """Fail the test whose pages broke the Content-Security-Policy (config/middleware.py): a blocked script or style
    is a feature silently missing for the user."""
    _csp_violations.clear()
    yield
    violations, _csp_violations[:] = list(_csp_violations), []
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations), pytrace=False)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


TABLET = {"width": 768, "height": 1024}


@pytest.fixture
def tablet_context(browser):
    """A portrait tablet with touch: the referee's match-sheet device. Several per test stand for several tablets."""
    contexts = []

    def make(viewport=TABLET):
        context = browser.new_context(viewport=viewport, has_touch=True, device_scale_factor=1)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def tablet(tablet_context):
    return tablet_context().new_page()
