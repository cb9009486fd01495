from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy



class Gender(models.TextChoices):
    BOYS = "boys", _("Boys")
    GIRLS = "girls", _("Girls")
    MIXED = "mixed", _("Mixed")


class OrganizerQuerySet(models.QuerySet):
    def for_user(self, user):
        if user.is_superuser:
            return self
        return self.filter(staff=user)


class Organizer(models.Model):
    """A municipality's sports office; every championship belongs to one."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff"), related_name="organizers", blank=True
    )

    objects = OrganizerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")

    def __str__(self) -> str:
        return self.name


# First path segments of the application's own pages: a championship's public address cannot be one of them.
# `/<championship>/fair-play/` is the championship's Copa Fair Play: no category may take that address.
RESERVED_CATEGORY_SLUGS = frozenset({"fair-play"})
RESERVED_SLUGS = frozenset(
    {"admin", "accounts", "i18n", "me", "referee", "coach", "sheets", "static", "media", "manual", "office", "fair-play",
     "verify", "documents", "health"}
)


class ChampionshipQuerySet(models.QuerySet):
    def for_organizer(self, organizer):
        return self.filter(organizer=organizer)

    def public(self):
        return self.exclude(status=Championship.Status.DRAFT)


class Championship(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REGISTRATION = "registration", _("Registration")
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")

    class Preset(models.TextChoices):
        YOUTH = "youth", _("Youth (fair play before lots)")
        FIFA = "fifa", _("FIFA (head-to-head, then conduct points)")
        LEAGUE = "league", _("League (points, goal difference, goals for)")

    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="championships"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    season = models.CharField(_("season"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    # The rules: points per result and the ordered tie-breakers, read by the standings engine.
    preset = models.CharField(_("rules preset"), max_length=20, choices=Preset, default=Preset.YOUTH)
    tiebreakers = models.JSONField(
        _("tie-breakers"),
        default=list,
        blank=True,
        help_text=_("Ordered criteria; leave empty to use the preset's order."),
    )
    points_win = models.PositiveSmallIntegerField(_("points for a win"), default=3)
    points_draw = models.PositiveSmallIntegerField(_("points for a draw"), default=1)
    points_loss = models.PositiveSmallIntegerField(_("points for a loss"), default=0)
    goal_difference_cap = models.PositiveSmallIntegerField(
        _("goal difference cap per match"), null=True, blank=True
    )
    walkover_goals_for = models.PositiveSmallIntegerField(_("walkover goals for the winner"), default=3)
    walkover_goals_against = models.PositiveSmallIntegerField(_("walkover goals for the loser"), default=0)
    # Discipline: suspensions that cards bring, served in the team's next matches.
    red_card_suspension = models.PositiveSmallIntegerField(
        _("matches suspended for a red card"), default=1, help_text=_("A direct red or a second yellow.")
    )
    yellow_cards_for_suspension = models.PositiveSmallIntegerField(
        _("yellow cards that suspend for one match"), default=3, help_text=_("0: yellow cards never add up.")
    )

    objects = ChampionshipQuerySet.as_manager()

    class Meta:
        ordering = ["-season", "name"]
        verbose_name = _("championship")
        verbose_name_plural = _("championships")
        constraints = [
            models.CheckConstraint(
                condition=Q(walkover_goals_for__gt=models.F("walkover_goals_against")),
                name="championship_walkover_winner_scores_more",
                violation_error_message=_("The walkover winner must score more than the loser."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.season}"

    def get_absolute_url(self) -> str:
        return reverse("leagues:championship", args=[self.slug])

    def clean(self):
        from leagues import standings

        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by the application; choose another slug.")})
        if not isinstance(self.tiebreakers or [], list) or not all(isinstance(n, str) for n in self.tiebreakers or []):
            raise ValidationError({"tiebreakers": _("Write the tie-breakers as a list of their names.")})
        for name in self.tiebreakers or []:
            if name not in standings.TIEBREAKERS:
                raise ValidationError({"tiebreakers": _("Unknown tie-breaker: %(name)s") % {"name": name}})

    def engine_rules(self):
        from leagues import standings

        return standings.Rules(
            win=self.points_win,
            draw=self.points_draw,
            loss=self.points_loss,
            tiebreakers=tuple(self.tiebreakers) or standings.PRESETS[self.preset],
            goal_difference_cap=self.goal_difference_cap,
            walkover_score=(self.walkover_goals_for, self.walkover_goals_against),
        )


class Category(models.Model):
    class Format(models.TextChoices):
        SINGLE_ROUND_ROBIN = "single", _("Single round robin")
        DOUBLE_ROUND_ROBIN = "double", _("Double round robin")
        GROUPS_KNOCKOUT = "groups", _("Groups then knockout")

    championship = models.ForeignKey(
        Championship, verbose_name=_("championship"), on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("For example Sub-10 Boys."))
    slug = models.SlugField(_("slug"), max_length=60)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, default=Gender.MIXED)
    born_from = models.DateField(_("born on or after"), null=True, blank=True)
    born_until = models.DateField(_("born on or before"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format, default=Format.SINGLE_ROUND_ROBIN)
    group_count = models.PositiveSmallIntegerField(_("number of groups"), default=1)
    qualifiers_per_group = models.PositiveSmallIntegerField(_("teams qualifying per group"), default=2)
    # Youth matches are shorter than senior ones; the match sheet checks each minute against these.
    half_minutes = models.PositiveSmallIntegerField(_("minutes per half"), default=25)
    max_added_time = models.PositiveSmallIntegerField(_("most added time per half"), default=10)

    class Meta:
        ordering = ["championship", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["championship", "name"], name="category_unique_name"),
            models.UniqueConstraint(fields=["championship", "slug"], name="category_unique_slug"),
            models.CheckConstraint(
                condition=Q(born_from__isnull=True) | Q(born_until__isnull=True) | Q(born_from__lte=models.F("born_until")),
                name="category_birth_range_ordered",
                violation_error_message=_("The birth range must start before it ends."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.championship}"

    def get_absolute_url(self) -> str:
        return reverse("leagues:standings", args=[self.championship.slug, self.slug])

    @property
    def match_minutes(self) -> int:
        return 2 * self.half_minutes

    def clean(self):
        if self.slug in RESERVED_CATEGORY_SLUGS:
            raise ValidationError({"slug": _("This address is taken by the application; choose another slug.")})

    def admits_birth_date(self, birth_date: datetime.date | None) -> bool:
        if birth_date is None:
            return True
        if self.born_from and birth_date < self.born_from:
            return False
        if self.born_until and birth_date > self.born_until:
            return False
        return True


class Club(models.Model):
    organizer = models.ForeignKey(Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="clubs")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("club")
        verbose_name_plural = _("clubs")
        constraints = [models.UniqueConstraint(fields=["organizer", "name"], name="club_unique_name")]

    def __str__(self) -> str:
        return self.name


class TeamQuerySet(models.QuerySet):
    def for_organizer(self, organizer):
        return self.filter(category__championship__organizer=organizer)


class Team(models.Model):
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="teams")
    club = models.ForeignKey(Club, verbose_name=_("club"), on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("name"), max_length=120)
    primary_colour = models.CharField(_("main colour"), max_length=7, default="#1d4ed8")
    secondary_colour = models.CharField(_("second colour"), max_length=7, default="#ffffff")
    group = models.CharField(_("group"), max_length=10, blank=True)
    lot = models.PositiveSmallIntegerField(
        _("drawing of lots"),
        null=True,
        blank=True,
        help_text=_("Place drawn by the office to split teams level on every other criterion (1 ranks first)."),
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(fields=["category", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("leagues:team", args=[self.category.championship.slug, self.category.slug, self.pk])


class Person(models.Model):
    """Names of a player or coach; the organizer owns this private data."""

    organizer = models.ForeignKey(Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT)
    given_names = models.CharField(_("given names"), max_length=100)
    surnames = models.CharField(_("surnames"), max_length=100, blank=True)

    class Meta:
        abstract = True
        ordering = ["surnames", "given_names"]

    def __str__(self) -> str:
        return f"{self.given_names} {self.surnames}".strip()

    @property
    def display_name(self) -> str:
        """First given name and the surname's initial: all a public page may show of a minor."""
        first = self.given_names.split()[0] if self.given_names.split() else ""
        initial = f" {self.surnames.strip()[0]}." if self.surnames.strip() else ""
        return f"{first}{initial}"


