from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fairplay import services
from fairplay.models import Card, FairPlayScheme, MatchConduct, Suspension
from leagues.admin import ORGANIZER_PATHS, CategoryAdmin, ChampionshipAdmin, OrganizerScopedAdmin, RelatedOnly
from leagues.models import RosterEntry


class CardForm(forms.ModelForm):
    """A card names a team of its match, and a player of that team's roster or one of its coaches."""

    class Meta:
        model = Card
        fields = ["match", "team", "recipient", "player", "coach", "minute", "added_time", "colour", "reason"]

    def clean(self):
        cleaned = super().clean()
        match, team = cleaned.get("match"), cleaned.get("team")
        if match is None or team is None:
            return cleaned
        if team.pk not in (match.home_id, match.away_id):
            self.add_error("team", _("The team must be one of the two teams of the match."))
            return cleaned
        player, coach = cleaned.get("player"), cleaned.get("coach")
        if player is not None and not RosterEntry.objects.filter(team=team, player=player).exists():
            self.add_error("player", _("This player is not on the team's roster."))
        if coach is not None and not coach.teams.filter(pk=team.pk).exists():
            self.add_error("coach", _("This coach does not coach the team."))
        return cleaned


@admin.register(Card)
class CardAdmin(OrganizerScopedAdmin):
    organizer_path = "match__category__championship__organizer"
    form = CardForm
    list_display = ("__str__", "colour", "recipient", "team", "player", "coach", "match")
    list_filter = ("colour", "recipient", ("match__category", RelatedOnly))
    list_select_related = ("team", "player", "coach", "match__home", "match__away")
    search_fields = ("team__name", "player__given_names", "player__surnames", "reason")
    autocomplete_fields = ("match", "team", "player", "coach")


# --- Suspensions ------------------------------------------------------------------------------------------------------

ORGANIZER_PATHS[Suspension] = "team__category__championship__organizer"
ORGANIZER_PATHS[MatchConduct] = "match__category__championship__organizer"


class _DryRun(Exception):
    """Raised inside a savepoint to roll back what a service wrote while only checking."""


