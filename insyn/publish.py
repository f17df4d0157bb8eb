"""Writing reports atomically, and keeping two builds from writing the same tree at once.

A run writes everything into a private staging folder under ``_site/.staging/`` (same file system,
so a rename is atomic) and only then swaps it into place. A failed or killed run leaves the
previous good report untouched; leftovers are cleaned up by the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from insyn.errors import BuildLockedError

STAGING = ".staging"
LOCK = ".insyn.lock"
_OLD = ".old-"


def staging_dir(site: Path, label: str = "run") -> Path:
    """A fresh private folder for one run's output (never shared between workers)."""
    base = site / STAGING
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{label}-", dir=base))


def publish(staging: Path, target: Path) -> None:
    """Moves a finished staging folder to ``target``, replacing what was there.

    Two renames: the old folder aside, the new one in. A crash between them leaves the old
    folder beside the target, and :func:`recover` puts it back.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        aside = target.with_name(f"{target.name}{_OLD}{os.getpid()}")
        os.rename(target, aside)
        os.rename(staging, target)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.rename(staging, target)


def recover(site: Path) -> None:
    """Cleans up after killed runs: restores set-aside reports, removes stale staging folders."""
    if not site.is_dir():
        return
    for aside in site.rglob(f"*{_OLD}*"):
        if not aside.is_dir():
            continue
        target = aside.with_name(aside.name.split(_OLD)[0])
        if target.exists():
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(aside, target)
    shutil.rmtree(site / STAGING, ignore_errors=True)


def write_text(path: Path, text: str) -> None:
    """Writes ``text`` to ``path`` atomically: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a web server must read it
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def exclusive(site: Path) -> Iterator[None]:
    """Holds the tree's lock for the duration; a second build gets BuildLockedError at once."""
    site.mkdir(parents=True, exist_ok=True)
    handle = (site / LOCK).open("a")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(
                f"En annan körning pågår redan i {site}. Vänta tills den är klar och försök igen."
            ) from None
        yield
    finally:
        handle.close()


def _temporary_beside(path: Path, data: bytes) -> str:
    """``data`` in a new temporary file in ``path``'s folder (same file system), mode 644."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; these are ordinary files
    return temporary


def write_new(path: Path, data: bytes) -> bool:
    """Writes ``path`` only if it does not exist yet, atomically; False when it already did.

    The content goes to a temporary file beside it first and is then hard-linked into place:
    the link fails if the name exists, so nothing is ever overwritten, not even by a race.
    """
    if path.exists():
        return False
    temporary = _temporary_beside(path, data)
    try:
        os.link(temporary, path)
        return True
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)


def write_file(path: Path, data: bytes) -> None:
    """Writes (or replaces) ``path`` atomically: readers see the old file or the new, never half."""
    temporary = _temporary_beside(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
