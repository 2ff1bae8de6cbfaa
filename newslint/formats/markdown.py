"""Markdown with optional YAML front matter, read with markdown-it-py and PyYAML.

- **Headline**: the front matter's ``title`` (or ``headline``), pointing at the value's own
  characters in the front matter (quotes and escapes mapped exactly); else the first level-1
  heading; else a heading that opens the document. A front-matter ``standfirst`` (or
  ``subtitle``, ``dek``, ``description``, ``summary``) becomes a ``standfirst`` block.
- **Body**: markdown-it's block tokens in order: paragraphs, list items (``list-item``),
  paragraphs in block quotes (``quote``), headings (``heading``) and table cells
  (``table-cell``). Code blocks, fenced code, HTML blocks and the front matter are skipped.
- **Verbatim blocks**: a block's text has the length of its source slice. Markup is *blanked*
  with spaces rather than removed (emphasis markers, link brackets and destinations, images,
  inline code, inline HTML and comments, block-quote ``>`` prefixes and list markers on
  continuation lines); line breaks are kept as they are in the source; entities such as
  ``&amp;`` stay raw. So ``block.text[i]`` is ``source[block.start + i]`` or a blank.
- **Metadata**: the front matter mapping (the engine reads ``newslint-ignore`` from it).
  A front matter that is not valid YAML, or not a mapping, is reported in ``problems``.

markdown-it's inline tokens carry no positions, so the parser's inline rules are wrapped to
record, on each markup token, the range it was parsed from (in the coordinates of the inline
content); the content is then located line by line in the source.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from newslint.decoding import Decoded
from newslint.document import Block, Document
from newslint.formats import ReaderOptions
from newslint.formats.lines import BLANKS, split_lines
from newslint.formats.textmap import TextMap, add_problems

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

HEADLINE_KEYS = ("title", "headline")
STANDFIRST_KEYS = ("standfirst", "subtitle", "dek", "description", "summary")
_POS = "newslint_pos"
_LINK_LABEL = "newslint_label"
#: inline rules whose tokens are delimiter characters that post-processing turns into markup
_DELIMITER_RULES = ("emphasis", "strikethrough")
#: the characters each recorded rule starts at (it answers False anywhere else)
_TRIGGERS = {
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "_*",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
}
#: a character where markup that is blanked can start (see _TRIGGERS)
_MARKUP_START = re.compile(r"[\\`~_*\[!<]")
#: inline rules whose tokens are markup to blank (the others make text that stays)
_RECORDED_RULES = frozenset(
    {"escape", "backticks", "link", "image", "autolink", "html_inline", "linkify"}
) | frozenset(_DELIMITER_RULES)


def read(path: str, decoded: Decoded, options: ReaderOptions) -> list[Document]:
    """Read a Markdown article."""
    text = decoded.text
    lines = split_lines(text)
    doc = Document(path=path, source=text, format="markdown")
    problems: list[str] = []
    body_line = 0
    front = _front_matter(text, lines)
    if front is not None:
        first, last = front
        body_line = last + 1
        yaml_start = lines[first + 1][0] if first + 1 < len(lines) else len(text)
        yaml_end = lines[last][0]
        metadata, fields = _parse_front_matter(text, yaml_start, yaml_end, path, problems)
        doc.metadata = metadata
        for key in HEADLINE_KEYS:
            if key in fields:
                doc.headline = _scalar_block("headline", text, fields[key])
                if doc.headline is not None:
                    break
        for key in STANDFIRST_KEYS:
            if key in fields:
                standfirst = _scalar_block("standfirst", text, fields[key])
                if standfirst is not None:
                    doc.blocks.append(standfirst)
                    break
    body = _body_blocks(text, lines, body_line)
    if doc.headline is None:
        index = _headline_index(body)
        if index is not None:
            doc.headline = _as_kind(body.pop(index), "headline")
    doc.blocks.extend(block for block, _ in body)
    add_problems(doc, problems)
    return [doc]


# --------------------------------------------------------------------------- front matter


def _front_matter(text: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Line indexes of the opening and closing ``---`` of a front matter, if any."""
    if not lines or text[lines[0][0] : lines[0][1]].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        start, end = lines[index]
        if text[start:end].rstrip() in ("---", "..."):
            return 0, index
    return None


class _Scalar:
    """A front-matter scalar: its value, YAML style and source range."""

    __slots__ = ("value", "style", "start", "end")

    def __init__(self, value: str, style: str | None, start: int, end: int) -> None:
        self.value = value
        self.style = style
        self.start = start
        self.end = end


