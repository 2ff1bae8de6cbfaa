"""Family T, typos: misspellings, unknown words, real words in the wrong place, dropped and
doubled words, and (when the config pins one) the other dialect's spellings.

Two tiers, as codespell and typos taught: T001 reports sure errors from lists of real-world
misspellings, with a safe fix; T002 reports words no dictionary knows, at a lower severity,
with an unsafe fix; it is a corpus rule, so a word other articles of the corpus use is
vocabulary and a sentence start other articles write in mid-sentence is a name. T003 and T004
use a bigram language model (symspellpy's Google Books bigram counts) and are tuned for
precision. T005 finds doubled words. All of them honour
``[sic]``, and the config's vocabulary: ``accept`` words are never flagged, ``reject`` words
always are (T001). None of them flags a word inside mojibake (``wouldnâ€™t``): E001 does.

The machinery lives in private modules: ``_spelling_tokens`` (tokenizer),
``_spelling_lexicon`` (dictionaries, candidates), ``_spelling_words`` (word judgements) and
``_spelling_context`` (the bigram model).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator

from newslint.diagnostic import Diagnostic, Edit, Fix
from newslint.document import Block, Document
from newslint.rule import CorpusFacts, CorpusRule, DocumentRule, Options
from newslint.rules import _spelling_words as words
from newslint.rules._artefacts import may_hold_mojibake, repairs_covering
from newslint.rules._spelling_lexicon import allowed_doubles
from newslint.rules._spelling_tokens import normalise_apostrophes, starts_sentence


def _replace(block: Block, i: int, j: int, text: str, description: str, safety: str) -> Fix:
    start, end = block.source_range(i, j)
    return Fix((Edit(start, end, text),), safety, description)  # type: ignore[arg-type]


def _quoted(items: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{s}'" for s in items)


class KnownMisspelling(DocumentRule):
    """Flags words that are well-known misspellings, and words the config rejects.

    The lists: codespell's dictionary of about 65,000 real-world misspellings (read from the
    installed ``codespell`` package; CC BY-SA 3.0), and newslint's own news list
    (``rules/words/news_misspellings.txt``: months, places, newsroom words). A listed word that
    is also a common dictionary word is left alone (codespell lists ``despatch``, a British
    spelling). Capitalised words in mid-sentence are names and are checked only against the
    news list entries whose correction is capitalised (``Febuary``). The config's ``reject``
    words are always flagged, in any position, with their replacement as the fix.

    The fix is safe when the list gives exactly one correction; otherwise the corrections are
    suggestions only. When the config pins a ``dialect``, corrections are spelt in it
    (``relized`` -> ``realised`` for en-GB; codespell writes American). A word followed by
    ``[sic]`` is never flagged; ``accept`` words neither.

    Options: none.

    Fails::

        Talks resume
        The goverment said the talks would resume.

    Passes::

        Talks resume
        The government said the talks would resume.
    """

    code = "T001"
    name = "known-misspelling"
    summary = "Word on a list of known misspellings (or rejected by the config)"
    severity = "error"
    fixable = "safe"
    examples = (
        {
            "fail": "Talks resume\nThe goverment said the talks would resume.\n",
            "fixed": "Talks resume\nThe government said the talks would resume.\n",
        },
        {
            "fail": "Budget day\nIt was definately the largest budget in a decade.\n",
            "fixed": "Budget day\nIt was definitely the largest budget in a decade.\n",
        },
        {"fail": "Rates held\nThe bank will decide on 3 Febuary.\n"},
        {"pass": "Talks resume\nThe government said the talks would resume.\n"},
        {"pass": 'Quote\nThe sign read "goverment [sic] offices" for years.\n'},
        {"pass": "Names\nAnalysts at Corus and Ms Trew said so.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield listed misspellings, then rejected words."""
        settings = options.settings
        blocks = words.blocks_of(doc)
        flagged: set[tuple[int, int]] = set()
        for index, start, end, text, replacement in words.rejected_words(doc, settings.reject):
            block = blocks[index]
            fix = None
            if replacement:
                fix = _replace(
                    block, start, end, replacement, f"replace with '{replacement}'", "safe"
                )
            message = f"'{text}' is rejected by the project vocabulary"
            if replacement:
                message += f": use '{replacement}'"
            flagged.add((index, start))
            yield self.at(
                doc,
                block,
                start,
                end,
                message,
                suggestions=(replacement,) if replacement else (),
                fix=fix,
                data={"source": "config"},
            )
        for finding in words.analyse(doc):
            if finding.kind != "misspelling" or (finding.block, finding.start) in flagged:
                continue
            if words.is_accepted(finding.text, settings.accept):
                continue
            block = blocks[finding.block]
            if _in_mojibake(block.text, finding.start, finding.end):
                continue
            corrections = words.in_dialect(finding.corrections, settings.dialect)
            fix = None
            if finding.fixable:
                correction = corrections[0]
                fix = _replace(
                    block,
                    finding.start,
                    finding.end,
                    correction,
                    f"replace with '{correction}'",
                    "safe",
                )
                message = f"'{finding.text}' is a misspelling of '{correction}'"
            else:
                message = (
                    f"'{finding.text}' is a common misspelling: did you mean "
                    f"{_quoted(corrections)}?"
                )
            yield self.at(
                doc,
                block,
                finding.start,
                finding.end,
                message,
                suggestions=corrections,
                fix=fix,
                data={"source": finding.source},
            )


