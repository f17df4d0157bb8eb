"""insyn.errors: Swedish problem texts, composed messages, pickling across processes."""

from __future__ import annotations

import pickle

import pytest

from insyn.errors import (
    BuildLockedError,
    DataError,
    ExecutionError,
    InputError,
    InsynError,
    ParameterError,
    Problem,
    ProblemCollector,
    PublishingError,
    RenderError,
)


@pytest.fixture
def bad_date() -> Problem:
    return Problem(
        "är inte ett giltigt datum",
        file="data/exempelstad/2025/placeringar.xlsx",
        sheet="Blad1",
        row=4,
        column="startdatum",
        value="2025-13-01",
        hint="skriv ÅÅÅÅ-MM-DD",
    )


def round_trip(obj):
    return pickle.loads(pickle.dumps(obj))


# --- Problem -------------------------------------------------------------------------------------


def test_location_names_file_sheet_row_and_column_in_swedish(bad_date):
    assert bad_date.location() == (
        "data/exempelstad/2025/placeringar.xlsx, blad 'Blad1', rad 4, kolumn \"startdatum\""
    )


def test_location_names_parameter_key():
    problem = Problem("okänd parameter", file="params/x.yml", key="gräns_placering")
    assert problem.location() == 'params/x.yml, nyckel "gräns_placering"'


def test_location_is_empty_when_nothing_is_known():
    assert Problem("något gick fel").location() == ""


def test_row_one_is_shown_not_treated_as_missing():
    assert Problem("fel", file="a.csv", row=1).location() == "a.csv, rad 1"


def test_describe_has_location_message_value_and_hint(bad_date):
    assert bad_date.describe() == (
        "data/exempelstad/2025/placeringar.xlsx, blad 'Blad1', rad 4, kolumn \"startdatum\": "
        "är inte ett giltigt datum (värde: '2025-13-01') – skriv ÅÅÅÅ-MM-DD"
    )


def test_describe_without_location_is_just_the_message():
    assert Problem("parameterfilen är tom").describe() == "parameterfilen är tom"


def test_describe_shows_an_empty_value():
    # An empty cell is a value worth showing; only None means "no value to show".
    assert "(värde: '')" in Problem("saknar värde", value="").describe()


def test_problem_defaults_to_an_error():
    assert Problem("x").severity == "fel"


# --- InputError and its subclasses ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("error_class", "heading"),
    [
        (InputError, "Indata innehåller fel"),
        (ParameterError, "Parameterfilen innehåller fel"),
        (DataError, "Underlaget innehåller fel"),
        (PublishingError, "Underlaget kan inte publiceras"),
    ],
)
def test_input_errors_compose_heading_count_and_one_line_per_problem(
    error_class, heading, bad_date
):
    other = Problem("kolumnen saknas", file="utforare.csv", column="avtalsområde")
    error = error_class([bad_date, other])
    assert str(error) == (f"{heading} (2 st.):\n  • {bad_date.describe()}\n  • {other.describe()}")
    assert error.exit_code == 2
    assert error.problems == (bad_date, other)


def test_input_error_accepts_a_single_problem(bad_date):
    error = DataError(bad_date)
    assert error.problems == (bad_date,)
    assert str(error).startswith("Underlaget innehåller fel (1 st.):")


def test_count_in_heading_is_the_number_of_errors_not_warnings():
    error = DataError(
        [Problem("fel 1"), Problem("okänd kolumn ignoreras", severity="varning"), Problem("fel 2")]
    )
    assert str(error).splitlines()[0] == "Underlaget innehåller fel (2 st.):"


def test_custom_heading_replaces_the_class_heading():
    error = DataError([Problem("x")], heading="Förra årets underlag innehåller fel")
    assert str(error).startswith("Förra årets underlag innehåller fel (1 st.):")
    assert DataError.heading == "Underlaget innehåller fel"  # the class is not changed


def test_input_errors_are_insyn_errors():
    assert issubclass(DataError, InsynError)
    assert issubclass(ParameterError, InputError)


# --- pickling: batch runs send errors between processes ------------------------------------------


