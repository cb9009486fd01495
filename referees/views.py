"""The referee's tablet: home, match sheet, and the sheet's change endpoint; the office's review actions.

The change endpoint takes one change at a time, as JSON from the tablet's script (which queues changes while the
tablet is offline) or as a plain form post when scripts are off, and answers with the sheet re-rendered, or, for the
script's events, with the few pieces of the sheet the event changed (see `_patchable`).
"""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from fairplay import labels as fair_play_labels
from fairplay import services as discipline
from fairplay.models import BarraRating, BlueReason
from fairplay.tables_loaders import load_copa
from leagues.models import Coach, Match, Organizer, RosterEntry
from referees import access, services
from referees.models import MatchSheet, SheetConfirmation, SheetEvent

FIELD_ORDER = ("player", "kind", "minute", "added_time", "reason", "note", "coach", "team", "value")


def _match(match_id: int) -> Match:
    return get_object_or_404(
        Match.objects.select_related("category__championship__organizer", "home", "away", "venue"), pk=match_id
    )


def _viewable(request: HttpRequest, match_id: int) -> Match:
    match = _match(match_id)
    if not access.can_view(request.user, match):
        raise PermissionDenied(_("This match sheet is not yours to see."))
    return match


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where a login lands: each role's own start page."""
    if access.referee_of(request.user) is not None:
        return redirect("referees:referee_home")
    if Coach.objects.filter(user=request.user).exists():
        return redirect("referees:coach_home")
    if request.user.is_superuser or Organizer.objects.for_user(request.user).exists():
        return redirect("leagues:office_dashboard")
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("leagues:home")


def _sheet_of(match: Match) -> MatchSheet | None:
    try:
        return match.sheet
    except MatchSheet.DoesNotExist:
        return None


@require_GET
@login_required
def referee_home(request: HttpRequest) -> HttpResponse:
    """The referee's tablet start page: their matches, today's first, each a card that opens the sheet."""
    referee = access.referee_of(request.user)
    if referee is None:
        raise PermissionDenied(_("This page is for referees."))
    today = timezone.localdate()
    duties = [
        {"match": match, "sheet": _sheet_of(match), "is_today": match.date == today}
        for match in services.matches_for_referee(referee, today=today)
    ]
    return render(request, "referees/referee_home.html", {"referee": referee, "duties": duties})


PLAYED = (Match.Status.PLAYED, Match.Status.WALKOVER)


@require_GET
@login_required
def coach_home(request: HttpRequest) -> HttpResponse:
    """The coach's phone page: per team, sheets to confirm, suspensions still to serve, fixtures and results."""
    coach = Coach.objects.filter(user=request.user).first()
    if coach is None:
        raise PermissionDenied(_("This page is for coaches."))
    teams = []
    coached = list(coach.teams.select_related("category__championship").order_by("category__championship__name", "name"))
    copas = load_copa({team.category_id: team.category for team in coached}.values())
    for team in coached:
        confirmed = set(SheetConfirmation.objects.filter(team=team).values_list("sheet_id", flat=True))
        rows = []
        for match in (
            Match.objects.for_team(team)
            .select_related("home", "away", "venue", "sheet", "walkover_winner")
            .order_by("date", "time", "round", "pk")
        ):
            sheet = _sheet_of(match)
            awaiting = sheet is not None and sheet.status == MatchSheet.Status.SUBMITTED and sheet.pk not in confirmed
            rows.append({"match": match, "sheet": sheet, "awaiting": awaiting})
        teams.append(
            {
                "team": team,
                "awaiting": [row for row in rows if row["awaiting"]],
                "upcoming": [row for row in rows if row["match"].status not in PLAYED],
                "played": [row for row in reversed(rows) if row["match"].status in PLAYED],
                "suspensions": discipline.suspensions_with_remaining(team=team),
                "roster": [
                    {"entry": entry, "eligible": team.category.admits_birth_date(entry.player.birth_date)}
                    for entry in RosterEntry.objects.filter(team=team).select_related("player")
                    .order_by("shirt_number", "player__surnames")
                ],
                "fair_play": _fair_play_of(copas[team.category_id], team),
            }
        )
    return render(request, "referees/coach_home.html", {"coach": coach, "teams": teams})


