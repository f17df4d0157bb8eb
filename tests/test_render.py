"""insyn.render: executed notebooks → HTML and PDF.

The fixtures under tests/fixtures/render/ are tiny notebooks "executed" by hand (see
make_fixtures.py there); each is named for what it exercises. Marker strings such as
FIGURE_SOURCE or STDERR_WARNING_TEXT sit in places that must never reach a report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pypdf
import pytest
import yaml

from insyn import render
from insyn.errors import RenderError

FIXTURES = Path(__file__).parent / "fixtures" / "render"
FALLBACK = render.Renderer("pandoc+typst", "test")
META = {
    "date": "2025-03-01",
    "kommun": "Exempelstad",
    "namnd": "Socialnämnden",
    "diarienummer": "SN 2025/12",
    "year": "2025",
    "underlag": "0123456789abcdef",
}
# Text that sits in code, logs or parameter cells of the fixtures: none of it may be published.
NEVER_PUBLISHED = (
    "FIGURE_SOURCE",
    "TABLE_SOURCE",
    "STDERR_SOURCE",
    "PARAMETER_SOURCE",
    "INJECTED_SOURCE",
    "INJECTED_STDOUT",
    "STDERR_WARNING_TEXT",
    "DEBUG_STDOUT_TEXT",
    "PLAIN_RESULT_TEXT",
    "rapport.",
    "In [",
)


def fixture(name: str) -> Path:
    return FIXTURES / f"{name}.ipynb"


def render_fixture(name: str, outdir: Path, **kwargs) -> dict[str, Path]:
    kwargs.setdefault("metadata", META)
    kwargs.setdefault("renderer", FALLBACK)
    return render.render(fixture(name), outdir, stem=name, **kwargs)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> dict[str, Path]:
    """The full report fixture rendered once to HTML and PDF by the pandoc + Typst path."""
    return render_fixture("full_report", tmp_path_factory.mktemp("full"))


@pytest.fixture(scope="module")
def html(full) -> str:
    return full["html"].read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Choosing a renderer and building the Quarto command


def test_detect_renderer_falls_back_when_quarto_is_not_on_path(monkeypatch):
    monkeypatch.delenv("INSYN_RENDERER", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    chosen = render.detect_renderer()
    assert chosen.name == "pandoc+typst"
    assert re.fullmatch(r"pandoc \d+(\.\d+)+, typst \d+(\.\d+)+", chosen.version)


def test_environment_overrides_preference(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: "/opt/quarto/bin/quarto")
    monkeypatch.setenv("INSYN_RENDERER", "pandoc+typst")
    assert render.detect_renderer(prefer="quarto").name == "pandoc+typst"


def test_asking_for_missing_quarto_or_unknown_renderer_fails(monkeypatch):
    monkeypatch.delenv("INSYN_RENDERER", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(RenderError, match="quarto finns inte"):
        render.detect_renderer(prefer="quarto")
    with pytest.raises(RenderError, match="Okänd renderare"):
        render.detect_renderer(prefer="latex")


def test_quarto_command_is_the_documented_one():
    command = render.quarto_command(
        Path("build/kontroll.ipynb"),
        "html",
        "kontroll.html",
        {"title": "Rapport: 2025", "toc": True, "year": 2025, "none": None},
    )
    assert command == [
        "quarto",
        "render",
        "build/kontroll.ipynb",
        "--to",
        "html",
        "--no-execute",
        "--output",
        "kontroll.html",
        "-M",
        "title:Rapport: 2025",  # pandoc takes the text after the first colon as it is
        "-M",
        "toc:true",
        "-M",
        "year:2025",
    ]


def test_quarto_copy_has_the_logo_in_its_front_matter_and_sources_as_lines(tmp_path):
    """Quarto reads ``logo`` only from the front matter (not from -M), and joins a markdown
    cell given as one string without its line breaks: the copy it renders avoids both."""
    from insyn.render import quarto
    from insyn.render.document import read_document

    document = read_document(fixture("full_report"))
    logo = Path(__file__).parents[1] / "params" / "exempelstad" / "logotyp.svg"
    mapping = quarto.quarto_logo({"logo": str(logo), "kommun": "Exempelstad"}, tmp_path)
    assert (tmp_path / mapping["path"]).read_bytes() == logo.read_bytes()
    notebook = quarto.publishable_notebook(document, mapping)
    front = "".join(notebook["cells"][0]["source"])
    assert front.startswith("---\n") and front.endswith("---\n")
    assert yaml.safe_load(front.strip("-\n"))["logo"]["alt"] == "Logotyp för Exempelstad"
    assert all(isinstance(cell["source"], list) for cell in notebook["cells"])
    markdown = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert all(line.endswith("\n") for line in markdown["source"][:-1])
    assert "-M" not in " ".join(quarto.quarto_command(Path("k.ipynb"), "pdf", "k.pdf", {}))
    meta = quarto.quarto_metadata(document, {"logo": "x.svg", "namnd": "N", "kommun": "K"}, "pdf")
    assert "logo" not in meta and meta["subtitle"] == "N, K"


def test_quarto_html_gets_insyns_title_block_colophon_and_skip_link():
    """In HTML the nämnd and kommun are in the masthead (the title-block partial), not repeated
    as a subtitle; the colophon's values and the facts switch come from the title block."""
    from insyn.render import quarto
    from insyn.render.document import read_document
    from insyn.render.metadata import title_block

    document = read_document(fixture("full_report"))
    given = {**META, "renderer": "quarto 1.10.18"}
    block = title_block(given, "r")
    meta = quarto.quarto_metadata(document, given, "html", block)
    assert "subtitle" not in meta
    assert meta["has-facts"] is True and meta["built"] == "1 mars 2025"
    assert meta["version"].startswith("insyn ") and meta["renderer"] == "quarto 1.10.18"
    assert "has-facts" not in quarto.quarto_metadata(document, {}, "html", title_block({}, "r"))
    page = '<html lang="sv"><BODY class="quarto-light">\n<main id="quarto-document-content">'
    expected = f'<BODY class="quarto-light">\n{quarto.SKIP_LINK}\n<main'
    assert expected in quarto.add_skip_link(page)
    assert quarto.add_skip_link(page).count("skip-link") == 1
    assert quarto.add_skip_link("<p>x</p>") == "<p>x</p>"  # a fragment has no body to start


