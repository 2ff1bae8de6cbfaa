"""Family E, markup left in prose: HTML entities and tags in plain text, Markdown and records."""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Iterator
from functools import cache

from newslint.diagnostic import Diagnostic
from newslint.document import Block, Document
from newslint.rule import DocumentRule, Options
from newslint.rules._artefacts import block_fix
from newslint.rules.typography import quote_style

#: an entity, perhaps escaped more than once (``&amp;amp;``, ``&amp;#233;``)
_ENTITY = re.compile(r"&(?:amp;)*(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: tags of the HTML that wraps article text; other ``<...>`` (``<5%``, ``<Reuters>``) stay
_TAG_NAMES = (
    "a|abbr|b|big|blockquote|br|center|cite|code|dd|del|div|dl|dt|em|figcaption|figure|font|"
    "h[1-6]|hr|i|iframe|img|ins|li|link|mark|meta|ol|p|pre|q|s|script|small|span|strike|strong|"
    "style|sub|sup|table|tbody|td|th|thead|tr|u|ul"
)
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>", re.IGNORECASE)
#: characters an entity may decode to that are themselves wrong in prose
_APOSTROPHE_STAND_INS = frozenset("`´′¿")
#: in Markdown an entity is legitimate syntax: ``&nbsp;`` and friends are written on purpose,
#: and ``&lt;``/``&gt;`` keep text from being read as an HTML tag
_MARKDOWN_SPACING = frozenset("\u00a0\u2002\u2003\u2009\u200a\u202f\u200b\u200c\u200d\u00ad")
_MARKDOWN_ESCAPES = frozenset("<>")


@cache
def _known_entity(name: str) -> bool:
    return f"{name};" in html.entities.html5


def _decode(entity_text: str) -> str | None:
    """The character(s) an entity (maybe escaped several times) stands for, or None."""
    text = entity_text
    for _ in range(8):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text if text != entity_text else None


class HtmlLeftover(DocumentRule):
    """Flags HTML entities and tags left in prose: ``&amp;``, ``Pel&#233;``, ``<br>``.

    Text copied out of a web page or a CMS field often keeps its HTML escaping: readers then
    see ``AT&amp;T`` or ``caf&#233;``. The rule looks at plain text, Markdown and the text
    fields of records files (not at HTML files, where entities and tags are the markup). The
    fix for an entity writes the character it stands for (safe; a doubly escaped
    ``&amp;amp;`` becomes ``&``, and an entity for a backtick or an inverted question mark
    between letters, ``Blair&#191;s``, becomes an apostrophe). Tags of the HTML vocabulary
    (``<p>``, ``<br/>``, ``<a href=...>``...) are flagged with an unsafe fix that removes them
    (a space for a tag between two words). In Markdown, where entities are syntax, spacing
    entities (``&nbsp;``, ``&shy;``...) are left alone and ``&lt;``/``&gt;`` get an unsafe fix;
    Markdown's own reader treats inline tags as markup.

    Options:
      ``tags`` (true): also flag HTML tags.

    Fails::

        Results
        Profits at AT&amp;T rose; Pel&#233; was there.<br>

    Passes::

        Results
        Profits at AT&T rose; Pelé was there. Shares rose <5% and R&D spending &c. held.
    """

    code = "E003"
    name = "html-leftover"
    summary = "HTML entity or tag left in plain text or Markdown prose"
    severity = "warning"
    fixable = "safe"
    options = {"tags": True}
    formats = frozenset({"text", "markdown", "jsonl", "json", "csv"})
    examples = (
        {
            "fail": "Results\nProfits at AT&amp;T rose; Pel&#233; was there.\n",
            "fixed": "Results\nProfits at AT&T rose; Pelé was there.\n",
        },
        {
            "fail": "Results\nMr Blair&#191;s plan &amp;amp; more.\n",
            "fixed": "Results\nMr Blair's plan & more.\n",
        },
        {"fail": "Results\nProfits rose.<br>Shares fell.\n"},
        {
            "pass": "Results\nProfits at AT&T rose; Pelé was there. "
            "Shares rose <5% and R&D spending &c. held.\n"
        },
        {"pass": "<h1>Results</h1>\n<p>Profits at AT&amp;T rose.</p>\n", "path": "x.html"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield one diagnostic per entity (or run of entities) and per tag."""
        if doc.format == "html":
            return
        tags = options.get("tags", True)
        for block in doc.all_blocks():
            text = block.text
            if "&" in text:
                yield from self._entities(doc, block)
            if tags and "<" in text:
                for match in _TAG.finditer(text):
                    yield self._tag(doc, block, match)

    def _entities(self, doc: Document, block: Block) -> Iterator[Diagnostic]:
        text = block.text
        markdown = doc.format == "markdown"
        for match in _ENTITY.finditer(text):
            name = match.group(1)
            if not name.startswith("#") and not _known_entity(name):
                continue
            decoded = _decode(match.group())
            if decoded is None or (markdown and decoded in _MARKDOWN_SPACING):
                continue
            i, j = match.span()
            replacement = decoded
            before = text[i - 1] if i > 0 else " "
            after = text[j] if j < len(text) else " "
            if decoded in _APOSTROPHE_STAND_INS and before.isalpha() and after.isalpha():
                replacement = quote_style(doc).apostrophe
            safe = replacement.isprintable() or replacement in "\u00a0\u202f"
            if markdown and replacement in _MARKDOWN_ESCAPES:
                safe = False  # "&lt;br&gt;" written out would become a real tag
            message = f"HTML entity {match.group()!r} in prose: write {replacement!r}"
            fix = block_fix(
                doc,
                block,
                i,
                j,
                replacement,
                f"replace {match.group()!r} with {replacement!r}",
                "safe" if safe else "unsafe",
            )
            yield self.at(doc, block, i, j, message, suggestions=(replacement,), fix=fix)

    def _tag(self, doc: Document, block: Block, match: re.Match[str]) -> Diagnostic:
        text = block.text
        i, j = match.span()
        before = text[i - 1] if i > 0 else " "
        after = text[j] if j < len(text) else " "
        glue = not before.isspace() and not after.isspace() and i > 0 and j < len(text)
        replacement = " " if glue else ""
        message = f"HTML tag {match.group()!r} in prose"
        fix = block_fix(doc, block, i, j, replacement, "remove the tag", "unsafe")
        return self.at(doc, block, i, j, message, fix=fix)
