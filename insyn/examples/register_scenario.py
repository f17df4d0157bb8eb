"""The scripted register of granskningar in Exempelstad 2025 (everything invented).

Eight verksamheter in two avtalsområden (HVB vuxna and Stödboende), all of them in the kontroll
example's ``utforare``, chosen so that the register tells the stories the kontroll example
already hints at:

- Ramsvik vårdhem: a planned audit in 2024 found brister in the night staffing; the follow-up in
  January 2025 found them still there, and the nämnd terminated the agreement on 20 February
  2025 (the kontroll example's ``utfall``). It gets an återrapportering whose contract ends.
- Mossgården: a påkallad granskning after deviations found six breached avtalspunkter; they were
  not remedied after a reminder, and the nämnd decided a varning with a new deadline. The
  provider then reported back on its actions: it gets all three documents.
- Kajen stödboende: brister still open after a reminder and no beslut yet, so the rule proposes
  a varning for the strategist to consider.
- HVB Kvarnbacken: one brist past its deadline without a reminder (försenad, not proposed).
- Egen Dörr: brister after a change of owner, remedied and reported back (an återrapportering
  without a terminated contract).
- HVB Björkhagen and Fotfästet stödboende: all Grön, with the provider's own user survey
  (Björkhagen's counts are those of the Tyresö seed: 28 handed out, 23 answered).
- HVB Ekudden: audited late in the year; its brist's deadline is in 2026.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

D = dt.date
YEAR = 2025


@dataclass(frozen=True)
class Brist:
    id: str
    grund: str
    iakttagelse: str
    krav: str
    konstaterad: dt.date
    senast: dt.date
    status: str
    påminnelse: dt.date | None = None
    planerad: str = ""
    vidtagen: str = ""
    återrapporterad: dt.date | None = None
    åtgärdad: dt.date | None = None


@dataclass(frozen=True)
class Granskning:
    id: str
    unit: str
    typ: str
    start: dt.date
    end: dt.date
    metod: tuple[str, ...]
    diarienummer: str
    bedomningar: tuple[tuple[str, str, str], ...]  # område, kvalitetsnivå, bedömning
    brister: tuple[Brist, ...] = ()
    survey: tuple[int, int] | None = None  # handed out, answered


@dataclass(frozen=True)
class Beslut:
    id: str
    granskning: str
    typ: str
    date: dt.date
    senast: dt.date | None = None
    upphör: dt.date | None = None
    belopp: float | None = None
    diarienummer: str = ""


VISIT = "Anmält besök med observationer"
INTERVIEWS = "Intervjuer med föreståndare och personal"
JOURNALS = "Granskning av social dokumentation"
SYSTEM = "Genomgång av ledningssystem och rutiner"
SCHEDULES = "Genomgång av bemanningsscheman"

LEDNING = "Ledning och organisation"
BEMANNING = "Bemanning och kompetens"
BRUKARE = "Brukarnas upplevda kvalitet"
DOKUMENTATION = "Social dokumentation"
RUTINER = "Rutiner och arbetsmetoder"
KVALITET = "Systematiskt kvalitetsarbete"

GRANSKNINGAR = (
    Granskning(
        "G24-07",
        "Ramsvik vårdhem",
        "Planerad",
        D(2024, 9, 9),
        D(2024, 9, 27),
        (VISIT, INTERVIEWS, JOURNALS, SCHEDULES),
        "SN 2024/0311",
        (
            (LEDNING, "Gul", "Föreståndaren saknade utsedd ersättare vid frånvaro."),
            (BEMANNING, "Röd", "Vaken nattpersonal saknades vid flera tillfällen."),
            (DOKUMENTATION, "Gul", "Genomförandeplaner saknades i flera akter."),
            (BRUKARE, "Grön", "De boende beskrev personalen som tillgänglig och lyhörd dagtid."),
        ),
        (
            Brist(
                "BR01",
                "Avtal 5.1 Bemanning",
                "Vaken nattpersonal saknades vid flera tillfällen under de granskade veckorna.",
                "Säkerställ vaken personal på varje avdelning nattetid, enligt avtalet.",
                D(2024, 9, 27),
                D(2024, 11, 30),
                "Påbörjad",
                påminnelse=D(2024, 12, 4),
                planerad="Rekrytera två nattanställda och införa en bemanningsplan för natten.",
                vidtagen="En nattanställd rekryterad; bemanningsplanen infördes i januari 2025.",
                återrapporterad=D(2025, 1, 10),
            ),
            Brist(
                "BR02",
                "Avtal 6.2 Social dokumentation",
                "Genomförandeplan saknades för fyra av tio granskade placeringar.",
                "Upprätta en genomförandeplan för varje placerad inom fyra veckor.",
                D(2024, 9, 27),
                D(2024, 11, 30),
                "Åtgärdad",
                planerad="Gå igenom alla akter och använda en gemensam mall.",
                vidtagen="Genomförandeplaner upprättade för samtliga placerade.",
                återrapporterad=D(2024, 11, 28),
                åtgärdad=D(2024, 12, 10),
            ),
            Brist(
                "BR03",
                "Avtal 4.3 Ledning",
                "Föreståndaren hade ingen utsedd ersättare vid frånvaro.",
                "Utse en ersättare för föreståndaren och anmäl den till nämnden.",
                D(2024, 9, 27),
                D(2024, 10, 31),
                "Åtgärdad",
                vidtagen="Ersättare utsedd och anmäld till nämnden.",
                återrapporterad=D(2024, 10, 21),
                åtgärdad=D(2024, 10, 28),
            ),
        ),
    ),
    Granskning(
        "G25-01",
        "Ramsvik vårdhem",
        "Uppföljande",
        D(2025, 1, 13),
        D(2025, 1, 24),
        ("Oanmält besök nattetid", INTERVIEWS, "Uppföljning av åtgärdsplanen"),
        "SN 2025/0012",
        (
            (LEDNING, "Röd", "Ledningen hade inte följt upp den åtgärdsplan som lämnats in."),
            (BEMANNING, "Röd", "Ingen vaken personal fanns på en av två avdelningar nattetid."),
            (DOKUMENTATION, "Grön", "Alla placerade hade en aktuell genomförandeplan."),
            (BRUKARE, "Gul", "Flera boende uppgav att de känt sig otrygga nattetid."),
        ),
        (
            Brist(
                "BR04",
                "Avtal 5.1 Bemanning",
                "Vid det oanmälda nattbesöket fanns ingen vaken personal på en av avdelningarna.",
                "Bemanna varje avdelning med vaken personal nattetid, med omedelbar verkan.",
                D(2025, 1, 24),
                D(2025, 2, 14),
                "Öppen",
            ),
            Brist(
                "BR05",
                "Avtal 4.3 Ledning",
                "Åtgärdsplanen från hösten 2024 hade inte följts upp av ledningen.",
                "Följ upp åtgärdsplanen varje månad och redovisa uppföljningen till förvaltningen.",
                D(2025, 1, 24),
                D(2025, 2, 28),
                "Påbörjad",
                planerad="Månatlig uppföljning av åtgärdsplanen i ledningsgruppen.",
                vidtagen="Första uppföljningen hölls i februari 2025.",
                återrapporterad=D(2025, 2, 10),
            ),
        ),
    ),
    Granskning(
        "G25-02",
        "HVB Björkhagen",
        "Planerad",
        D(2025, 3, 3),
        D(2025, 3, 21),
        (VISIT, INTERVIEWS, JOURNALS, SYSTEM),
        "SN 2025/0098",
        (
            (LEDNING, "Grön", "Ledningen är närvarande och personalen vet vem som ansvarar."),
            (BEMANNING, "Grön", "Bemanningen motsvarar avtalet, även nattetid."),
            (BRUKARE, "Grön", "De boende är nöjda och har inflytande över sin vardag."),
            (DOKUMENTATION, "Grön", "Genomförandeplanerna är aktuella och följs upp."),
        ),
        survey=(28, 23),
    ),
    Granskning(
        "G25-03",
        "Egen Dörr",
        "Planerad",
        D(2025, 4, 7),
        D(2025, 4, 25),
        (VISIT, INTERVIEWS, SYSTEM),
        "SN 2025/0142",
        (
            (LEDNING, "Gul", "Ansvaret mellan de nya ägarna och föreståndaren var otydligt."),
            (RUTINER, "Grön", "Personalen arbetar enhetligt och känner rutinerna väl."),
            (BRUKARE, "Grön", "De boende upplever stödet som respektfullt och flexibelt."),
            (KVALITET, "Gul", "Ledningssystemet hade inte uppdaterats efter ägarbytet."),
        ),
        (
            Brist(
                "BR06",
                "Avtal 7.3 Ledningssystem",
                "Ledningssystemet hade inte uppdaterats efter ägarbytet.",
                "Uppdatera ledningssystemet och informera personalen om ändringarna.",
                D(2025, 4, 25),
                D(2025, 6, 30),
                "Åtgärdad",
                planerad="Revidera ledningssystemet under maj och gå igenom det på en "
                "arbetsplatsträff.",
                vidtagen="Ledningssystemet reviderat och genomgånget med all personal.",
                återrapporterad=D(2025, 6, 19),
                åtgärdad=D(2025, 6, 23),
            ),
            Brist(
                "BR07",
                "Avtal 4.3 Ledning",
                "Ansvarsfördelningen mellan ägarna och föreståndaren var inte beskriven.",
                "Beskriv ansvarsfördelningen skriftligt och lämna den till förvaltningen.",
                D(2025, 4, 25),
                D(2025, 6, 30),
                "Åtgärdad",
                planerad="Skriftlig delegationsordning beslutas av styrelsen.",
                vidtagen="Delegationsordningen beslutad och inlämnad.",
                återrapporterad=D(2025, 6, 19),
                åtgärdad=D(2025, 7, 4),
            ),
        ),
    ),
    Granskning(
        "G25-04",
        "Mossgården",
        "Påkallad",
        D(2025, 5, 12),
        D(2025, 5, 30),
        (VISIT, INTERVIEWS, JOURNALS, "Genomgång av avvikelser och klagomål"),
        "SN 2025/0203",
        (
            (LEDNING, "Röd", "Ändringar i ledningen anmäldes inte och ansvaret var oklart."),
            (DOKUMENTATION, "Röd", "Journalanteckningar saknades under långa perioder."),
            (KVALITET, "Gul", "Riskanalyser och egenkontroller var inte införda."),
            (BEMANNING, "Gul", "Många timanställda gav bristande kontinuitet."),
            (BRUKARE, "Grön", "De boende beskrev ett gott bemötande från personalen."),
        ),
        tuple(
            Brist(
                bid,
                grund,
                found,
                demand,
                D(2025, 6, 10),
                D(2025, 8, 31),
                status,
                påminnelse=D(2025, 9, 8),
                planerad=planned,
                vidtagen=taken,
                återrapporterad=reported,
                åtgärdad=closed,
            )
            for bid, grund, found, demand, status, planned, taken, reported, closed in (
                (
                    "BR08",
                    "Avtal 3.2 Inskrivning",
                    "Beställningar från socialtjänsten bekräftades inte inom avtalad tid.",
                    "Bekräfta varje beställning inom två arbetsdagar.",
                    "Åtgärdad",
                    "En rutin för att bekräfta beställningar samma dag som de kommer in.",
                    "Rutinen infördes i oktober och följs upp varje vecka.",
                    D(2025, 11, 10),
                    D(2025, 11, 14),
                ),
                (
                    "BR09",
                    "Avtal 4.1 Kontaktvägar",
                    "Verksamheten gick inte att nå per telefon under kontorstid vid flera "
                    "tillfällen.",
                    "Håll en bemannad kontaktväg öppen under kontorstid.",
                    "Åtgärdad",
                    "",
                    "En telefonlösning med bemanning under hela kontorstiden.",
                    D(2025, 9, 26),
                    D(2025, 9, 30),
                ),
                (
                    "BR10",
                    "Avtal 4.3 Ledning",
                    "Byte av föreståndare anmäldes inte till nämnden.",
                    "Anmäl ändringar i ledningen till nämnden inom en vecka.",
                    "Åtgärdad",
                    "",
                    "Den nya föreståndaren är anmäld till nämnden.",
                    D(2025, 9, 12),
                    D(2025, 9, 15),
                ),
                (
                    "BR11",
                    "Avtal 6.2 Social dokumentation",
                    "Journalanteckningar saknades under långa perioder i fem av åtta granskade "
                    "akter.",
                    "Dokumentera genomförandet fortlöpande och vid varje händelse av betydelse.",
                    "Påbörjad",
                    "Veckovis genomgång av journalerna och utbildning i dokumentation.",
                    "Utbildningen genomfördes i november; genomgångarna har börjat.",
                    D(2025, 11, 10),
                    None,
                ),
                (
                    "BR12",
                    "Avtal 7.1 Avtalsuppföljning",
                    "Den årliga avtalsuppföljningsenkäten besvarades inte.",
                    "Besvara avtalsuppföljningsenkäten.",
                    "Öppen",
                    "",
                    "",
                    None,
                    None,
                ),
                (
                    "BR13",
                    "Avtal 7.3 Ledningssystem",
                    "Riskanalyser och egenkontroller var inte införda i ledningssystemet.",
                    "Inför riskanalyser och egenkontroller och redovisa dem för förvaltningen.",
                    "Påbörjad",
                    "Ledningsgruppen tar fram en riskanalys och en plan för egenkontroller.",
                    "",
                    D(2025, 11, 10),
                    None,
                ),
            )
        ),
    ),
    Granskning(
        "G25-05",
        "Kajen stödboende",
        "Påkallad",
        D(2025, 6, 9),
        D(2025, 6, 20),
        (VISIT, INTERVIEWS, JOURNALS),
        "SN 2025/0231",
        (
            (BEMANNING, "Röd", "Hälften av personalen saknade den utbildning avtalet kräver."),
            (DOKUMENTATION, "Gul", "Genomförandeplanerna följdes inte upp i tid."),
            (RUTINER, "Gul", "Rutinen för att hantera hot och våld var inte känd av alla."),
            (BRUKARE, "Gul", "Flera boende saknade en fast kontaktperson."),
        ),
        (
            Brist(
                "BR14",
                "Avtal 5.2 Personalens kompetens",
                "Hälften av personalen saknade den utbildning avtalet kräver.",
                "Lämna en plan för kompetensutveckling och genomför den.",
                D(2025, 6, 27),
                D(2025, 9, 30),
                "Öppen",
                påminnelse=D(2025, 10, 6),
            ),
            Brist(
                "BR15",
                "Avtal 6.2 Social dokumentation",
                "Genomförandeplanerna följdes inte upp inom avtalad tid.",
                "Följ upp varje genomförandeplan minst var tredje månad.",
                D(2025, 6, 27),
                D(2025, 9, 30),
                "Påbörjad",
                påminnelse=D(2025, 10, 6),
                planerad="Uppföljningar schemaläggs för varje boende.",
            ),
        ),
    ),
    Granskning(
        "G25-06",
        "HVB Kvarnbacken",
        "Planerad",
        D(2025, 9, 1),
        D(2025, 9, 19),
        (VISIT, INTERVIEWS, SCHEDULES),
        "SN 2025/0355",
        (
            (BEMANNING, "Gul", "Rutinen för ersättare nattetid vid sjukfrånvaro saknades."),
            (LEDNING, "Grön", "Ledningen har följt upp IVO:s tillsyn på ett strukturerat sätt."),
            (BRUKARE, "Grön", "De boende är nöjda med stödet och aktiviteterna."),
            (DOKUMENTATION, "Grön", "Dokumentationen är aktuell och tydlig."),
        ),
        (
            Brist(
                "BR16",
                "Avtal 5.1 Bemanning",
                "Det fanns ingen dokumenterad rutin för ersättare nattetid vid sjukfrånvaro.",
                "Ta fram och inför en rutin för ersättare nattetid.",
                D(2025, 9, 19),
                D(2025, 11, 30),
                "Påbörjad",
                planerad="Rutinen tas fram tillsammans med personalen under hösten.",
            ),
        ),
        survey=(16, 11),
    ),
    Granskning(
        "G25-07",
        "Fotfästet stödboende",
        "Planerad",
        D(2025, 10, 6),
        D(2025, 10, 17),
        (VISIT, INTERVIEWS, JOURNALS),
        "SN 2025/0388",
        (
            (BRUKARE, "Grön", "De boende upplever stödet som tryggt och anpassat."),
            (RUTINER, "Grön", "Personalen följer rutinerna och kan förklara dem."),
            (DOKUMENTATION, "Grön", "Genomförandeplanerna är tydliga och följs upp."),
        ),
        survey=(12, 9),
    ),
    Granskning(
        "G25-08",
        "HVB Ekudden",
        "Planerad",
        D(2025, 11, 10),
        D(2025, 11, 21),
        (VISIT, INTERVIEWS, JOURNALS),
        "SN 2025/0452",
        (
            (LEDNING, "Grön", "Ledningen har god kännedom om verksamhetens uppdrag."),
            (DOKUMENTATION, "Gul", "Samtycke till informationsutbyte var inte dokumenterat."),
            (BRUKARE, "Grön", "De boende känner sig delaktiga i sin behandling."),
        ),
        (
            Brist(
                "BR17",
                "Avtal 6.2 Social dokumentation",
                "Samtycke till informationsutbyte var inte dokumenterat i tre av tio akter.",
                "Dokumentera den enskildes samtycke innan information lämnas ut.",
                D(2025, 11, 28),
                D(2026, 1, 31),
                "Påbörjad",
                planerad="Genomgång av samtliga akter i december.",
            ),
        ),
    ),
)

BESLUT = (
    Beslut(
        "BS01",
        "G25-01",
        "Uppsägning",
        D(2025, 2, 20),
        upphör=D(2025, 5, 31),
        diarienummer="SN 2025/0058",
    ),
    Beslut(
        "BS02",
        "G25-04",
        "Varning",
        D(2025, 10, 22),
        senast=D(2026, 1, 31),
        diarienummer="SN 2025/0419",
    ),
)
