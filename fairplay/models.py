from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leagues.models import Coach, Match, Player, Team


class Recipient(models.TextChoices):
    PLAYER = "player", _("Player")
    COACH = "coach", _("Coach")
    BARRA = "barra", _("Barra")


class Colour(models.TextChoices):
    YELLOW = "yellow", _("Yellow")
    SECOND_YELLOW = "second_yellow", _("Second yellow")
    RED = "red", _("Red")
    BLUE = "blue", _("Blue")


class BlueReason(models.TextChoices):
    """What a blue card rewards: the Fair Play Manual's list, which the referee picks from."""

    HELPED_OPPONENT = "helped_opponent", _("Helped an opponent")
    ADMITTED_FOUL = "admitted_foul", _("Admitted a foul or apologised")
    ACCEPTED_DECISION = "accepted_decision", _("Accepted a decision calmly")
    CALMED_TEAMMATE = "calmed_teammate", _("Calmed a teammate")
    BARRA_ENCOURAGEMENT = "barra_encouragement", _("Respectful encouragement from the barra")
    OTHER = "other", _("Other")


class BarraRating(models.IntegerChoices):
    """The barra's behaviour in a match, rated by the referee."""

    AGGRESSIVE = 1, _("1 · Insults or aggression")
    DISRESPECTFUL = 2, _("2 · Disrespectful")
    ACCEPTABLE = 3, _("3 · Acceptable")
    RESPECTFUL = 4, _("4 · Respectful")
    EXEMPLARY = 5, _("5 · Exemplary")


class CardQuerySet(models.QuerySet):
    def blue(self):
        return self.filter(colour=Colour.BLUE)

    def sanctions(self):
        return self.exclude(colour=Colour.BLUE)

    def for_organizer(self, organizer):
        return self.filter(match__category__championship__organizer=organizer)


