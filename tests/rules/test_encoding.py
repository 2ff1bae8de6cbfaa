"""Family E: encoding and typography artefacts (rules in encoding.py, typography.py, markup.py).

Texts are our own; the seed and corpus tests read ../shared and skip without it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newslint.diagnostic import Diagnostic
from newslint.fixes import apply_fixes
from newslint.registry import load_registry
from newslint.rules._artefacts import MOJIBAKE_ENCODINGS, may_hold_mojibake
from newslint.rules.encoding import (
    InvisibleCharacter,
    MissingFinalNewline,
    MixedLineEndings,
    Mojibake,
    NotUtf8,
    ReplacementCharacter,
)
from newslint.rules.markup import HtmlLeftover
from newslint.rules.typography import (
    GluedSentences,
    MixedQuotes,
    UnbalancedQuotes,
    WrongApostrophe,
)
from newslint.testing import check, document, documents, options_for

E_RULES = [r for r in load_registry() if r.code.startswith("E")]
DEFAULT_E_RULES = [r for r in E_RULES if r.default_enabled]


def lint(doc, rules=DEFAULT_E_RULES) -> list[Diagnostic]:
    """Every finding of ``rules`` on one Document."""
    found = [d for rule in rules for d in rule().check(doc, options_for(rule))]
    return sorted(found, key=Diagnostic.sort_key)


def fixed(text: str, rule, options=None, path: str = "article.txt") -> str:
    """The text after one pass of ``rule``'s safe fixes."""
    doc = document(text, path)
    return apply_fixes(doc.source, check(rule, doc, options)).text


# --- E001 mojibake -------------------------------------------------------------------------


def test_mojibake_encodings_are_ftfys() -> None:
    from ftfy.chardata import CHARMAP_ENCODINGS

    def ftfy_name(encoding: str) -> str:
        if encoding.startswith("cp12"):
            return "sloppy-windows-" + encoding[2:]
        return {"mac-roman": "macroman"}.get(encoding, encoding)

    assert [ftfy_name(e) for e in MOJIBAKE_ENCODINGS] == list(CHARMAP_ENCODINGS)


def test_mojibake_reports_each_garbled_word_with_its_repair() -> None:
    text = "Crisis talks\nThe cafÃ© owner said it wasnâ€™t over; prices rose to Â£3.\n"
    found = check(Mojibake, text)
    assert [(d.span.text, d.suggestions[0]) for d in found] == [
        ("cafÃ©", "café"),
        ("wasnâ€™t", "wasn’t"),
        ("Â£3.", "£3."),
    ]
    assert all(d.fix is not None and d.fix.safety == "safe" for d in found)
    assert (
        fixed(text, Mojibake)
        == "Crisis talks\nThe café owner said it wasn’t over; prices rose to £3.\n"
    )


def test_mojibake_leaves_correct_accents_and_typography_alone() -> None:
    text = "Café society\nZoë met Pelé in São Paulo – “à la carte” – for £5 and €6; naïve.\n"
    assert check(Mojibake, text) == []


def test_lossy_mojibake_fix_is_unsafe() -> None:
    found = check(Mojibake, "Rates\nThe â€œlossy decodingâ€\ufffd case.\n")
    assert found and any(d.fix is not None and d.fix.safety == "unsafe" for d in found)


def test_mojibake_in_json_escapes_is_reported_without_fix() -> None:
    line = json.dumps({"title": "Prices", "body": "The cafÃ© raised prices."}) + "\n"
    found = check(Mojibake, documents(line, "feed.jsonl")[0])
    assert len(found) == 1 and found[0].fix is None  # the source holds \\u00c3, not Ã


def test_gate_is_cheap_and_lets_clean_text_through() -> None:
    assert not may_hold_mojibake("A plain ASCII paragraph.")
    assert not may_hold_mojibake("£5, “quotes”, ‘single’, – and —, café.")
    assert may_hold_mojibake("cafÃ©")
    assert may_hold_mojibake("control \x85 here")


