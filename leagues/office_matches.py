"""The office's match list: its queryset, filters, table and the inline edit forms.

Every choice offered (championships, categories, venues) comes from the office's own organizers, so another office's
names never show up in a dropdown, and a posted id of theirs is an invalid choice.
"""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext, pgettext_lazy

from leagues.models import Category, Championship, Match, Organizer, Venue
from referees.models import Assignment, MatchSheet

PER_PAGE = 50

# The list reads the same way whatever column it is sorted by: ties go by kick-off, undated matches last.
CHRONOLOGICAL = (F("date").asc(nulls_last=True), F("time").asc(nulls_last=True), "pk")


def office_match_queryset(organizers: list[Organizer]) -> QuerySet[Match]:
    """The organizers' matches with everything a row shows, in a fixed number of queries whatever the page size."""
    return (
        Match.objects.filter(category__championship__organizer__in=organizers)
        .select_related("category__championship", "home", "away", "venue", "walkover_winner", "sheet")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("referee").order_by("role", "pk"))
        )
        .order_by(*CHRONOLOGICAL)
    )


def is_public(match: Match) -> bool:
    # The public pages show every championship but drafts (`Championship.objects.public()`).
    return match.category.championship.status != Championship.Status.DRAFT


# --- Filters ----------------------------------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The browser's date picker reads and sends ISO dates whatever the page's language.
        super().__init__(attrs, format="%Y-%m-%d")


class OfficeMatchFilter(django_filters.FilterSet):
    championship = django_filters.ModelChoiceFilter(
        field_name="category__championship",
        label=gettext_lazy("Championship"),
        queryset=Championship.objects.none(),
        empty_label=gettext_lazy("All championships"),
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Category"), queryset=Category.objects.none(), empty_label=gettext_lazy("All categories")
    )
    round = django_filters.NumberFilter(label=gettext_lazy("Round"), min_value=0, decimal_places=0)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Match.Status.choices, empty_label=gettext_lazy("Any status")
    )
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=pgettext_lazy("date range", "From"), widget=DateInput
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=pgettext_lazy("date range", "To"), widget=DateInput
    )
    venue = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Venue"), queryset=Venue.objects.none(), empty_label=gettext_lazy("All venues")
    )
    team = django_filters.CharFilter(label=gettext_lazy("Team"), method="filter_team")
    without_referee = django_filters.BooleanFilter(
        label=gettext_lazy("Without referee"), method="filter_without_referee", widget=forms.CheckboxInput
    )

    class Meta:
        model = Match
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, organizers: list[Organizer], **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["championship"].queryset = Championship.objects.filter(organizer__in=organizers)
        self.filters["category"].queryset = (
            Category.objects.filter(championship__organizer__in=organizers)
            .select_related("championship")
            .order_by("championship__name", "name")
        )
        self.filters["venue"].queryset = Venue.objects.filter(organizer__in=organizers)

    def filter_team(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(home__name__icontains=value) | Q(away__name__icontains=value))

    def filter_without_referee(self, queryset, name, value):
        return queryset.filter(assignments__isnull=True) if value else queryset


# --- Table ------------------------------------------------------------------------------------------------------------


def _ordered(queryset, is_descending: bool, *fields):
    keys = [F(field).desc(nulls_last=True) if is_descending else F(field).asc(nulls_last=True) for field in fields]
    return queryset.order_by(*keys, *CHRONOLOGICAL), True


