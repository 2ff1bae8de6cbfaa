"""Fit the suggestion ranking's weights (``_spelling_suggest.WEIGHTS``) on one half of a list.

    python tools/fit_suggestion_weights.py [--sample N]

Reads ../shared (NEWSLINT_SHARED overrides): the BBC articles and Mitton's Birkbeck list of
misspellings (``mitton_spelling_corpora/pairs.tsv``; not redistributable, so it is read
here and never copied into the repository). As ``benchmarks/spelling.py`` does, each
misspelling replaces its intended word in a BBC sentence; T002 judges the sentence, and for
each flagged misspelling the suggestion search lists its candidates with their ``FEATURES``.

The weights are fitted on the **training half** only: the misspellings whose CRC-32 is even.
The model is a conditional logit (the candidates of one misspelling compete in a softmax;
the intended word should win), fitted by Newton's method with a small L2 penalty. The script
prints the weights (paste them into ``WEIGHTS``) and how often the intended word comes first
on the training half and on the held-out half (odd CRC-32); the benchmark reports the other
lists (Aspell, Holbrook, Wikipedia), which nothing was fitted on.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import spelling as bench  # noqa: E402  (benchmarks/spelling.py: corpora and injection)

from newslint.rules import _spelling_lexicon as lexicon  # noqa: E402
from newslint.rules import _spelling_suggest as suggest  # noqa: E402
from newslint.testing import document  # noqa: E402

#: L2 penalty on the weights (per item, summed)
PENALTY = 0.5


def training_half(wrong: str) -> bool:
    """The split: a misspelling is in the training half when its CRC-32 is even."""
    return zlib.crc32(wrong.encode("utf-8")) % 2 == 0


def examples(sample: int) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(misspelling, candidate features, is-intended flags) for flagged T002 misspellings."""
    docs = bench.bbc_documents()
    index = bench.sentence_index(docs)
    rng = random.Random(3)
    pairs = [
        (w, r)
        for w, r in bench.misspelling_pairs("birbeck.dat")
        if w.isalpha() and w.islower() and all(x.isalpha() and x.islower() for x in r)
    ]
    rng.shuffle(pairs)
    out = []
    for wrong, rights in pairs[: sample * 3]:
        if len(out) >= sample:
            break
        if lexicon.known(wrong) or not index.get(rights[0]):
            continue
        sentence = rng.choice(index[rights[0]])
        match = rng.choice(list(re.finditer(rf"\b{rights[0]}\b", sentence)))
        text = sentence[: match.start()] + wrong + sentence[match.end() :]
        found = [
            d
            for d in bench.run_rules(document(f"Headline\n\n{text}\n"), (bench.T.UnknownWord,))
            if d.span.start == len("Headline\n\n") + match.start()
        ]
        if not found:
            continue
        _, flagged, before, after = bench.suggestion_inputs(wrong, text, match.start())
        typing = {c.word: c.distance for c in flagged}
        keep = set(typing) | set(suggest.phonetic_neighbours(wrong))
        keep |= set(suggest.near_phonetic_neighbours(wrong))
        names = suggest._shortlist(wrong, suggest._pool(wrong) - keep, keep)
        x = np.array([suggest.features(wrong, c, before, after, typing.get(c)) for c in names])
        y = np.array([c in rights for c in names])
        out.append((wrong, x, y))
    return out


def fit(data: list[tuple[str, np.ndarray, np.ndarray]]) -> np.ndarray:
    """Newton's method on the conditional logit's penalised log-likelihood."""
    k = len(suggest.FEATURES)
    w = np.zeros(k)
    usable = [(x, int(np.argmax(y))) for _, x, y in data if y.any()]
    for _ in range(30):
        gradient = -2 * PENALTY * w
        hessian = -2 * PENALTY * np.eye(k)
        for x, target in usable:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            mean = p @ x
            gradient += x[target] - mean
            hessian -= (x * p[:, None]).T @ x - np.outer(mean, mean)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def first_right(data: list[tuple[str, np.ndarray, np.ndarray]], w: np.ndarray) -> float:
    right = sum(bool(len(y) and y[int(np.argmax(x @ w))]) for _, x, y in data)
    return right / max(1, len(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=8000, help="flagged misspellings to use")
    args = parser.parse_args()
    data = examples(args.sample)
    train = [d for d in data if training_half(d[0])]
    held = [d for d in data if not training_half(d[0])]
    w = fit(train)
    print("WEIGHTS = (")
    for name, value in zip(suggest.FEATURES, w, strict=True):
        print(f"    {value:.3f},  # {name}")
    print(")")
    shipped = np.array(suggest.WEIGHTS)
    for label, part in (("training half", train), ("held-out half", held)):
        line = f"{label}: {len(part)} flagged misspellings, first right {first_right(part, w):.1%}"
        if len(shipped) == len(w):
            line += f" (shipped weights {first_right(part, shipped):.1%})"
        print(line)


if __name__ == "__main__":
    main()
