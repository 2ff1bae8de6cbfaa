"""Family N: naming consistency of people, places and organisations.

The mention extraction, variant keys and names-pack matching live in ``newslint.naming``;
this module holds the rules: what each flags, its options, and how it words a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from functools import lru_cache
from typing import Any

from newslint.diagnostic import Diagnostic, Edit, Fix, Related
from newslint.document import Document, Span
from newslint.naming.aliases import (
    AliasFinding,
    AliasMatch,
    acronym_findings,
    alias_matches,
    house_style,
    mixed_forms,
)
from newslint.naming.analysis import Analysis, analyse
from newslint.naming.pack import NamesIndex, bundled_index, spelling_sets
from newslint.naming.spelling import VariantFinding, accept_keys, article_variants
from newslint.naming.variants import fold, is_acronym
from newslint.rule import CorpusFacts, CorpusRule, DocumentRule, Options


def _accepted(options: Options) -> frozenset[str]:
    """The rule's ``accept`` option and the run-wide accepted words, as compared."""
    names = list(options.get("accept", ()))
    names.extend(w for w in options.settings.accept if w[:1].isupper())
    return _accept_keys(tuple(sorted(names)))


@lru_cache(maxsize=16)
def _accept_keys(names: tuple[str, ...]) -> frozenset[str]:
    return accept_keys(names)


def _pack_owned(index: Callable[[], NamesIndex]) -> Callable[[str, str], bool]:
    """A predicate: is the pair of spellings two forms of one pack group (N003/N004 judge it)?"""

    def owned(a: str, b: str) -> bool:
        names = index()
        found_a, found_b = names.lookup(a), names.lookup(b)
        if found_a is None or found_b is None or found_a[0] != found_b[0]:
            return False
        group = names.groups[found_a[0]]
        if group.preferred is not None:
            return True  # N004 flags every form but the preferred one
        spellings = {fold(group.canonical), *map(fold, group.spellings)}
        return not (fold(a) in spellings and fold(b) in spellings)

    return owned


def _span(analysis: Analysis, match: AliasMatch) -> Span:
    return analysis.doc.block_span(analysis.blocks[match.block], match.start, match.end)


def _replace_all(places: Iterable[Span | tuple[int, int]], text: str, safety: str) -> Fix:
    """One fix that writes ``text`` at every span (or source ``(start, end)`` pair)."""
    edits = tuple(
        Edit(p.start, p.end, text) if isinstance(p, Span) else Edit(p[0], p[1], text)
        for p in places
    )
    return Fix(edits, safety, f"Write '{text}'")  # type: ignore[arg-type]


