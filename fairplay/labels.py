"""The words for fair-play scores: each breakdown line in a sentence a parent understands, the schemes, the modes.

Used by the public fair-play pages and meant for anything else that explains a score (certificates, the manual):
`describe(line)` turns a `scoring.Line` into (what, calculation, points), `format_points` writes a number the way
the active language does ("−1.4", "−1,4"). Call them while the reader's language is active (in a view or a
template), not at import time.
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from fairplay.models import SchemeMode, SchemePreset
from fairplay.scoring import Line, Scheme

MINUS = "\u2212"  # the minus sign, wider than a hyphen: reads better next to a plus

PRESET_LABELS = dict(SchemePreset.choices)
MODE_LABELS = dict(SchemeMode.choices)

# What a table of each preset ranks by, and how it is made: one sentence under the table.
PRESET_SENTENCES = {
    "youth": _(
        "Teams earn points for blue cards, for the ritual of sportsmanship and for their barra's good behaviour, "
        "and lose points for fouls, yellow and red cards and barra incidents. The table ranks teams by points per "
        "match, so a team that played fewer matches is not behind for that."
    ),
    "fifa": _(
        "Teams lose points for the yellow and red cards of their players and officials, one deduction per person "
        "and match (FIFA team conduct points). The table ranks teams by points per match: closest to zero first."
    ),
    "uefa": _(
        "Each match is assessed out of a maximum: cards (out of 10), positive play (out of 10), respect for the "
        "opponent, respect for the referee, the officials' and the spectators' behaviour (out of 5 each). "
        "The mark is the share of the maximum a team earned, out of 10."
    ),
}

MODE_SENTENCES = {
    "table": _("Here fair play has its own table, the Copa Fair Play; it does not change the standings."),
    "tiebreaker": _(
        "Here fair play has its own table, the Copa Fair Play, and it also decides between teams level in the "
        "standings."
    ),
    "points": _(
        "Here fair play has its own table, the Copa Fair Play, and its points are also added to the sports points "
        "(each fair-play point is worth %(weight)s sports points, rounded to the nearest point)."
    ),
}

# Short names of each line, for legends and lists (certificates: "Blue cards to players: 12").
LINE_LABELS = {
    "blue_player": _("Blue cards to players"),
    "blue_coach": _("Blue cards to the coaching staff"),
    "blue_barra": _("Blue cards to the barra"),
    "ritual_before": _("Ritual of sportsmanship before the match"),
    "ritual_after": _("Ritual of sportsmanship after the match"),
    "barra_rating": _("Barra's behaviour"),
    "foul": _("Fouls"),
    "yellow": _("Yellow cards to players"),
    "second_yellow": _("Second yellow cards to players"),
    "red": _("Direct red cards to players"),
    "coach_yellow": _("Yellow cards to the coaching staff"),
    "coach_red": _("Red cards to the coaching staff"),
    "barra_incident": _("Barra incidents"),
    "fifa_yellow": _("People booked"),
    "fifa_second_yellow": _("People sent off by a second yellow card"),
    "fifa_red": _("People sent off by a direct red card"),
    "fifa_yellow_red": _("People booked, then sent off by a direct red card"),
    "uefa_cards": _("Cards (10 minus the deductions)"),
    "positive_play": _("Positive play"),
    "respect_opponent": _("Respect for the opponent"),
    "respect_referee": _("Respect for the referee"),
    "officials_behaviour": _("Behaviour of the team officials"),
    "spectators_behaviour": _("Behaviour of the spectators"),
}

# The referee's 1–5 scale of the barra, as it reads inside a sentence.
BARRA_RATING_WORDS = {
    1: _("insults or aggression (1)"),
    2: _("disrespectful (2)"),
    3: _("acceptable (3)"),
    4: _("respectful (4)"),
    5: _("exemplary (5)"),
}


def _counted(code: str, n: int) -> str:
    # One ngettext call per code with literal strings, so that makemessages finds every plural.
    if code == "blue_player":
        return ngettext("%(count)s blue card to a player", "%(count)s blue cards to players", n)
    if code == "blue_coach":
        return ngettext("%(count)s blue card to the coaching staff", "%(count)s blue cards to the coaching staff", n)
    if code == "blue_barra":
        return ngettext("%(count)s blue card to the barra", "%(count)s blue cards to the barra", n)
    if code == "foul":
        return ngettext("%(count)s foul", "%(count)s fouls", n)
    if code == "yellow":
        return ngettext("%(count)s yellow card to a player", "%(count)s yellow cards to players", n)
    if code == "second_yellow":
        return ngettext(
            "%(count)s second yellow card to a player (on top of the first)",
            "%(count)s second yellow cards to players (on top of the first)", n,
        )
    if code == "red":
        return ngettext("%(count)s direct red card to a player", "%(count)s direct red cards to players", n)
    if code == "coach_yellow":
        return ngettext(
            "%(count)s yellow card to the coaching staff", "%(count)s yellow cards to the coaching staff", n
        )
    if code == "coach_red":
        return ngettext("%(count)s red card to the coaching staff", "%(count)s red cards to the coaching staff", n)
    if code == "barra_incident":
        return ngettext("%(count)s barra incident", "%(count)s barra incidents", n)
    if code == "fifa_yellow":
        return ngettext(
            "%(count)s person booked (one yellow card)", "%(count)s people booked (one yellow card each)", n
        )
    if code == "fifa_second_yellow":
        return ngettext(
            "%(count)s person sent off by a second yellow card", "%(count)s people sent off by a second yellow card", n
        )
    if code == "fifa_red":
        return ngettext(
            "%(count)s person sent off by a direct red card", "%(count)s people sent off by a direct red card", n
        )
    if code == "fifa_yellow_red":
        return ngettext(
            "%(count)s person booked, then sent off by a direct red card",
            "%(count)s people booked, then sent off by a direct red card", n,
        )
    raise KeyError(code)


def format_number(value: float) -> str:
    """A number in the active language, with the decimals it has (at most two): 4, 1.4, 2.67 — or 1,4 in Spanish."""
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    decimals = len(text.partition(".")[2])
    number = formats.number_format(round(abs(value), decimals), decimal_pos=decimals)
    return f"{MINUS}{number}" if value < 0 and text != "0" else number


def format_points(value: float, *, signed: bool = True) -> str:
    """Points with their sign, as a breakdown shows them: +4, −1.4, 0."""
    text = format_number(value)
    return f"+{text}" if signed and value > 0 and text != "0" else text


class LineText(NamedTuple):
    """A breakdown line in words: what happened, how it counts (may be empty), the points ("+4", "8 of 10")."""

    label: str
    calculation: str
    points: str
    reward: bool  # earned points (a blue card, the ritual, a good rating), as opposed to a deduction


def describe(line: Line) -> LineText:
    """One line of `scoring.breakdown` in words: ("2 blue cards to players", "2 × +2", "+4")."""
    code = line.code
    if line.maximum is not None:  # UEFA: a mark out of a maximum
        points = gettext("%(points)s of %(maximum)s") % {
            "points": format_number(line.points), "maximum": format_number(line.maximum),
        }
        return LineText(str(LINE_LABELS[code]), "", points, True)
    points = format_points(line.points)
    if code in ("ritual_before", "ritual_after"):
        return LineText(str(LINE_LABELS[code]), "", points, line.points >= 0)
    if code == "barra_rating":
        levels = int(line.count)
        words = BARRA_RATING_WORDS.get(levels + 3, str(levels + 3))
        label = gettext("Barra's behaviour: %(rating)s") % {"rating": words}
        if levels > 0:
            how = ngettext(
                "%(count)s level above acceptable × %(each)s", "%(count)s levels above acceptable × %(each)s", levels
            )
        else:
            how = ngettext(
                "%(count)s level below acceptable × %(each)s", "%(count)s levels below acceptable × %(each)s",
                -levels,
            )
        calculation = how % {"count": abs(levels), "each": format_points(line.each)}
        return LineText(label, calculation, points, line.points >= 0)
    count = int(line.count) if line.count == int(line.count) else line.count
    label = _counted(code, count) % {"count": format_number(count)}
    calculation = f"{format_number(count)} × {format_points(line.each)}" if line.each is not None else ""
    return LineText(label, calculation, points, line.points >= 0)


def mode_sentence(scheme: Scheme) -> str:
    """How fair play enters this competition, in one sentence."""
    sentence = str(MODE_SENTENCES[scheme.mode])
    if scheme.mode == "points":
        sentence = sentence % {"weight": format_number(scheme.weight)}
    return sentence
