"""Input tables of the nämnd's annual kontroll- och uppföljningsrapport (privata utförare)."""

from __future__ import annotations

import pandera.pandas as pa

from insyn.schemas import Table
from insyn.schemas import columns as c

AVTALSOMRADEN = ("HVB vuxna", "HVB barn och unga", "Familjehem", "Stödboende")
INSATSER = ("HVB", "Familjehem", "Stödboende")
IVO_ARENDETYPER = ("Tillsyn", "Lämplighetsprövning", "Klagomål", "Återkallat tillstånd")
IVO_STATUS = ("Avslutat", "Pågående")
AVVIKELSE_KALLOR = ("Socialsekreterare", "Samordnare", "Brukare", "Media", "Annan")
UTFALL = ("Avtal uppsagt", "Avtal avslutat", "Under utredning", "Konkurs")
ENKATER = ("Socialsekreterare", "Leverantörer")

VERKSAMHET = "verksamhet"


def _verksamhet(description: str = "Verksamhetens namn, som i utforare.") -> pa.Column:
    return c.text("Verksamhet", description, example="HVB Björkhagen")


UTFORARE = Table(
    name="utforare",
    title="Utförare och verksamheter",
    description="En rad per verksamhet som har avtal med nämnden (ramavtal eller LOV).",
    key=(VERKSAMHET,),
    schema=pa.DataFrameSchema(
        {
            VERKSAMHET: c.text(
                "Verksamhet",
                "Verksamhetens namn, unikt i tabellen.",
                unique=True,
                example="HVB Björkhagen",
            ),
            "utförare": c.text(
                "Utförare",
                "Juridisk person (bolaget) som driver verksamheten.",
                example="Björkhagens Behandlingshem AB",
            ),
            "organisationsnummer": c.organisation_number(
                "Organisationsnummer", "Utförarens organisationsnummer (10 siffror)."
            ),
            "avtalsområde": c.category(
                "Avtalsområde",
                "Det ramavtal eller valfrihetssystem verksamheten ingår i.",
                AVTALSOMRADEN,
            ),
            "avtal_start": c.date("Avtalsstart", "Dag då avtalet började gälla."),
        }
    ),
)

PLACERINGAR = Table(
    name="placeringar",
    title="Inledda placeringar",
    description="En rad per placering som inleddes under perioden. Inga personuppgifter.",
    key=("placering",),
    references=((VERKSAMHET, "utforare", VERKSAMHET),),
    schema=pa.DataFrameSchema(
        {
            "placering": c.text(
                "Placering",
                "Placeringens id i verksamhetssystemet (inte personnummer).",
                unique=True,
                example="P25-0001",
            ),
            VERKSAMHET: _verksamhet(),
            "startdatum": c.date("Startdatum", "Dag då placeringen inleddes.", in_period=True),
            "insats": c.category("Insats", "Typ av insats.", INSATSER),
        }
    ),
)

KREDITUPPLYSNINGAR = Table(
    name="kreditupplysningar",
    title="Kreditupplysningar",
    description="Ekonomisk kontroll: en rad per kreditupplysning på en utförare.",
    key=("organisationsnummer", "kontrolldatum"),
    references=(("organisationsnummer", "utforare", "organisationsnummer"),),
    schema=pa.DataFrameSchema(
        {
            "organisationsnummer": c.organisation_number(
                "Organisationsnummer", "Utförarens organisationsnummer, som i utforare."
            ),
            "kontrolldatum": c.date("Kontrolldatum", "Dag då upplysningen togs.", in_period=True),
            "rating": c.integer(
                "Rating",
                "Kreditbetyg 0–100 (Creditsafe; 40 motsvarar UC riskklass 3).",
                minimum=0,
                maximum=100,
            ),
            "kreditupplysningsföretag": c.text(
                "Kreditupplysningsföretag",
                "Företaget som lämnat upplysningen.",
                example="Creditsafe",
            ),
        }
    ),
)

