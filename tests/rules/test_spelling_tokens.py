"""The spelling tokenizer, and properties every T rule keeps on any input."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.document import Block
from newslint.fixes import apply_fixes
from newslint.rules import _spelling_context as context
from newslint.rules import _spelling_lexicon as lexicon
from newslint.rules import spelling as T
from newslint.rules._spelling_tokens import (
    WORDS_RE,
    starts_sentence,
    tokenize,
    uncommon_words,
    word_shape,
)
from newslint.testing import check, document


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


def test_apostrophes_of_every_kind_stay_inside_a_word() -> None:
    words = [t.text for t in tokenize("Syria`s People’s don't rock'n'roll O´Neil")]
    assert words == ["Syria`s", "People’s", "don't", "rock'n'roll", "O´Neil"]


def test_trailing_apostrophe_of_a_plural_possessive_is_left_out() -> None:
    assert [t.text for t in tokenize("the countries’ military")] == [
        "the",
        "countries",
        "military",
    ]


def test_hyphenated_compound_is_one_word() -> None:
    assert kinds("Turkey-backed surface-to-air") == [
        ("word", "Turkey-backed"),
        ("word", "surface-to-air"),
    ]


def test_urls_addresses_handles_numbers_and_entities_have_their_own_kinds() -> None:
    text = "See https://example.com/a?b=1, www.example.org, desk@example.co.uk, @desk #tag"
    assert [k for k, _ in kinds(text) if k != "word"] == [
        "url",
        "url",
        "email",
        "handle",
        "handle",
    ]
    assert kinds("£1.13bn in the 1990s, 912km, 3G") == [
        ("number", "1.13bn"),
        ("word", "in"),
        ("word", "the"),
        ("number", "1990s"),
        ("number", "912km"),
        ("number", "3G"),
    ]


def test_initials_and_domains_are_dotted_and_entities_glue_their_word() -> None:
    tokens = tokenize("The U.S. site fbi.gov and the caf&#233; menu, a .png file")
    assert [t.kind for t in tokens if t.text in ("U.S", "fbi.gov")] == ["dotted", "dotted"]
    assert [t.glued for t in tokens if t.text in ("caf", "png", "menu")] == [True, False, True]


def test_sentence_starts() -> None:
    tokens = {t.text: t for t in tokenize('Hi. Mr. Smith said: "We go"; Rice, Todd. “Yes” x')}
    assert tokens["Hi"].sentence_start
    assert not tokens["Smith"].sentence_start  # after an abbreviation
    assert tokens["We"].sentence_start  # a colon before a quotation
    assert not tokens["Rice"].sentence_start  # a semicolon before a list
    assert tokens["Yes"].sentence_start


def test_sic_marks_the_word_before_it() -> None:
    tokens = tokenize('He wrote "goverment" [sic] and teh (SIC) too')
    assert [t.text for t in tokens if t.sic] == ["goverment", "teh"]


def test_word_shapes() -> None:
    assert [word_shape(w) for w in ("peace", "Peace", "YPG", "iPod", "McCain", "A")] == [
        "lower",
        "capitalised",
        "upper",
        "mixed",
        "mixed",
        "capitalised",
    ]


_PIECES = st.sampled_from(
    [
        "the", "The", "Mr", "U.S", "cat", "teh", "the the", "3G", "“", "”", '"', ".", ",", ";",
        ":", "!", "?", "…", "(", ")", " ", "\n", "-", "—", "'", "’", "`", "&#233;", "@x", "#y",
        "www.a.com", "goverment", "reciporcal", "[sic]", "é", "\t", "pasts", "of", "large",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=30).map(lambda parts: " ".join(parts))


@given(_TEXTS)
@settings(max_examples=200, deadline=None)
def test_tokens_cover_their_text_and_agree_on_sentence_starts(text: str) -> None:
    previous_end = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.gap == text[previous_end : token.start]
        if token.kind == "word":
            assert starts_sentence(text, token.start) == token.sentence_start
        previous_end = token.end


@given(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=300)
    | _TEXTS
)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_rules_never_crash_and_fixes_touch_only_their_spans(body: str) -> None:
    text = f"Headline\n\n{body}\n"
    doc = document(text)
    for rule in (
        T.KnownMisspelling,
        T.UnknownWord,
        T.RealWordError,
        T.MissingWord,
        T.RepeatedWord,
        T.DialectSpelling,
    ):
        found = check(rule, doc)
        for diagnostic in found:
            span = diagnostic.span
            assert doc.source[span.start : span.end] == span.text
            assert span.text.strip()
            if diagnostic.fix is not None:
                for edit in diagnostic.fix.edits:
                    assert 0 <= edit.start <= edit.end <= len(doc.source)
        result = apply_fixes(doc.source, found, unsafe=True)
        assert result.text.startswith("Headline")


_ANY_TEXT = (
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=200)
    | _TEXTS
    | st.lists(
        st.sampled_from(["the", "The", "THE", "said", "x.the", "ʼ", "’", "İ", "Σ", "²", "_", "-"]),
        max_size=12,
    ).map(" ".join)
)


@given(_ANY_TEXT)
@settings(max_examples=300, deadline=None)
def test_screening_shortcuts_agree_with_the_expressions(text: str) -> None:
    common = lexicon.common_words()
    assert uncommon_words(text, common) == set(WORDS_RE.findall(text)).difference(common)
    if T._DOUBLED_RE.search(text):
        assert T._may_repeat(text)
    found = context.phrases(text)
    article = SimpleNamespace(all_blocks=lambda: [Block("paragraph", text, 0)])
    entries = context.block_phrases(article)  # type: ignore[arg-type]
    assert bool(entries) == bool(found)
    if found:
        entry = entries[0]
        inner = set(entry.inner.split(" ")) - {""}
        assert inner == {w for _, phrase in found for w in phrase[1:-1]}
        assert set(entry.leading.split(" ")) == {w for _, phrase in found for w in phrase[:-1]}
        assert list(entry.texts) == [" ".join(phrase) for _, phrase in found]
        assert [entry.start(i) for i in range(len(found))] == [start for start, _ in found]