def _fair_play_of(copa, team) -> dict | None:
    """The team's line in its category's Copa Fair Play: position, points, points per match (UEFA: the mark)."""
    row = next((row for row in copa.rows if row.total.team == team.pk), None)
    if row is None:
        return None
    return {
        "position": row.position, "teams": len(copa.rows), "blue_cards": row.total.blue_cards,
        "points": fair_play_labels.format_number(row.total.points),
        "average": fair_play_labels.format_number(row.total.average), "uefa": copa.scheme.preset == "uefa",
    }


# --- The sheet --------------------------------------------------------------------------------------------------------


# Where a refused change's messages go: the form it came from names itself with a hidden `slot` input, and each form
# shows the messages for the fields it has next to them (the rest at its top). Without a slot, at the top of the page.
SLOT_FIELDS = {
    "event": {"kind", "minute", "added_time", "player", "reason", "note", "recipient", "coach"},
    "lineup": {"shirt_number", "player"},
    "team": {"value"},
    "incidents": {"value"},
    "confirm": {"name", "note", "decision"},
    "reopen": {"reason"},
}


class FreshId:
    """Renders as a new UUID each time: every form on the page gets its own change id, so that posting the same
    form twice (a double tap, the back button) is recorded once, while two different forms never share an id."""

    def __str__(self) -> str:
        return str(uuid.uuid4())


def _slot_errors(errors: dict, slot: str | None, here: str) -> dict | None:
    if not errors or slot != here:
        return None
    placed = SLOT_FIELDS.get(here.split(":", 1)[0], set())
    return {
        "fields": {field: messages for field, messages in errors.items() if field in placed},
        "other": [message for field, messages in errors.items() if field not in placed for message in messages],
    }


def _events(sheet: MatchSheet, shirts: dict[int, int | None]) -> tuple[list[SheetEvent], list[SheetEvent]]:
    """The sheet's events in match order, each with the shirt its player wears in this match; and the active ones."""
    events = list(
        sheet.events.select_related("player", "coach", "team").order_by("half", "minute", "added_time", "pk")
    )
    for event in events:
        event.shirt = shirts.get(event.player_id)
    return events, [e for e in events if e.undone_at is None]


def _fouls(active: list[SheetEvent], team_id: int, half: int) -> dict:
    """One team's foul tally in one half, with the ids its "take back" button undoes (the latest last)."""
    ids = [str(e.client_id) for e in sorted(active, key=lambda e: e.pk)
           if e.kind == SheetEvent.Kind.FOUL and e.team_id == team_id and e.half == half]
    return {"count": len(ids), "ids": " ".join(ids), "last": ids[-1] if ids else ""}


def _last_recorded(active: list[SheetEvent]) -> SheetEvent | None:
    """The last event recorded, not the latest minute: "undo" takes back the last tap. Fouls have their own buttons."""
    recorded = [e for e in active if e.kind != SheetEvent.Kind.FOUL]
    return max(recorded, key=lambda e: e.pk) if recorded else None


def _event_label(event: SheetEvent | None) -> str:
    if event is None:
        return ""
    shirt = f" · #{event.shirt}" if event.shirt is not None else ""
    return f"{event.get_kind_display()} · {event.minute_display}{shirt}"


