"""Fair-play scoring: pure functions from a team's cards in a match to its fair-play score.

No ORM here. A scheme weighs `CardCounts`, the cards of one team in one match reduced to what scoring needs:
blue cards by recipient, and sanctioned people by their worst sanction (one deduction per person per match,
as FIFA's conduct points do). `count_cards` reduces plain card events; the loader in `fairplay/loaders.py` gets the
same counts straight from the database, so a standings page never fetches every card.
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
    # People, not cards: each sanctioned person counts once, under their worst sanction of the match.
    yellow: int = 0
    second_yellow: int = 0
    red: int = 0
    yellow_then_red: int = 0


@dataclass(frozen=True)
class Scheme:
    """Weights of a scheme, applied to `CardCounts`."""

    code: str
    yellow: float = -1
    second_yellow: float = -3
    red: float = -4
    yellow_then_red: float = -5
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
            + counts.yellow_then_red * self.yellow_then_red
        )


# FIFA's team conduct points (World Cup 2018): sanctions only.
FIFA = Scheme(code="fifa")
# Our default: FIFA's deductions, and rewards for the blue cards the referee shows.
YOUTH = Scheme(code="youth", blue_player=2, blue_coach=2, blue_barra=3)
SCHEMES = {"fifa": FIFA, "youth": YOUTH, "league": FIFA}


def worst_sanction(colours: set[str]) -> str | None:
    """The one sanction a person is counted under for the cards they were shown in a match."""
    if "red" in colours:
        return "yellow_then_red" if "yellow" in colours else "red"
    if "second_yellow" in colours:
        return "second_yellow"
    if "yellow" in colours:
        return "yellow"
    return None


def count_cards(events: Iterable[CardEvent]) -> dict[tuple[Hashable, Hashable], CardCounts]:
    """`CardCounts` per (match, team); pairs with no cards are absent."""
    tallies: dict[tuple[Hashable, Hashable], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sanctions: dict[tuple, set[str]] = defaultdict(set)
    for match, team, recipient, person, colour in events:
        if colour == "blue":
            tallies[(match, team)][f"blue_{recipient}"] += 1
        else:
            # An unnamed coach is the team's coach of that match: one person, like a named one.
            sanctions[(match, team, recipient, person)].add(colour)
    for (match, team, _recipient, _person), colours in sanctions.items():
        sanction = worst_sanction(colours)
        if sanction:
            tallies[(match, team)][sanction] += 1
    return {key: CardCounts(**tally) for key, tally in tallies.items()}


def match_scores(events: Iterable[CardEvent], scheme: Scheme) -> dict[tuple[Hashable, Hashable], float]:
    """Fair-play score per (match, team) under `scheme`; pairs with no cards are absent (score 0)."""
    return {key: scheme.score(counts) for key, counts in count_cards(events).items()}
