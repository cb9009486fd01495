"""Fair-play scoring: pure functions from what a team did in a match to its fair-play points, with every reason.

No ORM here. A `TeamMatch` holds one team's match: its cards, counted per card and, for FIFA's rule of one deduction
per person, per person; and its conduct from the match sheet (fouls, ritual, barra) and the office's UEFA ratings.
A `Scheme` weighs them:

- `youth` (our default): each blue card, ritual and the barra's behaviour earn points; each foul, card and barra
  incident costs points. A second yellow costs its own weight on top of the first yellow's.
- `fifa`: team conduct points, one deduction per person: a yellow -1, sent off by a second yellow -3, a direct red
  -4, a yellow then a direct red -5 (the yellow's and the red's weights together).
- `uefa`: per match, points earned out of a maximum (cards out of 10, positive play out of 10, respect for the
  opponent, respect for the referee, the officials' and the spectators' behaviour out of 5 each); the team's mark is
  10 × earned / maximum over its matches. Criteria nobody rated are left out of the maximum.

`breakdown` explains a match line by line; `points` is the same sum without the lines, for whole-country tables;
a test holds the two equal. `team_totals` adds matches up per team; `copa_table` ranks them.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

DECIMALS = 2
PRESETS = ("youth", "fifa", "uefa")
MODES = ("table", "tiebreaker", "points")
UEFA_CARDS_MAX = 10


@dataclass(frozen=True)
class Scheme:
    """A scheme's weights (points per unit, negative for deductions) and how fair play enters the competition."""

    preset: str = "youth"
    mode: str = "tiebreaker"
    weight: float = 1.0  # with mode "points": sports points per fair-play point
    blue_player: float = 2
    blue_coach: float = 2
    blue_barra: float = 3
    ritual_before: float = 1
    ritual_after: float = 1
    barra_rating: float = 1  # per level of the 1–5 scale above 3, "acceptable" (below it, a deduction)
    foul: float = -0.2
    yellow: float = -1
    second_yellow: float = -2
    red: float = -4
    coach_yellow: float = -2
    coach_red: float = -5
    barra_incident: float = -3

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise ValueError(f"unknown fair-play preset {self.preset!r}")
        if self.mode not in MODES:
            raise ValueError(f"unknown fair-play mode {self.mode!r}")


_NOTHING = dict(blue_player=0, blue_coach=0, blue_barra=0, ritual_before=0, ritual_after=0, barra_rating=0, foul=0,
                coach_yellow=0, coach_red=0, barra_incident=0)
YOUTH = Scheme()
FIFA = Scheme(preset="fifa", yellow=-1, second_yellow=-3, red=-4, **_NOTHING)
UEFA = Scheme(preset="uefa", yellow=-1, second_yellow=-3, red=-3, **_NOTHING)
SCHEMES = {"youth": YOUTH, "fifa": FIFA, "uefa": UEFA}


class TeamMatch(NamedTuple):
    """What one team did in one played match. Conduct fields are None where nothing was recorded."""

    match: Hashable
    team: Hashable
    # Cards counted one by one, players' and coaches' apart.
    blue_player: int = 0
    blue_coach: int = 0
    blue_barra: int = 0
    yellow: int = 0  # to players
    second_yellow: int = 0
    red: int = 0
    coach_yellow: int = 0  # a coach's second yellow counts here too
    coach_red: int = 0
    # The same cards per person (players and team officials), each person counted once, at their worst.
    booked: int = 0  # a yellow and nothing more
    sent_off_second: int = 0  # sent off by a second yellow
    sent_off_red: int = 0  # a direct red without a yellow before
    yellow_then_red: int = 0  # a yellow, then a direct red
    # From the match sheet.
    fouls: int | None = None
    ritual_before: bool | None = None
    ritual_after: bool | None = None
    barra_rating: int | None = None
    barra_incidents: int | None = None
    # The office's UEFA-style ratings.
    positive_play: int | None = None
    respect_opponent: int | None = None
    respect_referee: int | None = None
    officials_behaviour: int | None = None
    spectators_behaviour: int | None = None


