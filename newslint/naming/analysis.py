"""One pass over an article that every naming rule shares: segments, units and word facts.

``analyse(doc)`` is memoised on the Document (``Document.analysis``): the five N rules run on
the same article one after another and need the same mentions. The Analysis holds its
document weakly, so the pair forms no reference cycle and is freed with the document.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Collection, Iterator

from newslint.document import Block, Document, Span
from newslint.naming.mentions import Segment, Unit, block_segments, segment_units

#: a lower-case word: the character before it is no letter (a negated class first scans fast)
_LOWER_WORD = re.compile(r"[^A-Za-z'’]([a-z]+)(?![A-Za-z])")


class LowerWords(Collection[str]):
    """The lower-case words of some blocks (what ``_LOWER_WORD`` finds), as a set that is
    built only when iterated: a word asked for is looked up in the text itself. Most names
    asked for ("Blair") never occur in lower case, and one substring test of the whole text
    answers them."""

    __slots__ = ("_blocks", "_text", "_words", "_asked")

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._text: str | None = None
        self._words: set[str] | None = None
        self._asked: dict[str, bool] = {}

    @property
    def words(self) -> set[str]:
        """The set itself."""
        if self._words is None:
            words: set[str] = set()
            for block in self._blocks:
                words.update(_LOWER_WORD.findall(block.text))
            self._words = words
        return self._words

    def __contains__(self, word: object) -> bool:
        if self._words is not None:
            return word in self._words
        if not isinstance(word, str):
            return False
        if self._text is None:
            self._text = "\n".join(block.text for block in self._blocks)
        if word not in self._text:
            return False  # a word of the text is a piece of it
        found = self._asked.get(word)
        if found is None:
            found = self._asked[word] = self._occurs(word)
        return found

    def _occurs(self, word: str) -> bool:
        """Does ``_LOWER_WORD`` find ``word`` in a block? A lower-case ASCII word, after a
        character that is no letter nor apostrophe (not at a block's start) and before one
        that is no letter."""
        if not (word.isascii() and word.isalpha() and word.islower()):
            return False
        size = len(word)
        for block in self._blocks:
            text = block.text
            at = text.find(word, 1)
            while at >= 0:
                before = text[at - 1]
                after = text[at + size : at + size + 1]
                if not (before.isascii() and before.isalpha() or before in "'’") and not (
                    after.isascii() and after.isalpha()
                ):
                    return True
                at = text.find(word, at + 1)
        return False

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


class Analysis:
    """The name segments and units of one article."""

    __slots__ = ("_doc", "blocks", "segments", "units", "_lower_words", "memo")

    def __init__(
        self, doc: Document, blocks: list[Block], segments: list[Segment], units: list[Unit]
    ) -> None:
        self._doc = weakref.ref(doc)
        self.blocks = blocks
        self.segments = segments
        self.units = units
        self._lower_words: LowerWords | None = None
        #: results other passes computed once for every rule (profiles, pack matches)
        self.memo: dict[object, object] = {}

    @property
    def doc(self) -> Document:
        """The analysed document (alive as long as its callers hold it)."""
        doc = self._doc()
        assert doc is not None, "the document of an Analysis was freed"
        return doc

    @property
    def lower_words(self) -> LowerWords:
        """Every lower-case word of the article: a capitalised word also found in lower case
        is probably a common word at a sentence start ("Court", "Will")."""
        if self._lower_words is None:
            self._lower_words = LowerWords(self.blocks)
        return self._lower_words

    def block_text(self, unit: Unit) -> str:
        """The text of the block holding ``unit``."""
        return self.blocks[unit.block].text

    def span(self, unit: Unit) -> Span:
        """The source Span of a unit."""
        return self.doc.block_span(self.blocks[unit.block], unit.start, unit.end)

    def iter_units(self) -> Iterator[Unit]:
        """Units in reading order."""
        return iter(self.units)


#: the key of the naming analysis in ``Document.analysis``
KEY = "naming"


def analyse(doc: Document) -> Analysis:
    """The Analysis of ``doc``, computed once per Document object."""
    return doc.analysis(KEY, _analyse)


def _analyse(doc: Document) -> Analysis:
    blocks = list(doc.all_blocks())
    segments: list[Segment] = []
    units: list[Unit] = []
    add = units.append
    for index, block in enumerate(blocks):
        found = block_segments(block, index)
        segments += found
        for segment in found:
            if len(segment.tokens) == 1:  # most segments: one unit, the word itself
                word = segment.tokens[0].text
                add(_new(Unit, (segment, 0, 1, word, (word,))))
            else:
                units += segment_units(segment, block.text)
    return Analysis(doc, blocks, segments, units)


_new = tuple.__new__
