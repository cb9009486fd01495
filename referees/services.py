"""The match sheet's business actions: appointing referees, and every change a tablet sends to a sheet.

A tablet sends changes, one at a time and in order, each a dict with an `id` made on the tablet (a UUID), the sheet
`base` version the tablet last saw, a `type` and its fields. `sheet_apply` validates one change against the sheet as
it is now and writes it in one transaction, or writes nothing and raises:

- `ValidationError` (a dict of field → message) when the change breaks a rule of the game or of the championship;
- `SheetConflict` when another tablet changed the same thing since `base` (the tablet keeps its change to re-apply);
- `PermissionDenied` when the user may not make it (a referee after submission, a coach, another office).

A change whose `id` was already applied is not applied again: re-sending after a dropped connection is safe.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fairplay import services as discipline
from fairplay.models import BarraRating, BlueReason, Card, MatchConduct, Recipient
from leagues.cache import public_pages_changed
from leagues.models import Coach, Match, RosterEntry, Team
from referees import access
from referees.models import (
    Assignment,
    AuditEntry,
    MatchSheet,
    Referee,
    SheetChange,
    SheetConfirmation,
    SheetEvent,
    SheetPlayer,
    SheetTeam,
)

Kind = SheetEvent.Kind
SENDING_OFF = (Kind.SECOND_YELLOW, Kind.RED)
PLAYER_ONLY = (Kind.GOAL, Kind.OWN_GOAL, Kind.SECOND_YELLOW)
TEAM_FIELDS = ("coach_present", "ritual_before", "ritual_after", "barra_rating", "barra_incidents", "barra_notes")
MOST_BARRA_INCIDENTS = 30
# A buffer after the final whistle: a referee cannot start another match at the same field a minute later.
TURNAROUND = datetime.timedelta(minutes=15)


class SheetConflict(Exception):
    """Another tablet changed the same thing since this tablet last saw the sheet."""


@dataclass(frozen=True)
class Applied:
    sheet: MatchSheet
    duplicate: bool  # the change had been applied before: nothing was written this time
    version: int  # the sheet version the change made (long ago, for a duplicate)


# --- Referees and appointments ----------------------------------------------------------------------------------------


def _window(match: Match) -> tuple[datetime.datetime, datetime.datetime] | None:
    start = match.kickoff
    if start is None:
        return None
    category = match.category
    length = datetime.timedelta(minutes=category.match_minutes + 2 * category.max_added_time + 15) + TURNAROUND
    return start, start + length


@transaction.atomic
def assignment_create(*, match: Match, referee: Referee, role: str = Assignment.Role.MAIN) -> Assignment:
    """Appoint `referee` to `match`, refusing one referee in two overlapping matches."""
    referee = Referee.objects.select_for_update().get(pk=referee.pk)
    if not referee.active:
        raise ValidationError({"referee": _("%(referee)s is not active.") % {"referee": referee}})
    if referee.organizer_id != match.category.championship.organizer_id:
        raise ValidationError({"referee": _("This referee belongs to another office.")})
    if match.assignments.filter(referee=referee).exists():
        raise ValidationError({"referee": _("%(referee)s is already appointed to this match.") % {"referee": referee}})
    if role == Assignment.Role.MAIN and match.assignments.filter(role=Assignment.Role.MAIN).exists():
        raise ValidationError({"role": _("The match already has a main referee.")})
    clash = overlapping_assignment(match=match, referee=referee)
    if clash is not None:
        other = clash.match
        raise ValidationError(
            {
                "referee": _(
                    "%(referee)s already referees %(match)s at %(time)s on %(date)s, which overlaps this match."
                )
                % {
                    "referee": referee,
                    "match": other,
                    "time": other.time.strftime("%H:%M"),
                    "date": other.date.strftime("%d/%m/%Y"),
                }
            }
        )
    try:
        with transaction.atomic():
            return Assignment.objects.create(match=match, referee=referee, role=role)
    except IntegrityError:
        raise ValidationError({"referee": _("This appointment was just made by someone else.")}) from None


def overlapping_assignment(*, match: Match, referee: Referee) -> Assignment | None:
    window = _window(match)
    if window is None:
        return None
    start, end = window
    candidates = (
        Assignment.objects.filter(referee=referee, match__date__in=[start.date(), (start - TURNAROUND * 12).date()])
        .exclude(match=match)
        .exclude(match__status__in=[Match.Status.CANCELLED, Match.Status.POSTPONED])
        .select_related("match__category", "match__home", "match__away")
    )
    for assignment in candidates:
        other = _window(assignment.match)
        if other is not None and other[0] < end and start < other[1]:
            return assignment
    return None


# --- Opening a sheet --------------------------------------------------------------------------------------------------


@transaction.atomic
def sheet_open(*, match: Match) -> MatchSheet:
    """The match's sheet, created on first opening with a row for each team."""
    sheet, created = MatchSheet.objects.get_or_create(match=match)
    if created:
        SheetTeam.objects.bulk_create([SheetTeam(sheet=sheet, team_id=match.home_id), SheetTeam(sheet=sheet, team_id=match.away_id)])
    return sheet


