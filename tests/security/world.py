"""One world of data for the security tests: every role, and an object of every kind a URL can name.

`SecurityWorld` builds on `SheetWorld` (a match with two teams, their coaches, an assigned referee, the office and
outsiders of every role) and adds what the other pages look up: a second match whose sheet is submitted, a
suspension, a point adjustment, a venue, a draft championship with a category and a team (the wizard), issued
certificates (the verification page), a finished certificate batch (its download), a manual section.

`PrivacyWorld` (below) is a public championship whose players carry distinctive private values, for the privacy scan.

`module_world` builds a world once per test module, inside a transaction rolled back when the module ends; each test
still runs in its own savepoint (the `db` fixture), so what one test writes never reaches the next.
"""

from __future__ import annotations

import contextlib
import datetime
import uuid

from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from certificates import batches
from certificates import services as certificate_services
from certificates.models import Certificate, CertificateSettings
from fairplay import services as fair_play_services
from fairplay.models import ManualSection
from leagues.models import Player
from leagues.management.commands.seed_demo import ensure_office_group
from referees import services as sheet_services
from referees.models import Assignment, MatchSheet, Referee
from tests.factories import (
    SheetWorld,
    make_adjustment,
    make_assignment,
    make_barra,
    make_card,
    make_category,
    make_championship,
    make_coach,
    make_match,
    make_organizer,
    make_player,
    make_referee,
    make_roster_entry,
    make_team,
    make_user,
    make_venue,
)

# Every role the matrix asks about, in the order failures are listed.
ROLES = (
    "anonymous",
    "coach",
    "coach_other_team",
    "referee_not_assigned",
    "assigned_referee",
    "office",
    "office_other_organizer",
    "superuser",
)


def _change(**fields) -> dict:
    return {"id": str(uuid.uuid4()), **fields}


class SecurityWorld:
    def __init__(self):
        self.sheet_world = world = SheetWorld(players=3)
        self.organizer = world.organizer
        self.category = world.category
        self.championship = world.category.championship
        self.home, self.away = world.home, world.away
        self.match = world.match
        self.office = world.office
        group = ensure_office_group()
        # The office group gives the admin and the manual's editing; both offices have it, as in a deployment.
        for user in (world.office, world.other_office):
            user.groups.add(group)
        self.superuser = make_user(is_staff=True, is_superuser=True)
        self.users = {**world.users(), "superuser": self.superuser}

        self.assignment = Assignment.objects.get(match=self.match, referee=world.referee)
        self.free_referee = Referee.objects.get(user=world.other_referee_user)
        # The sheet of the scheduled match is open, with one home player in the line-up (an event is then valid).
        sheet_services.sheet_apply(match=self.match, user=self.office, change=_change(
            type="lineup.set", team=self.home.pk, player=world.player(self.home).pk, present=True))

        # A second match of the same teams and referee, its sheet submitted (approve and reopen act on it).
        self.played = make_match(category=self.category, home=self.home, away=self.away, round=2,
                                 date=datetime.date(2026, 11, 28), time=datetime.time(10, 0))
        make_assignment(match=self.played, referee=world.referee)
        for team in (self.home, self.away):
            sheet_services.sheet_apply(match=self.played, user=self.office, change=_change(
                type="lineup.set", team=team.pk, player=world.player(team).pk, present=True))
        sheet_services.sheet_apply(match=self.played, user=world.referee_user, change=_change(type="submit"))
        self.played_sheet = MatchSheet.objects.get(match=self.played)
        self.played.refresh_from_db()

        self.suspension = fair_play_services.suspension_add(
            team=self.home, player=world.player(self.home, 1), matches=1, starts_on=datetime.date(2026, 11, 1),
            reason="Conducta antideportiva", user=self.office,
        )
        self.adjustment = make_adjustment(team=self.away, points=-1, reason="Alineación indebida",
                                          created_by=self.office)
        self.venue = make_venue(organizer=self.organizer, name="Estadio Municipal")

        # A draft championship: the wizard's pages name it, its category and its team.
        self.draft = make_championship(organizer=self.organizer, status="draft", name="Copa Borrador")
        self.draft_category = make_category(championship=self.draft, name="Sub-8")
        self.draft_team = make_team(category=self.draft_category, name="Tigres")
        # A second draft, with a category of one team and no fixture: what the wizard's "remove" buttons remove.
        self.draft_spare = make_championship(organizer=self.organizer, status="draft", name="Copa Borrador II")
        self.draft_spare_category = make_category(championship=self.draft_spare, name="Sub-7")
        make_team(category=self.draft_spare_category, name="Zorros")
        # Ready to publish: two teams and a fixture (unplayed matches block no removal either).
        make_match(category=self.draft_category, home=self.draft_team,
                   away=make_team(category=self.draft_category, name="Leones"), round=1,
                   date=datetime.date(2027, 3, 6), time=datetime.time(9, 0))

        self.manual_section = ManualSection.objects.filter(kind=ManualSection.Kind.TEXT).order_by("order", "pk").first()

        make_card(match=self.played, team=self.home, colour="blue", reason_code="helped_opponent",
                  player=world.player(self.home))
        CertificateSettings.objects.create(championship=self.championship, signatory_1_name="Alcaldesa",
                                           signatory_1_role="Alcaldía")
        certificate_services.awards_propose(championship=self.championship)
        certificate_services.awards_issue(championship=self.championship, user=self.office, language="es",
                                          base_url="https://tarjeta.example.org/")
        self.certificate = Certificate.objects.filter(award__championship=self.championship).order_by("pk").first()
        self.batch = batches.batch_create(championship=self.championship, format="pdf", language="es",
                                          user=self.office, base_url="https://tarjeta.example.org/")
        batches.batch_start(self.batch)  # runs inline (see module_world)
        self.batch.refresh_from_db()


