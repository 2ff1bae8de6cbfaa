"""The JUnit report: well-formed XML, parsed back with ElementTree, whatever the text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostic import Diagnostic
from newslint.document import Span
from newslint.report import ReportContext, render
from tests.report.conftest import RULES, Sample, make_sample


def parse(diagnostics: list[Diagnostic], context: ReportContext) -> ET.Element:
    text = render("junit", diagnostics, context)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_structure(sample: Sample, context: ReportContext) -> None:
    other = sample.naming.with_meta(span=sample.other.span(0, 7))
    root = parse([*sample.all, other], context)
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "newslint", "tests": "5", "failures": "5", "errors": "0"}
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["news/council.txt", "news/mayor.txt", "newslint"]
    mayor = suites[1]
    assert mayor.attrib == {
        "name": "news/mayor.txt",
        "tests": "4",
        "failures": "4",
        "errors": "0",
        "skipped": "0",
    }
    cases = mayor.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "N901 test-naming at line 1, column 1",
        "E901 test-mojibake at line 1, column 9",
        "T901 test-misspelling at line 3, column 20",
        "S901 test-house-style at line 3, column 46",
    ]
    typo = cases[2]
    assert typo.attrib == {
        "name": "T901 test-misspelling at line 3, column 20",
        "classname": "news/mayor.txt",
        "file": "news/mayor.txt",
        "line": "3",
    }
    [failure] = typo
    assert failure.tag == "failure"
    assert failure.attrib == {"message": "Misspelling: 'teh' should be \"the\"", "type": "T901"}
    assert failure.text == (
        "news/mayor.txt:3:20: T901 [warning] Misspelling: 'teh' should be \"the\"\n"
        "flagged: teh\n"
        "suggestions: the\n"
        "fix: unsafe (replace 'teh' with 'the')"
    )
    naming = cases[0].find("failure")
    assert naming is not None and naming.text is not None
    assert naming.text.splitlines()[-2:] == [
        "related: first spelling [lower case]: news/council.txt:3:5",
        "related: see also: news/mayor.txt:4:5",
    ]


def test_summary_suite_carries_the_run(sample: Sample) -> None:
    context = ReportContext(
        rules=RULES,
        files_checked=7,
        tool_version="0.1.0",
        fixes_applied=2,
        errors=("gone.txt: no such file or directory", 'bad <&> "name".txt: binary file'),
    )
    root = parse([sample.typo], context)
    assert root.attrib == {"name": "newslint", "tests": "3", "failures": "1", "errors": "2"}
    summary = root.findall("testsuite")[-1]
    assert summary.attrib == {
        "name": "newslint",
        "tests": "2",
        "failures": "0",
        "errors": "2",
        "skipped": "0",
    }
    props = {p.get("name"): p.get("value") for p in summary.iter("property")}
    assert props == {"newslint.version": "0.1.0", "files_checked": "7", "fixes_applied": "2"}
    errors = [(case.get("name"), case.find("error")) for case in summary.findall("testcase")]
    assert [name for name, _ in errors] == [
        "gone.txt: no such file or directory",
        'bad <&> "name".txt: binary file',
    ]
    for name, error in errors:
        assert error is not None
        assert error.attrib == {"message": name, "type": "InputError"}
        assert error.text == name


def test_clean_run_is_one_passing_case(context: ReportContext) -> None:
    root = parse([], context)
    assert root.attrib == {"name": "newslint", "tests": "1", "failures": "0", "errors": "0"}
    [suite] = root.findall("testsuite")
    [case] = suite.findall("testcase")
    assert case.attrib == {"name": "No findings in 3 files", "classname": "newslint"}
    assert list(case) == []


def test_special_characters_round_trip(sample: Sample, context: ReportContext) -> None:
    message = 'Quotes “curly” and "straight", <tag> & 100% 🎉\nsecond line\r\nthird\ttab'
    root = parse([sample.typo.with_meta(message=message)], context)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == message  # newlines survive in the attribute
    assert failure.text is not None and message in failure.text


def test_characters_xml_cannot_hold_are_escaped(sample: Sample, context: ReportContext) -> None:
    message = "bell\x07 nul\x00 esc\x1b half\ud83d end\ufffe"
    text = render("junit", [sample.typo.with_meta(message=message)], context)
    text.encode("utf-8")
    failure = ET.fromstring(text.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "bell\\x07 nul\\x00 esc\\x1b half\\ud83d end\\ufffe"


def test_record_named_in_the_case(context: ReportContext) -> None:
    span = Span("feeds/wire.jsonl", 40, 43, 2, 15, 2, 18, "teh", record="line 2")
    d = Diagnostic(span, "Misspelling", "T901", "test-misspelling", "warning")
    case = parse([d], context).find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "T901 test-misspelling at line 2, column 15 (line 2)"
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert failure.text.startswith("feeds/wire.jsonl:2:15: [line 2] T901 [warning] Misspelling")


def test_paths_relative_to_the_root(tmp_path: Path) -> None:
    sample = make_sample(str(tmp_path / "news" / "a.txt"))
    context = ReportContext(rules=RULES, root=str(tmp_path))
    suite = parse([sample.typo], context).find("testsuite")
    assert suite is not None and suite.get("name") == "news/a.txt"


@settings(max_examples=80, deadline=None)
@given(message=st.text(max_size=40), path=st.text(min_size=1, max_size=20))
def test_any_text_is_well_formed(message: str, path: str) -> None:
    span = Span(path, 0, 1, 1, 1, 1, 2, message[:1])
    d = Diagnostic(span, message, "T901", "test-misspelling", "warning")
    context = ReportContext(errors=(message,))
    text = render("junit", [d], context)
    root = ET.fromstring(text.encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    legal = all(
        c in "\t\n\r" or (" " <= c < "\ud800") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
        for c in message
    )
    if legal:
        assert failure.get("message") == message
        assert failure.text is not None and message in failure.text
