"""Name variants across articles (N002): per-article facts and the judgement over all.

``collect`` keeps, for each name an article writes, the spelling, its variant keys, how it is
used (as a name mid-sentence, only as a first name, after which first names) and where; plus
the article's other names (its context) and its names-pack forms. ``judge`` groups spellings
of all articles under the same keys as inside an article, lets each article vote with the
spelling it uses, and flags a target article whose spelling is the corpus's minority, pointing
at an article with the majority spelling. One-word names need more evidence across articles
than inside one: the two articles must share other names (the same story), and a spelling
that many articles use is taken as another name, not a slip (``Philips``/``Phillips``).
"""

from __future__ import annotations

import gc
import re
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from newslint.document import Span
from newslint.naming.aliases import AliasMatch, alias_matches
from newslint.naming.analysis import Analysis
from newslint.naming.mentions import PARTICLES
from newslint.naming.pack import NamesIndex, compatible
from newslint.naming.spelling import FormProfile, evidence, profiles
from newslint.naming.variants import close_spelling, fold, form_keys, is_acronym

#: context names two articles must share before a one-word variant counts across them
MIN_SHARED_CONTEXT = 2


class _Uses:
    """Where an article uses one spelling, as NamingFacts encodes it: resolved only when asked
    for (a judge decodes many spellings and reports few)."""

    __slots__ = ("uses", "_facts", "_position", "_places")

    def __init__(self, facts: NamingFacts, position: str, places: str) -> None:
        self.uses = places.count(",") // 2 + 1
        self._facts = facts
        self._position = position
        self._places = places

    def _first_use(self, text: str) -> Span:
        return _span(self._facts, self._position, text)

    @property
    def places(self) -> tuple[tuple[int, int], ...]:
        """Source (start, end) of every use, the first included (what a fix edits)."""
        return _pairs(self._places)


class UnitFact(_Uses):
    """One spelling of a name in one article, decoded from NamingFacts when a judge needs it."""

    __slots__ = (
        "form",
        "skeleton",
        "loose",
        "known",
        "names",
        "flags",
        "given",
        "codes",
    )

    def __init__(
        self,
        form: str,
        keys: tuple[str, str, str],
        names: tuple[str, ...],
        flags: int,
        given: tuple[str, ...],
        facts: NamingFacts,
        position: str,
        places: str,
        codes: tuple[int, int | None, int | None] | None = None,
    ) -> None:
        self.form = form
        self.skeleton, self.loose, self.known = keys
        #: the codes of the skeleton, the loose key ("l:") and the known id ("k:"); None for
        #: a key the spelling has not
        self.codes = codes if codes is not None else _key_codes_of(keys)
        self.names = names
        #: 1: used mid-sentence; 2: only ever a first name
        self.flags = flags
        self.given = given
        super().__init__(facts, position, places)

    @property
    def span(self) -> Span:
        """The first use, resolved."""
        return self._first_use(self.form)


class AliasFact(_Uses):
    """A names-pack form an article uses (as its own choice, not as an alias or in a quote);
    its span and places are resolved when asked for."""

    __slots__ = ("canonical", "form", "text")

    def __init__(
        self, canonical: str, form: str, text: str, facts: NamingFacts, position: str, places: str
    ) -> None:
        self.canonical = canonical
        self.form = form
        #: the text as written at the first use
        self.text = text
        super().__init__(facts, position, places)

    @property
    def span(self) -> Span:
        """The first use, resolved."""
        return self._first_use(self.text)


