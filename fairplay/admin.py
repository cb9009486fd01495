from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fairplay.models import Card
from leagues.admin import OrganizerScopedAdmin, RelatedOnly
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
