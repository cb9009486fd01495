"""iCalendar (RFC 5545) feeds of fixtures, written by hand: the format is small and a dependency is not.

`render_calendar` is pure: it takes `Event`s and returns the text; the views build the events from matches.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

CRLF = "\r\n"
# RFC 5545 3.1: content lines SHOULD NOT be longer than 75 octets, excluding the line break.
MAX_OCTETS = 75
MATCH_DURATION = datetime.timedelta(hours=1, minutes=30)
PRODID = "-//Tarjeta Azul//Fixtures//ES"


@dataclass(frozen=True)
class Event:
    """One calendar entry. `start` is an aware datetime (a timed match) or a date (a day only)."""

    uid: str
    start: datetime.datetime | datetime.date
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    tentative: bool = False


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a UTF-8 character.

    Each continuation starts with one space (RFC 5545 3.1), which counts towards its 75 octets.
    """
    pieces: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current = " "
            size = 1
        current += char
        size += octets
    pieces.append(current)
    return CRLF.join(pieces)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
    if isinstance(event.start, datetime.datetime):
        if event.start.tzinfo is None:
            raise ValueError(f"Event {event.uid} starts at a naive datetime; give an aware one.")
        lines.append(f"DTSTART:{_utc(event.start)}")
        lines.append(f"DTEND:{_utc(event.start + MATCH_DURATION)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{event.start.strftime('%Y%m%d')}")
        lines.append(f"DTEND;VALUE=DATE:{(event.start + datetime.timedelta(days=1)).strftime('%Y%m%d')}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        # URL is a URI value, not TEXT: it is not escaped.
        lines.append(f"URL:{event.url}")
    if event.cancelled:
        lines.append("STATUS:CANCELLED")
    elif event.tentative:
        lines.append("STATUS:TENTATIVE")
    else:
        lines.append("STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def render_calendar(
    events: Iterable[Event], *, name: str, now: datetime.datetime | None = None
) -> str:
    """The whole VCALENDAR text, CRLF line endings and folded lines, ending with a CRLF."""
    stamp = _utc(now or datetime.datetime.now(datetime.timezone.utc))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return CRLF.join(fold_line(line) for line in lines) + CRLF
