"""The Fair Play Manual: the seeded content, the public page, the scoring rules written from the scheme, and the
office's editing with a preview."""

from __future__ import annotations

import importlib
from decimal import Decimal
from html import unescape
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from fairplay import manual_content
from fairplay.manual import (
    format_number,
    format_points,
    manual_entries,
    manual_seed,
    parse_body,
    render_body,
    scheme_for_manual,
    scoring_body,
    scoring_rules,
)
from fairplay.models import PRESET_WEIGHTS, Audience, FairPlayScheme, ManualSection, SchemePreset
from tests.factories import make_category, make_championship, make_organizer, make_user

pytestmark = pytest.mark.django_db

MANUAL_URL = reverse("fairplay:manual")

# Each topic the issue asks the manual to cover: (section slug, words that must be in the Spanish, in the English).
TOPICS = {
    "purpose": (["Trujillo", "barra segura", "ritual de deportividad"], ["Trujillo", "safe bar", "ritual of sportsmanship"]),
    "blue-card": (["Ayudó a un rival", "pidió disculpas", "con calma", "Calmó a un compañero", "desde la barra"],
                  ["Helped an opponent", "apologised", "calmly", "Calmed a teammate", "from the barra"]),
    "recipients": (["jugadores", "entrenadores", "barra", "árbitro principal", "nunca quita nada"],
                   ["players", "coaches", "barra", "main referee", "never takes anything away"]),
    "ritual": (["Antes del partido:", "Después del partido:"], ["Before the match:", "After the match:"]),
    "safe-bar": (["Los compromisos de la barra segura:", "delegado"], ["The safe bar's commitments:", "delegate"]),
    "role-referees": (["árbitro"], ["referee"]),
    "role-coaches": (["entrenador"], ["coach"]),
    "role-players": (["tarjeta azul"], ["blue card"]),
    "role-families": (["barra segura", "familia"], ["safe bar", "family"]),
    "role-organizers": (["oficina de deportes"], ["sports office"]),
    "scoring": (["configuración del campeonato"], ["championship's settings"]),
    "awards": (["Campeón Fair Play", "más tarjetas azules", "entrenador", "barra segura", "Certificados de participación",
                "árbitros"],
               ["Fair Play Champion", "most blue cards", "coach award", "Safe bar award", "Participation certificates",
                "Referee recognition"]),
}


def preset(code: str, **fields) -> SimpleNamespace:
    """A plain scheme-like object (the engine's `Scheme` has these attributes): a preset's weights, some changed."""
    values = {name: float(value) for name, value in PRESET_WEIGHTS[code].items()}
    values.update({"preset": code, "mode": "table", "weight": 1.0})
    values.update(fields)
    return SimpleNamespace(**values)


def youth(**fields) -> SimpleNamespace:
    return preset("youth", **fields)


def page_text(response) -> str:
    return unescape(response.content.decode())


def editor(**overrides):
    user = make_user(**overrides)
    user.user_permissions.add(Permission.objects.get(codename="change_manualsection", content_type__app_label="fairplay"))
    return user


def office_user():
    user = make_user(is_staff=True)
    make_organizer().staff.add(user)
    return user


@pytest.fixture(autouse=True)
def seeded():
    # The data migration seeds the test database, but a transactional test elsewhere may have flushed it.
    manual_seed()


# --- The seeded manual ------------------------------------------------------------------------------------------------


def test_seeded_manual_covers_every_required_topic_in_both_languages():
    sections = {section.slug: section for section in ManualSection.objects.all()}
    assert set(TOPICS) <= set(sections)
    for slug, (spanish, english) in TOPICS.items():
        section = sections[slug]
        assert section.title_es and section.title_en
        for words in spanish:
            assert words in section.body_es, (slug, words)
        for words in english:
            assert words in section.body_en, (slug, words)


