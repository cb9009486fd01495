"""Certificate batches: every certificate of a scope in one PDF (or a ZIP of one PDF each), in the background, with
progress shown on the page; failures reported there; reruns issue nothing twice; only the organizer's office sees
them."""

import io
import threading
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from certificates import batches, services
from certificates.models import Award, Certificate, CertificateBatch
from tests.certificates.world import AwardWorld
from tests.factories import make_category, make_roster_entry, make_team, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.CERTIFICATE_BATCHES = "inline"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    world = AwardWorld()
    services.awards_propose(championship=world.championship)
    return world


def scope_awards(world, category=None):
    awards = Award.objects.filter(championship=world.championship).exclude(status=Award.Status.EXCLUDED)
    return awards.filter(category=category) if category is not None else awards


def run(world, *, category=None, format="pdf") -> CertificateBatch:
    batch = batches.batch_create(
        championship=world.championship, category=category, format=format, language="es", user=world.office,
        base_url="https://tarjeta.example.org/",
    )
    batches.batch_start(batch)
    batch.refresh_from_db()
    return batch


def pages(batch) -> int:
    return len(PdfReader(batches.batch_path(batch)).pages)


def test_a_pdf_batch_has_one_page_per_recipient_of_the_championship_and_ends_done_at_100(world):
    expected = scope_awards(world).count()
    assert expected > 10

    batch = run(world)

    assert batch.status == CertificateBatch.Status.DONE
    assert batch.progress == 100
    assert (batch.done, batch.total) == (expected, expected)
    assert pages(batch) == expected
    assert Certificate.objects.filter(award__championship=world.championship).count() == expected


def test_a_category_batch_prints_only_that_category(world):
    other = make_category(championship=world.championship, name="Sub-10")
    make_roster_entry(team=make_team(category=other))
    services.awards_propose(championship=world.championship)
    expected = scope_awards(world, world.category).count()

    batch = run(world, category=world.category)

    assert pages(batch) == expected
    # What the batch did not print it did not issue either.
    assert scope_awards(world, other).get().status == Award.Status.PROPOSED


def test_a_zip_batch_holds_one_pdf_per_recipient(world):
    expected = scope_awards(world).count()

    batch = run(world, format="zip")

    with zipfile.ZipFile(batches.batch_path(batch)) as archive:
        names = archive.namelist()
        assert len(names) == expected
        assert all(name.endswith(".pdf") for name in names)
        assert len(PdfReader(io.BytesIO(archive.read(names[0]))).pages) == 1


def test_a_rerun_issues_nothing_twice_and_prints_the_same_pages(world):
    first = run(world)
    issued = set(Certificate.objects.values_list("pk", "code"))

    second = run(world)

    assert set(Certificate.objects.values_list("pk", "code")) == issued
    assert pages(second) == pages(first)


def test_progress_is_written_while_the_pages_are_drawn(world, monkeypatch):
    monkeypatch.setattr(batches, "PROGRESS_EVERY", 5)
    seen = []
    original = batches.pdf.write_batch

    def spy(datas, file, progress, **kwargs):
        def record(done):
            progress(done)
            seen.append(CertificateBatch.objects.get().done)

        return original(datas, file, record, **kwargs)

    monkeypatch.setattr(batches.pdf, "write_batch", spy)
    batch = run(world)

    assert seen[:2] == [5, 10]
    assert seen[-1] == batch.total


def test_a_failure_is_reported_on_the_batch_page_and_leaves_no_file(world, monkeypatch, client):
    def broken(*args, **kwargs):
        raise OSError("disco lleno")

    monkeypatch.setattr("certificates.pdf.write_batch", broken)

    batch = run(world)

    assert batch.status == CertificateBatch.Status.FAILED
    assert "disco lleno" in batch.error
    assert batches.batch_path(batch) is None
    assert not list((Path(django_settings.PRIVATE_FILES_ROOT) / "batches").glob("*"))  # no half-written file left
    client.force_login(world.office)
    response = client.get(reverse("certificates:batch", args=[batch.pk]))
    assert response.status_code == 200
    assert "disco lleno" in response.text
    assert reverse("certificates:batch_download", args=[batch.pk]) not in response.text


def test_a_failed_batch_run_again_issues_nothing_twice(world, monkeypatch):
    monkeypatch.setattr("certificates.pdf.write_batch", lambda *a, **k: 1 / 0)
    run(world)
    issued = Certificate.objects.count()
    monkeypatch.undo()

    batch = run(world)

    assert batch.status == CertificateBatch.Status.DONE
    assert Certificate.objects.count() == issued == pages(batch)


