"""The ``insyn`` command: a thin, Swedish command line over ``insyn.build``.

Exit codes: 0 everything built (or was already up to date), 1 a report failed while running or
rendering, 2 inputs are wrong (parameter file or data; nothing was run).
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from insyn import cli_swedish, paths

cli_swedish.install()

app = typer.Typer(
    name="insyn",
    help="Insyn bygger kommunens uppföljningsrapporter (HTML och PDF) från data och "
    "parameterfiler.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    options_metavar="[FLAGGOR]",
    subcommand_metavar="KOMMANDO [ARGUMENT]...",
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


@app.callback()
def root() -> None:
    """Insyn bygger kommunens uppföljningsrapporter (HTML och PDF) från data och parameterfiler.

    Vanligast: [bold]insyn build --all[/] bygger alla rapporter i params/.
    """


@app.command("build", options_metavar="[FLAGGOR]")
def build_command(
    parameterfiler: list[Path] = typer.Argument(  # noqa: B008
        None,
        help="Parameterfiler att bygga, t.ex. params/exempelstad/2025/socialnamnden.yml.",
        show_default=False,
    ),
    alla: bool = typer.Option(False, "--all", "--alla", help="Bygg alla parameterfiler i params/."),
    force: bool = typer.Option(False, "--force", help="Bygg om även det som inte har ändrats."),
    jobs: int = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="Antal rapporter som byggs samtidigt (standard: antalet processorkärnor).",
        show_default=False,
    ),
    scheduler: str = typer.Option(
        None,
        "--scheduler",
        help="Bygg på ett Dask-kluster i stället, t.ex. tcp://värd:8786.",
        show_default=False,
    ),
) -> None:
    """Bygg rapporterna som parameterfilerna anger (kontrollerar underlaget först).

    Det som inte har ändrats sedan förra bygget hoppas över. Översikt: _site/index.html.
    """
    import time

    from insyn import batch, params, progress
    from insyn.errors import InsynError

    files = params.discover() if alla else list(parameterfiler or [])
    if not files:
        errors.print("Ange en eller flera parameterfiler, eller --all för alla i params/.")
        raise typer.Exit(2)
    site = paths.site_dir()
    started = time.perf_counter()
    try:
        with progress.BatchProgress(console) as monitor:
            results = batch.build_many(
                files, jobs=jobs, scheduler=scheduler, force=force, site=site, monitor=monitor
            )
    except InsynError as exc:
        errors.print(str(exc), markup=False)
        raise typer.Exit(exc.exit_code) from None
    if len(results) == 1:
        report(results[0], site)
    else:
        seconds = time.perf_counter() - started
        for item in progress.summary(results, seconds, str(site / "index.html")):
            console.print(item)
    raise typer.Exit(batch.exit_code(results))


@app.command("lista", options_metavar="[FLAGGOR]")
def list_command(
    parameterfiler: list[Path] = typer.Argument(  # noqa: B008
        None, help="Parameterfiler att visa (standard: alla i params/).", show_default=False
    ),
) -> None:
    """Visa alla parameterfiler och om deras rapporter är aktuella (bygger ingenting)."""
    from collections import Counter

    from insyn import batch, params
    from insyn.errors import InsynError

    files = list(parameterfiler or []) or params.discover()
    try:
        states = batch.check_all(files, paths.site_dir(), batch.detect_renderer())
    except InsynError as exc:
        errors.print(str(exc), markup=False)
        raise typer.Exit(exc.exit_code) from None
    table = Table(title="Parameterfiler", title_justify="left")
    for header in ("Parameterfil", "Rapportmapp", "Status", "Varför"):
        table.add_column(header, overflow="fold")
    for s in states:
        status = f"✓ {s.status}" if s.status == batch.CURRENT else f"✗ {s.status}"
        reasons = "\n".join(s.reasons)
        table.add_row(escape(s.shown), escape(s.slug or "–"), status, escape(reasons))
    console.print(table)
    counts = Counter(s.status for s in states)
    console.print(", ".join(f"{n} {status}" for status, n in counts.items()) + ".")


def report(result, site: Path) -> None:
    """One parameter set's outcome, with where its files are or what went wrong."""
    from insyn import build

    if result.status == build.FAILED:
        errors.print(f"[bold red]Misslyckades:[/] {result.params_file}")
        errors.print(result.error, markup=False)
        if result.log:
            errors.print(f"Logg: {result.log}", markup=False)
        return
    for warning in result.warnings:
        console.print(f"[yellow]Varning:[/] {escape(warning)}")
    folder = site / result.slug
    verb = "Klart" if result.status == build.BUILT else "Oförändrad, hoppades över"
    console.print(f"[bold green]{verb}[/] ({result.seconds:.1f} s): {folder}")
    for name in result.outputs:
        console.print(f"  {folder / name}", markup=False)


def main() -> None:
    """Entry point: user errors become Swedish messages; nothing ends in a raw traceback."""
    from insyn.errors import InsynError

    try:
        app(standalone_mode=True)
    except InsynError as exc:
        errors.print(str(exc), markup=False)
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()
