"""Shared helpers of the H (headlines) and D (duplicated content) families.

Text is compared after ``normalise``: case folded, quotes and apostrophes dropped, every other
mark a space, white space collapsed, so `Syria`s`, ``Syria’s`` and ``Syria's`` are one word and
``"terrorism"`` equals ``“terrorism”``. Fingerprints are stable across processes and machines
(they are cached on disk): 64-bit BLAKE2 for whole texts, mixed CRC-32 for three-word phrases.

Corpus facts must be small and unpickle fast (every run loads every article's facts), so they
hold plain tuples and packed arrays: a ``Place`` is ``(start, end, line, column, end_line,
end_column, text)`` (the text empty for paragraphs: the engine fills it in for reported
findings) and becomes a ``Span`` only when a diagnostic needs one.

Several rules read the same paragraphs: ``paragraphs``, ``paragraph_words``,
``paragraph_samples``, ``paragraph_places`` and ``paragraph_hashes`` compute their view once
per Document (``Document.analysis``) for D001, D002, D003 and H003 together.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, chain
from typing import NamedTuple

from newslint.diagnostic import Edit, Related
from newslint.document import Block, Document, Span

#: (start, end, line, column, end_line, end_column, text): a Span without its path
Place = tuple[int, int, int, int, int, int, str]

# Apostrophes and single quotes are dropped (Syria's -> syrias, 'no' -> no); any other mark
# separates words. (A regular expression: str.translate with a table is slow on non-ASCII.)
_APOSTROPHES = re.compile("['’‘`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")
#: for ASCII text, the same rules as a byte table: letters lower-cased, digits kept, every
#: other byte a space (the ASCII apostrophes are deleted apart)
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if c >= 128 or chr(c).isalnum() else 32 for c in range(256)
)
_ASCII_APOSTROPHES = b"'`"
#: before the ASCII shortcut, in UTF-8: non-ASCII apostrophes dropped and common marks made
#: spaces (marks that are no word characters and that NFKC and case folding leave alone)
_COMMON_MARKS = tuple(
    (mark.encode("utf-8"), b" ")
    for mark in "“”„‟«»‹›—–‐‒―•·£€¥¢°§¶©®†‡′"
    if not mark.isalnum()
    and mark.casefold() == mark
    and unicodedata.normalize("NFKC", mark) == mark
) + tuple((apostrophe.encode("utf-8"), b"") for apostrophe in "’‘´ʼ")
_MASK32 = 0xFFFFFFFF


def normalised(text: str) -> str:
    """Text reduced to lower-case words separated by single spaces (see module docstring)."""
    return b" ".join(normalised_words(text)).decode("utf-8")


def normalised_words(text: str) -> list[bytes]:
    """The words of ``normalised(text)``, encoded in UTF-8."""
    if text.isascii():
        data = text.encode("ascii")
    else:
        text = unicodedata.normalize("NFKC", text)
        data = text.encode("utf-8")
        # UTF-8 is self-synchronising: replacing a mark's bytes replaces that character.
        for mark, replacement in _COMMON_MARKS:
            if mark in data:
                data = data.replace(mark, replacement)
        if not data.isascii():
            key = _NON_WORD.sub(" ", _APOSTROPHES.sub("", text.casefold())).strip()
            return key.encode("utf-8").split(b" ") if key else []
    # Nearly every paragraph: the same words as the regular expression above, in C.
    return data.translate(_ASCII_WORDS, _ASCII_APOSTROPHES).split()


#: ``normalised`` with a small cache keyed on the text (whose hash Python keeps), for blocks
#: several rules read (headlines, short blocks). Paragraphs are normalised once per Document
#: by ``paragraphs``, without the cache: each is new to it.
normalise = lru_cache(maxsize=2048)(normalised)


def text_hash(normalised: str) -> int:
    """A stable 64-bit fingerprint of a normalised text."""
    digest = hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def word_crcs(normalised: str) -> list[int]:
    """The CRC-32 of each word of a normalised text (the unit of every word fingerprint)."""
    if not normalised:
        return []
    return list(map(zlib.crc32, normalised.encode("utf-8").split(b" ")))


def phrase_hashes(normalised: str) -> tuple[int, ...]:
    """Stable 32-bit hashes of every three-word phrase (word trigram) of a normalised text.

    Each word is hashed once (CRC-32, in C); a trigram's hash mixes its three words' hashes
    with multiplications, which spread the bits as the threshold sampling of
    ``sample_phrases`` needs (CRC alone is linear). A text of one or two words is one phrase.
    """
    return tuple(phrases_of(word_crcs(normalised)))


def phrases_of(words: Sequence[int]) -> Sequence[int]:
    """``phrase_hashes`` from the words' CRC-32s (see ``word_crcs``), as an array.

    The trigram of words ``a, b, c`` hashes to ``((a * K1 ^ b) * K2 ^ c) * K3`` modulo 2**32.
    Every trigram of a paragraph is computed at once: each word sits in a 64-bit lane of one
    big integer, so a multiplication by a 32-bit constant, a mask and an exclusive or act on
    every lane in one C operation (no lane carries into the next).
    """
    count = len(words)
    if count < 3:
        return (_mix(sum(words)),) if words else ()
    lanes = array("Q", words).tobytes()
    size = 8 * (count - 2)
    first = int.from_bytes(lanes[:size], sys.byteorder)
    second = int.from_bytes(lanes[8 : 8 + size], sys.byteorder)
    third = int.from_bytes(lanes[16:], sys.byteorder)
    mask = _lane_mask(count - 2)
    mixed = (first * 0x9E3779B1 & mask ^ second) * 0x85EBCA77 & mask ^ third
    return array("Q", (mixed * 0xC2B2AE3D & mask).to_bytes(size, sys.byteorder))


def _lane_mask(lanes: int) -> int:
    """``lanes`` 64-bit lanes each holding 0xFFFFFFFF."""
    # Paragraph lengths repeat: masks up to 4,096 lanes (32 KB) are kept.
    return _kept_lane_mask(lanes) if lanes <= 4096 else _build_lane_mask(lanes)


def _build_lane_mask(lanes: int) -> int:
    return int.from_bytes(b"\xff\xff\xff\xff\x00\x00\x00\x00" * lanes, "little")


_kept_lane_mask = lru_cache(maxsize=512)(_build_lane_mask)


def _mix(value: int) -> int:
    return (value * 0x9E3779B1) & _MASK32


#: phrases whose hash falls below this are sampled: one in two
SAMPLE_LIMIT = 1 << 31


def sample_phrases(hashes: Iterable[int]) -> tuple[int, ...]:
    """The phrase hashes kept as a passage's fingerprints (a consistent one-in-two sample).

    Sampling by hash value (not by position) is consistent: a phrase is kept in every passage
    or in none, so a passage copied inside a longer one keeps a subset of the longer one's
    fingerprints (min-wise sampling loses that, which is why MinHash estimates resemblance
    but not containment). Two passages sharing five phrases share a fingerprint with
    probability 97%, ten phrases 99.9%.
    """
    return tuple(sorted(set(filter(SAMPLE_LIMIT.__gt__, hashes))))


def bottom_sketch(hashes: Iterable[int], size: int = 32) -> tuple[int, ...]:
    """The ``size`` smallest distinct hashes: a bottom-k MinHash sketch of a set of phrases."""
    return tuple(sorted(set(hashes))[:size])


def bottom_sketch_of(parts: Sequence[Sequence[int]], size: int = 32) -> tuple[int, ...]:
    """``bottom_sketch`` of the hashes of every part (a paragraph's phrase hashes), faster."""
    count = sum(map(len, parts))
    if count > 4 * size:
        # 32-bit hashes spread evenly: about 4 x size of them fall under this bound, and
        # when ``size`` distinct ones do, they are the smallest (only those get sorted).
        bound = (4 * size << 32) // count
        below = set(filter(bound.__gt__, chain.from_iterable(parts)))
        if len(below) >= size:
            return tuple(sorted(below)[:size])
    return bottom_sketch(chain.from_iterable(parts), size)


def sketch_similarity(a: Sequence[int], b: Sequence[int], size: int = 32) -> float:
    """Estimated Jaccard resemblance of two sets from their bottom-k sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[: min(size, len(set(a) | set(b)))]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def place_of(doc: Document, block: Block, *, keep_text: bool = True) -> Place:
    """The resolved position of a whole block, as a picklable tuple.

    Corpus facts of paragraphs leave the text out (``keep_text=False``): every run loads the
    whole corpus's facts, and the engine reads the text back for the findings it reports.
    """
    if keep_text:
        span = doc.block_span(block, 0, len(block.text))
        return (
            span.start,
            span.end,
            span.line,
            span.column,
            span.end_line,
            span.end_column,
            span.text,
        )
    # What Document.block_span resolves, without building a Span and copying the text.
    start, end = block.source_range(0, len(block.text))
    length = len(doc.source)
    start = max(0, min(start, length))
    end = max(start, min(end, length))
    position = doc.line_index.position
    return (start, end, *position(start), *position(end), "")


def word_hashes(normalised: str) -> bytes:
    """16-bit hashes of the words of a normalised text, packed: enough to align two passages
    word by word (a chance collision between two different words is one in 65,536)."""
    return packed_words(word_crcs(normalised))


def packed_words(words: Iterable[int]) -> bytes:
    """``word_hashes`` from the words' CRC-32s (see ``word_crcs``)."""
    # The low half of each packed uint32, taken by slicing (C) rather than word by word.
    packed = array("I", words).tobytes()
    halves = bytearray(len(packed) // 2)
    halves[0::2] = packed[_LOW_HALF::4]
    halves[1::2] = packed[_LOW_HALF + 1 :: 4]
    return bytes(halves)


#: where the low 16 bits of a packed uint32 start (as a native uint16)
_LOW_HALF = 0 if sys.byteorder == "little" else 2


# Per-document views shared by the rules -------------------------------------------------------


class Paragraph(NamedTuple):
    """A prose block of the body with its normalised text."""

    block: Block
    #: ``normalise(block.text)``
    key: str
    #: words in ``key`` (an empty key counts one, as ``key.count(" ") + 1`` always did)
    words: int
    #: the words of ``key`` in UTF-8 (``normalised_words``)
    tokens: list[bytes]


def paragraphs(doc: Document) -> tuple[Paragraph, ...]:
    """``doc.paragraphs`` normalised, computed once per Document."""
    return doc.analysis("duplication.paragraphs", _paragraphs)


def _paragraphs(doc: Document) -> tuple[Paragraph, ...]:
    found = []
    for block in doc.paragraphs:
        tokens = normalised_words(block.text)
        key = b" ".join(tokens).decode("utf-8")
        found.append(Paragraph(block, key, max(1, len(tokens)), tokens))
    return tuple(found)


def paragraph_words(doc: Document) -> tuple[tuple[list[int], Sequence[int]], ...]:
    """Per paragraph: its words' CRC-32s (``word_crcs``) and its phrase hashes
    (``phrase_hashes``)."""
    return doc.analysis("duplication.words", _paragraph_words)


def _paragraph_words(doc: Document) -> tuple[tuple[list[int], Sequence[int]], ...]:
    found = []
    for paragraph in paragraphs(doc):
        words = list(map(zlib.crc32, paragraph.tokens))
        found.append((words, phrases_of(words)))
    return tuple(found)


def paragraph_samples(doc: Document) -> tuple[list[int], ...]:
    """Per paragraph: ``sample_phrases`` of its phrase hashes."""
    return doc.analysis("duplication.samples", _paragraph_samples)


def _paragraph_samples(doc: Document) -> tuple[list[int], ...]:
    return tuple(
        sorted(set(filter(SAMPLE_LIMIT.__gt__, phrases))) for _, phrases in paragraph_words(doc)
    )


def body_sketch(doc: Document, size: int = 32) -> tuple[int, ...]:
    """``bottom_sketch`` of the phrase hashes of every paragraph of the body."""
    # Every sampled hash is smaller than every other: when the samples hold ``size``
    # distinct hashes, the smallest of them are the sketch.
    sampled = set().union(*paragraph_samples(doc))
    if len(sampled) >= size:
        return tuple(sorted(sampled)[:size])
    return bottom_sketch_of([phrases for _, phrases in paragraph_words(doc)], size)


def paragraph_places(doc: Document) -> tuple[Place, ...]:
    """Per paragraph: its Place without the text (``place_of(..., keep_text=False)``)."""
    return doc.analysis("duplication.places", _paragraph_places)


def _paragraph_places(doc: Document) -> tuple[Place, ...]:
    return tuple(place_of(doc, p.block, keep_text=False) for p in paragraphs(doc))


def paragraph_hashes(doc: Document) -> tuple[int, ...]:
    """Per paragraph: ``text_hash`` of its normalised text."""
    return doc.analysis("duplication.hashes", _paragraph_hashes)


def _paragraph_hashes(doc: Document) -> tuple[int, ...]:
    return tuple(text_hash(p.key) for p in paragraphs(doc))


def pack_numbers(numbers: Sequence[int]) -> bytes:
    """Unsigned integers packed as uint16 when they all fit (positions in articles under
    64 KiB), else uint32 or uint64: ``unpack_numbers`` reads the width back from the length."""
    largest = max(numbers, default=0)
    code = "H" if largest <= 0xFFFF else "I" if largest <= 0xFFFFFFFF else "Q"
    return array(code, numbers).tobytes()


def unpack_numbers(packed: bytes, count: int) -> array[int]:
    """The ``count`` numbers ``pack_numbers`` packed."""
    return array(_WIDTHS[len(packed) // count] if count else "H", packed)


_WIDTHS = {2: "H", 4: "I", 8: "Q"}


def place_from(numbers: Sequence[int], index: int, stride: int) -> Place:
    """The Place (without its text) of item ``index`` of unpacked numbers that hold, for each
    item, its ``stride`` numbers, the first six a Place's."""
    at = stride * index
    start, end, line, column, end_line, end_column = numbers[at : at + 6]
    return (start, end, line, column, end_line, end_column, "")


def holding(blobs: Sequence[bytes], wanted: set[int]) -> list[int]:
    """The positions, in order, of the blobs (packed uint64s) that hold one of ``wanted``.

    For a few wanted values (one target article's), a ``bytes.find`` (C) for each in all the
    blobs end to end beats testing every blob's values in Python.
    """
    if len(wanted) > _FIND_LIMIT:
        return [i for i, blob in enumerate(blobs) if not wanted.isdisjoint(array("Q", blob))]
    packed = b"".join(blobs)
    # Where each blob ends in ``packed``.
    bounds = list(accumulate(map(len, blobs)))
    needles = array("Q", sorted(wanted)).tobytes()
    found: set[int] = set()
    for start in range(0, len(needles), 8):
        needle = needles[start : start + 8]
        position = packed.find(needle)
        while position >= 0:
            if position % 8 == 0:  # a whole value, not the end of one and the start of the next
                found.add(bisect_right(bounds, position))
            position = packed.find(needle, position + 1)
    return sorted(found)


#: ``holding`` looks for up to this many values with ``bytes.find``
_FIND_LIMIT = 256


def span_of(path: str, record: str | None, place: Place) -> Span:
    """The Span of a stored Place."""
    start, end, line, column, end_line, end_column, text = place
    return Span(path, start, end, line, column, end_line, end_column, text, record)


def joined_span(path: str, record: str | None, first: Place, last: Place) -> Span:
    """One Span from the start of ``first`` to the end of ``last`` (text not repeated)."""
    text = first[6] if first is last else ""
    return Span(path, first[0], last[1], first[2], first[3], last[4], last[5], text, record)


def where(path: str, record: str | None, line: int) -> str:
    """``path:line`` or ``path#record:line`` for messages."""
    return f"{path}#{record}:{line}" if record else f"{path}:{line}"


def related(path: str, record: str | None, place: Place, message: str) -> Related:
    """A Related location at a stored Place."""
    return Related(span_of(path, record, place), message)


def line_removal(doc: Document, block: Block) -> Edit | None:
    """An edit deleting ``block`` with its whole line(s), or None when that is not clean.

    Only a verbatim block alone on its lines (bar Markdown heading marks) is removed, with its
    line break; a blank line left between two blank lines goes too.
    """
    if not block.verbatim:
        return None
    source = doc.source
    start, end = block.source_range(0, len(block.text))
    line_start = max(source.rfind("\n", 0, start), source.rfind("\r", 0, start)) + 1
    if source[line_start:start].strip(" \t#>"):
        return None
    line_end = end
    while line_end < len(source) and source[line_end] not in "\r\n":
        line_end += 1
    if source[end:line_end].strip(" \t#"):
        return None
    if source.startswith("\r\n", line_end):
        line_end += 2
    elif line_end < len(source):
        line_end += 1
    before_blank = line_start == 0 or source[:line_start].endswith(("\n\n", "\r\n\r\n", "\r\r"))
    if before_blank and line_end >= len(source) and line_start > 0:
        # The last line goes with the blank line before it: no blank line left at the end.
        line_start -= 2 if source.endswith("\r\n", 0, line_start) else 1
    elif before_blank:
        # Swallow the blank line that followed, so removal leaves one blank line, not two.
        for newline in ("\r\n", "\n", "\r"):
            if source.startswith(newline, line_end):
                line_end += len(newline)
                break
    return Edit(line_start, line_end, "")


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """``1 article``, ``2 articles``."""
    return f"{count} {word if count == 1 else plural_form or word + 's'}"
