"""Public pages: no login, phone first. Players appear only by `display_name`."""

from __future__ import annotations

from django.db.models import Count, F, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails
from django_tables2 import RequestConfig

from fairplay.models import Card, Recipient
from leagues import ical, standings
from leagues.cache import public_page
from leagues.models import Category, Championship, Match, Team
from leagues.standings import load_category_standings
from leagues.tables import StandingsTable, format_fair_play, safe_colour, standings_rows


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def next_url(request: HttpRequest, default: str) -> str:
    """Where a form sends the office back to (`next`, posted or in the query string): a path of this site, or
    `default`. A path only, because `redirect()` would try to reverse anything else as a view name (a 500)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def id_param(raw: str | None) -> int | None:
    """An object id sent in a query string or form, or None: isdecimal, not isdigit, since int() refuses "²", and a
    bounded length, since int() refuses thousands of digits (both would be a 500)."""
    raw = raw or ""
    return int(raw) if raw.isdecimal() and len(raw) <= 18 else None


TIEBREAKER_LABELS = {
    standings.POINTS: gettext_lazy("points"),
    standings.GOAL_DIFFERENCE: gettext_lazy("goal difference"),
    standings.GOALS_FOR: gettext_lazy("goals scored"),
    standings.GOALS_AGAINST: gettext_lazy("fewest goals conceded"),
    standings.HEAD_TO_HEAD_POINTS: gettext_lazy("points between the tied teams"),
    standings.HEAD_TO_HEAD_GOAL_DIFFERENCE: gettext_lazy("goal difference between the tied teams"),
    standings.HEAD_TO_HEAD_GOALS: gettext_lazy("goals between the tied teams"),
    standings.FAIR_PLAY: gettext_lazy("fair-play points"),
    standings.WINS: gettext_lazy("wins"),
    standings.LOTS: gettext_lazy("drawing of lots"),
}

PLAYED_STATUSES = (Match.Status.PLAYED, Match.Status.WALKOVER)


def _render(request: HtmxHttpRequest, template: str, partial: str, context: dict) -> HttpResponse:
    """The whole page, or only its `partial` region for an htmx swap.

    A history restore asks for the whole page even though it comes from htmx (the cached copy is gone).
    """
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    # Browsers and proxies must not serve a cached fragment for a plain visit, or the reverse.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _int_param(request: HttpRequest, name: str) -> int | None:
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _with_query(request: HttpRequest, **changes) -> str:
    """The current page's URL with some query parameters changed (None removes one), other parameters kept."""
    query = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = str(value)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def public_category(champ_slug: str, cat_slug: str) -> Category:
    return get_object_or_404(
        Category.objects.select_related("championship__organizer").filter(
            championship__in=Championship.objects.public()
        ),
        championship__slug=champ_slug,
        slug=cat_slug,
    )


def _team_url(category: Category, team_id: int) -> str:
    # Built from the category already in hand: Team.get_absolute_url would query the category per team.
    return reverse("leagues:team", args=[category.championship.slug, category.slug, team_id])


@require_GET
@public_page
def home(request: HtmxHttpRequest) -> HttpResponse:
    championships = Championship.objects.public().select_related("organizer").order_by(
        "organizer__name", "-season", "name"
    )
    return render(request, "leagues/home.html", {"championships": championships})


@require_GET
@public_page
def championship(request: HtmxHttpRequest, champ_slug: str) -> HttpResponse:
    champ = get_object_or_404(Championship.objects.public().select_related("organizer"), slug=champ_slug)
    categories = champ.categories.annotate(team_count=Count("teams")).order_by("name")
    return render(request, "leagues/championship.html", {"championship": champ, "categories": categories})


@require_GET
@public_page
def category_standings(request: HtmxHttpRequest, champ_slug: str, cat_slug: str) -> HttpResponse:
    category = public_category(champ_slug, cat_slug)
    as_of_round = _int_param(request, "as_of_round")
    table_standings = load_category_standings(category, as_of_round=as_of_round)
    table = StandingsTable(standings_rows(table_standings, lambda team: _team_url(category, team.pk)))
    RequestConfig(request, paginate=False).configure(table)
    played_rounds = list(
        category.matches.played().values_list("round", flat=True).distinct().order_by("round")
    )
    rules = category.championship.engine_rules()
    context = {
        "category": category,
        "championship": category.championship,
        "table": table,
        "as_of_round": as_of_round,
        "round_links": [(number, _with_query(request, as_of_round=number)) for number in played_rounds],
        "latest_url": _with_query(request, as_of_round=None),
        "rules": rules,
        "tiebreakers": [TIEBREAKER_LABELS[name] for name in rules.tiebreakers],
        "adjusted": [s for s in table_standings if s.row.adjustment],
    }
    return _render(request, "leagues/standings.html", "standings", context)


def _rounds(category: Category) -> list[dict]:
    return list(
        category.matches.values("round")
        .annotate(label=Max("round_label"), played=Count("pk", filter=Q(status__in=PLAYED_STATUSES)))
        .order_by("round")
    )


