"""Fair-play scoring: pure functions from a team's cards in a match to its fair-play score.

No ORM here. A scheme weighs `CardCounts`, the cards of one team in one match counted by kind. Sanctions are
weighted per card so that the sums give FIFA's one-deduction-per-player figures: a yellow is -1, a second yellow
adds -2 to the yellow before it (-3 in all), a direct red is -4, and a yellow then a direct red makes -1 - 4 = -5.
Counting per card lets the database reduce a season's cards to one row per team and match
(`fairplay.loaders.card_counts`) without grouping by person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import NamedTuple


class CardEvent(NamedTuple):
    match: Hashable
    team: Hashable
    recipient: str  # "player", "coach" or "barra"
    person: Hashable | None  # the player or coach; None for a barra or an unnamed coach (the team's coach)
    colour: str  # "yellow", "second_yellow", "red" or "blue"


class CardCounts(NamedTuple):
    blue_player: int = 0
    blue_coach: int = 0
    blue_barra: int = 0
    yellow: int = 0
    second_yellow: int = 0
    red: int = 0


@dataclass(frozen=True)
class Scheme:
    """Weights of a scheme per card, applied to `CardCounts`."""

    code: str
    yellow: float = -1
    second_yellow: float = -2  # on top of the first yellow: -3 in all
    red: float = -4  # after a yellow: -5 in all
    blue_player: float = 0
    blue_coach: float = 0
    blue_barra: float = 0

    def score(self, counts: CardCounts) -> float:
        """The fair-play score of one team in one match."""
        return (
            counts.blue_player * self.blue_player
            + counts.blue_coach * self.blue_coach
            + counts.blue_barra * self.blue_barra
            + counts.yellow * self.yellow
            + counts.second_yellow * self.second_yellow
            + counts.red * self.red
        )


# FIFA's team conduct points (World Cup 2018): sanctions only.
FIFA = Scheme(code="fifa")
# Our default: FIFA's deductions, and rewards for the blue cards the referee shows.
YOUTH = Scheme(code="youth", blue_player=2, blue_coach=2, blue_barra=3)
SCHEMES = {"fifa": FIFA, "youth": YOUTH, "league": FIFA}


def count_cards(events: Iterable[CardEvent]) -> dict[tuple[Hashable, Hashable], CardCounts]:
    """`CardCounts` per (match, team); pairs with no cards are absent."""
    tallies: dict[tuple[Hashable, Hashable], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for match, team, recipient, _person, colour in events:
        tallies[(match, team)][f"blue_{recipient}" if colour == "blue" else colour] += 1
    return {key: CardCounts(**tally) for key, tally in tallies.items()}


def match_scores(events: Iterable[CardEvent], scheme: Scheme) -> dict[tuple[Hashable, Hashable], float]:
    """Fair-play score per (match, team) under `scheme`; pairs with no cards are absent (score 0)."""
    return {key: scheme.score(counts) for key, counts in count_cards(events).items()}
