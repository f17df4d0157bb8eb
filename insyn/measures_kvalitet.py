"""Pure computations behind the kvalitetsberättelse's numbers.

Kept apart from ``insyn.measures`` (the kontroll report's rules) along the report seam; the shared
basics — ``response_rate``, ``stated_rate_disagrees``, ``change`` — are reused from there. Every
function takes validated tables (``insyn.schemas.kvalitet``) and returns plain values or small
DataFrames. "Last year" is always an argument that may be None: then every comparison value is
None ("jämförelse saknas"), never 0.

Units: survey rates and results are shares 0–1; comparison indicators keep the unit of their
source (usually percent 0–100).
"""

from __future__ import annotations

import pandas as pd

from insyn.measures import response_rate, stated_rate_disagrees
from insyn.schemas.kvalitet import JAMFORELSEKOMMUN, KOMMUN, LAN, LOV_OMRADEN, PRIVAT, RIKET

SUPPRESSION_MINIMUM = 5  # SKR publishes survey results only with at least five respondents


def _value(value) -> float | None:
    """A cell as a float, or None when missing (pandas NA, NaN, None)."""
    return None if value is None or pd.isna(value) else float(value)


def _difference(current, previous) -> float | None:
    current, previous = _value(current), _value(previous)
    return None if current is None or previous is None else current - previous


# -- brukarundersökningar ------------------------------------------------------------------------
def is_suppressed(answered: int | None, minimum: int = SUPPRESSION_MINIMUM) -> bool:
    """True when a group's results must not be shown: fewer than ``minimum`` answered (or the
    count is missing). Exactly ``minimum`` respondents is enough to show them."""
    return answered is None or pd.isna(answered) or int(answered) < minimum


def _rates(surveys: pd.DataFrame | None) -> dict[str, float | None]:
    if surveys is None:
        return {}
    return {
        row.verksamhet: response_rate(row.tillfrågade, row.svarande)
        for row in surveys.itertuples(index=False)
    }


def survey_rates(
    surveys: pd.DataFrame,
    previous: pd.DataFrame | None,
    minimum: int = SUPPRESSION_MINIMUM,
) -> pd.DataFrame:
    """Per verksamhet: asked, answered, svarsfrekvens computed from the counts (None when none
    were asked), last year's rate (None without last year's row), the change, and whether the
    group's results are suppressed (fewer than ``minimum`` answered). Rows in input order."""
    last = _rates(previous)
    rows = []
    for row in surveys.itertuples(index=False):
        rate = response_rate(row.tillfrågade, row.svarande)
        before = last.get(row.verksamhet)
        rows.append(
            {
                "verksamhet": row.verksamhet,
                "tillfrågade": int(row.tillfrågade),
                "svarande": int(row.svarande),
                "svarsfrekvens": rate,
                "föregående": before,
                "förändring": _difference(rate, before),
                "undertryckt": is_suppressed(row.svarande, minimum),
            }
        )
    columns = ["verksamhet", "tillfrågade", "svarande", "svarsfrekvens", "föregående"]
    return pd.DataFrame(rows, columns=[*columns, "förändring", "undertryckt"])


def rate_disagreements(surveys: pd.DataFrame, tolerance: float = 1.0) -> pd.DataFrame:
    """Kontroll av uppgifter: rows whose stated rate (percent) differs from answered/asked by
    more than ``tolerance`` percentage points. Columns: verksamhet, tillfrågade, svarande,
    angiven (share 0–1) and beräknad (share 0–1). Without the stated column: no rows."""
    columns = ["verksamhet", "tillfrågade", "svarande", "angiven", "beräknad"]
    if "angiven_svarsfrekvens" not in surveys.columns:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in surveys.itertuples(index=False):
        stated = _value(row.angiven_svarsfrekvens)
        if stated_rate_disagrees(row.tillfrågade, row.svarande, stated, tolerance):
            rows.append(
                {
                    "verksamhet": row.verksamhet,
                    "tillfrågade": int(row.tillfrågade),
                    "svarande": int(row.svarande),
                    "angiven": stated / 100,
                    "beräknad": response_rate(row.tillfrågade, row.svarande),
                }
            )
    return pd.DataFrame(rows, columns=columns)


def _shown_results(
    results: pd.DataFrame | None, surveys: pd.DataFrame | None, minimum: int
) -> dict[tuple[str, str], float | None]:
    """(verksamhet, fråga) → share 0–1, or None where the group is suppressed."""
    if results is None or surveys is None:
        return {}
    answered = dict(zip(surveys["verksamhet"], surveys["svarande"], strict=True))
    return {
        (row.verksamhet, row.fråga): None
        if is_suppressed(answered.get(row.verksamhet), minimum)
        else float(row.andel_positiva) / 100
        for row in results.itertuples(index=False)
    }


