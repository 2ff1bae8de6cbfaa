"""Shared text helpers: sentence and word boundaries in prose.

These are deliberately simple and fast; rule families refine them where they need to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: a word: letters with inner apostrophes (any kind) or hyphens; digits allowed inside
WORD_RE = re.compile(r"[^\W_](?:[\w]|['’`´-](?=[^\W_]))*")

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "co",
        "corp",
        "inc",
        "ltd",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences of a paragraph.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes or brackets) followed
    by white space, unless the word before a full stop is a known abbreviation or an initial.
    Glued sentences (``dozens.Speaking``) are not split: finding them is a rule's job.
    """
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and end - start > 0:
            word_start = text.rfind(" ", start, match.start()) + 1
            word = text[max(word_start, start) : match.start()].lower().lstrip("(\"'“‘")
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        if end > start:
            yield start, end
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n:
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        yield start, end


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, word) for every word of ``text``."""
    for match in WORD_RE.finditer(text):
        yield match.start(), match.end(), match.group()
