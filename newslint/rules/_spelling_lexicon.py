"""The spelling family's word data: which words exist, how common they are, known misspellings.

Every source is read from an installed package at run time (nothing is copied into the
repository), once per process, lazily, and kept in compact structures:

- **symspellpy**'s English frequency list (82,765 words with Google Books counts, MIT). Sorted
  by frequency, so the most common ``COMMON_SIZE`` words load as a dict in a few milliseconds;
  the whole list (for suggestions) loads only when a suggestion is needed.
- **pyspellchecker**'s English dictionary (160,572 words, many names lowercased, MIT; the
  counts come from OpenSubtitles). Its JSON file is sorted, so instead of building a 160,000
  entry set (over 100 ms) the decompressed text is searched by bisection (tens of
  microseconds, memoised per word).
- **codespell**'s ``dictionary.txt`` (about 65,000 ``misspelling->correction`` lines, CC BY-SA
  3.0) and its ``dictionary_en-GB_to_en-US.txt`` for British and American spellings.
- the bundled ``rules/words/*.txt`` lists (installed as ``newslint.packs``): news words that no
  general dictionary has, news misspellings, legitimate doubled words.

``known(word)`` is the question every spelling rule asks; it accepts inflected, derived,
compound and British/American forms of dictionary words (``reoffending``, ``carmaker``,
``renationalise``) because news coins them daily and a typo rarely looks like one.

Speed: a one-article run must start fast, a corpus run must be fast per article. So the
costly indexes (``_NeighbourFinder``'s deletion index, ``_LongTail``'s dict of the rare
words) are built only once enough look-ups have shown a corpus run; before that the same
answers come from a slower direct search. The tests compare both ways.
"""

from __future__ import annotations

import bisect
import importlib.util
import math
import os
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import islice, repeat, takewhile
from typing import NamedTuple

