"""Shared test set-up: every test run gets its own validation cache, so no test depends on
what an earlier run (or `make report`) left in the project's `.insyn-cache/`."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    os.environ["INSYN_CACHE"] = tempfile.mkdtemp(prefix="insyn-test-cache-")
