"""Awards proposed from a championship's data, reviewed by the office, and the certificates issued for them.

An issued certificate keeps a snapshot of everything it prints (`CertificateData.to_json()`): a reprint and the public
verification page read the snapshot only, so they match the original whatever changes later."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certificates.uploads import validate_logo
from leagues.models import Barra, Category, Championship, Coach, Player, Team
from referees.models import Referee


class AwardKind(models.TextChoices):
    FAIR_PLAY_CHAMPION = "fair_play_champion", _("Fair Play champion")
    FAIR_PLAY_RUNNER_UP = "fair_play_runner_up", _("Fair Play runner-up")
    BLUE_CARDS_PLAYER = "blue_cards_player", _("Most blue cards")
    COACH = "coach", _("Fair Play coach")
    BARRA_SEGURA = "barra_segura", _("Barra segura")
    SPORTS_CHAMPION = "sports_champion", _("Champion")
    PARTICIPATION = "participation", _("Participation")
    REFEREE = "referee", _("Blue-card referee")


TEAM_KINDS = (AwardKind.FAIR_PLAY_CHAMPION, AwardKind.FAIR_PLAY_RUNNER_UP, AwardKind.SPORTS_CHAMPION)
PLAYER_KINDS = (AwardKind.BLUE_CARDS_PLAYER, AwardKind.PARTICIPATION)


def _recipient_rule() -> Q:
    """Each kind names exactly its kind of recipient; a team is also kept for a player, coach or barra (printed)."""
    no = {name: True for name in ("player__isnull", "coach__isnull", "barra__isnull", "referee__isnull")}

    def only(field: str, team: bool | None) -> Q:
        fields = {k: v for k, v in no.items() if not k.startswith(field)}
        q = Q(**fields) & Q(**{f"{field}__isnull": False})
        if team is True:
            q &= Q(team__isnull=False)
        elif team is False:
            q &= Q(team__isnull=True)
        return q

    return (
        (Q(kind__in=TEAM_KINDS) & Q(team__isnull=False) & Q(**no))
        | (Q(kind__in=PLAYER_KINDS) & only("player", True))
        | (Q(kind=AwardKind.COACH) & only("coach", None))
        | (Q(kind=AwardKind.BARRA_SEGURA) & only("barra", True))
        | (Q(kind=AwardKind.REFEREE) & only("referee", False))
    )


class AwardQuerySet(models.QuerySet):
    def proposed(self):
        return self.filter(status=Award.Status.PROPOSED)

    def issued(self):
        return self.filter(status=Award.Status.ISSUED)

    def for_organizer(self, organizer):
        return self.filter(championship__organizer=organizer)


class Award(models.Model):
    Kind = AwardKind

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        EXCLUDED = "excluded", _("Excluded")
        ISSUED = "issued", _("Issued")

    championship = models.ForeignKey(
        Championship, verbose_name=_("championship"), on_delete=models.CASCADE, related_name="awards"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, null=True, blank=True, related_name="awards",
        help_text=_("Empty for an award of the whole championship."),
    )
    kind = models.CharField(_("award"), max_length=30, choices=AwardKind)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    player = models.ForeignKey(
        Player, verbose_name=_("player"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    coach = models.ForeignKey(
        Coach, verbose_name=_("coach"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    barra = models.ForeignKey(
        Barra, verbose_name=_("barra"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referee = models.ForeignKey(
        Referee, verbose_name=_("referee"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # True for the office's own additions: a new proposal run keeps them (it only replaces what it proposed itself).
    added = models.BooleanField(_("added by the office"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    score = models.CharField(_("score"), max_length=40, blank=True, help_text=_("What earned it, for review."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    # kind, category and recipient in one string, unique per championship: a rerun cannot propose anything twice.
    key = models.CharField(max_length=80, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["championship", "category", "kind", "position", "pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["championship", "key"], name="award_once_per_recipient",
                violation_error_message=_("This award already exists for this recipient."),
            ),
            models.CheckConstraint(
                condition=_recipient_rule(), name="award_recipient_matches_kind",
                violation_error_message=_("The recipient does not match the kind of award."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recipient_label}"

    @property
    def recipient(self):
        return self.player or self.coach or self.barra or self.referee or self.team

    @property
    def recipient_label(self) -> str:
        """For the office (full names); public pages and certificates use the snapshot instead."""
        return str(self.recipient) if self.recipient is not None else ""

    def compute_key(self) -> str:
        for field in ("player", "coach", "barra", "referee", "team"):
            pk = getattr(self, f"{field}_id")
            if pk is not None:
                return f"{self.kind}:{self.category_id or '-'}:{field}:{pk}"
        return f"{self.kind}:{self.category_id or '-'}:-"


class Certificate(models.Model):
    award = models.OneToOneField(Award, verbose_name=_("award"), on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    snapshot = models.JSONField(_("printed data"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class CertificateSettings(models.Model):
    """What every certificate of a championship prints besides the award: the signatories and the logo."""

    championship = models.OneToOneField(
        Championship, verbose_name=_("championship"), on_delete=models.CASCADE, related_name="certificate_settings"
    )
    signatory_1_name = models.CharField(_("first signatory"), max_length=120, blank=True)
    signatory_1_role = models.CharField(_("first signatory's role"), max_length=120, blank=True)
    signatory_2_name = models.CharField(_("second signatory"), max_length=120, blank=True)
    signatory_2_role = models.CharField(_("second signatory's role"), max_length=120, blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="logos/", blank=True, validators=[validate_logo],
        help_text=_("A PNG or JPEG image of at most 1 MB."),
    )

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    def __str__(self) -> str:
        return str(self.championship)


class CertificateBatch(models.Model):
    """All the certificates of a championship (or of one of its categories) printed as one file, in the background.

    `file` is a path relative to PRIVATE_FILES_ROOT ("batches/..."), served only by the permission-checked download view."""

    class Format(models.TextChoices):
        PDF = "pdf", _("One PDF")
        ZIP = "zip", _("ZIP, one PDF per recipient")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    championship = models.ForeignKey(
        Championship, verbose_name=_("championship"), on_delete=models.CASCADE, related_name="certificate_batches"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        help_text=_("Empty for the whole championship."),
    )
    format = models.CharField(_("format"), max_length=3, choices=Format, default=Format.PDF)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    # The site's address when the batch was asked for: the QR codes of the certificates it issues point there.
    base_url = models.CharField(_("site address"), max_length=200, blank=True)
    file = models.CharField(_("file"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self) -> str:
        return f"{self.championship} · {self.category or '-'} · {self.format}"

    @property
    def progress(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
