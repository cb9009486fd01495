"""The championship wizard: permissions for every step, each step's writes and refusals, the fixture preview
adjusted before saving, and publishing only when ready."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from leagues import wizard
from leagues.models import Barra, Category, Championship, Club, Coach, Match, Team
from tests.factories import (
    make_category,
    make_championship,
    make_match,
    make_organizer,
    make_player,
    make_roster_entry,
    make_team,
    make_user,
    make_venue,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 3, 6)  # a Saturday, in fact: the usual match day


@pytest.fixture
def client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's words are asserted in English
    return client


@pytest.fixture
def office():
    organizer = make_organizer()
    user = make_user()
    organizer.staff.add(user)
    return organizer, user


def draft(organizer, **fields):
    return make_championship(organizer=organizer, status=Championship.Status.DRAFT, **fields)


def step_urls(slug):
    return [
        reverse("leagues:wizard_championship", args=[slug]),
        reverse("leagues:wizard_categories", args=[slug]),
        reverse("leagues:wizard_teams", args=[slug]),
        reverse("leagues:wizard_fixtures", args=[slug]),
        reverse("leagues:wizard_publish", args=[slug]),
    ]


# --- Permissions ------------------------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client, office):
    championship = draft(office[0])
    for url in [reverse("leagues:wizard_start"), *step_urls(championship.slug)]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_users_who_are_not_office_staff_are_refused(client, office):
    championship = draft(office[0])
    client.force_login(make_user())
    for url in [reverse("leagues:wizard_start"), *step_urls(championship.slug)]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("leagues:wizard_start"), {"name": "X", "season": "2027"}).status_code == 403


def test_office_staff_open_every_step_of_their_championship(client, office):
    organizer, user = office
    championship = draft(organizer)
    client.force_login(user)
    for url in [reverse("leagues:wizard_start"), *step_urls(championship.slug)]:
        assert client.get(url).status_code == 200, url


def test_another_office_can_neither_see_nor_change_the_championship(client, office):
    organizer, _user = office
    championship = draft(organizer)
    category = make_category(championship=championship)
    team = make_team(category=category)
    stranger = make_user()
    make_organizer().staff.add(stranger)
    client.force_login(stranger)
    for url in step_urls(championship.slug):
        assert client.get(url).status_code == 403, url
    slug = championship.slug
    posts = [
        (reverse("leagues:wizard_championship", args=[slug]), {"name": "Stolen", "season": "2027", "preset": "youth",
                                                               "organizer": organizer.pk}),
        (reverse("leagues:wizard_categories", args=[slug]), {"name": "Sub-8", "gender": "mixed", "format": "single",
                                                             "group_count": 1, "qualifiers_per_group": 2,
                                                             "half_minutes": 20}),
        (reverse("leagues:wizard_category_remove", args=[slug, category.pk]), {}),
        (reverse("leagues:wizard_teams", args=[slug]), {"category": category.pk, "names": "Intruders"}),
        (reverse("leagues:wizard_team_remove", args=[slug, team.pk]), {}),
        (reverse("leagues:wizard_publish", args=[slug]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    championship.refresh_from_db()
    assert championship.name != "Stolen" and championship.status == Championship.Status.DRAFT
    assert list(Category.objects.filter(championship=championship)) == [category]
    assert list(Team.objects.filter(category=category)) == [team]


def test_a_championship_cannot_be_created_for_another_organizer(client, office):
    organizer, user = office
    other = make_organizer()
    client.force_login(user)
    response = client.post(reverse("leagues:wizard_start"),
                           {"organizer": other.pk, "name": "Copa", "season": "2027", "preset": "youth"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Championship.objects.filter(organizer=other).exists()


def test_a_team_cannot_be_removed_through_another_championship(client, office):
    organizer, user = office
    mine = draft(organizer)
    other_team = make_team(category=make_category(championship=draft(organizer)))
    client.force_login(user)
    response = client.post(reverse("leagues:wizard_team_remove", args=[mine.slug, other_team.pk]))
    assert response.status_code == 404
    assert Team.objects.filter(pk=other_team.pk).exists()


# --- Step by step -----------------------------------------------------------------------------------------------------


def test_creating_a_championship_makes_a_draft_with_a_free_slug(client, office):
    organizer, user = office
    make_championship(organizer=organizer, name="Copa Azul", season="2027", slug="copa-azul-2027")
    client.force_login(user)
    response = client.post(reverse("leagues:wizard_start"),
                           {"organizer": organizer.pk, "name": "Copa Azul", "season": "2027", "preset": "fifa"})
    championship = Championship.objects.get(slug="copa-azul-2027-2")
    assert response.status_code == 302
    assert response["Location"] == reverse("leagues:wizard_categories", args=[championship.slug])
    assert championship.status == Championship.Status.DRAFT and championship.preset == "fifa"
    assert championship.organizer == organizer


def test_a_blank_name_is_an_error_and_nothing_is_created(client, office):
    organizer, user = office
    client.force_login(user)
    response = client.post(reverse("leagues:wizard_start"),
                           {"organizer": organizer.pk, "name": "  ", "season": "2027", "preset": "youth"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Championship.objects.exists()


def category_data(**overrides):
    data = {"name": "Sub-12 Mixto", "gender": "mixed", "first_year": 2015, "last_year": 2016, "format": "single",
            "group_count": 2, "qualifiers_per_group": 2, "half_minutes": 25}
    data.update(overrides)
    return data


def test_a_category_takes_its_birth_range_from_the_years(client, office):
    organizer, user = office
    championship = draft(organizer)
    client.force_login(user)
    response = client.post(reverse("leagues:wizard_categories", args=[championship.slug]), category_data())
    assert response.status_code == 302
    category = championship.categories.get()
    assert (category.born_from, category.born_until) == (datetime.date(2015, 1, 1), datetime.date(2016, 12, 31))
    assert category.slug == "sub-12-mixto" and category.group_count == 1


def test_category_mistakes_are_shown_and_nothing_is_written(client, office):
    organizer, user = office
    championship = draft(organizer)
    make_category(championship=championship, name="Sub-10", slug="sub-10")
    client.force_login(user)
    url = reverse("leagues:wizard_categories", args=[championship.slug])
    response = client.post(url, category_data(first_year=2016, last_year=2015))
    assert "The last birth year cannot come before the first." in response.content.decode()
    response = client.post(url, category_data(name="Sub-10"))
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert championship.categories.count() == 1


def test_a_category_with_played_matches_cannot_be_removed(client, office):
    organizer, user = office
    championship = draft(organizer)
    category = make_category(championship=championship)
    make_match(category=category, status=Match.Status.PLAYED, home_goals=1, away_goals=0)
    empty = make_category(championship=championship)
    client.force_login(user)
    client.post(reverse("leagues:wizard_category_remove", args=[championship.slug, category.pk]))
    client.post(reverse("leagues:wizard_category_remove", args=[championship.slug, empty.pk]))
    assert list(championship.categories.all()) == [category]


def test_a_category_with_its_unplayed_fixture_is_removed_with_it(client, office):
    organizer, user = office
    championship = draft(organizer)
    category = make_category(championship=championship)
    home, away = make_team(category=category), make_team(category=category)
    make_match(category=category, home=home, away=away)
    client.force_login(user)
    response = client.post(reverse("leagues:wizard_category_remove", args=[championship.slug, category.pk]))
    assert response.status_code == 302
    assert not Category.objects.filter(pk=category.pk).exists()
    assert not Match.objects.filter(category_id=category.pk).exists()


def test_a_team_is_registered_with_its_club_coach_and_barra(client, office):
    organizer, user = office
    championship = draft(organizer)
    category = make_category(championship=championship)
    client.force_login(user)
    response = client.post(reverse("leagues:wizard_teams", args=[championship.slug]), {
        "category": category.pk, "name": "Halcones", "club": "Club Deportivo Moche", "coach_given_names": "Rosa",
        "coach_surnames": "Quispe", "coach_phone": "999 111 222", "barra": "Barra Halcona", "barra_delegate": "Ana",
    })
    assert response.status_code == 302
    team = Team.objects.get(category=category)
    assert team.name == "Halcones" and team.club.name == "Club Deportivo Moche"
    assert team.club.organizer == organizer
    coach = Coach.objects.get(teams=team)
    assert (coach.given_names, coach.surnames, coach.phone, coach.organizer) == ("Rosa", "Quispe", "999 111 222",
                                                                                 organizer)
    assert Barra.objects.get(team=team).delegate == "Ana"


def test_several_teams_at_once_and_a_repeated_name_refuses_the_whole_list(client, office):
    organizer, user = office
    championship = draft(organizer)
    category = make_category(championship=championship)
    client.force_login(user)
    url = reverse("leagues:wizard_teams", args=[championship.slug])
    client.post(url, {"category": category.pk, "names": "Halcones\n  Cóndores  \n\nPumas"})
    assert sorted(category.teams.values_list("name", flat=True)) == ["Cóndores", "Halcones", "Pumas"]
    assert Club.objects.filter(organizer=organizer, name="Cóndores").exists()
    response = client.post(url, {"category": category.pk, "names": "Zorros\nhalcones"})
    assert response.status_code == 200
    assert "already has a team called halcones" in response.content.decode()
    assert not category.teams.filter(name="Zorros").exists()


def test_removing_a_team_of_a_draft(client, office):
    organizer, user = office
    championship = draft(organizer)
    team = make_team(category=make_category(championship=championship))
    client.force_login(user)
    client.post(reverse("leagues:wizard_team_remove", args=[championship.slug, team.pk]))
    assert not Team.objects.filter(pk=team.pk).exists()


# --- Fixtures: preview, adjust, save ----------------------------------------------------------------------------------


@pytest.fixture
def four_teams(office):
    organizer, user = office
    championship = draft(organizer)
    category = make_category(championship=championship, format=Category.Format.SINGLE_ROUND_ROBIN)
    teams = [make_team(category=category, name=name) for name in ("Halcones", "Cóndores", "Pumas", "Zorros")]
    venues = [make_venue(organizer=organizer, name="Estadio Mansiche"), make_venue(organizer=organizer, name="Losa 2")]
    return championship, category, teams, venues, user


def preview(client, championship, category, venues, **overrides):
    data = {"action": "preview", "category": category.pk, "first_date": MONDAY.isoformat(), "every_days": 7,
            "times": "09:00, 10:30", "venues": [venue.pk for venue in venues]}
    data.update(overrides)
    return client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]), data)


def save_data(response, **changes):
    """The preview's form as the browser would post it, with `changes` ({"rows-0-date": ...}) applied."""
    html = response.content.decode()
    data = {"action": "save", "plan": re.search(r'name="plan" value="([^"]+)"', html).group(1)}
    for name, value in re.findall(r'name="(rows-[^"]+)" value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(r'<select name="(rows-\d+-venue)"[^>]*>.*?<option value="(\d+)" selected',
                                  html, re.S):
        data[name] = value
    data.update(changes)
    return data


