"""Family D: paragraphs repeated in an article (D001), copied (D002) and reworded (D003)
across the corpus."""

from __future__ import annotations

import pickle
import re
import unicodedata
from array import array
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.fixes import apply_fixes
from newslint.rules import duplicates
from newslint.rules._duplication import (
    body_sketch,
    bottom_sketch,
    bottom_sketch_of,
    normalise,
    packed_words,
    paragraphs,
    phrase_hashes,
    phrases_of,
    sample_phrases,
)
from newslint.rules.duplicates import (
    CopiedParagraph,
    NearDuplicateParagraph,
    RepeatedParagraph,
    _candidate_pairs,
    _counted_candidates,
    _numpy_candidates,
    _Passages,
    _positions,
    _rare_groups,
)
from newslint.testing import check, check_corpus, document, options_for
from tests.conftest import shared_path

P1 = "Councillors approved the harbour plan after a two-hour debate on Tuesday night."
P2 = "Work on the new sea wall will start in the spring and take two years, officials said."
P3 = "Residents who objected to the plan say they will take their case to the courts."
P4 = "The ferry operator welcomed the decision and promised to add a second daily crossing."
APOSTROPHES = str.maketrans(dict.fromkeys("'’‘`´ʼ"))
#: fingerprints whose low 16 bits are UTF-16 surrogates or regular-expression syntax
SPECIAL_FINGERPRINTS = [0xD800, 0x1DFFF, 0x2DBFF, ord("]"), ord("\\"), ord("^"), ord("-"), 0]


def article(headline: str, *paragraphs: str) -> str:
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def seeds(seeds_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(seeds_dir.glob("*.txt"))}


def pairs(found: list) -> set[tuple[str, int, str, int]]:
    return {
        (d.path[:3], d.span.line, r.span.path[:3], r.span.line) for d in found for r in d.related
    }


# The seeds: 000 is a reworded copy of 001 ---------------------------------------------------


def test_seed_copied_paragraph_000_line_2_is_001_line_6(seeds_dir: Path) -> None:
    found = check_corpus(CopiedParagraph, seeds(seeds_dir))
    assert pairs(found) == {("000", 2, "001", 6), ("001", 6, "000", 2)}


def test_seed_reworded_paragraphs(seeds_dir: Path) -> None:
    found = check_corpus(NearDuplicateParagraph, seeds(seeds_dir))
    assert {("000", 17, "001", 32), ("000", 12, "001", 46)} <= pairs(found)
    assert {("001", 32, "000", 17), ("001", 46, "000", 12)} <= pairs(found)
    # The exact copy is D002's, not reported twice.
    assert ("000", 2, "001", 6) not in pairs(found)


def test_seed_reworded_paragraphs_with_one_target(seeds_dir: Path) -> None:
    articles = seeds(seeds_dir)
    target = next(name for name in articles if name.startswith("000"))
    found = check_corpus(NearDuplicateParagraph, articles, targets={target})
    assert {d.span.line for d in found} >= {12, 17}
    assert all(d.path == target for d in found)


def test_seeds_have_no_paragraph_repeated_inside_one_article(seeds_dir: Path) -> None:
    for text in seeds(seeds_dir).values():
        assert check(RepeatedParagraph, text) == []


# D001 ----------------------------------------------------------------------------------------


def test_repeated_paragraph_points_at_the_first() -> None:
    text = article("Harbour plan approved", P1, P2, P1.upper().replace(".", "!"))
    (found,) = check(RepeatedParagraph, text)
    assert found.span.line == 7 and found.related[0].span.line == 3
    assert found.fix is not None and found.fix.safety == "unsafe"
    assert apply_fixes(text, [found], unsafe=True).text == article("Harbour plan approved", P1, P2)


@pytest.mark.parametrize("short", ["Reuters reported.", "Winners meet in the final.", "Yes."])
def test_short_paragraphs_may_repeat(short: str) -> None:
    assert check(RepeatedParagraph, article("Cup final", short, P1, short)) == []


# D002 ----------------------------------------------------------------------------------------


def test_copied_paragraph_survives_quotes_case_and_spacing() -> None:
    copy = "COUNCILLORS approved the “harbour plan”  after a two-hour debate on Tuesday night!"
    found = check_corpus(
        CopiedParagraph,
        {"a.txt": article("Harbour plan approved", P2, P1), "b.txt": article("Vote", copy)},
    )
    assert pairs(found) == {("a.t", 5, "b.t", 3), ("b.t", 3, "a.t", 5)}


