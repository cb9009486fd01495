"""The sports office's admin, scoped per organizer.

A superuser sees everything. Any other staff user sees, chooses and changes only the data of the organizers whose
`staff` they belong to: every queryset, every foreign-key choice and every list filter goes through `scope()`, so
another organizer's object is simply not found (the admin then answers "doesn't exist") and a crafted POST naming it
fails validation as an invalid choice.
"""

from __future__ import annotations

import datetime
import secrets

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leagues import services
from leagues.forms import (
    FixtureActionForm,
    MatchScoreForm,
    PostponeActionForm,
    RosterEntryForm,
    RosterFormSet,
    TeamForm,
    parse_times,
)
from leagues.models import (
    Barra,
    Category,
    Championship,
    Club,
    Coach,
    Match,
    Organizer,
    Player,
    PointAdjustment,
    RosterEntry,
    Team,
    Venue,
)
from leagues.views import id_param
from referees.forms import AssignmentForm, AssignmentFormSet
from referees.models import Assignment, Referee

admin.site.site_header = _("Tarjeta Azul · sports office")
admin.site.site_title = _("Tarjeta Azul")
admin.site.index_title = _("Championships of your office")

# How each model reaches its organizer; FK choices to these models are scoped with the same paths.
ORGANIZER_PATHS: dict[type, str] = {
    Championship: "organizer",
    Club: "organizer",
    Player: "organizer",
    Coach: "organizer",
    Venue: "organizer",
    Category: "championship__organizer",
    Team: "category__championship__organizer",
    Barra: "team__category__championship__organizer",
    RosterEntry: "championship__organizer",
    Match: "category__championship__organizer",
    PointAdjustment: "team__category__championship__organizer",
}

RelatedOnly = admin.RelatedOnlyFieldListFilter


def organizers_of(request) -> list[Organizer]:
    """The organizers whose data the request's user may see (cached on the request)."""
    if not hasattr(request, "_tarjeta_organizers"):
        request._tarjeta_organizers = list(Organizer.objects.for_user(request.user))
    return request._tarjeta_organizers


def scope(queryset: QuerySet, request, path: str | None = None) -> QuerySet:
    """`queryset` narrowed to the organizers of the request's user; unchanged for a superuser."""
    if request.user.is_superuser:
        return queryset
    if queryset.model is Organizer:
        return queryset.filter(pk__in=[organizer.pk for organizer in organizers_of(request)])
    path = path or ORGANIZER_PATHS.get(queryset.model)
    if path is None:
        # Data that belongs to no organizer (user accounts, for instance) is not offered to office staff.
        return queryset.none()
    return queryset.filter(**{f"{path}__in": organizers_of(request)})


class OneOrganizerField(forms.ModelChoiceField):
    """The organizer of a staff member who has only one: filled in without asking, and nothing else accepted."""

    def __init__(self, organizer: Organizer, **kwargs):
        kwargs.update(
            queryset=Organizer.objects.filter(pk=organizer.pk),
            initial=organizer.pk,
            required=False,
            widget=forms.HiddenInput,
        )
        super().__init__(**kwargs)
        self.organizer = organizer

    def clean(self, value):
        return super().clean(value) or self.organizer


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks the submitted value up to draw it again when the form comes back with
    errors; a value that is not an id made that lookup a 500 (found by tests/fuzz/test_fuzz_admin.py)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if v in ("", None) or id_param(str(v)) is not None], attr)


