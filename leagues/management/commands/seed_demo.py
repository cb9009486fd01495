"""A realistic district championship to explore the application with, half-way through its season.

    python manage.py seed_demo

Eight categories (Sub-8 to Sub-14, boys and girls) of the district of La Esperanza, 38 teams from eight
neighbourhood clubs and schools, rosters, coaches, barras, venues, fixtures from the fixture service (Sub-12 boys as
groups then knockout, the rest round robins) and results with cards (blue ones often) for the rounds already played.
The random generator has a fixed seed and the dates follow today's weekend, so the demo is always the same season
seen from today. Running the command again creates nothing new: it finds the demo and only makes sure the demo
logins exist.
"""

from __future__ import annotations

import datetime
import math
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from certificates.models import CertificateSettings
from fairplay.models import BlueReason, Card, FairPlayScheme, MatchConduct
from leagues import services
from leagues.cache import public_pages_changed
from leagues.models import (
    Barra,
    Category,
    Championship,
    Club,
    Coach,
    Gender,
    Match,
    Organizer,
    Player,
    PointAdjustment,
    RosterEntry,
    Team,
    Venue,
)

SEED = 2014  # the year the programme's championships started in La Esperanza
OFFICE_GROUP = "Oficina de deportes"
REFEREE_GROUP = "Árbitros"
# Apps whose data the office manages; the organizers themselves are the superuser's.
OFFICE_APPS = ("leagues", "fairplay", "referees", "certificates")

ORGANIZER = ("Municipalidad Distrital de La Esperanza — Oficina de Deportes", "la-esperanza")
CHAMPIONSHIP_NAME = "Campeonato Distrital de Menores Tarjeta Azul"

# (username, password, role); the passwords are for a demo on one's own machine only.
LOGINS = (
    ("admin", "admin-demo", gettext_noop("superuser")),
    ("oficina", "oficina-demo", gettext_noop("sports office staff")),
    ("arbitro", "arbitro-demo", gettext_noop("referee")),
    ("entrenador", "entrenador-demo", gettext_noop("coach")),
)
DEMO_COACH = ("Juan Carlos", "Rodríguez Alvarado")
DEMO_REFEREE = ("Julio César", "Vásquez Ruiz")
OTHER_REFEREES = (("Milagros", "Castillo Reyes"), ("Wilmer", "Otiniano Paredes"))

CLUBS = (
    # name, team name, main colour, second colour
    ("Club Deportivo Jerusalén", "Jerusalén", "#b91c1c", "#ffffff"),
    ("Academia Deportiva Wichanzao", "Wichanzao", "#1d4ed8", "#facc15"),
    ("Club Social Manuel Arévalo", "Manuel Arévalo", "#15803d", "#ffffff"),
    ("Club Juventud Santa Verónica", "Santa Verónica", "#7c3aed", "#ffffff"),
    ("Club Deportivo Indoamérica", "Indoamérica", "#ea580c", "#111827"),
    ("I.E. José Carlos Mariátegui", "Mariátegui", "#0f766e", "#ffffff"),
    ("Club Estrella de La Esperanza", "Estrella", "#facc15", "#1e3a8a"),
    ("Escuela de Fútbol Las Palmeras", "Las Palmeras", "#16a34a", "#fde047"),
)
VENUES = (
    ("Estadio Municipal de La Esperanza", "Sector Central, La Esperanza"),
    ("Losa Deportiva Wichanzao", "Sector Wichanzao, La Esperanza"),
    ("Losa Deportiva Jerusalén", "Sector Jerusalén, La Esperanza"),
    ("Complejo Deportivo Manuel Arévalo", "Sector Manuel Arévalo, La Esperanza"),
)
# age, gender, teams, format, minutes per match, goals per team and match (mean)
CATEGORIES = (
    (8, Gender.BOYS, 4, Category.Format.DOUBLE_ROUND_ROBIN, 40, 2.0),
    (10, Gender.BOYS, 5, Category.Format.SINGLE_ROUND_ROBIN, 50, 1.8),
    (12, Gender.BOYS, 8, Category.Format.GROUPS_KNOCKOUT, 60, 1.5),
    (14, Gender.BOYS, 5, Category.Format.DOUBLE_ROUND_ROBIN, 70, 1.3),
    (8, Gender.GIRLS, 4, Category.Format.DOUBLE_ROUND_ROBIN, 40, 1.7),
    (10, Gender.GIRLS, 4, Category.Format.DOUBLE_ROUND_ROBIN, 50, 1.5),
    (12, Gender.GIRLS, 4, Category.Format.DOUBLE_ROUND_ROBIN, 60, 1.3),
    (14, Gender.GIRLS, 4, Category.Format.DOUBLE_ROUND_ROBIN, 70, 1.2),
)
GENDER_WORD = {Gender.BOYS: "Varones", Gender.GIRLS: "Damas"}
KICKOFFS = (datetime.time(8, 30), datetime.time(9, 45), datetime.time(11, 0), datetime.time(12, 15))

