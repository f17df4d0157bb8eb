"""Reading a table file (CSV or Excel) into rows of text, as Swedish offices save them.

A :class:`Grid` is what the file holds before any column is interpreted: the header as written,
and every data row as text with the row number a person sees in Excel. Reading takes care of
everything that is about the *file*: its size, what kind of file it really is, its character
encoding (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode-text", Windows-1252), the CSV
separator (``;``, ``,``, tab or ``|``, chosen by which one gives the table's column names), title
rows above the header, trailing empty rows and columns, the data sheet of a workbook, formula
errors and formulas without a saved value, and merged cells. Problems that concern the whole file
raise :class:`~insyn.errors.DataError`; problems in single rows are kept in ``Grid.problems``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

from insyn.cells import clean_text
from insyn.errors import DataError, Problem

MAX_BYTES = 10 * 1024 * 1024  # ≈ 240 000 rows: 12 s, 300 MB to validate (bench_intake.py)
MAX_UNPACKED = 10 * MAX_BYTES  # an .xlsx is a zip: its unpacked sheets are bounded too
HEADER_SEARCH = 10  # title rows above the header that are looked past
SEPARATORS = (";", ",", "\t", "|")
SEPARATOR_NAMES = {";": "semikolon", ",": "komma", "\t": "tabb", "|": "lodstreck"}
SUSPICIOUS = "ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•˜™š›œžŸ"  # cp1252 signs that sit between letters in DOS text
_BETWEEN_LETTERS = re.compile(rf"[^\W\d_][{SUSPICIOUS}][^\W\d_]")
_SIGNATURES = {
    b"PK\x03\x04": "en Excel-arbetsbok (.xlsx) eller annan zip-fil",
    b"\xd0\xcf\x11\xe0": "en arbetsbok i Excels gamla format (.xls) eller en lösenordsskyddad fil",
    b"%PDF": "en PDF-fil",
    b"{\\rtf": "ett Word-dokument (RTF)",
}


@dataclass
class Grid:
    """A table's cells as text: the header as written and each data row with its row number."""

    header: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]
    sheet: str | None = None
    encoding: str | None = None
    separator: str | None = None
    problems: list[Problem] = field(default_factory=list)
    formulas: dict[int, list[str]] = field(default_factory=dict)  # Excel: row -> formula texts


def normalise_name(name: str) -> str:
    """A column name reduced for forgiving matching: case, spaces, dashes and å/ä/ö dropped."""
    text = unicodedata.normalize("NFKD", str(name).strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch for ch in text if ch.isalnum())


def loose_name(name: str) -> str:
    """Also forgives å/ä/ö spelled out as ``aa``, ``ae``, ``oe`` (``tillfraagade``)."""
    text = normalise_name(name)
    for spelled, letter in (("aa", "a"), ("ae", "a"), ("oe", "o")):
        text = text.replace(spelled, letter)
    return text