def test_quarto_command_renders_pdf_through_typst():
    command = render.quarto_command(Path("k.ipynb"), "pdf", "k.pdf", {"kommun": "Åre"})
    assert command[3:8] == ["--to", "typst", "--no-execute", "--output", "k.pdf"]
    assert command[-2:] == ["-M", "kommun:Åre"]
    with pytest.raises(RenderError, match="Okänt utdataformat"):
        render.quarto_command(Path("k.ipynb"), "docx", "k.docx", {})


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_is_swedish_with_one_h1_and_a_title(html):
    assert re.search(r'<html lang="sv"', html)
    assert len(re.findall(r"<h1\b", html)) == 1
    assert '<h1 class="title">Testrapport om uppföljning</h1>' in html
    assert "<title>Testrapport om uppföljning</title>" in html


def test_html_sections_are_numbered_h2_with_a_table_of_contents(html):
    assert re.search(r'<h2 data-number="1" id="sammanfattning">', html)
    assert re.search(r'<h3 data-number="5.1"', html)
    assert '<nav id="TOC"' in html and "Innehåll" in html
    assert '<h2 class="unnumbered" id="om-rapporten">' in html


def test_html_title_block_shows_kommun_namnd_year_diarienummer_and_date(html):
    header = html[html.index("<header") : html.index("</header>")]
    assert '<span class="kommun">Exempelstad</span>' in header
    assert '<span class="namnd">Socialnämnden</span>' in header
    for label, value in (("Rapportår", "2025"), ("Diarienummer", "SN 2025/12")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in header
    assert "<dt>Datum</dt><dd>1 mars 2025</dd>" in header
    assert "<img" not in header  # no logotype unless the parameter set names one


def test_html_colophon_says_underlag_byggd_and_version(html):
    footer = html[html.index('<footer class="colophon">') : html.index("</footer>")]
    assert "<dt>Underlag</dt><dd><code>0123456789abcdef</code>" in footer
    assert "<dt>Byggd</dt><dd>1 mars 2025</dd>" in footer
    assert re.search(r"<dt>Version</dt><dd>insyn \d[^,<]*, renderad med test</dd>", footer)


def test_logotype_is_embedded_with_alt_text_in_html_and_pdf(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10" fill="#0b4f8a"/></svg>',
        encoding="utf-8",
    )
    out = render_fixture("parameters_cells", tmp_path, metadata={**META, "logo": str(logo)})
    html = out["html"].read_text(encoding="utf-8")
    header = html[html.index("<header") : html.index("</header>")]
    assert 'alt="Logotyp för Exempelstad"' in header
    assert 'src="data:image/svg+xml;base64,' in header
    # PDF/UA-1 refuses an image without alt text, so a compiled PDF is the proof in the PDF
    assert pypdf.PdfReader(out["pdf"]).metadata.title


def test_html_table_has_header_cells_and_numbered_caption(html):
    table = html[html.index('<table id="tbl-nyckeltal">') : html.index("</table>")]
    assert "<caption>Tabell 1: Placeringar per verksamhet</caption>" in table
    # the alignment pandoc writes, as insyn.sanitize keeps it (only allowed style properties)
    assert '<th style="text-align:left" scope="col">Verksamhet</th>' in table
    assert '<th style="text-align:right" scope="col">Placeringar</th>' in table
    # a first column of text holds the row headers; numbers stay data cells, right-aligned
    assert '<th style="text-align:left" scope="row">Björkbacken</th>' in table
    assert '<td style="text-align:right">3</td>' in table
    # the note that followed the table stays after it, outside the caption
    assert "Källa: verksamhetssystemet." not in table
    assert "<p>Källa: verksamhetssystemet.</p>" in html


def test_html_figure_has_alt_text_caption_and_embedded_image(html):
    figure = html[html.index('<figure id="fig-placeringar">') : html.index("</figure>")]
    assert 'alt="Stapeldiagram: Solgården 12 placeringar, Björkbacken 3."' in figure
    assert "<figcaption>Figur 1: Inledda placeringar per verksamhet</figcaption>" in figure
    assert 'src="data:image/png;base64,' in figure


def test_html_cross_references_become_numbered_links(html):
    assert '<a href="#fig-placeringar">Figur 1</a>' in html
    assert '<a href="#tbl-nyckeltal">Tabell 1</a>' in html


def test_html_is_self_contained_without_scripts_or_remote_resources(html):
    assert "<script" not in html
    assert "http" not in html
    assert "<link" not in html  # the stylesheet is inlined
    assert "<style" in html and "--accent" in html


def test_html_shows_no_code_logs_or_parameters(html):
    for marker in NEVER_PUBLISHED:
        assert marker not in html, marker
    assert "<pre" not in html


def test_html_stdout_of_asis_cells_is_markdown_and_hidden_cells_stay_hidden(html):
    assert "<p>Första stycket med <em>betoning</em>.</p>" in html
    assert "<li>en punkt</li>" in html
    assert "HIDDEN_BY_INCLUDE_FALSE" not in html
    assert "HIDDEN_BY_OUTPUT_FALSE" not in html


def test_html_outputs_only_when_nothing_else_and_never_dataframes_or_scripts(tmp_path):
    out = render_fixture("html_outputs", tmp_path, formats=["html"])
    html = out["html"].read_text(encoding="utf-8")
    assert "<p>Utdata i <strong>HTML</strong>.</p>" in html
    assert "<p>Markdownvarianten.</p>" in html
    for marker in ("DATAFRAME_HTML_TEXT", "DATAFRAME_PLAIN_TEXT", "SCRIPT_TEXT", "HTML_SIBLING"):
        assert marker not in html, marker
    assert "<script" not in html


def test_table_cell_without_a_table_still_shows_its_numbered_caption(tmp_path):
    html = render_fixture("table_with_caption", tmp_path, formats=["html"])["html"].read_text()
    assert '<div id="tbl-urval" class="table-placeholder">' in html
    assert "Tabell 2: Verksamheter i urvalet" in html
    assert "<p>Inga uppgifter under perioden.</p>" in html


def test_hash_level_sections_are_shifted_below_the_title(tmp_path):
    html = render_fixture("hash_headings", tmp_path, formats=["html"])["html"].read_text()
    assert len(re.findall(r"<h1\b", html)) == 1
    assert re.search(r'<h2 data-number="1" id="första-avsnittet">', html)
    assert re.search(r'<h3 data-number="1.1" id="underavsnitt">', html)
    assert re.search(r'<h2 data-number="2" id="andra-avsnittet">', html)


def test_top_heading_level_ignores_code_blocks():
    assert render.top_heading_level("```python\n# comment\n```\n\n## Avsnitt\n") == 2
    assert render.top_heading_level("# Avsnitt\n\n## Under\n") == 1
    assert render.top_heading_level("Bara text.\n") == 2


def test_metadata_is_text_not_markup(tmp_path):
    title = "Rapport <script>alert(1)</script> #set text(red) *fet* $x$ ]"
    out = render_fixture("parameters_cells", tmp_path, metadata={**META, "title": title})
    html = out["html"].read_text(encoding="utf-8")
    assert "<script" not in html
    assert "<title>Rapport &lt;script&gt;alert(1)&lt;/script&gt; #set text(red) *fet* $x$ ]" in html
    reader = pypdf.PdfReader(out["pdf"])
    assert reader.metadata.title == title
    assert title in pdf_text(out["pdf"])


# ---------------------------------------------------------------------------------------------
# PDF


def test_pdf_is_tagged_swedish_pdf_ua_with_title(full):
    reader = pypdf.PdfReader(full["pdf"])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv-SE"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Testrapport om uppföljning"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp)
    assert reader.metadata["/CreationDate"] == "D:20250301000000Z"


