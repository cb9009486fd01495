from django.conf import settings
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
        # Covers the fair-play loader's query, which then reads the index in order and never the table.
        indexes = [models.Index(fields=["match", "team", "colour", "recipient"], name="card_tally_idx")]

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
