"""Many parameter sets at once: skip what is up to date, build the rest in parallel.

    lock ─► recover ─► check every set in this process (content hashes only)
         ─► submit the rest to an Executor ─► results ─► failure logs, status file, index page

This process never imports papermill, pandas or pandera and never starts a kernel for a set
whose inputs are unchanged, so a batch with nothing to do finishes in a fraction of a second.
The building happens in long-lived workers: each imports the libraries once and keeps its own
kernel zygote (``insyn.kernels``) for every report it builds — every report still gets a fresh
kernel. Any ``concurrent.futures.Executor`` will do: a local ``ProcessPoolExecutor`` started with
*forkserver* (a plain fork of this threaded process is unsafe) by default, or
``distributed.Client(address).get_executor()`` for a Dask cluster.

At most one set per worker is in flight, so "running" in the progress display is the truth and a
dead worker takes few sets with it. When a local worker dies (killed, out of memory), the sets it
and its pool were running fail with a Swedish message, the pool is replaced and the batch goes
on; nothing half-built is ever published (``insyn.publish``), and the next run builds what is
missing.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import re
import resource
import shutil
import socket
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from insyn import build, manifest, paths, publish
from insyn.build import FAILED, SKIPPED, BuildResult
from insyn.errors import InputError, ParameterError, Problem
from insyn.params import ParameterSet, expand, load_params
from insyn.reports import REPORT_TYPES

CURRENT, STALE, NEW, INVALID = "aktuell", "behöver byggas", "inte byggd", "kan inte byggas"
LOGS = ".logs"
WORKER_DIED = (
    "Arbetsprocessen som byggde rapporten avslutades oväntat ({reason}). Ingenting har "
    "publicerats för den; kör bygget igen."
)


@dataclass(frozen=True)
class State:
    """Where one build unit stands (a parameter set, or one verksamhet of a per-provider set):
    its status and, when it is not current, why. ``unit`` is None when the file is unusable."""

    params_file: Path
    shown: str
    status: str
    slug: str = ""
    reasons: tuple[str, ...] = ()
    exit_code: int = 0
    unit: ParameterSet | None = None

    @property
    def label(self) -> str:
        """What a person recognises it by: its report folder, else its parameter file."""
        return self.slug or self.shown


class Monitor:
    """What a batch tells whoever watches it; this one listens and says nothing."""

    def planned(self, total: int) -> None:
        """``total`` parameter sets will be reported, each once, through :meth:`finished`."""

    def started(self, state: State) -> None:
        """A worker has begun building ``state``'s reports."""

    def finished(self, result: BuildResult) -> None:
        """One parameter set is done: built, skipped or failed."""


# -- what needs building ---------------------------------------------------------------------
def check(params_file: str | os.PathLike, site: Path, renderer) -> list[State]:
    """The state of each build unit of one parameter file, from file contents alone (no
    validation, no kernel); one INVALID state when the file cannot be read or expanded."""
    path = paths.resolve(params_file)
    shown = paths.relative_to_root(path)
    try:
        units = units_of(load_params(path))
    except InputError as exc:
        return [State(path, shown, INVALID, reasons=(str(exc),), exit_code=exc.exit_code)]
    return [unit_state(ps, path, shown, site, renderer) for ps in units]


def unit_state(ps: ParameterSet, path: Path, shown: str, site: Path, renderer) -> State:
    target, inputs, key = build.build_state(ps, site, renderer)
    old = manifest.read(target)
    if old is None:
        return State(path, shown, NEW, ps.slug, unit=ps)
    if manifest.is_current(target, key):
        return State(path, shown, CURRENT, ps.slug, unit=ps)
    reasons = manifest.changes(old, ps, inputs, build.renderer_label(renderer))
    reasons += [f"saknas: {name}" for name in manifest.missing_outputs(target, old)]
    reasons = tuple(reasons or ["byggnyckeln har ändrats"])
    return State(path, shown, STALE, ps.slug, reasons, unit=ps)


