"""One cell's text, as Swedish offices write it, turned into the value its column's kind calls for.

Every parser takes the cell's text (already stripped) and returns a typed value, or raises
:class:`CellError` with a Swedish reason and, where it helps, how to fix it. What is accepted:

- numbers: ``1234``, ``1 234`` (space, non-breaking or narrow non-breaking space between groups of
  three), decimal comma ``12,5`` or point ``12.5``, ``1.234,5`` and ``1,234.5``, a true minus
  sign ``−3``; a percent sign only in percent columns;
- dates: ``2025-03-01`` (also with a time), ``20250301``, ``2025/03/01``, ``1/3 2025``,
  ``1/3-2025``, ``01.03.2025``, ``1 mars 2025``, ``1 mar. 2025`` and Excel serial numbers
  (``45717``, ``45717,5``);
- yes/no: ``Ja``/``Nej``, ``J``/``N``, ``1``/``0``, ``X``, ``Sant``/``Falskt``, ``true``/``false``;
- organisationsnummer with or without the dash (checksum verified with python-stdnum).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

import pandas as pd
from stdnum.se import orgnr as _orgnr

TRUE = frozenset({"ja", "j", "yes", "y", "true", "sant", "1", "x"})
FALSE = frozenset({"nej", "n", "no", "false", "falskt", "0"})
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's leap-year bug included)
YEARS = range(1900, 2101)
LARGEST = 10**15  # counts and ratings are far smaller; a larger whole number is a mistake
DATE_HINT = "skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-01"

_GROUP_SPACES = "\u0020\u00a0\u202f\u2009"
_SPACES = re.compile(f"[{_GROUP_SPACES}]")
_GROUPED = re.compile(rf"[+-]?\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+(?:[.,]\d+)?")
_PLAIN = re.compile(r"[+-]?(\d+(?:[.,]\d*)?|[.,]\d+)")
_DOT_GROUPS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_GROUPS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+")
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_EXCEL_ERROR = re.compile(r"#(?:N/A|SAKNAS!|GETTING_DATA|[A-ZÅÄÖ][A-ZÅÄÖ0-9_/]*[!?])")

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_SWEDISH_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})(?:\s*-\s*|\s+)(\d{4})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_WORDS = re.compile(r"(\d{1,2})(?::[ae])?\s+([a-zåäö]+)\.?\s+(\d{4})")
_SERIAL = re.compile(r"(\d{5})(?:[.,]\d+)?")
_AMBIGUOUS = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")


class CellError(ValueError):
    """A cell that cannot be read as its column's kind: the Swedish reason and a hint."""

    def __init__(self, reason: str, hint: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.hint = hint

    def __reduce__(self):
        return (type(self), (self.reason, self.hint))


def clean_text(value: str) -> str:
    """Text as one form (NFC: ``å`` from macOS is one character), without zero-width characters,
    byte-order marks or spaces around it."""
    text = unicodedata.normalize("NFC", value)
    text = text.replace("\u200b", "").replace("\ufeff", "").replace("\u2060", "")
    return text.strip()


def is_excel_error(value: str) -> bool:
    """True for a spreadsheet error value (``#REF!``, ``#DIV/0!``, ``#N/A``, ``#SAKNAS!`` …)."""
    return bool(_EXCEL_ERROR.fullmatch(value.strip()))


def parse_number(value: str, *, percent: bool = False) -> Decimal:
    """A number as written in Sweden (see the module docstring); exact, as a Decimal."""
    text = value.strip().replace("\u2212", "-").replace("\u2013", "-")
    if percent and text.endswith("%"):
        text = text[:-1].rstrip()
    elif text.endswith("%"):
        raise CellError("är inte ett tal (procenttecken hör inte hit)", "skriv bara talet")
    if _SCIENTIFIC.fullmatch(text):
        raise CellError(
            "är skrivet i exponentform",
            "formatera kolumnen som tal eller text i Excel och exportera på nytt",
        )
    if _GROUPED.fullmatch(text):
        text = _SPACES.sub("", text)
    elif _SPACES.search(text):
        digits_only = _SPACES.sub("", text)
        if _PLAIN.fullmatch(digits_only):
            raise CellError(
                "har ett mellanslag som inte skiljer tusental",
                "ta bort mellanslaget eller skriv talet med mellanslag var tredje siffra",
            )
        raise CellError("är inte ett tal", "skriv bara siffror, till exempel 12 eller 1 234,5")
    if _DOT_GROUPS.fullmatch(text) and "," in text:
        text = text.replace(".", "")
    elif _COMMA_GROUPS.fullmatch(text):
        text = text.replace(",", "")
    if not _PLAIN.fullmatch(text):
        raise CellError("är inte ett tal", "skriv bara siffror, till exempel 12 eller 1 234,5")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - _PLAIN admits only what Decimal reads
        raise CellError("är inte ett tal") from None


def parse_integer(value: str) -> int:
    """A whole number; ``3,0`` is 3, ``3,5`` is an error."""
    number = parse_number(value)
    if number != number.to_integral_value():
        hint = "om punkten skiljer tusental: ta bort den" if "." in value else None
        raise CellError("är inte ett heltal", hint)
    if abs(number) >= LARGEST:
        raise CellError("talet är orimligt stort", "kontrollera att cellen inte har fått fel värde")
    return int(number)


def parse_date(value: str) -> dt.date:
    """A date in any of the forms the module docstring lists."""
    text = " ".join(value.strip().lower().split())
    for pattern, order in (
        (_ISO, "ymd"),
        (_COMPACT, "ymd"),
        (_YEAR_FIRST, "ymd"),
        (_SWEDISH_SLASH, "dmy"),
        (_DOTTED, "dmy"),
    ):
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            return calendar_date(parts["y"], parts["m"], parts["d"])
    match = _WORDS.fullmatch(text)
    if match:
        day, month_name, year = match.groups()
        if month_name not in MONTHS:
            raise CellError(f"okänt månadsnamn {month_name!r}", DATE_HINT)
        return calendar_date(int(year), MONTHS[month_name], int(day))
    match = _SERIAL.fullmatch(text)
    if match:
        serial = EXCEL_EPOCH + dt.timedelta(days=int(match.group(1)))
        return calendar_date(serial.year, serial.month, serial.day)
    if _AMBIGUOUS.fullmatch(text):
        raise CellError("datumet kan läsas på två sätt (dag/månad eller månad/dag)", DATE_HINT)
    raise CellError("är inte ett datum", DATE_HINT)


def calendar_date(year: int, month: int, day: int) -> dt.date:
    """The date, or a CellError saying that it does not exist or that the year is implausible."""
    if year not in YEARS:
        raise CellError(f"året {year} är inte rimligt", DATE_HINT)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError("datumet finns inte i kalendern", "kontrollera dag och månad") from None


def parse_yes_no(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise CellError("ska vara Ja eller Nej")


def parse_orgnr(value: str) -> str:
    """An organisationsnummer as ``NNNNNN-NNNN``; an invalid one is returned as written, for the
    schema's checksum check to report."""
    if _SCIENTIFIC.fullmatch(value.strip()):
        raise CellError(
            "numret har blivit exponentform (Excel har tolkat det som ett tal)",
            "formatera kolumnen som text i Excel och skriv in numret igen",
        )
    compact = _SPACES.sub("", value)
    return _orgnr.format(compact) if _orgnr.is_valid(compact) else value


def parse_category(value: str, allowed: tuple[str, ...]) -> str:
    """A value from the column's list, matched without regard to case or extra spaces and
    returned in the list's spelling; an unknown value is returned for the schema to report."""
    canonical = {a.casefold(): a for a in allowed}
    return canonical.get(" ".join(value.split()).casefold(), value)


def parse_cell(kind: str, value: str, allowed: tuple[str, ...] = (), unit: str = ""):
    """One cell's text as the value its kind calls for; raises CellError (a ValueError)."""
    if kind == "text":
        return value
    if kind == "category":
        return parse_category(value, allowed)
    if kind == "orgnr":
        return parse_orgnr(value)
    if kind == "int":
        return parse_integer(value)
    if kind == "float":
        return float(parse_number(value, percent=unit == "procent"))
    if kind == "bool":
        return parse_yes_no(value)
    if kind == "date":
        return pd.Timestamp(parse_date(value))
    raise AssertionError(f"unknown column kind {kind}")
