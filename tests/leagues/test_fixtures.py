import datetime
import itertools
import zoneinfo
from collections import Counter, defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leagues.fixtures import (
    FixtureError,
    Pairing,
    Scheduled,
    assign_slots,
    group_stage,
    knockout_pairs,
    next_knockout_round,
    regenerate_plan,
    round_robin,
    split_groups,
)

TEAM_COUNTS = range(2, 13)
BUENOS_AIRES = zoneinfo.ZoneInfo("America/Argentina/Buenos_Aires")


def make_teams(count):
    return [f"T{number}" for number in range(1, count + 1)]


def rounds_of(pairings):
    by_round = defaultdict(list)
    for pairing in pairings:
        by_round[pairing.round].append(pairing)
    return dict(sorted(by_round.items()))


def weekly_dates(count, start=datetime.date(2025, 3, 1)):
    return [start + datetime.timedelta(weeks=week) for week in range(count)]


def assert_round_robin_invariants(teams, pairings, double):
    """Every invariant the office relies on; shared by the table tests' property twin."""
    count = len(teams)
    rounds_per_half = count - 1 if count % 2 == 0 else count
    by_round = rounds_of(pairings)
    assert list(by_round) == list(range(1, rounds_per_half * (2 if double else 1) + 1))

    for matches in by_round.values():
        playing = [team for p in matches for team in (p.home, p.away)]
        assert len(playing) == len(set(playing))
        assert len(matches) == count // 2

    ordered = Counter((p.home, p.away) for p in pairings)
    for first, second in itertools.combinations(teams, 2):
        if double:
            assert ordered[(first, second)] == 1 and ordered[(second, first)] == 1
        else:
            assert ordered[(first, second)] + ordered[(second, first)] == 1
    assert sum(ordered.values()) == count * (count - 1) // 2 * (2 if double else 1)

    home = Counter(p.home for p in pairings)
    away = Counter(p.away for p in pairings)
    for team in teams:
        assert abs(home[team] - away[team]) <= (0 if double else 1)

    if count % 2:
        for half in range(2 if double else 1):
            half_rounds = range(half * rounds_per_half + 1, (half + 1) * rounds_per_half + 1)
            resting = Counter(
                team
                for number in half_rounds
                for team in set(teams) - {t for p in by_round[number] for t in (p.home, p.away)}
            )
            assert resting == Counter(teams)


# --- round_robin -------------------------------------------------------------------------------------------------


def test_round_robin_reproduces_the_published_berger_table_for_six_teams():
    table = {
        1: [(1, 6), (2, 5), (3, 4)],
        2: [(6, 4), (5, 3), (1, 2)],
        3: [(2, 6), (3, 1), (4, 5)],
        4: [(6, 5), (1, 4), (2, 3)],
        5: [(3, 6), (4, 2), (5, 1)],
    }
    by_round = rounds_of(round_robin([1, 2, 3, 4, 5, 6]))
    assert {number: [(p.home, p.away) for p in matches] for number, matches in by_round.items()} == table


@pytest.mark.parametrize("double", [False, True], ids=["single", "double"])
@pytest.mark.parametrize("count", TEAM_COUNTS)
def test_round_robin_holds_every_invariant(count, double):
    teams = make_teams(count)
    assert_round_robin_invariants(teams, round_robin(teams, double=double), double)


@pytest.mark.parametrize(
    ("count", "single_rounds", "double_rounds"),
    [(2, 1, 2), (3, 3, 6), (4, 3, 6), (5, 5, 10), (6, 5, 10), (7, 7, 14), (8, 7, 14), (11, 11, 22), (12, 11, 22)],
)
def test_round_robin_has_n_minus_one_rounds_or_n_with_a_bye(count, single_rounds, double_rounds):
    teams = make_teams(count)
    assert max(p.round for p in round_robin(teams)) == single_rounds
    assert max(p.round for p in round_robin(teams, double=True)) == double_rounds


@pytest.mark.parametrize("count", TEAM_COUNTS)
def test_every_pair_meets_once_in_single_round_robin(count):
    teams = make_teams(count)
    meetings = Counter(frozenset((p.home, p.away)) for p in round_robin(teams))
    assert meetings == Counter(frozenset(pair) for pair in itertools.combinations(teams, 2))


