"""The championship wizard's business: create a championship, its categories and teams, save an adjusted fixture,
check that everything is ready and publish.

Service functions are keyword-only and atomic (house style rule 4); `setup_steps` and `publish_checklist` read the
state of a championship, because the wizard keeps none of its own: a step is done when its data exist, so the office
can leave and come back at any step.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leagues import fixtures
from leagues.models import (
    RESERVED_CATEGORY_SLUGS,
    RESERVED_SLUGS,
    Barra,
    Category,
    Championship,
    Club,
    Coach,
    Match,
    Organizer,
    Team,
    Venue,
)
from leagues.services import UNPLAYED, FixturePlan, fixtures_save

STEPS = (
    ("championship", gettext_lazy("Championship")),
    ("categories", gettext_lazy("Categories")),
    ("teams", gettext_lazy("Teams")),
    ("fixtures", gettext_lazy("Fixtures")),
    ("publish", gettext_lazy("Publish")),
)


def unique_slug(text: str, *, taken: set[str], reserved: frozenset[str] | set[str], max_length: int) -> str:
    """A slug for `text` that is neither taken nor reserved: `-2`, `-3`… appended when needed."""
    base = slugify(text)[:max_length].strip("-") or "x"
    candidate, number = base, 1
    while candidate in taken or candidate in reserved:
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)] + suffix
    return candidate


def birth_range(first_year: int | None, last_year: int | None) -> tuple[datetime.date | None, datetime.date | None]:
    """Birth years as the category's dates: from 1 January of the first year to 31 December of the last."""
    return (
        datetime.date(first_year, 1, 1) if first_year else None,
        datetime.date(last_year, 12, 31) if last_year else None,
    )


def match_days(first: datetime.date, *, every_days: int, count: int) -> list[datetime.date]:
    return [first + datetime.timedelta(days=every_days * index) for index in range(count)]


# --- Writes -----------------------------------------------------------------------------------------------------------


@transaction.atomic
def championship_create(*, organizer: Organizer, name: str, season: str, preset: str) -> Championship:
    """A new championship in draft, with a slug made from its name and season."""
    taken = set(Championship.objects.values_list("slug", flat=True))
    championship = Championship(
        organizer=organizer,
        name=name.strip(),
        season=season.strip(),
        preset=preset,
        status=Championship.Status.DRAFT,
        slug=unique_slug(f"{name} {season}", taken=taken, reserved=RESERVED_SLUGS, max_length=150),
    )
    championship.full_clean()
    championship.save()
    return championship


@transaction.atomic
def category_add(*, championship: Championship, **fields) -> Category:
    """A category of `championship`; `fields` are the model's (name, gender, born_from, format…)."""
    taken = set(championship.categories.values_list("slug", flat=True))
    category = Category(
        championship=championship,
        slug=unique_slug(fields["name"], taken=taken, reserved=RESERVED_CATEGORY_SLUGS, max_length=60),
        **fields,
    )
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def category_remove(*, category: Category) -> None:
    if category.championship.status != Championship.Status.DRAFT:
        raise ValidationError(_("A published championship keeps its categories; remove them in the administration."))
    if category.matches.exclude(status__in=UNPLAYED).exists():
        raise ValidationError(_("%(category)s has played matches; it cannot be removed.") % {"category": category.name})
    # Its unplayed fixture goes with it: matches protect their teams, so they are deleted first.
    category.matches.all().delete()
    category.delete()


@dataclass(frozen=True)
class TeamDetails:
    name: str
    club: str = ""
    coach_given_names: str = ""
    coach_surnames: str = ""
    coach_phone: str = ""
    barra: str = ""
    barra_delegate: str = ""


