"""The T rules' shipped tables (rules/data/, built by tools/make_spelling_tables.py) match what
the installed word lists give, and answer as the computations they replace."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from newslint.rules import _spelling_context as context
from newslint.rules import _spelling_lexicon as lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_spelling_tables
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return make_spelling_tables.tables()


@pytest.mark.parametrize("name", [context.NEIGHBOUR_TABLE, context.MAGNET_TABLE])
def test_shipped_table_is_what_the_script_builds(built, name) -> None:
    shipped = (ROOT / "rules" / "data" / name).read_text("utf-8")
    assert shipped == built[name], f"rules/data/{name} is stale: run tools/make_spelling_tables.py"


def test_neighbours_agree_with_the_computation() -> None:
    listed = context._table_words()
    assert len(listed) > 50_000 and "pasts" in listed
    words = random.Random(7).sample(listed, 2000)
    words += ["pasts", "manger", "felled", "alost", "abetter", "carmakers", "reoffending"]
    covered = set(listed)
    for word in words:
        # the table's words answer whatever they are (T003 then keeps the dictionary words);
        # other words only when a dictionary knows them
        computed = word in covered or lexicon.known(word)
        expected = context._computed_neighbours(word) if computed else ()
        assert context.neighbours(word) == expected, word
    assert "parts" in context.neighbours("pasts")
    assert context.neighbours("alost")  # pyspellchecker's rarer words: computed
    assert context.neighbours("reciporcal") == ()  # no dictionary knows it


def test_real_word_suspects_are_the_dictionary_words_with_neighbours() -> None:
    text = (
        "extremists control large pasts of the north and a fund manger said the alost "
        "reciporcal felled trees were sown in the carmakers yard of the the"
    )
    frequent = context.frequent_words()
    expected = {
        w
        for w in set(text.split(" "))
        if w not in frequent and len(w) >= 3 and lexicon.known(w)
        if context._computed_neighbours(w)
    }
    suspects = context.real_word_suspects(text)
    assert {w for w in suspects if lexicon.known(w)} == expected
    assert {"pasts", "manger", "alost"} <= expected


def test_magnet_table_agrees_with_the_word_by_word_answer() -> None:
    table = context._magnet_table()
    heads = [line.split("\t", 1)[0] for line in context._pair_text().split("\n") if line]
    words = random.Random(4).sample(heads, 1500) + list(table)[:300]
    words += ["cessation", "expected", "formerly", "zzzz", ""]
    for word in words:
        assert context.magnet(word) == context.computed_magnet(word), word
    assert table["cessation"][0][0] == "of"
    assert context.pulling_words("a cessation of the talks was expected") == {
        "cessation",
        "expected",
    }
