"""The sanctions page's tables. The page writes their markup itself (it adds a form to each row); the tables give the
columns, the cells, the sorting and the paging, and `configure` the addresses of their links."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

import django_tables2 as tables

PER_PAGE = 25


def user_name(user) -> str:
    if user is None:
        return _("someone no longer registered")
    return user.get_full_name() or user.get_username()


def _url(base_url: str, params: QueryDict) -> str:
    return f"{base_url}?{params.urlencode()}" if params else base_url


def configure(table: tables.Table, params: QueryDict, *, base_url: str, per_page: int = PER_PAGE) -> None:
    """Sort and paginate `table` from `params` (the list's query string, which after a POST comes from `next`), and
    give it the addresses of its sort headers and pager, each keeping the other parameters (the filters)."""
    order = params.get(table.prefixed_order_by_field)
    if order:
        table.order_by = order  # tables2 ignores a column that does not exist or cannot be sorted
    try:
        table.paginate(page=params.get(table.prefixed_page_field) or 1, per_page=per_page)
    except PageNotAnInteger:
        table.paginate(page=1, per_page=per_page)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, per_page=per_page)

    def with_params(**changes) -> str:
        query = params.copy()
        for key, value in changes.items():
            query.pop(key, None)
            if value is not None:
                query[key] = value
        return _url(base_url, query)

    table.header_links = [
        (column, with_params(**{table.prefixed_order_by_field: column.order_by_alias.next,
                                table.prefixed_page_field: None}) if column.orderable else "")
        for column in table.columns
    ]
    page = table.page
    table.previous_url = with_params(**{table.prefixed_page_field: str(page.number - 1)}) if page.has_previous() else ""
    table.next_url = with_params(**{table.prefixed_page_field: str(page.number + 1)}) if page.has_next() else ""
    table.list_url = with_params()


class SuspensionTable(tables.Table):
    player = tables.Column(verbose_name=gettext_lazy("Player"), order_by=("player__surnames", "player__given_names"))
    team = tables.Column(verbose_name=gettext_lazy("Team"), order_by=("team__name",))
    category = tables.Column(
        verbose_name=gettext_lazy("Category"), accessor="team__category",
        order_by=("team__category__championship__name", "team__category__name"),
    )
    cause = tables.Column(verbose_name=gettext_lazy("Cause"))
    created_at = tables.Column(verbose_name=gettext_lazy("Recorded"))
    matches = tables.Column(verbose_name=gettext_lazy("Matches to serve"), orderable=False, empty_values=())
    reason = tables.Column(verbose_name=gettext_lazy("Reason"), orderable=False, empty_values=())

    class Meta:
        prefix = "s-"
        empty_text = gettext_lazy("No suspension matches these filters.")

    def __init__(self, data, *, matches_left: dict[int, int] | None = None, **kwargs):
        super().__init__(data, **kwargs)
        # Filled in by the view once the page's rows are known (see sanctions_views.matches_left).
        self.matches_left = matches_left or {}

    def render_category(self, value) -> str:
        return f"{value.name} · {value.championship.name}"

    def render_cause(self, value, record) -> str:
        match = record.origin_match
        if match is None:
            return value
        when = formats.date_format(match.date, "SHORT_DATE_FORMAT") if match.date else _("no date")
        return format_html('{}<br><span class="muted">{} – {}, {}</span>', value, match.home, match.away, when)

    def render_created_at(self, value) -> str:
        return formats.date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")

    def render_matches(self, record) -> str:
        if record.lifted_at is not None:
            return format_html('<span class="badge">{}</span>', _("lifted"))
        left = self.matches_left.get(record.pk, 0)
        if left <= 0:
            return format_html(
                '<span class="badge badge--ok">{}</span>',
                ngettext("served (%(total)d match)", "served (%(total)d matches)", record.matches)
                % {"total": record.matches},
            )
        return format_html(
            '<span class="badge badge--warn">{}</span>',
            ngettext("%(left)d of %(total)d left", "%(left)d of %(total)d left", record.matches)
            % {"left": left, "total": record.matches},
        )

    def render_reason(self, record) -> str:
        reason = record.reason or "—"
        if record.starts_on:
            start = _("From %(date)s.") % {"date": formats.date_format(record.starts_on, "SHORT_DATE_FORMAT")}
            reason = format_html('{}<br><span class="muted">{}</span>', reason, start)
        if record.lifted_at is None:
            return reason
        lifted = _("Lifted by %(user)s on %(date)s: %(reason)s") % {
            "user": user_name(record.lifted_by),
            "date": formats.date_format(timezone.localtime(record.lifted_at), "SHORT_DATE_FORMAT"),
            "reason": record.lift_reason,
        }
        return format_html('{}<br><span class="lifted-note">{}</span>', reason, lifted)


class AdjustmentTable(tables.Table):
    date = tables.Column(verbose_name=gettext_lazy("Date"))
    team = tables.Column(verbose_name=gettext_lazy("Team"), order_by=("team__name",))
    points = tables.Column(verbose_name=gettext_lazy("Points"), attrs={"th": {"class": "num"}, "td": {"class": "num"}})
    reason = tables.Column(verbose_name=gettext_lazy("Reason"), orderable=False)
    created_by = tables.Column(verbose_name=gettext_lazy("Recorded by"), orderable=False, empty_values=())

    class Meta:
        prefix = "a-"
        empty_text = gettext_lazy("No point adjustment matches these filters.")

    def render_date(self, value) -> str:
        return formats.date_format(value, "SHORT_DATE_FORMAT")

    def render_team(self, value, record) -> str:
        category = record.team.category
        return format_html(
            '{}<br><span class="muted">{} · {}</span>', value, category.name, category.championship.name
        )

    def render_points(self, value) -> str:
        # A real minus sign: a hyphen before a number is easy to miss.
        return f"+{value}" if value > 0 else f"−{abs(value)}"

    def render_created_by(self, record) -> str:
        return format_html(
            '{}<br><span class="muted">{}</span>',
            user_name(record.created_by), formats.date_format(timezone.localtime(record.created_at), "SHORT_DATE_FORMAT"),
        )
