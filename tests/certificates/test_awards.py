"""Awards: proposed from known data, reviewed (exclusions, additions), issued with a frozen snapshot; the admin."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from certificates import services
from certificates.models import Award, Certificate, CertificateSettings
from tests.certificates.world import AwardWorld
from tests.factories import make_card, make_category, make_match, make_player, make_roster_entry, make_team

pytestmark = pytest.mark.django_db

BASE_URL = "https://tarjeta.example.org/"


@pytest.fixture
def world():
    return AwardWorld()


def proposed(world, kind, *, category=True):
    awards = Award.objects.filter(championship=world.championship, kind=kind, category__isnull=not category)
    return {award.recipient: award for award in awards}


# --- Proposal ---------------------------------------------------------------------------------------------------------


def test_fair_play_champion_and_runner_up_come_from_the_copa_table(world):
    services.awards_propose(championship=world.championship)

    assert set(proposed(world, Award.Kind.FAIR_PLAY_CHAMPION)) == {world.halcones}
    assert set(proposed(world, Award.Kind.FAIR_PLAY_RUNNER_UP)) == {world.condores}
    # The whole championship has one category here, so its Copa names the same teams.
    assert set(proposed(world, Award.Kind.FAIR_PLAY_CHAMPION, category=False)) == {world.halcones}
    assert set(proposed(world, Award.Kind.FAIR_PLAY_RUNNER_UP, category=False)) == {world.condores}


def test_sports_champion_comes_from_the_standings(world):
    services.awards_propose(championship=world.championship)

    champions = proposed(world, Award.Kind.SPORTS_CHAMPION)
    assert set(champions) == {world.halcones}
    assert champions[world.halcones].score == "6"


def test_teams_sharing_first_place_are_all_proposed_and_flagged(world):
    # A second category where two teams share the lead on every criterion.
    second = make_category(championship=world.championship, name="Sub-10")
    x, y = make_team(category=second, name="Águilas"), make_team(category=second, name="Gavilanes")
    make_match(category=second, home=x, away=y, home_goals=1, away_goals=1)

    with translation.override("en"):  # the note is written for the office in the language it works in
        services.awards_propose(championship=world.championship)

    champions = Award.objects.filter(kind=Award.Kind.SPORTS_CHAMPION, category=second)
    assert {award.team for award in champions} == {x, y}
    assert all("Tied with 1 other" in award.note for award in champions)


def test_players_with_most_blue_cards_include_everyone_tied_at_the_cut(world):
    with translation.override("en"):
        services.awards_propose(championship=world.championship)

    players = proposed(world, Award.Kind.BLUE_CARDS_PLAYER)
    p = world.players
    assert set(players) == {p["h1"], p["h2"], p["c1"], p["c2"]}
    assert [players[p[k]].position for k in ("h1", "h2", "c1", "c2")] == [1, 2, 3, 3]
    assert players[p["h1"]].note == ""
    assert "Tied with 1 other" in players[p["c1"]].note and "Tied with 1 other" in players[p["c2"]].note
    assert players[p["h1"]].team == world.halcones


def test_coach_award_goes_to_the_coach_with_most_blue_cards(world):
    services.awards_propose(championship=world.championship)

    coaches = proposed(world, Award.Kind.COACH)
    assert set(coaches) == {world.condores_coach}
    assert coaches[world.condores_coach].team == world.condores


def test_barra_segura_only_goes_to_a_committed_barra(world):
    services.awards_propose(championship=world.championship)

    # Pumas' barra received more blue cards but never signed the safe-bar commitment.
    assert set(proposed(world, Award.Kind.BARRA_SEGURA)) == {world.halcones_barra}


def test_every_rostered_player_gets_a_participation_certificate(world):
    late = make_roster_entry(team=world.pumas, player=make_player(organizer=world.organizer), shirt_number=9).player

    services.awards_propose(championship=world.championship)

    assert set(proposed(world, Award.Kind.PARTICIPATION)) == {*world.players.values(), late}


def test_only_referees_who_showed_blue_cards_in_played_matches_are_recognised(world):
    services.awards_propose(championship=world.championship)

    referees = proposed(world, Award.Kind.REFEREE, category=False)
    assert set(referees) == {world.referee_blue}
    assert not Award.objects.filter(kind=Award.Kind.REFEREE, category__isnull=False).exists()


def test_rerun_proposes_nothing_twice_and_keeps_exclusions_and_additions(world):
    first = services.awards_propose(championship=world.championship)
    count = Award.objects.count()
    excluded = Award.objects.get(kind=Award.Kind.BARRA_SEGURA, category=world.category)
    services.award_exclude(award=excluded)
    added = services.award_add(
        championship=world.championship, kind=Award.Kind.REFEREE, referee=world.referee_none,
        note="Decisión de la oficina",
    )

    again = services.awards_propose(championship=world.championship)

    assert first and again == []
    assert Award.objects.count() == count + 1
    excluded.refresh_from_db()
    assert excluded.status == Award.Status.EXCLUDED
    assert Award.objects.filter(pk=added.pk, added=True).exists()


def test_rerun_drops_proposals_the_data_no_longer_supports_but_never_issued_ones(world):
    services.awards_propose(championship=world.championship)
    services.awards_issue(
        championship=world.championship, user=world.office, language="es", base_url=BASE_URL,
        awards=Award.objects.filter(kind=Award.Kind.FAIR_PLAY_CHAMPION),
    )
    world.m1.cards.filter(colour="blue").delete()

    services.awards_propose(championship=world.championship)

    assert world.players["h1"] not in proposed(world, Award.Kind.BLUE_CARDS_PLAYER)
    assert Award.objects.filter(kind=Award.Kind.FAIR_PLAY_CHAMPION, status=Award.Status.ISSUED).count() == 2


def test_an_addition_must_name_the_recipient_its_kind_needs(world):
    with pytest.raises(ValidationError):
        services.award_add(championship=world.championship, kind=Award.Kind.BARRA_SEGURA, team=world.halcones)


def test_adding_the_same_award_twice_returns_the_first(world):
    one = services.award_add(championship=world.championship, kind=Award.Kind.REFEREE, referee=world.referee_none)
    two = services.award_add(championship=world.championship, kind=Award.Kind.REFEREE, referee=world.referee_none)
    assert one.pk == two.pk


def test_an_issued_award_cannot_be_excluded(world):
    services.awards_propose(championship=world.championship)
    award = Award.objects.filter(kind=Award.Kind.SPORTS_CHAMPION).first()
    services.awards_issue(championship=world.championship, user=world.office, language="es", base_url=BASE_URL)
    award.refresh_from_db()
    with pytest.raises(ValidationError):
        services.award_exclude(award=award)


# --- Issue ------------------------------------------------------------------------------------------------------------


def test_issuing_stores_what_is_printed(world):
    CertificateSettings.objects.create(
        championship=world.championship, signatory_1_name="Carmen Díaz", signatory_1_role="Alcaldesa",
        signatory_2_name="Luis Paredes", signatory_2_role="Jefe de la Oficina de Deportes",
    )
    services.awards_propose(championship=world.championship)
    award = Award.objects.get(kind=Award.Kind.BLUE_CARDS_PLAYER, player=world.players["h1"])

    services.awards_issue(championship=world.championship, user=world.office, language="es", base_url=BASE_URL)

    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED
    certificate = award.certificate
    data = services.certificate_data(certificate)
    assert data.code == certificate.code and services.code_normalize(certificate.code) == certificate.code
    assert data.verify_url == f"https://tarjeta.example.org/verify/{certificate.code}/"
    assert data.recipient_name == "Lucíah1 Q."  # the display name: a minor's full name is never printed
    assert (data.team, data.category, data.championship) == ("Halcones", "Sub-12 Mixto", "Copa Barrios 2026")
    assert data.organizer == "Municipalidad de La Esperanza"
    with translation.override("es"):  # the catalogue's Spanish once translated (locale/ is the lead's)
        assert data.award_title == str(services.AWARD_TITLES[Award.Kind.BLUE_CARDS_PLAYER])
    assert [(s.name, s.role) for s in data.signatories] == [
        ("Carmen Díaz", "Alcaldesa"), ("Luis Paredes", "Jefe de la Oficina de Deportes"),
    ]
    assert datetime.date.fromisoformat(data.date)
    assert certificate.issued_by == world.office and certificate.language == "es"


def test_the_award_title_is_printed_in_the_certificate_language(world):
    services.awards_propose(championship=world.championship)
    services.awards_issue(championship=world.championship, user=world.office, language="en", base_url=BASE_URL)

    certificate = Certificate.objects.get(award__kind=Award.Kind.FAIR_PLAY_CHAMPION, award__category=world.category)
    assert services.certificate_data(certificate).award_title == "Fair Play Champion"


def test_a_reprint_matches_the_original_after_the_data_changes(world):
    services.awards_propose(championship=world.championship)
    services.awards_issue(championship=world.championship, user=world.office, language="es", base_url=BASE_URL)
    certificate = Certificate.objects.get(award__kind=Award.Kind.PARTICIPATION, award__player=world.players["c1"])
    original = services.certificate_data(certificate)

    player = world.players["c1"]
    player.given_names, player.surnames = "Valeria", "Zapata"
    player.save()
    world.condores.name = "Cóndores Andinos"
    world.condores.save()
    world.championship.name = "Copa Renombrada"
    world.championship.save()

    certificate.refresh_from_db()
    assert services.certificate_data(certificate) == original
    assert original.recipient_name == "Lucíac1 Q." and original.team == "Cóndores"


def test_rerunning_the_issue_duplicates_nothing(world):
    services.awards_propose(championship=world.championship)
    services.award_exclude(award=Award.objects.get(kind=Award.Kind.COACH))
    first = services.awards_issue(championship=world.championship, user=world.office, language="es", base_url=BASE_URL)
    codes = set(Certificate.objects.values_list("code", flat=True))

    services.awards_propose(championship=world.championship)
    second = services.awards_issue(championship=world.championship, user=world.office, language="es", base_url=BASE_URL)

    assert len(first) == Award.objects.filter(status=Award.Status.ISSUED).count() == len(codes)
    assert second == []
    assert set(Certificate.objects.values_list("code", flat=True)) == codes
    assert not Certificate.objects.filter(award__kind=Award.Kind.COACH).exists()


def test_every_single_character_change_of_a_code_is_caught():
    code = services.code_new()
    assert services.code_normalize(code.lower()) == code
    for index in range(len(code)):
        for char in services.CODE_ALPHABET:
            if char != code[index]:
                assert services.code_normalize(code[:index] + char + code[index + 1:]) is None
    for index in range(len(code) - 1):
        swapped = code[:index] + code[index + 1] + code[index] + code[index + 2:]
        assert swapped == code or services.code_normalize(swapped) is None
    assert services.code_normalize(code[:-1]) is None


# --- Admin ------------------------------------------------------------------------------------------------------------


@pytest.fixture
def client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_awards_list_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("admin:certificates_award_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_office_staff_propose_from_the_admin_and_see_their_awards(client, world):
    client.force_login(world.office)

    page = client.get(reverse("admin:certificates_award_changelist"))
    assert page.status_code == 200
    assert reverse("admin:certificates_award_propose") in page.content.decode()
    form = client.get(reverse("admin:certificates_award_propose"))
    assert form.status_code == 200 and "Copa Barrios" in form.content.decode()
    assert client.get(reverse("admin:certificates_certificatesettings_add")).status_code == 200
    response = client.post(reverse("admin:certificates_award_propose"), {"championship": world.championship.pk})

    assert response.status_code == 302
    assert Award.objects.filter(championship=world.championship).count() == 18
    listing = client.get(response["Location"]).content.decode()
    assert "Barra Halcona" in listing


def test_another_office_cannot_see_propose_or_issue_these_awards(client, world):
    services.awards_propose(championship=world.championship)
    award = Award.objects.get(kind=Award.Kind.SPORTS_CHAMPION)
    client.force_login(world.other_office)

    listing = client.get(reverse("admin:certificates_award_changelist"))
    assert listing.status_code == 200 and "Barra Halcona" not in listing.content.decode()
    assert client.get(reverse("admin:certificates_award_change", args=[award.pk])).status_code == 302  # "not found"
    response = client.post(reverse("admin:certificates_award_propose"), {"championship": world.championship.pk})
    assert response.status_code == 200  # the championship is not a valid choice
    client.post(
        reverse("admin:certificates_award_changelist"),
        {"action": "issue_awards", "_selected_action": [award.pk], "language": "es"},
    )
    award.refresh_from_db()
    assert award.status == Award.Status.PROPOSED and not Certificate.objects.exists()


def test_office_excludes_then_issues_from_the_admin(client, world):
    services.awards_propose(championship=world.championship)
    coach = Award.objects.get(kind=Award.Kind.COACH)
    champion = Award.objects.get(kind=Award.Kind.SPORTS_CHAMPION)
    client.force_login(world.office)
    url = reverse("admin:certificates_award_changelist")

    client.post(url, {"action": "exclude_awards", "_selected_action": [coach.pk]})
    response = client.post(
        url, {"action": "issue_awards", "_selected_action": [coach.pk, champion.pk], "language": "en"}, follow=True
    )

    coach.refresh_from_db()
    champion.refresh_from_db()
    assert coach.status == Award.Status.EXCLUDED
    assert champion.status == Award.Status.ISSUED
    certificate = champion.certificate
    assert certificate.snapshot["award_title"] == "Champion" and certificate.snapshot["verify_url"].startswith("http")
    assert "1 certificate issued." in response.content.decode()
    detail = client.get(reverse("admin:certificates_certificate_change", args=[certificate.pk]))
    assert detail.status_code == 200
    assert reverse("certificates:verify", args=[certificate.code]) in detail.content.decode()


def test_office_adds_an_award_from_the_admin(client, world):
    client.force_login(world.office)
    response = client.post(
        reverse("admin:certificates_award_add"),
        {"championship": world.championship.pk, "category": world.category.pk, "kind": Award.Kind.BARRA_SEGURA,
         "team": world.pumas.pk},
    )
    assert response.status_code == 200  # refused: a barra segura award names the barra
    assert not Award.objects.exists()
    response = client.post(
        reverse("admin:certificates_award_add"),
        {"championship": world.championship.pk, "kind": Award.Kind.REFEREE, "referee": world.referee_none.pk,
         "note": "Aplicó el método"},
    )
    assert response.status_code == 302
    award = Award.objects.get(referee=world.referee_none)
    assert award.added and award.status == Award.Status.PROPOSED


def test_a_championship_of_several_categories_gets_its_own_blue_card_awards_over_all_of_them(world):
    second = make_category(championship=world.championship, name="Sub-10")
    a, b = make_team(category=second, name="Águilas"), make_team(category=second, name="Gavilanes")
    match = make_match(category=second, home=a, away=b, home_goals=1, away_goals=0)
    star = make_roster_entry(team=a).player
    for _ in range(5):  # more than anyone in the first category
        make_card(match=match, team=a, player=star, colour="blue", reason_code="helped_opponent")

    services.awards_propose(championship=world.championship)

    whole = Award.objects.filter(championship=world.championship, category=None, kind=Award.Kind.BLUE_CARDS_PLAYER)
    assert whole.order_by("position").first().player == star
    assert Award.objects.filter(category=second, kind=Award.Kind.BLUE_CARDS_PLAYER, player=star).exists()