#: how many of the most frequent symspell words load up front (rank 40,000 has ~250,000 hits)
COMMON_SIZE = 40_000
#: letters used to generate edits; accented letters are rare enough in English typos
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
#: words that never form part of a closed compound: a run-on of two of them is a typo
#: (``andthe``, ``forthe``), not a coinage
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "we",
        "they",
        "you",
        "his",
        "her",
        "our",
        "their",
        "my",
        "your",
        "not",
        "no",
        "so",
        "if",
        "than",
        "then",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "each",
    ]
)
_PREFIXES = (
    "counter",
    "under",
    "super",
    "inter",
    "multi",
    "micro",
    "ultra",
    "hyper",
    "cyber",
    "trans",
    "mega",
    "mini",
    "over",
    "post",
    "anti",
    "semi",
    "self",
    "euro",
    "tele",
    "non",
    "pre",
    "mis",
    "dis",
    "sub",
    "out",
    "bio",
    "eco",
    "geo",
    "neo",
    "re",
    "un",
    "de",
    "co",
)
# (suffix, what replaces it to get the stem) in the order tried; the stem must be known
_SUFFIXES = (
    ("isations", "ise"),
    ("isation", "ise"),
    ("izations", "ize"),
    ("ization", "ize"),
    ("nesses", ""),
    ("ness", ""),
    ("lessly", ""),
    ("less", ""),
    ("ingly", ""),
    ("edly", ""),
    ("ably", "able"),
    ("ily", "y"),
    ("ly", ""),
    ("ables", ""),
    ("able", ""),
    ("able", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("er", ""),
    ("er", "e"),
    ("ists", ""),
    ("ist", ""),
    ("isms", ""),
    ("ism", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ship", ""),
    ("hood", ""),
    ("wise", ""),
    ("like", ""),
)
# British spellings and the American forms the dictionaries know (the first that is known wins)
_BRITISH_ENDINGS = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("ise", "ize"),
    ("ysing", "yzing"),
    ("ysed", "yzed"),
    ("yse", "yze"),
    ("tres", "ters"),
    ("tre", "ter"),
    ("ences", "enses"),
    ("ence", "ense"),
    ("ogues", "ogs"),
    ("ogue", "og"),
    ("mmes", "ms"),
    ("mme", "m"),
    ("yres", "ires"),
    ("yre", "ire"),
)


def _packs_file(*parts: str) -> str:
    """Text of a bundled data file under ``rules/`` (installed as ``newslint.packs``)."""
    return _package_file("newslint.packs", *parts).decode("utf-8")


def _package_file(package: str, *parts: str) -> bytes:
    """Bytes of a data file shipped inside an installed package.

    The file is found without importing the package (``symspellpy`` imports its whole
    spelling engine on import, tens of milliseconds we do not need).
    """
    spec = importlib.util.find_spec(package)
    locations = spec.submodule_search_locations if spec is not None else None
    if locations:
        for folder in locations:
            path = os.path.join(folder, *parts)
            if os.path.exists(path):
                with open(path, "rb") as handle:
                    return handle.read()
    from importlib import resources  # zipped installs only

    return resources.files(package).joinpath(*parts).read_bytes()


def read_word_list(text: str) -> list[str]:
    """Lines of a word list without comments (``#``) and blank lines."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


# --- symspellpy: frequencies ------------------------------------------------------------------


@cache
def _symspell_text() -> str:
    return _package_file("symspellpy", "frequency_dictionary_en_82_765.txt").decode("utf-8")


@cache
def _symspell_head() -> tuple[list[str], int]:
    """The words and counts of the ``COMMON_SIZE`` first lines, and where the rest begins."""
    text = _symspell_text()
    tokens = text.split(maxsplit=2 * COMMON_SIZE)
    if len(tokens) <= 2 * COMMON_SIZE:
        return tokens, len(text)
    return tokens[: 2 * COMMON_SIZE], len(text) - len(tokens[-1])


@cache
def common_words() -> dict[str, str]:
    """The ``COMMON_SIZE`` most frequent words -> their count (as text; parse with ``int``)."""
    pairs = iter(_symspell_head()[0])
    return dict(zip(pairs, pairs, strict=False))  # word, count, word, count...


@cache
def _initial_pools() -> dict[str, list[str]]:
    """The common words by first letter, for the distance-2 candidate search."""
    pools: dict[str, list[str]] = {}
    for word in common_words():
        pools.setdefault(word[0], []).append(word)
    return pools


def _initial_pool(letter: str) -> list[str]:
    """The common words that start with ``letter``."""
    return _initial_pools().get(letter, [])


def common_frequency(word: str) -> int:
    """Google Books count of ``word`` if it is among the common words, else 0."""
    return int(common_words().get(word, "0"))


class _LongTail:
    """The words of symspell's list after the common ones, for the rare look-ups of unknown
    words and their candidates. The first ``AFTER`` look-ups search the text after the
    common words (a quarter of a millisecond each: enough for one article); then the tail
    becomes a dict once (some 15 ms), and a corpus run gets dict look-ups. Both give the
    same answers: a word outside the common words can only be found in the tail."""

    AFTER = 16

    def __init__(self) -> None:
        self.searches = 0
        self.table: dict[str, str] | None = None

    def count(self, word: str) -> int:
        table = self.table
        if table is None and self.searches >= self.AFTER:
            table = self.table = self._build()
        if table is not None:
            return int(table.get(word, "0"))
        self.searches += 1
        text = _symspell_text()
        at = text.find(f"\n{word} ", _symspell_head()[1] - 1)
        if at < 0:
            return 0
        start = at + len(word) + 2
        end = text.find("\n", start)
        return int(text[start : end if end >= 0 else len(text)])

    @staticmethod
    def _build() -> dict[str, str]:
        tail = _symspell_text()[_symspell_head()[1] :].split()
        # reversed, so that the first line of a word listed twice wins, as the search finds it
        return dict(zip(tail[-2::-2], tail[::-2], strict=False))


_long_tail = _LongTail()


@lru_cache(maxsize=65536)
def symspell_count(word: str) -> int:
    """symspell's count for ``word``: the common words from the dict, the long tail (rarely
    asked: unknown words and their candidates) from ``_LongTail``. 0 if absent."""
    count = common_words().get(word)
    if count is not None:
        return int(count)
    return _long_tail.count(word)


def in_symspell(word: str) -> bool:
    """True when symspell's frequency list has ``word``."""
    return symspell_count(word) > 0


@lru_cache(maxsize=65536)
def frequency(word: str) -> int:
    """How often ``word`` (lowercase) occurs in the Google Books counts symspell ships.

    Words only pyspellchecker knows get a count below symspell's floor (about 12,700), so
    that a rare dictionary word still outranks nothing.
    """
    count = symspell_count(word)
    if count:
        return count
    return 1000 if in_pyspell(word) else 0


