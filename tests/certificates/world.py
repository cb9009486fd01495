"""A finished category with known tables, blue cards, rosters and referees, for the award tests."""

from __future__ import annotations

import datetime

from leagues.management.commands.seed_demo import ensure_office_group
from tests.factories import (
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
)


class AwardWorld:
    """Halcones beat both others and collect the blue cards; Cóndores draw with Pumas and get one; Pumas are booked.

    Standings: Halcones 6, Cóndores 1, Pumas 1. Players' blue cards: h1 3, h2 2, c1 1, c2 1 (h1, h2, then c1 and c2
    tied at the third place). Cóndores' coach has a blue card. Halcones' barra (committed) and Pumas' barra (not
    committed, two cards) received blue cards. The referee of Halcones–Cóndores showed blue cards; the referee of
    Cóndores–Pumas showed none; another was appointed to a match not played yet."""

    def __init__(self):
        self.organizer = make_organizer(name="Municipalidad de La Esperanza")
        self.championship = make_championship(organizer=self.organizer, name="Copa Barrios", season="2026")
        self.category = make_category(championship=self.championship, name="Sub-12 Mixto")
        self.halcones = make_team(category=self.category, name="Halcones")
        self.condores = make_team(category=self.category, name="Cóndores")
        self.pumas = make_team(category=self.category, name="Pumas")
        self.players = {}
        for team, prefix in ((self.halcones, "h"), (self.condores, "c"), (self.pumas, "p")):
            for i in (1, 2):
                player = make_player(
                    organizer=self.organizer, given_names=f"Lucía{prefix}{i} Belén", surnames="Quispe Mendoza",
                    birth_date=datetime.date(2014, 7, 9), document_number=f"4{len(self.players):07d}9",
                )
                make_roster_entry(team=team, player=player, shirt_number=i)
                self.players[f"{prefix}{i}"] = player
        self.halcones_barra = make_barra(
            team=self.halcones, name="Barra Halcona", safe_bar_committed_on=datetime.date(2026, 3, 1)
        )
        self.pumas_barra = make_barra(team=self.pumas, name="Barra Puma")
        self.condores_coach = make_coach(organizer=self.organizer, given_names="Rosa", surnames="Huamán")
        self.condores_coach.teams.add(self.condores)

        day = datetime.date(2026, 5, 2)
        self.m1 = make_match(category=self.category, home=self.halcones, away=self.condores, home_goals=2,
                             away_goals=0, round=1, date=day)
        self.m2 = make_match(category=self.category, home=self.condores, away=self.pumas, home_goals=1, away_goals=1,
                             round=2, date=day)
        self.m3 = make_match(category=self.category, home=self.pumas, away=self.halcones, home_goals=0, away_goals=1,
                             round=3, date=day)
        self.pending = make_match(category=self.category, home=self.halcones, away=self.pumas, round=4, date=day)

        def blue(match, team, n, **who):
            for _i in range(n):
                make_card(match=match, team=team, colour="blue", reason_code="helped_opponent", **who)

        blue(self.m1, self.halcones, 3, player=self.players["h1"])
        blue(self.m3, self.halcones, 2, player=self.players["h2"])
        blue(self.m1, self.condores, 1, player=self.players["c1"])
        blue(self.m1, self.condores, 1, recipient="coach", coach=self.condores_coach)
        blue(self.m2, self.condores, 1, player=self.players["c2"])
        blue(self.m3, self.halcones, 1, recipient="barra")
        blue(self.m2, self.pumas, 2, recipient="barra")
        make_card(match=self.m2, team=self.pumas, colour="yellow", player=self.players["p1"])
        make_card(match=self.m3, team=self.pumas, colour="red", player=self.players["p2"])

        self.referee_blue = make_referee(organizer=self.organizer, given_names="Julio", surnames="Vásquez")
        make_assignment(match=self.m1, referee=self.referee_blue)
        self.referee_none = make_referee(organizer=self.organizer, given_names="Pedro", surnames="Rojas")
        self.m4 = make_match(category=self.category, home=self.pumas, away=self.condores, home_goals=0, away_goals=0,
                             round=5, date=day)
        make_assignment(match=self.m4, referee=self.referee_none)
        self.referee_pending = make_referee(organizer=self.organizer, given_names="Ana", surnames="Torres")
        make_assignment(match=self.pending, referee=self.referee_pending)

        self.office = make_user(is_staff=True)
        self.office.groups.add(ensure_office_group())
        self.organizer.staff.add(self.office)
        other = make_organizer()
        self.other_office = make_user(is_staff=True)
        self.other_office.groups.add(ensure_office_group())
        other.staff.add(self.other_office)
