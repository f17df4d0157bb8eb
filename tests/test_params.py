"""insyn.params: parameter files typed and checked against the notebook's parameters cell.

Each file in ``tests/fixtures/params/`` is named for the one thing it gets wrong (or ``valid*``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from insyn import params, paths
from insyn.errors import ParameterError, ProblemCollector

FIXTURES = Path(__file__).parent / "fixtures" / "params"
REPORT = "kontroll-och-uppfoljning"


def shown(name: str) -> str:
    """A fixture's path as problems show it: relative to the project root."""
    return f"tests/fixtures/params/{name}"


def problems_of(name: str):
    with pytest.raises(ParameterError) as caught:
        params.load_params(FIXTURES / name)
    return caught.value.problems


# --- valid files ---------------------------------------------------------------------------------


def test_valid_file_gives_typed_values():
    ps = params.load_params(FIXTURES / "valid.yml")
    assert ps.reports == (REPORT,)
    assert ps.formats == ("html",)
    assert ps.year == 2024 and type(ps.year) is int
    assert ps.values["gräns_placeringar"] == 3 and type(ps.values["gräns_placeringar"]) is int
    assert ps.values["gräns_kreditbetyg"] == 40
    assert ps.kommun == "Testby"
    assert ps.namnd == "Vård- och omsorgsnämnden"
    assert ps.datamapp == "tests/fixtures/ingen-data"
    assert ps.values["diarienummer"] == "VON 2024/12"
    assert ps.source == FIXTURES / "valid.yml"


def test_period_defaults_to_the_whole_year_when_absent():
    ps = params.load_params(FIXTURES / "valid.yml")
    assert ps.values["period_start"] == "2024-01-01"
    assert ps.values["period_slut"] == "2024-12-31"
    assert ps.period == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_given_period_is_kept():
    ps = params.load_params(FIXTURES / "valid_with_period.yml")
    assert ps.period == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))


def test_formats_default_to_html_and_pdf():
    assert params.load_params(FIXTURES / "valid_with_period.yml").formats == ("html", "pdf")


def test_slug_is_folder_safe():
    assert params.load_params(FIXTURES / "valid.yml").slug == "testby/2024/vard-och-omsorgsnamnden"


def test_notebook_parameters_are_only_the_declared_keys():
    injected = params.load_params(FIXTURES / "valid.yml").notebook_parameters(REPORT)
    assert injected["år"] == 2024
    assert injected["period_start"] == "2024-01-01"
    assert "rapporter" not in injected
    assert "format" not in injected


def test_relative_path_is_resolved_against_the_project_root_not_the_working_directory(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    ps = params.load_params(Path("tests/fixtures/params/valid.yml"))
    assert ps.source == paths.project_root() / "tests/fixtures/params/valid.yml"


def test_yaml_no_stays_text_for_a_text_parameter():
    # YAML 1.1 reads a bare `no` as false; a nämnd called "no" must stay "no".
    ps = params.load_params(FIXTURES / "bool_yes_no.yml")
    assert ps.namnd == "no"


# --- invalid files: one ParameterError naming the file and the key, in Swedish -------------------


@pytest.mark.parametrize(
    ("name", "key", "value", "message"),
    [
        ("unknown_key.yml", "gräns_placering", None, "okänd parameter"),
        ("missing_year.yml", "år", None, "parametern 'år' saknas"),
        ("year_leading_zeros.yml", "år", "0042", "parametern 'år' ska vara ett heltal"),
        ("bad_date.yml", "period_start", "2025-02-30", "ska vara ett datum ÅÅÅÅ-MM-DD"),
        ("period_reversed.yml", "period_slut", None, "perioden slutar före den börjar"),
        ("unknown_report.yml", "rapporter", "kontroll-och-uppföljning", "okänd rapport"),
        ("negative_threshold.yml", "gräns_placeringar", "-1", "får inte vara negativ"),
    ],
)
def test_invalid_value_names_file_and_key(name, key, value, message):
    problems = [p for p in problems_of(name) if p.key == key]
    assert problems, f"no problem names the key {key!r}"
    problem = problems[0]
    assert problem.file == shown(name)
    assert message in problem.message
    if value is not None:
        assert problem.value == value
    assert problem.describe().startswith(f'{shown(name)}, nyckel "{key}": ')


def test_year_with_leading_zeros_hints_how_to_fix():
    [problem] = problems_of("year_leading_zeros.yml")
    assert problem.hint == "skriv talet utan inledande nollor"


def test_unknown_key_hint_lists_the_known_parameters():
    [problem] = problems_of("unknown_key.yml")
    assert "gräns_placeringar" in problem.hint


def test_tab_indent_names_file_and_line():
    [problem] = problems_of("tab_indent.yml")
    assert (problem.file, problem.row) == (shown("tab_indent.yml"), 7)
    assert "tabbtecken" in problem.message
    assert "mellanslag" in problem.hint


def test_duplicate_key_names_file_line_and_key_in_text():
    [problem] = problems_of("duplicate_key.yml")
    assert (problem.file, problem.row) == (shown("duplicate_key.yml"), 6)
    assert problem.message == "nyckeln 'år' förekommer två gånger (rad 4 och rad 6)"


def test_duplicate_key_sets_the_key_field():
    # Callers act on structured fields; the key is known, so it belongs in Problem.key too.
    [problem] = problems_of("duplicate_key.yml")
    assert problem.key == "år"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.yml", "parameterfilen är tom"),
        ("not_a_mapping.yml", "parameterfilen ska bestå av rader 'nyckel: värde'"),
    ],
)
def test_whole_file_problems_name_the_file(name, message):
    [problem] = problems_of(name)
    assert (problem.file, problem.message) == (shown(name), message)