def sheet_context(
    request: HttpRequest, match: Match, sheet: MatchSheet, errors: dict | None = None, change: dict | None = None
) -> dict:
    """Everything the sheet page shows, in a fixed number of queries per team.

    `errors` and `change` are a refused change's messages and fields: the form it came from shows both again."""
    user = request.user
    errors = errors or {}
    if change is None and request.method == "POST" and request.content_type != "application/json":
        change = request.POST.dict()
    change = change or {}
    slot = str(change.get("slot") or "") or None
    present = {p.player_id: p for p in sheet.players.select_related("player")}
    events, active = _events(sheet, {player_id: entry.shirt_number for player_id, entry in present.items()})
    sent_off = services.sent_off(active)
    rows = {row.team_id: row for row in sheet.teams.all()}
    confirmations = list(sheet.confirmations.all())
    teams = []
    for team in (match.home, match.away):
        roster = list(
            RosterEntry.objects.filter(team=team).select_related("player").order_by("shirt_number", "player__surnames")
        )
        problems = services.lineup_problems(sheet=sheet, team=team, players=[entry.player for entry in roster])
        players = []
        for entry in roster:
            mine = present.get(entry.player_id)
            players.append(
                {
                    "entry": entry,
                    "player": entry.player,
                    "present": mine,
                    "shirt": mine.shirt_number if mine and mine.shirt_number is not None else entry.shirt_number,
                    "problems": problems.get(entry.player_id, []),
                    "sent_off": sent_off.get(entry.player_id),
                    "yellow": any(e.kind == SheetEvent.Kind.YELLOW and e.player_id == entry.player_id for e in active),
                    "errors": _slot_errors(errors, slot, f"lineup:{entry.player_id}"),
                }
            )
        fouls = [
            {**_fouls(active, team.pk, half), "half": half, "errors": _slot_errors(errors, slot, f"foul:{team.pk}:{half}")}
            for half in (1, 2)
        ]
        coaches = list(Coach.objects.filter(teams=team))
        mine = next((c for c in coaches if c.user_id == user.pk), None)
        teams.append(
            {
                "team": team,
                "row": rows.get(team.pk),
                "players": players,
                "lineup": [p for p in players if p["present"]],
                "coaches": coaches,
                "coach_name": str(mine or (coaches[0] if coaches else "")),
                "barra": getattr(team, "barra", None),
                "fouls": fouls,
                "can_confirm": access.can_confirm(user, match, team.pk),
                "confirmations": [c for c in confirmations if c.team_id == team.pk],
                "errors": {field: _slot_errors(errors, slot, f"team:{team.pk}:{field}") for field in services.TEAM_FIELDS},
                "confirm_errors": _slot_errors(errors, slot, f"confirm:{team.pk}"),
            }
        )
    home, away = services.goals(match, active)  # from the events already read: no query
    office = access.is_office(user, match)
    last_event = _last_recorded(active)
    known_slot = slot is not None and slot.split(":", 1)[0] in {*SLOT_FIELDS, "foul", "undo", "submit"}
    return {
        "match": match,
        "category": match.category,
        "sheet": sheet,
        "teams": teams,
        "events": events,
        "timeline": [e for e in events if e.kind != SheetEvent.Kind.FOUL],
        "active_events": active,
        # The last one recorded, not the latest minute: "undo" takes back the last tap.
        "last_event": last_event,
        "last_event_label": _event_label(last_event),
        "score": (home, away),
        "can_edit": access.can_edit(user, sheet),
        "is_office": office,
        "audit": list(sheet.audit.select_related("user")) if office else [],
        "blue_reasons": BlueReason.choices,
        "barra_ratings": BarraRating.choices,
        "kinds": SheetEvent.Kind.choices,
        "event_kinds": [choice for choice in SheetEvent.Kind.choices if choice[0] != SheetEvent.Kind.FOUL],
        "decisions": SheetConfirmation.Decision.choices,
        "errors": errors,
        "posted": change if errors else {},
        "general_errors": [m for messages in errors.values() for m in messages] if errors and not known_slot else [],
        "event_errors": _slot_errors(errors, slot, "event"),
        "undo_errors": _slot_errors(errors, slot, "undo"),
        "incidents_errors": _slot_errors(errors, slot, "incidents"),
        "submit_errors": _slot_errors(errors, slot, "submit"),
        "reopen_errors": _slot_errors(errors, slot, "reopen"),
        "phase": "during" if any(t["lineup"] for t in teams) else "before",
        "new_id": FreshId(),
    }


@require_GET
@never_cache
@login_required
def sheet(request: HttpRequest, match_id: int) -> HttpResponse:
    match = _viewable(request, match_id)
    sheet = services.sheet_open(match=match)
    template = "referees/sheet.html"
    if getattr(request, "htmx", False) and not request.htmx.history_restore_request:
        template += "#sheet-body"
    return render(request, template, sheet_context(request, match, sheet))


@require_GET
@never_cache
@login_required
def sheet_state(request: HttpRequest, match_id: int) -> JsonResponse:
    """The sheet's version and body, for a tablet catching up with another tablet's changes (`?known=<version>`: no
    body when the tablet already shows that version)."""
    match = _viewable(request, match_id)
    sheet = services.sheet_open(match=match)
    payload = {"version": sheet.version, "status": sheet.status}
    if request.GET.get("known") == str(sheet.version):
        payload["unchanged"] = True  # what the tablet shows is current: a poll costs no rendering
    else:
        payload["html"] = _body(request, match, sheet)
    return JsonResponse(payload)


