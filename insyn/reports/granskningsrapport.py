"""The granskningsrapport of one verksamhet: its most recent granskning, from the register.

Sections as in an audit report (seed 004): bakgrund, syfte, metod, resultat with the sammanvägd
bedömning and each område's kvalitetsnivå (symbol and word), the provider's own survey with its
response rate computed from the counts, brister with deadline and status, analys, slutsats,
rekommendationer and källor. The narrative parts come from the strategist's text file
``text/utforare/<verksamhet>/<granskning>.md``.
"""

from __future__ import annotations

import pandas as pd

from insyn import formats, measures, tables
from insyn import text as txt
from insyn.register import GRANSKNINGSRAPPORT
from insyn.reports import register_views as views
from insyn.reports.provider import ProviderDocument
from insyn.schemas.register import METHOD_SEPARATOR


class Granskningsrapport(ProviderDocument):
    DOCUMENT = GRANSKNINGSRAPPORT

    @property
    def granskning(self) -> pd.Series:
        """The granskning this report is about: the verksamhet's most recent one."""
        return self.register.latest_granskning(self.verksamhet)

    def background(self) -> txt.Markdown:
        """Who the provider is (from ``utforare``), then the strategist's Bakgrund."""
        unit = self.unit
        facts = (
            f"{txt.escape_markdown(self.verksamhet)} drivs av "
            f"{txt.escape_markdown(unit['utförare'])} (organisationsnummer "
            f"{unit['organisationsnummer']}) och ingår i avtalsområdet "
            f"{txt.escape_markdown(unit['avtalsområde'])} sedan "
            f"{formats.date(unit['avtal_start'])}."
        )
        return txt.as_markdown(facts + "\n\n" + self.sections["Bakgrund"])

    def method(self) -> txt.Markdown:
        """The kind of granskning, when it was done and the methods used, as a list."""
        g = self.granskning
        methods = [m.strip() for m in str(g["metod"]).split(METHOD_SEPARATOR) if m.strip()]
        period = views.period_text(g["startdatum"], g["slutdatum"])
        lead = (
            f"Granskningen ({txt.escape_markdown(g['granskning'])}) var "
            f"{g['typ'].lower()} och genomfördes {period}."
        )
        if not formats.is_missing(g.get("diarienummer")):
            lead += f" Diarienummer {txt.escape_markdown(g['diarienummer'])}."
        items = txt.bullet_list([txt.escape_markdown(m) for m in methods])
        return txt.as_markdown(f"{lead} Granskningen omfattade:\n\n{items}")

    def overall(self) -> txt.Markdown:
        """The sammanvägd bedömning, in symbol and word, and the rule that gives it."""
        level = self.granskning["sammanvägd"]
        return txt.as_markdown(
            f"**Sammanvägd bedömning: {views.level_label(level)}.** Den sammanvägda "
            "bedömningen är den allvarligaste kvalitetsnivån bland de granskade områdena: ett "
            "område bedömt Röd ger Röd, annars ger ett område bedömt Gul Gul, och bara när "
            "alla områden är Gröna blir bedömningen Grön."
        )

    def levels_table(self) -> tables.Table:
        return views.levels_table()

    def assessment_table(self) -> tables.Table:
        """Each område with its kvalitetsnivå (symbol and word) and the motivation."""
        rows = self.register.bedomningar_of(self.granskning["granskning"])
        return tables.build(
            rows,
            [
                tables.text_column("område", "Område"),
                views.level_column("kvalitetsnivå", "Kvalitetsnivå"),
                tables.text_column("bedömning", "Bedömning"),
            ],
            empty_text="Inga områden är bedömda i registret.",
        )

    def survey(self) -> txt.Markdown:
        """The provider's own user survey: handed out, answered and the computed rate."""
        g = self.granskning
        handed_out, answered = g.get("enkät_utdelade"), g.get("enkät_svar")
        if formats.is_missing(handed_out):
            return txt.as_markdown(
                "Verksamheten har inte redovisat någon egen brukarundersökning till granskningen."
            )
        rate = measures.response_rate(int(handed_out), int(answered))
        return txt.as_markdown(
            f"Verksamheten har gjort en egen brukarundersökning. Av "
            f"{formats.number(handed_out)} utdelade enkäter kom {formats.number(answered)} svar, "
            f"en svarsfrekvens på {formats.percent(rate)}."
        )

    def brister(self) -> pd.DataFrame:
        return self.register.brister_of(self.verksamhet, [self.granskning["granskning"]])

    def brister_table(self) -> tables.Table:
        return views.brister_table(
            self.brister(),
            [
                tables.text_column("iakttagelse", "Iakttagelse"),
                tables.text_column("krav", "Krav"),
            ],
        )

    def proposal(self) -> txt.Markdown:
        """A varning the rule proposes for this verksamhet — a suggestion, not a decision."""
        proposed = self.register.proposed_warnings()
        own = proposed[proposed["verksamhet"] == self.verksamhet]
        if own.empty:
            return txt.as_markdown("")
        ids = txt.join_words(txt.escape_markdown(b) for b in own["brist"])
        which = f"bristen {ids} är försenad" if len(own) == 1 else f"bristerna {ids} är försenade"
        return txt.as_markdown(
            f"**Förslag att pröva:** {which} trots påminnelse. "
            "Förvaltningen bör pröva om nämnden ska varna utföraren. Detta är ett förslag "
            "som följer av registrets regel, inte ett beslut."
        )
