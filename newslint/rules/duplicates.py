"""D: duplicated content. Paragraphs repeated inside an article or copied between articles.

D001 compares the paragraphs of one article. D002 and D003 are corpus rules: ``collect``
keeps small fingerprints of each paragraph, ``judge`` compares them across the corpus. When
the run reports on one article (a pre-commit hook), ``judge`` compares that article against
the others' fingerprints only, in one pass over them; on a whole corpus it builds an index,
so the cost grows with the number of paragraphs, not with the number of pairs.

Why not datasketch's MinHash LSH: importing datasketch loads scipy (2-3 s), far over the
start-up budget of a pre-commit run; and banded MinHash finds pairs by resemblance (Jaccard),
which is low when a short paragraph is copied into a long one (seeds 000 line 12 and 001 line
46: 0.23), while consistent sampling keeps containment: a copied passage keeps a subset of
the fingerprints of the passage it was copied into.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

from newslint.diagnostic import Diagnostic, Fix, Related
from newslint.document import Document
from newslint.rule import CorpusFacts, CorpusRule, DocumentRule, Options
from newslint.rules._duplication import (
    Place,
    joined_span,
    line_removal,
    normalise,
    phrase_hashes,
    place_of,
    plural,
    related,
    sample_phrases,
    span_of,
    text_hash,
    where,
    word_hashes,
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
        first_seen: dict[str, Place] = {}
        for block in doc.paragraphs:
            key = normalise(block.text)
            if key.count(" ") + 1 < min_words:
                continue
            first = first_seen.get(key)
            if first is None:
                first_seen[key] = place_of(doc, block)
                continue
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

    def collect(self, doc: Document, options: Options) -> tuple[str, str | None, tuple] | None:
        min_words = options["min-words"]
        paragraphs = []
        for block in doc.paragraphs:
            key = normalise(block.text)
            if key.count(" ") + 1 >= min_words:
                paragraphs.append((text_hash(key), place_of(doc, block, keep_text=False)))
        # Nothing to compare (a headline-only record): no facts to keep or load.
        return (doc.path, doc.record, tuple(paragraphs)) if paragraphs else None

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        facts = {article: fact for article, fact in corpus.facts.items() if fact is not None}
        targets = [article for article in facts if corpus.is_target(article)]
        wanted = {p[0] for article in targets for p in facts[article][2]}
        # Index only the fingerprints some target has: one pass, whatever the target count.
        where_found: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for article, (_, _, paragraphs) in facts.items():
            for index, (key, _) in enumerate(paragraphs):
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
        path, record, paragraphs = facts[article]
        pairs: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for index, (key, _) in enumerate(paragraphs):
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
        for (first, length), others in sorted(runs.items()):
            others.sort()
            last = first + length - 1
            span = joined_span(path, record, paragraphs[first][1], paragraphs[last][1])
            links = []
            targets = []
            for other, j in others[:max_related]:
                other_path, other_record, other_paragraphs = facts[other]
                start = other_paragraphs[j][1]
                end = other_paragraphs[j + length - 1][1]
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


def _copied_message(length: int, first_link: str, total: int) -> str:
    more = f" and {plural(total - 1, 'other article')}" if total > 1 else ""
    if length == 1:
        return f"paragraph copied: it also appears in {first_link}{more}"
    return f"{length} consecutive paragraphs copied: they also appear in {first_link}{more}"


# A passage of D003's facts is a plain tuple (they unpickle several times faster than named
# tuples): (text hash, Place without the text, word count, sampled phrase fingerprints as
# uint32 array bytes, 16-bit word hashes as uint16 array bytes for the word alignment).
_KEY, _PLACE, _WORDS, _SAMPLE, _WORD_HASHES = range(5)
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

    def collect(self, doc: Document, options: Options) -> tuple[str, str | None, tuple] | None:
        min_words = options["min-words"]
        passages = []
        for block in doc.paragraphs:
            key = normalise(block.text)
            words = key.count(" ") + 1
            if words < min_words:
                continue
            sample = array("I", sample_phrases(phrase_hashes(key))).tobytes()
            place = place_of(doc, block, keep_text=False)
            passages.append((text_hash(key), place, words, sample, word_hashes(key)))
        return (doc.path, doc.record, tuple(passages)) if passages else None

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        facts = {article: fact for article, fact in corpus.facts.items() if fact is not None}
        targets = [article for article in facts if corpus.is_target(article)]
        if not targets:
            return
        passages = _Passages(facts, set(targets))
        pairs = _candidate_pairs(passages, options["max-phrase-frequency"])
        max_related = options["max-related"]
        for number, found in sorted(_verified(passages, pairs, options).items()):
            article, index = passages.passage_id(number)
            if not corpus.is_target(article):
                continue
            path, record, own = facts[article]
            found.sort(key=lambda m: (-m[0], passages.passage_id(m[1])))
            best_score, best = found[0]
            other_path, other_record, _ = facts[passages.passage_id(best)[0]]
            other_line = passages.flat[best][_PLACE][2]
            more = len({passages.passage_id(m[1])[0] for m in found}) - 1
            tail = f" (and {plural(more, 'other article')})" if more else ""
            words, other_words = own[index][_WORDS], passages.flat[best][_WORDS]
            if words < 0.75 * other_words:
                relation = "nearly repeats part of"
            elif other_words < 0.75 * words:
                relation = "contains a near-copy of"
            else:
                relation = "nearly duplicates"
            yield self.diagnostic(
                span_of(path, record, own[index][_PLACE]),
                f"paragraph {relation} {where(other_path, other_record, other_line)}"
                f" ({best_score:.0%} similar){tail}",
                related=[
                    related(
                        *facts[passages.passage_id(other)[0]][:2],
                        passages.flat[other][_PLACE],
                        f"the near-duplicate paragraph ({score:.0%} similar)",
                    )
                    for score, other in found[:max_related]
                ],
                data={"similarity": round(best_score, 3)},
            )


PassageId = tuple[str, int]


class _Passages:
    """Every passage of the corpus under a small integer id (pairs key on ``a * n + b``)."""

    def __init__(self, facts: Mapping[str, Any], targets: set[str]) -> None:
        self.facts = facts
        self.articles = list(facts)
        #: id of each article's first passage, and the passages in id order
        self.first: list[int] = []
        self.flat: list[tuple] = []
        for _, _, passages in facts.values():
            self.first.append(len(self.flat))
            self.flat.extend(passages)
        self.total = len(self.flat)
        self.first.append(self.total)
        self.target_numbers = [n for n, a in enumerate(self.articles) if a in targets]
        self.target_ids = sum(self.first[n + 1] - self.first[n] for n in self.target_numbers)

    def article_of(self, number: int) -> int:
        """The article number of a passage id."""
        return bisect_right(self.first, number) - 1

    def passage_id(self, number: int) -> PassageId:
        """(article key, passage index) of a passage id."""
        article = self.article_of(number)
        return self.articles[article], number - self.first[article]


def _candidate_pairs(corpus: _Passages, max_frequency: int) -> dict[int, int]:
    """Pairs of passages of different articles, one of them a target's, that share rare
    fingerprints (key ``a * n + b`` with ``a < b``), with how many rare ones they share.

    A fingerprint held by more than ``max_frequency`` passages of the corpus is a common
    phrase, not evidence of copying, and is ignored. Each rare fingerprint pairs up its few
    holders, so the cost grows with the corpus, not with its square. With many targets the
    postings of every passage are built; with few, one pass tests each passage against the
    targets' fingerprints (a C-level set test). Both ways give the same pairs.
    """
    flat, first = corpus.flat, corpus.first
    # Per passage id: its article number, and whether that article is a target.
    article_of: list[int] = []
    for number in range(len(corpus.articles)):
        article_of.extend([number] * (first[number + 1] - first[number]))
    targets = set(corpus.target_numbers)
    postings: dict[int, list[int]] = defaultdict(list)
    if 2 * corpus.target_ids >= len(flat):
        # Count first and list only fingerprints two to max_frequency passages share: most
        # are one passage's alone, and a list for each costs more than the pairing.
        frequency = Counter(chain.from_iterable(array("I", p[_SAMPLE]) for p in flat))
        for number, passage in enumerate(flat):
            for fingerprint in array("I", passage[_SAMPLE]):
                if 1 < frequency[fingerprint] <= max_frequency:
                    postings[fingerprint].append(number)
    else:
        for article in corpus.target_numbers:
            for number in range(first[article], first[article + 1]):
                for fingerprint in array("I", flat[number][_SAMPLE]):
                    postings[fingerprint].append(number)
        wanted = set(postings)
        isdisjoint = wanted.isdisjoint
        for number, passage in enumerate(flat):
            sample = array("I", passage[_SAMPLE])
            if not isdisjoint(sample) and article_of[number] not in targets:
                for fingerprint in wanted.intersection(sample):
                    postings[fingerprint].append(number)
    total = corpus.total
    counts: dict[int, int] = defaultdict(int)
    for holders in postings.values():
        if len(holders) < 2 or len(holders) > max_frequency:
            continue
        holders.sort()
        for x, one in enumerate(holders):
            one_article = article_of[one]
            one_is_target = one_article in targets
            for other in holders[x + 1 :]:
                other_article = article_of[other]
                if other_article != one_article and (one_is_target or other_article in targets):
                    counts[one * total + other] += 1
    return counts


def _verified(
    corpus: _Passages, pairs: Mapping[int, int], options: Options
) -> dict[int, list[tuple[float, int]]]:
    """The candidate pairs that really are near-duplicates: passage -> [(score, other)].

    Three filters, cheapest first: enough shared rare fingerprints for the shorter passage's
    sample, enough shared phrases (exact, from the words), then the word alignment.
    """
    from rapidfuzz import fuzz

    min_shared = options["min-shared-phrases"]
    min_similarity = options["min-similarity"]
    total = corpus.total
    words_cache: dict[int, tuple[list[int], set[int]]] = {}

    def words_of(number: int) -> tuple[list[int], set[int]]:
        """The passage's word hashes and its three-word phrases (as 48-bit integers)."""
        cached = words_cache.get(number)
        if cached is None:
            words = array("H", corpus.flat[number][_WORD_HASHES]).tolist()
            triples = zip(words, words[1:], words[2:], strict=False)
            phrases = {(a << 32) | (b << 16) | c for a, b, c in triples}
            cached = (words, phrases)
            words_cache[number] = cached
        return cached

    found: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for pair, count in pairs.items():
        a, b = divmod(pair, total)
        passage_a = corpus.flat[a]
        passage_b = corpus.flat[b]
        sampled = min(len(passage_a[_SAMPLE]), len(passage_b[_SAMPLE])) // 4
        if count < _MIN_OVERLAP * sampled or passage_a[_KEY] == passage_b[_KEY]:
            continue  # too little in common, or an exact copy (D002's finding)
        words_a, phrases_a = words_of(a)
        words_b, phrases_b = words_of(b)
        shared = len(phrases_a & phrases_b)
        if shared < min_shared or shared < _MIN_OVERLAP * min(len(phrases_a), len(phrases_b)):
            continue
        short, long = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
        score = fuzz.partial_ratio(short, long, score_cutoff=min_similarity * 100) / 100
        if score < min_similarity:
            continue
        found[a].append((score, b))
        found[b].append((score, a))
    return found