def column_letter(index: int) -> str:
    """0 → ``A``, 26 → ``AA``: how Excel names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_grid(path: Path, shown: str, known: Iterable[str], sheet: str | None = None) -> Grid:
    """The file at ``path`` as a Grid; ``known`` are the table's column names (for finding the
    separator, the header row and the data sheet). Raises DataError for file-level problems."""
    keys = {loose_name(name) for name in known}
    check_size(path, shown)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path, shown, keys, sheet)
    return read_csv(path, shown, keys)


def file_problem(message: str, shown: str, hint: str | None = None, **where) -> DataError:
    return DataError(Problem(message, file=shown, hint=hint, **where))


def size_text(size: int, decimals: int | None = None) -> str:
    """``52428800`` → ``50 MB``, ``1536`` → ``1,5 kB``: Swedish format, one decimal below 10."""
    from insyn import formats

    amount, unit = (size / 1024 / 1024, "MB") if size >= 1024 * 1024 else (size / 1024, "kB")
    if decimals is None:
        decimals = 1 if amount < 10 else 0
    return f"{formats.number(amount, decimals)} {unit}"


def too_big(size: int, limit: int) -> str:
    """``50 MB; högst 20 MB``, with as many decimals as it takes to tell the two apart."""
    unit = 1024 * 1024 if size >= 1024 * 1024 else 1024
    decimals = next((d for d in (0, 1, 2, 3) if round(size / unit, d) > limit / unit), 3)
    return f"{size_text(size, decimals)}; högst {size_text(limit)}"


def check_size(path: Path, shown: str) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise file_problem(
            f"filen är för stor ({too_big(size, MAX_BYTES)})",
            shown,
            "ta bort rader och kolumner som inte hör till tabellen, eller dela upp filen",
        )


# --- CSV -----------------------------------------------------------------------------------------


def read_csv(path: Path, shown: str, keys: set[str]) -> Grid:
    raw = path.read_bytes()
    for signature, kind in _SIGNATURES.items():
        if raw.startswith(signature):
            raise file_problem(
                f"filen är {kind}, inte en CSV-fil",
                shown,
                "spara tabellen som CSV (semikolonavgränsad) eller som .xlsx med rätt ändelse",
            )
    text, encoding = decode(raw, shown)
    if not text.strip():
        raise file_problem("filen är tom", shown, "exportera tabellen på nytt")
    separator = choose_separator(text, keys)
    records = parse_records(text, separator, shown)
    grid = build_grid(enumerate(records, start=1), keys, shown)
    grid.encoding, grid.separator = encoding, separator
    if not any(loose_name(h) in keys for h in grid.header):
        raise no_known_columns(grid, shown, text)
    return grid


def decode(raw: bytes, shown: str) -> tuple[str, str]:
    """The file's text and its encoding: UTF-8 (± BOM), UTF-16 with BOM, else Windows-1252.

    A file that is neither (a DOS code page, a binary file) is an error naming the file: guessing
    would put the wrong letters in a public report.
    """
    if raw.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in raw[:4096]:
        raise file_problem(
            "filen innehåller binära data och är ingen textfil",
            shown,
            "spara tabellen som CSV UTF-8 eller som Excel-arbetsbok (.xlsx)",
        )
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252" and _BETWEEN_LETTERS.search(text):
            break  # decodes, but å/ä/ö come out as † „ ” : a DOS code page
        return text.lstrip("\ufeff"), encoding
    raise file_problem(
        "filens teckenkodning känns inte igen (varken UTF-8 eller Windows-1252)",
        shown,
        "spara filen i Excel som 'CSV UTF-8 (kommaavgränsad)' eller som .xlsx",
    )


def choose_separator(text: str, keys: set[str]) -> str:
    """The separator whose split of the first lines gives most of the table's column names,
    then the most rows of the header's width; ties go to ``;`` (Swedish Excel) first."""
    sample = "\n".join(text.splitlines()[: HEADER_SEARCH + 20])

    def score(separator: str) -> tuple[int, int, int]:
        try:
            records = [r for r in csv.reader(io.StringIO(sample), delimiter=separator) if r]
        except csv.Error:
            return (0, 0, 0)
        if not records:
            return (0, 0, 0)
        matches = [sum(loose_name(c) in keys for c in r) for r in records[:HEADER_SEARCH]]
        best = max(range(len(matches)), key=lambda i: (matches[i], -i))
        width = len(records[best])
        same_width = sum(len(r) == width for r in records[best:])
        return (matches[best], same_width, width)

    return max(SEPARATORS, key=lambda s: (score(s), -SEPARATORS.index(s)))


def parse_records(text: str, separator: str, shown: str) -> list[list[str]]:
    """Every record of the CSV text; a quoting error is a problem with its row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        raise file_problem(
            'ett citattecken (") är inte avslutat eller står fel',
            shown,
            "kontrollera citattecknen på raden; text med citattecken ska omges av citattecken "
            'och dubbla dem ("")',
            row=len(records) + 1,
            value=str(exc),
        ) from None
    return records


def no_known_columns(grid: Grid, shown: str, text: str) -> DataError:
    """The header has none of the table's columns: most often the wrong separator."""
    first = text.strip().splitlines()[0][:80]
    if len(grid.header) <= 1:
        message = (
            "hittar inga av tabellens kolumner: filen verkar inte vara avgränsad med semikolon, "
            "komma eller tabb"
        )
        hint = "exportera som CSV med semikolon (;) mellan kolumnerna"
    else:
        message = "rubrikraden har inga av tabellens kolumner"
        hint = "första raden ska vara kolumnrubrikerna; se mallen (insyn mall) eller datakatalogen"
    return file_problem(message, shown, hint, row=grid.header_row, value=first)