def test_the_preview_shows_every_match_and_writes_nothing(client, four_teams):
    championship, category, _teams, venues, user = four_teams
    client.force_login(user)
    response = preview(client, championship, category, venues)
    html = response.content.decode()
    assert response.status_code == 200
    assert "6 matches. Nothing is saved yet" in html
    assert html.count('name="rows-') >= 18  # date, time and venue of 6 matches
    assert "Halcones – Zorros" in html or "Zorros – Halcones" in html
    assert not Match.objects.exists()


def test_the_adjusted_preview_is_saved_as_the_office_left_it(client, four_teams):
    championship, category, _teams, venues, user = four_teams
    client.force_login(user)
    data = save_data(preview(client, championship, category, venues),
                     **{"rows-0-date": "2027-03-07", "rows-0-time": "16:00", "rows-0-venue": str(venues[1].pk)})
    response = client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]), data)
    assert response.status_code == 302
    matches = list(Match.objects.filter(category=category).order_by("round", "pk"))
    assert len(matches) == 6
    first = matches[0]
    assert (first.date, first.time, first.venue) == (datetime.date(2027, 3, 7), datetime.time(16), venues[1])
    # The others keep the plan: rounds a week apart, the first round on the first match day.
    assert {m.date for m in matches if m.round == 2} == {MONDAY + datetime.timedelta(days=7)}
    pairs = {frozenset((m.home_id, m.away_id)) for m in matches}
    assert len(pairs) == 6  # everyone meets everyone once