def _body(
    request: HttpRequest, match: Match, sheet: MatchSheet, errors: dict | None = None, change: dict | None = None
) -> str:
    return render_to_string(
        "referees/sheet.html#sheet-body", sheet_context(request, match, sheet, errors, change), request=request
    )


# Changes the tablet's script can draw from a small answer instead of the whole sheet (~120 KB, most of a request's
# time): an event added or undone touches the score, one timeline row, the fouls, the players' cards and "undo last".
PATCHED_CHANGES = ("event.add", "event.undo")


def _patchable(request: HttpRequest, change: dict, applied: services.Applied) -> bool:
    """A patch is exact only over the very version the tablet shows: this change, and nothing else, on top of `base`
    (a re-send after a lost answer too, as long as nothing came after it).

    Anything else (another tablet's change in between, a submitted or reopened sheet with its audit trail) gets the
    whole sheet. The script asks with a header; a form post or an older script gets the whole sheet too."""
    if request.headers.get("X-Sheet-Patch") != "1" or change.get("type") not in PATCHED_CHANGES:
        return False
    sheet = applied.sheet
    return (
        sheet.status == MatchSheet.Status.DRAFT
        and applied.version == sheet.version
        and str(change.get("base")) == str(sheet.version - 1)
    )


def _patch(request: HttpRequest, match: Match, sheet: MatchSheet, change: dict) -> dict:
    """What an event added or undone changed on the sheet, for the script to draw over its copy of the last version.

    Three small queries: the line-up's shirts, the events' bare facts, and the touched event with its names."""
    shirts = dict(sheet.players.values_list("player_id", "shirt_number"))
    events = list(
        sheet.events.only("sheet", "client_id", "kind", "team_id", "player_id", "minute", "added_time", "half", "undone_at")
    )
    for event in events:
        event.shirt = shirts.get(event.player_id)
    active = [e for e in events if e.undone_at is None]
    # The id as the database writes it (the change was applied: it parses).
    touched = str(uuid.UUID(str(change.get("event") if change.get("type") == "event.undo" else change.get("id"))))
    event = sheet.events.filter(client_id=touched).select_related("player", "coach", "team").first()
    row = ""
    if event is not None and event.kind != SheetEvent.Kind.FOUL:
        event.shirt = shirts.get(event.player_id)
        row = render_to_string(
            "referees/sheet.html#timeline-row",
            {"e": event, "can_edit": True, "sheet": sheet, "new_id": FreshId(),
             "change_url": reverse("referees:sheet_change", args=[match.pk])},
            request=request,
        )
    sent_off = services.sent_off(active)
    yellow = {e.player_id for e in active if e.kind == SheetEvent.Kind.YELLOW}
    last = _last_recorded(active)
    return {
        "event": touched,
        "row": row,
        "score": list(services.goals(match, active)),
        "fouls": {
            f"{team_id}:{half}": _fouls(active, team_id, half)
            for team_id in (match.home_id, match.away_id) for half in (1, 2)
        },
        # Every player with an event, so that an undone card also clears its mark.
        "players": {
            str(player_id): {"yellow": player_id in yellow, "off": player_id in sent_off}
            for player_id in {e.player_id for e in events if e.player_id}
        },
        "last": {"event": str(last.client_id) if last else "", "label": _event_label(last)},
    }


