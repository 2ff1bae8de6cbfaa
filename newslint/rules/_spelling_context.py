"""The spelling family's language model: word-pair counts for real-word and missing-word errors.

symspellpy ships the 242,342 most frequent English word pairs of the Google Books Ngram data
with their counts (``frequency_bigramdictionary_en_243_342.txt``, MIT). ``rules/data/``
holds the same pairs grouped by first word and sorted (``make_word_pairs.py`` rebuilds it), so
the text is searched where it lies: a few milliseconds to load, where splitting and sorting
the original costs some 50 ms at every start, and a dict several times more.

The pair list is truncated: a pair below about 6.4 million occurrences is absent, so absence
means "rare", not "impossible". The estimates below treat an absent pair as the smaller of
that ceiling and what the two words' own frequencies predict.

``phrases(text)`` cuts a block into runs of lowercase words separated by single spaces: the
only places where a pair of neighbours is clean evidence (no punctuation, no names, no
numbers between them). ``block_phrases(doc)`` gives them to T003 and T004 with the sets of
words each rule looks at, so that a block none of whose words is a suspect (most blocks)
costs two set operations in C. Which words have a frequent neighbour (T003's suspects) and
which pull a function word (T004's) come from tables shipped in ``rules/data/``
(``tools/make_spelling_tables.py`` builds them; a test checks them against the installed
lists): a worker process would otherwise compute them for every new word it meets. The very
long lines of the pair file (``the``, ``of``) become dicts once a corpus run is evident
(``_LongLines``).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.rules import _spelling_lexicon as lexicon

if TYPE_CHECKING:
    from newslint.document import Block, Document

#: (start offset, words) of each phrase of a block
Phrases = tuple[tuple[int, tuple[str, ...]], ...]

#: pairs below this count are missing from the list
PAIR_FLOOR = 6_400_000.0
#: pair counts are about this many times the single-word counts of the same corpus (measured on
#: the most frequent words, whose pairs are all listed)
PAIR_SCALE = 40.0
#: total of the single-word counts (sum of symspell's frequency list)
WORD_TOTAL = 5.418e11
#: the count assumed for a dictionary word outside the common words
RARE_WORD_COUNT = 100_000.0

_PHRASE_RE = re.compile(r"(?<![\w'’‘`´ʼ.\-‐‑&/@#])[a-z]+(?: [a-z]+)+(?![\w'’‘`´ʼ\-‐‑&/@])")


#: the pair file stores each count divided by this (all of symspell's counts are multiples)
_COUNT_UNIT = 64
#: characters between the samples of the pair file's index
_STRIDE = 2048


@cache
def _pair_text() -> str:
    """``rules/data/word_pairs.txt``: symspell's pairs grouped by first word and sorted
    (built by ``tools/make_word_pairs.py``), so it is searched where it lies."""
    return lexicon._packs_file("data", "word_pairs.txt")


@cache
def _pair_index() -> tuple[list[str], list[int]]:
    """Every ``_STRIDE`` characters, the first word of the next line and the line's offset."""
    text = _pair_text()
    keys: list[str] = []
    offsets: list[int] = []
    at = 0
    while at < len(text):
        keys.append(text[at : text.find("\t", at)])
        offsets.append(at)
        next_line = text.find("\n", at + _STRIDE)
        if next_line < 0 or next_line + 1 >= len(text):
            break
        at = next_line + 1
    return keys, offsets


@lru_cache(maxsize=65536)
def _followers(first: str) -> tuple[int, int]:
    """Start and end offsets of the line listing what follows ``first`` ((0, 0) if none)."""
    text = _pair_text()
    keys, offsets = _pair_index()
    at = bisect.bisect_right(keys, first) - 1
    if at < 0:
        return 0, 0
    start = offsets[at]
    end = offsets[at + 1] if at + 1 < len(offsets) else len(text)
    if keys[at] == first:
        found = start
    else:
        found = text.find(f"\n{first}\t", start, end)
        if found < 0:
            return 0, 0
        found += 1
    line_end = text.find("\n", found)
    return found + len(first) + 1, line_end if line_end >= 0 else len(text)


#: lines longer than this (``the``, ``of``: thousands of followers) become a dict on first use
_LONG_LINE = 4096