def test_a_team_twice_on_one_day_is_refused_and_nothing_is_saved(client, four_teams):
    championship, category, _teams, venues, user = four_teams
    client.force_login(user)
    response = preview(client, championship, category, venues)
    # Move round 2's first match to round 1's day: one of its teams already plays that day.
    html = response.content.decode()
    data = save_data(response)
    rounds = [int(r) for r in re.findall(r"<tr[^>]*>\s*<td>(\d+)", html)]
    index = rounds.index(2)
    data[f"rows-{index}-date"] = MONDAY.isoformat()
    response = client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]), data)
    assert response.status_code == 200
    assert "would play twice on 2027-03-06" in response.content.decode()
    assert not Match.objects.exists()


def test_two_matches_at_one_venue_and_time_are_refused(client, four_teams):
    championship, category, _teams, venues, user = four_teams
    client.force_login(user)
    data = save_data(preview(client, championship, category, venues))
    data["rows-1-time"], data["rows-1-venue"] = data["rows-0-time"], data["rows-0-venue"]
    response = client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]), data)
    assert "Two matches at the same venue" in response.content.decode()
    assert not Match.objects.exists()


def test_a_bad_date_in_the_preview_is_an_error_on_its_row(client, four_teams):
    championship, category, _teams, venues, user = four_teams
    client.force_login(user)
    data = save_data(preview(client, championship, category, venues), **{"rows-2-date": "31/02/2027"})
    response = client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]), data)
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not Match.objects.exists()