def test_ftfy_test_cases(corpora_dir: Path) -> None:
    """Every case ftfy repairs is found (E001; C1-only ones by E004); negatives stay clean."""
    import ftfy

    folder = corpora_dir / "ftfy_test_cases"
    for name in ("in-the-wild.json", "synthetic.json", "negative.json"):
        for case in json.loads((folder / name).read_text("utf-8")):
            original = case["original"]
            repaired = ftfy.fix_encoding(original) != original
            article = f"Headline\n{original}\n"
            mojibake = check(Mojibake, article)
            if name == "negative.json":
                assert mojibake == [], case["label"]
            elif repaired and case["expect"] == "pass":
                c1 = [d for d in check(InvisibleCharacter, article) if "C1" in d.message]
                assert mojibake or c1, case["label"]


# --- E004 invisible characters ---------------------------------------------------------------


def test_invisible_characters_are_found_and_deleted() -> None:
    text = "Talks\nGen\u00adeva\u200b talks \u2066resume\u2069 on Mon\u200d\u200dday\ufeff.\n"
    found = check(InvisibleCharacter, text)
    assert [d.span.text for d in found] == [
        "\u00ad",
        "\u200b",
        "\u2066",
        "\u2069",
        "\u200d\u200d",
        "\ufeff",
    ]
    assert found[4].message.startswith("2 × invisible zero-width joiner U+200D")
    assert fixed(text, InvisibleCharacter) == "Talks\nGeneva talks resume on Monday.\n"


def test_c1_controls_become_windows_1252_characters() -> None:
    text = "Quotes\nHe said \x93no\x94 \x85 twice.\n"
    assert fixed(text, InvisibleCharacter) == "Quotes\nHe said “no” … twice.\n"


def test_c1_control_at_a_paragraph_end_is_seen() -> None:
    # str.strip() removes U+0085 (it is white space to Python): the source scan still sees it.
    found = check(InvisibleCharacter, "Quotes\nThe talks failed\x85\n\nThen what?\n")
    assert [d.span.text for d in found] == ["\x85"]


def test_control_characters() -> None:
    found = check(InvisibleCharacter, "Talks\nLine one\x0bline two and a bell\x07.\n")
    assert [(d.span.text, d.fix.safety) for d in found] == [("\x0b", "safe"), ("\x07", "unsafe")]
    assert found[0].fix.edits[0].replacement == " "


def test_form_feed_and_vertical_tab_say_what_they_are() -> None:
    # They were "probably ' ' read as Latin-1": true of C1 controls only, never of C0 ones.
    found = check(InvisibleCharacter, "Talks\nA form\x0cfeed and a vertical\x0btab.\n")
    assert [d.message for d in found] == [
        "form feed U+000C: usually a page break left by a word processor or a PDF copy",
        "vertical tab U+000B: usually a manual line break (Shift+Enter) from Microsoft Word",
    ]


@pytest.mark.parametrize(
    "char", [chr(c) for c in (*range(1, 0x20), 0x7F, 0x2028, 0x2029) if chr(c) not in "\t\n\r"]
)
def test_only_c1_controls_are_explained_as_latin_1(char: str) -> None:
    # (NUL is left out: a file holding one is binary and never linted)
    found = check(InvisibleCharacter, f"Talks\nOne{char}two and three.\n")
    assert [d.span.text for d in found] == [char]
    assert f"U+{ord(char):04X}" in found[0].message
    assert "Latin-1" not in found[0].message


def test_other_controls_say_what_they_are() -> None:
    found = check(InvisibleCharacter, "Talks\nA bell\x07 and an escape\x1b and a delete\x7f.\n")
    assert [d.message for d in found] == [
        "control character U+0007: a code for printers and terminals, not text",
        "control character U+001B: a code for printers and terminals, not text",
        "control character U+007F: a code for printers and terminals, not text",
    ]


