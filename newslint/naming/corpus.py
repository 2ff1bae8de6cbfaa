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

from collections.abc import Collection, Iterable, Mapping
from typing import NamedTuple

from newslint.document import Span
from newslint.naming.aliases import AliasMatch, alias_matches
from newslint.naming.analysis import Analysis
from newslint.naming.pack import NamesIndex, compatible
from newslint.naming.spelling import FormProfile, evidence, profiles
from newslint.naming.variants import fold, is_acronym, loose_key, skeleton

#: context names two articles must share before a one-word variant counts across them
MIN_SHARED_CONTEXT = 2


class UnitFact(NamedTuple):
    """One spelling of a name in one article."""

    form: str
    skeleton: str
    #: loose key for long one-word names, else ""
    loose: str
    #: fold of the canonical name when the spelling is a known one, else ""
    known: str
    names: tuple[str, ...]
    #: 1: used mid-sentence; 2: only ever a first name
    flags: int
    given: tuple[str, ...]
    #: the first use, resolved
    span: Span
    #: source (start, end) of every use, the first included (what a fix edits)
    places: tuple[tuple[int, int], ...]

    @property
    def uses(self) -> int:
        """Number of uses in the article."""
        return len(self.places)


class AliasFact(NamedTuple):
    """A names-pack form an article uses (as its own choice, not as an alias or in a quote)."""

    canonical: str
    form: str
    #: the first use, resolved
    span: Span
    #: source (start, end) of every use
    places: tuple[tuple[int, int], ...]

    @property
    def uses(self) -> int:
        """Number of uses in the article."""
        return len(self.places)


class NamingFacts(NamedTuple):
    """What N002 keeps of one article."""

    units: tuple[UnitFact, ...]
    #: skeletons of the article's one-word names: two articles about one story share many
    context: frozenset[str]
    aliases: tuple[AliasFact, ...]
    #: every variant key of the units (skeletons, "k:" known ids, "l:" loose keys), so that a
    #: judge with few targets skips an article in one set operation
    keys: frozenset[str] = frozenset()


def name_like(profile: FormProfile, lower_words: Collection[str]) -> bool:
    """True when a spelling is used as a name: mid-sentence, not an ordinary word."""
    if not profile.non_initial and len(profile.names) < 2:
        return False  # one capitalised word opening a sentence may be any word
    folded = fold(profile.form)
    if len(folded) < 3 or (len(folded) < 4 and not is_acronym(profile.form)):
        return False
    return len(profile.names) > 1 or profile.form.lower() not in lower_words


def collect_facts(
    analysis: Analysis, known: Mapping[str, str], index: NamesIndex | None
) -> NamingFacts:
    """The facts of one article."""
    found = profiles(analysis)
    lower = analysis.lower_words
    units = []
    context = set()
    for profile in found.values():
        if not name_like(profile, lower):
            continue
        form = profile.form
        folded = fold(form)
        key = skeleton(form)
        single = len(profile.names) == 1
        if single and not is_acronym(form):
            context.add(key)
        units.append(
            UnitFact(
                form,
                key,
                loose_key(form) if single and len(folded) >= 5 and not is_acronym(form) else "",
                known.get(folded, ""),
                profile.names,
                (1 if profile.non_initial else 0) | (2 if profile.given_only else 0),
                tuple(sorted(profile.given)),
                analysis.span(profile.units[0]),
                tuple(_place(analysis, u.block, u.start, u.end) for u in profile.units),
            )
        )
    aliases: list[AliasFact] = []
    if index is not None:
        by_form: dict[tuple[str, str], list[AliasMatch]] = {}
        for match in alias_matches(analysis, index):
            if match.aka or match.quoted or match.group < 0:
                continue
            canonical = index.groups[match.group].canonical
            by_form.setdefault((canonical, match.form), []).append(match)
        for (canonical, form), matches in by_form.items():
            first = matches[0]
            span = analysis.doc.block_span(analysis.blocks[first.block], first.start, first.end)
            places = tuple(_place(analysis, m.block, m.start, m.end) for m in matches)
            aliases.append(AliasFact(canonical, form, span, places))
    keys = {u.skeleton for u in units}
    keys.update("k:" + u.known for u in units if u.known)
    keys.update("l:" + u.loose for u in units if u.loose)
    return NamingFacts(tuple(units), frozenset(context), tuple(aliases), frozenset(keys))


