"""The narrative Markdown of the example kvalitetsberättelse, per year kind.

Written for Exempelstad's vård- och omsorgsnämnden in our own words. The numbers the report
computes (counts, rates, ranks, changes) are never stated here: the report's tables carry them.
"""

from __future__ import annotations

from insyn.examples.kontroll_scenario import EARLIER, LATEST
from insyn.reports import KVALITET

FOLDER = KVALITET.name  # the texts live in text/kvalitetsberattelse/

INLEDNING = """\
Kvalitetsberättelsen sammanfattar hur vård- och omsorgsnämnden i Exempelstad under {year} har \
arbetat systematiskt för att utveckla och säkra kvaliteten i stödet till personer med \
funktionsnedsättning. Den omfattar biståndsbedömning enligt socialtjänstlagen och LSS och de \
insatser som utförs i egen regi och av privata utförare inom valfrihetssystemet.

Berättelsen bygger på Socialstyrelsens jämförelser, brukarundersökningar, rapporter om avvikelser \
och klagomål, granskningar som andra har gjort av verksamheten och förvaltningens egen \
uppföljning av avtalen. Siffrorna i tabellerna är hämtade direkt ur underlaget och jämförs med \
föregående år där det finns uppgifter för båda åren.
"""

KVALITETSFAKTORER = """\
Nämnden bedömer kvaliteten utifrån sex faktorer som gäller för hela socialtjänsten.

### Kunskapsbaserad verksamhet

Stödet ska vila på bästa tillgängliga kunskap, och medarbetarna ska ha den utbildning och \
erfarenhet som uppdraget kräver. Arbetssätt som inte ger resultat ska ersättas.

### Självbestämmande och delaktighet

Den enskilde ska kunna påverka hur, när och var stödet ges, och verksamheterna ska fråga \
brukarna hur de upplever det.

### Trygghet, säkerhet och bemötande

Beslut ska vara rättssäkra och begripliga. Den som får stöd ska kunna lita på att insatsen blir \
av och ges med respekt och kontinuitet.

### Tillgänglighet

Information och kontaktvägar ska fungera för alla målgrupper, och beslut och insatser ska komma \
i rimlig tid.

### Helhetssyn och samordning

Stödet ska upplevas som samordnat, också när flera huvudmän och verksamheter är inblandade.

### Effektiv användning av resurserna

Resurserna ska användas där de gör mest nytta för målgruppen.
"""

TEXTS: dict[str, dict[str, str]] = {
    LATEST: {
        "fokusomraden": """\
Under {year} har nämnden prioriterat tre områden.

- **Delaktighet i genomförandeplanerna.** Enheterna inom bostad med särskild service har \
gått igenom alla genomförandeplaner tillsammans med brukarna. Arbetet med individuella mål har \
påbörjats men är inte klart.
- **Förebyggande av tvångs- och begränsningsåtgärder.** Medarbetare har utbildats i \
lågaffektivt bemötande, och varje enhet har inventerat vilka skyddsåtgärder som används och om \
det finns samtycke.
- **Kompetens hos biståndshandläggarna.** Nyanställda handläggare har socionomexamen, men flera \
erfarna handläggare har slutat. Introduktion och handledning har därför förstärkts.
""",
        "brukarundersokningar": """\
Resultaten är i huvudsak goda, men svarsfrekvensen har sjunkit inom servicebostad och \
boendestöd. Med få svar blir resultaten osäkra, och enheterna ska därför pröva fler sätt att \
samla in svar, bland annat med bildstöd och intervjuer. Inom boendestöd har fler brukare fått två \
boendestödjare i stället för en, vilket sannolikt har påverkat upplevelsen av kontinuitet.
""",
        "avvikelser": """\
Antalet interna avvikelser har ökat kraftigt sedan det digitala avvikelsesystemet infördes i \
början av året. Ökningen tolkas främst som en bättre rapporteringskultur: fler händelser \
dokumenteras och kan följas upp. Lex Sarah-rapporterna har minskat inom boendesektionen, där två \
enheter med återkommande händelser har fått riktat stöd. Klagomålen gäller oftast bristande \
information och inställda aktiviteter.
""",
        "bedomning": """\
Förvaltningen bedömer att kvaliteten i stödet till personer med funktionsnedsättning i \
huvudsak är god. Brukarna är överlag nöjda, avvikelser rapporteras i högre grad och \
granskningarna har lett till konkreta förbättringar. Svagheterna finns främst i \
genomförandeplanernas mål, i kontinuiteten inom boendestöd och i svarsfrekvensen i \
brukarundersökningarna.
""",
        "forbattringsomraden": """\
Inför {next_year} prioriterar nämnden följande:

- Individuella mål i alla genomförandeplaner inom bostad med särskild service.
- Fortsatt arbete med att ersätta begränsningsåtgärder med pedagogiska arbetssätt.
- Högre svarsfrekvens i brukarundersökningarna, särskilt inom servicebostad.
- Stabilare bemanning och introduktion av nya biståndshandläggare.
- Tydligare krav på privata utförare att rapportera lex Sarah och klagomål till kommunen.
""",
    },
    EARLIER: {
        "fokusomraden": """\
Under {year} har arbetet inriktats på att återuppta aktiviteter och brukarråd efter flera år med \
begränsningar, och på att förbereda införandet av ett digitalt avvikelsesystem.

- **Brukarråd.** Alla boendeenheter har haft brukarråd minst två gånger under året.
- **Avvikelsehantering.** En ny rutin har tagits fram och chefer har utbildats inför att \
systemet tas i bruk.
- **Genomförandeplaner.** Uppföljningen av genomförandeplaner har lagts in i enheternas årshjul.
""",
        "brukarundersokningar": """\
Brukarna inom servicebostad och gruppbostad ger i huvudsak positiva svar. Inom daglig \
verksamhet upplever några brukare att personalen inte alltid förstår vad de menar, och enheterna \
arbetar med kommunikationsstöd.
""",
        "avvikelser": """\
Rapporteringen av interna avvikelser är fortfarande låg, vilket förvaltningen tolkar som att \
händelser inte alltid dokumenteras. Lex Sarah-rapporterna inom boendesektionen rör främst \
hot och våld mellan brukare.
""",
        "bedomning": """\
Förvaltningen bedömer att kvaliteten är god inom de flesta verksamheter. Det största \
utvecklingsbehovet gäller rapportering och uppföljning av avvikelser.
""",
        "forbattringsomraden": """\
Inför {next_year} prioriterar nämnden följande:

- Införa det digitala avvikelsesystemet i alla verksamheter.
- Öka brukarnas delaktighet i genomförandeplanerna.
- Förebygga tvångs- och begränsningsåtgärder.
""",
    },
}

# the names the report reads, without their folder: "inledning", "kvalitetsfaktorer", …
TEXT_NAMES = tuple(name.removeprefix(f"{FOLDER}/") for name in KVALITET.texts)


def year_texts(role: str, year: int) -> dict[str, str]:
    """Every text of one year kind, with the year filled in, by name."""
    templates = {"inledning": INLEDNING, "kvalitetsfaktorer": KVALITETSFAKTORER, **TEXTS[role]}
    values = {"year": year, "next_year": year + 1}
    return {name: templates[name].format(**values) for name in TEXT_NAMES}
