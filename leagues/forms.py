"""Forms of the office's admin: roster checks the model cannot make alone, and the inputs of the admin actions."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leagues.models import Match, RosterEntry, Team


def _constraint_message(model, name: str) -> str:
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return constraint.get_violation_error_message()


class RosterEntryForm(forms.ModelForm):
    """A roster line; also checks the one-team-per-championship rule, which the plain form skips.

    The model form leaves out constraints on fields it does not edit, and `championship` is copied from the team
    on save, so without this check a second team in the same championship would reach the database as a 500.
    """

    class Meta:
        model = RosterEntry
        fields = ["player", "shirt_number"]

    def clean(self):
        cleaned = super().clean()
        player = cleaned.get("player")
        team = cleaned.get("team") or (self.instance.team if self.instance.team_id else None)
        if player is None or team is None or team.pk is None:
            return cleaned
        championship_id = team.category.championship_id
        self.instance.championship_id = championship_id
        clash = RosterEntry.objects.filter(player=player, championship_id=championship_id).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            self.add_error("player", _constraint_message(RosterEntry, "roster_one_team_per_championship"))
        return cleaned


class TeamForm(forms.ModelForm):
    """A team with a roster stays in its championship: the roster's one-team-per-championship rule depends on it."""

    class Meta:
        model = Team
        fields = ["category", "club", "name", "group", "lot", "primary_colour", "secondary_colour"]

    def clean_category(self):
        category = self.cleaned_data["category"]
        if (
            self.instance.pk
            and self.instance.category.championship_id != category.championship_id
            and self.instance.roster.exists()
        ):
            raise ValidationError(
                _("This team has players registered in its championship; it can only move to another category of it.")
            )
        return category


class RosterFormSet(BaseInlineFormSet):
    """Refuses the same player on two lines of one roster (the database would, with a 500)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            player = form.cleaned_data.get("player")
            if player is None:
                continue
            if player.pk in seen:
                raise ValidationError(
                    gettext("%(player)s is listed twice in this roster.") % {"player": player}
                )
            seen.add(player.pk)


class MatchScoreForm(forms.ModelForm):
    """The scores typed in the match list: both or neither; typing both marks the match played."""

    class Meta:
        model = Match
        fields = ["home_goals", "away_goals"]

    def clean(self):
        cleaned = super().clean()
        home, away = cleaned.get("home_goals"), cleaned.get("away_goals")
        if self.errors:
            return cleaned
        if (home is None) != (away is None):
            raise ValidationError(_("Type both scores, or neither."))
        if home is None and self.instance.status == Match.Status.PLAYED:
            raise ValidationError(_("A played match needs both scores."))
        if home is not None and self.instance.status == Match.Status.WALKOVER:
            raise ValidationError(_("This match was a walkover; open it to change its result."))
        if home is not None and self.instance.status in (Match.Status.SCHEDULED, Match.Status.POSTPONED):
            self.instance.status = Match.Status.PLAYED
        return cleaned


def parse_times(text: str) -> list[datetime.time]:
    """Kick-off times typed as "09:00, 10:30" (commas or spaces between them)."""
    times = []
    for part in text.replace(",", " ").split():
        try:
            times.append(datetime.time.fromisoformat(part if len(part) > 2 else f"{part}:00"))
        except ValueError:
            raise ValidationError(
                gettext("“%(value)s” is not a time; write times as 09:00, 10:30.") % {"value": part}
            ) from None
    return times


class FixtureActionForm(ActionForm):
    """Inputs of the category actions; optional here because the same form serves every action of the list."""

    first_date = forms.DateField(
        label=_("First match day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kickoff_times = forms.CharField(label=_("Kick-off times"), required=False, initial="09:00, 10:30, 12:00")


class PostponeActionForm(ActionForm):
    reason = forms.CharField(label=_("Reason (for postponing)"), required=False, max_length=200)
