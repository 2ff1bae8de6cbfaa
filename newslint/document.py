"""The Document: one article, its source text and the spans rules look at.

Every position is a character offset into ``Document.source`` (the decoded file text). A
``Block`` is a piece of prose a rule reads (the headline, a paragraph); its ``text`` may differ
from the source slice (HTML entities decoded, JSON escapes resolved, Markdown markup blanked),
so a block carries the map from its text back to source offsets. Rules never compute lines or
columns: they call ``doc.span(start, end)`` with source offsets, or ``block.span(i, j)`` with
offsets into the block's text.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

_LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Maps character offsets of a text to 1-based (line, column) pairs and back.

    A line ends after ``\\n``; a lone ``\\r`` also ends a line (old Mac files), and ``\\r\\n``
    counts once. Columns count Unicode code points, starting at 1.
    """

    __slots__ = ("_starts", "_length", "_text")

    def __init__(self, text: str) -> None:
        starts = [0]
        i = 0
        find = text.find
        n = len(text)
        if "\r" not in text:
            while True:
                j = find("\n", i)
                if j < 0:
                    break
                starts.append(j + 1)
                i = j + 1
        else:
            # A regex, not a loop over characters: a 5 MB CSV with CRLF took seconds.
            starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
        self._starts = starts
        self._length = n
        self._text = text

    @property
    def line_count(self) -> int:
        """Number of lines (a final line without newline counts; an empty text has one)."""
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of ``offset``, clamped into the text."""
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[max(0, min(line - 1, len(self._starts) - 1))]

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based (line, column), clamped into the text."""
        return max(0, min(self.line_start(line) + column - 1, self._length))

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Start and end offsets of 1-based ``line``, end excluding the line break."""
        start = self.line_start(line)
        if line < len(self._starts):
            end = self._starts[line] - 1
            # the break is \n, \r or \r\n: step back over a \r before a \n
            if end > start and self._crlf_at(end - 1):
                end -= 1
        else:
            end = self._length
        return start, max(start, end)

    def _crlf_at(self, offset: int) -> bool:
        return self._text[offset : offset + 2] == "\r\n"


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def source_lines(text: str, keepends: bool = False) -> list[str]:
    """``text`` cut into the lines :class:`LineIndex` numbers (line ``n`` is item ``n - 1``).

    Like ``str.splitlines()``, but a line ends only at ``\\n``, ``\\r\\n`` or ``\\r``:
    ``splitlines()`` also ends one at ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``, U+0085, U+2028 and
    U+2029, which an article can hold inside a line (E004 reports them), and then every line
    after it is numbered one too far.
    """
    lines = _LINE.findall(text)
    if keepends:
        return lines
    return [line.rstrip("\r\n") for line in lines]


@dataclass(frozen=True, slots=True)
class Span:
    """A resolved place in a file: offsets, 1-based lines and columns, and the text there.

    ``end_column`` is exclusive (the column just after the last flagged character), as in
    Ruff and SARIF. ``record`` names the record of a JSON Lines, JSON or CSV file.
    """

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    record: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # the default for slotted frozen dataclasses walks fields() per object: caches and
        # worker results hold tens of thousands of spans
        return (
            Span,
            (
                self.path,
                self.start,
                self.end,
                self.line,
                self.column,
                self.end_line,
                self.end_column,
                self.text,
                self.record,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for reports and caches."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of prose rules read: the headline, a standfirst, a paragraph, a caption.

    ``text`` is what the reader extracted and ``start`` the source offset of ``text[0]``.
    When ``starts`` is None, ``text[i]`` sits at ``source[start + i]`` (the text equals the
    source slice, or differs only by same-length blanking of markup). Otherwise ``starts[i]``
    and ``ends[i]`` are the source offsets where character ``i`` begins and ends: an HTML
    entity or a JSON escape is one character of text and several of source.
    """

    kind: str
    text: str
    start: int
    starts: Sequence[int] | None = None
    ends: Sequence[int] | None = None

    @property
    def verbatim(self) -> bool:
        """True when block offsets and source offsets differ only by ``start``."""
        return self.starts is None

    @property
    def end(self) -> int:
        """Source offset just after the block."""
        return self.source_range(0, len(self.text))[1]

    def to_source(self, index: int) -> int:
        """Source offset where character ``index`` of ``text`` begins (the end for ``len``)."""
        return self.source_range(index, index)[0]

    def source_range(self, i: int, j: int) -> tuple[int, int]:
        """Source (start, end) offsets of ``text[i:j]``."""
        n = len(self.text)
        i = max(0, min(i, n))
        j = max(i, min(j, n))
        if self.starts is None or self.ends is None:
            return self.start + i, self.start + j
        if n == 0:
            return self.start, self.start
        if j > i:
            return self.starts[i], self.ends[j - 1]
        at = self.starts[i] if i < n else self.ends[n - 1]
        return at, at