# --- pyspellchecker: the big dictionary ------------------------------------------------------


@cache
def _pyspell_text() -> str:
    import gzip

    raw = _package_file("spellchecker", "resources", "en.json.gz")
    return gzip.decompress(raw).decode("utf-8")


#: bytes between the samples of the pyspellchecker index
_PYSPELL_STRIDE = 2048


@cache
def _pyspell_index() -> tuple[list[str], list[int]]:
    """Every ``_PYSPELL_STRIDE`` characters, the first key starting a line, and its offset.

    The JSON file has one ``"word": count,`` entry per line in sorted order, so bisecting these
    samples narrows a look-up to one small window of the text (a few microseconds), instead of
    building a 160,000-entry set at start-up (over 100 ms).
    """
    text = _pyspell_text()
    keys: list[str] = []
    offsets: list[int] = []
    at = 0
    while True:
        start = text.find('\n"', at)
        if start < 0:
            break
        end = text.find('"', start + 2)
        keys.append(text[start + 2 : end])
        offsets.append(start)
        at = start + _PYSPELL_STRIDE
    return keys, offsets


@lru_cache(maxsize=131072)
def in_pyspell(word: str) -> bool:
    """True when pyspellchecker's English dictionary has ``word`` (lowercase)."""
    keys, offsets = _pyspell_index()
    text = _pyspell_text()
    at = bisect.bisect_right(keys, word) - 1
    if at < 0:
        return False
    end = offsets[at + 1] + 1 if at + 1 < len(offsets) else len(text)
    return text.find(f'\n"{word}":', offsets[at], end + len(word) + 3) >= 0


def pyspell_members(words: Iterable[str]) -> set[str]:
    """The ``words`` pyspellchecker's dictionary has: ``{w for w in words if in_pyspell(w)}``
    for many words at once (the candidate search asks for some 500 edits of one word).

    Each word is looked for in the same window of the text as ``in_pyspell`` looks, but a
    window's keys are read once into a set and shared by every word that falls in it.
    """
    keys, offsets = _pyspell_index()
    found = set()
    for word in words:
        at = bisect.bisect_right(keys, word) - 1
        if at >= 0 and word in _pyspell_window(at):
            found.add(word)
    return found


_PYSPELL_KEY_RE = re.compile(r'\n"([^"\n]*)":')


@lru_cache(maxsize=4096)
def _pyspell_window(at: int) -> frozenset[str]:
    """The keys of the lines that start in sample window ``at`` of pyspellchecker's text.

    ``in_pyspell`` finds a word there when a line starts with ``"word":`` at or after the
    window's first line and no later than the next window's first line; that line holds a
    key greater than any word ``bisect`` sends to this window, so it is left out.
    """
    keys, offsets = _pyspell_index()
    text = _pyspell_text()
    end = offsets[at + 1] if at + 1 < len(offsets) else len(text)
    return frozenset(_PYSPELL_KEY_RE.findall(text, offsets[at], end))


# --- codespell: known misspellings, British and American spellings ----------------------------


@cache
def _codespell_text() -> str:
    return _package_file("codespell_lib", "data", "dictionary.txt").decode("utf-8")


#: characters between the samples of the codespell index
_CODESPELL_STRIDE = 2048


@cache
def _codespell_index() -> tuple[list[str], list[int]]:
    """Every ``_CODESPELL_STRIDE`` characters, the next line (lowercased) and its offset.

    codespell's file is sorted by lowercased line, so bisecting these samples narrows a
    look-up to one small window of the text.
    """
    text = _codespell_text()
    keys: list[str] = []
    offsets: list[int] = []
    at = 0
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        keys.append(text[at:end].lower())
        offsets.append(at)
        next_line = text.find("\n", at + _CODESPELL_STRIDE)
        if next_line < 0:
            break
        at = next_line + 1
    return keys, offsets


@lru_cache(maxsize=65536)
def codespell_correction(word: str) -> str | None:
    """codespell's ``"correction[, correction...]"`` for lowercase ``word``, or None."""
    text = _codespell_text()
    keys, offsets = _codespell_index()
    key = word + "->"
    at = max(0, bisect.bisect_right(keys, key) - 1)
    start = offsets[at]
    end = offsets[at + 1] if at + 1 < len(offsets) else len(text)
    found = text.find("\n" + key, start - 1 if start else 0, end + len(key))
    if found < 0:
        if start == 0 and text.startswith(key):
            found = -1
        else:
            return None
    line_end = text.find("\n", found + 1)
    return text[found + 1 + len(key) : line_end if line_end >= 0 else len(text)]