def test_missing_file_is_a_parameter_error():
    [problem] = problems_of("finns_inte.yml")
    assert problem.file == shown("finns_inte.yml")
    assert problem.message == "parameterfilen finns inte"


def test_unknown_report_does_not_make_every_other_key_unknown():
    # With the only report misspelt, kommun, år … are not "okänd parameter": they are fine, and
    # reporting them hides the one real mistake among false ones.
    assert [p.key for p in problems_of("unknown_report.yml")] == ["rapporter"]


def test_date_must_be_written_yyyy_mm_dd():
    # Python 3.11's fromisoformat also accepts 20251231 and 2025-W01-1; the rule (and the
    # message) is ÅÅÅÅ-MM-DD, and the order check compares the text.
    problems = problems_of("date_not_yyyy_mm_dd.yml")
    assert [(p.key, p.value) for p in problems] == [("period_slut", "20251231")]


def test_period_end_before_the_default_start_is_an_error():
    # period_start defaults to år-01-01; an end before that is a reversed period all the same.
    problems = problems_of("period_end_before_default_start.yml")
    assert [p.key for p in problems] == ["period_slut"]


def test_error_message_is_swedish_and_lists_every_problem():
    with pytest.raises(ParameterError) as caught:
        params.load_params(FIXTURES / "unknown_key.yml")
    assert str(caught.value).startswith("Parameterfilen innehåller fel (1 st.):\n  • ")
    assert caught.value.exit_code == 2


# --- convert: YAML text to the declared type -----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("Ja", True), ("false", False), ("nej", False)]
)
def test_bool_accepts_true_false_ja_nej(raw, expected):
    problems = ProblemCollector()
    assert params.convert(raw, "bool", "visa", "p.yml", problems) is expected
    assert problems.problems == []


@pytest.mark.parametrize("raw", ["yes", "no", "on", "off", "1"])
def test_bool_rejects_yaml_11_words(raw):
    problems = ProblemCollector()
    assert params.convert(raw, "bool", "visa", "p.yml", problems) is None
    [problem] = problems.errors
    assert (problem.file, problem.key, problem.value) == ("p.yml", "visa", raw)
    assert problem.message == "parametern 'visa' ska vara true eller false"
    assert "yes/no" in problem.hint


@pytest.mark.parametrize(("raw", "expected"), [("2025", 2025), ("-3", -3), ("0", 0)])
def test_int_conversion(raw, expected):
    problems = ProblemCollector()
    assert params.convert(raw, "int", "år", "p.yml", problems) == expected
    assert problems.problems == []


