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