def test_pdf_has_numbered_headings_captions_and_title_block(full):
    text = pdf_text(full["pdf"])
    for expected in (
        "Testrapport om uppföljning",
        "Innehåll",
        "1 Sammanfattning",
        "2 Nyckeltal",
        "5.1 Händelsestyrd uppföljning",
        "Tabell 1: Placeringar per verksamhet",
        "Figur 1: Inledda placeringar per verksamhet",
        "1 mars 2025",
        "SN 2025/12",
        "Sida 2 av 2",
    ):
        assert expected in text, expected
    for marker in NEVER_PUBLISHED:
        assert marker not in text, marker


def test_pdf_cell_options_and_shifted_headings(tmp_path):
    text = pdf_text(render_fixture("hash_headings", tmp_path, formats=["pdf"])["pdf"])
    assert "1 Första avsnittet" in text and "1.1 Underavsnitt" in text
    assert "2 Andra avsnittet" in text


def test_pdf_timestamp_comes_from_the_report_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    expected = dt.datetime(2025, 6, 7, tzinfo=dt.UTC)
    assert render.pdf_timestamp({"date": "7 juni 2025"}) == expected
    assert render.pdf_timestamp({"date": dt.date(2025, 6, 7)}) == expected
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render.pdf_timestamp({}) == dt.datetime(2023, 11, 14, tzinfo=dt.UTC)


