"""The public verification page: a valid code shows the certificate's facts; unknown or altered ones are not found;
nothing private of a minor ever appears."""

import pytest
from django.urls import reverse

from certificates import services
from certificates.models import Award, Certificate
from tests.certificates.world import AwardWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued():
    world = AwardWorld()
    services.awards_propose(championship=world.championship)
    services.awards_issue(
        championship=world.championship, user=world.office, language="es", base_url="https://tarjeta.example.org/"
    )
    certificate = Certificate.objects.get(award__kind=Award.Kind.BLUE_CARDS_PLAYER, award__player=world.players["h1"])
    return world, certificate


def page(client, code):
    return client.get(reverse("certificates:verify", args=[code]))


def test_a_valid_code_shows_the_certificate_facts(client, issued):
    _world, certificate = issued

    response = page(client, certificate.code)

    assert response.status_code == 200
    text = response.content.decode()
    data = services.certificate_data(certificate)
    for fact in ("Lucíah1 Q.", "Halcones", "Sub-12 Mixto", "Copa Barrios 2026", "Municipalidad de La Esperanza",
                 certificate.code, data.award_title):
        assert fact in text


def test_the_code_may_be_typed_in_lower_case(client, issued):
    _world, certificate = issued
    assert page(client, certificate.code.lower()).status_code == 200


def test_the_page_shows_the_snapshot_not_todays_data(client, issued):
    world, certificate = issued
    world.halcones.name = "Halcones Renombrados"
    world.halcones.save()

    text = page(client, certificate.code).content.decode()

    assert "Halcones" in text and "Renombrados" not in text


def test_an_unknown_code_is_not_found(client, issued):
    body = "ABCDEFGHJK"
    unknown = body + services._check_character(body)  # well formed, never issued
    assert not Certificate.objects.filter(code=unknown).exists()

    response = page(client, unknown)

    assert response.status_code == 404
    text = response.content.decode()
    assert "Certificado no encontrado" in text or "Certificate not found" in text


def test_an_altered_code_is_not_found(client, issued):
    _world, certificate = issued
    code = certificate.code
    altered = code[:3] + ("X" if code[3] != "X" else "Y") + code[4:]

    response = page(client, altered)

    assert response.status_code == 404
    assert "Lucíah1" not in response.content.decode()


def test_garbage_is_not_found(client, issued):
    assert page(client, "%3Cscript%3Ealert(1)").status_code == 404
    assert page(client, "x" * 500).status_code == 404


def test_the_page_shows_nothing_private(client, issued):
    world, certificate = issued
    player = world.players["h1"]

    text = page(client, certificate.code).content.decode()

    assert player.document_number not in text
    assert "Quispe" not in text and "Mendoza" not in text and "Belén" not in text
    for birth_date in ("2014-07-09", "09/07/2014", "9/7/2014", "9 de julio de 2014", "July 9, 2014"):
        assert birth_date not in text


def test_every_certificate_of_the_championship_keeps_minors_private(client, issued):
    world, _certificate = issued
    private = [p.document_number for p in world.players.values()] + ["Quispe", "Mendoza", "2014"]
    for certificate in Certificate.objects.all():
        text = page(client, certificate.code).content.decode()
        assert not [word for word in private if word in text], certificate.snapshot


def test_the_page_refuses_writes(client, issued):
    _world, certificate = issued
    assert client.post(reverse("certificates:verify", args=[certificate.code])).status_code == 405