def test_only_the_scoring_section_is_generated_and_every_body_has_several_paragraphs():
    kinds = {section.slug: section.kind for section in ManualSection.objects.all()}
    assert [slug for slug, kind in kinds.items() if kind == ManualSection.Kind.SCORING] == ["scoring"]
    for section in ManualSection.objects.all():
        for body in (section.body_es, section.body_en):
            minimum = 2 if section.kind == ManualSection.Kind.SCORING else 3
            assert len(parse_body(body)) >= minimum, section.slug


def test_the_manual_reads_as_a_booklet_in_both_languages():
    for language in ("es", "en"):
        words = sum(len(s[f"body_{language}"].split()) for s in manual_content.SECTIONS)
        assert 2500 <= words <= 5000


def test_spanish_and_english_bodies_have_the_same_shape():
    # A faithful translation keeps every paragraph and every list item, so printed excerpts match in both languages.
    for section in manual_content.SECTIONS:
        spanish, english = parse_body(section["body_es"]), parse_body(section["body_en"])
        assert [(b.kind, len(b.items)) for b in spanish] == [(b.kind, len(b.items)) for b in english], section["slug"]


def test_every_audience_has_sections_of_its_own():
    for audience in Audience.values:
        assert any(audience in s.audiences for s in ManualSection.objects.all()), audience
    assert {a for s in ManualSection.objects.all() for a in s.audiences} <= set(Audience.values)


def test_each_role_has_its_own_section():
    audiences = {s.slug: s.audiences for s in ManualSection.objects.all()}
    for audience, slug in [("referees", "role-referees"), ("coaches", "role-coaches"), ("players", "role-players"),
                           ("families", "role-families"), ("organizers", "role-organizers")]:
        assert audience in audiences[slug]


def test_the_migration_seeds_an_empty_manual_and_its_reverse_removes_it():
    migration = importlib.import_module("fairplay.migrations.0004_seed_manual")
    ManualSection.objects.all().delete()
    migration.seed(django_apps, None)
    assert ManualSection.objects.count() == len(manual_content.SECTIONS)
    migration.unseed(django_apps, None)
    assert ManualSection.objects.count() == 0


def test_the_migration_leaves_an_existing_manual_alone():
    migration = importlib.import_module("fairplay.migrations.0004_seed_manual")
    ManualSection.objects.exclude(slug="purpose").delete()
    migration.seed(django_apps, None)
    assert list(ManualSection.objects.values_list("slug", flat=True)) == ["purpose"]


def test_manual_seed_adds_missing_sections_and_keeps_edited_ones():
    ManualSection.objects.filter(slug="awards").delete()
    ManualSection.objects.filter(slug="purpose").update(body_es="Texto de la oficina.")
    assert manual_seed() == 1
    assert manual_seed() == 0
    assert ManualSection.objects.get(slug="purpose").body_es == "Texto de la oficina."
    assert ManualSection.objects.filter(slug="awards").exists()


# --- Body format and numbers ------------------------------------------------------------------------------------------


def test_a_body_renders_as_escaped_paragraphs_and_lists():
    html = render_body("Primer <b>párrafo</b>\nsigue aquí.\n\nLista:\n- uno\n  continúa\n- dos & tres\n\nFin.")
    assert html == (
        "<p>Primer &lt;b&gt;párrafo&lt;/b&gt; sigue aquí.</p>\n<p>Lista:</p>\n"
        "<ul><li>uno continúa</li><li>dos &amp; tres</li></ul>\n<p>Fin.</p>"
    )


def test_a_body_typed_in_a_browser_text_box_renders_the_same():
    assert render_body("Uno.\r\n\r\n- a\r\n- b") == render_body("Uno.\n\n- a\n- b")


@pytest.mark.parametrize("value, language, expected", [
    (-0.2, "es", "−0,2"), (-0.2, "en", "−0.2"), (2, "es", "2"), (Decimal("2.50"), "es", "2,5"), (10, "en", "10"),
    (0, "es", "0"), (Decimal("-1.25"), "en", "−1.25"), (1.005, "en", "1.01"),
])
def test_numbers_have_no_trailing_zeros_and_a_decimal_comma_in_spanish(value, language, expected):
    assert format_number(value, language) == expected


