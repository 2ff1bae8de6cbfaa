"""Word-level judgements the spelling rules share: misspelt, unknown, or the other dialect.

``analyse(doc)`` reads every word of an article once and returns what T001, T002 and T006 need;
it is cached per article text, so the three rules pay for one pass. Rules then apply the run's
vocabulary (accepted and rejected words) and dialect, which are not part of the cache key.

How a word is judged, in order:

1. Skipped outright: numbers, URLs, e-mail addresses, handles, HTML entities, words glued to
   digits or entities, initials and domains (``U.S.``, ``fbi.gov``), ALLCAPS acronyms,
   innerCaps brands (``iPod``), pieces of one or two letters, and a word followed by ``[sic]``.
2. A capitalised word that does not start a sentence is a name. It is only checked against the
   news misspelling list entries whose correction is capitalised (``Febuary``).
3. A known misspelling (the news list, then codespell's dictionary unless the word is also a
   common dictionary word) is a T001 finding.
4. A known word, or a regular formation of one (see ``_spelling_lexicon.known``), passes.
   (Dialect spellings, T006, are found by a separate scan: ``dialect_findings``.)
5. A capitalised word at a sentence start passes when the article also uses it capitalised
   mid-sentence (a name) or when the next word is capitalised (``Riad Hijab said``).
6. What is left is unknown: a T002 finding when a dictionary word lies close enough to be what
   the writer meant (see ``_unknown``). Words with nothing close are coinages or foreign
   words, not typos.

Before any of this, a screening with set operations in C drops the words every article is
made of (the 40,000 commonest), so that Python only looks at the few that remain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

from newslint.document import Block, Document
from newslint.rules import _spelling_lexicon as lexicon
from newslint.rules import _spelling_suggest as suggest
from newslint.rules._spelling_tokens import (
    WORDS_RE,
    Token,
    normalise_apostrophes,
    starts_sentence,
    tokenize,
    uncommon_words,
    word_shape,
)

_PART_RE = re.compile(r"[^\-‐‑]+")
_TRIPLED_RE = re.compile(r"(\w)\1\1+")
_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûü")
#: first pieces of hyphenated compounds that are prefixes, not words (pre-tax, co-ordinate)
_HYPHEN_PREFIXES = frozenset(
    [
        "pre",
        "post",
        "co",
        "ex",
        "non",
        "anti",
        "pro",
        "mid",
        "semi",
        "multi",
        "cyber",
        "bio",
        "eco",
        "geo",
        "neo",
        "nano",
        "mis",
        "un",
        "de",
        "re",
        "sub",
        "self",
        "over",
        "under",
        "inter",
        "ultra",
        "mega",
        "mini",
        "micro",
        "euro",
        "trans",
        "counter",
        "vice",
        "quasi",
        "pseudo",
    ]
)
#: a typing distance above this is not "close" for a capitalised word at a sentence start
STRICT_DISTANCE = 1.0
#: a capitalised word at a sentence start is flagged only for a candidate this common
CAPITALISED_CANDIDATE_FREQUENCY = 20_000_000
#: words this short are flagged only with a candidate one typing edit away
SHORT_WORD = 4
#: words this long are searched up to three edits away when nothing is within two
LONG_WORD = 7
#: a typing distance up to this (with a clear winner) makes a T002 finding a warning
CONFIDENT_DISTANCE = 1.5
#: how far the best candidate's score must lead the next one's for a warning (and a fix):
#: scores are log odds (``_spelling_suggest``), so 2.0 is about seven times likelier.
#: Measured by ``benchmarks/spelling.py`` on injected misspellings, the first suggestion of
#: such a finding is right 88% (Mitton's Birkbeck and Holbrook lists) to 96% (Aspell) of the
#: time; that of the others, 45% to 64%.
CONFIDENT_MARGIN = 2.0


class WordFinding(NamedTuple):
    """A word one of the word-level rules may report.

    ``kind`` is ``misspelling`` (T001), ``unknown`` (T002), ``british`` or ``american`` (T006:
    the spelling belongs to that dialect). ``block`` indexes ``list(doc.all_blocks())``;
    ``start``/``end`` are offsets in that block's text; ``text`` is the word as written.
    ``corrections`` are ordered best first, already in the word's case. ``fixable`` is True
    when exactly one correction is certain (T001 only). ``confident`` separates T002's
    warnings from its info-level findings.
    """

    block: int
    start: int
    end: int
    text: str
    kind: str
    corrections: tuple[str, ...]
    fixable: bool = False
    confident: bool = True
    source: str = ""


class _Word(NamedTuple):
    """One word (or one piece of a hyphenated compound) the judge looks at."""

    block: int
    start: int
    end: int
    text: str  # as written, possessive stripped
    lower: str  # lowercase, apostrophes normalised
    shape: str
    initial: bool  # first word of a sentence (or of the headline)
    next_capitalised: bool  # the next word is a capitalised word (name sequences)
    before: str = ""  # the lowercase word just before, when only a space separates them
    after: str = ""  # the lowercase word just after, likewise


def blocks_of(doc: Document) -> list[Block]:
    """The article's blocks in the order ``WordFinding.block`` indexes them."""
    return list(doc.all_blocks())


