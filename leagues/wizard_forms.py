"""Forms of the championship wizard."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leagues.models import Category, Championship, Gender, Organizer, Venue
from leagues.wizard import TeamDetails

_TIME = re.compile(r"([01]?\d|2[0-3])[:.h]([0-5]\d)")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ChampionshipForm(forms.Form):
    organizer = forms.ModelChoiceField(label=_("Organizer"), queryset=Organizer.objects.none())
    name = forms.CharField(label=_("Name"), max_length=150, help_text=_("For example Copa Municipal de Menores."))
    season = forms.CharField(label=_("Season"), max_length=20, help_text=_("For example 2026 or 2026-II."))
    preset = forms.ChoiceField(
        label=_("Rules"), choices=Championship.Preset.choices, initial=Championship.Preset.YOUTH,
        help_text=_("Points for a result and how teams level on points are ranked; change the details later "
                    "in the administration."),
    )

    def __init__(self, *args, organizers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers
        only = list(organizers[:2])
        if len(only) == 1:
            self.fields["organizer"].initial = only[0].pk
            self.fields["organizer"].widget = forms.HiddenInput()
        self.fields["season"].initial = str(timezone.localdate().year)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60, help_text=_("For example Sub-12 Girls."))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.MIXED)
    first_year = forms.IntegerField(label=_("Born from the year"), min_value=1950, max_value=2100, required=False)
    last_year = forms.IntegerField(label=_("to the year"), min_value=1950, max_value=2100, required=False)
    format = forms.ChoiceField(label=_("Format"), choices=Category.Format.choices)
    group_count = forms.IntegerField(
        label=_("Number of groups"), min_value=1, max_value=26, initial=2,
        help_text=_("Only for groups then knockout."),
    )
    qualifiers_per_group = forms.IntegerField(
        label=_("Teams qualifying per group"), min_value=1, max_value=16, initial=2,
        help_text=_("Only for groups then knockout."),
    )
    half_minutes = forms.IntegerField(label=_("Minutes per half"), min_value=5, max_value=60, initial=25)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and first > last:
            self.add_error("last_year", _("The last birth year cannot come before the first."))
        if cleaned.get("format") != Category.Format.GROUPS_KNOCKOUT:
            cleaned["group_count"], cleaned["qualifiers_per_group"] = 1, 2
        return cleaned


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team"), max_length=120)
    club = forms.CharField(label=_("Club"), max_length=120, required=False,
                           help_text=_("Leave empty when the club has the team's name."))
    coach_given_names = forms.CharField(label=_("Coach's given names"), max_length=100, required=False)
    coach_surnames = forms.CharField(label=_("Coach's surnames"), max_length=100, required=False)
    coach_phone = forms.CharField(label=_("Coach's phone"), max_length=30, required=False)
    barra = forms.CharField(label=_("Barra's name"), max_length=120, required=False)
    barra_delegate = forms.CharField(label=_("Barra's delegate"), max_length=120, required=False)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("coach_surnames") or cleaned.get("coach_phone")) and not cleaned.get("coach_given_names"):
            self.add_error("coach_given_names", _("Give the coach's given names, or leave the coach out."))
        if cleaned.get("barra_delegate") and not cleaned.get("barra"):
            self.add_error("barra", _("Give the barra's name, or leave the barra out."))
        return cleaned

    def details(self) -> TeamDetails:
        return TeamDetails(**self.cleaned_data)


class TeamListForm(forms.Form):
    names = forms.CharField(
        label=_("Several teams at once"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
        help_text=_("One team per line; the club takes the team's name."),
    )

    def details(self) -> list[TeamDetails]:
        names = [" ".join(line.split()) for line in self.cleaned_data["names"].splitlines()]
        return [TeamDetails(name=name) for name in names if name]

    def clean_names(self):
        names = [line for line in self.cleaned_data["names"].splitlines() if line.strip()]
        if not names:
            raise ValidationError(_("Write at least one team."))
        if any(len(" ".join(line.split())) > 120 for line in names):
            raise ValidationError(_("A team name has at most 120 characters."))
        return self.cleaned_data["names"]


def parse_times(text: str) -> list[datetime.time]:
    """Kick-off times written as "9:00, 10:30 11h45"; a bad one raises ValidationError naming it."""
    times = []
    for token in re.split(r"[\s,;]+", text.strip()):
        if not token:
            continue
        match = _TIME.fullmatch(token)
        if match is None:
            raise ValidationError(
                _("“%(value)s” is not a time; write times as 09:00, 10:30."), params={"value": token}
            )
        times.append(datetime.time(int(match.group(1)), int(match.group(2))))
    if not times:
        raise ValidationError(_("Give at least one kick-off time."))
    return sorted(set(times))


class FixtureForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    first_date = forms.DateField(label=_("First match day"), widget=DateInput())
    every_days = forms.IntegerField(
        label=_("Days between match days"), min_value=1, max_value=60, initial=7,
        help_text=_("7: one round a week, on the same weekday."),
    )
    times = forms.CharField(
        label=_("Kick-off times"), max_length=200, initial="09:00, 10:30",
        help_text=_("Separated by commas, for example 09:00, 10:30, 12:00."),
    )
    venues = forms.ModelMultipleChoiceField(
        label=_("Venues"), queryset=Venue.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    double = forms.BooleanField(
        label=_("Each group plays home and away"), required=False,
        help_text=_("Only for groups then knockout; a league follows its format."),
    )

    def __init__(self, *args, championship: Championship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = championship.categories.order_by("name")
        self.fields["category"].label_from_instance = lambda category: category.name
        self.fields["venues"].queryset = Venue.objects.filter(organizer_id=championship.organizer_id)

    def clean_times(self):
        return parse_times(self.cleaned_data["times"])


class VenueForm(forms.Form):
    name = forms.CharField(label=_("New venue"), max_length=120)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class MatchRowForm(forms.Form):
    """One match of the fixture preview: the pairing is fixed, its day, kick-off and venue can be changed."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Kick-off"), widget=TimeInput())
    venue = forms.TypedChoiceField(label=_("Venue"), coerce=int)

    def __init__(self, *args, venues: list[Venue], **kwargs):
        super().__init__(*args, **kwargs)
        # Choices from a list fetched once for the whole preview, not one query per row.
        self.fields["venue"].choices = [(venue.pk, venue.name) for venue in venues]


MatchRowFormSet = forms.formset_factory(MatchRowForm, extra=0, max_num=2000, validate_max=True)
