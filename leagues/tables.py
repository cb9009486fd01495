from __future__ import annotations

import re

import django_tables2 as tables
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")


def safe_colour(value: str, default: str = "#94a3b8") -> str:
    """A team colour fit for a style attribute: the field has no validator, so anything else falls back."""
    return value if _HEX_COLOUR.fullmatch(value or "") else default


def format_fair_play(value: float) -> str:
    """Fair-play totals come in whole or half points; show decimals only when there are some."""
    if value == int(value):
        return formats.number_format(int(value))
    return formats.number_format(value, decimal_pos=1)


def _stat(header, title, **kwargs):
    # Short headers keep the table narrow on a phone; the title spells them out for screen readers and hover.
    attrs = {"th": {"title": title, "class": "num"}, "td": {"class": "num"}}
    return tables.Column(verbose_name=header, attrs=attrs, **kwargs)


class StandingsTable(tables.Table):
    """The table of a category; rows are dicts built from the standings loader, sorted in Python."""

    position = tables.Column(
        verbose_name=pgettext_lazy("standings column", "#"),
        attrs={"th": {"title": _("Position"), "class": "pos"}, "td": {"class": "pos"}},
    )
    team = tables.Column(
        verbose_name=_("Team"),
        accessor="team_name",
        attrs={"th": {"class": "team"}, "td": {"class": "team"}},
    )
    played = _stat(pgettext_lazy("standings column: matches played", "P"), _("Played"))
    won = _stat(pgettext_lazy("standings column: won", "W"), _("Won"))
    drawn = _stat(pgettext_lazy("standings column: drawn", "D"), _("Drawn"))
    lost = _stat(pgettext_lazy("standings column: lost", "L"), _("Lost"))
    goals_for = _stat(pgettext_lazy("standings column: goals for", "GF"), _("Goals for"))
    goals_against = _stat(pgettext_lazy("standings column: goals against", "GA"), _("Goals against"))
    goal_difference = _stat(pgettext_lazy("standings column: goal difference", "GD"), _("Goal difference"))
    points = tables.Column(
        verbose_name=pgettext_lazy("standings column: points", "Pts"),
        attrs={"th": {"title": _("Points"), "class": "num pts"}, "td": {"class": "num pts"}},
    )
    fair_play = _stat(pgettext_lazy("standings column: fair-play points", "FP"), _("Fair-play points"))

    class Meta:
        # Points right after the team: on a phone the first columns are the ones seen without scrolling.
        sequence = ("position", "team", "points", "...")
        template_name = "leagues/standings_table.html"
        order_by = "position"
        attrs = {"class": "standings"}
        empty_text = _("No teams yet.")

    # Columns whose first click sorts biggest first (see leagues/standings_table.html).
    descending_first = frozenset(
        {"played", "won", "drawn", "lost", "goals_for", "goals_against", "goal_difference", "points", "fair_play"}
    )

    def render_team(self, value, record):
        return format_html(
            '<a href="{}"><span class="swatch" style="--c1:{};--c2:{}" aria-hidden="true"></span>'
            '<span class="team__name">{}</span></a>',
            record["url"],
            record["primary_colour"],
            record["secondary_colour"],
            value,
        )

    def render_goal_difference(self, value):
        return f"+{value}" if value > 0 else str(value)

    def render_fair_play(self, value):
        return format_fair_play(value)


def standings_rows(standings, team_url) -> list[dict]:
    """Plain dicts for the table from the loader's `TeamStanding`s; `team_url(team)` builds each link."""
    rows = []
    for standing in standings:
        team, row = standing.team, standing.row
        rows.append(
            {
                "position": row.position,
                "team_name": team.name,
                "url": team_url(team),
                "primary_colour": safe_colour(team.primary_colour),
                "secondary_colour": safe_colour(team.secondary_colour),
                "played": row.played,
                "won": row.won,
                "drawn": row.drawn,
                "lost": row.lost,
                "goals_for": row.goals_for,
                "goals_against": row.goals_against,
                "goal_difference": row.goal_difference,
                "points": row.points,
                "fair_play": row.fair_play,
                "adjustment": row.adjustment,
            }
        )
    return rows
