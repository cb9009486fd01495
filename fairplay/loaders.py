"""Reads of fair-play data for the engines, in one query each."""

from __future__ import annotations

import datetime

from django.db import connection

from fairplay.models import Card
from fairplay.scoring import CardCounts
from leagues.models import Match


def card_counts(
    category_ids: list[int], *, as_of_round: int | None = None, as_of_date: datetime.date | None = None
) -> dict[tuple[int, int], CardCounts]:
    """`CardCounts` per (match, team) of the played matches of the categories, in one query.

    The database reduces the cards to one row per team and match, a few hundred rows for a season's thousands of
    cards; `count_cards` does the same in Python, and a test holds the two equal.
    """
    if not category_ids:
        return {}
    where = [f"m.category_id IN ({', '.join(['%s'] * len(category_ids))})", "m.status IN (%s, %s)"]
    params: list = [*category_ids, Match.Status.PLAYED, Match.Status.WALKOVER]
    if as_of_round is not None:
        where.append("m.round <= %s")
        params.append(as_of_round)
    if as_of_date is not None:
        where.append("m.date <= %s")
        params.append(as_of_date)

    def count(condition: str) -> str:
        return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"

    sql = f"""
        SELECT c.match_id, c.team_id,
               {count("c.colour = 'blue' AND c.recipient = 'player'")},
               {count("c.colour = 'blue' AND c.recipient = 'coach'")},
               {count("c.colour = 'blue' AND c.recipient = 'barra'")},
               {count("c.colour = 'yellow'")}, {count("c.colour = 'second_yellow'")}, {count("c.colour = 'red'")}
        FROM {Card._meta.db_table} c
        WHERE c.match_id IN (SELECT m.id FROM {Match._meta.db_table} m WHERE {' AND '.join(where)})
        GROUP BY c.match_id, c.team_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(row[0], row[1]): CardCounts._make(row[2:]) for row in cursor.fetchall()}