@dataclass(eq=False)
class Document:
    """One article read from a file (or one record of a records file)."""

    path: str
    source: str
    format: str
    raw: bytes = b""
    encoding: str = "utf-8"
    #: set when the bytes were not valid UTF-8 and a fallback decoding was used
    decode_note: str | None = None
    headline: Block | None = None
    #: the body, in reading order: standfirst, paragraphs, captions, list items, quotes
    blocks: list[Block] = field(default_factory=list)
    #: front matter or the record's other fields
    metadata: dict[str, Any] = field(default_factory=dict)
    #: record id inside a records file ("line 12", "row 3"), None for one-article files
    record: str | None = None
    #: 1-based line of the first line of this document's record in the file
    record_line: int = 1
    #: problems the reader met but read past (a malformed record skipped), one line each
    problems: list[str] = field(default_factory=list)
    _line_index: LineIndex | None = field(default=None, repr=False)
    _analyses: dict[str, Any] = field(default_factory=dict, repr=False)
    _sha: str | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        """Identity of the article inside a corpus: the path, plus the record if any."""
        return self.path if self.record is None else f"{self.path}#{self.record}"

    @property
    def line_index(self) -> LineIndex:
        """The LineIndex of the source text, built once."""
        if self._line_index is None:
            self._line_index = LineIndex(self.source)
        return self._line_index

    @property
    def content_hash(self) -> str:
        """SHA-256 of the article's own text (headline and body), for corpus facts."""
        if self._sha is None:
            digest = hashlib.sha256()
            for block in self.all_blocks():
                digest.update(block.text.encode("utf-8", "surrogatepass"))
                digest.update(b"\x00")
            self._sha = digest.hexdigest()
        return self._sha

    @property
    def paragraphs(self) -> list[Block]:
        """Body blocks that are running prose (paragraphs, standfirst, quotes, list items)."""
        return [b for b in self.blocks if b.kind in PROSE_KINDS]

    def analysis(self, key: str, compute: Callable[[Document], T]) -> T:
        """A derived view of this document, computed once and shared by every rule.

        Several rules need the same costly analysis (tokens, name mentions); the first rule to
        ask computes it with ``compute(doc)``, the others get the stored value. ``key`` names
        the analysis and must change whenever its options would change the result.
        """
        try:
            return self._analyses[key]  # type: ignore[no-any-return]
        except KeyError:
            value = compute(self)
            self._analyses[key] = value
            return value

    def all_blocks(self) -> Iterator[Block]:
        """The headline (if any) and then every body block."""
        if self.headline is not None:
            yield self.headline
        yield from self.blocks

    def span(self, start: int, end: int) -> Span:
        """Resolve source offsets ``[start, end)`` to a Span with lines, columns and text."""
        n = len(self.source)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        line, column = self.line_index.position(start)
        end_line, end_column = self.line_index.position(end)
        return Span(
            self.path,
            start,
            end,
            line,
            column,
            end_line,
            end_column,
            self.source[start:end],
            self.record,
        )

    def block_span(self, block: Block, i: int, j: int) -> Span:
        """Resolve ``block.text[i:j]`` to a Span in the source."""
        start, end = block.source_range(i, j)
        return self.span(start, end)

    def word_count(self) -> int:
        """Number of whitespace-separated words in the headline and body."""
        return sum(len(b.text.split()) for b in self.all_blocks())


#: block kinds that hold running prose
PROSE_KINDS = frozenset({"paragraph", "standfirst", "quote", "list-item"})
#: every block kind a reader may produce
BLOCK_KINDS = PROSE_KINDS | {"headline", "heading", "caption", "table-cell"}
