"""Records readers: JSON Lines, JSON and CSV, one Document per record."""

from __future__ import annotations

import json

import pytest

from newslint.decoding import Decoded
from newslint.document import Block, Document
from newslint.errors import InputError
from newslint.formats import ReaderOptions, read_documents
from newslint.formats.records import MAX_PROBLEMS
from newslint.testing import documents


def located(doc: Document, block: Block, word: str) -> tuple[int, int, str]:
    i = block.text.index(word)
    span = doc.block_span(block, i, i + len(word))
    return span.line, span.column, span.text


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def problems(doc: Document) -> list[str]:
    return list(getattr(doc, "problems", None) or ())


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_one_document_per_line_with_records_and_metadata() -> None:
    source = (
        '{"title": "Port strike ends", "body": "Workers return.\\n\\nShips sail.", "src": "w"}\n'
        "\n"
        '{"headline": "Rain due", "text": "Bring a coat.", "tags": ["weather"]}\n'
    )
    first, second = documents(source, "feed.jsonl")
    assert (first.record, first.record_line, first.key) == ("line 1", 1, "feed.jsonl#line 1")
    assert first.headline is not None and first.headline.text == "Port strike ends"
    assert texts(first) == ["Workers return.", "Ships sail."]
    assert first.metadata == {"src": "w"}
    assert (second.record, second.record_line) == ("line 3", 3)
    assert second.headline is not None and second.headline.text == "Rain due"
    assert texts(second) == ["Bring a coat."]
    assert second.metadata == {"tags": ["weather"]}
    assert located(second, second.blocks[0], "coat") == (3, 43, "coat")


def test_jsonl_escapes_map_to_their_source_characters() -> None:
    record = {
        "title": 'Café "wins" 😀 prize',
        "body": 'Line one é.\nLine two says "hi"\tthere.',
    }
    source = json.dumps(record) + "\n"  # ensure_ascii: \u00e9, \ud83d\ude00, \" and \n
    (doc,) = documents(source, "feed.jsonl")
    headline = doc.headline
    assert headline is not None and headline.text == record["title"]
    assert not headline.verbatim
    assert located(doc, headline, "é")[2] == "\\u00e9"
    assert located(doc, headline, '"')[2] == '\\"'
    assert located(doc, headline, "😀")[2] == "\\ud83d\\ude00"
    assert located(doc, headline, "prize")[2] == "prize"
    assert texts(doc) == ["Line one é.", 'Line two says "hi"\tthere.']
    assert located(doc, doc.blocks[1], "there")[2] == "there"
    assert located(doc, doc.blocks[1], '"hi"\t')[2] == '\\"hi\\"\\t'
    # Every character's source decodes to that character.
    for block in doc.all_blocks():
        for i, char in enumerate(block.text):
            start, end = block.source_range(i, i + 1)
            assert json.loads(f'"{source[start:end]}"') == char


def test_jsonl_id_field_names_the_record_and_stays_unique() -> None:
    source = "\n".join(json.dumps({"id": i, "title": f"T{i}", "body": "b"}) for i in (7, 8, 7))
    assert [d.record for d in documents(source, "f.jsonl")] == ["7", "8", "7 (line 3)"]


def test_jsonl_bad_lines_are_skipped_and_reported() -> None:
    source = (
        '{"title": "Good one", "body": "x"}\n'
        '{"title": "Broken", body}\n'
        "[1, 2]\n"
        '{"title": "Good two", "body": "y"}\n'
    )
    docs = documents(source, "feed.jsonl")
    assert [d.record for d in docs] == ["line 1", "line 4"]
    (message,) = problems(docs[0])
    assert message.startswith("feed.jsonl:2:21: expected a field name in double quotes")
    assert "record skipped with 1 more line(s)" in message


def test_jsonl_non_object_lines_are_reported_each() -> None:
    source = '{"title": "Good"}\n"just a string"\n{"title": "Also good"}\n42\n'
    docs = documents(source, "feed.jsonl")
    assert [d.record for d in docs] == ["line 1", "line 3"]
    assert problems(docs[0]) == [
        "feed.jsonl:2:1: not a JSON object but a string; record skipped",
        "feed.jsonl:4:1: not a JSON object but a number; record skipped",
    ]


def test_jsonl_problems_are_capped() -> None:
    source = '{"title": "Good"}\n' + "{bad}\n" * (MAX_PROBLEMS + 5)
    (doc,) = documents(source, "feed.jsonl")
    found = problems(doc)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == f"feed.jsonl: 5 more bad records not shown ({MAX_PROBLEMS + 5} in all)"


def test_jsonl_with_no_good_record_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^feed\.jsonl:1:2: expected a field name"):
        documents("{nope}\n{also: 1}\n", "feed.jsonl")


def test_jsonl_without_known_fields_says_which_fields_it_saw() -> None:
    (doc,) = documents('{"heading": "H", "story": "S"}\n', "feed.jsonl")
    assert doc.headline is None and doc.blocks == []
    (message,) = problems(doc)
    assert "no record has a headline or body field" in message
    assert "fields seen: heading, story" in message


def test_configured_field_names_and_case_insensitive_matching() -> None:
    source = '{"Heading": "Custom", "Story": "Body here."}\n'
    options = ReaderOptions(headline_fields=("heading",), body_fields=("story",))
    raw = source.encode()
    (doc,) = read_documents("f.jsonl", raw, Decoded(source, "utf-8"), options)
    assert doc.headline is not None and doc.headline.text == "Custom"
    assert texts(doc) == ["Body here."]
    assert doc.format == "jsonl"


