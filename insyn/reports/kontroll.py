"""The kontroll- och uppföljningsrapport: what its notebook shows, assembled from the package.

The notebook stays narrative: each of its cells calls one method here, which combines a measure
(``insyn.measures``) with its presentation (``insyn.tables``, ``insyn.figures``, ``insyn.text``).
Nothing here computes a number of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from insyn import figures, formats, load, measures, tables
from insyn import text as txt
from insyn.params import period_of
from insyn.register import Register, report_date
from insyn.reports import KONTROLL
from insyn.reports import register_views as views
from insyn.reports.base import Report
from insyn.schemas.kontroll import UTFALL


@dataclass
class KontrollRapport(Report):
    """This year's (and, when present, last year's) validated data plus the parameters."""

    report_type = KONTROLL

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return period_of(self.params)

    @property
    def placement_threshold(self) -> int:
        return int(self.params.get("gräns_placeringar", 2))

    @property
    def credit_threshold(self) -> int:
        return int(self.params.get("gräns_kreditbetyg", 40))

    @property
    def deviation_threshold(self) -> int:
        return int(self.params.get("gräns_avvikelser", 3))

    @property
    def minimum(self) -> int:
        """Counts of people below this are shown as "färre än …" (0: everything is shown)."""
        return int(self.params.get("minsta_antal", 5))

    def text(self, name: str) -> txt.Markdown:
        """A narrative part the strategist wrote (``text/<name>.md``)."""
        return txt.as_markdown(self.data.texts[name])

    # -- measures used in several places -----------------------------------------------------
    def _per_unit(self, data: load.Dataset) -> pd.DataFrame:
        year = data.year
        start, end = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        if data is self.data:
            start, end = self.period
        return self.remember(
            ("placeringar per verksamhet", start, end),
            lambda: measures.placements_per_unit(data["placeringar"], data["utforare"], start, end),
        )

    def sample(self) -> pd.DataFrame:
        per_unit = self._per_unit(self.data)
        return per_unit[per_unit["placeringar"] > self.placement_threshold].reset_index(drop=True)

    def credit_flags(self, data: load.Dataset | None = None) -> pd.DataFrame:
        data = data or self.data
        return self.remember(
            ("kreditvarningar", data.year, self.credit_threshold),
            lambda: measures.flag_credit_risk(
                data["kreditupplysningar"], data["utforare"], self.credit_threshold
            ),
        )

    def _survey_rate(
        self, data: load.Dataset | None, survey: str
    ) -> float | measures.Suppressed | None:
        """The response rate from the counts; Suppressed when a count is too small to show."""
        if data is None or "enkater" not in data.tables:
            return None
        rows = data["enkater"][data["enkater"]["enkät"] == survey]
        if rows.empty:
            return None
        row = rows.iloc[0]
        if self._too_few(row):
            return measures.Suppressed(self.minimum)
        return measures.response_rate(row["tillfrågade"], row["svarande"])

    def _too_few(self, row) -> bool:
        counts = (row["tillfrågade"], row["svarande"])
        return any(measures.below_minimum(count, self.minimum) for count in counts)

    # -- sections ----------------------------------------------------------------------------
    def key_figures(self) -> tables.Table:
        """Nyckeltal: this year against last year, with "jämförelse saknas" when it is absent."""
        prev = self.previous

        def count(name: str, data: load.Dataset | None) -> int | None:
            if data is None or name not in data.tables:
                return None
            return len(data[name])

        def sampled(data: load.Dataset | None) -> int | None:
            if data is None or not {"placeringar", "utforare"} <= data.tables.keys():
                return None
            per_unit = self._per_unit(data)
            return int((per_unit["placeringar"] > self.placement_threshold).sum())

        def flagged(data: load.Dataset | None) -> int | None:
            if data is None or not {"kreditupplysningar", "utforare"} <= data.tables.keys():
                return None
            return len(self.credit_flags(data))

        rows = {
            "Verksamheter med avtal": (
                count("utforare", self.data),
                count("utforare", prev),
                formats.number,
            ),
            "Inledda placeringar": (
                count("placeringar", self.data),
                count("placeringar", prev),
                formats.number,
            ),
            f"Verksamheter med fler än {self.placement_threshold} placeringar (urval)": (
                sampled(self.data),
                sampled(prev),
                formats.number,
            ),
            f"Utförare med kreditbetyg under {self.credit_threshold}": (
                flagged(self.data),
                flagged(prev),
                formats.number,
            ),
            "Beslut från IVO": (
                count("ivo_beslut", self.data),
                count("ivo_beslut", prev),
                formats.number,
            ),
            "Lex Sarah-rapporter": (
                count("lex_sarah", self.data),
                count("lex_sarah", prev),
                formats.number,
            ),
            "Avvikelser i den löpande uppföljningen": (
                count("avvikelser", self.data),
                count("avvikelser", prev),
                formats.number,
            ),
            "Svarsfrekvens, enkät till socialsekreterare": (
                self._survey_rate(self.data, "Socialsekreterare"),
                self._survey_rate(prev, "Socialsekreterare"),
                formats.percent,
            ),
            "Svarsfrekvens, enkät till leverantörer": (
                self._survey_rate(self.data, "Leverantörer"),
                self._survey_rate(prev, "Leverantörer"),
                formats.percent,
            ),
        }
        table = tables.key_figures(rows)
        if any(isinstance(v, measures.Suppressed) for *values, _ in rows.values() for v in values):
            table.note = (
                f"Svarsfrekvensen visas som ”{formats.fewer_than(self.minimum)}” när färre än "
                f"{formats.number(self.minimum)} personer tillfrågades eller svarade."
            )
        return table

    def sample_text(self) -> txt.Markdown:
        sample = self.sample()
        start, end = self.period
        units = len(self.data["utforare"])
        return txt.as_markdown(
            f"Urvalet omfattar de verksamheter som hade fler än "
            f"{formats.number(self.placement_threshold)} inledda placeringar under perioden "
            f"{formats.date(start)} – {formats.date(end)}. Av "
            f"{txt.count_noun(units, 'verksamhet', 'verksamheter')} med avtal uppfyllde "
            f"{formats.number(len(sample))} villkoret. Tillsammans inleddes "
            f"{formats.number(int(sample['placeringar'].sum()))} av periodens "
            f"{formats.number(len(self.data['placeringar']))} placeringar hos dem."
        )

    def sample_table(self) -> tables.Table:
        return tables.build(
            self.sample(),
            [
                tables.text_column("verksamhet", "Verksamhet"),
                tables.text_column("utförare", "Utförare"),
                tables.text_column("avtalsområde", "Avtalsområde"),
                tables.number_column("placeringar", "Inledda placeringar"),
            ],
            empty_text="Ingen verksamhet hade så många placeringar att den kom med i urvalet.",
        )

    def placements_figure(self) -> figures.Chart:
        return figures.placements_chart(self._per_unit(self.data), self.placement_threshold)

    def credit_text(self) -> txt.Markdown:
        flags = self.credit_flags()
        companies = self.data["utforare"]["organisationsnummer"].nunique()
        checked = self.data["kreditupplysningar"]["organisationsnummer"].nunique()
        lead = (
            f"Nämnden tog under perioden kreditupplysningar på "
            f"{txt.count_noun(checked, 'utförare', 'utförare')} av "
            f"{formats.number(companies)}. Ett kreditbetyg under "
            f"{formats.number(self.credit_threshold)} är en signal om risk för ekonomiskt "
            "obestånd och leder till en närmare granskning."
        )
        if flags.empty:
            return txt.as_markdown(lead + " Ingen utförare låg under gränsen vid senaste kontroll.")
        names = txt.join_words(txt.escape_markdown(n) for n in flags["utförare"])
        return txt.as_markdown(
            lead + f" Vid senaste kontroll låg {txt.count_noun(len(flags), 'utförare', 'utförare')}"
            f" under gränsen: {names}."
        )

    def credit_table(self) -> tables.Table:
        return tables.build(
            self.credit_flags(),
            [
                tables.text_column("utförare", "Utförare"),
                tables.text_column("organisationsnummer", "Organisationsnummer"),
                tables.text_column("verksamheter", "Verksamheter"),
                tables.number_column("rating", "Kreditbetyg"),
                tables.date_column("kontrolldatum", "Kontrolldatum"),
            ],
            empty_text="Ingen utförare hade ett kreditbetyg under gränsen.",
        )

    def survey_table(self) -> tables.Table:
        """Asked, answered and the response rate computed from them; last year beside it."""
        rows = []
        for row in self.data["enkater"].itertuples(index=False):
            rows.append(
                {
                    "enkät": row.enkät,
                    "tillfrågade": row.tillfrågade,
                    "svarande": row.svarande,
                    "svarsfrekvens": measures.response_rate(row.tillfrågade, row.svarande),
                    "föregående": self._survey_rate(self.previous, row.enkät),
                }
            )
        columns = ["enkät", "tillfrågade", "svarande", "svarsfrekvens", "föregående"]
        frame, note = tables.suppress(
            pd.DataFrame(rows, columns=columns),
            ["tillfrågade", "svarande"],
            self.minimum,
            ("svarsfrekvens",),
        )
        table = tables.build(
            frame,
            [
                tables.text_column("enkät", "Enkät till"),
                tables.number_column("tillfrågade", "Tillfrågade"),
                tables.number_column("svarande", "Svarande"),
                tables.percent_column("svarsfrekvens", "Svarsfrekvens"),
                tables.percent_column("föregående", "Svarsfrekvens föregående år"),
            ],
        )
        if self.previous is None:
            note = " ".join(filter(None, [note, "Föregående år: jämförelse saknas."]))
        table.note = note
        return table

    def survey_check(self) -> txt.Markdown:
        """Kontroll av uppgifter: this year's stated response rates that disagree with the
        counts. The report always uses the rate computed from the counts."""
        notes = []
        for row in self.data["enkater"].itertuples(index=False):
            stated = getattr(row, "angiven_svarsfrekvens", None)
            if not measures.stated_rate_disagrees(row.tillfrågade, row.svarande, stated):
                continue
            if self._too_few(row._asdict()):
                notes.append(
                    f"Enkäten till {row.enkät.lower()}: angiven svarsfrekvens stämmer inte med "
                    f"antalen, som är {formats.fewer_than(self.minimum)} och därför inte visas."
                )
            else:
                computed = measures.response_rate(row.tillfrågade, row.svarande)
                notes.append(
                    f"Enkäten till {row.enkät.lower()}: angiven svarsfrekvens "
                    f"{formats.percent(stated / 100)}, men {formats.number(row.svarande)} av "
                    f"{formats.number(row.tillfrågade)} ger {formats.percent(computed)}. "
                    "Rapporten använder den beräknade."
                )
        if not notes:
            return txt.as_markdown("")
        return txt.as_markdown("**Kontroll av uppgifter.** " + " ".join(notes))

    def ivo_table(self) -> tables.Table:
        decisions = self.data["ivo_beslut"].sort_values(["beslutsdatum", "verksamhet"])
        frame = decisions.assign(kritik=decisions["kritik"].map({True: "Ja", False: "Nej"}))
        return tables.build(
            frame,
            [
                tables.text_column("verksamhet", "Verksamhet"),
                tables.date_column("beslutsdatum", "Beslutsdatum"),
                tables.text_column("ärendetyp", "Ärendetyp"),
                tables.text_column("kritik", "Kritik"),
                tables.text_column("status", "Status"),
                tables.text_column("sammanfattning", "Sammanfattning"),
            ],
            empty_text="IVO fattade inga beslut om verksamheterna under perioden.",
        )

    def ivo_lex_sarah_table(self) -> tables.Table:
        counts = measures.ivo_and_lex_sarah(self.data["ivo_beslut"], self.data["lex_sarah"])
        in_sample = set(self.sample()["verksamhet"])
        counts["urval"] = counts["verksamhet"].map(lambda v: "Ja" if v in in_sample else "Nej")
        return tables.build(
            counts,
            [
                tables.text_column("verksamhet", "Verksamhet"),
                tables.text_column("urval", "I urvalet"),
                tables.number_column("ivo_beslut", "Beslut från IVO"),
                tables.number_column("ivo_kritik", "Varav med kritik"),
                tables.number_column("lex_sarah", "Lex Sarah-rapporter"),
            ],
            empty_text="Inga beslut från IVO och inga lex Sarah-rapporter under perioden.",
        )

    def event_driven_table(self) -> tables.Table:
        triggers = measures.select_event_driven(
            self.data["avvikelser"],
            self.data["ivo_beslut"],
            self.data["utfall"],
            self.deviation_threshold,
        )
        frame = pd.DataFrame(
            [
                {"verksamhet": t.verksamhet, "skäl": t.reason, "källa": t.source, "datum": t.date}
                for t in triggers
            ],
            columns=["verksamhet", "skäl", "källa", "datum"],
        )
        return tables.build(
            frame,
            [
                tables.text_column("verksamhet", "Verksamhet"),
                tables.text_column("skäl", "Skäl till händelsestyrd uppföljning"),
                tables.text_column("källa", "Källa"),
                tables.date_column("datum", "Senast"),
            ],
            empty_text="Inget under perioden gav anledning till händelsestyrd uppföljning.",
        )

    def outcomes_text(self) -> txt.Markdown:
        counts = measures.count_outcomes(self.data["utfall"], UTFALL)
        previous = self.previous_table("utfall")
        prev_counts = measures.count_outcomes(previous, UTFALL) if previous is not None else None
        parts = []
        for kind, value in counts.items():
            part = f"{kind.lower()}: {formats.number(value)}"
            if prev_counts is not None:
                part += f" (föregående år {formats.number(prev_counts[kind])})"
            parts.append(part)
        return txt.as_markdown("Under perioden registrerades " + txt.join_words(parts) + ".")

    def outcomes_table(self) -> tables.Table:
        outcomes = self.data["utfall"].sort_values(["datum", "verksamhet"])
        return tables.build(
            outcomes,
            [
                tables.text_column("verksamhet", "Verksamhet"),
                tables.date_column("datum", "Datum"),
                tables.text_column("händelse", "Händelse"),
                tables.text_column("orsak", "Orsak"),
            ],
            empty_text="Inga avtal avslutades och ingen utförare var under utredning.",
        )

    # -- granskningar, brister and beslut (the register, when the year has one) ---------------
    @property
    def register(self) -> Register | None:
        """The year's register (one per report: it remembers what it has worked out)."""
        if "granskningar" not in self.data.tables:
            return None
        at = report_date(self.params)
        return self.remember(("register", at), lambda: Register(self.data, at))

    def audits_text(self) -> txt.Markdown:
        """The year's granskningar in numbers, or that the year has no register."""
        register = self.register
        if register is None:
            return txt.as_markdown(
                "Datamappen för året har inget register över granskningar (granskningar.csv, "
                "bedomningar.csv, brister.csv och beslut.csv)."
            )
        audits = views.audits_in_period(register, *self.period)
        levels = audits["sammanvägd"].value_counts()
        counted = txt.join_words(
            f"{views.level_label(level)} för {formats.number(levels.get(level, 0))}"
            for level in views.SYMBOLS
        )
        overdue = int(register.brister()["försenad"].sum())
        late = "försenad" if overdue == 1 else "försenade"
        return txt.as_markdown(
            f"Under perioden påbörjades {txt.count_noun(len(audits), 'granskning', 'granskningar')}"
            f" av verksamheter. Den sammanvägda bedömningen blev {counted}. Den "
            f"{formats.date(register.at)} var {txt.count_noun(overdue, 'brist', 'brister')} "
            f"{late}. Verksamhetens namn i tabellerna är en länk till dess granskningsrapport "
            "i HTML."
        )

    def audits_table(self) -> tables.Table:
        return views.audits_table(self.register, *self.period) if self.register else _none()

    def overdue_table(self) -> tables.Table:
        return views.overdue_table(self.register) if self.register else _none()

    def decisions_table(self) -> tables.Table:
        return views.decisions_table(self.register, *self.period) if self.register else _none()

    def proposals_table(self) -> tables.Table:
        return views.proposals_table(self.register) if self.register else _none()


def _none() -> tables.Table:
    """An empty table for a year without a register of granskningar."""
    return tables.Table(header=[], rows=[], numeric=[], empty_text="Inget register finns.")
