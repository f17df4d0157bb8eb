"""The återrapportering to the nämnd of a provider's remedial actions.

Sections as in seed 000: förslag till beslut, bakgrund with the earlier granskningar and their
dates, the planned and taken åtgärder per brist with their status, and — when the agreement has
been terminated — the day it ends. Built only when the provider has reported back on brister
(``insyn.register.Register.documents_for``); the narrative comes from
``text/utforare/<verksamhet>/aterrapportering.md``.
"""

from __future__ import annotations

from insyn import formats, tables
from insyn import text as txt
from insyn.register import ATERRAPPORTERING
from insyn.reports import register_views as views
from insyn.reports.provider import ProviderDocument


class Aterrapportering(ProviderDocument):
    DOCUMENT = ATERRAPPORTERING

    def audits_text(self) -> txt.Markdown:
        """How many times, and when, the verksamhet has been audited."""
        audits = self.register.granskningar_of(self.verksamhet)
        dates = [
            f"{g.typ.lower()} granskning {views.period_text(g.startdatum, g.slutdatum)}"
            for g in audits.itertuples(index=False)
        ]
        return txt.as_markdown(
            f"Kommunen har granskat {txt.escape_markdown(self.verksamhet)} "
            f"{txt.count_noun(len(audits), 'gång', 'gånger')}: {txt.join_words(dates)}."
        )

    def audits_table(self) -> tables.Table:
        audits = self.register.granskningar_of(self.verksamhet)
        counts = self.register.brister_of(self.verksamhet)["granskning"].value_counts()
        audits = audits.assign(brister=audits["granskning"].map(counts).fillna(0).astype(int))
        return tables.build(
            audits,
            [
                tables.text_column("granskning", "Granskning"),
                tables.text_column("typ", "Typ"),
                views.long_date_column("startdatum", "Började"),
                views.long_date_column("slutdatum", "Avslutades"),
                views.level_column("sammanvägd", "Sammanvägd bedömning"),
                tables.number_column("brister", "Brister"),
            ],
        )

    def actions_table(self) -> tables.Table:
        """Per brist: the planned and the taken åtgärd, when it was reported back, deadline and
        status on the report date."""
        return views.brister_table(
            self.register.brister_of(self.verksamhet),
            [
                tables.text_column("planerad_åtgärd", "Planerad åtgärd"),
                tables.text_column("vidtagen_åtgärd", "Vidtagen åtgärd"),
                views.long_date_column("återrapporterad", "Återrapporterad"),
            ],
        )

    def contract(self) -> txt.Markdown:
        """The agreement's end, when the nämnd has terminated it; else that it continues."""
        ending = self.register.termination_of(self.verksamhet)
        name = txt.escape_markdown(self.verksamhet)
        if ending is None:
            return txt.as_markdown(f"Avtalet med {name} gäller vidare.")
        return txt.as_markdown(
            f"Nämnden beslutade den {formats.date(ending['beslutsdatum'])} att säga upp avtalet "
            f"med {name}. **Avtalet upphör den {formats.date(ending['avtal_upphör'])}.**"
        )