def test_points_are_signed_and_singular_for_one():
    assert format_points(1, "es") == "+1 punto"
    assert format_points(-1, "en") == "−1 point"
    assert format_points(-0.2, "es") == "−0,2 puntos"
    assert format_points(3, "en", signed=False) == "3 points"


# --- Scoring rules written from the scheme ----------------------------------------------------------------------------


@pytest.mark.parametrize("name, value, spanish, english", [
    ("blue_player", 4, "Cada tarjeta azul a un jugador o jugadora: +4 puntos.", "Each blue card to a player: +4 points."),
    ("blue_coach", 2.5, "Cada tarjeta azul a un entrenador o entrenadora: +2,5 puntos.",
     "Each blue card to a coach: +2.5 points."),
    ("blue_barra", 6, "Cada tarjeta azul a la barra: +6 puntos.", "Each blue card to the barra: +6 points."),
    ("ritual_before", 1.5, "Ritual de deportividad hecho antes del partido: +1,5 puntos.",
     "Ritual of sportsmanship done before the match: +1.5 points."),
    ("ritual_after", 3, "Ritual de deportividad hecho después del partido: +3 puntos.",
     "Ritual of sportsmanship done after the match: +3 points."),
    ("barra_rating", 2, "Ejemplar (5): +4 puntos", "Exemplary (5): +4 points"),
    ("foul", -0.5, "Cada falta cometida: −0,5 puntos.", "Each foul committed: −0.5 points."),
    ("yellow", -1.5, "Cada tarjeta amarilla a un jugador o jugadora: −1,5 puntos.",
     "Each yellow card to a player: −1.5 points."),
    ("second_yellow", -3, "que se suma a la primera: −3 puntos (la expulsión por doble amarilla cuesta −4 puntos en total)",
     "on top of the first: −3 points (a sending-off for two yellows costs −4 points in all)"),
    ("red", -6, "Cada tarjeta roja directa a un jugador o jugadora: −6 puntos.", "Each direct red card to a player: −6 points."),
    ("coach_yellow", -3, "a un entrenador o entrenadora: −3 puntos.", "card to a coach: −3 points."),
    ("coach_red", -8, "Cada tarjeta roja a un entrenador o entrenadora: −8 puntos.", "Each red card to a coach: −8 points."),
    ("barra_incident", -4, "Cada incidente de la barra anotado en la planilla: −4 puntos.",
     "Each barra incident recorded on the match sheet: −4 points."),
])
def test_youth_rules_state_each_weight_of_the_scheme(name, value, spanish, english):
    assert spanish in scoring_body(youth(**{name: value}), "es")
    assert english in scoring_body(youth(**{name: value}), "en")
    assert spanish not in scoring_body(youth(), "es")


def test_youth_rules_work_the_example_out_with_the_schemes_numbers():
    assert "1 + 1 + 2 × 2 + 3 − 10 × 0,2 − 1 + 1 = 7 puntos" in scoring_body(youth(), "es")
    assert "1 + 1 + 2 × 5 + 3 − 10 × 0.1 − 1 + 1 = 14 points" in scoring_body(youth(blue_player=5, foul=-0.1), "en")


def test_youth_rules_name_what_does_not_count():
    body = scoring_body(youth(foul=0, barra_incident=0), "es")
    assert "no suman ni restan: faltas, incidentes de la barra" in body
    assert "Cada falta cometida" not in body


def test_fifa_rules_give_one_deduction_per_person_with_the_schemes_numbers():
    body = scoring_body(preset("fifa"), "es")
    for line in ["Una tarjeta amarilla: −1 punto.", "Expulsión por doble amarilla: −3 puntos.",
                 "Tarjeta roja directa: −4 puntos.", "Tarjeta amarilla y luego roja directa: −5 puntos."]:
        assert line in body
    assert "tarjeta azul a un jugador" not in body
    changed = scoring_body(preset("fifa", yellow=-2, red=-5), "en")
    assert "A yellow card and then a direct red card: −7 points." in changed


