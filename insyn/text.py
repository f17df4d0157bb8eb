"""Narrative Markdown: read, checked and sanitised; and small Swedish phrasing helpers.

Strategists write the narrative parts of a report as Markdown files. Those files are published, so
they may not carry raw HTML, scripts or personal identity numbers; ``read_markdown`` reports such
problems (all of them, with file and line) instead of passing them through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from stdnum import luhn
from stdnum.se import personnummer

from insyn import paths
from insyn.errors import ProblemCollector

# 10 or 12 digits with an optional -, + or space before the last four: a personnummer's shape.
_PNR_SHAPE = re.compile(r"(?<![\d-])(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")
# A tag name followed by space, "/" or ">": <https://…> autolinks are Markdown, not HTML.
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:[\s/][^>]*)?>")
# The start of any HTML: a tag name followed by space, "/", ">" or the end of the line (a tag may
# go on on the next line), a comment or declaration ("<!"), a processing instruction ("<?").
_HTML_START = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9-]*(?=[\s/>]|$)|[!?])")
_MARKUP = re.compile(r"[\\`*_{}\[\]()#+\-.!|$@<>~&^=\"':;/]")
# Things narrative Markdown may not carry into a public report, each with what to tell the writer.
# Script links, also spelled with an HTML entity for the colon (pandoc would decode it).
_SCRIPT_LINK = re.compile(r"(?i)\b(?:java|vb|live)script\s*(?::|&#0*58;?|&#x0*3a;?|&colon;)")
# Pandoc's raw attribute (`…`{=html}, ```{=typst}) passes its content to the output untouched.
_RAW_FORMAT = re.compile(r"\{\s*=\s*[A-Za-z0-9_+-]+\s*\}")
# Quarto shortcodes ({{< env HOME >}}, {{< include … >}}) run when Quarto renders.
_SHORTCODE = re.compile(r"\{\{\s*[<%]")
# A LaTeX command with an argument (\input{…}, \href[…]): dropped or passed on, never shown.
_TEX_COMMAND = re.compile(r"\\[A-Za-z]+\s*[\[{]")
# An image or link target outside the text: a URL scheme, an absolute path or a way up ("..").
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_OUTSIDE = re.compile(r"(?i)^(?:[a-z][a-z0-9+.-]*:|/|\\|.*\.\.)")
MARKDOWN_LIMIT = 1024 * 1024  # a narrative part is a few pages; a bigger file is a mistake
UNSAFE_MARKDOWN = (
    (_SCRIPT_LINK, "texten innehåller en skriptlänk (javascript:)", "ta bort länken"),
    (
        _RAW_FORMAT,
        "texten innehåller ett rått format ({=html}, {=typst} …) som går orört till rapporten",
        "ta bort {=…} och skriv texten som vanlig Markdown",
    ),
    (
        _SHORTCODE,
        "texten innehåller en Quarto-kortkod ({{< … >}})",
        "ta bort kortkoden; rapporttexten är vanlig Markdown",
    ),
    (
        _TEX_COMMAND,
        "texten innehåller ett LaTeX-kommando, som inte hör hemma i rapporttext",
        "ta bort kommandot; ett omvänt snedstreck skrivs \\\\",
    ),
)
# What ``insyn nytt-ar`` puts at the top of last year's texts; any dash, any case.
DRAFT_MARKER = "UTKAST – uppdatera"
_DRAFT = re.compile(r"UTKAST\s*[–—-]\s*uppdatera", re.IGNORECASE)


class Markdown(str):
    """A piece of report Markdown; displays as ``text/markdown`` in Jupyter and Quarto."""

    def _repr_markdown_(self) -> str:
        return str(self)


def is_personal_number(candidate: str) -> bool:
    """True for a valid personnummer, or a samordningsnummer (day + 60), checksum verified."""
    compact = candidate.replace(" ", "")
    if personnummer.is_valid(compact):
        return True
    # python-stdnum knows personnummer only: a samordningsnummer is checked as a real birth
    # date (day − 60) plus the Luhn check digit over the ten digits as written.
    digits = re.sub(r"\D", "", compact)
    day = int(digits[-6:-4])
    if not 61 <= day <= 91:
        return False
    birth = digits[:-6] + f"{day - 60:02d}" + digits[-4:]
    try:
        personnummer.get_birth_date(birth)
    except ValueError:
        return False
    return luhn.is_valid(digits[-10:])


def find_personal_numbers(text: str) -> list[str]:
    """Every valid personnummer or samordningsnummer in a text (checksum verified)."""
    return [m.group(0) for m in _PNR_SHAPE.finditer(text) if is_personal_number(m.group(0))]


def mask(number: str) -> str:
    """A personnummer shown so that it can be found but not read: ``19121212-XXXX``."""
    digits = re.sub(r"\D", "", number)
    return digits[:-4] + "-XXXX"


def check_markdown(content: str, shown: str, problems: ProblemCollector) -> None:
    """Raw HTML and personal identity numbers are reported with their line number."""
    for line_number, line in enumerate(content.splitlines(), start=1):
        for number in find_personal_numbers(line):
            problems.add(
                "texten innehåller ett personnummer, som inte får publiceras",
                file=shown,
                row=line_number,
                value=mask(number),
                hint="ta bort numret ur texten",
            )
        start = _HTML_START.search(line)
        if start:
            whole = _HTML_TAG.match(line, start.start())
            problems.add(
                "texten innehåller HTML, som inte är tillåten i rapporttext",
                file=shown,
                row=line_number,
                value=(whole.group(0) if whole else line[start.start() :])[:40],
                hint="skriv texten som vanlig Markdown",
            )
        for pattern, message, hint in UNSAFE_MARKDOWN:
            found = pattern.search(line)
            if found:
                problems.add(message, file=shown, row=line_number, value=found.group(0), hint=hint)
        for image in _IMAGE.finditer(line):
            if _OUTSIDE.match(image.group(1)):
                problems.add(
                    "bilden hämtas utanför rapporten (webbadress eller annan mapp)",
                    file=shown,
                    row=line_number,
                    value=image.group(1)[:60],
                    hint="rapporter byggs utan nätet och får inte läsa filer utanför underlaget",
                )


def is_draft(content: str) -> bool:
    """True while a text still carries the draft marker that ``insyn nytt-ar`` adds."""
    return _DRAFT.search(content) is not None


def check_draft(content: str, shown: str, problems: ProblemCollector) -> None:
    """A text still marked as a draft is reported as a warning (it does not stop a build)."""
    for line_number, line in enumerate(content.splitlines(), start=1):
        if is_draft(line):
            problems.add(
                "texten är ett utkast från förra året och har inte uppdaterats",
                file=shown,
                row=line_number,
                severity="varning",
                hint=f"skriv om texten och ta bort stycket som börjar med ”{DRAFT_MARKER}”",
            )
            return


def read_markdown(path: Path, problems: ProblemCollector, root: Path | None = None) -> str | None:
    """A narrative Markdown file, checked; None (and a problem) when it is missing or unsafe."""
    shown = paths.relative_to_root(path, root)
    if not path.is_file():
        problems.add(
            "textfilen saknas",
            file=shown,
            hint="skriv texten i Markdown och spara den med det namnet",
        )
        return None
    if path.stat().st_size > MARKDOWN_LIMIT:
        problems.add(
            f"textfilen är för stor (högst {MARKDOWN_LIMIT // 1024} kB)",
            file=shown,
            hint="en rapportdel är några sidor text; kontrollera att det är rätt fil",
        )
        return None
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.add("textfilen är inte sparad som UTF-8", file=shown, hint="spara som UTF-8")
        return None
    except OSError as exc:
        problems.add("textfilen kan inte läsas", file=shown, value=exc.strerror or str(exc))
        return None
    before = len(problems.errors)
    check_markdown(content, shown, problems)
    check_draft(content, shown, problems)
    return content if len(problems.errors) == before else None


def escape_markdown(value) -> str:
    """Text from data, safe inside Markdown: no HTML, no Markdown or Typst markup of its own."""
    # Backslash-escaped punctuation is literal text in pandoc's and Quarto's Markdown, so no
    # markup (HTML, links, emphasis, Typst or LaTeX commands) survives from data into a report.
    return _MARKUP.sub(r"\\\g<0>", " ".join(str(value).split()))


def as_markdown(content: str) -> Markdown:
    return Markdown(content.strip() + "\n")


_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_key(text: str) -> str:
    """Sort key that puts å, ä, ö after z, in that order, as Swedish dictionaries do."""
    return text.lower().translate(_SWEDISH_ORDER)


def join_words(items: Iterable[str], conjunction: str = "och") -> str:
    """``["a", "b", "c"]`` → ``a, b och c``."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def count_noun(count: int, singular: str, plural: str) -> str:
    """``1 verksamhet``, ``3 verksamheter`` — the number in Swedish format."""
    from insyn import formats

    return f"{formats.number(count)} {singular if count == 1 else plural}"


def bullet_list(items: Sequence[str]) -> str:
    return "\n".join(f"- {item}" for item in items)
