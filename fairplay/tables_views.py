"""Public fair-play pages: the Copa Fair Play of a category and of a championship, each team's breakdown, the
leaderboards of blue cards, the Barra segura register and the ritual. No login, phone first; players appear only by
their display name, barra delegates without their phone."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import django_tables2 as tables
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails
from django_tables2 import RequestConfig

from fairplay import labels
from fairplay.models import Recipient
from fairplay.scoring import Scheme, barra_totals, copa_table, person_totals
from fairplay.tables_loaders import CategoryCopa, PersonCards, blue_cards_per_person, load_copa, load_team_season
from leagues.cache import public_page
from leagues.models import Category, Championship, Team
from leagues.tables import safe_colour
from leagues.views import public_category

LEADERS = 10  # people (and barras) listed in each leaderboard; a tie beyond them is counted, not listed


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _render(request: HtmxHttpRequest, template: str, partial: str, context: dict) -> HttpResponse:
    """The page, or only its `partial` for an htmx swap (not for a history restore, which needs the page)."""
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # never a cached fragment for a plain visit, or the reverse
    return response


def _manual_url(championship: Championship) -> str | None:
    """The Fair Play Manual's scoring section for this championship's scheme; None while the manual has no page."""
    try:
        return f"{reverse('fairplay:manual')}?championship={championship.slug}#scoring"
    except NoReverseMatch:
        return None


def _breakdown_url(category: Category, team_id: int) -> str:
    return reverse("fairplay:fair_play_team", args=[category.championship.slug, category.slug, team_id])


# --- Tables ---------------------------------------------------------------------------------------------------------


def _stat(header, title, **kwargs):
    # Short headers keep the table narrow on a phone; the title spells them out (and the legend under the table).
    return tables.Column(verbose_name=header, attrs={"th": {"title": title, "class": "num"}, "td": {"class": "num"}},
                         **kwargs)


def _average_column(*, uefa: bool) -> tables.Column:
    # What the table ranks by: points per match, or UEFA's mark out of 10.
    if uefa:
        header = pgettext_lazy("copa column: UEFA mark", "Mark")
        title = gettext_lazy("Mark out of 10: what the table ranks by")
    else:
        header = pgettext_lazy("copa column: fair-play points per match", "Per match")
        title = gettext_lazy("Fair-play points per match: what the table ranks by")
    attrs = {"th": {"title": title, "class": "num pts"}, "td": {"class": "num pts"}}
    return tables.Column(verbose_name=header, attrs=attrs)


class CopaTable(tables.Table):
    """A Copa Fair Play; rows are dicts from `copa_rows`, ranked by points per match (UEFA: the mark).

    The columns give the headers, their titles (the legend) and the sorting; the body is written by
    fairplay/copa_table.html from each row's ready-made cells, in the columns' order: tables2's cell by cell rendering
    cost a third of the page's time."""

    position = tables.Column(
        verbose_name=pgettext_lazy("standings column", "#"),
        attrs={"th": {"title": gettext_lazy("Position"), "class": "pos"}, "td": {"class": "pos"}},
    )
    team = tables.Column(
        verbose_name=gettext_lazy("Team"), accessor="team_name",
        attrs={"th": {"class": "team"}, "td": {"class": "team"}},
    )
    average = _average_column(uefa=False)
    points = _stat(pgettext_lazy("standings column: points", "Pts"), gettext_lazy("Fair-play points"))
    matches = _stat(pgettext_lazy("standings column: matches played", "P"), gettext_lazy("Played"))
    blue_cards = _stat(pgettext_lazy("copa column: blue cards", "Blue"), gettext_lazy("Blue cards received"))
    sanctions = _stat(pgettext_lazy("copa column: yellow and red cards", "Y/R"), gettext_lazy("Yellow and red cards"))

    class Meta:
        template_name = "fairplay/copa_table.html"
        order_by = "position"
        attrs = {"class": "standings copa"}
        empty_text = gettext_lazy("No teams yet.")

    descending_first = frozenset({"average", "points", "matches", "blue_cards", "sanctions"})

    def __init__(self, data, *, scheme: Scheme, **kwargs):
        self.uefa = scheme.preset == "uefa"
        # UEFA ranks by a mark out of 10, not by points: a column of raw points would only confuse.
        super().__init__(
            data, exclude=("points",) if self.uefa else (),
            extra_columns=[("average", _average_column(uefa=True))] if self.uefa else None, **kwargs,
        )