def sent_off(events) -> dict[int, SheetEvent]:
    """Players sent off, each with the earliest event that sent them off, among `events` (the active ones)."""
    found: dict[int, SheetEvent] = {}
    for event in events:
        if event.kind in SENDING_OFF and event.player_id:
            if event.player_id not in found or event.moment < found[event.player_id].moment:
                found[event.player_id] = event
    return found


def goals(match: Match, events) -> tuple[int, int]:
    """The score that `events` (the active ones) make: the sheet has no other way to enter it."""
    home = away = 0
    for event in events:
        if event.kind in (Kind.GOAL, Kind.OWN_GOAL):
            if (event.team_id == match.home_id) == (event.kind == Kind.GOAL):
                home += 1
            else:
                away += 1
    return home, away


def score(sheet: MatchSheet) -> tuple[int, int]:
    return goals(sheet.match, sheet.events.filter(undone_at__isnull=True, kind__in=[Kind.GOAL, Kind.OWN_GOAL]))


# --- Changes from the tablet ------------------------------------------------------------------------------------------


def sheet_apply(*, match: Match, user, change: dict) -> Applied:
    """Apply one change from a tablet to the match's sheet (see the module's docstring)."""
    try:
        change_id = uuid.UUID(str(change.get("id")))
    except ValueError:
        raise ValidationError({"id": _("The change has no valid id.")}) from None
    # No text column takes a NUL character (PostgreSQL refuses it): a field holding one is refused like a bad value.
    for field, value in change.items():
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError({field: _("This field cannot hold a NUL character.")})
    with transaction.atomic():
        # The row lock serialises two tablets on one sheet (SQLite serialises every write transaction anyway). Only
        # the sheet's row, with no join: locking the championship too would queue every tablet of the championship.
        locked = MatchSheet.objects.select_for_update()
        sheet = locked.filter(match=match).first()
        if sheet is None:  # the first change of a sheet nobody opened yet
            sheet = locked.get(pk=sheet_open(match=match).pk)
        sheet.match = match  # as the caller read it, with its category and teams
        made = SheetChange.objects.filter(client_id=change_id).values_list("version", flat=True).first()
        if made is not None:
            return Applied(sheet, duplicate=True, version=made)
        kind = change.get("type")
        handler = HANDLERS.get(kind) if isinstance(kind, str) else None  # JSON may send a list: unhashable
        if handler is None:
            raise ValidationError({"type": _("Unknown change.")})
        if kind in ("confirm",):
            if not access.can_confirm(user, sheet.match, _int(change, "team")):
                raise PermissionDenied(_("You cannot confirm this sheet."))
        elif not access.can_edit(user, sheet):
            raise PermissionDenied(_edit_refusal(user, sheet))
        elif sheet.match.status in (Match.Status.CANCELLED, Match.Status.POSTPONED, Match.Status.WALKOVER):
            raise ValidationError(
                {"__all__": _("This match is %(status)s: its sheet cannot be filled.")
                 % {"status": sheet.match.get_status_display().lower()}}
            )
        base = _base(change)
        key = handler(sheet=sheet, user=user, change=change, change_id=change_id, base=base)
        sheet.version += 1
        sheet.save(update_fields=["version"])
        SheetChange.objects.create(sheet=sheet, client_id=change_id, version=sheet.version, key=key, user=user)
        return Applied(sheet, duplicate=False, version=sheet.version)


