"""The word keys H003 compares headlines by: one key for the inflected forms of a word."""

from __future__ import annotations

import pytest

from newslint.rules._inflection import word_key


@pytest.mark.parametrize(
    "forms",
    [
        # irregular verbs
        "hold holds held holding",
        "win wins won winning",
        "say says said saying",
        "rise rises rose risen rising",
        "buy buys bought buying",
        "go goes went gone going",
        "be is are was were been being",
        "die dies died dying",
        # regular endings
        "raise raises raised raising",
        "warn warns warned warning",
        "plan plans planned planning",
        "call calls called calling",
        "crash crashes crashed crashing",
        "deny denies denied denying",
        "party parties",
        "aussie aussies",
        "agree agrees agreed agreeing",
        "need needs needed",
        "proceed proceeds proceeded proceeding",
        # irregular nouns
        "woman women",
        "child children",
    ],
)
def test_forms_of_one_word_share_a_key(forms: str) -> None:
    keys = {form: word_key(form) for form in forms.split()}
    assert len(set(keys.values())) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("news", "new"),
        ("police", "policy"),
        # past forms that headlines mostly use as other words are not in the table
        ("left", "leave"),
        ("fed", "feed"),
        ("ground", "grind"),
        ("wound", "wind"),
        # an ending only comes off a stem of three letters or more with a vowel
        ("bring", "br"),
        ("string", "str"),
        ("evening", "even"),
        ("held", "hell"),
    ],
)
def test_different_words_keep_different_keys(a: str, b: str) -> None:
    assert word_key(a) != word_key(b)


@pytest.mark.parametrize("word", ["us", "4", "75pc", "g20", "bbc", "series", "crisis", "bonus"])
def test_short_words_numbers_and_non_inflections_are_their_own_key(word: str) -> None:
    assert word_key(word) == word
