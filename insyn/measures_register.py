"""The rules of the register of granskningar: assessment, försenade brister, proposed varningar.

Pure functions over the validated register tables (``insyn.schemas.register``): none formats,
reads files or decides anything on the nämnd's behalf. Every date rule takes the report date
``at`` as an argument, so the same register gives the same answer in every document built for
the same date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from insyn.schemas.register import CLOSED, KVALITETSNIVAER, UPPSAGNING, VARNING

GROEN, GUL, ROED = KVALITETSNIVAER
ANSWERS = (VARNING, UPPSAGNING)  # beslut that answer a brist left open after a reminder


def overall_assessment(levels: Iterable[str]) -> str | None:
    """Sammanvägd bedömning of one granskning from the kvalitetsnivå of each område.

    The most serious level decides: any Röd → Röd; otherwise any Gul → Gul; otherwise Grön.
    A single Röd område is enough, because Röd means a brist that must be remedied whatever the
    rest looks like. None when no område was assessed (nothing to weigh, never a silent Grön).
    Raises ValueError for a level that is not Grön, Gul or Röd.
    """
    seen = list(levels)
    unknown = [level for level in seen if level not in KVALITETSNIVAER]
    if unknown:
        raise ValueError(f"okänd kvalitetsnivå: {unknown[0]!r}")
    if not seen:
        return None
    return max(seen, key=KVALITETSNIVAER.index)


def assess_granskningar(granskningar: pd.DataFrame, bedomningar: pd.DataFrame) -> pd.Series:
    """The overall assessment (:func:`overall_assessment`) of every granskning, by its id;
    None for a granskning without bedömningar."""
    levels = bedomningar.groupby("granskning")["kvalitetsnivå"].agg(list)
    return pd.Series(
        {g: overall_assessment(levels.get(g, [])) for g in granskningar["granskning"]},
        name="sammanvägd",
        dtype="object",
    )


def _timestamp(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def is_closed(brister: pd.DataFrame, at: dt.date) -> pd.Series:
    """True for each brist closed on or before ``at``: status Åtgärdad with its åtgärdad day
    not after the report date. A brist remedied later was still open at ``at``."""
    closed_on = brister["åtgärdad"] if "åtgärdad" in brister else pd.Series(pd.NaT, brister.index)
    return (brister["status"] == CLOSED) & closed_on.notna() & (closed_on <= _timestamp(at))


def is_overdue(brister: pd.DataFrame, at: dt.date) -> pd.Series:
    """*Försenad*: the deadline (``senast_åtgärdad``) has passed at ``at`` — it is strictly
    before the report date, so the deadline day itself still counts as in time — and the brist
    is not closed (:func:`is_closed`) at that date."""
    return (brister["senast_åtgärdad"] < _timestamp(at)) & ~is_closed(brister, at)


def status_at(brister: pd.DataFrame, at: dt.date) -> pd.Series:
    """Each brist's status on the report date: Åtgärdad only when closed by then; a brist the
    register marks Åtgärdad on a later day was being remedied at ``at`` and shows Påbörjad."""
    closed = is_closed(brister, at)
    status = brister["status"].where(closed | (brister["status"] != CLOSED), "Påbörjad")
    return status.astype("object")


def overdue_deficiencies(brister: pd.DataFrame, at: dt.date) -> pd.DataFrame:
    """The brister that are försenade at ``at``, oldest deadline first."""
    overdue = brister[is_overdue(brister, at)]
    return overdue.sort_values(["senast_åtgärdad", "brist"]).reset_index(drop=True)


def propose_warnings(
    brister: pd.DataFrame, granskningar: pd.DataFrame, beslut: pd.DataFrame, at: dt.date
) -> pd.DataFrame:
    """Brister that make a varning worth proposing: a *suggestion* for the strategist, never a
    decision.

    A brist qualifies when, at ``at``, it is försenad (:func:`is_overdue`) although the provider
    was reminded (``påminnelse`` on or before ``at``). It is left out when the nämnd has already
    answered: a varning or an uppsägning for the same verksamhet decided on or after the
    reminder (and by ``at``). One row per brist, with its verksamhet, sorted by verksamhet,
    deadline and id.
    """
    units = granskningar.set_index("granskning")["verksamhet"]
    with_unit = brister.assign(verksamhet=brister["granskning"].map(units))
    if "påminnelse" not in brister:
        return with_unit.iloc[0:0]
    reminded = brister["påminnelse"].notna() & (brister["påminnelse"] <= _timestamp(at))
    candidates = with_unit[reminded & is_overdue(brister, at)]
    answers = beslut[
        beslut["beslutstyp"].isin(ANSWERS) & (beslut["beslutsdatum"] <= _timestamp(at))
    ]
    latest = answers.groupby(answers["granskning"].map(units))["beslutsdatum"].max()
    answered = pd.to_datetime(candidates["verksamhet"].map(latest.to_dict()))
    candidates = candidates[~(answered.notna() & (answered >= candidates["påminnelse"]))]
    return candidates.sort_values(["verksamhet", "senast_åtgärdad", "brist"]).reset_index(drop=True)
