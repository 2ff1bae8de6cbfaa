"""Spelling variants of one name inside an article (``Sergey``/``Sergei Lavrov``).

Units meet under ``skeleton`` (transliteration pairs, hyphens, spaces, accents, case), under
the bundled list of known spellings (``Kiev``/``Kyiv``), or under ``loose_key`` plus a small
edit distance for long names. A pair only counts with evidence that it is one name:

* spacing, hyphens, accents: ``al Assad``/``al-Assad``, ``Time Warner``/``TimeWarner``;
* case: both written as names somewhere (not only at a sentence start), and the title-case
  form is not an ordinary word of the article (``US``/``Us``, ``IT``/``It`` stay apart);
* two-word names: at least one word identical and the others variants (a shared surname with
  a variant first name); ``John Smith``/``Jon Smith`` stay apart because ``John``/``Jon`` is
  no transliteration pair;
* one-word names: used as names, not ordinary words, not only as first names, and not
  attached to two different first names (``Mark Phillips`` and ``Anna Philips``);
* acronyms only meet their dotted or case variants (``ISSG``/``ISG`` stay apart).

The majority spelling wins; the first used wins a tie.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from typing import NamedTuple

from newslint.naming.analysis import Analysis
from newslint.naming.mentions import PARTICLES, Unit
from newslint.naming.variants import (
    case_only,
    close_spelling,
    fold,
    form_keys,
    is_acronym,
    is_common_word,
    loose_key,
    skeleton,
)

_PIECES = re.compile(r"[\s\-\u2011]+")


class FormProfile:
    """How one spelling is used in an article."""

    __slots__ = ("form", "names", "units", "non_initial", "given_only", "given")

    def __init__(
        self,
        form: str,
        names: tuple[str, ...] = (),
        *,
        non_initial: bool = False,
        given_only: bool = True,
        given: set[str] | None = None,
    ) -> None:
        self.form = form
        #: the name words of the form (particles left out)
        self.names = names
        self.units: list[Unit] = []
        #: used at least once where its capital is not a sentence's
        self.non_initial = non_initial
        #: every use is a first name of a longer name
        self.given_only = given_only
        #: first names written before it (its uses as a surname)
        self.given: set[str] = given if given is not None else set()

    @property
    def count(self) -> int:
        """Number of uses."""
        return len(self.units)


def profiles(analysis: Analysis) -> dict[str, FormProfile]:
    """A FormProfile for every distinct unit text of the article, in order of first use.

    Computed once per article (N001 and N002's collect both read it); do not mutate.
    """
    memo = analysis.memo.get("profiles")
    if memo is not None:
        return memo  # type: ignore[return-value]
    found: dict[str, FormProfile] = {}
    analysis.memo["profiles"] = found
    get = found.get
    for unit in analysis.units:
        segment, i, j, text, names = unit
        profile = get(text)
        if profile is None:
            profile = found[text] = FormProfile(text, names)
        profile.units.append(unit)
        tokens = segment.tokens
        if not tokens[i].initial:
            profile.non_initial = True
        # a unit running to its segment's end (most units) is no first name
        if profile.given_only and (
            j == len(tokens) or not any(t.kind == "name" for t in tokens[j:])
        ):
            profile.given_only = False
        if j - i == 1 and i > 0 and tokens[i - 1].kind == "name":
            profile.given.add(tokens[i - 1].text)
    return found


class VariantFinding(NamedTuple):
    """A use of a minority spelling, and the majority spelling it disagrees with."""

    unit: Unit
    form: str
    majority: str
    majority_unit: Unit
    count: int
    majority_count: int
    evidence: str


def _accepted(form: str, accept: Collection[str], words: tuple[str, ...] = ()) -> bool:
    """True when the spelling, or one of its name words, is on the accept list."""
    if not accept:
        return False
    return form in accept or fold(form) in accept or any(fold(w) in accept for w in words)


def _inside_accepted(analysis: Analysis, unit: Unit, accept: Collection[str]) -> bool:
    """True when the unit is part of a longer accepted name (``Holins`` in ``Mark Holins``)."""
    if not accept or unit.i == 0 and unit.j == len(unit.segment.tokens):
        return False
    segment = unit.segment
    whole = fold(analysis.blocks[segment.block].text[segment.start : segment.end])
    return any(len(name) > len(fold(unit.text)) and name in whole for name in accept)


def accept_keys(names: Collection[str]) -> frozenset[str]:
    """The accept list in the form ``_accepted`` compares: as written and folded."""
    return frozenset(names) | frozenset(fold(n) for n in names)


def _particle_case(a: str, b: str) -> bool:
    """True when two spellings differ only in the capital of a particle: ``Van Gogh`` alone
    and ``Vincent van Gogh`` are both right by the Dutch rule, ``De Zeeuw``/``de Zeeuw``."""
    words_a, words_b = _PIECES.split(a), _PIECES.split(b)
    if len(words_a) != len(words_b):
        return False
    for x, y in zip(words_a, words_b, strict=True):
        if x != y and not (x.lower() == y.lower() and x.lower() in PARTICLES):
            return False
    return True


def _spacing(a: FormProfile, b: FormProfile, strict: bool) -> str | None:
    """``Time Warner``/``TimeWarner``, ``al Assad``/``al-Assad``: one name spaced two ways,
    unless a piece is a lone initial (``G Ross``/``Gross``) or the joined spelling is an
    everyday word (``South West``/``Southwest``, ``Cast Away``/``Castaway``)."""
    for p in (a, b):
        pieces = _PIECES.split(p.form)
        if any(len(piece) == 1 for piece in pieces):
            return None
        if len(pieces) == 1 and is_common_word(p.form):
            return None
    if strict:
        # across articles, everyday words run together without a capital inside
        # (Brightside, Jetstar) are often another name than the words apart (Bright Side);
        # a capital inside (GameCube, NetRatings) shows the brand's own spelling
        joined, spaced = (a, b) if len(_PIECES.split(a.form)) == 1 else (b, a)
        pieces = _PIECES.split(spaced.form)
        if (
            len(_PIECES.split(joined.form)) == 1
            and not any(c.isupper() for c in joined.form[1:])
            and all(is_common_word(piece) for piece in pieces)
        ):
            return None
    return "spacing"


def _same_person(x: str, y: str) -> bool:
    """Could first names ``x`` and ``y`` belong to one person (an initial counts)?"""
    if (len(x) == 1 or len(y) == 1) and x[:1] == y[:1]:
        return True  # "G Dempsey" and "Girvan Dempsey"
    return _token_pair_ok(x, y)


def _token_pair_ok(x: str, y: str) -> bool:
    fx, fy = fold(x), fold(y)
    if fx == fy:
        return True
    if is_acronym(x) or is_acronym(y):
        return False
    return skeleton(x) == skeleton(y) or close_spelling(x, y)


def evidence(
    a: FormProfile,
    b: FormProfile,
    lower_words: Collection[str],
    known: bool,
    strict: bool = False,
    place: bool = False,
) -> str | None:
    """Why spellings ``a`` and ``b`` are one name, or None.

    ``known``: a hand-made pair of the names data; ``place``: a pair of the generated place
    spellings (it counts as a transliteration). ``strict`` (across articles) also refuses
    one-word pairs where a spelling is an everyday word, and case pairs where the title-case
    spelling is one; inside an article only the loosest pairs are refused so.
    """
    fa, fb = fold(a.form), fold(b.form)
    if fa == fb:
        if a.given_only and b.given_only:
            return None  # "Jean Pierre"/"Jean-Pierre" before two surnames: compare whole names
        if not case_only(a.form, b.form):
            return _spacing(a, b, strict)
        if _particle_case(a.form, b.form):
            return None
        shouted = a.form.isupper() or b.form.isupper()
        if (a.form[1:] == b.form[1:] or shouted) and not (a.non_initial and b.non_initial):
            # only the first capital differs (a sentence may have made it), or one spelling is
            # in capitals (a team sheet, a title): a capital inside a name (O'sullivan,
            # Mclaren) is a spelling wherever it stands
            return None
        for p in (a, b):
            if not is_acronym(p.form) and p.form.lower() in lower_words:
                return None
            if strict and not is_acronym(p.form) and " " not in p.form and is_common_word(p.form):
                return None  # DIGITAL/Digital: a word in capitals, not a name's spelling
        return "case"
    if is_acronym(a.form) or is_acronym(b.form):
        return None
    names_a, names_b = a.names, b.names
    if len(names_a) != len(names_b):
        return None
    if len(names_a) >= 2:
        same = [fold(x) == fold(y) for x, y in zip(names_a, names_b, strict=True)]
        if not any(same):
            return None
        if all(_token_pair_ok(x, y) for x, y in zip(names_a, names_b, strict=True)):
            return "shared-name"
        return None
    for p in (a, b):
        # a capitalised word only ever seen opening a sentence may be any word, unless it is
        # no everyday word and the article never writes it in lower case
        if not p.non_initial and (
            strict or is_common_word(p.form) or p.form.lower() in lower_words
        ):
            return None
    if a.given_only and b.given_only:
        return None  # first names: compared as whole names instead
    if a.given_only != b.given_only and not known:
        first_name = a if a.given_only else b
        if is_common_word(first_name.form):
            # a common first name (Jennifer Lopez) and a name on its own (the singer
            # Jenifer): two people; a rarer word before a name (Atletico Madrid) is the name
            return None
    if known:
        # a listed pair (Kiev/Kyiv, Gaddafi/Gadhafi) needs no more evidence: even two members
        # of one family should be spelled alike
        return "known"
    if a.form.lower() in lower_words or b.form.lower() in lower_words:
        return None
    if a.given and b.given and not any(_same_person(x, y) for x in a.given for y in b.given):
        return None  # two surnames after two different first names: two people
    everyday = is_common_word(a.form) or is_common_word(b.form)
    if place or form_keys(a.form).skeleton == form_keys(b.form).skeleton:
        if strict and everyday:
            return None
        return "transliteration" if min(len(fa), len(fb)) >= 5 else None
    if everyday:
        return None
    if close_spelling(a.form, b.form) and (not strict or _close_enough_across(a.form, b.form)):
        return "close"
    return None


def _close_enough_across(a: str, b: str) -> bool:
    """Across articles a one-word near miss is often another name (``Kamara``/``Camara``,
    ``Whishaw``/``Wishaw``): it needs a long name or only vowels changed, and the same first
    letter as written."""
    if a[:1] != b[:1]:
        return False
    fa, fb = fold(a), fold(b)
    return min(len(fa), len(fb)) >= 8 or (loose_key(fa) == loose_key(fb) and "h" not in fa + fb)


def candidate_groups(
    found: Mapping[str, FormProfile], known: Mapping[str, str]
) -> list[tuple[list[str], bool]]:
    """Lists of spellings that meet under one key, with whether the key is a known list."""
    by_skeleton: dict[str, list[str]] = {}
    by_known: dict[str, list[str]] = {}
    by_loose: dict[str, list[str]] = {}
    long_names: list[tuple[str, str, str]] = []
    for form in found:
        keys = form_keys(form)
        folded = keys.folded
        if len(folded) < 3:
            continue
        by_skeleton.setdefault(keys.skeleton, []).append(form)
        ident = known.get(folded)
        if ident is not None:
            by_known.setdefault(ident, []).append(form)
        loose = keys.loose
        if loose is not None:  # five letters or more, no acronym
            by_loose.setdefault(loose, []).append(form)
            if len(folded) >= 8 and " " not in form:
                long_names.append((form, folded[:1], loose))
    groups: list[tuple[list[str], bool]] = []
    groups.extend((forms, False) for forms in by_skeleton.values() if len(forms) > 1)
    groups.extend(
        (forms, True)
        for forms in by_known.values()
        if len(forms) > 1 and len({form_keys(f).folded for f in forms}) > 1
    )
    for forms in by_loose.values():
        if len(forms) > 1 and len({form_keys(f).skeleton for f in forms}) > 1:
            groups.append((forms, False))
    # long names: every pair with one first letter, so that a swap of two consonants
    # (O'Driscoll/O'Dricsoll), which moves the loose key, is still compared
    for k, (first, initial, loose) in enumerate(long_names):
        for second, other_initial, other_loose in long_names[k + 1 :]:
            if initial == other_initial and loose != other_loose:
                groups.append(([first, second], False))
    return groups


def article_variants(
    analysis: Analysis,
    accept: Collection[str] = frozenset(),
    known: Mapping[str, str] | None = None,
    skip: Callable[[str, str], bool] | None = None,
) -> list[VariantFinding]:
    """Every use of a minority spelling in the article, one finding per flagged place.

    ``skip(a, b)`` drops pairs another rule owns (two forms of one names-pack group).
    """
    if not analysis.units:
        return []
    found = profiles(analysis)
    known = known or {}
    findings: dict[tuple[int, int, int], VariantFinding] = {}
    order = {form: k for k, form in enumerate(found)}
    for forms, is_known in candidate_groups(found, known):
        ranked = sorted(forms, key=lambda f: (-found[f].count, order[f]))
        majority = found[ranked[0]]
        if _accepted(majority.form, accept):
            continue
        for form in ranked[1:]:
            minority = found[form]
            if fold(form) == fold(majority.form) and form == majority.form:
                continue
            if _accepted(form, accept, minority.names) or (skip and skip(form, majority.form)):
                continue
            pair_known = is_known and known.get(fold(form)) == known.get(fold(majority.form))
            strong = pair_known and not known.get(fold(form), "~").startswith("~")
            why = evidence(
                minority, majority, analysis.lower_words, strong, place=pair_known and not strong
            )
            if why is None:
                continue
            for unit in minority.units:
                key = (unit.block, unit.start, unit.end)
                if key in findings or _inside_accepted(analysis, unit, accept):
                    continue
                findings[key] = VariantFinding(
                    unit,
                    form,
                    majority.form,
                    majority.units[0],
                    minority.count,
                    majority.count,
                    why,
                )
    return _outermost(findings.values())


def _outermost(findings) -> list[VariantFinding]:
    """Drop findings inside a larger flagged span of the same block (``Sergei`` inside
    ``Sergei Lavrov``)."""
    ordered = sorted(findings, key=lambda f: (f.unit.block, f.unit.start, -f.unit.end))
    kept: list[VariantFinding] = []
    for finding in ordered:
        if kept:
            last = kept[-1]
            if last.unit.block == finding.unit.block and finding.unit.end <= last.unit.end:
                continue
        kept.append(finding)
    return kept
