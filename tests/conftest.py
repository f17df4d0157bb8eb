"""Fixtures shared by the tests of published reports (HTML in a browser, PDF with pypdf)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from insyn import build, params, paths


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
    """Every report of every parameter set under ``params/``: what ``make report`` builds."""
    found = []
    for file in params.discover():
        ps = params.load_params(file)
        found += [Example(file, ps.slug, report) for report in ps.reports]
    return found


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """Every example parameter set built once into a fresh site (HTML and PDF)."""
    site = tmp_path_factory.mktemp("example-site")
    for file in sorted({e.params_file for e in example_reports()}):
        result = build.build_one(file, site=site, force=True)
        assert result.status == build.BUILT, f"{paths.relative_to_root(file)}: {result.error}"
    return site
