"""Forms of the office's admin for referees' appointments."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from leagues.models import Match
from referees import services
from referees.models import Assignment, Referee


class _DryRun(Exception):
    """Raised inside a savepoint to roll back what a service wrote while only checking."""


class AssignmentForm(forms.ModelForm):
    """One appointment. An appointment once made is kept or deleted, never edited: a new one goes through the rules."""

    class Meta:
        model = Assignment
        fields = ["referee", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for field in self.fields.values():
                field.disabled = True

    def _get_validation_exclusions(self):
        # The model's constraints would be checked against the rows as they are before this save's deletions; the
        # formset asks the service instead, in the order the save follows.
        return super()._get_validation_exclusions() | {"match"}


class AssignmentFormSet(BaseInlineFormSet):
    """The match's appointments, checked by `services.assignment_create` itself.

    The check creates the new appointments inside a savepoint that is always rolled back, after deleting those marked
    for deletion, in the order the save will follow: so the same rules (overlap, one main referee, same office, active)
    decide, also between the rows of one form, and each refusal lands next to its field.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        organizer_id = self.instance.category.championship.organizer_id if self.instance.category_id else None
        # The match's own office only, inactive referees included so that an existing appointment still shows.
        form.fields["referee"].queryset = Referee.objects.filter(organizer_id=organizer_id)

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms) or not self.instance.pk:
            return
        kept = [form for form in self.initial_forms if not self._should_delete_form(form)]
        new = [form for form in self.extra_forms if form.has_changed() and not self._should_delete_form(form)]
        try:
            with transaction.atomic():
                Assignment.objects.filter(pk__in=[form.instance.pk for form in self.deleted_forms]).delete()
                if self._kickoff_moved():
                    for form in kept:
                        self._check_overlap(form)
                for form in new:
                    self._check_new(form)
                raise _DryRun
        except _DryRun:
            pass

    def _check_new(self, form) -> None:
        referee, role = form.cleaned_data.get("referee"), form.cleaned_data.get("role")
        if referee is None:
            return
        try:
            services.assignment_create(match=self.instance, referee=referee, role=role or Assignment.Role.MAIN)
        except ValidationError as error:
            _add_errors(form, error)

    def _check_overlap(self, form) -> None:
        clash = services.overlapping_assignment(match=self.instance, referee=form.instance.referee)
        if clash is not None:
            form.add_error(
                "referee",
                _("%(referee)s already referees %(match)s at %(time)s on %(date)s, which overlaps the new kick-off.")
                % {
                    "referee": form.instance.referee,
                    "match": clash.match,
                    "time": clash.match.time.strftime("%H:%M"),
                    "date": clash.match.date.strftime("%d/%m/%Y"),
                },
            )

    def _kickoff_moved(self) -> bool:
        saved = Match.objects.filter(pk=self.instance.pk).values("date", "time").first() or {}
        return (saved.get("date"), saved.get("time")) != (self.instance.date, self.instance.time)

    def save_new(self, form, commit=True):
        return services.assignment_create(
            match=self.instance, referee=form.cleaned_data["referee"], role=form.cleaned_data["role"]
        )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