class _LongLines:
    """Dicts for the very long lines (``the``, ``of``: thousands of followers), built once a
    line has been searched ``AFTER`` times: a corpus run gets dict look-ups, a one-article run
    does not pay for building them. Both give the same answers."""

    AFTER = 32

    def __init__(self) -> None:
        self.uses: dict[str, int] = {}
        self.tables: dict[str, dict[str, int]] = {}

    def table(self, first: str, start: int, end: int) -> dict[str, int] | None:
        table = self.tables.get(first)
        if table is not None:
            return table
        uses = self.uses[first] = self.uses.get(first, 0) + 1
        if uses < self.AFTER:
            return None
        entries = _pair_text()[start:end].split("\t")
        table = {word: int(count) for word, _, count in (e.partition(" ") for e in entries)}
        self.tables[first] = table
        return table


_long_lines = _LongLines()


@lru_cache(maxsize=262144)
def pair_count(first: str, second: str) -> int:
    """How often ``first second`` occurs in the Google Books pair counts (0: below the floor)."""
    start, end = _followers(first)
    if start == end:
        return 0
    if end - start > _LONG_LINE:
        table = _long_lines.table(first, start, end)
        if table is not None:
            return table.get(second, 0) * _COUNT_UNIT
    text = _pair_text()
    key = f"{second} "
    at = start if text.startswith(key, start) else text.find(f"\t{key}", start, end) + 1
    if at <= 0 or at >= end:
        return 0
    at += len(key)
    stop = text.find("\t", at, end)
    return int(text[at : stop if stop >= 0 else end]) * _COUNT_UNIT


def word_count(word: str) -> float:
    """The single-word count of a lowercase dictionary word (``RARE_WORD_COUNT`` if rare)."""
    count = lexicon.common_frequency(word)
    return float(count) if count else RARE_WORD_COUNT


def follows(first: str, second: str) -> tuple[float, bool]:
    """P(second | first) and whether the pair is listed.

    An unlisted pair gets the smaller of the list's ceiling and independence.
    """
    mass = PAIR_SCALE * word_count(first)
    count = pair_count(first, second)
    if count:
        return _listed(count, mass), True
    independent = word_count(second) / WORD_TOTAL
    return min(PAIR_FLOOR / mass, independent), False


def _listed(count: int, mass: float) -> float:
    """P(second | first) of a listed pair: its count over the first word's pair mass."""
    return min(1.0, count / mass)


@lru_cache(maxsize=4096)
def phrases(text: str) -> Phrases:
    """(start offset, words) for each run of two or more lowercase words joined by one space.

    Cached per block text: T003 and T004 read the same blocks.
    """
    return tuple([(m.start(), tuple(m.group().split(" "))) for m in _PHRASE_RE.finditer(text)])


class BlockPhrases(NamedTuple):
    """The phrases of one block as T003 and T004 first need them: cheap to make.

    ``texts`` are the phrases as written (``phrases(block.text)`` has them in the same order,
    with their offsets: only a finding needs those); ``inner`` holds the words that are
    neither first nor last of a phrase (T003's places), ``leading`` those that are not last
    (T004's), each space-separated (empty words included: the inside of a two-word phrase).
    """

    block: Block
    texts: tuple[str, ...]
    inner: str
    leading: str

    def start(self, index: int) -> int:
        """Offset of phrase ``index`` in the block's text."""
        return phrases(self.block.text)[index][0]


def block_phrases(doc: Document) -> tuple[BlockPhrases, ...]:
    """The blocks of ``doc`` that hold phrases, with their phrases.

    T003 and T004 run one after the other on the same article: the second finds every block
    in a small cache keyed by the block's text. (Not ``Document.analysis``: a run may keep its
    documents, and every analysis with them, until it ends.)
    """
    out = []
    for block in doc.all_blocks():
        found = _phrase_words(block.text)
        if found is not None:
            out.append(BlockPhrases(block, *found))
    return tuple(out)


@lru_cache(maxsize=1024)
def _phrase_words(text: str) -> tuple[tuple[str, ...], str, str] | None:
    """``BlockPhrases`` fields of a block's ``text`` (None when it holds no phrase)."""
    # findall, not finditer: no match objects and no tuple per phrase
    texts = _PHRASE_RE.findall(text)
    if not texts:
        return None
    return (
        tuple(texts),
        " ".join([phrase[phrase.find(" ") + 1 : phrase.rfind(" ")] for phrase in texts]),
        " ".join([phrase[: phrase.rfind(" ")] for phrase in texts]),
    )


def offset_of(start: int, words: Sequence[str], index: int) -> int:
    """Offset of ``words[index]`` in the text, for a phrase found at ``start``."""
    return start + sum(len(w) + 1 for w in words[:index])


# --- real-word errors ---------------------------------------------------------------------------