def test_uefa_rules_compute_the_mark_with_the_schemes_card_weights():
    assert "It earns 32 of 40 possible points: a mark of 8." in scoring_body(preset("uefa"), "en")
    body = scoring_body(preset("uefa", yellow=-2), "es")
    assert "cada tarjeta amarilla vale −2" in body
    assert "Obtiene 31 de 40 puntos posibles: nota 7,75." in body


@pytest.mark.parametrize("mode, spanish", [
    ("table", "forma una tabla aparte, la Copa Fair Play, y no cambia la tabla de posiciones"),
    ("tiebreaker", "sirve para desempatar en la tabla de posiciones"),
    ("points", "se multiplica por 0,5 y se redondea al entero más cercano"),
])
def test_rules_say_how_fair_play_counts_in_the_competition(mode, spanish):
    assert spanish in scoring_body(youth(mode=mode, weight=0.5), "es")


def test_points_mode_example_uses_the_weight():
    assert "a total of 7.4 gives 15 points in the standings" in scoring_body(youth(mode="points", weight=2), "en")
    assert "un total de 7,4 da 7 puntos" in scoring_body(youth(mode="points", weight=1), "es")
    # 7.4 × 2.5 would end in exactly .5: the example moves to a total that does not depend on how halves round.
    assert "un total de 6,8 da 17 puntos" in scoring_body(youth(mode="points", weight=2.5), "es")


def test_rules_name_their_championship_or_say_they_are_an_example():
    assert "«Copa Verano 2026»" in scoring_rules(youth(), "es", subject="Copa Verano 2026")[0]
    assert "example rules" in scoring_rules(youth(), "en")[0]


def test_a_saved_scheme_reads_like_the_engine_scheme_with_the_same_numbers():
    championship = make_championship()
    FairPlayScheme.objects.create(championship=championship, blue_player=Decimal("3.50"), foul=Decimal("-0.25"))
    body = scoring_body(scheme_for_manual(championship), "es")
    assert "+3,5 puntos" in body
    assert "Cada falta cometida: −0,25 puntos." in body


# --- The public page --------------------------------------------------------------------------------------------------


