"""Business actions on fixtures, matches and rosters: the writes that touch several rows or models.

Each function is keyword-only and atomic (house style rule 4). The fixture engine (`leagues.fixtures`) and the
standings engine (`leagues.standings`) stay pure; this module feeds them plain data and saves what they return.
Every refusal is a translatable `ValidationError` meant to be shown to the office as it is.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fairplay import loaders as fair_play_loaders
from leagues import fixtures
from leagues.cache import public_pages_changed
from leagues.models import Category, Match, Player, PointAdjustment, RosterEntry, Team, Venue
from leagues.standings import Adjustment, Result, compute_standings, fair_play_entry

UNPLAYED = (Match.Status.SCHEDULED, Match.Status.POSTPONED)
DONE = (Match.Status.PLAYED, Match.Status.WALKOVER)


# --- Fixtures ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FixturePlan:
    """What `fixtures_generate` would write, computed without writing: the preview of the wizard."""

    category: Category
    stage: str
    groups: dict[int, str]  # team id -> group letter, for a group stage; empty otherwise
    scheduled: list[fixtures.Scheduled]


def fixtures_plan(
    *,
    category: Category,
    dates: Iterable[datetime.date],
    times: Iterable[datetime.time],
    venues: Iterable[Venue],
    double: bool | None = None,
) -> FixturePlan:
    """The category's league or group-stage fixture as `fixtures_generate` would save it, without saving anything.

    Raises the same `ValidationError`s as `fixtures_generate`.
    """
    teams = list(category.teams.order_by("pk"))
    if len(teams) < 2:
        raise ValidationError(
            _("A fixture needs at least two teams; %(category)s has %(count)d.")
            % {"category": category.name, "count": len(teams)}
        )
    if category.matches.filter(stage=Match.Stage.KNOCKOUT).exclude(status__in=UNPLAYED).exists():
        raise ValidationError(
            _("The knockout stage of %(category)s has started; its fixture can no longer be regenerated.")
            % {"category": category.name}
        )
    dates, times, venue_ids = _calendar(category, dates, times, venues)

    groups: dict[int, str] = {}
    if category.format == Category.Format.GROUPS_KNOCKOUT:
        group_lists = _plan_groups(category, teams)
        letters = [chr(ord("A") + index) for index in range(len(group_lists))]
        groups = {team: letter for letter, members in zip(letters, group_lists) for team in members}
        pairings = [pairing for _index, pairing in fixtures.group_stage(group_lists, double=bool(double))]
        stage = Match.Stage.GROUP
    else:
        is_double = category.format == Category.Format.DOUBLE_ROUND_ROBIN if double is None else double
        pairings = fixtures.round_robin([team.pk for team in teams], double=is_double)
        stage = Match.Stage.LEAGUE

    kept = category.matches.exclude(status__in=UNPLAYED).exclude(stage=Match.Stage.KNOCKOUT)
    remaining = fixtures.regenerate_plan(kept.values_list("home_id", "away_id"), pairings)
    scheduled = _schedule(remaining, dates=dates, times=times, venue_ids=venue_ids)
    return FixturePlan(category=category, stage=stage, groups=groups, scheduled=scheduled)


@transaction.atomic
def fixtures_generate(
    *,
    category: Category,
    dates: Iterable[datetime.date],
    times: Iterable[datetime.time],
    venues: Iterable[Venue],
    double: bool | None = None,
) -> list[Match]:
    """(Re)generate the category's league or group-stage fixture and return the matches created.

    Played, walkover and cancelled matches are kept and their pairings are not created again; scheduled and
    postponed matches (and any unplayed knockout tie, which depends on the groups) are deleted and recreated.
    The k-th round still to play goes to the k-th date. `double` overrides the category's format (for groups,
    it makes each group a double round robin). Teams are seeded in registration order.
    """
    category = _locked(category)
    plan = fixtures_plan(category=category, dates=dates, times=times, venues=venues, double=double)
    return fixtures_save(plan=plan)


@transaction.atomic
def fixtures_save(*, plan: FixturePlan) -> list[Match]:
    """Write a plan (possibly adjusted by the office): the groups it drew, and its matches in place of the unplayed ones."""
    public_pages_changed()  # the bulk writes below send no signals (leagues/cache.py)
    category = _locked(plan.category)
    teams = list(category.teams.all())
    changed = []
    for team in teams:
        group = plan.groups.get(team.pk, "")
        if team.group != group:
            team.group = group
            changed.append(team)
    Team.objects.bulk_update(changed, ["group"])
    category.matches.filter(status__in=UNPLAYED).delete()
    return Match.objects.bulk_create(
        Match(
            category=category,
            round=item.pairing.round,
            stage=plan.stage,
            home_id=item.pairing.home,
            away_id=item.pairing.away,
            venue_id=item.venue,
            date=item.kickoff.date(),
            time=item.kickoff.time(),
        )
        for item in plan.scheduled
    )


@transaction.atomic
def knockout_generate(
    *,
    category: Category,
    dates: Iterable[datetime.date],
    times: Iterable[datetime.time],
    venues: Iterable[Venue],
) -> list[Match]:
    """Create the next knockout round of a groups-then-knockout category and return its matches.

    The first round crosses the top `qualifiers_per_group` of each group (ranked by the championship's rules);
    each later round pairs the winners of the previous one in bracket order. Refused while the group stage or
    the previous round is unfinished, and once the final is played.
    """
    public_pages_changed()  # the bulk writes below send no signals (leagues/cache.py)
    category = _locked(category)
    if category.format != Category.Format.GROUPS_KNOCKOUT:
        raise ValidationError(
            _("%(category)s is not played as groups then knockout.") % {"category": category.name}
        )
    group_matches = category.matches.filter(stage=Match.Stage.GROUP)
    last_group_round = max(group_matches.values_list("round", flat=True), default=None)
    if last_group_round is None:
        raise ValidationError(_("Generate the group stage of %(category)s first.") % {"category": category.name})
    pending = group_matches.unplayed().count()
    if pending:
        raise ValidationError(
            _("The group stage of %(category)s is not finished: %(count)d matches are still to be played.")
            % {"category": category.name, "count": pending}
        )

    knockout = list(
        category.matches.filter(stage=Match.Stage.KNOCKOUT).select_related("home", "away").order_by("round", "pk")
    )
    if not knockout:
        ties = _first_knockout_round(category)
        number = last_group_round + 1
    else:
        last_round = knockout[-1].round
        # Ties were created in bracket order, so primary keys keep it.
        previous = [match for match in knockout if match.round == last_round]
        if any(match.status in UNPLAYED for match in previous):
            raise ValidationError(
                _("Round %(round)d of the knockout is not finished yet.") % {"round": last_round}
            )
        winners = [_knockout_winner(match) for match in previous]
        if len(winners) == 1:
            champion = Team.objects.get(pk=winners[0])
            raise ValidationError(
                _("The final has been played: %(team)s is the champion.") % {"team": champion.name}
            )
        ties = fixtures.next_knockout_round(winners)
        number = last_round + 1

    dates, times, venue_ids = _calendar(category, dates, times, venues)
    pairings = [fixtures.Pairing(number, home, away) for home, away in ties]
    scheduled = _schedule(pairings, dates=dates, times=times, venue_ids=venue_ids)
    label = _knockout_label(len(ties))
    return Match.objects.bulk_create(
        Match(
            category=category,
            round=number,
            round_label=label,
            stage=Match.Stage.KNOCKOUT,
            home_id=item.pairing.home,
            away_id=item.pairing.away,
            venue_id=item.venue,
            date=item.kickoff.date(),
            time=item.kickoff.time(),
        )
        for item in scheduled
    )


def group_standings(category: Category) -> dict[str, list[int]]:
    """Each group's team ids, best first, from the group-stage matches under the championship's rules."""
    championship = category.championship
    teams = list(category.teams.exclude(group="").order_by("pk"))
    groups: dict[str, list[Team]] = {}
    for team in teams:
        groups.setdefault(team.group, []).append(team)

    matches = list(
        category.matches.filter(stage=Match.Stage.GROUP, status__in=DONE)
        .order_by()
        .values_list("pk", "home_id", "away_id", "home_goals", "away_goals", "round", "date", "status",
                     "walkover_winner_id")
    )
    played = [
        (pk, category.pk, home, away, number, date)
        for pk, home, away, _hg, _ag, number, date, status, _winner in matches
        if status == Match.Status.PLAYED
    ]
    rules, fair_play, bonus = fair_play_entry(
        championship.engine_rules(),
        fair_play_loaders.schemes([category])[category.pk],
        fair_play_loaders.team_matches([category.pk], match_rows=played)[category.pk],
        [team.pk for team in teams],
    )
    adjustments = [
        Adjustment(team_id, points, date)
        for team_id, points, date in PointAdjustment.objects.filter(team__category=category)
        .order_by()
        .values_list("team_id", "points", "date")
    ]
    adjustments += bonus

    table: dict[str, list[int]] = {}
    for letter in sorted(groups):
        members = {team.pk for team in groups[letter]}
        results = [
            Result(
                home=home,
                away=away,
                home_goals=home_goals or 0,
                away_goals=away_goals or 0,
                round=number,
                date=date,
                walkover_winner=winner if status == Match.Status.WALKOVER else None,
            )
            for pk, home, away, home_goals, away_goals, number, date, status, winner in matches
            if home in members and away in members
        ]
        rows = compute_standings(
            [team.pk for team in groups[letter]],
            results,
            rules=rules,
            adjustments=[adjustment for adjustment in adjustments if adjustment.team in members],
            fair_play_adjustments={team: value for team, value in fair_play.items() if team in members},
            lots={team.pk: team.lot for team in groups[letter] if team.lot is not None},
        )
        table[letter] = [row.team for row in rows]
    return table


def _first_knockout_round(category: Category) -> list[tuple[int, int]]:
    table = group_standings(category)
    per_group = category.qualifiers_per_group
    total = per_group * len(table)
    if per_group < 1 or total < 2 or total & (total - 1):
        raise ValidationError(
            _(
                "%(count)d qualified teams (%(per_group)d per group in %(groups)d groups) cannot make a knockout "
                "bracket: it needs 2, 4, 8 or 16 teams."
            )
            % {"count": total, "per_group": per_group, "groups": len(table)}
        )
    for letter, order in table.items():
        if len(order) < per_group:
            raise ValidationError(
                _("Group %(group)s has %(count)d teams, fewer than the %(per_group)d that qualify.")
                % {"group": letter, "count": len(order), "per_group": per_group}
            )
    return fixtures.knockout_pairs([order[:per_group] for order in table.values()])


def _knockout_winner(match: Match) -> int:
    if match.status == Match.Status.WALKOVER:
        return match.walkover_winner_id
    if match.status == Match.Status.CANCELLED:
        raise ValidationError(
            _("%(match)s was cancelled: award it as a walkover to decide who goes through.") % {"match": match}
        )
    winner = _winner_of(match.home_id, match.away_id, match.home_goals, match.away_goals,
                        match.home_penalties, match.away_penalties)
    if winner is None:
        raise ValidationError(
            _("%(match)s ended level: record the penalty shoot-out to decide who goes through.") % {"match": match}
        )
    return winner


def _winner_of(home, away, home_goals, away_goals, home_penalties, away_penalties):
    if home_goals is None or away_goals is None:
        return None
    if home_goals != away_goals:
        return home if home_goals > away_goals else away
    if home_penalties is None or away_penalties is None or home_penalties == away_penalties:
        return None
    return home if home_penalties > away_penalties else away


def _knockout_label(ties: int) -> str:
    if ties == 1:
        return _("Final")
    if ties == 2:
        return _("Semi-finals")
    if ties == 4:
        return _("Quarter-finals")
    return _("Round of %(teams)d") % {"teams": 2 * ties}


def _locked(category: Category) -> Category:
    # Two office users generating at once would each delete the other's new matches; the row lock serialises them.
    return Category.objects.select_for_update(of=("self",)).select_related("championship").get(pk=category.pk)


def _plan_groups(category: Category, teams: list[Team]) -> list[list[int]]:
    count = category.group_count
    if not 1 <= count <= 26:
        raise ValidationError(_("The number of groups must be between 1 and 26."))
    letters = [chr(ord("A") + index) for index in range(count)]
    if len(teams) < 2 * count:
        raise ValidationError(
            _("%(groups)d groups need at least %(needed)d teams; %(category)s has %(count)d.")
            % {"groups": count, "needed": 2 * count, "category": category.name, "count": len(teams)}
        )
    # A draw made by the office (every team given one of the groups, two or more per group) is respected;
    # otherwise the teams are dealt in registration order.
    sizes = Counter(team.group for team in teams)
    if set(sizes) == set(letters) and min(sizes.values()) >= 2:
        return [[team.pk for team in teams if team.group == letter] for letter in letters]
    return [[team.pk for team in members] for members in fixtures.split_groups(teams, count)]


def _calendar(category, dates, times, venues) -> tuple[list[datetime.date], list[datetime.time], list[int]]:
    dates = sorted(set(dates))
    times = sorted(set(times))
    venue_ids = list(dict.fromkeys(venue.pk for venue in venues))
    if not times:
        raise ValidationError(_("Give at least one kick-off time."))
    if not venue_ids:
        raise ValidationError(_("Give at least one venue."))
    organizer_id = category.championship.organizer_id
    if Venue.objects.filter(pk__in=venue_ids).exclude(organizer_id=organizer_id).exists():
        raise ValidationError(_("Every venue must belong to the championship's organizer."))
    return dates, times, venue_ids


def _schedule(pairings: Sequence[fixtures.Pairing], *, dates, times, venue_ids) -> list[fixtures.Scheduled]:
    if not pairings:
        return []
    per_round = Counter(pairing.round for pairing in pairings)
    if len(dates) < len(per_round):
        raise ValidationError(
            _("Not enough match days: %(rounds)d rounds to schedule and %(dates)d dates given.")
            % {"rounds": len(per_round), "dates": len(dates)}
        )
    slots = len(times) * len(venue_ids)
    number, busiest = max(per_round.items(), key=lambda item: (item[1], -item[0]))
    if busiest > slots:
        raise ValidationError(
            _(
                "Round %(round)d has %(matches)d matches but a match day has only %(slots)d slots "
                "(%(times)d kick-off times × %(venues)d venues)."
            )
            % {"round": number, "matches": busiest, "slots": slots, "times": len(times), "venues": len(venue_ids)}
        )
    try:
        return fixtures.assign_slots(pairings, dates=dates, times=times, venues=venue_ids)
    except fixtures.FixtureError as error:  # pragma: no cover - the checks above catch what the office can cause
        raise ValidationError(_("The fixture cannot be generated: %(reason)s") % {"reason": error}) from error


# --- Matches ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def match_postpone(*, match: Match, reason: str) -> Match:
    """Mark an unplayed match postponed; the pairing, round and former date stay until it is rescheduled."""
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for postponing the match."))
    if match.is_played:
        raise ValidationError(_("%(match)s has already been played; it cannot be postponed.") % {"match": match})
    match.status = Match.Status.POSTPONED
    match.status_note = reason.strip()
    match.save(update_fields=["status", "status_note"])
    return match


@transaction.atomic
def match_reschedule(*, match: Match, date: datetime.date, time: datetime.time | None, venue: Venue | None) -> Match:
    """Give a match a new day, kick-off and venue; it is scheduled again (a cancelled match is reinstated)."""
    if match.is_played:
        raise ValidationError(
            _("%(match)s has already been played; it cannot be rescheduled.") % {"match": match}
        )
    if date is None:
        raise ValidationError(_("Give the new date of the match."))
    if venue is not None and venue.organizer_id != match.category.championship.organizer_id:
        raise ValidationError(_("Every venue must belong to the championship's organizer."))
    match.date, match.time, match.venue = date, time, venue
    match.status = Match.Status.SCHEDULED
    match.status_note = ""
    match.save(update_fields=["date", "time", "venue", "status", "status_note"])
    return match


@transaction.atomic
def match_record_result(
    *,
    match: Match,
    home_goals: int,
    away_goals: int,
    home_penalties: int | None = None,
    away_penalties: int | None = None,
) -> Match:
    """Record (or correct) the final score; penalties only decide a drawn knockout match."""
    for value in (home_goals, away_goals):
        if not _is_count(value):
            raise ValidationError(_("Goals must be whole numbers, zero or more."))
    penalties = (home_penalties, away_penalties)
    if penalties != (None, None):
        if match.stage != Match.Stage.KNOCKOUT or home_goals != away_goals:
            raise ValidationError(_("Penalties are only recorded for a knockout match that ended level."))
        if not all(_is_count(value) for value in penalties):
            raise ValidationError(_("Penalties must be whole numbers, zero or more, for both teams."))
        if home_penalties == away_penalties:
            raise ValidationError(_("A penalty shoot-out cannot end level."))
    _guard_knockout_winner(
        match, _winner_of(match.home_id, match.away_id, home_goals, away_goals, home_penalties, away_penalties)
    )
    match.home_goals, match.away_goals = home_goals, away_goals
    match.home_penalties, match.away_penalties = penalties
    match.walkover_winner = None
    match.status = Match.Status.PLAYED
    match.save(update_fields=["home_goals", "away_goals", "home_penalties", "away_penalties", "walkover_winner",
                              "status"])
    return match


@transaction.atomic
def match_record_walkover(*, match: Match, winner: Team) -> Match:
    """Award the match to `winner` (the other team did not show up); the score comes from the championship's rules."""
    if winner is None or winner.pk not in (match.home_id, match.away_id):
        raise ValidationError(_("The walkover must go to one of the two teams."))
    _guard_knockout_winner(match, winner.pk)
    match.walkover_winner = winner
    match.home_goals = match.away_goals = match.home_penalties = match.away_penalties = None
    match.status = Match.Status.WALKOVER
    match.save(update_fields=["walkover_winner", "home_goals", "away_goals", "home_penalties", "away_penalties",
                              "status"])
    return match


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _guard_knockout_winner(match: Match, new_winner: int | None) -> None:
    # The next round is drawn from this match's winner: changing who went through would leave it wrong.
    if match.stage != Match.Stage.KNOCKOUT:
        return
    later = Match.objects.filter(category_id=match.category_id, stage=Match.Stage.KNOCKOUT, round__gt=match.round)
    if not later.exists():
        return
    current = Match.objects.get(pk=match.pk)
    old_winner = (
        current.walkover_winner_id
        if current.status == Match.Status.WALKOVER
        else _winner_of(current.home_id, current.away_id, current.home_goals, current.away_goals,
                        current.home_penalties, current.away_penalties)
    )
    if new_winner != old_winner:
        raise ValidationError(
            _("The next knockout round is already drawn with this match's winner; delete it before changing who "
              "went through.")
        )


# --- Sanctions --------------------------------------------------------------------------------------------------------


@transaction.atomic
def adjustment_delete_with_reason(*, adjustment: PointAdjustment, reason: str, user) -> None:
    """Delete a point adjustment entered in error; the admin's history keeps who deleted what and why."""
    if not (reason or "").strip():
        raise ValidationError(_("Say why the adjustment is deleted."))
    LogEntry.objects.log_actions(
        user.pk, [adjustment], DELETION, single_object=True,
        change_message=_("Deleted on the sanctions page: %(why)s (it was %(points)+d points on %(date)s: %(reason)s)")
        % {"why": reason.strip(), "points": adjustment.points, "date": adjustment.date.isoformat(),
           "reason": adjustment.reason},
    )
    adjustment.delete()


# --- Rosters ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def roster_add(*, team: Team, player: Player, shirt_number: int | None) -> RosterEntry:
    """Register `player` in `team`: birth range, shirt number and one team per championship are all checked."""
    championship = team.category.championship
    if player.organizer_id != championship.organizer_id:
        raise ValidationError(
            _("%(player)s is registered with another organizer.") % {"player": player}
        )
    entry = RosterEntry(team=team, player=player, championship=championship, shirt_number=shirt_number)
    entry.full_clean()
    entry.save()
    return entry
