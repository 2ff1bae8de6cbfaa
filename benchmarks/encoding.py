"""Figures for the E family (encoding and typography artefacts), printed for issue #6.

Run by hand: ``python benchmarks/encoding.py`` (reads ../shared/corpora and ../shared/seeds;
``--list`` prints every BBC finding for hand-checking). Prints:

1. ftfy's own test cases: how many cases ftfy repairs, how many E001 finds (and E004 for the
   C1-only ones), and findings on the negative cases;
2. the seeds: every E finding, and whether fixing 001 changes only the flagged bytes;
3. the BBC corpus: E findings per 1,000 words with the default rules (and with E011 opted in),
   by code, and every finding with its context with ``--list``;
4. E006 recall on glued sentences made from the BBC corpus: 2,000 real sentence boundaries
   ("word. Next"), sampled with a fixed seed, each glued alone (the space dropped) in its own
   article, and whether E006 flags that very place (``--list`` prints the misses);
5. speed: the E rules per article, warm, and the start-up cost of the family in a new process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))

from newslint.diagnostic import Diagnostic  # noqa: E402
from newslint.fixes import apply_fixes  # noqa: E402
from newslint.registry import load_registry  # noqa: E402
from newslint.testing import document, options_for  # noqa: E402

E_RULES = [r for r in load_registry() if r.code.startswith("E")]
DEFAULT = [r for r in E_RULES if r.default_enabled]


def lint(doc, rules) -> list[Diagnostic]:
    """The findings of ``rules`` on one Document, in source order."""
    found = [d for rule in rules for d in rule().check(doc, options_for(rule))]
    return sorted(found, key=Diagnostic.sort_key)


def ftfy_cases() -> None:
    """Section 1: ftfy's test cases."""
    import ftfy

    by_code = {r.code: r for r in E_RULES}
    print("== ftfy test cases (../shared/corpora/ftfy_test_cases)")
    print(
        f"{'file':22} {'cases':>5} {'ftfy repairs':>12} {'E001 finds':>10} "
        f"{'E004 C1 only':>12} {'missed':>6} {'E001 on unrepaired':>18}"
    )
    folder = SHARED / "corpora" / "ftfy_test_cases"
    for name in (
        "in-the-wild.json",
        "synthetic.json",
        "language-names.json",
        "negative.json",
        "known-failures.json",
    ):
        cases = json.loads((folder / name).read_text("utf-8"))
        repaired = found = c1_only = missed = false_alarms = 0
        for case in cases:
            original = case["original"]
            doc = document(f"Headline\n{original}\n")
            mojibake = lint(doc, [by_code["E001"]])
            does = ftfy.fix_encoding(original) != original
            if does and case["expect"] == "pass":
                repaired += 1
                if mojibake:
                    found += 1
                elif any("C1" in d.message for d in lint(doc, [by_code["E004"]])):
                    c1_only += 1
                else:
                    missed += 1
            elif mojibake and not does:
                false_alarms += 1
        print(
            f"{name:22} {len(cases):>5} {repaired:>12} {found:>10} {c1_only:>12} "
            f"{missed:>6} {false_alarms:>18}"
        )
    negatives = json.loads((folder / "negative.json").read_text("utf-8"))
    print("negative cases with a default E finding (not mojibake: other artefacts they hold):")
    for case in negatives:
        for d in lint(document(f"H\n{case['original']}\n"), DEFAULT):
            print(f"  {d.code} {case['original'][:40]!r}: {d.message}")
    print()


def seeds() -> None:
    """Section 2: the seeds, and fixing 001."""
    print("== seeds")
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        doc = document(path.read_bytes(), str(path))
        found = lint(doc, DEFAULT)
        print(f"{path.name}: {len(found)} findings")
        for d in found:
            print(f"  {d.span.line}:{d.span.column} {d.code} {d.message}")
        result = apply_fixes(doc.source, found)
        edits = sorted((e for d in result.fixed for e in d.fix.edits), key=lambda e: e.start)
        outside_equal, cursor, out = True, 0, 0
        for edit in edits:
            gap = edit.start - cursor
            outside_equal &= result.text[out : out + gap] == doc.source[cursor : edit.start]
            out += gap + len(edit.replacement)
            cursor = edit.end
        outside_equal &= result.text[out:] == doc.source[cursor:]
        left = lint(document(result.text), DEFAULT)
        print(
            f"  fix: {len(result.fixed)} applied, text outside the edits unchanged: "
            f"{outside_equal}, findings left after fixing: {len(left)}"
        )
    print()


