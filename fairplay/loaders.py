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

    The database reduces the cards to one row per team and match (a season has several cards per match), applying
    the one-sanction-per-person rule of `fairplay.scoring.worst_sanction`; `count_cards` writes the same rule in
    Python, and a test holds the two equal.
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

    def flag(colour: str) -> str:
        return f"MAX(CASE WHEN c.colour = '{colour}' THEN 1 ELSE 0 END)"

    # The inner query groups per person in the order of card_person_idx, so the database sorts nothing.
    sql = f"""
        SELECT p.match_id, p.team_id,
               SUM(CASE WHEN p.recipient = 'player' THEN p.blue ELSE 0 END),
               SUM(CASE WHEN p.recipient = 'coach' THEN p.blue ELSE 0 END),
               SUM(CASE WHEN p.recipient = 'barra' THEN p.blue ELSE 0 END),
               SUM(CASE WHEN p.red = 0 AND p.second_yellow = 0 AND p.yellow = 1 THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.red = 0 AND p.second_yellow = 1 THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.red = 1 AND p.yellow = 0 THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.red = 1 AND p.yellow = 1 THEN 1 ELSE 0 END)
        FROM (
            SELECT c.match_id, c.team_id, c.recipient,
                   SUM(CASE WHEN c.colour = 'blue' THEN 1 ELSE 0 END) AS blue,
                   {flag('yellow')} AS yellow, {flag('second_yellow')} AS second_yellow, {flag('red')} AS red
            FROM {Card._meta.db_table} c
            WHERE c.match_id IN (SELECT m.id FROM {Match._meta.db_table} m WHERE {' AND '.join(where)})
            GROUP BY c.match_id, c.team_id, c.recipient, c.player_id, c.coach_id
        ) p
        GROUP BY p.match_id, p.team_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(match_id, team_id): CardCounts(*map(int, numbers)) for match_id, team_id, *numbers in cursor.fetchall()}