def test_body_as_a_list_of_paragraph_strings() -> None:
    source = '{"title": "T", "body": ["First \\"para\\".", "Second."]}'
    (doc,) = documents(source, "f.jsonl")
    assert texts(doc) == ['First "para".', "Second."]
    assert located(doc, doc.blocks[1], "Second")[2] == "Second"


def test_pretty_printed_objects_in_jsonl_are_accepted() -> None:
    source = '{\n  "title": "Spread",\n  "body": "Over lines."\n}\n{"title": "Next"}\n'
    docs = documents(source, "f.jsonl")
    assert [(d.record, d.record_line) for d in docs] == [("line 1", 1), ("line 5", 5)]
    assert located(docs[0], docs[0].blocks[0], "lines") == (3, 17, "lines")


def test_documents_of_one_file_share_the_line_index() -> None:
    source = "\n".join(json.dumps({"title": f"T{i}"}) for i in range(3))
    docs = documents(source, "f.jsonl")
    assert docs[0].line_index is docs[2].line_index


# --------------------------------------------------------------------------- JSON


def test_json_list_of_articles() -> None:
    source = json.dumps(
        [{"title": "One", "body": "A.\nB."}, {"title": "Two", "content": "C."}], indent=2
    )
    docs = documents(source, "a.json")
    assert [(d.record, d.record_line) for d in docs] == [("item 1", 2), ("item 2", 6)]
    assert texts(docs[0]) == ["A.", "B."]
    assert texts(docs[1]) == ["C."]


def test_json_object_holding_a_list_of_articles() -> None:
    source = '{"source": "wire", "articles": [{"title": "One"}, 5, {"title": "Two"}]}'
    docs = documents(source, "a.json")
    assert [d.headline.text for d in docs if d.headline] == ["One", "Two"]
    assert problems(docs[0]) == ["a.json:1:51: item 2 is a number, not an object; skipped"]


def test_json_single_article_has_no_record() -> None:
    (doc,) = documents('{"title": "Alone", "body": "Text.", "author": "Jo"}', "a.json")
    assert doc.record is None and doc.key == "a.json"
    assert doc.metadata == {"author": "Jo"}


def test_invalid_json_is_an_input_error_with_line_and_column() -> None:
    with pytest.raises(InputError, match=r"^a\.json:2:16: not valid JSON"):
        documents('[{"title": "x"},\n {"title": "y" "body": 1}]', "a.json")
    with pytest.raises(InputError, match="not a list of articles"):
        documents('"just text"', "a.json")


# --------------------------------------------------------------------------- CSV


def test_csv_rows_with_quotes_and_newlines_in_fields() -> None:
    source = (
        "id,title,body,section\r\n"
        'a1,"He said ""no""","First para.\r\n\r\nSecond, ""quoted"".",news\r\n'
        "a2,Plain title,Plain body,sport\r\n"
    )
    first, second = documents(source, "data.csv")
    assert (first.record, first.record_line) == ("a1", 2)
    assert first.headline is not None and first.headline.text == 'He said "no"'
    assert located(first, first.headline, '"no"')[2] == '""no""'
    assert texts(first) == ["First para.", 'Second, "quoted".']
    assert located(first, first.blocks[1], "quoted") == (4, 11, "quoted")
    assert first.metadata == {"id": "a1", "section": "news"}
    assert (second.record, second.record_line) == ("a2", 5)
    assert second.blocks[0].verbatim


def test_csv_row_numbers_without_an_id_column() -> None:
    source = "title,text\nOne,x\n\nTwo,y\n"
    assert [(d.record, d.record_line) for d in documents(source, "d.csv")] == [
        ("row 1", 2),
        ("row 2", 4),
    ]


def test_csv_semicolons_and_extra_columns() -> None:
    source = "headline;body\nA;b;extra\n"
    (doc,) = documents(source, "d.csv")
    assert doc.headline is not None and doc.headline.text == "A"
    assert doc.metadata == {"column 3": "extra"}


def test_csv_text_after_a_closing_quote_is_kept_like_the_csv_module() -> None:
    (doc,) = documents('title,body\n"Quoted"tail,x\n', "d.csv")
    assert doc.headline is not None and doc.headline.text == "Quotedtail"
    assert located(doc, doc.headline, "tail")[2] == "tail"


def test_csv_unclosed_quote_is_reported() -> None:
    docs = documents('title,body\nOne,x\nTwo,"never closed\nmore\n', "d.csv")
    assert len(docs) == 2
    assert problems(docs[0]) == [
        "d.csv:3:1: row 2: a quoted field is never closed; it runs to the end"
    ]


def test_csv_without_headline_or_body_columns_is_reported() -> None:
    (doc,) = documents("a,b\n1,2\n", "d.csv")
    assert "the header has no headline or body column" in problems(doc)[0]


def test_header_only_csv_has_no_documents() -> None:
    assert documents("title,body\n", "d.csv") == []


# --------------------------------------------------------------------------- fixes


def test_fix_replacements_are_escaped_for_json_and_csv() -> None:
    from newslint.formats import escape_replacement

    assert escape_replacement("jsonl", "", 0, 0, 'said "no"\n') == 'said \\"no\\"\\n'
    source = 'title,body\nA,"He said ""hi"", then"\nB,plain\n'
    at = source.index("hi")
    assert escape_replacement("csv", source, at, at + 2, '"yo"') == '""yo""'
    at = source.index("plain")
    assert escape_replacement("csv", source, at, at + 5, "simple") == "simple"
    # A comma in an unquoted field would need the field quoted: the fix cannot be written.
    assert escape_replacement("csv", source, at, at + 5, "a, b") is None