def survey_results(
    results: pd.DataFrame,
    surveys: pd.DataFrame,
    previous_results: pd.DataFrame | None = None,
    previous_surveys: pd.DataFrame | None = None,
    minimum: int = SUPPRESSION_MINIMUM,
) -> pd.DataFrame:
    """Share of positive answers per verksamhet and fråga, this year and last (shares 0–1).

    A group with fewer than ``minimum`` respondents has ``andel`` None and ``undertryckt`` True
    this year; last year's value is None when last year's group was suppressed too, or when
    there is no last year. Rows follow the order of ``surveys``, then of ``results``."""
    current = _shown_results(results, surveys, minimum)
    last = _shown_results(previous_results, previous_surveys, minimum)
    answered = dict(zip(surveys["verksamhet"], surveys["svarande"], strict=True))
    order = {name: i for i, name in enumerate(surveys["verksamhet"])}
    rows = [
        {
            "verksamhet": unit,
            "fråga": question,
            "andel": share,
            "föregående": last.get((unit, question)),
            "förändring": _difference(share, last.get((unit, question))),
            "undertryckt": is_suppressed(answered.get(unit), minimum),
        }
        for (unit, question), share in current.items()
    ]
    frame = pd.DataFrame(
        rows,
        columns=["verksamhet", "fråga", "andel", "föregående", "förändring", "undertryckt"],
    )
    frame["_order"] = frame["verksamhet"].map(order)
    return frame.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


# -- Öppna jämförelser and enhetsundersökningen --------------------------------------------------
def rank(value: float | None, others: list[float], higher_is_better: bool = True) -> int | None:
    """The place of ``value`` among itself and ``others`` (1 = best; ties share the better
    place). None when the value is missing."""
    value = _value(value)
    if value is None:
        return None
    better = [o for o in others if (o > value if higher_is_better else o < value)]
    return 1 + len(better)


def compare_areas(frame: pd.DataFrame, keys: tuple[str, ...] = ("indikator",)) -> pd.DataFrame:
    """Per indikator (and ``keys``): the kommun's value against its comparison kommuner, the
    län and riket, and its place among the kommuner (``placering`` of ``antal``).

    Columns: *keys, år, kommun, värde, median, lägst, högst (of the jämförelsekommuner), län,
    riket, placering, antal, högre_är_bättre. Missing levels give None. Indikatorer in input
    order."""
    rows = []
    for key, group in frame.groupby(list(keys), sort=False):
        key = key if isinstance(key, tuple) else (key,)
        own = group[group["nivå"] == KOMMUN]
        peers = group.loc[group["nivå"] == JAMFORELSEKOMMUN, "värde"].dropna().astype(float)
        higher = True
        if not own.empty and "högre_är_bättre" in group.columns:
            stated = own["högre_är_bättre"].iloc[0]
            higher = True if pd.isna(stated) else bool(stated)
        value = _value(own["värde"].iloc[0]) if not own.empty else None

        def level(name: str, group=group) -> float | None:
            values = group.loc[group["nivå"] == name, "värde"]
            return _value(values.iloc[0]) if not values.empty else None

        rows.append(
            {
                **dict(zip(keys, key, strict=True)),
                "år": int(group["år"].max()),
                "kommun": own["område"].iloc[0] if not own.empty else None,
                "värde": value,
                "median": float(peers.median()) if not peers.empty else None,
                "lägst": float(peers.min()) if not peers.empty else None,
                "högst": float(peers.max()) if not peers.empty else None,
                "län": level(LAN),
                "riket": level(RIKET),
                "placering": rank(value, list(peers), higher),
                "antal": len(peers) + (value is not None),
                "högre_är_bättre": higher,
            }
        )
    return pd.DataFrame(rows)


def peer_names(frame: pd.DataFrame) -> list[str]:
    """The jämförelsekommuner named in a comparison table, sorted, each once."""
    return sorted(set(frame.loc[frame["nivå"] == JAMFORELSEKOMMUN, "område"]))


def with_previous(
    current: pd.DataFrame,
    previous: pd.DataFrame | None,
    keys: tuple[str, ...],
    value: str = "värde",
) -> pd.DataFrame:
    """``current`` with ``föregående`` (last year's ``value`` for the same keys, None when
    absent) and ``förändring`` (this year minus last year, None when either is missing)."""
    last: dict[tuple, float | None] = {}
    if previous is not None:
        last = {
            tuple(row[k] for k in keys): _value(row[value]) for row in previous.to_dict("records")
        }
    result = current.copy()
    before = [last.get(tuple(row[k] for k in keys)) for row in current.to_dict("records")]
    result["föregående"] = pd.Series(before, index=current.index, dtype=object)
    result["förändring"] = [
        _difference(now, then) for now, then in zip(current[value], before, strict=True)
    ]
    return result