def test_the_manual_is_in_spanish_by_default_even_for_an_english_browser(client):
    response = client.get(MANUAL_URL, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    text = page_text(response)
    assert "Qué premia la tarjeta azul" in text
    assert "Ayudó a un rival" in text
    assert "What a blue card rewards" not in text


def test_the_manual_is_in_english_after_the_language_switch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = page_text(client.get(MANUAL_URL))
    assert "What a blue card rewards" in text
    assert "Helped an opponent" in text
    assert "Each blue card to a player: +2 points." in text
    assert "Qué premia la tarjeta azul" not in text


def test_the_page_lists_every_section_with_a_table_of_contents(client):
    text = page_text(client.get(MANUAL_URL))
    for section in ManualSection.objects.all():
        assert f'href="#{section.slug}"' in text
        assert f'id="{section.slug}"' in text


def test_the_audience_filter_shows_only_that_audiences_sections(client):
    text = page_text(client.get(MANUAL_URL, {"audience": "referees"}))
    assert "El papel de los árbitros" in text
    assert "El ritual de deportividad, paso a paso" in text
    assert "El papel de los entrenadores" not in text
    assert "El papel de los organizadores" not in text

    text = page_text(client.get(MANUAL_URL, {"audience": "families"}))
    assert "El papel de las barras y los padres de familia" in text
    assert "El papel de los árbitros" not in text


def test_every_audience_has_a_link_and_a_page(client):
    text = page_text(client.get(MANUAL_URL))
    for audience in Audience.values:
        assert f"?audience={audience}" in text
        assert client.get(MANUAL_URL, {"audience": audience}).status_code == 200


def test_an_unknown_audience_shows_the_whole_manual_and_says_so(client):
    response = client.get(MANUAL_URL, {"audience": "<script>hinchas</script>"})
    assert response.status_code == 200
    assert "&lt;script&gt;hinchas&lt;/script&gt;" in response.content.decode()
    assert "<script>hinchas" not in response.content.decode()
    assert "El papel de los entrenadores" in page_text(response)


def test_the_manual_page_scoring_section_changes_when_the_scheme_changes(client):
    championship = make_championship(name="Copa Verano", season="2026")
    url = f"{MANUAL_URL}?championship={championship.slug}"
    # No scheme saved: the championship's youth preset, with its default numbers.
    assert "Cada tarjeta azul a un jugador o jugadora: +2 puntos." in page_text(client.get(url))

    scheme = FairPlayScheme.objects.create(championship=championship)
    scheme.apply_preset()
    scheme.blue_player = Decimal("5")
    scheme.save()
    text = page_text(client.get(url))
    assert "«Copa Verano 2026»" in text
    assert "Cada tarjeta azul a un jugador o jugadora: +5 puntos." in text
    assert "Cada tarjeta azul a un jugador o jugadora: +2 puntos." not in text

    scheme.preset = SchemePreset.FIFA
    scheme.apply_preset()
    scheme.save()
    text = page_text(client.get(url))
    assert "Expulsión por doble amarilla: −3 puntos." in text
    assert "Cada tarjeta azul a un jugador o jugadora" not in text


def test_without_a_championship_the_page_shows_the_example_youth_rules(client):
    make_championship(name="Copa Invierno")
    text = page_text(client.get(MANUAL_URL))
    assert "Estas son reglas de ejemplo" in text
    assert "Cada tarjeta azul a la barra: +3 puntos." in text
    assert "Copa Invierno" in text  # offered in the chooser


def test_a_championship_with_fifa_rules_and_no_scheme_reads_the_fifa_rules(client):
    championship = make_championship(preset="fifa")
    text = page_text(client.get(MANUAL_URL, {"championship": championship.slug}))
    assert "Puntos de conducta del equipo" in text


def test_a_draft_championship_is_neither_offered_nor_shown(client):
    draft = make_championship(status="draft", name="Borrador Secreto")
    FairPlayScheme.objects.create(championship=draft, blue_player=9)
    text = page_text(client.get(MANUAL_URL, {"championship": draft.slug}))
    assert "Borrador Secreto" not in text
    assert "+9 puntos" not in text
    assert "Estas son reglas de ejemplo" in text
    assert draft.slug in text  # the notice names what was asked for


def test_a_category_with_rules_of_its_own_is_shown_with_them(client):
    championship = make_championship()
    category = make_category(championship=championship, name="Sub-8")
    scheme = FairPlayScheme(category=category, preset=SchemePreset.UEFA)
    scheme.apply_preset()
    scheme.save()
    text = page_text(client.get(MANUAL_URL, {"championship": championship.slug}))
    assert "Sub-8" in text
    assert "Evaluación de fair play al estilo de la UEFA" in text
    assert "Sistema juvenil de la tarjeta azul" in text


def test_the_audience_filter_keeps_the_chosen_championship(client):
    championship = make_championship()
    html = client.get(MANUAL_URL, {"championship": championship.slug}).content.decode()
    assert f"?audience=coaches&amp;championship={championship.slug}" in html


def test_the_manual_page_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    championship = make_championship()
    for _ in range(3):
        make_championship()
    make_category(championship=championship)
    with django_assert_max_num_queries(5):
        client.get(MANUAL_URL, {"championship": championship.slug})


def test_excerpts_by_audience_come_in_the_requested_language():
    championship = make_championship(name="Copa Verano", season="2026")
    entries = manual_entries(audience="coaches", language="en", championship=championship)
    slugs = [entry.slug for entry in entries]
    assert "role-coaches" in slugs and "role-referees" not in slugs
    scoring = next(entry for entry in entries if entry.is_scoring)
    assert "“Copa Verano 2026”" in scoring.rules
    assert "Each blue card to a coach: +2 points." in scoring.rules
    with translation.override("en"):
        assert manual_entries(audience="players")[0].title == "What this manual is for"
    with translation.override("es"):
        assert manual_entries(audience="players")[0].title == "Para qué sirve este manual"


# --- Editing ----------------------------------------------------------------------------------------------------------


EDIT_URL = reverse("fairplay:manual_edit", args=["ritual"])
SECTIONS_URL = reverse("fairplay:manual_sections")


@pytest.mark.parametrize("url", [EDIT_URL, SECTIONS_URL])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [EDIT_URL, SECTIONS_URL])
def test_office_users_without_the_permission_are_refused(client, url):
    client.force_login(office_user())
    assert client.get(url).status_code == 403
    assert client.post(EDIT_URL, {"action": "save"}).status_code == 403