@require_GET
@public_page
def category_fixtures(request: HtmxHttpRequest, champ_slug: str, cat_slug: str) -> HttpResponse:
    category = public_category(champ_slug, cat_slug)
    rounds = _rounds(category)
    numbers = [r["round"] for r in rounds]
    selected = _int_param(request, "round")
    if selected not in numbers:
        played = [r["round"] for r in rounds if r["played"]]
        selected = played[-1] if played else (numbers[0] if numbers else None)
    matches = (
        category.matches.filter(round=selected)
        .select_related("home", "away", "venue", "walkover_winner")
        .order_by(F("date").asc(nulls_last=True), F("time").asc(nulls_last=True), "pk")
    )
    current = next((r for r in rounds if r["round"] == selected), None)
    context = {
        "category": category,
        "championship": category.championship,
        "rounds": rounds,
        "selected_round": selected,
        "current_round": current,
        "matches": matches,
    }
    return _render(request, "leagues/fixtures.html", "round", context)


def _public_team(category: Category, team_id: int) -> Team:
    return get_object_or_404(Team.objects.select_related("club", "barra"), pk=team_id, category=category)


@require_GET
@public_page
def team_detail(request: HtmxHttpRequest, champ_slug: str, cat_slug: str, team_id: int) -> HttpResponse:
    category = public_category(champ_slug, cat_slug)
    team = _public_team(category, team_id)
    roster = team.roster.select_related("player").order_by(
        F("shirt_number").asc(nulls_last=True), "player__given_names"
    )
    matches = (
        Match.objects.for_team(team)
        .select_related("home", "away", "venue", "walkover_winner")
        .order_by("round", F("date").asc(nulls_last=True), F("time").asc(nulls_last=True), "pk")
    )
    row = next((s.row for s in load_category_standings(category) if s.team.pk == team.pk), None)
    blue_cards = Card.objects.blue().filter(team=team).aggregate(
        total=Count("pk"),
        players=Count("pk", filter=Q(recipient=Recipient.PLAYER)),
        coaches=Count("pk", filter=Q(recipient=Recipient.COACH)),
        barra=Count("pk", filter=Q(recipient=Recipient.BARRA)),
    )
    context = {
        "category": category,
        "championship": category.championship,
        "team": team,
        "primary_colour": safe_colour(team.primary_colour),
        "secondary_colour": safe_colour(team.secondary_colour),
        "barra": getattr(team, "barra", None),
        "coaches": team.coaches.order_by("given_names"),
        "roster": roster,
        "matches": matches,
        "row": row,
        "fair_play": format_fair_play(row.fair_play) if row else "",
        "blue_cards": blue_cards,
    }
    return render(request, "leagues/team.html", context)


def _match_event(match: Match, url: str, category: Category) -> ical.Event:
    summary = f"{match.home.name} – {match.away.name}"
    if match.status == Match.Status.PLAYED:
        summary += f" ({match.home_goals}–{match.away_goals})"
    elif match.status == Match.Status.WALKOVER:
        summary += " (" + _("walkover to %(team)s") % {"team": match.walkover_winner.name} + ")"
    elif match.status == Match.Status.POSTPONED:
        summary += " (" + _("postponed") + ")"
    elif match.status == Match.Status.CANCELLED:
        summary += " (" + _("cancelled") + ")"
    round_name = match.round_label or _("Round %(number)s") % {"number": match.round}
    venue = match.venue
    return ical.Event(
        uid=f"match-{match.pk}@tarjeta-azul",
        start=match.kickoff or match.date,
        summary=summary,
        location=(f"{venue.name}, {venue.address}" if venue.address else venue.name) if venue else "",
        description=f"{category.championship} · {category.name} · {round_name}\n{url}",
        url=url,
        cancelled=match.status == Match.Status.CANCELLED,
        tentative=match.status == Match.Status.POSTPONED,
    )


def _calendar_response(name: str, filename: str, events: list[ical.Event]) -> HttpResponse:
    response = HttpResponse(ical.render_calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@public_page
def category_ical(request: HtmxHttpRequest, champ_slug: str, cat_slug: str) -> HttpResponse:
    category = public_category(champ_slug, cat_slug)
    matches = category.matches.filter(date__isnull=False).select_related("home", "away", "venue", "walkover_winner")
    base = request.build_absolute_uri(reverse("leagues:fixtures", args=[champ_slug, cat_slug]))
    events = [_match_event(match, f"{base}?round={match.round}", category) for match in matches]
    return _calendar_response(f"{category.name} · {category.championship}", f"{cat_slug}.ics", events)


@require_GET
@public_page
def team_ical(request: HtmxHttpRequest, champ_slug: str, cat_slug: str, team_id: int) -> HttpResponse:
    category = public_category(champ_slug, cat_slug)
    team = get_object_or_404(Team, pk=team_id, category=category)
    matches = (
        Match.objects.for_team(team)
        .filter(date__isnull=False)
        .select_related("home", "away", "venue", "walkover_winner")
    )
    url = request.build_absolute_uri(_team_url(category, team.pk))
    events = [_match_event(match, url, category) for match in matches]
    return _calendar_response(f"{team.name} · {category.name}", f"{cat_slug}-{team.pk}.ics", events)
