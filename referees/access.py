"""Who may see and change a match sheet. Every view and every service asks here; nothing is decided in templates.

- the office staff of the match's organizer (and a superuser) see every sheet and change it while it is open
  (draft, or reopened for amendment), approve and reopen it;
- a referee appointed to the match sees it and changes it until it is submitted;
- a coach of one of the two teams sees it and confirms it for their team;
- nobody else sees it.

A request asks the same questions several times (the view, then the service, then the page): the answers are kept on
the user object, which lives for one request (`forget` drops them, for code that changes roles and asks again).
"""

from __future__ import annotations

from leagues.models import Coach, Match, Organizer
from referees.models import Assignment, MatchSheet, Referee


def _memo(user, question: tuple, answer):
    cache = getattr(user, "_sheet_access", None)
    if cache is None:
        cache = user._sheet_access = {}
    if question not in cache:
        cache[question] = answer()
    return cache[question]


def forget(user) -> None:
    user._sheet_access = None


def is_office(user, match: Match) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    organizer_id = match.category.championship.organizer_id
    return _memo(
        user,
        ("office", organizer_id),
        lambda: Organizer.staff.through.objects.filter(organizer_id=organizer_id, user_id=user.pk).exists(),
    )


def referee_of(user) -> Referee | None:
    if not user.is_authenticated:
        return None
    return _memo(user, ("referee",), lambda: Referee.objects.filter(user=user, active=True).first())


def is_assigned(user, match: Match) -> bool:
    if not user.is_authenticated:
        return False
    return _memo(
        user,
        ("assigned", match.pk),
        lambda: Assignment.objects.filter(match=match, referee__user=user, referee__active=True).exists(),
    )


def coached_team_ids(user, match: Match) -> set[int]:
    if not user.is_authenticated:
        return set()
    teams = {match.home_id, match.away_id}
    return _memo(
        user,
        ("coached", match.pk),
        lambda: set(Coach.objects.filter(user=user, teams__in=teams).values_list("teams", flat=True)) & teams,
    )


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
