from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fairplay.models import BarraRating, BlueReason, Recipient
from leagues.models import Coach, Match, Organizer, Player, Team


class RefereeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def for_organizer(self, organizer):
        return self.filter(organizer=organizer)


class Referee(models.Model):
    class Level(models.TextChoices):
        TRAINEE = "trainee", _("Trainee")
        LOCAL = "local", _("Local")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")

    organizer = models.ForeignKey(Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="referees")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="referee",
    )
    given_names = models.CharField(_("given names"), max_length=100)
    surnames = models.CharField(_("surnames"), max_length=100, blank=True)
    licence = models.CharField(_("licence"), max_length=40, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level, default=Level.LOCAL)
    trained_on = models.DateField(_("trained in the blue-card method on"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = RefereeQuerySet.as_manager()

    class Meta:
        ordering = ["surnames", "given_names"]
        verbose_name = _("referee")
        verbose_name_plural = _("referees")

    def __str__(self) -> str:
        return f"{self.given_names} {self.surnames}".strip()


class AssignmentQuerySet(models.QuerySet):
    def for_organizer(self, organizer):
        return self.filter(match__category__championship__organizer=organizer)


class Assignment(models.Model):
    """A referee appointed to a match: one main referee, assistants optional."""

    class Role(models.TextChoices):
        MAIN = "main", _("Referee")
        ASSISTANT = "assistant", _("Assistant referee")

    # CASCADE, never PROTECT: regenerating a fixture deletes unplayed matches, and their appointments go with them.
    match = models.ForeignKey(Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="assignments")
    referee = models.ForeignKey(Referee, verbose_name=_("referee"), on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MAIN)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["match", "role", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["match", "referee"], name="assignment_once_per_match",
                violation_error_message=_("This referee is already appointed to the match."),
            ),
            models.UniqueConstraint(
                fields=["match"], condition=Q(role="main"), name="assignment_one_main_referee",
                violation_error_message=_("The match already has a main referee."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referee} · {self.match}"


class MatchSheetQuerySet(models.QuerySet):
    def for_organizer(self, organizer):
        return self.filter(match__category__championship__organizer=organizer)

    def awaiting_review(self):
        return self.filter(status=MatchSheet.Status.SUBMITTED)


class MatchSheet(models.Model):
    """The referee's record of a match (planilla de juego), filled on a tablet and submitted once."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being filled")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REOPENED = "reopened", _("Reopened for amendment")

    match = models.OneToOneField(Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="sheet")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    # Bumped by every accepted change; a change made against an older version of the same field is a conflict.
    version = models.PositiveIntegerField(_("version"), default=0)
    incidents = models.TextField(_("general incidents"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    reopen_reason = models.CharField(_("why it was reopened"), max_length=300, blank=True)

    objects = MatchSheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("match sheet")
        verbose_name_plural = _("match sheets")

    def __str__(self) -> str:
        return str(self.match)

    def get_absolute_url(self) -> str:
        return reverse("referees:sheet", args=[self.match_id])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.REOPENED)

    @property
    def was_submitted(self) -> bool:
        """Changes from now on go to the audit trail."""
        return self.status != self.Status.DRAFT


class SheetTeam(models.Model):
    """What the sheet records of one of the two teams besides its players and events."""

    sheet = models.ForeignKey(MatchSheet, on_delete=models.CASCADE, related_name="teams")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="+")
    coach_present = models.BooleanField(_("coach present"), default=False)
    ritual_before = models.BooleanField(_("ritual before the match"), default=False)
    ritual_after = models.BooleanField(_("ritual after the match"), default=False)
    barra_rating = models.PositiveSmallIntegerField(_("barra's behaviour"), choices=BarraRating, null=True, blank=True)
    barra_incidents = models.PositiveSmallIntegerField(_("barra incidents"), default=0)
    barra_notes = models.TextField(_("what happened with the barra"), blank=True)

    class Meta:
        ordering = ["sheet", "pk"]
        constraints = [models.UniqueConstraint(fields=["sheet", "team"], name="sheet_team_once")]

    def __str__(self) -> str:
        return str(self.team)


class SheetPlayer(models.Model):
    """A player present in the match: the line-up is the roster's players the referee marks present."""

    sheet = models.ForeignKey(MatchSheet, on_delete=models.CASCADE, related_name="players")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="+")
    player = models.ForeignKey(Player, verbose_name=_("player"), on_delete=models.PROTECT, related_name="+")
    shirt_number = models.PositiveSmallIntegerField(_("shirt number"), null=True, blank=True)
    captain = models.BooleanField(_("captain"), default=False)
    # A suspended or ineligible player plays only when the office says so, and the sheet keeps why.
    override_reason = models.CharField(_("office override"), max_length=300, blank=True)

    class Meta:
        ordering = ["sheet", "team", "shirt_number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "player"], name="sheet_player_once"),
            models.UniqueConstraint(
                fields=["sheet", "team"], condition=Q(captain=True), name="sheet_one_captain_per_team",
                violation_error_message=_("A team has one captain."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.player)


class SheetEvent(models.Model):
    """Something the referee recorded during the match. Undone events stay, marked, for the record."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("Goal")
        OWN_GOAL = "own_goal", _("Own goal")
        YELLOW = "yellow", _("Yellow card")
        SECOND_YELLOW = "second_yellow", _("Second yellow card")
        RED = "red", _("Red card")
        BLUE = "blue", _("Blue card")
        FOUL = "foul", _("Foul")

    sheet = models.ForeignKey(MatchSheet, on_delete=models.CASCADE, related_name="events")
    # Made on the tablet, so that sending the same event again never records it twice.
    client_id = models.UUIDField(_("id on the tablet"), default=uuid.uuid4, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind)
    # The team of the player, coach or barra concerned (for an own goal: the scorer's team, which concedes).
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="+")
    recipient = models.CharField(_("recipient"), max_length=10, choices=Recipient, default=Recipient.PLAYER)
    player = models.ForeignKey(Player, verbose_name=_("player"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    coach = models.ForeignKey(Coach, verbose_name=_("coach"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    minute = models.PositiveSmallIntegerField(_("minute"), null=True, blank=True)
    added_time = models.PositiveSmallIntegerField(_("added time"), default=0)
    half = models.PositiveSmallIntegerField(_("half"), default=1)
    reason = models.CharField(_("blue-card reason"), max_length=30, choices=BlueReason, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sheet", "half", "minute", "added_time", "pk"]
        verbose_name = _("match event")
        verbose_name_plural = _("match events")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="foul") | Q(minute__isnull=False), name="sheet_event_has_minute",
                violation_error_message=_("Give the minute."),
            ),
            models.CheckConstraint(
                condition=Q(recipient="player") | Q(kind__in=["blue", "yellow", "red"]),
                name="sheet_event_recipient_kind",
            ),
            models.CheckConstraint(
                condition=~Q(recipient="barra") | Q(kind="blue"), name="sheet_event_barra_only_blue",
                violation_error_message=_("A barra can only receive a blue card."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.minute_display}"

    @property
    def minute_display(self) -> str:
        if self.minute is None:
            return ""
        return f"{self.minute}+{self.added_time}'" if self.added_time else f"{self.minute}'"

    @property
    def moment(self) -> tuple[int, int]:
        return (self.minute or 0, self.added_time)


class SheetChange(models.Model):
    """Every change a tablet sent, once: the key to idempotent re-sending and to versioned writes."""

    sheet = models.ForeignKey(MatchSheet, on_delete=models.CASCADE, related_name="changes")
    client_id = models.UUIDField(unique=True)
    version = models.PositiveIntegerField()
    # What the change set ("team:12:ritual_before", "player:40", "event:<uuid>"): two changes conflict on it.
    key = models.CharField(max_length=80)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sheet", "version"]
        indexes = [models.Index(fields=["sheet", "key", "version"])]


class SheetConfirmation(models.Model):
    """A coach's confirmation of the sheet, or refusal, with who and when."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    sheet = models.ForeignKey(MatchSheet, on_delete=models.CASCADE, related_name="confirmations")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("coach's name"), max_length=120)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision)
    note = models.CharField(_("note"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["sheet", "at", "pk"]
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")


class AuditEntry(models.Model):
    """A change to a sheet after its submission: who, when, what it was before and after, and why."""

    sheet = models.ForeignKey(MatchSheet, on_delete=models.CASCADE, related_name="audit")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    action = models.CharField(_("what"), max_length=200)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    reason = models.CharField(_("why"), max_length=300)

    class Meta:
        ordering = ["sheet", "at", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return self.action