class NameVariant(DocumentRule):
    """Flags a name spelled two ways in one article (``Sergey``/``Sergei Lavrov``).

    Readers notice a name that changes spelling between paragraphs, and no spell checker
    catches it: both spellings are "words" it does not know. The rule groups the article's
    names that are spellings of one name: transliteration pairs (ey/ei, a final y/i, ou/u,
    kh/h, ph/f, -sky/-ski, doubled letters), hyphens, spaces and accents (``al Assad`` /
    ``al-Assad``, ``Time Warner``/``TimeWarner``), case (``Nato``/``NATO``), a small edit in
    a long rare name, and the known spellings of the bundled names data
    (``Gaddafi``/``Gadhafi``, ``Raqqa``/``Rakka``). It flags the minority spelling once, at
    its first use, suggests the majority one (the first used wins a tie) and offers an
    unsafe fix that rewrites every use.

    Different people must not be merged: a pair needs evidence. Two-word names need a word
    in common and the other word a variant (``Mikhail``/``Mikheil Saakashvili``), so
    ``John Smith`` and ``Jon Smith`` stay apart; one-word names must be used as names (not
    ordinary words of the article, not only as first names) and are not paired when each
    follows a different first name (an initial matches: ``G Dempsey``/``Girvan Dempsey``).
    A capital only at the start (``Us``/``US`` opening a sentence), words in capitals in a
    heading (``WHO WAS OSCAR?``) and the capital of a particle (``Van Gogh`` alone,
    ``Vincent van Gogh``) are no variants. Forms of one names-pack group (``US``/``USA``)
    are left to N003 and N004.

    Options:

    * ``accept``: names never flagged nor suggested (also the capitalised words of the
      run-wide ``accept`` list), e.g. ``["Jon Smith"]`` when two people share a surname.

    Fails::

        Talks resume in Vienna
        Foreign Minister Dmitry Petrenko arrived on Monday.
        Officials said Dmitri Petrenko would meet his counterpart.
        Dmitry Petrenko left on Tuesday.

    Passes: every mention spelled ``Dmitry Petrenko``.
    """

    code = "N001"
    name = "name-variant"
    summary = "A name spelled two ways in one article"
    severity = "warning"
    fixable = "unsafe"
    options = {"accept": []}
    examples = (
        {
            "fail": "Talks resume in Vienna\n\n"
            "Foreign Minister Dmitry Petrenko arrived on Monday.\n\n"
            "Officials said Dmitri Petrenko would meet his counterpart.\n\n"
            "Dmitry Petrenko left on Tuesday.\n",
            "fixed": "Talks resume in Vienna\n\n"
            "Foreign Minister Dmitry Petrenko arrived on Monday.\n\n"
            "Officials said Dmitry Petrenko would meet his counterpart.\n\n"
            "Dmitry Petrenko left on Tuesday.\n",
            "unsafe": True,
        },
        {
            "fail": "Merger approved\n\nShares in Vexacorp rose after the deal. Analysts said "
            "Vexa Corp would cut jobs, and Vexacorp confirmed it.\n",
        },
        {
            "pass": "Talks resume in Vienna\n\nForeign Minister Dmitry Petrenko arrived. "
            "Dmitry Petrenko left on Tuesday.\n",
        },
        {
            "pass": "Two coaches named\n\nJohn Smith will coach the first team and Jon Smith "
            "the reserves, the club said.\n",
        },
        {
            "pass": "Two coaches named\n\nMark Hollins and Mark Holins were named.\n",
            "options": {"accept": ["Mark Holins"]},
        },
    )

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Yield a diagnostic for each use of a minority spelling."""
        analysis = analyse(doc)
        if not analysis.units:
            return
        found = article_variants(
            analysis, _accepted(options), spelling_sets(), _pack_owned(bundled_index)
        )
        by_form: dict[tuple[str, str], list[VariantFinding]] = {}
        for finding in found:
            by_form.setdefault((finding.form, finding.majority), []).append(finding)
        for (form, majority), uses in by_form.items():
            first = uses[0]
            spans = [analysis.span(u.unit) for u in uses]
            tally = (
                f"{first.majority_count} to {first.count}"
                if first.majority_count > first.count
                else "used first"
            )
            yield self.diagnostic(
                spans[0],
                f"'{form}' is spelled '{majority}' elsewhere in this article ({tally}); "
                "use one spelling",
                suggestions=(majority,),
                fix=_replace_all(spans, majority, "unsafe"),
                related=(Related(analysis.span(first.majority_unit), f"'{majority}' here"),),
                data={"evidence": first.evidence, "uses": len(spans)},
            )


class NameVariantCorpus(CorpusRule):
    """Flags a name an article spells differently from the rest of the corpus.

    ``Sergey Lavrov`` in one article and ``Sergei Lavrov`` in the next is the inconsistency
    a newsroom's archive shows its readers. Each article votes with the spelling it uses;
    an article whose spelling is the corpus's minority is flagged, with the location of an
    article that uses the majority spelling (the earlier article wins a tie). Spellings meet
    as in N001. Across articles a name needs more evidence than inside one: a one-word name
    must not be an everyday word, the two articles must share rarer names (the same story),
    and a near miss must be long or change only vowels; a spelling that many articles use is
    taken as a different name (``Philips``/``Phillips``); capitals count only where the
    corpus has a clear house style (three articles or more, twice the other spelling's). An
    article that uses both spellings is left to N001.

    The rule also compares the forms of the names-pack entities (``Russia`` /
    ``Russian Federation``, ``Bombay``/``Mumbai``): an article whose form does not go with
    the corpus's usual form is flagged (the pack's preferred or canonical form wins a tie).
    Abbreviations are not compared across articles (``USA`` in sport, ``US`` elsewhere).

    Options:

    * ``accept``: names never flagged nor suggested (also the run-wide ``accept`` list).
    * ``aliases``: also compare names-pack forms across articles (default true).

    Fails (two articles)::

        article 1: ... Foreign Minister Dmitry Petrenko said ...
        article 2: ... Foreign Minister Dmitri Petrenko said ...

    Passes: both articles write ``Dmitry Petrenko``.
    """

    code = "N002"
    name = "name-variant-corpus"
    summary = "A name spelled differently from the rest of the corpus"
    severity = "warning"
    fixable = "unsafe"
    options = {"accept": [], "aliases": True}
    examples = (
        {
            "articles": {
                "b.txt": "Envoy arrives\n\nForeign Minister Dmitri Petrenko landed in Oslo.\n",
                "a.txt": "Talks open\n\nForeign Minister Dmitry Petrenko met the envoy.\n",
                "c.txt": "Talks end\n\nDmitry Petrenko said the talks had ended.\n",
            },
            "fail": "b.txt writes Dmitri Petrenko, the others Dmitry Petrenko",
        },
        {
            "articles": {
                "b.txt": "Envoy arrives\n\nThe talks in the Russian Federation resumed.\n",
                "a.txt": "Talks open\n\nRussia hosted the talks.\n",
                "c.txt": "Talks end\n\nRussia ended the talks.\n",
            },
            "fail": "b.txt writes Russian Federation, the others Russia",
        },
        {
            "articles": {
                "a.txt": "Talks open\n\nForeign Minister Dmitry Petrenko met the envoy.\n",
                "b.txt": "Envoy arrives\n\nDmitry Petrenko landed in Oslo.\n",
            },
            "pass": "both articles write Dmitry Petrenko",
        },
    )

    def collect(self, doc: Document, options: Options) -> Any:
        """The article's names, their variant keys and spans, and its names-pack forms."""
        from newslint.naming.corpus import collect_facts

        analysis = analyse(doc)
        index = bundled_index() if options.get("aliases", True) else None
        return collect_facts(analysis, spelling_sets(), index)

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterable[Diagnostic]:
        """Compare target articles' spellings with every other article's."""
        from newslint.naming.corpus import judge_aliases, judge_variants

        facts = {k: v for k, v in corpus.facts.items() if v is not None}
        accept = _accepted(options)
        for found in judge_variants(facts, corpus.targets, accept):
            majority = found.majority.form
            others = found.majority_articles
            uses = found.unit.uses
            yield self.diagnostic(
                found.unit.span,
                f"'{found.unit.form}' is spelled '{majority}' in "
                + (f"{others} other articles" if others != 1 else "another article")
                + " of the corpus"
                + (f" ({uses} uses here)" if uses > 1 else ""),
                suggestions=(majority,),
                fix=_replace_all(found.unit.places, majority, "unsafe"),
                related=(Related(found.majority.span, f"'{majority}' here"),),
                data={"evidence": found.evidence, "uses": uses},
            )
        if not options.get("aliases", True):
            return
        for alias in judge_aliases(facts, corpus.targets, bundled_index()):
            majority = alias.majority.form
            span, uses = alias.fact.span, alias.fact.uses
            yield self.diagnostic(
                span,
                f"'{span.text}' names {alias.fact.canonical}, which "
                + (
                    f"{alias.majority_articles} other articles of the corpus call"
                    if alias.majority_articles != 1
                    else "another article of the corpus calls"
                )
                + f" '{majority}'"
                + (f" ({uses} uses here)" if uses > 1 else ""),
                suggestions=(majority,),
                related=(Related(alias.majority.span, f"'{majority}' here"),),
                data={"uses": uses},
            )