def _edit_refusal(user, sheet: MatchSheet) -> str:
    if not sheet.is_open:
        return _("This sheet was submitted: only the office can reopen it to amend it.")
    return _("You cannot change this sheet.")


def _base(change: dict) -> int | None:
    value = change.get("base")
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: Infinity, which Python's json reads
        raise ValidationError({"base": _("The sheet version is not a number.")}) from None


def _check_conflict(sheet: MatchSheet, key: str, base: int | None, message: str) -> None:
    if base is not None and sheet.changes.filter(key=key, version__gt=base).exists():
        raise SheetConflict(message)


def _int(change: dict, field: str, *, required: bool = True) -> int | None:
    value = change.get(field)
    if value in (None, ""):
        if required:
            raise ValidationError({field: _("This field is required.")})
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: Infinity, which Python's json reads
        raise ValidationError({field: _("Enter a whole number.")}) from None


def _bool(change: dict, field: str) -> bool:
    value = change.get(field)
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "on", "yes")


def _team(sheet: MatchSheet, change: dict) -> Team:
    team_id = _int(change, "team")
    match = sheet.match
    if team_id not in (match.home_id, match.away_id):
        raise ValidationError({"team": _("The team must be one of the two teams of the match.")})
    return match.home if team_id == match.home_id else match.away


def _audit(sheet: MatchSheet, user, action: str, before: str, after: str) -> None:
    if sheet.was_submitted:
        AuditEntry.objects.create(
            sheet=sheet, user=user, action=action, before=before, after=after, reason=sheet.reopen_reason
        )


def describe(event: SheetEvent) -> str:
    """One line for an event, as the audit trail and the office read it."""
    who = {
        Recipient.PLAYER: str(event.player) if event.player_id else "",
        Recipient.COACH: _("coach %(name)s") % {"name": event.coach} if event.coach_id else _("coach"),
        Recipient.BARRA: _("barra"),
    }[event.recipient]
    parts = [event.get_kind_display(), event.minute_display or _("half %(half)d") % {"half": event.half}, who, str(event.team)]
    if event.reason:
        parts.append(event.get_reason_display())
    if event.note:
        parts.append(event.note)
    return " · ".join(part for part in parts if part)


# Line-up -------------------------------------------------------------------------------------------------------------


def _lineup_set(*, sheet: MatchSheet, user, change: dict, change_id, base) -> str:
    team = _team(sheet, change)
    player_id = _int(change, "player")
    key = f"player:{player_id}"
    _check_conflict(sheet, key, base, _("This player's line-up entry was changed on another tablet."))
    entry = RosterEntry.objects.filter(team=team, player_id=player_id).select_related("player").first()
    if entry is None:
        raise ValidationError({"player": _("Only players on the team's roster can be in the line-up.")})
    player = entry.player
    current = SheetPlayer.objects.filter(sheet=sheet, player=player).first()
    before = _lineup_text(current)
    if not _bool(change, "present"):
        if current is not None:
            if sheet.events.filter(player=player, undone_at__isnull=True).exists():
                raise ValidationError(
                    {"player": _("%(player)s has events in this match: undo them first.") % {"player": player}}
                )
            current.delete()
            _audit(sheet, user, _("Line-up"), before, "")
        return key
    shirt = _int(change, "shirt_number", required=False)
    if shirt is None:
        shirt = current.shirt_number if current else entry.shirt_number
    if shirt is not None and not 0 <= shirt <= 99:
        raise ValidationError({"shirt_number": _("A shirt number goes from 0 to 99.")})
    if shirt is not None and SheetPlayer.objects.filter(sheet=sheet, team=team, shirt_number=shirt).exclude(player=player).exists():
        raise ValidationError({"shirt_number": _("Another present player of this team wears number %(n)d.") % {"n": shirt}})
    override = str(change.get("override") or "").strip()
    if len(override) > SheetPlayer._meta.get_field("override_reason").max_length:
        raise ValidationError({"override": _("Keep the reason under 300 characters.")})
    if current is None or (current.override_reason == "" and override):
        problems = lineup_problems(sheet=sheet, team=team, players=[player]).get(player.pk, [])
        if problems and not override:
            raise ValidationError({"player": " ".join(problems) + " " + _("Only the office can let them play.")})
        if override and not access.is_office(user, sheet.match):
            raise PermissionDenied(_("Only the office can let a suspended or ineligible player play."))
    captain = _bool(change, "captain")
    if captain:
        SheetPlayer.objects.filter(sheet=sheet, team=team, captain=True).exclude(player=player).update(captain=False)
    if current is None:
        current = SheetPlayer(sheet=sheet, team=team, player=player)
    current.shirt_number = shirt
    current.captain = captain
    if override:
        current.override_reason = override
    current.save()
    _audit(sheet, user, _("Line-up"), before, _lineup_text(current))
    return key


