"""T002's (and T001's) suggestions: which words a misspelling may stand for, and in what order.

Whether a word is flagged is settled elsewhere (``_spelling_words._unknown``, with
``_spelling_lexicon.candidates``); this module only proposes and orders corrections, and it
runs only for flagged words.

**Candidates.** Besides the flagging search's own candidates:

- every common word two edits away with the same first letter (the flagging search ranks only
  the 25 most frequent, and loses ``float`` for ``flot`` among the many short words);
- three edits away for words of ``LONG_WORD`` letters or more (``permmasivie``);
- the words that *sound* the same: the common words sharing the misspelling's phonetic key
  (jellyfish's Metaphone, initial vowels merged), which finds ``physical`` for ``fisical`` and
  ``occasionally`` for ``accosinly``, whatever the edit distance.

**Ranking** is a noisy channel: log P(word) + log P(misspelling | word) + the sentence
context. The error model is ``error_cost``: the smaller of the typing distance
(``_spelling_lexicon.typing_distance``: neighbouring keys, doubled letters, vowels, swapped
letters) and a distance between the two words' *sounds* (``sound``: ph/f, c/k/s, silent
letters, -tion/-sion/-cian, doubled letters collapsed...), plus a little for a phonetic key
that differs. The context is the Google Books word pairs (``_spelling_context.follows``):
P(word | the word before) and P(the word after | word), so that ``in favour of`` beats
``in five of`` for ``faver``.

The weights (``WEIGHTS``) were fitted by a small grid search on one half of Mitton's
Birkbeck list (the misspellings whose CRC-32 is even); the benchmark reports the other
lists (Aspell, Holbrook, Wikipedia) and the held-out half (``benchmarks/spelling.py``).
No misspelling list is shipped or read at run time.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import NamedTuple

from newslint.rules import _spelling_lexicon as lexicon

#: words this long are searched up to three edits away
LONG_WORD = 7
#: at most this many candidates get the (slow, Python) weighted distances
MAX_SCORED = 30
#: how many phonetic-key neighbours of one key are taken (the most frequent)
MAX_PHONETIC = 30


class Weights(NamedTuple):
    """The ranking's weights (log-probability points)."""

    frequency: float  # per unit of log word frequency
    before: float  # per unit of log P(word | the word before)
    after: float  # per unit of log P(the word after | word)
    typing: float  # per unit of error cost
    key: float  # per edit between the phonetic keys


#: fitted on the even half of the Birkbeck list (see the module docstring)
WEIGHTS = Weights(frequency=0.4, before=0.4, after=1.0, typing=3.0, key=1.5)
#: for ordering a known misspelling's listed corrections (T001), fitted the same way on the
#: listed misspellings of that half: every listed correction is a plausible one, so the
#: spelling counts for less and the context for more
ORDER_WEIGHTS = Weights(frequency=0.4, before=0.7, after=0.5, typing=1.0, key=0.5)


# --- sounds ---------------------------------------------------------------------------------------

_SOUND_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^kn", "n"),
        (r"^wr", "r"),
        (r"^ps", "s"),
        (r"^gn", "n"),
        (r"^x", "z"),
        (r"mb$", "m"),
        (r"[sc]?ti(?=[aeiou])", "sh"),
        (r"[sc]?ci(?=[aou])", "sh"),
        (r"ssi(?=[aou])", "sh"),
        (r"si(?=[aou])", "zh"),
        (r"sch", "sk"),
        (r"tch", "ch"),
        (r"dg(?=[eiy])", "j"),
        (r"ph", "f"),
        (r"gh(?![aeiou])", ""),
        (r"ck", "k"),
        (r"qu", "kw"),
        (r"q", "k"),
        (r"wh", "w"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"x", "ks"),
        (r"z", "s"),
        (r"(?<=.)y", "i"),
        (r"ible$", "able"),
        (r"ance$", "ence"),
        (r"ant$", "ent"),
        (r"(.)\1+", r"\1"),
        (r"(?<=..)e$", ""),
    )
)


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """A rough spelling of how ``word`` sounds: the letters that say the same thing written one
    way (``physical`` and ``fisical`` -> ``fisikal``)."""
    for pattern, replacement in _SOUND_RULES:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """jellyfish's Metaphone key of ``word``, an initial vowel written ``A`` (writers confuse
    ``a``/``o``/``e`` at the start of a word: ``accosinly`` for ``occasionally``)."""
    import jellyfish

    key = jellyfish.metaphone(word)
    if key[:1] in ("E", "I", "O", "U"):
        key = "A" + key[1:]
    return key


