"""Reads for the impact indicators (`fairplay.indicators`): three queries, whatever the number of matches."""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from django.db.models import Count, Q, Sum

from fairplay.indicators import CardTally, ConductTally, MatchFacts
from fairplay.models import Card, Colour, MatchConduct, Recipient
from leagues.models import Match


class IndicatorData(NamedTuple):
    matches: list[MatchFacts]
    cards: dict[int, CardTally]
    conduct: dict[int, ConductTally]


def _played_in_scope(
    prefix: str,
    *,
    organizer_ids: Collection[int] | None,
    championship_id: int | None,
    category_id: int | None,
    gender: str | None,
) -> Q:
    """The played matches of the scope, as a filter on a model that reaches the match through `prefix`."""
    q = Q(**{f"{prefix}status": Match.Status.PLAYED})
    if organizer_ids is not None:
        q &= Q(**{f"{prefix}category__championship__organizer__in": list(organizer_ids)})
    if championship_id is not None:
        q &= Q(**{f"{prefix}category__championship": championship_id})
    if category_id is not None:
        q &= Q(**{f"{prefix}category": category_id})
    if gender:
        q &= Q(**{f"{prefix}category__gender": gender})
    return q


def load_indicator_data(
    *,
    organizer_ids: Collection[int] | None,
    championship_id: int | None = None,
    category_id: int | None = None,
    gender: str | None = None,
) -> IndicatorData:
    """The played matches in scope with their cards and conduct, reduced by the database to one row per match.

    `organizer_ids` None: every organizer (a superuser's view). Three queries; none when `organizer_ids` is empty.
    """
    scope = dict(organizer_ids=organizer_ids, championship_id=championship_id, category_id=category_id, gender=gender)
    matches = [
        MatchFacts._make(row)
        for row in Match.objects.filter(_played_in_scope("", **scope))
        .order_by()
        .values_list(
            "pk",
            "round",
            "category_id",
            "category__name",
            "category__gender",
            "category__championship_id",
            "category__championship__name",
            "category__championship__season",
            "category__championship__organizer_id",
            "category__championship__organizer__name",
        )
    ]

    def blue(recipient: str) -> Count:
        return Count("pk", filter=Q(colour=Colour.BLUE, recipient=recipient))

    cards = {
        row[0]: CardTally._make(row[1:])
        for row in Card.objects.filter(_played_in_scope("match__", **scope))
        .order_by()
        .values("match_id")
        .annotate(
            blue_player=blue(Recipient.PLAYER),
            blue_coach=blue(Recipient.COACH),
            blue_barra=blue(Recipient.BARRA),
            yellow=Count("pk", filter=Q(colour=Colour.YELLOW)),
            second_yellow=Count("pk", filter=Q(colour=Colour.SECOND_YELLOW)),
            red=Count("pk", filter=Q(colour=Colour.RED)),
        )
        .values_list("match_id", "blue_player", "blue_coach", "blue_barra", "yellow", "second_yellow", "red")
    }
    conduct = {
        row[0]: ConductTally._make(row[1:])
        for row in MatchConduct.objects.filter(_played_in_scope("match__", **scope))
        .order_by()
        .values("match_id")
        .annotate(
            reports=Count("pk"),
            total_fouls=Sum("fouls"),
            rituals_before=Count("pk", filter=Q(ritual_before=True)),
            rituals_after=Count("pk", filter=Q(ritual_after=True)),
            rituals_both=Count("pk", filter=Q(ritual_before=True, ritual_after=True)),
            incidents=Sum("barra_incidents"),
        )
        .values_list(
            "match_id", "reports", "total_fouls", "rituals_before", "rituals_after", "rituals_both", "incidents"
        )
    }
    return IndicatorData(matches, cards, conduct)