# ---------------------------------------------------------------------------------------------
# Reproducibility, formats, errors


def test_rendering_twice_gives_identical_bytes(full, tmp_path):
    again = render_fixture("full_report", tmp_path)
    for fmt in ("html", "pdf"):
        assert again[fmt].read_bytes() == full[fmt].read_bytes(), fmt


def test_one_typst_compiler_serves_many_documents_each_with_only_its_own_content(tmp_path):
    """The PDF compiler (and its caches) lives as long as the process: a document compiled after
    another, in another folder with other metadata, shows its own title block and nothing of
    the one before."""
    from insyn.render import pdf

    first = render_fixture("full_report", tmp_path / "a", formats=("pdf",))
    other = {**META, "kommun": "Provköping", "diarienummer": "SN 2025/99"}
    second = render_fixture("figure_with_alt", tmp_path / "b", formats=("pdf",), metadata=other)
    assert pdf.compiler() is pdf.compiler()
    text = pdf_text(second["pdf"])
    assert "Provköping" in text and "SN 2025/99" in text
    assert "Exempelstad" not in text and "SN 2025/12" not in text
    assert "SN 2025/12" in pdf_text(first["pdf"])


@pytest.mark.parametrize("side_by_side", [False, True])
def test_html_and_pdf_side_by_side_or_in_turn_give_the_same_bytes(full, tmp_path, side_by_side):
    """Rendering both formats at once changes nothing in them, and never this process's working
    folder (pandoc gets its folder per call; pypandoc would change the process's)."""
    folder = os.getcwd()
    again = render_fixture("full_report", tmp_path, side_by_side=side_by_side)
    assert os.getcwd() == folder
    for fmt in ("html", "pdf"):
        assert again[fmt].read_bytes() == full[fmt].read_bytes(), fmt


