"""One exception hierarchy for Insyn.

Every error carries a Swedish message for the person who has to fix the problem: what is wrong,
where (file, sheet, row, column, value) and how to fix it. Errors cross process boundaries in
batch runs, so each class pickles with its structured fields intact (``__reduce__``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    ``row`` is the row number a person sees in the file: for CSV and Excel the header is row 1,
    so the first data row is row 2. ``None`` means the problem concerns the whole file or column.
    """

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    key: str | None = None  # a key in a parameter file
    hint: str | None = None
    severity: str = "fel"  # "fel" stops the build, "varning" is only reported

    def location(self) -> str:
        """Where the problem is, in Swedish: ``placeringar.csv, rad 4, kolumn "startdatum"``."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"blad {self.sheet!r}")
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column:
            parts.append(f'kolumn "{self.column}"')
        if self.key:
            parts.append(f'nyckel "{self.key}"')
        return ", ".join(parts)

    def describe(self) -> str:
        """The problem as one readable Swedish line."""
        text = self.message
        if self.value is not None:
            text += f" (värde: {self.value!r})"
        loc = self.location()
        if loc:
            text = f"{loc}: {text}"
        if self.hint:
            text += f" – {self.hint}"
        return text


class InsynError(Exception):
    """Base class: a problem a user can act on. ``exit_code`` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __reduce__(self):
        return (type(self), (self.message,))

    def __str__(self) -> str:
        return self.message


class InputError(InsynError):
    """Inputs (parameters or data) are wrong; nothing was run. Holds every problem found."""

    exit_code = 2
    heading = "Indata innehåller fel"

    def __init__(self, problems: Sequence[Problem] | Problem, heading: str | None = None):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        if heading:
            self.heading = heading
        super().__init__(self._compose())

    def _compose(self) -> str:
        errors = [p for p in self.problems if p.severity == "fel"]
        count = len(errors) or len(self.problems)
        lines = [f"{self.heading} ({count} st.):"]
        lines += [f"  • {p.describe()}" for p in self.problems]
        return "\n".join(lines)

    def __reduce__(self):
        return (type(self), (list(self.problems), self.heading))


class ParameterError(InputError):
    """A parameter file is wrong: unknown key, missing key, wrong type or a YAML trap."""

    heading = "Parameterfilen innehåller fel"


class DataError(InputError):
    """Input data (CSV, Excel, Markdown) is wrong: missing file or column, bad values."""

    heading = "Underlaget innehåller fel"


class PublishingError(InputError):
    """Something would be published that must not be (personal identity numbers, raw HTML)."""

    heading = "Underlaget kan inte publiceras"


class ExecutionError(InsynError):
    """A notebook failed while running. Names the notebook, the cell and where the log is."""

    def __init__(self, message: str, notebook: str = "", cell: int | None = None, log: str = ""):
        self.notebook = notebook
        self.cell = cell
        self.log = log
        super().__init__(message)

    def __reduce__(self):
        return (type(self), (self.message, self.notebook, self.cell, self.log))


class RenderError(InsynError):
    """Turning an executed notebook into HTML or PDF failed."""


class BuildLockedError(InsynError):
    """Another build is running on the same output tree."""


@dataclass
class ProblemCollector:
    """Gathers problems across many checks so they can be raised together (lazy validation)."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, message: str, **where) -> None:
        self.problems.append(Problem(message, **where))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "fel"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "varning"]

    def raise_if_errors(self, error_class: type[InputError] = DataError) -> None:
        if self.errors:
            raise error_class(self.errors)
