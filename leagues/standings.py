"""Standings engine: a pure function from teams, results and rules to ranked rows.

The engine (`compute_standings`) uses no ORM (house rule 1); the loader at the end of the module is the one place
that reads the database, in a fixed number of queries, and imports the models lazily so the engine stays importable
without Django.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from types import MappingProxyType
from typing import Any, NamedTuple, NoReturn

POINTS = "points"
GOAL_DIFFERENCE = "goal_difference"
GOALS_FOR = "goals_for"
GOALS_AGAINST = "goals_against"
HEAD_TO_HEAD_POINTS = "head_to_head_points"
HEAD_TO_HEAD_GOAL_DIFFERENCE = "head_to_head_goal_difference"
HEAD_TO_HEAD_GOALS = "head_to_head_goals"
FAIR_PLAY = "fair_play"
WINS = "wins"
LOTS = "lots"

TIEBREAKERS: tuple[str, ...] = (
    POINTS,
    GOAL_DIFFERENCE,
    GOALS_FOR,
    GOALS_AGAINST,
    HEAD_TO_HEAD_POINTS,
    HEAD_TO_HEAD_GOAL_DIFFERENCE,
    HEAD_TO_HEAD_GOALS,
    FAIR_PLAY,
    WINS,
    LOTS,
)
HEAD_TO_HEAD: frozenset[str] = frozenset(
    {HEAD_TO_HEAD_POINTS, HEAD_TO_HEAD_GOAL_DIFFERENCE, HEAD_TO_HEAD_GOALS}
)

LEAGUE_TIEBREAKERS: tuple[str, ...] = (POINTS, GOAL_DIFFERENCE, GOALS_FOR)
# FIFA World Cup 2018 regulations, art. 32.5 (group order).
FIFA_TIEBREAKERS: tuple[str, ...] = (
    POINTS,
    GOAL_DIFFERENCE,
    GOALS_FOR,
    HEAD_TO_HEAD_POINTS,
    HEAD_TO_HEAD_GOAL_DIFFERENCE,
    HEAD_TO_HEAD_GOALS,
    FAIR_PLAY,
    LOTS,
)
# Same order as FIFA today, kept separate because the youth fair-play score comes from
# another scheme and the federation may reorder its criteria without touching FIFA's.
YOUTH_TIEBREAKERS: tuple[str, ...] = (
    POINTS,
    GOAL_DIFFERENCE,
    GOALS_FOR,
    HEAD_TO_HEAD_POINTS,
    HEAD_TO_HEAD_GOAL_DIFFERENCE,
    HEAD_TO_HEAD_GOALS,
    FAIR_PLAY,
    LOTS,
)

PRESETS: dict[str, tuple[str, ...]] = {
    "league": LEAGUE_TIEBREAKERS,
    "fifa": FIFA_TIEBREAKERS,
    "youth": YOUTH_TIEBREAKERS,
}

# Fair-play scores are floats summed from per-match scores; rounding the total keeps teams
# whose scores add up to the same number level (0.1 + 0.2 vs 0.3) without hiding real
# differences, which come in whole or half points.
FAIR_PLAY_DECIMALS = 9

# Read-only empty default, so no call can leak state into the next through a shared dict.
_EMPTY: Mapping[int, Any] = MappingProxyType({})


class Result(NamedTuple):
    """One played (or awarded) match, as seen by the standings.

    A named tuple rather than a frozen dataclass: the loader builds hundreds per page view, and tuples are
    several times cheaper to create.
    """

    home: int
    away: int
    home_goals: int
    away_goals: int
    round: int | None = None
    date: datetime.date | None = None
    # When set, the goals are ignored and rules.walkover_score is used.
    walkover_winner: int | None = None
    home_fair_play: float = 0
    away_fair_play: float = 0


@dataclass(frozen=True)
class Adjustment:
    """A signed points correction decided by the office (sanction, appeal)."""

    team: int
    points: int
    date: datetime.date | None = None


@dataclass(frozen=True)
class Rules:
    """Points per result, tie-breakers in order, and the competition's scoring options."""

    win: int = 3
    draw: int = 1
    loss: int = 0
    tiebreakers: tuple[str, ...] = YOUTH_TIEBREAKERS
    # Per-match clamp for the goal_difference and head_to_head_goal_difference criteria;
    # the displayed goal difference is never capped.
    goal_difference_cap: int | None = None
    walkover_score: tuple[int, int] = (3, 0)

    def __post_init__(self) -> None:
        # A list would make the frozen Rules unhashable, so normalise before checking.
        object.__setattr__(self, "tiebreakers", tuple(self.tiebreakers))
        object.__setattr__(self, "walkover_score", tuple(self.walkover_score))
        unknown = [name for name in self.tiebreakers if name not in TIEBREAKERS]
        if unknown:
            raise ValueError(
                f"Unknown tie-breaker(s) {', '.join(map(repr, unknown))}; "
                f"valid names are: {', '.join(TIEBREAKERS)}."
            )
        repeated = sorted({name for name in self.tiebreakers if self.tiebreakers.count(name) > 1})
        if repeated:
            raise ValueError(f"Tie-breaker(s) listed more than once: {', '.join(repeated)}.")
        if self.goal_difference_cap is not None and self.goal_difference_cap < 0:
            raise ValueError(
                f"goal_difference_cap must be None or >= 0, got {self.goal_difference_cap}."
            )
        if len(self.walkover_score) != 2:
            raise ValueError(
                f"walkover_score must be (winner goals, loser goals), got {self.walkover_score}."
            )
        winner_goals, loser_goals = self.walkover_score
        # The walkover counts as a win, so the score must say so too.
        if loser_goals < 0 or winner_goals <= loser_goals:
            raise ValueError(
                "walkover_score must be (winner goals, loser goals) with "
                f"winner > loser >= 0, got {self.walkover_score}."
            )