def _lineup_text(entry: SheetPlayer | None) -> str:
    if entry is None:
        return ""
    text = f"#{entry.shirt_number if entry.shirt_number is not None else '–'} {entry.player} ({entry.team})"
    return text + (" · " + _("captain") if entry.captain else "")


def lineup_problems(*, sheet: MatchSheet, team: Team, players) -> dict[int, list[str]]:
    """Why each of `players` may not play this match for `team`: suspended, or born outside the category's range."""
    match = sheet.match
    suspended = discipline.suspended_players(team=team, match=match)
    problems: dict[int, list[str]] = {}
    for player in players:
        found = []
        if player.pk in suspended:
            found.append(_("%(player)s is suspended (%(cause)s).") % {"player": player, "cause": suspended[player.pk].get_cause_display()})
        if not match.category.admits_birth_date(player.birth_date):
            found.append(_("%(player)s was born outside the category's range.") % {"player": player})
        if found:
            problems[player.pk] = found
    return problems


# Team and sheet fields -----------------------------------------------------------------------------------------------


def _team_set(*, sheet: MatchSheet, user, change: dict, change_id, base) -> str:
    team = _team(sheet, change)
    field = change.get("field")
    if field not in TEAM_FIELDS:
        raise ValidationError({"field": _("Unknown field.")})
    key = f"team:{team.pk}:{field}"
    _check_conflict(sheet, key, base, _("This was changed on another tablet."))
    row = SheetTeam.objects.get(sheet=sheet, team=team)
    before = getattr(row, field)
    if field == "barra_rating":
        value = _int(change, "value", required=False)
        if value is not None and value not in BarraRating.values:
            raise ValidationError({"value": _("Rate the barra from 1 to 5.")})
    elif field == "barra_incidents":
        value = _int(change, "value")
        if not 0 <= value <= MOST_BARRA_INCIDENTS:
            raise ValidationError(
                {"value": _("Barra incidents go from 0 to %(most)d.") % {"most": MOST_BARRA_INCIDENTS}}
            )
    elif field == "barra_notes":
        value = str(change.get("value") or "").strip()
        if len(value) > 2000:
            raise ValidationError({"value": _("Keep the notes under 2,000 characters.")})
    else:
        value = _bool(change, "value")
    setattr(row, field, value)
    row.save(update_fields=[field])
    label = f"{SheetTeam._meta.get_field(field).verbose_name} · {team}"
    _audit(sheet, user, str(label), _field_text(before), _field_text(value))
    return key


def _field_text(value) -> str:
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return "" if value is None else str(value)


def _sheet_set(*, sheet: MatchSheet, user, change: dict, change_id, base) -> str:
    if change.get("field") != "incidents":
        raise ValidationError({"field": _("Unknown field.")})
    key = "sheet:incidents"
    _check_conflict(sheet, key, base, _("The incidents were changed on another tablet."))
    value = str(change.get("value") or "").strip()
    if len(value) > 5000:
        raise ValidationError({"value": _("Keep the incidents under 5,000 characters.")})
    before = sheet.incidents
    sheet.incidents = value
    sheet.save(update_fields=["incidents"])
    _audit(sheet, user, _("General incidents"), before, value)
    return key


# Events --------------------------------------------------------------------------------------------------------------


def _event_add(*, sheet: MatchSheet, user, change: dict, change_id, base) -> str:
    event = validate_event(sheet=sheet, change=change)
    event.client_id = change_id
    event.created_by = user
    event.save()
    _audit(sheet, user, _("Event added"), "", describe(event))
    return f"event:{change_id}"