class NamingFacts(NamedTuple):
    """What N002 keeps of one article: compact, because the engine caches and reloads the
    facts of every article of the corpus on each run (one changed file against 2,000 others
    must load in a blink). The units are one string; keys and context are CRC-32 codes in
    bytes; ``units``/``aliases`` decode them when a judge needs the article."""

    path: str
    record: str | None
    #: the CRC-32 codes of every variant key of the units (skeletons, "k:" known ids, "l:"
    #: loose keys), sorted, so that a judge finds the keys the corpus spells two ways before
    #: it decodes any unit
    keys: bytes
    #: for each key code, the spelling's code and the unit's number
    key_forms: bytes
    #: CRC-32 of the skeletons of the article's one-word names: two articles about one story
    #: share many
    context: bytes
    #: the units, encoded (see ``_encode_unit``)
    packed_units: str
    #: the names-pack forms, encoded (see ``_encode_alias``)
    packed_aliases: str

    @property
    def units(self) -> tuple[UnitFact, ...]:
        """The decoded units."""
        return _decode_units(self)

    @property
    def aliases(self) -> tuple[AliasFact, ...]:
        """The decoded names-pack forms."""
        return _decode_aliases(self)

    def key_set(self) -> frozenset[int]:
        """The keys as a set of codes."""
        return _key_codes(self.keys)

    def key_entries(self, key: int) -> Iterator[tuple[int, int]]:
        """(spelling code, unit number) of each unit with this key code."""
        keys = _key_array(self.keys)
        forms = _key_array(self.key_forms)
        i = bisect_left(keys, key)
        while i < len(keys) and keys[i] == key:
            yield forms[2 * i], forms[2 * i + 1]
            i += 1

    def units_numbered(self, numbers: Collection[int]) -> list[UnitFact]:
        """The decoded units with these numbers (their order in ``packed_units``)."""
        records = self.packed_units.split(_RECORD)
        return [_decode_unit(self, records[n]) for n in sorted(numbers)]

    def context_set(self) -> frozenset[int]:
        """The context as a set of codes."""
        return _codes(self.context)


_FIELD, _RECORD, _LIST = "\x1f", "\x1e", "\x1d"


