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


@app.command("kontrollera", options_metavar="[FLAGGOR]")
def check_command(
    mal: Path = typer.Argument(  # noqa: B008
        ...,
        metavar="PARAMETERFIL_ELLER_DATAMAPP",
        help="En parameterfil (params/…/nämnd.yml) eller en datamapp (data/kommun eller "
        "data/kommun/år).",
        show_default=False,
    ),
    format: str = typer.Option(
        "text", "--format", help="text, eller xlsx för att också spara listan som Excel-fil."
    ),
    utfil: Path | None = typer.Option(  # noqa: B008
        None,
        "--utfil",
        help="Excel-filens namn (standard: kontroller/<mål>.xlsx).",
        show_default=False,
    ),
) -> None:
    """Kontrollera allt underlag en rapport behöver, utan att bygga något."""
    from insyn import check

    if format not in ("text", "xlsx"):
        errors.print(f"Okänt format {format!r}: välj text eller xlsx.", markup=False)
        raise typer.Exit(2)
    result = check.check(mal)
    (errors if result.errors else console).print(
        check.describe(result), markup=False, soft_wrap=True
    )
    if format == "xlsx":
        written = check.write_excel(result, check.excel_path(result, utfil))
        console.print(f"Listan finns också som Excel-fil: {written}", markup=False, soft_wrap=True)
    raise typer.Exit(result.exit_code)


@app.command("mall", options_metavar="[FLAGGOR]")
def template_command(
    år: int = typer.Argument(..., help="Året mallarna gäller, t.ex. 2026.", show_default=False),
    kommun: str | None = typer.Option(
        None,
        "--kommun",
        help="Kommunens mapp i data/ (behövs när det finns flera).",
        show_default=False,
    ),
    mapp: Path | None = typer.Option(  # noqa: B008
        None,
        "--mapp",
        help="Skriv mallarna i en annan mapp än data/<kommun>/<år>/.",
        show_default=False,
    ),
) -> None:
    """Skapa Excel-mallar för alla tabeller (befintliga filer skrivs aldrig över)."""
    from insyn import templates

    if not 2000 <= år <= 2100:
        errors.print(f"Året {år} är inte rimligt: ange ett årtal mellan 2000 och 2100.")
        raise typer.Exit(2)
    folder = paths.resolve(mapp) if mapp else templates.default_folder(år, kommun)
    outcome = templates.write_templates(folder)
    for path in outcome.written:
        console.print(f"Skrev {paths.relative_to_root(path)}", markup=False)
    for reason in outcome.skipped:
        console.print(f"Hoppade över {reason} (skrivs aldrig över).", markup=False)
    console.print(
        f"Fyll i mallarna och kör sedan: insyn kontrollera {paths.relative_to_root(folder)}",
        markup=False,
    )


def report(result, site: Path) -> None:
    """One parameter set's outcome, with where its files are or what went wrong."""
    from insyn import build

    if result.status == build.FAILED:
        errors.print(f"[bold red]Misslyckades:[/] {result.params_file}")
        errors.print(result.error, markup=False, soft_wrap=True)
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


@app.command("nytt-ar", options_metavar="[FLAGGOR]")
def new_year_command(
    kommun: str = typer.Argument(
        ..., metavar="KOMMUN", help="Kommunens mapp i params/, t.ex. exempelstad."
    ),
    ar: int = typer.Argument(..., metavar="ÅR", help="Året att utgå från, t.ex. 2025."),
) -> None:
    """Förbered nästa år: parameterfiler, tomma mallar och förra årets texter som utkast."""
    from insyn import newyear

    result = newyear.scaffold(kommun, ar)
    for shown in result.created:
        console.print(f"  [green]skapad[/]       {escape(shown)}")
    for shown in result.existing:
        console.print(f"  finns redan  {escape(shown)}", style="dim")
    if not result.changed:
        console.print(f"Inget ändrades: allt för {result.year} fanns redan.")
        return
    for note in result.notes:
        console.print(f"[yellow]Kontrollera:[/] {escape(note)}")
    console.print(
        f"[bold green]Klart:[/] {len(result.created)} filer skapade för {result.year}. "
        "Fyll i mallarna, skriv om texterna märkta UTKAST och bygg med "
        f"[bold]insyn build params/{escape(result.kommun)}/{result.year}/…[/]"
    )


@app.command("jamfor", options_metavar="[FLAGGOR]")
def compare_command(
    fore: Path = typer.Argument(  # noqa: B008
        ..., metavar="FÖRE", help="Det tidigare bygget: mappen eller dess manifest.json."
    ),
    efter: Path = typer.Argument(  # noqa: B008
        ..., metavar="EFTER", help="Det senare bygget: mappen eller dess manifest.json."
    ),
    rapport: str = typer.Option(None, "--rapport", help="Jämför bara den här rapporten."),
    ut: Path = typer.Option(  # noqa: B008
        None, "--ut", help="Var sidan ska sparas (standard: jamforelse.html i EFTER-mappen)."
    ),
) -> None:
    """Visa vad som ändrats mellan två byggen (eller två år) av en rapport, som en HTML-sida."""
    from insyn import compare

    comparison = compare.compare_builds(paths.resolve(fore), paths.resolve(efter), rapport)
    page = compare.write(comparison, ut and paths.resolve(ut))
    if comparison.unchanged:
        console.print("Inget har ändrats: samma underlag, parametrar, tal och text.")
    for changes in comparison.reports:
        console.print(
            f"{changes.name}: {len(changes.values)} ändrade tal och värden, "
            f"{len(changes.sections)} avsnitt med ändringar"
        )
    console.print(f"{len(comparison.inputs)} indatafiler skiljer sig.")
    console.print(f"[bold green]Jämförelsen:[/] {escape(str(page))}")


@app.command("verifiera", options_metavar="[FLAGGOR]")
def verify_command(
    manifest: Path = typer.Argument(  # noqa: B008
        ...,
        metavar="MANIFEST",
        help="manifest.json för en byggd rapport, t.ex. "
        "_site/exempelstad/2025/socialnamnden/manifest.json.",
    ),
) -> None:
    """Bygg om en rapport från dess underlag och kontrollera att den blir byte för byte likadan."""
    from insyn import verify

    console.print(f"Verifierar {escape(str(manifest))} …")
    result = verify.verify(paths.resolve(manifest))
    for note in result.notes:
        console.print(f"[yellow]Obs:[/] {escape(note)}")
    if result.matches:
        console.print(
            f"[bold green]Stämmer:[/] ombygget är identiskt med det publicerade "
            f"({', '.join(result.checked)})."
        )
        return
    errors.print(f"[bold red]Stämmer inte:[/] {escape(result.file)}: {escape(result.reason)}.")
    raise typer.Exit(1)


def main() -> None:
    """Entry point: user errors become Swedish messages; nothing ends in a raw traceback."""
    from insyn.errors import InsynError

    try:
        app(standalone_mode=True)
    except InsynError as exc:
        errors.print(str(exc), markup=False)
        raise SystemExit(exc.exit_code) from None
    except Exception as exc:  # the last guard: a Swedish line, never a traceback
        errors.print(
            f"Ett oväntat fel inträffade: {type(exc).__name__}: {exc}\n"
            "Skicka meddelandet och filerna det gäller till den som förvaltar Insyn.",
            markup=False,
        )
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
