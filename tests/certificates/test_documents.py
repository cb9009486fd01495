"""The printed documents: what each one prints (its data layer), the PDF itself read back with pypdf, and who may
download the match sheet."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates import documents
from fairplay.manual import manual_seed
from fairplay.models import Audience, ManualSection
from referees.models import MatchSheet, SheetConfirmation, SheetEvent, SheetPlayer, SheetTeam
from tests.factories import SheetWorld, make_category, make_championship, make_match, make_team

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def seeded():
    # The data migration seeds the manual, but a transactional test elsewhere may have flushed it.
    manual_seed()


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    # Extraction breaks lines where the layout wraps them; compare words, not line breaks.
    return re.sub(r"\s+", " ", text)


# --- The manual booklet ---------------------------------------------------------------------------------------------


def test_coaches_booklet_has_only_the_sections_for_coaches_and_lists_them_in_its_contents():
    booklet = documents.load_manual_booklet(audience=Audience.COACHES, language="es", today=TODAY)

    for_coaches = [s for s in ManualSection.objects.order_by("order", "pk") if "coaches" in s.audiences]
    not_for_coaches = [s.slug for s in ManualSection.objects.all() if "coaches" not in s.audiences]
    assert [s.slug for s in booklet.sections] == [s.slug for s in for_coaches]
    assert not_for_coaches and not set(not_for_coaches) & {s.slug for s in booklet.sections}
    assert booklet.contents == tuple(f"{n}. {s.title_es}" for n, s in enumerate(for_coaches, start=1))
    assert booklet.title == "Manual de Fair Play"
    assert "Entrenadores" in booklet.audience_line


def test_booklet_scoring_section_carries_the_generated_rules():
    booklet = documents.load_manual_booklet(language="en", today=TODAY)

    scoring = next(s for s in booklet.sections if s.slug == "scoring")
    text = " ".join(b.text or " ".join(b.items) for b in scoring.blocks)
    assert "Each blue card to a player" in text


def test_booklet_pdf_prints_its_page_count_on_every_numbered_page_in_english():
    booklet = documents.load_manual_booklet(audience=Audience.COACHES, language="en", today=TODAY)

    pages, text = pdf_text(documents.manual_booklet_pdf(booklet, size="A5"))

    assert pages >= 3
    assert f"Page {pages} of {pages}" in text
    assert f"Page 2 of {pages}" in text
    assert "Page 1 of" not in text  # the title page carries no number
    assert "Fair Play Manual" in text and "Contents" in text
    for title in booklet.contents:
        assert flat(title) in flat(text)


def test_booklet_in_spanish_keeps_accents_and_a4_takes_fewer_pages_than_a5():
    booklet = documents.load_manual_booklet(language="es", today=TODAY)

    a5_pages, text = pdf_text(documents.manual_booklet_pdf(booklet, size="A5"))
    a4_pages, _text = pdf_text(documents.manual_booklet_pdf(booklet, size="A4"))

    assert "Manual de Fair Play" in text
    assert "Español" in text
    assert flat(booklet.sections[0].title) in flat(text)
    assert a4_pages < a5_pages


def test_booklet_with_a_championship_names_it_on_the_title_page():
    championship = make_championship(name="Copa Señor de la Piña", season="2026")

    booklet = documents.load_manual_booklet(language="es", championship=championship, today=TODAY)
    _pages, text = pdf_text(documents.manual_booklet_pdf(booklet))

    assert booklet.championship == "Copa Señor de la Piña 2026"
    assert "Copa Señor de la Piña 2026" in text


def test_manual_pdf_is_public_and_named(client):
    response = client.get(reverse("certificates:manual_pdf"), {"audience": "coaches", "language": "en", "size": "A4"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "manual-fair-play-coaches-en-a4.pdf" in response["Content-Disposition"]
    _pages, text = pdf_text(response.content)
    assert "Excerpt for: Coaches" in text


def test_manual_pdf_of_a_draft_championship_is_404(client):
    championship = make_championship(status="draft")

    response = client.get(reverse("certificates:manual_pdf"), {"championship": championship.slug})

    assert response.status_code == 404


# --- The match sheet ------------------------------------------------------------------------------------------------


def test_blank_sheet_lists_both_rosters_with_shirt_numbers_and_the_match():
    world = SheetWorld(players=4)

    doc = documents.load_match_sheet(world.match, language="es", today=TODAY)

    assert doc.blank
    assert doc.home.team == "Halcones" and doc.away.team == "Cóndores"
    assert [(line.shirt, line.name) for line in doc.away.players] == [
        (str(i), f"Niño{i} Ñ.") for i in range(1, 5)
    ]
    assert doc.referees == (("Árbitro", str(world.referee)),)
    assert "21 de noviembre de 2026" in doc.date
    assert doc.events == () and doc.blank_event_rows > 0


def test_blank_sheet_prints_full_names_on_the_office_copy_only():
    world = SheetWorld(players=2)

    office = documents.load_match_sheet(world.match, language="es", full_names=True)
    public = documents.load_match_sheet(world.match, language="es")

    assert office.home.players[0].name == "Niño1 Halcones Ñáñez"
    assert public.home.players[0].name == "Niño1 Ñ."


def test_blank_sheet_pdf_has_names_with_accents_and_every_box():
    world = SheetWorld(players=5)

    doc = documents.load_match_sheet(world.match, language="en", full_names=True, today=TODAY)
    pages, text = pdf_text(documents.match_sheet_pdf(doc))

    assert pages <= 2
    text = flat(text)
    for words in ("Match sheet", "Halcones", "Cóndores", "Niño3 Cóndores Ñáñez", "Goals and cards", "Fouls",
                  "1st half", "Ritual before", "Barra's behaviour", "Signatures", "Helped an opponent",
                  str(world.referee), f"Page {pages} of {pages}"):
        assert words in text, words


def submitted_sheet(world: SheetWorld) -> MatchSheet:
    sheet = MatchSheet.objects.create(match=world.match, status=MatchSheet.Status.SUBMITTED, version=7,
                                      incidents="Lluvia fuerte en el segundo tiempo.", submitted_at=timezone.now())
    SheetTeam.objects.create(sheet=sheet, team=world.home, coach_present=True, ritual_before=True, ritual_after=True,
                             barra_rating=5, barra_notes="Cantaron para los dos equipos.")
    SheetTeam.objects.create(sheet=sheet, team=world.away, ritual_before=True, barra_rating=2, barra_incidents=1)
    scorer, booked = world.player(world.home, 0), world.player(world.away, 1)
    for team, player, shirt in ((world.home, scorer, 1), (world.away, booked, 2)):
        SheetPlayer.objects.create(sheet=sheet, team=team, player=player, shirt_number=shirt, captain=True)
    SheetEvent.objects.create(sheet=sheet, kind="goal", team=world.home, player=scorer, minute=12)
    SheetEvent.objects.create(sheet=sheet, kind="yellow", team=world.away, player=booked, minute=30, added_time=2)
    SheetEvent.objects.create(sheet=sheet, kind="blue", team=world.home, recipient="barra", minute=40,
                              reason="barra_encouragement")
    SheetEvent.objects.create(sheet=sheet, kind="goal", team=world.away, player=booked, minute=44,
                              undone_at=timezone.now())
    for half in (1, 2, 2):
        SheetEvent.objects.create(sheet=sheet, kind="foul", team=world.away, half=half)
    SheetConfirmation.objects.create(sheet=sheet, team=world.home, name="Rosa Huamán", decision="confirmed")
    return sheet


def test_submitted_sheet_lists_the_recorded_events_not_the_undone_ones():
    world = SheetWorld(players=3)
    submitted_sheet(world)

    doc = documents.load_match_sheet(world.match, language="en", today=TODAY)

    assert not doc.blank and doc.status == "Submitted" and doc.version == "7"
    assert [(e.minute, e.code, e.team) for e in doc.events] == [
        ("12'", "G", "Halcones"), ("30+2'", "Y", "Cóndores"), ("40'", "B", "Halcones")
    ]
    assert "44'" not in {e.minute for e in doc.events}
    assert (doc.home.goals, doc.away.goals) == ("1", "0")
    assert doc.away.fouls == ("1", "2") and doc.home.fouls == ("0", "0")
    assert (doc.home.ritual_before, doc.home.ritual_after, doc.away.ritual_after) == ("Yes", "Yes", "No")
    assert doc.home.barra_rating == "5 · Exemplary"
    assert [(p.present, p.captain) for p in doc.home.players] == [(True, True), (False, False), (False, False)]
    assert doc.home.confirmation.startswith("Confirmed by Rosa Huamán")
    assert doc.away.confirmation == ""


def test_submitted_sheet_pdf_is_a_record_with_status_version_and_events():
    world = SheetWorld(players=3)
    submitted_sheet(world)

    doc = documents.load_match_sheet(world.match, language="es", today=TODAY)
    _pages, text = pdf_text(documents.match_sheet_pdf(doc))
    text = flat(text)

    assert "Planilla de juego" in text
    assert "Enviada" in text and "7" in text
    assert "Niño1 Ñ." in text and "Niño2 Ñ." in text
    assert "30+2'" in text and "44'" not in text
    assert "Lluvia fuerte en el segundo tiempo." in text
    assert "Cantaron para los dos equipos." in text


def test_blank_parameter_prints_the_paper_sheet_even_after_submission():
    world = SheetWorld(players=2)
    submitted_sheet(world)

    doc = documents.load_match_sheet(world.match, blank=True)

    assert doc.blank and doc.events == () and doc.home.goals == ""


def test_a_draft_sheet_still_prints_blank():
    world = SheetWorld(players=2)
    MatchSheet.objects.create(match=world.match)

    assert documents.load_match_sheet(world.match).blank


def test_match_sheet_loader_queries_a_fixed_number_of_times(django_assert_max_num_queries):
    world = SheetWorld(players=8)
    submitted_sheet(world)

    with django_assert_max_num_queries(10):
        documents.load_match_sheet(world.match)


# --- Who may download the match sheet -------------------------------------------------------------------------------


def sheet_url(world: SheetWorld, **query) -> str:
    url = reverse("certificates:match_sheet_pdf", args=[world.match.pk])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else url


def test_match_sheet_pdf_anonymous_goes_to_login(client):
    world = SheetWorld(players=2)

    response = client.get(sheet_url(world))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["referee_not_assigned", "coach_other_team", "office_other_organizer"])
def test_match_sheet_pdf_is_refused_to_people_outside_the_match(client, who):
    world = SheetWorld(players=2)
    client.force_login(world.users()[who])

    assert client.get(sheet_url(world)).status_code == 403


@pytest.mark.parametrize("who", ["office", "assigned_referee", "coach"])
def test_match_sheet_pdf_for_the_people_of_the_match(client, who):
    world = SheetWorld(players=2)
    client.force_login(world.users()[who])

    response = client.get(sheet_url(world, language="en"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"match-{world.match.pk}-halcones-condores-blank.pdf" in response["Content-Disposition"]
    _pages, text = pdf_text(response.content)
    # Full names on the office's copy only.
    expected = "Niño1 Halcones Ñáñez" if who == "office" else "Niño1 Ñ."
    assert expected in flat(text)


def test_match_sheet_pdf_is_the_record_once_submitted_and_blank_on_request(client):
    world = SheetWorld(players=2)
    submitted_sheet(world)
    client.force_login(world.office)

    record = client.get(sheet_url(world))
    blank = client.get(sheet_url(world, blank=1))

    assert "record.pdf" in record["Content-Disposition"]
    assert "blank.pdf" in blank["Content-Disposition"]


# --- Notice-board tables ------------------------------------------------------------------------------------------


def played_category():
    category = make_category(championship=make_championship(name="Liga Ñaña", slug="liga-nana"), slug="sub-10")
    home = make_team(category=category, name="Águilas de Florencia")
    away = make_team(category=category, name="Pumas")
    make_match(category=category, home=home, away=away, home_goals=2, away_goals=1, date=TODAY)
    return category


def test_tables_loader_prints_standings_and_copa_rows():
    category = played_category()

    doc = documents.load_tables(category, language="es", today=TODAY)

    assert [row[:3] for row in doc.standings.rows] == [("1", "Águilas de Florencia", "3"), ("2", "Pumas", "0")]
    assert doc.standings.columns[:3] == ("#", "Equipo", "Pts")
    assert {row[1] for row in doc.copa.rows} == {"Águilas de Florencia", "Pumas"}
    assert "21 de noviembre de 2026" in doc.printed_on


def test_standings_and_copa_pdfs_are_one_landscape_page_with_the_date():
    doc = documents.load_tables(played_category(), language="en", today=TODAY)

    for content, title in ((documents.standings_pdf(doc), "Standings"), (documents.copa_pdf(doc), "Copa Fair Play")):
        reader = PdfReader(io.BytesIO(content))
        box = reader.pages[0].mediabox
        assert len(reader.pages) == 1 and box.width > box.height
        text = reader.pages[0].extract_text()
        assert title in text and "Águilas de Florencia" in text and "Printed on" in text


def test_tables_pdfs_are_public_for_a_published_championship(client):
    category = played_category()
    args = [category.championship.slug, category.slug]

    standings = client.get(reverse("certificates:standings_pdf", args=args))
    copa = client.get(reverse("certificates:fair_play_pdf", args=args))

    assert standings.status_code == copa.status_code == 200
    assert standings["Content-Type"] == "application/pdf"
    assert 'filename="standings-liga-nana-sub-10.pdf"' in standings["Content-Disposition"]
    assert 'filename="fair-play-liga-nana-sub-10.pdf"' in copa["Content-Disposition"]


def test_tables_pdfs_of_a_draft_championship_are_404(client):
    category = make_category(championship=make_championship(status="draft"))
    args = [category.championship.slug, category.slug]

    assert client.get(reverse("certificates:standings_pdf", args=args)).status_code == 404
    assert client.get(reverse("certificates:fair_play_pdf", args=args)).status_code == 404
