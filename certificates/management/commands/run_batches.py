"""The worker of certificate batches for a deployment (CERTIFICATE_BATCHES = "worker"): claims queued batches one at a
time and runs them. Several workers may run side by side: a batch is claimed by exactly one."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from certificates.batches import batch_claim_next, batch_run


class Command(BaseCommand):
    help = "Runs the queued certificate batches (for CERTIFICATE_BATCHES = 'worker')."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is queued now, then exit.")
        parser.add_argument("--sleep", type=float, default=2.0, help="Seconds to wait when nothing is queued.")

    def handle(self, *args, once: bool = False, sleep: float = 2.0, **options):
        while True:
            batch_id = batch_claim_next()
            if batch_id is not None:
                self.stdout.write(f"Batch {batch_id}: running")
                batch_run(batch_id, claimed=True)
                self.stdout.write(f"Batch {batch_id}: finished")
                continue
            if once:
                return
            time.sleep(sleep)
            close_old_connections()  # a worker lives for days: drop a connection the database has closed
