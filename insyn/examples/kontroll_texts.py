"""The narrative Markdown of the example kontroll- och uppföljningsrapport, per year kind.

Written for a fictional kommun (``{kommun}``: Exempelstad, Provköping), in our own words;
numbers the report computes are never stated here.
"""

from __future__ import annotations

from insyn.examples.kontroll_scenario import EARLIER, LATEST

BAKGRUND = """\
Enligt kommunallagen 10 kap. 8 § ska kommunen kontrollera och följa upp verksamhet som den har \
lämnat över till privata utförare. Av 10 kap. 9 § följer att kommunen genom avtalen ska \
tillförsäkra sig den information som behövs för att allmänheten ska kunna få insyn i hur \
verksamheten bedrivs. Kommunfullmäktiges program för privata utförare anger de övergripande målen \
och riktlinjerna för detta arbete.

Socialnämnden i {kommun} har ramavtal med privata utförare av hem för vård eller boende (HVB) \
för vuxna och för barn och unga, av konsulentstödd familjehemsvård och av stödboende. Varje år \
beslutar nämnden om en plan för hur avtalen ska kontrolleras och följas upp. Den här rapporten \
redovisar hur planen för {year} har genomförts.

Uppföljningen ska säkerställa att de som placeras får insatser av god kvalitet och att utförarna \
gör det som avtalen kräver. Erfarenheterna används också när nya avtal upphandlas, så att kraven \
blir relevanta och går att följa upp.
"""

METOD = """\
Uppföljningen görs på tre nivåer. Den löpande uppföljningen utgår från socialsekreterarnas arbete \
i de enskilda ärendena och från samordnarnas kontakter med utförarna. Synpunkter och avvikelser \
som kommer fram där samlas in och gås igenom regelbundet av samordnare och avtalsansvarig strateg.

Händelsestyrd uppföljning inleds när något tyder på brister hos en utförare: upprepade avvikelser \
hos samma verksamhet, kritik från IVO eller ett återkallat tillstånd, en konkurs eller uppgifter i \
media. Gränserna för upprepade avvikelser och för kreditbetyg anges i nämndens plan.

Den särskilda uppföljningen planeras i förväg. Urvalet består av de verksamheter som under året \
har inlett fler placeringar än planens gräns. För alla verksamheter i urvalet görs en översiktlig \
uppföljning: beslut från IVO och lex Sarah-rapporter hämtas in, utförarens ekonomi kontrolleras \
genom kreditupplysning och enkäter skickas till berörda socialsekreterare och till leverantörerna. \
När den översiktliga uppföljningen visar behov görs en fördjupad uppföljning, oftast genom möte \
med företrädare för utföraren och genom att underlag begärs in.

Årets fokusområde har varit {focus}.
"""

