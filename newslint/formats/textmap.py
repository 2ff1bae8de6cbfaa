"""Text assembled from pieces of a source, with a compact map back to source offsets.

Readers that decode their input (HTML entities, JSON escapes, CSV quote doubling, collapsed
white space) build a block's text piece by piece with a :class:`TextMap`: a *run* is text that
equals a slice of the source, a *token* is text that stands for a source range of another
length (``&amp;`` -> ``&``, ``\\n`` -> a newline). Blocks cut from it are verbatim when they lie
inside one run, and otherwise carry :class:`OffsetMap` sequences as ``starts``/``ends``.

The map stores one entry per piece rather than one per character, so a 50 MB JSON Lines file
does not cost two Python ints per character.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import overload

from newslint.document import Block, Document
from newslint.formats.lines import BLANK_SET

# Piece kinds: a run maps text[t + k] to source[s + k]; a token maps each of its characters to
# the whole source range [s, e).
_RUN = -1


class OffsetMap(Sequence[int]):
    """``starts`` or ``ends`` of a block, computed from a shared table of pieces.

    ``texts[k]``/``sources[k]``/``source_ends[k]`` describe piece ``k`` of the whole text the
    block was cut from (``source_ends[k] == -1`` for a run); ``base`` is the offset of the
    block's first character in that text.
    """

    __slots__ = ("_texts", "_sources", "_source_ends", "_base", "_length", "_ends")

    def __init__(
        self,
        texts: tuple[int, ...],
        sources: tuple[int, ...],
        source_ends: tuple[int, ...],
        base: int,
        length: int,
        ends: bool,
    ) -> None:
        self._texts = texts
        self._sources = sources
        self._source_ends = source_ends
        self._base = base
        self._length = length
        self._ends = ends

    def __len__(self) -> int:
        return self._length

    def _at(self, index: int) -> int:
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("OffsetMap index out of range")
        t = self._base + index
        k = bisect.bisect_right(self._texts, t) - 1
        end = self._source_ends[k]
        if end == _RUN:
            return self._sources[k] + (t - self._texts[k]) + (1 if self._ends else 0)
        return end if self._ends else self._sources[k]

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(self._length))]
        return self._at(index)

    def __iter__(self) -> Iterator[int]:
        return (self._at(i) for i in range(self._length))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return list(self) == list(other)
        if isinstance(other, Sequence):
            return len(other) == self._length and all(
                a == b for a, b in zip(self, other, strict=True)
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"OffsetMap({list(self)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (
            OffsetMap,
            (
                self._texts,
                self._sources,
                self._source_ends,
                self._base,
                self._length,
                self._ends,
            ),
        )


class TextMap:
    """Builds a text from source pieces and cuts exactly mapped Blocks out of it."""

    __slots__ = ("_parts", "_texts", "_sources", "_source_ends", "_length", "_frozen")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._texts: list[int] = []
        self._sources: list[int] = []
        self._source_ends: list[int] = []
        self._length = 0
        self._frozen: tuple[str, tuple[int, ...], tuple[int, ...], tuple[int, ...]] | None = None

    def __len__(self) -> int:
        return self._length

    def run(self, text: str, source_start: int) -> None:
        """Append ``text``, which equals ``source[source_start:source_start + len(text)]``."""
        if not text:
            return
        self._frozen = None
        ends = self._source_ends
        # Extend the previous run when it continues in the source without a gap.
        if (
            ends
            and ends[-1] == _RUN
            and self._sources[-1] + (self._length - self._texts[-1]) == source_start
        ):
            self._parts.append(text)
            self._length += len(text)
            return
        self._parts.append(text)
        self._texts.append(self._length)
        self._sources.append(source_start)
        ends.append(_RUN)
        self._length += len(text)

    def token(self, text: str, source_start: int, source_end: int) -> None:
        """Append ``text`` (one or more characters) standing for ``source[start:end]``."""
        if not text:
            return
        if source_end - source_start == len(text) == 1:
            # A one-character token that is its own source (a lone space) is a run.
            self.run(text, source_start)
            return
        self._frozen = None
        for offset, char in enumerate(text):
            # Every character of a multi-character decoding maps to the whole range.
            self._parts.append(char)
            self._texts.append(self._length + offset)
            self._sources.append(source_start)
            self._source_ends.append(source_end)
        self._length += len(text)

    @property
    def text(self) -> str:
        """The text built so far."""
        return self._freeze()[0]

    def _freeze(self) -> tuple[str, tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        if self._frozen is None:
            self._frozen = (
                "".join(self._parts),
                tuple(self._texts),
                tuple(self._sources),
                tuple(self._source_ends),
            )
        return self._frozen

    def source_range(self, i: int, j: int) -> tuple[int, int]:
        """Source (start, end) offsets of ``text[i:j]`` (``i < j``)."""
        _, texts, sources, source_ends = self._freeze()
        k = bisect.bisect_right(texts, i) - 1
        start = sources[k] + (i - texts[k]) if source_ends[k] == _RUN else sources[k]
        k = bisect.bisect_right(texts, j - 1) - 1
        end = sources[k] + (j - texts[k]) if source_ends[k] == _RUN else source_ends[k]
        return start, end

    def block(self, kind: str, i: int = 0, j: int | None = None) -> Block | None:
        """The Block of ``text[i:j]`` stripped of surrounding white space (None if empty)."""
        text, texts, sources, source_ends = self._freeze()
        if j is None:
            j = len(text)
        while i < j and text[i] in BLANK_SET:
            i += 1
        while j > i and text[j - 1] in BLANK_SET:
            j -= 1
        if i >= j:
            return None
        k = bisect.bisect_right(texts, i) - 1
        next_start = texts[k + 1] if k + 1 < len(texts) else len(text)
        if source_ends[k] == _RUN and j <= next_start:
            return Block(kind, text[i:j], sources[k] + (i - texts[k]))
        starts = OffsetMap(texts, sources, source_ends, i, j - i, ends=False)
        ends = OffsetMap(texts, sources, source_ends, i, j - i, ends=True)
        return Block(kind, text[i:j], starts[0], starts, ends)

    def blocks_by_lines(self, kind: str) -> list[Block]:
        """Blocks for the paragraphs of the text (see ``lines.paragraph_blocks``)."""
        from newslint.formats.lines import paragraph_blocks, split_lines

        text = self.text
        found = []
        for piece in paragraph_blocks(text, split_lines(text), kind):
            block = self.block(kind, piece.start, piece.start + len(piece.text))
            if block is not None:
                found.append(block)
        return found


def add_problems(doc: Document, problems: list[str]) -> None:
    """Attach reading problems (``"path:line: message"``) to a Document.

    The engine prints every problem of every Document of a file as one line on stderr. Readers
    use this for what they skipped or ignored: a malformed record, a front matter that is not
    YAML.
    """
    doc.problems.extend(problems)