def _key(doc: Document) -> tuple[tuple[str, str], ...]:
    return tuple((b.kind, b.text) for b in doc.all_blocks())


class Analysis(NamedTuple):
    """What one pass over an article's words found.

    ``findings`` are the word-level finding candidates; ``names`` the lowercase words of five
    letters or more that the article writes capitalised in mid-sentence and no dictionary
    has (its names: T002's evidence that a capitalised word starting a sentence elsewhere in
    the corpus is a name, not a typo).
    """

    findings: tuple[WordFinding, ...]
    names: frozenset[str]


def analyse(doc: Document) -> tuple[WordFinding, ...]:
    """Every word-level finding candidate of ``doc`` (cached per article text)."""
    return _analyse(_key(doc)).findings


def names_of(doc: Document) -> frozenset[str]:
    """``Analysis.names`` of ``doc`` (cached with ``analyse``)."""
    return _analyse(_key(doc)).names


#: names shorter than this never matter to T002 (see ``_unknown``): not kept as evidence
_EVIDENCE_NAME = 5


@lru_cache(maxsize=32)
def _analyse(blocks: tuple[tuple[str, str], ...]) -> Analysis:
    # First a screening with set operations in C: the distinct words of each block less the
    # common words. Only blocks left with a suspect word are tokenized and judged in Python.
    common = lexicon.common_words()
    names: set[str] = set()
    suspects_by_block: list[set[str]] = []
    initial_names: set[str] = set()
    for _, text in blocks:
        suspects: set[str] = set()
        for word in uncommon_words(text, common):
            verdict = _screen(word)
            if verdict == "check":
                suspects.add(word)
            elif verdict == "name":
                at = _occurrences(text, word)
                initial = [i for i in at if starts_sentence(text, i)]
                if len(initial) < len(at):
                    names.add(word.lower())
                if initial:
                    suspects.add(word)
                    initial_names.add(word)
        suspects_by_block.append(suspects)
    findings: list[WordFinding] = []
    for index, (kind, text) in enumerate(blocks):
        suspects = suspects_by_block[index]
        for word in suspects & initial_names:
            if word.lower() in names:
                suspects.discard(word)  # the article uses it as a name elsewhere
        if not suspects:
            continue
        for word in _words(index, kind, text, suspects):
            finding = _judge(word, names)
            if finding is not None:
                findings.append(finding)
    evidence = frozenset(
        name
        for name in (normalise_apostrophes(n).removesuffix("'s") for n in names)
        if len(name) >= _EVIDENCE_NAME and name.isalpha()
    )
    return Analysis(tuple(findings), evidence)