@pytest.mark.parametrize("raw", ["2025.0", "tjugo", "0x10", "1_000"])
def test_int_rejects_other_text(raw):
    problems = ProblemCollector()
    params.convert(raw, "int", "år", "p.yml", problems)
    assert [p.key for p in problems.errors] == ["år"]


def test_float_accepts_decimal_comma():
    assert params.convert("2,5", "float", "andel", "p.yml", ProblemCollector()) == 2.5


def test_list_parameter_accepts_a_single_value():
    assert params.convert("html", "list", "format", "p.yml", ProblemCollector()) == ["html"]


def test_simple_parameter_rejects_a_list():
    problems = ProblemCollector()
    params.convert(["a", "b"], "str", "kommun", "p.yml", problems)
    assert [p.key for p in problems.errors] == ["kommun"]


# --- the notebook's parameters cell --------------------------------------------------------------


def test_notebook_declares_typed_parameters():
    declared = params.notebook_parameters(paths.notebook_path(REPORT))
    assert {k: v["type"] for k, v in declared.items()}.items() >= {
        "kommun": "str",
        "nämnd": "str",
        "år": "int",
        "datamapp": "str",
        "period_start": "str",
        "period_slut": "str",
        "gräns_placeringar": "int",
        "gräns_kreditbetyg": "int",
        "gräns_avvikelser": "int",
    }.items()


def test_parameters_cell_is_read_like_papermill_reads_it():
    """The skip check reads the cell without papermill; the result must be the same."""
    from papermill import inspect_notebook

    notebook = paths.notebook_path(REPORT)
    ours = params.notebook_parameters(notebook)
    theirs = inspect_notebook(str(notebook))
    assert list(ours) == list(theirs)
    for name, found in theirs.items():
        assert ours[name]["default"] == found["default"]
        assert ours[name]["type"] == params.declared_type(
            found["inferred_type_name"], found["default"]
        )


def test_declared_parameters_of_every_kind_of_line():
    source = (
        "# a comment line\n"
        "år: int = 2025  # rapportåret\n"
        'kommun = "Exempelstad"\n'
        'gräns: "float" = 0.5\n'
        "lista = [\n    1,\n    2,\n]  # over lines\n"
        "import math\n"
        "a, b = 1, 2\n"
    )
    declared = params.declared_parameters(source, "n.ipynb")
    assert declared == {
        "år": {"type": "int", "default": "2025"},
        "kommun": {"type": "str", "default": '"Exempelstad"'},
        "gräns": {"type": "float", "default": "0.5"},
        "lista": {"type": "list", "default": "[\n    1,\n    2,\n]"},
    }


def test_a_parameters_cell_that_is_not_python_is_a_parameter_error():
    with pytest.raises(ParameterError) as caught:
        params.declared_parameters("år: int = = 2025\n", "notebooks/x.ipynb")
    assert caught.value.problems[0].file == "notebooks/x.ipynb"
    assert caught.value.problems[0].row == 1


def test_checking_a_parameter_file_imports_neither_papermill_nor_pandas():
    import subprocess
    import sys

    code = (
        "import sys; from insyn import params, paths; "
        "params.load_params(paths.params_dir() / 'exempelstad/2025/socialnamnden.yml'); "
        "print(sorted(m for m in ('papermill', 'nbformat', 'pandas', 'pandera') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("annotation", "default", "expected"),
    [
        ("int", "2025", "int"),
        ("None", "2025", "int"),
        ("None", "'x'", "str"),
        ("None", "[1]", "list"),
        ("None", "some_name", "str"),
    ],
)
def test_declared_type_from_annotation_else_default(annotation, default, expected):
    assert params.declared_type(annotation, default) == expected


# --- slugify and discover ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Vård- och omsorgsnämnden", "vard-och-omsorgsnamnden"),
        ("Socialnämnden", "socialnamnden"),
        ("  Upplands Väsby ", "upplands-vasby"),
        ("Malung-Sälen", "malung-salen"),
    ],
)
def test_slugify(name, slug):
    assert params.slugify(name) == slug


