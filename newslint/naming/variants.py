"""Keys under which two spellings of one name meet, and the evidence that they are one name.

* ``fold``: case, diacritics, apostrophes, hyphens and spaces removed (``al-Assad`` =
  ``al Assad`` = ``alAssad``, ``País`` = ``Pais``, ``TimeWarner`` = ``Time Warner``).
* ``skeleton``: ``fold`` plus the transliteration pairs news copy swaps: ey/ei, a final y/i,
  ou/u, -ization/-isation, kh/h, ph/f, ks/x, -ow/-ov/-off, -sky/-ski, iy/ii, ya/ia, yu/iu,
  a final h after a vowel, doubled letters single
  (``Sergey`` = ``Sergei``, ``Raqa`` = ``Raqqa``, ``Dostoevsky`` = ``Dostoevski``).
* ``loose_key``: the first letter and the consonants (vowels, y, w and h dropped, c/q as k)
  for the looser pairs that only count with more evidence (``Jabril``/``Jibril``,
  ``Gaddafi``/``Gadhafi``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "ħ": "h",
    }
)
_NOT_LETTER = re.compile(r"[\W_]+")
_Y_BEFORE_VOWEL = re.compile(r"y(?=[aeou])")
_SEPARATORS = re.compile(r"[\s\-\u2011]+")
_LOOSE_MAP = str.maketrans({"q": "k", "c": "k", "j": "y", "z": "s"})


#: what ``_NOT_LETTER`` removes from ASCII text: everything but letters and digits
_ASCII_NOT_LETTER = {i: None for i in range(128) if not chr(i).isalnum()}
#: what ``loose_key`` drops after the first letter
_LOOSE_DELETE = str.maketrans("", "", "aeiouyhw")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case letters only: diacritics, apostrophes, hyphens and spaces removed."""
    if text.isascii():
        return text.translate(_ASCII_NOT_LETTER).lower()  # _NOT_LETTER's work, without a regex
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_LETTER.sub("", text).lower()


def _single_letters(key: str) -> str:
    """Doubled (and longer) runs of one letter written once: what ``re.sub(r"(.)\1+", r"\1")``
    does, several times faster on a short key (the back-reference is slow)."""
    out = key[:1]
    for c in key[1:]:
        if c != out[-1]:
            out += c
    return out


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """``fold`` with transliteration pairs and doubled letters normalised, word by word.

    Words are normalised one by one (a final ``y`` is final in ``Dmitry Petrenko`` too) and
    then joined, so ``al Assad``, ``al-Assad`` and ``alAssad`` still meet.
    """
    if " " in text or "-" in text:
        return "".join(_word_skeleton(w) for w in _SEPARATORS.split(text))
    return _word_skeleton(text)


@lru_cache(maxsize=65536)
def _word_skeleton(word: str) -> str:
    # string methods rather than a chain of regular expressions: this runs for every name
    key = fold(word)
    if len(key) > 2:
        if key.endswith("sky"):
            key = key[:-1] + "i"  # -sky/-ski
        elif key[-1] == "h" and key[-2] in "aeiou":
            key = key[:-1]  # Raqqah/Raqqa
        elif key.endswith("ff") and len(key) > 3 and key[-3] in "aeiou":
            key = key[:-2] + "v"  # Rachmaninoff/Rachmaninov
        elif key[-1] == "w" and key[-2] in "aeiou":
            key = key[:-1] + "v"  # Lavrow/Lavrov
    if "ization" in key:
        key = key.replace("ization", "isation")
    key = (
        key.replace("kh", "h")
        .replace("ph", "f")
        .replace("ks", "x")
        .replace("ou", "u")
        .replace("ey", "ei")
    )
    if key.endswith(("ii", "iy")):
        key = key[:-1]  # Dmitrii, Dmitriy
    elif key.endswith("y"):
        key = key[:-1] + "i"  # Dmitry/Dmitri
    if "y" in key:
        key = _Y_BEFORE_VOWEL.sub("i", key)  # Ilya/Ilia, Yuri/Iuri
    key = key.replace("oo", "u")
    return _single_letters(key)


@lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    """First letter plus consonants of the skeleton, for loose transliteration pairs."""
    key = skeleton(text).translate(_LOOSE_MAP)
    if not key:
        return key
    return _single_letters(key[0] + key[1:].translate(_LOOSE_DELETE))


class FormKeys(NamedTuple):
    """The keys of one spelling, computed once per distinct spelling (see ``form_keys``)."""

    folded: str
    skeleton: str
    #: ``loose_key`` for spellings of five letters or more that are no acronym, else None
    loose: str | None
    acronym: bool


