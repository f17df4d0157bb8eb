"""A throwaway copy of the project (notebooks, params, data) for tests that write into it."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy_project(tmp_path: Path, name: str = "projekt") -> Path:
    """``notebooks/``, ``params/``, ``data/`` and ``_quarto.yml`` copied under ``tmp_path``."""
    project = tmp_path / name
    for folder in ("notebooks", "params", "data"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy2(ROOT / "_quarto.yml", project / "_quarto.yml")
    return project
