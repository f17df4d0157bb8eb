"""The invented world of the example kontroll- och uppföljningsrapport: providers, scripted
events per year and the narrative texts. ``insyn.examples.kontroll`` turns it into files.

Everything here is fictional: the companies, their verksamheter and all events.
"""

from __future__ import annotations

from dataclasses import dataclass

LATEST = "senaste"  # the last year written: the report year of the example
EARLIER = "tidigare"  # every year before it
TERMINAL = ("Avtal uppsagt", "Avtal avslutat", "Konkurs")  # the unit stops that day

HVB_VUXNA = "HVB vuxna"
HVB_UNGA = "HVB barn och unga"
FAMILJEHEM = "Familjehem"
STODBOENDE = "Stödboende"
INSATS = {HVB_VUXNA: "HVB", HVB_UNGA: "HVB", FAMILJEHEM: "Familjehem", STODBOENDE: "Stödboende"}
# when each framework agreement started: (years before the first year written, month, day)
FRAMEWORK_START = {
    HVB_VUXNA: (2, 4, 1),
    HVB_UNGA: (1, 9, 1),
    FAMILJEHEM: (3, 1, 1),
    STODBOENDE: (1, 2, 1),
}

MonthDay = tuple[int, int]


# -- the providers -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Unit:
    """A verksamhet in the catalogue.

    ``volume``: mean placements a year for a unit that is always in the sample (0 for others);
    ``borderline``: a unit that lands just above or just below the sample threshold;
    ``opens``: (month, day) in the last year when a new unit's agreement starts.
    """

    name: str
    company: str
    area: str
    volume: int = 0
    borderline: bool = False
    opens: MonthDay | None = None


def _units(company: str, area: str, *names: str) -> list[Unit]:
    return [Unit(name, company, area) for name in names]