def validate_event(*, sheet: MatchSheet, change: dict) -> SheetEvent:
    """The event a change describes, checked against the sheet as it is; unsaved."""
    category = sheet.match.category
    kind = change.get("kind")
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Unknown event.")})
    team = _team(sheet, change)
    recipient = change.get("recipient") or Recipient.PLAYER
    if recipient not in Recipient.values:
        raise ValidationError({"recipient": _("Unknown recipient.")})
    event = SheetEvent(sheet=sheet, kind=kind, team=team, recipient=recipient)

    # When.
    minute = _int(change, "minute", required=kind != Kind.FOUL)
    added = _int(change, "added_time", required=False) or 0
    if minute is not None:
        if not 1 <= minute <= category.match_minutes:
            raise ValidationError(
                {"minute": _("The minute must be between 1 and %(last)d.") % {"last": category.match_minutes}}
            )
        if added:
            if minute not in (category.half_minutes, category.match_minutes):
                raise ValidationError(
                    {
                        "added_time": _("Added time goes at the end of a half: minute %(first)d or %(last)d.")
                        % {"first": category.half_minutes, "last": category.match_minutes}
                    }
                )
            if not 0 <= added <= category.max_added_time:
                raise ValidationError(
                    {"added_time": _("Added time is at most %(most)d minutes.") % {"most": category.max_added_time}}
                )
        event.minute, event.added_time = minute, added
        event.half = 1 if minute <= category.half_minutes else 2
    else:
        half = _int(change, "half", required=False) or 1
        if half not in (1, 2):
            raise ValidationError({"half": _("A match has two halves.")})
        event.half = half

    # Who.
    if kind == Kind.FOUL:
        event.recipient = Recipient.PLAYER  # a foul is a team tally: nobody is named
        return event
    if recipient != Recipient.PLAYER and kind in PLAYER_ONLY:
        raise ValidationError({"recipient": _("Only a player can score or receive a second yellow.")})
    if recipient == Recipient.BARRA and kind != Kind.BLUE:
        raise ValidationError({"recipient": _("A barra can only receive a blue card.")})
    if kind == Kind.BLUE:
        reason = change.get("reason") or ""
        if reason not in BlueReason.values:
            raise ValidationError({"reason": _("Choose what the blue card rewards.")})
        event.reason = reason
        event.note = str(change.get("note") or "").strip()[:200]
        if reason == BlueReason.OTHER and not event.note:
            raise ValidationError({"note": _("Describe the fair-play act.")})
    else:
        event.note = str(change.get("note") or "").strip()[:200]
    if recipient == Recipient.COACH:
        coach_id = _int(change, "coach", required=False)
        if coach_id is not None:
            coach = Coach.objects.filter(pk=coach_id, teams=team).first()
            if coach is None:
                raise ValidationError({"coach": _("This coach does not coach the team.")})
            event.coach = coach
        return event
    if recipient == Recipient.BARRA:
        return event
    _check_player(sheet, event, _int(change, "player"))
    return event


def _check_player(sheet: MatchSheet, event: SheetEvent, player_id: int) -> None:
    present = SheetPlayer.objects.filter(sheet=sheet, team=event.team, player_id=player_id).select_related("player").first()
    if present is None:
        raise ValidationError({"player": _("Only players in the team's line-up can score or receive a card.")})
    player = present.player
    event.player = player
    mine = list(sheet.events.filter(player=player, undone_at__isnull=True))
    off = sent_off(mine).get(player.pk)
    if off is not None:
        if event.kind == Kind.BLUE and off.moment <= event.moment:
            raise ValidationError(
                {"player": _("%(player)s was sent off at %(minute)s: a blue card cannot go to a player sent off.")
                 % {"player": player, "minute": off.minute_display}}
            )
        if event.kind in SENDING_OFF:
            raise ValidationError({"player": _("%(player)s was already sent off at %(minute)s.") % {"player": player, "minute": off.minute_display}})
        if off.moment < event.moment:
            raise ValidationError(
                {"minute": _("%(player)s was sent off at %(minute)s: nothing can be recorded for them after that.")
                 % {"player": player, "minute": off.minute_display}}
            )
    if event.kind in SENDING_OFF:
        later = [e for e in mine if e.moment > event.moment]
        if later:
            raise ValidationError(
                {"minute": _("%(player)s has a %(event)s at %(minute)s: a sending-off cannot come before it.")
                 % {"player": player, "event": later[0].get_kind_display().lower(), "minute": later[0].minute_display}}
            )
    yellows = [e for e in mine if e.kind == Kind.YELLOW]
    if event.kind == Kind.YELLOW and yellows:
        raise ValidationError(
            {"kind": _("%(player)s already has a yellow card: record a second yellow.") % {"player": player}}
        )
    if event.kind == Kind.SECOND_YELLOW and not any(e.moment <= event.moment for e in yellows):
        raise ValidationError({"kind": _("A second yellow needs a first yellow for %(player)s before it.") % {"player": player}})