def code(text: str) -> int:
    """A stable 32-bit code of a key (Python's own string hash changes between runs)."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _pack_codes(codes: Iterable[int]) -> bytes:
    return array("I", sorted(set(codes))).tobytes()


@lru_cache(maxsize=16384)
def _codes(blob: bytes) -> frozenset[int]:
    return frozenset(array("I", blob))


@lru_cache(maxsize=16384)
def _key_codes(blob: bytes) -> frozenset[int]:
    return frozenset(array("I", blob))


@lru_cache(maxsize=16384)
def _key_array(blob: bytes) -> array[int]:
    return array("I", blob)


def name_like(profile: FormProfile, lower_words: Collection[str]) -> bool:
    """True when a spelling is used as a name: mid-sentence, not an ordinary word."""
    if not profile.non_initial and len(profile.names) < 2:
        return False  # one capitalised word opening a sentence may be any word
    folded = fold(profile.form)
    if len(folded) < 3 or (len(folded) < 4 and not is_acronym(profile.form)):
        return False
    return len(profile.names) > 1 or profile.form.lower() not in lower_words


def unit_keys(form: str, names: tuple[str, ...], known: Mapping[str, str]) -> tuple[str, str, str]:
    """The skeleton, loose key and known-spellings id of a spelling."""
    keys = form_keys(form)
    loose = keys.loose if len(names) == 1 and keys.loose is not None else ""
    return keys.skeleton, loose, known.get(keys.folded, "")


@lru_cache(maxsize=32768)
def _form_codes(form: str, single: bool) -> tuple[int, int, int | None, int | None, str] | None:
    """What ``collect_facts`` files a spelling under, computed once per spelling: the codes
    of the spelling, of its skeleton, of its loose key (one-word names of five letters or
    more) and its context code (one-word names that are no acronym), and its folded form
    (for the known spellings); None for a spelling too short to be a name (``name_like``)."""
    keys = form_keys(form)
    length = len(keys.folded)
    if length < 3 or (length < 4 and not keys.acronym):
        return None
    key_code = code(keys.skeleton)
    loose = code("l:" + keys.loose) if single and keys.loose else None
    context = key_code if single and not keys.acronym else None
    return code(form), key_code, loose, context, keys.folded


def collect_facts(
    analysis: Analysis, known: Mapping[str, str], index: NamesIndex | None
) -> NamingFacts:
    """The facts of one article."""
    found = profiles(analysis)
    lower = analysis.lower_words
    doc = analysis.doc
    source = doc.source
    positions = doc.line_index.position
    blocks = analysis.blocks
    #: per block, the shift from block to source offsets (None: the block maps them itself)
    shifts = [block.start if block.starts is None else None for block in blocks]
    packed: list[str] = []
    keys: list[int] = []
    context: list[int] = []
    for profile in found.values():
        # name_like(profile, lower), on the cached keys
        names = profile.names
        single = len(names) < 2
        if single and not profile.non_initial:
            continue  # one capitalised word opening a sentence may be any word
        form = profile.form
        filed = _form_codes(form, len(names) == 1)
        if filed is None:
            continue
        if single and form.lower() in lower:
            continue
        form_code, key_code, loose_code, context_code, folded = filed
        number = len(packed)
        keys += (key_code, form_code, number)
        if loose_code is not None:
            keys += (loose_code, form_code, number)
        known_id = known.get(folded)
        if known_id:
            keys += (code("k:" + known_id), form_code, number)
        if context_code is not None:
            context.append(context_code)
        flat: list[int] = []
        for segment, i, j, _, _ in profile.units:
            tokens = segment.tokens
            start, end = tokens[i].start, tokens[j - 1].end
            shift = shifts[segment.block]
            if shift is None:
                flat.extend(blocks[segment.block].source_range(start, end))
            else:
                flat += (shift + start, shift + end)
        flags = (1 if profile.non_initial else 0) | (2 if profile.given_only else 0)
        given = _LIST.join(sorted(profile.given)) if profile.given else ""
        start, end = flat[0], flat[1]
        line, column = positions(start)
        if "\n" in source[start:end] or "\r" in source[start:end]:
            position = _position(positions, source, start, end)
        else:  # no line starts inside: the span ends on its line (see _position)
            position = f"{start},{end},{line},{column}"
        packed.append(f"{form}\x1f{flags}\x1f{given}\x1f{position}\x1f{','.join(map(str, flat))}")
    aliases: list[str] = []
    if index is not None:
        by_form: dict[tuple[str, str], list[AliasMatch]] = {}
        for match in alias_matches(analysis, index):
            if match.aka or match.quoted or match.group < 0:
                continue
            canonical = index.groups[match.group].canonical
            by_form.setdefault((canonical, match.form), []).append(match)
        for (canonical, form), matches in by_form.items():
            places = [_place(analysis, m.block, m.start, m.end) for m in matches]
            aliases.append(
                _FIELD.join(
                    (
                        canonical,
                        form,
                        matches[0].text,
                        _position(positions, source, *places[0]),
                        ",".join(f"{a},{b}" for a, b in places),
                    )
                )
            )
    triples = sorted(zip(keys[0::3], keys[1::3], keys[2::3], strict=True))
    return NamingFacts(
        doc.path,
        doc.record,
        array("I", [t[0] for t in triples]).tobytes(),
        array("I", [x for t in triples for x in t[1:]]).tobytes(),
        _pack_codes(context),
        _RECORD.join(packed),
        _RECORD.join(aliases),
    )


def _position(
    positions: Callable[[int], tuple[int, int]], source: str, start: int, end: int
) -> str:
    """``start,end,line,column`` plus ``end_line,end_column`` when the span crosses a line."""
    line, column = positions(start)
    if "\n" not in source[start:end] and "\r" not in source[start:end]:
        return f"{start},{end},{line},{column}"  # no line starts inside: one line
    end_line, end_column = positions(end)
    if end_line == line:
        return f"{start},{end},{line},{column}"
    return f"{start},{end},{line},{column},{end_line},{end_column}"


def _span(facts: NamingFacts, position: str, text: str) -> Span:
    numbers = [int(x) for x in position.split(",")]
    start, end, line, column = numbers[:4]
    if len(numbers) == 6:
        end_line, end_column = numbers[4], numbers[5]
    else:
        end_line, end_column = line, column + (end - start)
    return Span(facts.path, start, end, line, column, end_line, end_column, text, facts.record)


def _pairs(text: str) -> tuple[tuple[int, int], ...]:
    numbers = [int(x) for x in text.split(",")]
    return tuple(zip(numbers[0::2], numbers[1::2], strict=True))


_PIECES = re.compile(r"[\s\-\u2011]+")


@lru_cache(maxsize=4096)
def _decode_units(facts: NamingFacts) -> tuple[UnitFact, ...]:
    if not facts.packed_units:
        return ()
    return tuple(_decode_unit(facts, record) for record in facts.packed_units.split(_RECORD))


def _decode_unit(facts: NamingFacts, record: str) -> UnitFact:
    form, flags, given, position, places = record.split(_FIELD)
    names, keys, codes = _form_info(form)
    return UnitFact(
        form,
        keys,
        names,
        int(flags),
        tuple(given.split(_LIST)) if given else (),
        facts,
        position,
        places,
        codes,
    )


@lru_cache(maxsize=32768)
def _form_info(
    form: str,
) -> tuple[tuple[str, ...], tuple[str, str, str], tuple[int, int | None, int | None]]:
    """A decoded spelling's name words, keys and key codes, computed once per spelling."""
    from newslint.naming.pack import spelling_sets

    names = _names(form)
    keys = unit_keys(form, names, spelling_sets())
    return names, keys, _key_codes_of(keys)


