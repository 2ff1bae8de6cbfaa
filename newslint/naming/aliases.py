"""Names-pack forms in an article: mixed forms (N003), house style (N004), acronyms (N005).

A pack form matches a whole name segment, or a piece of one between hyphens (``US`` in
``US-led``), or, for forms with ``of``/``and`` inside, the text from a segment on
(``Islamic State of Iraq and the Levant``). Matches written as an alias (in brackets after
another form, after "also known as", "or", "formerly"...) and matches inside quotations (an
editor does not change a speaker's words) do not count as a choice of form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from newslint.naming.analysis import Analysis
from newslint.naming.mentions import Segment
from newslint.naming.pack import Group, NamesIndex, compatible, initials, match_key
from newslint.naming.variants import fold, is_acronym


class AliasMatch(NamedTuple):
    """A place where an article uses a form of a names-pack group."""

    group: int
    #: the pack form matched
    form: str
    #: the text as written
    text: str
    block: int
    start: int
    end: int
    #: written as an alias of another form (bracketed, "also known as"...)
    aka: bool
    #: inside a quotation
    quoted: bool


#: words after which a form is given as an alias of another ("Islamic State, also known as
#: ISIS", "ISIL or Daesh"), not chosen as the article's name for the entity
_AKA_ENDINGS = (
    "also known as",
    "known as",
    "also called",
    "called",
    "formerly",
    "or",
    "aka",
    "a.k.a.",
    "calls itself",
    "call itself",
    "calling itself",
    "so-called",
    "dubbed",
    "renamed",
    "now",
    "previously",
    "abbreviated",
    "abbreviated as",
    "abbreviated to",
    "short for",
    "stands for",
    "stand for",
    "meaning",
)


def _is_aka(window: str) -> bool:
    """True when the text just before a form introduces it as an alias."""
    tail = window.rstrip(" \t\"“‘'")
    if tail.endswith(("(", "[")):
        return True
    low = tail.lower()
    for phrase in _AKA_ENDINGS:
        if low.endswith(phrase):
            before = len(low) - len(phrase) - 1
            if before < 0 or not low[before].isalpha():
                return True
    return False


def _quoted(text: str, position: int) -> bool:
    """True when ``position`` is inside a quotation of the block."""
    before = text[:position]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def _boundary_after(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalnum() or text[end] == "_")


def _pieces(segment: Segment) -> list[int]:
    """Token indices where a piece of the segment may start (0 and after each hyphen)."""
    return [0] + [k + 1 for k, sep in enumerate(segment.seps) if sep == "-"]


def alias_matches(analysis: Analysis, index: NamesIndex) -> list[AliasMatch]:
    """Every use of a pack form in the article, in reading order (computed once per article
    and pack: N003, N004, N005 and N002's collect all ask)."""
    key = ("aliases", id(index))
    memo = analysis.memo.get(key)
    if memo is not None and memo[0] is index:  # type: ignore[index]
        return memo[1]  # type: ignore[index,return-value]
    found = _alias_matches(analysis, index)
    analysis.memo[key] = (index, found)
    return found


def _alias_matches(analysis: Analysis, index: NamesIndex) -> list[AliasMatch]:
    found: list[AliasMatch] = []
    covered_block, covered_end = -1, -1  # (block, offset) a long form already took
    blocks, long_forms, lookup = analysis.blocks, index.long_forms, index.lookup
    for segment in analysis.segments:
        block, tokens, seps = segment
        first = tokens[0]
        start = first.start
        if block < covered_block or (block == covered_block and start < covered_end):
            continue
        text = blocks[block].text
        longs = long_forms.get(first.text)
        if longs:
            hit = next(
                (
                    f
                    for f in longs
                    if text.startswith(f, start) and _boundary_after(text, start + len(f))
                ),
                None,
            )
            if hit is not None:
                end = start + len(hit)
                found.append(_match(analysis, index, block, start, end, text))
                covered_block, covered_end = block, end
                continue
        if "-" not in seps:
            # the usual segment, no hyphen: only the whole of it may be a form
            end = tokens[-1].end
            if lookup(text[start:end]) is not None:
                found.append(_match(analysis, index, block, start, end, text))
            continue
        starts = _pieces(segment)
        ends = [k for k in starts[1:]] + [len(tokens)]
        k = 0
        while k < len(starts):
            i = starts[k]
            for j in reversed([e for e in ends if e > i]):
                written = text[tokens[i].start : tokens[j - 1].end]
                if index.lookup(written) is not None:
                    found.append(
                        _match(
                            analysis, index, segment.block, tokens[i].start, tokens[j - 1].end, text
                        )
                    )
                    while k < len(starts) and starts[k] < j:
                        k += 1
                    break
            else:
                k += 1
    return found


def _match(
    analysis: Analysis, index: NamesIndex, block: int, start: int, end: int, text: str
) -> AliasMatch:
    written = text[start:end]
    group, form = index.lookup(written) or (-1, written)
    aka = _is_aka(text[max(0, start - 30) : start])
    quoted = analysis.blocks[block].kind == "quote" or _quoted(text, start)
    return AliasMatch(group, form, written, block, start, end, aka, quoted)


class AliasFinding(NamedTuple):
    """A use of a form that the rules flag, with the use it disagrees with."""

    match: AliasMatch
    other: AliasMatch | None
    suggestion: str
    message: str
    safe: bool = False


def _is_spelling_pair(group: Group, a: str, b: str) -> bool:
    spellings = {fold(group.canonical), *(fold(s) for s in group.spellings)}
    return fold(a) in spellings and fold(b) in spellings


def _abbreviation_like(form: str) -> bool:
    return is_acronym(form) or (
        " " not in form and form[:1].isupper() and form[1:].islower() and len(form) <= 5
    )


def mixed_forms(
    matches: list[AliasMatch], index: NamesIndex, exclude: set[AliasMatch] = frozenset()
) -> list[AliasFinding]:
    """Uses of a form that does not go with the article's main form of the same entity."""
    by_group: dict[int, list[AliasMatch]] = {}
    for match in matches:
        if match.group < 0 or match.aka or match.quoted or match in exclude:
            continue
        by_group.setdefault(match.group, []).append(match)
    findings = []
    for group_index, uses in by_group.items():
        group = index.groups[group_index]
        if group.mix:
            continue
        counts: dict[str, list[AliasMatch]] = {}
        for use in uses:
            counts.setdefault(use.form, []).append(use)
        if len(counts) < 2:
            continue
        ranked = sorted(counts, key=lambda f: (-len(counts[f]), uses.index(counts[f][0])))
        main = ranked[0]
        for form in ranked[1:]:
            if compatible(group, form, main) or _compatible_abbreviation(form, main):
                continue
            if _is_spelling_pair(group, form, main):
                continue  # N001 judges spellings
            first = counts[main][0]
            for use in counts[form]:
                findings.append(
                    AliasFinding(
                        use,
                        first,
                        main,
                        f"'{use.text}' and '{first.text}' name one entity ({group.canonical}); "
                        + (
                            f"this article uses '{main}' more "
                            f"({len(counts[main])} to {len(counts[form])})"
                            if len(counts[main]) > len(counts[form])
                            else f"this article used '{main}' first"
                        )
                        + (f"; {group.note}" if group.note else ""),
                    )
                )
    return findings


def _compatible_abbreviation(a: str, b: str) -> bool:
    """``Nato`` with ``North Atlantic Treaty Organization``: a title-case acronym."""
    for short, name in ((a, b), (b, a)):
        if _abbreviation_like(short) and " " in name and initials(name).lower() == fold(short):
            return True
    return False


def house_style(matches: list[AliasMatch], index: NamesIndex) -> list[AliasFinding]:
    """Uses of a form the house style avoids, or of any form but the preferred one."""
    findings = []
    for match in matches:
        if match.group < 0 or match.quoted:
            continue
        group = index.groups[match.group]
        avoided = match_key(match.form) in {match_key(a) for a in group.avoid}
        if group.preferred is None and not avoided:
            continue
        target = group.target
        if _same_written(match.text, target):
            continue
        if match.aka and not avoided:
            continue
        replacement = target
        if match.text[:1].isupper() and replacement[:1].islower():
            replacement = replacement[:1].upper() + replacement[1:]
        exact = _same_written(match.text, match.form)
        safe = exact and is_acronym(match.form) == is_acronym(target)
        why = "is a form to avoid" if avoided else "is not the house style"
        findings.append(
            AliasFinding(
                match,
                None,
                replacement,
                f"'{match.text}' {why} for {group.canonical}: write '{target}'"
                + (f" ({group.note})" if group.note else ""),
                safe,
            )
        )
    return findings


def _same_written(a: str, b: str) -> bool:
    """Equal apart from the case of the first letter (a sentence may capitalise it)."""
    return a[:1].lower() + a[1:] == b[:1].lower() + b[1:]


class Introduction(NamedTuple):
    """``Long Name (ACR)``: an acronym introduced with the name it stands for."""

    acronym: str
    name: str
    block: int
    #: block offsets of the acronym (inside the brackets) and of the name
    start: int
    end: int
    name_start: int


_INTRO_RE = re.compile(r"\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)")
_NAME_WORD = re.compile(r"([A-Z][\w'’\-]*|of|and|the|for|de|al|el|on|in|&)\s*$")


def introductions(analysis: Analysis) -> list[Introduction]:
    """Every ``Name (ACR)`` of the article whose initials fit the acronym (computed once per
    article: N003 and N005 both ask); do not mutate."""
    memo = analysis.memo.get("introductions")
    if memo is None:
        memo = analysis.memo["introductions"] = _introductions(analysis)
    return memo  # type: ignore[return-value]


def _introductions(analysis: Analysis) -> list[Introduction]:
    found = []
    for block_index, block in enumerate(analysis.blocks):
        text = block.text
        if "(" not in text:
            continue
        for match in _INTRO_RE.finditer(text):
            acronym = match.group(1)
            letters = acronym.replace(".", "")
            if not (letters.isupper() or _abbreviation_like(acronym)) or len(letters) < 2:
                continue
            words: list[tuple[int, str]] = []
            end = match.start()
            while len(words) < 10:
                word = _NAME_WORD.search(text, 0, end)
                if word is None:
                    break
                words.append((word.start(1), word.group(1)))
                end = word.start(1)
            best = _expansion(text, words, match.start(), letters.upper())
            if best is None:
                continue
            found.append(
                Introduction(acronym, best[1], block_index, match.start(1), match.end(1), best[0])
            )
    return found


def _expansion(
    text: str, words: list[tuple[int, str]], end: int, letters: str
) -> tuple[int, str] | None:
    """The name before ``(ACR)`` that the acronym abbreviates: the words whose initials are the
    acronym's letters or, failing that, as many initials starting with its first letter (a
    misspelt acronym still names the name: ``Joint Monitoring Board (JMC)``)."""
    near = None
    for n in range(1, len(words) + 1):
        start, first = words[n - 1]
        if not first[:1].isupper():
            continue
        name = text[start:end].strip()
        found = initials(name).upper()
        if found == letters:
            return start, name
        if near is None and found[:1] == letters[:1] and len(found) == len(letters) >= 3:
            near = (start, name)
    return near


def acronym_findings(
    analysis: Analysis, matches: list[AliasMatch], index: NamesIndex
) -> tuple[list[AliasFinding], list[tuple[Introduction, Introduction | None, str, int, int]]]:
    """Acronyms at odds with the article's introductions.

    Returns pack-based findings (``ISIL`` after ``Islamic State (IS)``) and, for the rest,
    ``(introduction, earlier introduction, text, block, start)`` tuples: a name introduced
    with two different acronyms, or an introduced acronym written with its letters swapped.
    """
    intros = introductions(analysis)
    if not intros:
        return [], []
    pack_findings: list[AliasFinding] = []
    for intro in intros:
        looked = index.lookup(intro.acronym) or index.lookup(intro.name)
        if looked is None:
            continue
        group_index = looked[0]
        for match in matches:
            if match.group != group_index or match.aka or match.quoted:
                continue
            if not _abbreviation_like(match.form) or match_key(match.text) == match_key(
                intro.acronym
            ):
                continue
            if (match.block, match.start) == (intro.block, intro.start):
                continue
            pack_findings.append(
                AliasFinding(
                    match,
                    None,
                    intro.acronym,
                    f"'{match.text}': this article introduced '{intro.name} ({intro.acronym})'",
                )
            )
    other: list[tuple[Introduction, Introduction | None, str, int, int]] = []
    by_name: dict[str, Introduction] = {}
    introduced = {i.acronym for i in intros}
    for intro in intros:
        earlier = by_name.get(fold(intro.name))
        if earlier is not None and earlier.acronym.replace(".", "") != intro.acronym.replace(
            ".", ""
        ):
            other.append((intro, earlier, intro.acronym, intro.block, intro.start))
        by_name.setdefault(fold(intro.name), intro)
    swapped = {"".join(sorted(a)): a for a in introduced if len(a) >= 3 and a.isupper()}
    for segment in analysis.segments:
        for token in segment.tokens:
            word = token.text
            if len(word) < 3 or not word.isupper() or word in introduced:
                continue
            source = swapped.get("".join(sorted(word)))
            if source is None or index.lookup(word) is not None:
                continue
            intro = next(i for i in intros if i.acronym == source)
            other.append((intro, None, word, segment.block, token.start))
    return _dedupe(pack_findings), other


def _dedupe(findings: Iterable[AliasFinding]) -> list[AliasFinding]:
    seen: dict[tuple[int, int], AliasFinding] = {}
    for finding in findings:
        seen.setdefault((finding.match.block, finding.match.start), finding)
    return list(seen.values())
