"""The spelling family's data: look-ups in the installed lists and in the shipped pair file."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import random

import pytest

from newslint.rules import _spelling_context as context
from newslint.rules import _spelling_lexicon as lexicon


def _installed(package: str, *parts: str) -> str:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations
    return os.path.join(spec.submodule_search_locations[0], *parts)


def test_word_pair_file_matches_the_installed_symspellpy_counts() -> None:
    path = _installed("symspellpy", "frequency_bigramdictionary_en_243_342.txt")
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for line in random.Random(1).sample(lines, 3000) + lines[:5] + lines[-5:]:
        first, second, count = line.split()
        assert context.pair_count(first, second) == int(count), line
    assert context.pair_count("large", "pasts") == 0
    assert context.pair_count("zzzz", "a") == 0


def test_pyspellchecker_lookups_agree_with_its_json() -> None:
    path = _installed("spellchecker", "resources", "en.json.gz")
    with open(path, "rb") as handle:
        words = list(json.loads(gzip.decompress(handle.read())))
    sample = random.Random(2).sample(words, 3000) + words[:3] + words[-3:]
    assert all(lexicon.in_pyspell(w) for w in sample)
    assert not any(lexicon.in_pyspell(w + "qx") for w in sample[:300])


def test_codespell_lookups() -> None:
    assert lexicon.codespell_correction("teh") == "the"
    assert lexicon.codespell_correction("goverment") == "government"
    assert lexicon.codespell_correction("sould") is not None
    assert lexicon.codespell_correction("government") is None


@pytest.mark.parametrize(
    "word",
    [
        "colour",  # British spelling in the frequency list
        "renationalise",  # prefix + British -ise
        "travelling",  # British -ll-
        "wirelessly",  # suffix
        "reoffending",  # prefix
        "carmakers",  # closed compound
        "minister's",  # possessive
        "they'd",  # contraction
        "sceptics",  # British stem
        "olds",  # plural of a common word
    ],
)
def test_known_accepts_regular_formations(word: str) -> None:
    assert lexicon.known(word)


@pytest.mark.parametrize(
    "word",
    ["newpaper", "spokeman", "campain", "honourary", "attourney", "refugess", "reciporcal"],
)
def test_known_rejects_typos_that_look_like_formations(word: str) -> None:
    assert not lexicon.known(word)


def test_candidates_rank_the_intended_word_first() -> None:
    assert lexicon.best_candidates("reciporcal")[0] == "reciprocal"
    assert lexicon.best_candidates("recieved")[0] == "received"
    assert lexicon.best_candidates("upto")[0] == "up to"


def test_typing_distance_prefers_human_slips() -> None:
    assert lexicon.typing_distance("teh", "the") < lexicon.typing_distance("tqe", "the")
    assert lexicon.typing_distance("comming", "coming") < 1.0
    assert lexicon.typing_distance("xhe", "the") > lexicon.typing_distance("thw", "the")


def test_neighbour_index_and_generated_edits_agree() -> None:
    finder = lexicon._NeighbourFinder()
    words = random.Random(3).sample(list(lexicon.common_words()), 300) + ["pasts", "hte"]
    generated = [sorted(finder(w)) for w in words]
    finder.index = finder._build()
    assert [sorted(finder(w)) for w in words] == generated


# --- the speed-ups give the answers of the plain computations they replace -------------------


def test_long_tail_table_agrees_with_the_text_search() -> None:
    searching = lexicon._LongTail()
    searching.AFTER = 10**9  # never builds its table
    table = lexicon._LongTail._build()
    common = lexicon.common_words()
    tail = [w for w in table if w not in common]
    assert len(tail) == len(table) > 10_000
    for word in random.Random(5).sample(tail, 300) + ["zzqx", "he said", "", tail[0], tail[-1]]:
        assert searching.count(word) == int(table.get(word, "0")), word


def test_pyspell_members_agrees_with_in_pyspell() -> None:
    edits = set()
    for word in ("reciporcal", "goverment", "sharlpy", "naïve", "o'clock", "a"):
        edits |= lexicon.edits1(word)
    words = sorted(edits) + ["", "zzzz", "reciprocal", "government"]
    assert lexicon.pyspell_members(words) == {w for w in words if lexicon.in_pyspell(w)}


def _reference_typing_distance(typed: str, meant: str) -> float:
    """The weighted distance as first written: every cost computed in the inner loop."""
    n, m = len(typed), len(meant)
    previous2: list[float] = []
    previous = [j * 1.0 for j in range(m + 1)]
    for i in range(1, n + 1):
        current = [i * 1.0] + [0.0] * m
        ti = typed[i - 1]
        for j in range(1, m + 1):
            mj = meant[j - 1]
            cost = previous[j - 1] + (0.0 if ti == mj else lexicon._substitution_cost(ti, mj))
            delete = 0.5 if (i >= 2 and typed[i - 2] == ti) or (i < n and typed[i] == ti) else 1.0
            insert = 0.5 if (j >= 2 and meant[j - 2] == mj) or (j < m and meant[j] == mj) else 1.0
            cost = min(cost, previous[j] + delete, current[j - 1] + insert)
            if i > 1 and j > 1 and ti == meant[j - 2] and typed[i - 2] == mj:
                cost = min(cost, previous2[j - 2] + 0.6)
            current[j] = cost
        previous2, previous = previous, current
    return previous[m] + (0.5 if typed[:1] != meant[:1] else 0.0)


def test_typing_distance_matches_the_reference_exactly() -> None:
    rng = random.Random(6)
    words = list(lexicon.common_words())[:5000]
    pairs = [("", ""), ("", "a"), ("a", ""), ("aa", "a"), ("teh", "the"), ("é", "e")]
    for _ in range(3000):
        typed = rng.choice(words)
        near = rng.random() < 0.7
        meant = rng.choice(sorted(lexicon.edits1(typed))) if near else rng.choice(words)
        pairs.append((typed, meant))
    for typed, meant in pairs:
        assert lexicon.typing_distance(typed, meant) == _reference_typing_distance(typed, meant)


def test_frequent_within_agrees_with_a_full_scan() -> None:
    from rapidfuzz.distance import OSA

    floor = 20_000_000
    strong = [w for w, count in lexicon.common_words().items() if int(count) >= floor]
    for word in ["dudek", "depor", "brentford", "goverment", "zzzzzz", "ab", "kweyris", "teh"]:
        expected = any(OSA.distance(word, w) <= 2 for w in strong)
        assert lexicon.frequent_within(word, floor, 2) == expected, word
