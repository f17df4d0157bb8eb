"""The invented world of the example kvalitetsberättelse (Exempelstad, vård- och omsorgsnämnden):
comparison indicators, surveys, reports, audits and the LOV catalogue, per year kind.

Everything here is fictional. Some figures of the report year follow the shape of a real
kvalitetsberättelse (seed 003: 10 of 21 answered with 44 % stated; 52 dagliga verksamheter of
which 17 kommunala), so the example exercises what real data holds.
``insyn.examples.kvalitet`` turns it into files.
"""

from __future__ import annotations

from dataclasses import dataclass

from insyn.examples.kontroll_scenario import EARLIER, LATEST

KOMMUN = "Exempelstad"
PEERS = ("Ekdala", "Granvik", "Lindåsa", "Sjöbacka", "Västerlöt")
LAN = "Sjölunda län"
RIKET = "Riket"


# -- Öppna jämförelser and enhetsundersökningen --------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    """A comparison indicator: the kommun's value per year kind; the others are drawn around
    ``spread`` of it unless ``fixed`` gives them (peers in PEERS order, then län, riket)."""

    name: str
    kommun: dict[str, float]
    higher_is_better: bool = True
    spread: float = 8.0
    fixed: dict[str, tuple[float, ...]] | None = None


OJ_INDICATORS = (
    Indicator(
        "Andel handläggare inom LSS med socionomexamen",
        {LATEST: 71.4, EARLIER: 67.2},
        fixed={LATEST: (66.2, 68.6, 83.3, 70.0, 100.0, 81.4, 81.9)},
    ),
    Indicator(
        "Andel handläggare inom LSS med minst tre års erfarenhet",
        {LATEST: 58.3, EARLIER: 64.0},
    ),
    Indicator(
        "Andel beslut om daglig verksamhet som verkställts inom tre månader",
        {LATEST: 86.0, EARLIER: 88.5},
        spread=6.0,
    ),
    Indicator(
        "Väntetid i dagar från ansökan till beslut om insats enligt LSS",
        {LATEST: 64.0, EARLIER: 71.0},
        higher_is_better=False,
        spread=15.0,
    ),
    Indicator(
        "Andel brukare i bostad med särskild service som har en aktuell genomförandeplan",
        {LATEST: 90.0, EARLIER: 87.0},
        spread=5.0,
    ),
)
OJ_SOURCE = "Socialstyrelsen, Öppna jämförelser – stöd till personer med funktionsnedsättning"

BMSS = "Bostad med särskild service"
DAGLIG = "Daglig verksamhet"
EU_INDICATORS = {
    BMSS: (
        Indicator(
            "Personer med en aktuell genomförandeplan",
            {LATEST: 90.0},
            fixed={LATEST: (99, 98, 99, 96, 94, 93, 93)},
        ),
        Indicator(
            "Genomförandeplanen dokumenterar den enskildes delaktighet",
            {LATEST: 79.0},
            fixed={LATEST: (99, 97, 99, 94, 92, 89, 88)},
        ),
        Indicator(
            "Individuella mål i genomförandeplanen",
            {LATEST: 53.0},
            fixed={LATEST: (96, 86, 82, 79, 78, 72, 73)},
        ),
        Indicator(
            "Den enskildes uppfattning används för att utveckla verksamheten",
            {LATEST: 88.0},
            fixed={LATEST: (100, 86, 86, 64, 89, 79, 60)},
        ),
        Indicator(
            "Individuella kompetensutvecklingsplaner för personalen",
            {LATEST: 94.0},
            fixed={LATEST: (89, 86, 80, 64, 100, 69, 67)},
        ),
    ),
    DAGLIG: (
        Indicator("Personer med en aktuell genomförandeplan", {LATEST: 84.0, EARLIER: 88.0}),
        Indicator("Individuella mål i genomförandeplanen", {LATEST: 61.0, EARLIER: 55.0}),
        Indicator("Brukarråd eller motsvarande på enheten", {LATEST: 75.0, EARLIER: 75.0}),
    ),
}
EU_SOURCE = "Socialstyrelsen, enhetsundersökningen om stöd till personer med funktionsnedsättning"


# -- brukarundersökningar ------------------------------------------------------------------------
@dataclass(frozen=True)
class Survey:
    """One verksamhet's survey in one year kind: counts, the stated rate (None: not stated)
    and the share of positive answers per question (percent)."""

    asked: int
    answered: int
    stated: float | None
    results: dict[str, int]


_TRYGG = "Känner du dig trygg med personalen?"
_BESTAMMA = "Får du bestämma om saker som är viktiga för dig?"
_HJALP = "Får du den hjälp du vill ha?"

SURVEYS: dict[str, dict[str, Survey]] = {
    LATEST: {
        "Daglig verksamhet": Survey(
            201,
            124,
            62,
            {
                _BESTAMMA: 84,
                _TRYGG: 88,
                "Förstår personalen vad du menar?": 79,
                "Är den dagliga verksamheten viktig för dig?": 92,
            },
        ),
        # the stated rate disagrees with the counts: 10 of 21 is 48 %, not 44 %
        "Personlig assistans": Survey(
            21, 10, 44, {"Känner du dig trygg med dina assistenter?": 90, _BESTAMMA: 80}
        ),
        "Boendestöd": Survey(
            136,
            60,
            44,
            {"Trivs du med din boendestödjare?": 85, _HJALP: 78, _BESTAMMA: 82},
        ),
        "Gruppbostad": Survey(
            78,
            52,
            67,
            {
                "Trivs du hemma?": 94,
                "Pratar personalen med dig så att du förstår?": 76,
                "Känner du dig trygg hemma?": 89,
            },
        ),
        "Servicebostad": Survey(
            71,
            26,
            37,
            {
                _HJALP: 66,
                "Får du bestämma om saker som är viktiga hemma?": 75,
                "Bryr sig personalen om dig?": 88,
                "Är du aldrig rädd för något?": 74,
            },
        ),
        # fewer than five answered: the results are suppressed in the report
        "Ledsagarservice": Survey(
            9,
            4,
            44,
            {
                "Trivs du med din ledsagare?": 100,
                "Får du göra det du vill med din ledsagare?": 75,
            },
        ),
    },
    EARLIER: {
        "Daglig verksamhet": Survey(
            195,
            111,
            57,
            {
                _BESTAMMA: 80,
                _TRYGG: 83,
                "Förstår personalen vad du menar?": 74,
                "Är den dagliga verksamheten viktig för dig?": 93,
            },
        ),
        "Personlig assistans": Survey(
            23, 13, 57, {"Känner du dig trygg med dina assistenter?": 92, _BESTAMMA: 85}
        ),
        "Boendestöd": Survey(
            128,
            77,
            60,
            {"Trivs du med din boendestödjare?": 93, _HJALP: 86, _BESTAMMA: 88},
        ),
        "Gruppbostad": Survey(
            80,
            50,
            63,
            {
                "Trivs du hemma?": 92,
                "Pratar personalen med dig så att du förstår?": 84,
                "Känner du dig trygg hemma?": 88,
            },
        ),
        "Servicebostad": Survey(
            70,
            60,
            86,
            {
                _HJALP: 71,
                "Får du bestämma om saker som är viktiga hemma?": 80,
                "Bryr sig personalen om dig?": 78,
                "Är du aldrig rädd för något?": 60,
            },
        ),
        "Ledsagarservice": Survey(
            8,
            6,
            None,
            {
                "Trivs du med din ledsagare?": 83,
                "Får du göra det du vill med din ledsagare?": 67,
            },
        ),
    },
}


# -- avvikelser, synpunkter och klagomål ----------------------------------------------------------
# verksamhet -> (lex Sarah, interna avvikelser, synpunkter och klagomål)
DEVIATIONS: dict[str, dict[str, tuple[int, int, int]]] = {
    LATEST: {
        "Myndighet och förebyggande verksamhet": (2, 7, 6),
        "Boendesektionen LSS": (19, 170, 15),
        "Stöd i ordinärt boende och daglig verksamhet LSS": (14, 120, 4),
        "Korttidsvistelse och tillsyn": (1, 9, 3),  # a section formed this year
    },
    EARLIER: {
        "Myndighet och förebyggande verksamhet": (0, 0, 4),
        "Boendesektionen LSS": (31, 95, 27),
        "Stöd i ordinärt boende och daglig verksamhet LSS": (16, 3, 4),
    },
}


# -- granskningar och tillsyn --------------------------------------------------------------------
HOMES = (
    "Gruppbostaden Almen",
    "Gruppbostaden Aspen",
    "Gruppbostaden Björken",
    "Gruppbostaden Eken",
    "Gruppbostaden Hasseln",
    "Gruppbostaden Linden",
    "Gruppbostaden Lönnen",
    "Gruppbostaden Rönnen",
    "Servicebostaden Hamnen",
    "Servicebostaden Parken",
    "Servicebostaden Torget",
)


@dataclass(frozen=True)
class Audit:
    """A scripted audit: (month, day), who, where, what, remarks and a short result."""

    day: tuple[int, int]
    auditor: str
    unit: str
    area: str
    remarks: bool
    result: str


PHARMACY = "Apoteket"
PHARMACY_AREA = "Läkemedelshantering"
PHARMACY_REMARK = "Delegeringar följs inte upp strukturerat; åtgärdsplan tas fram."
PHARMACY_OK = "God läkemedelshantering."
# how many homes the pharmacy audits each year kind, and how many of those get remarks
PHARMACY_VISITS = {LATEST: (11, 2), EARLIER: (8, 1)}

AUDITS: dict[str, tuple[Audit, ...]] = {
    LATEST: (
        Audit(
            (3, 14),
            "IVO",
            "Gruppbostaden Linden",
            "Skydds- och begränsningsåtgärder",
            True,
            "Brister i dokumentationen av samtycke; nya rutiner är införda.",
        ),
        Audit(
            (5, 6),
            "Miljöförvaltningen",
            "Gruppbostaden Eken",
            "Livsmedelskontroll",
            False,
            "Inga anmärkningar.",
        ),
        Audit(
            (5, 20),
            "Miljöförvaltningen",
            "Servicebostaden Hamnen",
            "Livsmedelskontroll",
            True,
            "Rengöringsbrister och slitna ytor i köket.",
        ),
        Audit(
            (9, 2),
            "Räddningstjänsten",
            "Gruppbostaden Rönnen",
            "Brandskydd",
            False,
            "Godkänt.",
        ),
        Audit(
            (10, 8),
            "Förvaltningen",
            "Steget Vidare Järnvägen",
            "Fördjupad uppföljning, ny utförare inom daglig verksamhet",
            False,
            "Avtalets krav uppfylls.",
        ),
        Audit(
            (11, 12),
            "Förvaltningen",
            "Vardagsstöd i Exempelstad",
            "Fördjupad uppföljning, boendestöd",
            True,
            "Avvikelser i tidsregistreringen; utföraren har lämnat en åtgärdsplan.",
        ),
    ),
    EARLIER: (
        Audit(
            (4, 22),
            "Miljöförvaltningen",
            "Gruppbostaden Almen",
            "Livsmedelskontroll",
            False,
            "Inga anmärkningar.",
        ),
        Audit(
            (10, 3),
            "Räddningstjänsten",
            "Servicebostaden Parken",
            "Brandskydd",
            True,
            "Utrymningsvägen var blockerad; åtgärdat vid återbesök.",
        ),
    ),
}


# -- privata utförare inom LOV --------------------------------------------------------------------
@dataclass(frozen=True)
class LovCompany:
    """A company in the valfrihetssystem: its area, verksamheter per year kind."""

    name: str
    area: str
    units: dict[str, int]


KOMMUNEN = "Exempelstads kommun"
# the kommun's own verksamheter per area and year kind
OWN_UNITS = {
    "Daglig verksamhet": {LATEST: 17, EARLIER: 17},
    "Korttidsvistelse": {LATEST: 1, EARLIER: 1},
}
LOV_COMPANIES = (
    LovCompany("Aktiva Dagar AB", "Daglig verksamhet", {LATEST: 5, EARLIER: 4}),
    LovCompany("Vardagsverket AB", "Daglig verksamhet", {LATEST: 4, EARLIER: 4}),
    LovCompany("Kreativa Händer AB", "Daglig verksamhet", {LATEST: 4, EARLIER: 3}),
    LovCompany("Steget Vidare AB", "Daglig verksamhet", {LATEST: 2, EARLIER: 0}),
    LovCompany("Gröna Rum Omsorg AB", "Daglig verksamhet", {LATEST: 4, EARLIER: 4}),
    LovCompany("Hantverkshuset Syd AB", "Daglig verksamhet", {LATEST: 3, EARLIER: 3}),
    LovCompany("Ljusglimten Daglig Verksamhet AB", "Daglig verksamhet", {LATEST: 3, EARLIER: 3}),
    LovCompany("Meningsfull Vardag AB", "Daglig verksamhet", {LATEST: 4, EARLIER: 3}),
    LovCompany("Framtidsverkstan AB", "Daglig verksamhet", {LATEST: 3, EARLIER: 3}),
    LovCompany("Arbetsglädje Norden AB", "Daglig verksamhet", {LATEST: 3, EARLIER: 3}),
    LovCompany("Sommarhagen Korttids AB", "Korttidsvistelse", {LATEST: 2, EARLIER: 2}),
    LovCompany("Lägerglädje AB", "Korttidsvistelse", {LATEST: 2, EARLIER: 2}),
    LovCompany("Solsidans Korttidshem AB", "Korttidsvistelse", {LATEST: 3, EARLIER: 3}),
    LovCompany("Barnens Hus Omsorg AB", "Korttidsvistelse", {LATEST: 2, EARLIER: 2}),
    LovCompany("Vila och Lek AB", "Korttidsvistelse", {LATEST: 2, EARLIER: 2}),
    LovCompany("Trygga Helger AB", "Korttidsvistelse", {LATEST: 1, EARLIER: 1}),
    # two providers left the valfrihetssystem during the report year
    LovCompany("Havsbrisen Korttids AB", "Korttidsvistelse", {LATEST: 0, EARLIER: 1}),
    LovCompany("Skogsgläntan Vård AB", "Korttidsvistelse", {LATEST: 0, EARLIER: 1}),
    LovCompany("Boendestöd Norr AB", "Boendestöd", {LATEST: 1, EARLIER: 1}),
    LovCompany("Vardagsstöd i Exempelstad AB", "Boendestöd", {LATEST: 1, EARLIER: 1}),
    LovCompany("Stödet Boendestöd AB", "Boendestöd", {LATEST: 1, EARLIER: 1}),
    LovCompany("Ledsagarna AB", "Ledsagar- och avlösarservice", {LATEST: 1, EARLIER: 1}),
    LovCompany("Följeslagaren AB", "Ledsagar- och avlösarservice", {LATEST: 1, EARLIER: 1}),
    LovCompany("Avlösarservice Syd AB", "Ledsagar- och avlösarservice", {LATEST: 1, EARLIER: 1}),
    LovCompany("Med Dig Ledsagning AB", "Ledsagar- och avlösarservice", {LATEST: 1, EARLIER: 0}),
)
# names for verksamheter: "<company stem> <place>" or "Daglig verksamhet <place>"
PLACES = (
    "Ateljén",
    "Bageriet",
    "Caféet",
    "Dalen",
    "Ekhagen",
    "Fyren",
    "Gläntan",
    "Hamnen",
    "Industrigatan",
    "Järnvägen",
    "Kvarnen",
    "Lagret",
    "Musikhuset",
    "Norrgården",
    "Odlingen",
    "Parken",
    "Qvarnbäcken",
    "Repslageriet",
    "Snickeriet",
    "Trädgården",
    "Tvätteriet",
    "Uddens gård",
    "Verkstan",
    "Västergården",
    "Återbruket",
    "Ängen",
    "Öster",
)