@transaction.atomic
def teams_register(*, category: Category, teams: list[TeamDetails]) -> list[Team]:
    """Register teams in `category`, each with its club (found or created by name), coach and barra when given.

    Refuses the whole list if a name is repeated in it or already taken in the category.
    """
    organizer_id = category.championship.organizer_id
    existing = {name.casefold() for name in category.teams.values_list("name", flat=True)}
    seen: set[str] = set()
    for details in teams:
        key = details.name.strip().casefold()
        if not key:
            raise ValidationError(_("Every team needs a name."))
        if key in existing:
            raise ValidationError(
                _("%(category)s already has a team called %(team)s.") % {"category": category.name, "team": details.name}
            )
        if key in seen:
            raise ValidationError(_("%(team)s is written twice.") % {"team": details.name})
        seen.add(key)

    created = []
    for details in teams:
        name = " ".join(details.name.split())
        club, _new = Club.objects.get_or_create(organizer_id=organizer_id, name=" ".join(details.club.split()) or name)
        team = Team(category=category, club=club, name=name)
        team.full_clean()
        team.save()
        if details.coach_given_names.strip():
            coach = Coach.objects.create(
                organizer_id=organizer_id,
                given_names=" ".join(details.coach_given_names.split()),
                surnames=" ".join(details.coach_surnames.split()),
                phone=details.coach_phone.strip(),
            )
            coach.teams.add(team)
        if details.barra.strip():
            Barra.objects.create(team=team, name=details.barra.strip(), delegate=details.barra_delegate.strip())
        created.append(team)
    return created


@transaction.atomic
def team_remove(*, team: Team) -> None:
    if team.category.championship.status != Championship.Status.DRAFT:
        raise ValidationError(_("A published championship keeps its teams; withdraw them in the administration."))
    if team.category.matches.filter(Q(home=team) | Q(away=team)).exclude(status__in=UNPLAYED).exists():
        raise ValidationError(_("%(team)s has played matches; it cannot be removed.") % {"team": team.name})
    team.category.matches.filter(Q(home=team) | Q(away=team)).delete()
    team.delete()


@transaction.atomic
def venue_add(*, organizer: Organizer, name: str, address: str = "") -> Venue:
    venue = Venue(organizer=organizer, name=" ".join(name.split()), address=address.strip())
    venue.full_clean()
    venue.save()
    return venue


@dataclass(frozen=True)
class AdjustedMatch:
    """One row of the fixture preview as the office left it."""

    round: int
    home: int
    away: int
    date: datetime.date
    time: datetime.time
    venue: int


def adjusted_plan_check(plan: FixturePlan, rows: list[AdjustedMatch]) -> FixturePlan:
    """The plan with the office's dates, times and venues; refused when a team plays twice on a day or two matches
    share a venue at the same kick-off. `rows` must be the plan's pairings in the plan's order."""
    if [(item.pairing.round, item.pairing.home, item.pairing.away) for item in plan.scheduled] != [
        (row.round, row.home, row.away) for row in rows
    ]:
        raise ValidationError(_("The teams of the category changed since the preview: make the preview again."))
    names = dict(plan.category.teams.values_list("pk", "name"))
    problems = []
    days: dict[tuple[int, datetime.date], AdjustedMatch] = {}
    slots: dict[tuple[int, datetime.date, datetime.time], AdjustedMatch] = {}
    for row in rows:
        for team in (row.home, row.away):
            other = days.setdefault((team, row.date), row)
            if other is not row:
                problems.append(
                    _("%(team)s would play twice on %(date)s (rounds %(first)d and %(second)d).")
                    % {"team": names.get(team, "?"), "date": row.date.isoformat(), "first": other.round,
                       "second": row.round}
                )
        other = slots.setdefault((row.venue, row.date, row.time), row)
        if other is not row:
            problems.append(
                _("Two matches at the same venue on %(date)s at %(time)s.")
                % {"date": row.date.isoformat(), "time": row.time.strftime("%H:%M")}
            )
    if problems:
        raise ValidationError(problems)
    scheduled = [
        fixtures.Scheduled(
            pairing=fixtures.Pairing(row.round, row.home, row.away),
            kickoff=datetime.datetime.combine(row.date, row.time),
            venue=row.venue,
        )
        for row in rows
    ]
    return FixturePlan(category=plan.category, stage=plan.stage, groups=plan.groups, scheduled=scheduled)


