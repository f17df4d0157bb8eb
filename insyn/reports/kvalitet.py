"""The kvalitetsberättelse: what its notebook shows, assembled from the package.

Each notebook cell calls one method here, which combines a measure (``insyn.measures_kvalitet``)
with its presentation (``insyn.tables``, ``insyn.figures``, ``insyn.text``). Last year's folder
supplies every comparison; where it (or one of its tables) is missing, the report says
"jämförelse saknas" instead of inventing a number.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from insyn import figures, formats, tables
from insyn import measures_kvalitet as mk
from insyn import text as txt
from insyn.reports import KVALITET
from insyn.reports.base import Report
from insyn.schemas.kvalitet import AVVIKELSE_SLAG, LAN

OJ = "oppna_jamforelser"
EU = "enhetsundersokning"
SURVEYS = "brukarundersokningar"
RESULTS = "brukarundersokningar_resultat"
DEVIATIONS = "avvikelser_verksamhet"
AUDITS = "granskningar_tillsyn"
LOV = "lov_verksamheter"
# a soft hyphen lets the PDF break the long word in a narrow column
PEERS_HEADER = "Jämförelse\u00adkommuner, median"


def one_decimal(value) -> str:
    return formats.number(value, 1)


def points(value) -> str:
    """A change between two shares in whole procentenheter, signed: ``+5``, ``−16``."""
    return formats.MISSING if formats.is_missing(value) else formats.signed(value * 100)


@dataclass
class KvalitetsRapport(Report):
    """This year's (and, when present, last year's) validated data plus the parameters."""

    report_type = KVALITET

    @property
    def year(self) -> int:
        return int(self.params["år"])

    @property
    def kommun(self) -> str:
        return str(self.params["kommun"])

    @property
    def minimum(self) -> int:
        return int(self.params.get("minsta_antal", mk.SUPPRESSION_MINIMUM))

    @property
    def worsening_threshold(self) -> float:
        return float(self.params.get("gräns_försämring", 1.0))

    def text(self, name: str) -> txt.Markdown:
        """A narrative part the strategist wrote (``text/kvalitetsberattelse/<name>.md``)."""
        return txt.as_markdown(self.data.texts[f"{KVALITET.name}/{name}"])

    def _missing_note(self, name: str) -> str:
        if self.previous_table(name) is None:
            return f"Föregående år ({self.year - 1}): jämförelse saknas, uppgifterna finns inte."
        return ""

    # -- Öppna jämförelser and enhetsundersökningen -------------------------------------------
    def _compared(self, name: str, verksamhet: str | None = None) -> pd.DataFrame:
        """This year's indicators of ``name`` (one verksamhet's, when given) against the areas
        compared with, last year's value beside; once per report (text, table, worsening)."""
        return self.remember(
            ("jämförelse", name, verksamhet), lambda: self._compare(name, verksamhet)
        )

    def _compare(self, name: str, verksamhet: str | None) -> pd.DataFrame:
        keys = ("indikator",) if verksamhet is None else ("verksamhet", "indikator")
        current, previous = self.data[name], self.previous_table(name)
        if verksamhet is not None:
            current = current[current["verksamhet"] == verksamhet]
            if previous is not None:
                previous = previous[previous["verksamhet"] == verksamhet]
        compared = mk.compare_areas(current, keys)
        if compared.empty:
            return compared
        last = None if previous is None else mk.compare_areas(previous, keys)
        return mk.with_previous(compared, last, keys)

    def _comparison_table(self, frame: pd.DataFrame, source: pd.DataFrame) -> tables.Table:
        frame = frame.assign(
            plats=[
                formats.MISSING
                if formats.is_missing(p)
                else f"{formats.number(p)} av {formats.number(n)}"
                for p, n in zip(frame.get("placering", []), frame.get("antal", []), strict=True)
            ]
        )
        table = tables.build(
            frame,
            [
                tables.text_column("indikator", "Indikator"),
                tables.Column("värde", f"{self.kommun} {self.year}", one_decimal, numeric=True),
                tables.previous_column("föregående", f"{self.kommun} {self.year - 1}", one_decimal),
                tables.Column("median", PEERS_HEADER, one_decimal, numeric=True),
                tables.Column("län", "Länet", one_decimal, numeric=True),
                tables.Column("riket", "Riket", one_decimal, numeric=True),
                tables.text_column("plats", "Placering bland kommunerna"),
            ],
            empty_text="Inga uppgifter för året.",
        )
        table.note = self.source_line(source)
        return table

    def source_line(self, frame: pd.DataFrame) -> str:
        """``Källa: …`` from the table's own källa column, each source once."""
        sources = list(dict.fromkeys(frame["källa"].dropna()))
        if not sources:
            return ""
        return "Källa: " + "; ".join(txt.escape_markdown(s) for s in sources) + "."

    def comparisons_text(self) -> txt.Markdown:
        """Who the kommun is compared with, and how the place is counted."""
        frame = self.data[OJ]
        peers = mk.peer_names(frame)
        lan = list(dict.fromkeys(frame.loc[frame["nivå"] == LAN, "område"]))
        compared = self._compared(OJ)
        best = int((compared["placering"] == 1).sum()) if not compared.empty else 0
        parts = [
            f"Tabellen jämför {txt.escape_markdown(self.kommun)} med "
            f"{txt.count_noun(len(peers), 'jämförelsekommun', 'jämförelsekommuner')} "
            f"({txt.join_words(txt.escape_markdown(p) for p in peers)})"
        ]
        if lan:
            parts.append(f", med {txt.escape_markdown(lan[0])} och med riket")
        else:
            parts.append(" och med riket")
        parts.append(
            ". Placeringen räknas bland kommunerna, där 1 är bäst; för väntetider är kortast "
            f"bäst. {txt.escape_markdown(self.kommun)} har det bästa värdet bland kommunerna i "
            f"{formats.number(best)} av {formats.number(len(compared))} indikatorer."
        )
        return txt.as_markdown("".join(parts))

    def comparisons_table(self) -> tables.Table:
        """Öppna jämförelser: the kommun against peers, län and riket, with last year beside."""
        table = self._comparison_table(self._compared(OJ), self.data[OJ])
        table.note = " ".join(n for n in (table.note, self._missing_note(OJ)) if n)
        return table

    def unit_survey_table(self, verksamhet: str) -> tables.Table:
        """Enhetsundersökningen for one verksamhet, as the Öppna jämförelser table."""
        current = self.data[EU]
        compared = self._compared(EU, verksamhet)
        table = self._comparison_table(compared, current[current["verksamhet"] == verksamhet])
        table.empty_text = f"Enhetsundersökningen har inga uppgifter om {verksamhet.lower()}."
        missing = self._missing_note(EU)
        if not missing and not compared.empty and compared["föregående"].isna().all():
            missing = f"{self.year - 1}: jämförelse saknas, verksamheten ingick inte det året."
        table.note = " ".join(n for n in (table.note, missing) if n)
        return table

    # -- brukarundersökningar -----------------------------------------------------------------
    def _survey_rates(self) -> pd.DataFrame:
        return self.remember(
            ("svarsfrekvenser", self.minimum),
            lambda: mk.survey_rates(self.data[SURVEYS], self.previous_table(SURVEYS), self.minimum),
        )

    def _survey_results(self) -> pd.DataFrame:
        return self.remember(
            ("brukarresultat", self.minimum),
            lambda: mk.survey_results(
                self.data[RESULTS],
                self.data[SURVEYS],
                self.previous_table(RESULTS),
                self.previous_table(SURVEYS),
                self.minimum,
            ),
        )

    def survey_table(self) -> tables.Table:
        """Asked, answered, the rate computed from them and last year's rate beside it."""
        table = tables.build(
            self._survey_rates(),
            [
                tables.text_column("verksamhet", "Verksamhet"),
                tables.number_column("tillfrågade", "Tillfrågade"),
                tables.number_column("svarande", "Svarande"),
                tables.percent_column("svarsfrekvens", f"Svarsfrekvens {self.year}"),
                tables.previous_column(
                    "föregående", f"Svarsfrekvens {self.year - 1}", formats.percent
                ),
                tables.Column("förändring", "Förändring, procentenheter", points, numeric=True),
            ],
        )
        notes = [
            "Svarsfrekvensen är beräknad som svarande delat med tillfrågade.",
            self._missing_note(SURVEYS),
        ]
        table.note = " ".join(n for n in notes if n)
        return table

    def survey_check(self) -> txt.Markdown:
        """Kontroll av uppgifter: stated rates that disagree with the counts. The report always
        uses the rate computed from the counts."""
        notes = [
            f"{txt.escape_markdown(row.verksamhet)}: angiven svarsfrekvens "
            f"{formats.percent(row.angiven)}, men {formats.number(row.svarande)} av "
            f"{formats.number(row.tillfrågade)} svarande ger {formats.percent(row.beräknad)}."
            for row in mk.rate_disagreements(self.data[SURVEYS]).itertuples(index=False)
        ]
        if not notes:
            return txt.as_markdown("")
        return txt.as_markdown(
            "**Kontroll av uppgifter.** " + " ".join(notes) + " Rapporten använder den beräknade "
            "svarsfrekvensen; kontrollera uppgiften i källan."
        )

    def survey_results_table(self) -> tables.Table:
        """Share of positive answers per verksamhet and question, this year and last; groups
        with too few respondents are suppressed and marked."""
        frame = self._survey_results()
        hidden = "visas ej"
        table = tables.build(
            frame.assign(
                andel=[
                    hidden if s else formats.percent(v)
                    for s, v in zip(frame["undertryckt"], frame["andel"], strict=True)
                ]
            ),
            [
                tables.text_column("verksamhet", "Verksamhet"),
                tables.text_column("fråga", "Fråga"),
                tables.Column("andel", f"Positiva svar {self.year}", str, numeric=True),
                tables.previous_column(
                    "föregående", f"Positiva svar {self.year - 1}", formats.percent
                ),
                tables.Column("förändring", "Förändring, procentenheter", points, numeric=True),
            ],
        )
        notes = []
        if frame["undertryckt"].any():
            notes.append(
                f"Resultat redovisas inte för verksamheter med färre än "
                f"{formats.number(self.minimum)} svarande (markerade ”{hidden}”)."
            )
        if self._missing_note(RESULTS):
            notes.append(self._missing_note(RESULTS))
        table.note = " ".join(notes)
        return table

    # -- avvikelser, synpunkter och klagomål --------------------------------------------------
    def _deviation_counts(self, column: str) -> pd.DataFrame:
        return mk.counts_by_unit(self.data[DEVIATIONS], self.previous_table(DEVIATIONS), column)

    def deviations_text(self) -> txt.Markdown:
        previous = self.previous_table(DEVIATIONS)
        parts = []
        for column, label in AVVIKELSE_SLAG:
            label = label[0].lower() + label[1:]  # "lex Sarah-rapporter"
            part = f"{formats.number(mk.total(self.data[DEVIATIONS][column]))} {label}"
            if previous is not None:
                part += f" ({formats.number(mk.total(previous[column]))} år {self.year - 1})"
            parts.append(part)
        lead = f"Under {self.year} kom det in " + txt.join_words(parts) + "."
        if previous is None:
            lead += f" Jämförelse med {self.year - 1} saknas."
        return txt.as_markdown(lead)

    def deviations_table(self, column: str) -> tables.Table:
        """One kind of report per verksamhet, this year and last, with totals and change."""
        has_previous = self.previous_table(DEVIATIONS) is not None
        frame = mk.with_total(self._deviation_counts(column), has_previous)
        rows = [
            tables.text_column("verksamhet", "Verksamhet"),
            tables.number_column("i_år", str(self.year)),
        ]
        if has_previous:
            rows += [
                tables.previous_column("föregående", str(self.year - 1)),
                tables.Column("förändring", "Förändring", formats.signed, numeric=True),
            ]
        table = tables.build(frame, rows)
        table.rows[-1] = [f"**{cell}**" for cell in table.rows[-1]]
        table.note = self._missing_note(DEVIATIONS)
        return table

    def deviations_figure(self) -> figures.Chart:
        panels = {label: self._deviation_counts(column) for column, label in AVVIKELSE_SLAG}
        previous = self.year - 1 if self.previous_table(DEVIATIONS) is not None else None
        return figures.yearly_counts_chart(panels, self.year, previous)

    # -- granskningar och tillsyn -------------------------------------------------------------
    def audits_text(self) -> txt.Markdown:
        audits = self.data[AUDITS]
        if audits.empty:
            return txt.as_markdown(f"Inga granskningar eller tillsyner registrerades {self.year}.")
        by_auditor = audits["granskare"].value_counts(sort=False)
        parts = [f"{txt.escape_markdown(a)} {formats.number(n)}" for a, n in by_auditor.items()]
        remarks = int(audits["anmärkningar"].sum())
        return txt.as_markdown(
            f"Under {self.year} granskades nämndens verksamheter vid "
            f"{txt.count_noun(len(audits), 'tillfälle', 'tillfällen')} "
            f"({txt.join_words(parts)}). {formats.number(remarks)} av granskningarna ledde "
            "till anmärkningar eller krav på åtgärder."
        )

    def audits_table(self) -> tables.Table:
        audits = self.data[AUDITS].sort_values(["datum", "verksamhet"], kind="stable")
        frame = audits.assign(
            granskning=audits["granskare"] + ": " + audits["granskat_område"],
            anmärkningar=audits["anmärkningar"].map({True: "Ja", False: "Nej"}),
            rapport=[link_to(v) for v in audits.get("länk", pd.Series(index=audits.index))],
        )
        columns = [
            tables.date_column("datum", "Datum"),
            tables.text_column("verksamhet", "Verksamhet"),
            tables.text_column("granskning", "Granskare och område"),
            tables.text_column("anmärkningar", "Anmärk\u00adningar"),
            tables.text_column("resultat", "Resultat"),
        ]
        if (frame["rapport"] != "").any():
            columns.append(tables.Column("rapport", "Rapport", str))
        return tables.build(frame, columns, empty_text="Inga granskningar under året.")

    # -- privata utförare inom LOV ------------------------------------------------------------
    def lov_overview(self) -> pd.DataFrame:
        return mk.lov_overview(self.data[LOV], self.previous_table(LOV))

    def lov_text(self) -> txt.Markdown:
        units = self.data[LOV]
        total = self.lov_overview().iloc[-1]
        text = (
            f"I valfrihetssystemet kunde brukarna välja mellan "
            f"{txt.count_noun(len(units), 'verksamhet', 'verksamheter')}, varav "
            f"{formats.number(total['kommunala'])} i kommunal regi och "
            f"{formats.number(total['privata'])} hos "
            f"{txt.count_noun(total['privata_utförare'], 'privat utförare', 'privata utförare')}."
        )
        if formats.is_missing(total["nya"]):
            text += f" Jämförelse med {self.year - 1} saknas."
        else:
            text += (
                f" Jämfört med {self.year - 1} har {formats.number(total['nya'])} tillkommit och "
                f"{formats.number(total['avslutade'])} upphört."
            )
        return txt.as_markdown(text)

    def lov_table(self) -> tables.Table:
        frame = self.lov_overview()
        table = tables.build(
            frame,
            [
                tables.text_column("område", "Område"),
                tables.number_column("verksamheter", "Verksamheter"),
                tables.number_column("kommunala", "Kommunala"),
                tables.number_column("privata", "Privata"),
                tables.number_column("privata_utförare", "Privata utförare"),
                tables.previous_column("nya", f"Nya sedan {self.year - 1}"),
                tables.previous_column("avslutade", f"Upphörda sedan {self.year - 1}"),
            ],
        )
        table.rows[-1] = [f"**{cell}**" for cell in table.rows[-1]]
        table.note = self._missing_note(LOV)
        return table

    # -- förbättringsområden ------------------------------------------------------------------
    def indicators(self) -> pd.DataFrame:
        """Every indicator that has a direction, this year and last, for the worsening rule:
        Öppna jämförelser, enhetsundersökningen, svarsfrekvenser and survey results. Counts of
        reports are left out on purpose: more reports often mean better reporting."""
        return self.remember(("indikatorer", self.minimum), self._collect_indicators)

    def _collect_indicators(self) -> pd.DataFrame:
        parts = []
        oj = self._compared(OJ)
        if not oj.empty:
            parts.append(indicator_rows(oj, "Öppna jämförelser", "indikator", "värde"))
        for verksamhet in self.data[EU]["verksamhet"].unique():
            eu = self._compared(EU, verksamhet)
            parts.append(
                indicator_rows(eu, f"Enhetsundersökningen, {verksamhet}", "indikator", "värde")
            )
        rates = self._survey_rates()
        parts.append(
            indicator_rows(rates, "Svarsfrekvens", "verksamhet", "svarsfrekvens", share=True)
        )
        results = self._survey_results()
        results = results.assign(
            indikator=results["verksamhet"] + ": " + results["fråga"], andel_nu=results["andel"]
        )
        parts.append(
            indicator_rows(results, "Brukarundersökning", "indikator", "andel_nu", share=True)
        )
        return pd.concat(parts, ignore_index=True)

    def worsened(self) -> pd.DataFrame:
        return mk.worsened(self.indicators(), self.worsening_threshold)

    def worsened_text(self) -> txt.Markdown:
        if self.previous is None:
            return txt.as_markdown(
                f"Jämförelse med {self.year - 1} saknas, så inga försämrade indikatorer kan listas."
            )
        count = len(self.worsened())
        threshold = formats.number(self.worsening_threshold, 1)
        if count == 0:
            return txt.as_markdown(
                f"Ingen indikator har försämrats med {threshold} eller mer sedan {self.year - 1}."
            )
        return txt.as_markdown(
            f"{txt.count_noun(count, 'indikator', 'indikatorer')} har försämrats med minst "
            f"{threshold} procentenheter (för andra mått: indikatorns enhet) sedan "
            f"{self.year - 1}. De listas automatiskt här, den största försämringen först."
        )

    def worsened_table(self) -> tables.Table:
        frame = self.worsened()
        shown = frame.assign(
            nu=[show_value(v, a) for v, a in zip(frame["i_år"], frame["andel"], strict=True)],
            då=[show_value(v, a) for v, a in zip(frame["föregående"], frame["andel"], strict=True)],
        )
        return tables.build(
            shown,
            [
                tables.text_column("avsnitt", "Avsnitt"),
                tables.text_column("indikator", "Indikator"),
                tables.Column("nu", str(self.year), str, numeric=True),
                tables.Column("då", str(self.year - 1), str, numeric=True),
                tables.Column("försämring", "Försämring", one_decimal, numeric=True),
            ],
            empty_text="Inga indikatorer har försämrats.",
        )


def indicator_rows(
    frame: pd.DataFrame, section: str, name: str, value: str, share: bool = False
) -> pd.DataFrame:
    """Rows for :func:`insyn.measures_kvalitet.worsened` from a table with ``föregående``."""
    higher = frame["högre_är_bättre"] if "högre_är_bättre" in frame.columns else True
    return pd.DataFrame(
        {
            "avsnitt": section,
            "indikator": frame[name],
            "i_år": frame[value],
            "föregående": frame["föregående"],
            "högre_är_bättre": higher,
            "andel": share,
        }
    )


def show_value(value, share: bool) -> str:
    return formats.percent(value) if share else one_decimal(value)


def link_to(address) -> str:
    """A link to a per-provider report, or empty. The address passed the schema's check
    (https or a relative path to .html/.pdf), so only the link text needs no escaping."""
    if formats.is_missing(address) or not str(address).strip():
        return ""
    return f"[Granskningsrapport](<{address}>)"
