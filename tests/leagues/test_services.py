import datetime
from collections import Counter

import pytest
from django.utils import translation
from django.core.exceptions import ValidationError

from leagues import services
from leagues.models import Category, Match, RosterEntry, Team
from tests.factories import (
    make_adjustment,
    make_card,
    make_category,
    make_championship,
    make_player,
    make_roster_entry,
    make_team,
    make_venue,
)

pytestmark = pytest.mark.django_db

SATURDAY = datetime.date(2026, 3, 7)
TIMES = [datetime.time(9, 0), datetime.time(10, 30), datetime.time(12, 0)]


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in their English source text; Spanish is the catalogue's job."""
    with translation.override("en"):
        yield


def saturdays(count, start=SATURDAY):
    return [start + datetime.timedelta(weeks=week) for week in range(count)]


def category_with_teams(count, **overrides):
    category = make_category(**overrides)
    for number in range(count):
        make_team(category=category, name=f"Equipo {chr(ord('A') + number)}")
    return category


def venue_for(category, **overrides):
    return make_venue(organizer=category.championship.organizer, **overrides)


def generate(category, *, weeks=20, start=SATURDAY, **kwargs):
    kwargs.setdefault("venues", [venue_for(category)])
    return services.fixtures_generate(
        category=category, dates=saturdays(weeks, start), times=kwargs.pop("times", TIMES), **kwargs
    )


# --- fixtures_generate: round robins ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teams", "double", "matches", "rounds", "rests_per_team"),
    [
        (4, False, 6, 3, 0),
        (5, False, 10, 5, 1),
        (6, False, 15, 5, 0),
        (4, True, 12, 6, 0),
        (5, True, 20, 10, 2),
        (6, True, 30, 10, 0),
    ],
)
def test_round_robin_fixture_counts_and_byes(teams, double, matches, rounds, rests_per_team):
    category = category_with_teams(teams)

    created = generate(category, double=double)

    stored = list(category.matches.all())
    assert len(created) == len(stored) == matches
    assert sorted({match.round for match in stored}) == list(range(1, rounds + 1))
    appearances = Counter()
    for match in stored:
        appearances[match.home_id] += 1
        appearances[match.away_id] += 1
    # Everybody plays everybody (twice in a double round robin) and rests as many rounds as the byes require.
    assert set(appearances.values()) == {rounds - rests_per_team}
    pairs = Counter(frozenset((match.home_id, match.away_id)) for match in stored)
    assert set(pairs.values()) == {2 if double else 1}
    assert all(match.stage == Match.Stage.LEAGUE and match.status == Match.Status.SCHEDULED for match in stored)


def test_format_decides_single_or_double_when_not_told():
    category = category_with_teams(4, format=Category.Format.DOUBLE_ROUND_ROBIN)
    assert len(generate(category)) == 12


def test_each_round_is_played_on_its_own_date_with_slots_from_the_given_times_and_venues():
    category = category_with_teams(6)
    venues = [venue_for(category, name="Losa Wichanzao"), venue_for(category, name="Estadio Municipal")]

    generate(category, venues=venues, times=[datetime.time(9), datetime.time(11)])

    for number in range(1, 6):
        matches = list(category.matches.filter(round=number))
        assert {match.date for match in matches} == {SATURDAY + datetime.timedelta(weeks=number - 1)}
        slots = {(match.time, match.venue_id) for match in matches}
        assert len(slots) == len(matches) == 3
        assert {venue for _time, venue in slots} <= {venue.pk for venue in venues}


def test_fewer_than_two_teams_is_refused():
    category = category_with_teams(1)
    with pytest.raises(ValidationError, match="at least two teams"):
        generate(category)
    assert not Match.objects.exists()


def test_too_few_dates_is_refused_with_a_clear_message():
    category = category_with_teams(6)
    with pytest.raises(ValidationError, match="Not enough match days: 5 rounds to schedule and 3 dates given"):
        generate(category, weeks=3)
    assert not Match.objects.exists()


