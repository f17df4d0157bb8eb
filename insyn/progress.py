"""What a person sees while a batch runs and when it is done, in Swedish.

:class:`BatchProgress` is a :class:`insyn.batch.Monitor` drawn as a rich progress bar: how many
sets are done, running, failed and unchanged, the elapsed time and the reports being built now.
:func:`summary` is the table printed at the end, with each set's status and time and, for each
failure, its message and where its log is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from insyn.batch import Monitor, State
from insyn.build import BUILT, FAILED, SKIPPED, BuildResult


def counts_text(counts: Counter, running: int) -> str:
    return (
        f"klara {counts[BUILT]} · pågår {running} · misslyckade {counts[FAILED]} · "
        f"oförändrade {counts[SKIPPED]}"
    )


class BatchProgress(Monitor):
    """A live progress bar for one batch (use as a context manager)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}"),
            console=console,
        )
        self.task = None
        self.counts: Counter = Counter()
        self.running: set[str] = set()  # labels: report folder, else parameter file

    def __enter__(self) -> BatchProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.progress.stop()

    def planned(self, total: int) -> None:
        self.task = self.progress.add_task("Bygger", total=total, counts="", current="")
        self.refresh()

    def started(self, state: State) -> None:
        self.running.add(state.label)
        self.refresh()

    def finished(self, result: BuildResult) -> None:
        self.running.discard(result.slug or result.params_file)
        self.counts[result.status] += 1
        if result.status == FAILED:
            self.progress.console.print(
                f"[bold red]Misslyckades:[/] {escape(result.params_file)}", highlight=False
            )
        self.progress.advance(self.task)
        self.refresh()

    def refresh(self) -> None:
        current = ", ".join(escape(s) for s in sorted(self.running))
        self.progress.update(
            self.task, counts=counts_text(self.counts, len(self.running)), current=current
        )


def summary(results: Sequence[BuildResult], seconds: float, index: str) -> list:
    """The renderables printed after a batch: the table, each failure, the totals."""
    table = Table(title="Sammanfattning", title_justify="left")
    for header in ("Rapportmapp", "Parameterfil", "Status", "Tid"):
        table.add_column(header, justify="right" if header == "Tid" else "left", overflow="fold")
    for r in results:
        status = f"[red]✗ {r.status}[/]" if r.status == FAILED else f"✓ {r.status}"
        table.add_row(escape(r.slug or "–"), escape(r.params_file), status, f"{r.seconds:.1f} s")
    shown: list = [table]
    for r in results:
        for warning in r.warnings:
            shown.append(f"[yellow]Varning[/] ({escape(r.params_file)}): {escape(warning)}")
    for r in results:
        if r.status == FAILED:
            shown.append(f"\n[bold red]Misslyckades:[/] {escape(r.params_file)}")
            shown.append(escape(r.error))
            if r.log:
                shown.append(f"Logg: {escape(r.log)}")
    counts = Counter(r.status for r in results)
    shown.append(
        f"\n{counts[BUILT]} byggda, {counts[SKIPPED]} oförändrade, {counts[FAILED]} misslyckade "
        f"på {seconds:.1f} s. Översikt: {escape(index)}"
    )
    return shown
