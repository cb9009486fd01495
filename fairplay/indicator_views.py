"""The office's impact indicators: a dashboard of charts, each with its data table, and the same numbers as CSV.

Who: the staff of an organizer (its own championships only) and superusers (any organizer). The scope comes from GET
filters; a filter that names something outside the user's organizers is a 404, so nobody sees another office's data.
A narrower filter that does not fit a broader one (a category of another championship, after the championship was
changed) is dropped rather than giving an empty page.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_GET

from fairplay import charts
from fairplay.indicator_loaders import load_indicator_data
from fairplay.indicators import (
    GENDER_LABELS,
    GENDER_ORDER,
    IndicatorRow,
    Indicators,
    compute,
    display_percent,
    display_rate,
)
from leagues.models import Category, Championship, Organizer

GROUP_BY_CHOICES = [
    ("round", gettext_lazy("Round")),
    ("category", gettext_lazy("Category")),
    ("gender", gettext_lazy("Gender")),
    ("championship", gettext_lazy("Championship")),
    ("season", gettext_lazy("Season")),
    ("organizer", gettext_lazy("District")),
]


# --- The columns: one list for the page's tables and the CSV, so the two cannot differ -------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[IndicatorRow], str | None]


def _count(name: str) -> Callable[[IndicatorRow], str]:
    return lambda row: str(getattr(row, name))


def _per_match(name: str) -> Callable[[IndicatorRow], str | None]:
    return lambda row: display_rate(getattr(row, name))


def _share(name: str) -> Callable[[IndicatorRow], str | None]:
    return lambda row: display_percent(getattr(row, name))


COLUMNS = {
    column.key: column
    for column in (
        Column("matches", gettext_lazy("Played matches"), _count("matches")),
        Column("blue_player", gettext_lazy("Blue cards to players"), _count("blue_player")),
        Column("blue_player_per_match", gettext_lazy("Blue cards to players per match"),
               _per_match("blue_player_per_match")),
        Column("blue_coach", gettext_lazy("Blue cards to coaches"), _count("blue_coach")),
        Column("blue_coach_per_match", gettext_lazy("Blue cards to coaches per match"),
               _per_match("blue_coach_per_match")),
        Column("blue_barra", gettext_lazy("Blue cards to barras"), _count("blue_barra")),
        Column("blue_barra_per_match", gettext_lazy("Blue cards to barras per match"),
               _per_match("blue_barra_per_match")),
        Column("blue_total", gettext_lazy("Blue cards, all"), _count("blue_total")),
        Column("blue_total_per_match", gettext_lazy("Blue cards per match"), _per_match("blue_total_per_match")),
        Column("yellow_cards", gettext_lazy("Yellow cards"), _count("yellow_cards")),
        Column("yellow_cards_per_match", gettext_lazy("Yellow cards per match"), _per_match("yellow_cards_per_match")),
        Column("second_yellow", gettext_lazy("Second yellow cards"), _count("second_yellow")),
        Column("red", gettext_lazy("Direct red cards"), _count("red")),
        Column("sendings_off", gettext_lazy("Sendings-off"), _count("sendings_off")),
        Column("sendings_off_per_match", gettext_lazy("Sendings-off per match"), _per_match("sendings_off_per_match")),
        Column("matches_with_conduct", gettext_lazy("Matches with a match sheet"), _count("matches_with_conduct")),
        Column("fouls", gettext_lazy("Fouls"), _count("fouls")),
        Column("fouls_per_match", gettext_lazy("Fouls per match"), _per_match("fouls_per_match")),
        Column("team_reports", gettext_lazy("Teams with a match sheet (team × match)"), _count("team_reports")),
        Column("ritual_before", gettext_lazy("Ritual before the match"), _count("ritual_before")),
        Column("ritual_before_share", gettext_lazy("Ritual before the match (%)"), _share("ritual_before_share")),
        Column("ritual_after", gettext_lazy("Ritual after the match"), _count("ritual_after")),
        Column("ritual_after_share", gettext_lazy("Ritual after the match (%)"), _share("ritual_after_share")),
        Column("ritual_both", gettext_lazy("Ritual before and after"), _count("ritual_both")),
        Column("ritual_both_share", gettext_lazy("Ritual before and after (%)"), _share("ritual_both_share")),
        Column("barra_incidents", gettext_lazy("Barra incidents"), _count("barra_incidents")),
        Column("barra_incidents_per_match", gettext_lazy("Barra incidents per match"),
               _per_match("barra_incidents_per_match")),
    )
}


@dataclass(frozen=True)
class Section:
    """One indicator on the page: a chart of some rates and the table of its counts and rates."""

    key: str
    title: str
    columns: tuple[str, ...]
    series: tuple[tuple[str, str, str], ...]  # (row attribute, series name, tone)
    percent: bool = False


def _sections() -> tuple[Section, ...]:
    return (
        Section(
            "blue", _("Blue cards per match"),
            ("matches", "blue_player", "blue_player_per_match", "blue_coach", "blue_coach_per_match", "blue_barra",
             "blue_barra_per_match", "blue_total", "blue_total_per_match"),
            (("blue_total_per_match", pgettext("every blue card", "All"), "blue-all"), ("blue_player_per_match", _("Players"), "blue-player"),
             ("blue_coach_per_match", _("Coaches"), "blue-coach"), ("blue_barra_per_match", _("Barras"), "blue-barra")),
        ),
        Section(
            "cards", _("Yellow cards and sendings-off per match"),
            ("matches", "yellow_cards", "yellow_cards_per_match", "second_yellow", "red", "sendings_off",
             "sendings_off_per_match"),
            (("yellow_cards_per_match", _("Yellow cards"), "yellow"),
             ("sendings_off_per_match", _("Sendings-off"), "red")),
        ),
        Section(
            "fouls", _("Fouls per match"),
            ("matches_with_conduct", "fouls", "fouls_per_match"),
            (("fouls_per_match", _("Fouls"), "fouls"),),
        ),
        Section(
            "ritual", _("Ritual of sportsmanship done (share of teams)"),
            ("team_reports", "ritual_before", "ritual_before_share", "ritual_after", "ritual_after_share",
             "ritual_both", "ritual_both_share"),
            (("ritual_before_share", _("Before"), "ritual-before"), ("ritual_after_share", _("After"), "ritual-after"),
             ("ritual_both_share", _("Before and after"), "ritual-both")),
            percent=True,
        ),
        Section(
            "barra", _("Barra incidents per match"),
            ("matches_with_conduct", "barra_incidents", "barra_incidents_per_match"),
            (("barra_incidents_per_match", _("Barra incidents"), "barra-incidents"),),
        ),
    )


# --- The filters ------------------------------------------------------------------------------------------------------


class IndicatorFilterForm(forms.Form):
    organizer = forms.ModelChoiceField(
        label=gettext_lazy("District"), queryset=Organizer.objects.none(), required=False,
        empty_label=pgettext_lazy("every district", "All"),
    )
    championship = forms.ModelChoiceField(
        label=gettext_lazy("Championship"), queryset=Championship.objects.none(), required=False,
        empty_label=pgettext_lazy("every championship", "All"),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.none(), required=False,
        empty_label=gettext_lazy("All"),
    )
    gender = forms.ChoiceField(label=gettext_lazy("Gender"), required=False)
    group_by = forms.ChoiceField(label=gettext_lazy("Group by"), choices=GROUP_BY_CHOICES, required=False)

    def __init__(self, *args, organizers, several: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers
        championships = Championship.objects.filter(organizer__in=organizers).select_related("organizer")
        self.fields["championship"].queryset = championships
        self.fields["category"].queryset = Category.objects.filter(
            championship__organizer__in=organizers
        ).select_related("championship")
        self.fields["gender"].choices = [("", _("All")), *((g, GENDER_LABELS[g]) for g in GENDER_ORDER)]
        # With several districts on offer, a championship's name alone may not say whose it is.
        self.fields["championship"].label_from_instance = (
            (lambda c: f"{c.name} {c.season} · {c.organizer.name}") if several else (lambda c: f"{c.name} {c.season}")
        )
        self.fields["category"].label_from_instance = (
            lambda c: f"{c.name} · {c.championship.name} {c.championship.season}"
        )

    def narrow(self, *, organizer, championship) -> None:
        """Offer only the championships of the chosen district and the categories of the chosen championship."""
        if organizer is not None:
            self.fields["championship"].queryset = self.fields["championship"].queryset.filter(organizer=organizer)
            self.fields["category"].queryset = self.fields["category"].queryset.filter(
                championship__organizer=organizer
            )
        if championship is not None:
            self.fields["category"].queryset = self.fields["category"].queryset.filter(championship=championship)
            self.fields["category"].label_from_instance = lambda c: c.name


@dataclass(frozen=True)
class Scope:
    organizers: object  # the user's organizers (a queryset)
    organizer_ids: list[int] | None  # what the indicators cover; None: every organizer (a superuser's "all")
    several_organizers: bool
    organizer: Organizer | None
    championship: Championship | None
    category: Category | None
    gender: str
    group_by: str

    def query(self) -> dict:
        """The filters as GET parameters (for the CSV link, and to rebuild the form)."""
        params = {
            "organizer": self.organizer.pk if self.organizer else "",
            "championship": self.championship.pk if self.championship else "",
            "category": self.category.pk if self.category else "",
            "gender": self.gender,
            "group_by": self.group_by,
        }
        return {name: value for name, value in params.items() if value != ""}


def _scope(request: HttpRequest) -> Scope:
    """The user's scope from the GET filters: 403 for a user of no office, 404 for a filter outside their offices."""
    organizers = Organizer.objects.for_user(request.user)
    superuser = request.user.is_superuser
    mine = None if superuser else list(organizers)
    if mine == []:
        raise PermissionDenied(_("The indicators are for the sports offices."))
    form = IndicatorFilterForm(request.GET, organizers=organizers)
    if not form.is_valid():
        raise Http404(_("No such selection among your offices."))
    data = form.cleaned_data
    organizer, championship, category = data["organizer"], data["championship"], data["category"]
    if organizer is not None and championship is not None and championship.organizer_id != organizer.pk:
        championship = None
    if category is not None and (
        (championship is not None and category.championship_id != championship.pk)
        or (organizer is not None and category.championship.organizer_id != organizer.pk)
    ):
        category = None
    group_by = data["group_by"] or ("round" if championship or category else "season")
    several = superuser or len(mine) > 1
    if organizer is None and not several:
        organizer = mine[0]
    if organizer is not None:
        organizer_ids = [organizer.pk]
    else:
        organizer_ids = None if superuser else [one.pk for one in mine]  # None: every organizer
    return Scope(organizers, organizer_ids, several, organizer, championship, category, data["gender"], group_by)


