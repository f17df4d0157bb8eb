"""insyn.text: personnummer detection, checked narrative Markdown, Swedish phrasing helpers."""

from __future__ import annotations

import pytest

from insyn import text
from insyn.errors import ProblemCollector

# Skatteverket's published test personnummer (a real checksum, no real person).
TEST_PNR = "19121212-1212"


# --- find_personal_numbers and mask --------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["19121212-1212", "121212-1212", "191212121212", "1212121212", "121212+1212"]
)
def test_personnummer_is_found_in_every_written_form(number):
    assert text.find_personal_numbers(f"Klienten ({number}) placerades i mars.") == [number]


def test_samordningsnummer_is_found():
    # A samordningsnummer is a personnummer with 60 added to the day (12 → 72); it identifies a
    # person just as well and must not be published. 121272-1219 has a valid checksum.
    assert text.find_personal_numbers("Samordningsnummer 121272-1219.") == ["121272-1219"]


@pytest.mark.parametrize("orgnr", ["5566276779", "556627-6779", "16556627-6779"])
def test_organisation_number_is_not_a_personnummer(orgnr):
    assert text.find_personal_numbers(f"Utföraren har organisationsnummer {orgnr}.") == []


def test_invalid_checksum_is_not_found():
    assert text.find_personal_numbers("19121212-1213 och 121212-1213") == []


@pytest.mark.parametrize(
    "harmless",
    ["Dnr SN 2025-0417-1212", "tel 070-123 45 67", "summa 1 234 567 kr", "P25-0001"],
)
def test_other_numbers_are_not_found(harmless):
    assert text.find_personal_numbers(harmless) == []


def test_several_numbers_are_all_found():
    found = text.find_personal_numbers(f"{TEST_PNR} och 121212-1212")
    assert found == [TEST_PNR, "121212-1212"]


@pytest.mark.parametrize("number", ["19811228-9874", "811228-9874", "198112289874", "8112289874"])
def test_mask_never_shows_the_last_four_digits(number):
    # 9874 occurs nowhere else in the number, so finding it anywhere means it leaked.
    masked = text.mask(number)
    assert "9874" not in masked
    assert masked.endswith("-XXXX")


def test_mask_keeps_the_birth_date_for_finding_it():
    assert text.mask(TEST_PNR) == "19121212-XXXX"
    assert text.mask("121212-1212") == "121212-XXXX"


# --- check_markdown and read_markdown ------------------------------------------------------------


def test_check_markdown_reports_personnummer_with_file_and_line_masked():
    problems = ProblemCollector()
    text.check_markdown(
        f"# Bakgrund\n\nEn klient ({TEST_PNR}) flyttade.\n", "t/bakgrund.md", problems
    )
    [problem] = problems.errors
    assert (problem.file, problem.row) == ("t/bakgrund.md", 3)
    assert "personnummer" in problem.message
    assert problem.value == "19121212-XXXX"
    assert "1212-1212" not in problem.describe()


def test_check_markdown_reports_raw_html_with_file_and_line():
    problems = ProblemCollector()
    text.check_markdown("Rad ett\n<script>alert(1)</script>\n", "t/metod.md", problems)
    [problem] = problems.errors
    assert (problem.file, problem.row, problem.value) == ("t/metod.md", 2, "<script>")
    assert "HTML" in problem.message


def test_check_markdown_reports_every_problem_on_every_line():
    problems = ProblemCollector()
    text.check_markdown(
        f'<div onclick="x">\n{TEST_PNR}\nok\n<img src=x onerror=alert(1)> 121212-1212\n',
        "t.md",
        problems,
    )
    assert sorted((p.row, "HTML" in p.message) for p in problems.errors) == [
        (1, True),
        (2, False),
        (4, False),
        (4, True),
    ]


def test_check_markdown_accepts_plain_markdown():
    problems = ProblemCollector()
    text.check_markdown(
        "# Rubrik\n\n- punkt med **fet** text\n- 3 < 5 och 7 > 2\n\n| a | b |\n|---|---|\n",
        "t.md",
        problems,
    )
    assert problems.problems == []


