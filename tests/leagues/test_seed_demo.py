import io

import pytest
from django.utils import timezone
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from fairplay.models import Card
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

pytestmark = pytest.mark.django_db

MODELS = [Organizer, Championship, Category, Club, Team, Player, RosterEntry, Coach, Barra, Venue, Match, Card,
          PointAdjustment, Group, get_user_model()]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_running_twice_duplicates_nothing(seeded):
    before = counts()
    out = io.StringIO()
    with translation.override("en"):
        call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "already exists" in out.getvalue()


def test_demo_has_eight_categories_for_boys_and_girls_and_thirty_teams(seeded):
    championship = Championship.objects.get()
    assert championship.name == "Campeonato Distrital de Menores Tarjeta Azul"
    categories = championship.categories.all()
    assert categories.count() == 8
    assert {(c.name.split()[0], c.gender) for c in categories} == {
        (f"Sub-{age}", gender) for age in (8, 10, 12, 14) for gender in ("boys", "girls")
    }
    assert Team.objects.count() >= 30


def test_rosters_are_eligible_and_sized_like_real_squads(seeded):
    for team in Team.objects.select_related("category"):
        entries = list(team.roster.select_related("player"))
        assert 10 <= len(entries) <= 14
        assert all(team.category.admits_birth_date(entry.player.birth_date) for entry in entries)
        assert all(len(entry.player.document_number) == 8 for entry in entries)
        assert len({entry.shirt_number for entry in entries}) == len(entries)


def test_season_is_half_played_with_frequent_blue_cards(seeded):
    played = Match.objects.filter(status=Match.Status.PLAYED)
    assert played.count() > 0
    assert Match.objects.unplayed().count() > 0
    blue = Card.objects.blue()
    assert {card.recipient for card in blue} == {"player", "coach", "barra"}
    assert blue.count() > Card.objects.sanctions().count()
    assert Card.objects.filter(colour="yellow").exists()
    # Cards only in played matches, and to players of the carded team.
    assert not Card.objects.exclude(match__status=Match.Status.PLAYED).exists()
    for card in Card.objects.filter(recipient="player").select_related("player")[:50]:
        assert RosterEntry.objects.filter(team=card.team_id, player=card.player_id).exists()


def test_demo_has_a_postponed_match_a_walkover_an_adjustment_and_a_knockout(seeded):
    assert Match.objects.filter(status=Match.Status.POSTPONED).count() == 1
    walkover = Match.objects.get(status=Match.Status.WALKOVER)
    assert walkover.walkover_winner_id in (walkover.home_id, walkover.away_id)
    adjustment = PointAdjustment.objects.get()
    assert adjustment.reason and adjustment.created_by.username == "oficina"
    groups = Category.objects.get(format=Category.Format.GROUPS_KNOCKOUT)
    assert set(groups.teams.values_list("group", flat=True)) == {"A", "B"}
    assert groups.matches.filter(stage=Match.Stage.KNOCKOUT).count() == 2
    assert Barra.objects.filter(safe_bar_committed_on__isnull=False).exists()


def test_matches_are_on_weekends_except_the_referees_match_today(seeded):
    today = timezone.localdate()
    dates = Match.objects.exclude(date=today, assignments__referee__user__username="arbitro").values_list("date", flat=True)
    assert all(date.weekday() in (5, 6) for date in dates)


def test_the_demo_referee_has_a_match_today_with_the_demo_coachs_team(seeded):
    today_match = Match.objects.get(assignments__referee__user__username="arbitro", date=timezone.localdate())
    coach = Coach.objects.get(user__username="entrenador")
    assert coach.teams.filter(pk__in=[today_match.home_id, today_match.away_id]).exists()
    assert today_match.status == Match.Status.SCHEDULED
    assert Match.objects.filter(assignments__referee__user__username="arbitro", date__gt=timezone.localdate()).count() >= 2


def test_logins_are_printed_and_work(seeded, client):
    for username, password in [("admin", "admin-demo"), ("oficina", "oficina-demo"), ("arbitro", "arbitro-demo"),
                               ("entrenador", "entrenador-demo")]:
        assert username in seeded and password in seeded
        assert client.login(username=username, password=password)
    assert get_user_model().objects.get(username="admin").is_superuser
    assert Coach.objects.get(user__username="entrenador").teams.exists()
    assert get_user_model().objects.filter(username="arbitro", groups__name="Árbitros").exists()


def test_office_login_manages_the_demo_in_the_admin(seeded, client):
    client.login(username="oficina", password="oficina-demo")
    response = client.get(reverse("admin:leagues_match_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == Match.objects.count()