def _indicators(scope: Scope) -> Indicators:
    data = load_indicator_data(
        organizer_ids=scope.organizer_ids,
        championship_id=scope.championship.pk if scope.championship else None,
        category_id=scope.category.pk if scope.category else None,
        gender=scope.gender or None,
    )
    return compute(data.matches, data.cards, data.conduct, group_by=scope.group_by)


# --- The page ---------------------------------------------------------------------------------------------------------


def _summary(section: Section, group_by_label: str, labels: list[str], series: list[charts.Series],
             trend: bool, suffix: str) -> str:
    """One sentence a screen reader says for the chart: per series, its range (or, for a trend, first and last)."""
    parts = []
    for one in series:
        known = [(label, value) for label, value in zip(labels, one.values) if value is not None]
        if not known:
            parts.append(_("%(series)s: no data") % {"series": one.name})
        elif trend:
            (first_label, first), (last_label, last) = known[0], known[-1]
            parts.append(
                _("%(series)s: from %(first)s (%(first_label)s) to %(last)s (%(last_label)s)")
                % {"series": one.name, "first": _fmt(first, section) + suffix, "first_label": first_label,
                   "last": _fmt(last, section) + suffix, "last_label": last_label}
            )
        else:
            high = max(known, key=lambda item: item[1])
            low = min(known, key=lambda item: item[1])
            parts.append(
                _("%(series)s: highest %(high)s (%(high_label)s), lowest %(low)s (%(low_label)s)")
                % {"series": one.name, "high": _fmt(high[1], section) + suffix, "high_label": high[0],
                   "low": _fmt(low[1], section) + suffix, "low_label": low[0]}
            )
    return _("%(title)s, by %(grouping)s. %(parts)s.") % {
        "title": section.title, "grouping": group_by_label.lower(), "parts": "; ".join(parts)
    }


