"""Fixture engine: round robins, groups, knockout brackets and match-day slots.

Pure functions over plain data (house style rule 1). Teams and venues are opaque hashables (usually primary keys);
the service that saves ``Match`` rows builds on these functions. Messages of ``FixtureError`` are plain English for
the office; the caller translates them.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


class FixtureError(ValueError):
    """Bad input to the fixture engine; the message is meant for the office user."""


@dataclass(frozen=True)
class Pairing:
    round: int  # 1-based
    home: Hashable
    away: Hashable


@dataclass(frozen=True)
class Slot:
    kickoff: datetime.datetime
    venue: Hashable


@dataclass(frozen=True)
class Scheduled:
    pairing: Pairing
    kickoff: datetime.datetime
    venue: Hashable


# A private sentinel rather than None, so that None stays usable as a team identifier.
_BYE = object()


def _require_unique(items: Sequence[Hashable], what: str) -> None:
    seen: set[Hashable] = set()
    for item in items:
        if item in seen:
            raise FixtureError(f"{what} {item!r} appears more than once.")
        seen.add(item)


def round_robin(teams: Sequence[Hashable], *, double: bool = False) -> list[Pairing]:
    """Berger tables (circle method) for ``teams`` in the given order.

    With n teams there are n - 1 rounds, or n when n is odd: a bye is added and the team drawn against it rests
    that round (no Pairing is produced for it). With ``double=True`` the second half repeats the first with home
    and away swapped, numbered after it. Every team's home and away counts differ by at most one (by none in a
    double round robin, nor in a single one with an odd number of teams).
    """
    _require_unique(teams, "Team")
    if len(teams) < 2:
        raise FixtureError("A round robin needs at least two teams.")

    # The last entrant is the fixed point of the circle: the bye when n is odd, so that nobody's home/away pattern
    # depends on it; the others turn around the circle.
    entrants: list[Hashable] = list(teams) + ([_BYE] if len(teams) % 2 else [])
    size = len(entrants)
    circle, fixed = entrants[:-1], entrants[-1]
    positions = size - 1
    half = size // 2
    # Advancing each team size/2 - 1 places per round (the Berger step, rather than the naive one place) moves it
    # from the home side of the circle to the away side and back every round, so teams alternate home and away
    # with at most one break each. Over one half each team visits every position exactly once.
    step = half - 1

    first_half: list[Pairing] = []
    for index in range(positions):
        number = index + 1
        at = [circle[(position - index * step) % positions] for position in range(positions)]
        # The fixed entrant changes sides every round (away in round 1, as in the published Berger tables).
        home, away = (at[0], fixed) if index % 2 == 0 else (fixed, at[0])
        ties = [(home, away)] + [(at[position], at[positions - position]) for position in range(1, half)]
        first_half.extend(Pairing(number, h, a) for h, a in ties if h is not _BYE and a is not _BYE)

    if not double:
        return first_half
    return first_half + [Pairing(p.round + positions, p.away, p.home) for p in first_half]


def split_groups(teams: Sequence[Hashable], group_count: int) -> list[list[Hashable]]:
    """Deal the seeded ``teams`` (best first) into ``group_count`` groups in snake order.

    Seeds 1..g go to groups A..G, seeds g+1..2g back from G to A, and so on; group sizes differ by at most one.
    """
    _require_unique(teams, "Team")
    if group_count < 1:
        raise FixtureError("There must be at least one group.")
    if len(teams) < 2 * group_count:
        raise FixtureError(
            f"Each group needs at least two teams: {group_count} group(s) need {2 * group_count}, "
            f"and {len(teams)} team(s) were given."
        )
    groups: list[list[Hashable]] = [[] for _ in range(group_count)]
    for seed, team in enumerate(teams):
        lap, offset = divmod(seed, group_count)
        groups[offset if lap % 2 == 0 else group_count - 1 - offset].append(team)
    return groups


def group_stage(groups: Sequence[Sequence[Hashable]], *, double: bool = False) -> list[tuple[int, Pairing]]:
    """Round robin inside each group, as ``(group_index, pairing)`` ordered by round, then group.

    Round numbers are shared by all groups: round 1 of every group is round 1 overall. In a double round robin
    the return legs of every group start on the same round, after the longest first half, so that no group
    starts its return legs while another is still playing first legs (a smaller group just rests meanwhile).
    """
    if not groups:
        raise FixtureError("There must be at least one group.")
    _require_unique([team for group in groups for team in group], "Team")
    for index, group in enumerate(groups):
        if len(group) < 2:
            raise FixtureError(f"Group {index + 1} needs at least two teams.")

    first_leg_rounds = max(len(group) - 1 + len(group) % 2 for group in groups)
    rows: list[tuple[int, Pairing]] = []
    for index, group in enumerate(groups):
        first_leg = round_robin(group)
        rows.extend((index, pairing) for pairing in first_leg)
        if double:
            rows.extend(
                (index, Pairing(p.round + first_leg_rounds, p.away, p.home)) for p in first_leg
            )
    # Stable sort: within a round and group the round robin's own order is kept.
    return sorted(rows, key=lambda row: (row[1].round, row[0]))


def _is_power_of_two(number: int) -> bool:
    return number >= 1 and number & (number - 1) == 0


def _seeded_bracket(size: int) -> list[int]:
    """Seeds 1..size in bracket order, so that seeds 1 and 2 can only meet in the final: 1, 8, 4, 5, 2, 7, 3, 6."""
    order = [1]
    while len(order) < size:
        width = 2 * len(order)
        order = [seed for top in order for seed in (top, width + 1 - top)]
    return order


def knockout_pairs(qualified: Sequence[Sequence[Hashable]]) -> list[tuple[Hashable, Hashable]]:
    """First knockout round from the groups' final orders, as ``(home, away)`` ties in bracket order.

    ``qualified[g]`` lists group g's qualifiers, first place first. Groups are crossed in pairs (A with B, C with
    D, ...): the i-th of one group meets the (k+1-i)-th of the other, so with two qualifiers per group the ties are
    1A v 2B, 1B v 2A, 1C v 2D, 1D v 2C. A single group plays 1 v k, 2 v k-1, ...; group winners only (one per group)
    play 1A v 1B, 1C v 1D. The better-placed team is listed first and plays at home.

    The ties come in bracket order, the order ``next_knockout_round`` pairs their winners in. With two qualifiers
    per group, ties whose home team comes from A, C, E... fill the first half and those from B, D, F... the second,
    as at the World Cup, so two teams of the same group cannot meet again before the final. With one group the
    seeds are placed as in a seeded draw (1 v 8, 4 v 5, 2 v 7, 3 v 6), so seeds 1 and 2 can only meet in the final.
    """
    if not qualified:
        raise FixtureError("There are no qualified teams.")
    per_group = len(qualified[0])
    if any(len(group) != per_group for group in qualified):
        raise FixtureError("Every group must give the same number of qualified teams.")
    _require_unique([team for group in qualified for team in group], "Team")
    total = per_group * len(qualified)
    if total < 2 or not _is_power_of_two(total):
        raise FixtureError(
            f"A knockout needs 2, 4, 8, 16... teams; {total} qualified teams cannot make a bracket."
        )

    if len(qualified) == 1:
        group = qualified[0]
        order = _seeded_bracket(total)
        return [(group[order[i] - 1], group[order[i + 1] - 1]) for i in range(0, total, 2)]

    if per_group == 1:
        return [(qualified[g][0], qualified[g + 1][0]) for g in range(0, len(qualified), 2)]

    # Both the number of groups and the qualifiers per group are powers of two here, so groups pair up evenly.
    first_half: list[tuple[Hashable, Hashable]] = []
    second_half: list[tuple[Hashable, Hashable]] = []
    for g in range(0, len(qualified), 2):
        left, right = qualified[g], qualified[g + 1]
        for place in range(per_group // 2):
            opponent = per_group - 1 - place
            # Alternating the home group by place keeps 1A and 2A (and 1A and 1B) in opposite halves.
            ours, theirs = (first_half, second_half) if place % 2 == 0 else (second_half, first_half)
            ours.append((left[place], right[opponent]))
            theirs.append((right[place], left[opponent]))
    return first_half + second_half


def next_knockout_round(winners: Sequence[Hashable]) -> list[tuple[Hashable, Hashable]]:
    """Pair the winners of consecutive ties in bracket order: (w1, w2), (w3, w4), ..."""
    _require_unique(winners, "Team")
    if len(winners) < 2:
        raise FixtureError("At least two winners are needed for another knockout round.")
    if len(winners) % 2:
        raise FixtureError(f"{len(winners)} winners cannot be paired: the number must be even.")
    return [(winners[i], winners[i + 1]) for i in range(0, len(winners), 2)]


def _kickoff(day: datetime.date, time: datetime.time, tzinfo: datetime.tzinfo | None) -> datetime.datetime:
    kickoff = datetime.datetime.combine(day, time)
    return kickoff if tzinfo is None else kickoff.replace(tzinfo=tzinfo)


def assign_slots(
    pairings: Sequence[Pairing],
    *,
    dates: Sequence[datetime.date],
    times: Sequence[datetime.time],
    venues: Sequence[Hashable],
    tzinfo: datetime.tzinfo | None = None,
) -> list[Scheduled]:
    """Give each pairing a kick-off and a venue.

    The k-th round (in ascending round order) is played on the k-th date (in ascending order). Each day's slots
    are taken time-major: every venue at the first time, then every venue at the second time, and so on.
    Kick-offs carry ``tzinfo`` when given. The result is in kick-off order, venues in the order given.
    """
    if not times:
        raise FixtureError("At least one kick-off time is needed.")
    if not venues:
        raise FixtureError("At least one venue is needed.")
    _require_unique(dates, "Match day")
    _require_unique(times, "Kick-off time")
    _require_unique(venues, "Venue")

    by_round: dict[int, list[Pairing]] = defaultdict(list)
    for pairing in pairings:
        by_round[pairing.round].append(pairing)
    rounds = sorted(by_round)
    days = sorted(dates)
    if len(days) < len(rounds):
        missing = rounds[len(days)]
        raise FixtureError(
            f"Round {missing} has no match day: {len(days)} dates were given for {len(rounds)} rounds."
        )

    slot_times = sorted(times)
    scheduled: list[Scheduled] = []
    for index, (number, day) in enumerate(zip(rounds, days)):
        matches = by_round[number]
        # One match per team per round: together with distinct dates, no team can have two matches at one kick-off.
        playing = Counter(team for pairing in matches for team in (pairing.home, pairing.away))
        twice = [team for team, count in playing.items() if count > 1]
        if twice:
            raise FixtureError(f"Round {number}: team {twice[0]!r} is drawn in more than one match.")
        capacity = len(slot_times) * len(venues)
        if len(matches) > capacity:
            raise FixtureError(
                f"Round {number} has {len(matches)} matches but {day.isoformat()} has only {capacity} slots "
                f"({len(slot_times)} kick-off times x {len(venues)} venues)."
            )
        # Rotate the round's matches by the round's index so the first pairing in the list does not always get
        # the first slot (earliest time, first venue); with the Berger order this spreads teams over times and
        # venues without any search.
        shift = index % len(matches)
        rotated = matches[shift:] + matches[:shift]
        slots = [Slot(_kickoff(day, time, tzinfo), venue) for time in slot_times for venue in venues]
        scheduled.extend(
            Scheduled(pairing=pairing, kickoff=slot.kickoff, venue=slot.venue) for pairing, slot in zip(rotated, slots)
        )
    return scheduled


def regenerate_plan(
    existing_played: Iterable[tuple[Hashable, Hashable]], pairings: Sequence[Pairing]
) -> list[Pairing]:
    """The pairings of ``pairings`` still to create, given the ``(home, away)`` matches already played.

    When the plan meets a pair in both directions (double round robin) a played match only accounts for the
    pairing with the same home team; when it meets them once, a played match in either direction accounts for
    it. Each played match accounts for at most one pairing. Played matches outside the plan are ignored; the
    pairings kept keep their rounds and order.
    """
    played = Counter(existing_played)
    directions = {(p.home, p.away) for p in pairings}
    remaining: list[Pairing] = []
    for pairing in pairings:
        same, reverse = (pairing.home, pairing.away), (pairing.away, pairing.home)
        if played[same] > 0:
            played[same] -= 1
        elif reverse not in directions and played[reverse] > 0:
            played[reverse] -= 1
        else:
            remaining.append(pairing)
    return remaining
