"""Discipline: which cards suspend a player, and which matches a suspension covers. Pure functions, no ORM.

A suspension is served in the team's next matches after the one where it was earned (or from the day the office
chose), in the order the fixture gives them: a cancelled match does not count, a postponed one moves with its date.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

FAR_FUTURE = datetime.date.max


class MatchSlot(NamedTuple):
    """A match of a team, as the suspension engine sees it."""

    id: Hashable
    date: datetime.date | None
    round: int
    cancelled: bool = False

    @property
    def order(self) -> tuple:
        return (self.date or FAR_FUTURE, self.round, self.id)


class PlayerCard(NamedTuple):
    player: Hashable
    match: Hashable
    colour: str  # "yellow", "second_yellow", "red" (blue cards never suspend)


@dataclass(frozen=True)
class Earned:
    """A suspension that cards bring: `cause` is "red" or "yellows"."""

    player: Hashable
    match: Hashable
    cause: str
    matches: int


def earned_suspensions(
    cards: Iterable[PlayerCard], match_order: Sequence[Hashable], *, red_matches: int, yellows_per_suspension: int
) -> list[Earned]:
    """The suspensions the cards bring, in match order.

    A direct red or a second yellow suspends for `red_matches`; every `yellows_per_suspension`-th yellow adds one
    match. The yellow that a second yellow completes is not counted towards the accumulation: that sending-off is
    already punished. `yellows_per_suspension` 0 turns accumulation off.
    """
    position = {match: index for index, match in enumerate(match_order)}
    per_player: dict[Hashable, dict[Hashable, list[str]]] = defaultdict(lambda: defaultdict(list))
    for card in cards:
        if card.match in position:
            per_player[card.player][card.match].append(card.colour)
    earned: list[Earned] = []
    for player, matches in per_player.items():
        yellows = 0
        for match in sorted(matches, key=position.__getitem__):
            colours = matches[match]
            if "red" in colours or "second_yellow" in colours:
                if red_matches:
                    earned.append(Earned(player, match, "red", red_matches))
            if "yellow" in colours and "second_yellow" not in colours and yellows_per_suspension:
                yellows += colours.count("yellow")
                if yellows >= yellows_per_suspension:
                    yellows -= yellows_per_suspension
                    earned.append(Earned(player, match, "yellows", 1))
    earned.sort(key=lambda e: (position[e.match], str(e.player), e.cause))
    return earned


def covered_matches(
    team_matches: Sequence[MatchSlot],
    *,
    matches: int,
    after_match: Hashable | None = None,
    starts_on: datetime.date | None = None,
) -> list[Hashable]:
    """The ids of the team's matches a suspension of `matches` matches covers.

    It starts after `after_match` (the match where it was earned) or on `starts_on`; cancelled matches are skipped.
    """
    ordered = sorted(team_matches, key=lambda slot: slot.order)
    if after_match is not None:
        ids = [slot.id for slot in ordered]
        if after_match not in ids:
            return []
        following = ordered[ids.index(after_match) + 1 :]
    elif starts_on is not None:
        following = [slot for slot in ordered if slot.date is None or slot.date >= starts_on]
    else:
        following = ordered
    return [slot.id for slot in following if not slot.cancelled][:matches]
