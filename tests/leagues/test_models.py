import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from fairplay.models import Card
from leagues.models import Match, RosterEntry
from tests.factories import (
    make_category,
    make_championship,
    make_match,
    make_player,
    make_roster_entry,
    make_team,
)

pytestmark = pytest.mark.django_db


def test_database_refuses_a_shirt_number_twice_in_one_team():
    entry = make_roster_entry(shirt_number=10)
    other = make_player(organizer=entry.player.organizer)
    with pytest.raises(IntegrityError), transaction.atomic():
        RosterEntry.objects.create(team=entry.team, player=other, shirt_number=10)
    assert RosterEntry.objects.filter(team=entry.team).count() == 1


def test_same_shirt_number_in_two_teams_is_fine():
    entry = make_roster_entry(shirt_number=10)
    other_team = make_team(category=entry.team.category)
    make_roster_entry(team=other_team, shirt_number=10)
    assert RosterEntry.objects.filter(shirt_number=10).count() == 2


def test_database_refuses_a_player_in_two_teams_of_one_championship():
    championship = make_championship()
    under_10 = make_category(championship=championship)
    under_12 = make_category(championship=championship)
    entry = make_roster_entry(team=make_team(category=under_10))
    with pytest.raises(IntegrityError), transaction.atomic():
        RosterEntry.objects.create(team=make_team(category=under_12), player=entry.player)
    assert RosterEntry.objects.filter(player=entry.player).count() == 1


def test_a_player_may_play_in_two_championships():
    entry = make_roster_entry()
    organizer = entry.player.organizer
    next_year = make_category(championship=make_championship(organizer=organizer, season="2027"))
    make_roster_entry(team=make_team(category=next_year), player=entry.player)
    assert RosterEntry.objects.filter(player=entry.player).count() == 2


def test_database_refuses_a_team_playing_itself():
    team = make_team()
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(category=team.category, round=1, home=team, away=team)
    assert not Match.objects.exists()


def test_database_refuses_a_negative_score_even_through_a_raw_update():
    match = make_match(home_goals=1, away_goals=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.filter(pk=match.pk).update(home_goals=-1)
    match.refresh_from_db()
    assert match.home_goals == 1


def test_database_refuses_a_played_match_without_score():
    match = make_match()
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.filter(pk=match.pk).update(status=Match.Status.PLAYED)
    assert Match.objects.get(pk=match.pk).status == Match.Status.SCHEDULED


def test_database_refuses_a_walkover_without_winner():
    match = make_match()
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.filter(pk=match.pk).update(status=Match.Status.WALKOVER)
    assert Match.objects.get(pk=match.pk).status == Match.Status.SCHEDULED


def test_database_refuses_a_yellow_card_to_a_barra():
    match = make_match()
    with pytest.raises(IntegrityError), transaction.atomic():
        Card.objects.create(match=match, team=match.home, recipient="barra", minute=10, colour="yellow")
    assert not Card.objects.exists()


def test_birth_date_outside_the_category_is_refused_with_a_clear_message():
    category = make_category(born_from=datetime.date(2016, 1, 1), born_until=datetime.date(2017, 12, 31))
    team = make_team(category=category)
    player = make_player(
        organizer=category.championship.organizer,
        given_names="Luciana",
        surnames="Quispe Rojas",
        birth_date=datetime.date(2014, 5, 2),
    )
    entry = RosterEntry(team=team, player=player, championship=category.championship)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        entry.full_clean()
    message = " ".join(refused.value.message_dict["player"])
    assert "Luciana Quispe Rojas was born on 2014-05-02" in message
    assert "outside the birth range" in message
    assert "2016-01-01 to 2017-12-31" in message


def test_birth_date_inside_the_category_is_accepted():
    category = make_category(born_from=datetime.date(2016, 1, 1), born_until=datetime.date(2017, 12, 31))
    team = make_team(category=category)
    player = make_player(organizer=category.championship.organizer, birth_date=datetime.date(2017, 12, 31))
    entry = RosterEntry(team=team, player=player, championship=category.championship)
    entry.full_clean()
    entry.save()
    assert entry.championship_id == category.championship_id


def test_a_championship_cannot_take_an_application_address(db):
    from django.core.exceptions import ValidationError

    from tests.factories import make_organizer
    from leagues.models import Championship

    championship = Championship(organizer=make_organizer(), name="Copa", slug="sheets", season="2026")
    with pytest.raises(ValidationError) as caught:
        championship.full_clean()
    assert "slug" in caught.value.message_dict


@pytest.mark.parametrize("slug", ["sheets", "manual", "office", "fair-play", "admin"])
def test_a_championship_cannot_take_an_address_of_the_application(slug):
    championship = make_championship()
    championship.slug = slug
    with pytest.raises(ValidationError) as refused:
        championship.full_clean()
    assert "slug" in refused.value.message_dict


def test_a_category_cannot_take_the_championships_fair_play_address():
    category = make_category()
    category.slug = "fair-play"
    with pytest.raises(ValidationError) as refused:
        category.full_clean()
    assert "slug" in refused.value.message_dict
    category.slug = "sub-10-fair"
    category.full_clean()


@pytest.mark.parametrize("value", [1, "points", {"a": 1}, [1, 2]])
def test_tie_breakers_that_are_not_a_list_of_names_are_a_clear_error(value):
    # Found by the admin's fuzzing: a number in the JSON field was a 500 ('int' object is not iterable).
    championship = make_championship()
    championship.tiebreakers = value
    with pytest.raises(ValidationError) as raised:
        championship.clean()
    assert "tiebreakers" in raised.value.message_dict