def copa_rows(ranked, teams: dict[int, Team], categories: dict[int, Category], *, show_category=False) -> list[dict]:
    """Plain dicts for `CopaTable` from `scoring.copa_table` rows: the values to sort by and the cells to show
    (numbers written in the reader's language); every team links to its breakdown."""
    rows = []
    for row in ranked:
        total = row.total
        team = teams[total.team]
        category = categories[team.category_id]
        rows.append({
            "position": row.position,
            "team_name": team.name,
            "team_cell": format_html(
                '<a href="{}"><span class="swatch" style="--c1:{};--c2:{}" aria-hidden="true"></span>'
                '<span class="team__name">{}{}</span></a>',
                _breakdown_url(category, team.pk), safe_colour(team.primary_colour),
                safe_colour(team.secondary_colour), team.name,
                format_html('<span class="copa__category">{}</span>', category.name) if show_category else "",
            ),
            "average": total.average,
            "average_text": labels.format_number(total.average),
            "points": total.points,
            "points_text": labels.format_number(total.points),
            "matches": total.matches,
            "blue_cards": total.blue_cards,
            "sanctions": total.sanctions,
        })
    return rows


def _scheme_context(scheme: Scheme, championship: Championship) -> dict:
    return {
        "scheme": scheme,
        "preset_label": labels.PRESET_LABELS[scheme.preset],
        "preset_sentence": labels.PRESET_SENTENCES[scheme.preset],
        "mode_sentence": labels.mode_sentence(scheme),
        "manual_url": _manual_url(championship),
    }


# --- A category's Copa Fair Play ------------------------------------------------------------------------------------


@require_GET
@public_page
def category_copa(request: HtmxHttpRequest, champ_slug: str, cat_slug: str) -> HttpResponse:
    category = public_category(champ_slug, cat_slug)
    copa = load_copa([category])[category.pk]
    table = CopaTable(copa_rows(copa.rows, copa.teams, {category.pk: category}), scheme=copa.scheme)
    RequestConfig(request, paginate=False).configure(table)
    context = {
        "category": category,
        "championship": category.championship,
        "table": table,
        "played": any(total.matches for total in copa.totals.values()),
        **_scheme_context(copa.scheme, category.championship),
    }
    return _render(request, "fairplay/copa.html", "copa", context)


# --- A team's breakdown ---------------------------------------------------------------------------------------------


@require_GET
@public_page
def team_breakdown(request: HtmxHttpRequest, champ_slug: str, cat_slug: str, team_id: int) -> HttpResponse:
    category = public_category(champ_slug, cat_slug)
    team = get_object_or_404(Team, pk=team_id, category=category)
    season = load_team_season(category, team)
    scheme = season.scheme
    matches = [
        {
            "match": played,
            "lines": [labels.describe(line) for line in played.score.lines],
            "total": _match_total(played.score.points, played.score.maximum),
            "only_cards": not played.has_sheet and scheme.preset != "fifa",
        }
        for played in season.matches
    ]
    blue = defaultdict(int)
    for played in season.matches:
        for card in played.blue_cards:
            blue[card.recipient] += 1
    total = season.total
    context = {
        "category": category,
        "championship": category.championship,
        "team": team,
        "primary_colour": safe_colour(team.primary_colour),
        "secondary_colour": safe_colour(team.secondary_colour),
        "matches": matches,
        "total": total,
        "position": season.position,
        "uefa": scheme.preset == "uefa",
        "season_points": labels.format_number(total.points),
        "season_maximum": labels.format_number(total.maximum),
        "season_average": labels.format_number(total.average),
        "blue": {"total": sum(blue.values()), "players": blue[Recipient.PLAYER], "coaches": blue[Recipient.COACH],
                 "barra": blue[Recipient.BARRA]},
        "copa_url": reverse("fairplay:fair_play", args=[champ_slug, cat_slug]),
        **_scheme_context(scheme, category.championship),
    }
    return render(request, "fairplay/team_breakdown.html", context)