class Line(NamedTuple):
    """One reason for points: `count` units of `code` worth `each`; for a UEFA rating, the rating out of `maximum`."""

    code: str
    count: float
    each: float | None
    points: float
    maximum: float | None = None


@dataclass(frozen=True)
class MatchScore:
    match: Hashable
    team: Hashable
    points: float
    maximum: float | None  # UEFA: the most the match could have earned
    lines: tuple[Line, ...]


def _r(value: float) -> float:
    return round(value, DECIMALS) + 0.0  # + 0.0: never -0.0


# --- One match --------------------------------------------------------------------------------------------------------


def _youth_units(tm: TeamMatch) -> list[tuple[str, float]]:
    """(weight name, units) of a youth-scheme match; the barra's rating counts its distance from "acceptable"."""
    return [
        ("blue_player", tm.blue_player),
        ("blue_coach", tm.blue_coach),
        ("blue_barra", tm.blue_barra),
        ("ritual_before", 1 if tm.ritual_before else 0),
        ("ritual_after", 1 if tm.ritual_after else 0),
        ("barra_rating", tm.barra_rating - 3 if tm.barra_rating else 0),
        ("foul", tm.fouls or 0),
        ("yellow", tm.yellow),
        ("second_yellow", tm.second_yellow),
        ("red", tm.red),
        ("coach_yellow", tm.coach_yellow),
        ("coach_red", tm.coach_red),
        ("barra_incident", tm.barra_incidents or 0),
    ]


def _fifa_units(tm: TeamMatch, scheme: Scheme) -> list[tuple[str, float, float]]:
    """(code, persons, points each) under FIFA's one deduction per person."""
    return [
        ("fifa_yellow", tm.booked, scheme.yellow),
        ("fifa_second_yellow", tm.sent_off_second, scheme.second_yellow),
        ("fifa_red", tm.sent_off_red, scheme.red),
        ("fifa_yellow_red", tm.yellow_then_red, scheme.yellow + scheme.red),
    ]


def _uefa_cards(tm: TeamMatch, scheme: Scheme) -> float:
    persons_booked = tm.booked + tm.yellow_then_red
    deduction = (
        persons_booked * scheme.yellow
        + tm.sent_off_second * scheme.second_yellow
        + (tm.sent_off_red + tm.yellow_then_red) * scheme.red
    )
    return max(0.0, UEFA_CARDS_MAX + deduction)


def _uefa_ratings(tm: TeamMatch) -> list[tuple[str, int | None, int]]:
    spectators = tm.spectators_behaviour if tm.spectators_behaviour is not None else tm.barra_rating
    return [
        ("positive_play", tm.positive_play, 10),
        ("respect_opponent", tm.respect_opponent, 5),
        ("respect_referee", tm.respect_referee, 5),
        ("officials_behaviour", tm.officials_behaviour, 5),
        ("spectators_behaviour", spectators, 5),
    ]


def breakdown(tm: TeamMatch, scheme: Scheme) -> MatchScore:
    """The team's fair-play points in the match, with a line for every reason (lines of 0 points are left out)."""
    lines: list[Line] = []
    maximum = None
    if scheme.preset == "youth":
        for code, units in _youth_units(tm):
            each = getattr(scheme, code)
            if units and each:
                lines.append(Line(code, units, each, _r(units * each)))
    elif scheme.preset == "fifa":
        for code, persons, each in _fifa_units(tm, scheme):
            if persons and each:
                lines.append(Line(code, persons, each, _r(persons * each)))
    else:
        lines.append(Line("uefa_cards", UEFA_CARDS_MAX, None, _r(_uefa_cards(tm, scheme)), UEFA_CARDS_MAX))
        maximum = UEFA_CARDS_MAX
        for code, rating, most in _uefa_ratings(tm):
            if rating is not None:
                lines.append(Line(code, rating, None, float(rating), most))
                maximum += most
    total = _r(math.fsum(line.points for line in lines))
    return MatchScore(tm.match, tm.team, total, maximum, tuple(lines))