@cache
def _phonetic_index() -> dict[str, str]:
    """Phonetic key -> the common words with that key, space-separated, most frequent first
    (strings, not lists: fewer objects for the garbage collector to walk). Built once, on
    the first suggestion of a process (some 50 ms)."""
    import jellyfish

    index: dict[str, str] = {}
    get = index.get
    metaphone = jellyfish.metaphone
    for word in lexicon.common_words():  # most frequent first
        key = metaphone(word)
        if key[:1] in ("E", "I", "O", "U"):
            key = "A" + key[1:]
        index[key] = get(key, "") + word + " "
    return index


def phonetic_neighbours(word: str) -> list[str]:
    """The common words with ``word``'s phonetic key (at most ``MAX_PHONETIC``, the most
    frequent), for keys of two sounds or more."""
    key = phonetic_key(word)
    if len(key) < 2:
        return []
    return _phonetic_index().get(key, "").split()[:MAX_PHONETIC]


# --- the error model ------------------------------------------------------------------------------


def error_cost(typed: str, meant: str, typing: float | None = None) -> float:
    """How unlikely a writer who meant ``meant`` is to type ``typed`` (about one point per
    ordinary edit): the typing distance, or the distance between the two words' sounds when
    that is smaller (half a point per edit of sound, plus half a point for sounding alike at
    all: ``fisical`` is one step from ``physical``, not three)."""
    from rapidfuzz.distance import OSA

    if typing is None:
        typing = lexicon.typing_distance(typed, meant)
    spoken = 0.5 + 0.6 * OSA.distance(sound(typed), sound(meant))
    if typed[:1] != meant[:1]:
        spoken += 0.5
    return min(typing, spoken)


# --- candidates -----------------------------------------------------------------------------------


def _first_letter_edits(word: str) -> set[str]:
    """The one-edit changes of ``word``'s first letter (the distance search below keeps the
    first letter): replaced, dropped, one put before it, or the first two swapped."""
    rest = word[1:]
    out = {c + rest for c in lexicon.ALPHABET}
    out.update(c + word for c in lexicon.ALPHABET)
    out.add(rest)
    if len(word) > 1:
        out.add(word[1] + word[0] + word[2:])
    out.discard(word)
    return out