UNITS: tuple[Unit, ...] = (
    # HVB för vuxna
    Unit("HVB Björkhagen", "Björkhagens Behandlingshem AB", HVB_VUXNA, volume=20),
    Unit("HVB Björkhagen utsluss", "Björkhagens Behandlingshem AB", HVB_VUXNA),
    Unit("Stigen HVB Norr", "Stigen Omsorg AB", HVB_VUXNA),
    Unit("Tallmon behandlingshem", "Tallmons Vård AB", HVB_VUXNA, borderline=True),
    Unit("HVB Kvarnbacken", "Kvarnbackens Behandling AB", HVB_VUXNA, volume=14),
    Unit("Granliden HVB", "Granlidens Omsorg AB", HVB_VUXNA, volume=9),
    Unit("Strandhagen HVB", "Strandhagens Behandlingshem AB", HVB_VUXNA, volume=7),
    *_units("Strandhagens Behandlingshem AB", HVB_VUXNA, "Strandhagen kvinnoboende"),
    *_units("Sjöbris Rehab AB", HVB_VUXNA, "Sjöbris rehabhem"),
    *_units("Norrskensgården Vård AB", HVB_VUXNA, "Norrskensgården"),
    *_units("Ljungsätra Vård och Behandling AB", HVB_VUXNA, "Ljungsätra behandlingshem"),
    *_units("Ekudden Terapi AB", HVB_VUXNA, "HVB Ekudden"),
    *_units("Fyrbåkens Omsorg AB", HVB_VUXNA, "Fyrbåken HVB"),
    *_units("Ramsviks Vårdhem AB", HVB_VUXNA, "Ramsvik vårdhem"),
    *_units("Öjebacka Behandling AB", HVB_VUXNA, "Öjebacka behandlingshem"),
    *_units("Hällängens Vård AB", HVB_VUXNA, "HVB Hälläng"),
    *_units("Vindögats Rehabilitering AB", HVB_VUXNA, "Vindögat"),
    *_units("Svartåns Behandlingscenter AB", HVB_VUXNA, "Svartån behandlingscenter"),
    *_units("Mossgårdens HVB AB", HVB_VUXNA, "Mossgården"),
    *_units("Lärkstigens Vård AB", HVB_VUXNA, "Lärkstigen HVB"),
    *_units("Kronbergs Terapigård AB", HVB_VUXNA, "Kronbergs terapigård"),
    *_units("Rönnbärets Omsorg AB", HVB_VUXNA, "HVB Rönnbäret"),
    *_units("Ledstången Behandling AB", HVB_VUXNA, "Ledstången HVB"),
    *_units("Tranbergets Vård AB", HVB_VUXNA, "Tranberget"),
    *_units("Åsmyrens Behandlingshem AB", HVB_VUXNA, "Åsmyren"),
    *_units("Bergsängs Rehab AB", HVB_VUXNA, "Bergsäng rehab"),
    *_units("Skärvikens Omsorg AB", HVB_VUXNA, "Skärviken HVB"),
    *_units("Lövnäs Vård AB", HVB_VUXNA, "Lövnäs behandlingshem"),
    *_units("Hagtornets Behandling AB", HVB_VUXNA, "Hagtornet HVB"),
    *_units("Gläntans Stöd och Behandling AB", HVB_VUXNA, "Gläntan HVB"),
    *_units("Ängsmarkens Terapi AB", HVB_VUXNA, "Ängsmarken"),
    *_units("Korpudden Vård AB", HVB_VUXNA, "Korpudden"),
    *_units("Vassbottens Behandling AB", HVB_VUXNA, "Vassbotten"),
    Unit("Fjällsippan HVB", "Fjällsippans Omsorg AB", HVB_VUXNA, opens=(2, 1)),
    # HVB för barn och unga
    Unit("Lindskogen ungdomshem", "Ungdomshemmet Lindskogen AB", HVB_UNGA, volume=12),
    Unit("Kompassrosen", "Kompassrosen Barn och Unga AB", HVB_UNGA, volume=8),
    Unit("Havsörnen", "Havsörnens Ungdomsboende AB", HVB_UNGA, borderline=True),
    *_units("Kompassrosen Barn och Unga AB", HVB_UNGA, "Kompassrosen akut"),
    *_units("Backstugans Ungdomsvård AB", HVB_UNGA, "Backstugan HVB"),
    *_units("Trädkojans Omsorg AB", HVB_UNGA, "Trädkojan"),
    *_units("Bäckadalens Behandling AB", HVB_UNGA, "Bäckadalen"),
    *_units("Lyktans HVB AB", HVB_UNGA, "Lyktan"),
    *_units("Solvändans Ungdomshem AB", HVB_UNGA, "Solvändan"),
    *_units("Uddens Ungdomsvård AB", HVB_UNGA, "Udden ungdomsboende"),
    *_units("Ljusglimtens Omsorg AB", HVB_UNGA, "Ljusglimten HVB"),
    *_units("Mellanbäckens Vård AB", HVB_UNGA, "Mellanbäcken"),
    *_units("Stenrösets Ungdomshem AB", HVB_UNGA, "Stenröset"),
    *_units("Myrstackens Behandling AB", HVB_UNGA, "Myrstacken"),
    *_units("Vågbrytarens HVB AB", HVB_UNGA, "Vågbrytaren"),
    *_units("Grankottens Ungdom AB", HVB_UNGA, "Grankotten"),
    *_units("Hagtornets Behandling AB", HVB_UNGA, "Hagtornet ungdom"),
    *_units("Klövervallens Omsorg AB", HVB_UNGA, "Klövervallen"),
    *_units("Tornsvalans Ungdomsvård AB", HVB_UNGA, "Tornsvalan"),
    *_units("Nyponbackens HVB AB", HVB_UNGA, "Nyponbacken"),
    *_units("Sandåsens Ungdomshem AB", HVB_UNGA, "Sandåsen"),
    # konsulentstödd familjehemsvård
    Unit("Familjehemsgruppen Väst", "Familjehemsgruppen Väst AB", FAMILJEHEM, volume=42),
    Unit("Trygga Famnen", "Trygga Famnen Familjevård AB", FAMILJEHEM, volume=30),
    Unit("Familjebryggan", "Familjebryggan Konsulent AB", FAMILJEHEM, volume=22),
    Unit("Hemvisten", "Hemvistens Familjevård AB", FAMILJEHEM, borderline=True),
    *_units("Familjehemsgruppen Väst AB", FAMILJEHEM, "Familjehemsgruppen Väst jourhem"),
    *_units("Ankarets Familjehemsstöd AB", FAMILJEHEM, "Ankaret familjehem"),
    *_units("Boets Familjehem AB", FAMILJEHEM, "Boet familjehem"),
    *_units("Vårdträdets Familjehem AB", FAMILJEHEM, "Vårdträdet"),
    *_units("Navets Konsulentverksamhet AB", FAMILJEHEM, "Navet familjehem"),
    *_units("Ledstjärnans Familjehemsvård AB", FAMILJEHEM, "Ledstjärnan"),
    *_units("Fristadens Familjehem AB", FAMILJEHEM, "Fristaden"),
    Unit("Rotfästet", "Rotfästets Familjevård AB", FAMILJEHEM, opens=(9, 1)),
    # stödboende
    Unit("Trappsteget", "Trappstegets Stödboende AB", STODBOENDE, volume=11),
    Unit("Egen Dörr", "Egen Dörr Stödboende AB", STODBOENDE, borderline=True),
    *_units("Stigen Omsorg AB", STODBOENDE, "Stigen stödboende"),
    *_units("Vågbrytarens HVB AB", STODBOENDE, "Vågbrytaren utsluss"),
    *_units("Ekudden Terapi AB", STODBOENDE, "Ekudden stödboende"),
    *_units("Mellanrummets Boende AB", STODBOENDE, "Mellanrummet"),
    *_units("Språngbrädans Boende AB", STODBOENDE, "Språngbrädan"),
    *_units("Startgropens Stödboende AB", STODBOENDE, "Startgropen"),
    *_units("Fotfästets Stödboende AB", STODBOENDE, "Fotfästet stödboende"),
    *_units("Bryggans Stödboende AB", STODBOENDE, "Bryggan stödboende"),
    *_units("Lotsens Boendestöd AB", STODBOENDE, "Lotsen"),
    *_units("Kajens Boende AB", STODBOENDE, "Kajen stödboende"),
    *_units("Milstolpens Stödboende AB", STODBOENDE, "Milstolpen"),
    *_units("Fästpunktens Boende AB", STODBOENDE, "Fästpunkten"),
    *_units("Bojens Stödboende AB", STODBOENDE, "Bojen stödboende"),
    Unit("Nyckeln stödboende", "Nyckelns Boende AB", STODBOENDE, opens=(5, 1)),
)