def points(tm: TeamMatch, scheme: Scheme) -> tuple[float, float | None]:
    """(points, maximum) of `breakdown` without building its lines: for tables of a whole country."""
    if scheme.preset == "youth":
        # Weights have at most two decimals and counts are whole: summing first and rounding once gives what the
        # breakdown's rounded lines add up to (a property test holds the two equal).
        return _r(
            tm.blue_player * scheme.blue_player + tm.blue_coach * scheme.blue_coach + tm.blue_barra * scheme.blue_barra
            + (scheme.ritual_before if tm.ritual_before else 0) + (scheme.ritual_after if tm.ritual_after else 0)
            + ((tm.barra_rating - 3) * scheme.barra_rating if tm.barra_rating else 0)
            + (tm.fouls or 0) * scheme.foul + tm.yellow * scheme.yellow + tm.second_yellow * scheme.second_yellow
            + tm.red * scheme.red + tm.coach_yellow * scheme.coach_yellow + tm.coach_red * scheme.coach_red
            + (tm.barra_incidents or 0) * scheme.barra_incident
        ), None
    if scheme.preset == "fifa":
        return _r(
            tm.booked * scheme.yellow + tm.sent_off_second * scheme.second_yellow + tm.sent_off_red * scheme.red
            + tm.yellow_then_red * (scheme.yellow + scheme.red)
        ), None
    earned, maximum = _r(_uefa_cards(tm, scheme)), UEFA_CARDS_MAX
    for _code, rating, most in _uefa_ratings(tm):
        if rating is not None:
            earned += rating
            maximum += most
    return _r(earned), maximum


# --- Teams over a season ----------------------------------------------------------------------------------------------


@dataclass
class TeamTotal:
    team: Hashable
    matches: int = 0
    points: float = 0.0  # UEFA: points earned
    maximum: float = 0.0  # UEFA: the most they could have earned
    blue_cards: int = 0
    sanctions: int = 0  # yellow, second yellow and red cards, to players and coaches
    _parts: list[float] = field(default_factory=list, repr=False)

    @property
    def average(self) -> float:
        """Points per match (youth, FIFA); UEFA: the mark out of 10. What the Copa Fair Play ranks by."""
        if self.maximum:
            return _r(10 * self.points / self.maximum)
        return _r(self.points / self.matches) if self.matches else 0.0

    def value(self, scheme: Scheme) -> float:
        """What enters the standings: the total (as FIFA's conduct points), or UEFA's mark."""
        return self.average if scheme.preset == "uefa" else self.points


def team_totals(
    team_matches: Iterable[TeamMatch], scheme: Scheme, teams: Iterable[Hashable] = ()
) -> dict[Hashable, TeamTotal]:
    """Each team's matches added up; `teams` that played none are included with zeros. Independent of the order."""
    totals = {team: TeamTotal(team) for team in teams}
    for tm in team_matches:
        total = totals.get(tm.team)
        if total is None:
            total = totals[tm.team] = TeamTotal(tm.team)
        earned, maximum = points(tm, scheme)
        total.matches += 1
        total._parts.append(earned)
        total.maximum += maximum or 0
        total.blue_cards += tm.blue_player + tm.blue_coach + tm.blue_barra
        total.sanctions += tm.yellow + tm.second_yellow + tm.red + tm.coach_yellow + tm.coach_red
    for total in totals.values():
        total.points = _r(math.fsum(total._parts))
        total._parts = []
    return totals


@dataclass(frozen=True)
class CopaRow:
    position: int
    total: TeamTotal


def copa_table(totals: Iterable[TeamTotal], name: dict[Hashable, str] | None = None) -> list[CopaRow]:
    """The Copa Fair Play: by points per match (UEFA: the mark), then total, then fewer sanctions; teams level on
    all three share a position. Teams that played no match come last. `name` orders the level ones for display."""
    name = name or {}

    def key(t: TeamTotal) -> tuple:
        return (t.matches == 0, -t.average, -t.points, t.sanctions)

    ordered = sorted(totals, key=lambda t: (*key(t), name.get(t.team, ""), str(t.team)))
    rows: list[CopaRow] = []
    for index, total in enumerate(ordered):
        shared = rows and key(rows[-1].total) == key(total)
        rows.append(CopaRow(rows[-1].position if shared else index + 1, total))
    return rows


