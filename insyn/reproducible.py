"""Same inputs, same bytes: what a build does so that its outputs can be rebuilt exactly.

Where the bytes of a report could vary, and what holds them still:

- the build date: one date per build, from ``byggdatum`` in the parameter set, else
  ``SOURCE_DATE_EPOCH``, else today (``insyn.provenance.build_date``); it is recorded in the
  manifest, and ``insyn verifiera`` rebuilds with the recorded date;
- the executed notebook: papermill and nbclient stamp it with start and end times, durations and
  the absolute paths of the run's private staging folder, and papermill gives the cell it injects
  a random id; :func:`normalise_notebook` removes the times, keeps paths relative to the project
  and names that cell ``injected-parameters``;
- figures: PNGs without software or time metadata (``insyn.figures.Chart``);
- manifests: keys sorted, inputs sorted by path.
"""

from __future__ import annotations

import json
from pathlib import Path

from insyn import paths

VOLATILE = ("start_time", "end_time", "duration")


def normalise_notebook(path: Path) -> None:
    """Rewrites an executed notebook without run times and with paths relative to the project,
    in nbformat's own layout (one-space indent, sorted keys)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    run = notebook.get("metadata", {}).get("papermill", {})
    for key in VOLATILE:
        run.pop(key, None)
    if run.get("input_path"):
        run["input_path"] = paths.relative_to_root(Path(run["input_path"]))
    if run.get("output_path"):
        run["output_path"] = Path(run["output_path"]).name
    for cell in notebook.get("cells", []):
        metadata = cell.get("metadata", {})
        if "injected-parameters" in metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        metadata.pop("execution", None)  # nbclient's iopub timestamps
        for key in VOLATILE:
            metadata.get("papermill", {}).pop(key, None)
    text = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def first_difference(a: bytes, b: bytes) -> int | None:
    """The offset of the first byte where ``a`` and ``b`` differ; None when they are equal."""
    if a == b:
        return None
    for offset, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return offset
    return min(len(a), len(b))
