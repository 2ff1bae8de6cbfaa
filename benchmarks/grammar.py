"""The G rules (LanguageTool): cost when off, adapter overhead, findings per 1,000 words.

Run by hand from the repository root: ``python benchmarks/grammar.py [--limit N]``.

1. LanguageTool off (the default): what the four G rules cost per BBC article (they must be
   free: no import of the backend, no network).
2. The adapter against the replay server (``tests/backends/lt_replay.py``) on the real
   LanguageTool 6.3 answers recorded for 17 BBC articles and the two seeds: time per article
   through real HTTP on 127.0.0.1, cold and with the per-paragraph cache warm, and findings per
   1,000 words by code with the default configuration.
3. With ``NEWSLINT_LANGUAGETOOL_URL`` set: the same figures against that real server on the
   first ``--limit`` BBC articles (default 200).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "bbc_news" / "articles"
RECORDED = SHARED / "languagetool" / "recorded"


def _settings(table: dict) -> object:
    from newslint.rule import Settings

    return Settings(extra={"languagetool": table})


def _run(docs: list, table: dict) -> tuple[list, float]:
    from newslint.rules.grammar import (
        LanguageToolGrammar,
        LanguageToolOther,
        LanguageToolPunctuation,
        LanguageToolStyle,
    )
    from newslint.testing import options_for

    found = []
    started = time.perf_counter()
    for rule in (
        LanguageToolGrammar,
        LanguageToolPunctuation,
        LanguageToolStyle,
        LanguageToolOther,
    ):
        options = options_for(rule, {}, _settings(table))
        for doc in docs:
            found.extend(rule().check(doc, options))
    return found, time.perf_counter() - started


def _report(found: list, words: int, label: str) -> None:
    by_code = Counter(d.code for d in found)
    by_rule = Counter((d.code, dict(d.data)["languagetool_rule"]) for d in found)
    print(f"  {label}: {len(found)} findings in {words} words = "
          f"{1000 * len(found) / max(words, 1):.2f} per 1,000 words")  # fmt: skip
    for code in sorted(by_code):
        print(
            f"    {code}: {by_code[code]} ({1000 * by_code[code] / max(words, 1):.2f} / 1k words)"
        )
    for (code, rule), count in by_rule.most_common(12):
        print(f"      {code} {rule}: {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=200, help="articles for the real server")
    args = parser.parse_args()

    from newslint.testing import document

    paths = sorted(BBC.glob("*.txt"))
    if not paths:
        sys.exit(f"no BBC articles under {BBC}")
    started = time.perf_counter()
    import newslint.rules.grammar  # noqa: F401  # the import every run pays

    print(f"import newslint.rules.grammar: {1000 * (time.perf_counter() - started):.1f} ms")
    docs = [document(p.read_text("utf-8"), p.name) for p in paths]
    found, seconds = _run(docs, {})
    assert not found and "newslint.backends.languagetool" not in sys.modules
    print(f"1. off: {len(docs)} articles x 4 G rules in {1000 * seconds:.1f} ms "
          f"({1e6 * seconds / len(docs):.1f} us per article); backend not imported")  # fmt: skip

    from newslint.backends import languagetool as lt
    from tests.backends.lt_replay import ReplayServer

    recordings = []
    for path in sorted(RECORDED.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        source = isinstance(data, dict) and data.get("request", {}).get("source_file")
        if source and "level" not in data["request"]["params"]:
            recordings.append((data, SHARED / source))
    print(f"2. replay server, {len(recordings)} recorded articles (BBC and seeds):")
    for label, keep in (("BBC", "bbc_news"), ("seeds", "seeds")):
        chosen = [(r, p) for r, p in recordings if keep in str(p)]
        rdocs = [document(p.read_text("utf-8"), p.name) for _, p in chosen]
        words = sum(d.word_count() for d in rdocs)
        lt.reset_state()
        with ReplayServer([r for r, _ in chosen]) as server:
            table = {"url": server.url}
            found, cold = _run(rdocs, table)
            _, warm = _run(rdocs, table)
            requests = len(server.requests)
        print(f"  {label}: {len(rdocs)} articles, {requests} requests; "
              f"cold {1000 * cold / len(rdocs):.1f} ms/article, "
              f"warm cache {1000 * warm / len(rdocs):.2f} ms/article")  # fmt: skip
        _report(found, words, f"{label}, default config")

    url = os.environ.get(lt.ENV_URL)
    if not url:
        print(f"3. skipped: set {lt.ENV_URL} to a LanguageTool server to measure the corpus")
        return
    lt.reset_state()
    sample = docs[: args.limit]
    words = sum(d.word_count() for d in sample)
    found, seconds = _run(sample, {"url": url, "timeout": 60})
    client = lt.client_for(url)
    print(f"3. {url}: {len(sample)} BBC articles in {seconds:.1f} s "
          f"({1000 * seconds / len(sample):.0f} ms/article), "
          f"{client.requests} requests, LanguageTool {client.version}")  # fmt: skip
    _report(found, words, "BBC, default config")


if __name__ == "__main__":
    main()