@cache
def british_to_american() -> dict[str, str]:
    """codespell's British -> American spelling pairs (``colour`` -> ``color``)."""
    text = _package_file("codespell_lib", "data", "dictionary_en-GB_to_en-US.txt").decode("utf-8")
    pairs = {}
    for line in text.splitlines():
        gb, _, us = line.partition("->")
        if us:
            pairs[gb.strip()] = us.split(",")[0].strip()
    return pairs


@cache
def american_to_british() -> dict[str, str]:
    """The reverse of ``british_to_american`` (``color`` -> ``colour``), without the American
    spellings British English writes too (``british_also``: story, program, focused)."""
    shared = british_also()
    return {us: gb for gb, us in british_to_american().items() if us not in shared}


@cache
def british_also() -> frozenset[str]:
    """American spellings that are British too (``rules/words/british_also.txt``): another
    sense (story/storey, program/programme) or the usual British form (focused, judgment)."""
    return frozenset(w.lower() for w in read_word_list(_packs_file("words", "british_also.txt")))


@cache
def dialect_words() -> frozenset[str]:
    """Every word with a listed spelling in the other dialect (both directions)."""
    return frozenset(british_to_american()) | frozenset(american_to_british())


# --- bundled lists ----------------------------------------------------------------------------


@cache
def news_words() -> frozenset[str]:
    """Words news uses that general dictionaries lack (``rules/words/news_words.txt``)."""
    return frozenset(w.lower() for w in read_word_list(_packs_file("words", "news_words.txt")))


@cache
def news_misspellings() -> dict[str, str]:
    """The news-specific misspelling list (``rules/words/news_misspellings.txt``)."""
    table = {}
    for line in read_word_list(_packs_file("words", "news_misspellings.txt")):
        wrong, _, right = line.partition("->")
        if right:
            table[wrong.strip()] = right.strip()
    return table


@cache
def allowed_doubles() -> frozenset[str]:
    """Words that may legitimately appear twice in a row (``had had``)."""
    return frozenset(w.lower() for w in read_word_list(_packs_file("words", "allowed_doubles.txt")))


# --- the questions rules ask ------------------------------------------------------------------


@lru_cache(maxsize=131072)
def in_dictionary(word: str) -> bool:
    """True when a dictionary has the lowercase ``word`` exactly (no derivation)."""
    return (
        word in common_words()
        or word in news_words()
        or in_pyspell(word)
        or word in british_to_american()
    )


@lru_cache(maxsize=131072)
def known(word: str) -> bool:
    """True when lowercase ``word`` is a dictionary word or a regular formation of one.

    Accepted formations: possessives and contractions (``minister's``, ``they'd``), British
    spellings of known American words (``renationalise``, ``travelling``), a known stem with a
    common suffix (``wirelessly``, ``downloaders``) or prefix (``reoffending``, ``unpatched``),
    and closed compounds of two common content words (``carmaker``). A formation is not
    accepted when a common word lies one edit away (``newpaper`` is ``new`` + ``paper``, but
    it is far likelier to be ``newspaper`` mistyped).
    """
    if in_dictionary(word):
        return True
    if "'" in word:
        return _known_with_apostrophe(word)
    if len(word) < 4:
        return False
    if _american_form(word) or _prefixed_stem(word):
        return True
    if word.endswith("s") and word[:-1] in common_words() and not word.endswith("ss"):
        return True  # plural of a common word: olds, mins
    # Suffixes and compounds parse many typos (soliders = solid + ers, newpaper = new + paper):
    # accept them only when no common word is one edit away.
    base = _derivation_stem(word) or _compound_parts(word)
    return base is not None and not _typo_neighbour(word, base)


def formation_base(word: str) -> str | None:
    """The dictionary word ``word`` is formed from (British form, affix, compound), or None."""
    return (
        _american_form(word)
        or _prefixed_stem(word)
        or _derivation_stem(word)
        or _compound_parts(word)
    )


def _typo_neighbour(word: str, base: str) -> bool:
    """True when a frequent word one edit from ``word`` explains it better than ``base``.

    Ignored: ``base`` itself, ``word``'s own inflections (``carmaker``/``carmakers``), and
    words with another first letter (writers rarely mistype the first letter).
    """
    first = word[0]
    return any(
        c[0] == first and c != base and not (c.startswith(word) or word.startswith(c))
        for c in frequent_neighbours(word)
    )


