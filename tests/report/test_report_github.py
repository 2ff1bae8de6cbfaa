"""The GitHub Actions report: one escaped workflow command per finding."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostic import Diagnostic
from newslint.document import Span
from newslint.report import ReportContext, render
from newslint.report.github import escape_data, escape_property, format_line
from tests.report.conftest import Sample, make_sample


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the Actions runner does."""
    assert line.startswith("::")
    head, sep, data = line[2:].partition("::")
    assert sep, line
    command, _, props = head.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ",")):
            value = value.replace(escaped, char)
        properties[key] = value.replace("%25", "%")
    for escaped, char in (("%0D", "\r"), ("%0A", "\n")):
        data = data.replace(escaped, char)
    return command, properties, data.replace("%25", "%")


def test_whole_report(sample: Sample, context: ReportContext) -> None:
    assert render("github", sample.all, context).splitlines() == [
        "::warning file=news/mayor.txt,line=1,col=1,endLine=1,endColumn=8,"
        "title=N901 test-naming::Spelt 'Mayor’s' here but [sic] elsewhere",
        "::error file=news/mayor.txt,line=1,col=9,endLine=1,endColumn=15,"
        'title=E901 test-mojibake::Curly quotes <“”> & 100%25 sure: fix, then "check"%0Aline two',
        "::warning file=news/mayor.txt,line=3,col=20,endLine=3,endColumn=23,"
        "title=T901 test-misspelling::Misspelling: 'teh' should be \"the\"",
        # the span ends after the CRLF: one line, so no columns
        "::notice file=news/mayor.txt,line=3,endLine=3,title=S901 test-house-style::Long sentence",
    ]


def test_escaping_follows_the_runner() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_properties_with_colons_and_commas(sample: Sample, tmp_path: Path) -> None:
    path = str(tmp_path / "news" / "Paris, France: 50% off.txt")
    d = make_sample(path).typo.with_meta(name="odd,name:here")
    line = format_line(d, str(tmp_path))
    assert line.startswith(
        "::warning file=news/Paris%2C France%3A 50%25 off.txt,line=3,col=20,endLine=3,"
        "endColumn=23,title=T901 odd%2Cname%3Ahere::"
    )
    command, props, message = parse(line)
    assert command == "warning"
    assert props["file"] == "news/Paris, France: 50% off.txt"
    assert props["title"] == "T901 odd,name:here"
    assert message == d.message


def test_multiline_span_has_no_columns() -> None:
    span = Span("a.txt", 0, 30, 2, 5, 4, 3, "x" * 30)
    line = format_line(Diagnostic(span, "Too long", "S901", "test-house-style", "info"))
    assert line == "::notice file=a.txt,line=2,endLine=4,title=S901 test-house-style::Too long"


def test_paths_outside_the_root_stay_as_given(sample: Sample, tmp_path: Path) -> None:
    elsewhere = str(tmp_path / "other" / "x.txt")
    span = Span(elsewhere, 0, 1, 1, 1, 1, 2, "x")
    line = format_line(Diagnostic(span, "m", "S901"), str(tmp_path / "repo"))
    assert parse(line)[1]["file"] == Path(elsewhere).as_posix()


def test_unreadable_files_are_error_annotations(sample: Sample) -> None:
    context = ReportContext(errors=("gone.txt: no such file or directory",))
    assert render("github", [], context) == (
        "::error title=newslint::gone.txt: no such file or directory\n"
    )


def test_no_findings_no_output(context: ReportContext) -> None:
    assert render("github", [], context) == ""


def test_record_is_named_in_the_message() -> None:
    span = Span("feeds/wire.jsonl", 40, 43, 2, 15, 2, 18, "teh", record="line 2")
    line = format_line(Diagnostic(span, "Misspelling", "T901", "test-misspelling", "warning"))
    assert parse(line)[2] == "[line 2] Misspelling"


def test_one_line_per_finding_whatever_the_message(sample: Sample, context: ReportContext) -> None:
    nasty = [d.with_meta(message="a\nb\r\nc\rd %0A") for d in sample.all]
    out = render("github", nasty, context)
    assert len(out.splitlines()) == len(nasty)
    assert all(parse(line)[2] == "a\nb\r\nc\rd %0A" for line in out.splitlines())


def test_lone_surrogate_is_written_escaped(sample: Sample) -> None:
    line = format_line(sample.typo.with_meta(message="half \ud83d emoji"))
    line.encode("utf-8")
    assert line.endswith("::half \\ud83d emoji")


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=80, deadline=None)
@given(message=_TEXT, name=_TEXT)
def test_any_text_round_trips(message: str, name: str) -> None:
    d = make_sample().typo.with_meta(message=message, name=name)
    line = format_line(d)
    assert "\n" not in line and "\r" not in line
    command, props, data = parse(line)
    assert command == "warning"
    assert data == message
    assert props["title"] == " ".join(p for p in ("T901", name) if p)
    assert props["line"] == "3" and props["col"] == "20"