@pytest.mark.parametrize("error_class", [InputError, ParameterError, DataError, PublishingError])
def test_input_errors_survive_pickle_with_problems(error_class, bad_date):
    warning = Problem("okänd kolumn ignoreras", column="kommentar", severity="varning")
    error = error_class([bad_date, warning])
    copy = round_trip(error)
    assert type(copy) is error_class
    assert copy.problems == (bad_date, warning)
    assert str(copy) == str(error)
    assert copy.exit_code == 2


def test_custom_heading_survives_pickle():
    error = ParameterError([Problem("x")], heading="Egen rubrik")
    copy = round_trip(error)
    assert copy.heading == "Egen rubrik"
    assert str(copy) == str(error)


def test_execution_error_composes_and_survives_pickle_with_notebook_cell_and_log():
    error = ExecutionError(
        "Cell 7 misslyckades: KeyError 'rating'",
        notebook="build/exempelstad/2025/kontroll-och-uppfoljning.ipynb",
        cell=7,
        log="build/exempelstad/2025/kontroll-och-uppfoljning.log",
    )
    copy = round_trip(error)
    assert type(copy) is ExecutionError
    assert str(copy) == "Cell 7 misslyckades: KeyError 'rating'"
    assert copy.message == error.message
    assert copy.notebook == "build/exempelstad/2025/kontroll-och-uppfoljning.ipynb"
    assert copy.cell == 7
    assert copy.log == "build/exempelstad/2025/kontroll-och-uppfoljning.log"
    assert copy.exit_code == 1


def test_execution_error_without_cell_survives_pickle():
    copy = round_trip(ExecutionError("kärnan dog"))
    assert (copy.notebook, copy.cell, copy.log) == ("", None, "")


@pytest.mark.parametrize("error_class", [RenderError, BuildLockedError, InsynError])
def test_simple_errors_survive_pickle_with_message(error_class):
    error = error_class("quarto render misslyckades")
    copy = round_trip(error)
    assert type(copy) is error_class
    assert str(copy) == "quarto render misslyckades"
    assert copy.message == "quarto render misslyckades"
    assert copy.exit_code == 1


def test_problem_survives_pickle(bad_date):
    assert round_trip(bad_date) == bad_date


# --- ProblemCollector ----------------------------------------------------------------------------


def test_collector_separates_errors_from_warnings():
    problems = ProblemCollector()
    problems.add("saknar värde", file="a.csv", row=2, column="verksamhet")
    problems.add("okänd kolumn ignoreras", file="a.csv", column="kommentar", severity="varning")
    assert [p.message for p in problems.errors] == ["saknar värde"]
    assert [p.message for p in problems.warnings] == ["okänd kolumn ignoreras"]
    assert problems.errors[0] == Problem("saknar värde", file="a.csv", row=2, column="verksamhet")


def test_collector_extend_keeps_order():
    problems = ProblemCollector()
    problems.add("första")
    problems.extend([Problem("andra"), Problem("tredje")])
    assert [p.message for p in problems.problems] == ["första", "andra", "tredje"]


def test_raise_if_errors_does_nothing_with_only_warnings():
    problems = ProblemCollector()
    problems.add("okänd kolumn ignoreras", severity="varning")
    problems.raise_if_errors()  # must not raise


def test_raise_if_errors_does_nothing_when_empty():
    ProblemCollector().raise_if_errors()


def test_raise_if_errors_raises_data_error_with_every_error():
    problems = ProblemCollector()
    problems.add("fel 1", row=2)
    problems.add("bara en varning", severity="varning")
    problems.add("fel 2", row=3)
    with pytest.raises(DataError) as caught:
        problems.raise_if_errors()
    assert [p.message for p in caught.value.problems] == ["fel 1", "fel 2"]


def test_raise_if_errors_uses_the_given_class():
    problems = ProblemCollector()
    problems.add("parametern 'år' saknas", key="år")
    with pytest.raises(ParameterError, match="Parameterfilen innehåller fel"):
        problems.raise_if_errors(ParameterError)
