"""The register of granskningar: audits of providers, their assessments, brister and beslut.

One register per kommun and year (``data/<kommun>/<år>/``) holds the whole story that the
per-provider documents and the nämnd's report tell: a granskning of a verksamhet, its bedömning per
område (Grön / Gul / Röd), the brister it found with a deadline and a status, and the beslut that
followed (varning, vite, uppsägning). Every document is rendered from these four tables, so a date
or a status never disagrees between them.

Only ``granskningar`` names the verksamhet, which must exist in ``utforare`` (the provider table of
the kontroll- och uppföljningsrapport); the other tables point at a granskning, so a brist or a
beslut can never be attached to the wrong provider.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from insyn.schemas import Table
from insyn.schemas import columns as c

GRANSKNINGSTYPER = ("Planerad", "Påkallad", "Uppföljande")
KVALITETSNIVAER = ("Grön", "Gul", "Röd")  # from the least to the most serious
BRISTSTATUS = ("Öppen", "Påbörjad", "Åtgärdad")
CLOSED = "Åtgärdad"
BESLUTSTYPER = ("Varning", "Vite", "Uppsägning")
VARNING, VITE, UPPSAGNING = BESLUTSTYPER

GRANSKNING = "granskning"
METHOD_SEPARATOR = ";"


def _granskning_ref() -> pa.Column:
    return c.text("Granskning", "Granskningens id, som i granskningar.", example="G25-01")


def _get(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column, or all missing when an optional column is absent from the file."""
    if column in frame.columns:
        return frame[column]
    return pd.Series(pd.NA, index=frame.index, dtype="object")


def _not_before(frame: pd.DataFrame, first: str, then: str, strict: bool = False) -> pd.Series:
    """True where ``then`` is on or after ``first`` (after, when ``strict``), or either is empty
    (an empty required cell is reported by its own check)."""
    a, b = _get(frame, first), _get(frame, then)
    holds = (b > a) if strict else (b >= a)
    return a.isna() | b.isna() | holds.fillna(False).astype(bool)


def _required_for(frame: pd.DataFrame, column: str, kind: str) -> pd.Series:
    """True where the beslut is not of ``kind`` or ``column`` has a value."""
    return (_get(frame, "beslutstyp") != kind) | _get(frame, column).notna()


def _together(frame: pd.DataFrame, first: str, second: str) -> pd.Series:
    """True where both or neither of two optional columns have a value."""
    return _get(frame, first).isna() == _get(frame, second).isna()


def _optional(make, title: str, description: str, **kw) -> pa.Column:
    """A column a file may leave out, or leave empty on any row."""
    return make(title, description, nullable=True, required=False, **kw)


def _row_check(rule, error: str, name: str) -> pa.Check:
    """A row-wide check; its Swedish error names the columns it compares (they are shown with
    their values in the problem)."""
    return pa.Check(rule, error=error, name=name)


GRANSKNINGAR = Table(
    name="granskningar",
    title="Granskningar",
    description="En rad per granskning av en verksamhet: när, varför och hur den gjordes.",
    key=(GRANSKNING,),
    references=(("verksamhet", "utforare", "verksamhet"),),
    schema=pa.DataFrameSchema(
        {
            GRANSKNING: c.text(
                "Granskning",
                "Granskningens id, unikt i registret (används i filnamn för texterna).",
                unique=True,
                example="G25-01",
            ),
            "verksamhet": c.text(
                "Verksamhet", "Den granskade verksamheten, som i utforare.", example="Mossgården"
            ),
            "typ": c.category(
                "Typ",
                "Planerad (enligt granskningsplanen), påkallad (efter signaler) eller "
                "uppföljande (av en tidigare granskning).",
                GRANSKNINGSTYPER,
            ),
            "startdatum": c.date("Startdatum", "Dag då granskningen började."),
            "slutdatum": c.date("Slutdatum", "Dag då granskningen avslutades."),
            "metod": c.text(
                "Metod",
                "Hur granskningen gjordes; flera metoder åtskilda med semikolon.",
                example="Anmält besök; Intervjuer med ledning och personal",
            ),
            "diarienummer": _optional(c.text, "Diarienummer", "Granskningens diarienummer."),
            "enkät_utdelade": _optional(
                c.integer,
                "Enkät, utdelade",
                "Utförarens egen brukarundersökning: antal utdelade enkäter (valfri).",
            ),
            "enkät_svar": _optional(
                c.integer, "Enkät, svar", "Utförarens egen brukarundersökning: antal svar (valfri)."
            ),
        },
        checks=[
            _row_check(
                lambda df: _not_before(df, "startdatum", "slutdatum"),
                "slutdatum ligger före startdatum",
                "slutdatum_efter_startdatum",
            ),
            _row_check(
                lambda df: _together(df, "enkät_utdelade", "enkät_svar"),
                "enkät_utdelade och enkät_svar ska anges tillsammans",
                "enkät_båda_antalen",
            ),
            _row_check(
                lambda df: _not_before(df, "enkät_svar", "enkät_utdelade"),
                "fler enkät_svar än enkät_utdelade",
                "enkät_svar_högst_utdelade",
            ),
        ],
    ),
)

