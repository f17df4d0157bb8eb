"""The build manifest: what went into a report and what came out, and the key that decides
whether it must be rebuilt.

The key is a hash over the notebook(s), the parameter values, every data file the reports read
(this year's and last year's, by content), Insyn itself (version and source) and the renderer
with its version. It is computed from file contents alone, without validating or executing
anything, so an unchanged report is recognised in milliseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from insyn import paths
from insyn.params import ParameterSet, slugify
from insyn.provenance import insyn_fingerprint
from insyn.reports import report_type

NAME = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_REMEMBERED: ContextVar[dict[Path, str] | None] = ContextVar("insyn_hashes", default=None)


@contextlib.contextmanager
def hashes_remembered() -> Iterator[None]:
    """Within the block each file is hashed once: a batch's sets share their data folders, and
    checking 30 sets would otherwise read the same files 30 times. Only for one check of a
    batch (files are not expected to change within it), never across builds."""
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def file_hash(path: Path) -> str:
    """``sha256_file``, remembered inside :func:`hashes_remembered`."""
    known = _REMEMBERED.get()
    if known is None:
        return sha256_file(path)
    if path not in known:
        known[path] = sha256_file(path)
    return known[path]


def input_files(ps: ParameterSet) -> dict[str, str]:
    """Every file the parameter set's reports read, relative to the root → sha256."""
    files: dict[Path, None] = {}
    for name in ps.reports:
        report = report_type(name)
        files[paths.notebook_path(name)] = None
        for year, tables, texts in (
            (ps.year, report.tables + report.optional_tables, report.texts),
            (ps.year - 1, report.previous_tables, ()),
        ):
            folder = paths.year_dir(ps.datamapp, year)
            for table in tables:
                found = paths.table_file(folder, table)
                if found:
                    files[found] = None
            for text in texts:
                path = paths.text_dir(ps.datamapp, year) / f"{text}.md"
                if path.is_file():
                    files[path] = None
    if ps.provider:  # the strategist's texts about this verksamhet
        texts = paths.text_dir(ps.datamapp, ps.year) / "utforare" / slugify(ps.provider)
        files.update(dict.fromkeys(sorted(texts.glob("*.md"))))
    if ps.logo:
        files[paths.resolve(ps.logo)] = None
    return {paths.relative_to_root(p): file_hash(p) for p in sorted(files)}


def build_key(ps: ParameterSet, inputs: Mapping[str, str], renderer: str) -> str:
    payload = {
        "parameters": ps.values,
        "reports": ps.reports,
        "formats": ps.formats,
        "inputs": dict(sorted(inputs.items())),
        "insyn": insyn_fingerprint(),
        "renderer": renderer,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def read(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(folder: Path, manifest: Mapping[str, Any]) -> Path:
    path = folder / NAME
    text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=2, default=str)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def is_current(folder: Path, key: str) -> bool:
    """True when ``folder`` holds a finished build with this key and all its outputs."""
    manifest = read(folder)
    if not manifest or manifest.get("key") != key:
        return False
    return not missing_outputs(folder, manifest)


def missing_outputs(folder: Path, manifest: Mapping[str, Any]) -> list[str]:
    """The outputs ``manifest`` lists that are not (any longer) in ``folder``."""
    return [name for name in manifest.get("outputs", {}) if not (folder / name).is_file()]


def changes(
    old: Mapping[str, Any], ps: ParameterSet, inputs: Mapping[str, str], renderer: str
) -> list[str]:
    """Why the build recorded in ``old`` no longer matches, in Swedish, one reason per line
    (empty when every part of the key is the same). ``renderer`` as in :func:`build_key`."""
    reasons = []
    before = old.get("inputs", {})
    for path in sorted(before.keys() | inputs.keys()):
        if path not in before:
            reasons.append(f"ny fil: {path}")
        elif path not in inputs:
            reasons.append(f"filen finns inte längre: {path}")
        elif before[path] != inputs[path]:
            reasons.append(f"ändrad: {path}")
    now = json.loads(json.dumps(dict(ps.values), ensure_ascii=False, default=str))
    was = old.get("parameters", {})
    changed = sorted(k for k in now.keys() | was.keys() if now.get(k) != was.get(k))
    if changed:
        reasons.append("ändrade parametrar: " + ", ".join(changed))
    if list(old.get("reports", [])) != list(ps.reports):
        reasons.append("andra rapporter: " + ", ".join(ps.reports))
    if list(old.get("formats", [])) != list(ps.formats):
        reasons.append("andra format: " + ", ".join(ps.formats))
    if old.get("insyn", {}).get("fingerprint") != insyn_fingerprint():
        reasons.append(f"ny version av insyn ({insyn_fingerprint()})")
    recorded = old.get("renderer", {})
    if f"{recorded.get('name')} {recorded.get('version')}" != renderer:
        reasons.append(f"annan renderare ({renderer})")
    return reasons