def _key_codes_of(keys: tuple[str, str, str]) -> tuple[int, int | None, int | None]:
    skeleton, loose, known = keys
    return (
        code(skeleton),
        code("l:" + loose) if loose else None,
        code("k:" + known) if known else None,
    )


@lru_cache(maxsize=32768)
def _names(form: str) -> tuple[str, ...]:
    """The name words of a spelling (particles left out), as the mention extractor split it."""
    return tuple(w for w in _PIECES.split(form) if w and w not in PARTICLES)


@lru_cache(maxsize=4096)
def _decode_aliases(facts: NamingFacts) -> tuple[AliasFact, ...]:
    found = []
    for record in facts.packed_aliases.split(_RECORD) if facts.packed_aliases else ():
        canonical, form, text, position, places = record.split(_FIELD)
        found.append(AliasFact(canonical, form, text, facts, position, places))
    return tuple(found)


def _place(analysis: Analysis, block: int, start: int, end: int) -> tuple[int, int]:
    found = analysis.blocks[block]
    if found.starts is None:  # the usual verbatim block: offsets shift by its start
        return found.start + start, found.start + end
    return found.source_range(start, end)


#: a unit found by its keys before it is decoded: article, number, record, form
_Entry = tuple[str, int, str, str]


class CorpusVariant(NamedTuple):
    """A target article's minority spelling, and an article with the majority spelling."""

    article: str
    unit: UnitFact
    majority: UnitFact
    majority_article: str
    articles: int
    majority_articles: int
    evidence: str


