"""Running one notebook with papermill in a fresh kernel of this very Python.

The kernel is always started from ``sys.executable`` (never whatever ``python3`` kernel spec a
user happens to have installed), so a report runs with the same ``insyn`` and libraries that
validated its inputs. papermill and nbformat are imported inside the function: importing them costs
noticeable time, and commands that do not execute notebooks should not pay it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from insyn import paths
from insyn.errors import ExecutionError

# Imported at kernel start-up, while the build validates inputs in parallel (two cores).
PRELOAD = ("import pandas", "import matplotlib", "import insyn.tables", "import insyn.figures")


def kernel_manager(preload: bool = True, fork: bool | None = None):
    """An (unstarted) kernel manager whose kernel is this interpreter running ipykernel.

    With ``fork`` (the default where the OS allows it) the kernel is forked from the zygote in
    ``insyn.kernels``, which has the libraries imported already; otherwise it is launched, and
    ``preload`` imports them at start-up.
    """
    import uuid

    from insyn import kernels

    fork = kernels.fork_enabled() if fork is None else fork
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    # log level ERROR: ipykernel's start-up warnings (loopback TCP) are noise on a user's terminal
    argv = [
        sys.executable,
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
        "--IPKernelApp.log_level=ERROR",
        "--HistoryManager.enabled=False",
    ]
    if preload and not fork:
        argv.append("--IPKernelApp.exec_lines=" + repr(list(PRELOAD)).replace("'", '"'))

    class ThisPython(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(argv=argv, display_name="Python (insyn)", language="python")

    class ClientKeepingManager(AsyncKernelManager):
        """Remembers the clients it hands out, so that they are stopped with the kernel.

        nbclient stops its client only when it created the manager itself; with ours it leaves
        the client's channels open: a heartbeat thread, a zmq context and a dozen file
        descriptors per report, until a long-lived batch worker runs out of them.
        """

        def client(self, **kwargs):
            kc = super().client(**kwargs)
            self.insyn_clients.append(kc)
            return kc

    km = ClientKeepingManager(
        kernel_name="python3", kernel_spec_manager=ThisPython(), **private_channels()
    )
    km.client_factory = prompt_client_class()
    km.insyn_clients = []
    if fork:
        km.kernel_id = str(uuid.uuid4())
        km.provisioner = kernels.ForkProvisioner(
            kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km
        )
    return km


def prompt_client_class():
    """A kernel client whose ``wait_for_ready`` does not idle.

    jupyter_client's version, after the kernel has answered and IOPub is known to be connected,
    empties IOPub by waiting until 0.2 s pass without a message: a fixed 0.2 s per report, about
    half a forked kernel's start-up. Here IOPub is emptied of what has arrived, without waiting;
    a status message that comes later belongs to the kernel_info request, and nbclient ignores
    messages that answer no request of its own.
    """
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class PromptClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (timeout if timeout is not None else 3600)
            while not await self._kernel_info_answered():
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
            while True:  # what has arrived on IOPub belongs to kernel_info
                try:
                    await self.iopub_channel.get_msg(timeout=0)
                except Empty:
                    break

        async def _kernel_info_answered(self) -> bool:
            """Asks for kernel_info once: True when it was answered and IOPub delivers."""
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                return False
            if reply["msg_type"] != "kernel_info_reply":
                return False
            try:  # one IOPub message (the welcome, or a status) shows the channel is connected
                await self.iopub_channel.get_msg(timeout=0.2)
            except Empty:
                return False
            self._handle_kernel_info_reply(reply)
            return True

    return PromptClient


def private_channels() -> dict[str, str]:
    """Kernel channels as Unix sockets in a folder of the kernel's own, where the OS has them.

    Over TCP, jupyter_client picks "free" localhost ports and the kernel binds them a moment
    later; parallel batch workers can pick the same port in that moment, and then a kernel fails
    to start or receives another kernel's heartbeats. A private socket path cannot collide.
    """
    if os.name != "posix":
        return {}
    folder = tempfile.mkdtemp(prefix="insyn-kernel-")
    return {"transport": "ipc", "ip": os.path.join(folder, "k")}


def kernel_env(root: Path | None = None) -> dict[str, str]:
    """Environment of a report kernel: the project root is fixed, plotting is headless."""
    env = dict(os.environ)
    env["INSYN_ROOT"] = str(root or paths.project_root())
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def run_notebook(
    source: Path,
    target: Path,
    parameters: Mapping[str, Any],
    *,
    cwd: Path,
    timeout: int = 600,
) -> None:
    """Executes ``source`` with ``parameters`` injected and writes the result to ``target``.

    Raises ExecutionError naming the notebook and the failing cell; the partly executed notebook
    is still written to ``target`` so the error can be read in context.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    km = start_kernel(cwd)
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters=dict(parameters),
            kernel_name="python3",
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            km=km,
        )
    except PapermillExecutionError as exc:
        reason = exc.evalue.strip().splitlines()
        summary = reason[0] if reason else exc.ename
        raise ExecutionError(
            f"Notebooken {source.name} stoppade i cell {exc.exec_count or exc.cell_index}: "
            f"{exc.ename}: {summary}",
            notebook=str(target),
            cell=exc.cell_index,
            log=str(target),
        ) from None
    finally:
        if km.has_kernel:
            _shutdown(km)


def start_kernel(cwd: Path):
    """A started kernel (this Python, preloaded libraries) working in ``cwd``."""
    from jupyter_core.utils import run_sync

    km = kernel_manager()
    run_sync(km.start_kernel)(cwd=str(cwd), env=kernel_env())
    return km


def _shutdown(km) -> None:
    from jupyter_core.utils import run_sync

    for client in getattr(km, "insyn_clients", ()):
        client.stop_channels()
    run_sync(km.shutdown_kernel)(now=True)
    if km.transport == "ipc":  # the sockets are gone; remove their folder
        shutil.rmtree(Path(km.ip).parent, ignore_errors=True)