def test_discover_finds_yml_and_yaml_files_sorted(tmp_path):
    (tmp_path / "b" / "2025").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "2025" / "nämnd.yml").write_text("x: 1")
    (tmp_path / "a" / "nämnd.yaml").write_text("x: 1")
    (tmp_path / "a" / "läsmig.md").write_text("x")
    (tmp_path / "a" / "mapp.yml").mkdir()  # a folder is not a parameter file
    assert params.discover(tmp_path) == [
        tmp_path / "a" / "nämnd.yaml",
        tmp_path / "b" / "2025" / "nämnd.yml",
    ]


def test_discover_defaults_to_params_under_the_project_root(tmp_path, monkeypatch):
    monkeypatch.setenv("INSYN_ROOT", str(tmp_path))
    (tmp_path / "params" / "kommun" / "2025").mkdir(parents=True)
    (tmp_path / "params" / "kommun" / "2025" / "sn.yml").write_text("x: 1")
    assert params.discover() == [tmp_path / "params" / "kommun" / "2025" / "sn.yml"]


def test_shipped_parameter_files_are_valid():
    found = params.discover()
    assert found, "params/ ska innehålla minst en parameterfil"
    for path in found:
        params.load_params(path)  # raises ParameterError with every problem otherwise


# --- the kommun's logotype -----------------------------------------------------------------------


def test_logotype_is_a_build_key_relative_to_the_root():
    ps = params.load_params(paths.params_dir() / "exempelstad" / "2025" / "socialnamnden.yml")
    assert ps.logo == "params/exempelstad/logotyp.svg"
    assert (paths.resolve(ps.logo)).is_file()
    assert "logotyp" not in ps.notebook_parameters(REPORT)


def test_logotype_defaults_to_none():
    assert params.load_params(FIXTURES / "valid.yml").logo == ""


@pytest.mark.parametrize(
    ("name", "message", "value"),
    [
        ("logo_missing.yml", "logotypen finns inte", "params/exempelstad/saknas.svg"),
        ("logo_not_an_image.yml", "logotypen ska vara en SVG-, PNG- eller JPEG-fil", "README.md"),
    ],
)
def test_logotype_must_be_an_existing_image(name, message, value):
    [problem] = problems_of(name)
    assert (problem.message, problem.key, problem.value) == (message, "logotyp", value)
    assert problem.file == shown(name)


def test_unknown_key_close_to_a_known_one_suggests_it():
    [problem] = problems_of("unknown_key.yml")  # gräns_placering
    assert problem.hint == "menade du 'gräns_placeringar'?"


def test_keys_typed_on_a_mac_in_decomposed_form_are_known(tmp_path):
    valid = (FIXTURES / "valid.yml").read_text(encoding="utf-8")
    decomposed = valid.replace("nämnd:", "na\u0308mnd:").replace("år:", "a\u030ar:")
    assert "nämnd:" not in decomposed
    path = tmp_path / "mac.yml"
    path.write_text(decomposed, encoding="utf-8")
    assert params.load_params(path).values == params.load_params(FIXTURES / "valid.yml").values


def test_minsta_antal_is_a_notebook_parameter_and_may_not_be_negative(tmp_path):
    valid = (FIXTURES / "valid.yml").read_text(encoding="utf-8")
    path = tmp_path / "p.yml"
    path.write_text(valid + "minsta_antal: 3\n", encoding="utf-8")
    assert params.load_params(path).values["minsta_antal"] == 3
    path.write_text(valid + "minsta_antal: -1\n", encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        params.load_params(path)
    [problem] = caught.value.problems
    assert (problem.key, problem.value) == ("minsta_antal", "-1")
    assert "negativ" in problem.message


def test_a_long_name_gives_a_short_folder_name_that_still_tells_names_apart():
    first = params.slugify("HVB " + "mycket långt namn " * 20 + "A")
    second = params.slugify("HVB " + "mycket långt namn " * 20 + "B")
    assert len(first) <= params.SLUG_LENGTH and len(second) <= params.SLUG_LENGTH
    assert first != second and first.startswith("hvb-mycket-langt-namn")
    assert params.slugify("Vård- och omsorgsnämnden") == "vard-och-omsorgsnamnden"
