"""Family T against a corpus: T002's vocabulary and names from other articles, and the T rules
leaving mojibake to E001. Fixture sentences are written for these tests."""

from __future__ import annotations

import json
import pickle

import pytest

from newslint.cli import main
from newslint.rule import CorpusFacts
from newslint.rules import spelling as T
from newslint.testing import check, check_corpus, document, options_for

TARGET = "Phones\n\nThe phonecam market grew fast this year, analysts said.\n"


def others(count: int, word: str = "phonecam") -> dict[str, str]:
    return {
        f"other{i}.txt": f"Gadgets {i}\n\nSales of the {word} rose in shop number {i}.\n"
        for i in range(count)
    }


def flagged_in_target(corpus: dict[str, str], **options) -> list[str]:
    articles = {"target.txt": TARGET, **corpus}
    found = check_corpus(T.UnknownWord, articles, options or None, targets={"target.txt"})
    return [d.span.text for d in found]


# --- corpus vocabulary ------------------------------------------------------------------------


def test_unknown_word_is_flagged_alone_but_not_when_three_other_articles_use_it() -> None:
    assert [d.span.text for d in check(T.UnknownWord, TARGET)] == ["phonecam"]
    assert flagged_in_target({}) == ["phonecam"]
    assert flagged_in_target(others(3)) == []


def test_the_threshold_is_an_option() -> None:
    assert flagged_in_target(others(1)) == ["phonecam"]  # default: two other articles
    assert flagged_in_target(others(2)) == []
    assert flagged_in_target(others(2), **{"corpus-articles": 3}) == ["phonecam"]
    assert flagged_in_target(others(5), **{"corpus-articles": 0}) == ["phonecam"]


def test_a_plural_in_other_articles_vouches_for_the_singular() -> None:
    target = "News\n\nThe aggregator grew fast this year, analysts said.\n"
    corpus = {"target.txt": target, **others(2, "aggregators")}
    assert check_corpus(T.UnknownWord, corpus, targets={"target.txt"}) == []
    assert [d.span.text for d in check(T.UnknownWord, target)] == ["aggregator"]


def test_an_article_repeating_its_own_typo_is_still_flagged() -> None:
    repeated = (
        "Phones\n\nThe phonecam market grew. Each phonecam sold out.\n\n"
        "Shops stocked the phonecam and the phonecam again.\n"
    )
    found = check_corpus(T.UnknownWord, {"target.txt": repeated, **others(1)}, targets=None)
    assert [d.span.text for d in found if d.path == "target.txt"] == ["phonecam"] * 4
    # the one other article is not vouched for by the target's four uses either
    assert [d.span.text for d in found if d.path == "other0.txt"] == ["phonecam"]


def test_other_articles_words_that_are_not_unknown_do_not_vouch() -> None:
    # the other articles use a correct word: the typo stays a typo
    assert flagged_in_target(others(4, "phone")) == ["phonecam"]


def test_a_sentence_start_is_a_name_when_another_article_writes_it_mid_sentence() -> None:
    target = "Rally\n\nMarsk said the team would win. Other news followed.\n"
    assert [d.span.text for d in check(T.UnknownWord, target)] == ["Marsk"]
    named = {"b.txt": "Coach\n\nThe club hired Marsk as coach last week.\n"}
    found = check_corpus(T.UnknownWord, {"a.txt": target, **named}, targets={"a.txt"})
    assert found == []
    off = check_corpus(
        T.UnknownWord, {"a.txt": target, **named}, {"name-articles": 0}, targets={"a.txt"}
    )
    assert [d.span.text for d in off] == ["Marsk"]


def test_facts_are_small_and_survive_pickling() -> None:
    rule = T.UnknownWord()
    options = options_for(T.UnknownWord)
    doc = document(TARGET, "target.txt")
    facts = rule.collect(doc, options)
    blob = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
    assert len(blob) < 2000
    again = pickle.loads(blob)
    found = list(rule.judge(CorpusFacts({doc.key: again}, frozenset([doc.key])), options))
    assert [d.span.text for d in found] == ["phonecam"]
    clean = document("Talks\n\nThe talks would resume on Monday, he said.\n")
    assert rule.collect(clean, options) is None


