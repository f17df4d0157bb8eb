"""insyn.register: who has a granskning, which documents each gets, the strategist's texts.

Most tests read the committed example register (Exempelstad 2025); those that need a broken
register copy it into a temporary folder first and change one thing.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from insyn import build, params
from insyn.errors import DataError, ParameterError, ProblemCollector
from insyn.register import (
    ATERRAPPORTERING,
    DOCUMENTS,
    GRANSKNINGSRAPPORT,
    VARNINGSDOKUMENT,
    Register,
    build_units,
    split_sections,
)

ROOT = Path(__file__).resolve().parents[1]
AT = dt.date(2025, 12, 31)
AUDITED = [
    "Egen Dörr",
    "Fotfästet stödboende",
    "HVB Björkhagen",
    "HVB Ekudden",
    "HVB Kvarnbacken",
    "Kajen stödboende",
    "Mossgården",
    "Ramsvik vårdhem",
]


@pytest.fixture(scope="module")
def register() -> Register:
    return Register.load("data/exempelstad", 2025, AT, root=ROOT)


@pytest.fixture
def copied(tmp_path) -> Path:
    """A root with a copy of the example's 2025 folder in ``kommun/2025``."""
    shutil.copytree(ROOT / "data" / "exempelstad" / "2025", tmp_path / "kommun" / "2025")
    return tmp_path


def units_of(provider: str, reports=DOCUMENTS, root: Path = ROOT, folder="data/exempelstad"):
    return build_units(folder, 2025, provider, reports, AT, "granskningar.yml", root)


# --- who --------------------------------------------------------------------------------
def test_providers_are_the_audited_verksamheter(register):
    assert register.providers() == AUDITED


def test_resolve_alla_a_verksamhet_or_a_company(register):
    assert register.resolve("alla") == AUDITED
    assert register.resolve("  mossgården ") == ["Mossgården"]
    # Ekudden Terapi AB runs two verksamheter; only HVB Ekudden has a granskning
    assert register.resolve("Ekudden Terapi AB") == ["HVB Ekudden"]
    assert register.resolve("Ankaret familjehem") == []  # in utforare, never audited
    assert register.resolve("Finns inte AB") == []


# --- what ---------------------------------------------------------------------------------
def test_documents_depend_on_the_register(register):
    assert register.documents_for("Mossgården") == DOCUMENTS  # all three
    assert register.documents_for("Ramsvik vårdhem") == (GRANSKNINGSRAPPORT, ATERRAPPORTERING)
    assert register.documents_for("HVB Björkhagen") == (GRANSKNINGSRAPPORT,)
    assert register.documents_for("Ankaret familjehem") == ()


def test_a_follow_up_after_the_report_date_gives_no_aterrapportering_yet():
    early = Register.load("data/exempelstad", 2025, dt.date(2025, 6, 1), root=ROOT)
    assert ATERRAPPORTERING not in early.documents_for("Egen Dörr")  # reported 19 June
    assert ATERRAPPORTERING in early.documents_for("Ramsvik vårdhem")


def test_the_granskningsrapport_is_about_the_latest_granskning(register):
    latest = register.latest_granskning("Ramsvik vårdhem")
    assert (latest["granskning"], latest["typ"], latest["sammanvägd"]) == (
        "G25-01",
        "Uppföljande",
        "Röd",
    )


def test_brister_carry_verksamhet_status_and_overdue(register):
    rows = register.brister_of("Mossgården").set_index("brist")
    assert len(rows) == 6
    assert rows.loc["BR08", "status_vid_rapportdatum"] == "Åtgärdad"
    assert not rows.loc["BR08", "försenad"]
    assert rows.loc["BR12", "status_vid_rapportdatum"] == "Öppen"
    assert rows.loc["BR12", "försenad"]


def test_the_varning_and_the_termination(register):
    warning = register.warning_of("Mossgården")
    assert (warning["beslut"], warning["senast_åtgärdat"].date()) == ("BS02", dt.date(2026, 1, 31))
    assert register.warning_of("Kajen stödboende") is None
    ending = register.termination_of("Ramsvik vårdhem")
    assert ending["avtal_upphör"].date() == dt.date(2025, 5, 31)


def test_the_rule_proposes_a_varning_only_where_no_beslut_answers_it(register):
    proposed = register.proposed_warnings()
    assert sorted(set(proposed["verksamhet"])) == ["Kajen stödboende"]


# --- texts ----------------------------------------------------------------------------------
def test_split_sections():
    text = "# Titel\n\nIngress\n\n## Syfte\n\nAtt se.\n\n## Analys ##\nA\n\n### Del\nB\n"
    assert split_sections(text) == {"Syfte": "Att se.", "Analys": "A\n\n### Del\nB"}


def test_sections_of_the_example(register):
    problems = ProblemCollector()
    sections = register.read_sections("Mossgården", VARNINGSDOKUMENT, problems)
    assert list(sections) == [
        "Sammanfattning",
        "Ekonomiska konsekvenser",
        "Konsekvenser för barn",
        "Bilagor",
    ]
    assert not problems.problems