_INFLECTIONS = ("s", "es", "d", "ed", "r", "er", "ly", "y", "n", "ing")
#: the most frequent words are never suspects: their pairs are all listed, and a typo that
#: lands on one is beyond what word pairs can tell (``form`` for ``from``)
FREQUENT_WORDS = 3000
#: a correction must be this many times more frequent than the word it replaces
NEIGHBOUR_RATIO = 50.0
#: how much likelier (natural log) the corrected phrase must be, overall
REAL_WORD_LOG_RATIO = 9.0
#: and how much likelier the corrected word makes the word after it (natural log)
REAL_WORD_RIGHT_LOG_RATIO = 0.5


@cache
def frequent_words() -> frozenset[str]:
    """The ``FREQUENT_WORDS`` most frequent words."""
    words = lexicon.common_words()
    return frozenset(w for w, _ in zip(words, range(FREQUENT_WORDS), strict=False))


def _related(a: str, b: str) -> bool:
    """True for two forms of one word (report/reports, use/used): not a typo pair."""
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and long[len(short) :] in _INFLECTIONS:
        return True
    gb_us = lexicon.british_to_american()
    return gb_us.get(a) == b or gb_us.get(b) == a


def _computed_neighbours(
    word: str, finder: Callable[[str], Iterable[str]] | None = None
) -> tuple[str, ...]:
    """Frequent words one edit from ``word`` and ``NEIGHBOUR_RATIO`` times more frequent.

    A typo that makes another real word usually makes a rarer one (``parts`` -> ``pasts``);
    the frequent neighbour is then the likely intended word. (The plain computation:
    ``neighbours`` answers from the shipped table.) ``finder`` gives the frequent words one
    edit away (default: ``frequent_neighbours``).
    """
    floor = NEIGHBOUR_RATIO * word_count(word)
    found = [
        c
        for c in (finder or lexicon.frequent_neighbours)(word)
        if lexicon.frequent_words()[c] >= floor and not _related(word, c)
    ]
    return tuple(sorted(found))


#: the shipped table of T003's suspects and their neighbours (in ``rules/data/``)
NEIGHBOUR_TABLE = "real_word_neighbours.txt"


def _table_words() -> list[str]:
    """The words the neighbour table covers: symspell's list and the news words, lowercase
    ASCII letters, three letters or more, outside the ``FREQUENT_WORDS``."""
    listed = set(lexicon._symspell_text().split()[0::2]) | lexicon.news_words()
    frequent = frequent_words()
    return sorted(
        w
        for w in listed
        if len(w) >= 3 and w.isascii() and w.isalpha() and w.islower() and w not in frequent
    )


def build_neighbour_table() -> str:
    """The text of ``rules/data/real_word_neighbours.txt``: ``word<TAB>neighbour...`` for
    every word of ``_table_words`` that has neighbours (``tools/make_spelling_tables.py``)."""
    finder = lexicon._NeighbourFinder()
    finder.index = finder._build()  # the same answers as ``frequent_neighbours``, faster
    rows = []
    for word in _table_words():
        found = _computed_neighbours(word, finder)
        if found:
            rows.append(f"{word}\t{' '.join(found)}")
    return "\n".join(rows) + "\n"


@cache
def _neighbour_table() -> dict[str, str]:
    """``rules/data/real_word_neighbours.txt`` as word -> neighbours (space-separated).

    Shipped precomputed (some 8,700 words, read in a few milliseconds): a worker would
    otherwise compute the answer for every new word it meets, some 0.3 s over a thousand
    articles. ``tests/rules/test_spelling_tables.py`` checks it against the installed lists.
    """
    parts = lexicon._packs_file("data", NEIGHBOUR_TABLE).rstrip("\n").replace("\n", "\t")
    fields = parts.split("\t")
    return dict(zip(fields[0::2], fields[1::2], strict=True))


@cache
def _neighbour_keys() -> frozenset[str]:
    return frozenset(_neighbour_table())


@lru_cache(maxsize=65536)
def neighbours(word: str) -> tuple[str, ...]:
    """``_computed_neighbours(word)``: from the shipped table for the words of symspell's
    list, computed for the other dictionary words (pyspellchecker's rarer words); none for
    a word no dictionary knows (T003 reports dictionary words only)."""
    listed = _neighbour_table().get(word)
    if listed is not None:
        return tuple(listed.split(" "))
    if _unlisted_suspect(word):
        return _computed_neighbours(word)
    return ()