def _alias_diagnostics(
    rule: DocumentRule, analysis: Analysis, findings: Iterable[AliasFinding], fixable: bool
) -> Iterator[Diagnostic]:
    """One diagnostic per flagged form (at its first use), its fix covering every use."""
    by_form: dict[tuple[str, str], list[AliasFinding]] = {}
    for finding in findings:
        by_form.setdefault((finding.match.text, finding.suggestion), []).append(finding)
    for (text, suggestion), uses in by_form.items():
        first = uses[0]
        spans = [_span(analysis, f.match) for f in uses]
        related = ()
        if first.other is not None:
            related = (Related(_span(analysis, first.other), f"'{first.other.text}' here"),)
        fix = None
        if fixable and is_acronym(text) == is_acronym(suggestion):
            fix = _replace_all(spans, suggestion, "safe" if all(f.safe for f in uses) else "unsafe")
        message = first.message + (f" ({len(spans)} uses)" if len(spans) > 1 else "")
        yield rule.diagnostic(
            spans[0],
            message,
            suggestions=(suggestion,),
            fix=fix,
            related=related,
            data={"uses": len(spans)},
        )


def _groups_on(index: NamesIndex, options: Options) -> Callable[[AliasMatch], bool]:
    skipped = {fold(g) for g in options.get("ignore-groups", ())}
    if not skipped:
        return lambda match: True
    return lambda match: fold(index.groups[match.group].canonical) not in skipped