@pytest.mark.parametrize("count", TEAM_COUNTS)
def test_double_round_robin_mirrors_the_first_half_with_sides_swapped(count):
    teams = make_teams(count)
    single = round_robin(teams)
    double = round_robin(teams, double=True)
    half = max(p.round for p in single)
    assert double[: len(single)] == single
    assert double[len(single) :] == [Pairing(p.round + half, p.away, p.home) for p in single]


@pytest.mark.parametrize("double", [False, True], ids=["single", "double"])
@pytest.mark.parametrize("count", TEAM_COUNTS)
def test_no_team_plays_twice_in_a_round(count, double):
    for matches in rounds_of(round_robin(make_teams(count), double=double)).values():
        playing = [team for p in matches for team in (p.home, p.away)]
        assert len(playing) == len(set(playing))


@pytest.mark.parametrize("double", [False, True], ids=["single", "double"])
@pytest.mark.parametrize("count", TEAM_COUNTS)
def test_home_and_away_counts_differ_by_at_most_one_or_none_in_double(count, double):
    pairings = round_robin(make_teams(count), double=double)
    home = Counter(p.home for p in pairings)
    away = Counter(p.away for p in pairings)
    worst = max(abs(home[team] - away[team]) for team in make_teams(count))
    assert worst <= (0 if double else 1)


@pytest.mark.parametrize("double", [False, True], ids=["single", "double"])
@pytest.mark.parametrize("count", [3, 5, 7, 9, 11])
def test_with_an_odd_count_each_team_rests_exactly_once_per_half(count, double):
    teams = make_teams(count)
    by_round = rounds_of(round_robin(teams, double=double))
    resting = {number: set(teams) - {t for p in m for t in (p.home, p.away)} for number, m in by_round.items()}
    assert all(len(rest) == 1 for rest in resting.values())
    for half in range(2 if double else 1):
        rested = [team for number in range(half * count + 1, (half + 1) * count + 1) for team in resting[number]]
        assert sorted(rested) == sorted(teams)


@pytest.mark.parametrize("count", [2, 4, 6, 8, 10, 12])
def test_with_an_even_count_every_team_plays_every_round(count):
    teams = set(make_teams(count))
    for matches in rounds_of(round_robin(list(teams))).values():
        assert {t for p in matches for t in (p.home, p.away)} == teams


@pytest.mark.parametrize("count", TEAM_COUNTS)
def test_teams_alternate_home_and_away_with_the_minimum_of_breaks(count):
    # A break is two consecutive matches on the same side (rest rounds skipped). The minimum for a round robin is
    # n - 2 breaks with an even count and none with an odd one; the naive circle method has far more.
    sides = defaultdict(list)
    for matches in rounds_of(round_robin(make_teams(count))).values():
        for p in matches:
            sides[p.home].append("H")
            sides[p.away].append("A")
    breaks = {team: sum(a == b for a, b in itertools.pairwise(seq)) for team, seq in sides.items()}
    assert max(breaks.values()) <= 1
    assert sum(breaks.values()) == (count - 2 if count % 2 == 0 else 0)


def test_round_robin_is_deterministic_and_follows_the_input_order():
    assert round_robin([4, 9, 2, 7]) == round_robin([4, 9, 2, 7])
    relabel = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    expected = [Pairing(p.round, relabel[p.home], relabel[p.away]) for p in round_robin([1, 2, 3, 4, 5])]
    assert round_robin(["a", "b", "c", "d", "e"]) == expected


def test_round_robin_accepts_none_as_a_team_identifier():
    pairings = round_robin([None, 1, 2])
    assert Counter(t for p in pairings for t in (p.home, p.away)) == {None: 2, 1: 2, 2: 2}


@pytest.mark.parametrize(
    ("teams", "message"),
    [([], "at least two teams"), ([7], "at least two teams"), ([1, 2, 1], "Team 1 appears more than once")],
)
def test_round_robin_rejects_too_few_or_duplicate_teams(teams, message):
    with pytest.raises(FixtureError, match=message):
        round_robin(teams)


@settings(max_examples=100, deadline=None)
@given(count=st.integers(min_value=2, max_value=20), double=st.booleans(), seed=st.randoms(use_true_random=False))
def test_round_robin_invariants_hold_for_any_team_count_and_order(count, double, seed):
    teams = list(range(100, 100 + count))
    seed.shuffle(teams)
    assert_round_robin_invariants(teams, round_robin(teams, double=double), double)