def _event_undo(*, sheet: MatchSheet, user, change: dict, change_id, base) -> str:
    try:
        target = uuid.UUID(str(change.get("event")))
    except ValueError:
        raise ValidationError({"event": _("Which event should be undone?")}) from None
    event = sheet.events.filter(client_id=target).select_related("player", "coach", "team").first()
    if event is None:
        raise ValidationError({"event": _("This event is not on the sheet.")})
    key = f"event:{target}"
    if event.undone_at is not None:
        return key  # undone already, from another tablet: the wish is met
    if event.kind == Kind.YELLOW and event.player_id and sheet.events.filter(
        player=event.player, kind=Kind.SECOND_YELLOW, undone_at__isnull=True
    ).exists():
        raise ValidationError({"event": _("Undo the second yellow first.")})
    event.undone_at = timezone.now()
    event.save(update_fields=["undone_at"])
    _audit(sheet, user, _("Event undone"), describe(event), "")
    return key


# Confirmation and submission -----------------------------------------------------------------------------------------


def _confirm(*, sheet: MatchSheet, user, change: dict, change_id, base) -> str:
    team = _team(sheet, change)
    decision = change.get("decision")
    if decision not in SheetConfirmation.Decision.values:
        raise ValidationError({"decision": _("Confirm or refuse.")})
    name = str(change.get("name") or "").strip()
    coach = Coach.objects.filter(user=user, teams=team).first() if user.is_authenticated else None
    if coach is not None and not name:
        name = str(coach)
    if not name:
        raise ValidationError({"name": _("Write the coach's name.")})
    note = str(change.get("note") or "").strip()[:300]
    if decision == SheetConfirmation.Decision.REFUSED and not note:
        raise ValidationError({"note": _("Say why the sheet is refused.")})
    SheetConfirmation.objects.create(sheet=sheet, team=team, name=name[:120], user=user, decision=decision, note=note)
    return f"confirm:{team.pk}"


def _submit(*, sheet: MatchSheet, user, change: dict, change_id, base) -> str:
    if base is not None and base != sheet.version:
        raise SheetConflict(_("The sheet changed on another tablet since you last saw it: check it and submit again."))
    match = sheet.match
    present = set(sheet.players.values_list("team_id", flat=True))
    missing = [team for team in (match.home, match.away) if team.pk not in present]
    if missing:
        raise ValidationError(
            {"lineup": _("Record the players present for %(team)s before submitting.") % {"team": missing[0]}}
        )
    before = _("%(home)s–%(away)s") % {"home": match.home_goals, "away": match.away_goals} if match.is_played else ""
    publish(sheet)
    was_reopened = sheet.status == MatchSheet.Status.REOPENED
    sheet.status = MatchSheet.Status.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet.submitted_by = user
    sheet.save(update_fields=["status", "submitted_at", "submitted_by"])
    if was_reopened:
        AuditEntry.objects.create(
            sheet=sheet, user=user, action=_("Submitted again"), before=before,
            after=_("%(home)s–%(away)s") % {"home": match.home_goals, "away": match.away_goals}, reason=sheet.reopen_reason,
        )
    return "sheet:status"


