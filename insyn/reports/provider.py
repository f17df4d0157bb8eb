"""What every per-provider document has in common: one verksamhet, the register, its texts.

A per-provider notebook's parameters name the verksamhet (``utförare``); ``prepare`` loads and
validates the year's register, finds the verksamhet and reads the strategist's narrative for this
document. The subclasses (``granskningsrapport``, ``varning``, ``aterrapportering``) only add the
sections their document has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd

from insyn import formats, paths, tables
from insyn import text as txt
from insyn.errors import DataError, Problem, ProblemCollector
from insyn.load import sha256_file
from insyn.provenance import Provenance
from insyn.register import Register, report_date
from insyn.reports import register_views as views


@dataclass
class ProviderDocument:
    """The register, the verksamhet it is about and the strategist's sections for it."""

    DOCUMENT: ClassVar[str] = ""

    params: dict[str, Any]
    register: Register
    verksamhet: str
    sections: dict[str, str]

    @classmethod
    def prepare(cls, **params: Any):
        """Loads the register (validated) and this document's narrative for ``utförare``."""
        register = Register.load(params["datamapp"], int(params["år"]), report_date(params))
        verksamhet = cls.find_unit(register, params["utförare"])
        problems = ProblemCollector()
        sections = register.read_sections(verksamhet, cls.DOCUMENT, problems)
        problems.raise_if_errors(DataError)
        path = register.text_path(verksamhet, cls.DOCUMENT)
        register.data.files[paths.relative_to_root(path)] = sha256_file(path)
        return cls(params=params, register=register, verksamhet=verksamhet, sections=sections)

    @classmethod
    def find_unit(cls, register: Register, name: str) -> str:
        """The one verksamhet ``name`` means, which must get this document; anything else is
        an error (the build expands ``alla`` and company names before a notebook runs)."""
        units = register.resolve(name)
        if len(units) == 1 and cls.DOCUMENT in register.documents_for(units[0]):
            return units[0]
        offered = [u for u in register.providers() if cls.DOCUMENT in register.documents_for(u)]
        raise DataError(
            Problem(
                f"'{name}' är inte en verksamhet som har en {cls.DOCUMENT} i registret för "
                f"{register.year}",
                key="utförare",
                value=name,
                hint="välj en av: " + (", ".join(offered) or "(ingen)"),
            )
        )

    @property
    def at(self) -> dt.date:
        """The report date: the day brister are judged on (``rapportdatum`` or period end)."""
        return self.register.at

    @property
    def unit(self) -> pd.Series:
        return self.register.unit(self.verksamhet)

    def text(self, section: str) -> txt.Markdown:
        """One section the strategist wrote (``## <section>`` in the verksamhet's text file)."""
        return txt.as_markdown(self.sections[section])

    def facts_table(self) -> tables.Table:
        """Verksamhet, utförare, organisationsnummer (``556627-6779``), avtalsområde, avtal."""
        unit = self.unit
        rows = [
            ("Verksamhet", txt.escape_markdown(self.verksamhet)),
            ("Utförare", txt.escape_markdown(unit["utförare"])),
            ("Organisationsnummer", txt.escape_markdown(unit["organisationsnummer"])),
            ("Avtalsområde", txt.escape_markdown(unit["avtalsområde"])),
            ("Avtal sedan", formats.date(unit["avtal_start"])),
        ]
        return tables.Table(
            header=["Uppgift", "Värde"], rows=[list(r) for r in rows], numeric=[False, False]
        )

    def status_note(self) -> txt.Markdown:
        """Which day the brister's status describes."""
        return txt.as_markdown(
            f"Status och förseningar avser läget den {formats.date(self.at)}. En brist är "
            f"{views.OVERDUE} när sista dagen för åtgärd har passerat och den inte är åtgärdad."
        )

    def provenance(self) -> txt.Markdown:
        return Provenance.of(self.params, [self.register.data]).to_markdown()