# --- Excel ---------------------------------------------------------------------------------------


def read_xlsx(path: Path, shown: str, keys: set[str], sheet: str | None) -> Grid:
    import openpyxl

    check_workbook(path, shown)
    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise file_problem(
            "arbetsboken kan inte öppnas",
            shown,
            "öppna filen i Excel och spara den som Excel-arbetsbok (.xlsx)",
            value=f"{type(exc).__name__}: {exc}"[:120],
        ) from None
    try:
        name = choose_sheet(values, keys, sheet, shown)
        grid = build_grid(excel_rows(values[name], formulas[name]), keys, shown)
        grid.sheet = name
        grid.problems = [replace(p, sheet=name) for p in grid.problems]
        grid.problems += formula_problems(grid, shown)
        grid.problems += merged_problems(path, values[name], grid, shown)
    finally:
        values.close()
        formulas.close()
    if not any(loose_name(h) in keys for h in grid.header):
        raise file_problem(
            "bladet har inga av tabellens kolumner",
            shown,
            "första raden ska vara kolumnrubrikerna; se mallen (insyn mall)",
            sheet=name,
            row=grid.header_row,
            value=", ".join(h for h in grid.header if h)[:80] or None,
        )
    return grid


def check_workbook(path: Path, shown: str) -> None:
    """A real .xlsx: a zip whose unpacked sheets are not enormous (a zip bomb is refused)."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head.startswith(b"PK\x03\x04"):
        kind = next((k for s, k in _SIGNATURES.items() if head.startswith(s)), "en textfil")
        raise file_problem(
            f"filen heter .xlsx men är {kind}",
            shown,
            "spara filen som Excel-arbetsbok (.xlsx), eller ge en CSV-fil ändelsen .csv",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise file_problem(
            "arbetsboken är skadad", shown, "öppna den i Excel och spara den på nytt"
        ) from None
    if unpacked > MAX_UNPACKED:
        raise file_problem(
            f"arbetsboken är för stor uppackad ({too_big(unpacked, MAX_UNPACKED)})",
            shown,
            "ta bort blad, rader och bilder som inte hör till tabellen",
        )


def choose_sheet(workbook, keys: set[str], wanted: str | None, shown: str) -> str:
    """The named sheet; else a sheet named like the table; else the first whose header has the
    table's columns; else the first sheet."""
    names = workbook.sheetnames
    if wanted:
        if wanted not in names:
            raise file_problem(
                f"bladet {wanted!r} saknas i arbetsboken",
                shown,
                f"arbetsboken har bladen: {', '.join(names)}",
            )
        return wanted
    for name in names:
        if loose_name(Path(shown).stem) == loose_name(name):
            return name
    for name in names:
        if workbook[name].sheet_state != "visible":
            continue
        for row in workbook[name].iter_rows(max_row=HEADER_SEARCH, values_only=True):
            if any(isinstance(v, str) and loose_name(v) in keys for v in row):
                return name
    return names[0]


def excel_rows(values_sheet, formula_sheet) -> Iterator[tuple[int, list[str], list[str]]]:
    """(row number, texts, formulas) of every row; a formula is "" where the cell has none."""
    pairs = zip(values_sheet.iter_rows(), formula_sheet.iter_rows(), strict=False)
    for number, (cells, raw) in enumerate(pairs, start=1):
        texts = [excel_text(cell) for cell in cells]
        found = [
            str(c.value) if getattr(c, "data_type", "") == "f" and c.value else "" for c in raw
        ]
        yield number, texts, found


