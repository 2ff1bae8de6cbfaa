"""The text report's snippet: the line the document numbers, shown whole, with the caret under
the flagged character however wide or invisible the characters before it are."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcwidth

from newslint.diagnostic import Diagnostic
from newslint.report import ReportContext, render
from newslint.testing import document

GUTTER = len("    3 | ")


def report(text: str, *flagged: tuple[int, int], path: str = "news/story.txt") -> list[str]:
    """The text report's lines for one finding per (start, end) source range of ``text``."""
    doc = document(text, path)
    found = [
        Diagnostic(doc.span(start, end), "flagged", "T901", "test-misspelling", "warning")
        for start, end in flagged
    ]
    context = ReportContext(files_checked=1, sources={path: text})
    return render("text", found, context).split("\n")


def snippet(lines: list[str], finding: int = 0) -> tuple[str, str, str]:
    """The (gutter, shown line, caret line) of the ``finding``-th finding of a report."""
    at = [k for k, line in enumerate(lines) if line.startswith("news/story.txt:")][finding]
    gutter_and_line, caret_line = lines[at + 2], lines[at + 3]
    return gutter_and_line[:GUTTER], gutter_and_line[GUTTER:], caret_line[GUTTER:]


def columns(text: str) -> int:
    """Terminal columns ``text`` takes (it holds no control character: the report escaped them)."""
    return sum(max(0, wcwidth(char)) for char in text)


def under_caret(shown: str, caret: str) -> str:
    """The part of ``shown`` that the carets stand under."""
    first, last = caret.index("^"), len(caret)
    width, start, end = 0, None, len(shown)
    for k, char in enumerate(shown):
        if start is None and width >= first and wcwidth(char) != 0:
            start = k
        if width >= last:
            end = k
            break
        width += max(0, wcwidth(char))
    return shown[start:end]


def _expected(char: str) -> str:
    if char == "\t":
        return " "
    if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    return char


TEXT = "Headline\n\nA line with a form\x0cfeed and a vertical\x0btab inside.\nLast line.\n"


def test_snippet_is_the_whole_line_the_document_numbers() -> None:
    # str.splitlines() cut the line at the form feed and numbered "Last line." as line 6
    ff, vt, last = TEXT.index("\x0c"), TEXT.index("\x0b"), TEXT.index("Last")
    lines = report(TEXT, (ff, ff + 1), (vt, vt + 1), (last, last + 4))
    assert lines[0].startswith("news/story.txt:3:19:")
    whole = "A line with a form\\x0cfeed and a vertical\\x0btab inside."
    assert snippet(lines, 0) == ("    3 | ", whole, " " * 18 + "^" * 4)
    assert snippet(lines, 1) == ("    3 | ", whole, " " * 41 + "^" * 4)
    assert snippet(lines, 2) == ("    4 | ", "Last line.", "^" * 4)


def test_caret_stands_under_the_flagged_word_after_wide_and_invisible_characters() -> None:
    text = "Talks\n\nZoe\u0308 met 北京 officials\u200b\x1b[1m and\u202e the\tmayor today.\n"
    for word in ("officials", "and", "mayor", "\u200b", "\x1b", "\u202e"):
        start = text.index(word)
        lines = report(text, (start, start + len(word)))
        _, shown, caret = snippet(lines)
        assert under_caret(shown, caret) == (word if len(word) > 1 else _expected(word)), word
        # the escape sequence and the bidi override are shown, not obeyed by the terminal
        assert not {"\x1b", "\u202e", "\t"} & set("".join(lines))


def test_caret_lines_up_in_the_window_of_a_long_line() -> None:
    text = "Talks\n\n" + "word\x0b " * 40 + "target" + " word\x0c" * 40 + "\n"
    start = text.index("target")
    _, shown, caret = snippet(report(text, (start, start + 6)))
    assert shown.startswith("…") and shown.endswith("…")
    assert under_caret(shown, caret) == "target"


def test_caret_under_a_span_that_runs_onto_the_next_line() -> None:
    text = "Talks\n\nOne\x0bline\nand the next.\n"
    start = text.index("line")
    _, shown, caret = snippet(report(text, (start, text.index("next"))))
    assert under_caret(shown, caret) == "line"


@given(
    st.text(
        alphabet=st.sampled_from("ab é\t\x0b\x0c\x1b\x1c\x85\x93\u200b\u202e\u2028北🎉e\u0301"),
        max_size=150,
    ),
    st.data(),
)
def test_caret_is_under_the_flagged_character_for_any_line(line: str, data) -> None:
    text = f"Headline\n\n{line}x\n"
    offsets = [k for k, char in enumerate(line + "x") if not unicodedata.combining(char)]
    start = len("Headline\n\n") + data.draw(st.sampled_from(offsets))
    gutter, shown, caret = snippet(report(text, (start, start + 1)))
    assert gutter == "    3 | "
    assert under_caret(shown, caret) == _expected(text[start])
    assert len(caret) - caret.index("^") == columns(_expected(text[start]))
