"""The varning of a provider: a tjänsteskrivelse proposing that the nämnd warns it.

Sections as in seed 001: förslag till beslut (provider, organisationsnummer ``556627-6779`` and
the deadline), sammanfattning, the numbered list of breached avtalspunkter with what was found,
konsekvenser and bilagor. Built only when the register holds a varning beslut for the
verksamhet (``insyn.register.Register.documents_for``); the narrative comes from
``text/utforare/<verksamhet>/<beslut>.md``.
"""

from __future__ import annotations

import pandas as pd

from insyn import formats, tables
from insyn import text as txt
from insyn.register import VARNINGSDOKUMENT
from insyn.reports import register_views as views
from insyn.reports.provider import ProviderDocument


class Varning(ProviderDocument):
    DOCUMENT = VARNINGSDOKUMENT

    @property
    def beslut(self) -> pd.Series:
        """The verksamhet's most recent varning in the register."""
        return self.register.warning_of(self.verksamhet)

    @property
    def granskning(self) -> pd.Series:
        """The granskning the varning rests on."""
        rows = self.register.granskningar_of(self.verksamhet)
        return rows[rows["granskning"] == self.beslut["granskning"]].iloc[0]

    def brister(self) -> pd.DataFrame:
        return self.register.brister_of(self.verksamhet, [self.beslut["granskning"]])

    def decision(self) -> txt.Markdown:
        """Förslag till beslut: who is warned (name, organisationsnummer), about what, and the
        last day by which every brist must be remedied."""
        unit, beslut = self.unit, self.beslut
        namnd = txt.escape_markdown(self.params["nämnd"])
        text = (
            f"1. {namnd} varnar {txt.escape_markdown(unit['utförare'])}, med "
            f"organisationsnummer {unit['organisationsnummer']}, avseende "
            f"{txt.escape_markdown(self.verksamhet)} inom avtalsområdet "
            f"{txt.escape_markdown(unit['avtalsområde'])}. Samtliga brister ska vara "
            f"åtgärdade senast den {formats.date(beslut['senast_åtgärdat'])}.\n"
            f"2. Beslutet justeras omedelbart."
        )
        if not formats.is_missing(beslut.get("diarienummer")):
            text += f"\n\nDiarienummer {txt.escape_markdown(beslut['diarienummer'])}."
        return txt.as_markdown(text)

    def summary(self) -> txt.Markdown:
        """What the granskning found, counted from the register, then the strategist's text."""
        g, brister = self.granskning, self.brister()
        closed = int((brister["status_vid_rapportdatum"] == "Åtgärdad").sum())
        overdue = int(brister["försenad"].sum())
        facts = (
            f"En {g['typ'].lower()} granskning av {txt.escape_markdown(self.verksamhet)} "
            f"genomfördes {views.period_text(g['startdatum'], g['slutdatum'])}. Den fann "
            f"{txt.count_noun(len(brister), 'brist', 'brister')} mot avtalet. Den "
            f"{formats.date(self.at)} var {formats.number(closed)} av dem åtgärdade och "
            f"{formats.number(overdue)} försenade."
        )
        return txt.as_markdown(facts + "\n\n" + self.sections["Sammanfattning"])

    def breaches_table(self) -> tables.Table:
        """The numbered list of breached avtalspunkter, what was found, deadline and status."""
        return views.brister_table(self.brister(), numbered=True)
