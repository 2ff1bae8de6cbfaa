"""The Markdown reader: front matter, headline, verbatim blocks with blanked markup."""

from __future__ import annotations

from newslint.document import Block, Document
from newslint.testing import document


def read(text: str) -> Document:
    return document(text, "story.md")


def located(doc: Document, block: Block, word: str) -> tuple[int, int, str]:
    """(line, column, source text) of the first ``word`` in a block."""
    i = block.text.index(word)
    span = doc.block_span(block, i, i + len(word))
    return span.line, span.column, span.text


def body(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def test_headline_from_front_matter_points_at_the_value() -> None:
    doc = read("---\nauthor: Sam\ntitle: Council approves budget\n---\n\nFirst paragraph.\n")
    assert doc.headline is not None
    assert doc.headline.text == "Council approves budget"
    assert located(doc, doc.headline, "approves") == (3, 16, "approves")
    assert doc.metadata == {"author": "Sam", "title": "Council approves budget"}
    assert body(doc) == [("paragraph", "First paragraph.")]


def test_quoted_front_matter_values_map_escapes_and_doubled_quotes() -> None:
    doc = read(
        '---\ntitle: "Caf\\u00e9 owners \\"win\\" appeal"\n'
        "standfirst: 'It''s over, the judge said'\n---\nText.\n"
    )
    assert doc.headline is not None
    assert doc.headline.text == 'Café owners "win" appeal'
    # "é" is the six characters of its escape; "win" sits after an escaped quote.
    assert doc.block_span(doc.headline, 3, 4).text == "\\u00e9"
    assert located(doc, doc.headline, "win") == (2, 28, "win")
    assert located(doc, doc.headline, '"win"')[2] == '\\"win\\"'
    standfirst = doc.blocks[0]
    assert (standfirst.kind, standfirst.text) == ("standfirst", "It's over, the judge said")
    assert doc.block_span(standfirst, 2, 3).text == "''"
    assert located(doc, standfirst, "judge") == (3, 30, "judge")


def test_headline_key_is_used_when_there_is_no_title() -> None:
    doc = read("---\nheadline: Floods close roads\n---\n# Not this one\n\nBody.\n")
    assert doc.headline is not None and doc.headline.text == "Floods close roads"
    assert body(doc) == [("heading", "Not this one"), ("paragraph", "Body.")]


def test_first_level_one_heading_is_the_headline_without_front_matter() -> None:
    doc = read("Intro line.\n\n# Storm hits coast\n\n## Damage\n\nRoofs were lost.\n")
    assert doc.headline is not None
    assert (doc.headline.kind, doc.headline.text) == ("headline", "Storm hits coast")
    assert located(doc, doc.headline, "hits") == (3, 9, "hits")
    assert body(doc) == [
        ("paragraph", "Intro line."),
        ("heading", "Damage"),
        ("paragraph", "Roofs were lost."),
    ]


def test_setext_heading_and_an_opening_subheading() -> None:
    doc = read("Storm hits coast\n================\n\nBody.\n")
    assert doc.headline is not None and doc.headline.text == "Storm hits coast"
    doc = read("## Only a subheading\n\nBody.\n")
    assert doc.headline is not None and doc.headline.text == "Only a subheading"
    assert read("Just a paragraph.\n").headline is None


def test_emphasis_links_code_images_and_html_are_blanked_in_place() -> None:
    source = (
        '# Title\n\nThe **mayor** said *no* to [the plan](https://example.org/p_(1) "t") '
        "and `code`, ![a photo](p.jpg), <span>tag</span><!-- note --> and &amp; stays.\n"
    )
    doc = read(source)
    (paragraph,) = doc.blocks
    assert paragraph.verbatim
    assert paragraph.text == (
        "The   mayor   said  no  to  the plan"
        + " " * 33
        + "and       ,"
        + " " * 18
        + ",       tag"
        + " " * 21
        + "and &amp; stays."
    )
    assert located(doc, paragraph, "plan") == (3, 33, "plan")
    assert located(doc, paragraph, "stays") == (3, 141, "stays")


def test_backslash_escapes_keep_the_character_and_blank_the_backslash() -> None:
    doc = read("Prices rose 5\\* in \\[brackets\\].\n")
    assert [b.text for b in doc.blocks] == ["Prices rose 5 * in  [brackets ]."]


def test_strong_and_emphasis_combined_and_unmatched_markers() -> None:
    doc = read("A ***very*** big __deal__ and a lone * star and snake_case_word.\n")
    assert doc.blocks[0].text == "A    very    big   deal   and a lone * star and snake_case_word."


def test_blockquote_prefixes_are_blanked_and_lines_kept() -> None:
    source = "Text.\n\n> He said the plan\n> was *dead*.\nlazy line\n"
    doc = read(source)
    assert body(doc) == [
        ("paragraph", "Text."),
        ("quote", "He said the plan\n  was  dead .\nlazy line"),
    ]
    quote = doc.blocks[1]
    assert located(doc, quote, "dead") == (4, 8, "dead")
    assert located(doc, quote, "lazy") == (5, 1, "lazy")


def test_list_items_and_nested_quotes() -> None:
    source = "- First item\n  continues here\n- Second\n\n1. Numbered\n\n> - quoted item\n"
    doc = read(source)
    assert body(doc) == [
        ("list-item", "First item\n  continues here"),
        ("list-item", "Second"),
        ("list-item", "Numbered"),
        ("list-item", "quoted item"),
    ]
    assert located(doc, doc.blocks[0], "continues") == (2, 3, "continues")
    assert located(doc, doc.blocks[3], "quoted") == (7, 5, "quoted")


def test_code_html_blocks_and_front_matter_are_not_prose() -> None:
    source = (
        "---\ntitle: T\n---\nProse one.\n\n    indented code\n\n```\nfenced code\n```\n\n"
        "<div>\nhtml block\n</div>\n\nProse two.\n"
    )
    assert body(read(source)) == [("paragraph", "Prose one."), ("paragraph", "Prose two.")]


def test_table_cells() -> None:
    doc = read("| Name | Votes |\n|------|------:|\n| Jane Roe | 1,204 |\n")
    assert body(doc) == [
        ("table-cell", "Name"),
        ("table-cell", "Votes"),
        ("table-cell", "Jane Roe"),
        ("table-cell", "1,204"),
    ]
    assert located(doc, doc.blocks[2], "Roe") == (3, 8, "Roe")


def test_crlf_line_endings_map_exactly() -> None:
    source = "---\r\ntitle: Vote held\r\n---\r\n\r\nA first\r\nline and *more*.\r\n"
    doc = read(source)
    assert doc.headline is not None and doc.headline.text == "Vote held"
    assert body(doc) == [("paragraph", "A first\r\nline and  more .")]
    assert located(doc, doc.blocks[0], "more") == (6, 11, "more")


def test_invalid_front_matter_is_a_problem_and_the_body_is_still_read() -> None:
    doc = read("---\ntitle: [unclosed\n---\n# Heading\n\nBody.\n")
    assert doc.metadata == {}
    assert doc.headline is not None and doc.headline.text == "Heading"
    problems = doc.problems  # type: ignore[attr-defined]
    assert len(problems) == 1 and problems[0].startswith("story.md:")
    assert "not valid YAML" in problems[0]


def test_front_matter_that_is_not_a_mapping_is_reported() -> None:
    doc = read("---\n- a\n- b\n---\nBody.\n")
    assert doc.metadata == {}
    assert "not a mapping" in doc.problems[0]  # type: ignore[attr-defined]


def test_newslint_ignore_list_reaches_metadata() -> None:
    doc = read("---\ntitle: T\nnewslint-ignore: [T001, H002]\n---\nBody.\n")
    assert doc.metadata["newslint-ignore"] == ["T001", "H002"]


def test_unclosed_front_matter_is_markdown() -> None:
    doc = read("---\nNot front matter\n")
    assert doc.metadata == {}
    assert body(doc) == [("paragraph", "Not front matter")]


def test_non_string_title_falls_back_to_heading() -> None:
    doc = read("---\ntitle: 2024\n---\n# Real title\n")
    assert doc.headline is not None and doc.headline.text == "Real title"


def test_folded_front_matter_title_maps_into_its_lines() -> None:
    doc = read("---\ntitle: Long headline\n  over two lines\n---\nBody.\n")
    assert doc.headline is not None
    assert doc.headline.text == "Long headline over two lines"
    assert located(doc, doc.headline, "over") == (3, 3, "over")


def test_empty_and_blank_documents() -> None:
    for text in ("", "\n\n", "---\n---\n"):
        doc = read(text)
        assert doc.headline is None and doc.blocks == []


def test_duplicate_front_matter_key_points_at_the_value_that_wins() -> None:
    doc = read("---\ntitle: First\ntitle: Second one\n---\n")
    assert doc.headline is not None and doc.headline.text == "Second one"
    assert located(doc, doc.headline, "one") == (3, 15, "one")