# --- split_groups ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "group_count", "expected"),
    [
        (8, 2, [[1, 4, 5, 8], [2, 3, 6, 7]]),
        (10, 3, [[1, 6, 7], [2, 5, 8], [3, 4, 9, 10]]),
        (6, 3, [[1, 6], [2, 5], [3, 4]]),
        (12, 4, [[1, 8, 9], [2, 7, 10], [3, 6, 11], [4, 5, 12]]),
        (5, 1, [[1, 2, 3, 4, 5]]),
    ],
)
def test_split_groups_deals_seeds_in_snake_order(count, group_count, expected):
    assert split_groups(list(range(1, count + 1)), group_count) == expected


@pytest.mark.parametrize(("count", "group_count"), [(n, g) for g in range(1, 6) for n in range(2 * g, 2 * g + 9)])
def test_split_groups_sizes_differ_by_at_most_one_and_keep_every_team(count, group_count):
    teams = make_teams(count)
    groups = split_groups(teams, group_count)
    sizes = [len(group) for group in groups]
    assert len(groups) == group_count
    assert max(sizes) - min(sizes) <= 1
    assert sorted(team for group in groups for team in group) == sorted(teams)


@pytest.mark.parametrize(
    ("count", "group_count", "message"),
    [
        (8, 0, "at least one group"),
        (8, -2, "at least one group"),
        (5, 3, r"3 group\(s\) need 6, and 5 team\(s\) were given"),
        (1, 1, r"1 group\(s\) need 2, and 1 team\(s\) were given"),
    ],
)
def test_split_groups_rejects_impossible_splits(count, group_count, message):
    with pytest.raises(FixtureError, match=message):
        split_groups(make_teams(count), group_count)


def test_split_groups_rejects_duplicate_teams():
    with pytest.raises(FixtureError, match="appears more than once"):
        split_groups(["a", "b", "a", "c"], 2)


# --- group_stage -------------------------------------------------------------------------------------------------


def test_group_stage_plays_round_one_of_every_group_in_round_one():
    groups = [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]]
    rows = group_stage(groups)
    for number in (1, 2, 3):
        in_round = [(g, p) for g, p in rows if p.round == number]
        assert sorted(g for g, _ in in_round) == [0, 0, 1, 1]
    assert max(p.round for _, p in rows) == 3
    for g, pairing in rows:
        assert {pairing.home, pairing.away} <= set(groups[g])


def test_group_stage_keeps_each_groups_own_round_robin():
    groups = [[1, 2, 3], [4, 5, 6, 7]]
    rows = group_stage(groups, double=True)
    for index, group in enumerate(groups):
        assert [p for g, p in rows if g == index] == round_robin(group, double=True)


def test_group_stage_lists_by_round_then_group():
    rows = group_stage([[1, 2, 3, 4], [5, 6, 7], [8, 9]])
    keys = [(p.round, g) for g, p in rows]
    assert keys == sorted(keys)


def test_group_stage_starts_every_groups_return_legs_on_the_same_round():
    # Group 0 (four teams) needs 3 rounds per leg, group 1 (five teams) 5; return legs start together in round 6.
    rows = group_stage([[1, 2, 3, 4], [5, 6, 7, 8, 9]], double=True)
    rounds = {g: sorted({p.round for gg, p in rows if gg == g}) for g in (0, 1)}
    assert rounds[0] == [1, 2, 3, 6, 7, 8]
    assert rounds[1] == list(range(1, 11))
    first_legs = {(p.home, p.away) for _, p in rows if p.round <= 5}
    return_legs = {(p.away, p.home) for _, p in rows if p.round > 5}
    assert first_legs == return_legs


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ([], "at least one group"),
        ([[1, 2], [3]], "Group 2 needs at least two teams"),
        ([[1, 2], [2, 3]], "Team 2 appears more than once"),
    ],
)
def test_group_stage_rejects_bad_groups(groups, message):
    with pytest.raises(FixtureError, match=message):
        group_stage(groups)


