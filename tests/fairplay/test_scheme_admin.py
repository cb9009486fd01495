"""The office sets a championship's fair-play scheme in the admin; a category may have its own."""

import pytest
from django.urls import reverse

from fairplay import loaders
from fairplay.admin import FairPlaySchemeForm
from fairplay.models import FairPlayScheme
from leagues.management.commands.seed_demo import ensure_office_group
from tests.factories import make_category, make_championship, make_user

pytestmark = pytest.mark.django_db


def test_a_new_scheme_takes_its_presets_weights_unless_told_to_keep_them():
    championship = make_championship()
    form = FairPlaySchemeForm(data={"preset": "fifa", "mode": "table", "weight": "1", "reset_weights": "on",
                                    **{name: "9" for name in FairPlayScheme.WEIGHTS}})
    form.instance.championship = championship
    assert form.is_valid(), form.errors
    scheme = form.save()
    assert (scheme.blue_player, scheme.second_yellow, scheme.red) == (0, -3, -4)

    form = FairPlaySchemeForm(instance=scheme, data={"preset": "fifa", "mode": "table", "weight": "1",
                                                     **{name: "-2" for name in FairPlayScheme.WEIGHTS}})
    assert form.is_valid(), form.errors
    assert form.save().red == -2


def test_a_category_scheme_overrides_its_championships_and_the_default_follows_the_rules_preset():
    fifa_rules = make_championship(preset="fifa")
    plain, own = make_category(championship=fifa_rules), make_category(championship=fifa_rules)
    FairPlayScheme.objects.create(category=own, preset="uefa", mode="table")
    schemes = loaders.schemes([plain, own])
    assert (schemes[plain.pk].preset, schemes[own.pk].preset) == ("fifa", "uefa")
    FairPlayScheme.objects.create(championship=fifa_rules, preset="youth", mode="points", weight=0.5)
    schemes = loaders.schemes([plain, own])
    assert (schemes[plain.pk].preset, schemes[plain.pk].mode, schemes[plain.pk].weight) == ("youth", "points", 0.5)


def test_the_office_sees_the_scheme_on_its_championships_page(client):
    championship = make_championship()
    staff = make_user(is_staff=True)
    staff.groups.add(ensure_office_group())
    championship.organizer.staff.add(staff)
    client.force_login(staff)
    response = client.get(reverse("admin:leagues_championship_change", args=[championship.pk]))
    assert response.status_code == 200
    assert b'name="fair_play_scheme-0-preset"' in response.content or b"fair_play_scheme-TOTAL_FORMS" in response.content