# -- the scripted events -----------------------------------------------------------------------
@dataclass(frozen=True)
class Ivo:
    unit: str
    day: MonthDay
    kind: str
    criticism: bool
    status: str
    summary: str


@dataclass(frozen=True)
class Event:
    """A dated row about a unit: a deviation (``kind`` = källa) or an outcome (händelse)."""

    unit: str
    day: MonthDay
    kind: str
    text: str


@dataclass(frozen=True)
class Survey:
    asked: int
    answered: int
    stated: int | None


@dataclass(frozen=True)
class Scenario:
    """What happens in a year of one role (the last year written, or any year before it)."""

    ivo: tuple[Ivo, ...]
    lex_sarah: tuple[tuple[str, MonthDay, bool], ...]
    deviations: tuple[Event, ...]
    outcomes: tuple[Event, ...]
    credit: tuple[tuple[str, MonthDay, int], ...]  # company, day, rating
    social_workers: Survey
    providers_not_answering: int  # of the sampled verksamheter, asked in the provider survey
    random_lex_sarah: int
    random_deviations: int
    focus: str


LATEST_SCENARIO = Scenario(
    ivo=(
        Ivo(
            "HVB Kvarnbacken",
            (4, 9),
            "Tillsyn",
            True,
            "Avslutat",
            "Tillsyn efter en anonym anmälan om bemanningen. IVO konstaterade att det inte alltid "
            "funnits vaken personal nattetid men godtog de åtgärder som verksamheten redovisat.",
        ),
        Ivo(
            "Lindskogen ungdomshem",
            (5, 21),
            "Tillsyn",
            False,
            "Avslutat",
            "Planerad tillsyn av barnens delaktighet och skolgång. IVO fann inte skäl att rikta "
            "kritik mot verksamheten.",
        ),
        Ivo(
            "Vassbotten",
            (3, 14),
            "Återkallat tillstånd",
            True,
            "Avslutat",
            "IVO återkallade tillståndet eftersom verksamheten under lång tid saknat behörig "
            "föreståndare och inte rättat till tidigare påtalade brister.",
        ),
        Ivo(
            "Mossgården",
            (10, 2),
            "Tillsyn",
            True,
            "Pågående",
            "IVO har funnit brister i dokumentationen av insatserna och begärt att verksamheten "
            "redovisar vilka åtgärder som vidtas.",
        ),
        Ivo(
            "Familjehemsgruppen Väst",
            (6, 17),
            "Klagomål",
            False,
            "Avslutat",
            "Ett klagomål om hur familjehem informerats om ett placerat barns behov utreddes. "
            "IVO avslutade ärendet utan vidare åtgärder.",
        ),
        Ivo(
            "Egen Dörr",
            (2, 26),
            "Lämplighetsprövning",
            False,
            "Avslutat",
            "Prövning efter ägarbyte. IVO bedömde att de nya ägarna har den insikt och de "
            "ekonomiska förutsättningar som krävs.",
        ),
        Ivo(
            "Havsörnen",
            (11, 12),
            "Tillsyn",
            True,
            "Pågående",
            "Tillsyn efter lex Sarah-anmälningar om bristande tillsyn av placerade ungdomar. IVO "
            "har begärt in verksamhetens rutiner för tillsyn nattetid.",
        ),
        Ivo(
            "Nyckeln stödboende",
            (4, 24),
            "Lämplighetsprövning",
            False,
            "Avslutat",
            "Prövning inför att stödboendet startade. IVO beviljade tillstånd.",
        ),
    ),
    lex_sarah=(
        ("Havsörnen", (2, 3), True),
        ("Havsörnen", (6, 28), True),
        ("Havsörnen", (10, 9), False),
    ),
    deviations=(
        Event(
            "Mossgården",
            (2, 11),
            "Socialsekreterare",
            "Journalanteckningar saknades för flera dagar under placeringen.",
        ),
        Event(
            "Mossgården",
            (4, 3),
            "Samordnare",
            "Verksamheten kunde inte visa något bemanningsschema för nattetid.",
        ),
        Event(
            "Mossgården",
            (6, 19),
            "Socialsekreterare",
            "Socialtjänsten fick sent veta att den placerade lämnat boendet.",
        ),
        Event(
            "Mossgården",
            (9, 8),
            "Brukare",
            "Den placerade uppger att personal sällan funnits tillgänglig på kvällarna.",
        ),
        Event(
            "Kompassrosen",
            (3, 6),
            "Socialsekreterare",
            "Socialtjänsten informerades först efter en vecka om att den unge skadats.",
        ),
        Event(
            "Kompassrosen",
            (5, 27),
            "Socialsekreterare",
            "Genomförandeplanen saknades vid det första uppföljningsmötet.",
        ),
        Event(
            "Kompassrosen",
            (10, 14),
            "Samordnare",
            "Den unge flyttades till en annan enhet utan samråd med socialtjänsten.",
        ),
    ),
    outcomes=(
        Event(
            "Vassbotten", (3, 28), "Avtal uppsagt", "IVO har återkallat verksamhetens tillstånd."
        ),
        Event(
            "Ramsvik vårdhem",
            (2, 20),
            "Avtal uppsagt",
            "Upprepade brister i bemanningen trots åtgärdsplan och påpekanden.",
        ),
        Event(
            "Tranberget",
            (5, 20),
            "Konkurs",
            "Bolaget har försatts i konkurs; pågående placeringar har flyttats.",
        ),
        Event(
            "Korpudden",
            (6, 25),
            "Under utredning",
            "Kreditbetyg under 40; en plan för att stärka ekonomin har begärts in.",
        ),
        Event(
            "Mossgården",
            (10, 15),
            "Under utredning",
            "Upprepade avvikelser och pågående tillsyn hos IVO.",
        ),
        Event(
            "Lövnäs behandlingshem",
            (10, 20),
            "Under utredning",
            "Kreditbetyg under 40; leverantören har ombetts redovisa sin ekonomiska ställning.",
        ),
        Event(
            "Havsörnen",
            (11, 20),
            "Under utredning",
            "Upprepade lex Sarah-rapporter och pågående tillsyn hos IVO.",
        ),
    ),
    credit=(
        ("Tranbergets Vård AB", (2, 10), 29),
        ("Tranbergets Vård AB", (4, 28), 12),
        ("Lövnäs Vård AB", (3, 5), 52),
        ("Lövnäs Vård AB", (10, 1), 34),
        ("Korpudden Vård AB", (6, 11), 37),
    ),
    social_workers=Survey(30, 27, 90),
    providers_not_answering=1,
    random_lex_sarah=4,
    random_deviations=36,
    focus="det systematiska kvalitetsarbetet, med tyngdpunkt på egenkontroll och hur "
    "avvikelser tas emot, utreds och leder till förbättringar",
)

