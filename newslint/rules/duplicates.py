"""D: duplicated content. Paragraphs repeated inside an article or copied between articles.

D001 compares the paragraphs of one article. D002 and D003 are corpus rules: ``collect``
keeps small fingerprints of each paragraph, packed into byte strings (every run unpickles the
whole corpus's), ``judge`` compares them across the corpus. When the run reports on one
article (a pre-commit hook), ``judge`` looks for that article's fingerprints only, in one pass
over the others' (for D003 a regular expression makes the first cut in C); on a whole corpus
it groups every fingerprint, so the cost grows with the number of paragraphs, not with the
number of pairs. D003 groups a whole corpus's 400,000 fingerprints with numpy when it is
installed (sorted arrays beat Python dictionaries several times over, the ~0.1 s import
included), else in Python, with the same pairs.

Why not datasketch's MinHash LSH: importing datasketch loads scipy (2-3 s), far over the
start-up budget of a pre-commit run; and banded MinHash finds pairs by resemblance (Jaccard),
which is low when a short paragraph is copied into a long one (seeds 000 line 12 and 001 line
46: 0.23), while consistent sampling keeps containment: a copied passage keeps a subset of
the fingerprints of the passage it was copied into.
"""

from __future__ import annotations

import operator
import re
import sys
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate, chain, combinations, compress, count, repeat
from typing import Any

from newslint.diagnostic import Diagnostic, Fix, Related
from newslint.document import Block, Document
from newslint.rule import CorpusFacts, CorpusRule, DocumentRule, Options
from newslint.rules._duplication import (
    Place,
    holding,
    joined_span,
    line_removal,
    pack_numbers,
    packed_words,
    paragraph_hashes,
    paragraph_places,
    paragraph_samples,
    paragraph_words,
    paragraphs,
    place_from,
    place_of,
    plural,
    related,
    span_of,
    unpack_numbers,
    where,
)

_SHORT_PARAGRAPH = 8


