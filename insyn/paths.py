"""Every path Insyn uses, from one place.

Nothing in Insyn resolves a path against the current working directory: relative paths in
parameter files and notebooks are relative to the project root, which is found from the
``INSYN_ROOT`` environment variable, else from the installed package's location (an editable
install inside the repository), else by walking up from the working directory to a folder that
holds ``_quarto.yml``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

_MARKER = "_quarto.yml"
_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=16)
def resolved(folder: Path) -> Path:
    """``folder.resolve()``, remembered: the skip check shows hundreds of paths per batch
    relative to the same root, and resolving walks every component with a system call."""
    return folder.resolve()


def project_root() -> Path:
    """The project folder (holds ``_quarto.yml``, ``notebooks/``, ``params/``, ``data/``)."""
    env = os.environ.get("INSYN_ROOT")
    if env:
        return resolved(Path(env))
    candidate = _PACKAGE_DIR.parent
    if (candidate / _MARKER).is_file():
        return candidate
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / _MARKER).is_file():
            return folder
    return candidate


def resolve(path: str | os.PathLike, root: Path | None = None) -> Path:
    """A path from a parameter file or notebook, made absolute against the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (root or project_root()) / p


def assets_dir() -> Path:
    """Styles and templates shipped inside the package (CSS, Typst template)."""
    return _PACKAGE_DIR / "assets"


def notebooks_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "notebooks"


def notebook_path(report: str, root: Path | None = None) -> Path:
    """The source notebook of a report type, e.g. ``kontroll-och-uppfoljning``."""
    return notebooks_dir(root) / f"{report}.ipynb"


def params_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "params"


def data_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data"


def site_dir(root: Path | None = None) -> Path:
    """Where finished reports are published (``_site/``); ``INSYN_SITE`` overrides it."""
    env = os.environ.get("INSYN_SITE")
    return Path(env).resolve() if env else (root or project_root()) / "_site"


def year_dir(datamapp: str | os.PathLike, year: int, root: Path | None = None) -> Path:
    """The data folder of one year: ``<datamapp>/<år>/``."""
    return resolve(datamapp, root) / str(year)


def text_dir(datamapp: str | os.PathLike, year: int, root: Path | None = None) -> Path:
    """Narrative Markdown of one year: ``<datamapp>/<år>/text/``."""
    return texts_in(year_dir(datamapp, year, root))


def texts_in(folder: Path) -> Path:
    """The narrative Markdown folder beside a year's tables: ``<folder>/text/``."""
    return folder / "text"


def checks_dir(root: Path | None = None) -> Path:
    """Where ``insyn kontrollera --format xlsx`` saves problem lists (not published)."""
    return (root or project_root()) / "kontroller"


def docs_dir(root: Path | None = None) -> Path:
    """The user guide and the generated data dictionary."""
    return (root or project_root()) / "docs"


def table_file(folder: Path, name: str) -> Path | None:
    """An input table's file in a year folder: ``<name>.csv``, else ``<name>.xlsx``, in any
    letter case (``Placeringar.CSV``), else None. ``insyn.load`` finds files the same way."""
    if not folder.is_dir():
        return None
    suffixes = (".csv", ".xlsx")
    wanted = {f"{name}{suffix}" for suffix in suffixes}
    found = [p for p in folder.iterdir() if p.name.lower() in wanted and p.is_file()]
    found.sort(key=lambda p: (suffixes.index(p.suffix.lower()), p.name))
    return found[0] if found else None


def quarto_config(root: Path | None = None) -> Path:
    return (root or project_root()) / _MARKER


def relative_to_root(path: Path, root: Path | None = None) -> str:
    """A path as shown to people and stored in manifests: relative to the root when possible."""
    root = resolved(root or project_root())
    text, prefix = os.fspath(path), os.path.join(root, "")
    if text.startswith(prefix) and ".." not in text.split(os.sep):
        return Path(text[len(prefix) :]).as_posix()  # below the root as given: no system calls
    path = Path(path)
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def cache_dir(root: Path | None = None) -> Path:
    """Validated input data, cached by content (``.insyn-cache/``; ``INSYN_CACHE`` overrides)."""
    env = os.environ.get("INSYN_CACHE")
    return Path(env).resolve() if env else (root or project_root()) / ".insyn-cache"
