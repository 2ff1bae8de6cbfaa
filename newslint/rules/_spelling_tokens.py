"""The spelling family's tokenizer: words of news prose, and what each word looks like.

News copy is dense with things a dictionary should never see: URLs and domains
(``amazon.co.uk``), e-mail addresses, handles and hashtags, numbers with units (``912km``,
``£1.13bn``, ``1990s``), initials (``U.S.``), HTML entities left in feeds (``caf&#233;``),
acronyms (``YPG``) and brand names with inner capitals (``iPod``). The tokenizer recognises them
so that the spelling rules can skip them, and it keeps every offset so that a finding lands on
the exact characters.

A ``Token`` is a word-like run: letters with inner apostrophes of any kind (``People’s``,
``Syria`s``, ``don't``) and inner hyphens (``Turkey-backed``), or one of the skipped kinds. The
text between two tokens (``gap``) tells the rules whether a sentence ended there, whether
punctuation separates the two words, and whether a ``[sic]`` follows.

This module is pure and cheap to import: one compiled regular expression, no data.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

#: apostrophe look-alikes writers and feeds use inside words: ' ’ ‘ ` ´ ʼ
APOSTROPHES = "'’‘`´ʼ"
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in APOSTROPHES[1:]})
#: hyphens inside compounds: ASCII, U+2010 hyphen, U+2011 non-breaking hyphen
HYPHENS = "-‐‑"

_FULL_RE = re.compile(
    r"""
    (?P<url>(?:https?://|ftp://|www\.)[^\s<>"“”'’]*[^\s<>"“”'’.,;:!?)\]])
    |(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    |(?P<handle>(?<![\w@#])[@#][^\W\d]\w*)
    |(?P<word>[^\W\d_][^\W_]*(?:[.'’‘`´ʼ\-‐‑][^\W_]+)*)
    |(?P<number>\d[^\W_]*(?:[.,:/'’\-‐‑]\d[^\W_]*)*)
    |(?P<entity>&\#?\w+;)
    """,
    re.VERBOSE,
)
#: words and numbers as plain strings, for the spelling rules' set-based first screening
WORDS_RE = re.compile(
    r"[^\W\d_][^\W_]*(?:[.'’‘`´ʼ\-‐‑][^\W_]+)*|\d[^\W_]*(?:[.,:/'’\-‐‑]\d[^\W_]*)*"
)
#: punctuation that never ends a ``WORDS_RE`` token (tokens start and end with a letter or
#: a digit; not ``ʼ``, which is a letter): stripped from the ends of a text's white-space
#: separated pieces, it leaves the piece's one word in most cases
_EDGE = "".join(sorted(set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»‹›„‚—–‐‑…•·′″´")))


def uncommon_words(text: str, common: Collection[str]) -> set[str]:
    """The distinct ``WORDS_RE`` tokens of ``text`` that are not in ``common``.

    The same set as ``set(WORDS_RE.findall(text)).difference(common)``, several times faster:
    most white-space separated pieces, once stripped of the punctuation at their ends, are
    one word (``(said,`` is ``said``), and most of those are common words, dropped by one set
    operation in C. Only the other pieces (``U.S.``, ``£1.2bn``, ``don’t``) go through the
    regular expression. Exact because a token never spans white space, never starts or ends
    with an ``_EDGE`` character, and a piece of letters only is a single token.
    """
    pieces = set(map(str.strip, text.split(), repeat(_EDGE))).difference(common)
    found = set()
    for piece in pieces:
        if piece.isalpha():
            found.add(piece)
        elif piece:
            found.update(WORDS_RE.findall(piece))
    return found.difference(common)


#: the same without URLs, e-mail addresses and handles, for the blocks that have none (most)
_PLAIN_RE = re.compile(
    r"(?P<word>[^\W\d_][^\W_]*(?:[.'’‘`´ʼ\-‐‑][^\W_]+)*)"
    r"|(?P<number>\d[^\W_]*(?:[.,:/'’\-‐‑]\d[^\W_]*)*)"
    r"|(?P<entity>&\#?\w+;)"
)
# A sentence ends at . ! ? … ; a colon starts one only before a quotation ("said: “We...").
_SENTENCE_END_RE = re.compile(r"[.!?…]|:\s*[\"“‘'«]")
_SIC_RE = re.compile(r"\s*[\"'”’)]*\s*[\[(]\s*sic\s*[\])]", re.IGNORECASE)
_ABBREVIATION_BEFORE = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
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
        "inc",
        "ltd",
        "co",
        "corp",
    ]
)


class Token(NamedTuple):
    """One word-like run of a block's text.

    ``kind`` is ``word``, ``number``, ``url``, ``email``, ``handle`` or ``entity``. ``start``
    and ``end`` are offsets into the block text. ``gap`` is the text between the previous token
    (or the block start) and this one. ``sentence_start`` is True for the first word of the
    block and for a word after ``.``, ``!``, ``?`` or ``…``, or after a colon and an opening
    quotation mark (``said: “We...``); not after ``;`` or a bare colon, where news puts lists
    of names (``Subs: Rice, Todd``). ``sic`` is True when ``[sic]`` or ``(sic)`` follows.
    ``glued`` is True when the word touches something that makes it not a plain word: an HTML
    entity, a digit, an ``@``, an underscore or a slash-joined path.
    """

    kind: str
    text: str
    start: int
    end: int
    gap: str
    sentence_start: bool
    sic: bool
    glued: bool


def normalise_apostrophes(word: str) -> str:
    """``word`` with every apostrophe look-alike replaced by ``'``."""
    return word.translate(_APOSTROPHE_TABLE)


#: characters that may touch a plain word on either side (spaces, punctuation, quotes)
_FREE = frozenset(" \t\n\r,:!?\"'()[]{}“”‘’«»—–-…*")
_GLUE_BEFORE = frozenset("&;_@#/\\=")
_GLUE_AFTER = frozenset("&_@/\\=")


def _is_glued(text: str, start: int, end: int) -> bool:
    """True when the word at ``text[start:end]`` touches a digit, an entity, a path..."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before == "." and (start < 2 or text[start - 2] in " \t\n(\"'“‘"):
        return True  # a file extension or a domain: .png, .mobi
    # ``caf&#233;``, ``x_y``, ``a/b/c`` paths; ``£1.13bn`` is the number branch's.
    return before in _GLUE_BEFORE or after in _GLUE_AFTER or before.isdigit() or after.isdigit()


#: token kinds by the number of the pattern's group that matched
_FULL_KINDS = ("", "url", "email", "handle", "word", "number", "entity")
_PLAIN_KINDS = ("", "word", "number", "entity")


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of one block of prose (cached: every spelling rule reads the same blocks)."""
    # Most blocks have no URL, address or handle: a smaller pattern scans them faster.
    if "@" in text or "#" in text or "/" in text or "www." in text:
        pattern, kinds = _FULL_RE, _FULL_KINDS
    else:
        pattern, kinds = _PLAIN_RE, _PLAIN_KINDS
    last_sic = text.lower().rfind("sic")
    length = len(text)
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # builds the NamedTuple in C, without its Python-level __new__
    free = _FREE
    previous_end = -1
    previous_word = ""
    for match in pattern.finditer(text):
        kind = kinds[match.lastindex or 0]
        start, end = match.span()
        word = match.group()
        if previous_end < 0:
            gap = text[:start]
            sentence_start = True
        elif start == previous_end + 1 and text[previous_end] == " ":
            gap = " "  # the usual case, without slicing a new string
            sentence_start = False
        else:
            gap = text[previous_end:start]
            sentence_start = _SENTENCE_END_RE.search(gap) is not None and not (
                gap.lstrip().startswith(".") and previous_word.lower() in _ABBREVIATION_BEFORE
            )
        glued = False
        if kind == "word":
            if "." in word:
                # Initials (U.S, e.g) and domains (fbi.gov) and glued sentences
                # (website.Speaking) are not words a dictionary can judge.
                kind = "dotted"
            elif not (
                (start == 0 or text[start - 1] in free)
                and (end == length or text[end] in free or text[end] == ".")
            ):
                glued = _is_glued(text, start, end)
        sic = last_sic >= end and _SIC_RE.match(text, end) is not None
        append(new(Token, (kind, word, start, end, gap, sentence_start, sic, glued)))
        previous_end = end
        previous_word = word
    return tuple(tokens)


#: characters a word may hold between letters (the tokenizer's word pattern)
_INNER = frozenset(".'’‘`´ʼ-‐‑")


def starts_sentence(text: str, start: int) -> bool:
    """True when a word at ``text[start]`` starts a sentence, as ``Token.sentence_start``
    says, for screening without tokenizing: the text back to the previous letter or digit is
    the gap the tokenizer would see."""
    i = start - 1
    while i >= 0 and not text[i].isalnum():
        i -= 1
    if i < 0:
        return True
    gap = text[i + 1 : start]
    if _SENTENCE_END_RE.search(gap) is None:
        return False
    if gap.lstrip().startswith("."):
        word_start = i
        while word_start > 0 and (
            text[word_start - 1].isalnum()
            or (
                text[word_start - 1] in _INNER and word_start > 1 and text[word_start - 2].isalnum()
            )
        ):
            word_start -= 1
        if text[word_start : i + 1].lower() in _ABBREVIATION_BEFORE:
            return False
    return True


def word_shape(word: str) -> str:
    """How a word is written: ``lower``, ``capitalised``, ``upper``, ``mixed`` (innerCaps).

    ``upper`` needs two or more letters (``YPG``, ``ISIL``); a single capital is
    ``capitalised``. ``mixed`` covers ``iPod``, ``McCain``, ``TimeWarner``, ``eBay``.
    Apostrophes and hyphens are ignored, so ``O'Brien`` is ``mixed`` and ``People's`` is
    ``capitalised``.
    """
    if word.islower():
        return "lower"
    if word.isascii() and word.isalpha():
        # ASCII letters only (most words): every character is a cased letter
        if word.isupper():
            return "upper" if len(word) >= 2 else "capitalised"
        return "capitalised" if word[0].isupper() and word[1:].islower() else "mixed"
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    if letters and letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "capitalised"
    return "mixed"
