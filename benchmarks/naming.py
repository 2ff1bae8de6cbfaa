"""Naming consistency (family N): seeds, BBC precision, recall on injected variants, speed.

Run by hand from the repository root (needs ../shared)::

    python benchmarks/naming.py [--shared ../shared] [--sample 50] [--quick] [--only speed]

It prints:

1. the seed findings the issue asks for, each with the other spelling's location;
2. N findings on the 2,225 BBC articles: per code, per 1,000 words, and a fixed sample of 50
   findings with their context for hand-checking, scored against the verdicts recorded in
   ``VERDICTS`` below (keys hash the flagged text: no corpus text is stored here);
3. recall on name variants injected into BBC articles: inside an article (N001: one use of a
   repeated name changed) and across the corpus (N002: every use in one article changed), by
   edit (transliteration pairs, doubled letters, -sky/-ski, hyphens and spaces, accents, case,
   a small edit in a long name, a variant first name, and real transliteration pairs from the
   OFAC SDN aliases);
4. speed: milliseconds per article for each rule, the judge with one target against the whole
   corpus, and the start-up of a fresh process (imports, names data, first article).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pickle
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.diagnostic import Diagnostic  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.naming.analysis import analyse  # noqa: E402
from newslint.naming.corpus import name_like  # noqa: E402
from newslint.naming.pack import bundled_index  # noqa: E402
from newslint.naming.spelling import profiles  # noqa: E402
from newslint.naming.variants import edit_distance, fold, is_acronym, is_common_word  # noqa: E402
from newslint.rule import CorpusFacts  # noqa: E402
from newslint.rules import naming as n  # noqa: E402
from newslint.testing import document, options_for  # noqa: E402

DOCUMENT_RULES = (n.NameVariant, n.MixedAliasForms, n.HouseStyleName, n.AcronymInconsistency)

#: hand-checked verdicts on the BBC sample: key (see ``verdict_key``) -> (correct?, note).
#: A finding is correct when the two spellings (or forms) name one entity and the article or
#: the corpus really writes it both ways; the note says why when it is not, or what is odd.
VERDICTS: dict[str, tuple[bool, str]] = {
    "business_001.txt:N001:1:ed6a53ad": (True, ""),
    "business_059.txt:N001:1:153edfc6": (True, ""),
    "business_103.txt:N002:5:cff53c26": (True, ""),
    "business_140.txt:N001:11:09f09b6a": (True, "right; the tie goes to the typo used first"),
    "business_196.txt:N001:1:153edfc6": (True, ""),
    "business_209.txt:N001:11:7f10e53b": (True, ""),
    "business_217.txt:N002:7:c2631a13": (True, "right; the tie goes to the older spelling"),
    "business_229.txt:N001:13:7f10e53b": (True, ""),
    "business_230.txt:N002:5:c29b4dba": (False, "the state's official name as a party to a suit"),
    "business_250.txt:N002:5:f0bfd1c7": (True, ""),
    "business_251.txt:N002:5:153edfc6": (True, ""),
    "business_309.txt:N001:7:b5d2d086": (True, ""),
    "business_324.txt:N001:9:b758bbd1": (True, ""),
    "business_352.txt:N002:5:dbb73e36": (True, ""),
    "business_369.txt:N004:7:fa90f188": (True, ""),
    "business_381.txt:N002:7:48a24cc5": (True, ""),
    "business_447.txt:N002:7:2b13c0c7": (True, ""),
    "business_486.txt:N002:7:864b9da4": (True, ""),
    "entertainment_153.txt:N001:11:1122459e": (True, ""),
    "entertainment_259.txt:N002:5:f5da37a9": (True, ""),
    "entertainment_346.txt:N002:7:2110a770": (True, ""),
    "politics_053.txt:N001:7:0f223d19": (True, ""),
    "politics_160.txt:N001:13:8cb2f839": (True, ""),
    "politics_405.txt:N002:7:40675202": (True, ""),
    "sport_083.txt:N002:5:94467699": (True, ""),
    "sport_091.txt:N001:7:58765a6d": (True, ""),
    "sport_164.txt:N002:5:43943301": (True, ""),
    "sport_246.txt:N002:11:4a00456a": (True, ""),
    "sport_269.txt:N001:9:e72496c4": (True, ""),
    "sport_287.txt:N002:7:c6bf77db": (True, ""),
    "sport_376.txt:N001:15:3e9974de": (True, ""),
    "sport_466.txt:N003:3:18bc5956": (True, "USA and US in one sports report"),
    "sport_469.txt:N003:7:aa309355": (True, "USA and US in one sports report"),
    "sport_470.txt:N003:7:aa309355": (True, "a copy of sport_469"),
    "sport_477.txt:N002:5:5796f1a1": (True, ""),
    "tech_030.txt:N002:5:3b43b450": (True, ""),
    "tech_035.txt:N001:13:c70ee889": (True, ""),
    "tech_049.txt:N001:7:559ef554": (True, ""),
    "tech_056.txt:N002:7:9bc616ca": (False, "a video game's title, not the federation"),
    "tech_059.txt:N002:11:d97c7a42": (True, ""),
    "tech_088.txt:N002:7:1955a0d2": (True, ""),
    "tech_216.txt:N002:13:a73e172b": (True, ""),
    "tech_244.txt:N001:11:5348a530": (True, ""),
    "tech_245.txt:N002:9:777e9da6": (True, ""),
    "tech_300.txt:N002:7:f8f95b0e": (True, ""),
    "tech_325.txt:N001:11:69c56bdb": (True, ""),
    "tech_341.txt:N002:3:7419e058": (True, ""),
    "tech_347.txt:N001:11:63b98e84": (True, ""),
    "tech_355.txt:N002:7:2948d4c6": (True, ""),
    "tech_379.txt:N002:9:d61d5402": (True, ""),
}


def verdict_key(d: Diagnostic) -> str:
    """A finding's key: file, code, line and a hash of the flagged text (no text stored)."""
    digest = hashlib.sha1(d.span.text.encode("utf-8")).hexdigest()[:8]
    return f"{Path(d.path).name}:{d.code}:{d.span.line}:{digest}"