def test_too_few_slots_is_refused_with_a_clear_message():
    category = category_with_teams(6)
    with pytest.raises(ValidationError, match="Round 1 has 3 matches but a match day has only 2 slots"):
        generate(category, times=[datetime.time(9), datetime.time(11)])
    assert not Match.objects.exists()


def test_venue_of_another_organizer_is_refused():
    category = category_with_teams(4)
    with pytest.raises(ValidationError, match="venue must belong"):
        generate(category, venues=[make_venue()])
    assert not Match.objects.exists()


# --- regeneration -----------------------------------------------------------------------------------------------------


def test_regenerate_keeps_played_matches_and_recreates_only_unplayed_ones():
    category = category_with_teams(6)
    generate(category)
    first_round = list(category.matches.filter(round=1))
    played, walkover, cancelled = first_round
    services.match_record_result(match=played, home_goals=2, away_goals=1)
    services.match_record_walkover(match=walkover, winner=walkover.away)
    Match.objects.filter(pk=cancelled.pk).update(status=Match.Status.CANCELLED)
    postponed = category.matches.filter(round=2).first()
    services.match_postpone(match=postponed, reason="Cancha en mantenimiento")
    card = make_card(match=played, team=played.home)
    unplayed_before = set(category.matches.unplayed().values_list("pk", flat=True))

    new_start = datetime.date(2026, 5, 2)
    created = generate(category, start=new_start)

    # The three kept matches are untouched, with their results and cards.
    played.refresh_from_db()
    assert (played.status, played.home_goals, played.away_goals) == (Match.Status.PLAYED, 2, 1)
    assert Match.objects.get(pk=walkover.pk).walkover_winner_id == walkover.away_id
    assert Match.objects.get(pk=cancelled.pk).status == Match.Status.CANCELLED
    assert played.cards.filter(pk=card.pk).exists()
    # Only the unplayed matches were replaced: same total, no pairing twice, none of the old unplayed rows left.
    assert len(created) == 15 - 3
    assert category.matches.count() == 15
    assert not Match.objects.filter(pk__in=unplayed_before).exists()
    assert all(match.date >= new_start for match in created)
    pairs = Counter(frozenset((match.home_id, match.away_id)) for match in category.matches.all())
    assert set(pairs.values()) == {1}
    # The postponed pairing is scheduled again.
    assert category.matches.filter(
        home_id=postponed.home_id, away_id=postponed.away_id, status=Match.Status.SCHEDULED
    ).exists()


def test_regenerate_when_everything_is_played_creates_nothing():
    category = category_with_teams(3)
    for match in generate(category):
        services.match_record_result(match=match, home_goals=1, away_goals=1)
    assert services.fixtures_generate(category=category, dates=[], times=TIMES, venues=[venue_for(category)]) == []
    assert category.matches.count() == 3


# --- groups then knockout ---------------------------------------------------------------------------------------------


