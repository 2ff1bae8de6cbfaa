"""Shared machinery of the encoding and typography family (E): mojibake detection, fixes.

A private module (its name starts with ``_``, so the registry does not look for rules here).
ftfy is imported lazily and only for text that passes a cheap gate: ftfy's own first test
(a large regular expression) costs a quarter of a millisecond per paragraph, too much to pay on
every paragraph that merely holds a ``£`` or a curly quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from newslint.diagnostic import Diagnostic, Edit, Fix, Safety
from newslint.document import Block, Document
from newslint.formats.lines import BLANK_SET

#: the single-byte encodings ftfy tries when it undoes mojibake (ftfy.chardata.CHARMAP_ENCODINGS,
#: with the stdlib names of its "sloppy" codecs; a test checks the two lists agree)
MOJIBAKE_ENCODINGS: tuple[str, ...] = (
    "latin-1",
    "cp1252",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso-8859-2",
    "mac-roman",
    "cp437",
)
#: the ones ftfy uses "sloppily" (undefined bytes read as Latin-1), which replace_lossy_sequences
#: applies to
_SLOPPY = frozenset({"cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257"})
#: UTF-8 lead bytes after which ftfy's restore_byte_a0 accepts a space for a lost byte 0xA0
_SPACE_LEADS = bytes([0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE2, 0xE3, 0xF0])
#: UTF-8 lead bytes after which ftfy's replace_lossy_sequences accepts a "?" for a lost byte
_QMARK_LEADS = bytes([0xC2, 0xC3, *range(0xE0, 0xF5)])


def _decode(data: bytes, encoding: str) -> str:
    """Decode byte by byte, reading undefined bytes as Latin-1 (what ftfy's sloppy codecs do)."""
    chars = []
    for byte in data:
        try:
            chars.append(bytes([byte]).decode(encoding))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


@cache
def mojibake_gate() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A regex that matches somewhere in every text ftfy's ``fix_encoding`` would change.

    UTF-8 read in a single-byte encoding leaves a lead-byte character (bytes 0xC0-0xFF)
    followed by a continuation character (bytes 0x80-0xBF), or by the space or "?" that ftfy
    accepts for a lost byte; ftfy's other repairs need a C1 control, a U+001A or a U+FFFD. Built
    from the stdlib codecs, so the gate costs no ftfy import. Returned with a one-class regex
    of the characters a match can start with, which finds them (or not) much faster.
    """
    leads: set[str] = set()
    conts: set[str] = set()
    space_leads: set[str] = set()
    qmark_leads: set[str] = set()
    for encoding in MOJIBAKE_ENCODINGS:
        leads |= set(_decode(bytes(range(0xC0, 0x100)), encoding))
        conts |= set(_decode(bytes(range(0x80, 0xC0)), encoding))
        if encoding != "mac-roman":
            space_leads |= set(_decode(_SPACE_LEADS, encoding))
        if encoding in _SLOPPY:
            qmark_leads |= set(_decode(_QMARK_LEADS, encoding))
    # Every alternative starts with one of these.
    starters = leads | {chr(c) for c in range(0x80, 0xA0)} | {"\x1a", "\ufffd"}
    pattern = (
        f"{_char_class(leads)}{_char_class(conts)}"
        f"|{_char_class(space_leads)} |{_char_class(qmark_leads)}\\?"
        "|[\x80-\x9f\x1a\ufffd]"
    )
    return re.compile(_char_class(starters)), re.compile(pattern)


def may_hold_mojibake(text: str) -> bool:
    """Cheap test: False means ftfy would certainly leave ``text`` alone."""
    if text.isascii():
        return False
    starter, pattern = mojibake_gate()
    first = starter.search(text)
    return first is not None and pattern.search(text, first.start()) is not None


@dataclass(frozen=True, slots=True)
class Repair:
    """``text[start:end]`` should read ``replacement`` (offsets into the text given)."""

    start: int
    end: int
    replacement: str

    @property
    def lossy(self) -> bool:
        """True when the repair still holds a U+FFFD: the original character is lost."""
        return "\ufffd" in self.replacement


#: a repair region holding only C1 controls that ftfy maps to their Windows-1252 character is
#: the invisible-character rule's business (a Latin-1/Windows-1252 mix-up, not UTF-8 mojibake)
_C1 = re.compile("[\x80-\x9f]+")
#: beyond this many separate repairs in one block, report one region from first to last
MAX_REGIONS = 6


def c1_replacement(char: str) -> str | None:
    """The Windows-1252 character a C1 control most likely stood for, or None."""
    try:
        return char.encode("latin-1").decode("cp1252")
    except UnicodeError:
        return None


@lru_cache(maxsize=2048)
def mojibake_repairs(text: str) -> tuple[Repair, ...]:
    """Where ftfy would repair ``text``, as small regions with their repaired text.

    Regions that only turn C1 controls into their Windows-1252 characters are left out (the
    invisible-character rule reports those).
    """
    if not may_hold_mojibake(text):
        return ()
    import difflib

    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return ()
    matcher = difflib.SequenceMatcher(None, text, fixed, autojunk=False)
    changes = [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal" and not _only_c1(text[i1:i2], fixed[j1:j2])
    ]
    # Grow each change to the whole garbled word: the diff may keep a character that happens
    # to be the same in both texts ("Å“" -> "“" keeps the "“"), which reads badly in a message.
    # A NEL (U+0085) is part of the word ("…" read as Latin-1), not white space: left out,
    # its own change waited for E004 and ftfy read what remained otherwise ("Ã\x80\x91Â\x85").
    # Outside the changes the texts are equal, so both offsets move together.
    regions: list[list[int]] = []  # [i1, i2, j1, j2]
    for index, (i1, i2, j1, j2) in enumerate(changes):
        floor = regions[-1][1] if regions else 0
        while i1 > floor and text[i1 - 1] not in BLANK_SET:
            i1, j1 = i1 - 1, j1 - 1
        if regions and i1 == floor:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
        ceiling = changes[index + 1][0] if index + 1 < len(changes) else len(text)
        region = regions[-1]
        while region[1] < ceiling and text[region[1]] not in BLANK_SET:
            region[1], region[3] = region[1] + 1, region[3] + 1
    if len(regions) > MAX_REGIONS:  # a whole garbled paragraph: one finding, not one per word
        regions = [[regions[0][0], regions[-1][1], regions[0][2], regions[-1][3]]]
    return tuple(Repair(i1, i2, fixed[j1:j2]) for i1, i2, j1, j2 in regions)


def _only_c1(original: str, replacement: str) -> bool:
    if not _C1.fullmatch(original):
        return False
    return "".join(c1_replacement(c) or c for c in original) == replacement


def wait_for_mojibake(doc: Document, found: list[Diagnostic]) -> Iterator[Diagnostic]:
    """``found`` (one character rule's findings), without their fixes in a block whose
    mojibake E001 would read otherwise once they are all applied.

    ftfy reads a whole block: a control character fixed beside a garbled word can make it
    read the word otherwise ("Â\xadÄ\x0b"), and the next pass would find something new.
    There the fixes wait until E001 has repaired the block; the findings stay."""
    groups: dict[int, tuple[Block, list[Edit]]] = {}
    for diagnostic in found:
        if diagnostic.fix is None:
            continue
        block = block_at(doc, diagnostic.span.start)
        if block is not None and block.verbatim:
            groups.setdefault(id(block), (block, []))[1].extend(diagnostic.fix.edits)
    held: set[int] = set()
    for key, (block, edits) in groups.items():
        before = mojibake_repairs(block.text)
        if not before:
            continue
        text = block.text
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            i, j = edit.start - block.start, edit.end - block.start
            if 0 <= i <= j <= len(text):
                text = text[:i] + edit.replacement + text[j:]
        if [r.replacement for r in mojibake_repairs(text)] != [r.replacement for r in before]:
            held.add(key)
    for diagnostic in found:
        if held and diagnostic.fix is not None:
            block = block_at(doc, diagnostic.span.start)
            if block is not None and id(block) in held:
                diagnostic = replace(diagnostic, fix=None)
        yield diagnostic


def repairs_covering(text: str) -> list[tuple[int, int]]:
    """The (start, end) regions of ``text`` that the mojibake rule reports."""
    return [(r.start, r.end) for r in mojibake_repairs(text)]


# --- fixes -------------------------------------------------------------------------------


def block_edit(doc: Document, block: Block, i: int, j: int, replacement: str) -> Edit | None:
    """An Edit replacing ``block.text[i:j]``, or None when its source is not that text.

    Readers of HTML and JSON decode entities and escapes: there the source may hold
    ``&amp;`` where the block holds ``&``, and blindly replacing the source would be wrong.
    The replacement is escaped for the format (a ``"`` in a JSON string becomes ``\\"``).
    """
    start, end = block.source_range(i, j)
    if doc.source[start:end] != block.text[i:j]:
        return None
    return format_edit(doc, start, end, replacement)


def format_edit(doc: Document, start: int, end: int, replacement: str) -> Edit | None:
    """An Edit of source ``[start, end)`` with ``replacement`` escaped as the format needs
    (``"`` inside a JSON string, in a quoted CSV field); None where it cannot be written."""
    from newslint.formats import escape_replacement

    escaped = escape_replacement(doc.format, doc.source, start, end, replacement)
    return None if escaped is None else Edit(start, end, escaped)


def block_fix(
    doc: Document,
    block: Block,
    i: int,
    j: int,
    replacement: str,
    description: str,
    safety: Safety = "safe",
) -> Fix | None:
    """A one-edit Fix for ``block.text[i:j]``, or None when the source cannot take it."""
    edit = block_edit(doc, block, i, j, replacement)
    if edit is None:
        return None
    return Fix((edit,), safety, description)


_FIRST_RECORD = re.compile(r"(?:item|row|record) 0*1")


def is_first_record(doc: Document) -> bool:
    """True for a one-article file, or for the first record of a records file.

    File-level findings (encoding, line endings) are reported once per file: on the first
    record. The readers name records "item N" (JSON), "row N" (CSV) and "line N" (JSON Lines,
    N the line number): a JSON Lines record is first when only blank lines come before it.
    """
    if doc.record is None:
        return True
    if _FIRST_RECORD.fullmatch(doc.record):
        return True
    if doc.format != "jsonl":
        return False
    before = doc.source[: doc.line_index.line_start(doc.record_line)]
    return not before.strip()


def block_at(doc: Document, offset: int) -> Block | None:
    """The block whose source range holds ``offset``, if any."""
    for block in doc.all_blocks():
        start, end = block.source_range(0, len(block.text))
        if start <= offset < end:
            return block
    return None


def in_mojibake(doc: Document, offset: int) -> bool:
    """True when source ``offset`` lies inside a region the mojibake rule reports."""
    block = block_at(doc, offset)
    if block is None:
        return False
    for i, j in repairs_covering(block.text):
        start, end = block.source_range(i, j)
        if start <= offset < end:
            return True
    return False