def _place(analysis: Analysis, block: int, start: int, end: int) -> tuple[int, int]:
    found = analysis.blocks[block]
    if found.starts is None:  # the usual verbatim block: offsets shift by its start
        return found.start + start, found.start + end
    return found.source_range(start, end)


def _profile(unit: UnitFact) -> FormProfile:
    return FormProfile(
        unit.form,
        unit.names,
        non_initial=bool(unit.flags & 1),
        given_only=bool(unit.flags & 2),
        given=set(unit.given),
    )


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
    """Minority spellings in target articles, compared with every other article."""
    order = {key: k for k, key in enumerate(facts)}
    wanted: set[str] | None = None
    if len(targets) < len(facts):
        wanted = set()
        for key in targets:
            article = facts.get(key)
            if article is not None:
                wanted.update(article.keys)
    by_skeleton: dict[str, list[tuple[str, UnitFact]]] = {}
    by_known: dict[str, list[tuple[str, UnitFact]]] = {}
    by_loose: dict[str, list[tuple[str, UnitFact]]] = {}
    for key, article in facts.items():
        if wanted is not None and article.keys.isdisjoint(wanted):
            continue  # nothing this article writes meets a target's names
        for unit in article.units:
            if wanted is None or unit.skeleton in wanted:
                by_skeleton.setdefault(unit.skeleton, []).append((key, unit))
            if unit.known and (wanted is None or "k:" + unit.known in wanted):
                by_known.setdefault(unit.known, []).append((key, unit))
            if unit.loose and (wanted is None or "l:" + unit.loose in wanted):
                by_loose.setdefault(unit.loose, []).append((key, unit))
    findings: dict[tuple[str, int], CorpusVariant] = {}
    groups: list[tuple[list[tuple[str, UnitFact]], bool]] = []
    groups.extend((g, False) for g in by_skeleton.values() if len({u.form for _, u in g}) > 1)
    groups.extend((g, True) for g in by_known.values() if len({fold(u.form) for _, u in g}) > 1)
    groups.extend((g, False) for g in by_loose.values() if len({u.skeleton for _, u in g}) > 1)
    rare = _RareContext(facts, targets) if groups else None
    for members, is_known in groups:
        _judge_group(members, is_known, facts, rare, targets, order, accept, findings)
    return _outermost(findings.values())


class _RareContext:
    """Each article's context names that few articles share (one in a hundred at most):
    "London" or "Monday" say nothing about two articles telling one story. Built on demand:
    with one target only a few articles are ever asked for."""

    def __init__(self, facts: Mapping[str, NamingFacts], targets: Collection[str]) -> None:
        # only a target's names can be shared with a target: count only those (all of them
        # when every article is a target)
        counted: set[str] | None = None
        if len(targets) < len(facts):
            counted = set()
            for key in targets:
                if key in facts:
                    counted |= facts[key].context
        counts: dict[str, int] = {}
        for article in facts.values():
            names = article.context if counted is None else article.context & counted
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        self._counts = counts
        self._facts = facts
        self._limit = max(3, len(facts) // 100)
        self._memo: dict[str, frozenset[str]] = {}

    def __getitem__(self, key: str) -> frozenset[str]:
        found = self._memo.get(key)
        if found is None:
            counts, limit = self._counts, self._limit
            found = frozenset(
                n for n in self._facts[key].context if counts.get(n, limit + 1) <= limit
            )
            self._memo[key] = found
        return found


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
        choice = max(units, key=lambda u: u.uses)
        votes.setdefault(choice.form, []).append(key)
        for unit in units:
            first_unit.setdefault(unit.form, (key, unit))
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
        if any(u.form == majority for u in units):
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
                context = rare[key] - {unit.skeleton, majority_unit.skeleton}
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
    return evidence(
        _profile(unit), _profile(majority), (), strong, strict=True, place=known and not strong
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