def test_groups_then_knockout_end_to_end():
    category = category_with_teams(8, format=Category.Format.GROUPS_KNOCKOUT, group_count=2, qualifiers_per_group=2)
    venue = venue_for(category)

    group_matches = services.fixtures_generate(
        category=category, dates=saturdays(3), times=TIMES, venues=[venue, venue_for(category)]
    )

    teams = {team.name: team for team in category.teams.all()}
    assert Counter(team.group for team in teams.values()) == {"A": 4, "B": 4}
    assert len(group_matches) == 12
    assert {match.stage for match in group_matches} == {Match.Stage.GROUP}
    assert {match.round for match in group_matches} == {1, 2, 3}
    assert all(match.home.group == match.away.group for match in category.matches.select_related("home", "away"))

    with pytest.raises(ValidationError, match="group stage .* is not finished: 12 matches"):
        services.knockout_generate(category=category, dates=saturdays(1), times=TIMES, venues=[venue])

    # Every group is won by its first seed, second place goes to the second seed: the higher seed always wins.
    seed = {team.pk: team.pk for team in teams.values()}
    for match in category.matches.all():
        better_home = seed[match.home_id] < seed[match.away_id]
        home_goals, away_goals = (2, 0) if better_home else (0, 2)
        services.match_record_result(match=match, home_goals=home_goals, away_goals=away_goals)
    table = services.group_standings(category)
    group_a, group_b = table["A"], table["B"]
    assert group_a == sorted(group_a) and group_b == sorted(group_b)

    semi_finals = services.knockout_generate(
        category=category, dates=[datetime.date(2026, 3, 28)], times=TIMES, venues=[venue]
    )
    assert [(match.home_id, match.away_id) for match in semi_finals] == [
        (group_a[0], group_b[1]),
        (group_b[0], group_a[1]),
    ]
    assert {(match.round, match.stage, match.round_label) for match in semi_finals} == {
        (4, Match.Stage.KNOCKOUT, "Semi-finals")
    }
    assert {match.date for match in semi_finals} == {datetime.date(2026, 3, 28)}

    with pytest.raises(ValidationError, match="Round 4 of the knockout is not finished"):
        services.knockout_generate(category=category, dates=[datetime.date(2026, 4, 4)], times=TIMES, venues=[venue])

    first, second = semi_finals
    services.match_record_result(match=first, home_goals=0, away_goals=3)  # 2B beats 1A
    services.match_record_result(match=second, home_goals=1, away_goals=1)
    with pytest.raises(ValidationError, match="ended level: record the penalty shoot-out"):
        services.knockout_generate(category=category, dates=[datetime.date(2026, 4, 4)], times=TIMES, venues=[venue])
    services.match_record_result(match=second, home_goals=1, away_goals=1, home_penalties=4, away_penalties=5)

    (final,) = services.knockout_generate(
        category=category, dates=[datetime.date(2026, 4, 4)], times=TIMES, venues=[venue]
    )
    assert (final.home_id, final.away_id) == (group_b[1], group_a[1])
    assert (final.round, final.round_label) == (5, "Final")

    services.match_record_result(match=final, home_goals=2, away_goals=0)
    champion = Team.objects.get(pk=group_b[1]).name
    with pytest.raises(ValidationError, match=f"The final has been played: {champion} is the champion"):
        services.knockout_generate(category=category, dates=[datetime.date(2026, 4, 11)], times=TIMES, venues=[venue])


def test_group_order_uses_the_championship_rules_and_point_adjustments():
    category = category_with_teams(4, format=Category.Format.GROUPS_KNOCKOUT, group_count=1, qualifiers_per_group=2)
    generate(category)
    a, b, c, d = category.teams.order_by("pk")
    for match in category.matches.all():
        # A wins everything, then B, C, D in that order.
        home_better = match.home_id < match.away_id
        services.match_record_result(match=match, home_goals=int(home_better), away_goals=int(not home_better))
    make_adjustment(team=a, points=-4, reason="Alineación indebida")  # 9 - 4 = 5 points, behind B (6)

    assert services.group_standings(category) == {"A": [b.pk, a.pk, c.pk, d.pk]}
    final = services.knockout_generate(
        category=category, dates=saturdays(1), times=TIMES, venues=[venue_for(category)]
    )
    # One group, two qualifiers: a final between the first and the second.
    assert [(match.home_id, match.away_id, match.round_label) for match in final] == [(b.pk, a.pk, "Final")]


def test_office_draw_of_groups_is_respected():
    category = category_with_teams(4, format=Category.Format.GROUPS_KNOCKOUT, group_count=2)
    a, b, c, d = category.teams.order_by("pk")
    for team, group in ((a, "A"), (b, "A"), (c, "B"), (d, "B")):
        Team.objects.filter(pk=team.pk).update(group=group)

    generate(category)

    pairs = {frozenset((match.home_id, match.away_id)) for match in category.matches.all()}
    assert pairs == {frozenset((a.pk, b.pk)), frozenset((c.pk, d.pk))}


def test_too_many_groups_for_the_teams_is_refused():
    category = category_with_teams(5, format=Category.Format.GROUPS_KNOCKOUT, group_count=3)
    with pytest.raises(ValidationError, match="3 groups need at least 6 teams"):
        generate(category)