def rules_from_preset(name: str, **overrides: object) -> Rules:
    """Build `Rules` with the tie-breakers of preset `name` ("league", "fifa", "youth").

    Keyword overrides replace any field, e.g. `rules_from_preset("league", win=2)`.
    """
    try:
        tiebreakers = PRESETS[name]
    except KeyError:
        raise ValueError(
            f"Unknown tie-breaker preset {name!r}; valid presets are: {', '.join(PRESETS)}."
        ) from None
    return Rules(**{"tiebreakers": tiebreakers, **overrides})  # type: ignore[arg-type]


@dataclass
class Row:
    """One team's line in the table."""

    team: int
    position: int
    played: int
    won: int
    drawn: int
    lost: int
    goals_for: int
    goals_against: int
    goal_difference: int
    points: int
    fair_play: float
    adjustment: int


@dataclass
class _Tally:
    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0
    capped_goal_difference: int = 0
    fair_play: list[float] = field(default_factory=list)


# (home index, away index, home goals, away goals) after walkovers are applied.
_Score = tuple[int, int, int, int]


def compute_standings(
    teams: Iterable[int],
    results: Iterable[Result],
    *,
    rules: Rules = Rules(),
    adjustments: Iterable[Adjustment] = (),
    fair_play_adjustments: Mapping[int, float] = _EMPTY,
    lots: Mapping[int, int] = _EMPTY,
    as_of_round: int | None = None,
    as_of_date: datetime.date | None = None,
) -> list[Row]:
    """Rank `teams` from `results` under `rules` and return one row per team, best first.

    Only results with round <= `as_of_round` and date <= `as_of_date` count (a result
    without round or date is left out when that filter is given); adjustments count when
    undated or dated <= `as_of_date`. Teams level after every tie-breaker share a position
    and keep the order in which `teams` lists them. Raises ValueError for a result,
    adjustment, fair-play adjustment or lot naming a team not in `teams`, and for a
    malformed result.
    """
    team_ids = list(teams)
    # Teams are handled by their index in `teams`: list lookups are cheaper than dicts
    # and the index is also the order for teams left level.
    index = {team: i for i, team in enumerate(team_ids)}
    if len(index) != len(team_ids):
        raise ValueError("teams contains the same team more than once.")

    def team_index(team: int, what: object) -> int:
        try:
            return index[team]
        except KeyError:
            raise ValueError(f"{what} names team {team!r}, which is not in teams.") from None

    tallies = [_Tally() for _ in team_ids]
    cap = rules.goal_difference_cap
    win_goals, loss_goals = rules.walkover_score
    has_head_to_head = any(name in HEAD_TO_HEAD for name in rules.tiebreakers)
    # Matches grouped by unordered pair, so a tied group reads only its own matches.
    pairs: dict[tuple[int, int], list[_Score]] = {}

    for result in results:
        # Validate every result, even those filtered out below: a bad row is a loader bug.
        home = index.get(result.home)
        away = index.get(result.away)
        if home is None or away is None or home == away:
            _reject(result, index)
        winner = result.walkover_winner
        if winner is None:
            home_goals, away_goals = result.home_goals, result.away_goals
            if home_goals < 0 or away_goals < 0:
                raise ValueError(f"Result {result} has negative goals.")
        elif winner == result.home:
            home_goals, away_goals = win_goals, loss_goals
        elif winner == result.away:
            home_goals, away_goals = loss_goals, win_goals
        else:
            raise ValueError(f"Result {result} has a walkover winner that did not play in it.")
        if as_of_round is not None and (result.round is None or result.round > as_of_round):
            continue
        if as_of_date is not None and (result.date is None or result.date > as_of_date):
            continue

        h, a = tallies[home], tallies[away]
        h.played += 1
        a.played += 1
        h.goals_for += home_goals
        h.goals_against += away_goals
        a.goals_for += away_goals
        a.goals_against += home_goals
        diff = home_goals - away_goals
        if diff > 0:
            h.won += 1
            a.lost += 1
        elif diff < 0:
            h.lost += 1
            a.won += 1
        else:
            h.drawn += 1
            a.drawn += 1
        if cap is not None:
            diff = max(-cap, min(cap, diff))
        h.capped_goal_difference += diff
        a.capped_goal_difference -= diff
        if result.home_fair_play:
            h.fair_play.append(result.home_fair_play)
        if result.away_fair_play:
            a.fair_play.append(result.away_fair_play)
        if has_head_to_head:
            key = (home, away) if home < away else (away, home)
            pairs.setdefault(key, []).append((home, away, home_goals, away_goals))

    adjustment_totals = [0] * len(team_ids)
    for adjustment in adjustments:
        i = team_index(adjustment.team, adjustment)
        if as_of_date is not None and adjustment.date is not None and adjustment.date > as_of_date:
            continue
        adjustment_totals[i] += adjustment.points
    for team, score in fair_play_adjustments.items():
        tallies[team_index(team, "fair_play_adjustments")].fair_play.append(score)
    lot_by_index = {team_index(team, "lots"): lot for team, lot in lots.items()}

    points = [
        t.won * rules.win + t.drawn * rules.draw + t.lost * rules.loss + adjustment_totals[i]
        for i, t in enumerate(tallies)
    ]
    # fsum rounds once, after an exact sum, so the total does not depend on result order;
    # adding 0.0 turns a -0.0 into 0.0 for display.
    fair_play = [round(math.fsum(t.fair_play), FAIR_PLAY_DECIMALS) + 0.0 for t in tallies]

    keys = _criterion_keys(rules.tiebreakers, tallies, points, fair_play, lot_by_index)
    ranked = _Ranker(rules, pairs, keys).rank(list(range(len(team_ids))))

    rows: list[Row] = []
    for group in ranked:
        position = len(rows) + 1
        for i in group:
            t = tallies[i]
            rows.append(
                Row(
                    team=team_ids[i],
                    position=position,
                    played=t.played,
                    won=t.won,
                    drawn=t.drawn,
                    lost=t.lost,
                    goals_for=t.goals_for,
                    goals_against=t.goals_against,
                    goal_difference=t.goals_for - t.goals_against,
                    points=points[i],
                    fair_play=fair_play[i],
                    adjustment=adjustment_totals[i],
                )
            )
    return rows