class Card(models.Model):
    """A card shown in a match: yellow and red sanction, blue rewards fair play."""

    match = models.ForeignKey(Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="cards")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="cards")
    recipient = models.CharField(_("recipient"), max_length=10, choices=Recipient, default=Recipient.PLAYER)
    player = models.ForeignKey(
        Player, verbose_name=_("player"), on_delete=models.PROTECT, null=True, blank=True, related_name="cards"
    )
    coach = models.ForeignKey(
        Coach, verbose_name=_("coach"), on_delete=models.PROTECT, null=True, blank=True, related_name="cards"
    )
    minute = models.PositiveSmallIntegerField(_("minute"))
    added_time = models.PositiveSmallIntegerField(_("added time"), default=0)
    colour = models.CharField(_("colour"), max_length=15, choices=Colour)
    reason_code = models.CharField(_("blue-card reason"), max_length=30, choices=BlueReason, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = CardQuerySet.as_manager()

    class Meta:
        ordering = ["match", "minute", "added_time", "pk"]
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        constraints = [
            models.CheckConstraint(
                condition=(Q(recipient="player") & Q(player__isnull=False) & Q(coach__isnull=True))
                | (Q(recipient="coach") & Q(player__isnull=True))
                | (Q(recipient="barra") & Q(player__isnull=True) & Q(coach__isnull=True)),
                name="card_recipient_matches_person",
                violation_error_message=_("A player's card names the player; a barra's card names nobody."),
            ),
            models.CheckConstraint(
                condition=~Q(recipient="barra") | Q(colour="blue"),
                name="card_barra_only_blue",
                violation_error_message=_("A barra can only receive a blue card."),
            ),
            models.CheckConstraint(
                condition=Q(minute__lte=150) & Q(added_time__lte=30),
                name="card_minute_range",
                violation_error_message=_("The minute is out of range."),
            ),
        ]
        # Covers the fair-play loader's query (cards per team and match, and per person for FIFA's one deduction),
        # which then reads the index in order and never the table.
        indexes = [
            models.Index(fields=["match", "team", "recipient", "player", "coach", "colour"], name="card_person_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_colour_display()} · {self.minute_display}"

    @property
    def minute_display(self) -> str:
        return f"{self.minute}+{self.added_time}'" if self.added_time else f"{self.minute}'"


class SuspensionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)

    def for_organizer(self, organizer):
        return self.filter(team__category__championship__organizer=organizer)


class Suspension(models.Model):
    """A player kept out of the team's next matches, from a card or by the office.

    Which matches it covers is not stored: `fairplay.discipline` counts the team's matches after `origin_match`
    (or from `starts_on`), so a rescheduled fixture moves the suspension with it.
    """

    class Cause(models.TextChoices):
        RED = "red", _("Sent off")
        YELLOWS = "yellows", _("Accumulated yellow cards")
        OFFICE = "office", _("Office decision")

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="suspensions")
    player = models.ForeignKey(Player, verbose_name=_("player"), on_delete=models.CASCADE, related_name="suspensions")
    cause = models.CharField(_("cause"), max_length=10, choices=Cause)
    origin_match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, null=True, blank=True, related_name="suspensions"
    )
    starts_on = models.DateField(
        _("starts on"), null=True, blank=True, help_text=_("For an office decision: the first day it applies.")
    )
    matches = models.PositiveSmallIntegerField(_("matches"), default=1)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lifted by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    lift_reason = models.CharField(_("why it was lifted"), max_length=300, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(matches__gte=1), name="suspension_at_least_one_match",
                violation_error_message=_("A suspension lasts at least one match."),
            ),
            models.CheckConstraint(
                condition=Q(origin_match__isnull=False) | Q(starts_on__isnull=False),
                name="suspension_has_start",
                violation_error_message=_("A suspension starts after a match or on a date."),
            ),
            models.CheckConstraint(
                condition=~Q(cause="office") | ~Q(reason=""),
                name="suspension_office_has_reason",
                violation_error_message=_("An office suspension needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True) | ~Q(lift_reason=""),
                name="suspension_lift_has_reason",
                violation_error_message=_("Lifting a suspension needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.player} · {self.get_cause_display()}"


# --- Fair-play schemes -------------------------------------------------------------------------------------------------


class SchemePreset(models.TextChoices):
    YOUTH = "youth", _("Youth blue-card scheme")
    FIFA = "fifa", _("FIFA team conduct points")
    UEFA = "uefa", _("UEFA-style fair-play assessment")


class SchemeMode(models.TextChoices):
    """How fair play enters the competition."""

    TABLE = "table", _("A separate table (Copa Fair Play) only")
    TIEBREAKER = "tiebreaker", _("A tie-breaker in the standings, and the Copa Fair Play")
    POINTS = "points", _("Points added to the sports points, and the Copa Fair Play")


# The weights each preset starts from; the office adjusts them per championship (and per category if needed).
PRESET_WEIGHTS = {
    SchemePreset.YOUTH: {
        "blue_player": 2, "blue_coach": 2, "blue_barra": 3, "ritual_before": 1, "ritual_after": 1,
        "barra_rating": 1, "foul": -0.2, "yellow": -1, "second_yellow": -2, "red": -4,
        "coach_yellow": -2, "coach_red": -5, "barra_incident": -3,
    },
    SchemePreset.FIFA: {
        "blue_player": 0, "blue_coach": 0, "blue_barra": 0, "ritual_before": 0, "ritual_after": 0,
        "barra_rating": 0, "foul": 0, "yellow": -1, "second_yellow": -3, "red": -4,
        "coach_yellow": 0, "coach_red": 0, "barra_incident": 0,
    },
    SchemePreset.UEFA: {
        "blue_player": 0, "blue_coach": 0, "blue_barra": 0, "ritual_before": 0, "ritual_after": 0,
        "barra_rating": 0, "foul": 0, "yellow": -1, "second_yellow": -3, "red": -3,
        "coach_yellow": 0, "coach_red": 0, "barra_incident": 0,
    },
}


class FairPlayScheme(models.Model):
    """How a championship (or one of its categories, overriding it) turns conduct into fair-play points.

    The weights are read by `fairplay.scoring` (through `engine_scheme`); what each one means for each preset is
    written out in the Fair Play Manual's scoring section, generated from this row."""

    championship = models.OneToOneField(
        "leagues.Championship", verbose_name=_("championship"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="fair_play_scheme",
    )
    category = models.OneToOneField(
        "leagues.Category", verbose_name=_("category"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="fair_play_scheme", help_text=_("Only to give one category rules of its own."),
    )
    preset = models.CharField(_("scheme"), max_length=10, choices=SchemePreset, default=SchemePreset.YOUTH)
    mode = models.CharField(_("how fair play counts"), max_length=12, choices=SchemeMode, default=SchemeMode.TIEBREAKER)
    weight = models.DecimalField(
        _("weight on the sports points"), max_digits=4, decimal_places=2, default=1,
        help_text=_("With “points added”: each fair-play point is worth this many sports points."),
    )
    blue_player = models.DecimalField(_("blue card to a player"), max_digits=5, decimal_places=2, default=2)
    blue_coach = models.DecimalField(_("blue card to a coach"), max_digits=5, decimal_places=2, default=2)
    blue_barra = models.DecimalField(_("blue card to the barra"), max_digits=5, decimal_places=2, default=3)
    ritual_before = models.DecimalField(_("ritual before the match"), max_digits=5, decimal_places=2, default=1)
    ritual_after = models.DecimalField(_("ritual after the match"), max_digits=5, decimal_places=2, default=1)
    barra_rating = models.DecimalField(
        _("barra's behaviour, per level above acceptable"), max_digits=5, decimal_places=2, default=1,
        help_text=_("Exemplary (5) earns twice this, insults or aggression (1) loses twice this."),
    )
    foul = models.DecimalField(_("each foul"), max_digits=5, decimal_places=2, default=-0.2)
    yellow = models.DecimalField(_("yellow card"), max_digits=5, decimal_places=2, default=-1)
    second_yellow = models.DecimalField(
        _("second yellow card"), max_digits=5, decimal_places=2, default=-2,
        help_text=_("Youth scheme: on top of the first yellow. FIFA: the whole deduction."),
    )
    red = models.DecimalField(_("direct red card"), max_digits=5, decimal_places=2, default=-4)
    coach_yellow = models.DecimalField(_("yellow card to a coach"), max_digits=5, decimal_places=2, default=-2)
    coach_red = models.DecimalField(_("red card to a coach"), max_digits=5, decimal_places=2, default=-5)
    barra_incident = models.DecimalField(_("each barra incident"), max_digits=5, decimal_places=2, default=-3)

    class Meta:
        verbose_name = _("fair-play scheme")
        verbose_name_plural = _("fair-play schemes")
        constraints = [
            models.CheckConstraint(
                condition=(Q(championship__isnull=False) & Q(category__isnull=True))
                | (Q(championship__isnull=True) & Q(category__isnull=False)),
                name="scheme_for_championship_or_category",
                violation_error_message=_("A scheme belongs to a championship or to one category."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="scheme_weight_not_negative",
                violation_error_message=_("The weight cannot be negative."),
            ),
        ]

    WEIGHTS = tuple(PRESET_WEIGHTS[SchemePreset.YOUTH])

    def __str__(self) -> str:
        return f"{self.get_preset_display()} · {self.category or self.championship}"

    def apply_preset(self) -> None:
        """Set every weight to the preset's (the office then adjusts them)."""
        for name, value in PRESET_WEIGHTS[self.preset].items():
            setattr(self, name, value)

    def engine_scheme(self):
        from fairplay.scoring import Scheme

        return Scheme(
            preset=self.preset, mode=self.mode, weight=float(self.weight),
            **{name: float(getattr(self, name)) for name in self.WEIGHTS},
        )


def default_scheme(championship) -> FairPlayScheme:
    """The scheme a championship plays under before the office sets one: its rules preset's (unsaved)."""
    preset = SchemePreset.YOUTH if championship.preset == "youth" else SchemePreset.FIFA
    scheme = FairPlayScheme(championship=championship, preset=preset, mode=SchemeMode.TIEBREAKER)
    scheme.apply_preset()
    return scheme


# --- What a team did in a match, beyond its cards ---------------------------------------------------------------------


class MatchConduct(models.Model):
    """One team's conduct in one match besides its cards: from the submitted match sheet (fouls, ritual, barra) and,
    for the UEFA-style scheme, the office's ratings. A match with no sheet (imported results) has none."""

    match = models.ForeignKey(Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="conduct")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="conduct")
    fouls = models.PositiveSmallIntegerField(_("fouls"), default=0)
    ritual_before = models.BooleanField(_("ritual before the match"), null=True, blank=True)
    ritual_after = models.BooleanField(_("ritual after the match"), null=True, blank=True)
    barra_rating = models.PositiveSmallIntegerField(_("barra's behaviour"), choices=BarraRating, null=True, blank=True)
    barra_incidents = models.PositiveSmallIntegerField(_("barra incidents"), default=0)
    # UEFA-style ratings, given by the office (or its match commissioner) after the match.
    positive_play = models.PositiveSmallIntegerField(
        _("positive play (1–10)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    respect_opponent = models.PositiveSmallIntegerField(
        _("respect for the opponent (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    respect_referee = models.PositiveSmallIntegerField(
        _("respect for the referee (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    officials_behaviour = models.PositiveSmallIntegerField(
        _("behaviour of the team officials (1–5)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    spectators_behaviour = models.PositiveSmallIntegerField(
        _("behaviour of the spectators (1–5)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Empty: the barra's behaviour on the match sheet is used."),
    )

    class Meta:
        ordering = ["match", "team"]
        verbose_name = _("match conduct")
        verbose_name_plural = _("match conduct")
        constraints = [
            models.UniqueConstraint(fields=["match", "team"], name="conduct_once_per_team"),
            models.CheckConstraint(
                condition=Q(positive_play__isnull=True) | Q(positive_play__gte=1, positive_play__lte=10),
                name="conduct_positive_play_range",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"conduct_{name}_range",
                )
                for name in ("respect_opponent", "respect_referee", "officials_behaviour", "spectators_behaviour")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.match}"


# --- The Fair Play Manual ----------------------------------------------------------------------------------------------


class Audience(models.TextChoices):
    REFEREES = "referees", _("Referees")
    COACHES = "coaches", _("Coaches")
    PLAYERS = "players", _("Players")
    FAMILIES = "families", _("Barras and parents")
    ORGANIZERS = "organizers", _("Organizers")


class ManualSection(models.Model):
    """A section of the Fair Play Manual, in Spanish and English, tagged with the audiences it speaks to.

    The scoring section holds no text of its own: it is written from the championship's scheme when shown."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        SCORING = "scoring", _("Scoring (generated from the scheme)")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.TEXT)
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    title_es = models.CharField(_("title (Spanish)"), max_length=150)
    title_en = models.CharField(_("title (English)"), max_length=150)
    body_es = models.TextField(_("text (Spanish)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("manual section")
        verbose_name_plural = _("manual sections")

    def __str__(self) -> str:
        return self.title_es