@lru_cache(maxsize=65536)
def _screen(word: str) -> str:
    """What a word outside the common words needs: ``ok``, ``check``, or ``name``.

    ``name`` (a capitalised word that is not a common word) needs a check only where it
    starts a sentence. The screening is generous: the slow path decides.
    """
    if word.isalpha() and "ʼ" not in word:
        # Most words are letters only (``ʼ`` is a letter that is also an apostrophe): no
        # digit, dot, apostrophe or hyphen to look for, and the word is its own core.
        if len(word) <= 2:
            return "ok"
        return _screen_core(word, word)
    if "." in word or not word[0].isalpha() or any(c.isdigit() for c in word):
        return "ok"
    written = normalise_apostrophes(word)
    if any(h in written for h in "-‐‑"):
        # The pieces first: they are cached words (``well``, ``known``), and when every one
        # passes so does the compound, without the costly look-up of the whole.
        pieces = _PART_RE.findall(written)
        verdicts = set()
        for number, piece in enumerate(pieces):
            verdict = _screen(piece)
            if verdict != "ok" and _piece_needs_check(piece, number, len(pieces)):
                verdicts.add(verdict)
        if not verdicts or _compound_known(written):
            return "ok"
        return "check" if "check" in verdicts else "name"
    core = written.removesuffix("'s")
    if sum(c.isalpha() for c in core) <= 2:
        return "ok"
    return _screen_core(written, core)


def _screen_core(written: str, core: str) -> str:
    """``_screen`` for a word without hyphens: ``written`` with its apostrophes normalised,
    ``core`` the same without a possessive ``'s``."""
    shape = word_shape(core)
    if shape in ("upper", "mixed"):
        return "ok"
    lower = written.lower()
    news = lexicon.news_misspellings()
    if shape == "capitalised":
        correction = news.get(lower)
        if correction and correction[:1].isupper():
            return "check"
        if lower in news or _known_misspelling(lower) is not None:
            return "name"  # a misspelling, but only where it starts a sentence
        # Most of these are names: only a cheap dictionary look-up here (the judge derives
        # formations where a sentence starts with one).
        known = lexicon.known(lower) if "'" in lower else lexicon.in_dictionary(lower)
        return "ok" if known else "name"
    if lower in news or _known_misspelling(lower) is not None:
        return "check"
    return "ok" if lexicon.known(lower) else "check"


def _compound_known(written: str) -> bool:
    """True for a hyphenated compound a dictionary has, with or without its hyphens."""
    lower = written.lower().replace("‐", "-").replace("‑", "-")
    return lexicon.known(lower) or lexicon.known(lower.replace("-", ""))


def _piece_needs_check(piece: str, number: int, count: int) -> bool:
    """False for the pieces of a compound that pass whatever they are: a prefix first
    (``pre-tax``), a plural particle or a regular formation after it (``add-ons``)."""
    lower = piece.lower()
    if number == 0 and count > 1 and lower in _HYPHEN_PREFIXES:
        return False
    return not (
        number > 0
        and (
            (lower.endswith("s") and lexicon.known(lower[:-1]))
            or lexicon.formation_base(lower) is not None
        )
    )


def _occurrences(text: str, word: str) -> list[int]:
    """Start offsets of ``word`` in ``text`` as a whole word."""
    found = []
    at = text.find(word)
    n = len(word)
    while at >= 0:
        before = text[at - 1] if at > 0 else " "
        after = text[at + n] if at + n < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            found.append(at)
        at = text.find(word, at + n)
    return found


def _words(index: int, kind: str, text: str, suspects: set[str]) -> Iterator[_Word]:
    """The suspect words of one block, hyphenated compounds split into pieces when needed."""
    tokens = tokenize(text)
    headline = kind in ("headline", "heading")
    for position, token in enumerate(tokens):
        if token.text not in suspects or token.kind != "word" or token.glued or token.sic:
            continue
        initial = token.sentence_start or (headline and position == 0)
        written = normalise_apostrophes(token.text)
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        next_capitalised = (
            following is not None
            and following.kind == "word"
            and following.gap == " "
            and following.text[:1].isupper()
        )
        if not any(h in written for h in "-‐‑"):
            context = _neighbours(tokens, position)
            word = _make_word(
                index, token, written, 0, len(written), initial, next_capitalised, context
            )
            if word is not None:
                yield word
            continue
        if _compound_known(written):
            continue  # e-mail, co-ordinator (coordinator), pre-empt (preempt)
        pieces = list(_PART_RE.finditer(written))
        for number, piece in enumerate(pieces):
            if not _piece_needs_check(piece.group(), number, len(pieces)):
                continue  # pre-tax, add-ons, have-nots, year-olds, no-hoper
            word = _make_word(
                index,
                token,
                written,
                piece.start(),
                piece.end(),
                initial and number == 0,
                next_capitalised if number == len(pieces) - 1 else False,
            )
            if word is not None:
                yield word