class OfficeMatchTable(tables.Table):
    """Rendered row by row in leagues/office_matches.html, so that one row can be swapped for its edit form."""

    # "When", not "Date": in Spanish both "Date" and "Round" are "Fecha".
    date = tables.Column(verbose_name=gettext_lazy("When"), empty_values=())
    category = tables.Column(verbose_name=gettext_lazy("Category"), empty_values=())
    round = tables.Column(verbose_name=gettext_lazy("Round"), empty_values=())
    teams = tables.Column(verbose_name=gettext_lazy("Match"), empty_values=(), orderable=False)
    venue = tables.Column(verbose_name=gettext_lazy("Venue"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=gettext_lazy("Status"), empty_values=())
    score = tables.Column(verbose_name=gettext_lazy("Score"), empty_values=(), orderable=False)
    referees = tables.Column(verbose_name=gettext_lazy("Referees"), empty_values=(), orderable=False)
    sheet = tables.Column(verbose_name=gettext_lazy("Match sheet"), empty_values=(), orderable=False)

    class Meta:
        order_by = "date"
        attrs = {"class": "office-table office-matches"}
        empty_text = gettext_lazy("No match matches these filters.")

    def order_date(self, queryset, is_descending):
        return _ordered(queryset, is_descending, "date", "time")

    def order_category(self, queryset, is_descending):
        return _ordered(queryset, is_descending, "category__championship__name", "category__name")

    def order_round(self, queryset, is_descending):
        return _ordered(queryset, is_descending, "round")

    def order_status(self, queryset, is_descending):
        return _ordered(queryset, is_descending, "status")

    def render_date(self, record):
        if record.date is None:
            return format_html('<span class="muted">{}</span>', _("no date"))
        day = formats.date_format(record.date, "SHORT_DATE_FORMAT")
        weekday = formats.date_format(record.date, "D")
        if record.time is None:
            return format_html("{} {}", weekday, day)
        return format_html("{} {}<br><small>{}</small>", weekday, day, formats.time_format(record.time))

    def render_category(self, record):
        return format_html(
            '{}<br><small class="muted">{}</small>', record.category.name, record.category.championship
        )

    def render_round(self, record):
        label = record.round_label or _("Round %(number)s") % {"number": record.round}
        if not is_public(record):
            return label
        url = reverse("leagues:fixtures", args=[record.category.championship.slug, record.category.slug])
        title = _("The round on the public fixtures page")
        return format_html('<a href="{}?{}" title="{}">{}</a>', url, urlencode({"round": record.round}), title, label)

    def render_teams(self, record):
        if not is_public(record):
            return format_html("{} – {}", record.home.name, record.away.name)
        args = [record.category.championship.slug, record.category.slug]
        return format_html(
            '<a href="{}">{}</a> – <a href="{}">{}</a>',
            reverse("leagues:team", args=[*args, record.home_id]),
            record.home.name,
            reverse("leagues:team", args=[*args, record.away_id]),
            record.away.name,
        )

    def render_venue(self, record):
        if record.venue is None:
            return format_html('<span class="muted">{}</span>', _("no venue"))
        return record.venue.name

    def render_status(self, record):
        badge = {
            Match.Status.PLAYED: "badge--ok",
            Match.Status.WALKOVER: "badge--ok",
            Match.Status.POSTPONED: "badge--warn",
            Match.Status.CANCELLED: "badge--bad",
        }.get(record.status, "badge--info")
        status = format_html('<span class="badge {}">{}</span>', badge, record.get_status_display())
        if record.status_note:
            return format_html('{}<br><small class="muted">{}</small>', status, record.status_note)
        return status

    def render_score(self, record):
        if record.status == Match.Status.WALKOVER:
            winner = record.walkover_winner.name if record.walkover_winner else ""
            return format_html("{}<br><small>{}</small>", pgettext("walkover, short", "W.O."), winner)
        if record.home_goals is None or record.away_goals is None:
            return "–"
        score = f"{record.home_goals}–{record.away_goals}"
        if record.home_penalties is not None and record.away_penalties is not None:
            penalties = _("(%(home)d–%(away)d pen.)") % {"home": record.home_penalties, "away": record.away_penalties}
            return format_html("{}<br><small>{}</small>", score, penalties)
        return score

    def render_referees(self, record):
        assignments = record.assignments.all()
        if not assignments:
            return format_html('<span class="badge badge--warn">{}</span>', _("no referee"))
        return format_html_join(
            "",
            '<span class="office-matches__referee">{}{}</span>',
            (
                (assignment.referee, "" if assignment.role == Assignment.Role.MAIN else f" ({_('assistant')})")
                for assignment in assignments
            ),
        )

    def render_sheet(self, record):
        sheet = getattr(record, "sheet", None)
        if sheet is None:
            return format_html('<span class="muted">{}</span>', _("none yet"))
        badge = {
            MatchSheet.Status.SUBMITTED: "badge--warn",
            MatchSheet.Status.APPROVED: "badge--ok",
            MatchSheet.Status.REOPENED: "badge--bad",
        }.get(sheet.status, "")
        return format_html(
            '<a class="badge {}" href="{}">{}</a>',
            badge,
            reverse("referees:sheet", args=[record.pk]),
            sheet.get_status_display(),
        )


# --- Inline edit ------------------------------------------------------------------------------------------------------


class RescheduleForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=DateInput(attrs={"autofocus": True}))
    time = forms.TimeField(
        label=gettext_lazy("Kick-off time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    venue = forms.ModelChoiceField(
        label=gettext_lazy("Venue"), queryset=Venue.objects.none(), required=False, empty_label=gettext_lazy("No venue")
    )

    def __init__(self, *args, match: Match, **kwargs):
        kwargs.setdefault("initial", {"date": match.date, "time": match.time, "venue": match.venue_id})
        # Two rows can be open for editing at once: their fields need distinct ids.
        super().__init__(*args, auto_id=f"match-{match.pk}-%s", **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(organizer_id=match.category.championship.organizer_id)


class PostponeForm(forms.Form):
    # Not required here: the service's own message ("give the reason…") is the one the office reads.
    reason = forms.CharField(
        label=gettext_lazy("Reason for postponing"),
        max_length=Match._meta.get_field("status_note").max_length,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
    )

    def __init__(self, *args, match: Match, **kwargs):
        super().__init__(*args, auto_id=f"match-{match.pk}-postpone-%s", **kwargs)
