"""The concise report: exactly one ``path:line:col: CODE [severity] message`` line per finding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostic import Diagnostic
from newslint.document import Span
from newslint.report import ReportContext, render
from newslint.report.concise import format_line, one_line
from tests.report.conftest import RULES, Sample, make_sample


def test_whole_report(sample: Sample, context: ReportContext) -> None:
    # given out of order: the report sorts by file and position
    assert render("concise", list(reversed(sample.all)), context) == (
        "news/mayor.txt:1:1: N901 [warning] Spelt 'Mayor’s' here but [sic] elsewhere\n"
        'news/mayor.txt:1:9: E901 [error] Curly quotes <“”> & 100% sure: fix, then "check"'
        "\\nline two\n"
        "news/mayor.txt:3:20: T901 [warning] Misspelling: 'teh' should be \"the\"\n"
        "news/mayor.txt:3:46: S901 [info] Long sentence\n"
    )


def test_no_findings_is_empty(context: ReportContext) -> None:
    assert render("concise", [], context) == ""


def test_line_breaks_and_controls_are_escaped() -> None:
    assert one_line("a\nb\r\nc\rd\x0be\x1b[31mf\u2028g\u0085h\ti") == (
        "a\\nb\\r\\nc\\rd\\x0be\\x1b[31mf\\u2028g\\x85h\ti"
    )
    assert one_line("half \ud83d emoji 🎉") == "half \\ud83d emoji 🎉"


def test_color_only_when_asked(sample: Sample) -> None:
    plain = format_line(sample.mojibake.with_meta(message="m"))
    colored = format_line(sample.mojibake.with_meta(message="m"), color=True)
    assert plain == "news/mayor.txt:1:9: E901 [error] m"
    assert colored == "\033[1mnews/mayor.txt:1:9:\033[0m \033[1;31mE901\033[0m [error] m"
    context = ReportContext(rules=RULES, color=True)
    assert "\033[" in render("concise", [sample.typo], context)


def test_path_with_newline_stays_on_one_line() -> None:
    span = Span("odd\nname.txt", 0, 1, 1, 1, 1, 2, "x")
    line = format_line(Diagnostic(span, "m", "S901", "test-house-style", "info"))
    assert line == "odd\\nname.txt:1:1: S901 [info] m"


@settings(max_examples=80, deadline=None)
@given(message=st.text(max_size=60))
def test_any_message_is_one_line(message: str) -> None:
    d = make_sample().typo.with_meta(message=message)
    out = render("concise", [d, d], ReportContext())
    out.encode("utf-8")
    assert len(out.splitlines()) == 2
    assert out.startswith("news/mayor.txt:3:20: T901 [warning] ")