class SuspensionAddForm(forms.ModelForm):
    """An office suspension, checked by `services.suspension_add` itself (in a savepoint rolled back) so that the
    form and the save can never disagree."""

    class Meta:
        model = Suspension
        fields = ["team", "player", "matches", "starts_on", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            return  # a recorded suspension is shown read-only
        self.fields["starts_on"].required = True
        self.fields["reason"].required = True
        self.fields["reason"].help_text = _("Required: it is kept with the suspension and shown to the team's coach.")

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.instance.pk:
            return cleaned
        try:
            with transaction.atomic():
                services.suspension_add(
                    team=cleaned["team"], player=cleaned["player"], matches=cleaned["matches"],
                    starts_on=cleaned["starts_on"], reason=cleaned["reason"], user=None,
                )
                raise _DryRun
        except _DryRun:
            pass
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
            else:
                self.add_error(None, error)
        return cleaned


class SuspensionActionForm(ActionForm):
    lift_reason = forms.CharField(label=_("Reason (for lifting)"), required=False, max_length=300)


class SuspensionStateFilter(admin.SimpleListFilter):
    """Active suspensions unless asked otherwise: the office's daily question is who may not play."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("Active")), ("lifted", _("Lifted")), ("all", _("All"))]

    def choices(self, changelist):
        current = self.value() or "active"
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or "active"
        if value == "active":
            return queryset.active()
        if value == "lifted":
            return queryset.filter(lifted_at__isnull=False)
        return queryset


class SuspensionChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # Matches still to serve come from the team's fixture: one calculation per team on the page, not per row.
        suspensions = list(self.result_list)
        remaining = {}
        for team in {suspension.team for suspension in suspensions if suspension.lifted_at is None}:
            remaining.update(
                {suspension.pk: left for suspension, left in services.suspensions_with_remaining(team=team)}
            )
        for suspension in suspensions:
            suspension.remaining = None if suspension.lifted_at else remaining.get(suspension.pk, 0)


@admin.register(Suspension)
class SuspensionAdmin(OrganizerScopedAdmin):
    organizer_path = "team__category__championship__organizer"
    form = SuspensionAddForm
    action_form = SuspensionActionForm
    actions = ["lift"]
    list_display = ("player", "team", "cause", "matches", "remaining", "starts", "reason", "lifted_at")
    list_filter = (SuspensionStateFilter, "cause", ("team__category", RelatedOnly))
    list_select_related = ("player", "team", "origin_match__home", "origin_match__away")
    search_fields = ("player__given_names", "player__surnames", "team__name", "reason")
    autocomplete_fields = ("team", "player")
    readonly_fields_existing = (
        "team", "player", "cause", "origin_match", "starts_on", "matches", "reason", "created_by", "created_at",
        "lifted_at", "lifted_by", "lift_reason",
    )

    def get_changelist(self, request, **kwargs):
        return SuspensionChangeList

    def get_fields(self, request, obj=None):
        return self.readonly_fields_existing if obj is not None else SuspensionAddForm.Meta.fields

    def get_readonly_fields(self, request, obj=None):
        # Cards make and remake their suspensions; the office adds its own or lifts one, with a reason, never edits.
        return self.readonly_fields_existing if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A recorded suspension is read-only (lift it from the list): no save buttons.
        hidden = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}
        extra_context = {**(extra_context or {}), **hidden}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing is editable once recorded
        created = services.suspension_add(
            team=obj.team, player=obj.player, matches=obj.matches, starts_on=obj.starts_on, reason=obj.reason,
            user=request.user,
        )
        obj.pk = created.pk
        obj.refresh_from_db()

    @admin.display(description=_("matches left"))
    def remaining(self, suspension):
        value = getattr(suspension, "remaining", None)
        return "—" if value is None else value

    @admin.display(description=_("from"))
    def starts(self, suspension):
        if suspension.origin_match_id:
            return gettext("after %(match)s") % {"match": suspension.origin_match}
        return suspension.starts_on

    @admin.action(description=_("Lift (give the reason next to the action)"), permissions=["change"])
    def lift(self, request, queryset):
        form = self.action_form(request.POST)
        form.is_valid()
        reason = (form.cleaned_data.get("lift_reason") or "").strip()
        if not reason:
            self.message_user(request, gettext("Give the reason for lifting the suspension."), messages.ERROR)
            return
        lifted = 0
        for suspension in queryset.select_related("player"):
            try:
                services.suspension_lift(suspension=suspension, reason=reason, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{suspension}: {' '.join(error.messages)}", messages.WARNING)
                continue
            self.log_change(request, suspension, gettext("Lifted: %(reason)s") % {"reason": reason})
            lifted += 1
        if lifted:
            self.message_user(request, gettext("%(count)d suspensions lifted.") % {"count": lifted}, messages.SUCCESS)


# --- Fair-play schemes and match conduct -------------------------------------------------------------------------------


class FairPlaySchemeForm(forms.ModelForm):
    reset_weights = forms.BooleanField(
        label=_("Set every weight to the scheme's preset"),
        required=False,
        help_text=_("Tick it after choosing another scheme; leave it to keep the weights typed below."),
    )

    class Meta:
        model = FairPlayScheme
        fields = ["preset", "mode", "weight", "reset_weights", *FairPlayScheme.WEIGHTS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["reset_weights"].initial = True

    def save(self, commit=True):
        if self.cleaned_data.get("reset_weights"):
            self.instance.apply_preset()
        return super().save(commit)


class SchemeInline(admin.StackedInline):
    model = FairPlayScheme
    form = FairPlaySchemeForm
    max_num = 1
    extra = 0
    fieldsets = (
        (None, {"fields": ("preset", "mode", "weight", "reset_weights")}),
        (_("Rewards"), {"fields": (("blue_player", "blue_coach", "blue_barra"), ("ritual_before", "ritual_after"),
                                   "barra_rating")}),
        (_("Deductions"), {"fields": ("foul", ("yellow", "second_yellow", "red"), ("coach_yellow", "coach_red"),
                                      "barra_incident")}),
    )


class ChampionshipSchemeInline(SchemeInline):
    fk_name = "championship"
    verbose_name = _("fair-play scheme")
    verbose_name_plural = _("fair-play scheme (without one, the rules preset's)")


class CategorySchemeInline(SchemeInline):
    fk_name = "category"
    verbose_name = _("fair-play scheme of this category only")
    verbose_name_plural = _("fair-play scheme of this category only (without one, the championship's)")


# The championship and category admins live in leagues, which fair play builds on: the inlines are added from here.
ChampionshipAdmin.inlines = [*ChampionshipAdmin.inlines, ChampionshipSchemeInline]
CategoryAdmin.inlines = [*CategoryAdmin.inlines, CategorySchemeInline]


class MatchConductForm(forms.ModelForm):
    class Meta:
        model = MatchConduct
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        match, team = cleaned.get("match"), cleaned.get("team")
        if match is not None and team is not None and team.pk not in (match.home_id, match.away_id):
            self.add_error("team", _("The team must be one of the two teams of the match."))
        return cleaned


@admin.register(MatchConduct)
class MatchConductAdmin(OrganizerScopedAdmin):
    """What the sheets recorded of each team (fouls, ritual, barra), and where the office gives UEFA-style ratings."""

    organizer_path = "match__category__championship__organizer"
    form = MatchConductForm
    list_display = ("match", "team", "fouls", "ritual_before", "ritual_after", "barra_rating", "barra_incidents",
                    "positive_play")
    list_filter = (("match__category", RelatedOnly), "ritual_before", "ritual_after")
    list_select_related = ("match__home", "match__away", "team")
    search_fields = ("team__name",)
    autocomplete_fields = ("match", "team")
    fieldsets = (
        (None, {"fields": ("match", "team")}),
        (_("From the match sheet"), {"fields": ("fouls", ("ritual_before", "ritual_after"),
                                                ("barra_rating", "barra_incidents"))}),
        (_("UEFA-style ratings"), {"fields": ("positive_play", ("respect_opponent", "respect_referee"),
                                              ("officials_behaviour", "spectators_behaviour"))}),
    )