@transaction.atomic
def fixtures_save_adjusted(*, plan: FixturePlan, rows: list[AdjustedMatch]) -> list[Match]:
    organizer_id = plan.category.championship.organizer_id
    venue_ids = {row.venue for row in rows}
    if Venue.objects.filter(pk__in=venue_ids, organizer_id=organizer_id).count() != len(venue_ids):
        raise ValidationError(_("Every venue must belong to the championship's organizer."))
    return fixtures_save(plan=adjusted_plan_check(plan, rows))


@transaction.atomic
def championship_publish(*, championship: Championship) -> Championship:
    """Make a draft championship public once every check passes."""
    championship = Championship.objects.select_for_update().get(pk=championship.pk)
    if championship.status != Championship.Status.DRAFT:
        raise ValidationError(_("This championship is already published."))
    blocking = [item.text for item in publish_checklist(championship) if item.blocks and not item.ok]
    if blocking:
        raise ValidationError(blocking)
    championship.status = Championship.Status.IN_PROGRESS
    championship.save(update_fields=["status"])
    return championship


# --- Reads ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryState:
    category: Category
    teams: int
    players: int
    matches: int


def category_states(championship: Championship) -> list[CategoryState]:
    """Each category with its counts of teams, rostered players and matches: one query."""
    categories = championship.categories.annotate(
        n_teams=Count("teams", distinct=True),
        n_players=Count("teams__roster", distinct=True),
        n_matches=Count("matches", filter=~Q(matches__status=Match.Status.CANCELLED), distinct=True),
    ).order_by("name")
    return [CategoryState(c, c.n_teams, c.n_players, c.n_matches) for c in categories]


@dataclass(frozen=True)
class CheckItem:
    text: str
    ok: bool
    blocks: bool  # a failed item that blocks publishing (others are warnings)
    url: str = ""


def publish_checklist(championship: Championship, states: list[CategoryState] | None = None) -> list[CheckItem]:
    """What must be true before publishing (blocking) and what the office may still want to do (warnings)."""
    states = category_states(championship) if states is None else states
    slug = championship.slug
    items = [
        CheckItem(_("At least one category."), bool(states), True, reverse("leagues:wizard_categories", args=[slug]))
    ]
    for state in states:
        name = state.category.name
        teams_url = reverse("leagues:wizard_teams", args=[slug]) + f"#category-{state.category.pk}"
        items.append(
            CheckItem(
                _("%(category)s has at least two teams (%(count)d).") % {"category": name, "count": state.teams},
                state.teams >= 2, True, teams_url,
            )
        )
        items.append(
            CheckItem(
                _("%(category)s has its fixture (%(count)d matches).") % {"category": name, "count": state.matches},
                state.matches > 0, True,
                reverse("leagues:wizard_fixtures", args=[slug]) + f"?category={state.category.pk}",
            )
        )
        items.append(
            CheckItem(
                _("%(category)s has players on its rosters (%(count)d).") % {"category": name, "count": state.players},
                state.players > 0, False,
                reverse("leagues:roster_import") + f"?category={state.category.pk}",
            )
        )
    return items


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url: str
    done: bool
    current: bool


def setup_steps(championship: Championship | None, current: str, states: list[CategoryState] | None = None) -> list[Step]:
    """The wizard's steps, each marked done from the championship's data."""
    if championship is None:
        done = {"championship": False}
        urls = {"championship": reverse("leagues:wizard_start")}
    else:
        states = category_states(championship) if states is None else states
        done = {
            "championship": True,
            "categories": bool(states),
            "teams": bool(states) and all(state.teams >= 2 for state in states),
            "fixtures": bool(states) and all(state.matches > 0 for state in states),
            "publish": championship.status != Championship.Status.DRAFT,
        }
        slug = championship.slug
        urls = {
            "championship": reverse("leagues:wizard_championship", args=[slug]),
            "categories": reverse("leagues:wizard_categories", args=[slug]),
            "teams": reverse("leagues:wizard_teams", args=[slug]),
            "fixtures": reverse("leagues:wizard_fixtures", args=[slug]),
            "publish": reverse("leagues:wizard_publish", args=[slug]),
        }
    return [
        Step(key, str(label), urls.get(key, ""), done.get(key, False), key == current) for key, label in STEPS
    ]
