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