class MixedAliasForms(DocumentRule):
    """Flags an article that names one entity in forms that do not go together.

    ``ISIL`` in one paragraph and ``Islamic State group`` in the next, ``USA`` beside
    ``US``, ``Russian Federation`` beside ``Russia``: the reader wonders whether two
    entities are meant. The names pack (``rules/names.yaml`` and the country table) groups
    the forms of each entity; the rule finds the article's main form (the most used, the
    first on a tie) and flags each use of a form that does not go with it.

    Forms that go together: a name and its own abbreviation (``United States``/``US``,
    ``Islamic State``/``IS``), a name and a longer name holding it (``Angola``/``Republic of
    Angola``), and forms a group lists in one ``together`` set (``UK``/``Britain``). A form
    written as an alias (in brackets, after "also known as", "or", "formerly") or inside a
    quotation does not count.

    Options:

    * ``ignore-groups``: canonical names of bundled groups to leave alone.

    Fails::

        Talks stall
        US officials met on Monday. The USA delegation left on Tuesday. US envoys stayed.

    Passes: ``United States`` and ``US`` in one article.
    """

    code = "N003"
    name = "mixed-alias-forms"
    summary = "One entity named in forms that do not go together"
    severity = "warning"
    fixable = "unsafe"
    options = {"ignore-groups": []}
    examples = (
        {
            "fail": "Talks stall\n\nUS officials met on Monday. The USA delegation left on "
            "Tuesday. US envoys stayed.\n",
            "fixed": "Talks stall\n\nUS officials met on Monday. The US delegation left on "
            "Tuesday. US envoys stayed.\n",
            "unsafe": True,
        },
        {
            "fail": "Strikes continue\n\nJets hit ISIL positions on Monday. Islamic State "
            "fighters withdrew.\n",
        },
        {
            "pass": "Talks stall\n\nThe United States sent envoys. US officials met on Monday.\n",
        },
        {
            "pass": "Strikes continue\n\nJets hit Islamic State (IS) positions. IS fighters "
            "withdrew.\n",
        },
        {
            "pass": "Talks stall\n\nUS officials met. The USA delegation left.\n",
            "options": {"ignore-groups": ["United States"]},
        },
    )

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Yield a diagnostic for each use of a form at odds with the article's main form."""
        analysis = analyse(doc)
        if not analysis.segments:
            return
        index = bundled_index()
        keep = _groups_on(index, options)
        matches = [m for m in alias_matches(analysis, index) if keep(m)]
        if len(matches) < 2:
            return
        acronyms, _ = acronym_findings(analysis, matches, index)
        taken = {f.match for f in acronyms}
        yield from _alias_diagnostics(
            self, analysis, mixed_forms(matches, index, taken), fixable=True
        )


