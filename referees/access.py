"""Who may see and change a match sheet. Every view and every service asks here; nothing is decided in templates.

- the office staff of the match's organizer (and a superuser) see every sheet and change it while it is open
  (draft, or reopened for amendment), approve and reopen it;
- a referee appointed to the match sees it and changes it until it is submitted;
- a coach of one of the two teams sees it and confirms it for their team;
- nobody else sees it.
"""

from __future__ import annotations

from leagues.models import Coach, Match
from referees.models import Assignment, MatchSheet, Referee


def is_office(user, match: Match) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return match.category.championship.organizer.staff.filter(pk=user.pk).exists()


def referee_of(user) -> Referee | None:
    if not user.is_authenticated:
        return None
    return Referee.objects.filter(user=user, active=True).first()


def is_assigned(user, match: Match) -> bool:
    referee = referee_of(user)
    return referee is not None and Assignment.objects.filter(match=match, referee=referee).exists()


def coached_team_ids(user, match: Match) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Coach.objects.filter(user=user, teams__in=[match.home_id, match.away_id]).values_list("teams", flat=True)
    ) & {match.home_id, match.away_id}


def can_view(user, match: Match) -> bool:
    return is_office(user, match) or is_assigned(user, match) or bool(coached_team_ids(user, match))


def can_edit(user, sheet: MatchSheet) -> bool:
    if sheet.status == MatchSheet.Status.DRAFT:
        return is_office(user, sheet.match) or is_assigned(user, sheet.match)
    if sheet.status == MatchSheet.Status.REOPENED:
        return is_office(user, sheet.match)
    return False


def can_confirm(user, match: Match, team_id: int | None) -> bool:
    """The referee (or the office) records a coach's word at the field; a coach confirms for their own team."""
    if is_office(user, match) or is_assigned(user, match):
        return True
    return team_id is not None and team_id in coached_team_ids(user, match)
