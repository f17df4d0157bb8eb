"""insyn.dictionary: the data dictionary is generated from the schemas and committed up to date."""

from __future__ import annotations

from pathlib import Path

from insyn import dictionary
from insyn.schemas import registry

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / dictionary.NAME


def test_committed_dictionary_equals_a_fresh_generation():
    # If this fails, run: .venv/bin/python -m insyn.dictionary (or make datakatalog)
    assert COMMITTED.read_text(encoding="utf-8") == dictionary.render()


def test_every_table_and_column_is_described():
    text = dictionary.render()
    for name, table in registry().items():
        assert f"## {table.title} (`{name}`)" in text
        for column in table.columns.values():
            assert column.description.split("(")[0].strip() in text


def test_column_info_reads_bounds_kinds_and_rules_from_the_schema():
    surveys = {i.name: i for i in dictionary.columns_of(registry()["enkater"])}
    assert surveys["tillfrågade"].type_name == "heltal"
    assert surveys["tillfrågade"].minimum == 0 and surveys["tillfrågade"].filled == "ja"
    stated = surveys["angiven_svarsfrekvens"]
    assert (stated.minimum, stated.maximum, stated.unit) == (0, 100, "procent")
    assert stated.filled == "nej"
    assert "unikt i tabellen" in surveys["enkät"].rules
    placements = {i.name: i for i in dictionary.columns_of(registry()["placeringar"])}
    assert "inom rapportperioden" in placements["startdatum"].rules


def test_table_rules_name_keys_references_and_row_checks():
    assert dictionary.table_rules(registry()["kreditupplysningar"]) == [
        "Varje kombination av organisationsnummer, kontrolldatum får bara finnas en gång.",
        "Värdet i organisationsnummer måste finnas i kolumnen organisationsnummer i utforare.",
    ]
    [rule] = dictionary.table_rules(registry()["enkater"])
    assert "fler svarande än tillfrågade" in rule


def test_pipes_in_descriptions_do_not_break_the_table():
    assert dictionary.cell("a | b\nc") == "a \\| b c"
