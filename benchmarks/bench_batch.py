"""Batch builds on this machine, measured as ratios within one run.

    .venv/bin/python benchmarks/bench_batch.py [--sets 30] [--by-hand 6] [--dask-sets 300]

A temporary project links the repository's notebooks and example data and gets ``--sets``
generated parameter sets (kommuner "Bänkstad 01", "Bänkstad 02", … alternating the two example
kommuners' data and the two years). Then, in order:

1. ``--jobs 1`` and ``--jobs 2`` over all sets (each into a fresh ``_site``): the parallel speed-up;
   a sampler records the peak resident memory of every worker process, the kernel zygote and
   the kernels;
2. a no-op rebuild of the same sets in a fresh Python process (the skip check only): its time,
   how many builds and kernels it started and whether it imported papermill, pandas or pandera;
   and the same through the command line (``insyn build --all``);
3. a by-hand loop over ``--by-hand`` of the sets, the way one would script it without Insyn: the
   ``papermill`` command line, then a Python process that renders HTML and PDF with the same
   renderer — per report, against Insyn's per-report time at ``--jobs 1`` and ``--jobs 2``;
4. the Dask path on a ``LocalCluster`` (2 worker processes, 1 thread each): after a warm-up,
   ``--sets`` sets and then ``--dask-sets`` sets, time per report for each.

Results go to stdout and to ``benchmarks/results/batch.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil

from insyn import batch, build, paths, render
from insyn.build import BUILT, SKIPPED

ROOT = paths.project_root()
REPORT = "kontroll-och-uppfoljning"
BIN = Path(sys.executable).parent
EXAMPLES = [(data, year) for year in (2025, 2024) for data in ("exempelstad", "provkoping")]


def make_project(root: Path, count: int) -> list[Path]:
    """A project folder sharing the repository's notebooks and data, with ``count`` sets."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("notebooks", "data", "_quarto.yml"):
        if not (root / name).exists():
            (root / name).symlink_to(ROOT / name)
    files = []
    for number in range(1, count + 1):
        data, year = EXAMPLES[number % len(EXAMPLES)]
        path = root / "params" / f"bankstad-{number:03d}" / str(year) / "socialnamnden.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"rapporter: [{REPORT}]\nkommun: Bänkstad {number:03d}\nnämnd: Socialnämnden\n"
            f"år: {year}\ndatamapp: data/{data}\nbyggdatum: 2026-01-15\n",
            encoding="utf-8",
        )
        files.append(path)
    return files


class MemorySampler:
    """Peak RSS (MB) of this process's descendants, by role: multiprocessing's forkserver and
    its children, the pool's workers; the kernel zygote (shared by a local pool's workers, or
    one per worker on Dask) and its children, the kernels; anything else (pandoc) is a tool.
    Sampled once a second: at a higher rate the sampler's own work shows in the timings."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self.peak: dict[str, dict[int, float]] = defaultdict(dict)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.interval):
            commands = {}
            for process in me.children(recursive=True):
                try:
                    commands[process.pid] = (process, " ".join(process.cmdline()))
                except psutil.Error:
                    continue
            for pid, (process, command) in commands.items():
                try:
                    parent = process.ppid()
                    rss = process.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                role = self.role(command, commands.get(parent, (None, ""))[1])
                self.peak[role][pid] = max(self.peak[role].get(pid, 0.0), rss)

    @staticmethod
    def role(command: str, parent_command: str) -> str:
        if "insyn.kernels" in command:  # forked kernels keep the zygote's command line
            return "kernel" if "insyn.kernels" in parent_command else "zygote"
        if "forkserver" in command:
            return "worker" if "forkserver" in parent_command else "forkserver"
        return "tools"

    def summary(self) -> dict[str, float]:
        return {role: round(max(by_pid.values()), 1) for role, by_pid in self.peak.items()}


def timed_batch(files, site: Path, **options) -> tuple[float, list]:
    started = time.perf_counter()
    results = batch.build_many(files, site=site, **options)
    seconds = time.perf_counter() - started
    failed = [r for r in results if r.status not in (BUILT, SKIPPED)]
    if failed:
        raise SystemExit(f"build failed: {failed[0].params_file}: {failed[0].error}")
    return seconds, results


NOOP_PROBE = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from insyn import batch, build
calls = {"builds": 0, "pools": 0}
original_build, original_submit = build.build_one, batch.submit_all
def counted_build(*a, **k):
    calls["builds"] += 1
    return original_build(*a, **k)
def counted_submit(*a, **k):
    calls["pools"] += 1
    return original_submit(*a, **k)
build.build_one, batch.submit_all = counted_build, counted_submit
imported = time.perf_counter()
files = [Path(p) for p in json.loads(sys.argv[1])]
results = batch.build_many(files, site=Path(sys.argv[2]))
done = time.perf_counter()
heavy = ("papermill", "nbformat", "pandas", "pandera", "insyn.kernels", "jupyter_client")
print(json.dumps({
    "build_many_s": done - imported, "with_imports_s": done - started,
    "skipped": sum(r.status == "oförändrad" for r in results), "sets": len(results),
    "builds_started": calls["builds"], "pools_started": calls["pools"],
    "kernels_started": 0 if "insyn.kernels" not in sys.modules else None,
    "heavy_modules_imported": [m for m in heavy if m in sys.modules],
}))
"""