def clients_for(users: dict) -> dict[str, Client]:
    """One logged-in client per role (sessions made once, inside the module's transaction)."""
    clients = {"anonymous": Client()}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        clients[role] = client
    return clients


@contextlib.contextmanager
def module_world(django_db_blocker, tmp_path_factory, build):
    """`build()` run once, in a transaction rolled back at the end; batches run inline into a temporary folder."""
    settings = override_settings(
        CERTIFICATE_BATCHES="inline",
        PRIVATE_FILES_ROOT=tmp_path_factory.mktemp("private"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), settings:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- The privacy world: minors with values no public page may show --------------------------------------------------

# Distinctive values, so that finding one in a page can only mean that page shows a player's private data.
SECOND_GIVEN_NAME = "Xiomaraluz"
SURNAMES = ("Zapatatruji", "Quillcahuanca")
BIRTH_DATES = (datetime.date(2014, 7, 19), datetime.date(2013, 11, 23))
FIRST_NAMES = ("Yessenia", "Brayan", "Dayana", "Jhordy", "Milagros", "Anthony", "Nayeli", "Keiko", "Rommel")


def document_number(index: int) -> str:
    return f"{73910482 + 1117 * index}"


class PrivacyWorld:
    """A public championship whose every player carries the distinctive values above: three teams, two matches
    played through the referee's sheet (goals, yellow and red cards, blue cards to players, a coach and a barra, the
    ritual and the barra's rating), one to come, a red-card suspension and an office one, a point adjustment, and
    every award issued as a certificate."""

    def __init__(self):
        self.organizer = make_organizer(name="Municipalidad de Florencia de Mora")
        self.championship = make_championship(organizer=self.organizer, name="Copa Barrios Unidos", season="2026")
        self.category = make_category(championship=self.championship, name="Sub-12 Mixto", half_minutes=25,
                                      max_added_time=10)
        self.teams = [make_team(category=self.category, name=name) for name in ("Halcones", "Cóndores", "Pumas")]
        self.players: dict[int, list[Player]] = {}
        self.coaches = {}
        index = 0
        for team in self.teams:
            self.players[team.pk] = []
            for shirt in (1, 2, 3):
                player = make_player(
                    organizer=self.organizer, given_names=f"{FIRST_NAMES[index]} {SECOND_GIVEN_NAME}",
                    surnames=" ".join(SURNAMES), birth_date=BIRTH_DATES[index % 2],
                    document_number=document_number(index),
                )
                make_roster_entry(team=team, player=player, shirt_number=shirt)
                self.players[team.pk].append(player)
                index += 1
            coach = make_coach(organizer=self.organizer, given_names="Rosa", surnames="Huamán", user=make_user())
            coach.teams.add(team)
            self.coaches[team.pk] = coach
            make_barra(team=team, name=f"Barra {team.name}", safe_bar_committed_on=datetime.date(2026, 3, 1))
        self.office = make_user(is_staff=True)
        self.organizer.staff.add(self.office)
        self.referee = make_referee(organizer=self.organizer, given_names="Julio", surnames="Vásquez")
        halcones, condores, pumas = self.teams

        first = self._play(halcones, condores, 1, datetime.date(2026, 5, 2), [
            ("goal", halcones, 0, 12, {}),
            ("blue", halcones, 1, 20, {"reason": "helped_opponent"}),
            ("yellow", condores, 0, 25, {}),
            ("blue", condores, 2, 30, {"reason": "admitted_foul"}),
            ("red", condores, 1, 40, {}),
            ("goal", condores, 2, 44, {}),
            ("blue", halcones, None, 45, {"recipient": "coach", "coach": self.coaches[halcones.pk].pk,
                                          "reason": "accepted_decision"}),
            ("blue", condores, None, 46, {"recipient": "barra", "reason": "barra_encouragement"}),
        ])
        self._play(condores, pumas, 2, datetime.date(2026, 5, 9), [
            ("goal", pumas, 0, 5, {}),
            ("yellow", pumas, 1, 15, {}),
            ("blue", pumas, 2, 35, {"reason": "calmed_teammate"}),
        ])
        self.first_match = first
        make_match(category=self.category, home=pumas, away=halcones, round=3, date=datetime.date(2026, 5, 16),
                   time=datetime.time(10, 0), venue=make_venue(organizer=self.organizer, name="Estadio Chan Chan"))
        make_match(category=self.category, home=condores, away=halcones, round=4, date=datetime.date(2026, 5, 23))
        fair_play_services.suspension_add(
            team=pumas, player=self.players[pumas.pk][1], matches=1, starts_on=datetime.date(2026, 5, 10),
            reason="Conducta antideportiva", user=self.office,
        )
        make_adjustment(team=pumas, points=-1, reason="Alineación indebida", created_by=self.office)

        certificate_services.awards_propose(championship=self.championship)
        self.certificates = certificate_services.awards_issue(
            championship=self.championship, user=self.office, language="es", base_url="https://tarjeta.example.org/"
        )

    def _play(self, home, away, round_number, day, events):
        match = make_match(category=self.category, home=home, away=away, round=round_number, date=day,
                           time=datetime.time(10, 0))
        make_assignment(match=match, referee=self.referee)
        user = self.referee.user

        def apply(**change):
            sheet_services.sheet_apply(match=match, user=user, change=_change(**change))

        for team in (home, away):
            suspended = fair_play_services.suspended_players(team=team, match=match)
            for player in self.players[team.pk]:
                if player.pk in suspended:
                    continue
                apply(type="lineup.set", team=team.pk, player=player.pk, present=True)
            apply(type="team.set", team=team.pk, field="ritual_before", value=True)
            apply(type="team.set", team=team.pk, field="ritual_after", value=True)
            apply(type="team.set", team=team.pk, field="barra_rating", value=4)
        for kind, team, index, minute, extra in events:
            fields = {"type": "event.add", "kind": kind, "team": team.pk, "minute": minute, **extra}
            if index is not None:
                fields["player"] = self.players[team.pk][index].pk
            apply(**fields)
        apply(type="submit")
        match.refresh_from_db()
        return match