class HouseStyleName(DocumentRule):
    """Flags a form of a name the house style does not use (``Kiev`` for ``Kyiv``).

    A names-pack group may name a ``preferred`` form (every other form and spelling is
    flagged) and forms to ``avoid`` (flagged, with the preferred or canonical form
    suggested). The bundled data prefers the Ukrainian transliterations of Ukrainian places
    (``Kyiv``, ``Kharkiv``, ``Odesa``...); add your own house style in a names pack (see
    ``newslint.kinds.names``). Quotations are left alone: an editor does not change a
    speaker's words. The fix is safe where the swap is exact (the text is the listed form
    and both forms are names, or both abbreviations); otherwise it is unsafe.

    Options:

    * ``ignore-groups``: canonical names of bundled groups to leave alone.

    Fails::

        Talks in Kiev
        Envoys met in Kiev on Monday.

    Passes: ``Envoys met in Kyiv on Monday.``
    """

    code = "N004"
    name = "house-style-name"
    summary = "A name form the house style replaces"
    severity = "warning"
    fixable = "safe"
    options = {"ignore-groups": []}
    examples = (
        {
            "fail": "Talks resume\n\nEnvoys met in Kiev on Monday.\n",
            "fixed": "Talks resume\n\nEnvoys met in Kyiv on Monday.\n",
        },
        {"pass": "Talks resume\n\nEnvoys met in Kyiv on Monday.\n"},
        {"pass": 'Talks resume\n\n"We love Kiev," the envoy said.\n'},
        {
            "pass": "Talks resume\n\nEnvoys met in Kiev on Monday.\n",
            "options": {"ignore-groups": ["Kyiv"]},
        },
    )

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Yield a diagnostic for each use of a non-preferred or avoided form."""
        analysis = analyse(doc)
        if not analysis.segments:
            return
        index = bundled_index()
        keep = _groups_on(index, options)
        matches = [m for m in alias_matches(analysis, index) if keep(m)]
        yield from _alias_diagnostics(self, analysis, house_style(matches, index), fixable=True)


class AcronymInconsistency(DocumentRule):
    """Flags an acronym at odds with the one the article introduced.

    An article that writes ``Islamic State (IS)`` has told the reader the short form is
    ``IS``; ``ISIL`` later reads as another group. The rule finds introductions
    (``Name (ACR)``) and flags: another abbreviation of the same names-pack entity; the same
    name introduced later with a different acronym; and an introduced acronym written with
    its letters swapped (``HNC`` then ``HCN``). An acronym used before its introduction, or
    introduced twice alike, is fine.

    Fails::

        Strikes continue
        Jets hit Islamic State (IS) positions. ISIL fighters withdrew.

    Passes: ``... IS fighters withdrew.``
    """

    code = "N005"
    name = "acronym-inconsistency"
    summary = "An acronym at odds with the one the article introduced"
    severity = "warning"
    fixable = None
    examples = (
        {
            "fail": "Strikes continue\n\nJets hit Islamic State (IS) positions. ISIL fighters "
            "withdrew.\n",
        },
        {
            "fail": "Talks stall\n\nThe Joint Monitoring Board (JMB) met. Later the JBM "
            "said the talks had stalled.\n",
        },
        {
            "pass": "Strikes continue\n\nJets hit Islamic State (IS) positions. IS fighters "
            "withdrew.\n",
        },
    )

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Yield a diagnostic for each acronym that contradicts an introduction."""
        analysis = analyse(doc)
        if not analysis.segments:
            return
        index = bundled_index()
        matches = alias_matches(analysis, index)
        pack_findings, others = acronym_findings(analysis, matches, index)
        yield from _alias_diagnostics(self, analysis, pack_findings, fixable=False)
        for intro, earlier, text, block_index, start in others:
            block = analysis.blocks[block_index]
            span = doc.block_span(block, start, start + len(text))
            intro_span = doc.block_span(analysis.blocks[intro.block], intro.start, intro.end)
            if earlier is not None:
                message = (
                    f"'{intro.name}' was introduced as '{earlier.acronym}'; here it is '{text}'"
                )
                first = doc.block_span(analysis.blocks[earlier.block], earlier.start, earlier.end)
                related = (Related(first, f"'{earlier.acronym}' introduced here"),)
                suggestion = earlier.acronym
            else:
                message = (
                    f"'{text}' has the letters of '{intro.acronym}' ({intro.name}) in another order"
                )
                related = (Related(intro_span, f"'{intro.acronym}' introduced here"),)
                suggestion = intro.acronym
            yield self.diagnostic(span, message, suggestions=(suggestion,), related=related)


def pack_rule_check(
    rule: DocumentRule, doc: Document, index: NamesIndex, scope: Collection[str] | None
) -> Iterator[Diagnostic]:
    """What a user's names pack checks: house style and mixed forms of its own groups."""
    analysis = analyse(doc)
    if not analysis.segments:
        return
    matches = alias_matches(analysis, index)
    if scope is not None:
        matches = [m for m in matches if analysis.blocks[m.block].kind in scope]
    if not matches:
        return
    styled = house_style(matches, index)
    taken = {f.match for f in styled}
    yield from _alias_diagnostics(rule, analysis, styled, fixable=True)
    yield from _alias_diagnostics(rule, analysis, mixed_forms(matches, index, taken), fixable=True)


__all__ = [
    "NameVariant",
    "NameVariantCorpus",
    "MixedAliasForms",
    "HouseStyleName",
    "AcronymInconsistency",
    "pack_rule_check",
]
