"""Shared test set-up.

Every test run gets its own validation cache, so no test depends on what an earlier run (or
``make report``) left in the project's ``.insyn-cache/``; and the tests of published reports
(HTML in a browser, PDF with pypdf) share one build of every example.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from insyn import build, params, paths


def pytest_configure(config):
    os.environ["INSYN_CACHE"] = tempfile.mkdtemp(prefix="insyn-test-cache-")


@dataclass(frozen=True)
class Example:
    """One example report as published: ``<site>/<slug>/<report>.html|.pdf``."""

    params_file: Path
    slug: str
    report: str

    @property
    def id(self) -> str:
        return f"{self.slug}/{self.report}"

    def path(self, site: Path, suffix: str) -> Path:
        return site / self.slug / f"{self.report}.{suffix}"


def example_reports() -> list[Example]:
    """Every report of every build unit under ``params/``: what ``make report`` builds
    (a parameter file naming ``utförare: alla`` is one unit per verksamhet)."""
    found = []
    for file in params.discover():
        for unit in params.expand(params.load_params(file)):
            found += [Example(file, unit.slug, report) for report in unit.reports]
    return found


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """Every example parameter set built once into a fresh site (HTML and PDF)."""
    site = tmp_path_factory.mktemp("example-site")
    for file in sorted({e.params_file for e in example_reports()}):
        for result in build.build_file(file, site=site, force=True):
            assert result.status == build.BUILT, f"{paths.relative_to_root(file)}: {result.error}"
    return site