def _match_total(points: float, maximum: float | None) -> str:
    if maximum is not None:
        return _("%(points)s of %(maximum)s") % {
            "points": labels.format_number(points), "maximum": labels.format_number(maximum),
        }
    return labels.format_points(points)


# --- The whole championship -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leader:
    position: int
    name: str
    teams: tuple[str, ...]  # "Team · Category" (just the team when one category is shown); a coach may have several
    blue_cards: int


def _leaderboard(people: list[PersonCards], teams: dict[int, Team], categories: dict[int, Category], *,
                 with_category: bool, unnamed: str = "") -> tuple[list[Leader], int, int]:
    """The first `LEADERS` people, most blue cards first (equal counts share a position), each person once with all
    their teams (a coach may coach several), and how many more share the last count shown: (leaders, more, that
    count). Listing every one of a long tie would bury the page."""
    names = {(p.recipient, p.person, p.team): p.name for p in people}
    merged = []
    for total in person_totals((p.recipient, p.person, p.team, p.blue_cards) for p in people):
        team_labels = [
            f"{teams[t].name} · {categories[teams[t].category_id].name}" if with_category else teams[t].name
            for t in total.teams
        ]
        merged.append((names[(total.recipient, total.person, total.teams[0])] or unnamed, team_labels, total.blue_cards))
    ordered = sorted(merged, key=lambda m: (-m[2], m[0], m[1]))
    leaders: list[Leader] = []
    for index, (name, team_labels, count) in enumerate(ordered[:LEADERS]):
        shared = leaders and leaders[-1].blue_cards == count
        leaders.append(Leader(leaders[-1].position if shared else index + 1, name, tuple(team_labels), count))
    if not leaders:
        return [], 0, 0
    last = leaders[-1].blue_cards
    return leaders, sum(1 for m in ordered[len(leaders):] if m[2] == last), last


def _share(part: int, whole: int) -> str:
    return _("%(part)s of %(whole)s (%(percent)s%%)") % {
        "part": part, "whole": whole, "percent": labels.format_number(round(100 * part / whole)),
    }


def _barras(copas: list[CategoryCopa]) -> list[dict]:
    """Each barra: blue cards received, the referees' average rating of its behaviour, whether it is a safe bar."""
    rows = []
    for copa in copas:
        barras = barra_totals(copa.team_matches, teams=copa.teams)
        for team in copa.teams.values():
            barra = getattr(team, "barra", None)
            if barra is None:
                continue
            total = barras[team.pk]
            average = total.average_rating
            rows.append({
                "name": barra.name, "team": team.name, "category": copa.category.name,
                "url": _breakdown_url(copa.category, team.pk),
                "blue_cards": total.blue_cards,
                "rating": labels.format_number(round(average, 1)) if average is not None else "",
                "rated": len(total.ratings), "average": average or 0, "safe": barra.is_safe_bar,
            })
    return sorted(rows, key=lambda r: (-r["blue_cards"], -r["average"], r["name"], r["team"]))


def _register(copas: list[CategoryCopa]) -> list[dict]:
    """The Barra segura register: every barra that signed the commitment, with its delegate (never the phone)."""
    return [
        {"name": team.barra.name, "team": team.name, "category": copa.category.name,
         "delegate": team.barra.delegate, "committed_on": team.barra.safe_bar_committed_on}
        for copa in copas
        for team in copa.teams.values()
        if getattr(team, "barra", None) is not None and team.barra.is_safe_bar
    ]


