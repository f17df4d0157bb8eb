"""Fresh kernels without the start-up cost: forked from a process that has the libraries loaded.

Starting an IPython kernel and importing pandas and matplotlib in it costs well over a second,
paid again by every report. A *zygote* — one helper process per build process — imports
ipykernel, pandas, matplotlib and Insyn's report modules once and then forks a new kernel for each
report on request. Each kernel is still a new process with no state from any earlier report
(copy-on-write of the imported modules only), so the guarantee of a fresh kernel per report holds.

The zygote is wired into jupyter_client as a kernel provisioner (:class:`ForkProvisioner`), so
papermill and nbclient drive a forked kernel exactly like a launched one: connection file, signals,
interrupt and shutdown all behave the same. Set ``INSYN_FORK=0`` to launch kernels the ordinary way.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import importlib
import json
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

PRELOAD = (
    "ipykernel.kernelapp",
    # what IPKernelApp.initialize would import in every kernel (debugpy alone ≈ 0.16 s)
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "pandas",
    "matplotlib",
    "pandera.pandas",
    "insyn.load",
    "insyn.tables",
    "insyn.figures",
    "insyn.reports.kontroll",
    "insyn.reports.kvalitet",
)


def fork_enabled() -> bool:
    return hasattr(os, "fork") and os.environ.get("INSYN_FORK", "1") != "0"


class Zygote:
    """A helper process that has imported the report libraries and forks kernels on request.

    Started by this process (:meth:`start`), or, with an ``address``, one that another process
    started and shares (:func:`shared_zygote`): then this process connects to it.
    """

    def __init__(self, address: str | None = None) -> None:
        self.address = address
        self._process: subprocess.Popen | None = None
        self._stream = None
        self._ready = False
        self._lock = threading.Lock()

    def start(self, listener: socket.socket | None = None) -> None:
        """Starts the helper without waiting for its imports (they run while we validate).
        With ``listener``, a listening Unix socket, it also serves whoever connects there."""
        with self._lock:
            if self.address is not None:
                self._connect()
                return
            if self._process is not None and self._process.poll() is None:
                return
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            fds = [theirs.fileno()] + ([listener.fileno()] if listener is not None else [])
            self._process = subprocess.Popen(
                [sys.executable, "-m", "insyn.kernels", *map(str, fds)],
                pass_fds=fds,
                stdin=subprocess.DEVNULL,
            )
            theirs.close()
            self._stream = ours.makefile("rwb", buffering=0)
            self._ready = False

    def _connect(self) -> None:
        if self._stream is None:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.connect(self.address)
            self._stream = connection.makefile("rwb", buffering=0)
            self._ready = True  # a shared zygote answers once it has imported everything

    def fork(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        """A new kernel process running ``ipykernel`` with ``argv``; returns its pid."""
        self.start()
        with self._lock:
            if not self._ready:
                if self._stream.readline().strip() != b"ready":
                    raise RuntimeError("kernel zygote failed to start")
                self._ready = True
            request = {"argv": argv, "cwd": cwd, "env": env}
            self._stream.write(json.dumps(request).encode() + b"\n")
            reply = self._stream.readline()
        if not reply:
            raise RuntimeError("kernel zygote stopped")
        return int(json.loads(reply)["pid"])

    def close(self) -> None:
        with self._lock:
            if self._stream is not None:
                self._stream.close()
                self._stream = None
            if self._process is not None:
                try:
                    self._process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                self._process = None


@contextlib.contextmanager
def shared_zygote() -> Iterator[str | None]:
    """One zygote for all workers of a local pool; yields the address they connect to (None
    when kernels are not forked).

    Started before the pool, its imports run while the workers start, and the pool's workers
    share one copy of them instead of importing them once each. Kernels of a worker that dies
    are killed when its connection closes; all end with the zygote when the pool is done.
    """
    if not fork_enabled():
        yield None
        return
    folder = tempfile.mkdtemp(prefix="insyn-zygote-")
    address = os.path.join(folder, "zygote")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    helper = Zygote()
    try:
        listener.bind(address)
        listener.listen()
        helper.start(listener)
        listener.close()
        yield address
    finally:
        listener.close()
        helper.close()
        shutil.rmtree(folder, ignore_errors=True)


def use_zygote(address: str | None) -> None:
    """Makes this process fork its kernels through the shared zygote at ``address``."""
    global _ZYGOTE
    if address and fork_enabled():
        _ZYGOTE = Zygote(address)
        atexit.register(_ZYGOTE.close)


_ZYGOTE: Zygote | None = None


def zygote() -> Zygote:
    """This process's zygote, started on first use and stopped at exit."""
    global _ZYGOTE
    if _ZYGOTE is None:
        _ZYGOTE = Zygote()
        atexit.register(_ZYGOTE.close)
    return _ZYGOTE