def _neighbours(tokens: tuple[Token, ...], position: int) -> tuple[str, str]:
    """The lowercase words right before and after ``tokens[position]`` (single spaces only)."""
    before = after = ""
    token = tokens[position]
    if position > 0 and token.gap == " ":
        previous = tokens[position - 1]
        if previous.kind == "word" and previous.text.islower() and previous.text.isalpha():
            before = previous.text
    if position + 1 < len(tokens):
        following = tokens[position + 1]
        if (
            following.gap == " "
            and following.kind == "word"
            and following.text.islower()
            and following.text.isalpha()
        ):
            after = following.text
    return before, after


def _make_word(
    block: int,
    token: Token,
    written: str,
    i: int,
    j: int,
    initial: bool,
    next_capitalised: bool,
    context: tuple[str, str] = ("", ""),
) -> _Word | None:
    text = written[i:j]
    # possessives: People's, countries' (the trailing apostrophe is outside the token)
    if text.endswith("'s"):
        text = text[:-2]
        j -= 2
    if sum(c.isalpha() for c in text) <= 2:
        return None
    shape = word_shape(text)
    if shape in ("upper", "mixed"):
        return None
    lower = text.lower()
    if not any(c in _VOWELS for c in lower):
        return None  # dvd, ntl, pls: abbreviations, not words
    if _TRIPLED_RE.search(lower) and not _tripled_typo(lower):
        return None  # ummm, zzz: written on purpose
    return _Word(
        block,
        token.start + i,
        token.start + j,
        token.text[i:j],
        text.lower(),
        shape,
        initial,
        next_capitalised,
        context[0],
        context[1],
    )


def _tripled_typo(lower: str) -> bool:
    """True when a tripled letter is a slip of the finger (threee, acccused), not emphasis
    (ummm): the word is known with the run cut to two letters or one."""
    return lexicon.known(_TRIPLED_RE.sub(r"\1\1", lower)) or lexicon.known(
        _TRIPLED_RE.sub(r"\1", lower)
    )


def _judge(word: _Word, names: set[str]) -> WordFinding | None:
    lower = word.lower
    if word.shape == "capitalised" and not word.initial:
        correction = lexicon.news_misspellings().get(lower)
        if correction and correction[:1].isupper():
            return _finding(word, "misspelling", (correction,), fixable=True, source="newslint")
        return None
    misspelling = _known_misspelling(lower)
    if misspelling is not None:
        corrections, fixable, source = misspelling
        if len(corrections) > 1:
            corrections = suggest.order(lower, corrections, word.before, word.after)
        cased = tuple(lexicon.matches_case(word.text, c) for c in corrections)
        return _finding(word, "misspelling", cased, fixable=fixable, source=source)
    if lexicon.known(lower):
        return None
    if word.shape == "capitalised" and (lower in names or word.next_capitalised):
        return None
    return _unknown(word)


#: apostrophe-less contractions that are also words (the cant of politics, a wont)
_REAL_WORD_CONTRACTIONS = frozenset(
    ["cant", "wont", "well", "were", "shell", "hell", "ill", "id", "its", "lets", "shed", "wed"]
)