ENKATER_TABLE = Table(
    name="enkater",
    title="Enkäter",
    description="Enkäter i den översiktliga uppföljningen: hur många som tillfrågades och svarade.",
    key=("enkät",),
    schema=pa.DataFrameSchema(
        {
            "enkät": c.category("Enkät", "Vilken enkät raden gäller.", ENKATER, unique=True),
            **c.survey_counts(),
        },
        checks=[c.answered_at_most_asked()],
    ),
)

IVO_BESLUT = Table(
    name="ivo_beslut",
    title="Beslut från IVO",
    description="Tillsynsbeslut, lämplighetsprövningar och andra beslut från IVO per verksamhet.",
    key=(VERKSAMHET, "beslutsdatum", "ärendetyp"),
    references=((VERKSAMHET, "utforare", VERKSAMHET),),
    schema=pa.DataFrameSchema(
        {
            VERKSAMHET: _verksamhet(),
            "beslutsdatum": c.date("Beslutsdatum", "Dag då IVO fattade beslutet.", in_period=True),
            "ärendetyp": c.category("Ärendetyp", "Typ av ärende hos IVO.", IVO_ARENDETYPER),
            "kritik": c.yes_no("Kritik", "Ja om IVO riktade kritik eller konstaterade brister."),
            "status": c.category("Status", "Om ärendet är avslutat hos IVO.", IVO_STATUS),
            "sammanfattning": c.text(
                "Sammanfattning",
                "Kort sammanfattning av beslutet (publiceras).",
                nullable=True,
                required=False,
            ),
        }
    ),
)

LEX_SARAH = Table(
    name="lex_sarah",
    title="Lex Sarah-rapporter",
    description="Rapporter om missförhållanden (lex Sarah) från utförarna.",
    references=((VERKSAMHET, "utforare", VERKSAMHET),),
    schema=pa.DataFrameSchema(
        {
            VERKSAMHET: _verksamhet(),
            "rapportdatum": c.date("Rapportdatum", "Dag då rapporten kom in.", in_period=True),
            "anmäld_till_ivo": c.yes_no("Anmäld till IVO", "Ja om händelsen anmäldes till IVO."),
        }
    ),
)

AVVIKELSER = Table(
    name="avvikelser",
    title="Avvikelser i den löpande uppföljningen",
    description="Avvikelser och synpunkter om utförare som kommit in under året.",
    references=((VERKSAMHET, "utforare", VERKSAMHET),),
    schema=pa.DataFrameSchema(
        {
            VERKSAMHET: _verksamhet(),
            "datum": c.date("Datum", "Dag då avvikelsen kom in.", in_period=True),
            "källa": c.category("Källa", "Vem som rapporterade.", AVVIKELSE_KALLOR),
            "beskrivning": c.text(
                "Beskrivning",
                "Kort beskrivning utan namn eller personuppgifter (publiceras inte).",
                nullable=True,
                required=False,
            ),
        }
    ),
)

UTFALL_TABLE = Table(
    name="utfall",
    title="Årets utfall",
    description="Avtal som sagts upp eller avslutats, utförare under utredning och konkurser.",
    references=((VERKSAMHET, "utforare", VERKSAMHET),),
    schema=pa.DataFrameSchema(
        {
            VERKSAMHET: _verksamhet(),
            "datum": c.date(
                "Datum", "Dag då händelsen inträffade eller beslutades.", in_period=True
            ),
            "händelse": c.category("Händelse", "Vad som hände.", UTFALL),
            "orsak": c.text("Orsak", "Kort orsak (publiceras).", nullable=True, required=False),
        }
    ),
)

TABLES = (
    UTFORARE,
    PLACERINGAR,
    KREDITUPPLYSNINGAR,
    ENKATER_TABLE,
    IVO_BESLUT,
    LEX_SARAH,
    AVVIKELSER,
    UTFALL_TABLE,
)
