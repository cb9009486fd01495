"""The Content-Security-Policy allows scripts from the site only, and no template needs more: no inline script."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.factories import SheetWorld, make_user

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
# on*= attributes inside a tag (onclick, onload, onsubmit...), and htmx's own inline handlers (hx-on, hx-on:click).
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\s(on[a-z]+|hx-on[:\-a-z]*|data-hx-on[:\-a-z]*)\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def template_files(folders=TEMPLATE_DIRS):
    return sorted(path for folder in folders for path in folder.rglob("*") if path.suffix in (".html", ".txt"))


def library_template_files():
    """The templates of the installed libraries the pages use: the admin, django-tables2, django-filter."""
    import django.contrib.admin
    import django_filters
    import django_tables2

    return template_files([Path(module.__file__).parent / "templates"
                           for module in (django.contrib.admin, django_tables2, django_filters)])


def test_the_scan_sees_the_templates():
    names = {path.relative_to(ROOT).as_posix() for path in template_files()}
    assert {"templates/base.html", "templates/referees/sheet.html"} <= names


@pytest.mark.parametrize("path", template_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_template_has_inline_script(path):
    text = path.read_text()
    for match in SCRIPT_TAG.finditer(text):
        assert "src=" in match.group(1), f"inline <script> in {path.name}: {match.group(0)}"
    assert not EVENT_ATTRIBUTE.search(text), f"event-handler attribute in {path.name}"
    assert not JAVASCRIPT_URL.search(text), f"javascript: URL in {path.name}"


@pytest.mark.parametrize("path", library_template_files(), ids=lambda path: "/".join(path.parts[-3:]))
def test_no_library_template_has_inline_script(path):
    # Why the admin needs no exception to the policy: every script of its pages is a file too.
    test_no_template_has_inline_script(path)


def test_the_scan_catches_what_it_looks_for():
    assert not all("src=" in m.group(1) for m in SCRIPT_TAG.finditer("<script>alert(1)</script>"))
    assert EVENT_ATTRIBUTE.search('<button type="button" onclick="go()">')
    assert EVENT_ATTRIBUTE.search('<form hx-on:submit="x()">')
    assert JAVASCRIPT_URL.search('<a href="javascript:go()">')
    assert not EVENT_ATTRIBUTE.search('<p>Ronaldo = one</p> <a class="button">')


@pytest.mark.parametrize("debug", [False, True])
def test_the_htmx_script_tag_loads_files_only(settings, debug):
    settings.DEBUG = debug
    html = Template("{% load django_htmx %}{% htmx_script %}").render(Context({}))
    tags = SCRIPT_TAG.findall(html)
    assert tags and all("src=" in attributes for attributes in tags)


def policy(response) -> dict[str, str]:
    directives = [part.strip().split(None, 1) for part in response["Content-Security-Policy"].split(";")]
    return {parts[0]: parts[1] if len(parts) > 1 else "" for parts in directives}


def assert_strict(response):
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_public_page_has_the_policy(client):
    assert_strict(client.get(reverse("leagues:home")))


@pytest.mark.django_db
def test_the_match_sheet_has_the_policy(client):
    world = SheetWorld(players=2)
    client.force_login(world.referee_user)
    response = client.get(reverse("referees:sheet", args=[world.match.pk]))
    assert_strict(response)
    # Its one script is a file of the site's own.
    assert re.search(r'<script src="/static/js/sheet\.js"', response.content.decode())


@pytest.mark.django_db
def test_the_admin_has_the_same_policy(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert_strict(client.get(reverse("admin:index")))
    assert_strict(client.get(reverse("admin:certificates_certificatesettings_add")))


@pytest.mark.django_db
def test_the_login_page_has_the_policy(client):
    assert_strict(client.get(reverse("login")))


@pytest.mark.django_db
def test_htmx_may_not_evaluate_code(client):
    html = client.get(reverse("leagues:home")).content.decode()
    assert """<meta name="htmx-config" content='{"allowEval": false, "allowScriptTags": false}'>""" in html


@pytest.mark.django_db
def test_files_that_are_not_pages_carry_no_policy(client):
    response = client.get(reverse("referees:service_worker"))
    assert response["Content-Type"].startswith("text/javascript")
    assert "Content-Security-Policy" not in response
