"""Small factory functions: each makes one valid object, any field overridable."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model

from fairplay.models import Card
from leagues.models import (
    Barra,
    Category,
    Championship,
    Club,
    Coach,
    Match,
    Organizer,
    Player,
    PointAdjustment,
    RosterEntry,
    Team,
    Venue,
)

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_user(**overrides):
    n = _n()
    fields = {"username": f"user{n}", "password": "pw-for-tests-1234"}
    fields.update(overrides)
    password = fields.pop("password")
    user = get_user_model().objects.create_user(**fields)
    user.set_password(password)
    user.save()
    return user


def make_organizer(**overrides) -> Organizer:
    n = _n()
    fields = {"name": f"Municipalidad {n}", "slug": f"muni-{n}"}
    fields.update(overrides)
    return Organizer.objects.create(**fields)


def make_championship(**overrides) -> Championship:
    n = _n()
    fields = {"name": f"Campeonato {n}", "slug": f"campeonato-{n}", "season": "2026", "status": "in_progress"}
    fields.update(overrides)
    if "organizer" not in fields:
        fields["organizer"] = make_organizer()
    return Championship.objects.create(**fields)


def make_category(**overrides) -> Category:
    n = _n()
    fields = {"name": f"Sub-{n}", "slug": f"sub-{n}"}
    fields.update(overrides)
    if "championship" not in fields:
        fields["championship"] = make_championship()
    return Category.objects.create(**fields)


def make_club(**overrides) -> Club:
    n = _n()
    fields = {"name": f"Club {n}"}
    fields.update(overrides)
    if "organizer" not in fields:
        fields["organizer"] = make_organizer()
    return Club.objects.create(**fields)


def make_team(**overrides) -> Team:
    n = _n()
    fields = {"name": f"Equipo {n}"}
    fields.update(overrides)
    if "category" not in fields:
        fields["category"] = make_category()
    if "club" not in fields:
        fields["club"] = make_club(organizer=fields["category"].championship.organizer, name=fields["name"])
    return Team.objects.create(**fields)


def make_player(**overrides) -> Player:
    n = _n()
    fields = {
        "given_names": f"Ana María {n}",
        "surnames": "Quispe Mendoza",
        "birth_date": datetime.date(2015, 3, 14),
        "document_number": f"7{n:07d}",
    }
    fields.update(overrides)
    if "organizer" not in fields:
        fields["organizer"] = make_organizer()
    return Player.objects.create(**fields)


def make_roster_entry(**overrides) -> RosterEntry:
    fields = {}
    fields.update(overrides)
    if "team" not in fields:
        fields["team"] = make_team()
    if "player" not in fields:
        fields["player"] = make_player(organizer=fields["team"].category.championship.organizer)
    entry = RosterEntry(**fields)
    entry.save()
    return entry


def make_coach(**overrides) -> Coach:
    n = _n()
    fields = {"given_names": f"Rosa {n}", "surnames": "Huamán"}
    fields.update(overrides)
    if "organizer" not in fields:
        fields["organizer"] = make_organizer()
    return Coach.objects.create(**fields)


def make_barra(**overrides) -> Barra:
    fields = {"name": "Barra"}
    fields.update(overrides)
    if "team" not in fields:
        fields["team"] = make_team()
    return Barra.objects.create(**fields)


def make_venue(**overrides) -> Venue:
    n = _n()
    fields = {"name": f"Estadio {n}"}
    fields.update(overrides)
    if "organizer" not in fields:
        fields["organizer"] = make_organizer()
    return Venue.objects.create(**fields)


def make_match(**overrides) -> Match:
    fields = {"round": 1}
    fields.update(overrides)
    if "category" not in fields:
        fields["category"] = (fields.get("home") or fields.get("away") or make_team()).category
    if "home" not in fields:
        fields["home"] = make_team(category=fields["category"])
    if "away" not in fields:
        fields["away"] = make_team(category=fields["category"])
    if fields.get("home_goals") is not None and "status" not in fields:
        fields["status"] = Match.Status.PLAYED
    return Match.objects.create(**fields)


def make_card(**overrides) -> Card:
    fields = {"minute": 30, "colour": "yellow", "recipient": "player"}
    fields.update(overrides)
    if "match" not in fields:
        fields["match"] = make_match()
    if "team" not in fields:
        fields["team"] = fields["match"].home
    if fields["recipient"] == "player" and "player" not in fields:
        fields["player"] = make_roster_entry(team=fields["team"]).player
    return Card.objects.create(**fields)


def make_adjustment(**overrides) -> PointAdjustment:
    fields = {"points": -3, "reason": "Jugador no elegible"}
    fields.update(overrides)
    if "team" not in fields:
        fields["team"] = make_team()
    return PointAdjustment.objects.create(**fields)


def make_referee(**overrides):
    from referees.models import Referee

    n = _n()
    fields = {"given_names": f"Julio {n}", "surnames": "Vásquez", "trained_on": datetime.date(2026, 2, 1)}
    fields.update(overrides)
    if "organizer" not in fields:
        fields["organizer"] = make_organizer()
    if "user" not in fields:
        fields["user"] = make_user()
    return Referee.objects.create(**fields)


def make_assignment(**overrides):
    from referees.models import Assignment

    fields = {"role": Assignment.Role.MAIN}
    fields.update(overrides)
    if "match" not in fields:
        fields["match"] = make_match()
    if "referee" not in fields:
        fields["referee"] = make_referee(organizer=fields["match"].category.championship.organizer)
    return Assignment.objects.create(**fields)


class SheetWorld:
    """A match ready for its sheet: two teams of `players` rostered players (shirts 1..n), a coach with a login
    and a barra for each, an office user, an assigned referee with a login, and outsiders of every role."""

    def __init__(self, players: int = 6, **match_fields):
        self.organizer = make_organizer()
        championship = make_championship(organizer=self.organizer)
        self.category = make_category(championship=championship, half_minutes=25, max_added_time=10)
        self.home = make_team(category=self.category, name="Halcones")
        self.away = make_team(category=self.category, name="Cóndores")
        fields = {"round": 1, "date": datetime.date(2026, 11, 21), "time": datetime.time(10, 0)}
        fields.update(match_fields)
        self.match = make_match(category=self.category, home=self.home, away=self.away, **fields)
        self.roster = {
            team.pk: [
                make_roster_entry(
                    team=team,
                    shirt_number=i,
                    player=make_player(organizer=self.organizer, given_names=f"Niño{i} {team.name}", surnames="Ñáñez"),
                ).player
                for i in range(1, players + 1)
            ]
            for team in (self.home, self.away)
        }
        self.coach_user = {}
        self.coach = {}
        for team in (self.home, self.away):
            user = make_user()
            coach = make_coach(organizer=self.organizer, user=user)
            coach.teams.add(team)
            make_barra(team=team, name=f"Barra {team.name}")
            self.coach_user[team.pk], self.coach[team.pk] = user, coach
        self.office = make_user(is_staff=True)
        self.organizer.staff.add(self.office)
        self.referee = make_referee(organizer=self.organizer)
        make_assignment(match=self.match, referee=self.referee)
        self.referee_user = self.referee.user
        # Outsiders: a referee of the same office not appointed, staff of another office, a coach of another team.
        self.other_referee_user = make_referee(organizer=self.organizer).user
        other_office = make_organizer()
        self.other_office = make_user(is_staff=True)
        other_office.staff.add(self.other_office)
        other_team = make_team(category=self.category, name="Otros")
        self.other_coach_user = make_user()
        make_coach(organizer=self.organizer, user=self.other_coach_user).teams.add(other_team)

    def player(self, team, index: int = 0):
        return self.roster[team.pk][index]

    def users(self) -> dict:
        return {
            "assigned_referee": self.referee_user,
            "referee_not_assigned": self.other_referee_user,
            "coach": self.coach_user[self.home.pk],
            "coach_other_team": self.other_coach_user,
            "office": self.office,
            "office_other_organizer": self.other_office,
        }