def test_markdown_autolink_is_not_raw_html():
    # <https://…> is a CommonMark autolink, not HTML; strategists use it for sources.
    problems = ProblemCollector()
    text.check_markdown("Källa: <https://www.ivo.se/>\n", "t.md", problems)
    assert problems.problems == []


def test_read_markdown_returns_safe_content(tmp_path):
    path = tmp_path / "data" / "2025" / "text" / "bakgrund.md"
    path.parent.mkdir(parents=True)
    path.write_text("# Bakgrund\n\nNämnden följer upp.\n", encoding="utf-8")
    problems = ProblemCollector()
    assert (
        text.read_markdown(path, problems, root=tmp_path) == "# Bakgrund\n\nNämnden följer upp.\n"
    )
    assert problems.problems == []


def test_read_markdown_strips_bom(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeffÅr 2025".encode())
    assert text.read_markdown(path, ProblemCollector(), root=tmp_path) == "År 2025"


def test_read_markdown_unsafe_file_gives_none_and_problems_with_file_relative_to_root(tmp_path):
    path = tmp_path / "data" / "2025" / "text" / "metod.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"Metod\n\n<iframe src=x></iframe>\n{TEST_PNR}\n", encoding="utf-8")
    problems = ProblemCollector()
    assert text.read_markdown(path, problems, root=tmp_path) is None
    assert [(p.file, p.row) for p in problems.errors] == [
        ("data/2025/text/metod.md", 3),
        ("data/2025/text/metod.md", 4),
    ]


def test_read_markdown_missing_file_is_a_problem(tmp_path):
    problems = ProblemCollector()
    result = text.read_markdown(tmp_path / "text" / "slutsatser.md", problems, root=tmp_path)
    assert result is None
    [problem] = problems.errors
    assert problem.file == "text/slutsatser.md"
    assert problem.message == "textfilen saknas"


def test_read_markdown_not_utf8_is_a_problem(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("Nämnden".encode("cp1252"))
    problems = ProblemCollector()
    assert text.read_markdown(path, problems, root=tmp_path) is None
    assert [p.message for p in problems.errors] == ["textfilen är inte sparad som UTF-8"]


def test_read_markdown_keeps_earlier_problems_out_of_its_verdict(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Ren text.\n", encoding="utf-8")
    problems = ProblemCollector()
    problems.add("ett tidigare fel i en annan fil")
    assert text.read_markdown(path, problems, root=tmp_path) == "Ren text.\n"


# --- escape_markdown -----------------------------------------------------------------------------


def test_escape_markdown_escapes_html_and_links():
    assert text.escape_markdown("<b>x</b>") == r"\<b\>x\<\/b\>"
    assert text.escape_markdown("[x](javascript:alert(1))") == r"\[x\]\(javascript\:alert\(1\)\)"


@pytest.mark.parametrize("char", list("\\`*_{}[]()#+-.!|$@<>~&^=\"':;/"))
def test_escape_markdown_escapes_every_markup_character(char):
    assert text.escape_markdown(f"a{char}b") == f"a\\{char}b"


def test_escape_markdown_leaves_letters_digits_and_swedish_alone():
    assert text.escape_markdown("Åsens Omsorg 2025 % é") == "Åsens Omsorg 2025 % é"


def test_escape_markdown_collapses_whitespace_and_newlines():
    assert text.escape_markdown("  två\n\nrader \t här ") == "två rader här"


def test_escape_markdown_accepts_non_strings():
    assert text.escape_markdown(42) == "42"


# --- phrasing helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a och b"), (["a", "b", "c"], "a, b och c")],
)
def test_join_words(items, expected):
    assert text.join_words(items) == expected


def test_join_words_other_conjunction_and_generator():
    assert text.join_words((w for w in ["Grön", "Gul", "Röd"]), "eller") == "Grön, Gul eller Röd"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 verksamheter"),
        (1, "1 verksamhet"),
        (2, "2 verksamheter"),
        (1234, "1\xa0234 verksamheter"),
    ],
)
def test_count_noun(count, expected):
    assert text.count_noun(count, "verksamhet", "verksamheter") == expected


