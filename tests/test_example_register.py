"""The example register (Exempelstad 2025): deterministic, committed in sync, and rich enough to
show every document: ≥ 6 audited providers in two avtalsområden, every kvalitetsnivå, a varning
with ≥ 5 breached avtalspunkter, an återrapportering whose agreement ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from insyn.examples import register as example
from insyn.register import ATERRAPPORTERING, VARNINGSDOKUMENT, Register

ROOT = Path(__file__).resolve().parents[1]
KOMMUN = ROOT / "data" / "exempelstad"


def files_below(folder: Path, names: list[str]) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in names}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("exempel")
    folder = root / "data" / "exempelstad"
    paths = example.write_example(root)
    return folder, [p.relative_to(folder).as_posix() for p in paths]


@pytest.fixture(scope="module")
def register() -> Register:
    return Register.load("data/exempelstad", 2025, dt.date(2025, 12, 31), root=ROOT)


def test_same_call_gives_byte_identical_files(written, tmp_path):
    folder, names = written
    again = example.write_example(tmp_path)
    assert [p.relative_to(tmp_path / "data" / "exempelstad").as_posix() for p in again] == names
    assert files_below(tmp_path / "data" / "exempelstad", names) == files_below(folder, names)


def test_committed_example_equals_a_fresh_generation(written):
    folder, names = written
    changed = [n for n in names if (KOMMUN / n).read_bytes() != (folder / n).read_bytes()]
    assert not changed, f"kör: python -m insyn.examples.register ({changed})"


def test_no_stray_text_folders_beside_the_generated_ones(written):
    _, names = written
    texts = KOMMUN / "2025" / "text" / "utforare"
    committed = {p.relative_to(KOMMUN).as_posix() for p in texts.rglob("*") if p.is_file()}
    assert committed == {n for n in names if n.startswith("2025/text/utforare/")}


def test_six_or_more_providers_in_two_avtalsomraden(register):
    providers = register.providers()
    assert len(providers) >= 6
    areas = {register.unit(p)["avtalsområde"] for p in providers}
    assert len(areas) == 2
    assert all(sum(register.unit(p)["avtalsområde"] == a for p in providers) >= 3 for a in areas)


def test_every_colour_in_the_areas_and_in_the_overall_assessments(register):
    assert set(register["bedomningar"]["kvalitetsnivå"]) == {"Grön", "Gul", "Röd"}
    overall = {register.latest_granskning(p)["sammanvägd"] for p in register.providers()}
    assert overall == {"Grön", "Gul", "Röd"}


def test_a_varning_with_five_or_more_breached_terms_and_a_deadline(register):
    warned = [p for p in register.providers() if VARNINGSDOKUMENT in register.documents_for(p)]
    assert warned
    for provider in warned:
        warning = register.warning_of(provider)
        brister = register.brister_of(provider, [warning["granskning"]])
        assert len(brister) >= 5
        assert warning["senast_åtgärdat"] > warning["beslutsdatum"]


def test_an_aterrapportering_whose_agreement_ends(register):
    followed = [p for p in register.providers() if ATERRAPPORTERING in register.documents_for(p)]
    ending = [p for p in followed if register.termination_of(p) is not None]
    assert ending
    for provider in ending:
        assert len(register.granskningar_of(provider)) >= 2  # earlier audits to report


def test_the_rule_has_something_to_propose_and_something_overdue(register):
    assert not register.proposed_warnings().empty
    assert register.brister()["försenad"].any()


def test_a_company_audited_in_only_one_of_its_verksamheter(register):
    units = register["utforare"]
    ekudden = units[units["utförare"] == "Ekudden Terapi AB"]["verksamhet"].tolist()
    assert len(ekudden) == 2
    assert register.resolve("Ekudden Terapi AB") == ["HVB Ekudden"]


def test_the_generator_refuses_a_verksamhet_not_in_utforare(monkeypatch):
    from insyn.examples import register_scenario

    first = register_scenario.GRANSKNINGAR[0]
    fake = type(first)(**{**first.__dict__, "unit": "Påhittat HVB"})
    monkeypatch.setattr(example, "GRANSKNINGAR", (fake,))
    with pytest.raises(ValueError, match="Påhittat HVB"):
        example.check_units()
