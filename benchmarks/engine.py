"""Engine throughput on the BBC corpus: cold and warm runs, peak memory, one changed article.

Run by hand: ``python benchmarks/engine.py [--corpus DIR] [--jobs N] [--runs N]``. It copies
the corpus to a temporary folder (so one article can be changed), then times real ``newslint``
runs in subprocesses, process start included (bytecode cached, as installed), with every
offline rule on. Speed on a shared machine varies: cold runs are repeated (``--runs``, each
with an empty cache) and the best is quoted, with the load average; a last cold run with
``--timings`` shows where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc_news" / "articles"
)


#: newslint runs as an installed package does: with its bytecode cached (pip compiles it at
#: install). Where PYTHONDONTWRITEBYTECODE is set, every run would compile each module from
#: source again, about 0.25 s that no user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def newslint(args: list[str], cwd: Path) -> tuple[float, int, str, str]:
    """Run newslint; return wall seconds, exit code, stdout, stderr."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "newslint.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=ENV,
    )
    return time.perf_counter() - started, proc.returncode, proc.stdout, proc.stderr


def peak_rss_mb() -> float:
    """Peak resident memory of the largest finished child process, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="cold runs (the best is quoted)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        articles = work / "articles"
        shutil.copytree(args.corpus, articles)
        files = sorted(articles.glob("*.txt"))
        size_mb = sum(f.stat().st_size for f in files) / 1e6
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        common = ["check", "articles", "--format", "json", "--no-progress", "--exit-zero", *jobs]

        newslint(["rules"], work)  # imports every rule module once, caching its bytecode
        load_before = os.getloadavg()[0]
        colds = []
        for run in range(max(1, args.runs)):
            cache = ["--cache-dir", str(work / f"cache{run}")]
            seconds, code, out, err = newslint([*common, *cache], work)
            if code not in (0, 1):
                print(err, file=sys.stderr)
                return 2
            colds.append(seconds)
        cold = min(colds)
        found = json.loads(out)
        rss_cold = peak_rss_mb()
        warm, _, _, _ = newslint([*common, *cache], work)
        common = [*common, *cache]
        target = files[len(files) // 2]
        text = target.read_text("utf-8")
        target.write_text(text.replace(" the ", " teh ", 1), "utf-8")
        one = []
        for _ in range(3):
            seconds, _, out_one, _ = newslint(
                [
                    "check",
                    str(target.relative_to(work)),
                    "--corpus",
                    "articles",
                    "--format",
                    "json",
                    "--exit-zero",
                    *cache,
                ],
                work,
            )
            one.append(seconds)
        _, _, _, timings = newslint([*common, "--no-cache", "--timings"], work)
        load_after = os.getloadavg()[0]
        words = sum(len(f.read_text("utf-8").split()) for f in files)
    by_code: dict[str, int] = {}
    for finding in found:
        by_code[finding["code"]] = by_code.get(finding["code"], 0) + 1
    print(f"corpus: {len(files)} articles, {size_mb:.1f} MB, {words:,} words")
    print(
        f"cold run: {cold:.2f} s = {len(files) / cold:.0f} articles/s, {size_mb / cold:.2f} MB/s"
        f" (best of {len(colds)}: {', '.join(f'{c:.2f}' for c in colds)} s)"
    )
    print(f"warm run: {warm:.2f} s = {len(files) / warm:.0f} articles/s, {size_mb / warm:.2f} MB/s")
    print(f"peak RSS (largest process): {rss_cold:.0f} MB")
    print(
        f"one changed article against the corpus, warm cache: "
        f"{min(one):.2f} s best, {max(one):.2f} s worst of {len(one)} (process start included)"
    )
    print(f"findings: {len(found)} = {1000 * len(found) / words:.2f} per 1,000 words")
    for code, count in sorted(by_code.items()):
        print(f"  {code}: {count} ({1000 * count / words:.3f} per 1,000 words)")
    print(f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after")
    print("where a cold run spends its CPU (newslint --timings, seconds summed over processes):")
    rows = [line for line in timings.splitlines() if line.strip()]
    for line in rows[:13] + rows[-1:]:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
