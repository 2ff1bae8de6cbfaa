"""HTML articles, read with the standard library's ``html.parser``.

- **Headline**: the first ``<h1>`` inside ``<article>`` or ``<main>``, else the first ``<h1>``
  anywhere, else the ``<title>``.
- **Body**: the text of block elements in document order: ``<p>``, ``<div>`` and other
  containers with text of their own (``paragraph``), ``<li>`` (``list-item``),
  ``<blockquote>`` (``quote``), ``<figcaption>``/``<caption>`` (``caption``), ``<h2>``-``<h6>``
  and further ``<h1>`` (``heading``), ``<td>``/``<th>`` (``table-cell``). A ``<p>`` inside a list
  item, quote, caption or cell takes that kind. Two ``<br>`` in a row split a paragraph.
- **Skipped**: ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``math``, ``pre``,
  ``code``, form controls, ``iframe``, and boilerplate: ``nav``, ``footer``, ``aside``, and a
  ``<header>`` outside ``<article>``/``<main>`` (its ``<h1>`` may still be the headline).
- **Text**: entities and character references are decoded (``&amp;`` -> ``&``) and runs of
  HTML white space collapse to one space; inline tags vanish and ``<br>`` is a space. Each
  block maps every character back to its source range (``starts``/``ends``), so a decoded
  entity points at the whole entity and a collapsed space at the whole white-space run.
- **Metadata**: ``<meta name|property=... content=...>`` pairs and the ``<html lang>``.

The parser runs with ``convert_charrefs=False`` so that entities arrive as their own events
and every event's position (``getpos()``) is exact.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from newslint.decoding import Decoded
from newslint.document import Block, Document
from newslint.formats import ReaderOptions
from newslint.formats.textmap import TextMap, add_problems

#: elements whose direct text is a block, with the kind of that block
_BLOCK_KIND = {
    "p": "paragraph",
    "div": "paragraph",
    "li": "list-item",
    "dd": "paragraph",
    "dt": "paragraph",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "td": "table-cell",
    "th": "table-cell",
}
#: other elements that start and end blocks (their direct text is a paragraph)
_BLOCK_LEVEL = frozenset(_BLOCK_KIND) | {
    "html",
    "body",
    "article",
    "section",
    "main",
    "header",
    "hgroup",
    "figure",
    "ul",
    "ol",
    "dl",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "hr",
    "address",
    "details",
    "summary",
    "fieldset",
    "legend",
    "center",
    "form",
    "menu",
    "title",
}
#: elements whose whole content is not prose
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "pre",
        "code",
        "button",
        "select",
        "textarea",
        "iframe",
        "object",
        "head",
        "nav",
        "footer",
        "aside",
    }
)
#: kinds a <p> or <div> inherits from the nearest of these ancestors
_INHERITED = {
    "li": "list-item",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
    "td": "table-cell",
    "th": "table-cell",
}
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: start tags that close an open element of the given set (a simplified HTML tree builder)
_CLOSES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # tag: (elements it closes, elements that stop the search)
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
}
_P_SCOPE = frozenset({"html", "table", "td", "th", "caption", "object", "template", "button"})
_HTML_SPACE = " \t\n\r\f"
_SPACES = re.compile(r"[ \t\n\r\f]*")
_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
# Entities inside raw-text data (a <title> on Pythons that parse it as RCDATA).
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def read(path: str, decoded: Decoded, options: ReaderOptions) -> list[Document]:
    """Read an HTML article."""
    text = decoded.text
    parser = _ArticleParser(text)
    problems: list[str] = []
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError, IndexError, AttributeError) as exc:
        # html.parser gives up on a few malformed declarations; keep what was read.
        line = parser.getpos()[0]
        problems.append(f"{path}:{line}: HTML parser stopped ({exc}); the rest is not linted")
    parser.finish()
    doc = Document(path=path, source=text, format="html")
    doc.headline = parser.headline()
    doc.blocks = parser.body()
    doc.metadata = parser.metadata
    add_problems(doc, problems)
    return [doc]


def escape_replacement(
    format_name: str, source: str, start: int, end: int, replacement: str
) -> str:
    """A fix's replacement as HTML text: ``&``, ``<`` and ``>`` escaped."""
    return html.escape(replacement, quote=False)