def test_c1_controls_keep_the_latin_1_explanation() -> None:
    found = check(InvisibleCharacter, "Quotes\nHe said \x93no\x94 and \x81 that.\n")
    assert [d.message for d in found] == [
        "C1 control character U+0093: probably '“' read as Latin-1",
        "C1 control character U+0094: probably '”' read as Latin-1",
        "invisible C1 control character U+0081",  # undefined in Windows-1252: no guess
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks\nOne page\x0cthe next.\n", "Talks\nOne page the next.\n"),
        ("Talks\nOne page \x0cthe next.\n", "Talks\nOne page the next.\n"),
        ("Talks\nOne page\x0c the next.\n", "Talks\nOne page the next.\n"),
        ("Talks\nOne page.\n\x0c\nThe next.\n", "Talks\nOne page.\n\nThe next.\n"),
        ("Talks\nOne line\x0b\x0bthe next.\n", "Talks\nOne line the next.\n"),
        # side by side, neither sees the other as a space: the words stay apart
        ("Talks\nOne line\x0b\x0cthe next.\n", "Talks\nOne line  the next.\n"),
        ("Talks\nOne\u200b\x0cnext.\n", "Talks\nOne next.\n"),
    ],
)
def test_form_feed_and_vertical_tab_fixes_keep_words_apart_and_settle(
    text: str, expected: str
) -> None:
    once = fixed(text, InvisibleCharacter)
    assert once == expected
    assert check(InvisibleCharacter, once) == []
    assert all(d.fix.safety == "safe" for d in check(InvisibleCharacter, text))


def test_legitimate_joiners_and_marks_are_left_alone() -> None:
    emoji = "Family\nThe 👩\u200d👩\u200d👧 emoji.\n"
    persian = "Name\nThe word می\u200cخواهم and \u200fשלום\u200f here.\n"
    bom_at_start = "\ufeffHeadline\nBody text.\n"
    assert check(InvisibleCharacter, emoji) == []
    assert check(InvisibleCharacter, persian) == []
    assert check(InvisibleCharacter, bom_at_start) == []


def test_bidi_override_is_flagged_even_in_rtl_text() -> None:
    found = check(InvisibleCharacter, "Name\nשלום \u202eevil\u202c text.\n")
    assert "\u202e" in [d.span.text for d in found]


def test_nbsp_only_with_the_option() -> None:
    text = "Fees\nA fee of £5\u00a0million.\n"
    assert check(InvisibleCharacter, text) == []
    assert fixed(text, InvisibleCharacter, {"nbsp": True}) == "Fees\nA fee of £5 million.\n"


def test_records_file_reports_characters_per_record_once() -> None:
    lines = [
        json.dumps({"title": "One", "body": "First\u200bbody."}, ensure_ascii=False),
        json.dumps({"title": "Two", "body": "Second body."}, ensure_ascii=False),
    ]
    docs = documents("\n".join(lines) + "\n", "feed.jsonl")
    found = [d for doc in docs for d in check(InvisibleCharacter, doc)]
    assert len(found) == 1 and found[0].span.record == docs[0].record


# --- E005 replacement character ----------------------------------------------------------------


def test_replacement_character() -> None:
    found = check(ReplacementCharacter, "Rates\nThe pound rose to \ufffd1.90.\n")
    assert [d.span.text for d in found] == ["\ufffd"] and found[0].fix is None


def test_replacement_character_inside_mojibake_is_left_to_e001() -> None:
    text = "Rates\nThe â€œlossy decodingâ€\ufffd case.\n"
    assert check(ReplacementCharacter, text) == []
    assert check(Mojibake, text)


# --- E008-E010 the file -------------------------------------------------------------------------


def test_not_utf8_is_reported_at_the_first_bad_byte_and_fixed_by_reencoding() -> None:
    raw = "Fees\n\nThe fee is £5 at the café.\n".encode("cp1252")
    doc = document(raw)
    found = check(NotUtf8, doc)
    assert len(found) == 1
    assert found[0].span.text == "£" and "0xA3" in found[0].message
    result = apply_fixes(doc.source, found)
    assert result.encoding == "utf-8" and result.text == doc.source


def test_not_utf8_utf16_with_bom_is_certain() -> None:
    raw = "\ufeffFees\n\nThe fee is £5.\n".encode("utf-16")
    found = check(NotUtf8, document(raw))
    assert len(found) == 1 and found[0].fix.safety == "safe" and "utf-16" in found[0].message