BOYS = (
    "Santiago", "Mateo", "Sebastián", "Thiago", "Gael", "Dylan", "Adrián", "Leonardo", "Alessandro", "Joaquín",
    "Diego", "Jhon", "Brayan", "Kevin", "Anderson", "Jean Pierre", "Luis Fernando", "José Manuel", "Piero",
    "Fabricio", "Renzo", "Valentino", "Jesús", "Alexander", "Jhair", "Yordi", "Edson", "Franco", "Rodrigo",
    "Gabriel", "Luis Ángel", "Josué", "Ángel Gabriel", "Aarón", "Cristhian",
)
GIRLS = (
    "Valentina", "Camila", "Luciana", "Ximena", "Mía", "Valeria", "Sofía", "Mariana", "Fernanda", "Dayana",
    "Nicole", "Allison", "Kiara", "Milagros", "Rosa María", "Ana Lucía", "Flor de María", "Yuliana", "Abigail",
    "Danna", "Zoe", "Isabella", "Guadalupe", "Cielo", "Araceli", "Naomi", "Antonella", "Alexandra", "Luz Clarita",
    "María Fernanda",
)
SURNAMES = (
    "Rodríguez", "Sánchez", "García", "Vásquez", "Chávez", "Mendoza", "Castillo", "Gutiérrez", "Rojas", "Reyes",
    "Cruz", "Alvarado", "Gonzales", "Ramírez", "Flores", "Díaz", "Quispe", "Huamán", "Mostacero", "Polo", "Ávila",
    "Azabache", "Castañeda", "Llontop", "Cabrera", "Lozano", "Julca", "Lázaro", "Alfaro", "Valverde", "Zavaleta",
    "Bacilio", "Ruiz", "Salazar", "Vargas", "Cueva", "Paredes", "León", "Otiniano", "Carranza",
)
ADULTS_MEN = ("Luis Alberto", "César Augusto", "Jorge Luis", "Víctor Raúl", "Carlos Enrique", "Wilmer", "Percy",
              "Walter", "Segundo", "Elmer")
ADULTS_WOMEN = ("Rosa Elena", "María del Carmen", "Marleni", "Janeth", "Gladys", "Carmen Rosa", "Elizabeth",
                "Nelly", "Sonia", "Teresa")

BLUE_PLAYER = (
    "Ayudó a levantarse a un rival caído",
    "Reconoció ante el árbitro que el balón salió por su toque",
    "Pidió disculpas al rival tras una falta",
    "Devolvió el balón al rival después de una atención médica",
    "Felicitó al arquero rival por una gran atajada",
    "Calmó a un compañero que protestaba",
)
BLUE_COACH = (
    "Felicitó al equipo rival al final del partido",
    "Pidió a su barra alentar con respeto",
    "Aceptó sin protestar una decisión arbitral",
    "Dio minutos de juego a todo su plantel",
)
BLUE_BARRA = (
    "Alentó a su equipo con respeto todo el partido",
    "Aplaudió una buena jugada del rival",
    "Acompañó el ritual de deportividad",
    "Dejó limpia la tribuna al terminar",
)
YELLOW = ("Falta temeraria", "Protestó una decisión del árbitro", "Retrasó la reanudación", "Jugada brusca")
RED = ("Conducta violenta", "Juego brusco grave")


PLAYER_REASONS = [
    BlueReason.HELPED_OPPONENT, BlueReason.ADMITTED_FOUL, BlueReason.ACCEPTED_DECISION, BlueReason.CALMED_TEAMMATE,
]


def ensure_office_group() -> Group:
    """The "Oficina de deportes" group with every permission on the office's data (not on organizers)."""
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=OFFICE_APPS).exclude(
        content_type__app_label="leagues", content_type__model="organizer"
    )
    group.permissions.add(*permissions)
    return group


def last_weekend(today: datetime.date) -> datetime.date:
    """The Saturday of the last weekend that is fully over (so its Sunday is before today)."""
    days = (today.weekday() - 5) % 7
    if days < 2:
        days += 7
    return today - datetime.timedelta(days=days)


def poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: small means only, which is all a youth score needs.
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


class Command(BaseCommand):
    help = "Create a demo district championship (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        today = timezone.localdate()
        season = str(today.year)
        slug = f"distrital-menores-tarjeta-azul-{season}"
        with transaction.atomic():
            public_pages_changed()  # the demo is written with bulk writes, which send no signals
            users = self.ensure_users()
            # Any season's demo counts: a second one would reuse the first one's document numbers.
            championship = (
                Championship.objects.filter(organizer__slug=ORGANIZER[1], name=CHAMPIONSHIP_NAME)
                .order_by("-season")
                .first()
            )
            if championship is None:
                championship = self.build(slug=slug, season=season, today=today, office=users["oficina"])
                message = _("Demo created: %(championship)s.")
                self.stdout.write(self.style.SUCCESS(message % {"championship": championship}))
            else:
                message = _("The demo already exists (%(championship)s); nothing was duplicated.")
                self.stdout.write(message % {"championship": championship})
            self.link_users(users, championship.organizer)
        self.report(championship)

    # --- users --------------------------------------------------------------------------------------------------------

    def ensure_users(self) -> dict:
        User = get_user_model()
        office_group = ensure_office_group()
        referee_group, _created = Group.objects.get_or_create(name=REFEREE_GROUP)
        self.password_notes = {}
        users = {}
        for username, password, _role in LOGINS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(password)
            # An existing account keeps its password: the command never resets a login someone may be using,
            # and only prints the demo password while it still opens the account.
            self.password_notes[username] = password if created or user.check_password(password) else None
            if username == "admin":
                user.is_staff = user.is_superuser = True
            elif username == "oficina":
                user.is_staff = True
            user.save()
            users[username] = user
        users["oficina"].groups.add(office_group)
        users["arbitro"].groups.add(referee_group)
        return users

    def link_users(self, users: dict, organizer: Organizer) -> None:
        organizer.staff.add(users["oficina"])
        coach = Coach.objects.filter(organizer=organizer, given_names=DEMO_COACH[0], surnames=DEMO_COACH[1]).first()
        if coach is not None and coach.user_id is None and not Coach.objects.filter(user=users["entrenador"]).exists():
            coach.user = users["entrenador"]
            coach.save(update_fields=["user"])
        self.appoint_referees(users["arbitro"], organizer)

    def appoint_referees(self, user, organizer: Organizer) -> None:
        """The demo referee, with a match today (the demo coach's team when it has one left) and the next ones.

        Run on every `./tarjeta demo`, so that whatever the day, the referee's home page opens on a match to fill.
        """
        from referees.models import Assignment, Referee
        from referees.services import assignment_create

        today = timezone.localdate()
        referee, _created = Referee.objects.get_or_create(
            user=user,
            defaults={
                "organizer": organizer, "given_names": DEMO_REFEREE[0], "surnames": DEMO_REFEREE[1],
                "licence": "LE-2014-017", "level": Referee.Level.LOCAL, "trained_on": datetime.date(today.year, 2, 14),
                "phone": "948 512 307",
            },
        )
        for given, surnames in OTHER_REFEREES:
            Referee.objects.get_or_create(organizer=organizer, given_names=given, surnames=surnames)
        open_matches = (
            Match.objects.filter(category__championship__organizer=organizer, status=Match.Status.SCHEDULED, sheet__isnull=True)
            .exclude(stage=Match.Stage.KNOCKOUT)
            .select_related("category")
            .order_by("date", "time", "round", "pk")
        )
        if not Assignment.objects.filter(referee=referee, match__date=today).exists():
            coach = Coach.objects.filter(user__username="entrenador").first()
            mine = open_matches.filter(Q(home__coaches=coach) | Q(away__coaches=coach)).first() if coach else None
            match = mine or open_matches.first()
            if match is not None:
                match.assignments.all().delete()
                match.date, match.time = today, datetime.time(10, 0)
                match.save(update_fields=["date", "time"])
                assignment_create(match=match, referee=referee)
        upcoming = open_matches.filter(date__gt=today, assignments__isnull=True)
        for match in upcoming[:40]:
            if Assignment.objects.filter(referee=referee, match__date__gt=today).count() >= 3:
                break
            try:
                assignment_create(match=match, referee=referee)
            except ValidationError:
                continue  # it overlaps one of the referee's other matches: leave it to the office

    def report(self, championship: Championship) -> None:
        teams = Team.objects.filter(category__championship=championship)
        matches = Match.objects.filter(category__championship=championship)
        cards = Card.objects.filter(match__category__championship=championship)
        self.stdout.write(
            _(
                "%(categories)d categories, %(teams)d teams, %(players)d players, %(matches)d matches "
                "(%(played)d played), %(blue)d blue cards and %(sanctions)d yellow/red cards."
            )
            % {
                "categories": championship.categories.count(),
                "teams": teams.count(),
                "players": RosterEntry.objects.filter(championship=championship).count(),
                "matches": matches.count(),
                "played": matches.played().count(),
                "blue": cards.blue().count(),
                "sanctions": cards.sanctions().count(),
            }
        )
        self.stdout.write(_("Logins (demo only; change them anywhere else):"))
        for username, _password, role in LOGINS:
            password = self.password_notes.get(username)
            shown = password if password else _("(existing account: its own password)")
            self.stdout.write(f"  {username:<11} {shown:<20} {_(role)}")

    # --- the championship ---------------------------------------------------------------------------------------------

    def build(self, *, slug: str, season: str, today: datetime.date, office) -> Championship:
        rng = random.Random(SEED)
        year = int(season)
        organizer, _created = Organizer.objects.get_or_create(slug=ORGANIZER[1], defaults={"name": ORGANIZER[0]})
        championship = Championship.objects.create(
            organizer=organizer,
            name=CHAMPIONSHIP_NAME,
            slug=slug,
            season=season,
            status=Championship.Status.IN_PROGRESS,
            preset=Championship.Preset.YOUTH,
        )
        scheme = FairPlayScheme(championship=championship)
        scheme.apply_preset()
        scheme.save()
        CertificateSettings.objects.create(
            championship=championship,
            signatory_1_name="Rosa Quispe Huamán", signatory_1_role="Jefa de la Oficina de Deportes",
            signatory_2_name="Julio César Ñique Alvarado", signatory_2_role="Coordinador del método Tarjeta Azul",
        )
        clubs = []
        for name, _team_name, _main, _second in CLUBS:
            club, _created = Club.objects.get_or_create(organizer=organizer, name=name)
            clubs.append(club)
        venues = []
        for name, address in VENUES:
            venue, _created = Venue.objects.get_or_create(organizer=organizer, name=name, defaults={"address": address})
            venues.append(venue)

        categories = Category.objects.bulk_create(
            Category(
                championship=championship,
                name=f"Sub-{age} {GENDER_WORD[gender]}",
                slug=f"sub-{age}-{GENDER_WORD[gender].lower()}",
                gender=gender,
                # Sub-N: under N during the whole season, in a band of two birth years.
                born_from=datetime.date(year - age + 1, 1, 1),
                born_until=datetime.date(year - age + 2, 12, 31),
                format=format_,
                group_count=2 if format_ == Category.Format.GROUPS_KNOCKOUT else 1,
                qualifiers_per_group=2,
                half_minutes=minutes // 2,
            )
            for age, gender, _teams, format_, minutes, _goals in CATEGORIES
        )

        # Teams: the clubs enter in a shuffled but fixed order, so each category has a different line-up.
        teams_by_category: dict[int, list[Team]] = {}
        team_rows = []
        for category, (_age, _gender, count, *_rest) in zip(categories, CATEGORIES):
            chosen = sorted(rng.sample(range(len(CLUBS)), count))
            for index in chosen:
                _club_name, team_name, main, second = CLUBS[index]
                team_rows.append(
                    Team(category=category, club=clubs[index], name=team_name, primary_colour=main,
                         secondary_colour=second)
                )
        for team in Team.objects.bulk_create(team_rows):
            teams_by_category.setdefault(team.category_id, []).append(team)
        all_teams = [team for category in categories for team in teams_by_category[category.pk]]

        roster = self.build_rosters(rng, organizer, championship, categories, teams_by_category)
        coaches = self.build_coaches(rng, organizer, clubs, categories, teams_by_category)
        safe_bars = self.build_barras(rng, all_teams, year)

        # Each category plays on its own weekend day and venue, so the eight never compete for a field.
        saturday = last_weekend(today)
        for index, (category, spec) in enumerate(zip(categories, CATEGORIES)):
            day_offset, venue = index // 4, venues[index % 4]
            self.play_category(
                rng, category, spec, venue=venue, anchor=saturday + datetime.timedelta(days=day_offset),
                roster=roster, coaches=coaches, safe_bars=safe_bars, teams=teams_by_category[category.pk],
            )

        self.add_incidents(categories, teams_by_category, saturday, office)
        return championship

    def build_rosters(self, rng, organizer, championship, categories, teams_by_category) -> dict[int, list[Player]]:
        players, entries = [], []
        documents = iter(rng.sample(range(70_000_000, 80_000_000), 14 * sum(map(len, teams_by_category.values()))))
        per_team: dict[int, list[Player]] = {}
        for category in categories:
            names = BOYS if category.gender == Gender.BOYS else GIRLS
            span = (category.born_until - category.born_from).days
            for team in teams_by_category[category.pk]:
                squad = [
                    Player(
                        organizer=organizer,
                        given_names=rng.choice(names),
                        surnames=" ".join(rng.sample(SURNAMES, 2)),
                        birth_date=category.born_from + datetime.timedelta(days=rng.randint(0, span)),
                        gender=category.gender,
                        document_number=f"{next(documents):08d}",
                    )
                    for _n in range(rng.randint(10, 14))
                ]
                players.extend(squad)
                per_team[team.pk] = squad
        Player.objects.bulk_create(players)
        for team_id, squad in per_team.items():
            shirts = sorted(rng.sample(range(1, 24), len(squad)))
            entries.extend(
                RosterEntry(team_id=team_id, player=player, championship=championship, shirt_number=shirt)
                for player, shirt in zip(squad, shirts)
            )
        RosterEntry.objects.bulk_create(entries)
        return per_team

    def build_coaches(self, rng, organizer, clubs, categories, teams_by_category) -> dict[int, Coach]:
        # Each club has a coach for its boys' teams and one for its girls' teams.
        coach_for: dict[tuple[int, str], Coach] = {}
        rows = []
        for club in clubs:
            for gender in (Gender.BOYS, Gender.GIRLS):
                if club.name == CLUBS[0][0] and gender == Gender.BOYS:
                    given, surnames = DEMO_COACH
                else:
                    given = rng.choice(ADULTS_MEN + ADULTS_WOMEN)
                    surnames = " ".join(rng.sample(SURNAMES, 2))
                coach = Coach(organizer=organizer, given_names=given, surnames=surnames,
                              phone=f"944 {rng.randint(100, 999)} {rng.randint(100, 999)}")
                coach_for[(club.pk, gender)] = coach
                rows.append(coach)
        Coach.objects.bulk_create(rows)
        links, by_team = [], {}
        gender_of = {category.pk: category.gender for category in categories}
        for category_id, teams in teams_by_category.items():
            for team in teams:
                coach = coach_for[(team.club_id, gender_of[category_id])]
                links.append(Coach.teams.through(coach_id=coach.pk, team_id=team.pk))
                by_team[team.pk] = coach
        Coach.teams.through.objects.bulk_create(links)
        return by_team

    def build_barras(self, rng, teams, year) -> set[int]:
        rows, safe = [], set()
        for team in teams:
            committed = None
            if rng.random() < 0.6:
                committed = datetime.date(year, 3, 1) + datetime.timedelta(days=rng.randint(0, 20))
                safe.add(team.pk)
            delegate = f"{rng.choice(ADULTS_WOMEN + ADULTS_MEN)} {rng.choice(SURNAMES)}"
            rows.append(
                Barra(team=team, name=f"Barra {team.name} {team.category.name.split()[0]}", delegate=delegate,
                      delegate_phone=f"949 {rng.randint(100, 999)} {rng.randint(100, 999)}",
                      safe_bar_committed_on=committed)
            )
        Barra.objects.bulk_create(rows)
        return safe

    def play_category(self, rng, category, spec, *, venue, anchor, roster, coaches, safe_bars, teams) -> None:
        age, _gender, _count, format_, minutes, mean_goals = spec
        groups = format_ == Category.Format.GROUPS_KNOCKOUT
        # Rounds played: the whole group stage where there is a knockout (so its first round can be drawn),
        # otherwise the first half of the rounds.
        size = math.ceil(len(teams) / category.group_count) if groups else len(teams)
        first_leg = size - 1 + size % 2
        rounds = 2 * first_leg if format_ == Category.Format.DOUBLE_ROUND_ROBIN else first_leg
        played = rounds if groups else rounds // 2
        start = anchor - datetime.timedelta(weeks=played - 1)
        dates = [start + datetime.timedelta(weeks=week) for week in range(rounds + 2)]
        matches = services.fixtures_generate(category=category, dates=dates, times=KICKOFFS, venues=[venue])

        done = [match for match in matches if match.round <= played]
        for match in done:
            match.home_goals = min(poisson(rng, mean_goals * 1.1), 9)
            match.away_goals = min(poisson(rng, mean_goals * 0.9), 9)
            match.status = Match.Status.PLAYED
        Match.objects.bulk_update(done, ["home_goals", "away_goals", "status"])
        self.give_cards(rng, done, minutes=minutes, roster=roster, coaches=coaches, safe_bars=safe_bars,
                        older=age >= 12)

        if groups:
            services.knockout_generate(
                category=category, dates=[anchor + datetime.timedelta(weeks=1)], times=KICKOFFS, venues=[venue]
            )

    def give_cards(self, rng, matches, *, minutes, roster, coaches, safe_bars, older) -> None:
        cards = []
        conduct = []

        def card(match, team_id, colour, recipient, reason, player=None, coach=None, code=""):
            cards.append(
                Card(match=match, team_id=team_id, recipient=recipient, player=player, coach=coach,
                     minute=rng.randint(1, minutes), colour=colour, reason=reason, reason_code=code)
            )

        for match in matches:
            # Most matches were filled on a tablet (fouls, ritual, barra); a few were entered from paper, cards only.
            with_sheet = rng.random() < 0.85
            for team_id in (match.home_id, match.away_id):
                squad = roster[team_id]
                safe = team_id in safe_bars
                # Blue cards are the point of the championship: most teams earn at least one a match.
                for player in rng.sample(squad, rng.choice((0, 1, 1, 1, 2, 2, 3))):
                    card(match, team_id, "blue", "player", rng.choice(BLUE_PLAYER), player=player,
                         code=rng.choice(PLAYER_REASONS))
                if rng.random() < 0.35:
                    card(match, team_id, "blue", "coach", rng.choice(BLUE_COACH), coach=coaches[team_id],
                         code=BlueReason.ACCEPTED_DECISION)
                if rng.random() < (0.6 if safe else 0.25):
                    card(match, team_id, "blue", "barra", rng.choice(BLUE_BARRA), code=BlueReason.BARRA_ENCOURAGEMENT)
                if with_sheet:
                    conduct.append(
                        MatchConduct(
                            match=match, team_id=team_id, fouls=poisson(rng, 7 if older else 4),
                            ritual_before=rng.random() < 0.9, ritual_after=rng.random() < (0.85 if safe else 0.65),
                            barra_rating=rng.choice((4, 5, 5) if safe else (2, 3, 3, 4, 4, 5)),
                            barra_incidents=0 if safe or rng.random() < 0.9 else 1,
                        )
                    )
                for player in rng.sample(squad, min(poisson(rng, 0.7 if older else 0.25), 3)):
                    card(match, team_id, "yellow", "player", rng.choice(YELLOW), player=player)
                if older and rng.random() < 0.04:
                    card(match, team_id, "red", "player", rng.choice(RED), player=rng.choice(squad))
        Card.objects.bulk_create(cards)
        MatchConduct.objects.bulk_create(conduct)

    def add_incidents(self, categories, teams_by_category, saturday, office) -> None:
        by_name = {category.name: category for category in categories}
        # A postponed match: the last round played in Sub-14 boys had one match moved.
        sub14 = by_name["Sub-14 Varones"]
        last_round = sub14.matches.filter(status=Match.Status.PLAYED).order_by("-round", "pk").first()
        last_round.cards.all().delete()
        Match.objects.filter(pk=last_round.pk).update(home_goals=None, away_goals=None, status=Match.Status.SCHEDULED)
        last_round.refresh_from_db()
        services.match_postpone(match=last_round, reason="Cancha ocupada por una actividad municipal")

        # A walkover: an away team of Sub-10 girls did not show up in round 2.
        sub10 = by_name["Sub-10 Damas"]
        no_show = sub10.matches.filter(round=2).order_by("pk").first()
        no_show.cards.all().delete()
        services.match_record_walkover(match=no_show, winner=no_show.home)

        # A sanction with its reason, recorded by the office.
        team = teams_by_category[by_name["Sub-12 Damas"].pk][0]
        PointAdjustment.objects.create(
            team=team,
            points=-3,
            reason="Alineación indebida: jugadora fuera del rango de edad de la categoría en la fecha 1",
            date=saturday - datetime.timedelta(days=5),
            created_by=office,
        )