# -- avvikelser, synpunkter och klagomål ---------------------------------------------------------
def counts_by_unit(
    current: pd.DataFrame, previous: pd.DataFrame | None, column: str
) -> pd.DataFrame:
    """One kind of report (``column``) per verksamhet: ``i_år``, ``föregående``, ``förändring``.

    Verksamheter of both years are listed (this year's first, in order, then last year's
    others); a verksamhet absent from a year has None for it, not 0. Without last year's table
    ``föregående`` and ``förändring`` are None throughout."""
    now = dict(zip(current["verksamhet"], current[column], strict=True))
    then = (
        {} if previous is None else dict(zip(previous["verksamhet"], previous[column], strict=True))
    )
    units = list(dict.fromkeys([*now, *then]))
    rows = [
        {
            "verksamhet": unit,
            "i_år": _count(now.get(unit)),
            "föregående": _count(then.get(unit)),
            "förändring": _difference(now.get(unit), then.get(unit)),
        }
        for unit in units
    ]
    return pd.DataFrame(rows, columns=["verksamhet", "i_år", "föregående", "förändring"])


def _count(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def total(values) -> int | None:
    """The sum of the counts that exist; None when none does (no year to add up)."""
    present = [int(v) for v in values if v is not None and not pd.isna(v)]
    return sum(present) if present else None


def with_total(frame: pd.DataFrame, has_previous: bool, label: str = "Totalt") -> pd.DataFrame:
    """``counts_by_unit``'s table with a last row of column totals. Last year's total is None
    when there is no last year's table (``has_previous`` False), whatever the rows hold."""
    current = total(frame["i_år"]) or 0
    previous = total(frame["föregående"]) if has_previous else None
    if has_previous and previous is None:
        previous = 0  # last year's table exists but lists none of these verksamheter
    row = {
        "verksamhet": label,
        "i_år": current,
        "föregående": previous,
        "förändring": _difference(current, previous),
    }
    return pd.concat([frame, pd.DataFrame([row])], ignore_index=True)


# -- privata utförare inom LOV -------------------------------------------------------------------
def lov_overview(units: pd.DataFrame, previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per område of the valfrihetssystem (in the schema's order; those with verksamheter this
    year or last): verksamheter, kommunala, privata, privata_utförare (distinct companies), and
    against last year's list ``nya`` and ``avslutade`` (None without last year's table). The
    last row, ``Totalt``, sums the areas, except that a company counts once however many areas
    it serves."""
    last = previous if previous is not None else units.iloc[0:0]
    areas = set(units["område"]) | set(last["område"])
    rows = [
        lov_row(area, units[units["område"] == area], last[last["område"] == area], previous)
        for area in LOV_OMRADEN
        if area in areas
    ]
    rows.append(lov_row("Totalt", units, last, previous))
    return pd.DataFrame(rows)


def lov_row(
    label: str, units: pd.DataFrame, last: pd.DataFrame, previous: pd.DataFrame | None
) -> dict[str, object]:
    """One row of :func:`lov_overview` for the verksamheter in ``units``."""
    private = units[units["regi"] == PRIVAT]
    names, before = set(units["verksamhet"]), set(last["verksamhet"])
    return {
        "område": label,
        "verksamheter": len(units),
        "kommunala": len(units) - len(private),
        "privata": len(private),
        "privata_utförare": private["utförare"].nunique(),
        "nya": None if previous is None else len(names - before),
        "avslutade": None if previous is None else len(before - names),
    }


# -- förbättringsområden -------------------------------------------------------------------------
def worsened(indicators: pd.DataFrame, threshold: float = 1.0) -> pd.DataFrame:
    """The indicators that got worse since last year by at least ``threshold`` (percentage
    points for shares, the indicator's own unit otherwise); an unchanged or better value, or a
    missing year, never counts.

    ``indicators`` has columns avsnitt, indikator, i_år, föregående, högre_är_bättre and andel
    (True when the values are shares 0–1, compared in percentage points). Returns those rows,
    with ``försämring`` (a positive number in the compared unit), worst first."""
    rows = []
    for row in indicators.to_dict("records"):
        difference = _difference(row["i_år"], row["föregående"])
        if difference is None:
            continue
        scale = 100 if row["andel"] else 1
        worse = round(-difference * scale if row["högre_är_bättre"] else difference * scale, 9)
        if worse > 0 and worse >= threshold:
            rows.append({**row, "försämring": worse})
    frame = pd.DataFrame(rows, columns=[*indicators.columns, "försämring"])
    return frame.sort_values("försämring", ascending=False, kind="stable").reset_index(drop=True)
