"""The data dictionary: every input table and column, described from the schemas alone.

The same descriptions go into ``docs/datadictionary.md`` (:func:`render`), the user guide's
"Datakatalog" page (``insyn.guide``), the "Om tabellen" sheet and the header comments of the Excel
templates (``insyn.templates``), so the dictionary, the templates and the validation cannot
disagree. Regenerate the Markdown with
``python -m insyn.dictionary`` (``make datakatalog``); a test fails while it is out of date.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

from insyn import paths
from insyn.schemas import Table, registry

KIND_NAMES = {
    "text": "text",
    "category": "värde ur lista",
    "int": "heltal",
    "float": "decimaltal",
    "date": "datum",
    "bool": "Ja/Nej",
    "orgnr": "organisationsnummer",
}
NAME = "datadictionary.md"


@dataclass(frozen=True)
class ColumnInfo:
    """One column as a person reads it: what it holds, whether it must be filled, its rules."""

    name: str
    title: str
    kind: str
    type_name: str
    description: str
    filled: str  # "ja", "nej" or "kolumnen ja, värdet frivilligt"
    rules: tuple[str, ...]
    allowed: tuple[str, ...]
    minimum: float | None
    maximum: float | None
    unit: str
    example: str


def column_info(name: str, column: pa.Column) -> ColumnInfo:
    meta = column.metadata or {}
    bounds = {k: v for check in column.checks for k, v in (check.statistics or {}).items()}
    rules = []
    if column.unique:
        rules.append("unikt i tabellen")
    if bounds.get("min_value") is not None:
        rules.append(f"minst {bounds['min_value']:g}")
    if bounds.get("max_value") is not None:
        rules.append(f"högst {bounds['max_value']:g}")
    if meta.get("kind") == "orgnr":
        rules.append("kontrollsiffran kontrolleras")
    if meta.get("in_period"):
        rules.append("inom rapportperioden")
    if meta.get("unit"):
        rules.append(f"i {meta['unit']}")
    if not column.required:
        filled = "nej"
    elif column.nullable:
        filled = "kolumnen ja, värdet frivilligt"
    else:
        filled = "ja"
    return ColumnInfo(
        name=name,
        title=column.title or name,
        kind=meta.get("kind", "text"),
        type_name=KIND_NAMES.get(meta.get("kind", "text"), "text"),
        description=column.description or "",
        filled=filled,
        rules=tuple(rules),
        allowed=tuple(meta.get("allowed", ())),
        minimum=bounds.get("min_value"),
        maximum=bounds.get("max_value"),
        unit=meta.get("unit", ""),
        example=str(meta.get("example", "")),
    )


def columns_of(table: Table) -> list[ColumnInfo]:
    return [column_info(name, column) for name, column in table.columns.items()]


def table_rules(table: Table) -> list[str]:
    """Rules that concern more than one cell: keys, references, checks across columns."""
    rules = []
    if len(table.key) > 1:
        rules.append(f"Varje kombination av {', '.join(table.key)} får bara finnas en gång.")
    for column, other, other_column in table.references:
        rules.append(f"Värdet i {column} måste finnas i kolumnen {other_column} i {other}.")
    for check in table.schema.checks:
        if check.error:
            rules.append(f"Ingen rad får ha {check.error}.")
    return rules


def cell(text: str) -> str:
    """Text for a Markdown table cell (a pipe would end the cell)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def render(tables: dict[str, Table] | None = None, *, anchors: bool = False) -> str:
    """The whole dictionary as Markdown, tables in registry order. With ``anchors`` (the user
    guide's page) each table heading gets an id and the page starts with a list of links."""
    tables = tables if tables is not None else registry()
    guide = "indata.md" if anchors else "guide/indata.md"
    lines = [
        "# Datakatalog",
        "",
        "Här beskrivs varje tabell som Insyn läser och varje kolumn i den. Sidan är skapad ur "
        "Insyns scheman, samma beskrivning som kontrollerar underlaget (`python -m "
        "insyn.dictionary`; ändra den inte för hand). Tabellerna läggs i `data/<kommun>/<år>/` "
        "som CSV eller Excel (.xlsx). `insyn mall <år>` skapar en Excel-mall för varje tabell "
        "med samma beskrivningar, och `insyn kontrollera` prövar underlaget mot samma regler. "
        f"Vad som godtas i filerna (avgränsare, teckenkodning, tal och datum) står i "
        f"[Underlaget]({guide}).",
        "",
    ]
    if anchors:
        lines += [f"- [{t.title}](#{t.name}) – `{t.name}`" for t in tables.values()] + [""]
    for table in tables.values():
        anchor = f" {{#{table.name}}}" if anchors else ""
        lines += [f"## {table.title} (`{table.name}`){anchor}", ""]
        lines += [f"Fil: `{table.name}.csv` eller `{table.name}.xlsx`. {table.description}", ""]
        rules = table_rules(table)
        if rules:
            lines += [f"- {rule}" for rule in rules] + [""]
        lines += [
            "| Kolumn | Rubrik | Typ | Ska fyllas i | Regler | Tillåtna värden | Beskrivning |",
            "|---|---|---|---|---|---|---|",
        ]
        for info in columns_of(table):
            lines.append(
                f"| `{info.name}` | {cell(info.title)} | {info.type_name} | {info.filled} | "
                f"{cell(', '.join(info.rules)) or '–'} | "
                f"{cell(', '.join(info.allowed)) or '–'} | {cell(info.description)} |"
            )
        lines.append("")
    return "\n".join(lines)


def write(root=None) -> None:
    from insyn import publish

    target = paths.docs_dir(root) / NAME
    publish.write_file(target, render().encode("utf-8"))


if __name__ == "__main__":
    write()