class UnknownWord(CorpusRule):
    """Flags words no dictionary knows when a common word is close enough to be what was meant.

    The dictionaries are pyspellchecker's English list and symspellpy's frequency list, with
    British and American spellings both accepted, plus news words (``rules/words/``) and the
    config's ``accept`` words. Regular formations of known words pass: possessives and
    contractions with any apostrophe, suffixes (``wirelessly``), prefixes (``reoffending``),
    closed compounds (``carmaker``) and hyphenated compounds whose pieces are words.

    What keeps it quiet on news copy: names are skipped (a capitalised word mid-sentence, or at a
    sentence start when the article also uses it mid-sentence or the next word is capitalised),
    as are ALLCAPS acronyms, innerCaps brands, words with digits, initials, URLs, e-mail
    addresses, handles and HTML entities. And a word is flagged only when a dictionary word
    lies close enough to be what was meant: two edits (three for words of seven letters or
    more), one for a word of four letters or fewer, and for a capitalised word at a sentence
    start one edit from a very common word: a coinage or a foreign word with nothing close is
    not a typo.

    The corpus counts too (this is a corpus rule): a word is the corpus's vocabulary (a
    coinage, a trade term, a name), not a typo, once ``corpus-articles`` other articles use it,
    in lowercase where this rule would flag it too, or capitalised in mid-sentence as a name;
    a capitalised word at a sentence start is a name once ``name-articles`` other articles
    write it capitalised in mid-sentence. An article repeating its own typo does not vouch
    for it: only other articles count. Checked alone (one file, no corpus), the rule judges
    the article by itself. Words inside mojibake (``wouldnâ€™t``) are left to E001.

    Suggestions come from a wider search than the flagging one (two or three edits, and words
    that sound alike: ``fone`` -> ``phone``) and are ranked by a noisy channel
    (``_spelling_suggest``): word frequency, typing and sound distances, and how well each
    candidate fits the neighbouring words (Google Books word pairs: ``in faver of`` ->
    ``favour``, ``a high faver`` -> ``fever``); two words run together are split (``hesaid``).
    With a pinned ``dialect`` they are spelt in it, as T001's are.
    A clear best suggestion (``CONFIDENT_MARGIN``: about seven times likelier than the next)
    makes the finding a ``warning`` with a fix, the first suggestion, which is unsafe: apply it
    with ``--unsafe-fixes``. Otherwise the finding is ``info`` and has no fix: its suggestions
    are for the editor to choose from (on misspellings injected into news sentences, the
    first suggestion of a warning is right 88% to 96% of the time, that of an info finding
    45% to 64%, depending on the list: ``benchmarks/spelling.py``).

    Options:

    - ``corpus-articles`` (default 2): how many other articles must use an unknown word (a
      plural ``s`` counts) before it counts as vocabulary (0: off).
    - ``name-articles`` (default 1): how many other articles must write a capitalised word
      in mid-sentence before it counts as a name at a sentence start (0: off).

    Fails::

        Border talks
        Both sides were urged to show reciporcal restraint.

    Passes::

        Border talks
        Both sides were urged to show reciprocal restraint.
    """

    code = "T002"
    name = "unknown-word"
    summary = "Word not in the dictionary, with a close common word suggested"
    severity = "warning"
    fixable = "unsafe"
    examples = (
        {
            "fail": "Border talks\nBoth sides were urged to show reciporcal restraint.\n",
            "fixed": "Border talks\nBoth sides were urged to show reciprocal restraint.\n",
            "unsafe": True,
        },
        {"fail": "Markets\nShares fell sharlpy on Monday.\n"},
        {"pass": "Border talks\nBoth sides were urged to show reciprocal restraint.\n"},
        {
            "pass": "Envoy\nThe envoy Staffan de Mistura met Kweyris officials in Raqa.\n"
            "Peskov said the carmaker's e-mail was re-sent to @bbcnews at 10:30.\n"
        },
        {"pass": "Colour\nThe colour of the neighbour's organisation is grey.\n"},
        {
            "articles": {
                "a.txt": "Phones\nThe phonecam market grew fast.\n",
                "b.txt": "Gadgets\nEach phonecam sold out.\n",
                "c.txt": "Shops\nThe shop sold a phonecam a minute.\n",
            },
            "pass": True,
        },
    )

    options = {"corpus-articles": 2, "name-articles": 1}

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """The findings on ``doc`` judged alone, without a corpus."""
        facts = self.collect(doc, options)
        yield from self.judge(CorpusFacts({doc.key: facts}, frozenset([doc.key])), options)

    def collect(self, doc: Document, options: Options) -> _UnknownFacts | None:
        """The article's candidate findings and its evidence for the others' (small: a
        few words per article)."""
        candidates = tuple(self._candidates(doc, options))
        used = " ".join(sorted({_stem(c[1]) for c in candidates if not c[2]}))
        names = " ".join(sorted(words.names_of(doc)))
        if not (candidates or names):
            return None
        return candidates, used, names

    def _candidates(self, doc: Document, options: Options) -> Iterator[_Candidate]:
        settings = options.settings
        blocks = words.blocks_of(doc)
        for finding in words.analyse(doc):
            if finding.kind != "unknown" or words.is_accepted(finding.text, settings.accept):
                continue
            block = blocks[finding.block]
            if _in_mojibake(block.text, finding.start, finding.end):
                continue
            corrections = words.in_dialect(finding.corrections, settings.dialect)
            best = corrections[0]
            fix = None
            if finding.confident:  # a doubtful first suggestion is offered, never applied
                fix = _replace(
                    block, finding.start, finding.end, best, f"replace with '{best}'", "unsafe"
                )
            message = (
                f"'{finding.text}' is not in the dictionary: did you mean {_quoted(corrections)}?"
            )
            diagnostic = self.at(
                doc,
                block,
                finding.start,
                finding.end,
                message,
                suggestions=corrections,
                fix=fix,
            )
            if not finding.confident:
                diagnostic = diagnostic.with_meta(severity="info")
            lower = normalise_apostrophes(finding.text).lower()
            yield diagnostic, lower, finding.text[:1].isupper()

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterator[Diagnostic]:
        """The targets' candidates that other articles do not vouch for."""
        facts = corpus.facts
        targets = [(key, facts.get(key)) for key in corpus.targets]
        targets = [(key, fact) for key, fact in targets if fact and fact[0]]
        if not targets:
            return
        word_articles = options["corpus-articles"]
        name_articles = options["name-articles"]
        wanted = {c[1] for _, fact in targets for c in fact[0]}
        stems = {_stem(word) for word in wanted}
        used: dict[str, int] = {}  # word -> articles using it (unknown in lowercase, or a name)
        named: dict[str, int] = {}  # word -> articles writing it as a name in mid-sentence
        if len(facts) > 1 and (word_articles > 0 or name_articles > 0):
            # Count, for the targets' words only, the articles that use them.
            for fact in facts.values():
                if fact is None:
                    continue
                found = stems.intersection(fact[1].split(" ")) if fact[1] else set()
                names = wanted.intersection(fact[2].split(" ")) if fact[2] else set()
                if not (found or names):
                    continue
                for word in wanted:
                    if word in names or _stem(word) in found:
                        used[word] = used.get(word, 0) + 1
                for word in names:
                    named[word] = named.get(word, 0) + 1
        for _, (candidates, own_used, own_names) in targets:
            own_stems = own_used.split(" ")
            own_name_list = own_names.split(" ")
            for diagnostic, lower, capitalised in candidates:
                own = lower in own_name_list or _stem(lower) in own_stems
                if word_articles > 0 and used.get(lower, 0) - own >= word_articles:
                    continue  # the corpus's vocabulary (or a name it writes in lowercase here)
                if (
                    capitalised
                    and name_articles > 0
                    and named.get(lower, 0) - (lower in own_name_list) >= name_articles
                ):
                    continue  # a name the corpus writes in mid-sentence
                yield diagnostic


