"""One build: a parameter set's reports, from checked inputs to published HTML and PDF.

    params ─► inputs validated (all problems at once) ─► skip if unchanged
           ─► papermill in a fresh kernel ─► render ─► manifest ─► atomic publish

Nothing is written to the report's folder until every report of the parameter set has executed
and rendered; a failure leaves the previous good build in place.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from insyn import manifest, paths, publish
from insyn.errors import InsynError
from insyn.params import ParameterSet, expand, load_params
from insyn.provenance import build_date, insyn_version
from insyn.reports import report_type

BUILT, SKIPPED, FAILED = "byggd", "oförändrad", "misslyckad"


@dataclass
class BuildResult:
    """What happened to one parameter set (picklable: batch workers return it)."""

    params_file: str
    status: str
    slug: str = ""
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""
    exit_code: int = 0
    log: str = ""
    warnings: list[str] = field(default_factory=list)
    worker: str = ""  # host:pid of the batch worker that built it ("" when built in-process)
    peak_memory_mb: float = 0.0  # that worker's peak resident memory so far


def renderer_label(renderer) -> str:
    """The renderer as it enters the build key: name and version."""
    return f"{renderer.name} {renderer.version}"


def build_state(ps: ParameterSet, site: Path, renderer) -> tuple[Path, dict[str, str], str]:
    """Where ``ps``'s reports are published, the files they read (→ SHA-256) and their build key.
    Content hashes only: no validation, no kernel."""
    inputs = manifest.input_files(ps)
    return ps.output_dir(site), inputs, manifest.build_key(ps, inputs, renderer_label(renderer))


def check_inputs(ps: ParameterSet) -> list[str]:
    """Validates every table and text the reports need, this year and last (``insyn.check``,
    the same as ``insyn kontrollera``); raises DataError with every problem of every report at
    once. Returns the warnings, described in Swedish."""
    from insyn import check
    from insyn.errors import DataError

    problems = check.problems_of(ps)
    errors = [p for p in problems if p.severity == "fel"]
    if errors:
        raise DataError(check.shorten(errors))
    return [w.describe() for w in problems if w.severity != "fel"]


def render_metadata(ps: ParameterSet, report: str, key: str = "") -> dict[str, str]:
    """Title block values for the renderer, from the parameter set; ``key`` is the build key
    recorded in the manifest (shown as "Underlag" in the report's colophon)."""
    values = ps.values
    meta = {
        "title": f"{report_type(report).title} {ps.year}",
        "subtitle": ps.provider or "",  # per-provider documents name the verksamhet
        "date": build_date(values.get("byggdatum") or None).isoformat(),
        "lang": "sv",
        "kommun": ps.kommun,
        "namnd": ps.namnd,
        "year": str(ps.year),
    }
    if values.get("diarienummer"):
        meta["diarienummer"] = str(values["diarienummer"])
    if ps.logo:
        meta["logo"] = str(paths.resolve(ps.logo))
    if key:
        meta["underlag"] = key[:16]
    return meta


def run(
    ps: ParameterSet, staging: Path, renderer, key: str = "", side_by_side: bool = True
) -> dict[str, str]:
    """Executes and renders every report of ``ps`` into ``staging``; returns output hashes.
    ``side_by_side``: HTML and PDF are rendered at the same time (see ``insyn.render``)."""
    from insyn import render
    from insyn.execute import run_notebook
    from insyn.load import sha256_file
    from insyn.reproducible import normalise_notebook

    built_on = build_date(ps.values.get("byggdatum") or None)
    for report in ps.reports:
        parameters = ps.notebook_parameters(report)
        parameters["byggdatum"] = built_on.isoformat()
        parameters["renderare"] = f"{renderer.name} ({renderer.version})"
        parameters = dict(sorted(parameters.items()))  # injected in an order the YAML can't move
        executed = staging / f"{report}.ipynb"
        run_notebook(paths.notebook_path(report), executed, parameters, cwd=staging)
        normalise_notebook(executed)  # no run times or staging paths: same inputs, same bytes
        render.render(
            executed,
            staging,
            stem=report,
            formats=ps.formats,
            metadata=render_metadata(ps, report, key),
            renderer=renderer,
            side_by_side=side_by_side,
        )
    return {p.name: sha256_file(p) for p in sorted(staging.iterdir()) if p.is_file()}


def build_file(params_file: str | Path, **options) -> list[BuildResult]:
    """Builds every unit of one parameter file: the set itself, or one per verksamhet when it
    names an ``utförare`` (``insyn.params.expand``). A file that cannot be read or expanded
    gives one failed result and writes nothing."""
    started = time.perf_counter()
    try:
        units = expand(load_params(Path(params_file)))
    except InsynError as exc:
        shown = paths.relative_to_root(paths.resolve(params_file))
        return [
            BuildResult(
                params_file=shown,
                status=FAILED,
                error=str(exc),
                exit_code=exc.exit_code,
                seconds=time.perf_counter() - started,
            )
        ]
    return [build_one(ps, **options) for ps in units]


def single_unit(params_file: Path) -> ParameterSet:
    """The one build unit of a file; a file meaning several (``utförare: alla``) is built with
    :func:`build_file`."""
    units = expand(load_params(params_file))
    if len(units) != 1:
        from insyn.errors import ParameterError, Problem

        raise ParameterError(
            Problem(
                f"parameterfilen ger {len(units)} byggen, ett per verksamhet",
                file=paths.relative_to_root(params_file),
                key="utförare",
                hint="bygg den med 'insyn build' (build.build_file)",
            )
        )
    return units[0]


def build_one(
    params_file: str | Path | ParameterSet,
    *,
    force: bool = False,
    site: Path | None = None,
    renderer=None,
    side_by_side: bool = True,
) -> BuildResult:
    """Builds one parameter set (a file, or one unit of :func:`build_file`). Never raises for a
    user error: the result says what failed. ``side_by_side`` renders HTML and PDF at the same
    time; a batch worker, one of as many as there are cores, renders them in turn."""
    from insyn import kernels, render

    started = time.perf_counter()
    given = params_file.source if isinstance(params_file, ParameterSet) else params_file
    shown = paths.relative_to_root(paths.resolve(given))
    site = site or paths.site_dir()
    result = BuildResult(params_file=shown, status=FAILED)
    staging = None
    try:
        ps = params_file if isinstance(params_file, ParameterSet) else single_unit(Path(given))
        result.slug = ps.slug
        renderer = renderer or render.detect_renderer()
        target, inputs, key = build_state(ps, site, renderer)
        if not force and manifest.is_current(target, key):
            result.status = SKIPPED
            result.outputs = sorted(manifest.read(target)["outputs"])
            return result
        result.warnings = check_inputs(ps)  # bad inputs stop here, before any process starts
        kernels.warm_up()  # the kernel zygote imports its libraries while the build goes on
        staging = publish.staging_dir(site, ps.slug.replace("/", "_"))
        outputs = run(ps, staging, renderer, key, side_by_side)
        manifest.write(
            staging,
            {
                "key": key,
                "params_file": shown,
                "parameters": ps.values,
                "reports": list(ps.reports),
                "formats": list(ps.formats),
                "inputs": inputs,
                "outputs": outputs,
                "insyn": {"version": insyn_version(), "fingerprint": manifest.insyn_fingerprint()},
                "renderer": {"name": renderer.name, "version": renderer.version},
                "build_date": build_date(ps.values.get("byggdatum") or None).isoformat(),
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                **({"utförare": ps.provider} if ps.provider else {}),
                **({"logo": ps.logo} if ps.logo else {}),
            },
        )
        publish.publish(staging, target)
        staging = None
        result.status = BUILT
        result.outputs = sorted([*outputs, manifest.NAME])
    except InsynError as exc:
        result.error = str(exc)
        result.exit_code = exc.exit_code
        result.log = getattr(exc, "log", "") or ""
        if result.log and staging is not None:
            result.log = keep_log(staging, site, result.slug)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        result.seconds = time.perf_counter() - started
    return result


def keep_log(staging: Path, site: Path, slug: str) -> str:
    """Moves a failed run's executed notebooks to ``_site/.logs/<slug>/`` for reading."""
    target = site / ".logs" / slug.replace("/", "_")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    for notebook in staging.glob("*.ipynb"):
        shutil.copy2(notebook, target / notebook.name)
    return str(target)


def default_jobs() -> int:
    return os.cpu_count() or 1