def warm_up() -> None:
    """Starts the zygote now, so its imports overlap with whatever the caller does next."""
    if fork_enabled():
        zygote().start()


class ForkedProcess:
    """Enough of ``subprocess.Popen`` for jupyter_client to manage a forked kernel.

    The kernel is the zygote's child, which reaps it (SIGCHLD ignored), so its exit status is not
    known here: a kernel that has gone away reports 0.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.005)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):
    """A local provisioner whose kernels are forked by the zygote instead of launched."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        pid = zygote().fork(kernel_arguments(cmd), cwd, env)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid  # the child calls setsid(): its own process group
        self.cwd = cwd
        return self.connection_info

    async def kill(self, restart: bool = False) -> None:
        """Kills the kernel and waits until it is gone, polling every 2 ms: jupyter_client
        polls every 0.1 s, which would add a tenth of a second to every report."""
        await super().kill(restart)
        process = self.process
        for _ in range(1000):
            if process is None or process.poll() is not None:
                return
            await asyncio.sleep(0.002)


def kernel_arguments(cmd: list[str]) -> list[str]:
    """The ipykernel arguments of a kernel command line (everything after the launcher)."""
    for marker in ("ipykernel_launcher", "ipykernel"):
        if marker in cmd:
            return cmd[cmd.index(marker) + 1 :]
    return cmd[1:]


# -- the zygote process ------------------------------------------------------------------------
def serve(fd: int, listen_fd: int | None = None) -> None:
    """Runs in the zygote: import once, then fork one kernel per request. Requests come from the
    process that started it (its socket closing ends the zygote) and, with ``listen_fd``, from
    every process that connects there."""
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy: no warning on import
    for name in PRELOAD:
        importlib.import_module(name)
    warm_caches()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped automatically
    owner = Connection(socket.socket(fileno=fd))
    listener = socket.socket(fileno=listen_fd) if listen_fd is not None else None
    try:
        owner.stream.write(b"ready\n")
    except (BrokenPipeError, ConnectionResetError):
        os._exit(0)  # the parent has gone (e.g. its inputs were refused): nothing to report
    selector = selectors.DefaultSelector()
    selector.register(owner.socket, selectors.EVENT_READ, owner)
    if listener is not None:
        selector.register(listener, selectors.EVENT_READ, None)
    while True:
        for key, _ in selector.select():
            if key.data is None:  # a worker connects
                connection = Connection(listener.accept()[0])
                selector.register(connection.socket, selectors.EVENT_READ, connection)
                continue
            connection = key.data
            if not connection.serve_one(selector, listener):
                if connection is owner:
                    os._exit(0)  # kernels follow their parent (parent_handle)
                selector.unregister(connection.socket)
                connection.close(kill_kernels=True)


class Connection:
    """One client of the zygote, and the kernels forked for it."""

    def __init__(self, channel: socket.socket) -> None:
        self.socket = channel
        self.stream = channel.makefile("rwb", buffering=0)
        self.kernels: list[int] = []

    def serve_one(self, selector, listener) -> bool:
        """Answers one request; False when the client has gone."""
        try:
            line = self.stream.readline()
            if not line:
                return False
            pid = os.fork()
            if pid == 0:  # the kernel keeps none of the zygote's sockets
                for key in list(selector.get_map().values()):
                    if key.data is not None:
                        key.data.close()
                selector.close()
                if listener is not None:
                    listener.close()
                run_kernel(json.loads(line))
            self.kernels = [k for k in self.kernels if ForkedProcess(k).poll() is None] + [pid]
            self.stream.write(json.dumps({"pid": pid}).encode() + b"\n")
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False

    def close(self, kill_kernels: bool = False) -> None:
        """Closes the connection; a client that went away mid-report (a killed worker) leaves
        its kernel behind, which goes with it."""
        if kill_kernels:
            for pid in self.kernels:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(pid, signal.SIGKILL)  # the kernel's own group (setsid)
        self.stream.close()
        self.socket.close()


def warm_caches() -> None:
    """Work that every report repeats once per process: the first figure (fonts, glyphs) and the
    first schema validation. Done here once, inherited by every forked kernel."""
    from insyn import figures, load
    from insyn.schemas import registry

    figures.warm_up()
    load.warm_up(registry())


def run_kernel(request: dict[str, Any]) -> None:
    """Becomes an ipykernel process (never returns)."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        # ipykernel prints a connection banner on stdout when it has no parent handle; a
        # launched kernel has one, a forked kernel cannot (its parent is the zygote).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # Exit with the zygote: a build worker killed mid-report takes its zygote along (its
        # socket closes), and this makes the orphaned kernel follow instead of living on.
        argv = [*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = [sys.executable, *argv]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(argv)
        app.start()
        code = 0
    finally:
        os._exit(code)


if __name__ == "__main__":
    serve(*(int(fd) for fd in sys.argv[1:3]))
