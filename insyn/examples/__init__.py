"""Generators of the fictional example municipality's data (committed under ``data/``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path


def run(
    write: Callable[[Path], list[Path]], prog: str, description: str, argv: Sequence[str] | None
) -> int:
    """The command line of a generator: writes below the given root (default: the project
    root) and prints each file written, relative to the root."""
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
