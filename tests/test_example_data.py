"""The fictional example municipality: deterministic, committed in sync, valid and consistent."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from stdnum.se import orgnr

from insyn.examples import kontroll as example_data
from insyn.examples import kvalitet as kvalitet_example
from insyn.examples import register as register_example

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "data" / example_data.DEFAULT_SLUG
YEARS = example_data.DEFAULT_YEARS
PERSONNUMMER_SHAPE = re.compile(r"\b(19|20)?[0-9]{6}[-+][0-9]{4}\b")
# every report's example generator, with a table whose content depends on the seed
GENERATORS = {
    "kontroll": (example_data, "placeringar.csv"),
    "kvalitet": (kvalitet_example, "oppna_jamforelser.csv"),
    "register": (register_example, None),  # fully scripted: no seed to vary
}


@pytest.fixture(scope="module", params=example_data.EXAMPLES, ids=lambda e: e[1])
def generated(request, tmp_path_factory) -> Path:
    """A fresh generation of each committed example kommun (kontroll); returns its folder."""
    kommun, slug, seed = request.param
    root = tmp_path_factory.mktemp("exempel")
    example_data.write_example(root, slug, seed=seed, kommun=kommun)
    return root / "data" / slug


def files_below(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def table(folder: Path, year: int, name: str) -> list[dict[str, str]]:
    with (folder / str(year) / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module", params=list(GENERATORS))
def every(request, tmp_path_factory):
    """Each generator, its seeded table and a fresh generation's kommun folder."""
    generator, seeded = GENERATORS[request.param]
    root = tmp_path_factory.mktemp(request.param)
    generator.write_example(root)
    return generator, seeded, root / "data" / generator.DEFAULT_SLUG


def test_same_arguments_give_byte_identical_files(tmp_path, every):
    generator, _, _ = every
    first = generator.write_example(tmp_path / "a")
    second = generator.write_example(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    assert files_below(tmp_path / "a") == files_below(tmp_path / "b")


def test_another_seed_gives_other_data(tmp_path, every):
    generator, seeded, _ = every
    if seeded is None:
        pytest.skip("this generator is scripted and takes no seed")
    generator.write_example(tmp_path / "a")
    generator.write_example(tmp_path / "b", seed=7)
    name = f"data/{generator.DEFAULT_SLUG}/2025/{seeded}"
    assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "b" / name).read_bytes()


def test_committed_example_equals_a_fresh_generation(every):
    # the year folders hold every report's example files: compare the ones this one writes
    generator, _, fresh_folder = every
    committed = files_below(COMMITTED)
    fresh = files_below(fresh_folder)
    command = f"python -m {generator.__name__}"
    assert set(fresh) <= set(committed), f"kör: {command}"
    changed = [name for name in fresh if committed[name] != fresh[name]]
    assert not changed, f"ändrade för hand, kör {command}: {changed}"


def test_every_committed_kontroll_example_equals_a_fresh_generation(generated):
    committed = files_below(ROOT / "data" / generated.name)
    fresh = files_below(generated)
    assert set(fresh) <= set(committed), "kör: python -m insyn.examples.kontroll"
    changed = [name for name in fresh if committed[name] != fresh[name]]
    assert not changed, f"ändrade för hand, kör python -m insyn.examples.kontroll: {changed}"


def test_each_example_names_its_own_kommun(generated):
    kommun = next(k for k, slug, _ in example_data.EXAMPLES if slug == generated.name)
    others = [k for k, _, _ in example_data.EXAMPLES if k != kommun]
    text = (generated / "2025" / "text" / "bakgrund.md").read_text(encoding="utf-8")
    assert f"Socialnämnden i {kommun}" in text
    assert not any(other in text for other in others)


def test_files_are_utf8_without_bom_and_with_unix_line_endings(every):
    for name, content in files_below(every[2]).items():
        assert not content.startswith(b"\xef\xbb\xbf"), name
        assert b"\r" not in content, name
        assert content.endswith(b"\n"), name
        content.decode("utf-8")


def test_every_organisationsnummer_is_valid_and_without_hyphen(generated):
    for year in YEARS:
        numbers = [row["organisationsnummer"] for row in table(generated, year, "utforare")]
        numbers += [r["organisationsnummer"] for r in table(generated, year, "kreditupplysningar")]
        for number in numbers:
            assert re.fullmatch(r"559[0-9]{7}", number), number
            assert orgnr.is_valid(number), number


def test_references_keys_and_dates_are_consistent(generated):
    for year in YEARS:
        units = table(generated, year, "utforare")
        names = [row["verksamhet"] for row in units]
        assert len(names) == len(set(names))
        for row in units:
            assert dt.date.fromisoformat(row["avtal_start"]) <= dt.date(year, 12, 31)
        placements = table(generated, year, "placeringar")
        ids = [row["placering"] for row in placements]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(rf"P{year % 100:02d}-[0-9]{{4}}", i) for i in ids)
        dated = {
            "placeringar": "startdatum",
            "ivo_beslut": "beslutsdatum",
            "lex_sarah": "rapportdatum",
            "avvikelser": "datum",
            "utfall": "datum",
        }
        for name, column in dated.items():
            for row in table(generated, year, name):
                assert row["verksamhet"] in names, (year, name, row)
                assert dt.date.fromisoformat(row[column]).year == year, (year, name, row)
        companies = {row["organisationsnummer"] for row in units}
        for row in table(generated, year, "kreditupplysningar"):
            assert row["organisationsnummer"] in companies
            assert dt.date.fromisoformat(row["kontrolldatum"]).year == year
            assert 0 <= int(row["rating"]) <= 100


def test_placements_match_the_units_avtalsomrade(generated):
    for year in YEARS:
        area = {
            row["verksamhet"]: row["avtalsområde"] for row in table(generated, year, "utforare")
        }
        for row in table(generated, year, "placeringar"):
            assert row["insats"] == example_data.INSATS[area[row["verksamhet"]]]


def sample(folder: Path, year: int) -> dict[str, int]:
    counts = Counter(row["verksamhet"] for row in table(folder, year, "placeringar"))
    return {unit: n for unit, n in counts.items() if n > 2}


def test_sample_size_and_totals(generated):
    assert 10 <= len(sample(generated, 2025)) <= 14
    totals = [len(table(generated, year, "placeringar")) for year in YEARS]
    assert all(250 <= total <= 350 for total in totals)
    assert totals[0] != totals[1]


def test_surveys_count_and_one_stated_rate_disagrees_in_2024(generated):
    disagreements = {}
    for year in YEARS:
        for row in table(generated, year, "enkater"):
            asked, answered = int(row["tillfrågade"]), int(row["svarande"])
            assert 0 <= answered <= asked
            stated = row["angiven_svarsfrekvens"]
            if stated and abs(100 * answered / asked - float(stated)) > 1:
                disagreements[(year, row["enkät"])] = stated
    assert list(disagreements) == [(2024, "Socialsekreterare")]


def test_the_fordjupad_text_is_about_a_sampled_verksamhet(generated):
    for year in YEARS:
        text = (generated / str(year) / "text" / "fordjupad.md").read_text(encoding="utf-8")
        assert any(unit in text for unit in sample(generated, year)), year


def test_no_personnummer_shape_anywhere_under_data():
    for path in (ROOT / "data").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not PERSONNUMMER_SHAPE.search(text), path