class _ArticleParser(HTMLParser):
    """Collects the text of block elements, each character mapped to its source range."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._line_starts = _newline_starts(source)
        #: open elements: (tag, kind of its direct text or None when skipped)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.boilerplate_depth = 0
        self.article_depth = 0
        self.current: TextMap | None = None
        self.current_kind = "paragraph"
        self.current_heading = ""
        self.last_space = True
        self.breaks = 0
        self.title: TextMap | None = None
        self.title_block: Block | None = None
        #: (block, heading tag or "", inside article/main, inside boilerplate)
        self.found: list[tuple[Block, str, bool, bool]] = []
        self.metadata: dict[str, Any] = {}

    # ---------------------------------------------------------------- positions

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    # ---------------------------------------------------------------- tree

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        if tag == "br":
            self._line_break(start, start + len(self.get_starttag_text() or "<br>"))
            return
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if tag == "html":
            lang = dict(attrs).get("lang")
            if lang:
                self.metadata.setdefault("lang", lang)
        if (
            tag == "title"
            and self.title is None
            and self.title_block is None
            and not self.skip_depth - self._head_skip()
        ):
            self.flush()
            self.title = TextMap()
            self.stack.append(tag)
            return
        if tag in _VOID:
            if tag in _BLOCK_LEVEL:
                self.flush()
            return
        if tag in _BLOCK_LEVEL or tag in _SKIPPED:
            self._implied_end(tag)
            self.flush()
        self.stack.append(tag)
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag == "header" and not self.article_depth:
            self.boilerplate_depth += 1
        elif tag in ("article", "main"):
            self.article_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> is read as <br> by browsers
            start = self._offset()
            end = self.source.find(">", start)
            self._line_break(start, end + 1 if end >= 0 else len(self.source))
            return
        if tag not in self.stack:
            return
        while self.stack:
            if self.stack[-1] in _BLOCK_LEVEL or self.stack[-1] in _SKIPPED:
                self.flush()
            if self._pop() == tag:
                break

    def _pop(self) -> str:
        tag = self.stack.pop()
        if tag in _SKIPPED:
            self.skip_depth -= 1
        elif tag == "header" and self.boilerplate_depth and not self.article_depth:
            self.boilerplate_depth -= 1
        elif tag in ("article", "main"):
            self.article_depth -= 1
        elif tag == "title" and self.title is not None:
            self.title_block = self.title.block("headline")
            self.title = None
        return tag

    def _implied_end(self, tag: str) -> None:
        """Close what a start tag implicitly closes (a <p> before a block, an <li>...)."""
        rule = _CLOSES.get(tag)
        if rule is not None:
            closes, stops = rule
            for index in range(len(self.stack) - 1, -1, -1):
                open_tag = self.stack[index]
                if open_tag in stops:
                    break
                if open_tag in closes:
                    self._close_to(index)
                    break
        if tag in _BLOCK_LEVEL and tag not in ("html", "body"):
            for index in range(len(self.stack) - 1, -1, -1):
                open_tag = self.stack[index]
                if open_tag in _P_SCOPE:
                    break
                if open_tag == "p" or (tag in _HEADINGS and open_tag in _HEADINGS):
                    self._close_to(index)
                    break

    def _close_to(self, index: int) -> None:
        self.flush()
        while len(self.stack) > index:
            self._pop()

    def _head_skip(self) -> int:
        return 1 if "head" in self.stack else 0

    def _meta(self, attrs: dict[str, str | None]) -> None:
        name = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
        content = attrs.get("content")
        if name and content is not None:
            self.metadata.setdefault(name, content)

    # ---------------------------------------------------------------- text

    def _target(self) -> TextMap | None:
        if self.title is not None:
            return self.title
        if self.skip_depth:
            return None
        if self.current is None:
            self.current = TextMap()
            self.current_kind, self.current_heading = self._kind()
            self.last_space = True
        return self.current

    def _kind(self) -> tuple[str, str]:
        """Kind of the text at this point, and the heading tag it is in, if any."""
        for index in range(len(self.stack) - 1, -1, -1):
            tag = self.stack[index]
            if tag in _BLOCK_KIND:
                if tag in _HEADINGS:
                    return "heading", tag
                if tag in ("p", "div", "dd", "dt"):
                    for outer in reversed(self.stack[:index]):
                        if outer in _INHERITED:
                            return _INHERITED[outer], ""
                return _BLOCK_KIND[tag], ""
            if tag in _BLOCK_LEVEL:
                break
        return "paragraph", ""

    def handle_data(self, data: str) -> None:
        target = self._target()
        if target is None:
            return
        start = self._offset()
        if self.source.startswith(data, start):
            if "&" in data and self.title is not None:
                self._raw_text(target, data, start)
            else:
                self._append_text(target, data, start)

    def _append_text(self, target: TextMap, data: str, start: int) -> None:
        """Append data, collapsing runs of HTML white space to one mapped space."""
        n = len(data)
        at = _SPACES.match(data).end()  # type: ignore[union-attr]
        if at == n:  # only white space
            if n and not self.last_space:
                target.token(" ", start, start + n)
                self.last_space = True
            return
        self.breaks = 0
        if not self.last_space and at:
            target.token(" ", start, start + at)
        # A single " " between words is kept as it is; only other runs are collapsed (most
        # data has none, and substring tests are much faster than the regex).
        if "  " in data or "\n" in data or "\t" in data or "\r" in data or "\f" in data:
            matches = _COLLAPSE.finditer(data, at)
        else:
            matches = iter(())
        for match in matches:
            if match.start() > at:
                target.run(data[at : match.start()], start + at)
            target.token(" ", start + match.start(), start + match.end())
            at = match.end()
        if at < n:
            target.run(data[at:], start + at)
        self.last_space = data[-1] in _HTML_SPACE

    def _raw_text(self, target: TextMap, data: str, start: int) -> None:
        at = 0
        for match in _ENTITY.finditer(data):
            if match.start() > at:
                self._append_text(target, data[at : match.start()], start + at)
            self._entity(target, start + match.start(), start + match.end())
            at = match.end()
        if at < len(data):
            self._append_text(target, data[at:], start + at)

    def _entity(self, target: TextMap, start: int, end: int) -> None:
        raw = self.source[start:end]
        decoded = html.unescape(raw)
        if decoded == raw:
            self._append_text(target, raw, start)
            return
        target.token(decoded, start, end)
        self.last_space = decoded[-1] == " "
        self.breaks = 0

    def handle_entityref(self, name: str) -> None:
        target = self._target()
        if target is None:
            return
        start = self._offset()
        end = start + 1 + len(name)
        if self.source.startswith(";", end):
            end += 1
        self._entity(target, start, end)

    def handle_charref(self, name: str) -> None:
        target = self._target()
        if target is None:
            return
        start = self._offset()
        end = start + 2 + len(name)
        if self.source.startswith(";", end):
            end += 1
        self._entity(target, start, end)

    def _line_break(self, start: int, end: int) -> None:
        if self.skip_depth or self.title is not None:
            return
        self.breaks += 1
        if self.breaks >= 2:
            # Two <br> in a row: scraped pages separate paragraphs this way.
            self.flush()
            return
        target = self._target()
        if target is not None and not self.last_space:
            target.token(" ", start, end)
            self.last_space = True

    # ---------------------------------------------------------------- blocks

    def flush(self) -> None:
        """End the current block of text."""
        self.breaks = 0
        if self.current is None:
            return
        block = self.current.block(self.current_kind)
        if block is not None:
            self.found.append(
                (
                    block,
                    self.current_heading,
                    bool(self.article_depth),
                    bool(self.boilerplate_depth),
                )
            )
        self.current = None

    def finish(self) -> None:
        """Close everything still open at the end of the file."""
        self.flush()
        while self.stack:
            self._pop()
        if self.title is not None and self.title_block is None:
            self.title_block = self.title.block("headline")
            self.title = None

    def headline(self) -> Block | None:
        """The article's headline (see the module docstring for the order)."""
        choice = self._headline_index()
        if choice is not None:
            block = self.found[choice][0]
            return Block("headline", block.text, block.start, block.starts, block.ends)
        return self.title_block

    def _headline_index(self) -> int | None:
        first = None
        for index, (_, heading, in_article, _) in enumerate(self.found):
            if heading == "h1":
                if in_article:
                    return index
                if first is None:
                    first = index
        return first

    def body(self) -> list[Block]:
        """The body blocks, without the headline and boilerplate."""
        chosen = self._headline_index()
        return [
            block
            for index, (block, _, _, boilerplate) in enumerate(self.found)
            if index != chosen and not boilerplate
        ]


def _newline_starts(text: str) -> list[int]:
    """Offsets where html.parser's lines start (it counts ``\\n`` only)."""
    starts = [0]
    find = text.find
    at = find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts
