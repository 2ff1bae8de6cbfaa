"""D: duplicated content. Paragraphs repeated inside an article or copied between articles.

D001 compares the paragraphs of one article. D002 and D003 are corpus rules: ``collect``
keeps small fingerprints of each paragraph, ``judge`` compares them across the corpus. When
the run reports on one article (a pre-commit hook), ``judge`` compares that article against
the others' fingerprints only, in one pass over them; on a whole corpus it builds an index,
so the cost grows with the number of paragraphs, not with the number of pairs.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from newslint.diagnostic import Diagnostic, Fix
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


class _Paragraph(NamedTuple):
    key: int
    place: Place


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

    def collect(self, doc: Document, options: Options) -> tuple[str, str | None, tuple]:
        min_words = options["min-words"]
        paragraphs = []
        for block in doc.paragraphs:
            key = normalise(block.text)
            if key.count(" ") + 1 >= min_words:
                paragraphs.append(_Paragraph(text_hash(key), place_of(doc, block)))
        return doc.path, doc.record, tuple(paragraphs)

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        facts = corpus.facts
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
            span = joined_span(path, record, paragraphs[first].place, paragraphs[last].place)
            shown = others[:max_related]
            links = []
            for other, j in shown:
                other_path, other_record, other_paragraphs = facts[other]
                start = other_paragraphs[j].place
                end = other_paragraphs[j + length - 1].place
                label = where(other_path, other_record, start[2])
                links.append(f"{label}-{end[4]}" if length > 1 else label)
            yield self.diagnostic(
                span,
                _copied_message(length, links[0], len(others)),
                related=[
                    related(
                        facts[other][0],
                        facts[other][1],
                        facts[other][2][j].place,
                        "the same text in the other article",
                    )
                    for other, j in shown
                ],
                data={"paragraphs": length, "articles": len(others)},
            )


def _copied_message(length: int, first_link: str, total: int) -> str:
    more = f" and {plural(total - 1, 'other article')}" if total > 1 else ""
    if length == 1:
        return f"paragraph copied: it also appears in {first_link}{more}"
    return f"{length} consecutive paragraphs copied: they also appear in {first_link}{more}"


class _Passage(NamedTuple):
    key: int
    place: Place
    words: int
    #: the sampled phrase fingerprints, as the bytes of an unsigned 32-bit array
    sample: bytes


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
    ``max-phrase-frequency`` (100), ``max-related`` (5).

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
        "max-phrase-frequency": 100,
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

    def collect(self, doc: Document, options: Options) -> tuple[str, str | None, tuple]:
        min_words = options["min-words"]
        passages = []
        for block in doc.paragraphs:
            key = normalise(block.text)
            words = key.count(" ") + 1
            if words < min_words:
                continue
            sample = array("I", sample_phrases(phrase_hashes(key))).tobytes()
            passages.append(_Passage(text_hash(key), place_of(doc, block), words, sample))
        return doc.path, doc.record, tuple(passages)

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        facts = corpus.facts
        targets = [article for article in facts if corpus.is_target(article)]
        if not targets:
            return
        pairs = _candidate_pairs(facts, targets, options["max-phrase-frequency"])
        matches = _verified(facts, pairs, options)
        max_related = options["max-related"]
        for (article, index), found in sorted(matches.items()):
            if not corpus.is_target(article):
                continue
            path, record, passages = facts[article]
            found.sort(key=lambda m: (-m[0], m[1], m[2]))
            best_score, other, other_index = found[0]
            other_path, other_record, other_passages = facts[other]
            other_place = other_passages[other_index].place
            more = len({m[1] for m in found}) - 1
            tail = f" (and {plural(more, 'other article')})" if more else ""
            yield self.diagnostic(
                span_of(path, record, passages[index].place),
                f"paragraph nearly duplicates {where(other_path, other_record, other_place[2])}"
                f" ({best_score:.0%} similar){tail}",
                related=[
                    related(
                        facts[o][0],
                        facts[o][1],
                        facts[o][2][i].place,
                        f"the near-duplicate paragraph ({score:.0%} similar)",
                    )
                    for score, o, i in found[:max_related]
                ],
                data={"similarity": round(best_score, 3)},
            )


PassageId = tuple[str, int]


def _candidate_pairs(
    facts: Mapping[str, Any], targets: list[str], max_frequency: int
) -> set[tuple[PassageId, PassageId]]:
    """Pairs of passages from different articles sharing a fingerprint that is not common.

    Fingerprints of the targets are indexed; every passage of the corpus is looked up once,
    so one target costs one pass over the others' fingerprints and the whole corpus costs a
    pass plus the (capped) postings. A fingerprint's frequency counts every passage holding
    it, target or not, so the result is the same whichever articles are targets.
    """
    target_set = set(targets)
    postings: dict[int, list[PassageId]] = defaultdict(list)
    for article in targets:
        for index, passage in enumerate(facts[article][2]):
            for fingerprint in array("I", passage.sample):
                postings[fingerprint].append((article, index))
    frequency: dict[int, int] = defaultdict(int)
    hits: list[tuple[PassageId, list[int]]] = []
    for article, (_, _, passages) in facts.items():
        for index, passage in enumerate(passages):
            shared = [f for f in array("I", passage.sample) if f in postings]
            if not shared:
                continue
            for fingerprint in shared:
                frequency[fingerprint] += 1
            if article not in target_set:
                hits.append(((article, index), shared))
    pairs: set[tuple[PassageId, PassageId]] = set()

    def add(a: PassageId, b: PassageId) -> None:
        if a[0] != b[0]:
            pairs.add((a, b) if a < b else (b, a))

    for fingerprint, holders in postings.items():
        if frequency[fingerprint] > max_frequency:
            continue
        for x in range(len(holders)):
            for y in range(x + 1, len(holders)):
                add(holders[x], holders[y])
    for passage, shared in hits:
        for fingerprint in shared:
            if frequency[fingerprint] <= max_frequency:
                for holder in postings[fingerprint]:
                    add(passage, holder)
    return pairs


def _verified(
    facts: Mapping[str, Any],
    pairs: Iterable[tuple[PassageId, PassageId]],
    options: Options,
) -> dict[PassageId, list[tuple[float, str, int]]]:
    """The candidate pairs that really are near-duplicates, by passage, with their scores."""
    from rapidfuzz import fuzz

    min_shared = options["min-shared-phrases"]
    min_similarity = options["min-similarity"]
    words_cache: dict[PassageId, tuple[list[str], set[int]]] = {}

    def words_of(passage_id: PassageId) -> tuple[list[str], set[int]]:
        cached = words_cache.get(passage_id)
        if cached is None:
            passage = facts[passage_id[0]][2][passage_id[1]]
            normalised = normalise(passage.place[6])
            cached = (normalised.split(), set(phrase_hashes(normalised)))
            words_cache[passage_id] = cached
        return cached

    found: dict[PassageId, list[tuple[float, str, int]]] = defaultdict(list)
    for a, b in pairs:
        passage_a = facts[a[0]][2][a[1]]
        passage_b = facts[b[0]][2][b[1]]
        if passage_a.key == passage_b.key:
            continue  # an exact copy: D002's finding
        words_a, phrases_a = words_of(a)
        words_b, phrases_b = words_of(b)
        shared = len(phrases_a & phrases_b)
        # Cheap filter before the alignment: a copy keeps a good share of its phrases.
        if shared < min_shared or shared < 0.3 * min(len(phrases_a), len(phrases_b)):
            continue
        short, long = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
        score = fuzz.partial_ratio(short, long, score_cutoff=min_similarity * 100) / 100
        if score < min_similarity:
            continue
        found[a].append((score, b[0], b[1]))
        found[b].append((score, a[0], a[1]))
    return found
