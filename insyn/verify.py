"""``insyn verifiera <manifest.json>``: rebuild a report from its inputs and check it is identical.

How inputs are archived: **not copied into the published site.** Input tables may hold what must
not be published (``avvikelser.beskrivning`` says so), and the site is public. Instead the
manifest archives each input's identity: its path in the project and its SHA-256. The inputs
themselves live in the project (under version control); a report from an older state of the
project is verified in a checkout of that state (``INSYN_ROOT=<checkout> insyn verifiera …``).

Verification, in order, stopping at the first difference it can name:

1. every published output still has the hash the manifest records (nothing edited afterwards);
2. every input in the manifest is present in the project with the recorded hash — otherwise the
   report *cannot* be reproduced from what is there, and the changed or missing file is named;
3. the report is rebuilt in a private folder with the recorded parameters and build date, and each
   output (sorted by name) is compared byte for byte with the recorded hash; the first file that
   differs is named, with the offset of its first differing byte.

Differences in the Insyn version or the renderer are reported beside the result: they are the
usual reason a rebuild differs.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from insyn import manifest, paths
from insyn.errors import InputError, Problem
from insyn.load import sha256_file
from insyn.params import ParameterSet
from insyn.provenance import insyn_fingerprint
from insyn.reproducible import first_difference


class VerifyError(InputError):
    """The manifest cannot be read, so there is nothing to verify against."""

    heading = "Rapporten kan inte verifieras"


@dataclass
class Verification:
    """The outcome: ``matches``, or the first file that differs and why (in Swedish)."""

    folder: str
    matches: bool = False
    file: str = ""  # the first file that differs
    reason: str = ""
    checked: list[str] = field(default_factory=list)  # outputs found identical
    notes: list[str] = field(default_factory=list)

    def fail(self, file: str, reason: str) -> Verification:
        self.matches, self.file, self.reason = False, file, reason
        return self


def read_manifest(path: Path) -> tuple[Path, dict[str, Any]]:
    folder = path.parent if path.name == manifest.NAME else path
    found = manifest.read(folder)
    if not found or not {"inputs", "outputs", "parameters", "reports"} <= found.keys():
        raise VerifyError(
            Problem(
                "manifest.json saknas eller är ofullständig",
                file=paths.relative_to_root(folder / manifest.NAME),
                hint="ange manifest.json i mappen för en rapport som insyn build har byggt",
            )
        )
    return folder, found


def changed_output(folder: Path, recorded: dict[str, str]) -> tuple[str, str] | None:
    """The first published output that is missing or no longer has its recorded hash."""
    for name in sorted(recorded):
        path = folder / name
        if not path.is_file():
            return name, "den publicerade filen saknas"
        if sha256_file(path) != recorded[name]:
            return name, "den publicerade filen har ändrats efter bygget"
    return None


def changed_input(inputs: dict[str, str], root: Path | None = None) -> tuple[str, str] | None:
    """The first input (by path) that is missing or differs from its recorded hash."""
    for shown in sorted(inputs):
        path = paths.resolve(shown, root)
        if not path.is_file():
            return shown, "indatafilen finns inte längre i projektet"
        if sha256_file(path) != inputs[shown]:
            return shown, "indatafilen har ändrats sedan rapporten byggdes"
    return None


def recorded_parameters(found: dict[str, Any]) -> ParameterSet:
    """The parameter set as it was built: recorded values and build date, not today's file."""
    values = dict(found["parameters"])
    if found.get("build_date"):
        values["byggdatum"] = found["build_date"]
    return ParameterSet(
        source=paths.resolve(found.get("params_file", "")),
        reports=tuple(found["reports"]),
        formats=tuple(found.get("formats", ("html", "pdf"))),
        values=values,
    )


def environment_notes(found: dict[str, Any], renderer) -> list[str]:
    """Differences between the recorded tools and the ones at hand, in Swedish."""
    notes = []
    recorded_insyn = found.get("insyn", {}).get("fingerprint", "")
    if recorded_insyn and recorded_insyn != insyn_fingerprint():
        notes.append(
            f"Rapporten byggdes med insyn {recorded_insyn}, nu används {insyn_fingerprint()}."
        )
    recorded = found.get("renderer", {})
    if recorded and (recorded.get("name"), recorded.get("version")) != (
        renderer.name,
        renderer.version,
    ):
        notes.append(
            f"Rapporten renderades med {recorded.get('name')} {recorded.get('version')}, "
            f"nu används {renderer.name} {renderer.version}."
        )
    return notes


def compare_rebuilt(folder: Path, rebuilt: Path, found: dict[str, Any], result: Verification):
    """Each recorded output against the rebuilt one, in name order; the first difference wins."""
    for name in sorted(found["outputs"]):
        new = rebuilt / name
        if not new.is_file():
            return result.fail(name, "filen skapades inte när rapporten byggdes om")
        if sha256_file(new) != found["outputs"][name]:
            offset = first_difference((folder / name).read_bytes(), new.read_bytes())
            return result.fail(
                name, f"den ombyggda filen skiljer sig från den publicerade från byte {offset}"
            )
        result.checked.append(name)
    result.matches = True
    return result


def verify(manifest_path: Path, renderer=None) -> Verification:
    """Rebuilds the report that ``manifest_path`` describes and compares it, file by file."""
    folder, found = read_manifest(Path(manifest_path))
    result = Verification(folder=paths.relative_to_root(folder))
    problem = changed_output(folder, found["outputs"]) or changed_input(found["inputs"])
    if problem:
        return result.fail(*problem)
    from insyn import build, render  # only a rebuild needs the kernel and renderer

    renderer = renderer or render.detect_renderer()
    result.notes = environment_notes(found, renderer)
    rebuilt = Path(tempfile.mkdtemp(prefix="insyn-verifiera-"))
    try:
        build.run(recorded_parameters(found), rebuilt, renderer)
        return compare_rebuilt(folder, rebuilt, found, result)
    finally:
        shutil.rmtree(rebuilt, ignore_errors=True)