def judge_variants(
    facts: Mapping[str, NamingFacts],
    targets: Collection[str],
    accept: Collection[str] = frozenset(),
) -> list[CorpusVariant]:
    """Minority spellings in target articles, compared with every other article.

    The cyclic garbage collector is paused meanwhile: the judge builds tens of thousands of
    small objects (decoded units, cached keys) next to every article's facts and makes no
    reference cycles, and each collection it triggered re-read all of them (a third of the
    judge's time over the BBC corpus)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _judge_variants(facts, targets, accept)
    finally:
        if enabled:
            gc.enable()


def _judge_variants(
    facts: Mapping[str, NamingFacts],
    targets: Collection[str],
    accept: Collection[str],
) -> list[CorpusVariant]:
    order = {key: k for k, key in enumerate(facts)}
    wanted: set[int] | None = None
    if len(targets) < len(facts):
        wanted = set()
        for key in targets:
            article = facts.get(key)
            if article is not None:
                wanted |= article.key_set()
    # first pass, on codes only: which keys does the corpus spell more than one way, and in
    # which units? With few targets, a key whose target spelling has the most articles is
    # dropped too: the target cannot be the minority.
    if wanted is None:
        interesting = _spelled_two_ways(facts)
        numbers = _numbers_writing(facts, interesting)
    else:
        votes: dict[int, dict[int, list[int]]] = {}  # key -> spelling -> [articles, sole]
        per_key = _unit_numbers(facts, wanted, votes)
        interesting = {
            k
            for k, forms in votes.items()
            if len(forms) > 1 and not _target_leads(k, forms, per_key, facts, targets)
        }
        numbers = {
            key: {n for k, ns in mine.items() if k in interesting for n in ns}
            for key, mine in per_key.items()
        }
    if not interesting:
        return []
    # second pass: group the units that write one of those keys by the keys as strings (a
    # unit's form gives its keys); decode the units of the groups that can matter
    by_skeleton: dict[str, list[_Entry]] = {}
    by_known: dict[str, list[_Entry]] = {}
    by_loose: dict[str, list[_Entry]] = {}
    for key, wanted_units in numbers.items():
        if not wanted_units:
            continue
        records = facts[key].packed_units.split(_RECORD)
        for number in sorted(wanted_units):
            record = records[number]
            form = record[: record.index(_FIELD)]
            _, (skeleton, loose, known), (skeleton_code, loose_code, known_code) = _form_info(form)
            entry = (key, number, record, form)
            if skeleton_code in interesting:
                by_skeleton.setdefault(skeleton, []).append(entry)
            if known_code is not None and known_code in interesting:
                by_known.setdefault(known, []).append(entry)
            if loose_code is not None and loose_code in interesting:
                by_loose.setdefault(loose, []).append(entry)
    chosen: list[tuple[list[_Entry], bool]] = []
    chosen.extend((g, False) for g in by_skeleton.values() if len({e[3] for e in g}) > 1)
    chosen.extend((g, True) for g in by_known.values() if len({fold(e[3]) for e in g}) > 1)
    for g in by_loose.values():
        forms = {e[3] for e in g}
        if len({_form_info(f)[1][0] for f in forms}) > 1 and _may_pair(forms):
            chosen.append((g, False))
    decoded: dict[tuple[str, int], UnitFact] = {}
    groups: list[tuple[list[tuple[str, UnitFact]], bool]] = []
    for entries, is_known in chosen:
        members = []
        for key, number, record, _ in entries:
            unit = decoded.get((key, number))
            if unit is None:
                unit = decoded[key, number] = _decode_unit(facts[key], record)
            members.append((key, unit))
        groups.append((members, is_known))
    findings: dict[tuple[str, int], CorpusVariant] = {}
    rare = _RareContext(facts, targets) if groups else None
    for members, is_known in groups:
        _judge_group(members, is_known, facts, rare, targets, order, accept, findings)
    return _outermost(findings.values())


def _numbers_writing(facts: Mapping[str, NamingFacts], keys: set[int]) -> dict[str, set[int]]:
    """Per article (those writing any), the numbers of its units that write one of ``keys``."""
    found: dict[str, set[int]] = {}
    for key, article in facts.items():
        codes = _key_array(article.keys)
        if keys.isdisjoint(codes):
            continue  # tested in C, no set built
        numbers = _key_array(article.key_forms)[1::2]
        found[key] = {n for k, n in zip(codes, numbers, strict=True) if k in keys}
    return found


def _may_pair(forms: Collection[str]) -> bool:
    """Can two of these one-word spellings (a loose-key group, not a known one) ever be one
    name for ``evidence``? Only when they fold or skeletonise alike, or are close spellings
    with one first letter: every other pair it refuses, so the group need not be judged."""
    keyed = [(form, form_keys(form)) for form in forms]
    if len({k.folded for _, k in keyed}) < len(keyed):
        return True
    if len({k.skeleton for _, k in keyed}) < len(keyed):
        return True
    # close_spelling needs five letters or more and lengths within two; "close" evidence
    # across articles also needs the same first letter as written
    keyed = sorted(
        ((f, len(k.folded)) for f, k in keyed if len(k.folded) >= 5), key=lambda x: (x[0][:1], x[1])
    )
    for i, (a, length) in enumerate(keyed):
        for b, other in keyed[i + 1 :]:
            if b[:1] != a[:1] or other - length > 2:
                break
            if close_spelling(a, b):
                return True
    return False


def _spelled_two_ways(facts: Mapping[str, NamingFacts]) -> set[int]:
    """Key codes written with two spellings or more anywhere in the corpus (one tight loop
    over every article's codes: the whole-corpus judge starts here)."""
    first: dict[int, int] = {}
    seen = first.setdefault
    found: set[int] = set()
    for article in facts.values():
        forms = _key_array(article.key_forms)
        for k, form in zip(_key_array(article.keys), forms[0::2], strict=True):
            if seen(k, form) != form:
                found.add(k)
    return found


def _unit_numbers(
    facts: Mapping[str, NamingFacts],
    keys: Collection[int],
    votes: dict[int, dict[int, list[int]]] | None = None,
) -> dict[str, dict[int, list[int]]]:
    """Per article, the numbers of its units that write one of ``keys``; with ``votes``,
    also count per key and spelling the articles using it (and using only it)."""
    numbers: dict[str, dict[int, list[int]]] = {}
    wanted = keys if isinstance(keys, (set, frozenset)) else set(keys)
    for key, article in facts.items():
        codes = _key_array(article.keys)
        if wanted.isdisjoint(codes):
            continue  # nothing this article writes meets those keys (tested in C, no set built)
        shared = wanted.intersection(codes)
        mine = numbers[key] = {}
        spelled: dict[int, set[int]] = {}
        for k in shared:
            for form, number in article.key_entries(k):
                mine.setdefault(k, []).append(number)
                spelled.setdefault(k, set()).add(form)
        if votes is None:
            continue
        for k, forms in spelled.items():
            tally = votes.setdefault(k, {})
            for form in forms:
                counts = tally.setdefault(form, [0, 0])
                counts[0] += 1
                counts[1] += len(forms) == 1
    return numbers


def _target_leads(
    key: int,
    forms: Mapping[int, list[int]],
    numbers: Mapping[str, Mapping[int, list[int]]],
    facts: Mapping[str, NamingFacts],
    targets: Collection[str],
) -> bool:
    """True when every target spelling of ``key`` has more articles using only it than any
    other spelling has articles at all: no target can be the minority there."""
    target_forms: set[int] = set()
    for target in targets:
        if key in numbers.get(target, {}):
            target_forms.update(form for form, _ in facts[target].key_entries(key))
    if not target_forms:
        return True
    others = max((n[0] for f, n in forms.items() if f not in target_forms), default=0)
    return all(forms.get(f, [0, 0])[1] > others for f in target_forms)


class _RareContext:
    """Each article's context names that few articles share (one in a hundred at most):
    "London" or "Monday" say nothing about two articles telling one story. Built on demand:
    with one target only a few articles are ever asked for."""

    def __init__(self, facts: Mapping[str, NamingFacts], targets: Collection[str]) -> None:
        # only a target's names can be shared with a target: count only those (all of them
        # when every article is a target)
        counted: set[int] | None = None
        if len(targets) < len(facts):
            counted = set()
            for key in targets:
                if key in facts:
                    counted |= facts[key].context_set()
        counts: dict[int, int] = {}
        for article in facts.values():
            names: Iterable[int]
            if counted is None:
                names = article.context_set()
            else:
                names = counted.intersection(_key_array(article.context))
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        self._counts = counts
        self._facts = facts
        self._limit = max(3, len(facts) // 100)
        self._memo: dict[str, frozenset[int]] = {}

    def __getitem__(self, key: str) -> frozenset[int]:
        found = self._memo.get(key)
        if found is None:
            counts, limit = self._counts, self._limit
            found = frozenset(
                n for n in self._facts[key].context_set() if counts.get(n, limit + 1) <= limit
            )
            self._memo[key] = found
        return found


_USES = attrgetter("uses")


def _judge_group(
    members: list[tuple[str, UnitFact]],
    is_known: bool,
    facts: Mapping[str, NamingFacts],
    rare: _RareContext | None,
    targets: Collection[str],
    order: Mapping[str, int],
    accept: Collection[str],
    findings: dict[tuple[str, int], CorpusVariant],
) -> None:
    # each article votes once, for the spelling it uses most
    per_article: dict[str, list[UnitFact]] = {}
    for key, unit in members:
        per_article.setdefault(key, []).append(unit)
    votes: dict[str, list[str]] = {}
    first_unit: dict[str, tuple[str, UnitFact]] = {}
    for key in sorted(per_article, key=order.__getitem__):
        units = per_article[key]
        choice = units[0] if len(units) == 1 else max(units, key=_USES)
        votes.setdefault(choice.form, []).append(key)
        for unit in units:
            if unit.form not in first_unit:
                first_unit[unit.form] = (key, unit)
    if len(votes) < 2:
        return
    ranked = sorted(votes, key=lambda f: (-len(votes[f]), order[votes[f][0]]))
    majority = ranked[0]
    if majority in accept or fold(majority) in accept:
        return
    majority_key, majority_unit = first_unit[majority]
    majority_articles = votes[majority]
    for key, units in per_article.items():
        if key not in targets:
            continue
        if units[0].form == majority or any(u.form == majority for u in units):
            continue  # the article uses both: N001 speaks inside it
        for unit in units:
            if accept and (
                unit.form in accept
                or fold(unit.form) in accept
                or any(fold(w) in accept for w in unit.names)
            ):
                continue
            pair_known = is_known and unit.known == majority_unit.known and bool(unit.known)
            why = _evidence(unit, majority_unit, pair_known)
            # the loosest pairs need more of the story in common
            needed = MIN_SHARED_CONTEXT + (1 if why == "close" else 0)
            if why is None:
                continue
            own_votes = len(votes.get(unit.form, ()))
            if why != "known" and own_votes >= 2 and own_votes * 2 > len(majority_articles):
                continue  # no clear majority: the corpus has two usages, not one slip
            if why == "case" and (
                len(majority_articles) < 3 or len(majority_articles) < 2 * max(own_votes, 1)
            ):
                continue  # capitals drift between writers: only a clear house style counts
            if (
                why == "spacing"
                and len(majority_articles) < 2
                and (len(unit.names) < 2 or len(majority_unit.names) < 2)
            ):
                continue  # ExxonMobil/Exxon Mobil once each: no house style to follow
            if why in ("transliteration", "close"):
                if own_votes >= 3 and own_votes * 3 >= len(majority_articles):
                    continue  # many articles spell it so: another name, not a slip
                assert rare is not None
                context = rare[key] - {code(unit.skeleton), code(majority_unit.skeleton)}
                if not any(
                    len(context & rare[other]) >= needed for other in majority_articles[:50]
                ):
                    continue
            findings.setdefault(
                (key, unit.span.start),
                CorpusVariant(
                    key,
                    unit,
                    majority_unit,
                    majority_key,
                    max(own_votes, 1),
                    len(majority_articles),
                    why,
                ),
            )


def _evidence(unit: UnitFact, majority: UnitFact, known: bool) -> str | None:
    strong = known and not unit.known.startswith("~")
    return _evidence_between(
        unit.form,
        unit.flags,
        unit.given,
        majority.form,
        majority.flags,
        majority.given,
        strong,
        known and not strong,
    )


@lru_cache(maxsize=65536)
def _evidence_between(
    form: str,
    flags: int,
    given: tuple[str, ...],
    majority: str,
    majority_flags: int,
    majority_given: tuple[str, ...],
    strong: bool,
    place: bool,
) -> str | None:
    """``evidence`` across articles for two decoded spellings, by what it reads of them
    (many articles pair the same two spellings used alike: asked once)."""
    a = _profile(form, flags, given)
    b = _profile(majority, majority_flags, majority_given)
    return evidence(a, b, (), strong, strict=True, place=place)


def _profile(form: str, flags: int, given: tuple[str, ...]) -> FormProfile:
    """The ``FormProfile`` of a spelling read back from a unit's facts (``flags`` as
    ``collect_facts`` packs them: 1 non-initial, 2 given names only)."""
    return FormProfile(
        form,
        _names(form),
        non_initial=bool(flags & 1),
        given_only=bool(flags & 2),
        given=set(given),
    )


def _outermost(found: Iterable[CorpusVariant]) -> list[CorpusVariant]:
    """Per article, drop a finding whose first span lies inside another finding's span."""
    kept: list[CorpusVariant] = []
    ordered = sorted(found, key=lambda f: (f.article, f.unit.span.start, -f.unit.span.end))
    for finding in ordered:
        if kept and kept[-1].article == finding.article:
            last = kept[-1].unit.span
            span = finding.unit.span
            if span.start >= last.start and span.end <= last.end:
                continue
        kept.append(finding)
    return kept


class CorpusAlias(NamedTuple):
    """A target article's names-pack form that the rest of the corpus writes otherwise."""

    article: str
    fact: AliasFact
    majority: AliasFact
    majority_article: str
    articles: int
    majority_articles: int


def judge_aliases(
    facts: Mapping[str, NamingFacts], targets: Collection[str], index: NamesIndex
) -> list[CorpusAlias]:
    """Target articles whose form of an entity the corpus's majority does not go with."""
    order = {key: k for k, key in enumerate(facts)}
    wanted: set[str] | None = None
    if len(targets) < len(facts):
        wanted = {a.canonical for key in targets if key in facts for a in facts[key].aliases}
        if not wanted:
            return []
    by_group: dict[str, dict[str, list[AliasFact]]] = {}
    for key, article in facts.items():
        if not article.packed_aliases:
            continue
        if wanted is not None and not any(c in article.packed_aliases for c in wanted):
            continue  # a substring test before decoding: most articles name none of them
        for alias in article.aliases:
            if wanted is None or alias.canonical in wanted:
                by_group.setdefault(alias.canonical, {}).setdefault(key, []).append(alias)
    groups = {g.canonical: g for g in index.groups}
    found: list[CorpusAlias] = []
    for canonical, per_article in by_group.items():
        group = groups.get(canonical)
        if group is None or group.mix or len(per_article) < 2:
            continue
        votes: dict[str, list[str]] = {}
        first: dict[str, tuple[str, AliasFact]] = {}
        for key in sorted(per_article, key=order.__getitem__):
            uses = per_article[key]
            choice = max(uses, key=lambda a: a.uses)
            votes.setdefault(choice.form, []).append(key)
            for use in uses:
                first.setdefault(use.form, (key, use))
        if len(votes) < 2:
            continue
        target_form = group.target
        ranked = sorted(votes, key=lambda f: (-len(votes[f]), f != target_form, order[votes[f][0]]))
        majority = ranked[0]
        majority_key, majority_fact = first[majority]
        for key, uses in per_article.items():
            if key not in targets or any(u.form == majority for u in uses):
                continue
            for use in uses:
                if compatible(group, use.form, majority):
                    continue
                if is_acronym(use.form) or is_acronym(majority):
                    continue  # USA in sport, US elsewhere: abbreviations follow the section
                spellings = {fold(group.canonical), *map(fold, group.spellings)}
                if fold(use.form) in spellings and fold(majority) in spellings:
                    continue  # spellings: N002's variant half judges them
                found.append(
                    CorpusAlias(
                        key,
                        use,
                        majority_fact,
                        majority_key,
                        len(votes.get(use.form, ())) or 1,
                        len(votes[majority]),
                    )
                )
    return found