def _fmt(value: float, section: Section) -> str:
    # The series of a share are already percentages (0–100), as drawn.
    return f"{value:.1f}" if section.percent else display_rate(value)


def _section_context(section: Section, indicators: Indicators, group_by_label: str) -> dict:
    labels = [row.label for row in indicators.rows]
    series = [
        charts.Series(name, tone, tuple(
            (getattr(row, attribute) * 100 if section.percent else getattr(row, attribute))
            if getattr(row, attribute) is not None else None
            for row in indicators.rows
        ))
        for attribute, name, tone in section.series
    ]
    draw = charts.line_chart if indicators.is_trend else charts.bar_chart
    suffix = "%" if section.percent else ""
    chart = draw(labels, series, decimals=1 if section.percent else 2, suffix=suffix,
                 maximum=100 if section.percent else None)
    columns = [COLUMNS[key] for key in section.columns]
    return {
        "key": section.key,
        "title": section.title,
        "chart": chart,
        "legend": [(one.name, one.tone) for one in series],
        "summary": _summary(section, group_by_label, labels, series, indicators.is_trend, suffix),
        "columns": columns,
        "rows": [(row.label, [column.value(row) for column in columns]) for row in indicators.rows],
        "total": [column.value(indicators.total) for column in columns],
    }


@require_GET
@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    """The dashboard: filters, a note on how each indicator is counted, then each indicator's chart and table."""
    scope = _scope(request)
    result = _indicators(scope)
    group_by_label = str(dict(GROUP_BY_CHOICES)[scope.group_by])
    form = IndicatorFilterForm(initial=scope.query(), organizers=scope.organizers, several=scope.several_organizers)
    form.narrow(organizer=scope.organizer, championship=scope.championship)
    query = scope.query()
    context = {
        "form": form,
        "scope": scope,
        "show_organizer": scope.several_organizers,
        "indicators": result,
        "group_by_label": group_by_label,
        "gender_label": GENDER_LABELS.get(scope.gender, ""),
        "sections": [_section_context(section, result, group_by_label) for section in _sections()]
        if result.total.matches else [],
        "csv_url": f"{reverse('fairplay:indicators_csv')}?{urlencode(query)}",
    }
    return render(request, "fairplay/indicators.html", context)


def csv_header() -> list[str]:
    return [_("Group"), *(str(column.label) for column in COLUMNS.values())]


def csv_rows(result: Indicators) -> list[list[str]]:
    """One row per group then the total, every indicator's count and rate, as the page shows them."""
    return [
        [row.label, *(column.value(row) or "" for column in COLUMNS.values())]
        for row in (*result.rows, result.total)
    ]


@require_GET
@login_required
def indicators_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's numbers for the same filters: a header, a row per group, the total; UTF-8 with a BOM (Excel)."""
    scope = _scope(request)
    result = _indicators(scope)
    names = [scope.organizer.slug if scope.organizer else "", scope.championship.slug if scope.championship else "",
             scope.category.slug if scope.category else "", scope.gender, scope.group_by]
    filename = "-".join(["indicadores", *filter(None, names)]) + ".csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename[:-4])}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(csv_header())
    writer.writerows(csv_rows(result))
    return response