def test_valid_utf8_with_or_without_bom_passes() -> None:
    assert check(NotUtf8, "Fees\n\nThe fee is £5.\n".encode()) == []
    assert check(NotUtf8, "\ufeffFees\n\nThe fee is £5.\n".encode()) == []


def test_file_level_findings_come_once_per_records_file() -> None:
    rows = [{"title": f"Story {n}", "body": f"Body £{n}."} for n in range(3)]
    raw = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("cp1252")
    raw = raw + b"\n"  # the last line ends differently
    docs = documents(raw, "feed.jsonl")
    assert len(docs) == 3
    for rule in (NotUtf8, MixedLineEndings):
        found = [d for doc in docs for d in check(rule, doc)]
        assert len(found) == 1, rule.code
        assert found[0].span.record == docs[0].record


def test_csv_records_report_file_findings_once() -> None:
    raw = b"title,body\r\nOne,First body.\nTwo,Second body.\n"
    docs = documents(raw, "feed.csv")
    found = [d for doc in docs for d in check(MixedLineEndings, doc)]
    assert len(found) == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.json", '[{"title": "A", "body": "x"},\n{"title": "B", "body": "y"}]\r\n'),
        (
            "b.json",
            '{"items": [\r\n {"title": "A", "body": "x"},\n {"title": "B", "body": "y"}]}\n',
        ),
        ("c.csv", 'title,body\r\n"A","two\nlines"\r\nB,y\n'),
        ("d.jsonl", '\n\n{"title": "A", "body": "x"}\r\n{"title": "B", "body": "y"}\n'),
    ],
)
def test_one_file_level_finding_per_records_file(name: str, text: str) -> None:
    docs = documents(text.encode("cp1252"), name)
    assert len(docs) == 2
    for rule in (MixedLineEndings, MissingFinalNewline):
        firsts = {d.span.record for doc in docs for d in check(rule, doc)}
        assert firsts <= {docs[0].record}, (rule.code, firsts)
    assert {d.span.record for doc in docs for d in check(MixedLineEndings, doc)} == {docs[0].record}


def test_mixed_line_endings_fix_all_to_the_majority() -> None:
    text = "Headline\r\n\r\nOne.\nTwo.\r\nThree.\r\n"
    found = check(MixedLineEndings, text)
    assert len(found) == 1 and found[0].message.startswith(
        "LF line ending in a file that mostly uses CRLF"
    )
    assert fixed(text, MixedLineEndings) == "Headline\r\n\r\nOne.\r\nTwo.\r\nThree.\r\n"


def test_missing_final_newline_is_off_by_default_and_uses_the_files_break() -> None:
    assert not MissingFinalNewline.default_enabled
    assert fixed("Headline\r\n\r\nLast.", MissingFinalNewline) == "Headline\r\n\r\nLast.\r\n"
    assert check(MissingFinalNewline, "Headline\n\nLast.\n") == []


# --- E002 wrong apostrophes ---------------------------------------------------------------


def test_backtick_apostrophes_follow_the_articles_style() -> None:
    straight = "Talks\nThe envoy's view: Syria`s war and it´s over, the People′s army.\n"
    curly = "Talks\nThe envoy’s view: Syria`s war and it´s over, the People′s army.\n"
    assert fixed(straight, WrongApostrophe) == straight.replace("`", "'").replace("´", "'").replace(
        "′", "'"
    )
    assert fixed(curly, WrongApostrophe) == curly.replace("`", "’").replace("´", "’").replace(
        "′", "’"
    )
    assert fixed(straight, WrongApostrophe, {"style": "curly"}).count("’") == 3


def test_backtick_quotation_marks() -> None:
    assert (
        fixed("Q\nHe said `never again' and left.\n", WrongApostrophe)
        == "Q\nHe said 'never again' and left.\n"
    )
    assert (
        fixed("Q\nShe said ``we won'' at noon.\n", WrongApostrophe)
        == 'Q\nShe said "we won" at noon.\n'
    )
    assert (
        fixed("Q\nThe “ruling” came: ``we won´´ at noon.\n", WrongApostrophe)
        == "Q\nThe “ruling” came: “we won” at noon.\n"
    )