class RepeatedParagraph(DocumentRule):
    """Flags a paragraph that stands twice (or more) in the same article.

    A paragraph printed twice is a paste or export accident. Paragraphs are compared after
    normalising case, punctuation, quotation marks and white space. Short paragraphs (fewer
    than ``min-words`` words: a score line, a dateline, ``Reuters reported.``) repeat by
    design in tables and fixtures and are never flagged. The later copies are reported, with
    the first as the related location, and an unsafe fix deletes the copy.

    Options: ``min-words`` (default 8).

    Failing::

        Storm closes coastal road
        The coastal road will stay closed until the council inspects the sea wall.
        Residents were told to use the inland route.
        The coastal road will stay closed until the council inspects the sea wall.

    Passing::

        Storm closes coastal road
        The coastal road will stay closed until the council inspects the sea wall.
        Residents were told to use the inland route.
    """

    code = "D001"
    name = "repeated-paragraph"
    summary = "A paragraph is repeated inside the same article"
    severity = "warning"
    fixable = "unsafe"
    options = {"min-words": _SHORT_PARAGRAPH}
    examples = (
        {
            "fail": "Storm closes coastal road\n"
            "The coastal road will stay closed until the council inspects the sea wall.\n"
            "Residents were told to use the inland route.\n"
            "The coastal road will stay closed until the council inspects the sea wall.\n",
            "fixed": "Storm closes coastal road\n"
            "The coastal road will stay closed until the council inspects the sea wall.\n"
            "Residents were told to use the inland route.\n",
            "unsafe": True,
        },
        {
            "pass": "Storm closes coastal road\n"
            "The coastal road will stay closed until the council inspects the sea wall.\n"
            "Residents were told to use the inland route.\n",
        },
        {
            "pass": "Cup results\nWinners meet in the final.\nLosers go home.\n"
            "Winners meet in the final.\n",
        },
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        min_words = options["min-words"]
        first_seen: dict[str, Block] = {}
        for paragraph in paragraphs(doc):
            if paragraph.words < min_words:
                continue
            block, key = paragraph.block, paragraph.key
            first_block = first_seen.get(key)
            if first_block is None:
                first_seen[key] = block
                continue
            first = place_of(doc, first_block)
            edit = line_removal(doc, block)
            fix = Fix((edit,), "unsafe", "delete the repeated paragraph") if edit else None
            yield self.at(
                doc,
                block,
                0,
                len(block.text),
                f"paragraph repeated: it already stands on line {first[2]}",
                fix=fix,
                related=(related(doc.path, doc.record, first, "first occurrence"),),
            )


class CopiedParagraph(CorpusRule):
    """Flags paragraphs that also stand, word for word, in another article of the corpus.

    A wire story pasted into a second article, or one article filed twice, leaves the same
    paragraphs in two places. Paragraphs are compared after normalising case, punctuation,
    quotation marks and white space (``"terrorism"`` equals ``“terrorism”``). A run of
    consecutive paragraphs copied from the same article is reported once, from its first to
    its last paragraph, with the other article's lines as the related location; an article
    whose whole body is a copy gets one finding. Paragraphs shorter than ``min-words`` words
    (``Reuters reported.``, a one-word line, a score) are ignored: they repeat by chance.
    Reworded copies are D003's.

    Options: ``min-words`` (default 8), ``max-related`` (other articles listed per finding,
    default 5).

    Failing (``a.txt`` against ``b.txt``)::

        a.txt: Harbour plan approved / Councillors approved the harbour plan after a
               two-hour debate on Tuesday night.
        b.txt: Harbour vote / Councillors approved the harbour plan after a two-hour debate
               on Tuesday night.

    Passing: the same articles where ``b.txt`` says ``Councillors rejected the plan.``
    """

    code = "D002"
    name = "copied-paragraph"
    summary = "A paragraph also appears in another article"
    severity = "warning"
    options = {"min-words": _SHORT_PARAGRAPH, "max-related": 5}
    examples = (
        {
            "articles": {
                "a.txt": "Harbour plan approved\n"
                "Councillors approved the harbour plan after a two-hour debate on Tuesday.\n",
                "b.txt": "Harbour vote\n"
                "Councillors approved the “harbour plan” after a two-hour debate on Tuesday!\n",
            },
            "fail": True,
        },
        {
            "articles": {
                "a.txt": "Harbour plan approved\n"
                "Councillors approved the harbour plan after a two-hour debate on Tuesday.\n",
                "b.txt": "Harbour vote\nCouncillors rejected the plan.\n",
            },
            "pass": True,
        },
        {
            "articles": {
                "a.txt": "Scores\nReuters reported.\nAll square at half time.\n",
                "b.txt": "More scores\nReuters reported.\nAll square at half time.\n",
            },
            "pass": True,
        },
    )

    def collect(
        self, doc: Document, options: Options
    ) -> tuple[str, str | None, bytes, bytes] | None:
        min_words = options["min-words"]
        chosen = [i for i, p in enumerate(paragraphs(doc)) if p.words >= min_words]
        if not chosen:
            return None  # nothing to compare (a headline-only record): no facts to load
        hashes = paragraph_hashes(doc)
        places = paragraph_places(doc)
        # Packed (a corpus of them unpickles in a millisecond): the paragraphs' text hashes
        # (uint64), then their Places without the text, six numbers each (``pack_numbers``).
        return (
            doc.path,
            doc.record,
            array("Q", [hashes[i] for i in chosen]).tobytes(),
            pack_numbers([n for i in chosen for n in places[i][:6]]),
        )

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        facts = {article: fact for article, fact in corpus.facts.items() if fact is not None}
        targets = [article for article in facts if article in corpus.targets]
        wanted: set[int] = set()
        for article in targets:
            wanted.update(array("Q", facts[article][2]))
        # Index only the fingerprints some target has: one pass, whatever the target count.
        articles = list(facts)
        where_found: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for number in holding([fact[2] for fact in facts.values()], wanted):
            article = articles[number]
            for index, key in enumerate(array("Q", facts[article][2])):
                if key in wanted:
                    where_found[key].append((article, index))
        for article in targets:
            yield from self._report(article, facts, where_found, options["max-related"])

    def _report(
        self,
        article: str,
        facts: Mapping[str, Any],
        where_found: Mapping[int, list[tuple[str, int]]],
        max_related: int,
    ) -> Iterator[Diagnostic]:
        path, record, packed, _ = facts[article]
        pairs: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for index, key in enumerate(array("Q", packed)):
            for other, other_index in where_found.get(key, ()):
                if other != article:
                    pairs[other].add((index, other_index))
        # Runs of consecutive paragraphs copied from consecutive paragraphs of one article.
        runs: dict[tuple[int, int], list[tuple[str, int]]] = defaultdict(list)
        for other, matched in pairs.items():
            for i, j in sorted(matched):
                if (i - 1, j - 1) in matched:
                    continue
                length = 1
                while (i + length, j + length) in matched:
                    length += 1
                runs[(i, length)].append((other, j))
        if not runs:
            return
        places = _places(facts[article])
        for (first, length), others in sorted(runs.items()):
            others.sort()
            last = first + length - 1
            span = joined_span(
                path, record, place_from(places, first, 6), place_from(places, last, 6)
            )
            links = []
            targets = []
            for other, j in others[:max_related]:
                other_path, other_record = facts[other][:2]
                other_places = _places(facts[other])
                start = place_from(other_places, j, 6)
                end = place_from(other_places, j + length - 1, 6)
                label = where(other_path, other_record, start[2])
                links.append(f"{label}-{end[4]}" if length > 1 else label)
                targets.append(
                    Related(
                        joined_span(other_path, other_record, start, end),
                        "the same text in the other article",
                    )
                )
            yield self.diagnostic(
                span,
                _copied_message(length, links[0], len(others)),
                related=targets,
                data={"paragraphs": length, "articles": len(others)},
            )


def _places(fact: tuple[str, str | None, bytes, bytes]) -> Sequence[int]:
    """D002's Places of an article, unpacked (six numbers per paragraph)."""
    return unpack_numbers(fact[3], 6 * (len(fact[2]) // 8))


def _copied_message(length: int, first_link: str, total: int) -> str:
    more = f" and {plural(total - 1, 'other article')}" if total > 1 else ""
    if length == 1:
        return f"paragraph copied: it also appears in {first_link}{more}"
    return f"{length} consecutive paragraphs copied: they also appear in {first_link}{more}"


# D003's facts for one article, packed into a few byte strings (a whole corpus of them
# unpickles in milliseconds): path, record, then per passage in order: the 64-bit text hashes;
# the Place without its text and the word count (seven numbers, ``pack_numbers``); the sample
# sizes (uint32); the sampled phrase fingerprints of every passage end to end (uint32); the
# 16-bit word hashes of every passage end to end.
_HASHES, _META, _SIZES, _SAMPLES, _WORDS = range(2, 7)
#: a copy keeps at least this share of the shorter passage's phrases (true pairs in the BBC
#: corpus keep 43% or more); pairs below it are not worth aligning
_MIN_OVERLAP = 0.3


class NearDuplicateParagraph(CorpusRule):
    """Flags a paragraph that is a reworded copy of a paragraph of another article.

    Light rewording (synonyms swapped, quotation marks changed, a clause added or cut) does
    not hide a copied paragraph. Each paragraph is cut into three-word phrases after
    normalising; a consistent sample of their hashes (one in two, chosen by hash value, the
    containment-friendly kind of min-wise sampling) is its fingerprint. Paragraphs that share
    a fingerprint are candidates (a locality-sensitive index, linear in the corpus); phrases
    found in more than ``max-phrase-frequency`` paragraphs are common English, not evidence,
    and do not make candidates. A candidate pair is then verified on its words: they must
    share at least ``min-shared-phrases`` three-word phrases, and the shorter paragraph must
    align with some stretch of the longer one (word-level ``partial_ratio`` of rapidfuzz) with
    a similarity of at least ``min-similarity``. Exact copies are left to D002.

    Both paragraphs are reported, each with the other as the related location.

    Options: ``min-words`` (default 8), ``min-similarity`` (0.75), ``min-shared-phrases`` (5),
    ``max-phrase-frequency`` (20), ``max-related`` (5).

    Failing (``a.txt`` against ``b.txt``)::

        a.txt: The ministry said on Monday that the new bridge would open to traffic in the
               spring after months of delays caused by flooding.
        b.txt: The ministry said on Monday the new crossing would open to traffic in spring,
               after months of delay caused by floods.

    Passing: two paragraphs on the same subject written independently.
    """

    code = "D003"
    name = "near-duplicate-paragraph"
    summary = "A paragraph is a reworded copy of a paragraph in another article"
    severity = "info"
    options = {
        "min-words": _SHORT_PARAGRAPH,
        "min-similarity": 0.75,
        "min-shared-phrases": 5,
        "max-phrase-frequency": 20,
        "max-related": 5,
    }
    examples = (
        {
            "articles": {
                "a.txt": "Bridge delayed\nThe ministry said on Monday that the new bridge would "
                "open to traffic in the spring after months of delays caused by flooding.\n",
                "b.txt": "Crossing to open\nThe ministry said on Monday the new crossing would "
                "open to traffic in spring, after months of delay caused by floods.\n",
            },
            "fail": True,
        },
        {
            "articles": {
                "a.txt": "Bridge delayed\nThe ministry said on Monday that the new bridge would "
                "open to traffic in the spring after months of delays caused by flooding.\n",
                "b.txt": "Flood repairs\nEngineers spent the winter rebuilding the river banks "
                "and say the road will reopen once the water falls.\n",
            },
            "pass": True,
        },
    )

    def collect(self, doc: Document, options: Options) -> tuple | None:
        min_words = options["min-words"]
        chosen = [i for i, p in enumerate(paragraphs(doc)) if p.words >= min_words]
        if not chosen:
            return None
        words_of = paragraph_words(doc)
        samples_of = paragraph_samples(doc)
        places_of = paragraph_places(doc)
        hashes_of = paragraph_hashes(doc)
        meta: list[int] = []
        sizes = array("I")
        samples = array("I")
        words: list[int] = []
        for i in chosen:
            crcs = words_of[i][0]
            sample = samples_of[i]
            samples.extend(sample)
            sizes.append(len(sample))
            words.extend(crcs)
            meta.extend(places_of[i][:6])
            meta.append(len(crcs))
        hashes = array("Q", [hashes_of[i] for i in chosen])
        return (
            doc.path,
            doc.record,
            hashes.tobytes(),
            pack_numbers(meta),
            sizes.tobytes(),
            samples.tobytes(),
            packed_words(words),
        )

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        facts = {article: fact for article, fact in corpus.facts.items() if fact is not None}
        if corpus.targets.isdisjoint(facts):
            return
        passages = _Passages(facts, corpus.targets)
        pairs = _candidate_pairs(passages, options["max-phrase-frequency"])
        max_related = options["max-related"]
        for number, found in sorted(_verified(passages, pairs, options).items()):
            article = passages.article_of(number)
            if not passages.target[article]:
                continue
            path, record = passages.values[article][:2]
            found.sort(key=lambda m: (-m[0], passages.passage_id(m[1])))
            best_score, best = found[0]
            best_article = passages.article_of(best)
            other_path, other_record = passages.values[best_article][:2]
            other_line = passages.place(best)[2]
            more = len({passages.article_of(m[1]) for m in found}) - 1
            tail = f" (and {plural(more, 'other article')})" if more else ""
            words, other_words = passages.word_count(number), passages.word_count(best)
            if words < 0.75 * other_words:
                relation = "nearly repeats part of"
            elif other_words < 0.75 * words:
                relation = "contains a near-copy of"
            else:
                relation = "nearly duplicates"
            yield self.diagnostic(
                span_of(path, record, passages.place(number)),
                f"paragraph {relation} {where(other_path, other_record, other_line)}"
                f" ({best_score:.0%} similar){tail}",
                related=[
                    related(
                        *passages.values[passages.article_of(other)][:2],
                        passages.place(other),
                        f"the near-duplicate paragraph ({score:.0%} similar)",
                    )
                    for score, other in found[:max_related]
                ],
                data={"similarity": round(best_score, 3)},
            )


PassageId = tuple[str, int]
_get_hashes = operator.itemgetter(_HASHES)
_get_sizes = operator.itemgetter(_SIZES)
_get_samples = operator.itemgetter(_SAMPLES)


class _Passages:
    """Every passage of the corpus under a small integer id, in article order.

    The sampled fingerprints of the whole corpus are one array (``samples``, passage after
    passage, from ``starts[n]`` to ``starts[n + 1]``). Text hashes, places and words are
    unpacked article by article, only for the passages a candidate pair names.
    """

    def __init__(self, facts: Mapping[str, Any], targets: AbstractSet[str]) -> None:
        self.articles = list(facts)
        self.values = list(facts.values())
        #: per article: is it a target (1) or not (0)
        self.target = bytes(map(targets.__contains__, self.articles))
        #: the article numbers of the targets
        self.targets = list(compress(range(len(self.articles)), self.target))
        #: id of each article's first passage, then the number of passages
        counts = map(operator.rshift, map(len, map(_get_hashes, self.values)), repeat(3))
        self.first = [0, *accumulate(counts)]
        self.total = self.first[-1]
        #: sampled fingerprints per passage
        self.sizes = array("I", b"".join(map(_get_sizes, self.values)))
        #: where each passage's fingerprints start in ``samples``, then their number
        self.starts = [0, *accumulate(self.sizes)]
        self.packed_samples = b"".join(map(_get_samples, self.values))
        self.samples = memoryview(self.packed_samples).cast("I")
        self._unpacked: dict[int, tuple[array, array, list[int]]] = {}

    def article_of(self, number: int) -> int:
        """The article number of a passage id."""
        return bisect_right(self.first, number) - 1

    def passage_id(self, number: int) -> PassageId:
        """(article key, passage index) of a passage id."""
        article = self.article_of(number)
        return self.articles[article], number - self.first[article]

    def _article(self, article: int) -> tuple[array, array, list[int]]:
        """An article's text hashes, numbers (seven per passage) and where each passage's
        words start in its packed words (in bytes)."""
        unpacked = self._unpacked.get(article)
        if unpacked is None:
            fact = self.values[article]
            hashes = array("Q", fact[_HASHES])
            meta = unpack_numbers(fact[_META], 7 * len(hashes))
            unpacked = (hashes, meta, [0, *accumulate(2 * n for n in meta[6::7])])
            self._unpacked[article] = unpacked
        return unpacked

    def text_hash(self, number: int) -> int:
        """The passage's ``text_hash``."""
        article = self.article_of(number)
        return self._article(article)[0][number - self.first[article]]

    def place(self, number: int) -> Place:
        """The passage's Place (without its text)."""
        article = self.article_of(number)
        return place_from(self._article(article)[1], number - self.first[article], 7)

    def words(self, number: int) -> bytes:
        """The passage's 16-bit word hashes, packed."""
        article = self.article_of(number)
        index = number - self.first[article]
        ends = self._article(article)[2]
        return self.values[article][_WORDS][ends[index] : ends[index + 1]]

    def word_count(self, number: int) -> int:
        """Words in the passage (an empty one counts one, as in ``Paragraph.words``)."""
        article = self.article_of(number)
        return max(1, self._article(article)[1][7 * (number - self.first[article]) + 6])


#: up to this many target fingerprints, they are looked for in one scan of the corpus;
#: beyond, every fingerprint of the corpus is grouped (with numpy when it is installed)
_SCAN_LIMIT = 20_000
#: up to this many, the scan is a regular expression (a larger set lets too many other
#: fingerprints through its 16-bit filter)
_PATTERN_LIMIT = 4000


def _candidate_pairs(corpus: _Passages, max_frequency: int) -> list[tuple[int, int]]:
    """Pairs ``(a, b)`` of passages (``a < b``) of different articles, one of them a
    target's, that share enough rare fingerprints to be worth verifying and are not exact
    copies (D002's findings).

    A fingerprint held by more than ``max_frequency`` passages of the corpus is a common
    phrase, not evidence of copying, and is ignored. Each rare fingerprint pairs up its few
    holders, so the cost grows with the corpus, not with its square. A pair must share at
    least ``_MIN_OVERLAP`` of the smaller of the two passages' samples. With few targets,
    only their fingerprints are looked for, in one scan of the corpus; with many, every
    fingerprint is grouped. Every way gives the same pairs.
    """
    samples, starts, first, targets = corpus.samples, corpus.starts, corpus.first, corpus.targets
    if sum(starts[first[n + 1]] - starts[first[n]] for n in targets) <= _SCAN_LIMIT:
        wanted: set[int] = set()
        for n in targets:
            wanted.update(samples[starts[first[n]] : starts[first[n + 1]]])
        holders: dict[int, list[int]] = defaultdict(list)
        for position, fingerprint in _positions(corpus, wanted):
            holders[fingerprint].append(bisect_right(starts, position) - 1)
        groups: Iterable[list[int]] = [h for h in holders.values() if 1 < len(h) <= max_frequency]
    else:
        try:
            import numpy
        except ImportError:
            groups = _rare_groups(corpus, max_frequency)
        else:
            return _numpy_candidates(corpus, max_frequency, numpy)
    return _counted_candidates(corpus, groups)


def _counted_candidates(corpus: _Passages, groups: Iterable[list[int]]) -> list[tuple[int, int]]:
    """``_candidate_pairs`` from the groups of passages that hold each rare fingerprint."""
    groups = list(groups)
    shared = Counter(chain.from_iterable(map(combinations, groups, repeat(2))))
    # One shared fingerprint is enough only when a passage's sample holds three or fewer
    # (0.3 x 3 < 1): those pairs are taken from their groups, every other pair needs two.
    sizes = corpus.sizes
    tiny = {n for n in set(chain.from_iterable(groups)) if sizes[n] < 4}
    pairs: Iterable[tuple[tuple[int, int], int]] = compress(
        shared.items(), map((1).__lt__, shared.values())
    )
    if tiny:
        pairs = chain(pairs, _tiny_pairs(groups, tiny, shared))
    article_of, target = corpus.article_of, corpus.target
    candidates = []
    for (a, b), number in pairs:
        if number < _MIN_OVERLAP * min(sizes[a], sizes[b]):
            continue  # too little in common
        article_a, article_b = article_of(a), article_of(b)
        if article_a == article_b or not (target[article_a] or target[article_b]):
            continue
        if corpus.text_hash(a) != corpus.text_hash(b):  # an exact copy is D002's
            candidates.append((a, b))
    return candidates


def _rare_groups(corpus: _Passages, max_frequency: int) -> Iterable[list[int]]:
    """The passages holding each fingerprint held by 2 to ``max_frequency`` passages."""
    samples = corpus.samples.tolist()
    frequency = Counter(samples)
    counts = frequency.values()
    rare = set(
        compress(
            frequency,
            map(operator.and_, map((1).__lt__, counts), map((max_frequency + 1).__gt__, counts)),
        )
    )
    numbers = chain.from_iterable(map(repeat, range(corpus.total), corpus.sizes))
    holders: dict[int, list[int]] = defaultdict(list)
    pairs = zip(samples, numbers, strict=False)
    for fingerprint, number in compress(pairs, map(rare.__contains__, samples)):
        holders[fingerprint].append(number)
    return holders.values()


def _tiny_pairs(
    groups: Iterable[list[int]], tiny: set[int], shared: Mapping[tuple[int, int], int]
) -> Iterator[tuple[tuple[int, int], int]]:
    """The pairs with a passage in ``tiny`` that share one fingerprint only."""
    for group in groups:
        if not tiny.isdisjoint(group):
            for pair in combinations(group, 2):
                if (pair[0] in tiny or pair[1] in tiny) and shared[pair] == 1:
                    yield pair, 1


def _numpy_candidates(corpus: _Passages, max_frequency: int, np: Any) -> list[tuple[int, int]]:
    """``_candidate_pairs`` for many targets, in numpy: the fingerprints sorted, each run of
    2 to ``max_frequency`` equal ones paired up, the pairs counted, all as arrays (the same
    work in Python costs several times the ~0.1 s of importing numpy)."""
    fingerprints = np.frombuffer(corpus.packed_samples, dtype=np.uint32)
    if fingerprints.size == 0:
        return []
    sizes = np.frombuffer(corpus.sizes, dtype=np.uint32)
    total = corpus.total
    # Fingerprint and passage id in one 64-bit key: sorted, the holders of a fingerprint
    # stand together, in passage order.
    numbers = np.repeat(np.arange(total, dtype=np.uint64), sizes)
    keyed = np.sort((fingerprints.astype(np.uint64) << np.uint64(32)) | numbers)
    ordered = keyed >> np.uint64(32)
    holders = (keyed & np.uint64(0xFFFFFFFF)).astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    lengths = np.diff(np.append(starts, ordered.size))
    keys = [np.zeros(0, dtype=np.int64)]
    rare = lengths[(lengths > 1) & (lengths <= max_frequency)]
    for length in np.unique(rare).tolist():
        # Every fingerprint held by ``length`` passages at once: a (runs x length) table of
        # holders, whose pairs of columns are the pairs of passages.
        group = holders[starts[lengths == length][:, None] + np.arange(length)]
        first, second = np.triu_indices(length, 1)
        keys.append(group[:, first].ravel() * total + group[:, second].ravel())
    pairs, shared = np.unique(np.concatenate(keys), return_counts=True)
    a, b = np.divmod(pairs, total)
    article_of = np.repeat(np.arange(len(corpus.values)), np.diff(corpus.first))
    target = np.frombuffer(corpus.target, dtype=np.uint8).astype(bool)
    article_a, article_b = article_of[a], article_of[b]
    hashes = np.frombuffer(b"".join(map(_get_hashes, corpus.values)), dtype=np.uint64)
    keep = (
        (shared >= _MIN_OVERLAP * np.minimum(sizes[a], sizes[b]))
        & (article_a != article_b)
        & (target[article_a] | target[article_b])
        & (hashes[a] != hashes[b])  # an exact copy is D002's
    )
    return list(zip(a[keep].tolist(), b[keep].tolist(), strict=True))


def _positions(corpus: _Passages, wanted: set[int]) -> list[tuple[int, int]]:
    """Positions in ``corpus.samples`` of the fingerprints in ``wanted``, in order, each
    with the fingerprint there.

    Testing each of the corpus's fingerprints in Python costs ~10 ms; for a few targets a
    regular expression does a first pass in C: each fingerprint's low 16 bits become one
    character of a string, and a character class of the wanted ones finds the few positions
    worth testing.
    """
    samples = corpus.samples
    if not wanted:
        return []
    if len(wanted) > _PATTERN_LIMIT:
        return [(i, samples[i]) for i in compress(count(), map(wanted.__contains__, samples))]
    pattern = re.compile(
        "[" + "".join(re.escape(chr(_sixteen_bits(fp))) for fp in sorted(wanted)) + "]"
    )
    text = _sixteen_bit_text(corpus.packed_samples)
    found = [(i, samples[i]) for i in map(_start, pattern.finditer(text))]
    return [hit for hit in found if hit[1] in wanted]


_start = operator.methodcaller("start")
#: UTF-16 surrogates (high byte 0xD8-0xDF) would not decode one to one: moved to 0xF8-0xFF
_NO_SURROGATES = bytes(b | 0x20 if 0xD8 <= b <= 0xDF else b for b in range(256))
# Where the lowest byte of a native uint32 is, and the step to the next higher one.
_LOW_BYTE, _NEXT_BYTE = (0, 1) if sys.byteorder == "little" else (3, -1)


def _sixteen_bits(fingerprint: int) -> int:
    low = fingerprint & 0xFFFF
    return low | 0x2000 if 0xD800 <= low <= 0xDFFF else low


def _sixteen_bit_text(packed: bytes) -> str:
    """One character per uint32 of ``packed``: ``_sixteen_bits`` of it (built in C)."""
    text = bytearray(len(packed) // 2)
    text[0::2] = packed[_LOW_BYTE::4]
    text[1::2] = packed[_LOW_BYTE + _NEXT_BYTE :: 4].translate(_NO_SURROGATES)
    return text.decode("utf-16-le")


def _verified(
    corpus: _Passages, pairs: Iterable[tuple[int, int]], options: Options
) -> dict[int, list[tuple[float, int]]]:
    """The candidate pairs that really are near-duplicates: passage -> [(score, other)].

    Two more filters, cheapest first: enough shared phrases (exact, from the words), then the
    word alignment.
    """
    min_shared = options["min-shared-phrases"]
    min_similarity = options["min-similarity"]
    found: dict[int, list[tuple[float, int]]] = defaultdict(list)
    trigrams_cache: dict[int, set[bytes]] = {}

    def trigrams(number: int) -> set[bytes]:
        """The passage's three-word phrases: six-byte windows of its packed word hashes."""
        phrases = trigrams_cache.get(number)
        if phrases is None:
            words = corpus.words(number)
            phrases = {words[i : i + 6] for i in range(0, len(words) - 4, 2)}
            trigrams_cache[number] = phrases
        return phrases

    fuzz = None
    for a, b in pairs:
        phrases_a, phrases_b = trigrams(a), trigrams(b)
        shared = len(phrases_a & phrases_b)
        if shared < min_shared or shared < _MIN_OVERLAP * min(len(phrases_a), len(phrases_b)):
            continue
        if fuzz is None:
            from rapidfuzz import fuzz
        words_a = array("H", corpus.words(a)).tolist()
        words_b = array("H", corpus.words(b)).tolist()
        short, long = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
        score = fuzz.partial_ratio(short, long, score_cutoff=min_similarity * 100) / 100
        if score < min_similarity:
            continue
        found[a].append((score, b))
        found[b].append((score, a))
    return found