def _known_with_apostrophe(word: str) -> bool:
    for ending in ("'s", "'", "'ll", "'re", "'ve", "'d", "n't", "'m"):
        if word.endswith(ending) and len(word) > len(ending):
            stem = word[: -len(ending)]
            if known(stem):
                return True
    # rock'n'roll, o'clock, d'etre: every piece is a word (or a single letter)
    pieces = [p for p in word.split("'") if p]
    return bool(pieces) and all(len(p) == 1 or in_dictionary(p) for p in pieces)


#: British -our- before one of these endings is American -or- (colourful, favourite, rumoured)
_OUR_ENDINGS = frozenset(
    [
        "|",
        "s",
        "ed",
        "ing",
        "ite",
        "ites",
        "itism",
        "able",
        "ably",
        "ful",
        "fully",
        "less",
        "er",
        "ers",
        "ist",
        "ists",
        "ism",
        "y",
        "ies",
        "ied",
    ]
)


def _american_form(word: str) -> str | None:
    """The known American spelling of British ``word`` (``rumoured`` -> ``rumored``), or None."""
    us = british_to_american().get(word)
    if us:
        return us
    for gb, us_ending in _BRITISH_ENDINGS:
        if word.endswith(gb) and len(word) > len(gb) + 1:
            candidate = word[: -len(gb)] + us_ending
            if in_dictionary(candidate):
                return candidate
    at = word.find("our")
    if at > 0 and word[at - 1] not in _VOWELS and (word[at + 3 :] or "|") in _OUR_ENDINGS:
        candidate = word[:at] + "or" + word[at + 3 :]
        if in_dictionary(candidate):
            return candidate
    for doubled in ("lled", "lling", "ller", "llers"):
        if word.endswith(doubled):
            candidate = word[: -len(doubled)] + doubled[1:]
            if in_dictionary(candidate):
                return candidate
    for digraph in ("ae", "oe"):
        if digraph in word:
            candidate = word.replace(digraph, "e")
            if in_dictionary(candidate):
                return candidate
    for gb, us in _BRITISH_STEMS:
        if gb in word:
            candidate = word.replace(gb, us, 1)
            if in_dictionary(candidate):
                return candidate
    # -re for -er after a consonant: meagre, sombre, fibres, centred, manoeuvring
    for gb, us in (("re", "er"), ("res", "ers"), ("red", "ered"), ("ring", "ering")):
        if word.endswith(gb) and len(word) > len(gb) + 2 and word[-len(gb) - 1] not in _VOWELS:
            candidate = word[: -len(gb)] + us
            if in_dictionary(candidate):
                return candidate
    return None


#: British spellings inside words, and their American forms
_BRITISH_STEMS = (
    ("dgement", "dgment"),
    ("sceptic", "skeptic"),
    ("chequ", "check"),
    ("plough", "plow"),
    ("mould", "mold"),
    ("moult", "molt"),
    ("pyjama", "pajama"),
    ("kerb", "curb"),
    ("draught", "draft"),
    ("gaol", "jail"),
    ("storey", "story"),
    ("tyre", "tire"),
    ("aluminium", "aluminum"),
    ("grey", "gray"),
    ("ettor", "etor"),
    ("ogue", "og"),
    ("yse", "yze"),
    ("ise", "ize"),
    ("isation", "ization"),
    ("lled", "led"),
    ("lling", "ling"),
)


_PLURAL_AFTER = ("s", "x", "z", "ch", "sh", "o")


def _derivation_stem(word: str) -> str | None:
    """The known stem of a suffixed ``word`` (``wirelessly`` -> ``wireless``), or None."""
    for suffix, replacement in _SUFFIXES:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)] + replacement
        if len(stem) < (3 if suffix == "s" else 4):
            continue
        if suffix == "s" and stem.endswith("s"):
            continue  # no double plurals: refugess is not refuges + s
        if suffix == "es" and not stem.endswith(_PLURAL_AFTER):
            continue
        if in_dictionary(stem) or _american_form(stem):
            return stem
    return None