def test_a_copied_body_is_one_finding() -> None:
    body = [P1, P2, P3, P4]
    found = check_corpus(
        CopiedParagraph,
        {"a.txt": article("Harbour plan approved", *body), "b.txt": article("Harbour vote", *body)},
    )
    a = [d for d in found if d.path == "a.txt"]
    assert len(a) == 1
    assert (a[0].span.line, a[0].span.end_line) == (3, 9)
    assert "4 consecutive paragraphs" in a[0].message and "b.txt:3-9" in a[0].message
    assert dict(a[0].data)["paragraphs"] == 4
    (other,) = a[0].related
    assert (other.span.path, other.span.line, other.span.end_line) == ("b.txt", 3, 9)


def test_paragraph_in_several_articles_is_one_finding_with_several_related() -> None:
    articles = {
        f"{n}.txt": article(f"Story {n}", f"Unrelated words number {n} here.", P1) for n in range(4)
    }
    found = [d for d in check_corpus(CopiedParagraph, articles) if d.path == "0.txt"]
    assert len(found) == 1
    assert sorted(r.span.path for r in found[0].related) == ["1.txt", "2.txt", "3.txt"]
    assert "and 2 other articles" in found[0].message


def test_short_shared_paragraphs_are_not_copies() -> None:
    found = check_corpus(
        CopiedParagraph,
        {
            "a.txt": article("Scores", "Reuters reported.", "Half time: 1-1.", P1),
            "b.txt": article("Results", "Reuters reported.", "Half time: 1-1.", P2),
        },
    )
    assert found == []


# D003 ----------------------------------------------------------------------------------------

ORIGINAL = (
    "The ministry said on Monday that the new bridge would open to traffic in the spring "
    "after months of delays caused by flooding along the river."
)
REWORDED = (
    "The ministry said on Monday the new crossing would open to traffic in spring, after "
    "months of delay caused by floods along the river."
)
LONGER = (
    "Engineers inspected the site again this week. "
    + ORIGINAL.replace("Monday", "Friday")
    + " Local traders said the closure had cost them a third of their trade."
)
SENTENCES = [P1, P2, P3, P4, ORIGINAL, REWORDED, LONGER]


def test_reworded_paragraph_found_both_ways() -> None:
    found = check_corpus(
        NearDuplicateParagraph,
        {"a.txt": article("Bridge delayed", P1, ORIGINAL), "b.txt": article("Crossing", REWORDED)},
    )
    assert pairs(found) == {("a.t", 5, "b.t", 3), ("b.t", 3, "a.t", 5)}
    assert 0.75 <= dict(found[0].data)["similarity"] < 1


def test_paragraph_copied_inside_a_longer_one_is_found() -> None:
    found = check_corpus(
        NearDuplicateParagraph,
        {"a.txt": article("Bridge delayed", ORIGINAL), "b.txt": article("Bridge", P2, LONGER)},
    )
    assert pairs(found) == {("a.t", 3, "b.t", 5), ("b.t", 5, "a.t", 3)}


def test_same_subject_written_independently_passes() -> None:
    other = (
        "Flood repairs on the river banks kept the bridge closed all winter, and the ministry "
        "now hopes traffic can cross by the spring."
    )
    found = check_corpus(
        NearDuplicateParagraph,
        {"a.txt": article("Bridge delayed", ORIGINAL), "b.txt": article("Repairs", other)},
    )
    assert found == []


def test_min_similarity_option() -> None:
    articles = {
        "a.txt": article("Bridge delayed", ORIGINAL),
        "b.txt": article("Crossing", REWORDED),
    }
    assert check_corpus(NearDuplicateParagraph, articles, {"min-similarity": 0.99}) == []


def test_common_phrases_alone_do_not_make_candidates() -> None:
    # Every article shares the stock phrase; above max-phrase-frequency it is no evidence.
    stock = "a spokesman for the company said on Monday that it would not comment further"
    articles = {
        f"{n}.txt": article(f"Story {n}", f"{stock} on the report about case number {n}.")
        for n in range(6)
    }
    found = check_corpus(NearDuplicateParagraph, articles, {"max-phrase-frequency": 3})
    assert found == []


