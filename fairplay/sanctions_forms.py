"""The sanctions page's filters and forms; every choice is limited to the user's organizers."""

from __future__ import annotations

from itertools import groupby

import django_filters
from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairplay.models import Suspension
from leagues.models import Category, Championship, Organizer, Player, PointAdjustment, RosterEntry, Team

ACTIVE, LIFTED, ALL = "active", "lifted", "all"
STATE_CHOICES = [(ACTIVE, _("Active")), (LIFTED, _("Lifted")), (ALL, _("All"))]


def office_championships(organizers: list[Organizer]) -> QuerySet[Championship]:
    return Championship.objects.filter(organizer__in=organizers).order_by("-season", "name")


def office_categories(organizers: list[Organizer]) -> QuerySet[Category]:
    return (
        Category.objects.filter(championship__organizer__in=organizers)
        .select_related("championship")
        .order_by("-championship__season", "championship__name", "name")
    )


def office_teams(organizers: list[Organizer]) -> QuerySet[Team]:
    return (
        Team.objects.filter(category__championship__organizer__in=organizers)
        .select_related("category__championship")
        .order_by("-category__championship__season", "category__championship__name", "category__name", "name")
    )


def grouped_team_choices(teams) -> list:
    """Teams as option groups, one per championship and category: an office runs dozens of teams called alike."""
    choices: list = [("", "---------")]
    for category, members in groupby(teams, key=lambda team: team.category):
        choices.append((f"{category.championship.name} · {category.name}", [(team.pk, team.name) for team in members]))
    return choices


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return f"{obj.championship.name} · {obj.name}"


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Team) -> str:
        return f"{obj.name} · {obj.category.name}"


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class TeamFilter(django_filters.ModelChoiceFilter):
    field_class = TeamChoiceField


class _ScopedFilterSet(django_filters.FilterSet):
    """Championship and category, their choices (and the rows) limited to `organizers`."""

    championship = django_filters.ModelChoiceFilter(
        label=_("Championship"), field_name="team__category__championship", queryset=Championship.objects.none()
    )
    category = CategoryFilter(label=_("Category"), field_name="team__category", queryset=Category.objects.none())

    def __init__(self, data=None, queryset=None, *, organizers: list[Organizer], **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["championship"].queryset = office_championships(organizers)
        self.filters["category"].queryset = office_categories(organizers)


class SuspensionFilter(_ScopedFilterSet):
    team = TeamFilter(label=_("Team"), field_name="team", queryset=Team.objects.none())
    cause = django_filters.ChoiceFilter(label=_("Cause"), choices=Suspension.Cause.choices)
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE_CHOICES, empty_label=None, method="filter_state"
    )

    class Meta:
        model = Suspension
        fields = ["championship", "category", "team", "cause", "state"]

    def __init__(self, data=None, queryset=None, *, organizers: list[Organizer], **kwargs):
        # What the office works on is the suspensions still in force: that is the list without a choice.
        data = data.copy() if data is not None else {}
        if not data.get("state"):
            data["state"] = ACTIVE
        super().__init__(data, queryset, organizers=organizers, **kwargs)
        self.filters["team"].queryset = office_teams(organizers)

    def filter_state(self, queryset, name, value):
        if value == ACTIVE:
            return queryset.filter(lifted_at__isnull=True)
        if value == LIFTED:
            return queryset.filter(lifted_at__isnull=False)
        return queryset


class AdjustmentFilter(_ScopedFilterSet):
    class Meta:
        model = PointAdjustment
        fields = ["championship", "category"]


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is lifted"), max_length=300,
        error_messages={"required": _("Say why the suspension is lifted.")},
    )


class _SelectChosenLater(forms.Select):
    """A select the browser must not require: without JavaScript it is empty until the form comes back with the
    team's roster, and a `required` attribute would keep that first submit from being sent."""

    def use_required_attribute(self, initial) -> bool:
        return False


class SuspensionAddForm(forms.Form):
    """An office suspension. The player list shows the chosen team's roster; the roster is checked again on saving."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    player = forms.ModelChoiceField(
        label=_("Player"), queryset=Player.objects.none(), widget=_SelectChosenLater,
        help_text=_("Players on the chosen team's roster."),
        error_messages={"required": _("Choose the player: the list shows the chosen team's roster.")},
    )
    starts_on = forms.DateField(
        label=_("First day it applies"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    matches = forms.IntegerField(label=_("Matches"), min_value=1, max_value=50, initial=1)
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the player is suspended.")},
    )

    def __init__(self, *args, organizers: list[Organizer], team: Team | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        teams = list(office_teams(organizers))
        self.fields["team"].queryset = office_teams(organizers)
        self.fields["team"].choices = grouped_team_choices(teams)
        # With htmx, choosing the team brings its roster into the player list; without, the first submit does.
        self.fields["team"].widget.attrs.update({
            "hx-get": reverse("fairplay:sanctions"), "hx-trigger": "change", "hx-target": "#suspension-player",
            "hx-swap": "outerHTML",
        })
        self.fields["starts_on"].initial = timezone.localdate
        # Any player of the office validates; a player of another team is then refused with a clear message.
        self.fields["player"].queryset = Player.objects.filter(organizer__in=organizers)
        self.team = team or self._bound_team(teams)
        roster = (
            RosterEntry.objects.filter(team=self.team).select_related("player").order_by(
                "player__surnames", "player__given_names"
            )
            if self.team
            else []
        )
        self.fields["player"].choices = [("", "---------")] + [
            (entry.player_id, _player_label(entry)) for entry in roster
        ]
        if self.team is not None and not self.is_bound:
            self.initial["team"] = self.team.pk

    def _bound_team(self, teams: list[Team]) -> Team | None:
        if not self.is_bound:
            return None
        raw = self.data.get(self.add_prefix("team"), "")
        return next((team for team in teams if str(team.pk) == raw), None)

    def clean(self):
        cleaned = super().clean()
        team, player = cleaned.get("team"), cleaned.get("player")
        if team and player and not RosterEntry.objects.filter(team=team, player=player).exists():
            self.add_error("player", _("This player is not on the team's roster."))
        return cleaned


def _player_label(entry: RosterEntry) -> str:
    return f"{entry.shirt_number} · {entry.player}" if entry.shirt_number else str(entry.player)


class AdjustmentAddForm(forms.ModelForm):
    class Meta:
        model = PointAdjustment
        fields = ["team", "points", "reason", "date"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"reason": {"required": _("Say why the points change.")}}

    def __init__(self, *args, organizers: list[Organizer], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = office_teams(organizers)
        self.fields["team"].choices = grouped_team_choices(office_teams(organizers))
        self.fields["date"].initial = timezone.localdate

    def clean_points(self) -> int:
        points = self.cleaned_data["points"]
        if points == 0:
            raise forms.ValidationError(_("An adjustment must add or deduct points: write a number other than 0."))
        return points


class AdjustmentDeleteForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is deleted"), max_length=200,
        error_messages={"required": _("Say why the adjustment is deleted (for example: entered for the wrong team).")},
    )