def _prefixed_stem(word: str) -> str | None:
    """The known word after a common prefix (``reoffending`` -> ``offending``), or None."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            rest = word[len(prefix) :]
            if in_dictionary(rest) or _derivation_stem(rest) or _american_form(rest):
                return rest
    return None


#: parts of a closed compound must be at least this common (Google Books count)
_COMPOUND_PART_FREQUENCY = 1_000_000


def _compound_parts(word: str) -> str | None:
    """``head tail`` when ``word`` joins two common content words (``carmaker``), or None."""
    common = common_words()
    news = news_words()
    for i in range(3, len(word) - 3):
        head, tail = word[:i], word[i:]
        if head in FUNCTION_WORDS or tail in FUNCTION_WORDS:
            continue
        if not (head in news or int(common.get(head, "0")) >= _COMPOUND_PART_FREQUENCY):
            continue
        if tail in news or int(common.get(tail, "0")) >= _COMPOUND_PART_FREQUENCY:
            return f"{head} {tail}"
        for ending in ("s", "es", "ers", "er", "ing"):
            stem = tail[: -len(ending)]
            if tail.endswith(ending) and int(common.get(stem, "0")) >= _COMPOUND_PART_FREQUENCY:
                return f"{head} {tail}"
    return None


#: the "frequent words": corrections and typo neighbours come from these (rank 10,000 has
#: about 4 million hits)
FREQUENT_SIZE = 10_000


class _NeighbourFinder:
    """Finds the frequent words one edit from a word.

    The first look-ups generate every edit of the word (some 120 microseconds); after
    ``INDEX_AFTER`` of them it builds a SymSpell-style index of the frequent words by their
    one-letter deletions once (some 50 ms), and answers from it in under 10 microseconds.
    Since T003's suspects come from a shipped table, only T002's rarer questions come here
    (some 200 per thousand articles): the index pays for itself only after some 400 look-ups.
    Both give the same answers: the frequent words are all lowercase ASCII letters, the
    letters ``edits1`` uses.
    """

    INDEX_AFTER = 400

    def __init__(self) -> None:
        self.calls = 0
        self.index: dict[str, str] | None = None

    def __call__(self, word: str) -> list[str]:
        self.calls += 1
        index = self.index
        if index is None:
            if self.calls <= self.INDEX_AFTER:
                return list(frequent_words().keys() & edits1(word))
            index = self.index = self._build()
        keys = [word[:i] + word[i + 1 :] for i in range(len(word))]
        keys.append(word)
        found = set(" ".join(map(index.get, keys, repeat(""))).split())
        found.discard(word)
        return [c for c in found if _one_edit(word, c)]

    @staticmethod
    def _build() -> dict[str, str]:
        """Each frequent word, and each of its one-letter deletions -> the frequent words it
        comes from, space-separated (strings, not lists: 70,000 lists would wake the garbage
        collector over and over in a process full of objects)."""
        index: dict[str, str] = {}
        get = index.get
        for word in frequent_words():
            entry = word + " "
            index[word] = get(word, "") + entry
            for i in range(len(word)):
                key = word[:i] + word[i + 1 :]
                index[key] = get(key, "") + entry
        return index


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one deletion, insertion, substitution or swap."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1]
        )
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


_neighbour_finder = _NeighbourFinder()


@cache
def frequent_words() -> dict[str, int]:
    """The ``FREQUENT_SIZE`` most frequent words and their counts."""
    words = common_words()
    return dict(
        zip(
            islice(words, FREQUENT_SIZE),
            map(int, islice(words.values(), FREQUENT_SIZE)),
            strict=False,
        )
    )


@lru_cache(maxsize=65536)
def frequent_neighbours(word: str) -> tuple[str, ...]:
    """The frequent words one edit (deletion, insertion, substitution, swap) from ``word``."""
    return tuple(sorted(_neighbour_finder(word)))


@lru_cache(maxsize=65536)
def misspelt_variant(word: str) -> bool:
    """True when ``word`` (found only in the long tail of a frequency list) is a frequent
    word with a letter doubled or undoubled, or two letters swapped (``equiped``,
    ``controled``, ``nickle``): the lists count misspellings that books contain."""
    for c in frequent_neighbours(word):
        if len(c) == len(word):
            i = next(k for k in range(len(c)) if c[k] != word[k])
            if c[i : i + 2] == word[i : i + 2][::-1]:
                return True
            continue
        longer, shorter = (c, word) if len(c) > len(word) else (word, c)
        i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
        doubled_before = i > 0 and longer[i] == longer[i - 1]
        doubled_after = i + 1 < len(longer) and longer[i] == longer[i + 1]
        if doubled_before or doubled_after:
            return True
    return False


# --- candidates -------------------------------------------------------------------------------


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in ALPHABET)
    out.update(a + c + b for a, b in splits for c in ALPHABET)
    out.discard(word)
    return out


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_POSITION = {
    c: (row, col) for row, keys in enumerate(_KEYBOARD_ROWS) for col, c in enumerate(keys)
}
_VOWELS = frozenset("aeiouy")


def _substitution_cost(a: str, b: str) -> float:
    if a in _VOWELS and b in _VOWELS:
        return 0.6
    pa, pb = _KEY_POSITION.get(a), _KEY_POSITION.get(b)
    if pa and pb and abs(pa[0] - pb[0]) <= 1 and abs(pa[1] - pb[1]) <= 1:
        return 0.7
    if {a, b} in ({"c", "s"}, {"c", "k"}, {"s", "z"}, {"f", "v"}, {"g", "j"}):
        return 0.7
    return 1.0


#: substitution costs by letter pair, filled as pairs are met
_SUBSTITUTION_COSTS: dict[tuple[str, str], float] = {}


def typing_distance(typed: str, meant: str) -> float:
    """A weighted Damerau-Levenshtein distance modelling how people misspell.

    Transpositions, doubled or undoubled letters, vowel-for-vowel and neighbouring-key
    substitutions cost less than other edits; a wrong first letter costs extra (writers rarely
    get it wrong).
    """
    # The costs that depend on one string only are computed once, not in the inner loop:
    # this runs for every candidate of every unknown word.
    n, m = len(typed), len(meant)
    # insertion of a meant letter: cheap when it doubles its neighbour
    inserts = [
        0.5
        if (j >= 2 and meant[j - 2] == meant[j - 1]) or (j < m and meant[j] == meant[j - 1])
        else 1.0
        for j in range(m + 1)
    ]
    substitution = _SUBSTITUTION_COSTS
    previous2: list[float] = []
    previous = [j * 1.0 for j in range(m + 1)]
    for i in range(1, n + 1):
        ti = typed[i - 1]
        before = typed[i - 2] if i > 1 else ""
        # deletion of a typed letter: cheap when it doubles its neighbour
        delete = 0.5 if (i >= 2 and before == ti) or (i < n and typed[i] == ti) else 1.0
        current = [i * 1.0] + [0.0] * m
        left = current[0]
        for j in range(1, m + 1):
            mj = meant[j - 1]
            if ti == mj:
                cost = previous[j - 1]
            else:
                step = substitution.get((ti, mj))
                if step is None:
                    step = substitution[ti, mj] = _substitution_cost(ti, mj)
                cost = previous[j - 1] + step
            other = previous[j] + delete
            if other < cost:
                cost = other
            other = left + inserts[j]
            if other < cost:
                cost = other
            if before and j > 1 and ti == meant[j - 2] and before == mj:
                other = previous2[j - 2] + 0.6
                if other < cost:
                    cost = other
            current[j] = left = cost
        previous2, previous = previous, current
    distance = previous[m]
    if typed[:1] != meant[:1]:
        distance += 0.5
    return distance


class Candidate(NamedTuple):
    """A suggested correction, its weighted distance and its log-frequency score."""

    word: str
    distance: float
    score: float


@lru_cache(maxsize=4096)
def candidates(word: str, max_distance: int = 2) -> tuple[Candidate, ...]:
    """Dictionary words near lowercase ``word``, best first.

    Distance-1 edits are found by generating them; distance-2 words that keep the first letter
    by rapidfuzz over the words of that letter and a similar length. The score adds the word's
    log frequency and subtracts a penalty per unit of typing distance.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    edits = edits1(word)
    found = (common_words().keys() & edits) | (news_words() & edits)
    if not found:
        # Only when no common word is one edit away: a rarer dictionary word may be meant
        # (a hundred look-ups in the big dictionary per unknown word otherwise).
        found = pyspell_members(edits)
    if max_distance >= 2 and word:
        # rapidfuzz rejects words of the wrong length before comparing them
        for match, _, _ in process.extract(
            word, _initial_pool(word[0]), scorer=OSA.distance, score_cutoff=max_distance, limit=None
        ):
            found.add(match)
    # British forms of rarer words are in neither list the search uses: add them where the
    # frequency list has them (tantalising next to tantalizing).
    for c in list(found):
        british = _british_form(c)
        if british and british != word and symspell_count(british):
            found.add(british)
    if len(found) > _MAX_RANKED:
        # The weighted distance is slow Python: rank only the most frequent near words.
        found = set(sorted(found, key=lambda c: (-frequency(c), c))[:_MAX_RANKED])
    ranked = []
    for c in found:
        distance = typing_distance(word, c)
        if distance > max_distance + 0.5:
            continue
        ranked.append(Candidate(c, distance, _score(c, distance)))
    ranked.extend(_split_candidates(word))
    ranked.sort(key=lambda c: (-c.score, c.word))
    return tuple(ranked)


