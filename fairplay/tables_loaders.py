"""Reads for the public fair-play pages, each in a fixed number of queries.

The scores come from `fairplay.loaders` and `fairplay.scoring`; this module adds what the pages show around them:
team names, the team's played matches with their results, the blue cards a team received with their reasons, blue
cards per person. People are read by name fields only and leave as display names: no birth date or document number
is ever loaded here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from fairplay import loaders
from fairplay.models import BlueReason, Card, Colour, Recipient
from fairplay.scoring import CopaRow, MatchScore, Scheme, TeamMatch, TeamTotal, breakdown, copa_table, team_totals
from leagues.models import Coach, Match, Player, Team


@dataclass
class CategoryCopa:
    """A category's Copa Fair Play: its scheme, its teams, each team's matches and totals, the ranked rows."""

    category: object
    scheme: Scheme
    teams: dict[int, Team]
    team_matches: list[TeamMatch]
    totals: dict[int, TeamTotal]
    rows: list[CopaRow]


def load_copa(categories) -> dict[int, CategoryCopa]:
    """The Copa Fair Play of each category in four queries (teams, matches, cards and conduct, schemes).

    Categories must come with their championship (`select_related("championship")`). Teams come with their barra.
    """
    categories = list(categories)
    ids = [c.pk for c in categories]
    teams: dict[int, dict[int, Team]] = {pk: {} for pk in ids}
    for team in Team.objects.filter(category_id__in=ids).select_related("barra").order_by("name", "pk"):
        teams[team.category_id][team.pk] = team
    by_category = loaders.team_matches(ids, match_rows=loaders.matches(ids))
    schemes = loaders.schemes(categories)
    copas = {}
    for category in categories:
        scheme, category_teams = schemes[category.pk], teams[category.pk]
        totals = team_totals(by_category[category.pk], scheme, teams=category_teams)
        names = {pk: team.name for pk, team in category_teams.items()}
        copas[category.pk] = CategoryCopa(
            category, scheme, category_teams, by_category[category.pk], totals, copa_table(totals.values(), names)
        )
    return copas


# --- One team's season --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlueCardRow:
    match: int
    minute: str  # "23'", "45+2'"
    recipient: str  # Recipient value
    name: str  # the player's display name, the coach's, or "" (the barra, an unnamed coach)
    reason_code: str
    note: str  # the referee's words, for a reason the list does not have

    @property
    def reason_label(self) -> str:
        return BlueReason(self.reason_code).label if self.reason_code in BlueReason.values else ""


@dataclass
class PlayedMatch:
    """A played match seen from one team, with its fair-play score."""

    pk: int
    round: int
    round_label: str
    date: datetime.date | None
    opponent: str
    home: bool
    goals_for: int
    goals_against: int
    score: MatchScore
    conduct: TeamMatch
    blue_cards: list[BlueCardRow] = field(default_factory=list)

    @property
    def result(self) -> str:
        """"won", "drawn" or "lost"."""
        if self.goals_for > self.goals_against:
            return "won"
        return "drawn" if self.goals_for == self.goals_against else "lost"

    @property
    def has_sheet(self) -> bool:
        """Whether a match sheet (or the office) recorded the team's conduct: without it only the cards count."""
        return self.conduct.fouls is not None


def _display_name(model, given_names: str | None, surnames: str | None) -> str:
    if given_names is None:
        return ""
    # An unsaved instance, for the one rule of what a public page may show of a name.
    return model(given_names=given_names, surnames=surnames or "").display_name


def blue_cards_received(team_ids) -> dict[int, list[BlueCardRow]]:
    """The blue cards of played matches that the teams received, per match, in minute order: one query."""
    rows = (
        Card.objects.filter(team_id__in=list(team_ids), colour=Colour.BLUE, match__status=Match.Status.PLAYED)
        .order_by("match_id", "minute", "added_time", "pk")
        .values_list(
            "match_id", "minute", "added_time", "recipient", "reason_code", "reason",
            "player__given_names", "player__surnames", "coach__given_names", "coach__surnames",
        )
    )
    by_match: dict[int, list[BlueCardRow]] = defaultdict(list)
    for match_id, minute, added, recipient, code, note, p_given, p_sur, c_given, c_sur in rows:
        name = _display_name(Player, p_given, p_sur) or _display_name(Coach, c_given, c_sur)
        by_match[match_id].append(
            BlueCardRow(match_id, f"{minute}+{added}'" if added else f"{minute}'", recipient, name, code, note)
        )
    return by_match


@dataclass
class TeamSeason:
    team: Team
    scheme: Scheme
    matches: list[PlayedMatch]
    total: TeamTotal
    position: int | None  # in the category's Copa Fair Play; None before the team's first match


def load_team_season(category, team: Team) -> TeamSeason:
    """A team's played matches with each one's fair-play breakdown and blue cards: four queries (matches with the
    opponents' names, cards and conduct, the scheme, blue cards). `category` must come with its championship."""
    match_rows = list(
        Match.objects.filter(category=category, status=Match.Status.PLAYED)
        .order_by("round", "date", "pk")
        .values_list(
            "pk", "category_id", "home_id", "away_id", "round", "date",
            "home_goals", "away_goals", "round_label", "home__name", "away__name",
        )
    )
    # The whole category's matches go to the loader: the team's position in the Copa needs every team's totals.
    by_category = loaders.team_matches([category.pk], match_rows=[row[:6] for row in match_rows])
    scheme = loaders.schemes([category])[category.pk]
    all_team_matches = by_category[category.pk]
    totals = team_totals(all_team_matches, scheme, teams=[team.pk])
    position = next(
        (row.position for row in copa_table(totals.values()) if row.total.team == team.pk and row.total.matches),
        None,
    )
    conduct = {tm.match: tm for tm in all_team_matches if tm.team == team.pk}
    cards = blue_cards_received([team.pk])
    played = []
    for pk, _cat, home, away, rnd, date, home_goals, away_goals, label, home_name, away_name in match_rows:
        if team.pk not in (home, away):
            continue
        is_home = home == team.pk
        tm = conduct[pk]
        played.append(
            PlayedMatch(
                pk=pk, round=rnd, round_label=label, date=date, opponent=away_name if is_home else home_name,
                home=is_home, goals_for=home_goals if is_home else away_goals,
                goals_against=away_goals if is_home else home_goals, score=breakdown(tm, scheme), conduct=tm,
                blue_cards=cards.get(pk, []),
            )
        )
    return TeamSeason(team, scheme, played, totals[team.pk], position)


# --- Blue cards per person ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonCards:
    recipient: str  # "player" or "coach"
    person: int | None  # None: a team's coach the referee did not name
    team: int
    name: str  # display name
    blue_cards: int


def blue_cards_per_person(category_ids) -> list[PersonCards]:
    """Blue cards of played matches per player and per coach (and team), most first: one query."""
    rows = (
        Card.objects.filter(
            match__category_id__in=list(category_ids), match__status=Match.Status.PLAYED, colour=Colour.BLUE,
            recipient__in=[Recipient.PLAYER, Recipient.COACH],
        )
        .values_list(
            "recipient", "player_id", "coach_id", "team_id",
            "player__given_names", "player__surnames", "coach__given_names", "coach__surnames",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    people = [
        PersonCards(
            recipient, player or coach, team,
            _display_name(Player, p_given, p_sur) if recipient == Recipient.PLAYER
            else _display_name(Coach, c_given, c_sur),
            n,
        )
        for recipient, player, coach, team, p_given, p_sur, c_given, c_sur, n in rows
    ]
    return sorted(people, key=lambda p: (-p.blue_cards, p.name, p.team, p.person or 0))