def excel_text(cell) -> str:
    """An Excel cell as the text a CSV export would hold (numbers with decimal comma)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        if "%" in (getattr(cell, "number_format", "") or ""):
            return f"{number_text(value * 100)} %"
        return number_text(value)
    return str(value)


def number_text(value: float) -> str:
    """``21.0`` → ``21``, ``47.6`` → ``47,6``: at most 15 significant digits, as Excel keeps."""
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def formula_problems(grid: Grid, shown: str) -> list[Problem]:
    """Formulas without a saved value (the file was written by a program, never by Excel)."""
    problems = []
    for number, cells in grid.rows:
        for index, formula in enumerate(grid.formulas.get(number, [])[: len(cells)]):
            if formula and not cells[index]:
                problems.append(
                    Problem(
                        "cellen har en formel men inget sparat värde",
                        file=shown,
                        sheet=grid.sheet,
                        row=number,
                        column=grid.header[index] or column_letter(index),
                        value=formula[:60],
                        hint="öppna filen i Excel och spara den, eller klistra in som värden",
                    )
                )
    return problems


def merged_problems(path: Path, sheet, grid: Grid, shown: str) -> list[Problem]:
    """Merged cells in the header or the data: a merged cell holds its value only in its first
    cell, so the others would silently read as empty."""
    part = getattr(sheet, "_worksheet_path", None)
    if not part:
        return []
    ranges = []
    with zipfile.ZipFile(path) as archive, archive.open(part) as xml:
        for _event, element in ElementTree.iterparse(xml):
            if element.tag.endswith("}mergeCell"):
                ranges.append(element.get("ref", ""))
            element.clear()
    problems = []
    for ref in ranges:
        first_row = int(re.sub(r"\D", "", ref.split(":")[0]) or 0)
        last_row = int(re.sub(r"\D", "", ref.split(":")[-1]) or 0)
        in_header = first_row <= grid.header_row <= last_row
        if last_row < grid.header_row and not in_header:
            continue  # a merged title above the header does no harm
        problems.append(
            Problem(
                "rubrikraden har sammanfogade celler" if in_header else "sammanfogade celler",
                file=shown,
                sheet=grid.sheet,
                row=first_row,
                value=ref,
                hint="dela upp de sammanfogade cellerna (Excel: Start → Koppla och centrera av) "
                "så att varje kolumn har en egen rubrik och varje cell sitt eget värde",
            )
        )
    return problems


# --- both ----------------------------------------------------------------------------------------


def build_grid(numbered: Iterable[tuple], keys: set[str], shown: str) -> Grid:
    """A Grid from numbered rows: header found among the first rows, rows cut to its width,
    empty rows and empty trailing columns dropped. Rows may carry their formulas (Excel)."""
    rows: list[tuple[int, list[str]]] = []
    formulas: dict[int, list[str]] = {}
    for item in numbered:
        number, cells = item[0], [clean_text(c) for c in item[1]]
        if len(item) > 2 and any(item[2]):
            formulas[number] = list(item[2])
        rows.append((number, cells))
    filled = [(n, c) for n, c in rows if any(c)]
    if not filled:
        raise file_problem("filen är tom", shown, "exportera tabellen på nytt")
    header_row, header = max(
        filled[:HEADER_SEARCH],
        key=lambda row: (sum(loose_name(c) in keys for c in row[1]), -row[0]),
    )
    while header and not header[-1]:
        header = header[:-1]
    width = len(header)
    grid = Grid(header=header, header_row=header_row, rows=[], formulas=formulas)
    for number, cells in filled:
        if number <= header_row:
            continue
        extra = [c for c in cells[width:] if c]
        if extra:
            grid.problems.append(
                Problem(
                    f"raden har fler värden ({width + len(extra)}) än rubrikraden har "
                    f"kolumner ({width})",
                    file=shown,
                    row=number,
                    value="; ".join(extra)[:60],
                    hint="ett kommatecken i en text eller ett decimalkomma delar raden: "
                    "exportera med semikolon (;) som avgränsare",
                )
            )
            continue
        grid.rows.append((number, cells[:width] + [""] * (width - len(cells[:width]))))
    return grid