@lru_cache(maxsize=65536)
def _known_misspelling(lower: str) -> tuple[tuple[str, ...], bool, str] | None:
    """(corrections, exactly-one, source) when ``lower`` is a listed misspelling."""
    news = lexicon.news_misspellings().get(lower)
    if news is not None:
        return (news,), True, "newslint"
    value = lexicon.codespell_correction(lower)
    if value is None:
        return None
    # codespell lists some rare dictionary words (despatch, advices): a common word wins,
    # unless the correction only adds an apostrophe (dont -> don't, thats -> that's).
    if (lower in lexicon.common_words() or lower in lexicon.news_words()) and (
        value.replace("'", "") != lower or lower in _REAL_WORD_CONTRACTIONS
    ):
        return None
    corrections = tuple(c.strip() for c in value.split(",") if c.strip())
    if not corrections:
        return None
    # codespell marks a correction it would not apply automatically with a comma
    return corrections, "," not in value, "codespell"


def _unknown(word: _Word) -> WordFinding | None:
    lower = word.lower
    if lexicon.in_symspell(lower) and not lexicon.misspelt_variant(lower):
        return None  # a rarer dictionary word (texting, scammer): loaded only when needed
    if word.shape == "capitalised" and (
        len(lower) < 5
        or not lexicon.frequent_within(
            lower, CAPITALISED_CANDIDATE_FREQUENCY, int(2 * STRICT_DISTANCE)
        )
    ):
        # Settled before the costly candidate search, with the same answer as the test
        # below: a typing distance of STRICT_DISTANCE or less is at most twice as many edits
        # (each edit costs half a point or more).
        return None
    candidates = lexicon.candidates(lower)
    if not candidates and len(lower) >= LONG_WORD:
        candidates = lexicon.candidates(lower, 3)  # unfortunently, illegitament
    if not candidates:
        return None  # a coinage or a foreign word: nothing close to suggest
    common = lexicon.common_words()
    nearest = min(c.distance for c in candidates)
    if word.shape == "capitalised" and (
        len(lower) < 5
        or not any(
            c.distance <= STRICT_DISTANCE
            and lexicon.frequency(c.word) >= CAPITALISED_CANDIDATE_FREQUENCY
            for c in candidates
        )
    ):
        return None  # sentence-initial names: Dudek, Depor, Brentford
    if len(lower) <= SHORT_WORD and nearest > 1.0:
        return None  # short unknown words far from any word: slang, names, foreign words
    # Whether to flag is settled; the suggestions are searched wider and ranked with an error
    # model and the neighbouring words (``_spelling_suggest``).
    candidates = suggest.suggestions(lower, candidates, word.before, word.after)
    best = candidates[0]
    confident = (
        best.distance <= CONFIDENT_DISTANCE
        and best.word in common
        and (len(candidates) == 1 or best.score - candidates[1].score >= CONFIDENT_MARGIN)
    )
    suggestions = tuple(lexicon.matches_case(word.text, c.word) for c in candidates[:3])
    return _finding(word, "unknown", suggestions, confident=confident, source="dictionary")


def dialect_findings(doc: Document) -> tuple[WordFinding, ...]:
    """Words of ``doc`` with a spelling in the other dialect (``british``/``american``)."""
    return _dialect_scan(_key(doc))


@lru_cache(maxsize=32)
def _dialect_scan(blocks: tuple[tuple[str, str], ...]) -> tuple[WordFinding, ...]:
    pairs = lexicon.dialect_words()
    findings = []
    for index, (_, text) in enumerate(blocks):
        if not pairs.intersection(WORDS_RE.findall(text.lower())):
            continue
        for token in tokenize(text):
            if token.kind != "word" or token.sic or token.glued:
                continue
            word = normalise_apostrophes(token.text).removesuffix("'s")
            if word.lower() not in pairs:
                continue
            if word[:1].isupper() and not token.sentence_start:
                continue  # a name: Center Parcs
            finding = _dialect_finding(index, token.start, token.start + len(word), word)
            if finding is not None:
                findings.append(finding)
    return tuple(findings)


