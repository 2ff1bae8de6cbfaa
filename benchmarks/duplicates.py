"""Figures for the H (headlines), D (duplicated content) and S (boilerplate) families.

Run by hand from the repository root: ``python benchmarks/duplicates.py`` (add ``--quick`` to
skip the 10x ABC run). Reads ../shared (or $NEWSLINT_SHARED) and prints:

1. the findings on the two seed articles, with their related locations;
2. on the BBC corpus: cost per article of every rule, size and load time of the corpus facts,
   judge time over the whole corpus and for one target article, findings per 1,000 words,
   and precision and recall of H and D against ``manifest.tsv``;
3. on the ABC headlines: every repeat of ``duplicate_headlines.tsv`` found, and time and peak
   memory to judge the 49,999 headlines as a corpus, then ten times as many (the file repeated
   with new record ids), each in a fresh process.
"""

from __future__ import annotations

import csv
import json
import os
import pickle
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "bbc_news"
ABC = SHARED / "corpora" / "abc_headlines_sample"
CORPUS_CODES = ("H002", "H003", "D002", "D003")
DOCUMENT_CODES = ("H001", "D001", "S001", "S002", "S003", "S004", "S005", "S006")


def rules(codes):
    from newslint.registry import load_registry

    registry = load_registry()
    return [registry.get(code) for code in codes]


def cpu() -> float:
    return time.process_time()


def line(diagnostic) -> str:
    related = ", ".join(f"{r.span.path}:{r.span.line}" for r in diagnostic.related)
    where = f"{diagnostic.path}:{diagnostic.span.line}"
    return f"  {diagnostic.code} {where:34} {diagnostic.message}" + (
        f"  [related: {related}]" if related else ""
    )


# 1. Seeds ------------------------------------------------------------------------------------


def seeds() -> None:
    from newslint.testing import check, check_corpus

    print("== Seeds (../shared/seeds, judged as one corpus)")
    articles = {p.name: p.read_bytes() for p in sorted((SHARED / "seeds").glob("*.txt"))}
    for rule in rules(DOCUMENT_CODES + CORPUS_CODES):
        if rule.is_corpus_rule():
            found = check_corpus(rule, articles)
        else:
            found = [d for name, text in articles.items() for d in check(rule, text, path=name)]
        for diagnostic in found:
            print(line(diagnostic))
    print()


# 2. BBC --------------------------------------------------------------------------------------


def bbc() -> None:
    from newslint.rule import CorpusFacts
    from newslint.testing import documents, options_for

    print("== BBC News (2,225 articles)")
    manifest = list(csv.DictReader((BBC / "manifest.tsv").open(encoding="utf-8"), delimiter="\t"))
    start = cpu()
    docs = [documents((BBC / r["file"]).read_bytes(), r["id"] + ".txt")[0] for r in manifest]
    print(f"read {len(docs)} articles in {cpu() - start:.2f} s CPU (the plain-text reader)")
    words = sum(d.word_count() for d in docs)
    rng = random.Random(4)
    sample_targets = rng.sample([d.key for d in docs], 25)

    print(f"\n{'rule':6} {'ms/article':>10} {'findings':>9} {'per 1k words':>12}")
    for rule in rules(DOCUMENT_CODES):
        options = options_for(rule)
        instance = rule()
        start = cpu()
        found = [d for doc in docs for d in instance.check(doc, options)]
        elapsed = cpu() - start
        print(
            f"{rule.code:6} {elapsed * 1000 / len(docs):10.3f} {len(found):9} "
            f"{len(found) * 1000 / words:12.4f}"
        )

    print(
        f"\n{'rule':6} {'collect':>10} {'facts':>8} {'unpickle':>9} {'judge all':>10} "
        f"{'judge one':>10} {'findings':>9} {'per 1k words':>12}"
    )
    print(f"{'':6} {'ms/article':>10} {'MB':>8} {'ms':>9} {'s':>10} {'ms (median)':>10}")
    results = {}
    for rule in rules(CORPUS_CODES):
        options = options_for(rule, {"max-related": 100})
        instance = rule()
        start = cpu()
        facts = {doc.key: instance.collect(doc, options) for doc in docs}
        collect = cpu() - start
        blob = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
        loads = []
        for _ in range(3):
            start = cpu()
            pickle.loads(blob)
            loads.append(cpu() - start)
        start = cpu()
        found = list(instance.judge(CorpusFacts(facts, frozenset(facts)), options))
        judge_all = cpu() - start
        ones = []
        for target in sample_targets:
            start = cpu()
            list(instance.judge(CorpusFacts(facts, frozenset([target])), options))
            ones.append(cpu() - start)
        results[rule.code] = found
        print(
            f"{rule.code:6} {collect * 1000 / len(docs):10.3f} {len(blob) / 1e6:8.2f} "
            f"{min(loads) * 1000:9.1f} {judge_all:10.2f} {statistics.median(ones) * 1000:10.1f} "
            f"{len(found):9} {len(found) * 1000 / words:12.4f}"
        )
    print("(times are CPU seconds of this process; 'judge one' is one target article against")
    print(" the other 2,224 articles' facts, the median over 25 random targets)")
    evaluate_bbc(manifest, docs, results)