def test_a_mark_after_a_closed_double_quotation_sees_its_closing_mark() -> None:
    # '' closing ``double becomes a double quotation mark: the backtick after it opens a
    # quotation in the first pass (not a stray backtick until the second), and the
    # suggestion replaces that backtick, not the first one of the word.
    text = "Q\nHe said ``double''`quoted' twice.\n"
    assert fixed(text, WrongApostrophe) == "Q\nHe said \"double\"'quoted' twice.\n"
    single = [d for d in check(WrongApostrophe, text) if d.span.text == "`"]
    assert single[0].suggestions == ("``double'''quoted'",)


def test_an_invisible_character_fix_waits_when_it_changes_the_mojibake_beside_it() -> None:
    # ftfy reads the whole block: with the vertical tab spaced, it no longer repairs the
    # garbled soft hyphen, which E004 would flag next time. The finding stays, unfixed.
    found = check(InvisibleCharacter, "Q\n\u00c2\xad\u00c4\x0bSyria's\n")
    assert [(d.span.text, d.fix) for d in found] == [("\x0b", None)]
    # A fix that leaves the mojibake reading alone is offered as before.
    found = check(InvisibleCharacter, "Q\nThe caf\u00c3\u00a9 said \x93no\x94.\n")
    assert [d.fix is not None for d in found] == [True, True]


def test_inverted_question_mark_lost_apostrophe() -> None:
    assert fixed("Q\nMr Smith¿s plan; ¿Qué? he asked.\n", WrongApostrophe) == (
        "Q\nMr Smith's plan; ¿Qué? he asked.\n"
    )


def test_primes_and_markdown_code_are_left_alone() -> None:
    assert check(WrongApostrophe, "Q\nHe is 5′11″ and stands at 40°26′N.\n") == []
    found = check(WrongApostrophe, "Q\n\nRun `make` and then it`s done.\n", path="a.md")
    assert [d.span.text for d in found] == ["`"] and found[0].span.column == 23


def test_seed_backticks_and_glued_sentences(seed_001: Path) -> None:
    doc = document(seed_001.read_bytes(), str(seed_001))
    found = lint(doc)
    lines = doc.source.split("\n")
    backtick_lines = sorted({n for n, line in enumerate(lines, 1) if "`" in line})
    assert backtick_lines == [8, 14, 24, 38, 44]
    e002 = [d for d in found if d.code == "E002"]
    assert sorted({d.span.line for d in e002}) == backtick_lines
    assert len(e002) == doc.source.count("`")
    assert sorted(d.span.line for d in found if d.code == "E006") == [24, 40]


def test_seed_fix_changes_only_the_flagged_bytes(seed_001: Path) -> None:
    doc = document(seed_001.read_bytes(), str(seed_001))
    found = lint(doc)
    result = apply_fixes(doc.source, found)
    # Expected: every backtick an apostrophe (the article's quotes are straight), and a space
    # after the full stop of each glued sentence; nothing else.
    glued = [d.span.start + 1 for d in found if d.code == "E006"]
    expected = doc.source.replace("`", "'")
    for at in sorted(glued, reverse=True):
        expected = expected[:at] + " " + expected[at:]
    assert result.text == expected
    assert lint(document(result.text)) == []


def test_seed_000_is_clean(seed_000: Path) -> None:
    assert lint(document(seed_000.read_bytes(), str(seed_000))) == []


# --- E003 HTML leftovers ------------------------------------------------------------------------


def test_entities_are_decoded_even_when_escaped_twice() -> None:
    text = "R\nAT&amp;T, Pel&#233;, caf&#xE9;, &amp;amp; and Blair&#191;s plan&nbsp;now.\n"
    assert fixed(text, HtmlLeftover) == "R\nAT&T, Pelé, café, & and Blair's plan\u00a0now.\n"