def _dialect_finding(block: int, start: int, end: int, text: str) -> WordFinding | None:
    """A T006 candidate when ``text`` has a spelling in the other dialect."""
    lower = text.lower()
    american = lexicon.british_to_american().get(lower)
    if american:
        return WordFinding(
            block, start, end, text, "british", (lexicon.matches_case(text, american),)
        )
    british = lexicon.american_to_british().get(lower)
    if british:
        return WordFinding(
            block, start, end, text, "american", (lexicon.matches_case(text, british),)
        )
    return None


def _finding(
    word: _Word,
    kind: str,
    corrections: tuple[str, ...],
    *,
    fixable: bool = False,
    confident: bool = True,
    source: str = "",
) -> WordFinding:
    return WordFinding(
        word.block,
        word.start,
        word.end,
        word.text,
        kind,
        corrections,
        fixable,
        confident,
        source,
    )


def is_dictionary_word(lower: str) -> bool:
    """True for a known word that is not a listed misspelling (T003's suspects)."""
    return lexicon.known(lower) and _known_misspelling(lower) is None


# --- the run's vocabulary ----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _accepted_sets(accept: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    exact = frozenset(normalise_apostrophes(w) for w in accept if not w.islower())
    lower = frozenset(normalise_apostrophes(w) for w in accept if w.islower())
    return exact, lower


def in_dialect(corrections: tuple[str, ...], dialect: str) -> tuple[str, ...]:
    """``corrections`` spelt in the ``dialect`` the config pins (``en-GB``: ``realized`` ->
    ``realised``; ``en-US``: the reverse), in their order, without repeats; unchanged for
    ``any``. So a fix never writes what T006 would flag next."""
    if dialect == "en-GB":
        table = lexicon.american_to_british()
    elif dialect == "en-US":
        table = lexicon.british_to_american()
    else:
        return corrections
    out: list[str] = []
    for correction in corrections:
        other = table.get(correction.lower())
        if other is not None:
            correction = lexicon.matches_case(correction, other)
        if correction not in out:
            out.append(correction)
    return tuple(out)


def is_accepted(text: str, accept: frozenset[str]) -> bool:
    """True when the config's ``accept`` list covers ``text``.

    An accepted entry that holds a capital matches exactly (``Kweyris``); an all-lowercase
    entry matches any case (``kweyris`` accepts ``Kweyris`` too).
    """
    if not accept:
        return False
    exact, lower = _accepted_sets(accept)
    written = normalise_apostrophes(text)
    return written in exact or written.lower() in lower


def rejected_lookup(reject: Mapping[str, str | None]) -> dict[str, tuple[str, str | None]]:
    """``reject`` keyed for matching: lowercase keys for lowercase entries, exact otherwise."""
    table: dict[str, tuple[str, str | None]] = {}
    for word, fix in reject.items():
        key = normalise_apostrophes(word)
        table[key if not key.islower() else key.lower()] = (word, fix)
    return table


def rejected_words(
    doc: Document, reject: Mapping[str, str | None]
) -> Iterator[tuple[int, int, int, str, str | None]]:
    """(block, start, end, text, replacement) for every rejected word in ``doc``.

    Whole tokens are matched (``Kiev`` in ``Kiev's`` too), then each piece of a hyphenated
    compound. Case follows the accept rule: lowercase entries match any case.
    """
    if not reject:
        return
    table = rejected_lookup(reject)
    for index, block in enumerate(doc.all_blocks()):
        for token in tokenize(block.text):
            if token.kind not in ("word", "dotted") or token.sic:
                continue
            written = normalise_apostrophes(token.text)
            spans = [(0, len(written))]
            if any(h in written for h in "-‐‑"):
                spans += [m.span() for m in _PART_RE.finditer(written)]
            for i, j in spans:
                piece = written[i:j]
                if (
                    piece.endswith("'s")
                    and piece[:-2]
                    and (piece[:-2] in table or piece[:-2].lower() in table)
                ):
                    j -= 2
                    piece = piece[:-2]
                hit = table.get(piece) or table.get(piece.lower())
                if hit is not None and (hit[0] == piece or hit[0].islower()):
                    yield index, token.start + i, token.start + j, token.text[i:j], hit[1]
                    break