def units_of(ps: ParameterSet) -> list[ParameterSet]:
    """``params.expand(ps)``, remembered by content (``insyn.cache``). Expanding a per-provider
    set reads and validates the year's register with pandas and pandera, which a batch that
    has nothing to do must not pay for; the key covers every file of that year's folder."""
    if not (ps.provider or any(REPORT_TYPES[r].per_provider for r in ps.reports)):
        return [ps]
    from insyn import cache

    folder = paths.year_dir(ps.datamapp, ps.year)
    files = {str(p): manifest.file_hash(p) for p in sorted(folder.rglob("*")) if p.is_file()}
    request = {"expand": str(ps.source), "values": ps.values, "reports": ps.reports}
    digest = cache.key(files, request)
    units = cache.get(digest)
    if units is None:
        units = expand(ps)
        cache.put(digest, units)
    return units


def check_all(files: Iterable[str | os.PathLike], site: Path, renderer) -> list[State]:
    """Every unit's state; units of different files that would publish to the same folder are
    all invalid."""
    with manifest.hashes_remembered():  # sets share data folders: each file is read once
        states = [state for f in files for state in check(f, site, renderer)]
    owners: dict[str, list[str]] = {}
    for state in states:
        if state.slug:
            owners.setdefault(state.slug, []).append(state.shown)
    checked = []
    for state in states:
        others = [s for s in owners.get(state.slug, []) if s != state.shown]
        if others:
            error = ParameterError(
                Problem(
                    f"samma kommun, år och nämnd som {', '.join(others)}: båda skulle skriva "
                    f"till {state.slug}",
                    file=state.shown,
                    hint="ta bort den ena filen eller ändra kommun, år eller nämnd",
                )
            )
            state = State(state.params_file, state.shown, INVALID, state.slug, (str(error),), 2)
        checked.append(state)
    return checked


def detect_renderer():
    from insyn import render

    return render.detect_renderer()


# -- the batch ---------------------------------------------------------------------------------
def build_many(
    files: Sequence[str | os.PathLike],
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    site: Path | None = None,
    renderer=None,
    monitor: Monitor | None = None,
) -> list[BuildResult]:
    """Builds every parameter set in ``files`` that is not up to date (all with ``force``), on
    ``jobs`` local worker processes (default: the number of cores) or on the Dask cluster at
    ``scheduler`` (``tcp://host:8786``). Returns one result per file, in order.

    Holds the output tree's lock throughout (a second batch gets BuildLockedError at once),
    cleans up after killed runs first and writes the failure logs, the status file and the
    reviewers' index page (``_site/index.html``) at the end.
    """
    from insyn import site as site_index

    site = site or paths.site_dir()
    monitor = monitor or Monitor()
    with publish.exclusive(site):
        publish.recover(site)
        renderer = renderer or detect_renderer()
        states = check_all(files, site, renderer)
        monitor.planned(len(states))
        results: dict[int, BuildResult] = {}
        todo: list[int] = []
        for index, state in enumerate(states):
            if state.status == INVALID:
                results[index] = BuildResult(
                    state.shown,
                    FAILED,
                    slug=state.slug,
                    error=state.reasons[0],
                    exit_code=state.exit_code,
                )
            elif state.status == CURRENT and not force:
                results[index] = skipped(state, site)
            else:
                todo.append(index)
                continue
            monitor.finished(results[index])
        if todo:
            tasks = [(i, states[i]) for i in todo]
            results.update(run_tasks(tasks, site, renderer, jobs, scheduler, monitor))
        ordered = [results[i] for i in range(len(states))]
        for result in ordered:
            if result.status == FAILED:
                result.log = write_failure_log(site, result)
            elif result.status == build.BUILT:  # an earlier failure's log is history now
                shutil.rmtree(log_dir(site, result), ignore_errors=True)
        publish.recover(site)  # staging folders of workers that died mid-report
        site_index.record(site, ordered)
        site_index.write_index(site)
    return ordered


