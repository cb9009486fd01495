"""The fair-play benchmark at a toy size: every figure comes out and nothing is kept. No timing is asserted."""

import io
import random

import pytest
from django.core.management import call_command

from fairplay import bench
from fairplay.models import Card, FairPlayScheme, MatchConduct
from leagues.models import Category, Championship, Coach, Match, Organizer, Player, Team

pytestmark = pytest.mark.django_db

# Three categories of 3, 4 and 2 teams: 6 + 12 + 2 = 20 matches in double round robins.
TINY = dict(matches=20, probes=(3, 4), team_counts=(2,), per_championship=3)
MODELS = (Organizer, Championship, Category, Team, Player, Coach, Match, Card, MatchConduct, FairPlayScheme)


def test_the_bench_reports_the_country_and_each_probe_category():
    out = io.StringIO()

    report = bench.run(**TINY, repeat=2, runs=1, stdout=out)

    country = report.country
    assert (country.matches, len(country.categories), country.teams) == (20, 3, 9)
    assert country.cards > 0 and 0 < country.conduct <= 2 * country.matches
    assert [f.preset for f in report.presets] == ["youth", "fifa", "uefa"]
    assert all((f.tables, f.teams) == (3, 9) for f in report.presets)
    assert [(f.teams, f.matches) for f in report.categories] == [(3, 6), (4, 12)]
    assert report.categories[0].queries == report.categories[1].queries
    text = out.getvalue()
    assert "every table of the country, uefa" in text
    assert "one category's table, 4 teams" in text


def test_the_bench_keeps_nothing():
    before = [model.objects.count() for model in MODELS]

    bench.run(**TINY, repeat=1, runs=1)

    assert [model.objects.count() for model in MODELS] == before


def test_a_category_page_and_the_country_tables_agree():
    country = bench.build_country(**TINY, rng=random.Random(1))
    bench.set_preset(country, "fifa")

    tables = bench.score_country(country.categories, *bench.load_country(country.categories))

    for category in country.categories:
        page = bench.category_table(category)
        assert [(r.position, r.total.team, r.total.points) for r in page] == [
            (r.position, r.total.team, r.total.points) for r in tables[category.pk]
        ]


def test_the_command_runs_the_fairplay_target(monkeypatch):
    monkeypatch.setattr(bench, "NATIONAL_MATCHES", 3000)  # --quick: 300 matches, both probe categories
    out = io.StringIO()

    call_command("bench", "fairplay", "--quick", "--repeat", "1", stdout=out)

    assert "one category's table, 8 teams" in out.getvalue()
    assert "one category's table, 16 teams" in out.getvalue()
    assert not Card.objects.exists()