def publish(sheet: MatchSheet) -> None:
    """Carry the sheet into the competition: the score, the cards, each team's conduct (fouls, ritual, barra) for
    fair play, and the suspensions the cards bring."""
    public_pages_changed()  # the bulk writes below send no signals (leagues/cache.py)
    match = sheet.match
    match.home_goals, match.away_goals = score(sheet)
    match.status = Match.Status.PLAYED
    match.save(update_fields=["home_goals", "away_goals", "status"])
    Card.objects.filter(match=match).delete()
    Card.objects.bulk_create(
        Card(
            match=match, team_id=event.team_id, recipient=event.recipient, player_id=event.player_id,
            coach_id=event.coach_id, minute=event.minute, added_time=event.added_time, colour=event.kind,
            reason_code=event.reason, reason=event.note,
        )
        for event in sheet.events.filter(undone_at__isnull=True, kind__in=["yellow", "second_yellow", "red", "blue"])
    )
    fouls = Counter(sheet.events.filter(undone_at__isnull=True, kind=Kind.FOUL).values_list("team_id", flat=True))
    for row in sheet.teams.all():
        # update_or_create: the office's UEFA ratings on the same row stay as they are.
        MatchConduct.objects.update_or_create(
            match=match, team_id=row.team_id,
            defaults={
                "fouls": fouls.get(row.team_id, 0), "ritual_before": row.ritual_before,
                "ritual_after": row.ritual_after, "barra_rating": row.barra_rating,
                "barra_incidents": row.barra_incidents,
            },
        )
    discipline.suspensions_refresh(match=match)


HANDLERS = {
    "lineup.set": _lineup_set,
    "team.set": _team_set,
    "sheet.set": _sheet_set,
    "event.add": _event_add,
    "event.undo": _event_undo,
    "confirm": _confirm,
    "submit": _submit,
}


# --- The office's review ----------------------------------------------------------------------------------------------


@transaction.atomic
def sheet_approve(*, sheet: MatchSheet, user) -> MatchSheet:
    sheet = MatchSheet.objects.select_for_update().get(pk=sheet.pk)
    if not access.is_office(user, sheet.match):
        raise PermissionDenied(_("Only the office can approve a sheet."))
    if sheet.status != MatchSheet.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted sheet can be approved."))
    sheet.status = MatchSheet.Status.APPROVED
    sheet.approved_at = timezone.now()
    sheet.approved_by = user
    sheet.version += 1
    sheet.save(update_fields=["status", "approved_at", "approved_by", "version"])
    return sheet


@transaction.atomic
def sheet_reopen(*, sheet: MatchSheet, user, reason: str) -> MatchSheet:
    sheet = MatchSheet.objects.select_for_update().get(pk=sheet.pk)
    if not access.is_office(user, sheet.match):
        raise PermissionDenied(_("Only the office can reopen a sheet."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the sheet is reopened: the reason goes to the audit trail.")})
    if "\x00" in reason:  # PostgreSQL refuses the character in text
        raise ValidationError({"reason": _("This field cannot hold a NUL character.")})
    if sheet.status not in (MatchSheet.Status.SUBMITTED, MatchSheet.Status.APPROVED):
        raise ValidationError(_("Only a submitted or approved sheet can be reopened."))
    AuditEntry.objects.create(
        sheet=sheet, user=user, action=_("Reopened"), before=sheet.get_status_display(),
        after=MatchSheet.Status.REOPENED.label, reason=reason[:300],
    )
    sheet.status = MatchSheet.Status.REOPENED
    sheet.reopen_reason = reason[:300]
    sheet.version += 1
    sheet.save(update_fields=["status", "reopen_reason", "version"])
    return sheet


def matches_for_referee(referee: Referee, *, today: datetime.date):
    """The referee's matches: today's first, then the coming ones, then the past ones, newest first."""
    matches = list(
        Match.objects.filter(assignments__referee=referee)
        .select_related("category__championship", "home", "away", "venue", "sheet")
        .distinct()
    )
    def order(match: Match):
        if match.date == today:
            return (0, match.time or datetime.time.min, match.pk)
        if match.date is None or match.date > today:
            return (1, match.date or datetime.date.max, match.time or datetime.time.min, match.pk)
        return (2, -match.date.toordinal(), match.pk)
    return sorted(matches, key=order)

