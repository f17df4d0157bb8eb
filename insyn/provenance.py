"""What a report states about how it was made: data fingerprint, parameters, version, renderer.

The same facts go into the report's last section and into its ``manifest.json``, so a reviewer can
check that the HTML in front of them was built from the files and parameters it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from insyn.text import Markdown

# the package files whose content decides a build: code, templates, styles, the pandoc filter
PACKAGE_SUFFIXES = (".py", ".css", ".typ", ".html", ".lua", ".yml", ".json")
HIDDEN_PARAMETERS = ("renderare", "byggdatum")


@cache
def insyn_fingerprint() -> str:
    """Version plus a hash of the package's own files, so a code change invalidates builds
    and cached validations."""
    import hashlib
    from pathlib import Path

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(insyn_version().encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in PACKAGE_SUFFIXES:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{insyn_version()}+{digest.hexdigest()[:12]}"


def insyn_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("insyn")
    except PackageNotFoundError:  # running from a source tree without installing
        return "0+okänd"


def build_date(value: str | None = None) -> dt.date:
    """The report's build date: the given ISO date, else today (``SOURCE_DATE_EPOCH`` honoured)."""
    import os

    if value:
        return dt.date.fromisoformat(value)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class Provenance:
    fingerprint: str
    files: Mapping[str, str]
    parameters: Mapping[str, Any]
    version: str
    renderer: str
    built: dt.date

    @classmethod
    def of(cls, params: Mapping[str, Any], datasets: Iterable[Any]) -> Provenance:
        """Provenance of a report built from ``datasets`` (``insyn.load.Dataset``, or None)."""
        import hashlib

        files: dict[str, str] = {}
        for data in datasets:
            if data is not None:
                files.update(data.files)
        digest = hashlib.sha256()
        for path in sorted(files):
            digest.update(f"{path}\0{files[path]}\n".encode())
        shown = {k: v for k, v in params.items() if k not in HIDDEN_PARAMETERS}
        return cls(
            fingerprint=digest.hexdigest(),
            files=dict(sorted(files.items())),
            parameters=dict(sorted(shown.items())),
            version=insyn_version(),
            renderer=str(params.get("renderare") or "JupyterLab (ej renderad)"),
            built=build_date(params.get("byggdatum") or None),
        )

    def to_markdown(self) -> Markdown:
        from insyn import formats  # Babel: only for reports, not for the skip check
        from insyn.text import Markdown, escape_markdown

        lines = [
            f"- **Underlag (fingeravtryck):** `{self.fingerprint[:16]}`",
            f"- **Byggd:** {formats.date(self.built)}",
            f"- **Version:** insyn {escape_markdown(self.version)}",
            f"- **Renderad med:** {escape_markdown(self.renderer)}",
            "",
            "| Parameter | Värde |",
            "|:---|:---|",
        ]
        lines += [
            f"| {escape_markdown(k)} | {escape_markdown(v)} |" for k, v in self.parameters.items()
        ]
        lines += ["", ": Parametrar som rapporten byggdes med", ""]
        lines += ["| Fil | SHA-256 (början) |", "|:---|:---|"]
        lines += [f"| {escape_markdown(p)} | `{h[:16]}` |" for p, h in self.files.items()]
        lines += ["", ": Underlagets filer med början av deras SHA-256-summor"]
        return Markdown("\n".join(lines) + "\n")
