"""How the register of granskningar looks in every document that shows it.

The granskningsrapport, the varning, the återrapportering and the nämnd's kontroll- och
uppföljningsrapport all show brister and assessments through these functions, so a brist's
deadline and status read exactly the same in each of them.

A kvalitetsnivå is always shown as a symbol *and* its word (``● Grön``, ``▲ Gul``, ``■ Röd``):
the symbols differ in shape, so neither colour nor the symbol alone carries the meaning.
"""

from __future__ import annotations

import pandas as pd

from insyn import formats, tables
from insyn.params import slugify
from insyn.schemas.register import KVALITETSNIVAER
from insyn.text import escape_markdown

SYMBOLS = dict(zip(KVALITETSNIVAER, ("●", "▲", "■"), strict=True))
MEANINGS = {
    "Grön": "ett gott exempel som kan spridas till andra verksamheter",
    "Gul": "ett område som verksamheten behöver utveckla",
    "Röd": "en brist som verksamheten måste åtgärda",
}
NOT_ASSESSED = "ej bedömd"
OVERDUE = "försenad"


def level_label(level) -> str:
    """``Röd`` → ``■ Röd``; a missing level → ``ej bedömd``."""
    if formats.is_missing(level) or level not in SYMBOLS:
        return NOT_ASSESSED
    return f"{SYMBOLS[level]} {level}"


def level_column(source: str, label: str) -> tables.Column:
    return tables.Column(source, label, level_label)


def long_date_column(source: str, label: str) -> tables.Column:
    """A date as ``31 januari 2026`` (``–`` when missing)."""
    return tables.Column(source, label, formats.date)


def period_text(start, end) -> str:
    """A granskning's period: ``12 maj 2025 – 30 maj 2025``."""
    return f"{formats.date(start)} – {formats.date(end)}"


def status_label(status: str, overdue: bool) -> str:
    """The status on the report date, with ``försenad`` when the deadline has passed."""
    return f"{status}, {OVERDUE}" if overdue else str(status)


def provider_folder(verksamhet: str) -> str:
    """The verksamhet's output folder relative to a nämnd's: ``../utforare/<slug>``."""
    return f"../utforare/{slugify(verksamhet)}"


def provider_link(verksamhet: str, document: str = "granskningsrapport") -> str:
    """A Markdown link from a nämnd report to the verksamhet's document (relative, so it works
    from ``file://`` and any web server)."""
    return f"[{escape_markdown(verksamhet)}]({provider_folder(verksamhet)}/{document}.html)"


def levels_table() -> tables.Table:
    """Kvalitetsnivåer: what Grön, Gul and Röd mean."""
    frame = pd.DataFrame(
        {"nivå": list(KVALITETSNIVAER), "innebörd": [MEANINGS[k] for k in KVALITETSNIVAER]}
    )
    return tables.build(
        frame, [level_column("nivå", "Kvalitetsnivå"), tables.text_column("innebörd", "Innebörd")]
    )


def with_status(brister: pd.DataFrame) -> pd.DataFrame:
    """Brister with the ``status`` column shown in every document: status on the report date
    and ``försenad`` when overdue (``insyn.register.Register.brister`` adds both)."""
    labels = [
        status_label(s, bool(o))
        for s, o in zip(brister["status_vid_rapportdatum"], brister["försenad"], strict=True)
    ]
    return brister.assign(status_text=pd.Series(labels, index=brister.index, dtype="object"))


def brister_table(
    brister: pd.DataFrame,
    middle: list[tables.Column] | None = None,
    *,
    numbered: bool = False,
    empty_text: str = "Granskningen fann inga brister.",
) -> tables.Table:
    """Brister as every document shows them: id, grund, then ``middle`` columns (what was
    found, by default), deadline and status. ``numbered`` adds ``Nr`` 1, 2, 3 … first."""
    frame = with_status(brister).reset_index(drop=True)
    columns = [
        tables.text_column("brist", "Brist"),
        tables.text_column("grund", "Avtalspunkt"),
        *(middle if middle is not None else [tables.text_column("iakttagelse", "Iakttagelse")]),
        long_date_column("senast_åtgärdad", "Senast åtgärdad"),
        tables.text_column("status_text", "Status"),
    ]
    if numbered:
        frame = frame.assign(nr=range(1, len(frame) + 1))
        columns.insert(0, tables.number_column("nr", "Nr"))
    return tables.build(frame, columns, empty_text=empty_text)