def test_ampersands_and_angle_brackets_in_prose_pass() -> None:
    text = "R\nAT&T and R&D rose <5% while M&S; fell &c. and x &unknown; y.\n"
    assert check(HtmlLeftover, text) == []


def test_tags_are_flagged_with_an_unsafe_fix() -> None:
    text = "R\nProfits rose.<br>Shares fell <b>sharply</b> today.\n"
    found = check(HtmlLeftover, text)
    assert [d.span.text for d in found] == ["<br>", "<b>", "</b>"]
    assert all(d.fix.safety == "unsafe" for d in found)
    assert apply_fixes(document(text).source, found, unsafe=True).text == (
        "R\nProfits rose. Shares fell sharply today.\n"
    )
    assert check(HtmlLeftover, text, {"tags": False}) == []


def test_html_files_are_not_checked_for_entities() -> None:
    text = "<html><body><h1>Results</h1><p>AT&amp;T &amp;amp; Pel&eacute;</p></body></html>"
    assert check(HtmlLeftover, text, path="a.html") == []


def test_markdown_keeps_spacing_entities_and_escapes_tags_unsafely() -> None:
    text = "# Results\n\nAT&amp;T&nbsp;rose &lt;5%.\n"
    found = check(HtmlLeftover, text, path="a.md")
    assert [(d.span.text, d.fix.safety) for d in found] == [("&amp;", "safe"), ("&lt;", "unsafe")]


# --- E006 glued sentences -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack killed dozens.Speaking later, he left.",
        'He called it "over."Then he left.',
        "Prices rose 5%.Analysts were surprised.",
        "Was it worth it?Nobody knows.",
        "It ended in 2015.The next began.",
        # domains that spell sentence openers (.it, .in, .no) do not hide a glued sentence
        "They met at the building.It was late.",
        "The fee rose last year.In May it fell.",
        # a decimal is no abbreviation; a Mc surname keeps its inner capital
        "Sales reached $17.8bn.Some analysts were surprised.",
        "He ran 7.23secs.Rivals were slower.",
        "The putt was missed.McIlroy shrugged.",
        "It sold a million copies in the US.Osbourne said so.",
        # a capitalised word, then a sentence opener, a date, the end of a longer name
        "It should have been Joy Division.Those guys were better.",
        "The vote is on Saturday.Julie Andrews will sing.",
        "The ball went to Mark Davies.Sonny Parker scored.",
        # the second word of Name.Name is used on its own elsewhere in the article
        "Tanks entered Prague.Civil groups protested, and civil servants stayed home.",
    ],
)
def test_glued_sentences_are_found_and_spaced(sentence: str) -> None:
    text = f"Talks\n{sentence}\n"
    found = check(GluedSentences, text)
    assert len(found) == 1
    after = fixed(text, GluedSentences)
    assert (
        after.replace(" ", "") == text.replace(" ", "") and after.count(" ") == text.count(" ") + 1
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S.Army and the U.K. met at 9 a.m.The end.",
        "J.R.R. Tolkien, Mr.Smith and St.Albans were there.",
        "See bbc.co.uk, news.BBC.co.uk, Amazon.Com or Booking.Com.Au now.",
        "Write to press@example.Org or visit http://example.com/News.Today for more.",
        "Growth was 2.5 per cent, version 3.1 shipped.",
        "Open report.Docx and data.Csv files.",
        "Built on ASP.NET, Node.js, Vue.js and Console.WriteLine calls.",
        "He waited...Then left.",
        "Yahoo!Music launched.",
        # a dotted company name: capitalised, standing alone, its second word used nowhere else
        "Carriers such as TalkTalk and One.Tel, which route calls, grew fast.",
        "Read fansite Halo.Bungie for the news.",
    ],
)
def test_not_glued(sentence: str) -> None:
    assert check(GluedSentences, f"Talks\n{sentence}\n") == []


# --- E007 mixed quotes, E011 unbalanced quotes ---------------------------------------------------