def test_only_the_requested_formats_are_written(tmp_path):
    out = render_fixture("figure_with_alt", tmp_path, formats=("html",))
    assert set(out) == {"html"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure_with_alt.html"]
    with pytest.raises(RenderError, match="Okänt utdataformat"):
        render_fixture("figure_with_alt", tmp_path, formats=("docx",))


def test_error_output_is_never_published(tmp_path):
    with pytest.raises(RenderError, match=r"cell 3 .*ZeroDivisionError: division by zero"):
        render_fixture("error_output", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_figure_without_alt_text_is_refused(tmp_path):
    with pytest.raises(RenderError, match="fig-alt"):
        render_fixture("figure_without_alt", tmp_path)


def test_unknown_cross_reference_is_refused(tmp_path):
    notebook = json.loads(fixture("figure_with_alt").read_text(encoding="utf-8"))
    notebook["cells"][1]["source"] = ["## Avsnitt\n", "\n", "Se @fig-finns-inte."]
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(RenderError, match="@fig-finns-inte"):
        render.render(path, tmp_path / "out", stem="broken", renderer=FALLBACK)


def test_cell_options_are_yaml():
    options, rest = render.split_cell_options(
        '#| label: fig-x\n#| fig-cap: "A: b"\n#| include: false\ncode()\n#| not an option', 1, "nb"
    )
    assert options == {"label": "fig-x", "fig-cap": "A: b", "include": False}
    assert rest == "code()\n#| not an option"
    with pytest.raises(RenderError, match="cell 4"):
        render.split_cell_options("#| label: [oops\nx", 4, "nb")


# ---------------------------------------------------------------------------------------------
# The Quarto path, driven through a stand-in `quarto` that records what it was given


@pytest.fixture
def fake_quarto(tmp_path, monkeypatch):
    """A `quarto` on PATH that logs its arguments and input and writes a placeholder output."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "quarto-calls.jsonl"
    script = bin_dir / "quarto"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "from pathlib import Path\n"
        "args = sys.argv[1:]\n"
        "if args == ['--version']:\n"
        "    print('1.10.18')\n"
        "    sys.exit(0)\n"
        "entry = {'argv': args, 'files': sorted(os.listdir('.')),\n"
        "         'assets': sorted(os.listdir('insyn/assets')),\n"
        "         'partials': sorted(os.listdir('insyn/assets/quarto')),\n"
        "         'notebook': json.loads(Path(args[1]).read_text(encoding='utf-8')),\n"
        "         'epoch': os.environ.get('SOURCE_DATE_EPOCH')}\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as f:\n"
        "    f.write(json.dumps(entry) + '\\n')\n"
        "out = args[args.index('--output') + 1]\n"
        "Path(out).write_text('quarto ' + args[args.index('--to') + 1])\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{__import__('os').environ['PATH']}")
    monkeypatch.delenv("INSYN_RENDERER", raising=False)
    return log


def test_detect_renderer_picks_quarto_on_path(fake_quarto):
    assert render.detect_renderer() == render.Renderer("quarto", "quarto 1.10.18")


def test_quarto_path_renders_a_publishable_copy(fake_quarto, tmp_path):
    outdir = tmp_path / "out"
    out = render_fixture("full_report", outdir, renderer=render.detect_renderer())
    assert out == {"html": outdir / "full_report.html", "pdf": outdir / "full_report.pdf"}
    assert out["pdf"].read_text() == "quarto typst"
    assert sorted(p.name for p in outdir.iterdir()) == ["full_report.html", "full_report.pdf"]

    calls = [json.loads(line) for line in fake_quarto.read_text(encoding="utf-8").splitlines()]
    html_call, pdf_call = calls
    assert html_call["argv"][:8] == [
        "render",
        "full_report.ipynb",
        "--to",
        "html",
        "--no-execute",
        "--output",
        "full_report.html",
        "-M",
    ]
    assert "kommun:Exempelstad" in html_call["argv"]
    assert "echo:false" in html_call["argv"]
    assert pdf_call["argv"][2:4] == ["--to", "typst"]
    assert "_quarto.yml" in html_call["files"] and "insyn" in html_call["files"]
    # what _quarto.yml names
    assert html_call["assets"] == [
        *("colophon.html", "facts.html", "quarto", "report.css", "report.lua")
    ]
    assert html_call["partials"] == ["title-block.html"]
    assert html_call["epoch"] == str(int(dt.datetime(2025, 3, 1, tzinfo=dt.UTC).timestamp()))

    published = json.dumps(html_call["notebook"], ensure_ascii=False)
    for marker in NEVER_PUBLISHED:
        assert marker not in published, marker
    cells = html_call["notebook"]["cells"]
    assert cells[0]["cell_type"] == "raw" and cells[0]["source"][0].startswith("---")
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(line.startswith("#| ") for c in code for line in c["source"])
    assert any("#| label: fig-placeringar\n" in c["source"] for c in code)


def test_quarto_failure_is_a_render_error(fake_quarto, tmp_path):
    script = shutil.which("quarto")
    Path(script).write_text(
        f"#!{sys.executable}\nimport sys\nprint('ERROR: something broke', file=sys.stderr)\n"
        "sys.exit(1)\n"
    )
    quarto = render.Renderer("quarto", "quarto test")
    with pytest.raises(RenderError, match="something broke"):
        render_fixture("figure_with_alt", tmp_path / "out", renderer=quarto)
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.quarto
@pytest.mark.skipif(shutil.which("quarto") is None, reason="quarto is not on PATH")
def test_real_quarto_renders_html_and_pdf(tmp_path):
    """The Quarto path with the real binary: the project's _quarto.yml applies (one
    self-contained HTML file, A4 Typst PDF/UA-1), no scripts are published, headings keep
    their own paragraphs, the logotype reaches the PDF."""
    quarto = render.detect_renderer(prefer="quarto")
    logo = Path(__file__).parents[1] / "params" / "exempelstad" / "logotyp.svg"
    meta = {**META, "logo": str(logo)}
    staging = tmp_path / ".staging" / "set"  # where a build renders: inside a hidden folder
    out = render_fixture("full_report", staging, renderer=quarto, metadata=meta)
    html = out["html"].read_text(encoding="utf-8").replace("\u00a0", " ")
    assert 'lang="sv"' in html
    assert "Tabell 1" in html and "Figur 1" in html
    # Insyn's title block (partial), skip link and colophon (report.lua), as on the fallback path
    assert html.index('<a class="skip-link" href="#quarto-document-content"') < html.index("<nav")
    masthead = re.search(r'<div class="masthead">(.*?)</div>', html, re.DOTALL).group(1)
    assert re.search(r'<img[^>]+class="logo"[^>]+src="data:image/svg\+xml;base64,', masthead)
    assert '<span class="kommun">Exempelstad</span>' in masthead and "Socialnämnden" in masthead
    assert "<dt>Diarienummer</dt><dd>SN 2025/12</dd>" in html
    assert "<dt>Datum</dt><dd>1 mars 2025</dd>" in html
    colophon = html[html.index('<footer class="colophon">') :]
    assert (
        "<code>0123456789abcdef</code>" in colophon and "<dt>Byggd</dt><dd>1 mars 2025" in colophon
    )
    assert re.search(r"insyn [\d.]+\S*, renderad med quarto \d", colophon)
    assert "<script" not in html.lower()
    assert re.search(r'<img[^>]+src="data:image/png;base64,', html)
    assert "_files/" not in html  # nothing points into Quarto's (deleted) working folder
    assert "full_report.pdf" not in html  # no "other formats" link: the index links both
    for marker in NEVER_PUBLISHED:
        assert marker not in html, marker
    reader = pypdf.PdfReader(out["pdf"])
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]  # A4
    text = pdf_text(out["pdf"]).replace("\u00a0", " ")
    assert "Sammanfattning" in text and "Tabell 1" in text
    assert reader.metadata.title


def test_numbered_figure_without_caption_still_gets_its_number(tmp_path):
    notebook = json.loads(fixture("figure_with_alt").read_text(encoding="utf-8"))
    source = notebook["cells"][2]["source"]
    notebook["cells"][2]["source"] = [line for line in source if "fig-cap" not in line]
    path = tmp_path / "uncaptioned.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    out = render.render(path, tmp_path / "out", stem="u", renderer=FALLBACK)
    assert "<figcaption>Figur 1</figcaption>" in out["html"].read_text(encoding="utf-8")
    assert "Figur 1" in pdf_text(out["pdf"])


def test_authors_and_front_matter_options(tmp_path):
    metadata = {**META, "author": ["Anna Strateg", "Bo Analytiker"], "toc": False}
    out = render_fixture("parameters_cells", tmp_path, metadata=metadata)
    html = out["html"].read_text(encoding="utf-8")
    assert "<dd>Anna Strateg, Bo Analytiker</dd>" in html
    assert '<nav id="TOC"' not in html
    reader = pypdf.PdfReader(out["pdf"])
    assert reader.metadata.author == "Anna Strateg, Bo Analytiker"
    assert "Innehåll" not in pdf_text(out["pdf"])


def test_common_markdown_renders_in_both_formats(tmp_path):
    out = render_fixture("markdown_constructs", tmp_path)
    html = out["html"].read_text(encoding="utf-8")
    assert "<blockquote>" in html and "<dl>" in html and 'role="doc-endnotes"' in html
    assert '<a href="https://www.example.se/plan">en länk</a>' in html
    assert "INTERNAL_COMMENT" not in html
    text = pdf_text(out["pdf"])
    assert "Ett citat ur nämndens plan." in text and "Fotnotens text." in text
    assert "INTERNAL_COMMENT" not in text