# -- the nämnd's overview (kontroll- och uppföljningsrapporten) ------------------------------------
def _link_column(source: str, label: str, document: str = "granskningsrapport") -> tables.Column:
    return tables.Column(source, label, lambda name: provider_link(name, document))


def audits_in_period(register, start, end) -> pd.DataFrame:
    """The granskningar that began in the period, with verksamhet, avtalsområde, overall
    assessment and their number of brister and of försenade brister."""
    audits = register.granskningar()
    began = audits["startdatum"].between(pd.Timestamp(start), pd.Timestamp(end))
    audits = audits[began]
    units = register["utforare"].drop_duplicates("verksamhet").set_index("verksamhet")
    counts = (
        register.brister()
        .groupby("granskning")
        .agg(brister=("försenad", "size"), försenade=("försenad", "sum"))
    )
    frame = audits.assign(avtalsområde=audits["verksamhet"].map(units["avtalsområde"])).join(
        counts, on="granskning"
    )
    frame[["brister", "försenade"]] = frame[["brister", "försenade"]].fillna(0).astype(int)
    columns = ["verksamhet", "avtalsområde", "typ", "startdatum", "sammanvägd", "brister"]
    frame = frame[[*columns, "försenade"]]
    return frame.sort_values(["startdatum", "verksamhet"]).reset_index(drop=True)


def audits_table(register, start, end) -> tables.Table:
    """The year's granskningar, each verksamhet linked to its granskningsrapport."""
    return tables.build(
        audits_in_period(register, start, end),
        [
            _link_column("verksamhet", "Verksamhet"),
            tables.text_column("avtalsområde", "Avtalsområde"),
            tables.text_column("typ", "Granskning"),
            long_date_column("startdatum", "Började"),
            level_column("sammanvägd", "Sammanvägd bedömning"),
            tables.number_column("brister", "Brister"),
            tables.number_column("försenade", "Varav försenade"),
        ],
        empty_text="Inga granskningar påbörjades under perioden.",
    )


def overdue_table(register) -> tables.Table:
    """Every brist that is försenad on the report date, with its verksamhet."""
    brister = register.brister()
    overdue = brister[brister["försenad"]].sort_values(["senast_åtgärdad", "brist"])
    return brister_table(
        overdue,
        [_link_column("verksamhet", "Verksamhet")],
        empty_text="Ingen brist var försenad.",
    )


def decisions_in_period(register, start, end) -> pd.DataFrame:
    """The nämnd's beslut in the period, with verksamhet and the day that matters: the
    deadline of a varning, the end of a terminated agreement."""
    beslut = register["beslut"]
    units = register["granskningar"].set_index("granskning")["verksamhet"]
    inside = beslut["beslutsdatum"].between(pd.Timestamp(start), pd.Timestamp(end))
    frame = beslut[inside].assign(verksamhet=beslut["granskning"].map(units))
    missing = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    deadline = frame.get("senast_åtgärdat", missing).combine_first(
        frame.get("avtal_upphör", missing)
    )
    frame = frame.assign(sista_dag=deadline)
    return frame.sort_values(["beslutsdatum", "beslut"]).reset_index(drop=True)


def decisions_table(register, start, end) -> tables.Table:
    return tables.build(
        decisions_in_period(register, start, end),
        [
            _link_column("verksamhet", "Verksamhet"),
            tables.text_column("beslutstyp", "Beslut"),
            long_date_column("beslutsdatum", "Beslutsdatum"),
            long_date_column("sista_dag", "Senast åtgärdat eller avtalet upphör"),
        ],
        empty_text="Nämnden beslutade inte om någon varning, något vite eller någon uppsägning.",
    )


def proposals_table(register) -> tables.Table:
    """Brister that make the rule propose a varning — for the strategist to consider."""
    return brister_table(
        register.proposed_warnings(),
        [
            _link_column("verksamhet", "Verksamhet"),
            long_date_column("påminnelse", "Påmind"),
        ],
        empty_text="Registret ger inget förslag om varning.",
    )