def _read_change(request: HttpRequest) -> dict:
    if request.content_type == "application/json":
        try:
            change = json.loads(request.body or b"{}")
        except ValueError:
            raise ValidationError({"type": _("The change could not be read.")}) from None
        if not isinstance(change, dict):
            raise ValidationError({"type": _("The change could not be read.")})
        return change
    change = {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
    change.setdefault("id", str(uuid.uuid4()))
    # Without scripts, the recipient of an event is the button tapped: "<team>:player:<id>", "<team>:coach:<id>",
    # "<team>:barra". A form can send only the one value of the button that submitted it.
    pick = change.pop("pick", "")
    if pick:
        team, _sep, rest = pick.partition(":")
        recipient, _sep, ref = rest.partition(":")
        change.update({"team": team, "recipient": recipient})
        if ref:
            change["coach" if recipient == "coach" else "player"] = ref
    return change


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


@require_POST
@login_required
def sheet_change(request: HttpRequest, match_id: int) -> HttpResponse:
    """Apply one change. JSON in, JSON out for the tablet's script; a form post gets the page back."""
    match = _viewable(request, match_id)
    wants_json = request.content_type == "application/json"
    status, errors, conflict, change = 200, None, None, {}
    try:
        change = _read_change(request)
        applied = services.sheet_apply(match=match, user=request.user, change=change)
        sheet = applied.sheet
    except ValidationError as error:
        status, errors = 422, _messages(error)
    except services.SheetConflict as error:
        status, conflict = 409, str(error)
    except PermissionDenied as error:
        if wants_json:
            return JsonResponse({"ok": False, "error": str(error) or _("Not allowed.")}, status=403)
        raise
    if status != 200:
        sheet = services.sheet_open(match=match)  # a refused first change rolled back the sheet's creation too
    if wants_json:
        payload = {"ok": status == 200, "version": sheet.version, "status": sheet.status}
        if errors:
            payload["errors"] = errors
        if conflict:
            payload["conflict"] = conflict
        if status == 200:
            payload["duplicate"] = applied.duplicate
        if status == 200 and _patchable(request, change, applied):
            payload["patch"] = _patch(request, match, sheet, change)
        else:
            payload["html"] = _body(request, match, sheet, errors, change)
        return JsonResponse(payload, status=status)
    if status == 200:
        return redirect(reverse("referees:sheet", args=[match.pk]) + "#" + (request.POST.get("next_anchor") or "sheet-body"))
    if conflict:
        messages.error(request, conflict)
        return redirect("referees:sheet", match.pk)
    return render(request, "referees/sheet.html", sheet_context(request, match, sheet, errors, change), status=422)


@require_POST
@login_required
def sheet_approve(request: HttpRequest, match_id: int) -> HttpResponse:
    match = _match(match_id)
    if not access.is_office(request.user, match):
        raise PermissionDenied(_("Only the office can approve a sheet."))
    sheet = get_object_or_404(MatchSheet, match=match)
    try:
        services.sheet_approve(sheet=sheet, user=request.user)
        messages.success(request, _("Sheet approved."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("referees:sheet", match.pk)


@require_POST
@login_required
def sheet_reopen(request: HttpRequest, match_id: int) -> HttpResponse:
    match = _match(match_id)
    if not access.is_office(request.user, match):
        raise PermissionDenied(_("Only the office can reopen a sheet."))
    sheet = get_object_or_404(MatchSheet, match=match)
    try:
        services.sheet_reopen(sheet=sheet, user=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("Sheet reopened: your changes now go to the audit trail."))
    except ValidationError as error:
        return render(
            request, "referees/sheet.html", sheet_context(request, match, sheet, _messages(error)), status=422
        )
    return redirect("referees:sheet", match.pk)


@require_GET
@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """The office's queue of match sheets to review: submitted ones to approve (or reopen with a reason), and the ones
    reopened for amendment, oldest first; each row opens the sheet, where the office approves or amends."""
    organizers = Organizer.objects.for_user(request.user)
    if not request.user.is_superuser and not organizers.exists():
        raise PermissionDenied(_("This page is for the sports office."))
    sheets = list(
        MatchSheet.objects.filter(
            status__in=[MatchSheet.Status.SUBMITTED, MatchSheet.Status.REOPENED],
            match__category__championship__organizer__in=organizers,
        )
        .select_related("match__home", "match__away", "match__category__championship", "match__venue")
        .order_by("status", "submitted_at", "pk")
    )
    confirmed = {
        (sheet_id, team_id)
        for sheet_id, team_id in SheetConfirmation.objects.filter(
            sheet__in=sheets, decision=SheetConfirmation.Decision.CONFIRMED
        ).values_list("sheet_id", "team_id")
    }
    rows = [
        {
            "sheet": sheet, "match": sheet.match,
            "confirmed": sum((sheet.pk, team) in confirmed for team in (sheet.match.home_id, sheet.match.away_id)),
        }
        for sheet in sheets
    ]
    return render(request, "referees/review_queue.html", {"rows": rows})


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The sheet's offline worker, served under /sheets/ so that it may control the sheet pages."""
    response = render(request, "referees/sw.js", {}, content_type="text/javascript")
    response["Service-Worker-Allowed"] = reverse("referees:service_worker").rsplit("/", 1)[0] + "/"
    response["Cache-Control"] = "no-cache"
    return response
