"""insyn.batch: many parameter sets, incremental, isolated, on a process pool or a Dask cluster.

The end-to-end tests share one small project in a temporary folder (the notebook, two example
kommuner and one whose data is broken), built once by the module fixture; each later test changes
one thing and looks at what the batch decides or does. Real builds are kept few: each costs a
few seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from insyn import batch, manifest, publish
from insyn.build import BUILT, FAILED, SKIPPED, BuildResult
from insyn.errors import BuildLockedError

ROOT = Path(__file__).resolve().parents[1]
REPORT = "kontroll-och-uppfoljning"
GOOD = ("exempelstad", "provkoping")
BROKEN = "trasigstad"


def write_params(root: Path, slug: str, kommun: str, year: int = 2025) -> Path:
    path = root / "params" / slug / str(year) / "socialnamnden.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"rapporter: [{REPORT}]\nkommun: {kommun}\nnämnd: Socialnämnden\når: {year}\n"
        f"datamapp: data/{slug}\nbyggdatum: 2026-01-15\n",
        encoding="utf-8",
    )
    return path


def make_project(root: Path) -> list[Path]:
    """Two good kommuner and one whose placeringar.csv has a date that is not a date."""
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copy(ROOT / "_quarto.yml", root / "_quarto.yml")
    files = []
    for slug, kommun in zip(GOOD, ("Exempelstad", "Provköping"), strict=True):
        shutil.copytree(ROOT / "data" / slug, root / "data" / slug)
        files.append(write_params(root, slug, kommun))
    shutil.copytree(ROOT / "data" / "exempelstad", root / "data" / BROKEN)
    placements = root / "data" / BROKEN / "2025" / "placeringar.csv"
    lines = placements.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("2025-01-06", "2025-02-30")  # a day that does not exist
    placements.write_text("".join(lines), encoding="utf-8")
    files.append(write_params(root, BROKEN, "Trasigstad"))
    return files


@dataclass
class Project:
    root: Path
    site: Path
    files: list[Path]
    results: list[BuildResult]

    def params(self, slug: str) -> Path:
        return self.root / "params" / slug / "2025" / "socialnamnden.yml"

    def states(self, renderer=None) -> dict[str, batch.State]:
        renderer = renderer or batch.detect_renderer()
        return {s.slug.split("/")[0]: s for s in batch.check_all(self.files, self.site, renderer)}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("projekt")
    files = make_project(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSYN_ROOT", str(root))
        patch.delenv("INSYN_SITE", raising=False)
        site = root / "_site"
        results = batch.build_many(files, jobs=2, site=site)
        yield Project(root, site, files, results)


@pytest.fixture()
def unbuilt(tmp_path, monkeypatch) -> Project:
    """The same project, never built (for tests that build nothing)."""
    files = make_project(tmp_path)
    monkeypatch.setenv("INSYN_ROOT", str(tmp_path))
    monkeypatch.delenv("INSYN_SITE", raising=False)
    return Project(tmp_path, tmp_path / "_site", files, [])


def run_cli(project: Project, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "INSYN_ROOT": str(project.root), "COLUMNS": "250"}
    env.pop("INSYN_SITE", None)
    command = [str(Path(sys.executable).with_name("insyn")), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def is_complete(folder: Path) -> bool:
    """A published report folder: a manifest whose every output is there with its hash."""
    recorded = manifest.read(folder)
    if not recorded:
        return False
    return all(
        (folder / name).is_file() and manifest.sha256_file(folder / name) == digest
        for name, digest in recorded["outputs"].items()
    )


# -- without building ------------------------------------------------------------------------
def test_exit_code_is_2_only_when_every_failure_is_an_input_error():
    def result(status, code=0):
        return BuildResult("p.yml", status, exit_code=code)

    assert batch.exit_code([result(BUILT), result(SKIPPED)]) == 0
    assert batch.exit_code([result(BUILT), result(FAILED, 2), result(FAILED, 2)]) == 2
    assert batch.exit_code([result(FAILED, 2), result(FAILED, 1)]) == 1
    assert batch.exit_code([result(FAILED)]) == 1


def test_new_invalid_and_duplicate_sets_are_told_apart(unbuilt):
    (unbuilt.root / "params" / "fel.yml").write_text("kommun: X\når: tjugo\n", encoding="utf-8")
    twin = unbuilt.root / "params" / "tvilling.yml"
    shutil.copy(unbuilt.params("provkoping"), twin)
    files = [*unbuilt.files, unbuilt.root / "params" / "fel.yml", twin]
    states = {s.shown: s for s in batch.check_all(files, unbuilt.site, batch.detect_renderer())}
    assert states["params/exempelstad/2025/socialnamnden.yml"].status == batch.NEW
    invalid = states["params/fel.yml"]
    assert (invalid.status, invalid.exit_code) == (batch.INVALID, 2)
    assert "parametern 'år' ska vara ett heltal" in invalid.reasons[0]
    for shown in ("params/provkoping/2025/socialnamnden.yml", "params/tvilling.yml"):
        assert states[shown].status == batch.INVALID
        assert "provkoping/2025/socialnamnden" in states[shown].reasons[0]


def test_a_second_batch_on_the_same_tree_is_refused(unbuilt):
    with publish.exclusive(unbuilt.site):
        with pytest.raises(BuildLockedError, match="En annan körning pågår"):
            batch.build_many(unbuilt.files, site=unbuilt.site)
        done = run_cli(unbuilt, "build", "--all")
    assert done.returncode == 1
    assert "En annan körning pågår redan" in done.stderr
    assert not (unbuilt.site / "exempelstad").exists()


def test_lista_shows_every_set_without_building(unbuilt):
    done = run_cli(unbuilt, "lista")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    row = next(line for line in lines if "params/exempelstad/2025/socialnamnden.yml" in line)
    assert "inte byggd" in row
    assert "3 inte byggd." in done.stdout
    assert not (unbuilt.site / "exempelstad").exists()


# -- one real batch, then changes ------------------------------------------------------------
@pytest.mark.e2e
def test_a_broken_set_fails_alone_and_says_where(project):
    by_slug = {r.slug.split("/")[0]: r for r in project.results}
    assert [by_slug[s].status for s in GOOD] == [BUILT, BUILT]
    for slug in GOOD:
        assert is_complete(project.site / slug / "2025" / "socialnamnden")
        assert by_slug[slug].worker and by_slug[slug].worker.split(":")[1] != str(os.getpid())
        assert by_slug[slug].peak_memory_mb > 0
    broken = by_slug[BROKEN]
    assert (broken.status, broken.exit_code) == (FAILED, 2)
    assert 'placeringar.csv, rad 4, kolumn "startdatum"' in broken.error
    assert not (project.site / BROKEN).exists()
    log = Path(broken.log)
    assert log == project.site / ".logs" / f"{BROKEN}_2025_socialnamnden" / "fel.txt"
    assert "2025-02-30" in log.read_text(encoding="utf-8")
    assert batch.exit_code(project.results) == 2
    assert not (project.site / publish.STAGING).exists()


@pytest.mark.e2e
def test_the_index_lists_what_the_batch_published(project):
    page = (project.site / "index.html").read_text(encoding="utf-8")
    for slug in GOOD:
        assert f'href="{slug}/2025/socialnamnden/{REPORT}.html"' in page
        assert f'href="{slug}/2025/socialnamnden/{REPORT}.pdf"' in page
    assert "Provköping</h2>" in page and "Exempelstad</h2>" in page
    assert "params/trasigstad/2025/socialnamnden.yml" in page  # the failure, with its log
    assert f'href=".logs/{BROKEN}_2025_socialnamnden/fel.txt"' in page


@pytest.mark.e2e
def test_an_unchanged_batch_starts_no_kernel_and_imports_no_report_libraries(project):
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from insyn import batch\n"
        f"files = {[str(f) for f in project.files[:2]]!r}\n"
        f"results = batch.build_many(files, site=Path({str(project.site)!r}))\n"
        "heavy = ('papermill', 'nbformat', 'pandas', 'pandera', 'insyn.kernels',\n"
        "         'jupyter_client')\n"
        "print(json.dumps({'status': [r.status for r in results],\n"
        "                  'imported': [m for m in heavy if m in sys.modules]}))\n"
    )
    env = {**os.environ, "INSYN_ROOT": str(project.root)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    seen = json.loads(done.stdout)
    assert seen == {"status": [SKIPPED, SKIPPED], "imported": []}


@pytest.mark.e2e
def test_changed_data_byte_makes_only_its_own_set_stale(project):
    text = project.root / "data" / "provkoping" / "2025" / "text" / "slutsatser.md"
    original = text.read_bytes()
    try:
        text.write_bytes(original.replace(b"a", b"e", 1))
        states = project.states()
        assert states["provkoping"].status == batch.STALE
        assert states["provkoping"].reasons == ("ändrad: data/provkoping/2025/text/slutsatser.md",)
        assert states["exempelstad"].status == batch.CURRENT
    finally:
        text.write_bytes(original)
    assert project.states()["provkoping"].status == batch.CURRENT  # the key is content only


@pytest.mark.e2e
def test_changed_parameter_makes_its_set_stale(project):
    path = project.params("exempelstad")
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + "gräns_placeringar: 3\n", encoding="utf-8")
        states = project.states()
        assert states["exempelstad"].reasons == ("ändrade parametrar: gräns_placeringar",)
        assert states["provkoping"].status == batch.CURRENT
    finally:
        path.write_text(original, encoding="utf-8")


@pytest.mark.e2e
def test_changed_notebook_makes_every_set_stale(project):
    notebook = project.root / "notebooks" / f"{REPORT}.ipynb"
    original = notebook.read_text(encoding="utf-8")
    try:
        nb = json.loads(original)
        markdown = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
        markdown["source"] = [*markdown["source"], "\n\nEn ny mening."]
        notebook.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
        for slug in GOOD:
            assert project.states()[slug].reasons == (f"ändrad: notebooks/{REPORT}.ipynb",)
    finally:
        notebook.write_text(original, encoding="utf-8")


@pytest.mark.e2e
def test_new_insyn_or_renderer_makes_every_set_stale(project, monkeypatch):
    from insyn.render import Renderer

    other = Renderer("pandoc+typst", "pandoc 0.1, typst 0.1")
    for slug in GOOD:
        assert project.states(other)[slug].reasons == (
            "annan renderare (pandoc+typst pandoc 0.1, typst 0.1)",
        )
    monkeypatch.setattr(manifest, "insyn_fingerprint", lambda: "9.9.9+0123456789ab")
    for slug in GOOD:
        assert project.states()[slug].reasons == ("ny version av insyn (9.9.9+0123456789ab)",)


@pytest.mark.e2e
def test_a_missing_output_makes_its_set_stale(project, tmp_path):
    pdf = project.site / "exempelstad" / "2025" / "socialnamnden" / f"{REPORT}.pdf"
    kept = shutil.copy(pdf, tmp_path / pdf.name)
    try:
        pdf.unlink()
        assert project.states()["exempelstad"].reasons == (f"saknas: {REPORT}.pdf",)
    finally:
        shutil.copy(kept, pdf)


@pytest.mark.e2e
def test_a_data_change_rebuilds_only_that_namnd(project):
    text = project.root / "data" / "provkoping" / "2025" / "text" / "slutsatser.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nEn mening till.\n", encoding="utf-8")
    before = manifest.read(project.site / "exempelstad" / "2025" / "socialnamnden")
    results = batch.build_many(project.files, jobs=2, site=project.site)
    assert [r.status for r in results] == [SKIPPED, BUILT, FAILED]
    assert manifest.read(project.site / "exempelstad" / "2025" / "socialnamnden") == before
    html = project.site / "provkoping" / "2025" / "socialnamnden" / f"{REPORT}.html"
    assert "En mening till." in html.read_text(encoding="utf-8")
    listed = run_cli(project, "lista")
    rows = [line for line in listed.stdout.splitlines() if "socialnamnden.yml" in line]
    assert ["aktuell" in row for row in rows] == [True, True, False]
    assert batch.INVALID not in listed.stdout  # trasigstad: its data is wrong, not its file


# -- a worker killed mid-report, and the Dask path -------------------------------------------
def kill_a_worker_when_it_is_mid_report(site: Path, killed: list[int]) -> None:
    """Waits for a staging folder (a report is being built), then kills the worker building it:
    the pool's worker is a child of multiprocessing's forkserver, itself a child of this test."""
    import psutil

    me = psutil.Process()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        staging = site / publish.STAGING
        if staging.is_dir() and any(staging.iterdir()):
            for server in me.children():
                try:
                    if "forkserver" not in " ".join(server.cmdline()):
                        continue
                    workers = server.children()
                except psutil.Error:
                    continue
                if workers:
                    killed.append(workers[0].pid)
                    os.kill(workers[0].pid, signal.SIGKILL)
                    return
        time.sleep(0.05)


@pytest.mark.e2e
def test_a_killed_worker_leaves_no_partial_output_and_a_rerun_completes_the_rest(project, tmp_path):
    site = tmp_path / "_site"
    good = project.files[:2]
    killed: list[int] = []
    killer = threading.Thread(target=kill_a_worker_when_it_is_mid_report, args=(site, killed))
    killer.start()
    first = batch.build_many(good, jobs=1, site=site)
    killer.join()
    assert len(killed) == 1
    assert [r.status for r in first] == [FAILED, BUILT]  # one worker: the first set was running
    assert "avslutades oväntat" in first[0].error and first[0].exit_code == 1
    assert not (site / "exempelstad").exists()  # nothing half-written
    assert is_complete(site / "provkoping" / "2025" / "socialnamnden")
    assert not (site / publish.STAGING).exists()
    second = batch.build_many(good, jobs=1, site=site)
    assert [r.status for r in second] == [BUILT, SKIPPED]
    assert is_complete(site / "exempelstad" / "2025" / "socialnamnden")


def processes_of(site: Path) -> list:
    """Live processes started for builds into ``site`` (workers, zygotes, kernels)."""
    import psutil

    found = []
    for process in psutil.process_iter():
        try:
            if process.environ().get("INSYN_SITE") == str(site):
                found.append(process)
        except psutil.Error:
            continue
    return found


@pytest.mark.e2e
def test_a_killed_batch_leaves_no_partial_output_or_process_and_a_rerun_completes_it(
    project, tmp_path
):
    site = tmp_path / "_site"
    env = {**os.environ, "INSYN_ROOT": str(project.root), "INSYN_SITE": str(site)}
    command = [str(Path(sys.executable).with_name("insyn")), "build", "--all", "--jobs", "2"]
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not ((site / publish.STAGING).is_dir() and any((site / publish.STAGING).iterdir())):
        assert time.monotonic() < deadline and run.poll() is None, "no report was started"
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    for _ in range(300):  # workers poll for the batch every 0.5 s, kernels their zygote every 1 s
        if not processes_of(site):
            break
        time.sleep(0.1)
    assert not processes_of(site), "a worker, zygote or kernel outlived the killed batch"
    folders = [site / slug / "2025" / "socialnamnden" for slug in (*GOOD, BROKEN)]
    done = [f for f in folders if f.exists()]
    assert all(is_complete(f) for f in done)  # whatever is there is whole
    assert len(done) < 2, "the kill came too late to leave anything unbuilt"
    again = batch.build_many(project.files, site=site)
    expected = [SKIPPED if f in done else BUILT for f in folders[:2]]
    assert [r.status for r in again] == [*expected, FAILED]
    assert all(is_complete(f) for f in folders[:2])


@pytest.mark.e2e
def test_the_dask_path_on_a_local_cluster(project, tmp_path):
    from distributed import LocalCluster

    site = tmp_path / "_site"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        results = batch.build_many(project.files, scheduler=cluster.scheduler_address, site=site)
        workers = set(cluster.scheduler_info["workers"])
    assert [r.status for r in results] == [BUILT, BUILT, FAILED]
    for result in results[:2]:
        assert is_complete(site / result.slug)
        assert result.worker.split(":")[1] != str(os.getpid())
    assert results[2].exit_code == 2 and "startdatum" in results[2].error
    assert len(workers) == 2
    assert "Provköping</h2>" in (site / "index.html").read_text(encoding="utf-8")