@lru_cache(maxsize=65536)
def form_keys(form: str) -> FormKeys:
    """``fold``, ``skeleton``, ``loose_key`` and ``is_acronym`` of a spelling: every article
    asks for the same names' keys again, and a candidate pass asks for several at once."""
    # skeleton, loose_key and is_acronym written out: their own caches would only hold
    # what this one holds (a new spelling costs a third less so)
    folded = fold(form)
    letters = form.replace(".", "")
    acronym = len(letters) >= 2 and letters.isupper() and letters.isalpha()
    if " " in form or "-" in form:
        skeleton_key = "".join(_word_skeleton(w) for w in _SEPARATORS.split(form))
    else:
        skeleton_key = _word_skeleton(form)
    loose = None
    if len(folded) >= 5 and not acronym:
        loose = skeleton_key.translate(_LOOSE_MAP)
        if loose:
            loose = _single_letters(loose[0] + loose[1:].translate(_LOOSE_DELETE))
    return FormKeys(folded, skeleton_key, loose, acronym)


@cache
def common_words() -> frozenset[str]:
    """The 11,000 or so most frequent English words, lower case.

    Read from the head of the frequency list symspellpy ships (sorted by frequency), which
    takes a few milliseconds; a one-word name pair where one spelling is an everyday word
    (``School``/``Scholl``, ``Angels``/``Angeles``) needs more than spelling to be one name.
    """
    import os
    from importlib.util import find_spec

    # the package's data file, found without importing the package (and its dependencies)
    spec = find_spec("symspellpy")
    if spec is None or spec.origin is None:
        return frozenset()
    path = os.path.join(os.path.dirname(spec.origin), "frequency_dictionary_en_82_765.txt")
    try:
        with open(path, "rb") as handle:
            head = handle.read(180_000).decode("ascii", "ignore").split()
    except OSError:
        return frozenset()
    return frozenset(head[0:-2:2])


def is_common_word(text: str) -> bool:
    """True when ``text`` in lower case is an everyday English word."""
    return text.lower() in common_words()


def case_only(a: str, b: str) -> bool:
    """True when two spellings differ only in capitals."""
    return a != b and a.lower() == b.lower()


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """All capitals (dots allowed): US, U.S., ISIL, HNC."""
    letters = text.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def edit_distance(a: str, b: str, cutoff: int) -> int:
    """Edit distance counting a swap of neighbours as one edit (optimal string alignment),
    or ``cutoff + 1`` when larger than ``cutoff``.

    Plain Python over short names: importing rapidfuzz costs more than the few pairs that
    reach here ever take.
    """
    if abs(len(a) - len(b)) > cutoff:
        return cutoff + 1
    # a common beginning and ending change no distance (checked exhaustively on short
    # strings): two spellings of a name differ in a few letters, and the table shrinks to them
    shorter = min(len(a), len(b))
    head = 0
    while head < shorter and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shorter - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head or tail:
        a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    if not a or not b:
        return min(len(a) + len(b), cutoff + 1)  # only letters to insert
    if cutoff <= 1:
        # both ends differ now: one edit is one letter changed or two letters swapped
        one = (len(a) == len(b) == 1) or (len(a) == len(b) == 2 and a == b[::-1])
        return min(1, cutoff + 1) if one else cutoff + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        best = i
        x = a[i - 1]
        for j in range(1, len(b) + 1):
            value = previous[j - 1] if x == b[j - 1] else previous[j - 1] + 1
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if (
                i > 1
                and j > 1
                and x == b[j - 2]
                and a[i - 2] == b[j - 1]
                and previous2[j - 2] + 1 < value
            ):
                value = previous2[j - 2] + 1
            current[j] = value
            if value < best:
                best = value
        if best > cutoff:
            return cutoff + 1
        previous2, previous = previous, current
    return min(previous[-1], cutoff + 1)


@lru_cache(maxsize=65536)
def close_spelling(a: str, b: str) -> bool:
    """Loose pairs: folded forms within a small edit distance for their length.

    One edit (a swap of neighbours counts as one) up to eight letters, two from nine, on the
    letters or on the skeletons (``Hameed``/``Hamid``). The first letters must agree (after
    the transliteration map),
    which keeps ``Mark``/``Park`` apart; a difference only at the end is a suffix, not a
    spelling (``German``/``Germany``, ``Israel``/``Israeli``, ``Argentine``/``Argentina``,
    ``Roberto``/``Roberta``).
    """
    fa, fb = fold(a), fold(b)
    shorter = min(len(fa), len(fb))
    if shorter < 5 or fa == fb:
        return False
    if fa.startswith(fb) or fb.startswith(fa):
        return False
    if len(fa) == len(fb) and fa[:-1] == fb[:-1]:
        return False
    if shorter >= 8 and fa[: shorter - 2] == fb[: shorter - 2]:
        return False  # Argentinas/Argentines: an ending, not a spelling
    key_a, key_b = loose_key(fa), loose_key(fb)
    if key_a[:1] != key_b[:1]:
        return False
    allowed = 2 if shorter >= 9 else 1
    if abs(len(fa) - len(fb)) > allowed:
        return False
    return edit_distance(fa, fb, allowed) <= allowed or (
        edit_distance(form_keys(a).skeleton, form_keys(b).skeleton, allowed) <= allowed
    )