def test_knockout_needs_a_power_of_two_of_qualifiers():
    category = category_with_teams(9, format=Category.Format.GROUPS_KNOCKOUT, group_count=3, qualifiers_per_group=2)
    for match in generate(category):
        services.match_record_result(match=match, home_goals=1, away_goals=0)
    with pytest.raises(ValidationError, match="6 qualified teams .* cannot make a knockout bracket"):
        services.knockout_generate(category=category, dates=saturdays(1), times=TIMES, venues=[venue_for(category)])
    assert not category.matches.filter(stage=Match.Stage.KNOCKOUT).exists()


def test_knockout_is_refused_for_a_league_category():
    category = category_with_teams(4)
    with pytest.raises(ValidationError, match="is not played as groups then knockout"):
        services.knockout_generate(category=category, dates=saturdays(1), times=TIMES, venues=[venue_for(category)])


def test_changing_a_knockout_winner_after_the_next_round_is_drawn_is_refused():
    category = category_with_teams(4, format=Category.Format.GROUPS_KNOCKOUT, group_count=2, qualifiers_per_group=2)
    for match in generate(category):
        services.match_record_result(match=match, home_goals=3, away_goals=0)
    venue = venue_for(category)
    semi_finals = services.knockout_generate(category=category, dates=saturdays(1), times=TIMES, venues=[venue])
    for match in semi_finals:
        services.match_record_result(match=match, home_goals=2, away_goals=1)
    services.knockout_generate(category=category, dates=saturdays(1, datetime.date(2026, 4, 4)), times=TIMES,
                               venues=[venue])
    first = semi_finals[0]

    # A correction that keeps the winner is accepted...
    services.match_record_result(match=first, home_goals=4, away_goals=1)
    # ...one that sends the other team through is not, nor is a walkover to it.
    with pytest.raises(ValidationError, match="next knockout round is already drawn"):
        services.match_record_result(match=first, home_goals=0, away_goals=1)
    with pytest.raises(ValidationError, match="next knockout round is already drawn"):
        services.match_record_walkover(match=first, winner=first.away)
    first.refresh_from_db()
    assert (first.status, first.home_goals, first.away_goals) == (Match.Status.PLAYED, 4, 1)


# --- matches ----------------------------------------------------------------------------------------------------------


def scheduled_match():
    category = category_with_teams(2)
    (match,) = generate(category)
    return match


def test_postpone_keeps_the_pairing_and_reschedule_gives_a_new_slot():
    match = scheduled_match()
    pairing = (match.round, match.home_id, match.away_id)

    services.match_postpone(match=match, reason="Lluvia intensa")
    match.refresh_from_db()
    assert (match.status, match.status_note) == (Match.Status.POSTPONED, "Lluvia intensa")
    assert (match.round, match.home_id, match.away_id) == pairing

    venue = venue_for(match.category, name="Losa Jerusalén")
    services.match_reschedule(match=match, date=datetime.date(2026, 6, 6), time=datetime.time(16, 0), venue=venue)
    match.refresh_from_db()
    assert (match.status, match.status_note, match.date, match.time, match.venue_id) == (
        Match.Status.SCHEDULED,
        "",
        datetime.date(2026, 6, 6),
        datetime.time(16, 0),
        venue.pk,
    )
    assert (match.round, match.home_id, match.away_id) == pairing


def test_postpone_needs_a_reason():
    match = scheduled_match()
    with pytest.raises(ValidationError, match="reason"):
        services.match_postpone(match=match, reason="  ")
    assert Match.objects.get(pk=match.pk).status == Match.Status.SCHEDULED


def test_played_match_cannot_be_postponed_or_rescheduled():
    match = scheduled_match()
    services.match_record_result(match=match, home_goals=0, away_goals=0)
    with pytest.raises(ValidationError, match="already been played"):
        services.match_postpone(match=match, reason="Lluvia")
    with pytest.raises(ValidationError, match="already been played"):
        services.match_reschedule(match=match, date=datetime.date(2026, 6, 6), time=None, venue=None)
    match.refresh_from_db()
    assert (match.status, match.date) == (Match.Status.PLAYED, SATURDAY)


