"""Generators of the fictional example municipality's data (committed under ``data/``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path


def command(
    write: Callable[[Path], list[Path]], prog: str, description: str, argv: Sequence[str] | None
) -> int:
    """A generator's command line: writes below the given root (default: the project root) and
    lists the files written."""
    from insyn import paths

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument(
        "root",
        nargs="?",
        type=Path,
        default=None,
        help="projektets rotmapp (standard: projektroten)",
    )
    args = parser.parse_args(argv)
    root = args.root or paths.project_root()
    for path in write(root):
        print(paths.relative_to_root(path, root))
    return 0
