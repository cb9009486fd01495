"""The season's end at the office, at desktop size: propose the awards, print every certificate while the progress
bar runs, open a certificate's verification page, print the coaches' manual and a blank match sheet."""

import io

from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate
from tests.certificates.world import AwardWorld


def test_the_office_issues_and_prints_the_seasons_certificates(live_server, transactional_db, browser, settings):
    settings.CERTIFICATE_BATCHES = "thread"  # as in the demo: the work runs beside the web process
    world = AwardWorld()
    client = Client()
    client.force_login(world.office)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(20_000)

    # Propose the awards from the season's data.
    page.goto(live_server.url + reverse("admin:certificates_award_propose"))
    page.locator("select[name=championship]").select_option(str(world.championship.pk))
    page.locator("input[type=submit].default").click()
    expect(page.locator(".messagelist")).to_be_visible()

    # Print them all: the proposed awards are issued and drawn while the page follows the progress.
    page.goto(live_server.url + reverse("certificates:batches"))
    page.locator("button[name=format][value=pdf]").first.click()
    expect(page.locator("progress.batch-progress")).to_be_visible()
    download_link = page.locator('a[href$="/download/"]')
    expect(download_link).to_be_visible()
    with page.expect_download() as download:
        download_link.click()
    pages = len(PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages)
    issued = Certificate.objects.filter(award__championship=world.championship)
    assert pages == issued.count() > 0

    # A certificate's QR code holds its verification address: the page names the recipient as printed.
    certificate = issued.filter(award__player__isnull=False).first()
    page.goto(certificate.snapshot["verify_url"].replace("http://testserver", live_server.url))
    expect(page.locator("main")).to_contain_text(certificate.snapshot["recipient_name"])

    # The coaches' manual and a blank paper sheet for the next match.
    for url in (reverse("certificates:manual_pdf") + "?audience=coaches",
                reverse("certificates:match_sheet_pdf", args=[world.pending.pk]) + "?blank=1"):
        response = page.request.get(live_server.url + url)
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        assert len(PdfReader(io.BytesIO(response.body())).pages) >= 1
    context.close()
