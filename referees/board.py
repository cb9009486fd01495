"""The referee assignment board's loader: one match day's scheduled matches against the office's active referees.

Four queries whatever the number of matches, referees or assignments (the tests assert it): the days with matches,
the day's matches, the referees, and the assignments of the day (and the day before, whose late matches can run
past midnight). Whether a referee is free, on the match or busy elsewhere is worked out here, in Python, with the
same window `services.assignment_create` uses to refuse a clash. It returns a frozen snapshot; the page only renders it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from leagues.models import Match, Organizer
from referees.models import Assignment, Referee
from referees.services import _window

# How many coming match days the day picker offers.
DAY_CHOICES = 8

FREE = "free"
ASSIGNED = "assigned"
BUSY = "busy"
# A referee of another office, shown only to a superuser who sees several offices at once.
ELSEWHERE = "elsewhere"

# Matches that no longer hold their referee, as in `services.overlapping_assignment`.
RELEASED = (Match.Status.CANCELLED, Match.Status.POSTPONED)


@dataclass(frozen=True)
class BoardReferee:
    pk: int
    name: str
    level: str
    organizer_id: int


@dataclass(frozen=True)
class Cell:
    referee_id: int
    state: str
    role: str = ""
    role_label: str = ""
    assignment_id: int | None = None
    busy_with: str = ""

    @property
    def is_main(self) -> bool:
        return self.role == Assignment.Role.MAIN


@dataclass(frozen=True)
class BoardRow:
    match_id: int
    time: datetime.time | None
    venue: str
    category: str
    home: str
    away: str
    main_referee: str
    assistants: tuple[str, ...]
    has_main: bool
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Board:
    day: datetime.date | None
    days: tuple[datetime.date, ...]
    referees: tuple[BoardReferee, ...]
    rows: tuple[BoardRow, ...]


def _label(match: Match) -> str:
    time = match.time.strftime("%H:%M") if match.time else ""
    return f"{time} {match.home} – {match.away}".strip()


def load_board(organizers: Iterable[Organizer], *, today: datetime.date, day: datetime.date | None = None) -> Board:
    """The board of `day` (by default the first day from `today` with a scheduled match) for `organizers`."""
    organizer_ids = [organizer.pk for organizer in organizers]
    scheduled = Match.objects.filter(
        category__championship__organizer_id__in=organizer_ids, status=Match.Status.SCHEDULED
    )
    days = tuple(
        scheduled.filter(date__gte=today).order_by("date").values_list("date", flat=True).distinct()[:DAY_CHOICES]
    )
    if day is None:
        day = days[0] if days else None
    if day is None:
        return Board(day=None, days=days, referees=(), rows=())

    matches = list(
        scheduled.filter(date=day)
        .select_related("category__championship", "home", "away", "venue")
        .order_by("time", "venue__name", "pk")
    )
    referees = list(Referee.objects.active().filter(organizer_id__in=organizer_ids).order_by("surnames", "given_names", "pk"))
    assignments = list(
        Assignment.objects.filter(
            referee__in=[referee.pk for referee in referees],
            match__date__in=[day, day - datetime.timedelta(days=1)],
        )
        .exclude(match__status__in=RELEASED)
        .select_related("match__category", "match__home", "match__away", "referee")
        .order_by("match__date", "match__time", "pk")
    )

    by_match: dict[int, dict[int, Assignment]] = defaultdict(dict)
    by_referee: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        by_match[assignment.match_id][assignment.referee_id] = assignment
        by_referee[assignment.referee_id].append(assignment)
    windows = {assignment.match_id: _window(assignment.match) for assignment in assignments}

    rows = []
    for match in matches:
        mine = by_match.get(match.pk, {})
        window = _window(match)
        organizer_id = match.category.championship.organizer_id
        cells = []
        for referee in referees:
            assignment = mine.get(referee.pk)
            if assignment is not None:
                cells.append(Cell(
                    referee_id=referee.pk, state=ASSIGNED, role=assignment.role,
                    role_label=assignment.get_role_display(), assignment_id=assignment.pk,
                ))
                continue
            if referee.organizer_id != organizer_id:
                cells.append(Cell(referee_id=referee.pk, state=ELSEWHERE))
                continue
            clash = None
            if window is not None:
                for other in by_referee.get(referee.pk, ()):
                    span = windows[other.match_id]
                    if span is not None and span[0] < window[1] and window[0] < span[1]:
                        clash = other
                        break
            if clash is not None:
                cells.append(Cell(referee_id=referee.pk, state=BUSY, busy_with=_label(clash.match)))
            else:
                cells.append(Cell(referee_id=referee.pk, state=FREE))
        main = next((a for a in mine.values() if a.role == Assignment.Role.MAIN), None)
        rows.append(BoardRow(
            match_id=match.pk, time=match.time, venue=match.venue.name if match.venue else "",
            category=str(match.category), home=str(match.home), away=str(match.away),
            main_referee=str(main.referee) if main else "",
            assistants=tuple(str(a.referee) for a in mine.values() if a.role == Assignment.Role.ASSISTANT),
            has_main=main is not None, cells=tuple(cells),
        ))
    return Board(
        day=day, days=days,
        referees=tuple(
            BoardReferee(pk=r.pk, name=str(r), level=r.get_level_display(), organizer_id=r.organizer_id) for r in referees
        ),
        rows=tuple(rows),
    )
