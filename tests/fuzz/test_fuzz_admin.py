"""Every add form of the project's admin (the office's forms for setting things straight) under random input, posted
by a superuser: never a server error, and a refused post (the form shown again) writes nothing to that model.

The fields posted are the admin form's own, with their inline formsets' management data, so that random values reach
the validation of the form and of the model rather than stopping at a missing formset."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import SheetWorld, make_user
from tests.fuzz import awkward_text, rarely

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"leagues", "fairplay", "referees", "certificates"}


def _has_add_page(model_admin) -> bool:
    # Some admins have no add page at all (certificates are issued, sheets filled on the tablet): nothing to fuzz.
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_active=True, is_staff=True, is_superuser=True)
    return model_admin.has_add_permission(request)


ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS and _has_add_page(model_admin)
    ),
    key=lambda item: item[0]._meta.label,
)
FUZZ = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def superuser_client(client):
    SheetWorld()  # objects for the foreign keys to point at
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def form_fields(client, url: str) -> tuple[list[str], dict[str, str]]:
    """The names of the add page's inputs, and the inline formsets' management data (no inline rows)."""
    response = client.get(url)
    assert response.status_code == 200, url
    adminform = response.context["adminform"]
    names = list(adminform.form.fields)
    management = {}
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        management.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                           f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    return names, management


@pytest.mark.parametrize("model, model_admin", ADMINS, ids=[model._meta.label for model, _admin in ADMINS])
def test_admin_add_forms_never_fail_and_refusals_write_nothing(superuser_client, model, model_admin):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    names, management = form_fields(superuser_client, url)
    # A value for each field: mostly small integers (ids of existing objects, counts) or awkward text.
    value = rarely(st.sampled_from(["1", "2", "0", "", "on", "2026-11-21", "10:00", "#1d4ed8"]), awkward_text)

    @FUZZ
    @given(data=st.fixed_dictionaries({name: value for name in names}))
    def post(data):
        with transaction.atomic():
            before = model.objects.count()
            response = superuser_client.post(url, {**data, **management})
            assert response.status_code in (200, 302), (response.status_code, data)
            if response.status_code == 200:  # the form again, with its errors
                assert model.objects.count() == before, data
            transaction.set_rollback(True)

    post()
