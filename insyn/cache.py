"""A content-addressed cache of validated input data.

A report's inputs are validated by the build before any kernel starts, and then read again by the
notebook in its fresh kernel. Both go through :func:`insyn.load.load_year`, which asks this cache
first: the key is a hash of every file the call would read (by content), what it is asked to
read, the period and Insyn's own source, so any changed byte, table, rule or code means a miss and a
full validation. Only successful validations are stored; errors are always found afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from typing import Any

from insyn import paths
from insyn.provenance import insyn_fingerprint


def key(files: dict[str, str], request: dict[str, Any]) -> str:
    """The cache key: file hashes, the request (tables, texts, period, root) and Insyn's code."""
    payload = {"files": files, "request": request, "insyn": insyn_fingerprint()}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def get(digest: str) -> Any | None:
    """The stored value, or None on a miss (or an unreadable entry, which counts as a miss)."""
    path = paths.cache_dir() / f"{digest}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def put(digest: str, value: Any) -> None:
    """Stores ``value`` atomically (a reader never sees half a file); failures are ignored."""
    folder = paths.cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{digest}.pickle")
    except OSError:
        pass  # a read-only tree simply validates every time
