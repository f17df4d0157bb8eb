"""Executed notebook → HTML and PDF.

Two renderers, one function (:func:`render`):

**Quarto**, when ``quarto`` is on ``PATH``. For each format the command is::

    quarto render <stem>.ipynb --to html  --no-execute --output <stem>.html -M key:value ...
    quarto render <stem>.ipynb --to typst --no-execute --output <stem>.pdf  -M key:value ...

run in a private working folder (in the system's temporary folder: a build renders into
``_site/.staging/``, and Quarto ignores the ``_quarto.yml`` of a project inside a hidden folder)
that holds a *publishable copy* of the executed notebook (parameter and raw cells dropped, code
cells reduced to their ``#|`` options, only the outputs listed below kept, sources as lists of
lines, the logotype as Quarto's ``logo`` mapping in the front matter) together with the
project's ``_quarto.yml`` and the assets it names, so every render sees the project options and
parallel renders share no state. Quarto hands
``-M`` values to pandoc, which reads ``true``/``false`` as booleans and everything else as literal
text: strings go unquoted (``-M title:Rapport 2025``). ``SOURCE_DATE_EPOCH`` is set from the
report date so Typst stamps the PDF reproducibly. Quarto's HTML is cleaned like the fallback's
(``insyn.sanitize``), its scripts removed. :func:`quarto_command` builds the command line.
Checked against Quarto 1.10.18 built from source (``tests/test_render.py``, marker ``quarto``).

**pandoc + Typst** otherwise (what runs in tests and CI): the notebook is turned into one pandoc
Markdown document, then

* HTML: ``pandoc -f markdown -t html5 --standalone --embed-resources --template
  insyn/assets/report.html --css insyn/assets/report.css --lua-filter insyn/assets/report.lua
  --toc --number-sections`` — one self-contained file, images as data URIs, CSS inlined,
  ``<html lang="sv">``, a skip link, no scripts;
* PDF: ``pandoc -f markdown -t typst --lua-filter insyn/assets/report.lua`` for the body, wrapped
  by ``insyn/assets/report.typ`` and compiled by one ``typst.Compiler`` per process
  (``pdf_standards=["ua-1"], timestamp=<report date>``): a tagged PDF/UA-1 document with
  title, language sv-SE, bookmarks from the headings and alt text on every image.

One visual identity, from ``insyn/assets/``: ``report.css`` styles the HTML of both paths,
``report.typ`` the fallback's PDF in the same colours and layout, and ``report.lua`` (named in
``_quarto.yml`` too) gives every table ``<th scope>`` header cells and, in HTML, its own
scrollable, focusable region, and shows each figure's numbers (the ``figure-data`` div that
:class:`insyn.figures.Chart` writes after its image, captioned here "Siffrorna bakom Figur N")
as a collapsed ``<details>`` table in HTML and a table in the PDF. The title block shows the
kommun's logotype (``logo``), kommun and nämnd, the title, and the facts (``year``,
``diarienummer``, ``date``, authors); the colophon says "Underlag" (the build key), "Byggd" and
"Version".

Both give byte-identical files for identical input: nothing depends on the clock (the PDF
timestamp is the report ``date``, else ``SOURCE_DATE_EPOCH``, else today at 00:00 UTC), on
temporary paths or on random ids.

The notebook subset honoured (notebooks are Quarto-native):

* The first raw cell holds YAML front matter between ``---`` lines (``title``, ``subtitle``,
  ``author``, ``date``, ``lang``, ``toc``, ``toc-title``, ``toc-depth``, ``number-sections``,
  ``format: {html: …, typst: …}`` for per-format ``toc``/``number-sections``). ``metadata`` passed
  to :func:`render` overrides and extends it (``title``, ``subtitle``, ``date``, ``kommun``,
  ``namnd``, ``year``, ``diarienummer``, ``logo``, ``underlag``).
* Markdown cells are used as they are (HTML comments removed; raw HTML is not passed through).
* Code cells never show their source. Cells tagged ``parameters`` or ``injected-parameters`` are
  dropped. ``#|`` lines at the top of a cell are YAML cell options: ``label``, ``fig-cap``,
  ``fig-alt``, ``tbl-cap``, ``output`` (``asis`` or ``false``), ``include: false``.
* Outputs, in order: ``text/markdown`` → Markdown; ``image/svg+xml``/``image/png``/``image/jpeg``
  → a figure, caption ``fig-cap`` (``Figur N:`` when the label starts with ``fig-``), alt text
  ``fig-alt`` (required: PDF/UA and WCAG need it); ``stdout`` in an ``output: asis`` cell →
  Markdown; in a ``tbl-cap`` cell the first pipe table gets the caption (``Tabell N:`` when the
  label starts with ``tbl-``). ``@fig-…``/``@tbl-…`` in Markdown become links "Figur N"/"Tabell N".
  ``text/html`` is used only when a cell has nothing else to show, converted to Markdown by
  pandoc (so no raw HTML or scripts), and never for pandas DataFrame reprs. ``text/plain`` alone,
  ``stdout`` outside ``asis`` cells and ``stderr`` are not rendered. An ``error`` output raises
  :class:`RenderError`: a notebook that failed must not be published.

Heading convention: notebook sections are ``##`` headings and subsections ``###`` (Quarto's own
convention; the document title comes from the metadata and is rendered by the template as the only
``<h1>``). A notebook that uses ``#`` for its sections renders the same: the pandoc path shifts
headings so that the top level used becomes ``<h2>`` in HTML and level 1 (``1``, ``1.1``) in
Typst, and the Quarto path passes ``-M shift-heading-level-by:1`` for HTML (Quarto's Typst format
shifts on its own).

The package is cut along the steps: ``document`` reads the executed notebook, ``metadata`` and
``markdown`` compose one pandoc document, ``html`` and ``pdf`` produce the fallback's files,
``quarto`` drives Quarto, ``engine`` chooses and runs one of them.
"""

from insyn.render.document import split_cell_options
from insyn.render.engine import Renderer, detect_renderer, render
from insyn.render.markdown import top_heading_level
from insyn.render.metadata import pdf_timestamp
from insyn.render.quarto import quarto_command

__all__ = [
    "Renderer",
    "detect_renderer",
    "pdf_timestamp",
    "quarto_command",
    "render",
    "split_cell_options",
    "top_heading_level",
]