TEXTS: dict[str, dict[str, str]] = {
    LATEST: {
        "sammanfattning": """\
Rapporten beskriver hur socialnämnden i {kommun} under {year} har kontrollerat och följt upp de \
privata utförare som nämnden har avtal med inom HVB, konsulentstödd familjehemsvård och \
stödboende. Arbetet har följt nämndens plan och består av löpande, händelsestyrd och särskild \
uppföljning.

Den särskilda uppföljningen har i år riktats mot det systematiska kvalitetsarbetet. Bilden från \
urvalet är i huvudsak positiv. HVB Kvarnbacken har följts upp fördjupat sedan IVO riktat kritik \
mot bemanningen nattetid, och verksamheten har kunnat visa hur bristerna har rättats till.

Den löpande och den händelsestyrda uppföljningen visar samtidigt att några utförare har en svag \
ekonomi och att enskilda verksamheter har haft allvarliga brister. Avtalet med Vassbotten har \
sagts upp sedan IVO återkallat verksamhetens tillstånd. Antal och andelar finns i rapportens \
tabeller.
""",
        "lopande": """\
Socialsekreterarna följer upp varje placering och har löpande kontakt med verksamheterna om hur \
insatsen fungerar. Samordnarna tar emot socialsekreterarnas synpunkter och går igenom dem med \
avtalsansvarig strateg vid månatliga avstämningar. Under {year} har avvikelserna förts in i ett \
gemensamt underlag, vilket gör det lättare att se när samma verksamhet återkommer.

De avvikelser som kommit in gäller framför allt sena genomförandeplaner, uteblivna rapporter till \
socialtjänsten och bristande information när något allvarligt har hänt. De flesta har kunnat lösas \
direkt i ärendet. När samma verksamhet har fått upprepade avvikelser har förvaltningen inlett \
händelsestyrd uppföljning, se tabellen över händelsestyrd uppföljning.

Förvaltningen tar del av utförarnas kreditbetyg hos Creditsafe flera gånger om året. Ett betyg \
under 40 ses som en varningssignal om risk för obestånd, och utföraren ombeds då redogöra för sin \
ekonomiska situation och hur den ska stärkas.
""",
        "fordjupad": """\
### Fördjupad uppföljning av HVB Kvarnbacken

HVB Kvarnbacken, som drivs av Kvarnbackens Behandling AB, ingick i urvalet. Under året granskade \
IVO verksamheten efter en anonym anmälan och riktade kritik mot att det inte alltid fanns vaken \
personal på natten. IVO godtog de åtgärder som verksamheten redovisade, men förvaltningen ville \
själv se hur bemanningen fungerar i praktiken och hur avvikelser hanteras.

Uppföljningen gjordes genom ett besök med samtal med verksamhetschef och föreståndare. Scheman, \
avvikelserapporter och verksamhetens kvalitetsberättelse begärdes in. Av underlaget framgår att \
nattbemanningen har utökats sedan våren, att en ny rutin för överlämning mellan dag- och nattpass \
har införts och att avvikelser numera gås igenom vid varje personalmöte.

Förvaltningen bedömer att HVB Kvarnbacken har vidtagit relevanta åtgärder och uppfyller avtalets \
krav på bemanning. Verksamheten följs ändå upp igen nästa år för att se att förändringarna håller \
över tid.
""",
        "slutsatser": """\
Sammantaget bedömer förvaltningen att de utförare som ingick i årets särskilda uppföljning i \
allt väsentligt följer avtalen. Verksamheterna i urvalet kan beskriva hur egenkontroll och \
avvikelsehantering går till, och de flesta visar hur erfarenheterna leder till förändringar i \
arbetet. Socialsekreterarnas enkätsvar ger en likartad bild.

Den händelsestyrda uppföljningen visar att allvarliga brister kan uppstå snabbt, särskilt hos \
mindre verksamheter med svag ekonomi. Förvaltningen föreslår därför att kreditupplysningar tas \
oftare på utförare med lågt betyg och att avtalens krav på information vid ägarbyte och vid \
allvarliga händelser skärps i nästa upphandling.

Inför {next_year} föreslås att den särskilda uppföljningen riktas mot HVB för barn och unga, med \
fokus på skolgång och barnens delaktighet.
""",
    },
    EARLIER: {
        "sammanfattning": """\
Socialnämnden i {kommun} redovisar här kontrollen och uppföljningen av nämndens privata \
utförare under {year}. Uppföljningen omfattar HVB för vuxna och för barn och unga, \
konsulentstödd familjehemsvård och stödboende, och har gjorts enligt den plan som nämnden \
beslutade om i början av året.

Fokus för den särskilda uppföljningen har varit personalens kompetens och bemanningen. \
Verksamheterna i urvalet uppfyller i allt väsentligt avtalens krav. Familjebryggan har följts upp \
fördjupat sedan socialsekreterare upprepade gånger rapporterat att familjehemmen haft svårt att nå \
sitt konsulentstöd.

Några avtal har upphört under året, bland annat med Boet familjehem, som sades upp på grund av \
brister i stödet till familjehemmen. Utförare med lågt kreditbetyg har granskats närmare, se \
avsnittet om ekonomisk kontroll.
""",
        "lopande": """\
Den löpande uppföljningen bygger på socialsekreterarnas kontakter med verksamheterna i de enskilda \
ärendena. Samordnarna stöttar socialsekreterarna i avtalsfrågor och för vidare det som har \
betydelse för avtalet till avtalsansvarig strateg.

Under {year} har förvaltningen infört en fast mötesstruktur där samordnare och strateg \
regelbundet går igenom inkomna synpunkter och avvikelser. Händelserna har oftast gällt \
rapportering och planering i enskilda ärenden, men också bemanning och tillgång till stöd kvällar \
och helger. Verksamheter med upprepade avvikelser har följts upp särskilt, se tabellen över \
händelsestyrd uppföljning.

Utförarnas ekonomi följs genom kreditupplysningar hos Creditsafe. Ett betyg under 40 innebär en \
förhöjd risk för att företaget inte klarar sina åtaganden, och leverantören får då redovisa hur \
ekonomin ska återställas.
""",
        "fordjupad": """\
### Fördjupad uppföljning av Familjebryggan

Familjebryggan, som drivs av Familjebryggan Konsulent AB, tog emot många placeringar under året \
och ingick därför i urvalet. Socialsekreterare rapporterade vid flera tillfällen att familjehemmen \
hade svårt att nå sin konsulent på kvällar och helger. Det ledde först till händelsestyrd \
uppföljning och sedan till en fördjupad uppföljning.

Förvaltningen träffade verksamhetens ledning och tog del av schemat för jourberedskap, rutinen för \
handledning av familjehem och verksamhetens sammanställning av familjehemmens synpunkter. Enligt \
ledningen har uppdragen ökat snabbare än antalet konsulenter. Verksamheten har sedan dess anställt \
fler konsulenter, och jouren bemannas nu varje vecka av en utsedd konsulent.

Bedömningen är att verksamheten har förstått problemet och gjort relevanta förändringar. \
Förvaltningen följer upp att familjehemmen får det stöd som avtalet förutsätter genom frågor i \
nästa års enkät till socialsekreterare.
""",
        "slutsatser": """\
Förvaltningen bedömer att verksamheterna i urvalet i huvudsak uppfyller avtalens krav på \
personalens kompetens och bemanning. Utförarna har kunnat redovisa utbildningsnivå, handledning \
och planer för kompetensutveckling, och socialsekreterarna är överlag nöjda med insatserna.

Att avvikelser från den löpande uppföljningen samlas på ett ställe har gjort det lättare att \
upptäcka när problem återkommer hos samma utförare. Rollerna i den händelsestyrda uppföljningen \
behöver dock bli tydligare, särskilt vem som ansvarar för vad och när nämnden ska informeras.

Enkäternas svarsfrekvens redovisas i tabell. Inför {next_year} föreslås att den särskilda \
uppföljningen inriktas på det systematiska kvalitetsarbetet och hanteringen av avvikelser.
""",
    },
}
TEXT_NAMES = ("sammanfattning", "bakgrund", "metod", "lopande", "fordjupad", "slutsatser")