# --- helpers ------------------------------------------------------------------------------


def read(path: Path) -> Document:
    return document(path.read_bytes(), path.name)


def lint(docs: list[Document]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in DOCUMENT_RULES:
        instance, options = rule(), options_for(rule)
        for doc in docs:
            found.extend(instance.check(doc, options))
    corpus_rule = n.NameVariantCorpus()
    options = options_for(n.NameVariantCorpus)
    facts = {doc.key: corpus_rule.collect(doc, options) for doc in docs}
    found.extend(corpus_rule.judge(CorpusFacts(facts, frozenset(facts)), options))
    return sorted(found, key=Diagnostic.sort_key)


def where(d: Diagnostic) -> str:
    related = "; ".join(
        f"{Path(r.span.path).name}:{r.span.line} '{r.span.text}'" for r in d.related
    )
    return f"{Path(d.path).name}:{d.span.line} {d.code} '{d.span.text}' <- other: {related}"


# --- 1. seeds ------------------------------------------------------------------------------


def seeds(shared: Path) -> None:
    print("== Seeds")
    docs = [read(p) for p in sorted((shared / "seeds").glob("*.txt"))]
    for d in lint(docs):
        print("  " + where(d))


# --- 2. BBC precision ----------------------------------------------------------------------


def bbc(docs: list[Document], sample_size: int) -> list[Diagnostic]:
    print("\n== BBC news: N findings")
    words = sum(d.word_count() for d in docs)
    found = lint(docs)
    counts = Counter(d.code for d in found)
    for code in sorted(counts):
        print(f"  {code}: {counts[code]:4d}  ({counts[code] / words * 1000:.3f} per 1,000 words)")
    print(
        f"  all N: {len(found)} findings on {len(docs)} articles, {words:,} words: "
        f"{len(found) / words * 1000:.3f} per 1,000 words"
    )
    sample = random.Random(5).sample(found, min(sample_size, len(found)))
    sample.sort(key=Diagnostic.sort_key)
    by_path = {d.path: d for d in docs}
    judged = right = 0
    print(f"\n  hand-check sample ({len(sample)} findings, seed 5):")
    for d in sample:
        key = verdict_key(d)
        verdict = VERDICTS.get(key)
        mark = "?" if verdict is None else ("ok" if verdict[0] else "FP")
        if verdict is not None:
            judged += 1
            right += verdict[0]
        source = by_path[d.path].source
        context = source[max(0, d.span.start - 60) : d.span.end + 40].replace("\n", " ")
        print(f"  [{mark:2}] {key}  {where(d)}")
        print(f"        {d.message}")
        print(f"        ...{context}...")
        if verdict is not None and verdict[1]:
            print(f"        verdict: {verdict[1]}")
    if judged:
        print(f"\n  precision on the hand-checked sample: {right}/{judged} = {right / judged:.0%}")
    return found


# --- 3. recall on injected variants --------------------------------------------------------

VOWEL_ACCENT = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ü"}


def _first(pattern: str, word: str, replacement: str) -> str | None:
    changed = re.sub(pattern, replacement, word, count=1)
    return changed if changed != word else None


def edit_ey_ei(w: str) -> str | None:
    return _first("ey", w, "ei") or _first("ei", w, "ey")


def edit_final_y_i(w: str) -> str | None:
    if w.endswith("y"):
        return w[:-1] + "i"
    if w.endswith("i"):
        return w[:-1] + "y"
    return None


def edit_ou_u(w: str) -> str | None:
    return _first("ou", w, "u") or _first(r"(?<=[^aeiouAEIOU])u", w, "ou")


def edit_kh_h(w: str) -> str | None:
    return _first("kh", w, "h") or _first(r"(?<=[aeiou])h(?=.)", w, "kh")


def edit_ph_f(w: str) -> str | None:
    return _first("ph", w, "f") or _first(r"(?<=[a-z])(?<!f)f(?=[aeiouy])", w, "ph")


def edit_double(w: str) -> str | None:
    single = _first(r"([b-df-hj-np-tv-z])\1", w, r"\1")
    if single:
        return single
    return _first(r"(?<=[aeiou])([b-df-hj-np-tv-z])(?=[aeiou])", w, r"\1\1")


def edit_sky(w: str) -> str | None:
    if w.endswith("sky"):
        return w[:-1] + "i"
    if w.endswith("ski"):
        return w[:-1] + "y"
    return None


def edit_accent(w: str) -> str | None:
    for k in range(1, len(w) - 1):
        if w[k] in VOWEL_ACCENT:
            return w[:k] + VOWEL_ACCENT[w[k]] + w[k + 1 :]
    return None


def edit_long_name(w: str) -> str | None:
    """A transposition or a vowel change in the middle of a long name (eight letters or more)."""
    if len(w) < 8:
        return None
    k = len(w) // 2
    if w[k] != w[k + 1]:
        return w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    return None


def edit_case(w: str) -> str | None:
    """A capital inside one word changed (McLaren/Mclaren, TiVo/Tivo)."""
    inner = [k for k in range(1, len(w)) if w[k].isupper() and w[k - 1].isalpha()]
    if inner and not w.isupper():
        k = inner[0]
        return w[:k] + w[k].lower() + w[k + 1 :]
    return None


def edit_spacing(name: str) -> str | None:
    if " " in name:
        return name.replace(" ", "-", 1)
    if "-" in name:
        return name.replace("-", " ", 1)
    return None


#: word edits (applied to a one-word name)
WORD_EDITS: dict[str, Callable[[str], str | None]] = {
    "ey/ei": edit_ey_ei,
    "final y/i": edit_final_y_i,
    "ou/u": edit_ou_u,
    "kh/h": edit_kh_h,
    "ph/f": edit_ph_f,
    "doubled/single letter": edit_double,
    "-sky/-ski": edit_sky,
    "accent": edit_accent,
    "long name, one edit": edit_long_name,
    "case": edit_case,
}
#: first-name edits for "a shared surname with a variant first name"
FIRST_NAME_EDITS = (edit_ey_ei, edit_final_y_i, edit_ph_f, edit_double, edit_kh_h, edit_ou_u)


def ofac_pairs(shared: Path, limit: int = 200) -> list[tuple[str, str]]:
    """Real transliteration pairs: words of an OFAC primary name and its alias that differ
    by a small edit (``Khanfurah``/``Khanfoura``, ``Jabril``/``Jibril``)."""
    pairs: dict[tuple[str, str], None] = {}
    path = shared / "corpora" / "ofac_sdn_name_variants" / "name_variants.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            left = re.findall(r"[A-Za-z]{5,}", row["primary_name"])
            right = re.findall(r"[A-Za-z]{5,}", row["alias"])
            for a in left:
                for b in right:
                    a_t, b_t = a.title(), b.title()
                    if fold(a_t) == fold(b_t) or a_t[0] != b_t[0]:
                        continue
                    if fold(a_t).startswith(fold(b_t)) or fold(b_t).startswith(fold(a_t)):
                        continue
                    if edit_distance(fold(a_t), fold(b_t), 2) <= 2:
                        pairs[tuple(sorted((a_t, b_t)))] = None
    found = sorted(pairs)
    random.Random(3).shuffle(found)
    return found[:limit]


def _candidates(doc: Document, min_uses: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """Names of an article worth injecting into: one word, used as a name ``min_uses`` times,
    not an everyday word, not a names-pack form; with the source offsets of their uses."""
    analysis = analyse(doc)
    index = bundled_index()
    found = []
    for form, profile in profiles(analysis).items():
        if profile.count < min_uses or len(profile.names) != 1 or is_acronym(form):
            continue
        if profile.given_only:
            continue  # only ever a first name: perhaps of several people, not one name
        if len(fold(form)) < 5 or is_common_word(form) or index.lookup(form):
            continue
        if not name_like(profile, analysis.lower_words):
            continue
        spans = sorted(
            {analysis.blocks[u.block].source_range(u.start, u.end) for u in profile.units}
        )
        found.append((form, spans))
    return found


def _full_names(doc: Document, min_uses: int) -> list[tuple[str, list[tuple[int, int]]]]:
    analysis = analyse(doc)
    found = []
    for form, profile in profiles(analysis).items():
        if profile.count < min_uses or len(profile.names) != 2 or " " not in form:
            continue
        if any(is_common_word(w) or len(w) < 3 for w in profile.names):
            continue
        spans = sorted(
            {analysis.blocks[u.block].source_range(u.start, u.end) for u in profile.units}
        )
        found.append((form, spans))
    return found


def _replace(source: str, spans: Iterable[tuple[int, int]], text: str) -> str:
    out = source
    for start, end in sorted(spans, reverse=True):
        out = out[:start] + text + out[end:]
    return out


def _overlaps(d: Diagnostic, start: int, end: int) -> bool:
    return d.span.start < end and start < d.span.end


def inside_recall(docs: list[Document], pairs: list[tuple[str, str]], per_edit: int) -> None:
    """N001 on articles where one use of a repeated name was changed."""
    print("\n== Recall inside an article (N001): one use of a repeated name changed")
    rule, options = n.NameVariant(), options_for(n.NameVariant)
    order = list(docs)
    random.Random(7).shuffle(order)
    totals = [0, 0]
    misses: list[str] = []

    def run(doc: Document, spans: list[tuple[int, int]], variant: str, label: str) -> bool:
        # change the last use: with two uses the first wins the tie, as the rule documents
        start, end = spans[-1]
        text = _replace(doc.source, [(start, end)], variant)
        new_end = start + len(variant)
        found = list(rule.check(document(text, doc.path), options))
        hit = any(
            _overlaps(d, start, new_end)
            or any(_overlaps_edit(e, start, new_end) for e in (d.fix.edits if d.fix else ()))
            for d in found
        )
        if not hit and len(misses) < 12:
            misses.append(f"{label}: {doc.source[start:end]} -> {variant} ({Path(doc.path).name})")
        return hit

    results: dict[str, list[int]] = {}
    for label, edit in WORD_EDITS.items():
        hits = tried = 0
        for doc in order:
            if tried >= per_edit:
                break
            for form, spans in _candidates(doc, 2):
                variant = edit(form)
                if variant and variant != form:
                    tried += 1
                    hits += run(doc, spans, variant, label)
                    break
        results[label] = [hits, tried]
    # a shared surname with a variant first name
    hits = tried = 0
    for doc in order:
        if tried >= per_edit:
            break
        for form, spans in _full_names(doc, 2):
            first, last = form.split(" ", 1)
            variant = next((v for v in (e(first) for e in FIRST_NAME_EDITS) if v), None)
            if variant:
                tried += 1
                hits += run(doc, spans, f"{variant} {last}", "first name")
                break
    results["variant first name"] = [hits, tried]
    # hyphen, space or none in a two-word name
    hits = tried = 0
    for doc in order:
        if tried >= per_edit:
            break
        for form, spans in _full_names(doc, 2):
            variant = edit_spacing(form)
            if variant:
                tried += 1
                hits += run(doc, spans, variant, "spacing")
                break
    results["hyphen/space"] = [hits, tried]
    # real transliteration pairs (OFAC): every use written one way, one use the other way
    hits = tried = 0
    pair_iter = iter(pairs)
    for doc in order:
        if tried >= per_edit:
            break
        for _form, spans in _candidates(doc, 2):
            pair = next(pair_iter, None)
            if pair is None:
                break
            a, b = pair
            text = _replace(doc.source, spans[:-1], a)
            shift = sum(len(a) - (e - s) for s, e in spans[:-1])
            start, end = spans[-1][0] + shift, spans[-1][1] + shift
            text = text[:start] + b + text[end:]
            found = list(rule.check(document(text, doc.path), options))
            hit = any(
                any(
                    _overlaps_edit(e, start, start + len(b)) for e in (d.fix.edits if d.fix else ())
                )
                or _overlaps(d, start, start + len(b))
                for d in found
            )
            tried += 1
            hits += hit
            if not hit and len(misses) < 12:
                misses.append(f"OFAC: {a}/{b} ({Path(doc.path).name})")
            break
    results["OFAC transliteration pair"] = [hits, tried]
    for label, (hits, tried) in results.items():
        totals[0] += hits
        totals[1] += tried
        rate = f"{hits / tried:.0%}" if tried else "-"
        print(f"  {label:28s} {hits:3d}/{tried:3d}  {rate}")
    print(f"  inside an article, all edits: {totals[0]}/{totals[1]} = {totals[0] / totals[1]:.1%}")
    for miss in misses:
        print(f"    missed {miss}")


def _overlaps_edit(edit, start: int, end: int) -> bool:
    return edit.start < end and start < edit.end


def corpus_recall(docs: list[Document], pairs: list[tuple[str, str]], per_edit: int) -> None:
    """N002 on a corpus where every use of a name in one article was changed."""
    print("\n== Recall across the corpus (N002): every use of a name in one article changed")
    rule, options = n.NameVariantCorpus(), options_for(n.NameVariantCorpus)
    facts = {doc.key: rule.collect(doc, options) for doc in docs}
    by_key = {doc.key: doc for doc in docs}
    users: dict[str, list[str]] = {}
    for key, fact in facts.items():
        for unit in fact.units:
            users.setdefault(unit.form, []).append(key)
    order = list(docs)
    random.Random(11).shuffle(order)
    misses: list[str] = []

    def judge(changed: dict[str, str], target: str, variant: str, label: str) -> bool:
        trial = dict(facts)
        for key, text in changed.items():
            trial[key] = rule.collect(document(text, by_key[key].path), options)
        found = list(rule.judge(CorpusFacts(trial, frozenset([target])), options))
        hit = any(d.path == by_key[target].path and variant in d.span.text for d in found)
        if not hit and len(misses) < 12:
            misses.append(f"{label}: -> {variant} ({Path(by_key[target].path).name})")
        return hit

    def shared_names(min_articles: int, full: bool) -> Iterable[tuple[Document, str, list]]:
        for doc in order:
            names = _full_names(doc, 1) if full else _candidates(doc, 1)
            for form, spans in names:
                if len(set(users.get(form, ()))) >= min_articles:
                    yield doc, form, spans

    results: dict[str, list[int]] = {}
    for label, edit in WORD_EDITS.items():
        hits = tried = 0
        for doc, form, spans in shared_names(3, False):
            if tried >= per_edit:
                break
            variant = edit(form)
            if not variant:
                continue
            tried += 1
            text = _replace(doc.source, spans, variant)
            hits += judge({doc.key: text}, doc.key, variant, label)
        results[label] = [hits, tried]
    hits = tried = 0
    for doc, form, spans in shared_names(2, True):
        if tried >= per_edit:
            break
        first, last = form.split(" ", 1)
        variant = next((v for v in (e(first) for e in FIRST_NAME_EDITS) if v), None)
        if not variant:
            continue
        tried += 1
        new = f"{variant} {last}"
        hits += judge({doc.key: _replace(doc.source, spans, new)}, doc.key, new, "first name")
    results["variant first name"] = [hits, tried]
    hits = tried = 0
    for doc, form, spans in shared_names(2, True):
        if tried >= per_edit:
            break
        new = edit_spacing(form)
        if not new:
            continue
        tried += 1
        hits += judge({doc.key: _replace(doc.source, spans, new)}, doc.key, new, "spacing")
    results["hyphen/space"] = [hits, tried]
    # OFAC: the other articles write the name one way, the target the other way
    hits = tried = 0
    pair_iter = iter(pairs)
    for doc, form, spans in shared_names(3, False):
        if tried >= per_edit:
            break
        pair = next(pair_iter, None)
        if pair is None:
            break
        a, b = pair
        changed = {}
        for key in set(users[form]):
            other = by_key[key]
            if key == doc.key:
                continue
            pattern = re.compile(rf"(?<![\w']){re.escape(form)}(?![\w])")
            changed[key] = pattern.sub(a, other.source)
        changed[doc.key] = _replace(doc.source, spans, b)
        tried += 1
        hits += judge(changed, doc.key, b, f"OFAC {a}/{b}")
    results["OFAC transliteration pair"] = [hits, tried]
    total = [0, 0]
    for label, (hits, tried) in results.items():
        total[0] += hits
        total[1] += tried
        rate = f"{hits / tried:.0%}" if tried else "-"
        print(f"  {label:28s} {hits:3d}/{tried:3d}  {rate}")
    print(f"  across the corpus, all edits: {total[0]}/{total[1]} = {total[0] / total[1]:.1%}")
    for miss in misses:
        print(f"    missed {miss}")


# --- 4. speed ------------------------------------------------------------------------------


def speed(docs: list[Document], quick: bool) -> None:
    """Milliseconds per article: the best batch of 50 articles over several passes, since
    other work on a shared machine slows some batches down."""
    print("\n== Speed (best batch of 50 articles over several passes; the machine is shared)")
    from newslint.naming import analysis

    sample = docs[:600]
    best: dict[str, float] = {}
    rules = [(rule.code, rule(), options_for(rule)) for rule in DOCUMENT_RULES]
    corpus_rule, corpus_options = n.NameVariantCorpus(), options_for(n.NameVariantCorpus)

    def timed(name: str, fn: Callable[[list[Document]], object], batch: list[Document]) -> None:
        start = time.perf_counter()
        fn(batch)
        elapsed = (time.perf_counter() - start) / len(batch) * 1000
        best[name] = min(best.get(name, 1e9), elapsed)

    for _ in range(2 if quick else 5):
        for at in range(0, len(sample), 50):
            batch = sample[at : at + 50]
            for d in batch:
                d._analyses.pop(analysis.KEY, None)
            timed("shared analysis (mentions)", lambda b: [analyse(d) for d in b], batch)
            for code_, instance, options in rules:
                timed(
                    f"{code_} check",
                    lambda b, i=instance, o=options: [list(i.check(d, o)) for d in b],
                    batch,
                )
            timed(
                "N002 collect", lambda b: [corpus_rule.collect(d, corpus_options) for d in b], batch
            )
    total = sum(best.values())
    for name, value in best.items():
        print(f"  {name:28s} {value:.3f} ms/article")
    print(f"  all N rules, one article:    {total:.3f} ms/article")
    facts = {d.key: corpus_rule.collect(d, corpus_options) for d in docs}
    target = docs[len(docs) // 2].key
    times = []
    for _ in range(5):
        start = time.perf_counter()
        list(corpus_rule.judge(CorpusFacts(facts, frozenset([target])), corpus_options))
        times.append(time.perf_counter() - start)
    print(f"  N002 judge, 1 target vs {len(docs)} articles: {min(times) * 1000:.1f} ms")
    start = time.perf_counter()
    list(corpus_rule.judge(CorpusFacts(facts, frozenset(facts)), corpus_options))
    print(f"  N002 judge, every article a target: {(time.perf_counter() - start) * 1000:.0f} ms")
    blob = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
    start = time.perf_counter()
    pickle.loads(blob)
    print(
        f"  N002 facts of the corpus: {len(blob) / 1e6:.1f} MB pickled, "
        f"loaded in {(time.perf_counter() - start) * 1000:.0f} ms"
    )
    startup()


STARTUP = r"""
import json, sys, time
pt = time.perf_counter
t0 = pt()
import yaml  # the engine imports it for rule packs anyway
from newslint.testing import document, options_for
from newslint.rule import CorpusFacts
t1 = pt()
import newslint.rules.naming as n
t2 = pt()
doc = document(open(sys.argv[1], "rb").read(), "a.txt")
t3 = pt()
for R in (n.NameVariant, n.MixedAliasForms, n.HouseStyleName, n.AcronymInconsistency):
    list(R().check(doc, options_for(R)))
r = n.NameVariantCorpus(); o = options_for(n.NameVariantCorpus)
facts = {doc.key: r.collect(doc, o)}
list(r.judge(CorpusFacts(facts, frozenset(facts)), o))
t4 = pt()
print(json.dumps({"import": t2 - t1, "first article with data loading": t4 - t3}))
"""


def startup() -> None:
    article = ROOT.parent / "shared" / "corpora" / "bbc_news" / "articles" / "business_001.txt"
    best: dict[str, float] = {}
    for _ in range(7):
        out = subprocess.run(
            [sys.executable, "-c", STARTUP, str(article)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        for key, value in json.loads(out).items():
            best[key] = min(best.get(key, 1e9), value)
    parts = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in best.items())
    print(
        f"  start-up of the N family in a fresh process (best of 7): {parts}; "
        f"total {sum(best.values()) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--per-edit", type=int, default=40)
    parser.add_argument("--quick", action="store_true", help="fewer injections and passes")
    parser.add_argument(
        "--only",
        action="append",
        choices=("seeds", "bbc", "recall", "speed"),
        help="run only these parts (repeatable; default: all)",
    )
    args = parser.parse_args()
    parts = set(args.only or ("seeds", "bbc", "recall", "speed"))
    if "seeds" in parts:
        seeds(args.shared)
    files = sorted((args.shared / "corpora" / "bbc_news" / "articles").glob("*.txt"))
    docs = [read(p) for p in files]
    if "bbc" in parts:
        bbc(docs, args.sample)
    if "recall" in parts:
        per_edit = 10 if args.quick else args.per_edit
        pairs = ofac_pairs(args.shared)
        examples = ", ".join("/".join(p) for p in pairs[:4])
        print(f"\n  ({len(pairs)} OFAC transliteration pairs, e.g. {examples})")
        inside_recall(docs, pairs, per_edit)
        corpus_recall(docs, pairs, per_edit)
    if "speed" in parts:
        speed(docs, args.quick)


if __name__ == "__main__":
    main()