def noop(files, site: Path, root: Path) -> dict:
    env = {**os.environ, "INSYN_ROOT": str(root)}
    probe = subprocess.run(
        [sys.executable, "-c", NOOP_PROBE, json.dumps([str(f) for f in files]), str(site)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    measured = json.loads(probe.stdout)
    started = time.perf_counter()
    cli = subprocess.run(
        [str(BIN / "insyn"), "build", "--all"],
        capture_output=True,
        text=True,
        env={**env, "INSYN_SITE": str(site)},
    )
    measured["cli_total_s"] = time.perf_counter() - started
    measured["cli_exit_code"] = cli.returncode
    return measured


RENDER_BY_HAND = """
import sys
from pathlib import Path
from insyn import render
executed, title = Path(sys.argv[1]), sys.argv[2]
render.render(executed, executed.parent, stem=executed.stem, formats=("html", "pdf"),
              metadata={"title": title, "lang": "sv"}, renderer=render.detect_renderer())
"""


def by_hand(files, work: Path, root: Path, renderer_label: str) -> list[float]:
    """Seconds per report for a shell-style loop: papermill's CLI, then a render script."""
    env = {**os.environ, "INSYN_ROOT": str(root)}
    seconds = []
    for number, file in enumerate(files):
        values = dict(
            line.split(": ", 1) for line in file.read_text(encoding="utf-8").splitlines()[1:]
        )
        out = work / f"{number:03d}"
        out.mkdir(parents=True)
        executed = out / f"{REPORT}.ipynb"
        parameters = []
        for key in ("kommun", "nämnd", "år", "datamapp", "byggdatum"):
            parameters += ["-p", key, values[key]]
        year = values["år"]
        parameters += ["-p", "period_start", f"{year}-01-01", "-p", "period_slut", f"{year}-12-31"]
        parameters += ["-p", "renderare", renderer_label]
        started = time.perf_counter()
        notebook = ROOT / "notebooks" / f"{REPORT}.ipynb"
        options = ["--cwd", str(out), "--no-progress-bar", "--log-level", "WARNING"]
        subprocess.run(
            [str(BIN / "papermill"), str(notebook), str(executed), *parameters, *options],
            check=True,
            env=env,
            capture_output=True,
        )
        title = f"Rapport {values['kommun']} {year}"
        subprocess.run(
            [sys.executable, "-c", RENDER_BY_HAND, str(executed), title], check=True, env=env
        )
        seconds.append(time.perf_counter() - started)
        if not (out / f"{REPORT}.pdf").is_file():
            raise SystemExit("by-hand loop produced no PDF")
    return seconds


def dask_runs(root: Path, small: int, large: int, work: Path) -> dict:
    from distributed import LocalCluster

    measured = {}
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        warm = make_project(root, 2)
        timed_batch(warm, work / "dask-warm", scheduler=address)  # imports, zygotes
        for count in (small, large):
            files = make_project(root, count)
            seconds, results = timed_batch(files, work / f"dask-{count}", scheduler=address)
            measured[str(count)] = {
                "seconds": round(seconds, 1),
                "per_report_s": round(seconds / count, 3),
                "workers_used": len({r.worker for r in results}),
            }
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=30)
    parser.add_argument("--by-hand", type=int, default=6)
    parser.add_argument("--dask-sets", type=int, default=300, help="0 skips the Dask runs")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="insyn-bench-batch-"))
    root = work / "project"
    files = make_project(root, args.sets)
    os.environ["INSYN_ROOT"] = str(root)
    renderer = render.detect_renderer()
    print(f"{args.sets} parameter sets in {root}; renderer {build.renderer_label(renderer)}")

    with MemorySampler() as memory_1:
        sequential, results_1 = timed_batch(files, work / "jobs1", jobs=1, force=True)
    print(f"--jobs 1: {sequential:.1f} s")
    with MemorySampler() as memory_2:
        parallel, results = timed_batch(files, work / "jobs2", jobs=2, force=True)
    print(f"--jobs 2: {parallel:.1f} s")
    noop_measured = noop(files, work / "jobs2", root)
    print(f"no-op: {noop_measured}")
    hand = by_hand(files[: args.by_hand], work / "by-hand", root, build.renderer_label(renderer))
    hand_per_report = statistics.mean(hand)
    print(f"by hand: {hand_per_report:.2f} s per report ({len(hand)} reports)")
    dask = dask_runs(root, args.sets, args.dask_sets, work) if args.dask_sets else {}
    print(f"dask: {dask}")

    figures = {
        "machine": {"cores": os.cpu_count(), "load_average_at_end": os.getloadavg()},
        "sets": args.sets,
        "renderer": build.renderer_label(renderer),
        "jobs1_s": round(sequential, 1),
        "jobs2_s": round(parallel, 1),
        "speedup_jobs2_vs_jobs1": round(sequential / parallel, 2),
        "per_report_jobs1_s": round(sequential / args.sets, 2),
        # one set's own time, first sets (start-up) included: contention shows here
        "median_set_s_jobs1": round(statistics.median(r.seconds for r in results_1), 2),
        "median_set_s_jobs2": round(statistics.median(r.seconds for r in results), 2),
        "per_report_jobs2_s": round(parallel / args.sets, 2),
        "by_hand_per_report_s": round(hand_per_report, 2),
        "by_hand_reports": len(hand),
        "by_hand_vs_insyn_jobs1": round(hand_per_report / (sequential / args.sets), 2),
        "by_hand_vs_insyn_jobs2": round(hand_per_report / (parallel / args.sets), 2),
        "noop": noop_measured,
        "peak_rss_mb_jobs1": memory_1.summary(),
        "peak_rss_mb_jobs2": memory_2.summary(),
        "worker_ru_maxrss_mb": round(max(r.peak_memory_mb for r in results), 1),
        "dask": dask,
    }
    out = ROOT / "benchmarks" / "results" / "batch.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
