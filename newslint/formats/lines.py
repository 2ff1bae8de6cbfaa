"""Line splitting and paragraph grouping shared by the text-like readers."""

from __future__ import annotations

import re

from newslint.document import Block

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
#: what blocks are stripped of and blank lines hold: white space, but not NEL (U+0085). In
#: news text NEL is a Windows-1252 "…" read as Latin-1 (E004 restores it) or the end of
#: mojibake ("Ã\x85" is "Å"), never a line break: stripped, it was out of every rule's sight.
BLANKS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace() and c != 0x85)
BLANK_SET = frozenset(BLANKS)
_SENTENCE_END = tuple(".!?:;\"'”’)…")


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every line, the end excluding the line break."""
    lines = []
    for match in _LINE_RE.finditer(text):
        start, end = match.span()
        if start == end and start == len(text) and lines:
            break
        body_end = end
        while body_end > start and text[body_end - 1] in "\r\n":
            body_end -= 1
        lines.append((start, body_end))
    return lines


def stripped_block(kind: str, text: str, start: int, end: int) -> Block | None:
    """A verbatim Block for ``text[start:end]`` without surrounding white space."""
    while start < end and text[start] in BLANK_SET:
        start += 1
    while end > start and text[end - 1] in BLANK_SET:
        end -= 1
    if start == end:
        return None
    return Block(kind, text[start:end], start)


def _hard_wrapped(text: str, chunk: list[tuple[int, int]]) -> bool:
    """True when a chunk's lines look like one paragraph wrapped at a fixed width."""
    # Two lines are more often a headline and a caption than a wrapped paragraph.
    if len(chunk) < 3:
        return False
    heads = [text[s:e].rstrip() for s, e in chunk[:-1]]
    if not all(40 <= len(h) <= 100 for h in heads):
        return False
    unfinished = sum(1 for h in heads if not h.endswith(_SENTENCE_END))
    return unfinished * 2 >= len(heads)


def paragraph_blocks(
    text: str, lines: list[tuple[int, int]], kind: str = "paragraph"
) -> list[Block]:
    """Blocks for the non-empty lines of ``text``, grouped into paragraphs.

    Blank lines separate paragraphs. Inside a chunk without blank lines each line is a
    paragraph of its own (the usual export: one paragraph a line), unless the chunk is
    hard-wrapped prose, whose lines form one paragraph.
    """
    blocks: list[Block] = []
    chunk: list[tuple[int, int]] = []

    def flush() -> None:
        pieces = [(chunk[0][0], chunk[-1][1])] if _hard_wrapped(text, chunk) else chunk
        for start, end in pieces:
            block = stripped_block(kind, text, start, end)
            if block is not None:
                blocks.append(block)
        chunk.clear()

    for start, end in lines:
        if text[start:end].strip(BLANKS):
            chunk.append((start, end))
        else:
            flush()
    flush()
    return blocks
