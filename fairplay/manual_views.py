"""The Fair Play Manual's pages: the public manual, and the office's editing of a section with a preview.

Every page works without JavaScript: the audience filter is links, the championship chooser a GET form, the preview a
second submit button of the edit form.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from fairplay.manual import localize, manual_entries, scheme_for_manual, scoring_body, sections_for
from fairplay.models import Audience, ManualSection
from leagues.cache import public_page
from leagues.models import Championship

EDIT_PERMISSION = "fairplay.change_manualsection"


def can_edit_manual(user) -> bool:
    return user.is_authenticated and user.has_perm(EDIT_PERMISSION)


def _require_editor(user) -> None:
    if not can_edit_manual(user):
        raise PermissionDenied(_("Only the manual's editors can change it."))


def _manual_url(*, audience: str | None = None, championship: str | None = None) -> str:
    query = {name: value for name, value in (("audience", audience), ("championship", championship)) if value}
    url = reverse("fairplay:manual")
    return f"{url}?{urlencode(query)}" if query else url


@require_GET
@public_page
def manual(request: HttpRequest) -> HttpResponse:
    """The whole manual, or one audience's sections (`?audience=`), with the scoring rules of the example youth
    scheme or of a public championship (`?championship=<slug>`)."""
    notices = []
    audience = request.GET.get("audience") or None
    if audience is not None and audience not in Audience.values:
        notices.append(
            _("There is no audience called “%(audience)s”; the whole manual is shown.") % {"audience": audience}
        )
        audience = None
    championships = list(Championship.objects.public().select_related("organizer"))
    championship = None
    if slug := request.GET.get("championship"):
        championship = next((c for c in championships if c.slug == slug), None)
        if championship is None:
            notices.append(
                _("No public championship has the address “%(slug)s”; the example rules are shown.") % {"slug": slug}
            )
    champ_slug = championship.slug if championship else None
    audience_links = [
        {"label": _("Everyone"), "url": _manual_url(championship=champ_slug), "current": audience is None}
    ]
    audience_links += [
        {"label": label, "url": _manual_url(audience=value, championship=champ_slug), "current": audience == value}
        for value, label in Audience.choices
    ]
    return render(request, "fairplay/manual.html", {
        "entries": manual_entries(audience=audience, championship=championship),
        "audience": audience,
        "audience_label": Audience(audience).label if audience else None,
        "audience_links": audience_links,
        "championship": championship,
        "championships": championships,
        "can_edit": can_edit_manual(request.user),
        "notices": notices,
    })


class ManualSectionForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(
        label=gettext_lazy("Who it is for"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one audience.")},
    )

    class Meta:
        model = ManualSection
        fields = ["title_es", "body_es", "title_en", "body_en", "audiences"]
        labels = {
            "title_es": gettext_lazy("Title"), "title_en": gettext_lazy("Title"),
            "body_es": gettext_lazy("Text"), "body_en": gettext_lazy("Text"),
        }
        widgets = {"body_es": forms.Textarea(attrs={"rows": 16}), "body_en": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A text section without text would be an empty page; the scoring section's rules are generated anyway.
        if self.instance.kind == ManualSection.Kind.TEXT:
            self.fields["body_es"].required = True
            self.fields["body_en"].required = True

    def clean_audiences(self) -> list[str]:
        chosen = set(self.cleaned_data["audiences"])
        return [value for value in Audience.values if value in chosen]

    def _clean_body(self, name: str) -> str:
        # Browsers send text boxes with CRLF line ends; the manual is stored with LF.
        return self.cleaned_data[name].replace("\r\n", "\n").replace("\r", "\n").strip()

    def clean_body_es(self) -> str:
        return self._clean_body("body_es")

    def clean_body_en(self) -> str:
        return self._clean_body("body_en")


@require_GET
@login_required
def manual_sections(request: HttpRequest) -> HttpResponse:
    """The editors' list of sections."""
    _require_editor(request.user)
    return render(request, "fairplay/manual_sections.html", {"sections": sections_for()})


@require_http_methods(["GET", "POST"])
@login_required
def manual_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit a section in both languages; "Preview" shows it as readers will see it and saves nothing."""
    _require_editor(request.user)
    section = get_object_or_404(ManualSection, slug=slug)
    saved_title = section.title_es
    previews = []
    if request.method == "POST":
        form = ManualSectionForm(request.POST, instance=section)
        if form.is_valid():
            if request.POST.get("action") == "save":
                form.save()
                messages.success(request, _("The section “%(title)s” was saved.") % {"title": section.title_es})
                return redirect(f"{reverse('fairplay:manual')}#{section.slug}")
            # `form.instance` holds the edited values, unsaved.
            example = scheme_for_manual()
            for language, name in (("es", "Español"), ("en", "English")):
                rules = scoring_body(example, language) if section.kind == ManualSection.Kind.SCORING else ""
                previews.append({"language": language, "name": name,
                                 "entry": localize(form.instance, language, rules=rules)})
    else:
        form = ManualSectionForm(instance=section)
    return render(request, "fairplay/manual_edit.html", {
        "form": form,
        "section": section,
        "saved_title": saved_title,
        "is_scoring": section.kind == ManualSection.Kind.SCORING,
        "previews": previews,
    })