# --- knockout_pairs and next_knockout_round ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualified", "expected"),
    [
        ([["1A", "2A"], ["1B", "2B"]], [("1A", "2B"), ("1B", "2A")]),
        (
            [["1A", "2A"], ["1B", "2B"], ["1C", "2C"], ["1D", "2D"]],
            [("1A", "2B"), ("1C", "2D"), ("1B", "2A"), ("1D", "2C")],
        ),
        ([[1, 2, 3, 4]], [(1, 4), (2, 3)]),
        ([[1, 2, 3, 4, 5, 6, 7, 8]], [(1, 8), (4, 5), (2, 7), (3, 6)]),
        ([[1, 2]], [(1, 2)]),
        ([["A"], ["B"], ["C"], ["D"]], [("A", "B"), ("C", "D")]),
        (
            [["1A", "2A", "3A", "4A"], ["1B", "2B", "3B", "4B"]],
            [("1A", "4B"), ("2B", "3A"), ("1B", "4A"), ("2A", "3B")],
        ),
    ],
    ids=["2x2", "4x2", "1x4", "1x8", "1x2", "4x1", "2x4"],
)
def test_knockout_pairs_crosses_groups_winner_at_home_in_bracket_order(qualified, expected):
    assert knockout_pairs(qualified) == expected


def test_knockout_pairs_for_four_groups_are_the_classic_cross_over_ties():
    qualified = [[f"1{g}", f"2{g}"] for g in "ABCD"]
    assert set(knockout_pairs(qualified)) == {("1A", "2B"), ("1B", "2A"), ("1C", "2D"), ("1D", "2C")}


@pytest.mark.parametrize("group_count", [2, 4, 8, 16])
def test_group_mates_cannot_meet_again_before_the_final(group_count):
    qualified = [[(1, g), (2, g)] for g in range(group_count)]
    ties = knockout_pairs(qualified)
    half = len(ties) // 2
    first_half = {team for tie in ties[:half] for team in tie}
    for winner, runner_up in qualified:
        assert (winner in first_half) != (runner_up in first_half)


