"""Time and peak memory of reading and validating one table, by file size up to the limit.

Each size runs in a fresh process (peak memory is the process's maximum resident size, so runs
must not share one). The table is ``placeringar`` written as a Swedish CSV (semicolons) and as an
Excel workbook. This is what ``insyn.readers.MAX_BYTES`` rests on. Results go to stdout and to
``benchmarks/results/intake.json``.

    .venv/bin/python benchmarks/bench_intake.py [--sizes 1 5 20]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from insyn import paths

ROOT = paths.project_root()
ROW = "P25-{:07d};HVB Björkhagen;2025-{:02d}-{:02d};HVB\n"
HEADER = "placering;verksamhet;startdatum;insats\n"


def write_csv(folder: Path, megabytes: float) -> int:
    """``placeringar.csv`` of about ``megabytes`` MB; returns its number of rows."""
    rows, size = 0, len(HEADER)
    with (folder / "placeringar.csv").open("w", encoding="utf-8") as out:
        out.write(HEADER)
        while size < megabytes * 1024 * 1024:
            line = ROW.format(rows, rows % 12 + 1, rows % 28 + 1)
            out.write(line)
            size += len(line.encode())
            rows += 1
    return rows


def write_utforare(folder: Path) -> None:
    (folder / "utforare.csv").write_text(
        "verksamhet;utförare;organisationsnummer;avtalsområde;avtal_start\n"
        "HVB Björkhagen;Björkhagens AB;556627-6779;HVB vuxna;2022-01-01\n",
        encoding="utf-8",
    )


def measure(folder: str) -> dict:
    """Runs in the child: validate the folder, report seconds and peak resident memory."""
    import datetime as dt

    from insyn import load

    started = time.perf_counter()
    data = load.load_folder(
        Path(folder),
        ["utforare", "placeringar"],
        period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    )
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_kb / 1024),
        "rows": len(data["placeringar"]),
    }


def baseline() -> int:
    """Peak memory of a process that only imports what validation needs (MB)."""
    code = "import resource, insyn.load;print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return round(int(out.stdout) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20])
    args = parser.parse_args()
    results = {"baseline_peak_mb": baseline(), "csv": []}
    for megabytes in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            rows = write_csv(folder, megabytes)
            write_utforare(folder)
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(folder)], capture_output=True, text=True
            )
            if child.returncode:
                raise SystemExit(child.stderr)
            result = {"megabytes": megabytes, "rows_written": rows, **json.loads(child.stdout)}
        results["csv"].append(result)
        print(
            f"{megabytes:>5g} MB CSV, {rows:>7} rader: {result['seconds']:>6.1f} s, "
            f"högst {result['peak_mb']} MB minne (bara import: {results['baseline_peak_mb']} MB)"
        )
    target = ROOT / "benchmarks" / "results" / "intake.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2])))
    else:
        main()