class Player(Person):
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, blank=True)
    document_number = models.CharField(_("document number"), max_length=20, blank=True)

    class Meta(Person.Meta):
        verbose_name = _("player")
        verbose_name_plural = _("players")
        constraints = [
            models.UniqueConstraint(
                fields=["organizer", "document_number"],
                condition=~Q(document_number=""),
                name="player_unique_document",
                violation_error_message=_("A player with this document number is already registered."),
            )
        ]


class Coach(Person):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, blank=True
    )
    teams = models.ManyToManyField(Team, verbose_name=_("teams"), related_name="coaches", blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta(Person.Meta):
        verbose_name = _("coach")
        verbose_name_plural = _("coaches")


class Barra(models.Model):
    """A team's supporters on the sideline: they can earn blue cards as a group."""

    team = models.OneToOneField(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="barra")
    name = models.CharField(_("name"), max_length=120)
    delegate = models.CharField(_("delegate"), max_length=120, blank=True)
    delegate_phone = models.CharField(_("delegate's phone"), max_length=30, blank=True)
    safe_bar_committed_on = models.DateField(_("safe-bar commitment signed on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("barra")
        verbose_name_plural = _("barras")

    def __str__(self) -> str:
        return self.name

    @property
    def is_safe_bar(self) -> bool:
        return self.safe_bar_committed_on is not None


class RosterEntry(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="roster")
    player = models.ForeignKey(Player, verbose_name=_("player"), on_delete=models.PROTECT, related_name="roster_entries")
    # Copied from the team so the database itself can refuse a second team in the same championship.
    championship = models.ForeignKey(Championship, on_delete=models.CASCADE, editable=False, related_name="+")
    shirt_number = models.PositiveSmallIntegerField(_("shirt number"), null=True, blank=True)

    class Meta:
        ordering = ["shirt_number"]
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "shirt_number"],
                name="roster_unique_shirt",
                violation_error_message=_("Another player of this team already wears this number."),
            ),
            models.UniqueConstraint(
                fields=["player", "championship"],
                name="roster_one_team_per_championship",
                violation_error_message=_("This player already plays for another team in this championship."),
            ),
            models.CheckConstraint(
                condition=Q(shirt_number__gte=1, shirt_number__lte=99) | Q(shirt_number__isnull=True),
                name="roster_shirt_range",
                violation_error_message=_("Shirt numbers go from 1 to 99."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.player} ({self.team})"

    def clean(self):
        if self.team_id and self.player_id:
            category = self.team.category
            if not category.admits_birth_date(self.player.birth_date):
                raise ValidationError(
                    {
                        "player": _(
                            "%(player)s was born on %(date)s, outside the birth range of %(category)s "
                            "(%(start)s to %(end)s)."
                        )
                        % {
                            "player": self.player,
                            "date": self.player.birth_date,
                            "category": category.name,
                            "start": category.born_from or "…",
                            "end": category.born_until or "…",
                        }
                    }
                )

    def save(self, *args, **kwargs):
        self.championship_id = self.team.category.championship_id
        super().save(*args, **kwargs)


class Venue(models.Model):
    organizer = models.ForeignKey(Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="venues")
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [models.UniqueConstraint(fields=["organizer", "name"], name="venue_unique_name")]

    def __str__(self) -> str:
        return self.name


class MatchQuerySet(models.QuerySet):
    def played(self):
        return self.filter(status__in=[Match.Status.PLAYED, Match.Status.WALKOVER])

    def unplayed(self):
        return self.filter(status__in=[Match.Status.SCHEDULED, Match.Status.POSTPONED])

    def for_organizer(self, organizer):
        return self.filter(category__championship__organizer=organizer)

    def for_team(self, team):
        return self.filter(Q(home=team) | Q(away=team))


class Match(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        PLAYED = "played", pgettext_lazy("match status", "Played")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")
        WALKOVER = "walkover", _("Walkover")

    class Stage(models.TextChoices):
        LEAGUE = "league", _("League")
        GROUP = "group", _("Group stage")
        KNOCKOUT = "knockout", _("Knockout")

    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="matches")
    round = models.PositiveSmallIntegerField(_("round"))
    round_label = models.CharField(_("round name"), max_length=60, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage, default=Stage.LEAGUE)
    home = models.ForeignKey(Team, verbose_name=_("home team"), on_delete=models.PROTECT, related_name="home_matches")
    away = models.ForeignKey(Team, verbose_name=_("away team"), on_delete=models.PROTECT, related_name="away_matches")
    venue = models.ForeignKey(Venue, verbose_name=_("venue"), on_delete=models.SET_NULL, null=True, blank=True)
    # A day without a time is common (imported results, fixtures not yet timed), so the two are separate.
    date = models.DateField(_("date"), null=True, blank=True)
    time = models.TimeField(_("kick-off time"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SCHEDULED)
    home_goals = models.PositiveSmallIntegerField(_("home goals"), null=True, blank=True)
    away_goals = models.PositiveSmallIntegerField(_("away goals"), null=True, blank=True)
    home_penalties = models.PositiveSmallIntegerField(_("home penalties"), null=True, blank=True)
    away_penalties = models.PositiveSmallIntegerField(_("away penalties"), null=True, blank=True)
    status_note = models.CharField(
        _("reason"), max_length=200, blank=True, help_text=_("Why the match was postponed or cancelled; shown publicly.")
    )
    walkover_winner = models.ForeignKey(
        Team, verbose_name=_("walkover awarded to"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["round", "date", "time", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.CheckConstraint(
                condition=~Q(home=models.F("away")),
                name="match_no_team_plays_itself",
                violation_error_message=_("A team cannot play against itself."),
            ),
            models.CheckConstraint(
                condition=(Q(home_goals__isnull=True) | Q(home_goals__gte=0))
                & (Q(away_goals__isnull=True) | Q(away_goals__gte=0)),
                name="match_scores_not_negative",
                violation_error_message=_("Scores cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(status="played") | (Q(home_goals__isnull=False) & Q(away_goals__isnull=False)),
                name="match_played_has_score",
                violation_error_message=_("A played match needs both scores."),
            ),
            models.CheckConstraint(
                condition=~Q(status="walkover") | Q(walkover_winner__isnull=False),
                name="match_walkover_has_winner",
                violation_error_message=_("A walkover needs the team it is awarded to."),
            ),
            models.UniqueConstraint(
                fields=["category", "round", "home", "away"],
                name="match_unique_pairing_per_round",
                violation_error_message=_("These teams already meet in this round."),
            ),
        ]
        indexes = [models.Index(fields=["category", "round"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.home} – {self.away}"

    def clean(self):
        if self.home_id and self.away_id:
            if self.home_id == self.away_id:
                raise ValidationError(_("A team cannot play against itself."))
            if self.home.category_id != self.category_id or self.away.category_id != self.category_id:
                raise ValidationError(_("Both teams must belong to the match's category."))
        if self.walkover_winner_id and self.walkover_winner_id not in (self.home_id, self.away_id):
            raise ValidationError({"walkover_winner": _("The walkover must go to one of the two teams.")})

    @property
    def kickoff(self) -> datetime.datetime | None:
        if self.date is None or self.time is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.date, self.time))

    @property
    def is_played(self) -> bool:
        return self.status in (self.Status.PLAYED, self.Status.WALKOVER)


class PointAdjustment(models.Model):
    """An office sanction or correction of a team's points, with its reason."""

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="adjustments")
    points = models.SmallIntegerField(_("points"), help_text=_("Negative to deduct."))
    reason = models.CharField(_("reason"), max_length=300)
    date = models.DateField(_("date"), default=datetime.date.today)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("point adjustment")
        verbose_name_plural = _("point adjustments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(points=0),
                name="adjustment_not_zero",
                violation_error_message=_("An adjustment must add or deduct points."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.points:+d}"