def bbc(show: bool) -> None:
    """Section 3: findings per 1,000 words on the BBC corpus."""
    paths = sorted((SHARED / "corpora" / "bbc_news" / "articles").glob("*.txt"))
    docs = [document(p.read_bytes(), str(p)) for p in paths]
    words = sum(d.word_count() for d in docs)
    print(f"== BBC news: {len(docs)} articles, {words:,} words")
    for label, rules in (
        ("default E rules", DEFAULT),
        ("all E rules (E010, E011 opted in)", E_RULES),
    ):
        found = [d for doc in docs for d in lint(doc, rules)]
        counts = Counter(d.code for d in found)
        rate = len(found) * 1000 / words
        print(
            f"{label}: {len(found)} findings, {rate:.3f} per 1,000 words; "
            + ", ".join(f"{c} {n}" for c, n in sorted(counts.items()))
        )
        if show and rules is DEFAULT:
            for d in found:
                source = Path(d.path).read_text("utf-8")
                line = source.split("\n")[d.span.line - 1]
                col = d.span.column - 1
                context = line[max(0, col - 50) : col] + "⟦" + d.span.text + "⟧"
                context += line[col + len(d.span.text) : col + len(d.span.text) + 30]
                print(f"  {Path(d.path).name}:{d.span.line}:{d.span.column} {d.code} {context!r}")
    fixable = [d for doc in docs for d in lint(doc, DEFAULT) if d.fix and d.fix.safety == "safe"]
    print(f"safe fixes offered: {len(fixable)}")
    print()


def glued_recall(show: bool) -> None:
    """Section 4: E006 recall on real sentence boundaries glued one at a time."""
    by_code = {r.code: r for r in E_RULES}
    rule, options = by_code["E006"], options_for(by_code["E006"])
    paths = sorted((SHARED / "corpora" / "bbc_news" / "articles").glob("*.txt"))
    texts = {p: p.read_text("utf-8") for p in paths}
    boundaries = [
        (p, m.end())
        for p, text in texts.items()
        for m in re.finditer(r"(?<=\w)[.!?][\"']? (?=[A-Z][a-z])", text)
    ]
    sample = random.Random(11).sample(boundaries, 2000)
    missed = []
    for path, end in sample:
        text = texts[path]
        glued = text[: end - 1] + text[end:]
        at = end - 1
        found = rule().check(document(glued, str(path)), options)
        if not any(d.span.start <= at <= d.span.end for d in found):
            missed.append(glued[max(0, at - 30) : at + 15])
    hit = len(sample) - len(missed)
    print(f"== E006 on {len(sample)} BBC sentence boundaries glued one at a time")
    print(f"recall {hit / len(sample):.3f} ({hit}/{len(sample)})")
    if show:
        for context in missed:
            print(f"  missed: {context!r}")
    print()


def speed() -> None:
    """Section 5: warm time per article and the cold start-up cost of the family."""
    paths = sorted((SHARED / "corpora" / "bbc_news" / "articles").glob("*.txt"))
    docs = [document(p.read_bytes(), str(p)) for p in paths]
    print("== speed (warm, per article, best of 3 passes over the BBC corpus)")
    total = 0.0
    for rule in DEFAULT:
        instance, options = rule(), options_for(rule)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for doc in docs:
                for _d in instance.check(doc, options):
                    pass
            best = min(best, time.perf_counter() - start)
        total += best
        print(f"  {rule.code} {rule.name:24} {best / len(docs) * 1e6:7.1f} us")
    print(
        f"  all default E rules: {total / len(docs) * 1e6:.1f} us per article "
        f"({len(docs) / total:,.0f} articles/s on one core)"
    )
    probe = (
        "import time; t = time.perf_counter(); "
        "from newslint.registry import load_registry; from newslint.testing import document, "
        "options_for; rules = [r for r in load_registry() if r.code.startswith('E')]; "
        "t1 = time.perf_counter(); "
        f"doc = document(open({str(paths[0])!r}, 'rb').read()); "
        "[list(r().check(doc, options_for(r))) for r in rules]; "
        "t2 = time.perf_counter(); "
        "doc = document('Headline\\nThe cafÃ© owner.\\n'); "
        "[list(r().check(doc, options_for(r))) for r in rules]; "
        "t3 = time.perf_counter(); "
        "print(f'{(t2 - t1) * 1000:.1f} {(t3 - t2) * 1000:.1f}')"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    clean, mojibake = out.stdout.split()
    print(
        f"  cold, new process: first clean article {clean} ms (ftfy not imported); "
        f"first article with mojibake {mojibake} ms (imports ftfy)"
    )
    print()


def main() -> None:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every BBC finding")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"{SHARED} is absent: the benchmark needs ../shared")
    ftfy_cases()
    seeds()
    bbc(args.list)
    glued_recall(args.list)
    speed()


if __name__ == "__main__":
    main()