def _reject(result: Result, index: Mapping[int, int]) -> NoReturn:
    for team in (result.home, result.away):
        if team not in index:
            raise ValueError(f"Result {result} names team {team!r}, which is not in teams.")
    raise ValueError(f"Result {result} has the same team at home and away.")


def _criterion_keys(
    tiebreakers: Sequence[str],
    tallies: Sequence[_Tally],
    points: Sequence[int],
    fair_play: Sequence[float],
    lot_by_index: Mapping[int, int],
) -> dict[str, Sequence[object]]:
    """Per-team sort keys (higher is better) for the criteria that do not depend on the group."""
    builders: dict[str, Callable[[], Sequence[object]]] = {
        POINTS: lambda: points,
        GOAL_DIFFERENCE: lambda: [t.capped_goal_difference for t in tallies],
        GOALS_FOR: lambda: [t.goals_for for t in tallies],
        GOALS_AGAINST: lambda: [-t.goals_against for t in tallies],
        FAIR_PLAY: lambda: fair_play,
        WINS: lambda: [t.won for t in tallies],
        # A drawn lot beats no lot; without a lot, teams stay level.
        LOTS: lambda: [
            (1, -lot_by_index[i]) if i in lot_by_index else (0, 0) for i in range(len(tallies))
        ],
    }
    return {name: builders[name]() for name in tiebreakers if name not in HEAD_TO_HEAD}


