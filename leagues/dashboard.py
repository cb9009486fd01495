"""The office dashboard's loader: what needs the office's attention, each item with the address where it is fixed.

One loader, seven queries whatever the number of championships, teams or matches (the tests assert it). It returns a
frozen snapshot; the page only renders it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.urls import reverse

from fairplay import services as fair_play_services
from fairplay.models import Suspension
from leagues.models import Category, Championship, Match, Organizer, RosterEntry, Team
from referees.models import Assignment, MatchSheet

# The window in which a match without a main referee is worth the office's attention.
REFEREE_WINDOW_DAYS = 14


@dataclass(frozen=True)
class ChampionshipRow:
    name: str
    season: str
    status: str
    status_label: str
    organizer: str
    categories: int
    teams: int
    played: int
    matches: int
    public_url: str
    fix_url: str


@dataclass(frozen=True)
class MatchRow:
    id: int
    date: datetime.date | None
    time: datetime.time | None
    home: str
    away: str
    category: str
    championship: str
    venue: str
    referee: str  # empty: no main referee appointed
    fix_url: str


@dataclass(frozen=True)
class SheetRow:
    match_id: int
    home: str
    away: str
    category: str
    championship: str
    date: datetime.date | None
    submitted_at: datetime.datetime | None
    fix_url: str


@dataclass(frozen=True)
class SuspensionRow:
    id: int
    player: str
    team: str
    category: str
    cause_label: str
    matches_left: int
    fix_url: str


@dataclass(frozen=True)
class EligibilityRow:
    id: int
    player: str
    birth_date: datetime.date | None
    team: str
    category: str
    born_from: datetime.date | None
    born_until: datetime.date | None
    fix_url: str  # the player's page: most problems are a mistyped birth date
    roster_url: str  # the team's roster: for a player entered in the wrong team


@dataclass(frozen=True)
class Dashboard:
    today: datetime.date
    several_organizers: bool
    championships: tuple[ChampionshipRow, ...]
    next_match_day: datetime.date | None
    next_matches: tuple[MatchRow, ...]
    sheets_to_review: tuple[SheetRow, ...]
    without_referee: tuple[MatchRow, ...]
    referee_window_end: datetime.date
    suspensions: tuple[SuspensionRow, ...]
    eligibility: tuple[EligibilityRow, ...]


def _admin_url(name: str, pk: int, anchor: str = "") -> str:
    return reverse(f"admin:{name}_change", args=[pk]) + anchor


def _name(given: str, surnames: str) -> str:
    return f"{given} {surnames}".strip()


def _championships(organizer_ids: list[int]) -> tuple[ChampionshipRow, ...]:
    # Subqueries, not joined counts: categories × teams × matches would multiply the rows counted.
    def count(model_qs, outer: str):
        return Subquery(
            model_qs.filter(**{outer: OuterRef("pk")}).order_by().values(outer).annotate(n=Count("pk")).values("n")[:1]
        )

    rows = (
        Championship.objects.filter(organizer_id__in=organizer_ids)
        .exclude(status=Championship.Status.FINISHED)
        .annotate(
            n_categories=count(Category.objects.all(), "championship"),
            n_teams=count(Team.objects.all(), "category__championship"),
            n_played=count(Match.objects.played(), "category__championship"),
            n_matches=count(Match.objects.exclude(status=Match.Status.CANCELLED), "category__championship"),
        )
        .select_related("organizer")
        .order_by("organizer__name", "-season", "name")
    )
    return tuple(
        ChampionshipRow(
            name=c.name,
            season=c.season,
            status=c.status,
            status_label=str(c.get_status_display()),
            organizer=c.organizer.name,
            categories=c.n_categories or 0,
            teams=c.n_teams or 0,
            played=c.n_played or 0,
            matches=c.n_matches or 0,
            public_url=c.get_absolute_url(),
            # A draft is finished in the wizard; a published championship is corrected in the administration.
            fix_url=reverse("leagues:wizard_categories", args=[c.slug])
            if c.status == Championship.Status.DRAFT
            else _admin_url("leagues_championship", c.pk),
        )
        for c in rows
    )


def _match_rows(queryset) -> tuple[MatchRow, ...]:
    rows = (
        queryset.annotate(main=FilteredRelation("assignments", condition=Q(assignments__role=Assignment.Role.MAIN)))
        .values(
            "pk", "date", "time", "home__name", "away__name", "category__name", "category__championship__name",
            "venue__name", referee_given=F("main__referee__given_names"), referee_surnames=F("main__referee__surnames"),
        )
        .order_by("date", "time", "venue__name", "pk")
    )
    return tuple(
        MatchRow(
            id=row["pk"],
            date=row["date"],
            time=row["time"],
            home=row["home__name"],
            away=row["away__name"],
            category=row["category__name"],
            championship=row["category__championship__name"],
            venue=row["venue__name"] or "",
            referee=_name(row["referee_given"] or "", row["referee_surnames"] or ""),
            # The board of the match's day: one click appoints a referee, with the day's conflicts in sight.
            fix_url=reverse("referees:assignment_board") + f"?day={row['date'].isoformat()}" if row["date"]
            else _admin_url("leagues_match", row["pk"], "#assignments-group"),
        )
        for row in rows
    )


def _sheets(organizer_ids: list[int]) -> tuple[SheetRow, ...]:
    rows = (
        MatchSheet.objects.awaiting_review()
        .filter(match__category__championship__organizer_id__in=organizer_ids)
        .values(
            "match_id", "match__home__name", "match__away__name", "match__category__name",
            "match__category__championship__name", "match__date", "submitted_at",
        )
        .order_by(F("submitted_at").asc(nulls_last=True), "match_id")
    )
    return tuple(
        SheetRow(
            match_id=row["match_id"],
            home=row["match__home__name"],
            away=row["match__away__name"],
            category=row["match__category__name"],
            championship=row["match__category__championship__name"],
            date=row["match__date"],
            submitted_at=row["submitted_at"],
            fix_url=reverse("referees:sheet", args=[row["match_id"]]),
        )
        for row in rows
    )


def _suspensions(organizer_ids: list[int]) -> tuple[SuspensionRow, ...]:
    """Active suspensions with matches still to serve: two queries, the counting done by `fairplay.services`."""
    suspensions = list(
        Suspension.objects.active()
        .filter(team__category__championship__organizer_id__in=organizer_ids)
        .select_related("player", "team__category")
        .order_by("team__name", "player__surnames", "player__given_names", "pk")
    )
    if not suspensions:
        return ()
    matches_left = fair_play_services.matches_left(suspensions)
    rows = []
    for s in suspensions:
        left = matches_left[s.pk]
        if left > 0:
            rows.append(
                SuspensionRow(
                    id=s.pk,
                    player=str(s.player),
                    team=s.team.name,
                    category=s.team.category.name,
                    cause_label=str(s.get_cause_display()),
                    matches_left=left,
                    fix_url=reverse("fairplay:sanctions") + f"?team={s.team_id}#suspensions",
                )
            )
    return tuple(rows)


def _eligibility(organizer_ids: list[int]) -> tuple[EligibilityRow, ...]:
    # The same rule as Category.admits_birth_date, in SQL; a missing birth date is a problem here, as nothing checks it.
    outside = (
        Q(player__birth_date__isnull=True)
        | Q(team__category__born_from__isnull=False, player__birth_date__lt=F("team__category__born_from"))
        | Q(team__category__born_until__isnull=False, player__birth_date__gt=F("team__category__born_until"))
    )
    rows = (
        RosterEntry.objects.filter(team__category__championship__organizer_id__in=organizer_ids)
        .exclude(team__category__championship__status=Championship.Status.FINISHED)
        .filter(outside)
        .values(
            "pk", "player_id", "player__given_names", "player__surnames", "player__birth_date", "team_id",
            "team__name", "team__category__name", "team__category__born_from", "team__category__born_until",
        )
        .order_by("team__category__name", "team__name", "player__surnames", "player__given_names", "pk")
    )
    return tuple(
        EligibilityRow(
            id=row["pk"],
            player=_name(row["player__given_names"], row["player__surnames"]),
            birth_date=row["player__birth_date"],
            team=row["team__name"],
            category=row["team__category__name"],
            born_from=row["team__category__born_from"],
            born_until=row["team__category__born_until"],
            fix_url=_admin_url("leagues_player", row["player_id"]),
            roster_url=_admin_url("leagues_team", row["team_id"], "#roster-group"),
        )
        for row in rows
    )


def load_dashboard(organizers: Iterable[Organizer], *, today: datetime.date) -> Dashboard:
    """What the office of `organizers` has to do from `today` on, in seven queries."""
    organizer_ids = [organizer.pk for organizer in organizers]
    window_end = today + datetime.timedelta(days=REFEREE_WINDOW_DAYS - 1)
    scheduled = Match.objects.filter(
        category__championship__organizer_id__in=organizer_ids, status=Match.Status.SCHEDULED, date__gte=today
    )
    # The earliest day with a scheduled match, as a subquery: the day and its matches come in one query.
    next_matches = _match_rows(scheduled.filter(date=Subquery(scheduled.order_by("date").values("date")[:1])))
    main_referee = Assignment.objects.filter(match=OuterRef("pk"), role=Assignment.Role.MAIN)
    without_referee = _match_rows(scheduled.filter(~Exists(main_referee), date__lte=window_end))
    return Dashboard(
        today=today,
        several_organizers=len(organizer_ids) > 1,
        championships=_championships(organizer_ids),
        next_match_day=next_matches[0].date if next_matches else None,
        next_matches=next_matches,
        sheets_to_review=_sheets(organizer_ids),
        without_referee=without_referee,
        referee_window_end=window_end,
        suspensions=_suspensions(organizer_ids),
        eligibility=_eligibility(organizer_ids),
    )
