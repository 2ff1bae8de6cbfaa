"""Family T: known misspellings, unknown words, real-word errors, missing and repeated words.

Fixture sentences are written for these tests; the seed and corpus checks read ../shared and
skip without it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newslint.fixes import apply_fixes
from newslint.rule import Settings
from newslint.rules import spelling as T
from newslint.testing import check, document

ALL_RULES = (
    T.KnownMisspelling,
    T.UnknownWord,
    T.RealWordError,
    T.MissingWord,
    T.RepeatedWord,
    T.DialectSpelling,
)


def article(body: str, headline: str = "Talks resume") -> str:
    return f"{headline}\n\n{body}\n"


def flagged(rule, body: str, settings: Settings | None = None, **options) -> list[str]:
    return [d.span.text for d in check(rule, article(body), options or None, settings)]


def fixed(rule, body: str, unsafe: bool = False, settings: Settings | None = None) -> str:
    text = article(body)
    found = check(rule, text, None, settings)
    return apply_fixes(document(text).source, found, unsafe=unsafe).text


# --- T001 known-misspelling -------------------------------------------------------------------


def test_known_misspelling_from_codespell_is_fixed_safely() -> None:
    body = "The goverment said it would recieve the report."
    assert flagged(T.KnownMisspelling, body) == ["goverment", "recieve"]
    assert fixed(T.KnownMisspelling, body) == article(
        "The government said it would receive the report."
    )


def test_known_misspelling_keeps_the_case_of_a_sentence_start() -> None:
    assert fixed(T.KnownMisspelling, "Definately not, he said.") == article(
        "Definitely not, he said."
    )


def test_several_corrections_are_suggestions_ranked_by_context_without_a_fix() -> None:
    [diagnostic] = check(T.KnownMisspelling, article("He said it sould be done by Friday."))
    assert diagnostic.fix is None
    assert diagnostic.suggestions[0] == "should"


def test_news_list_catches_a_capitalised_month_in_mid_sentence() -> None:
    assert flagged(T.KnownMisspelling, "Rates will be set on 3 Febuary.") == ["Febuary"]


def test_names_that_look_like_misspellings_are_left_alone() -> None:
    body = "Ms Trew and Mr Bootle met analysts at Corus and Analysys."
    assert flagged(T.KnownMisspelling, body) == []


def test_common_words_codespell_lists_are_not_flagged() -> None:
    # codespell lists despatch (a British spelling) and advices
    assert flagged(T.KnownMisspelling, "The despatch of troops followed.") == []


def test_sic_protects_a_quoted_misspelling() -> None:
    assert flagged(T.KnownMisspelling, 'The sign read "goverment [sic] offices".') == []
    assert flagged(T.KnownMisspelling, "The sign read goverment (sic) offices.") == []


def test_accepted_words_are_never_flagged() -> None:
    settings = Settings(accept=frozenset({"goverment"}))
    assert flagged(T.KnownMisspelling, "The goverment said so.", settings) == []


def test_rejected_words_are_always_flagged_with_their_replacement() -> None:
    settings = Settings(reject={"Kiev": "Kyiv", "utilise": None})
    body = "Officials in Kiev said they would utilise the Kiev-based team."
    found = check(T.KnownMisspelling, article(body), None, settings)
    assert [d.span.text for d in found] == ["Kiev", "utilise", "Kiev"]
    assert found[0].fix is not None and found[1].fix is None
    result = apply_fixes(document(article(body)).source, found)
    assert "Kyiv said" in result.text and "Kyiv-based" in result.text


def test_rejected_capitalised_entry_matches_only_that_case() -> None:
    settings = Settings(reject={"Kiev": "Kyiv"})
    assert flagged(T.KnownMisspelling, "A kiev is a dish.", settings) == []


# --- T002 unknown-word ------------------------------------------------------------------------


def test_unknown_word_with_close_common_word_is_flagged_with_suggestions() -> None:
    [diagnostic] = check(T.UnknownWord, article("Both sides must show reciporcal restraint."))
    assert diagnostic.span.text == "reciporcal"
    assert diagnostic.suggestions[0] == "reciprocal"
    assert diagnostic.fix is not None and diagnostic.fix.safety == "unsafe"
    assert diagnostic.severity == "warning"


def test_unknown_word_fix_needs_unsafe_fixes() -> None:
    body = "Both sides must show reciporcal restraint."
    assert fixed(T.UnknownWord, body) == article(body)
    assert "reciprocal restraint" in fixed(T.UnknownWord, body, unsafe=True)


@pytest.mark.parametrize(
    "body",
    [
        # names: mid-sentence, a sentence start followed by a name, one used mid-sentence too
        "The envoy Staffan de Mistura met Kweyris officials in Raqa on Monday.",
        "Riad Hijab said any truce must be agreed.",
        "Peskov told reporters nothing. Officials said Peskov was tired.",
        # acronyms, innerCaps, digits, initials, URLs, e-mail, handles, entities
        "The YPG and ISIL fought near the iPod factory of TimeWarner in 3G areas.",
        "See www.example.com/news or write to desk@example.co.uk or @newsdesk #vote.",
        "The U.S. and U.K. economies grew; the caf&#233; closed at 10:30pm.",
        # possessives and contractions with any apostrophe, hyphenated compounds
        "Syria`s army, the People’s Units and the countries’ leaders don't agree.",
        "Turkey-backed rebels held a closed-door, surface-to-air, co-ordinated pre-tax talk.",
        # British and American spellings, regular formations of known words
        "The colour and color of the neighbour's organisation were analysed and analyzed.",
        "Carmakers cut reoffending with wirelessly downloadable webpages and renationalised firms.",
    ],
)
def test_news_copy_is_not_flagged(body: str) -> None:
    assert flagged(T.UnknownWord, body) == []


def test_unknown_words_with_nothing_close_are_coinages_not_typos() -> None:
    assert flagged(T.UnknownWord, "The drug desmoteplase is made from bat saliva.") == []


def test_sentence_initial_name_is_flagged_only_against_a_very_common_word() -> None:
    assert flagged(T.UnknownWord, "Dudek said the team would win.") == []
    assert flagged(T.UnknownWord, "Althuogh it rained, play went on.") == ["Althuogh"]
    assert flagged(T.UnknownWord, "Meanwihle, play stopped.") == []  # meanwhile is too rare


def test_run_together_words_suggest_the_split() -> None:
    [diagnostic] = check(T.UnknownWord, article('"It should just work," hesaid on Monday.'))
    assert diagnostic.suggestions[0] == "he said"


def test_tripled_letters_are_a_slip_when_the_word_is_otherwise_known() -> None:
    assert flagged(T.UnknownWord, "Police reporrrted delays.") == ["reporrrted"]
    assert flagged(T.UnknownWord, "He said ummm and stopped.") == []


def test_doubtful_suggestions_are_info_and_never_applied() -> None:
    body = "The team played with little cente support."
    [diagnostic] = check(T.UnknownWord, article(body))
    assert diagnostic.severity == "info"
    assert diagnostic.suggestions  # offered to the editor...
    assert diagnostic.fix is None  # ...but not applied, even with --unsafe-fixes
    assert fixed(T.UnknownWord, body, unsafe=True) == article(body)


def test_accepted_word_passes_in_any_case_when_lowercase() -> None:
    settings = Settings(accept=frozenset({"reciporcal"}))
    assert flagged(T.UnknownWord, "Reciporcal aid. They showed reciporcal aid.", settings) == []


# --- T003 real-word-error ---------------------------------------------------------------------


def test_real_word_error_found_by_its_neighbours() -> None:
    [diagnostic] = check(T.RealWordError, article("Rebels control large pasts of the north."))
    assert diagnostic.span.text == "pasts"
    assert diagnostic.suggestions == ("parts",)
    assert diagnostic.fix is not None and diagnostic.fix.safety == "unsafe"


@pytest.mark.parametrize(
    "body",
    [
        "Rebels control large parts of the north.",
        "Both countries have troubled pasts, the envoy said.",
        "The new company was formed in Paris.",
    ],
)
def test_real_words_in_plausible_contexts_pass(body: str) -> None:
    assert flagged(T.RealWordError, body) == []


def test_real_word_error_respects_accept() -> None:
    settings = Settings(accept=frozenset({"pasts"}))
    assert flagged(T.RealWordError, "Rebels control large pasts of it.", settings) == []


# --- T004 missing-word ------------------------------------------------------------------------


def test_missing_of_between_two_words() -> None:
    [diagnostic] = check(T.MissingWord, article("They want a cessation hostilities now."))
    assert diagnostic.span.text == "cessation hostilities"
    assert diagnostic.suggestions == ("cessation of hostilities",)
    assert fixed(T.MissingWord, "They want a cessation hostilities now.", unsafe=True) == (
        article("They want a cessation of hostilities now.")
    )


@pytest.mark.parametrize(
    "body",
    [
        "They want a cessation of hostilities now.",
        "The minister insisted he had done nothing wrong.",
        "The film won best picture and the group will formally open the event.",
        "Sales are expected to grow and the expected increase came.",
    ],
)
def test_optional_and_adverbial_gaps_pass(body: str) -> None:
    assert flagged(T.MissingWord, body) == []


# --- T005 repeated-word -----------------------------------------------------------------------


def test_repeated_word_is_deleted_by_a_safe_fix() -> None:
    body = "The result of the the vote was announced."
    assert flagged(T.RepeatedWord, body) == ["the"]
    assert fixed(T.RepeatedWord, body) == article("The result of the vote was announced.")


def test_repeated_word_at_a_sentence_start_and_in_any_case() -> None:
    assert flagged(T.RepeatedWord, "The the vote was close.") == ["the"]


def test_repeated_word_across_a_line_break_inside_a_block() -> None:
    text = (
        "Vote count\n\nThe result of the vote in the north of the country was announced to\n"
        "to the crowd late on Sunday night after a long count that went on for many hours\n"
        "and kept everyone awake until the early hours of the following morning, they said.\n"
    )
    found = check(T.RepeatedWord, text)
    assert [d.span.text for d in found] == ["to"]
    assert "announced to the crowd" in apply_fixes(document(text).source, found).text


def test_repeated_word_across_two_lines_read_as_two_paragraphs() -> None:
    text = "Vote count\n\nThe result of the\nthe vote was announced.\n"
    found = check(T.RepeatedWord, text)
    assert [d.span.text for d in found] == ["the"]
    assert apply_fixes(text, found).text == "Vote count\n\nThe result of the\nvote was announced.\n"


def test_blank_line_separates_paragraphs_so_no_repeat() -> None:
    assert check(T.RepeatedWord, "Vote\n\nIt was the\n\nthe end.\n") == []


@pytest.mark.parametrize(
    "body",
    [
        "He had had enough, and that that was the end.",
        "Duran Duran played and Bora Bora was sunny.",
        "The score was 10 10 at half-time.",
        "She said, said he, nothing.",
        "He wrote the the [sic] in his note.",
    ],
)
def test_legitimate_doubles_pass(body: str) -> None:
    assert flagged(T.RepeatedWord, body) == []


# --- T006 dialect-spelling --------------------------------------------------------------------


def test_dialect_is_silent_unless_pinned() -> None:
    assert flagged(T.DialectSpelling, "The color and colour of the centre.") == []


def test_dialect_pinned_to_british_flags_american_spellings() -> None:
    settings = Settings(dialect="en-GB")
    assert flagged(T.DialectSpelling, "The color of the center changed.", settings) == [
        "color",
        "center",
    ]
    assert flagged(T.DialectSpelling, "Colour.", Settings(dialect="en-US")) == ["Colour"]


def test_american_spellings_british_writes_too_pass_when_pinned_to_british() -> None:
    body = (
        "The story of the computer program was, in practice, told by a licensed meter "
        "reader who focused on a biased judgment."
    )
    assert flagged(T.DialectSpelling, body, Settings(dialect="en-GB")) == []
    # ...while their British forms are still British to an American desk
    british = "The storey, the programme and the licence were focussed."
    assert flagged(T.DialectSpelling, british, Settings(dialect="en-US")) == [
        "storey",
        "programme",
        "licence",
        "focussed",
    ]


@pytest.mark.parametrize(
    ("dialect", "known", "unknown"),
    [
        ("any", ("realized",), "organization"),
        ("en-GB", ("realised",), "organisation"),
        ("en-US", ("realized",), "organization"),
    ],
)
def test_corrections_are_spelt_in_the_pinned_dialect(
    dialect: str, known: tuple[str, ...], unknown: str
) -> None:
    settings = Settings(dialect=dialect)
    text = article("They relized the organizaton was short of money.")
    t001 = check(T.KnownMisspelling, text, settings=settings)
    t002 = check(T.UnknownWord, text, settings=settings)
    assert [d.suggestions for d in t001] == [known]
    assert [d.suggestions[0] for d in t002] == [unknown]
    assert len(set(t002[0].suggestions)) == len(t002[0].suggestions)  # no repeats
    # the fixes write what the corrections say, so T006 has nothing to flag afterwards
    assert (
        f"They {known[0]} the {unknown} was"
        in apply_fixes(document(text).source, t001 + t002, unsafe=True).text
    )


def test_british_also_list_holds_only_american_forms_codespell_pairs() -> None:
    from newslint.rules import _spelling_lexicon as lexicon

    american = set(lexicon.british_to_american().values())
    assert lexicon.british_also() and lexicon.british_also() <= american


def test_dialect_skips_names() -> None:
    settings = Settings(dialect="en-GB")
    assert flagged(T.DialectSpelling, "They met at the Lincoln Center.", settings) == []


# --- seeds and corpus -------------------------------------------------------------------------

NAMES = {"Peskov", "Kweyris", "YPG", "Raqa", "Mistura", "Lavrov", "Kerry", "ISSG", "HNC", "PYD"}


def _t_findings(path: Path) -> list:
    doc = document(path.read_bytes(), path.name)
    return [d for rule in ALL_RULES for d in check(rule, doc)]


def test_seed_000_typos_are_found(seed_000: Path) -> None:
    found = {(d.code, d.span.line, d.span.text, d.suggestions[0]) for d in _t_findings(seed_000)}
    assert found == {
        ("T002", 16, "reciporcal", "reciprocal"),
        ("T003", 12, "pasts", "parts"),
        ("T004", 4, "cessation hostilities", "cessation of hostilities"),
    }


def test_no_spelling_finding_on_names_in_either_seed(seed_000: Path, seed_001: Path) -> None:
    for path in (seed_000, seed_001):
        texts = {d.span.text for d in _t_findings(path)}
        assert not texts & NAMES
    assert _t_findings(seed_001) == []


def test_bbc_sample_stays_quiet(corpora_dir: Path) -> None:
    articles = sorted((corpora_dir / "bbc_news" / "articles").glob("*.txt"))
    sample = random.Random(2006).sample(articles, 100)
    words = 0
    per_code: dict[str, int] = {}
    for path in sample:
        doc = document(path.read_bytes(), path.name)
        words += doc.word_count()
        for rule in ALL_RULES:
            for diagnostic in check(rule, doc):
                per_code[diagnostic.code] = per_code.get(diagnostic.code, 0) + 1
    rate = {code: count * 1000 / words for code, count in per_code.items()}
    assert sum(rate.values()) <= 0.5, rate
    assert rate.get("T003", 0) <= 0.1 and rate.get("T004", 0) <= 0.1, rate