def test_corpus_option_on_the_command_line(workdir, capsys) -> None:
    archive = workdir / "archive"
    archive.mkdir()
    for name, text in others(2).items():
        (archive / name).write_text(text)
    (workdir / "new.txt").write_text(TARGET)

    def t002(*args: str) -> list[str]:
        main(["new.txt", *args, "--select", "T002", "--format", "json", "--no-progress"])
        out, _ = capsys.readouterr()
        return [f["text"] for f in json.loads(out)]

    assert t002() == ["phonecam"]
    assert t002("--corpus", "archive") == []
    assert t002("--corpus", "archive", "--no-cache") == []


# --- mojibake is E001's business ---------------------------------------------------------------

MOJIBAKE = (
    "Talks\n\nHe said he wouldn\u00e2\u20ac\u2122t go and the company\u00e2\u20ac\u2122s "
    "reciporcal deal was off.\n"
)


@pytest.mark.parametrize("rule", [T.KnownMisspelling, T.UnknownWord, T.DialectSpelling])
def test_words_inside_mojibake_are_not_typos(rule) -> None:
    found = check(rule, MOJIBAKE, {"dialect": "en-GB"} if rule is T.DialectSpelling else None)
    assert all("\u00e2" not in d.span.text for d in found), found
    assert [d.span.text for d in found if d.code == "T002"] == (
        ["reciporcal"] if rule is T.UnknownWord else []
    )


def test_the_mojibake_gate_leaves_clean_text_to_the_rules() -> None:
    from newslint.rules.spelling import _in_mojibake

    text = "He said he wouldn\u00e2\u20ac\u2122t go."
    at = text.index("wouldn")
    assert _in_mojibake(text, at, at + 6)
    assert not _in_mojibake(text, 0, 2)
    assert not _in_mojibake("He said the caf\u00e9\u2019s owner wouldn\u2019t go.", 0, 40)


# --- T003: a function word on the left shows a word's kind, not the word ---------------------


@pytest.mark.parametrize(
    "body",
    [
        "The winger was felled by a late tackle.",
        "Staff were hired to comb through the files.",
        "The firm said it was halving its payout.",
        "Fans in the stand were baying for a goal.",
    ],
)
def test_a_rare_verb_after_a_function_word_is_not_a_real_word_error(body) -> None:
    assert check(T.RealWordError, f"Talks\n\n{body}\n") == []


def test_a_content_word_on_the_left_still_finds_real_word_errors() -> None:
    found = check(T.RealWordError, "Talks\n\nShe is a fund manger at the bank.\n")
    assert [(d.span.text, d.suggestions[0]) for d in found] == [("manger", "manager")]
    found = check(T.RealWordError, "Syria\n\nRebels hold large pasts of the north.\n")
    assert [(d.span.text, d.suggestions[0]) for d in found] == [("pasts", "parts")]


# --- T004: an -ing form needs no "to" ------------------------------------------------------------


def test_no_to_is_proposed_before_an_ing_form() -> None:
    assert check(T.MissingWord, "Rugby\n\nTwo late tries seeing the side home won it.\n") == []
    found = check(T.MissingWord, "Growth\n\nThe economy is now expected grow by 3%.\n")
    assert [d.suggestions[0] for d in found] == ["expected to grow"]


def test_a_name_other_articles_write_in_mid_sentence_vouches_for_a_lowercase_use() -> None:
    target = "Networks\n\nThe wimax standard is coming, engineers said.\n"
    named = {
        f"n{i}.txt": f"Radio {i}\n\nThe group said Wimax would reach towns in region {i}.\n"
        for i in range(2)
    }
    assert [d.span.text for d in check(T.UnknownWord, target)] == ["wimax"]
    found = check_corpus(T.UnknownWord, {"a.txt": target, **named}, targets={"a.txt"})
    assert found == []
    one = check_corpus(
        T.UnknownWord, {"a.txt": target, "n0.txt": named["n0.txt"]}, targets={"a.txt"}
    )
    assert [d.span.text for d in one] == ["wimax"]