def test_walkover_goes_to_the_team_that_showed_up():
    match = scheduled_match()
    services.match_record_walkover(match=match, winner=match.away)
    match.refresh_from_db()
    assert (match.status, match.walkover_winner_id, match.home_goals, match.away_goals) == (
        Match.Status.WALKOVER,
        match.away_id,
        None,
        None,
    )


def test_walkover_to_a_team_that_did_not_play_is_refused():
    match = scheduled_match()
    with pytest.raises(ValidationError, match="one of the two teams"):
        services.match_record_walkover(match=match, winner=make_team(category=match.category))
    assert Match.objects.get(pk=match.pk).status == Match.Status.SCHEDULED


def test_recording_a_result_after_a_walkover_clears_the_walkover():
    match = scheduled_match()
    services.match_record_walkover(match=match, winner=match.home)
    services.match_record_result(match=match, home_goals=1, away_goals=2)
    match.refresh_from_db()
    assert (match.status, match.walkover_winner_id, match.home_goals, match.away_goals) == (
        Match.Status.PLAYED,
        None,
        1,
        2,
    )


@pytest.mark.parametrize(("home_goals", "away_goals"), [(-1, 0), (0, -3), (1.5, 0), ("2", 1), (True, 0), (None, 1)])
def test_result_must_be_whole_non_negative_numbers(home_goals, away_goals):
    match = scheduled_match()
    with pytest.raises(ValidationError, match="whole numbers"):
        services.match_record_result(match=match, home_goals=home_goals, away_goals=away_goals)
    assert Match.objects.get(pk=match.pk).status == Match.Status.SCHEDULED


def test_penalties_are_refused_outside_a_drawn_knockout_match():
    match = scheduled_match()
    with pytest.raises(ValidationError, match="Penalties are only recorded"):
        services.match_record_result(match=match, home_goals=1, away_goals=1, home_penalties=4, away_penalties=3)
    assert Match.objects.get(pk=match.pk).home_penalties is None


# --- rosters ----------------------------------------------------------------------------------------------------------


def test_roster_add_registers_an_eligible_player():
    category = make_category(born_from=datetime.date(2016, 1, 1), born_until=datetime.date(2017, 12, 31))
    team = make_team(category=category)
    player = make_player(organizer=category.championship.organizer, birth_date=datetime.date(2016, 7, 1))

    entry = services.roster_add(team=team, player=player, shirt_number=7)

    assert RosterEntry.objects.get(pk=entry.pk).championship_id == category.championship_id


def test_roster_add_refuses_a_player_born_outside_the_category():
    category = make_category(
        name="Sub-10 Damas", born_from=datetime.date(2016, 1, 1), born_until=datetime.date(2017, 12, 31)
    )
    team = make_team(category=category)
    player = make_player(organizer=category.championship.organizer, birth_date=datetime.date(2013, 1, 9))
    with pytest.raises(ValidationError, match="born on 2013-01-09, outside the birth range of Sub-10 Damas"):
        services.roster_add(team=team, player=player, shirt_number=7)
    assert not RosterEntry.objects.exists()


def test_roster_add_refuses_a_shirt_number_already_worn():
    entry = make_roster_entry(shirt_number=9)
    other = make_player(organizer=entry.player.organizer)
    with pytest.raises(ValidationError, match="already wears this number"):
        services.roster_add(team=entry.team, player=other, shirt_number=9)
    assert RosterEntry.objects.count() == 1


def test_roster_add_refuses_a_second_team_in_the_same_championship():
    championship = make_championship()
    entry = make_roster_entry(team=make_team(category=make_category(championship=championship)))
    other_team = make_team(category=make_category(championship=championship))
    with pytest.raises(ValidationError, match="already plays for another team in this championship"):
        services.roster_add(team=other_team, player=entry.player, shirt_number=5)
    assert RosterEntry.objects.count() == 1


def test_roster_add_refuses_a_player_of_another_organizer():
    team = make_team()
    with pytest.raises(ValidationError, match="registered with another organizer"):
        services.roster_add(team=team, player=make_player(), shirt_number=5)
    assert not RosterEntry.objects.exists()
