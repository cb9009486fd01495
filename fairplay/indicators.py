"""Impact indicators: pure functions from played matches, their cards and their conduct to rates per group.

No ORM here. The loader (`fairplay.indicator_loaders`) hands over:

- one `MatchFacts` per played match in scope (status "played": a walkover has no cards and no conduct), with the
  names of what it belongs to, so any grouping can be made without another query;
- one `CardTally` per match that has cards, both teams together;
- one `ConductTally` per match that has conduct rows (a submitted match sheet), both teams together.

Cards are counted over every played match. Fouls, the ritual and barra incidents exist only where a match sheet was
submitted (imported results have none), so they are counted over the matches that have conduct, and each row says how
many those are: a rate is never divided by matches without data, and it is None when no match has data.

Rates are kept unrounded; `display_rate` and `display_percent` round them for the page and the CSV alike.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

GROUPINGS = ("round", "category", "gender", "championship", "season", "organizer")
# Groupings whose groups follow one another in time: drawn as a line, the trend.
TRENDS = ("round", "season")

GENDER_ORDER = ("boys", "girls", "mixed")
GENDER_LABELS = {"boys": _("Boys"), "girls": _("Girls"), "mixed": _("Mixed")}


class MatchFacts(NamedTuple):
    """A played match and what it belongs to (the dimensions indicators are grouped by)."""

    match_id: int
    round: int
    category_id: int
    category: str
    gender: str
    championship_id: int
    championship: str
    season: str
    organizer_id: int
    organizer: str


class CardTally(NamedTuple):
    """The cards of one match, both teams together, counted by colour (and blue cards by recipient)."""

    blue_player: int = 0
    blue_coach: int = 0
    blue_barra: int = 0
    yellow: int = 0
    second_yellow: int = 0
    red: int = 0


class ConductTally(NamedTuple):
    """The conduct rows of one match, both teams together. `reports`: how many (team, match) rows there are."""

    reports: int = 0
    fouls: int = 0
    ritual_before: int = 0  # rows where the ritual before the match was done
    ritual_after: int = 0
    ritual_both: int = 0  # rows where it was done before and after
    barra_incidents: int = 0


def _rate(count: int, over: int) -> float | None:
    return count / over if over else None


@dataclass(frozen=True)
class IndicatorRow:
    """The indicators of one group of matches: the counts, and the rates computed from them."""

    key: Hashable
    label: str
    matches: int = 0
    blue_player: int = 0
    blue_coach: int = 0
    blue_barra: int = 0
    yellow: int = 0  # first yellows only; `yellow_cards` adds the second ones
    second_yellow: int = 0
    red: int = 0  # direct reds only; `sendings_off` adds the second yellows
    matches_with_conduct: int = 0
    team_reports: int = 0  # (team, match) pairs with conduct: what the ritual's shares are over
    fouls: int = 0
    ritual_before: int = 0
    ritual_after: int = 0
    ritual_both: int = 0
    barra_incidents: int = 0

    @property
    def blue_total(self) -> int:
        return self.blue_player + self.blue_coach + self.blue_barra

    @property
    def yellow_cards(self) -> int:
        return self.yellow + self.second_yellow

    @property
    def sendings_off(self) -> int:
        return self.red + self.second_yellow

    @property
    def blue_player_per_match(self) -> float | None:
        return _rate(self.blue_player, self.matches)

    @property
    def blue_coach_per_match(self) -> float | None:
        return _rate(self.blue_coach, self.matches)

    @property
    def blue_barra_per_match(self) -> float | None:
        return _rate(self.blue_barra, self.matches)

    @property
    def blue_total_per_match(self) -> float | None:
        return _rate(self.blue_total, self.matches)

    @property
    def yellow_cards_per_match(self) -> float | None:
        return _rate(self.yellow_cards, self.matches)

    @property
    def sendings_off_per_match(self) -> float | None:
        return _rate(self.sendings_off, self.matches)

    @property
    def fouls_per_match(self) -> float | None:
        return _rate(self.fouls, self.matches_with_conduct)

    @property
    def barra_incidents_per_match(self) -> float | None:
        return _rate(self.barra_incidents, self.matches_with_conduct)

    @property
    def ritual_before_share(self) -> float | None:
        return _rate(self.ritual_before, self.team_reports)

    @property
    def ritual_after_share(self) -> float | None:
        return _rate(self.ritual_after, self.team_reports)

    @property
    def ritual_both_share(self) -> float | None:
        return _rate(self.ritual_both, self.team_reports)


@dataclass(frozen=True)
class Indicators:
    group_by: str
    rows: tuple[IndicatorRow, ...]  # one per group with played matches, in the grouping's natural order
    total: IndicatorRow  # every match in scope

    @property
    def is_trend(self) -> bool:
        return self.group_by in TRENDS


class _Sum:
    """Counts being added up for one group."""

    __slots__ = tuple(name for name in IndicatorRow.__dataclass_fields__ if name not in ("key", "label"))

    def __init__(self) -> None:
        for name in self.__slots__:
            setattr(self, name, 0)

    def add(self, cards: CardTally | None, conduct: ConductTally | None) -> None:
        self.matches += 1
        if cards:
            for name in CardTally._fields:
                setattr(self, name, getattr(self, name) + getattr(cards, name))
        if conduct and conduct.reports:
            self.matches_with_conduct += 1
            self.team_reports += conduct.reports
            for name in ("fouls", "ritual_before", "ritual_after", "ritual_both", "barra_incidents"):
                setattr(self, name, getattr(self, name) + getattr(conduct, name))

    def row(self, key: Hashable, label: str) -> IndicatorRow:
        return IndicatorRow(key, label, **{name: getattr(self, name) for name in self.__slots__})


def _group(match: MatchFacts, group_by: str, *, several_championships: bool, several_organizers: bool):
    """(key, sort key, label) of the match's group."""
    if group_by == "round":
        return match.round, match.round, gettext("Round %(number)s") % {"number": match.round}
    if group_by == "category":
        label = match.category
        if several_championships:
            label = f"{match.category} · {match.championship} {match.season}"
        return match.category_id, (match.season, match.championship, match.category, match.category_id), label
    if group_by == "gender":
        order = GENDER_ORDER.index(match.gender) if match.gender in GENDER_ORDER else len(GENDER_ORDER)
        return match.gender, (order, match.gender), str(GENDER_LABELS.get(match.gender, match.gender))
    if group_by == "championship":
        label = f"{match.championship} {match.season}"
        if several_organizers:
            label = f"{label} · {match.organizer}"
        return match.championship_id, (match.season, match.championship, match.championship_id), label
    if group_by == "season":
        return match.season, match.season, match.season
    if group_by == "organizer":
        return match.organizer_id, (match.organizer, match.organizer_id), match.organizer
    raise ValueError(f"unknown grouping {group_by!r}")


