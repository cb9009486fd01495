"""The office's admin for referees, their appointments and the match sheets, scoped per organizer like the rest.

Appointments are made on the match's page (the inline in `leagues.admin`); sheets are reviewed here and approved with
an action, and amended on the sheet page itself, where reopening asks for the reason.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leagues.admin import ORGANIZER_PATHS, OrganizerScopedAdmin, RelatedOnly, ScopedMixin, issue_logins
from referees import services
from referees.models import Assignment, AuditEntry, MatchSheet, Referee, SheetConfirmation

ORGANIZER_PATHS.update(
    {
        Referee: "organizer",
        Assignment: "match__category__championship__organizer",
        MatchSheet: "match__category__championship__organizer",
        AuditEntry: "sheet__match__category__championship__organizer",
        SheetConfirmation: "sheet__match__category__championship__organizer",
    }
)


class TrainedFilter(admin.SimpleListFilter):
    title = _("blue-card method")
    parameter_name = "trained"

    def lookups(self, request, model_admin):
        return [("yes", _("Trained")), ("no", _("Not trained yet"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(trained_on__isnull=False)
        if self.value() == "no":
            return queryset.filter(trained_on__isnull=True)
        return queryset


@admin.register(Referee)
class RefereeAdmin(OrganizerScopedAdmin):
    list_display = ("__str__", "licence", "level", "trained_on", "phone", "active", "has_login")
    list_filter = ("active", "level", TrainedFilter, ("organizer", RelatedOnly))
    search_fields = ("given_names", "surnames", "licence", "phone")
    fields = ("organizer", "given_names", "surnames", "licence", "level", "trained_on", "phone", "active", "user")
    actions = ["issue_login"]

    def get_readonly_fields(self, request, obj=None):
        # User accounts belong to no organizer: the office makes them with the action, only a superuser links one.
        return () if request.user.is_superuser else ("user",)

    @admin.display(description=_("login"), boolean=True, ordering="user")
    def has_login(self, referee):
        return referee.user_id is not None

    @admin.action(description=_("Create login / reset password"), permissions=["change"])
    def issue_login(self, request, queryset):
        issue_logins(self, request, queryset)


@admin.register(Assignment)
class AssignmentAdmin(OrganizerScopedAdmin):
    """The appointments at a glance; they are made and removed on the match's page, where the rules are checked."""

    list_display = ("match_link", "match_date", "match_time", "venue", "referee", "role")
    list_filter = (
        ("match__date", admin.DateFieldListFilter), ("referee", RelatedOnly), "role", ("match__category", RelatedOnly)
    )
    list_select_related = ("match__home", "match__away", "match__venue", "referee")
    search_fields = ("referee__given_names", "referee__surnames", "match__home__name", "match__away__name")
    date_hierarchy = "match__date"
    ordering = ("match__date", "match__time", "match", "role")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("match"), ordering="match__date")
    def match_link(self, assignment):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:leagues_match_change", args=[assignment.match_id]), assignment.match
        )

    @admin.display(description=_("date"), ordering="match__date")
    def match_date(self, assignment):
        return assignment.match.date

    @admin.display(description=_("kick-off time"), ordering="match__time")
    def match_time(self, assignment):
        return assignment.match.time

    @admin.display(description=_("venue"))
    def venue(self, assignment):
        return assignment.match.venue or ""


class ReviewFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", _("Awaiting review")),
            (MatchSheet.Status.DRAFT, MatchSheet.Status.DRAFT.label),
            (MatchSheet.Status.REOPENED, MatchSheet.Status.REOPENED.label),
            (MatchSheet.Status.APPROVED, MatchSheet.Status.APPROVED.label),
        ]

    def queryset(self, request, queryset):
        if self.value() == "awaiting":
            return queryset.awaiting_review()
        if self.value() in MatchSheet.Status.values:
            return queryset.filter(status=self.value())
        return queryset


class ReadOnlyInline(ScopedMixin, admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditEntryInline(ReadOnlyInline):
    model = AuditEntry
    fields = readonly_fields = ("user", "at", "action", "before", "after", "reason")


class SheetConfirmationInline(ReadOnlyInline):
    model = SheetConfirmation
    fields = readonly_fields = ("team", "name", "user", "decision", "note", "at")


@admin.register(MatchSheet)
class MatchSheetAdmin(OrganizerScopedAdmin):
    """Review: the list, the record of confirmations and amendments, and approval. Amending is on the sheet page."""

    list_display = ("match", "category", "match_date", "status", "submitted_at", "main_referee", "sheet_link")
    list_filter = (ReviewFilter, ("match__category", RelatedOnly))
    list_select_related = ("match__home", "match__away", "match__category")
    search_fields = ("match__home__name", "match__away__name")
    date_hierarchy = "match__date"
    ordering = ("-submitted_at", "-match__date")
    fields = (
        "match", "status", "submitted_at", "submitted_by", "approved_at", "approved_by", "reopen_reason", "sheet_link"
    )
    readonly_fields = fields
    inlines = [SheetConfirmationInline, AuditEntryInline]
    actions = ["approve"]

    def get_queryset(self, request):
        main = Assignment.objects.filter(role=Assignment.Role.MAIN).select_related("referee")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("match__assignments", queryset=main, to_attr="main_assignments"))
        )

    def has_add_permission(self, request):
        return False  # a sheet is opened by its referee, from the tablet

    def has_delete_permission(self, request, obj=None):
        return False  # a sheet is a record: it is reopened and amended, never deleted

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Everything here is read-only (the change permission is kept for the approve action): no save buttons.
        extra_context = {**(extra_context or {}), "show_save": False, "show_save_and_continue": False}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("category"), ordering="match__category__name")
    def category(self, sheet):
        return sheet.match.category

    @admin.display(description=_("date"), ordering="match__date")
    def match_date(self, sheet):
        return sheet.match.date

    @admin.display(description=_("referee"))
    def main_referee(self, sheet):
        assignments = getattr(sheet.match, "main_assignments", None)
        if assignments is None:
            assignments = list(sheet.match.assignments.filter(role=Assignment.Role.MAIN).select_related("referee"))
        return ", ".join(str(assignment.referee) for assignment in assignments)

    @admin.display(description=_("sheet"))
    def sheet_link(self, sheet):
        label = gettext("Open the sheet (to amend it, reopen it there with a reason)")
        return format_html('<a href="{}">{}</a>', sheet.get_absolute_url(), label)

    @admin.action(description=_("Approve the selected submitted sheets"), permissions=["change"])
    def approve(self, request, queryset):
        approved = 0
        for sheet in queryset.select_related("match__home", "match__away"):
            try:
                services.sheet_approve(sheet=sheet, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{sheet}: {text}", messages.WARNING)
                continue
            self.log_change(request, sheet, gettext("Approved"))
            approved += 1
        if approved:
            self.message_user(request, gettext("%(count)d sheets approved.") % {"count": approved}, messages.SUCCESS)