def skipped(state: State, site: Path) -> BuildResult:
    recorded = manifest.read(site / state.slug) or {}
    outputs = sorted(recorded.get("outputs", {}))
    return BuildResult(state.shown, SKIPPED, slug=state.slug, outputs=outputs)


def exit_code(results: Iterable[BuildResult]) -> int:
    """0 when nothing failed, 2 when every failure is an input error, 1 otherwise."""
    codes = {r.exit_code or 1 for r in results if r.status == FAILED}
    if not codes:
        return 0
    return 2 if codes == {2} else 1


def run_tasks(
    tasks: list[tuple[int, State]],
    site: Path,
    renderer,
    jobs: int | None,
    scheduler: str | None,
    monitor: Monitor,
) -> dict[int, BuildResult]:
    """Builds ``tasks`` (index, state) on the chosen executor; results by index."""
    if scheduler:
        with dask_executor(scheduler) as (executor, slots):
            return submit_all(lambda: executor, slots, tasks, site, renderer, monitor)
    cores = jobs or build.default_jobs()
    jobs = max(1, min(cores, len(tasks)))
    if len(tasks) == 1:  # one set: a worker process would only add its start-up
        index, state = tasks[0]
        monitor.started(state)
        future: Future = Future()
        try:
            # with a second core of its own, the set renders HTML and PDF side by side
            built = build.build_one(
                state.unit, force=True, site=site, renderer=renderer, side_by_side=cores > 1
            )
            future.set_result(built)
        except Exception as exc:  # a bug, not a user error: reported like a worker's
            future.set_exception(exc)
        result = outcome(future, state)
        monitor.finished(result)
        return {index: result}
    from insyn import kernels

    with kernels.shared_zygote() as zygote:  # importing while the pool starts
        pool = functools.partial(local_executor, jobs, zygote)
        return submit_all(pool, jobs, tasks, site, renderer, monitor)


def submit_all(
    make_executor: Callable[[], Executor],
    slots: int,
    tasks: list[tuple[int, State]],
    site: Path,
    renderer,
    monitor: Monitor,
) -> dict[int, BuildResult]:
    """Keeps ``slots`` sets in flight until all are done. A broken local pool (a worker died)
    fails the sets it was running and is replaced for the rest."""
    queue = deque(tasks)
    results: dict[int, BuildResult] = {}
    executor = make_executor()
    running: dict[Future, tuple[int, State]] = {}
    root = str(paths.project_root())
    try:
        while queue or running:
            while queue and len(running) < slots:
                index, state = queue.popleft()
                future = executor.submit(build_in_worker, state.unit, str(site), root, renderer)
                running[future] = (index, state)
                monitor.started(state)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                index, state = running.pop(future)
                results[index] = outcome(future, state)
                broken |= isinstance(future.exception(), BrokenProcessPool)
                monitor.finished(results[index])
            if broken:
                wait(running)  # the whole pool is gone: its other sets fail too
                for future, (index, state) in running.items():
                    results[index] = outcome(future, state)
                    monitor.finished(results[index])
                running.clear()
                executor.shutdown(wait=True)
                executor = make_executor()
    finally:
        executor.shutdown(wait=True)
    return results


def outcome(future: Future, state: State) -> BuildResult:
    """A worker's result, or a failed one saying why the worker gave none."""
    error = future.exception()
    if error is None:
        return future.result()
    if isinstance(error, BrokenProcessPool) or type(error).__name__ == "KilledWorker":
        message = WORKER_DIED.format(reason=type(error).__name__)
    else:
        detail = "".join(traceback.format_exception(error)).strip()
        message = f"Oväntat fel i Insyn ({type(error).__name__}: {error}).\n{detail}"
    return BuildResult(state.shown, FAILED, slug=state.slug, error=message, exit_code=1)