def compute(
    matches: Iterable[MatchFacts],
    cards: Mapping[int, CardTally],
    conduct: Mapping[int, ConductTally],
    *,
    group_by: str,
) -> Indicators:
    """The indicators per group (`group_by`, one of GROUPINGS) and for all the matches together.

    Only groups with played matches appear. Cards and conduct of matches not in `matches` are ignored."""
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    matches = list(matches)
    several_championships = len({m.championship_id for m in matches}) > 1
    several_organizers = len({m.organizer_id for m in matches}) > 1
    total = _Sum()
    groups: dict[Hashable, tuple[object, str, _Sum]] = {}
    for match in matches:
        key, order, label = _group(
            match, group_by, several_championships=several_championships, several_organizers=several_organizers
        )
        if key not in groups:
            groups[key] = (order, label, _Sum())
        tally_cards, tally_conduct = cards.get(match.match_id), conduct.get(match.match_id)
        groups[key][2].add(tally_cards, tally_conduct)
        total.add(tally_cards, tally_conduct)
    rows = tuple(
        sums.row(key, label) for key, (order, label, sums) in sorted(groups.items(), key=lambda item: item[1][0])
    )
    return Indicators(group_by, rows, total.row(None, gettext("Total")))


def display_rate(value: float | None) -> str | None:
    """A per-match rate as shown: two decimals (None stays None: no data)."""
    return None if value is None else f"{value:.2f}"


def display_percent(value: float | None) -> str | None:
    """A share (0–1) as shown: a percentage with one decimal."""
    return None if value is None else f"{value * 100:.1f}"