def pairs_of(found) -> set[tuple[str, str]]:
    return {tuple(sorted((d.path, r.span.path))) for d in found for r in d.related}


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def evaluate_bbc(manifest, docs, results) -> None:
    from newslint.rules._duplication import normalise
    from newslint.rules.duplicates import CopiedParagraph
    from newslint.testing import options_for

    headline_of = {r["id"] + ".txt": r["headline"] for r in manifest}
    same_headline = set()
    groups = defaultdict(list)
    for r in manifest:
        groups[r["headline"]].append(r["id"] + ".txt")
    for members in groups.values():
        same_headline |= {(a, b) for a in members for b in members if a < b}
    identical = {
        tuple(sorted((r["id"] + ".txt", other + ".txt")))
        for r in manifest
        for other in r["identical_body_ids"].split(",")
        if other
    }
    retitled = {p for p in identical if headline_of[p[0]] != headline_of[p[1]]}

    print("\nPrecision and recall against manifest.tsv (pairs of articles)")
    h2, h3 = pairs_of(results["H002"]), pairs_of(results["H003"])
    print(f"  H002 vs same headline ({len(same_headline)} pairs):")
    print(f"    precision {ratio(len(h2 & same_headline), len(h2))}")
    print(f"    recall    {ratio(len(h2 & same_headline), len(same_headline))}")
    for a, b in sorted(h2 - same_headline):
        print(f"    extra: {a} {headline_of[a]!r} / {b} {headline_of[b]!r}")
    print(f"  H003 vs identical body under another headline ({len(retitled)} pairs):")
    print(f"    precision {ratio(len(h3 & retitled), len(h3))}")
    print(f"    recall    {ratio(len(h3 & retitled), len(retitled))}")
    for a, b in sorted(h3 - retitled):
        print(f"    extra: {a} {headline_of[a]!r} / {b} {headline_of[b]!r}")
    truth, predicted = same_headline | retitled, h2 | h3
    print(f"  H002+H003 vs same headline or retitled identical body ({len(truth)} pairs):")
    print(f"    precision {ratio(len(predicted & truth), len(predicted))}")
    print(f"    recall    {ratio(len(predicted & truth), len(truth))}")
    missed = sorted(retitled - predicted)
    print(
        f"    missed ({len(missed)}): "
        + "; ".join(f"{headline_of[a]!r}/{headline_of[b]!r}" for a, b in missed[:8])
        + " ..."
    )

    options = options_for(CopiedParagraph)
    # D002's facts hold a 64-bit text hash per paragraph.
    counted = {
        doc.key: len((CopiedParagraph().collect(doc, options) or ("", None, b""))[2]) // 8
        for doc in docs
    }
    whole = {
        tuple(sorted((d.path, r.span.path)))
        for d in results["D002"]
        if dict(d.data)["paragraphs"] == counted[d.path]
        for r in d.related
    }
    linked = pairs_of(results["D002"])
    print(f"  D002 whole body copied vs identical bodies ({len(identical)} pairs):")
    print(f"    precision {ratio(len(whole & identical), len(whole))}")
    print(f"    recall    {ratio(len(whole & identical), len(identical))}")
    by_key = {doc.key: doc for doc in docs}
    for a, b in sorted(whole - identical):
        body_a = [normalise(x.text) for x in by_key[a].paragraphs]
        body_b = [normalise(x.text) for x in by_key[b].paragraphs]
        if body_a == body_b:
            why = "bodies equal once case, quotes and punctuation are normalised"
        elif set(body_a) <= set(body_b) or set(body_b) <= set(body_a):
            why = "one body is contained in the other"
        else:
            why = "most paragraphs copied"
        print(f"    extra: {a} / {b}: {why}")
    print(
        f"    pairs with any copied paragraph: {len(linked)}, of which identical bodies "
        f"{len(linked & identical)}; the other {len(linked - identical)} share some "
        "paragraphs word for word (real copies, not listed in the manifest)"
    )
    d3 = pairs_of(results["D003"])
    scores = Counter(round(dict(d.data)["similarity"], 1) for d in results["D003"])
    print(
        f"  D003: {len(results['D003'])} paragraphs in {len(d3)} article pairs; "
        f"{len(d3 & identical)} pairs are identical bodies (a paragraph reworded elsewhere); "
        f"similarity histogram {dict(sorted(scores.items()))}"
    )
    rng = random.Random(7)
    print("  D003 sample for hand-checking:")
    for d in rng.sample(results["D003"], min(6, len(results["D003"]))):
        # Facts keep no paragraph text (the engine reads it back): read it from the articles.
        r = d.related[0]
        text = by_key[d.path].source[d.span.start : d.span.end]
        other = by_key[r.span.path].source[r.span.start : r.span.end]
        print(f"    {dict(d.data)['similarity']:.2f} {d.path}:{d.span.line} {text[:90]!r}")
        print(f"         {r.span.path}:{r.span.line} {other[:90]!r}")


