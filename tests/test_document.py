"""Document, Block and LineIndex: positions are exact for any input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.document import Block, LineIndex, source_lines
from newslint.testing import document


def _naive_position(text: str, offset: int) -> tuple[int, int]:
    line, column = 1, 1
    i = 0
    while i < offset:
        c = text[i]
        if c == "\r" and i + 1 < len(text) and text[i + 1] == "\n" and i + 1 < offset:
            i += 2
            line, column = line + 1, 1
            continue
        if c in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return line, column


@given(st.text(alphabet=st.sampled_from("ab\r\n\u00e9\U0001f600 "), max_size=60), st.data())
def test_line_index_matches_a_naive_count(text: str, data: st.DataObject) -> None:
    index = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    if offset > 0 and text[offset - 1] == "\r" and offset < len(text) and text[offset] == "\n":
        offset -= 1  # the middle of a CRLF is not a position a span can start at
    line, column = index.position(offset)
    assert (line, column) == _naive_position(text, offset)
    assert index.offset(line, column) == offset


def test_line_index_line_bounds() -> None:
    index = LineIndex("one\r\ntwo\rthree\nfour")
    assert index.line_count == 4
    assert [index.line_bounds(n) for n in range(1, 5)] == [(0, 3), (5, 8), (9, 14), (15, 19)]


def test_source_lines_break_where_the_line_index_does() -> None:
    first = "One\x0bform\x0cfeed\x1cand\x85more\u2028still\u2029one line"
    text = first + "\r\ntwo\rthree\n"
    assert text.splitlines()[0] == "One"  # what the text report and --diff used to show
    assert source_lines(text) == [first, "two", "three"]
    assert source_lines(text, keepends=True) == [first + "\r\n", "two\r", "three\n"]


@given(st.text(alphabet=st.sampled_from("ab\r\n\x0b\x0c\x1c\x1e\x85\u2028\u2029 "), max_size=60))
def test_source_lines_are_the_line_index_lines(text: str) -> None:
    index = LineIndex(text)
    lines = source_lines(text)
    assert "".join(source_lines(text, keepends=True)) == text
    # LineIndex counts an empty last line after a final break; splitlines() and we do not
    assert len(lines) == index.line_count - (1 if text.endswith(("\n", "\r")) or not text else 0)
    for number, line in enumerate(lines, 1):
        start, end = index.line_bounds(number)
        assert line == text[start:end]


def test_block_maps_decoded_text_back_to_source() -> None:
    source = "<p>Pel&#233; &amp; co</p>"
    # "Pelé & co": é comes from six source characters, & from five
    starts = [3, 4, 5, 6, 12, 13, 18, 19, 20]
    ends = [4, 5, 6, 12, 13, 18, 19, 20, 21]
    block = Block("paragraph", "Pelé & co", 3, starts, ends)
    assert block.source_range(0, 4) == (3, 12)
    assert source[slice(*block.source_range(5, 6))] == "&amp;"
    assert block.source_range(9, 9) == (21, 21)
    assert block.end == 21


def test_plain_text_headline_and_paragraph_spans() -> None:
    doc = document("\n  A headline  \n\nFirst paragraph.\nSecond one.\n\nThird.")
    assert doc.headline is not None and doc.headline.text == "A headline"
    assert [b.text for b in doc.blocks] == ["First paragraph.", "Second one.", "Third."]
    span = doc.block_span(doc.blocks[1], 0, 6)
    assert (span.line, span.column, span.end_column, span.text) == (5, 1, 7, "Second")


def test_hard_wrapped_paragraphs_are_joined() -> None:
    body = (
        "The council met on Tuesday evening to discuss the budget for\n"
        "the coming year, and after a long debate the members agreed\n"
        "to cut library hours by two a week at every branch.\n"
    )
    doc = document("Headline\n\n" + body)
    assert len(doc.blocks) == 1
    assert doc.blocks[0].text == body.strip()


@given(st.text(max_size=200).filter(lambda t: "\x00" not in t))
def test_any_text_reads_with_spans_inside(text: str) -> None:
    doc = document(text)
    for block in doc.all_blocks():
        start, end = block.source_range(0, len(block.text))
        assert 0 <= start <= end <= len(doc.source)
        assert doc.source[start:end] == block.text


def test_analysis_is_computed_once_per_document() -> None:
    doc = document("Headline\n\nBody text.")
    calls = []

    def count(d):
        calls.append(d)
        return len(d.blocks)

    assert doc.analysis("blocks", count) == 1
    assert doc.analysis("blocks", count) == 1
    assert len(calls) == 1
    assert document("Headline\n\nBody.").analysis("blocks", count) == 1
    assert len(calls) == 2
