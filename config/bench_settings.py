"""Settings of the HTTP bench's server (leagues/bench_http.py): the project's own, plus the bare view's URL and the
bench's own folder for collected static files. Never used outside the bench."""

import os
from pathlib import Path

from config.settings import *  # noqa: F403

ROOT_URLCONF = "config.bench_urls"
if os.environ.get("BENCH_STATIC_ROOT"):
    # collectstatic writes here with the project's storage, so the bench serves what a deployment would.
    STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
