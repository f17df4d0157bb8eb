"""Pure computations behind every number in a report.

Each function takes validated tables (``insyn.schemas``) and returns plain values or small
DataFrames; none formats, prints or reads files. Thresholds are arguments, set from the parameter
set, so every rule a report applies is named here and tested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd


def response_rate(asked: int | None, answered: int | None) -> float | None:
    """Answered / asked as a share 0–1; None when nothing was asked or a count is missing.

    Raises ValueError when more answered than were asked: such counts are a data error, and a
    rate above 100 % must never reach a report.
    """
    if asked is None or answered is None or pd.isna(asked) or pd.isna(answered) or asked == 0:
        return None
    if answered > asked:
        raise ValueError(f"fler svarande ({answered}) än tillfrågade ({asked})")
    return answered / asked


def stated_rate_disagrees(
    asked: int, answered: int, stated_percent: float | None, tolerance: float = 1.0
) -> bool:
    """True when a stated response rate (in percent) differs from answered/asked by more than
    ``tolerance`` percentage points (rounding to whole percent is allowed). Missing → False."""
    computed = response_rate(asked, answered)
    if computed is None or stated_percent is None or pd.isna(stated_percent):
        return False
    return abs(computed * 100 - float(stated_percent)) > tolerance


@dataclass(frozen=True)
class Change:
    """This year against last year. ``previous`` None means no comparison is possible."""

    current: float | None
    previous: float | None

    @property
    def difference(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def relative(self) -> float | None:
        """Relative change as a share (0.1 = +10 %); None when last year was 0 or missing."""
        if self.difference is None or not self.previous:
            return None
        return self.difference / self.previous


def change(current: float | None, previous: float | None) -> Change:
    """Year-over-year change of one measure."""
    return Change(current, previous)


def in_period(frame: pd.DataFrame, column: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Rows whose date in ``column`` lies in [start, end], both days included."""
    dates = frame[column]
    return frame[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]


