"""T002's suggestion ranking (``_spelling_suggest``): candidates, error model, context.

The sentences are written for these tests.
"""

from __future__ import annotations

import random

import pytest

from newslint.rules import _spelling_lexicon as lexicon
from newslint.rules import _spelling_suggest as suggest
from newslint.rules import spelling as T
from newslint.testing import check


def suggestions(body: str) -> dict[str, tuple[str, ...]]:
    """The T002 findings of one paragraph: word -> suggestions."""
    found = check(T.UnknownWord, f"Talks resume\n\n{body}\n")
    return {d.span.text: tuple(d.suggestions) for d in found}


def ranked(word: str, before: str = "", after: str = "") -> list[str]:
    return [c.word for c in suggest.suggestions(word, lexicon.candidates(word), before, after)]


def test_the_neighbouring_words_choose_between_candidates() -> None:
    # the same misspelling, two sentences: "in favour of", "a high fever"
    assert suggestions("The minister said she was in faver of the plan.")["faver"][0] == "favour"
    assert suggestions("Doctors said the boy had a high faver on Monday.")["faver"][0] == "fever"


def test_context_alone_reorders_the_same_candidates() -> None:
    assert ranked("faver", "in", "of")[0] == "favour"
    assert ranked("faver", "high", "on")[0] == "fever"


@pytest.mark.parametrize(
    ("body", "word", "meant"),
    [
        ("He bought a mobile fone last week.", "fone", "phone"),  # ph written f
        ("They had to wate for an hour.", "wate", "wait"),  # a vowel sound spelt another way
        ("The case went to cort on Monday.", "cort", "court"),
        ("Ministers want to tackel the problem quickly.", "tackel", "tackle"),
    ],
)
def test_misspellings_by_sound_get_the_intended_word_first(
    body: str, word: str, meant: str
) -> None:
    assert suggestions(body)[word][0] == meant


def test_sound_spelling_merges_letters_that_say_the_same() -> None:
    assert suggest.sound("fisical") == suggest.sound("physical")
    assert suggest.sound("condishun") != suggest.sound("condition")  # only cheaper, not equal
    assert suggest.error_cost("fisical", "physical") < lexicon.typing_distance(
        "fisical", "physical"
    )
    assert suggest.error_cost("fisical", "physical") <= 1.5


def test_phonetic_key_merges_initial_vowels() -> None:
    assert suggest.phonetic_key("ocasion")[0] == suggest.phonetic_key("acasion")[0] == "A"
    assert "physical" in suggest.phonetic_neighbours("fisical")
    assert suggest.phonetic_neighbours("a") == []  # keys of one sound find too much


def test_phonetic_index_agrees_with_the_key_of_each_word() -> None:
    words = list(lexicon.common_words())[: suggest.PHONETIC_SIZE]
    for word in random.Random(7).sample(words, 400):
        index = suggest._phonetic_index(word[0])
        assert word in index[suggest.phonetic_key(word)].split(), word
    index = suggest._phonetic_index("p")
    for key in random.Random(8).sample(sorted(index), 200):
        for word in index[key].split():
            assert word[0] == "p" and suggest.phonetic_key(word) == key, (key, word)
    rare = words[-1]
    assert lexicon.frequency(rare) >= suggest._phonetic_floor()


def test_sound_alikes_may_start_with_another_letter() -> None:
    assert "circumstances" in suggest.phonetic_neighbours("sircumstances")
    assert "physical" in suggest.phonetic_neighbours("fisical")
    assert suggest.phonetic_neighbours("fisical") == sorted(
        suggest.phonetic_neighbours("fisical"), key=lambda w: -lexicon.frequency(w)
    )


def test_wider_search_finds_what_the_flagging_search_leaves_out() -> None:
    # the flagging search ranks only the 25 most frequent near words: "float" is not one
    assert "float" not in [c.word for c in lexicon.candidates("flot")]
    assert "float" in ranked("flot")
    assert "permissive" in ranked("permmasivie")  # three edits away in a long word


def test_run_together_words_win_only_as_a_likely_pair() -> None:
    assert ranked("inthe", "was", "end")[0] == "in the"
    assert ranked("upto", "rose", "per")[0] == "up to"
    on_happy = suggest.features("onhappy", "on happy")
    in_the = suggest.features("inthe", "in the")
    at = suggest.FEATURES.index("log_frequency")
    assert on_happy[at] < in_the[at] - 5  # a pair's frequency is the phrase's


def test_scores_are_log_linear_in_the_features() -> None:
    assert len(suggest.WEIGHTS) == len(suggest.ORDER_WEIGHTS) == len(suggest.FEATURES)
    values = suggest.features("faver", "favour", "in", "of")
    assert len(values) == len(suggest.FEATURES)
    expected = sum(v * w for v, w in zip(values, suggest.WEIGHTS, strict=True))
    assert suggest.score(values) == pytest.approx(expected)
    [best, *_] = suggest.suggestions("faver", lexicon.candidates("faver"), "in", "of")
    assert best.score == pytest.approx(
        suggest.score(suggest.features("faver", best.word, "in", "of"))
    )


def test_listed_corrections_are_ordered_by_context() -> None:
    # T001: the same corrections, two neighbourhoods
    assert suggest.order("hous", ("hours", "house"), "the", "of")[0] == "house"
    assert suggest.order("hous", ("hours", "house"), "two", "later")[0] == "hours"


def test_words_one_sound_away_are_candidates_too() -> None:
    near = suggest.near_phonetic_neighbours("explity")
    assert "explicit" in near
    assert len(near) <= suggest.MAX_NEAR_PHONETIC
    key = suggest.phonetic_key("explity")
    assert all(suggest.phonetic_key(w) != key for w in near)  # the same key is the other list
    assert suggest.near_phonetic_neighbours("ab") == []
