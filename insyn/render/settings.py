"""Constants shared by the renderer's modules: formats, pandoc reader options, patterns."""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)


QUARTO = "quarto"


PANDOC_TYPST = "pandoc+typst"


FORMATS = ("html", "pdf")


QUARTO_TARGETS = {"html": "html", "pdf": "typst"}


PARAMETER_TAGS = frozenset({"parameters", "injected-parameters"})


IMAGE_TYPES = {"image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}


# Citations off: "@" in ordinary text (addresses, @fig refs we did not resolve) must stay literal.
# Raw HTML/TeX off: narrative Markdown may not carry markup that bypasses escaping.
MARKDOWN_READER = "markdown-citations-raw_html-raw_tex-raw_attribute"


HTML_TO_MARKDOWN = "markdown-raw_html-raw_attribute-native_divs-native_spans-raw_tex"


# pandoc gives a pipe table with a line longer than --columns equal, fixed column widths; wide
# enough never to happen, tables size their columns to their content in both HTML and PDF.
READER_COLUMNS = "--columns=10000"


PDF_STANDARD = "ua-1"


QUARTO_TIMEOUT = 900  # seconds; a render that takes longer is stuck, not slow


CROSSREF_PREFIX = {"fig": "Figur", "tbl": "Tabell"}


_OPTION_LINE = re.compile(r"^#\|\s?(.*)$")


_ATX_HEADING = re.compile(r"^(#{1,6})(?:[ \t]|$)")


_FENCE = re.compile(r"^(`{3,}|~{3,})")


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


_CROSSREF = re.compile(r"(?<![\w@\\])@((?:fig|tbl)-[A-Za-z0-9_-]*[A-Za-z0-9_])")


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


_TYPST_IMAGE = re.compile(r'image\("(?P<src>[^"\\]+)"')
