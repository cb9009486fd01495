"""Reads of fair-play data for the engines, each in a fixed number of queries."""

from __future__ import annotations

import datetime
import gc

from django.db import connection
from django.db.models import Q

from fairplay.models import Card, FairPlayScheme, MatchConduct, default_scheme
from fairplay.scoring import Scheme, TeamMatch
from leagues.models import Match

# A match row as `matches` reads it and `team_matches` takes it: (pk, category_id, home_id, away_id, round, date).
MATCH_FIELDS = ("pk", "category_id", "home_id", "away_id", "round", "date")

_CARD_COLUMNS = 12  # TeamMatch._fields[2:14]
_CONDUCT_FIELDS = (
    "fouls", "ritual_before", "ritual_after", "barra_rating", "barra_incidents",
    "positive_play", "respect_opponent", "respect_referee", "officials_behaviour", "spectators_behaviour",
)


def matches(category_ids: list[int], *, as_of_round: int | None = None, as_of_date: datetime.date | None = None):
    """The played matches of the categories that fair play counts (a walkover is not played): one query."""
    rows = Match.objects.filter(category_id__in=category_ids, status=Match.Status.PLAYED).order_by()
    if as_of_round is not None:
        rows = rows.filter(round__lte=as_of_round)
    if as_of_date is not None:
        rows = rows.filter(date__lte=as_of_date)
    return list(rows.values_list(*MATCH_FIELDS))


def team_matches(
    category_ids: list[int], *, match_rows=None, as_of_round: int | None = None,
    as_of_date: datetime.date | None = None,
) -> dict[int, list[TeamMatch]]:
    """A `TeamMatch` for each team of each played match, per category, in one query (two without `match_rows`).

    The database reduces the cards to one row per team and match (through one row per person, for FIFA's one
    deduction each), and the conduct rows come in the same query; a test holds the counts equal to
    `scoring.tally` over the same cards.
    """
    if match_rows is None:
        match_rows = matches(category_ids, as_of_round=as_of_round, as_of_date=as_of_date)
    by_category: dict[int, list[TeamMatch]] = {pk: [] for pk in category_ids}
    if not match_rows:
        return by_category
    cards: dict[tuple[int, int], tuple] = {}
    conduct: dict[tuple[int, int], tuple] = {}
    conduct_columns = len(_CONDUCT_FIELDS)
    # A country's tables read ~350,000 rows here: the collector, run for every few hundred tuples made, would add a
    # third to the time and free nothing (these rows hold no cycles).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for kind, match_id, team_id, *values in _fair_play_rows(category_ids, as_of_round, as_of_date):
            if kind == "c":
                cards[(match_id, team_id)] = values
            else:
                fouls, before, after, *rest = values[:conduct_columns]
                conduct[(match_id, team_id)] = (
                    fouls, None if before is None else before == 1, None if after is None else after == 1, *rest
                )
        no_cards = (0,) * _CARD_COLUMNS
        no_conduct = (None,) * conduct_columns
        for pk, category_id, home, away, _round, _date in match_rows:
            rows = by_category[category_id]
            for team in (home, away):
                key = (pk, team)
                rows.append(TeamMatch(pk, team, *cards.get(key, no_cards), *conduct.get(key, no_conduct)))
    finally:
        if collecting:
            gc.enable()
    return by_category


def _fair_play_rows(category_ids: list[int], as_of_round: int | None, as_of_date: datetime.date | None):
    where = [f"m.category_id IN ({', '.join(['%s'] * len(category_ids))})", "m.status = %s"]
    params: list = [*category_ids, Match.Status.PLAYED]
    if as_of_round is not None:
        where.append("m.round <= %s")
        params.append(as_of_round)
    if as_of_date is not None:
        where.append("m.date <= %s")
        params.append(as_of_date)
    played = f"SELECT m.id FROM {Match._meta.db_table} m WHERE {' AND '.join(where)}"

    def count(colour: str) -> str:
        return f"SUM(CASE WHEN c.colour = '{colour}' THEN 1 ELSE 0 END)"

    # Every column is cast to INTEGER: PostgreSQL sums a SUM into numeric, and a UNION with a numeric column would
    # turn the conduct half's integers into Decimal too (which the engine cannot multiply by its float weights).
    def where_recipient(recipient: str, expression: str) -> str:
        return f"CAST(SUM(CASE WHEN p.recipient = '{recipient}' THEN {expression} ELSE 0 END) AS INTEGER)"

    def persons(condition: str) -> str:
        return f"CAST(SUM(CASE WHEN p.recipient <> 'barra' AND {condition} THEN 1 ELSE 0 END) AS INTEGER)"

    def flag(column: str) -> str:  # a boolean as 1/0/NULL, so that both halves of the UNION have integer columns
        return f"CASE WHEN k.{column} THEN 1 WHEN NOT k.{column} THEN 0 END"

    conduct_columns = [
        "CAST(k.fouls AS INTEGER)", flag("ritual_before"), flag("ritual_after"),
        *[f"CAST(k.{name} AS INTEGER)" for name in _CONDUCT_FIELDS[3:]],
    ]
    conduct_columns += ["NULL"] * (_CARD_COLUMNS - len(conduct_columns))
    sql = f"""
        SELECT 'c', p.match_id, p.team_id,
               {where_recipient("player", "p.bl")}, {where_recipient("coach", "p.bl")},
               {where_recipient("barra", "p.bl")},
               {where_recipient("player", "p.y")}, {where_recipient("player", "p.sy")},
               {where_recipient("player", "p.r")},
               {where_recipient("coach", "p.y + p.sy")}, {where_recipient("coach", "p.r")},
               {persons("p.r = 0 AND p.sy = 0 AND p.y > 0")}, {persons("p.r = 0 AND p.sy > 0")},
               {persons("p.r > 0 AND p.y = 0")}, {persons("p.r > 0 AND p.y > 0")}
        FROM (
            SELECT c.match_id, c.team_id, c.recipient,
                   {count("blue")} AS bl, {count("yellow")} AS y, {count("second_yellow")} AS sy, {count("red")} AS r
            FROM {Card._meta.db_table} c
            WHERE c.match_id IN ({played})
            GROUP BY c.match_id, c.team_id, c.recipient, c.player_id, c.coach_id
        ) p
        GROUP BY p.match_id, p.team_id
        UNION ALL
        SELECT 'k', k.match_id, k.team_id, {', '.join(conduct_columns)}
        FROM {MatchConduct._meta.db_table} k
        WHERE k.match_id IN ({played})
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params + params)
        return cursor.fetchall()


def schemes(categories) -> dict[int, Scheme]:
    """The scheme each category plays under (its own, else its championship's, else the default): one query.
    Categories must come with their championship (`select_related("championship")`)."""
    categories = list(categories)
    rows = FairPlayScheme.objects.filter(
        Q(category_id__in=[c.pk for c in categories])
        | Q(championship_id__in={c.championship_id for c in categories})
    )
    own, inherited = {}, {}
    for row in rows:
        if row.category_id:
            own[row.category_id] = row
        else:
            inherited[row.championship_id] = row
    return {
        c.pk: (own.get(c.pk) or inherited.get(c.championship_id) or default_scheme(c.championship)).engine_scheme()
        for c in categories
    }
