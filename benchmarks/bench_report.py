"""Time one report (validate + execute + HTML + PDF) against its floor, as a ratio in one run.

Floor = starting and stopping a bare kernel through the same execution path (an empty notebook,
no preloaded libraries, forked from Insyn's kernel zygote like a report's kernel) + rendering a
trivial executed notebook to HTML and PDF. Both are measured warm (after one untimed round),
repeated, and the median is used. For context it also times a kernel launched the ordinary way
(what papermill does by itself) and gives the ratio against that floor, and it renders the report's
own executed notebook again and runs its cells in this process without a kernel: the floor plus
those two beyond it is what a report would cost with no time spent between kernel and client
(``bound_ratio``, a lower bound for the ratio). Results go to stdout and
to ``benchmarks/results/report.json``.

    .venv/bin/python benchmarks/bench_report.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from insyn import build, paths, render
from insyn.execute import kernel_manager

ROOT = paths.project_root()
PARAMS = ROOT / "params" / "exempelstad" / "2025" / "socialnamnden.yml"


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def bare_kernel(workdir: Path, fork: bool | None = None) -> None:
    """Kernel start + a trivial cell + shutdown, through papermill like a report. ``fork``
    False launches the kernel as papermill would by itself (a new ``ipykernel`` process)."""
    import papermill
    from jupyter_core.utils import run_sync

    source = workdir / "empty.ipynb"
    notebook = new_notebook(cells=[new_code_cell("1")])
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    nbformat.write(notebook, source)
    km = kernel_manager(preload=False, fork=fork)
    run_sync(km.start_kernel)(cwd=str(workdir))
    try:
        papermill.execute_notebook(
            str(source),
            str(workdir / "out.ipynb"),
            kernel_name="python3",
            km=km,
            progress_bar=False,
        )
    finally:
        run_sync(km.shutdown_kernel)(now=True)


def trivial_render(workdir: Path, renderer) -> None:
    notebook = new_notebook(
        cells=[
            new_raw_cell('---\ntitle: "Test"\nlang: sv\n---'),
            new_markdown_cell("## Rubrik\n\nEn mening."),
        ]
    )
    source = workdir / "trivial.ipynb"
    nbformat.write(notebook, source)
    render.render(source, workdir, stem="trivial", formats=("html", "pdf"), renderer=renderer)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    renderer = render.detect_renderer()
    site = Path(tempfile.mkdtemp(prefix="insyn-bench-"))
    work = Path(tempfile.mkdtemp(prefix="insyn-floor-"))

    def floor_kernel() -> float:
        return timed(lambda: bare_kernel(work))

    def launched_kernel() -> float:
        return timed(lambda: bare_kernel(work, fork=False))

    def floor_render() -> float:
        return timed(lambda: trivial_render(work, renderer))

    def report() -> float:
        result = build.build_one(PARAMS, force=True, site=site, renderer=renderer)
        assert result.status == build.BUILT, result.error
        return result.seconds

    def cells_alone(executed: Path) -> Callable[[], float]:
        """A timer for the report's code cells (parameters included) run in an IPython shell in
        this process: their own work and the formatting of what they show, without kernel
        messages. One untimed run first warms imports and caches, as the kernel zygote does."""
        from IPython.core.interactiveshell import InteractiveShell

        cells = [c.source for c in nbformat.read(executed, 4).cells if c.cell_type == "code"]
        shell = InteractiveShell.instance()

        def run_all() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                for cell in cells:
                    shell.run_cell(cell, store_history=False)

        run_all()
        return lambda: timed(run_all)

    def report_render(executed: Path) -> float:
        """Rendering the report's executed notebook again, HTML and PDF, as a build does."""
        out = work / "report-render"
        return timed(lambda: render.render(executed, out, stem="r", renderer=renderer))

    floor_kernel(), floor_render(), report()  # warm-up: imports, font caches
    kernels = [floor_kernel() for _ in range(args.repeat)]
    launched = [launched_kernel() for _ in range(args.repeat)]
    renders = [floor_render() for _ in range(args.repeat)]
    reports = [report() for _ in range(args.repeat)]
    (executed,) = site.glob("**/kontroll-och-uppfoljning.ipynb")
    own_renders = [report_render(executed) for _ in range(args.repeat)]
    floor = statistics.median(kernels) + statistics.median(renders)
    one = statistics.median(reports)
    cells_timer = cells_alone(executed)  # last: it sets up IPython in this process
    cells = statistics.median(cells_timer() for _ in range(args.repeat))
    bound = floor + cells + statistics.median(own_renders) - statistics.median(renders)
    results = {
        "renderer": f"{renderer.name} {renderer.version}",
        "repeat": args.repeat,
        "floor_kernel_s": round(statistics.median(kernels), 3),
        "floor_render_s": round(statistics.median(renders), 3),
        "floor_s": round(floor, 3),
        "report_s": round(one, 3),
        "ratio": round(one / floor, 2),
        "goal_ratio": 1.5,
        # the report's own HTML + PDF and its cells' own work: the ratio with no messaging cost
        "report_render_s": round(statistics.median(own_renders), 3),
        "cells_alone_s": round(cells, 3),
        "bound_ratio": round(bound / floor, 2),
        # for context: the floor with a kernel launched the ordinary way (no zygote)
        "launched_kernel_s": round(statistics.median(launched), 3),
        "ratio_vs_launched_floor": round(
            one / (statistics.median(launched) + statistics.median(renders)), 2
        ),
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:16} {value}")


if __name__ == "__main__":
    main()