def test_facts_are_small_plain_and_picklable() -> None:
    doc = document(article("Bridge delayed", ORIGINAL, P1, "Short one."))
    facts = NearDuplicateParagraph().collect(doc, options_for(NearDuplicateParagraph))
    path, record, hashes, *packed = pickle.loads(pickle.dumps(facts))
    # Two passages (the short paragraph is left out), each with its 64-bit text hash.
    assert (path, record, len(hashes)) == ("article.txt", None, 16)
    assert all(type(p) is bytes for p in packed)
    assert len(pickle.dumps(facts)) < 2 * len(ORIGINAL + P1) + 400


def reference_normalise(text: str) -> str:
    """What ``normalise`` means, written plainly (its shortcuts must agree)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\W_]+", " ", text.casefold().translate(APOSTROPHES)).strip()


@pytest.mark.parametrize(
    "text",
    [
        "Syria`s 'no' vote_2 -- OK?",
        "\x1c\x1ftab\there\x0b",
        "  ",
        "",
        "A_B",
        "“Syria’s” £5bn — ‘no’",
        "Café’s ﬁne ½ Straße ™",
        "ʼokina´s İstanbul",
    ],
)
def test_normalise_shortcuts_match_the_definition(text: str) -> None:
    assert normalise(text) == reference_normalise(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(max_codepoint=127)
        | st.sampled_from("’‘´ʼ“”„«»—–‐‑£€°·é É ß ﬁ ½ ™ İ ı ς \u0301\u00a0\u2009")
    )
)
def test_normalise_shortcuts_match_for_any_text(text: str) -> None:
    assert normalise(text) == reference_normalise(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 2**32 - 1) | st.integers(0, 2**20) | st.integers(2**31, 2**32 - 1)),
    st.integers(1, 40),
)
def test_bottom_sketch_of_parts_is_the_bottom_sketch(hashes: list[int], size: int) -> None:
    parts = [hashes[i : i + 7] for i in range(0, len(hashes), 7)]
    assert bottom_sketch_of(parts, size) == bottom_sketch(hashes, size)
    assert bottom_sketch(hashes, size) == tuple(sorted(set(hashes))[:size])


@given(st.lists(st.integers(0, 2**32 - 1), max_size=60))
def test_phrase_hashes_of_every_trigram_at_once_match_the_formula(words: list[int]) -> None:
    mask = 0xFFFFFFFF
    if len(words) < 3:
        expected = [sum(words) * 0x9E3779B1 & mask] if words else []
    else:
        expected = [
            ((a * 0x9E3779B1 ^ b) * 0x85EBCA77 ^ c) * 0xC2B2AE3D & mask
            for a, b, c in zip(words, words[1:], words[2:], strict=False)
        ]
    assert list(phrases_of(words)) == expected


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from([*SENTENCES, "Yes.", "Two words", "£5bn “deal” agreed’s"]),
        min_size=1,
        max_size=6,
    )
)
def test_shared_paragraph_views_match_their_definitions(body: list[str]) -> None:
    doc = document(article("Story", *body))
    phrases = [h for block in doc.paragraphs for h in phrase_hashes(normalise(block.text))]
    # From the samples when they hold 32 hashes, else from every phrase: the same sketch.
    assert body_sketch(doc, 32) == bottom_sketch(phrases, 32)
    for paragraph in paragraphs(doc):
        assert paragraph.key == normalise(paragraph.block.text)
        assert paragraph.words == paragraph.key.count(" ") + 1


@given(st.lists(st.integers(0, 2**32 - 1), max_size=50))
def test_packed_words_are_the_low_sixteen_bits(crcs: list[int]) -> None:
    assert packed_words(crcs) == array("H", [crc & 0xFFFF for crc in crcs]).tobytes()


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(0, 2**31 - 1) | st.sampled_from(SPECIAL_FINGERPRINTS), max_size=300),
    st.data(),
    st.booleans(),
)
def test_fingerprint_scan_finds_exactly_the_wanted_positions(
    samples: list[int], data: st.DataObject, with_pattern: bool
) -> None:
    wanted = set(data.draw(st.lists(st.sampled_from(samples or [0]), max_size=20)))
    wanted |= set(data.draw(st.lists(st.sampled_from(SPECIAL_FINGERPRINTS), max_size=5)))
    packed = array("I", samples)
    corpus = SimpleNamespace(samples=packed, packed_samples=packed.tobytes())
    expected = [(i, fp) for i, fp in enumerate(samples) if fp in wanted]
    limit = duplicates._PATTERN_LIMIT
    duplicates._PATTERN_LIMIT = limit if with_pattern else 0
    try:
        assert _positions(corpus, wanted) == expected
    finally:
        duplicates._PATTERN_LIMIT = limit


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3), min_size=2, max_size=6),
    st.integers(2, 4),
)
def test_every_way_of_pairing_passages_gives_the_same_candidates(
    bodies: list[list[str]], max_frequency: int
) -> None:
    numpy = pytest.importorskip("numpy")
    options = options_for(NearDuplicateParagraph)
    docs = [document(article(f"Story {n}", *body), f"{n}.txt") for n, body in enumerate(bodies)]
    facts = {d.key: NearDuplicateParagraph().collect(d, options) for d in docs}
    corpus = _Passages(facts, set(facts))
    expected = sorted(_counted_candidates(corpus, _rare_groups(corpus, max_frequency)))
    assert sorted(_numpy_candidates(corpus, max_frequency, numpy)) == expected
    assert sorted(_candidate_pairs(corpus, max_frequency)) == expected  # the scan


def test_many_targets_judged_with_numpy_find_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("numpy")
    articles = {
        "a.txt": article("Bridge delayed", P1, ORIGINAL, P3),
        "b.txt": article("Crossing", REWORDED, P2),
        "c.txt": article("Bridge", P2, LONGER),
        "d.txt": article("Ferry", P4, P1.replace("Tuesday", "Monday")),
    }
    scanned = check_corpus(NearDuplicateParagraph, articles)
    assert scanned
    monkeypatch.setattr(duplicates, "_SCAN_LIMIT", 0)
    assert check_corpus(NearDuplicateParagraph, articles) == scanned


def test_headline_only_records_keep_no_d_facts() -> None:
    doc = document("Ferry service resumes\n")
    for rule in (CopiedParagraph, NearDuplicateParagraph):
        assert rule().collect(doc, options_for(rule)) is None
    found = check_corpus(CopiedParagraph, {"a.txt": "Ferry\n", "b.txt": article("Ferry", P1)})
    assert found == []


def test_phrase_sample_is_consistent_under_containment() -> None:
    whole = normalise(LONGER)
    part = normalise(ORIGINAL.replace("Monday", "Friday"))
    assert set(sample_phrases(phrase_hashes(part))) <= set(sample_phrases(phrase_hashes(whole)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3), min_size=2, max_size=5)
)
def test_one_target_sees_what_the_whole_corpus_run_sees(bodies: list[list[str]]) -> None:
    articles = {f"{n}.txt": article(f"Story {n}", *body) for n, body in enumerate(bodies)}
    for rule in (CopiedParagraph, NearDuplicateParagraph):
        everything = check_corpus(rule, articles)
        for path in articles:
            alone = check_corpus(rule, articles, targets={path})
            assert alone == [d for d in everything if d.path == path]


# BBC: identical bodies are found; nothing inside one article ---------------------------------


def test_bbc_business_identical_bodies_are_one_finding_each() -> None:
    import csv

    folder = shared_path("corpora", "bbc_news")
    rows = list(csv.DictReader((folder / "manifest.tsv").open(encoding="utf-8"), delimiter="\t"))
    business = [r for r in rows if r["category"] == "business"]
    docs = [document((folder / r["file"]).read_bytes(), r["id"] + ".txt") for r in business]
    found = check_corpus(CopiedParagraph, docs)
    options = options_for(CopiedParagraph)
    # D002's facts hold a 64-bit text hash per paragraph.
    paragraphs = {d.path: len(CopiedParagraph().collect(d, options)[2]) // 8 for d in docs}
    # A finding that covers every paragraph of its article: the whole body is a copy.
    whole = {
        (d.path, d.related[0].span.path)
        for d in found
        if dict(d.data)["paragraphs"] == paragraphs[d.path]
    }
    for r in business:
        for other in filter(None, r["identical_body_ids"].split(",")):
            assert (r["id"] + ".txt", other + ".txt") in whole
    assert sum(len(check(RepeatedParagraph, d)) for d in docs) == 0