def frequent_within(word: str, floor: int, edits: int) -> bool:
    """True when a word counted ``floor`` times or more is ``edits`` edits (optimal string
    alignment: substitutions, insertions, deletions, swaps) or fewer from ``word``."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    by_length = _words_above(floor)
    for length in range(len(word) - edits, len(word) + edits + 1):
        pool = by_length.get(length)
        if pool and process.extractOne(word, pool, scorer=OSA.distance, score_cutoff=edits):
            return True
    return False


@lru_cache(maxsize=4)
def _words_above(floor: int) -> dict[int, list[str]]:
    """The common words counted ``floor`` times or more, by length (only words of a near
    length can be a few edits away)."""
    words = common_words()
    by_length: dict[int, list[str]] = {}
    for word in takewhile(lambda w: int(words[w]) >= floor, words):  # sorted by count
        by_length.setdefault(len(word), []).append(word)
    return by_length


#: a missing space costs this much typing distance (hesaid -> he said)
SPLIT_DISTANCE = 0.9
_ONE_LETTER_WORDS = frozenset("ai")


def _split_candidates(word: str) -> list[Candidate]:
    """Two common words run together (``hesaid``, ``upto``) as a candidate ``he said``."""
    common = common_words()
    out = []
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        if len(head) == 1 and head not in _ONE_LETTER_WORDS:
            continue
        if len(tail) == 1 and tail not in _ONE_LETTER_WORDS:
            continue
        if head in common and tail in common:
            count = min(int(common[head]), int(common[tail]))
            if count >= _SPLIT_PART_FREQUENCY:
                score = math.log(count + 1) - DISTANCE_WEIGHT * SPLIT_DISTANCE
                out.append(Candidate(f"{head} {tail}", SPLIT_DISTANCE, score))
    return out


#: both words of a split candidate must be this common (Google Books count)
_SPLIT_PART_FREQUENCY = 20_000_000


_AMERICAN_ENDINGS = (
    ("izations", "isations"),
    ("ization", "isation"),
    ("izing", "ising"),
    ("ized", "ised"),
    ("izes", "ises"),
    ("ize", "ise"),
    ("yzing", "ysing"),
    ("yzed", "ysed"),
    ("yze", "yse"),
    ("eling", "elling"),
    ("eled", "elled"),
    ("ors", "ours"),
    ("or", "our"),
)


def _british_form(word: str) -> str | None:
    """The British spelling of an American ``word`` by its ending (not checked), or None."""
    listed = american_to_british().get(word)
    if listed:
        return listed
    for us, gb in _AMERICAN_ENDINGS:
        if word.endswith(us) and len(word) > len(us) + 2:
            return word[: -len(us)] + gb
    return None


#: at most this many candidates get the (slow) weighted distance
_MAX_RANKED = 25
#: log-frequency points one unit of typing distance is worth
DISTANCE_WEIGHT = 4.0


def _score(word: str, distance: float) -> float:
    return math.log(frequency(word) + 1) - DISTANCE_WEIGHT * distance


def best_candidates(word: str, limit: int = 3) -> list[str]:
    """The ``limit`` best corrections for lowercase ``word`` (may be empty)."""
    return [c.word for c in candidates(word)[:limit]]


def matches_case(original: str, replacement: str) -> str:
    """``replacement`` written in the case pattern of ``original`` (Teh -> The, TEH -> THE)."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def first_sorted(words: Iterable[str]) -> list[str]:
    """Distinct words in first-seen order."""
    seen: dict[str, None] = {}
    for w in words:
        seen.setdefault(w, None)
    return list(seen)