@lru_cache(maxsize=65536)
def _unlisted_suspect(word: str) -> bool:
    """True for a dictionary word outside the table's words that has neighbours."""
    if len(word) < 3 or word in lexicon.common_words() or word in lexicon.news_words():
        return False  # in the table's words: no neighbours when not in the table
    return (
        lexicon.known(word) and not lexicon.in_symspell(word) and bool(_computed_neighbours(word))
    )


class RealWordError(NamedTuple):
    """``word`` between ``before`` and ``after`` is likely ``correction``.

    ``log_ratio`` is how much likelier (natural log) the corrected phrase is; ``left`` and
    ``right`` split it between the two neighbours.
    """

    word: str
    correction: str
    log_ratio: float
    left: float
    right: float


def real_word_suspects(words: str) -> set[str]:
    """The space-separated ``words`` that ``real_word_error`` can report: dictionary words
    outside the frequent words, three letters or more, with a frequent neighbour.

    Set operations in C keep the words of the neighbour table and drop the common words, so
    that Python only looks at the few others (cached per word); a block with no suspect
    needs no pair look-up at all.
    """
    listed = _neighbour_keys()
    found = set(words.split(" "))
    suspects = found.intersection(listed)  # a set (not the dict): iterates the smaller side
    rest = found.difference(listed).difference(lexicon.common_words())
    if rest:
        suspects.update(filter(_unlisted_suspect, rest))
    return suspects


def real_word_error(before: str, word: str, after: str) -> RealWordError | None:
    """The likely intended word when ``word`` fits badly between its neighbours, or None.

    Both of the text's pairs must be unlisted, both pairs of the correction listed, and the
    corrected phrase far likelier (see the thresholds above).
    """
    if word in frequent_words() or len(word) < 3:
        return None
    # Most rare words have no far more frequent neighbour: cached per word, this settles them
    # before any pair look-up.
    candidates = neighbours(word)
    if not candidates:
        return None
    if pair_count(before, word) or pair_count(word, after):
        return None  # the text's own pairs are attested
    left_w, _ = follows(before, word)
    right_w, _ = follows(word, after)
    # After a function word or an adverb the pair says which kind of word follows (``was``:
    # a participle, ``to``: a verb), not which word of that kind: the rarer word's pair is
    # unlisted for its rarity alone (``was felled`` beside ``was filled``). There the left
    # side is credited with no more than the two words' frequencies.
    class_only = before in _CLASS_WORDS or before.endswith("ly")
    best: RealWordError | None = None
    for candidate in candidates:
        left_c, seen_left = follows(before, candidate)
        right_c, seen_right = follows(candidate, after)
        if not (seen_left and seen_right):
            continue
        left = math.log(left_c / left_w)
        if class_only:
            left = min(left, math.log(word_count(candidate) / word_count(word)))
        right = math.log(right_c / right_w)
        if best is None or left + right > best.log_ratio:
            best = RealWordError(word, candidate, left + right, left, right)
    if best is None:
        return None
    if best.log_ratio < REAL_WORD_LOG_RATIO or best.right < REAL_WORD_RIGHT_LOG_RATIO:
        return None
    return best


# --- missing words ------------------------------------------------------------------------------

#: the short words whose omission word pairs can show; others (the, a, that) are dropped
#: legitimately too often (``won best film``, ``insisted he``)
MISSING_WORDS = ("of", "to", "be")
#: a word "pulls" a function word when at least this share of what follows it is that word
MAGNET_PULL = 0.4
#: how much likelier (natural log) the phrase with the missing word must be
MISSING_LOG_RATIO = 1.0
#: words after which nothing is reported: determiners, pronouns, prepositions, numbers
_NOT_AFTER = frozenset(
    [
        "a",
        "an",
        "the",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "there",
        "this",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "some",
        "any",
        "no",
        "more",
        "most",
        "all",
        "each",
        "every",
        "that",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "not",
        "so",
        "as",
        "if",
        "but",
        "and",
        "or",
        "nor",
        "him",
        "them",
        "me",
        "us",
        "somebody",
        "someone",
        "anyone",
        "anybody",
        "everyone",
        "everybody",
        "nobody",
        "none",
        "something",
        "anything",
        "everything",
        "nothing",
        "many",
        "both",
        "less",
        "lots",
        "few",
        "being",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "on",
        "in",
        "at",
        "to",
        "from",
        "with",
        "by",
        "for",
        "of",
        "up",
        "back",
        "down",
        "out",
        "off",
        "over",
    ]
)


#: left neighbours that tell a word's kind, not the word (T003): function words, and the
#: determiners, pronouns, prepositions and numbers after which T004 proposes nothing
_CLASS_WORDS = lexicon.FUNCTION_WORDS | _NOT_AFTER