def _split(group: list[int], key: Callable[[int], object]) -> list[list[int]]:
    """Split `group` into runs of equal key, best first, keeping the input order inside a run."""
    # sorted() stays stable with reverse=True, so level teams keep the `teams` order.
    ordered = sorted(group, key=key, reverse=True)  # type: ignore[arg-type]
    return [list(run) for _, run in groupby(ordered, key=key)]


class _Ranker:
    def __init__(
        self,
        rules: Rules,
        pairs: Mapping[tuple[int, int], list[_Score]],
        keys: Mapping[str, Sequence[object]],
    ) -> None:
        self.rules = rules
        self.pairs = pairs
        self.keys = keys
        self.criteria = rules.tiebreakers

    def rank(self, group: list[int], start: int = 0) -> list[list[int]]:
        """Order `group` by the criteria from `start` on; returns runs of level teams."""
        if len(group) == 1 or start == len(self.criteria):
            return [group]
        name = self.criteria[start]
        if name in HEAD_TO_HEAD:
            end = start
            while end < len(self.criteria) and self.criteria[end] in HEAD_TO_HEAD:
                end += 1
            return self._head_to_head(group, start, end)
        key = self.keys[name]
        ranked: list[list[int]] = []
        for run in _split(group, key.__getitem__):
            ranked.extend(self.rank(run, start + 1))
        return ranked

    def _head_to_head(self, group: list[int], start: int, end: int) -> list[list[int]]:
        mini = self._mini_table(group, self.criteria[start:end])
        ranked: list[list[int]] = []
        for run in _split(group, mini.__getitem__):
            if len(run) == 1:
                ranked.append(run)
            elif len(run) < len(group):
                # UEFA/FIFA: the criteria are re-applied to the teams still level, counting
                # only the matches among them.
                ranked.extend(self._head_to_head(run, start, end))
            else:
                ranked.extend(self.rank(run, end))
        return ranked

    def _mini_table(self, group: list[int], criteria: Sequence[str]) -> dict[int, tuple[int, ...]]:
        rules = self.rules
        cap = rules.goal_difference_cap
        stats = {i: [0, 0, 0] for i in group}  # points, capped goal difference, goals
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                for home, away, home_goals, away_goals in self.pairs.get(
                    (i, j) if i < j else (j, i), ()
                ):
                    h, a = stats[home], stats[away]
                    if home_goals > away_goals:
                        h[0] += rules.win
                        a[0] += rules.loss
                    elif home_goals < away_goals:
                        h[0] += rules.loss
                        a[0] += rules.win
                    else:
                        h[0] += rules.draw
                        a[0] += rules.draw
                    diff = home_goals - away_goals
                    if cap is not None:
                        diff = max(-cap, min(cap, diff))
                    h[1] += diff
                    a[1] -= diff
                    h[2] += home_goals
                    a[2] += away_goals
        column = {
            HEAD_TO_HEAD_POINTS: 0,
            HEAD_TO_HEAD_GOAL_DIFFERENCE: 1,
            HEAD_TO_HEAD_GOALS: 2,
        }
        picks = [column[name] for name in criteria]
        return {i: tuple(s[c] for c in picks) for i, s in stats.items()}


# --- Loader: the one place the standings read the database -------------------------------------------------------


@dataclass
class TeamStanding:
    """A row of a category's table with the team it belongs to, for pages and commands."""

    team: object
    row: Row