def test_bullet_list():
    assert text.bullet_list(["a", "b"]) == "- a\n- b"


def test_as_markdown_is_trimmed_and_ends_with_newline():
    result = text.as_markdown("\n\n# Rubrik\n\n")
    assert result == "# Rubrik\n"
    assert isinstance(result, text.Markdown)


# --- what narrative Markdown may not carry into a public report -----------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Se [här](javascript:alert(1)).", "skriptlänk"),
        ("Se [här](JavaScript&#58;alert(1)).", "skriptlänk"),
        ("[a]: vbscript:msgbox", "skriptlänk"),
        ("`#set page(fill: red)`{=typst}", "rått format"),
        ("```{=html}", "rått format"),
        ("``` {= latex }", "rått format"),
        ("Byggd av {{< env USER >}}.", "kortkod"),
        ("{{% include x %}}", "kortkod"),
        ("\\input{/etc/passwd}", "LaTeX-kommando"),
        ("\\href[x]{y}", "LaTeX-kommando"),
        ("![](https://example.org/pixel.png)", "bilden hämtas utanför"),
        ("![logga](/etc/hostname)", "bilden hämtas utanför"),
        ("![x](../../hemligt.png)", "bilden hämtas utanför"),
        ("![x](file:///etc/passwd)", "bilden hämtas utanför"),
        ("<!-- dold kommentar -->", "HTML"),
        ("<script", "HTML"),
        ("<?xml version='1.0'?>", "HTML"),
    ],
)
def test_check_markdown_refuses_what_would_reach_the_output_unescaped(line, message):
    problems = ProblemCollector()
    text.check_markdown(f"Inledning.\n{line}\n", "t/metod.md", problems)
    assert [(p.file, p.row) for p in problems.errors] == [("t/metod.md", 2)]
    assert message in problems.errors[0].message
    assert problems.errors[0].hint


@pytest.mark.parametrize(
    "line",
    [
        "Läs mer hos [IVO](https://www.ivo.se) eller <https://www.ivo.se>.",
        "Kostnaden var 3 < 5 procent av budgeten; 7 > 2.",
        "Ett omvänt snedstreck \\\\ och en escapad \\* stjärna.",
        "Rubrik med #hashtag och $5 kostnad",
        "![diagram](bilder/diagram.png)",
    ],
)
def test_check_markdown_accepts_ordinary_markdown(line):
    problems = ProblemCollector()
    text.check_markdown(line, "t.md", problems)
    assert problems.problems == []


def test_read_markdown_refuses_a_file_too_big_to_be_a_report_part(tmp_path, monkeypatch):
    monkeypatch.setattr(text, "MARKDOWN_LIMIT", 10)
    path = tmp_path / "metod.md"
    path.write_text("En text som är längre än tio tecken.\n", encoding="utf-8")
    problems = ProblemCollector()
    assert text.read_markdown(path, problems, root=tmp_path) is None
    [problem] = problems.errors
    assert (problem.file, "för stor" in problem.message) == ("metod.md", True)


# --- draft marker (insyn nytt-ar) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["**UTKAST – uppdatera:** kopierad", "utkast - uppdatera", "UTKAST—Uppdatera"]
)
def test_a_draft_is_a_warning_with_file_and_line(tmp_path, line):
    path = tmp_path / "metod.md"
    path.write_text(f"# Metod\n\n{line}\n\nText.\n", encoding="utf-8")
    problems = ProblemCollector()
    content = text.read_markdown(path, problems, root=tmp_path)
    assert content is not None  # a draft is still published, marker and all
    assert problems.errors == []
    [warning] = problems.warnings
    assert warning.file == "metod.md" and warning.row == 3
    assert "utkast" in warning.describe()


def test_a_text_without_the_marker_is_no_draft(tmp_path):
    path = tmp_path / "metod.md"
    path.write_text("Utkastet till planen uppdaterades i maj.\n", encoding="utf-8")
    problems = ProblemCollector()
    text.read_markdown(path, problems, root=tmp_path)
    assert problems.problems == []