def sports_bonus(total: TeamTotal, scheme: Scheme) -> int:
    """Sports points a team's fair play adds with the "points" mode: its value × the weight, to the nearest point."""
    if scheme.mode != "points":
        return 0
    return math.floor(total.value(scheme) * scheme.weight + 0.5)


# --- Counting cards ---------------------------------------------------------------------------------------------------


class CardEvent(NamedTuple):
    match: Hashable
    team: Hashable
    recipient: str  # "player", "coach" or "barra"
    person: Hashable | None  # the player or coach; None for a barra or an unnamed coach (the team's coach)
    colour: str  # "yellow", "second_yellow", "red" or "blue"


def tally(events: Iterable[CardEvent]) -> dict[tuple[Hashable, Hashable], TeamMatch]:
    """Cards counted into a `TeamMatch` per (match, team), one by one and per person, as the loader's SQL does (a
    test holds the two equal). Unnamed coaches of a team count as one person."""
    people: dict[tuple, dict[str, int]] = {}
    for match, team, recipient, person, colour in events:
        counts = people.setdefault((match, team, recipient, person), {"blue": 0, "yellow": 0, "second_yellow": 0, "red": 0})
        counts[colour] += 1
    found: dict[tuple[Hashable, Hashable], dict[str, int]] = {}
    for (match, team, recipient, _person), c in people.items():
        t = found.setdefault((match, team), dict.fromkeys(TeamMatch._fields[2:14], 0))
        t[f"blue_{recipient}"] += c["blue"]
        if recipient == "player":
            t["yellow"] += c["yellow"]
            t["second_yellow"] += c["second_yellow"]
            t["red"] += c["red"]
        elif recipient == "coach":
            t["coach_yellow"] += c["yellow"] + c["second_yellow"]
            t["coach_red"] += c["red"]
        if recipient != "barra":
            if c["red"] and c["yellow"]:
                t["yellow_then_red"] += 1
            elif c["red"]:
                t["sent_off_red"] += 1
            elif c["second_yellow"]:
                t["sent_off_second"] += 1
            elif c["yellow"]:
                t["booked"] += 1
    return {(match, team): TeamMatch(match, team, **counts) for (match, team), counts in found.items()}


# --- People and barras over a season ----------------------------------------------------------------------------------


@dataclass
class PersonTotal:
    """One player's or coach's blue cards over a season, with every team they received them with."""

    recipient: str
    person: Hashable | None  # None: a team's coaching staff, unnamed on the sheet
    teams: list[Hashable] = field(default_factory=list)
    blue_cards: int = 0


def person_totals(rows: Iterable[tuple[str, Hashable | None, Hashable, int]]) -> list[PersonTotal]:
    """(recipient, person, team, blue cards) rows added up per person, most blue cards first. A coach of several
    teams is one person; an unnamed coaching staff is its own team's, never merged across teams."""
    totals: dict[tuple, PersonTotal] = {}
    for recipient, person, team, count in rows:
        key = (recipient, person) if person is not None else (recipient, None, team)
        total = totals.setdefault(key, PersonTotal(recipient, person))
        if team not in total.teams:
            total.teams.append(team)
        total.blue_cards += count
    return sorted(totals.values(), key=lambda t: -t.blue_cards)


@dataclass
class BarraTotal:
    """A team's barra over a season: blue cards received, the referees' ratings of its behaviour, incidents."""

    team: Hashable
    blue_cards: int = 0
    ratings: list[int] = field(default_factory=list)
    incidents: int = 0

    @property
    def average_rating(self) -> float | None:
        return _r(math.fsum(self.ratings) / len(self.ratings)) if self.ratings else None


def barra_totals(team_matches: Iterable[TeamMatch], teams: Iterable[Hashable] = ()) -> dict[Hashable, BarraTotal]:
    totals = {team: BarraTotal(team) for team in teams}
    for tm in team_matches:
        total = totals.setdefault(tm.team, BarraTotal(tm.team))
        total.blue_cards += tm.blue_barra
        total.incidents += tm.barra_incidents or 0
        if tm.barra_rating is not None:
            total.ratings.append(tm.barra_rating)
    return totals