def test_a_missing_or_unknown_section_is_named_with_the_file(copied):
    path = copied / "kommun" / "2025" / "text" / "utforare" / "mossgarden" / "G25-04.md"
    text = path.read_text(encoding="utf-8").replace("## Syfte", "## Syftet")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        units_of("Mossgården", root=copied, folder="kommun")
    described = [p.describe() for p in caught.value.problems]
    assert any("G25-04.md" in d and "'## Syfte' saknas" in d for d in described)
    assert any("G25-04.md" in d and "okänt avsnitt '## Syftet'" in d for d in described)


def test_a_missing_text_file_stops_the_build(copied):
    (copied / "kommun" / "2025" / "text" / "utforare" / "mossgarden" / "BS02.md").unlink()
    with pytest.raises(DataError, match=r"BS02\.md.*textfilen saknas"):
        units_of("Mossgården", root=copied, folder="kommun")


def test_html_and_personnummer_in_a_text_are_refused(copied):
    path = copied / "kommun" / "2025" / "text" / "utforare" / "kajen-stodboende" / "G25-05.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n<script>x</script> 19121212-1212\n", "utf-8"
    )
    with pytest.raises(DataError) as caught:
        units_of("Kajen stödboende", root=copied, folder="kommun")
    messages = " ".join(p.message for p in caught.value.problems)
    assert "HTML" in messages and "personnummer" in messages


# --- build units ------------------------------------------------------------------------------
def test_alla_gives_one_unit_per_audited_verksamhet_with_its_documents():
    units = dict(units_of("alla"))
    assert list(units) == AUDITED
    assert units["Mossgården"] == (GRANSKNINGSRAPPORT, VARNINGSDOKUMENT, ATERRAPPORTERING)
    assert units["Egen Dörr"] == (GRANSKNINGSRAPPORT, ATERRAPPORTERING)
    assert units["Fotfästet stödboende"] == (GRANSKNINGSRAPPORT,)


def test_only_requested_documents_that_apply_are_built():
    assert units_of("alla", reports=(VARNINGSDOKUMENT,)) == [("Mossgården", ("varning",))]


def test_a_provider_without_granskning_is_a_clear_parameter_error():
    with pytest.raises(ParameterError) as caught:
        units_of("Ankaret familjehem")
    [problem] = caught.value.problems
    assert problem.message == "Ankaret familjehem har ingen granskning i registret för 2025"
    assert (problem.file, problem.key, problem.value) == (
        "granskningar.yml",
        "utförare",
        "Ankaret familjehem",
    )
    assert "Mossgården" in problem.hint
    assert caught.value.exit_code == 2


def test_an_unknown_provider_is_named_as_unknown():
    with pytest.raises(ParameterError, match="Finns inte AB finns inte i utforare för 2025"):
        units_of("Finns inte AB")


def test_a_named_document_that_does_not_apply_is_an_error():
    with pytest.raises(ParameterError, match="inget av dokumenten varning gäller"):
        units_of("HVB Björkhagen", reports=(VARNINGSDOKUMENT,))


# --- through params.expand and build.build_file -----------------------------------------------
def write_params(tmp_path: Path, **values: str) -> Path:
    lines = {
        "rapporter": "[granskningsrapport, varning, aterrapportering]",
        "kommun": "Exempelstad",
        "nämnd": "Socialnämnden",
        "år": "2025",
        "datamapp": "data/exempelstad",
        **values,
    }
    path = tmp_path / "provider.yml"
    path.write_text("".join(f"{k}: {v}\n" for k, v in lines.items()), encoding="utf-8")
    return path


def test_expand_gives_each_verksamhet_its_own_output_folder(tmp_path):
    ps = params.load_params(write_params(tmp_path, utförare="alla"))
    units = params.expand(ps)
    assert [u.slug for u in units][:2] == [
        "exempelstad/2025/utforare/egen-dorr",
        "exempelstad/2025/utforare/fotfastet-stodboende",
    ]
    assert len({u.slug for u in units}) == len(AUDITED)
    assert all(u.values["utförare"] in AUDITED for u in units)
    assert all("socialnamnden" not in u.slug for u in units)


def test_a_set_without_utforare_is_not_expanded():
    ps = params.load_params(ROOT / "params" / "exempelstad" / "2025" / "socialnamnden.yml")
    assert params.expand(ps) == [ps]


def test_per_provider_reports_need_utforare_and_go_alone(tmp_path):
    ps = params.load_params(write_params(tmp_path))
    with pytest.raises(ParameterError, match="'utförare' saknas"):
        params.expand(ps)
    mixed = write_params(
        tmp_path, rapporter="[granskningsrapport, kontroll-och-uppfoljning]", utförare="alla"
    )
    with pytest.raises(ParameterError, match="kan inte byggas per utförare"):
        params.expand(params.load_params(mixed))


def test_build_file_for_a_provider_without_granskning_writes_nothing(tmp_path):
    site = tmp_path / "site"
    [result] = build.build_file(
        write_params(tmp_path, utförare="Ankaret familjehem"), site=site, force=True
    )
    assert (result.status, result.exit_code) == (build.FAILED, 2)
    assert "Ankaret familjehem har ingen granskning i registret för 2025" in result.error
    assert not site.exists()


def test_build_one_builds_a_single_unit_and_refuses_alla(tmp_path):
    result = build.build_one(write_params(tmp_path, utförare="alla"), site=tmp_path / "site")
    assert (result.status, result.exit_code) == (build.FAILED, 2)
    assert "ger 8 byggen" in result.error
    assert not (tmp_path / "site").exists()