class ScopedMixin:
    """Organizer scoping for model admins and inlines alike."""

    organizer_path: str | None = None

    def get_queryset(self, request):
        return scope(super().get_queryset(request), request, self.organizer_path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        if not request.user.is_superuser:
            if related is Organizer:
                organizers = organizers_of(request)
                if len(organizers) == 1:
                    return OneOrganizerField(organizers[0], label=db_field.verbose_name)
            queryset = kwargs.get("queryset")
            kwargs["queryset"] = scope(queryset if queryset is not None else related._default_manager.all(), request)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            related = db_field.remote_field.model
            queryset = kwargs.get("queryset")
            kwargs["queryset"] = scope(queryset if queryset is not None else related._default_manager.all(), request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class OrganizerScopedAdmin(ScopedMixin, admin.ModelAdmin):
    """Base of every office admin; list filters on relations only offer the user's own objects."""


# --- Organizers (superusers only) -------------------------------------------------------------------------------------


@admin.register(Organizer)
class OrganizerAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("staff",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


# --- Championships and categories -------------------------------------------------------------------------------------


class CategoryInline(ScopedMixin, admin.TabularInline):
    model = Category
    extra = 0
    fields = (
        "name", "slug", "gender", "born_from", "born_until", "format", "group_count", "qualifiers_per_group",
        "half_minutes", "max_added_time",
    )
    prepopulated_fields = {"slug": ("name",)}
    show_change_link = True


@admin.register(Championship)
class ChampionshipAdmin(OrganizerScopedAdmin):
    list_display = ("name", "season", "status", "organizer")
    list_filter = ("status", "season", ("organizer", RelatedOnly))
    search_fields = ("name", "season")
    prepopulated_fields = {"slug": ("name", "season")}
    inlines = [CategoryInline]
    fieldsets = (
        (None, {"fields": ("organizer", "name", "slug", "season", "status")}),
        (
            _("Rules"),
            {
                "fields": (
                    "preset",
                    "tiebreakers",
                    ("points_win", "points_draw", "points_loss"),
                    "goal_difference_cap",
                    ("walkover_goals_for", "walkover_goals_against"),
                )
            },
        ),
        (_("Discipline"), {"fields": (("red_card_suspension", "yellow_cards_for_suspension"),)}),
    )


class TeamInline(ScopedMixin, admin.TabularInline):
    model = Team
    extra = 0
    fields = ("name", "club", "group", "lot", "primary_colour", "secondary_colour")
    show_change_link = True


def _calendar_input(modeladmin, request):
    """The first match day and kick-off times typed next to the action, or None after telling the user why."""
    form = modeladmin.action_form(request.POST)
    form.is_valid()
    first_date = form.cleaned_data.get("first_date")
    if first_date is None:
        modeladmin.message_user(request, gettext("Give the first match day next to the action."), messages.ERROR)
        return None
    try:
        times = parse_times(form.cleaned_data.get("kickoff_times") or "")
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    if not times:
        modeladmin.message_user(request, gettext("Give at least one kick-off time."), messages.ERROR)
        return None
    return first_date, times


@admin.register(Category)
class CategoryAdmin(OrganizerScopedAdmin):
    list_display = ("name", "championship", "gender", "format", "born_from", "born_until", "team_count")
    list_filter = (("championship", RelatedOnly), "gender", "format")
    list_select_related = ("championship",)
    search_fields = ("name", "championship__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [TeamInline]
    action_form = FixtureActionForm
    actions = ["generate_fixtures", "generate_knockout_round"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(team_total=Count("teams"))

    @admin.display(description=_("teams"), ordering="team_total")
    def team_count(self, category):
        return category.team_total

    @admin.action(description=_("Generate fixtures (played matches are kept)"), permissions=["change"])
    def generate_fixtures(self, request, queryset):
        calendar = _calendar_input(self, request)
        if calendar is None:
            return
        first_date, times = calendar
        for category in queryset.select_related("championship"):
            venues = list(Venue.objects.filter(organizer_id=category.championship.organizer_id))
            # One match day a week; a double round robin of n teams never needs more than 2n rounds.
            weeks = 2 * category.team_total + 2
            dates = [first_date + datetime.timedelta(weeks=week) for week in range(weeks)]
            try:
                created = services.fixtures_generate(category=category, dates=dates, times=times, venues=venues)
            except ValidationError as error:
                self.message_user(request, f"{category.name}: {' '.join(error.messages)}", messages.ERROR)
                continue
            self.message_user(
                request,
                gettext("%(category)s: %(count)d matches scheduled.")
                % {"category": category.name, "count": len(created)},
                messages.SUCCESS,
            )

    @admin.action(description=_("Generate the next knockout round"), permissions=["change"])
    def generate_knockout_round(self, request, queryset):
        calendar = _calendar_input(self, request)
        if calendar is None:
            return
        first_date, times = calendar
        for category in queryset.select_related("championship"):
            venues = list(Venue.objects.filter(organizer_id=category.championship.organizer_id))
            try:
                created = services.knockout_generate(category=category, dates=[first_date], times=times, venues=venues)
            except ValidationError as error:
                self.message_user(request, f"{category.name}: {' '.join(error.messages)}", messages.ERROR)
                continue
            self.message_user(
                request,
                gettext("%(category)s: %(count)d knockout matches scheduled.")
                % {"category": category.name, "count": len(created)},
                messages.SUCCESS,
            )


# --- Clubs, teams, people ---------------------------------------------------------------------------------------------


@admin.register(Club)
class ClubAdmin(OrganizerScopedAdmin):
    list_display = ("name", "organizer")
    list_filter = (("organizer", RelatedOnly),)
    search_fields = ("name",)


class RosterEntryInline(ScopedMixin, admin.TabularInline):
    model = RosterEntry
    form = RosterEntryForm
    formset = RosterFormSet
    extra = 1
    autocomplete_fields = ("player",)
    fields = ("player", "shirt_number")


class BarraInline(ScopedMixin, admin.StackedInline):
    model = Barra
    extra = 0
    max_num = 1
    fields = ("name", "delegate", "delegate_phone", "safe_bar_committed_on")


@admin.register(Team)
class TeamAdmin(OrganizerScopedAdmin):
    form = TeamForm
    list_display = ("name", "category", "club", "group")
    list_filter = (("category", RelatedOnly), "group")
    list_select_related = ("category__championship", "club")
    search_fields = ("name", "club__name", "category__name")
    fields = ("category", "club", "name", "group", "lot", "primary_colour", "secondary_colour")

    def get_inlines(self, request, obj):
        # The roster is checked against the team's category and championship, so it is added once the team exists.
        return [RosterEntryInline, BarraInline] if obj is not None else [BarraInline]


@admin.register(Player)
class PlayerAdmin(OrganizerScopedAdmin):
    list_display = ("__str__", "birth_date", "gender", "document_number")
    list_filter = ("gender", ("organizer", RelatedOnly))
    search_fields = ("given_names", "surnames", "document_number")
    fields = ("organizer", "given_names", "surnames", "birth_date", "gender", "document_number")


@admin.register(Coach)
class CoachAdmin(OrganizerScopedAdmin):
    list_display = ("__str__", "phone", "user")
    list_filter = (("organizer", RelatedOnly),)
    search_fields = ("given_names", "surnames")
    filter_horizontal = ("teams",)
    fields = ("organizer", "given_names", "surnames", "phone", "teams", "user")
    actions = ["issue_login"]

    def get_readonly_fields(self, request, obj=None):
        # User accounts belong to no organizer: only a superuser links a login to a coach.
        return () if request.user.is_superuser else ("user",)

    @admin.action(description=_("Create login / reset password"), permissions=["change"])
    def issue_login(self, request, queryset):
        issue_logins(self, request, queryset)


@admin.register(Barra)
class BarraAdmin(OrganizerScopedAdmin):
    list_display = ("name", "team", "delegate", "is_safe_bar")
    list_filter = (("team__category", RelatedOnly),)
    list_select_related = ("team",)
    search_fields = ("name", "team__name", "delegate")
    autocomplete_fields = ("team",)

    @admin.display(description=_("safe bar"), boolean=True)
    def is_safe_bar(self, barra):
        return barra.is_safe_bar


@admin.register(Venue)
class VenueAdmin(OrganizerScopedAdmin):
    list_display = ("name", "address", "organizer")
    list_filter = (("organizer", RelatedOnly),)
    search_fields = ("name", "address")


# --- Matches and sanctions --------------------------------------------------------------------------------------------


@admin.register(Match)
class MatchAdmin(OrganizerScopedAdmin):
    list_display = ("__str__", "category", "round", "date", "time", "venue", "status", "home_goals", "away_goals")
    list_display_links = ("__str__",)
    list_editable = ("home_goals", "away_goals")
    list_filter = (("category", RelatedOnly), "round", "status", "stage")
    list_select_related = ("home", "away", "venue", "category__championship")
    search_fields = ("home__name", "away__name", "category__name")
    date_hierarchy = "date"
    action_form = PostponeActionForm
    actions = ["postpone"]
    fieldsets = (
        (None, {"fields": ("category", ("round", "round_label", "stage"), ("home", "away"))}),
        (_("When and where"), {"fields": (("date", "time"), "venue")}),
        (
            _("Result"),
            {
                "fields": (
                    "status",
                    ("home_goals", "away_goals"),
                    ("home_penalties", "away_penalties"),
                    "walkover_winner",
                )
            },
        ),
    )

    def get_changelist_form(self, request, **kwargs):
        return MatchScoreForm

    def get_inlines(self, request, obj):
        # Appointments are checked against the match's kick-off and office, so they are made once the match exists.
        return [AssignmentInline] if obj is not None else []

    @admin.action(description=_("Postpone (give the reason next to the action)"), permissions=["change"])
    def postpone(self, request, queryset):
        form = self.action_form(request.POST)
        form.is_valid()
        reason = (form.cleaned_data.get("reason") or "").strip()
        if not reason:
            self.message_user(request, gettext("Give the reason for postponing the match."), messages.ERROR)
            return
        postponed = 0
        for match in queryset.select_related("home", "away"):
            try:
                services.match_postpone(match=match, reason=reason)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
                continue
            # The match keeps the reason for the public pages; the history adds who postponed it.
            self.log_change(request, match, gettext("Postponed: %(reason)s") % {"reason": reason})
            postponed += 1
        if postponed:
            self.message_user(
                request, gettext("%(count)d matches postponed.") % {"count": postponed}, messages.SUCCESS
            )


@admin.register(PointAdjustment)
class PointAdjustmentAdmin(OrganizerScopedAdmin):
    list_display = ("team", "points", "reason", "date", "created_by")
    list_filter = (("team__category", RelatedOnly),)
    list_select_related = ("team", "created_by")
    search_fields = ("team__name", "reason")
    autocomplete_fields = ("team",)
    fields = ("team", "points", "reason", "date", "created_by")
    readonly_fields = ("created_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


# --- For the referees app: appointments on the match page, logins for referees and coaches ----------------------------
# Here rather than in referees/admin.py: the match and coach admins above use them, and that module imports this one.


class AssignmentInline(ScopedMixin, admin.TabularInline):
    model = Assignment
    form = AssignmentForm
    formset = AssignmentFormSet
    organizer_path = "match__category__championship__organizer"
    extra = 1
    fields = ("referee", "role")
    verbose_name = _("referee appointment")
    verbose_name_plural = _("referees appointed")


# No 0/o, 1/l/i: the password is read out or copied by hand onto a referee's or coach's paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def readable_password() -> str:
    """Three groups of four characters (about 59 bits), easy to read aloud."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _i in range(4)) for _j in range(3))


def _username_for(person) -> str:
    first = slugify(person.given_names.split()[0]) if person.given_names.split() else ""
    last = slugify(person.surnames.split()[0]) if person.surnames.split() else ""
    base = ".".join(part for part in (first, last) if part)[:140] or "usuario"
    users = get_user_model().objects
    username, number = base, 1
    while users.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}{number}"
    return username


@transaction.atomic
def person_login_issue(*, person) -> tuple[AbstractBaseUser, str, bool]:
    """A login for a referee or coach: created (username from the name) and linked, or its password replaced.

    Returns the user, the new password (to show once, never stored in clear) and whether the user was created.
    """
    password = readable_password()
    user = person.user
    if user is None:
        user = get_user_model().objects.create_user(
            username=_username_for(person), password=password, first_name=person.given_names[:150],
            last_name=person.surnames[:150],
        )
        person.user = user
        person.save(update_fields=["user"])
        return user, password, True
    user.set_password(password)
    user.save(update_fields=["password"])
    return user, password, False


def _login_refusal(request, person) -> str | None:
    user = person.user
    if user is None:
        return None
    if user.is_staff or user.is_superuser:
        return gettext("%(person)s's login is a staff account: only an administrator can change its password.")
    if not user.is_active:
        return gettext("%(person)s's login is switched off: ask an administrator.")
    if not request.user.is_superuser:
        # The same login may also be a referee's or coach's of another office: that office's to reset, not ours.
        mine = organizers_of(request)
        if (
            Referee.objects.filter(user=user).exclude(organizer__in=mine).exists()
            or Coach.objects.filter(user=user).exclude(organizer__in=mine).exists()
        ):
            return gettext("%(person)s's login is also used by another office: only an administrator can reset it.")
    return None


def issue_logins(modeladmin, request, queryset) -> None:
    """The "create login / reset password" action: the queryset is already scoped to the user's own people."""
    for person in queryset.select_related("user"):
        refusal = _login_refusal(request, person)
        if refusal:
            modeladmin.message_user(request, refusal % {"person": person}, messages.ERROR)
            continue
        user, password, created = person_login_issue(person=person)
        modeladmin.log_change(request, person, gettext("Login created") if created else gettext("Password reset"))
        text = (
            gettext("New login for %(person)s: user %(username)s, password %(password)s.")
            if created
            else gettext("New password for %(person)s: user %(username)s, password %(password)s.")
        )
        note = gettext("Write it down and give it to them now: it is shown only this once.")
        modeladmin.message_user(
            request, f"{text % {'person': person, 'username': user.username, 'password': password}} {note}",
            messages.SUCCESS,
        )