class MissingWord(NamedTuple):
    """``missing`` probably belongs between ``before`` and ``after``."""

    before: str
    missing: str
    after: str
    log_ratio: float
    pull: float


def pulling_words(words: str) -> set[str]:
    """The space-separated ``words`` that pull a function word (``magnet``): one set
    operation in C. Few words do; a block without one needs no pair look-up at all."""
    return set(words.split(" ")).intersection(_magnet_keys())


@cache
def _magnet_keys() -> frozenset[str]:
    return frozenset(_magnet_table())


@lru_cache(maxsize=65536)
def magnet(word: str) -> tuple[tuple[str, float], ...]:
    """The function words that usually follow ``word``, with P(function word | word)."""
    return _magnet_table().get(word, ())


def computed_magnet(word: str) -> tuple[tuple[str, float], ...]:
    """``magnet(word)`` from the pair counts (the plain computation the table holds)."""
    if word.endswith("ly"):
        return ()  # adverbs: "most likely make", "will formally open"
    out = []
    for function in MISSING_WORDS:
        probability, seen = follows(word, function)
        if seen and probability >= MAGNET_PULL:
            out.append((function, probability))
    return tuple(out)


#: the table of every word ``magnet`` answers with something
MAGNET_TABLE = "magnets.txt"
_ENTRY_RE = re.compile(r"\t(of|to|be) (\d+)")


def build_magnets() -> dict[str, tuple[tuple[str, float], ...]]:
    """Every word ``computed_magnet`` answers with something -> that answer, from one scan of
    the pair file (every listed ``of``/``to``/``be`` pair)."""
    text = _pair_text()
    pulls: dict[str, dict[str, float]] = {}
    masses: dict[str, float] = {}
    find, rfind = text.find, text.rfind
    for match in _ENTRY_RE.finditer(text):
        count = int(match.group(2)) * _COUNT_UNIT
        if not count:
            continue
        line = rfind("\n", 0, match.start()) + 1
        first = text[line : find("\t", line)]
        if first.endswith("ly"):
            continue  # adverbs: see ``computed_magnet``
        mass = masses.get(first)
        if mass is None:
            mass = masses[first] = PAIR_SCALE * word_count(first)
        probability = _listed(count, mass)
        if probability >= MAGNET_PULL:
            pulls.setdefault(first, {})[match.group(1)] = probability
    return {
        word: tuple((f, found[f]) for f in MISSING_WORDS if f in found)
        for word, found in sorted(pulls.items())
    }


def build_magnet_table() -> str:
    """The text of ``rules/data/magnets.txt``: ``word<TAB>of 0.52<TAB>to 0.41`` per pulling
    word (``tools/make_spelling_tables.py``; probabilities as ``repr`` writes them, exact)."""
    rows = [
        "\t".join([word, *(f"{f} {p!r}" for f, p in pulls)])
        for word, pulls in build_magnets().items()
    ]
    return "\n".join(rows) + "\n"


@cache
def _magnet_table() -> dict[str, tuple[tuple[str, float], ...]]:
    """``rules/data/magnets.txt`` read: shipped, as scanning the pair file costs some 45 ms
    in every worker, and asking word by word three pair look-ups per new word."""
    table = {}
    for line in lexicon._packs_file("data", MAGNET_TABLE).splitlines():
        word, *pulls = line.split("\t")
        table[word] = tuple((f, float(p)) for f, _, p in (x.partition(" ") for x in pulls))
    return table


def missing_word(before: str, after: str) -> MissingWord | None:
    """The function word likely dropped between ``before`` and ``after``, or None."""
    pulls = magnet(before)
    if not pulls or after in _NOT_AFTER or after.endswith("ly"):
        return None
    direct, seen = follows(before, after)
    if seen:
        return None
    best: MissingWord | None = None
    for function, pull in pulls:
        if function == "to" and pair_count("the", after):
            continue  # a noun after an adjective: "expected increase", "difficult start"
        if function == "to" and after.endswith("ing"):
            continue  # "began going", "tries seeing": the -ing form is the other complement
        if function == "be" and not after.endswith(("ed", "en")):
            continue  # "will aired", but not "would overcome"
        then, seen_after = follows(function, after)
        if not seen_after:
            continue
        log_ratio = math.log(pull * then / direct)
        if best is None or log_ratio > best.log_ratio:
            best = MissingWord(before, function, after, log_ratio, pull)
    if best is None or best.log_ratio < MISSING_LOG_RATIO:
        return None
    return best
