"""The HTML reader: headline, block elements, entities and white space mapped exactly."""

from __future__ import annotations

from newslint.document import Block, Document
from newslint.testing import document


def read(text: str) -> Document:
    return document(text, "story.html")


def located(doc: Document, block: Block, word: str) -> tuple[int, int, str]:
    i = block.text.index(word)
    span = doc.block_span(block, i, i + len(word))
    return span.line, span.column, span.text


def body(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Site name &amp; more</title>
  <meta name="author" content="Kim Lee">
  <script>var p = "<p>not prose</p>";</script>
  <style>p { color: red }</style>
</head>
<body>
<header><div class="logo">Daily Site</div><nav><a href="/">Home</a></nav></header>
<article>
  <h1>Caf&eacute; owners &#8220;win&#x201D;
      appeal</h1>
  <p>The   council <em>voted</em> on
  Tuesday&nbsp;night &amp; the <a href="/x">mayor</a> agreed.
  <p>An implied close.
  <blockquote><p>We will appeal, she said.</p></blockquote>
  <ul><li>First point<li>Second <b>point</b></ul>
  <figure><img src="a.jpg" alt="not text"><figcaption>The square at dusk</figcaption></figure>
  <h2>What next</h2>
  <table><tr><th>Ward<th>Votes</tr><tr><td>North<td>1,204</table>
  <pre>code sample</pre>
</article>
<aside>Related stories</aside>
<footer>Copyright notice</footer>
</body>
</html>
"""


def test_headline_from_h1_with_entities_mapped_to_their_source() -> None:
    doc = read(PAGE)
    assert doc.headline is not None
    assert doc.headline.text == "Café owners “win” appeal"
    assert located(doc, doc.headline, "é") == (12, 10, "&eacute;")
    assert located(doc, doc.headline, "“")[2] == "&#8220;"
    assert located(doc, doc.headline, "”")[2] == "&#x201D;"
    # The line break and indentation before "appeal" are one space.
    assert located(doc, doc.headline, "” ")[2] == "&#x201D;\n      "
    assert located(doc, doc.headline, "appeal") == (13, 7, "appeal")


def test_body_blocks_in_order_with_kinds() -> None:
    assert body(read(PAGE)) == [
        ("paragraph", "The council voted on Tuesday\xa0night & the mayor agreed."),
        ("paragraph", "An implied close."),
        ("quote", "We will appeal, she said."),
        ("list-item", "First point"),
        ("list-item", "Second point"),
        ("caption", "The square at dusk"),
        ("heading", "What next"),
        ("table-cell", "Ward"),
        ("table-cell", "Votes"),
        ("table-cell", "North"),
        ("table-cell", "1,204"),
    ]


def test_positions_survive_tags_entities_and_collapsed_space() -> None:
    doc = read(PAGE)
    paragraph = doc.blocks[0]
    assert not paragraph.verbatim
    assert located(doc, paragraph, "voted") == (14, 24, "voted")
    assert located(doc, paragraph, "&") == (15, 22, "&amp;")
    assert located(doc, paragraph, "mayor") == (15, 45, "mayor")
    assert located(doc, paragraph, "council voted")[2] == "council <em>voted"
    assert located(doc, paragraph, "The council")[2] == "The   council"


def test_metadata_from_meta_tags_and_lang() -> None:
    assert read(PAGE).metadata == {"lang": "en", "author": "Kim Lee"}


def test_title_is_the_headline_without_h1() -> None:
    doc = read("<html><head><title>Rates &amp; rents rise</title></head><body><p>Text.</p>")
    assert doc.headline is not None and doc.headline.text == "Rates & rents rise"
    assert located(doc, doc.headline, "&")[2] == "&amp;"
    assert body(doc) == [("paragraph", "Text.")]


def test_h1_in_the_article_beats_a_site_header_h1() -> None:
    doc = read("<header><h1>Site</h1></header><article><h1>Real story</h1><p>x</p></article>")
    assert doc.headline is not None and doc.headline.text == "Real story"
    assert body(doc) == [("paragraph", "x")]


def test_header_inside_the_article_is_kept() -> None:
    doc = read("<article><header><h1>Story</h1><p>By Ann Bell</p></header><p>Body.</p></article>")
    assert doc.headline is not None and doc.headline.text == "Story"
    assert body(doc) == [("paragraph", "By Ann Bell"), ("paragraph", "Body.")]


def test_second_h1_is_a_heading() -> None:
    doc = read("<h1>One</h1><p>a</p><h1>Two</h1>")
    assert doc.headline is not None and doc.headline.text == "One"
    assert body(doc) == [("paragraph", "a"), ("heading", "Two")]


def test_double_br_splits_paragraphs_and_single_br_is_a_space() -> None:
    doc = read("<body>First line<br>same paragraph<br><br>\nSecond paragraph</body>")
    assert body(doc) == [
        ("paragraph", "First line same paragraph"),
        ("paragraph", "Second paragraph"),
    ]
    assert located(doc, doc.blocks[0], "line same")[2] == "line<br>same"


def test_div_direct_text_around_nested_blocks() -> None:
    doc = read("<div>Before <p>inside</p> after</div>")
    assert body(doc) == [("paragraph", "Before"), ("paragraph", "inside"), ("paragraph", "after")]


def test_fragment_without_html_or_body() -> None:
    doc = read("<p>One.</p>\n<p>Two &mdash; three.</p>\n")
    assert doc.headline is None
    assert body(doc) == [("paragraph", "One."), ("paragraph", "Two — three.")]


def test_unknown_entities_and_bare_ampersands_stay_as_written() -> None:
    doc = read("<p>Fish &chips; and AT&T &amp R&D</p>")
    assert doc.blocks[0].text == "Fish &chips; and AT&T & R&D"
    assert located(doc, doc.blocks[0], "& R")[2] == "&amp R"


def test_malformed_html_does_not_crash() -> None:
    for text in ("<p>unclosed <b>bold", "</p></div>stray", "<p <p>>", "<!-- never closed", "<"):
        doc = read(text)
        for block in doc.all_blocks():
            assert 0 <= block.start <= block.end <= len(doc.source)


def test_crlf_and_line_columns() -> None:
    doc = read("<h1>Title</h1>\r\n<p>Line one\r\nline two</p>\r\n")
    assert body(doc) == [("paragraph", "Line one line two")]
    assert located(doc, doc.blocks[0], "two") == (3, 6, "two")


def test_fix_replacements_are_escaped_as_html_text() -> None:
    from newslint.formats import escape_replacement

    assert escape_replacement("html", "", 0, 0, "R&D <now>") == "R&amp;D &lt;now&gt;"
    assert escape_replacement("markdown", "", 0, 0, "R&D") == "R&D"
