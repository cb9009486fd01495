"""Certificate batches: every certificate of a championship or category as one PDF, or one PDF per recipient in a ZIP.

The work (`batch_run`) is long, so it runs outside the request. `settings.CERTIFICATE_BATCHES` says where:
- "thread" (the default, the demo): a daemon thread of the web process, started once the request's transaction
  commits; nothing to set up.
- "worker": the batch stays queued for `python manage.py run_batches`, a separate process (a real deployment).
- "inline": in the request itself (tests).

Progress is written with short UPDATE queries of their own, outside any long transaction, so the page sees it."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from certificates import pdf, services
from certificates.models import Award, Certificate, CertificateBatch
from certificates.snapshot import CertificateData

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 25
BATCH_DIR = "batches"
THREAD_PREFIX = "certificate-batch-"

Status = CertificateBatch.Status


@transaction.atomic
def batch_create(
    *, championship, category=None, format: str, language: str, user, base_url: str = ""
) -> CertificateBatch:
    if category is not None and category.championship_id != championship.pk:
        raise ValueError("The category is not of this championship.")
    return CertificateBatch.objects.create(
        championship=championship, category=category, format=format, language=language, created_by=user,
        base_url=base_url,
    )


def batch_start(batch: CertificateBatch) -> None:
    mode = getattr(settings, "CERTIFICATE_BATCHES", "thread")
    if mode == "inline":
        batch_run(batch.pk)
    elif mode == "thread":
        # After the commit: the thread's own connection must see the batch row.
        thread = threading.Thread(
            target=_run_in_thread, args=(batch.pk,), name=f"{THREAD_PREFIX}{batch.pk}", daemon=True
        )
        transaction.on_commit(thread.start)
    # "worker": left queued for `manage.py run_batches`.


def _run_in_thread(batch_id: int) -> None:
    try:
        batch_run(batch_id)
    finally:
        connection.close()  # the thread's own connection, or it stays open until the process ends


def batch_claim(batch_id: int) -> bool:
    """Marks a queued batch as running; False when another process took it first (a conditional UPDATE, safe on every
    database)."""
    return bool(CertificateBatch.objects.filter(pk=batch_id, status=Status.QUEUED).update(status=Status.RUNNING))


def batch_claim_next() -> int | None:
    """The id of the oldest queued batch, now claimed as running by this process; None when nothing is queued."""
    with transaction.atomic():
        queued = CertificateBatch.objects.filter(status=Status.QUEUED).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        batch_id = queued.values_list("pk", flat=True).first()
        if batch_id is None or not batch_claim(batch_id):
            return None
        return batch_id


def _scope(batch: CertificateBatch):
    awards = Award.objects.filter(championship_id=batch.championship_id)
    if batch.category_id is not None:
        awards = awards.filter(category_id=batch.category_id)
    return awards


def _issue_pending(batch: CertificateBatch) -> None:
    pending = list(_scope(batch).proposed())
    if pending:
        services.awards_issue(
            championship=batch.championship, user=batch.created_by, language=batch.language,
            base_url=batch.base_url or getattr(settings, "SITE_URL", "http://localhost:8000/"), awards=pending,
        )


def _snapshots(batch: CertificateBatch):
    certificates = (
        Certificate.objects.filter(award__in=_scope(batch).issued())
        .order_by(F("award__category_id").asc(nulls_first=True), "award__kind", "award__position", "award_id")
        .values_list("snapshot", flat=True)
    )
    for snapshot in certificates.iterator(chunk_size=200):
        yield CertificateData.from_json(snapshot)


def batch_run(batch_id: int, *, claimed: bool = False) -> None:
    """Runs a queued batch (or one this process has `claimed` already): issues the scope's proposed awards (a rerun
    issues nothing twice), then writes every issued certificate of the scope into PRIVATE_FILES_ROOT/batches. A failure marks
    the batch failed with a readable error and leaves no file."""
    batches = CertificateBatch.objects.filter(pk=batch_id)
    if not claimed and not batch_claim(batch_id):
        return  # taken by another process, finished, or gone
    batch = CertificateBatch.objects.select_related("championship", "category", "created_by").get(pk=batch_id)
    directory = Path(settings.PRIVATE_FILES_ROOT) / BATCH_DIR
    part = None
    try:
        _issue_pending(batch)
        total = Certificate.objects.filter(award__in=_scope(batch).issued()).count()
        batches.update(done=0, total=total)

        def progress(done: int) -> None:
            batches.update(done=done)

        directory.mkdir(parents=True, exist_ok=True)
        scope = slugify(batch.category.name if batch.category_id else "") or "all"
        # Unguessable as well as private: a batch holds minors' names.
        name = f"{batch.pk}-{slugify(batch.championship.slug or '')}-{scope}-{secrets.token_hex(12)}.{batch.format}"
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".part", delete=False) as file:
            part = file.name
            if batch.format == CertificateBatch.Format.ZIP:
                pdf.zip_batch(_snapshots(batch), file, progress, every=PROGRESS_EVERY)
            else:
                pdf.write_batch(_snapshots(batch), file, progress, every=PROGRESS_EVERY, title=str(batch.championship))
        os.replace(part, directory / name)
        part = None
        batches.update(
            status=Status.DONE, done=total, total=total, file=f"{BATCH_DIR}/{name}", error="",
            finished_at=timezone.now(),
        )
    except Exception as error:  # any failure must reach the page, not vanish with the thread
        logger.exception("Certificate batch %s failed", batch_id)
        batches.update(status=Status.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now())
    finally:
        if part is not None:
            Path(part).unlink(missing_ok=True)


def batch_path(batch: CertificateBatch) -> Path | None:
    """The finished file on disk, or None."""
    if batch.status != Status.DONE or not batch.file:
        return None
    path = Path(settings.PRIVATE_FILES_ROOT) / batch.file
    return path if path.is_file() else None