# 3. ABC headlines ------------------------------------------------------------------------------


def abc_documents(copies: int):
    """Documents with a headline block only, sharing one source text and LineIndex."""
    from newslint.document import Block, Document, LineIndex

    rows = (next(ABC.glob("abcnews-date-text*.csv"))).read_text("utf-8").splitlines()
    header, body = rows[0], rows[1:]
    text = "\n".join([header] + body * copies) + "\n"
    index = LineIndex(text)
    offset = len(header) + 1
    for number in range(len(body) * copies):
        row = body[number % len(body)]
        comma = row.index(",")
        yield Document(
            path="abc.csv",
            source=text,
            format="csv",
            headline=Block("headline", row[comma + 1 :], offset + comma + 1),
            record=f"row {number + 1}",
            _line_index=index,
        )
        offset += len(row) + 1


def abc_worker(copies: int) -> None:
    """One measured run (in its own process, for a clean peak memory)."""
    from newslint.rule import CorpusFacts
    from newslint.testing import options_for

    started = time.perf_counter()
    selected = rules(CORPUS_CODES + ("H001", "D001"))
    corpus_rules = [r for r in selected if r.is_corpus_rule()]
    options = {r.code: options_for(r) for r in selected}
    facts = {r.code: {} for r in corpus_rules}
    instances = {r.code: r() for r in selected}
    document_findings = 0
    start = cpu()
    count = 0
    for doc in abc_documents(copies):
        count += 1
        for rule in selected:
            if rule.is_corpus_rule():
                facts[rule.code][doc.key] = instances[rule.code].collect(doc, options[rule.code])
            else:
                document_findings += len(list(instances[rule.code].check(doc, options[rule.code])))
    collect = cpu() - start
    out = {"articles": count, "collect": collect, "judge": {}, "findings": {}}
    for rule in corpus_rules:
        start = cpu()
        found = list(
            instances[rule.code].judge(
                CorpusFacts(facts[rule.code], frozenset(facts[rule.code])), options[rule.code]
            )
        )
        out["judge"][rule.code] = cpu() - start
        out["findings"][rule.code] = len(found)
        if rule.code == "H002":
            out["h002"] = [[d.span.record, d.span.text] for d in found] if copies == 1 else []
        if rule.code == "H003":
            kinds = Counter(dict(d.data)["kind"] for d in found)
            out["h003_kinds"] = dict(kinds)
            out["h003_sample"] = [
                [d.span.text, d.related[0].span.text] for d in found[:: max(1, len(found) // 8)]
            ][:8]
    out["document_findings"] = document_findings
    out["wall"] = time.perf_counter() - started
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def abc(quick: bool) -> None:
    print("== ABC headlines (49,999 rows; headline-only Documents built directly)")
    listed = list(csv.DictReader((ABC / "duplicate_headlines.tsv").open(), delimiter="\t"))
    runs = {}
    for copies in (1,) if quick else (1, 10):
        result = subprocess.run(
            [sys.executable, __file__, "--abc-worker", str(copies)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs[copies] = json.loads(result.stdout.strip().splitlines()[-1])
    first = runs[1]
    flagged = defaultdict(int)
    for _, text in first["h002"]:
        flagged[text] += 1
    complete = sum(1 for r in listed if flagged.get(r["headline_text"]) == int(r["count"]))
    rows = sum(int(r["count"]) for r in listed)
    extra = sorted(set(flagged) - {r["headline_text"] for r in listed})
    print(
        f"H002: {complete} of {len(listed)} listed repeats found with every one of their "
        f"rows ({sum(flagged.values())} rows flagged, {rows} listed); unlisted groups "
        f"flagged: {len(extra)} {extra[:5]}"
    )
    print(f"H003 kinds: {first['h003_kinds']} (headline-only: word changes are not reported)")
    for a, b in first["h003_sample"]:
        print(f"    {a!r} ~ {b!r}")
    print(f"H001/D001 findings on headline-only rows: {first['document_findings']}")
    print(
        f"\n{'copies':>6} {'articles':>9} {'collect s':>10} "
        + " ".join(f"{code + ' s':>8}" for code in CORPUS_CODES)
        + f" {'total s':>8} {'wall s':>7} {'peak MB':>8}"
    )
    for copies, run in runs.items():
        judged = sum(run["judge"].values())
        print(
            f"{copies:6} {run['articles']:9} {run['collect']:10.2f} "
            + " ".join(f"{run['judge'][code]:8.2f}" for code in CORPUS_CODES)
            + f" {run['collect'] + judged:8.2f} {run['wall']:7.1f} {run['peak_mb']:8.0f}"
        )
    if 10 in runs:
        one, ten = runs[1], runs[10]
        total = lambda run: run["collect"] + sum(run["judge"].values())  # noqa: E731
        print(
            f"growth for 10x the articles: time x{total(ten) / total(one):.1f} "
            f"(judge H002 x{ten['judge']['H002'] / one['judge']['H002']:.1f}, "
            f"H003 x{ten['judge']['H003'] / one['judge']['H003']:.1f}), "
            f"peak memory x{ten['peak_mb'] / one['peak_mb']:.1f}; "
            f"H002 findings {ten['findings']['H002']} (every row), "
            f"H003 findings {ten['findings']['H003']} "
            f"(x{ten['findings']['H003'] / max(1, one['findings']['H003']):.0f})"
        )
        per_finding = ten["judge"]["H002"] / ten["findings"]["H002"] * 1e6
        print(
            f"H002 judge grows with its output: at 10x every one of the "
            f"{ten['findings']['H002']} rows is a repeat, {per_finding:.0f} us per finding"
        )
    print("(CPU seconds; peak memory is the worker process's maximum resident set, Python and")
    print(" the shared source text included)")


def startup() -> None:
    code = (
        "import time; t = time.perf_counter();"
        "import newslint.rules.headlines, newslint.rules.duplicates, newslint.rules.boilerplate,"
        "newslint.kinds.existence, newslint.kinds.substitution;"
        "print(round((time.perf_counter() - t) * 1000, 1))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    print(
        f"== Start-up: importing the H, D and S modules takes {out.stdout.strip()} ms "
        "(rapidfuzz loads only when D003 or H003 verifies a candidate)\n"
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--abc-worker":
        abc_worker(int(sys.argv[2]))
        return
    if not SHARED.exists():
        sys.exit(f"{SHARED} is absent: the benchmark needs ../shared")
    startup()
    seeds()
    bbc()
    print()
    abc(quick="--quick" in sys.argv)


if __name__ == "__main__":
    main()
