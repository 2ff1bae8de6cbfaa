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
