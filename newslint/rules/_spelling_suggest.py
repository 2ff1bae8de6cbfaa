"""T002's (and T001's) suggestions: which words a misspelling may stand for, and in what order.

Whether a word is flagged is settled elsewhere (``_spelling_words._unknown``, with
``_spelling_lexicon.candidates``); this module only proposes and orders corrections, and it
runs only for flagged words.

**Candidates.** Besides the flagging search's own candidates:

- every common word two edits away with the same first letter (the flagging search ranks only
  the 25 most frequent, and loses ``float`` for ``flot`` among the many short words), one
  edit away with another first letter;
- three edits away for words of ``LONG_WORD`` letters or more (``permmasivie``);
- the words that *sound* alike: the frequent words sharing the misspelling's phonetic key
  (jellyfish's Metaphone, initial vowels merged), or one edit of key away (the ten that sound
  likest), among the words starting with a letter that may be written for the misspelling's
  first letter (``_INITIALS``: ``fone`` -> ``phone``, ``sircumstances`` -> ``circumstances``).
  The key index is built per first letter when first needed.

At most ``MAX_SCORED`` of the edit candidates (the nearest and commonest) are scored, all of
the flagging search's and the sound-alikes.

**Ranking** is a log-linear noisy channel (a conditional logit): each candidate's
``FEATURES`` weighted by ``WEIGHTS`` and summed. The word model is the log frequency and
the sentence context, the Google Books word pairs (``_spelling_context.follows``): P(word |
the word before) and P(the word after | word), so that ``in faver of`` gives ``favour`` and
``a high faver`` gives ``fever``. The error model is the typing distance
(``_spelling_lexicon.typing_distance``: neighbouring keys, doubled letters, vowels, swapped
letters), ``error_cost`` (the smaller of that and a distance between the two words'
*sounds*, ``sound``: ph/f, c/k/s, silent letters, -tion/-sion/-cian, doubled letters
collapsed...), the edits between the phonetic keys, plain edits and the letters outside the
longest common subsequence. Score differences are log odds.

The weights were fitted by ``tools/fit_suggestion_weights.py`` on one half of Mitton's
Birkbeck list (the misspellings whose CRC-32 is even); ``benchmarks/spelling.py`` reports
the held-out half and the other lists (Aspell, Holbrook, Wikipedia), which nothing was
fitted on. No misspelling list is shipped or read at run time.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import islice

from newslint.rules import _spelling_lexicon as lexicon

#: words this long are searched up to three edits away
LONG_WORD = 7
#: at most this many candidates get the (slow, Python) weighted distances
MAX_SCORED = 30
#: how many phonetic-key neighbours of one key are taken (the most frequent)
MAX_PHONETIC = 30
#: the phonetic index holds the words up to this rank of frequency
PHONETIC_SIZE = 20_000


#: what the ranking weighs for each candidate (``features``), in order
FEATURES = (
    "log_frequency",  # log count of the word (Google Books)
    "log_frequency_alone",  # the same, when there is no word before (else 0)
    "log_before",  # log P(word | the word before), 0 without one
    "log_after",  # log P(the word after | word), 0 without one
    "typing",  # typing distance (``_spelling_lexicon.typing_distance``)
    "cost",  # error cost: the typing distance or the sound distance, whichever is smaller
    "key_edits",  # edits between the phonetic keys
    "edits",  # plain edits (optimal string alignment)
    "last_differs",  # 1 when the last letters differ
    "split",  # 1 for two words run together (``hesaid``): weight set by hand, see below
    "meant_unmatched",  # letters of the word outside the longest common subsequence
    "typed_unmatched",  # letters of the misspelling outside it
    "before_listed",  # 1 when ``before word`` is a listed pair
    "after_listed",  # 1 when ``word after`` is a listed pair
    "length",  # letters of the word
    "sounds_same",  # 1 when ``sound`` gives both the same spelling
)

#: log-linear weights of ``FEATURES`` (a conditional logit: softmax over each misspelling's
#: candidates), fitted by ``tools/fit_suggestion_weights.py`` on the even-CRC half of
#: Mitton's Birkbeck list (see the module docstring). The list's intended words are single
#: words, so the fit can only learn that a split is never right; ``split`` is set by hand so
#: that common run-together pairs (``hesaid``, ``upto``, ``inthe``) still win.
WEIGHTS = (
    -0.130,  # log_frequency
    0.691,  # log_frequency_alone
    0.653,  # log_before
    0.786,  # log_after
    -0.747,  # typing
    -1.516,  # cost
    -1.220,  # key_edits
    0.895,  # edits
    -0.236,  # last_differs
    -5.0,  # split: set by hand (the fit, which has no run-together words, says -5.8)
    -0.395,  # meant_unmatched
    -1.110,  # typed_unmatched
    0.893,  # before_listed
    0.581,  # after_listed
    0.715,  # length
    0.461,  # sounds_same
)
#: for ordering a known misspelling's listed corrections (T001): every listed correction is
#: a plausible one, so frequency and context decide and the spelling counts for little
#: (log frequency 0.4, before 0.7, after 0.5, error cost 1, key edits 0.5: chosen by a grid
#: search on the same half's listed misspellings)
ORDER_WEIGHTS = (0.4, 0.0, 0.7, 0.5, 0.0, -1.0, -0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


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


#: the first letters a writer may put for a word's first letter by its sound (``fone``,
#: ``sircumstance``, ``nite``/``knight``): the phonetic search looks only among the words that
#: start with one of them
_INITIALS = {
    **dict.fromkeys("aeiou", "aeiou"),
    "b": "b",
    "c": "cksq",
    "d": "dt",
    "f": "fpv",
    "g": "gj",
    "h": "h",
    "j": "jg",
    "k": "kcq",
    "l": "l",
    "m": "m",
    "n": "nkgp",
    "p": "pf",
    "q": "qkc",
    "r": "rw",
    "s": "scpz",
    "t": "td",
    "v": "vf",
    "w": "wr",
    "x": "xsz",
    "y": "y",
    "z": "zsx",
}


@cache
def _phonetic_floor() -> int:
    """The count of the ``PHONETIC_SIZE``-th most frequent word: the phonetic index holds the
    words counted this often or more."""
    counts = lexicon.common_words().values()
    return int(next(islice(counts, PHONETIC_SIZE - 1, None), "0"))


@lru_cache(maxsize=64)
def _phonetic_index(letter: str) -> dict[str, str]:
    """Phonetic key -> the frequent words starting with ``letter`` that have it, space-separated,
    most frequent first (strings, not lists: fewer objects for the garbage collector to walk).
    Built per first letter when first needed (a millisecond or two each): a one-article run
    pays for the few letters its misspellings need."""
    import jellyfish

    floor = _phonetic_floor()
    common = lexicon.common_words()
    index: dict[str, str] = {}
    get = index.get
    metaphone = jellyfish.metaphone
    for word in lexicon._initial_pool(letter):  # most frequent first
        if int(common[word]) < floor:
            break
        key = metaphone(word)
        if key[:1] in ("E", "I", "O", "U"):
            key = "A" + key[1:]
        index[key] = get(key, "") + word + " "
    return index


def _with_keys(word: str, keys: Iterable[str]) -> list[str]:
    """The indexed words with one of ``keys`` that may be what ``word`` was meant to be (by
    their first letter, ``_INITIALS``), most frequent first."""
    keys = list(keys)
    found: list[str] = []
    for letter in _INITIALS.get(word[:1], word[:1]):
        index = _phonetic_index(letter)
        found.extend(" ".join(filter(None, map(index.get, keys))).split())
    found.sort(key=lambda w: -lexicon.frequency(w))
    return found


def phonetic_neighbours(word: str) -> list[str]:
    """The frequent words with ``word``'s phonetic key (at most ``MAX_PHONETIC``, the most
    frequent), for keys of two sounds or more."""
    key = phonetic_key(word)
    if len(key) < 2:
        return []
    return _with_keys(word, [key])[:MAX_PHONETIC]


#: the letters of Metaphone keys (``0`` is ``th``, ``X`` is ``sh``; vowels only start a key,
#: and ``phonetic_key`` writes them ``A``)
_KEY_LETTERS = "0BFHJKLMNPRSTWXA"
#: how many words one edit of sound away are taken (those that sound likest, then commonest)
MAX_NEAR_PHONETIC = 10


def near_phonetic_neighbours(word: str) -> list[str]:
    """The common words whose phonetic key is one edit from ``word``'s (``precios`` finds
    ``precision``), at most ``MAX_NEAR_PHONETIC``: those whose ``sound`` is nearest, then the
    most frequent. Keys shorter than three sounds are left alone (they find too much)."""
    from rapidfuzz.distance import OSA

    key = phonetic_key(word)
    if len(key) < 3:
        return []
    variants = {key[:i] + key[i + 1 :] for i in range(len(key))}
    for i in range(len(key) + 1):
        head, tail = key[:i], key[i:]
        variants.update(head + c + tail for c in _KEY_LETTERS)
        if tail:
            variants.update(head + c + tail[1:] for c in _KEY_LETTERS)
    variants.discard(key)
    found = _with_keys(word, variants)
    spoken = sound(word)

    def likeness(c: str) -> tuple[float, str]:
        return OSA.distance(spoken, sound(c)) - 0.3 * math.log(lexicon.frequency(c) + 1), c

    return sorted(found, key=likeness)[:MAX_NEAR_PHONETIC]


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


def _log_frequency(word: str) -> float:
    """log count of ``word``; of a pair (a split), the first word's count times P(second |
    first), so that ``on happy`` is as unlikely as the phrase is."""
    if " " in word:
        from newslint.rules import _spelling_context as context

        first, _, last = word.partition(" ")
        last = last.split(" ")[-1]
        return math.log(lexicon.frequency(first) + 1) + math.log(context.follows(first, last)[0])
    return math.log(lexicon.frequency(word) + 1)


def features(
    word: str, candidate: str, before: str = "", after: str = "", typing: float | None = None
) -> tuple[float, ...]:
    """The ``FEATURES`` of ``candidate`` as a correction of ``word`` between ``before`` and
    ``after``. ``typing``: the typing distance when already known."""
    from rapidfuzz.distance import OSA, LCSseq, Levenshtein

    from newslint.rules import _spelling_context as context

    log_frequency = _log_frequency(candidate)
    first, _, last = candidate.partition(" ")
    last = last.split(" ")[-1] if last else first
    p_before, before_listed = context.follows(before, first) if before else (1.0, False)
    p_after, after_listed = context.follows(last, after) if after else (1.0, False)
    split = " " in candidate and candidate.replace(" ", "") == word
    if split:  # two words run together (``hesaid``): one space missing
        typing = cost = lexicon.SPLIT_DISTANCE
        spelt = word
    else:
        if typing is None:
            typing = lexicon.typing_distance(word, candidate)
        cost = error_cost(word, candidate, typing)
        spelt = candidate
    key_edits = Levenshtein.distance(phonetic_key(word), phonetic_key(spelt))
    edits = OSA.distance(word, candidate)
    common = LCSseq.similarity(word, candidate)
    return (
        log_frequency,
        0.0 if before else log_frequency,
        math.log(p_before),
        math.log(p_after),
        typing,
        cost,
        key_edits,
        edits,
        float(word[-1:] != candidate[-1:]),
        float(split),
        len(candidate) - common,
        len(word) - common,
        float(before_listed),
        float(after_listed),
        len(candidate),
        float(sound(word) == sound(spelt)),
    )


def score(values: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS) -> float:
    """The log-linear score of a candidate's ``features``: higher is likelier."""
    return sum(map(operator.mul, values, weights))


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
    weights: tuple[float, ...] = WEIGHTS,
) -> tuple[lexicon.Candidate, ...]:
    """The corrections of the flagged lowercase ``word``, best first.

    ``found`` are the flagging search's candidates (``_spelling_lexicon.candidates``: edits,
    British forms, split words); ``before`` and ``after`` the lowercase words next to it ("" if
    none). Each result's ``score`` is its log-linear score (differences are log odds), its
    ``distance`` the error cost.
    """
    typing = {c.word: c.distance for c in found}
    keep = set(typing) | set(phonetic_neighbours(word)) | set(near_phonetic_neighbours(word))
    ranked = []
    for c in _shortlist(word, _pool(word) - keep, keep):
        values = features(word, c, before, after, typing.get(c))
        ranked.append(lexicon.Candidate(c, values[5], score(values, weights)))
    ranked.sort(key=lambda c: (-c.score, c.word))
    return tuple(ranked)


def order(
    word: str, corrections: tuple[str, ...], before: str = "", after: str = ""
) -> tuple[str, ...]:
    """A known misspelling's listed corrections (T001), likeliest first in this context."""
    scores = {c: score(features(word, c, before, after), ORDER_WEIGHTS) for c in corrections}
    return tuple(sorted(corrections, key=lambda c: -scores[c]))