def _rituals(copas: list[CategoryCopa]) -> list[dict]:
    """Per team with a recorded match sheet: in how many of those matches the ritual was done before and after."""
    rows = []
    for copa in copas:
        sheets: dict[int, list] = defaultdict(list)
        for tm in copa.team_matches:
            if tm.ritual_before is not None or tm.ritual_after is not None:
                sheets[tm.team].append(tm)
        for team in copa.teams.values():
            recorded = sheets.get(team.pk)
            if not recorded:
                continue
            before = sum(1 for tm in recorded if tm.ritual_before)
            after = sum(1 for tm in recorded if tm.ritual_after)
            rows.append({
                "team": team.name, "category": copa.category.name, "url": _breakdown_url(copa.category, team.pk),
                "sheets": len(recorded), "before": _share(before, len(recorded)), "after": _share(after, len(recorded)),
            })
    return rows


@require_GET
@public_page
def championship_copa(request: HtmxHttpRequest, champ_slug: str) -> HttpResponse:
    championship = get_object_or_404(Championship.objects.public().select_related("organizer"), slug=champ_slug)
    categories = list(championship.categories.select_related("championship").order_by("name"))
    by_id = {c.pk: c for c in categories}
    copas = load_copa(categories)
    teams = {pk: team for copa in copas.values() for pk, team in copa.teams.items()}

    # One table for every team; categories under different schemes (a UEFA mark against points per match cannot
    # be compared) get one table per scheme.
    groups: dict[str, list[CategoryCopa]] = {}
    for category in categories:
        groups.setdefault(copas[category.pk].scheme.preset, []).append(copas[category.pk])
    copa_tables = []
    for preset, group in groups.items():
        totals = [total for copa in group for total in copa.totals.values()]
        ranked = copa_table(totals, {pk: team.name for copa in group for pk, team in copa.teams.items()})
        table = CopaTable(copa_rows(ranked, teams, by_id, show_category=True), scheme=group[0].scheme,
                          orderable=False)
        copa_tables.append({
            "table": table, "preset_label": labels.PRESET_LABELS[preset],
            "preset_sentence": labels.PRESET_SENTENCES[preset], "categories": [copa.category for copa in group],
        })

    # The leaderboards, for the whole championship or one category (?category=<slug>).
    selected = next((c for c in categories if c.slug == request.GET.get("category")), None)
    in_scope = [copa for copa in copas.values() if selected is None or copa.category is selected]
    scope_teams = {pk for copa in in_scope for pk in copa.teams}
    people = [p for p in blue_cards_per_person(list(by_id)) if p.team in scope_teams]
    players, more_players, last_players = _leaderboard(
        [p for p in people if p.recipient == Recipient.PLAYER], teams, by_id, with_category=selected is None)
    coaches, more_coaches, last_coaches = _leaderboard(
        [p for p in people if p.recipient == Recipient.COACH], teams, by_id, with_category=selected is None,
        unnamed=_("Coaching staff"))
    barras = _barras(in_scope)
    base = reverse("fairplay:championship_fair_play", args=[championship.slug])
    context = {
        "championship": championship,
        "categories": categories,
        "copa_tables": copa_tables,
        "played": any(total.matches for copa in copas.values() for total in copa.totals.values()),
        "manual_url": _manual_url(championship),
        "mode_sentences": sorted({labels.mode_sentence(copa.scheme) for copa in copas.values()}),
        "selected": selected,
        "category_links": [(None, base)] + [(c, f"{base}?category={c.slug}") for c in categories],
        "players": players, "more_players": more_players, "last_players": last_players,
        "coaches": coaches, "more_coaches": more_coaches, "last_coaches": last_coaches,
        "barras": barras[:LEADERS], "more_barras": len(barras[LEADERS:]),
        "register": _register(list(copas.values())),
        "rituals": _rituals(list(copas.values())),
        "leaders": LEADERS,
    }
    return _render(request, "fairplay/copa_championship.html", "leaders", context)
