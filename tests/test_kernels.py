"""Forked kernels are real, fresh kernels: new process, no state from an earlier report."""

from __future__ import annotations

import json
import os

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from insyn import kernels
from insyn.execute import run_notebook


def notebook(path, *sources):
    nb = new_notebook(cells=[new_code_cell("x = 0", metadata={"tags": ["parameters"]})])
    nb.cells += [new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    nbformat.write(nb, path)
    return path


def stdout_of(path) -> str:
    executed = nbformat.read(path, as_version=4)
    return "".join(
        output.get("text", "")
        for cell in executed.cells
        for output in cell.get("outputs", [])
        if output.get("name") == "stdout"
    )


@pytest.mark.parametrize("fork", ["1", "0"])
def test_each_run_gets_a_fresh_process_without_earlier_state(tmp_path, monkeypatch, fork):
    monkeypatch.setenv("INSYN_FORK", fork)
    source = notebook(
        tmp_path / "probe.ipynb",
        "import json, os\n"
        "seen = 'leftover' in globals()\n"
        "leftover = x\n"
        "print(json.dumps({'pid': os.getpid(), 'seen': seen, 'cwd': os.getcwd(),"
        " 'root': os.environ.get('INSYN_ROOT')}))",
    )
    first, second = tmp_path / "one.ipynb", tmp_path / "two.ipynb"
    run_notebook(source, first, {"x": 1}, cwd=tmp_path)
    run_notebook(source, second, {"x": 2}, cwd=tmp_path)
    a, b = json.loads(stdout_of(first)), json.loads(stdout_of(second))
    assert a["pid"] != b["pid"]
    assert a["seen"] is False and b["seen"] is False
    assert a["cwd"] == b["cwd"] == str(tmp_path)
    assert a["root"]  # the build fixes the project root for the kernel
    for pid in (a["pid"], b["pid"]):  # shut down after the run
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_the_first_output_of_a_fresh_kernel_is_never_lost(tmp_path):
    """The kernel client stops waiting as soon as the kernel answers (no fixed IOPub flush):
    the output of the very first cell must still reach the notebook, every time."""
    source = tmp_path / "first.ipynb"
    first = new_code_cell("x = 0\nprint('först', x)", metadata={"tags": ["parameters"]})
    nb = new_notebook(cells=[first, new_code_cell("print('sedan', x)")])
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    nbformat.write(nb, source)
    for run in range(5):
        executed = tmp_path / f"run{run}.ipynb"
        run_notebook(source, executed, {"x": run}, cwd=tmp_path)
        assert stdout_of(executed) == f"först 0\nsedan {run}\n"


def test_failing_cell_names_the_notebook_and_cell(tmp_path):
    from insyn.errors import ExecutionError

    source = notebook(tmp_path / "broken.ipynb", "1 / 0")
    with pytest.raises(ExecutionError) as caught:
        run_notebook(source, tmp_path / "out.ipynb", {}, cwd=tmp_path)
    assert "broken.ipynb" in str(caught.value)
    assert "ZeroDivisionError" in str(caught.value)
    assert (tmp_path / "out.ipynb").is_file()  # kept for reading the error in context


def test_kernel_arguments_drop_the_launcher():
    cmd = ["/usr/bin/python", "-m", "ipykernel_launcher", "-f", "c.json", "--x=1"]
    assert kernels.kernel_arguments(cmd) == ["-f", "c.json", "--x=1"]


def test_forked_process_reports_a_gone_kernel():
    process = kernels.ForkedProcess(pid=2**22 + 12345)  # beyond pid_max: never exists
    assert process.poll() == 0
    process.kill()  # no error for a process that is gone


def test_a_forked_kernel_ends_when_the_process_that_asked_for_it_is_killed(tmp_path):
    """A batch worker killed mid-report must not leave its kernel running: the zygote's socket
    closes, the zygote exits, and the kernel follows its parent."""
    import signal
    import subprocess
    import sys
    import time

    code = (
        "import pathlib, sys, time\n"
        "from insyn import execute\n"
        f"km = execute.start_kernel(pathlib.Path({str(tmp_path)!r}))\n"
        "print(km.provisioner.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    owner = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    kernel = int(owner.stdout.readline())
    os.kill(kernel, 0)  # running
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    for _ in range(200):  # the kernel polls its parent every second
        try:
            os.kill(kernel, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(kernel, signal.SIGKILL)
        pytest.fail("the forked kernel outlived the process that started it")


def gone_within(pid: int, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_a_shared_zygote_serves_several_processes_and_ends_the_kernel_of_one_killed(tmp_path):
    """A local pool's workers share one zygote: each gets its own kernel from it, and a worker
    killed mid-report takes its kernel along while the others' kernels run on."""
    import signal
    import subprocess
    import sys

    import psutil

    with kernels.shared_zygote() as address:
        code = (
            "import pathlib, time\n"
            "from insyn import execute, kernels\n"
            f"kernels.use_zygote({address!r})\n"
            f"km = execute.start_kernel(pathlib.Path({str(tmp_path)!r}))\n"
            "print(km.provisioner.pid, flush=True)\n"
            "time.sleep(120)\n"
        )
        owners = [
            subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        first, second = (int(owner.stdout.readline()) for owner in owners)
        assert first != second
        zygote = {psutil.Process(first).ppid(), psutil.Process(second).ppid()}
        assert len(zygote) == 1 and zygote != {owners[0].pid} and zygote != {owners[1].pid}
        owners[0].send_signal(signal.SIGKILL)
        owners[0].wait()
        assert gone_within(first, 5), "the killed worker's kernel lived on"
        os.kill(second, 0)  # the other worker's kernel is untouched
        owners[1].send_signal(signal.SIGKILL)
        owners[1].wait()
    assert gone_within(second, 10), "a kernel outlived its shared zygote"
    assert gone_within(zygote.pop(), 10)


def test_repeated_runs_leave_no_threads_descriptors_or_socket_folders(tmp_path, monkeypatch):
    """A batch worker runs hundreds of notebooks: each must give back its client's heartbeat
    thread, zmq context and sockets (nbclient leaves them open for a manager it did not make)."""
    import glob
    import shutil
    import tempfile
    import threading

    source = notebook(tmp_path / "tiny.ipynb", "1 + 1")
    short = tempfile.mkdtemp(prefix="ik")  # socket paths must stay short; ours alone in it
    monkeypatch.setattr(tempfile, "tempdir", short)
    sockets = os.path.join(short, "insyn-kernel-*")

    def resources():
        return (threading.active_count(), len(os.listdir("/proc/self/fd")), len(glob.glob(sockets)))

    run_notebook(source, tmp_path / "warm.ipynb", {}, cwd=tmp_path)  # one-time imports
    before = resources()
    for number in range(3):
        run_notebook(source, tmp_path / f"out{number}.ipynb", {}, cwd=tmp_path)
    assert resources() == before
    assert not glob.glob(sockets)
    assert not [t for t in threading.enumerate() if type(t).__name__ == "HBChannel"]
    shutil.rmtree(short)