def placements_per_unit(
    placements: pd.DataFrame, units: pd.DataFrame, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Started placements per verksamhet in the period, with utförare and avtalsområde.

    Every verksamhet in ``units`` is listed, with 0 when it had none; sorted by count (descending)
    and then name, so the order is stable.
    """
    started = in_period(placements, "startdatum", start, end)
    counts = started.groupby("verksamhet").size().rename("placeringar")
    table = units[["verksamhet", "utförare", "organisationsnummer", "avtalsområde"]].merge(
        counts, left_on="verksamhet", right_index=True, how="left"
    )
    table["placeringar"] = table["placeringar"].fillna(0).astype(int)
    return table.sort_values(["placeringar", "verksamhet"], ascending=[False, True]).reset_index(
        drop=True
    )


def select_for_followup(
    placements: pd.DataFrame,
    units: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    threshold: int = 2,
) -> pd.DataFrame:
    """Urval för särskild uppföljning: verksamheter with MORE than ``threshold`` started
    placements in [start, end] (seed 002: more than two). Exactly ``threshold`` is not enough."""
    per_unit = placements_per_unit(placements, units, start, end)
    return per_unit[per_unit["placeringar"] > threshold].reset_index(drop=True)


def latest_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """The most recent credit rating per organisationsnummer (ties: the lower rating)."""
    ordered = ratings.sort_values(
        ["organisationsnummer", "kontrolldatum", "rating"], ascending=[True, False, True]
    )
    return ordered.drop_duplicates("organisationsnummer").reset_index(drop=True)


def flag_credit_risk(
    ratings: pd.DataFrame, units: pd.DataFrame, threshold: int = 40
) -> pd.DataFrame:
    """Utförare whose latest rating is BELOW ``threshold`` (Creditsafe 40 ≈ UC riskklass 3).

    A rating equal to the threshold is not a signal. One row per company, with its verksamheter
    joined by name, sorted by rating and then name.
    """
    latest = latest_ratings(ratings)
    low = latest[latest["rating"] < threshold]
    # only the flagged companies' verksamheter are named: usually a handful of the register
    theirs = units[units["organisationsnummer"].isin(low["organisationsnummer"])]
    names = (
        theirs.sort_values("verksamhet", kind="stable")
        .groupby("organisationsnummer", sort=False)
        .agg(utförare=("utförare", "first"), verksamheter=("verksamhet", list))
        .reset_index()
    )
    flagged = low.merge(names, on="organisationsnummer", how="left")
    columns = ["utförare", "organisationsnummer", "verksamheter", "rating", "kontrolldatum"]
    return flagged[columns].sort_values(["rating", "utförare"]).reset_index(drop=True)


def count_per_unit(events: pd.DataFrame, name: str) -> pd.Series:
    """Number of rows per verksamhet (IVO decisions, lex Sarah reports, deviations)."""
    return events.groupby("verksamhet").size().rename(name)


def ivo_and_lex_sarah(
    decisions: pd.DataFrame, reports: pd.DataFrame, units: pd.Series | None = None
) -> pd.DataFrame:
    """Per verksamhet: IVO decisions, of which with criticism, and lex Sarah reports.

    Only verksamheter with at least one event are listed; restricted to ``units`` when given
    (for example the sample). Sorted by total events, then name.
    """
    table = pd.concat(
        [
            count_per_unit(decisions, "ivo_beslut"),
            count_per_unit(decisions[decisions["kritik"].astype(bool)], "ivo_kritik"),
            count_per_unit(reports, "lex_sarah"),
        ],
        axis=1,
    ).fillna(0)
    table = table.astype(int)
    if units is not None:
        table = table[table.index.isin(set(units))]
    table["summa"] = table["ivo_beslut"] + table["lex_sarah"]
    table = table.rename_axis("verksamhet").reset_index()
    return table.sort_values(["summa", "verksamhet"], ascending=[False, True]).reset_index(
        drop=True
    )


@dataclass(frozen=True)
class Trigger:
    """One reason for händelsestyrd uppföljning of a verksamhet, with where it came from."""

    verksamhet: str
    reason: str
    source: str
    date: dt.date | None = None


def select_event_driven(
    deviations: pd.DataFrame,
    decisions: pd.DataFrame,
    outcomes: pd.DataFrame,
    deviation_threshold: int = 3,
) -> list[Trigger]:
    """Händelsestyrd uppföljning: each verksamhet that has ``deviation_threshold`` or more
    deviations, an IVO decision with criticism, a revoked permit, or a bankruptcy — one
    :class:`Trigger` per reason, sorted by verksamhet, then date."""
    triggers: list[Trigger] = []
    counts = count_per_unit(deviations, "avvikelser")
    for unit, count in counts[counts >= deviation_threshold].items():
        last = deviations.loc[deviations["verksamhet"] == unit, "datum"].max()
        triggers.append(
            Trigger(unit, f"upprepade avvikelser ({count} st.)", "avvikelser", _day(last))
        )
    for row in decisions.itertuples(index=False):
        if row.ärendetyp == "Återkallat tillstånd":
            triggers.append(
                Trigger(
                    row.verksamhet,
                    "IVO har återkallat tillståndet",
                    "IVO-beslut",
                    _day(row.beslutsdatum),
                )
            )
        elif bool(row.kritik):
            triggers.append(
                Trigger(
                    row.verksamhet,
                    f"IVO-beslut med kritik ({row.ärendetyp.lower()})",
                    "IVO-beslut",
                    _day(row.beslutsdatum),
                )
            )
    for row in outcomes.itertuples(index=False):
        if row.händelse == "Konkurs":
            triggers.append(
                Trigger(
                    row.verksamhet, "utföraren har försatts i konkurs", "utfall", _day(row.datum)
                )
            )
    return sorted(triggers, key=lambda t: (t.verksamhet, t.date or dt.date.min, t.reason))


def _day(value) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def count_outcomes(outcomes: pd.DataFrame, kinds: tuple[str, ...]) -> dict[str, int]:
    """Number of outcomes of each kind (every kind listed, 0 when none), in ``kinds`` order."""
    counts = outcomes["händelse"].value_counts()
    return {kind: int(counts.get(kind, 0)) for kind in kinds}


@dataclass(frozen=True)
class Suppressed:
    """A count of people too small to publish: shown as "färre än <minimum>"."""

    minimum: int


def below_minimum(count, minimum: int) -> bool:
    """True when ``count`` people are fewer than ``minimum`` (0 turns suppression off). A missing
    count is not suppressed: there is nothing to hide."""
    if not minimum or count is None or pd.isna(count):
        return False
    return count < minimum


def suppress_small_counts(
    frame: pd.DataFrame, counts: list[str], minimum: int, derived: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A copy where each count of people below ``minimum`` is :class:`Suppressed`, and in the
    same row every ``derived`` value (a rate computed from the count, which would reveal it) is
    None. Counts of 0 are suppressed too: "färre än 5" must not tell 0 from 4."""
    result = frame.astype({c: object for c in [*counts, *derived] if c in frame.columns})
    for index, row in frame.iterrows():
        small = [c for c in counts if below_minimum(row[c], minimum)]
        for column in small:
            result.at[index, column] = Suppressed(minimum)
        if small:
            for column in derived:
                result.at[index, column] = None
    return result