def test_mixed_quotes_flag_the_minority_and_fix_by_position() -> None:
    text = 'Q\nHe said "no" and “yes” and “maybe”, then the envoy’s aide left.\n'
    found = check(MixedQuotes, text)
    assert [d.span.text for d in found] == ['"', '"']
    assert fixed(text, MixedQuotes) == (
        "Q\nHe said “no” and “yes” and “maybe”, then the envoy’s aide left.\n"
    )


def test_mixed_quotes_house_style() -> None:
    text = "Q\nHe said “no”, the envoy’s aide said.\n"
    assert check(MixedQuotes, text) == []
    assert fixed(text, MixedQuotes, {"style": "straight"}) == (
        'Q\nHe said "no", the envoy\'s aide said.\n'
    )


def test_mixed_quotes_unclear_position_has_no_fix() -> None:
    text = 'Q\nThe “a” and “b” and “c” then a"b.\n'
    found = check(MixedQuotes, text)
    assert len(found) == 1 and found[0].fix is None


def test_unbalanced_quotes() -> None:
    assert not UnbalancedQuotes.default_enabled
    found = check(UnbalancedQuotes, 'Q\nHe said "it is over and "done" now.\n')
    assert [d.span.column for d in found] == [9]
    assert check(UnbalancedQuotes, "Q\nIt ended” there.\n")[0].message.startswith("closing")
    continued = 'Q\n"The talks will resume.\n\n"We are ready," he said.\n'
    merged = 'Q\n"The talks will resume. "We are ready," he said of the 12" disc.\n'
    assert check(UnbalancedQuotes, continued) == []
    assert check(UnbalancedQuotes, merged) == []
    assert check(UnbalancedQuotes, 'Q\n"The talks will resume.\n\nHe left.\n')


# --- the corpus -----------------------------------------------------------------------------------


def test_bbc_sample_findings_per_thousand_words(corpora_dir: Path) -> None:
    """A sample of 100 BBC articles: few E findings, and each of a known kind."""
    files = sorted((corpora_dir / "bbc_news" / "articles").glob("*.txt"))[::22][:100]
    words = 0
    found: list[Diagnostic] = []
    for path in files:
        doc = document(path.read_bytes(), str(path))
        words += doc.word_count()
        found += lint(doc)
    assert len(found) * 1000 / words <= 0.1, [(d.path, d.message) for d in found]


def test_every_e_rule_has_a_failing_and_a_passing_example() -> None:
    for rule in E_RULES:
        kinds = {("fail" if "fail" in e else "pass") for e in rule.examples}
        assert kinds == {"fail", "pass"}, rule.code


def test_entity_regex_is_bounded() -> None:
    from newslint.rules.markup import _ENTITY

    assert _ENTITY.fullmatch("&" + "a" * 40 + ";") is None
    assert re.search(_ENTITY, "&#1234567;")


# --- through the CLI ------------------------------------------------------------------------------


def test_check_fix_on_a_copy_of_seed_001(
    seed_001: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    from newslint.cli import main

    original = seed_001.read_bytes()
    (tmp_path / "001.txt").write_bytes(original)
    monkeypatch.chdir(tmp_path)
    main(["check", "001.txt", "--fix", "--no-cache", "--no-progress", "--select", "E"])
    capsys.readouterr()
    after = (tmp_path / "001.txt").read_bytes()
    expected = original.replace(b"`", b"'")
    for glued in re.findall(rb"[a-z]\.[A-Z][a-z]+", original):
        expected = expected.replace(glued, glued[:2] + b" " + glued[2:])
    if not original.endswith(b"\n"):  # --select E turns on E010 too
        expected += b"\n"
    assert after == expected


def test_check_fix_rewrites_a_windows_1252_file_as_utf8(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from newslint.cli import main

    text = "Fees rise\n\nThe fee is £5 at the café.\n"
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    monkeypatch.chdir(tmp_path)
    main(["check", "a.txt", "--fix", "--no-cache", "--no-progress", "--select", "E008"])
    capsys.readouterr()
    assert (tmp_path / "a.txt").read_bytes() == text.encode("utf-8")