def _parse_front_matter(
    text: str, start: int, end: int, path: str, problems: list[str]
) -> tuple[dict[str, Any], dict[str, _Scalar]]:
    """The front matter as a dict, and the top-level string scalars with their positions."""
    import yaml

    yaml_text = text[start:end]
    if not yaml_text.strip():
        return {}, {}
    try:
        node, data = _load_yaml(yaml_text, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if node is not None and not _marks_are_offsets(yaml_text, node):
            node, data = _load_yaml(yaml_text, yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = _line_of(text, start) + (mark.line if mark is not None else 0)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(f"{path}:{line}: front matter is not valid YAML ({reason}); ignored")
        return {}, {}
    except RecursionError:
        problems.append(f"{path}:{_line_of(text, start)}: front matter nests too deeply; ignored")
        return {}, {}
    if not isinstance(data, dict):
        problems.append(
            f"{path}:{_line_of(text, start)}: front matter is a {type(data).__name__}, "
            "not a mapping of keys to values; ignored"
        )
        return {}, {}
    fields: dict[str, _Scalar] = {}
    for key_node, value_node in node.value:
        if (
            isinstance(key_node, yaml.ScalarNode)
            and isinstance(value_node, yaml.ScalarNode)
            and isinstance(key_node.value, str)
            and isinstance(data.get(key_node.value), str)
            and value_node.value == data[key_node.value]  # the occurrence that won
        ):
            fields[key_node.value] = _Scalar(
                data[key_node.value],
                value_node.style,
                start + value_node.start_mark.index,
                start + value_node.end_mark.index,
            )
    return {str(k) if not isinstance(k, str) else k: v for k, v in data.items()}, fields


def _load_yaml(yaml_text: str, loader_class: Any) -> tuple[Any, Any]:
    """The composed node (with marks) and the constructed data of one YAML document."""
    loader = None
    try:
        loader = loader_class(yaml_text)  # the pure reader rejects control characters at once
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        if loader is not None:
            loader.dispose()


def _marks_are_offsets(yaml_text: str, node: Any) -> bool:
    """True when the top-level scalars' marks are character offsets (libyaml's are)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return True
    for _, value in node.value:
        if not isinstance(value, yaml.ScalarNode):
            continue
        start, end, style = value.start_mark.index, value.end_mark.index, value.style
        if not 0 <= start <= end <= len(yaml_text):
            return False
        if style in ("'", '"') and not (
            yaml_text.startswith(style, start) and yaml_text.startswith(style, end - 1)
        ):
            return False
        raw = yaml_text[start:end]
        if style is None and "\n" not in raw and "\r" not in raw and raw != value.value:
            return False
    return True


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


_YAML_ESCAPES = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_YAML_HEX = {"x": 2, "u": 4, "U": 8}


def _scalar_block(kind: str, text: str, scalar: _Scalar) -> Block | None:
    """A Block for a front-matter string whose characters map to the scalar's source."""
    value, start, end = scalar.value, scalar.start, scalar.end
    if scalar.style in ("'", '"') and end - start >= 2:
        start, end = start + 1, end - 1
    if text[start:end] == value:
        built = TextMap()
        built.run(value, start)
        return built.block(kind)
    built = _align(value, text, start, end, scalar.style)
    if built is None:
        # Folding we do not model: point at the raw characters instead of the value.
        built = TextMap()
        built.run(text[start:end], start)
    return built.block(kind)


def _align(value: str, text: str, start: int, end: int, style: str | None) -> TextMap | None:
    """Map a decoded YAML scalar to its source: escapes, quote doubling and line folding."""
    built = TextMap()
    pos = start
    index = 0
    n = len(value)
    while index < n:
        if pos >= end:
            return None
        char = value[index]
        source_char = text[pos]
        if style == '"' and source_char == "\\" and pos + 1 < end:
            code = text[pos + 1]
            if code in "\r\n":
                # An escaped line break joins lines: it stands for nothing.
                pos += 1
                while pos < end and text[pos] in " \t\r\n":
                    pos += 1
                continue
            width = 2 + _YAML_HEX.get(code, 0)
            built.token(char, pos, pos + width)
            pos += width
            index += 1
            continue
        if style == "'" and text.startswith("''", pos) and char == "'":
            built.token("'", pos, pos + 2)
            pos += 2
            index += 1
            continue
        if source_char in "\r\n" or (source_char in " \t" and char != source_char):
            # Folding: a line break and the indentation around it become one space or newline.
            stop = pos
            while stop < end and text[stop] in " \t\r\n":
                stop += 1
            if char in " \n" and stop > pos:
                built.token(char, pos, stop)
                index += 1
                # Further newlines from blank lines in the same run map to the same range.
                while index < n and value[index] == "\n" and "\n" in text[pos:stop]:
                    built.token("\n", pos, stop)
                    index += 1
                pos = stop
                continue
            pos = stop
            continue
        if source_char == char:
            built.run(char, pos)
            pos += 1
            index += 1
            continue
        return None
    return built


# --------------------------------------------------------------------------- body


@functools.cache
def _parser() -> MarkdownIt:
    """A CommonMark parser with tables and strikethrough whose inline tokens know their place."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Keep every text fragment its own token: joining them loses the recorded positions.
    md.disable(["text_join", "fragments_join"])
    # Nothing is rendered: skip percent-encoding and punycode of every link destination.
    md.normalizeLink = _same  # type: ignore[method-assign]
    md.normalizeLinkText = _same  # type: ignore[method-assign]
    md.core.ruler.at("inline", _inline_where_needed)
    ruler = md.inline.ruler
    for rule in ruler.get_all_rules():
        # "text", "newline" and "entity" make tokens that stay as they are: leave them alone,
        # the text rule runs at almost every position.
        if rule in _RECORDED_RULES:
            ruler.at(rule, _recording(rule, ruler.__rules__[ruler.__find__(rule)].fn))
    return md


def _inline_where_needed(state: Any) -> None:
    """markdown-it's core "inline" rule, skipping content that holds no inline markup.

    Most news paragraphs have no character that can start markup we blank, and inline
    parsing is most of markdown-it's time; their (empty) children need no blanking.
    """
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if _MARKUP_START.search(token.content):
                state.md.inline.parse(token.content, state.md, state.env, token.children)


def _same(url: str) -> str:
    return url


def _recording(name: str, function: Any) -> Any:
    """Wrap an inline rule so the tokens it pushes remember their source range."""
    delimiters = name in _DELIMITER_RULES
    is_link = name == "link"

    triggers = _TRIGGERS.get(name)

    def rule(state: Any, silent: bool) -> bool:
        start = state.pos
        if triggers is not None and state.src[start] not in triggers:
            return False  # what the rule itself answers, without the cost of asking it
        count = len(state.tokens)
        pending = bool(state.pending)
        label_end = -1
        if is_link and not silent and state.src[start] == "[":
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
        found: bool = function(state, silent)
        if not found or silent:
            return found
        end = state.pos
        tokens = state.tokens
        if delimiters:
            # Every pushed token (after a flush of pending text) is a run of marker characters.
            at = start
            for token in tokens[count + (1 if pending else 0) :]:
                token.meta[_POS] = (at, at + len(token.content))
                at += len(token.content)
            return found
        for token in tokens[count:]:
            if token.type == "text" or _POS in token.meta:
                continue
            token.meta[_POS] = (start, end)
            if is_link and label_end >= 0:
                token.meta[_LINK_LABEL] = (start + 1, label_end)
        return found

    return rule


def _blank_ranges(children: list[Token]) -> list[tuple[int, int]]:
    """Ranges of an inline content that are markup, to be blanked."""
    ranges: list[tuple[int, int]] = []
    for token in children:
        position = token.meta.get(_POS) if token.meta else None
        if position is None:
            continue
        start, end = position
        kind = token.type
        if kind == "text":
            if not token.content:  # a delimiter consumed by a neighbouring strong marker
                ranges.append((start, end))
        elif kind in ("text_special", "hardbreak"):
            if token.info != "entity" and token.markup != "&":
                # A backslash escape or a backslash line break: blank the backslash only.
                ranges.append((start, start + 1))
        elif kind == "softbreak":
            continue
        elif kind == "link_open":
            if token.markup == "autolink":
                ranges.append((start, start + 1))
            else:
                label = token.meta.get(_LINK_LABEL)
                ranges.append((start, label[0] if label else start + 1))
        elif kind == "link_close":
            if token.markup == "autolink":
                ranges.append((end - 1, end))
            else:
                label = token.meta.get(_LINK_LABEL)
                ranges.append((label[1] if label else end - 1, end))
        elif kind.endswith(("_open", "_close")):
            ranges.append((start, end))
        else:  # image, code_inline, html_inline and anything else that is not prose
            ranges.append((start, end))
    return ranges


_CONTAINERS = {"blockquote_open": "quote", "list_item_open": "list-item"}


def _body_blocks(
    text: str, lines: list[tuple[int, int]], first_line: int
) -> list[tuple[Block, int]]:
    """(Block, heading level or 0) for the body, which starts at line index ``first_line``."""
    if first_line >= len(lines):
        return []
    offset = lines[first_line][0]
    tokens = _parser().parse(text[offset:])
    found: list[tuple[Block, int]] = []
    containers: list[str] = []
    heading = 0
    row_cursor: dict[int, int] = {}
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in _CONTAINERS:
            containers.append(_CONTAINERS[kind])
        elif kind in ("blockquote_close", "list_item_close"):
            if containers:
                containers.pop()
        elif kind == "heading_open":
            heading = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        elif kind == "heading_close":
            heading = 0
        elif kind == "inline" and token.map is not None:
            parent = tokens[index - 1].type if index else ""
            if parent in ("th_open", "td_open"):
                row = token.map[0] + first_line
                block = _cell_block(text, lines, row, token, row_cursor)
                block_kind = "table-cell"
            else:
                start_line, end_line = token.map
                block_kind = "heading" if heading else (containers[-1] if containers else "")
                block = _inline_block(
                    text,
                    lines[start_line + first_line : end_line + first_line],
                    token,
                    block_kind or "paragraph",
                )
            if block is not None:
                found.append((block, heading))
    return found


def _locate(line: str, content: str) -> int:
    """Where ``content`` (a line of inline content, stripped) sits in its source ``line``."""
    if line.endswith(content):
        return len(line) - len(content)
    at = line.rfind(content)
    while at >= 0:
        tail = line[at + len(content) :]
        if not tail.strip(" \t#") or not tail.strip():
            return at
        at = line.rfind(content, 0, at + len(content) - 1)
    return -1


def _inline_block(text: str, lines: list[tuple[int, int]], token: Token, kind: str) -> Block | None:
    """The verbatim, markup-blanked Block of one inline token spread over ``lines``."""
    content = token.content
    # (content start, source start, length) of each located line of the content
    pieces: list[tuple[int, int, int]] = []
    cursor = 0
    line_index = 0
    for number, content_line in enumerate(content.split("\n")):
        core = content_line.lstrip(" \t")
        lead = len(content_line) - len(core)
        # The first content line may sit below the token's first line (lines of Unicode
        # white space that markdown-it stripped); the others follow line by line.
        last = len(lines) if number == 0 else min(line_index + 1, len(lines))
        while line_index < last:
            start, end = lines[line_index]
            line_index += 1
            at = _locate(text[start:end], core)
            if at >= 0:
                if core:
                    pieces.append((cursor + lead, start + at, len(core)))
                break
        cursor += len(content_line) + 1
    if not pieces:
        return None
    return _blanked_block(text, kind, pieces, _blank_ranges(token.children or []))


def _cell_block(
    text: str,
    lines: list[tuple[int, int]],
    row: int,
    token: Token,
    row_cursor: dict[int, int],
) -> Block | None:
    """A table cell: found in its row after the previous cell of the same row."""
    if row >= len(lines) or not token.content:
        return None
    start, end = lines[row]
    cursor = row_cursor.get(row, start)
    at = text.find(token.content, cursor, end)
    if at < 0:
        return None
    row_cursor[row] = at + len(token.content)
    return _blanked_block(
        text, "table-cell", [(0, at, len(token.content))], _blank_ranges(token.children or [])
    )


def _blanked_block(
    text: str,
    kind: str,
    pieces: list[tuple[int, int, int]],
    blanks: list[tuple[int, int]],
) -> Block | None:
    """Source from the first to the last piece, with everything not kept turned to spaces.

    ``pieces`` are (content offset, source offset, length) of the located content lines;
    ``blanks`` are content ranges of markup. Line breaks between pieces stay as they are.
    """
    kept: list[tuple[int, int]] = []
    blanks.sort()
    for content_start, source_start, length in pieces:
        content_end = content_start + length
        at = content_start
        for blank_start, blank_end in blanks:
            if blank_end <= at or blank_start >= content_end:
                continue
            if blank_start > at:
                kept.append(
                    (source_start + at - content_start, source_start + blank_start - content_start)
                )
            at = max(at, blank_end)
        if at < content_end:
            kept.append((source_start + at - content_start, source_start + length))
    kept = [(a, b) for a, b in kept if b > a]
    if not kept:
        return None
    parts: list[str] = []
    previous = kept[0][0]
    for start, end in kept:
        if start > previous:
            parts.append(_blank(text[previous:start]))
        parts.append(text[start:end])
        previous = end
    built = "".join(parts)
    first = kept[0][0]
    # Strip white space (and blanked markup) at both ends.
    stripped = built.lstrip(BLANKS)
    first += len(built) - len(stripped)
    stripped = stripped.rstrip(BLANKS)
    if not stripped:
        return None
    return Block(kind, stripped, first)


def _blank(gap: str) -> str:
    if "\n" not in gap and "\r" not in gap:
        return " " * len(gap)
    return "".join(c if c in "\r\n" else " " for c in gap)


def _headline_index(body: list[tuple[Block, int]]) -> int | None:
    """The first level-1 heading, else a heading that opens the document."""
    for index, (_, level) in enumerate(body):
        if level == 1:
            return index
    if body and body[0][1]:
        return 0
    return None


def _as_kind(found: tuple[Block, int], kind: str) -> Block:
    block = found[0]
    return Block(kind, block.text, block.start, block.starts, block.ends)