EARLIER_SCENARIO = Scenario(
    ivo=(
        Ivo(
            "HVB Björkhagen",
            (3, 19),
            "Tillsyn",
            True,
            "Avslutat",
            "IVO granskade läkemedelshanteringen och fann att signeringslistor saknades vid flera "
            "tillfällen. Verksamheten har infört en ny rutin och ärendet är avslutat.",
        ),
        Ivo(
            "Boet familjehem",
            (5, 8),
            "Tillsyn",
            True,
            "Avslutat",
            "IVO konstaterade att familjehemmen inte fått den handledning och utbildning som "
            "tillståndet förutsätter.",
        ),
        Ivo(
            "Granliden HVB",
            (2, 14),
            "Lämplighetsprövning",
            False,
            "Avslutat",
            "Prövning av en ny styrelseledamot. IVO bedömde att ledningen har tillräcklig kunskap "
            "om regelverket.",
        ),
        Ivo(
            "Strandhagen kvinnoboende",
            (9, 3),
            "Tillsyn",
            False,
            "Avslutat",
            "Tillsyn av stödet till kvinnor som utsatts för våld i nära relationer. Inga brister "
            "konstaterades.",
        ),
        Ivo(
            "Trappsteget",
            (6, 12),
            "Klagomål",
            False,
            "Avslutat",
            "En boende klagade på reglerna för besök. IVO fann inte att verksamheten brustit.",
        ),
        Ivo(
            "Ramsvik vårdhem",
            (10, 21),
            "Tillsyn",
            True,
            "Avslutat",
            "IVO bedömde att bemanningen kvällar och helger inte räckte för en trygg och säker "
            "vård. Verksamheten har lämnat en åtgärdsplan.",
        ),
        Ivo(
            "Myrstacken",
            (11, 28),
            "Tillsyn",
            False,
            "Pågående",
            "Tillsyn inledd efter uppgifter om placerade barns skolgång. Utredningen pågår.",
        ),
    ),
    lex_sarah=(),
    deviations=(
        Event(
            "Ramsvik vårdhem",
            (1, 23),
            "Socialsekreterare",
            "Bemanningen nattetid var lägre än vad avtalet anger.",
        ),
        Event(
            "Ramsvik vårdhem",
            (5, 7),
            "Socialsekreterare",
            "Vikarier utan introduktion arbetade ensamma under helger.",
        ),
        Event(
            "Ramsvik vårdhem",
            (8, 29),
            "Samordnare",
            "Verksamheten har inte lämnat den personalförteckning som begärts.",
        ),
        Event(
            "Familjebryggan",
            (2, 2),
            "Socialsekreterare",
            "Familjehemmet nådde inte konsulenten under en helg när en kris uppstod.",
        ),
        Event(
            "Familjebryggan",
            (4, 15),
            "Socialsekreterare",
            "Handledningen av familjehemmet har uteblivit under flera månader.",
        ),
        Event(
            "Familjebryggan",
            (6, 10),
            "Samordnare",
            "Familjehemmet har inte fått den grundutbildning som avtalet kräver.",
        ),
        Event(
            "Familjebryggan",
            (9, 26),
            "Socialsekreterare",
            "Jourtelefonen var obemannad vid upprepade tillfällen enligt familjehemmet.",
        ),
    ),
    outcomes=(
        Event(
            "Fyrbåken HVB", (6, 30), "Avtal avslutat", "Leverantören har avvecklat verksamheten."
        ),
        Event(
            "Stenröset",
            (9, 30),
            "Avtal avslutat",
            "Verksamheten lades ned och avtalet avslutades i samförstånd.",
        ),
        Event(
            "Boet familjehem",
            (8, 30),
            "Avtal uppsagt",
            "Familjehemmen fick inte den handledning och utbildning som avtalet kräver.",
        ),
        Event(
            "Bergsäng rehab",
            (10, 8),
            "Under utredning",
            "Kreditbetyg under 40; leverantören har lämnat en plan för att återställa ekonomin.",
        ),
        Event(
            "Ramsvik vårdhem",
            (11, 5),
            "Under utredning",
            "Upprepade avvikelser om bemanningen och kritik från IVO.",
        ),
    ),
    credit=(
        ("Tranbergets Vård AB", (5, 20), 45),
        ("Tranbergets Vård AB", (11, 4), 38),
        ("Bergsängs Rehab AB", (3, 12), 47),
        ("Bergsängs Rehab AB", (9, 18), 33),
    ),
    social_workers=Survey(20, 13, 70),  # the tool's stated rate disagrees with 13 of 20
    providers_not_answering=2,
    random_lex_sarah=7,
    random_deviations=32,
    focus="personalens utbildning och kompetens samt bemanningen under dygnets alla timmar",
)

SCENARIOS = {LATEST: LATEST_SCENARIO, EARLIER: EARLIER_SCENARIO}

# deviations drawn at random: (källa, beskrivning), by avtalsområde
DEVIATIONS_ANY = (
    ("Socialsekreterare", "Genomförandeplanen upprättades inte inom den tid som avtalet anger."),
    ("Socialsekreterare", "Den månatliga rapporten om insatsen kom inte in till socialtjänsten."),
    (
        "Socialsekreterare",
        "Socialtjänsten fick veta först flera dagar senare att en allvarlig händelse inträffat.",
    ),
    ("Socialsekreterare", "Insatsen avslutades i förtid utan att socialtjänsten kontaktats."),
    ("Samordnare", "Fakturan avvek från det pris som avtalet anger."),
    (
        "Samordnare",
        "Verksamheten kunde inte visa att personalen har den utbildning som anbudet angav.",
    ),
    ("Samordnare", "Ett planerat uppföljningsmöte ställdes in utan att ny tid erbjöds."),
    ("Brukare", "Den placerade har framfört klagomål på personalens bemötande."),
    ("Brukare", "Den placerade uppger att planerade samtal ställts in flera gånger."),
    ("Annan", "En anhörig har hört av sig med oro för tryggheten i boendet."),
    (
        "Media",
        "Uppgifter i lokalmedia om en otrygg miljö; förvaltningen har begärt en redogörelse.",
    ),
)
DEVIATIONS_BY_AREA = {
    HVB_VUXNA: (
        ("Socialsekreterare", "Bemanningen under helger var lägre än verksamheten uppgett."),
        ("Socialsekreterare", "Behandlingsinnehållet motsvarade inte det som beskrivs i anbudet."),
    ),
    HVB_UNGA: (
        ("Socialsekreterare", "Den unge har inte fått den skolgång som planerats."),
        ("Annan", "Skolan har påtalat frånvaro som verksamheten inte meddelat socialtjänsten."),
    ),
    FAMILJEHEM: (
        ("Socialsekreterare", "Familjehemmet har haft svårt att nå konsulenten kvällstid."),
        ("Socialsekreterare", "Familjehemmet har inte fått den utbildning som avtalet kräver."),
        ("Samordnare", "Matchningen av familjehem dröjde längre än avtalet anger."),
    ),
    STODBOENDE: (
        ("Socialsekreterare", "Den unge har inte fått det stöd i vardagen som planerats."),
        ("Brukare", "Den boende upplever att personalen sällan finns på plats."),
    ),
}
