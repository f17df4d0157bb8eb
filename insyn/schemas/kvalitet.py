"""Input tables of the nämnd's annual kvalitetsberättelse (vård- och omsorgsnämnden).

File names are chosen not to collide with the kontroll- och uppföljningsrapport's tables, which
live in the same year folder. Comparison tables (Öppna jämförelser, enhetsundersökningen) have
the long shape Socialstyrelsen and Kolada publish: one row per indikator and område.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from insyn.schemas import Table
from insyn.schemas import columns as c

KOMMUN, JAMFORELSEKOMMUN, LAN, RIKET = "Kommun", "Jämförelsekommun", "Län", "Riket"
NIVAER = (KOMMUN, JAMFORELSEKOMMUN, LAN, RIKET)
ENHETSUNDERSOKNING_VERKSAMHETER = ("Bostad med särskild service", "Daglig verksamhet")
LOV_OMRADEN = (
    "Daglig verksamhet",
    "Korttidsvistelse",
    "Boendestöd",
    "Ledsagar- och avlösarservice",
)
KOMMUNAL, PRIVAT = "Kommunal", "Privat"
REGI = (KOMMUNAL, PRIVAT)
# the three kinds of the avvikelser table, as (column, Swedish label)
AVVIKELSE_SLAG = (
    ("lex_sarah", "Lex Sarah-rapporter"),
    ("interna_avvikelser", "Interna avvikelser"),
    ("synpunkter_klagomål", "Synpunkter och klagomål"),
)


def one_kommun_per_indicator(frame: pd.DataFrame) -> pd.Series:
    """False for every Kommun row of an indikator that has more than one Kommun row."""
    keys = [k for k in ("verksamhet", "indikator") if k in frame.columns]
    kommun = frame["nivå"] == KOMMUN
    return ~(kommun & frame[keys].where(kommun).duplicated(keep=False))


def unique_unit(example: str) -> pa.Column:
    """A verksamhet column that names each row once."""
    return c.text("Verksamhet", "Verksamheten, unik i tabellen.", unique=True, example=example)


def comparison_columns() -> dict[str, pa.Column]:
    """The columns shared by Öppna jämförelser and enhetsundersökningen."""
    return {
        "indikator": c.text(
            "Indikator",
            "Indikatorns namn som källan anger det.",
            example="Andel handläggare inom LSS med socionomexamen",
        ),
        "område": c.text(
            "Område", "Kommunen, jämförelsekommunen, länet eller riket.", example="Exempelstad"
        ),
        "nivå": c.category(
            "Nivå",
            "Vad området är: den egna kommunen (en rad per indikator), en jämförelsekommun, "
            "länet eller riket.",
            NIVAER,
        ),
        "år": c.integer("År", "Året som värdet avser.", minimum=2000, maximum=2100),
        "värde": c.decimal("Värde", "Indikatorns värde (andelar i procent, 0–100)."),
        "högre_är_bättre": c.yes_no(
            "Högre är bättre",
            "Ja om ett högre värde är bättre (standard), Nej för till exempel väntetider. "
            "Läses från kommunens rad.",
            nullable=True,
            required=False,
        ),
        "källa": c.text(
            "Källa",
            "Varifrån värdet kommer; visas under tabellen.",
            example="Socialstyrelsen, Öppna jämförelser (Kolada)",
        ),
    }


_ONE_KOMMUN = pa.Check(
    one_kommun_per_indicator,
    error="mer än en rad med nivå Kommun för samma indikator (bara den egna kommunen ska ha det)",
    name="en_kommun_per_indikator",
)

OPPNA_JAMFORELSER = Table(
    name="oppna_jamforelser",
    title="Öppna jämförelser",
    description="Indikatorer för kommunen, jämförelsekommunerna, länet och riket.",
    key=("indikator", "område"),
    schema=pa.DataFrameSchema(comparison_columns(), checks=[_ONE_KOMMUN]),
)

ENHETSUNDERSOKNING = Table(
    name="enhetsundersokning",
    title="Enhetsundersökningen",
    description="Socialstyrelsens enhetsundersökning per verksamhet och indikator.",
    key=("verksamhet", "indikator", "område"),
    schema=pa.DataFrameSchema(
        {
            "verksamhet": c.category(
                "Verksamhet",
                "Verksamheten som undersökningen gäller.",
                ENHETSUNDERSOKNING_VERKSAMHETER,
            ),
            **comparison_columns(),
        },
        checks=[_ONE_KOMMUN],
    ),
)

BRUKARUNDERSOKNINGAR = Table(
    name="brukarundersokningar",
    title="Brukarundersökningar",
    description="Brukarundersökningar per verksamhet: hur många som tillfrågades och svarade.",
    key=("verksamhet",),
    schema=pa.DataFrameSchema(
        {
            "verksamhet": unique_unit("Daglig verksamhet"),
            **c.survey_counts(),
        },
        checks=[c.answered_at_most_asked()],
    ),
)

BRUKARUNDERSOKNINGAR_RESULTAT = Table(
    name="brukarundersokningar_resultat",
    title="Brukarundersökningarnas resultat",
    description="Andel positiva svar per verksamhet och fråga.",
    key=("verksamhet", "fråga"),
    references=(("verksamhet", "brukarundersokningar", "verksamhet"),),
    schema=pa.DataFrameSchema(
        {
            "verksamhet": c.text(
                "Verksamhet", "Verksamheten, som i brukarundersokningar.", example="Gruppbostad"
            ),
            "fråga": c.text("Fråga", "Frågan som i enkäten.", example="Trivs du hemma?"),
            "andel_positiva": c.decimal(
                "Andel positiva", "Andel positiva svar i procent (0–100).", minimum=0, maximum=100
            ),
        }
    ),
)

AVVIKELSER_VERKSAMHET = Table(
    name="avvikelser_verksamhet",
    title="Avvikelser, synpunkter och klagomål",
    description="Antal rapporter under året per verksamhet (sektion eller enhet).",
    key=("verksamhet",),
    schema=pa.DataFrameSchema(
        {
            "verksamhet": unique_unit("Boendesektionen LSS"),
            **{
                column: c.integer(label, f"Antal {label.lower()} under året.")
                for column, label in AVVIKELSE_SLAG
            },
        }
    ),
)

GRANSKNINGAR_TILLSYN = Table(
    name="granskningar_tillsyn",
    title="Granskningar och tillsyn",
    description="Granskningar, inspektioner och tillsyn av nämndens verksamheter under året.",
    key=("datum", "granskare", "verksamhet"),
    schema=pa.DataFrameSchema(
        {
            "datum": c.date("Datum", "Dag då granskningen gjordes.", in_period=True),
            "granskare": c.text(
                "Granskare", "Vem som granskade (myndighet, förvaltning).", example="IVO"
            ),
            "verksamhet": c.text(
                "Verksamhet", "Verksamheten som granskades.", example="Gruppbostaden Linden"
            ),
            "granskat_område": c.text(
                "Granskat område", "Vad granskningen gällde.", example="Läkemedelshantering"
            ),
            "anmärkningar": c.yes_no(
                "Anmärkningar", "Ja om granskningen ledde till anmärkningar eller krav."
            ),
            "resultat": c.text(
                "Resultat", "Kort resultat (publiceras).", nullable=True, required=False
            ),
            "länk": c.text(
                "Länk",
                "Adress till granskningsrapporten, om den finns (https://… eller en relativ "
                "sökväg till en rapport i _site).",
                nullable=True,
                required=False,
                checks=[
                    pa.Check.str_matches(
                        r"^(https://[\w.~:/?#@!$&*+,;=%-]+|[\w./-]+\.(html|pdf))$",
                        error="ska vara en https-adress eller en relativ sökväg till .html/.pdf",
                    )
                ],
            ),
        }
    ),
)

LOV_VERKSAMHETER = Table(
    name="lov_verksamheter",
    title="Verksamheter inom valfrihetssystemet (LOV)",
    description="En rad per verksamhet som brukarna kan välja, kommunal eller privat.",
    key=("verksamhet",),
    schema=pa.DataFrameSchema(
        {
            "verksamhet": unique_unit("Daglig verksamhet Verkstan"),
            "område": c.category("Område", "Tjänsteområdet i valfrihetssystemet.", LOV_OMRADEN),
            "regi": c.category("Regi", "Kommunal eller privat utförare.", REGI),
            "utförare": c.text(
                "Utförare", "Den som driver verksamheten.", example="Exempelstads kommun"
            ),
        }
    ),
)

TABLES = (
    OPPNA_JAMFORELSER,
    ENHETSUNDERSOKNING,
    BRUKARUNDERSOKNINGAR,
    BRUKARUNDERSOKNINGAR_RESULTAT,
    AVVIKELSER_VERKSAMHET,
    GRANSKNINGAR_TILLSYN,
    LOV_VERKSAMHETER,
)