def load_standings(categories, *, as_of_round: int | None = None, as_of_date: datetime.date | None = None):
    """Standings of every category in `categories` in five queries (teams, matches, fair play, schemes, adjustments),
    whatever their number of teams and matches.

    Returns {category_id: [TeamStanding, ...]}. Categories must come with their championship
    (`select_related("championship")`), which holds the rules.
    """
    # Imported here: the engine above stays free of the ORM and importable without Django.
    from fairplay import loaders as fair_play
    from leagues.models import Match, PointAdjustment, Team

    categories = list(categories)
    ids = [c.pk for c in categories]
    teams: dict[int, list] = {pk: [] for pk in ids}
    for team in Team.objects.filter(category_id__in=ids).order_by("name", "pk"):
        teams[team.category_id].append(team)

    # order_by() drops the models' default ordering: the engine does not care, and sorting costs time.
    played = [Match.Status.PLAYED, Match.Status.WALKOVER]
    matches = Match.objects.filter(category_id__in=ids, status__in=played).order_by()
    if as_of_round is not None:
        matches = matches.filter(round__lte=as_of_round)
    if as_of_date is not None:
        matches = matches.filter(date__lte=as_of_date)
    match_rows = list(
        matches.values_list(
            "pk", "category_id", "home_id", "away_id", "home_goals", "away_goals", "round", "date",
            "walkover_winner_id",
        )
    )
    fair_play_matches = fair_play.team_matches(
        ids,
        match_rows=[(pk, cat, home, away, rnd, date) for pk, cat, home, away, _hg, _ag, rnd, date, wo in match_rows
                    if wo is None],
        as_of_round=as_of_round,
        as_of_date=as_of_date,
    )
    schemes = fair_play.schemes(categories)
    adjustments: dict[int, list[Adjustment]] = {pk: [] for pk in ids}
    for category_id, team_id, points, date in (
        PointAdjustment.objects.filter(team__category_id__in=ids)
        .order_by()
        .values_list("team__category_id", "team_id", "points", "date")
    ):
        adjustments[category_id].append(Adjustment(team_id, points, date))

    by_category: dict[int, list[tuple]] = {pk: [] for pk in ids}
    for match_row in match_rows:
        by_category[match_row[1]].append(match_row)

    tables = {}
    for category in categories:
        championship = category.championship
        results = [
            Result(home=home, away=away, home_goals=hg or 0, away_goals=ag or 0, round=rnd, date=date, walkover_winner=wo)
            for pk, _cat, home, away, hg, ag, rnd, date, wo in by_category[category.pk]
        ]
        category_teams = {team.pk: team for team in teams[category.pk]}
        rules, fair_play_values, bonus = fair_play_entry(
            championship.engine_rules(), schemes[category.pk], fair_play_matches[category.pk], category_teams
        )
        rows = compute_standings(
            list(category_teams),
            results,
            rules=rules,
            adjustments=adjustments[category.pk] + bonus,
            fair_play_adjustments=fair_play_values,
            lots={pk: team.lot for pk, team in category_teams.items() if team.lot is not None},
            as_of_date=as_of_date,
        )
        tables[category.pk] = [TeamStanding(team=category_teams[row.team], row=row) for row in rows]
    return tables


def fair_play_entry(rules: Rules, scheme, team_matches, teams) -> tuple[Rules, dict[int, float], list[Adjustment]]:
    """How fair play enters a table under `scheme`: the rules (without the fair-play tie-breaker when it is a separate
    table only), each team's fair-play value for the tie-breaker, and the sports points it adds ("points" mode)."""
    from fairplay.scoring import sports_bonus, team_totals

    totals = team_totals(team_matches, scheme, teams=teams)
    if scheme.mode == "table":
        rules = replace(rules, tiebreakers=tuple(c for c in rules.tiebreakers if c != FAIR_PLAY))
        return rules, {}, []
    values = {team: total.value(scheme) for team, total in totals.items() if total.value(scheme)}
    bonus = [Adjustment(team, points) for team, total in totals.items() if (points := sports_bonus(total, scheme))]
    return rules, values, bonus


def load_category_standings(category, **as_of) -> list[TeamStanding]:
    """One category's table (see `load_standings`)."""
    return load_standings([category], **as_of)[category.pk]