@lru_cache(maxsize=4096)
def _pool(word: str) -> frozenset[str]:
    """The common words ``word`` may be a misspelling of (before any scoring): two edits away
    (three for a long word) with the same first letter, one edit away with another, and the
    words that sound alike."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    if not word:
        return frozenset()
    found = set(lexicon.common_words().keys() & _first_letter_edits(word))
    limit = 3 if len(word) >= LONG_WORD else 2
    for match, _, _ in process.extract(
        word, lexicon._initial_pool(word[0]), scorer=OSA.distance, score_cutoff=limit, limit=None
    ):
        found.add(match)
    found.update(phonetic_neighbours(word))
    found.discard(word)
    return frozenset(found)


class Scored(NamedTuple):
    """A candidate and the parts of its score (the benchmark and the tests read them)."""

    word: str
    cost: float  # error cost (``error_cost``), about one point per edit
    key_edits: int  # edits between the phonetic keys
    log_frequency: float
    log_before: float  # log P(word | before), 0.0 without a word before
    log_after: float  # log P(after | word), 0.0 without a word after


def _log_frequency(word: str) -> float:
    """log count of ``word``; of a pair (a split), the first word's count times P(second |
    first), so that ``on happy`` is as unlikely as the phrase is."""
    if " " in word:
        from newslint.rules import _spelling_context as context

        first, _, last = word.partition(" ")
        last = last.split(" ")[-1]
        return math.log(lexicon.frequency(first) + 1) + math.log(context.follows(first, last)[0])
    return math.log(lexicon.frequency(word) + 1)


def _context(word: str, before: str, after: str) -> tuple[float, float]:
    from newslint.rules import _spelling_context as context

    first, _, last = word.partition(" ")
    last = last or first
    log_before = math.log(context.follows(before, first)[0]) if before else 0.0
    log_after = math.log(context.follows(last, after)[0]) if after else 0.0
    return log_before, log_after


def scored(
    word: str,
    candidates: list[str],
    before: str = "",
    after: str = "",
    typing: dict[str, float] | None = None,
) -> list[Scored]:
    """Each candidate with the parts of its score. ``typing`` holds typing distances already
    computed (the flagging search's), so that they are not computed twice."""
    from rapidfuzz.distance import Levenshtein

    key = phonetic_key(word)
    typing = typing or {}
    out = []
    for c in candidates:
        if " " in c and c.replace(" ", "") == word:
            cost = lexicon.SPLIT_DISTANCE
            key_edits = 0
        else:
            cost = error_cost(word, c, typing.get(c))
            key_edits = Levenshtein.distance(key, phonetic_key(c))
        log_before, log_after = _context(c, before, after)
        out.append(Scored(c, cost, key_edits, _log_frequency(c), log_before, log_after))
    return out


def score(s: Scored, weights: Weights = WEIGHTS) -> float:
    """The log-linear noisy-channel score of a candidate: higher is likelier."""
    return (
        weights.frequency * s.log_frequency
        + weights.before * s.log_before
        + weights.after * s.log_after
        - weights.typing * s.cost
        - weights.key * s.key_edits
    )


def _shortlist(word: str, pool: frozenset[str], keep: set[str]) -> list[str]:
    """At most ``MAX_SCORED`` of ``pool``: the nearest (plain edits, in C) and most frequent,
    plus ``keep`` (the flagging search's candidates and the phonetic neighbours)."""
    if len(pool) + len(keep) <= MAX_SCORED:
        return sorted(pool | keep)
    from rapidfuzz.distance import OSA

    def cheap(c: str) -> float:
        return 4.0 * OSA.distance(word, c) - math.log(lexicon.frequency(c) + 1)

    best = sorted(pool, key=lambda c: (cheap(c), c))[: max(0, MAX_SCORED - len(keep))]
    return sorted(set(best) | keep)


def suggestions(
    word: str,
    found: tuple[lexicon.Candidate, ...],
    before: str = "",
    after: str = "",
    weights: Weights = WEIGHTS,
) -> tuple[lexicon.Candidate, ...]:
    """The corrections of the flagged lowercase ``word``, best first.

    ``found`` are the flagging search's candidates (``_spelling_lexicon.candidates``: edits,
    British forms, split words); ``before`` and ``after`` the lowercase words next to it ("" if
    none). Each result's ``score`` is its noisy-channel score, its ``distance`` the error
    cost.
    """
    typing = {c.word: c.distance for c in found}
    keep = set(typing) | set(phonetic_neighbours(word))
    names = _shortlist(word, _pool(word) - keep, keep)
    ranked = [
        lexicon.Candidate(s.word, s.cost, score(s, weights))
        for s in scored(word, names, before, after, typing)
    ]
    ranked.sort(key=lambda c: (-c.score, c.word))
    return tuple(ranked)


def order(
    word: str, corrections: tuple[str, ...], before: str = "", after: str = ""
) -> tuple[str, ...]:
    """A known misspelling's listed corrections (T001), likeliest first in this context."""
    ranked = scored(word, list(corrections), before, after)
    ranked.sort(key=lambda s: -score(s, ORDER_WEIGHTS))
    return tuple(s.word for s in ranked)