def write_failure_log(site: Path, result: BuildResult) -> str:
    """Writes the failure's message to ``_site/.logs/<set>/fel.txt``; returns its path.

    For a notebook that stopped, the same folder holds the executed notebook (``build.keep_log``).
    """
    folder = log_dir(site, result)
    lines = [f"Parameterfil: {result.params_file}", "", result.error]
    notebooks = sorted(p.name for p in folder.glob("*.ipynb")) if result.log else []
    if notebooks:
        lines += ["", "Den körda notebooken finns i samma mapp: " + ", ".join(notebooks)]
    log = folder / "fel.txt"
    publish.write_text(log, "\n".join(lines) + "\n")
    return str(log)


def log_dir(site: Path, result: BuildResult) -> Path:
    """``_site/.logs/<kommun>_<år>_<nämnd>/`` (by parameter file when it could not be read)."""
    name = result.slug.replace("/", "_") or re.sub(r"[^\w.-]+", "_", result.params_file)
    return site / LOGS / name


# -- executors ---------------------------------------------------------------------------------
# What a worker needs to validate, execute and render (none of these start threads on import).
WORKER_PRELOAD = (
    "insyn.batch",
    "insyn.build",
    "insyn.execute",
    "insyn.check",
    "insyn.render.pdf",
    "insyn.render.html",
    "insyn.sanitize",
    "insyn.reproducible",
    "papermill",
    "jupyter_client.asynchronous",
)


def local_executor(jobs: int, zygote: str | None = None) -> ProcessPoolExecutor:
    """``jobs`` long-lived worker processes, forked from a clean forkserver, forking their
    kernels through the shared zygote at ``zygote`` (``insyn.kernels.shared_zygote``)."""
    context = multiprocessing.get_context("forkserver")
    # Imported once in the forkserver (≈ 1.3 s, while the kernel zygote imports its own), so
    # every worker starts with them instead of importing them once each (copy-on-write).
    context.set_forkserver_preload(list(WORKER_PRELOAD))
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=start_worker,
        initargs=(str(paths.project_root()), os.getpid(), zygote),
    )


@contextlib.contextmanager
def dask_executor(address: str) -> Iterator[tuple[Executor, int]]:
    """An executor on the Dask cluster at ``address`` and how many sets it runs at once."""
    from distributed import Client

    from insyn.errors import InsynError

    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise InsynError(f"Kunde inte ansluta till Dask-schemaläggaren {address}: {exc}") from None
    try:
        slots = max(1, sum(client.nthreads().values()))
        yield client.get_executor(pure=False), slots
    finally:
        client.close()


# -- in a worker -------------------------------------------------------------------------------
def start_worker(root: str, batch_pid: int, zygote: str | None = None) -> None:
    """Runs once in each local worker: kernels come from the batch's shared zygote (or this
    worker's own, which starts importing at once), and the worker ends itself when the batch
    process is gone (no orphan goes on building)."""
    from insyn import kernels

    os.environ["INSYN_ROOT"] = root
    watch_batch(batch_pid)
    kernels.use_zygote(zygote)
    kernels.warm_up()


def watch_batch(pid: int, interval: float = 0.5) -> None:
    """Ends this worker soon after process ``pid`` has gone. (Its parent is the forkserver,
    which itself lives as long as any worker does, so the parent cannot be watched.)"""

    def poll() -> None:
        while True:
            time.sleep(interval)
            try:
                os.kill(pid, 0)
            except (ProcessLookupError, PermissionError):  # gone, or its pid reused
                os._exit(1)  # the zygote sees its socket close and exits, its kernels with it

    threading.Thread(target=poll, name="insyn-batch-watch", daemon=True).start()


def build_in_worker(unit: ParameterSet, site: str, root: str, renderer) -> BuildResult:
    """One build unit in a worker, local or Dask; paths resolve against the caller's root."""
    os.environ["INSYN_ROOT"] = root
    # Every worker has a core's worth of the machine (--jobs): HTML and PDF are made in turn.
    result = build.build_one(
        unit, force=True, site=Path(site), renderer=renderer, side_by_side=False
    )
    result.worker = f"{socket.gethostname()}:{os.getpid()}"
    result.peak_memory_mb = peak_memory_mb()
    return result


def peak_memory_mb() -> float:
    """This process's peak resident memory in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