def _stem(lower: str) -> str:
    """What T002 counts uses of: the word without a plural ``s`` (``aggregators`` vouches
    for ``aggregator``)."""
    if len(lower) > 4 and lower.endswith("s") and not lower.endswith("ss"):
        return lower[:-1]
    return lower


#: a T002 candidate: the finding, its word in lowercase, and whether it is capitalised
_Candidate = tuple[Diagnostic, str, bool]
#: T002's facts: the candidates, the lowercase words among them, the article's names
_UnknownFacts = tuple[tuple[_Candidate, ...], str, str]


def _in_mojibake(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` overlaps mojibake (E001's business, not a typo).

    Asked only of findings, and settled by a cheap test for nearly every text."""
    if not may_hold_mojibake(text):
        return False
    return any(i < end and start < j for i, j in repairs_covering(text))


class RealWordError(DocumentRule):
    """Flags a real word that is far less likely than a near neighbour in its context.

    ``large pasts of eastern Syria``: ``pasts`` is a word, so no dictionary objects, but
    ``parts`` is one letter away, fifty times more frequent and fits both neighbours
    (``large parts``, ``parts of``), while neither ``large pasts`` nor ``pasts of`` is a pair
    English uses. The model is the Google Books word-pair counts symspellpy ships.

    A word is reported only when, between two lowercase neighbours with no punctuation in
    between: neither of its own pairs is listed; a word one edit away is at least 50 times
    more frequent and both of its pairs are listed; and the corrected phrase is at least
    e^9 (about 8,000) times likelier, with the word after it supporting the correction too.
    After a function word, determiner, pronoun, preposition or ``-ly`` adverb (``was felled
    by``, ``to comb through``) the left pair only shows the kind of word that follows, so it
    counts for no more than the two words' frequencies. The 3,000 most frequent words are
    never suspects. Tuned for precision: on 2,225 edited BBC articles it reports about one
    finding per 300,000 words. The fix is unsafe.

    Options: none.

    Fails::

        Syria
        Extremists control large pasts of eastern Syria.

    Passes::

        Syria
        Extremists control large parts of eastern Syria.
    """

    code = "T003"
    name = "real-word-error"
    summary = "Real word that is probably a typo for a near word (large pasts of)"
    severity = "warning"
    fixable = "unsafe"
    examples = (
        {
            "fail": "Syria\nExtremists control large pasts of eastern Syria.\n",
            "fixed": "Syria\nExtremists control large parts of eastern Syria.\n",
            "unsafe": True,
        },
        {"pass": "Syria\nExtremists control large parts of eastern Syria.\n"},
        {"pass": "History\nBoth countries have troubled pasts, he said.\n"},
        {"pass": "Rugby\nThe winger was felled by a late tackle.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield words that fit their neighbours far worse than a near word would."""
        from newslint.rules import _spelling_context as context

        accept = options.settings.accept
        for entry in context.block_phrases(doc):
            suspects = context.real_word_suspects(entry.inner)
            if not suspects:
                continue  # most blocks: every word frequent or without a frequent neighbour
            block = entry.block
            for index, text in enumerate(entry.texts):
                phrase = text.split(" ")
                for i in range(1, len(phrase) - 1):
                    word = phrase[i]
                    if word not in suspects:
                        continue
                    found = context.real_word_error(phrase[i - 1], word, phrase[i + 1])
                    if found is None or not words.is_dictionary_word(word):
                        continue
                    if words.is_accepted(word, accept):
                        continue
                    at = context.offset_of(entry.start(index), phrase, i)
                    if _in_mojibake(block.text, at, at + len(word)):
                        continue
                    correction = found.correction
                    fix = _replace(
                        block,
                        at,
                        at + len(word),
                        correction,
                        f"replace with '{correction}'",
                        "unsafe",
                    )
                    message = (
                        f"'{word}' may be a typo for '{correction}': "
                        f"'{phrase[i - 1]} {correction} {phrase[i + 1]}' is far more likely"
                    )
                    yield self.at(
                        doc,
                        block,
                        at,
                        at + len(word),
                        message,
                        suggestions=(correction,),
                        fix=fix,
                        data={"log_ratio": round(found.log_ratio, 2)},
                    )


class MissingWord(DocumentRule):
    """Flags two words between which a short word (``of``, ``to``, ``be``) seems to be missing.

    ``a cessation hostilities``: ``cessation`` is followed by ``of`` in nearly half of its
    uses, ``of hostilities`` is common, and ``cessation hostilities`` is not a pair English
    uses. Word-pair counts (Google Books, via symspellpy) decide.

    Reported when the first word pulls the missing word (at least 40% of what follows it),
    the two words are not a listed pair, the missing word and the second word are, and the
    phrase with the missing word is likelier. ``to`` is only proposed before a word that
    does not follow ``the`` (a verb: ``expected grow``) and does not end in ``-ing``
    (``began going`` needs no ``to``), ``be`` only before a participle
    (``will aired``). Nothing is proposed before pronouns, determiners, prepositions,
    numbers or adverbs, nor ``that`` or ``the`` anywhere: English drops those legitimately.
    The fix inserts the word and is unsafe.

    Options: none.

    Fails::

        Truce
        The group called for a cessation hostilities on Friday.

    Passes::

        Truce
        The group called for a cessation of hostilities on Friday.
    """

    code = "T004"
    name = "missing-word"
    summary = "Short word (of, to, be) probably missing between two words"
    severity = "warning"
    fixable = "unsafe"
    examples = (
        {
            "fail": "Truce\nThe group called for a cessation hostilities on Friday.\n",
            "fixed": "Truce\nThe group called for a cessation of hostilities on Friday.\n",
            "unsafe": True,
        },
        {"fail": "Growth\nThe economy is now expected grow by 3% this year.\n"},
        {"pass": "Truce\nThe group called for a cessation of hostilities on Friday.\n"},
        {"pass": "Denial\nThe minister insisted he had done nothing wrong.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield each pair of words with a short word missing between them."""
        from newslint.rules import _spelling_context as context

        accept = options.settings.accept
        for entry in context.block_phrases(doc):
            pulling = context.pulling_words(entry.leading)
            if not pulling:
                continue  # most blocks: few words pull a missing word
            block = entry.block
            for index, text in enumerate(entry.texts):
                phrase = text.split(" ")
                for i in range(len(phrase) - 1):
                    before, after = phrase[i], phrase[i + 1]
                    if before not in pulling:
                        continue
                    found = context.missing_word(before, after)
                    if found is None:
                        continue
                    if words.is_accepted(before, accept) or words.is_accepted(after, accept):
                        continue
                    at = context.offset_of(entry.start(index), phrase, i)
                    end = at + len(before) + 1 + len(after)
                    if _in_mojibake(block.text, at, end):
                        continue
                    insert = block.source_range(at + len(before), at + len(before))[0]
                    fix = Fix(
                        (Edit(insert, insert, f" {found.missing}"),),
                        "unsafe",
                        f"insert '{found.missing}'",
                    )
                    message = (
                        f"a word seems to be missing between '{before}' and '{after}': "
                        f"'{before} {found.missing} {after}'?"
                    )
                    yield self.at(
                        doc,
                        block,
                        at,
                        end,
                        message,
                        suggestions=(f"{before} {found.missing} {after}",),
                        fix=fix,
                        data={"log_ratio": round(found.log_ratio, 2)},
                    )


class RepeatedWord(DocumentRule):
    """Flags a word written twice in a row: ``the the``, also across a line break.

    Only white space may separate the two (``said, said`` is left alone). Legitimate doubles
    (``had had``, ``that that``, ``is is``; ``rules/words/allowed_doubles.txt``) and capitalised
    pairs in mid-sentence (``Duran Duran``, ``Walla Walla``) pass, and so do numbers. The safe
    fix deletes the second word.

    Options: none.

    Fails::

        Vote count
        The result of the the vote was announced.

    Passes::

        Vote count
        The result of the vote was announced. He had had enough.
    """

    code = "T005"
    name = "repeated-word"
    summary = "Word repeated (the the)"
    severity = "error"
    fixable = "safe"
    examples = (
        {
            "fail": "Vote count\nThe result of the the vote was announced.\n",
            "fixed": "Vote count\nThe result of the vote was announced.\n",
        },
        {
            "fail": "Vote count\nThe result of the\nthe vote was announced after a long\n"
            "count that went on through the night and into the next day, they said.\n",
        },
        {"pass": "Vote count\nThe result of the vote was announced. He had had enough.\n"},
        {"pass": "Concert\nDuran Duran played that that night, she said: no, no.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield each doubled word, inside a block and across a single line break."""
        accept = options.settings.accept
        previous_block: Block | None = None
        for block in doc.all_blocks():
            text = block.text
            if previous_block is not None:
                yield from self._across(doc, previous_block, block, accept)
            previous_block = block
            if not _may_repeat(text):
                continue
            # A regular expression finds the candidates in C; Python only checks the hits.
            for match in _DOUBLED_RE.finditer(text):
                first, second = match.group(1), match.group(3)
                start = match.start(3)
                if _legitimate(text, first, second, start, match.end(), accept):
                    continue
                if _in_mojibake(text, match.start(1), match.end()):
                    continue
                source_start, _ = block.source_range(match.end(1), match.end(1))
                _, source_end = block.source_range(match.end(), match.end())
                yield self._finding(doc, block, second, start, source_start, source_end)

    def _across(
        self, doc: Document, first_block: Block, block: Block, accept: frozenset[str]
    ) -> Iterator[Diagnostic]:
        """A word doubled over a single line break between two blocks."""
        between = doc.source[first_block.end : block.start]
        # One line break, no blank line: a paragraph the reader split line by line.
        if between.strip() or between.count("\n") > 1:
            return
        last = _LAST_WORD_RE.search(first_block.text)
        first = _FIRST_WORD_RE.match(block.text)
        if last is None or first is None or last.group().lower() != first.group().lower():
            return
        word = first.group()
        if _legitimate(block.text, last.group(), word, 0, first.end(), accept, crossing=True):
            return
        start, _ = block.source_range(0, 0)
        _, end = block.source_range(first.end(), first.end())
        yield self._finding(doc, block, word, 0, start, _skip_spaces(doc.source, end))

    def _finding(
        self, doc: Document, block: Block, word: str, at: int, start: int, end: int
    ) -> Diagnostic:
        fix = Fix((Edit(start, end, ""),), "safe", f"delete the second '{word}'")
        return self.at(doc, block, at, at + len(word), f"'{word}' is repeated", fix=fix)


#: a word, white space (line breaks too), and the same word in any case
_DOUBLED_RE = re.compile(r"(?<![\w'’‘`\-])([^\W\d_]+)(\s+)(\1)(?![\w'’‘`\-])", re.IGNORECASE)
_LAST_WORD_RE = re.compile(r"(?<![\w'’‘`\-])[^\W\d_]+\s*$")
_FIRST_WORD_RE = re.compile(r"^[^\W\d_]+(?![\w'’‘`\-])")
_SIC_AFTER_RE = re.compile(r"\s*[\"'”’)]*\s*[\[(]\s*sic\s*[\])]", re.IGNORECASE)


#: bytes of ASCII text: letters -> lowercase letters, everything else -> space
_LOWER_LETTERS_ONLY = bytes(
    (c | 0x20) if chr(c).isascii() and chr(c).isalpha() else 0x20 for c in range(256)
)


def _may_repeat(text: str) -> bool:
    """False when ``_DOUBLED_RE`` cannot match ``text``: a quick test, several times faster
    than the expression, for the ASCII blocks (nine in ten).

    In ASCII text the expression's two words are consecutive runs of letters, equal but for
    case; with every other character made a space and every letter lowercase (on bytes: the
    fastest form), they are two equal neighbours in the split. Other texts always go to the
    expression.
    """
    if not text.isascii():
        return True
    runs = text.encode("ascii").translate(_LOWER_LETTERS_ONLY).split()
    return any(map(operator.eq, runs, runs[1:]))


def _skip_spaces(source: str, at: int) -> int:
    while at < len(source) and source[at] in " \t":
        at += 1
    return at


def _legitimate(
    text: str,
    first: str,
    second: str,
    start: int,
    end: int,
    accept: frozenset[str],
    crossing: bool = False,
) -> bool:
    """True when ``second`` (at ``text[start:end]``) may repeat ``first``."""
    first = first.strip()
    lower = second.lower()
    if lower in allowed_doubles() or words.is_accepted(second, accept):
        return True
    if _SIC_AFTER_RE.match(text, end):
        return True
    if second[:1].isupper() and not (crossing or starts_sentence(text, start)):
        return True  # Duran Duran, Bora Bora (but "The the" is a typo)
    return second.isupper() and len(second) > 1  # acronyms in tables


class DialectSpelling(DocumentRule):
    """Flags spellings of the other dialect when the config pins one (``dialect``).

    With ``dialect = "en-GB"``, American spellings (``color``, ``center``) are flagged with the
    British form; with ``dialect = "en-US"``, British ones (``colour``, ``centre``). The pairs
    are codespell's British/American list, less the American spellings British English writes
    too (``rules/words/british_also.txt``: ``story``, ``program``, ``practice``, ``license``
    in the senses British gives them, and ``focused``, ``judgment``, its usual forms). With the
    default ``dialect = "any"`` the rule finds nothing: both spellings are correct English.
    The fix is unsafe (a pair's words may still differ in sense).

    Options:

    - ``dialect`` (default ``""``): ``"en-GB"`` or ``"en-US"`` to pin the dialect for this rule
      alone; empty follows the top-level ``dialect`` setting.

    Fails (with ``dialect = "en-GB"``)::

        Paint
        The color of the center court changed.

    Passes::

        Paint
        The colour of the centre court changed.
    """

    code = "T006"
    name = "dialect-spelling"
    summary = "Spelling of the other dialect when the config pins one"
    severity = "warning"
    fixable = "unsafe"
    options = {"dialect": ""}
    examples = (
        {
            "fail": "Paint\nThe color of the centre court changed.\n",
            "fixed": "Paint\nThe colour of the centre court changed.\n",
            "unsafe": True,
            "options": {"dialect": "en-GB"},
        },
        {
            "fail": "Paint\nThe colour of the center court changed.\n",
            "fixed": "Paint\nThe color of the center court changed.\n",
            "unsafe": True,
            "options": {"dialect": "en-US"},
        },
        {"pass": "Paint\nThe color of the centre court changed.\n"},
        {
            "pass": "Paint\nThe colour of the centre court changed.\n",
            "options": {"dialect": "en-GB"},
        },
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield the words spelt in the dialect the config does not use."""
        dialect = options["dialect"] or options.settings.dialect
        if dialect not in ("en-GB", "en-US"):
            return
        wrong = "american" if dialect == "en-GB" else "british"
        blocks = words.blocks_of(doc)
        for finding in words.dialect_findings(doc):
            if finding.kind != wrong or words.is_accepted(finding.text, options.settings.accept):
                continue
            block = blocks[finding.block]
            if _in_mojibake(block.text, finding.start, finding.end):
                continue
            right = finding.corrections[0]
            fix = _replace(
                block, finding.start, finding.end, right, f"replace with '{right}'", "unsafe"
            )
            message = f"'{finding.text}' is the {wrong.title()} spelling; {dialect} has '{right}'"
            yield self.at(
                doc,
                block,
                finding.start,
                finding.end,
                message,
                suggestions=(right,),
                fix=fix,
            )
