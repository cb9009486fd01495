"""Discipline writes and reads: suspensions from cards, the office's own, and who is suspended for a match."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fairplay import discipline
from fairplay.models import Card, Suspension
from leagues.cache import public_pages_changed
from leagues.models import Match, Player, RosterEntry, Team

AUTOMATIC = (Suspension.Cause.RED, Suspension.Cause.YELLOWS)


def _slots(team: Team) -> list[discipline.MatchSlot]:
    rows = Match.objects.for_team(team).values_list("pk", "date", "round", "status")
    return [
        discipline.MatchSlot(pk, date, rnd, cancelled=status == Match.Status.CANCELLED) for pk, date, rnd, status in rows
    ]


def _covers(suspension: Suspension, slots: list[discipline.MatchSlot]) -> list[int]:
    return discipline.covered_matches(
        slots, matches=suspension.matches, after_match=suspension.origin_match_id, starts_on=suspension.starts_on
    )


def suspended_players(*, team: Team, match: Match) -> dict[int, Suspension]:
    """The team's players suspended for `match`, each with the suspension that keeps them out (two queries)."""
    slots = _slots(team)
    found: dict[int, Suspension] = {}
    for suspension in team.suspensions.active().select_related("origin_match"):
        if match.pk in _covers(suspension, slots):
            found.setdefault(suspension.player_id, suspension)
    return found


def suspensions_with_remaining(*, team: Team) -> list[tuple[Suspension, int]]:
    """The team's active suspensions not yet served, with the matches still to serve (two queries)."""
    suspensions = list(team.suspensions.active().select_related("player", "origin_match"))
    left = matches_left(suspensions)
    return [(suspension, left[suspension.pk]) for suspension in suspensions if left[suspension.pk] > 0]


@transaction.atomic
def suspensions_refresh(*, match: Match) -> None:
    """Bring the automatic suspensions of the players carded in `match` in line with all their cards.

    Called when a sheet is submitted or amended. A suspension that is still earned keeps its row (and a lift the
    office recorded on it); one no longer earned is deleted; a new one is created.
    """
    public_pages_changed()  # the bulk writes below send no signals (leagues/cache.py)
    championship = match.category.championship
    players = set(
        Card.objects.filter(match=match, player__isnull=False).sanctions().values_list("player_id", flat=True)
    ) | set(
        Suspension.objects.filter(origin_match=match, cause__in=AUTOMATIC).values_list("player_id", flat=True)
    )
    if not players:
        return
    played = Match.objects.filter(category__championship=championship).played()
    cards = Card.objects.filter(match__in=played, player__in=players).sanctions().values_list("player_id", "match_id", "colour")
    match_ids = {match_id for _p, match_id, _c in cards}
    order = [
        pk
        for pk, _date, _round in sorted(
            Match.objects.filter(pk__in=match_ids).values_list("pk", "date", "round"),
            key=lambda row: (row[1] or discipline.FAR_FUTURE, row[2], row[0]),
        )
    ]
    earned = discipline.earned_suspensions(
        [discipline.PlayerCard(*row) for row in cards],
        order,
        red_matches=championship.red_card_suspension,
        yellows_per_suspension=championship.yellow_cards_for_suspension,
    )
    wanted = {(e.player, e.match, e.cause): e.matches for e in earned}
    existing = Suspension.objects.filter(
        player__in=players, cause__in=AUTOMATIC, team__category__championship=championship
    )
    for suspension in existing:
        key = (suspension.player_id, suspension.origin_match_id, suspension.cause)
        if key not in wanted:
            suspension.delete()
        else:
            if suspension.matches != wanted[key]:
                suspension.matches = wanted[key]
                suspension.save(update_fields=["matches"])
            del wanted[key]
    teams = dict(
        RosterEntry.objects.filter(championship=championship, player__in=players).values_list("player_id", "team_id")
    )
    Suspension.objects.bulk_create(
        Suspension(player_id=player, team_id=teams[player], origin_match_id=origin, cause=cause, matches=count)
        for (player, origin, cause), count in wanted.items()
        if player in teams
    )


@transaction.atomic
def suspension_add(
    *, team: Team, player: Player, matches: int, starts_on: datetime.date, reason: str, user
) -> Suspension:
    """An office suspension: `matches` of the team's matches from `starts_on`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the player is suspended.")})
    if matches < 1:
        raise ValidationError({"matches": _("A suspension lasts at least one match.")})
    if not RosterEntry.objects.filter(team=team, player=player).exists():
        raise ValidationError({"player": _("This player is not on the team's roster.")})
    return Suspension.objects.create(
        team=team, player=player, cause=Suspension.Cause.OFFICE, starts_on=starts_on, matches=matches,
        reason=reason.strip(), created_by=user,
    )


@transaction.atomic
def suspension_lift(*, suspension: Suspension, reason: str, user) -> Suspension:
    if not reason.strip():
        raise ValidationError({"lift_reason": _("Say why the suspension is lifted.")})
    # Read again under a lock: two people lifting at once get "already lifted" rather than both writing.
    current = Suspension.objects.select_for_update().only("lifted_at").get(pk=suspension.pk)
    if current.lifted_at is not None:
        raise ValidationError(_("This suspension was already lifted."))
    suspension.lifted_at = timezone.now()
    suspension.lifted_by = user
    suspension.lift_reason = reason.strip()
    suspension.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    return suspension


def matches_left(suspensions: Iterable[Suspension]) -> dict[int, int]:
    """The matches each active suspension still has to serve, by id, in one query whatever their number and their
    teams (a team's page, a page of the office's list, the dashboard)."""
    active = [s for s in suspensions if s.lifted_at is None]
    if not active:
        return {}
    team_ids = {s.team_id for s in active}
    slots: dict[int, list[discipline.MatchSlot]] = defaultdict(list)
    played: set[int] = set()
    for pk, date, rnd, status, home_id, away_id in Match.objects.filter(
        Q(home_id__in=team_ids) | Q(away_id__in=team_ids)
    ).values_list("pk", "date", "round", "status", "home_id", "away_id"):
        slot = discipline.MatchSlot(pk, date, rnd, cancelled=status == Match.Status.CANCELLED)
        for team_id in {home_id, away_id} & team_ids:
            slots[team_id].append(slot)
        if status in (Match.Status.PLAYED, Match.Status.WALKOVER):
            played.add(pk)
    left = {}
    for s in active:
        covered = discipline.covered_matches(
            slots[s.team_id], matches=s.matches, after_match=s.origin_match_id, starts_on=s.starts_on
        )
        left[s.pk] = s.matches - sum(1 for pk in covered if pk in played)
    return left
