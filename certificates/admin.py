"""The office reviews the proposed awards (ties, exclusions, additions) and issues them; certificates are read-only.

Scoped per organizer like every office admin (leagues/admin.py): another office's awards are simply not found."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from certificates import services
from certificates.models import Award, Certificate, CertificateSettings
from leagues.admin import ORGANIZER_PATHS, OrganizerScopedAdmin, RelatedOnly, scope
from leagues.models import Championship

ORGANIZER_PATHS.update(
    {
        Award: "championship__organizer",
        Certificate: "award__championship__organizer",
        CertificateSettings: "championship__organizer",
    }
)


class IssueActionForm(ActionForm):
    language = forms.ChoiceField(label=_("Certificate language"), choices=settings.LANGUAGES, required=False)


class ProposeForm(forms.Form):
    championship = forms.ModelChoiceField(label=_("Championship"), queryset=Championship.objects.none())


@admin.register(Award)
class AwardAdmin(OrganizerScopedAdmin):
    list_display = ("kind", "recipient_label", "team", "category", "position", "score", "status", "note", "added")
    list_filter = (("championship", RelatedOnly), ("category", RelatedOnly), "kind", "status", "added")
    list_select_related = ("championship", "category", "team", "player", "coach", "barra", "referee")
    search_fields = (
        "team__name", "player__given_names", "player__surnames", "coach__given_names", "coach__surnames",
        "barra__name", "referee__given_names", "referee__surnames",
    )
    autocomplete_fields = ("team", "player", "coach", "barra", "referee")
    fields = ("championship", "category", "kind", "team", "player", "coach", "barra", "referee", "note")
    action_form = IssueActionForm
    actions = ["issue_awards", "exclude_awards", "restore_awards"]
    change_list_template = "admin/certificates/award/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        # Once it exists an award's recipient is its identity; the office excludes it and adds another instead.
        if obj is None:
            return ()
        editable = ("note",) if obj.status != Award.Status.ISSUED else ()
        return tuple(f for f in self.fields if f not in editable) + ("status", "position", "score")

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.status != Award.Status.ISSUED)

    @admin.display(description=_("recipient"))
    def recipient_label(self, award):
        return award.recipient_label

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["note"])
            return
        award = services.award_add(
            championship=obj.championship, kind=obj.kind, category=obj.category, team=obj.team, player=obj.player,
            coach=obj.coach, barra=obj.barra, referee=obj.referee, note=obj.note,
        )
        obj.pk = award.pk

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            original_clean = form.clean

            def clean(form_self):
                data = original_clean(form_self)
                award = Award(**{f: data.get(f) for f in self.fields})
                award.key = award.compute_key()
                try:
                    award.validate_constraints(exclude=["key", "championship"])
                except ValidationError as error:
                    raise ValidationError(error.messages) from error
                return data

            form.clean = clean
        return form

    # --- Proposing: a button on the list, a page to choose the championship --------------------------------------

    def get_urls(self):
        return [
            path("propose/", self.admin_site.admin_view(self.propose_view), name="certificates_award_propose"),
            *super().get_urls(),
        ]

    def propose_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ProposeForm(request.POST or None)
        form.fields["championship"].queryset = scope(Championship.objects.all(), request)
        if request.method == "POST" and form.is_valid():
            championship = form.cleaned_data["championship"]
            created = services.awards_propose(championship=championship)
            self.message_user(
                request,
                ngettext(
                    "%(championship)s: %(count)d new award proposed.",
                    "%(championship)s: %(count)d new awards proposed.",
                    len(created),
                ) % {"championship": championship, "count": len(created)},
                messages.SUCCESS,
            )
            url = reverse("admin:certificates_award_changelist")
            return redirect(f"{url}?championship__id__exact={championship.pk}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": gettext("Propose the awards of a championship"),
        }
        return TemplateResponse(request, "admin/certificates/award/propose.html", context)

    # --- Actions --------------------------------------------------------------------------------------------------

    @admin.action(description=_("Issue the selected proposed awards"), permissions=["change"])
    def issue_awards(self, request, queryset):
        form = self.action_form(request.POST)
        form.is_valid()
        language = form.cleaned_data.get("language") or get_language() or settings.LANGUAGE_CODE
        base_url = request.build_absolute_uri("/")
        selected = list(queryset.filter(status=Award.Status.PROPOSED).select_related("championship"))
        by_championship: dict[int, list[Award]] = {}
        for award in selected:
            by_championship.setdefault(award.championship_id, []).append(award)
        issued = 0
        for awards in by_championship.values():
            issued += len(
                services.awards_issue(
                    championship=awards[0].championship, user=request.user, language=language, base_url=base_url,
                    awards=awards,
                )
            )
        skipped = queryset.count() - len(selected)
        self.message_user(
            request, ngettext("%(count)d certificate issued.", "%(count)d certificates issued.", issued)
            % {"count": issued}, messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d award was not proposed (already issued or excluded) and was skipped.",
                    "%(count)d awards were not proposed (already issued or excluded) and were skipped.",
                    skipped,
                ) % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Exclude the selected awards"), permissions=["change"])
    def exclude_awards(self, request, queryset):
        count = 0
        for award in queryset.exclude(status=Award.Status.ISSUED):
            services.award_exclude(award=award)
            count += 1
        self.message_user(
            request, ngettext("%(count)d award excluded.", "%(count)d awards excluded.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Put the selected awards back in the proposal"), permissions=["change"])
    def restore_awards(self, request, queryset):
        count = 0
        for award in queryset.filter(status=Award.Status.EXCLUDED):
            services.award_restore(award=award)
            count += 1
        self.message_user(
            request, ngettext("%(count)d award restored.", "%(count)d awards restored.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Certificate)
class CertificateAdmin(OrganizerScopedAdmin):
    list_display = ("code", "award_title", "recipient", "championship", "issued_at", "issued_by", "verify_link")
    list_filter = (("award__championship", RelatedOnly), "award__kind", "language")
    list_select_related = ("award__championship", "issued_by")
    search_fields = ("code", "award__team__name")
    readonly_fields = ("code", "award", "language", "issued_at", "issued_by", "verify_link", "snapshot")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("award"))
    def award_title(self, certificate):
        return certificate.snapshot.get("award_title", "")

    @admin.display(description=_("recipient"))
    def recipient(self, certificate):
        return certificate.snapshot.get("recipient_name", "")

    @admin.display(description=_("championship"))
    def championship(self, certificate):
        return certificate.award.championship

    @admin.display(description=_("verification page"))
    def verify_link(self, certificate):
        url = reverse("certificates:verify", args=[certificate.code])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, gettext("Open"))


@admin.register(CertificateSettings)
class CertificateSettingsAdmin(OrganizerScopedAdmin):
    list_display = ("championship", "signatory_1_name", "signatory_2_name")
    list_filter = (("championship", RelatedOnly),)
    list_select_related = ("championship",)
    fields = (
        "championship", ("signatory_1_name", "signatory_1_role"), ("signatory_2_name", "signatory_2_role"), "logo",
    )
