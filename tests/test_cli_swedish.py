"""insyn.cli_swedish: typer's own words in Swedish, in help and in errors."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from insyn import cli_swedish
from insyn.cli import app  # importing the CLI installs the translation

WIDE = {"COLUMNS": "200", "TERMINAL_WIDTH": "200"}  # no wrapping inside asserted phrases


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- translate_error -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("No such option: --bogus", "Flaggan --bogus finns inte."),
        ("No such option: --al (Possible options: --all, --alla)", "Flaggan --al finns inte."),
        ("No such command 'biuld'.", "Kommandot 'biuld' finns inte."),
        ("Missing argument 'PARAMETERFILER'.", "Argumentet 'PARAMETERFILER' saknas."),
        ("Missing option '--all'.", "Flaggan '--all' saknas."),
        ("Missing command.", "Ange ett kommando."),
        (
            "Invalid value for '--n': 'x' is not a valid integer.",
            "Ogiltigt värde för '--n': 'x' är inte ett heltal.",
        ),
        ("Invalid value: för stort", "Ogiltigt värde: för stort"),
        ("Got unexpected extra argument (a)", "Oväntat argument: a"),
        ("Got unexpected extra arguments (a b)", "Oväntat argument: a b"),
        ("Option '--n' requires an argument.", "Flaggan '--n' behöver ett värde."),
        ("Option '--all' does not take a value.", "Flaggan '--all' tar inget värde."),
        ("Path 'x.yml' does not exist.", "Sökvägen 'x.yml' finns inte."),
        (
            "Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1",
            "Ogiltigt värde för '--jobs' / '-j': värdet ska vara minst 1",
        ),
    ],
)
def test_translate_error(english, swedish):
    assert cli_swedish.translate_error(english) == swedish


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        # The exact texts of the typer version installed here (typer._click.core, _param_types).
        ("Got unexpected extra argument(s) (y)", "Oväntat argument: y"),
        ("path 'x.yml' does not exist.", "Sökvägen 'x.yml' finns inte."),
    ],
)
def test_translate_error_matches_installed_typer_texts(english, swedish):
    assert cli_swedish.translate_error(english) == swedish


def test_translate_error_unknown_command_with_suggestion():
    # typer appends a close match when the name is a typo of a real command, the common case.
    swedish = cli_swedish.translate_error("No such command 'biuld'. Did you mean 'build'?")
    assert swedish.startswith("Kommandot 'biuld' finns inte.")
    assert "No such command" not in swedish and "Did you mean" not in swedish


def test_untranslated_message_is_left_as_it_is():
    assert cli_swedish.translate_error("Något helt annat.") == "Något helt annat."


def test_install_is_idempotent():
    from typer._click import formatting

    cli_swedish.install()
    cli_swedish.install()
    wrapped = formatting.HelpFormatter.write_usage
    assert getattr(wrapped, "_insyn", False)
    assert not getattr(wrapped.__wrapped__, "_insyn", False)  # wrapped once, not twice


# --- the insyn command ---------------------------------------------------------------------------


def test_help_is_swedish(runner):
    result = runner.invoke(app, ["--help"], env=WIDE)
    assert result.exit_code == 0
    out = result.output
    for swedish in ("Användning:", "Flaggor", "Kommandon", "Visa den här hjälpen"):
        assert swedish in out
    for english in ("Usage:", "Options", "Commands", "Show this message"):
        assert english not in out


def test_subcommand_help_is_swedish(runner):
    result = runner.invoke(app, ["build", "-h"], env=WIDE)
    assert result.exit_code == 0
    out = result.output
    assert "Användning: insyn build" in out
    assert "Argument" in out and "Flaggor" in out
    assert "Usage:" not in out and "Arguments" not in out and "Options" not in out


def test_no_arguments_shows_help(runner):
    result = runner.invoke(app, [], env=WIDE)
    assert "Användning:" in result.output
    assert "Kommandon" in result.output


def test_unknown_option_exits_2_in_swedish(runner):
    result = runner.invoke(app, ["--bogus"], env=WIDE)
    assert result.exit_code == 2
    assert "Flaggan --bogus finns inte." in result.output
    assert "Fel" in result.output
    assert "No such option" not in result.output
    assert "Usage:" not in result.output


def test_unknown_subcommand_option_exits_2_in_swedish(runner):
    result = runner.invoke(app, ["build", "--bogus"], env=WIDE)
    assert result.exit_code == 2
    assert "Flaggan --bogus finns inte." in result.output
    assert "Skriv 'insyn build -h' för hjälp." in result.output


def test_unknown_command_exits_2_in_swedish(runner):
    result = runner.invoke(app, ["okänt"], env=WIDE)
    assert result.exit_code == 2
    assert "Kommandot 'okänt' finns inte." in result.output


def test_misspelt_command_exits_2_in_swedish(runner):
    result = runner.invoke(app, ["biuld"], env=WIDE)
    assert result.exit_code == 2
    assert "Kommandot 'biuld' finns inte." in result.output
    assert "No such command" not in result.output