@pytest.mark.parametrize("size", [8, 16, 32])
def test_single_group_bracket_keeps_the_top_seeds_apart(size):
    ties = knockout_pairs([list(range(1, size + 1))])
    assert all(home + away == size + 1 and home < away for home, away in ties)
    quarter = {team: index * 4 // len(ties) for index, tie in enumerate(ties) for team in tie}
    assert quarter[1] // 2 != quarter[2] // 2
    assert {quarter[seed] for seed in (1, 2, 3, 4)} == {0, 1, 2, 3}


@pytest.mark.parametrize(
    ("qualified", "message"),
    [
        ([[1, 2], [3, 4], [5, 6]], "6 qualified teams cannot make a bracket"),
        ([[1, 2, 3]], "3 qualified teams cannot make a bracket"),
        ([[1]], "1 qualified teams cannot make a bracket"),
        ([[1, 2], [3]], "same number of qualified teams"),
        ([], "no qualified teams"),
        ([[1, 2], [2, 3]], "Team 2 appears more than once"),
    ],
)
def test_knockout_pairs_rejects_brackets_that_cannot_be_drawn(qualified, message):
    with pytest.raises(FixtureError, match=message):
        knockout_pairs(qualified)


@pytest.mark.parametrize(
    ("winners", "expected"),
    [
        (["w1", "w2"], [("w1", "w2")]),
        (["w1", "w2", "w3", "w4"], [("w1", "w2"), ("w3", "w4")]),
        ([8, 1, 5, 4, 6, 3, 7, 2], [(8, 1), (5, 4), (6, 3), (7, 2)]),
    ],
)
def test_next_knockout_round_pairs_consecutive_winners(winners, expected):
    assert next_knockout_round(winners) == expected


@pytest.mark.parametrize(
    ("winners", "message"),
    [([1, 2, 3], "3 winners cannot be paired"), ([1], "At least two winners"), ([], "At least two winners")],
)
def test_next_knockout_round_rejects_an_odd_or_too_small_field(winners, message):
    with pytest.raises(FixtureError, match=message):
        next_knockout_round(winners)


@pytest.mark.parametrize("size", [4, 8, 16])
def test_when_favourites_win_every_tie_seeds_one_and_two_meet_in_the_final(size):
    winners = [min(tie) for tie in knockout_pairs([list(range(1, size + 1))])]
    while len(winners) > 2:
        winners = [min(tie) for tie in next_knockout_round(winners)]
    assert next_knockout_round(winners) == [(1, 2)]


# --- assign_slots ------------------------------------------------------------------------------------------------


def test_assign_slots_plays_the_kth_round_on_the_kth_date_in_ascending_order():
    pairings = [Pairing(7, 1, 2), Pairing(2, 3, 4), Pairing(4, 1, 3)]
    dates = [datetime.date(2025, 4, 19), datetime.date(2025, 4, 5), datetime.date(2025, 4, 12)]
    scheduled = assign_slots(pairings, dates=dates, times=[datetime.time(10)], venues=["Norte"])
    day_of_round = {s.pairing.round: s.kickoff.date() for s in scheduled}
    assert day_of_round == {2: datetime.date(2025, 4, 5), 4: datetime.date(2025, 4, 12), 7: datetime.date(2025, 4, 19)}


def test_assign_slots_fills_every_venue_at_one_time_before_the_next_time():
    pairings = [Pairing(1, "a", "b"), Pairing(1, "c", "d"), Pairing(1, "e", "f"), Pairing(1, "g", "h")]
    day = datetime.date(2025, 3, 8)
    scheduled = assign_slots(
        pairings, dates=[day], times=[datetime.time(11), datetime.time(9)], venues=["Norte", "Sur"]
    )
    at = datetime.datetime.combine
    assert scheduled == [
        Scheduled(pairings[0], at(day, datetime.time(9)), "Norte"),
        Scheduled(pairings[1], at(day, datetime.time(9)), "Sur"),
        Scheduled(pairings[2], at(day, datetime.time(11)), "Norte"),
        Scheduled(pairings[3], at(day, datetime.time(11)), "Sur"),
    ]


def test_assign_slots_uses_the_earliest_slots_when_the_day_has_spare_ones():
    pairings = [Pairing(1, "a", "b"), Pairing(1, "c", "d")]
    scheduled = assign_slots(
        pairings,
        dates=[datetime.date(2025, 3, 8)],
        times=[datetime.time(9), datetime.time(11)],
        venues=["Norte", "Sur", "Este"],
    )
    assert {(s.kickoff.time(), s.venue) for s in scheduled} == {(datetime.time(9), "Norte"), (datetime.time(9), "Sur")}


@pytest.mark.parametrize("count", [6, 8, 10, 12])
def test_assign_slots_does_not_give_a_team_the_same_slot_every_round(count):
    # One time and one venue per match: without rotation the Berger fixed team would always get the first venue.
    # (Four teams are left out: in three rounds over two venues some team must stay at one venue, whatever the order.)
    pairings = round_robin(make_teams(count))
    rounds = max(p.round for p in pairings)
    venues = [f"V{v}" for v in range(count // 2)]
    scheduled = assign_slots(pairings, dates=weekly_dates(rounds), times=[datetime.time(10)], venues=venues)
    for team in make_teams(count):
        slots = {s.venue for s in scheduled if team in (s.pairing.home, s.pairing.away)}
        assert len(slots) > 1


@pytest.mark.parametrize("count", [4, 6, 8, 10, 12])
def test_assign_slots_sends_every_team_to_every_venue_over_a_double_round_robin(count):
    pairings = round_robin(make_teams(count), double=True)
    rounds = max(p.round for p in pairings)
    venues = [f"V{v}" for v in range(count // 2)]
    scheduled = assign_slots(pairings, dates=weekly_dates(rounds), times=[datetime.time(10)], venues=venues)
    for team in make_teams(count):
        assert {s.venue for s in scheduled if team in (s.pairing.home, s.pairing.away)} == set(venues)


def test_assign_slots_never_books_a_team_twice_at_one_kickoff():
    rows = group_stage(split_groups(make_teams(14), 2), double=True)
    pairings = [pairing for _, pairing in rows]
    rounds = max(p.round for p in pairings)
    scheduled = assign_slots(
        pairings,
        dates=weekly_dates(rounds),
        times=[datetime.time(9), datetime.time(11), datetime.time(13)],
        venues=["Norte", "Sur"],
    )
    assert len(scheduled) == len(pairings)
    bookings = Counter((s.kickoff, team) for s in scheduled for team in (s.pairing.home, s.pairing.away))
    assert max(bookings.values()) == 1
    assert len({(s.kickoff, s.venue) for s in scheduled}) == len(scheduled)


def test_assign_slots_rejects_a_team_drawn_twice_in_one_round():
    pairings = [Pairing(1, "a", "b"), Pairing(3, "a", "c"), Pairing(3, "c", "d")]
    with pytest.raises(FixtureError, match="Round 3: team 'c' is drawn in more than one match"):
        assign_slots(pairings, dates=weekly_dates(2), times=[datetime.time(9)], venues=["Norte", "Sur"])


def test_assign_slots_gives_aware_kickoffs_in_the_offices_timezone():
    scheduled = assign_slots(
        [Pairing(1, "a", "b")],
        dates=[datetime.date(2025, 3, 8)],
        times=[datetime.time(9, 30)],
        venues=["Norte"],
        tzinfo=BUENOS_AIRES,
    )
    kickoff = scheduled[0].kickoff
    assert kickoff.tzinfo is BUENOS_AIRES
    assert kickoff.utcoffset() == datetime.timedelta(hours=-3)
    assert kickoff.astimezone(datetime.UTC) == datetime.datetime(2025, 3, 8, 12, 30, tzinfo=datetime.UTC)


def test_assign_slots_without_tzinfo_gives_naive_kickoffs():
    scheduled = assign_slots(
        [Pairing(1, "a", "b")], dates=[datetime.date(2025, 3, 8)], times=[datetime.time(9)], venues=["Norte"]
    )
    assert scheduled[0].kickoff.tzinfo is None


@pytest.mark.parametrize(
    ("dates", "times", "venues", "message"),
    [
        (weekly_dates(2), [datetime.time(9)], ["Norte", "Sur"], "Round 3 has no match day: 2 dates were given for 3"),
        (weekly_dates(3), [datetime.time(9)], ["Norte"], "Round 1 has 2 matches but 2025-03-01 has only 1 slots"),
        (weekly_dates(3), [], ["Norte"], "kick-off time"),
        (weekly_dates(3), [datetime.time(9)], [], "venue"),
        ([datetime.date(2025, 3, 1)] * 3, [datetime.time(9)], ["Norte", "Sur"], "Match day .* more than once"),
        (weekly_dates(3), [datetime.time(9)], ["Norte", "Norte"], "Venue 'Norte' appears more than once"),
    ],
    ids=["too-few-dates", "too-few-slots", "no-times", "no-venues", "repeated-date", "repeated-venue"],
)
def test_assign_slots_rejects_a_calendar_that_cannot_hold_the_fixture(dates, times, venues, message):
    pairings = round_robin(["a", "b", "c", "d"])
    with pytest.raises(FixtureError, match=message):
        assign_slots(pairings, dates=dates, times=times, venues=venues)


def test_assign_slots_names_the_round_that_does_not_fit():
    pairings = [Pairing(1, "a", "b"), Pairing(2, "a", "c"), Pairing(2, "b", "d")]
    with pytest.raises(FixtureError, match="Round 2 has 2 matches"):
        assign_slots(pairings, dates=weekly_dates(2), times=[datetime.time(9)], venues=["Norte"])


def test_assign_slots_with_no_pairings_schedules_nothing():
    assert assign_slots([], dates=[], times=[datetime.time(9)], venues=["Norte"]) == []


# --- regenerate_plan ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("played", "double", "expected_left"),
    [
        ([], False, 6),
        ([("T1", "T4")], False, 5),
        ([("T4", "T1")], False, 5),  # single round robin: the pair was played, whoever was at home
        ([("T1", "T4")], True, 11),
        ([("T1", "T4"), ("T4", "T1")], True, 10),
        ([("T9", "T1")], False, 6),  # not in the plan
        ([("T1", "T4"), ("T1", "T4")], True, 11),  # a repeat does not stand for the return leg
    ],
)
def test_regenerate_plan_counts_pairings_left_to_create(played, double, expected_left):
    pairings = round_robin(make_teams(4), double=double)
    assert len(regenerate_plan(played, pairings)) == expected_left


def test_regenerate_plan_drops_exactly_the_played_pairings_and_keeps_rounds_and_order():
    pairings = round_robin(make_teams(4), double=True)
    played = [(p.home, p.away) for p in pairings[:4]]
    assert regenerate_plan(played, pairings) == pairings[4:]


def test_regenerate_plan_in_double_round_robin_keeps_the_return_leg():
    pairings = round_robin(["a", "b"], double=True)
    assert regenerate_plan([("b", "a")], pairings) == [Pairing(1, "a", "b")]


def test_regenerate_plan_accepts_any_iterable_of_played_pairs():
    pairings = round_robin(make_teams(3))
    played = ((p.away, p.home) for p in pairings)
    assert regenerate_plan(played, pairings) == []