@pytest.mark.parametrize("url", [EDIT_URL, SECTIONS_URL])
@pytest.mark.parametrize("make_editor", [editor, lambda: make_user(is_staff=True, is_superuser=True)])
def test_editors_may_edit(client, url, make_editor):
    client.force_login(make_editor())
    response = client.get(url)
    assert response.status_code == 200
    assert "El ritual de deportividad, paso a paso" in page_text(response)


def form_data(section: ManualSection, **changes) -> dict:
    data = {"title_es": section.title_es, "title_en": section.title_en, "body_es": section.body_es,
            "body_en": section.body_en, "audiences": section.audiences}
    data.update(changes)
    return data


def test_preview_shows_both_languages_and_saves_nothing(client):
    client.force_login(editor())
    section = ManualSection.objects.get(slug="ritual")
    response = client.post(EDIT_URL, form_data(
        section, action="preview", title_es="Ritual nuevo", body_es="Primero.\r\n\r\n- paso <uno>\r\n- paso dos",
        title_en="New ritual", audiences=["coaches"],
    ))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<ul><li>paso &lt;uno&gt;</li><li>paso dos</li></ul>" in html
    assert "Ritual nuevo" in html and "New ritual" in html
    section.refresh_from_db()
    assert section.title_es == "El ritual de deportividad, paso a paso"
    assert "coaches" in section.audiences and "referees" in section.audiences


def test_save_saves_and_returns_to_the_manual_with_a_message(client):
    client.force_login(editor())
    section = ManualSection.objects.get(slug="ritual")
    response = client.post(EDIT_URL, form_data(
        section, action="save", title_es="Ritual nuevo", body_es="Uno.\r\n\r\n- a\r\n- b",
        audiences=["players", "referees"],
    ), follow=True)
    assert response.redirect_chain[-1][0] == f"{MANUAL_URL}#ritual"
    section.refresh_from_db()
    assert section.title_es == "Ritual nuevo"
    assert section.body_es == "Uno.\n\n- a\n- b"
    assert section.audiences == ["referees", "players"]
    text = page_text(response)
    assert "Ritual nuevo" in text
    assert "message--success" in response.content.decode()


def test_a_section_needs_text_and_an_audience(client):
    client.force_login(editor())
    section = ManualSection.objects.get(slug="ritual")
    response = client.post(EDIT_URL, form_data(section, action="save", body_en="", audiences=[]))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"body_en", "audiences"}
    section.refresh_from_db()
    assert section.body_en


def test_the_scoring_sections_form_says_its_text_is_an_introduction_and_previews_the_rules(client):
    client.force_login(editor())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the form's words are asserted in English
    url = reverse("fairplay:manual_edit", args=["scoring"])
    section = ManualSection.objects.get(slug="scoring")
    assert "only an introduction" in page_text(client.get(url))
    response = client.post(url, form_data(section, action="preview", body_es="", body_en=""))
    assert response.status_code == 200
    text = page_text(response)
    assert "Cada tarjeta azul a un jugador o jugadora: +2 puntos." in text
    assert "Each blue card to a player: +2 points." in text


def test_an_unknown_section_is_not_found(client):
    client.force_login(editor())
    assert client.get(reverse("fairplay:manual_edit", args=["no-such-section"])).status_code == 404


def test_edit_links_are_shown_only_to_editors(client):
    edit_link = reverse("fairplay:manual_edit", args=["purpose"])
    assert edit_link not in client.get(MANUAL_URL).content.decode()
    client.force_login(office_user())
    assert edit_link not in client.get(MANUAL_URL).content.decode()
    client.force_login(editor())
    assert edit_link in client.get(MANUAL_URL).content.decode()
