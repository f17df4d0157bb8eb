"""Small constructors for pandera columns with the metadata Insyn needs.

Each column carries a Swedish ``title`` and ``description`` (the data dictionary and the Excel
templates are generated from them) and a ``kind`` in its metadata that tells ``insyn.load`` how to
parse the text a Swedish office export holds (``1 234,5``, ``Ja``, ``2025-03-01``) before pandera
checks the values. Every check has a Swedish ``error`` text, which is what a user sees.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandera.pandas as pa
from stdnum.se import orgnr as _orgnr

KINDS = ("text", "category", "int", "float", "date", "bool", "orgnr")


def _column(
    dtype,
    kind: str,
    title: str,
    description: str,
    checks: list[pa.Check] | None = None,
    *,
    required: bool = True,
    nullable: bool = False,
    unique: bool = False,
    example: str = "",
    allowed: Sequence[str] = (),
) -> pa.Column:
    return pa.Column(
        dtype,
        checks=checks or [],
        required=required,
        nullable=nullable,
        unique=unique,
        title=title,
        description=description,
        metadata={"kind": kind, "example": example, "allowed": list(allowed)},
    )


def text(title: str, description: str, *, example: str = "", **kw) -> pa.Column:
    """Free text (names, descriptions). Empty cells are allowed only when ``nullable``."""
    return _column(str, "text", title, description, example=example, **kw)


def category(title: str, description: str, allowed: Sequence[str], **kw) -> pa.Column:
    """Text from a fixed list of values (matched case-insensitively, reported exactly)."""
    check = pa.Check.isin(list(allowed), error=f"måste vara ett av: {', '.join(allowed)}")
    return _column(
        str, "category", title, description, [check], example=allowed[0], allowed=allowed, **kw
    )


def integer(
    title: str, description: str, *, minimum: int | None = 0, maximum: int | None = None, **kw
) -> pa.Column:
    """A whole number; counts are never negative unless ``minimum`` says otherwise."""
    checks = []
    if minimum is not None:
        checks.append(pa.Check.ge(minimum, error=f"får inte vara mindre än {minimum}"))
    if maximum is not None:
        checks.append(pa.Check.le(maximum, error=f"får inte vara större än {maximum}"))
    return _column("Int64", "int", title, description, checks, example=str(minimum or 0), **kw)


def decimal(
    title: str,
    description: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    **kw,
) -> pa.Column:
    """A decimal number; decimal comma and space as thousands separator are accepted."""
    checks = []
    if minimum is not None:
        checks.append(pa.Check.ge(minimum, error=f"får inte vara mindre än {minimum:g}"))
    if maximum is not None:
        checks.append(pa.Check.le(maximum, error=f"får inte vara större än {maximum:g}"))
    return _column("Float64", "float", title, description, checks, example="12,5", **kw)


def date(title: str, description: str, *, in_period: bool = False, **kw) -> pa.Column:
    """A calendar date (``2025-03-01``). ``in_period``: must fall inside the report period."""
    column = _column("datetime64[ns]", "date", title, description, example="2025-03-01", **kw)
    column.metadata["in_period"] = in_period
    return column


def yes_no(title: str, description: str, **kw) -> pa.Column:
    """``Ja`` or ``Nej`` (also ``J``/``N``, ``1``/``0``, ``true``/``false``)."""
    return _column("boolean", "bool", title, description, example="Ja", allowed=("Ja", "Nej"), **kw)


def _valid_orgnr(value: str) -> bool:
    return _orgnr.is_valid(value)


def organisation_number(title: str, description: str, **kw) -> pa.Column:
    """A Swedish organisationsnummer, checksum verified with python-stdnum; shown NNNNNN-NNNN."""
    check = pa.Check(
        _valid_orgnr,
        element_wise=True,
        name="organisationsnummer",
        error="är inte ett giltigt organisationsnummer (kontrollsiffran stämmer inte)",
    )
    return _column(str, "orgnr", title, description, [check], example="5566276779", **kw)


def survey_counts() -> dict[str, pa.Column]:
    """A survey's counts as its tool reports them: asked, answered and (optional) the stated
    response rate, which is only checked against the counts — reports compute their own."""
    return {
        "tillfrågade": integer("Tillfrågade", "Antal som fick enkäten."),
        "svarande": integer("Svarande", "Antal som svarade."),
        "angiven_svarsfrekvens": decimal(
            "Angiven svarsfrekvens",
            "Svarsfrekvens i procent som enkätverktyget angav (valfri; kontrolleras mot "
            "antalen, rapporten räknar själv).",
            minimum=0,
            maximum=100,
            nullable=True,
            required=False,
        ),
    }


def answered_at_most_asked() -> pa.Check:
    """Row check: no more answered than asked."""
    return pa.Check(
        lambda df: df["svarande"] <= df["tillfrågade"],
        error="fler svarande än tillfrågade (svarande ska vara högst tillfrågade)",
        name="svarande_högst_tillfrågade",
    )