BEDOMNINGAR = Table(
    name="bedomningar",
    title="Bedömningar per område",
    description="En rad per granskat område: kvalitetsnivå (Grön, Gul eller Röd) och motivering.",
    key=(GRANSKNING, "område"),
    references=((GRANSKNING, "granskningar", GRANSKNING),),
    schema=pa.DataFrameSchema(
        {
            GRANSKNING: _granskning_ref(),
            "område": c.text("Område", "Det granskade området.", example="Social dokumentation"),
            "kvalitetsnivå": c.category(
                "Kvalitetsnivå",
                "Grön: gott exempel att sprida. Gul: behöver utvecklas. Röd: brist som måste "
                "åtgärdas.",
                KVALITETSNIVAER,
            ),
            "bedömning": c.text(
                "Bedömning", "Motiveringen till kvalitetsnivån (publiceras).", example="…"
            ),
        }
    ),
)

BRISTER = Table(
    name="brister",
    title="Brister",
    description="En rad per brist en granskning fann: grund, krav, sista dag och status.",
    key=("brist",),
    references=((GRANSKNING, "granskningar", GRANSKNING),),
    schema=pa.DataFrameSchema(
        {
            "brist": c.text("Brist", "Bristens id, unikt i registret.", unique=True, example="B1"),
            GRANSKNING: _granskning_ref(),
            "grund": c.text(
                "Grund",
                "Avtalspunkten eller lagrummet som inte följs.",
                example="Avtal 6.2 Social dokumentation",
            ),
            "iakttagelse": c.text("Iakttagelse", "Vad granskningen fann (publiceras)."),
            "krav": c.text("Krav", "Vad utföraren ska åtgärda."),
            "konstaterad": c.date("Konstaterad", "Dag då bristen konstaterades."),
            "senast_åtgärdad": c.date(
                "Senast åtgärdad", "Sista dag för åtgärd (efter dagen bristen konstaterades)."
            ),
            "status": c.category("Status", "Bristens status i registret.", BRISTSTATUS),
            "påminnelse": _optional(c.date, "Påminnelse", "Dag då utföraren påmindes (valfri)."),
            "planerad_åtgärd": _optional(
                c.text, "Planerad åtgärd", "Åtgärden enligt utförarens åtgärdsplan (valfri)."
            ),
            "vidtagen_åtgärd": _optional(
                c.text, "Vidtagen åtgärd", "Vad utföraren har gjort (valfri)."
            ),
            "återrapporterad": _optional(
                c.date,
                "Återrapporterad",
                "Dag då utföraren rapporterade tillbaka om åtgärderna (valfri).",
            ),
            "åtgärdad": _optional(
                c.date,
                "Åtgärdad",
                "Dag då bristen bedömdes åtgärdad (krävs när status är Åtgärdad).",
            ),
        },
        checks=[
            _row_check(
                lambda df: _not_before(df, "konstaterad", "senast_åtgärdad", strict=True),
                "senast_åtgärdad ska vara efter konstaterad",
                "senast_efter_konstaterad",
            ),
            _row_check(
                lambda df: (
                    ~_get(df, "status").isin(BRISTSTATUS)  # reported by its own check
                    | ((_get(df, "status") == CLOSED) == _get(df, "åtgärdad").notna())
                ),
                "status Åtgärdad och dagen i åtgärdad ska anges tillsammans",
                "åtgärdad_med_datum",
            ),
            _row_check(
                lambda df: _not_before(df, "konstaterad", "åtgärdad"),
                "åtgärdad ligger före konstaterad",
                "åtgärdad_efter_konstaterad",
            ),
        ],
    ),
)

BESLUT = Table(
    name="beslut",
    title="Beslut",
    description="Nämndens beslut efter en granskning: varning, vite eller uppsägning av avtalet.",
    key=("beslut",),
    references=((GRANSKNING, "granskningar", GRANSKNING),),
    schema=pa.DataFrameSchema(
        {
            "beslut": c.text(
                "Beslut", "Beslutets id, unikt i registret.", unique=True, example="V1"
            ),
            GRANSKNING: c.text(
                "Granskning", "Granskningen som beslutet grundar sig på, som i granskningar."
            ),
            "beslutstyp": c.category("Beslutstyp", "Vilket slags beslut.", BESLUTSTYPER),
            "beslutsdatum": c.date("Beslutsdatum", "Dag då nämnden beslutade."),
            "senast_åtgärdat": _optional(
                c.date,
                "Senast åtgärdat",
                "Varning: sista dag då samtliga brister ska vara åtgärdade.",
            ),
            "avtal_upphör": _optional(
                c.date, "Avtalet upphör", "Uppsägning: dag då avtalet upphör."
            ),
            "belopp": _optional(c.decimal, "Belopp", "Vite: belopp i kronor.", minimum=0),
            "diarienummer": _optional(c.text, "Diarienummer", "Ärendets diarienummer."),
        },
        checks=[
            _row_check(
                lambda df: _required_for(df, "senast_åtgärdat", VARNING),
                "beslutstyp Varning ska ha senast_åtgärdat",
                "varning_har_sista_dag",
            ),
            _row_check(
                lambda df: _required_for(df, "avtal_upphör", UPPSAGNING),
                "beslutstyp Uppsägning ska ha avtal_upphör",
                "uppsagning_har_slutdag",
            ),
            _row_check(
                lambda df: _required_for(df, "belopp", VITE),
                "beslutstyp Vite ska ha belopp",
                "vite_har_belopp",
            ),
            _row_check(
                lambda df: _not_before(df, "beslutsdatum", "senast_åtgärdat", strict=True),
                "senast_åtgärdat ska vara efter beslutsdatum",
                "sista_dag_efter_beslut",
            ),
        ],
    ),
)

TABLES = (GRANSKNINGAR, BEDOMNINGAR, BRISTER, BESLUT)
NAMES = tuple(t.name for t in TABLES)
