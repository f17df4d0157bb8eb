"""The strategists' narrative for the example register (Exempelstad 2025, all invented).

One entry per text file: ``<granskning>`` for a granskningsrapport, ``<beslut>`` for a varning,
``aterrapportering`` for an återrapportering, keyed by verksamhet. Each value maps a section
heading (``insyn.register.SECTIONS``) to its Markdown.
"""

from __future__ import annotations

KALLOR_HVB = (
    "- Ramavtal om hem för vård eller boende för vuxna, Exempelstads kommun\n"
    "- Socialstyrelsens föreskrifter och allmänna råd (SOSFS 2011:9) om ledningssystem för "
    "systematiskt kvalitetsarbete\n"
    "- Socialstyrelsens föreskrifter och allmänna råd (SOSFS 2014:5) om dokumentation i "
    "verksamhet som bedrivs med stöd av SoL, LVU, LVM och LSS"
)
KALLOR_STODBOENDE = (
    "- Avtal om stödboende, Exempelstads kommun\n"
    "- Socialstyrelsens föreskrifter och allmänna råd (SOSFS 2011:9) om ledningssystem för "
    "systematiskt kvalitetsarbete\n"
    "- Socialstyrelsens föreskrifter (HSLF-FS 2016:55) om stödboende för barn och unga"
)
REKOMMENDATIONER = (
    "Rapporten lämnas till utföraren, som får faktagranska den innan den fastställs. "
    "Förvaltningen följer upp de brister som registrerats och återrapporterar till nämnden."
)


def granskning(
    bakgrund: str, syfte: str, analys: str, slutsats: str, extra: str, kallor: str
) -> dict[str, str]:
    return {
        "Bakgrund": bakgrund,
        "Syfte": syfte,
        "Analys": analys,
        "Slutsats": slutsats,
        "Rekommendationer": (extra + "\n\n" + REKOMMENDATIONER).strip(),
        "Källor": kallor,
    }


TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "Ramsvik vårdhem": {
        "G25-01": granskning(
            "Ramsvik vårdhem granskades enligt granskningsplanen hösten 2024. Granskningen "
            "visade brister i bemanningen nattetid och i ledningen, och verksamheten lämnade in "
            "en åtgärdsplan. Nämnden beslutade att en uppföljande granskning skulle göras i "
            "början av 2025.",
            "Att följa upp om de brister som konstaterades hösten 2024 har åtgärdats, särskilt "
            "bemanningen nattetid.",
            "Den uppföljande granskningen visar att verksamheten inte har kommit till rätta med "
            "bristerna i bemanningen. Vid besöket nattetid fanns ingen vaken personal på en av "
            "avdelningarna, trots att det var den allvarligaste bristen i förra granskningen. "
            "Ledningen har inte följt upp sin egen åtgärdsplan. Dokumentationen har däremot "
            "förbättrats.",
            "Verksamheten uppfyller inte avtalets krav på bemanning nattetid, och bristerna har "
            "kvarstått efter påminnelse. Förvaltningen bedömer att förutsättningarna för fortsatt "
            "avtal saknas.",
            "Förvaltningen föreslår nämnden att säga upp avtalet med Ramsvik vårdhem.",
            KALLOR_HVB,
        ),
        "aterrapportering": {
            "Åtgärder": "Förvaltningen och verksamhetens ledning har haft täta avstämningar "
            "fram till att avtalet upphör. Inga nya placeringar görs, och socialsekreterarna "
            "planerar tillsammans med de boende för flytt till andra verksamheter inom "
            "ramavtalet.",
            "Förslag till beslut": "Nämnden noterar informationen.",
        },
    },
    "HVB Björkhagen": {
        "G25-02": granskning(
            "HVB Björkhagen är en av de verksamheter som tar emot flest placeringar inom "
            "ramavtalet och ingick därför i granskningsplanen för 2025.",
            "Att bedöma verksamhetens kvalitet i förhållande till avtalet och att hitta goda "
            "exempel som kan spridas till andra verksamheter.",
            "Verksamheten har en stabil personalgrupp och en ledning som är närvarande i "
            "vardagen. De boende beskriver att de blir lyssnade på, och verksamhetens egen "
            "brukarundersökning pekar åt samma håll. Dokumentationen är aktuell och används i "
            "det dagliga arbetet.",
            "Verksamheten bedöms vara välfungerande inom alla granskade områden.",
            "Verksamhetens arbete med delaktighet kan med fördel spridas till andra "
            "verksamheter inom ramavtalet.",
            KALLOR_HVB,
        ),
    },
    "Egen Dörr": {
        "G25-03": granskning(
            "Egen Dörr bytte ägare i början av 2025. IVO prövade de nya ägarnas lämplighet i "
            "februari, och förvaltningen granskade verksamheten under våren.",
            "Att bedöma om verksamheten håller samma kvalitet efter ägarbytet och om ledningen "
            "har tagit över ansvaret för kvalitetsarbetet.",
            "Det dagliga arbetet fungerar väl och personalen känner rutinerna. Ledningssystemet "
            "och ansvarsfördelningen hade däremot inte följt med ägarbytet, vilket gör "
            "verksamheten sårbar om föreståndaren är frånvarande.",
            "Verksamheten håller god kvalitet i mötet med de boende men behöver anpassa "
            "ledningssystemet och ansvarsfördelningen till de nya ägarförhållandena.",
            "",
            KALLOR_STODBOENDE,
        ),
        "aterrapportering": {
            "Åtgärder": "Utföraren lämnade en åtgärdsplan i maj och rapporterade i juni att "
            "åtgärderna var genomförda. Förvaltningen har tagit del av det reviderade "
            "ledningssystemet och delegationsordningen.",
            "Förslag till beslut": "Nämnden noterar informationen.",
        },
    },
    "Mossgården": {
        "G25-04": granskning(
            "Under våren 2025 kom upprepade avvikelser från socialsekreterare om att "
            "beställningar inte bekräftades och att verksamheten var svår att nå. Förvaltningen "
            "beslutade därför om en påkallad granskning.",
            "Att utreda de signaler som kommit in och bedöma om verksamheten följer avtalet.",
            "Granskningen bekräftar signalerna. Ledningen har inte haft kontroll över "
            "inskrivningar och kontaktvägar, och dokumentationen har stora luckor. Flera av "
            "bristerna hänger ihop: när ansvaret är oklart faller uppföljningen bort.",
            "Verksamheten bryter mot flera punkter i avtalet. Bristerna är allvarliga men går att "
            "åtgärda om ledningen tar ansvar för dem.",
            "Verksamheten ska lämna en åtgärdsplan med tidpunkter för varje brist.",
            KALLOR_HVB,
        ),
        "BS02": {
            "Sammanfattning": "Den påkallade granskningen i maj 2025 visade brister inom "
            "flera områden, de allvarligaste i dokumentationen och ledningen. Utföraren "
            "påmindes i september när tiden för åtgärder hade gått ut, men flera brister "
            "kvarstod. Utföraren har därefter åtgärdat en del av dem och lämnat en ny "
            "åtgärdsplan.",
            "Ekonomiska konsekvenser": "Beslutet har inga direkta ekonomiska konsekvenser för "
            "nämnden. Om bristerna kvarstår kan avtalet sägas upp, vilket kan leda till kostnader "
            "för att flytta placeringar.",
            "Konsekvenser för barn": "Verksamheten tar emot vuxna. Barn kan påverkas indirekt "
            "när en förälder är placerad; brister i dokumentationen kan försvåra samverkan "
            "med barnets socialsekreterare.",
            "Bilagor": "1. Granskningsrapport Mossgården 2025\n2. Ramavtal om hem för vård "
            "eller boende för vuxna\n3. Utförarens åtgärdsplan",
        },
        "aterrapportering": {
            "Åtgärder": "Efter varningen lämnade utföraren en ny åtgärdsplan och "
            "rapporterade i november vad som gjorts. Förvaltningen har besökt verksamheten och "
            "bedömer att kontaktvägarna, inskrivningen och anmälan av föreståndare nu "
            "fungerar. Dokumentationen och ledningssystemet följs upp vid ett nytt besök före "
            "den sista dagen i varningen.",
            "Förslag till beslut": "Nämnden noterar informationen.",
        },
    },
    "Kajen stödboende": {
        "G25-05": granskning(
            "Socialsekreterare har under våren rapporterat att flera boende saknat en fast "
            "kontaktperson. Förvaltningen beslutade därför om en påkallad granskning.",
            "Att utreda signalerna och bedöma om personalens kompetens och dokumentationen "
            "motsvarar avtalet.",
            "Personalomsättningen har varit hög och många nyanställda saknar den utbildning "
            "avtalet kräver. Det påverkar både kontinuiteten för de boende och uppföljningen av "
            "genomförandeplanerna.",
            "Verksamheten uppfyller inte avtalets krav på personalens kompetens.",
            "Verksamheten ska lämna en plan för kompetensutveckling.",
            KALLOR_STODBOENDE,
        ),
    },
    "HVB Kvarnbacken": {
        "G25-06": granskning(
            "IVO riktade i april 2025 kritik mot bemanningen nattetid. Verksamheten ingick "
            "därför i förvaltningens granskningsplan för hösten.",
            "Att följa upp hur verksamheten har åtgärdat IVO:s kritik och bedöma kvaliteten i "
            "övrigt.",
            "Verksamheten har ökat bemanningen nattetid och följer upp den varje vecka. Det "
            "som saknas är en rutin för hur ersättare tas in vid sjukfrånvaro, så att "
            "förbättringen inte hänger på enskilda personer.",
            "Verksamheten har i allt väsentligt åtgärdat IVO:s kritik. En rutin för ersättare "
            "nattetid behöver komma på plats.",
            "",
            KALLOR_HVB,
        ),
    },
    "Fotfästet stödboende": {
        "G25-07": granskning(
            "Fotfästet stödboende har inte granskats sedan avtalet började gälla och ingick "
            "därför i granskningsplanen för 2025.",
            "Att bedöma verksamhetens kvalitet i förhållande till avtalet.",
            "De boende beskriver ett tryggt boende med stöd som anpassas efter deras behov. "
            "Personalen har god kännedom om rutinerna, och dokumentationen är tydlig.",
            "Verksamheten bedöms vara välfungerande inom alla granskade områden.",
            "",
            KALLOR_STODBOENDE,
        ),
    },
    "HVB Ekudden": {
        "G25-08": granskning(
            "HVB Ekudden ingick i granskningsplanen för 2025 som en av de verksamheter som inte "
            "granskats på flera år.",
            "Att bedöma verksamhetens kvalitet i förhållande till avtalet.",
            "Verksamheten arbetar strukturerat och de boende är delaktiga. I några akter saknades "
            "dokumentation av samtycke till informationsutbyte med andra aktörer.",
            "Verksamheten håller god kvalitet; dokumentationen av samtycke behöver förbättras.",
            "",
            KALLOR_HVB,
        ),
    },
}


def as_markdown(sections: dict[str, str]) -> str:
    """One text file: a ``## Rubrik`` per section, in order."""
    return "\n\n".join(f"## {name}\n\n{body.strip()}" for name, body in sections.items()) + "\n"