def test_an_altered_plan_or_another_offices_venue_is_refused(client, four_teams):
    championship, category, _teams, venues, user = four_teams
    client.force_login(user)
    data = save_data(preview(client, championship, category, venues))
    response = client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]),
                           {**data, "plan": data["plan"] + "x"})
    assert response.status_code == 302 and not Match.objects.exists()
    foreign = make_venue(organizer=make_organizer())
    response = client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]),
                           {**data, "rows-0-venue": str(foreign.pk)})
    assert "Select a valid choice" in response.content.decode()
    assert not Match.objects.exists()


def test_a_team_added_after_the_preview_makes_the_save_ask_for_a_new_preview(client, four_teams):
    championship, category, _teams, venues, user = four_teams
    client.force_login(user)
    data = save_data(preview(client, championship, category, venues))
    make_team(category=category, name="Llamas")
    response = client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]), data)
    assert "changed since the preview" in response.content.decode()
    assert not Match.objects.exists()


def test_too_few_slots_for_a_round_is_explained(client, four_teams):
    championship, category, _teams, venues, user = four_teams
    client.force_login(user)
    response = preview(client, championship, category, venues[:1], times="09:00")
    assert "Round 1 has 2 matches but a match day has only 1 slots" in response.content.decode()


def test_a_groups_category_is_drawn_into_groups_when_saved(client, office):
    organizer, user = office
    championship = draft(organizer)
    category = make_category(championship=championship, format=Category.Format.GROUPS_KNOCKOUT, group_count=2)
    for index in range(6):
        make_team(category=category, name=f"Equipo {index}")
    venue = make_venue(organizer=organizer)
    client.force_login(user)
    response = preview(client, championship, category, [venue])
    assert "Group A" in response.content.decode() and "Group B" in response.content.decode()
    assert not category.teams.exclude(group="").exists()  # the preview draws nothing
    client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]), save_data(response))
    assert sorted(category.teams.values_list("group", flat=True)) == ["A", "A", "A", "B", "B", "B"]
    assert Match.objects.filter(category=category, stage=Match.Stage.GROUP).count() == 6


def test_a_venue_is_added_for_the_office(client, office):
    organizer, user = office
    championship = draft(organizer)
    client.force_login(user)
    client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]),
                {"action": "venue", "name": "Complejo El Alambre", "address": "Av. España"})
    assert organizer.venues.get().name == "Complejo El Alambre"


# --- Publish ----------------------------------------------------------------------------------------------------------


def test_publishing_is_refused_until_every_category_has_teams_and_a_fixture(client, four_teams):
    championship, category, teams, venues, user = four_teams
    client.force_login(user)
    url = reverse("leagues:wizard_publish", args=[championship.slug])
    response = client.get(url)
    assert "Complete the missing items before publishing." in response.content.decode()
    client.post(url)
    championship.refresh_from_db()
    assert championship.status == Championship.Status.DRAFT

    client.post(reverse("leagues:wizard_fixtures", args=[championship.slug]),
                save_data(preview(client, championship, category, venues)))
    response = client.get(url)
    html = response.content.decode()
    assert "Publish the championship" in html
    assert "has players on its rosters (0)" in html  # a warning, which does not block
    client.post(url)
    championship.refresh_from_db()
    assert championship.status == Championship.Status.IN_PROGRESS
    assert client.get(championship.get_absolute_url()).status_code == 200


def test_the_steps_are_marked_done_from_the_data(office):
    organizer, _user = office
    championship = draft(organizer)
    assert [step.done for step in wizard.setup_steps(championship, "categories")] == [True, False, False, False, False]
    category = make_category(championship=championship)
    make_team(category=category)
    make_team(category=category)
    entry = make_roster_entry(team=category.teams.first(), player=make_player(organizer=organizer))
    assert entry.pk
    assert [step.done for step in wizard.setup_steps(championship, "teams")] == [True, True, True, False, False]



def test_the_dashboard_offers_a_new_championship_and_leads_a_draft_back_to_its_set_up(client, office):
    organizer, user = office
    championship = draft(organizer, name="Copa Borrador")
    client.force_login(user)
    html = client.get(reverse("leagues:office_dashboard")).content.decode()
    assert reverse("leagues:wizard_start") in html
    assert reverse("leagues:wizard_categories", args=[championship.slug]) in html
    assert f'href="{championship.get_absolute_url()}"' not in html  # a draft has no public page yet
