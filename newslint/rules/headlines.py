"""H: headlines. A headline printed again in the body; headlines shared by two articles.

H001 reads one article. H002 and H003 are corpus rules: ``collect`` keeps the normalised
headline (and, for H003, a small sketch of the body), ``judge`` compares them. With one target
article, judging is one pass over the other headlines.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, combinations
from typing import Any

from newslint.diagnostic import Diagnostic, Fix
from newslint.document import Document
from newslint.rule import CorpusFacts, CorpusRule, DocumentRule, Options
from newslint.rules._duplication import (
    Place,
    body_sketch,
    holding,
    line_removal,
    normalise,
    paragraph_words,
    place_of,
    plural,
    related,
    sketch_similarity,
    span_of,
    text_hash,
    where,
)
from newslint.rules._inflection import word_key


class RepeatedHeadline(DocumentRule):
    """Flags the headline printed again in the body of the article.

    CMS exports and copy-paste often repeat the headline as the first line of the body, or
    further down. A body block (paragraph, heading, caption...) equal to the headline after
    normalising case, punctuation, quotation marks and white space is flagged. When the copy
    is the first paragraph of the body and stands alone on its line, a safe fix deletes that
    line; further down, or for a heading (a front-matter title repeated as ``# Title``), the
    fix is unsafe: the author may want it.

    Options: none.

    Failing::

        Storm closes coastal road

        Storm closes coastal road
        The coastal road will stay closed until the sea wall is inspected.

    Passing::

        Storm closes coastal road

        The coastal road will stay closed until the sea wall is inspected.
    """

    code = "H001"
    name = "headline-repeated"
    summary = "The headline is repeated in the body"
    severity = "error"
    fixable = "safe"
    examples = (
        {
            "fail": "Storm closes coastal road\n\nStorm closes coastal road\n"
            "The coastal road will stay closed until the sea wall is inspected.\n",
            "fixed": "Storm closes coastal road\n\n"
            "The coastal road will stay closed until the sea wall is inspected.\n",
        },
        {
            "fail": "Storm closes coastal road\n\nThe road will stay closed.\n\n"
            "STORM CLOSES ‘COASTAL’ ROAD!\n",
        },
        {
            "pass": "Storm closes coastal road\n\n"
            "The coastal road will stay closed until the sea wall is inspected.\n",
        },
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        if doc.headline is None:
            return
        key = normalise(doc.headline.text)
        if not key:
            return
        longest = 3 * len(doc.headline.text) + 20
        for position, block in enumerate(doc.blocks):
            if len(block.text) > longest or normalise(block.text) != key:
                continue
            headline_line = doc.block_span(doc.headline, 0, 0).line
            edit = line_removal(doc, block)
            # An export artefact at the top is safe to delete; a Markdown or HTML heading
            # (front-matter title repeated as ``# Title``) may be the author's choice.
            safety = "safe" if position == 0 and block.kind != "heading" else "unsafe"
            fix = Fix((edit,), safety, "delete the repeated headline") if edit else None
            yield self.at(
                doc,
                block,
                0,
                len(block.text),
                f"headline repeated in the body (the headline is on line {headline_line})",
                fix=fix,
                related=(
                    related(doc.path, doc.record, place_of(doc, doc.headline), "the headline"),
                ),
            )


def _headline_facts(doc: Document) -> tuple[str, str | None, str, Place] | None:
    """(path, record, normalised headline, Place with the text), shared by H002 and H003."""
    return doc.analysis("headlines.facts", _read_headline)


def _read_headline(doc: Document) -> tuple[str, str | None, str, Place] | None:
    if doc.headline is None:
        return None
    key = normalise(doc.headline.text)
    if not key:
        return None
    return doc.path, doc.record, key, place_of(doc, doc.headline)


class DuplicateHeadline(CorpusRule):
    """Flags an article whose headline is also the headline of another article.

    Two articles under one headline confuse readers, search engines and archives, and often
    mean one story was filed twice. Headlines are compared after normalising case,
    punctuation, quotation marks and white space, so ``Bank holds rates`` and ``BANK HOLDS
    RATES!`` are the same headline. Every article of the group is reported, with the others
    as related locations (up to ``max-related``).

    Options: ``max-related`` (default 5).

    Failing (``a.txt`` against ``b.txt``)::

        a.txt: Council approves harbour plan
        b.txt: Council approves harbour plan

    Passing: ``b.txt`` headed ``Council rejects harbour plan``.
    """

    code = "H002"
    name = "duplicate-headline"
    summary = "Another article has the same headline"
    severity = "warning"
    options = {"max-related": 5}
    examples = (
        {
            "articles": {
                "a.txt": "Council approves harbour plan\nThe vote was close.\n",
                "b.txt": "Council approves ‘harbour’ plan!\nA different story.\n",
            },
            "fail": True,
        },
        {
            "articles": {
                "a.txt": "Council approves harbour plan\nThe vote was close.\n",
                "b.txt": "Council rejects harbour plan\nThe vote was close.\n",
            },
            "pass": True,
        },
    )

    def collect(self, doc: Document, options: Options) -> tuple | None:
        return _headline_facts(doc)

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        facts = corpus.facts
        wanted = {
            fact[2]
            for article, fact in facts.items()
            if fact is not None and corpus.is_target(article)
        }
        groups: dict[str, list[str]] = defaultdict(list)
        for article, fact in facts.items():
            if fact is not None and fact[2] in wanted:
                groups[fact[2]].append(article)
        max_related = options["max-related"]
        for articles in groups.values():
            if len(articles) < 2:
                continue
            # One Span and one Related per article of the group, shared by the others'
            # findings: a headline used by thousands of rows must not cost millions of objects.
            links = [
                related(facts[a][0], facts[a][1], facts[a][3], "the same headline")
                for a in articles[: max_related + 1]
            ]
            for position, article in enumerate(articles):
                if not corpus.is_target(article):
                    continue
                path, record, _, place = facts[article]
                others = [link for i, link in enumerate(links) if i != position][:max_related]
                first = others[0].span
                more = f" and {plural(len(articles) - 2, 'other')}" if len(articles) > 2 else ""
                own = links[position].span if position < len(links) else None
                yield self.diagnostic(
                    own or span_of(path, record, place),
                    f"duplicate headline: {where(first.path, first.record, first.line)}{more}"
                    " has the same headline",
                    related=others,
                    data={"articles": len(articles)},
                )


def _near_kind(a: Sequence[str], b: Sequence[str], min_words: int) -> str | None:
    """How two different headlines (normalised word lists) nearly match, or None.

    ``forms``: the same words in other forms; ``order``: the same words reordered; ``typo``:
    one word spelt slightly differently; ``word``: one word added, dropped or replaced, with
    at least three words and three quarters of the longer headline in common.
    """
    if min(len(a), len(b)) < min_words:
        return None
    stems_a = [word_key(w) for w in a]
    stems_b = [word_key(w) for w in b]
    if stems_a == stems_b:
        return "forms"
    if len(a) == len(b) and sorted(stems_a) == sorted(stems_b):
        return "order"
    from rapidfuzz.distance import Levenshtein

    if Levenshtein.distance(stems_a, stems_b, score_cutoff=1) > 1:
        return None
    if len(a) == len(b):
        i = next(i for i in range(len(a)) if stems_a[i] != stems_b[i])
        x, y = a[i], b[i]
        # Digits are facts, not spelling: 36pc and 86pc are different headlines.
        limit = 1 if max(len(x), len(y)) < 8 else 2
        if (
            min(len(x), len(y)) >= 4
            and x.isalpha()
            and y.isalpha()
            and Levenshtein.distance(x, y, score_cutoff=limit) <= limit
        ):
            return "typo"
    shared = min(len(a), len(b)) - (1 if len(a) == len(b) else 0)
    if shared >= 3 and shared >= 0.75 * max(len(a), len(b)):
        return "word"
    return None


def _content_stems(stems: Sequence[str]) -> list[str]:
    """The distinct stems of a headline's content words, in order (no ``of``, ``to``...)."""
    return list(dict.fromkeys(s for s in stems if s not in _FUNCTION_WORDS))


def _shares_most_words(a: Sequence[str], b: Sequence[str], min_words: int) -> bool:
    """True when two headlines share at least three content words and three quarters of the
    shorter one's (``UKIP candidate suspended``/``UKIP candidate suspended in probe``,
    ``Spirit awards hail Sideways``/``Sideways dominates Spirit awards``).

    Too loose for headlines alone: H003 reports it only over bodies of one story
    (``_SAME_STORY``)."""
    if min(len(a), len(b)) < min_words:
        return False
    content_a = set(_content_stems([word_key(w) for w in a]))
    content_b = set(_content_stems([word_key(w) for w in b]))
    shared = len(content_a & content_b)
    return shared >= 3 and shared >= 0.75 * min(len(content_a), len(content_b))


_KIND_TEXT = {
    "forms": "the same words in other forms",
    "order": "the same words in another order",
    "typo": "one word spelt differently",
    "word": "one word changed",
    "overlap": "most of the same words over the same story",
}
#: words left out when counting the words two headlines share
_FUNCTION_WORDS_TEXT = (
    "a an the of in on at to for from by with and or but as is are be was were it its into "
    "over after about than up out off not no"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
#: body resemblance from which two articles are one story: kind "overlap" needs it
_SAME_STORY = 0.8
#: "overlap" blocking keys are the three-word sets of at most this many content words
_OVERLAP_KEY_WORDS = 10
#: kinds worth reporting between headline-only records (no body to confirm the match)
_HEADLINE_ONLY_KINDS = frozenset({"forms", "order", "typo"})
_SKETCH_SIZE = 32
#: a body shorter than this many three-word phrases is no evidence either way
_MIN_BODY_PHRASES = 10


def _blocking_keys(stems: Sequence[str], body: bool = False) -> bytes:
    """Stable hashes of keys that two nearly matching headlines always share.

    The stems themselves (other word forms), the sorted stems (reordering), the stems with
    one word replaced by its first letter (a misspelling, which keeps the first letter), and,
    from four words up, the stems with one word left out (one word added, dropped or
    replaced). Shorter keys would pair every ``police probe ...`` headline with every other.
    With a ``body``, also every set of three content stems (``_shares_most_words``; among
    the first ``_OVERLAP_KEY_WORDS``): headline-only records never get those keys.
    """
    keys = ["\x1f".join(stems), "\x1forder\x1f" + "\x1f".join(sorted(stems))]
    for i, stem in enumerate(stems):
        keys.append("\x1f".join([*stems[:i], "\x1e" + stem[:1], *stems[i + 1 :]]))
        if len(stems) >= 4:
            # Same form as the whole-headline key: a headline with one word more meets it.
            keys.append("\x1f".join([*stems[:i], *stems[i + 1 :]]))
    if body:
        content = sorted(_content_stems(stems)[:_OVERLAP_KEY_WORDS])
        keys.extend("\x1fshare\x1f" + "\x1f".join(three) for three in combinations(content, 3))
    # Stored as the bytes of an array of unsigned 64-bit integers: small to keep and to load.
    return array("Q", sorted({text_hash(key) for key in keys})).tobytes()


class NearDuplicateHeadline(CorpusRule):
    """Flags an article whose headline nearly matches another article's headline.

    ``China continues rapid growth`` and ``China continues breakneck growth`` over the same
    body is one story filed twice under a retouched headline. Headlines are normalised
    (case, punctuation, quotation marks, word endings and irregular forms: ``holds``,
    ``held`` and ``holding`` are one word, ``rise``, ``rose`` and ``risen`` another) and
    compared word by word; they nearly match when they hold the same words in another order
    or other forms, when one word is spelt slightly differently (``Anlezark``/``Anzelark``),
    or when one word is added, dropped or replaced and at least three quarters of the words
    are shared. Headlines shorter than ``min-words`` words are not compared. Exact repeats
    are H002's.

    Many different stories get formulaic headlines (``man dies in car crash``/``woman dies
    in car crash``), so the headline alone is weak evidence: when both articles have a body,
    the bodies must also be alike (estimated resemblance of their three-word phrases of at
    least ``min-body-similarity``). Between headline-only records (headline datasets), only
    reordering, word forms and misspellings are reported, unless
    ``word-changes-without-body`` is true. Over bodies of one story (resemblance of at least
    0.8), headlines that share three content words and three quarters of the shorter one's
    also match (``UKIP candidate suspended``/``UKIP candidate suspended in probe``): a story
    filed twice is often retitled more than one word; never reported without both bodies.

    Options: ``min-words`` (3), ``min-body-similarity`` (0.5), ``word-changes-without-body``
    (false), ``max-related`` (5).

    Failing (``a.txt`` against ``b.txt``, same body)::

        a.txt: Council approves harbour plan
        b.txt: Council approves new harbour plan

    Passing: the same headlines over two different stories.
    """

    code = "H003"
    name = "near-duplicate-headline"
    summary = "Another article has nearly the same headline"
    severity = "info"
    options = {
        "min-words": 3,
        "min-body-similarity": 0.5,
        "word-changes-without-body": False,
        "max-related": 5,
    }
    examples = (
        {
            "articles": {
                "a.txt": "Council approves harbour plan\n"
                "Councillors voted for the new harbour wall after a long debate on Tuesday.\n"
                "Work starts in spring and should take two years to finish.\n",
                "b.txt": "Council approves new harbour plan\n"
                "Councillors voted for the new harbour wall after a long debate on Tuesday.\n"
                "Work starts in spring and should take two years to finish.\n",
            },
            "fail": True,
        },
        {
            "articles": {
                "a.txt": "Council approves harbour plan\n"
                "Councillors voted for the new harbour wall after a long debate on Tuesday.\n"
                "Work starts in spring and should take two years to finish.\n",
                "b.txt": "Council approves new harbour plan\n"
                "A second scheme for the marina was passed a year later by the same council.\n"
                "Its cost has doubled since the first estimate was published.\n",
            },
            "pass": True,
        },
        {
            "articles": {
                "a.txt": "harbour plan approved by council\n",
                "b.txt": "council approved harbour plan\n",
            },
            "pass": True,
        },
        {
            "articles": {
                "a.txt": "approves harbour plan council\n",
                "b.txt": "council approves harbour plan\n",
            },
            "fail": True,
        },
    )

    def collect(self, doc: Document, options: Options) -> tuple | None:
        facts = _headline_facts(doc)
        if facts is None:
            return None
        sketch = None
        if sum(len(phrases) for _, phrases in paragraph_words(doc)) >= _MIN_BODY_PHRASES:
            # Packed: small to keep and to load.
            sketch = array("I", body_sketch(doc, _SKETCH_SIZE)).tobytes()
        stems = [word_key(word) for word in facts[2].split()]
        if len(stems) >= options["min-words"]:
            keys = _blocking_keys(stems, body=sketch is not None)
        else:
            keys = b""
        return (*facts, sketch, keys)

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        facts = corpus.facts
        min_words = options["min-words"]
        target_facts = [facts[a] for a in corpus.targets if facts.get(a) is not None]
        targets = {fact[2] for fact in target_facts}
        # Articles with the same normalised headline are one entry: the comparison is
        # between distinct headlines, so a headline repeated ten times costs one comparison.
        by_key: dict[str, list[str]] = defaultdict(list)
        blocks: dict[int, list[str]] = defaultdict(list)
        if 4 * len(targets) < len(facts):
            # Few targets: only their keys get lists, and only the headlines holding one of
            # them are read (``holding`` finds them in C), with every article under them.
            wanted = {k for fact in target_facts for k in array("Q", fact[5])}
            present = [article for article, fact in facts.items() if fact is not None]
            for i in holding([facts[article][5] for article in present], wanted):
                by_key[facts[present[i]][2]].append(present[i])
            for key, articles in by_key.items():
                for block_key in wanted.intersection(_group_keys(facts, articles)):
                    blocks[block_key].append(key)
        else:
            for article, fact in facts.items():
                if fact is not None:
                    by_key[fact[2]].append(article)
            # Count first, then list only the keys two headlines share: most keys are one
            # headline's alone, and a list for each would cost more than all the comparisons.
            keys_of = {key: _group_keys(facts, articles) for key, articles in by_key.items()}
            shared = Counter(chain.from_iterable(keys_of.values()))
            for key, key_blocks in keys_of.items():
                for block_key in key_blocks:
                    if shared[block_key] > 1:
                        blocks[block_key].append(key)
        matches: dict[str, dict[str, str]] = defaultdict(dict)
        for keys in blocks.values():
            for x, first in enumerate(keys):
                for second in keys[x + 1 :]:
                    if second in matches[first] or (first not in targets and second not in targets):
                        continue
                    words_first, words_second = first.split(), second.split()
                    kind = _near_kind(words_first, words_second, min_words)
                    if kind is None and _shares_most_words(words_first, words_second, min_words):
                        kind = "overlap"
                    if kind is not None:
                        matches[first][second] = kind
                        matches[second][first] = kind
        yield from self._report(corpus, by_key, matches, options)

    def _report(
        self,
        corpus: CorpusFacts,
        by_key: Mapping[str, list[str]],
        matches: Mapping[str, Mapping[str, str]],
        options: Options,
    ) -> Iterator[Diagnostic]:
        facts = corpus.facts
        min_body = options["min-body-similarity"]
        any_change = options["word-changes-without-body"]
        for key, near in matches.items():
            for article in by_key[key]:
                if not corpus.is_target(article):
                    continue
                path, record, _, place, packed, _ = facts[article]
                sketch = None if packed is None else array("I", packed)
                found: list[tuple[str, str]] = []
                for other_key, kind in sorted(near.items()):
                    for other in by_key[other_key]:
                        other_packed = facts[other][4]
                        if sketch is not None and other_packed is not None:
                            other_sketch = array("I", other_packed)
                            similarity = sketch_similarity(sketch, other_sketch, _SKETCH_SIZE)
                            if similarity < (_SAME_STORY if kind == "overlap" else min_body):
                                continue
                        elif kind == "overlap" or (
                            kind not in _HEADLINE_ONLY_KINDS and not any_change
                        ):
                            continue  # "overlap" never without both bodies
                        found.append((other, kind))
                if found:
                    yield self._diagnostic(facts, path, record, place, found, options)

    def _diagnostic(
        self,
        facts: Mapping[str, Any],
        path: str,
        record: str | None,
        place: Place,
        found: Sequence[tuple[str, str]],
        options: Options,
    ) -> Diagnostic:
        other, kind = found[0]
        other_path, other_record, _, other_place, _, _ = facts[other]
        more = f" (and {plural(len(found) - 1, 'other')})" if len(found) > 1 else ""
        return self.diagnostic(
            span_of(path, record, place),
            f"near-duplicate headline: {where(other_path, other_record, other_place[2])}"
            f" has {_KIND_TEXT[kind]} ({other_place[6]!r}){more}",
            related=_related_headlines(facts, found[: options["max-related"]]),
            data={"kind": kind, "articles": len(found)},
        )


def _group_keys(facts: Mapping[str, Any], articles: Sequence[str]) -> Iterable[int]:
    """The blocking keys of the articles under one headline: those with a body have more."""
    if len(articles) == 1:
        return array("Q", facts[articles[0]][5])
    return set().union(*(array("Q", facts[article][5]) for article in articles))


def _related_headlines(facts: Mapping[str, Any], found: Iterable[tuple[str, str]]) -> list:
    return [
        related(
            facts[o][0], facts[o][1], facts[o][3], f"nearly the same headline ({_KIND_TEXT[k]})"
        )
        for o, k in found
    ]