def test_in_worker_mode_the_batch_waits_for_run_batches(world, settings):
    settings.CERTIFICATE_BATCHES = "worker"

    batch = run(world)
    assert batch.status == CertificateBatch.Status.QUEUED

    call_command("run_batches", "--once", stdout=io.StringIO())

    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE
    assert pages(batch) == scope_awards(world).count()


def test_a_batch_claimed_by_one_worker_is_not_run_by_another(world, settings):
    settings.CERTIFICATE_BATCHES = "worker"
    batch = run(world)

    assert batches.batch_claim_next() == batch.pk
    assert batches.batch_claim_next() is None
    batches.batch_run(batch.pk)  # another process trying the same batch: nothing happens

    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.RUNNING


def test_the_office_asks_for_a_batch_and_is_sent_to_its_page(world, client):
    client.force_login(world.office)

    response = client.post(
        reverse("certificates:batch_create"),
        {"championship": world.championship.pk, "category": world.category.pk, "format": "pdf", "language": "en"},
    )

    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("certificates:batch", args=[batch.pk])
    assert (batch.status, batch.language, batch.category) == ("done", "en", world.category)
    page = client.get(response.url)
    assert reverse("certificates:batch_download", args=[batch.pk]) in page.text
    assert 'hx-trigger="every 1s"' not in page.text


def test_a_running_batch_page_polls_and_refreshes_without_javascript(world, client, settings):
    settings.CERTIFICATE_BATCHES = "worker"
    batch = run(world)
    CertificateBatch.objects.filter(pk=batch.pk).update(status="running", done=340, total=1200)
    client.force_login(world.office)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("certificates:batch", args=[batch.pk]))
    partial = client.get(reverse("certificates:batch", args=[batch.pk]), headers={"HX-Request": "true"})

    assert 'hx-trigger="every 1s"' in page.text
    assert '<meta http-equiv="refresh" content="2">' in page.text
    assert '<progress class="batch-progress" value="340" max="1200">' in page.text
    assert "340 of 1,200 (28 %)" in page.text
    assert partial.text.strip().startswith('<section id="batch-status"')
    assert "<html" not in partial.text


def test_the_choice_page_offers_pdf_and_zip_for_each_category(world, client):
    client.force_login(world.office)

    response = client.get(reverse("certificates:batches"))

    assert response.status_code == 200
    assert world.category.name in response.text
    assert 'value="zip"' in response.text


# --- Permissions, in threes -------------------------------------------------------------------------------------------


@pytest.fixture
def done_batch(world):
    return run(world)


@pytest.mark.parametrize("route", ["certificates:batch", "certificates:batch_download"])
def test_anonymous_is_sent_to_login(done_batch, client, route):
    response = client.get(reverse(route, args=[done_batch.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("route", ["certificates:batch", "certificates:batch_download"])
def test_another_office_is_refused(done_batch, world, client, route):
    client.force_login(world.other_office)
    assert client.get(reverse(route, args=[done_batch.pk])).status_code == 403


@pytest.mark.parametrize("route", ["certificates:batch", "certificates:batch_download"])
def test_the_organizers_office_is_served(done_batch, world, client, route):
    client.force_login(world.office)
    assert client.get(reverse(route, args=[done_batch.pk])).status_code == 200


def test_the_download_is_the_pdf_as_an_attachment(done_batch, world, client):
    client.force_login(world.office)

    response = client.get(reverse("certificates:batch_download", args=[done_batch.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert len(PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages) == done_batch.total


def test_another_office_cannot_ask_for_a_batch(world, client):
    client.force_login(world.other_office)

    response = client.post(
        reverse("certificates:batch_create"), {"championship": world.championship.pk, "format": "pdf", "language": "es"}
    )

    assert response.status_code == 403
    assert not CertificateBatch.objects.exists()


def test_a_user_without_an_office_cannot_open_the_choice_page(world, client):
    client.force_login(make_user())
    assert client.get(reverse("certificates:batches")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_in_thread_mode_the_batch_runs_after_the_request_without_any_set_up(settings, tmp_path, client):
    settings.CERTIFICATE_BATCHES = "thread"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    world = AwardWorld()
    services.awards_propose(championship=world.championship)
    client.force_login(world.office)

    client.post(reverse("certificates:batch_create"),
                {"championship": world.championship.pk, "format": "pdf", "language": "es"})

    for thread in threading.enumerate():
        if thread.name.startswith(batches.THREAD_PREFIX):
            thread.join(timeout=60)
    batch = CertificateBatch.objects.get()
    assert batch.status == CertificateBatch.Status.DONE
    assert pages(batch) == batch.total == scope_awards(world).count()
