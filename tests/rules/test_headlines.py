"""Family H: headline repeated in the body (H001), duplicate (H002) and near-duplicate (H003)
headlines across the corpus."""

from __future__ import annotations

import csv
import sys
from array import array
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint.fixes import apply_fixes
from newslint.rules._duplication import holding, sketch_similarity
from newslint.rules.headlines import (
    DuplicateHeadline,
    NearDuplicateHeadline,
    RepeatedHeadline,
    _near_kind,
    _shares_most_words,
)
from newslint.testing import check, check_corpus, document
from tests.conftest import shared_path

BODY_A = (
    "Councillors voted for the new harbour wall after a long debate on Tuesday night.\n\n"
    "Work starts in spring and should take two years to finish, the council said.\n"
)
BODY_B = (
    "A second scheme for the marina was passed a year later by the same council.\n\n"
    "Its cost has doubled since the first estimate was published in the spring.\n"
)


def article(headline: str, body: str = BODY_A) -> str:
    return f"{headline}\n\n{body}"


# H001 --------------------------------------------------------------------------------------


def test_seed_001_headline_repeated_on_line_3(seed_001: Path) -> None:
    found = check(RepeatedHeadline, seed_001.read_bytes(), path=seed_001.name)
    assert [(d.span.line, d.span.end_line) for d in found] == [(3, 3)]
    assert found[0].related[0].span.line == 1
    assert found[0].fix is not None and found[0].fix.safety == "safe"
    fixed = apply_fixes(document(seed_001.read_bytes(), seed_001.name).source, found).text
    lines = fixed.splitlines()
    assert lines[0] == lines[0].strip() and lines.count(lines[0]) == 1


def test_seed_000_has_no_repeated_headline(seed_000: Path) -> None:
    assert check(RepeatedHeadline, seed_000.read_bytes(), path=seed_000.name) == []


@pytest.mark.parametrize(
    "repeat",
    [
        "Storm closes coastal road",
        "STORM CLOSES COASTAL ROAD",
        "Storm closes ‘coastal’ road!",
        "  Storm   closes coastal road.  ",
        'Storm closes "coastal" road',
    ],
)
def test_repeat_found_after_normalising(repeat: str) -> None:
    text = f"Storm closes coastal road\n\n{repeat}\n\nThe road will stay closed.\n"
    assert len(check(RepeatedHeadline, text)) == 1


def test_repeat_further_down_has_an_unsafe_fix() -> None:
    text = (
        "Storm closes coastal road\n\nThe road will stay closed.\n\n"
        "Storm closes coastal road\n\nMore later.\n"
    )
    (found,) = check(RepeatedHeadline, text)
    assert found.span.line == 5
    assert found.fix is not None and found.fix.safety == "unsafe"
    assert apply_fixes(text, [found]).text == text
    assert apply_fixes(text, [found], unsafe=True).text == (
        "Storm closes coastal road\n\nThe road will stay closed.\n\nMore later.\n"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Storm closes coastal road, the council said on Monday.",
        "The storm closes the coastal road every winter.",
        "Storm closes",
    ],
)
def test_paragraphs_merely_using_the_headline_words_pass(body: str) -> None:
    assert check(RepeatedHeadline, f"Storm closes coastal road\n\n{body}\n") == []


def test_markdown_front_matter_title_repeated_as_heading_is_flagged_with_unsafe_fix() -> None:
    text = "---\ntitle: Storm closes coastal road\n---\n\n# Storm closes coastal road\n\nBody.\n"
    (found,) = check(RepeatedHeadline, text, path="a.md")
    assert found.span.line == 5 and found.fix is not None and found.fix.safety == "unsafe"


def test_headline_only_article_passes() -> None:
    assert check(RepeatedHeadline, "police probe fatal car crash\n") == []


# H002 --------------------------------------------------------------------------------------


def test_duplicate_headline_names_the_other_article() -> None:
    found = check_corpus(
        DuplicateHeadline,
        {
            "a.txt": article("Council approves harbour plan"),
            "b.txt": article("COUNCIL APPROVES ‘HARBOUR’ PLAN!", BODY_B),
            "c.txt": article("Council rejects harbour plan"),
        },
    )
    assert [(d.path, d.span.line) for d in found] == [("a.txt", 1), ("b.txt", 1)]
    assert [r.span.path for r in found[0].related] == ["b.txt"]
    assert "b.txt:1" in found[0].message


def test_duplicate_headline_group_lists_related_up_to_the_limit() -> None:
    articles = {f"{n}.txt": article("Council approves harbour plan") for n in range(8)}
    found = check_corpus(DuplicateHeadline, articles, {"max-related": 3})
    assert len(found) == 8
    assert all(len(d.related) == 3 for d in found)
    assert "and 6 others" in found[0].message


def test_abc_style_lowercase_headlines_repeat() -> None:
    found = check_corpus(
        DuplicateHeadline,
        {
            "x.csv": "headline_text\nwoman dies in car crash\nman dies in car crash\n"
            "woman dies in car crash\n"
        },
    )
    assert sorted(d.span.record for d in found) == ["row 1", "row 3"]


# H003 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("slim playstation triples sales", "slim playstation triple sale", "forms"),
        ("act opens bushfire inquiry", "act bushfire inquiry opens", "order"),
        ("anlezark third in oregon grand prix", "anzelark third in oregon grand prix", "typo"),
        ("china continues breakneck growth", "china continues rapid growth", "word"),
        ("microsoft releases patches", "microsoft releases bumper patches", "word"),
        ("ratepayers face 36pc rate rise", "ratepayers face 86pc rate rise", "word"),
        ("wales win in rome", "wales lose in rome", "word"),
        ("wales beat italy", "wales lose italy", None),
        ("police probe crash", "police probe fire", None),
        ("uk candidate suspended", "uk candidate suspended in probe", None),
        ("labour chooses manchester", "manchester wins labour conference", None),
        # inflections, regular and irregular
        ("bank raises interest rates", "bank raised interest rates", "forms"),
        ("bank holds interest rates", "bank held interest rate", "forms"),
        ("striker wins cup final", "striker won cup final", "forms"),
        ("shares rise on profit hopes", "shares rose on profit hope", "forms"),
        ("man charged over police stabbing", "police charge man over stabbing", "order"),
        # different words that only look alike are not other forms of one word
        ("bbc news chief quits", "bbc new chief quits", "word"),
        ("labour left split deepens", "labour leave split deepens", "word"),
        ("bank raises rates", "bank raids rates", None),
    ],
)
def test_near_kinds(a: str, b: str, kind: str | None) -> None:
    assert _near_kind(a.split(), b.split(), 3) == kind
    assert _near_kind(b.split(), a.split(), 3) == kind


@pytest.mark.parametrize(
    ("a", "b", "shares"),
    [
        ("ukip candidate suspended", "ukip candidate suspended in probe", True),
        ("jones files conte lawsuit", "jones files lawsuit against conte", True),
        ("spirit awards hail sideways", "sideways dominates spirit awards", True),
        ("labours eu propaganda", "labour accused of eu propaganda", True),
        # held is a form of holds: five of six content words in common
        ("bank holds interest rate at 4 75", "uk interest rates held at 4 75", True),
        ("mandelson warning to bbc", "mandelson warns bbc on campbell", True),
        # two content words in common, or under three quarters of the shorter headline's
        ("labour chooses manchester", "manchester wins labour conference", False),
        ("foxx and swank win us awards", "foxx and swank take actors awards", False),
        # function words do not count
        ("talks on the future of the port", "protest on the steps of the port", False),
        ("ukip suspended", "ukip suspended in probe", False),
    ],
)
def test_shares_most_words(a: str, b: str, shares: bool) -> None:
    assert _shares_most_words(a.split(), b.split(), 3) is shares
    assert _shares_most_words(b.split(), a.split(), 3) is shares


def test_headlines_sharing_most_words_are_reported_over_one_story_only() -> None:
    """``overlap`` (most words shared, not one word changed) needs bodies of one story."""
    a, b = "UKIP candidate suspended", "UKIP candidate suspended in probe"
    assert _near_kind(a.lower().split(), b.lower().split(), 3) is None
    found = check_corpus(NearDuplicateHeadline, {"a.txt": article(a), "b.txt": article(b)})
    assert [d.path for d in found] == ["a.txt", "b.txt"]
    assert dict(found[0].data)["kind"] == "overlap"
    assert "over the same story" in found[0].message
    # A related body (the same paragraphs and one more) is enough for one changed word,
    # not for a looser match.
    related_body = BODY_A + "\nIts cost has doubled since the first estimate was published.\n"
    options = NearDuplicateHeadline.options
    sketches = [
        NearDuplicateHeadline().collect(document(article(a, body)), options)[4]
        for body in (BODY_A, related_body)
    ]
    similarity = sketch_similarity(array("I", sketches[0]), array("I", sketches[1]), 32)
    assert options["min-body-similarity"] <= similarity < 0.8
    loose = {"a.txt": article(a), "b.txt": article(b, related_body)}
    assert check_corpus(NearDuplicateHeadline, loose) == []
    word = {
        "a.txt": article("Council approves harbour plan"),
        "b.txt": article("Council approves new harbour plan", related_body),
    }
    assert len(check_corpus(NearDuplicateHeadline, word)) == 2
    # Headline-only records never: not even with word-changes-without-body.
    rows = {"h.csv": f"headline_text\n{a}\n{b}\n"}
    assert check_corpus(NearDuplicateHeadline, rows, {"word-changes-without-body": True}) == []


def test_near_duplicate_headline_over_the_same_body() -> None:
    found = check_corpus(
        NearDuplicateHeadline,
        {
            "a.txt": article("China continues breakneck growth"),
            "b.txt": article("China continues rapid growth"),
        },
    )
    assert [(d.path, d.span.line) for d in found] == [("a.txt", 1), ("b.txt", 1)]
    assert found[0].related[0].span.path == "b.txt"
    assert dict(found[0].data)["kind"] == "word"


def test_near_duplicate_headline_over_different_bodies_passes() -> None:
    found = check_corpus(
        NearDuplicateHeadline,
        {
            "a.txt": article("China continues breakneck growth", BODY_A),
            "b.txt": article("China continues rapid growth", BODY_B),
        },
    )
    assert found == []


def test_headline_only_records_report_typos_and_order_but_not_word_changes() -> None:
    rows = [
        "man to face court on theft charge",
        "man to face court on robbery charge",
        "anlezark third in oregon grand prix",
        "anzelark third in oregon grand prix",
    ]
    data = {"h.csv": "headline_text\n" + "\n".join(rows) + "\n"}
    found = check_corpus(NearDuplicateHeadline, data)
    assert sorted(d.span.record for d in found) == ["row 3", "row 4"]
    found = check_corpus(NearDuplicateHeadline, data, {"word-changes-without-body": True})
    assert sorted(d.span.record for d in found) == ["row 1", "row 2", "row 3", "row 4"]


def test_inflected_headlines_are_one_story_but_other_verbs_are_not() -> None:
    """Tense and number change nothing between headline-only records; another verb does."""
    rows = [
        "minister holds talks on fishing quotas",
        "minister held talks on fishing quota",
        "minister halts talks on fishing quotas",
        "shares rise after merger",
        "shares risen after mergers",
        "shares slide after merger",
    ]
    found = check_corpus(NearDuplicateHeadline, {"h.csv": "headline_text\n" + "\n".join(rows)})
    assert sorted(d.span.record for d in found) == ["row 1", "row 2", "row 4", "row 5"]
    assert {dict(d.data)["kind"] for d in found} == {"forms"}
    assert {d.related[0].span.text for d in found} == {rows[1], rows[0], rows[4], rows[3]}


def test_exact_repeats_are_left_to_h002() -> None:
    found = check_corpus(
        NearDuplicateHeadline,
        {
            "a.txt": article("Council approves harbour plan"),
            "b.txt": article("Council approves harbour plan"),
        },
    )
    assert found == []


def test_each_copy_of_a_repeated_headline_relates_to_the_near_one() -> None:
    articles = {f"{n}.txt": article("China continues rapid growth") for n in range(3)}
    articles["x.txt"] = article("China continues breakneck growth")
    found = check_corpus(NearDuplicateHeadline, articles)
    assert len(found) == 4
    x = next(d for d in found if d.path == "x.txt")
    assert len(x.related) == 3 and "and 2 others" in x.message


def test_blocking_keys_are_found_whole_not_across_two_keys() -> None:
    first, second = 0x1122334455667788, 0x99AABBCCDDEEFF00
    packed = array("Q", [first, second]).tobytes()
    straddling = int.from_bytes(packed[4:12], sys.byteorder)
    blobs = [b"", packed, array("Q", [7]).tobytes()]
    assert holding(blobs, {straddling}) == []
    assert holding(blobs, {second, straddling}) == [1]
    assert holding(blobs, {7, first}) == [1, 2]
    # Many values: each blob is tested in Python, with the same answers.
    many = set(range(1000, 2000))
    assert holding(blobs, many | {straddling}) == []
    assert holding(blobs, many | {7}) == [2]


# One target or the whole corpus: the same findings on the target ---------------------------

WORDS = [
    *("council", "approves", "approved", "rejects", "harbour", "plan", "plans", "new", "road"),
    *("storm", "closes", "closed", "holds", "held", "news"),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.sampled_from(WORDS), min_size=2, max_size=5).map(" ".join),
        min_size=2,
        max_size=8,
    )
)
def test_one_target_sees_what_the_whole_corpus_run_sees(headlines: list[str]) -> None:
    articles = {f"{n}.txt": f"{h}\n" for n, h in enumerate(headlines)}
    for rule in (DuplicateHeadline, NearDuplicateHeadline):
        everything = check_corpus(rule, articles)
        for path in articles:
            alone = check_corpus(rule, articles, targets={path})
            assert alone == [d for d in everything if d.path == path]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map(" ".join),
            st.sampled_from([BODY_A, BODY_B, BODY_A + "\n" + BODY_B, ""]),
        ),
        min_size=2,
        max_size=8,
    )
)
# Articles under one headline, one without a body: the headline's keys are all of theirs.
@example(
    [
        ("approves council harbour", ""),
        ("council council approves harbour", BODY_A),
        ("approves council harbour", BODY_A),
        ("storm closes road", ""),  # five articles: one target is judged the fast way
        ("new road plan", ""),
    ]
)
def test_one_target_sees_what_the_whole_corpus_run_sees_with_bodies(
    articles_drawn: list[tuple[str, str]],
) -> None:
    # bodies add the "overlap" blocking keys and the body tests
    articles = {f"{n}.txt": article(h, body) for n, (h, body) in enumerate(articles_drawn)}
    everything = check_corpus(NearDuplicateHeadline, articles)
    for path in articles:
        alone = check_corpus(NearDuplicateHeadline, articles, targets={path})
        assert alone == [d for d in everything if d.path == path]


# The corpora ---------------------------------------------------------------------------------


def bbc_documents(limit: int | None = None) -> list:
    folder = shared_path("corpora", "bbc_news", "articles")
    files = sorted(folder.glob("*.txt"))[:limit]
    return [document(p.read_bytes(), p.name) for p in files]


def test_bbc_sample_has_no_repeated_headline() -> None:
    docs = bbc_documents()[::20]
    assert sum(len(check(RepeatedHeadline, d)) for d in docs) == 0


def test_bbc_duplicate_headlines_match_the_manifest() -> None:
    manifest = shared_path("corpora", "bbc_news", "manifest.tsv")
    rows = list(csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"))
    # The business section holds both exact repeats and one hyphen-only difference.
    docs = [d for d in bbc_documents() if d.path.startswith("business_")]
    found = {d.path for d in check_corpus(DuplicateHeadline, docs)}
    expected = {
        r["id"] + ".txt"
        for r in rows
        if r["category"] == "business" and int(r["headline_occurrences"]) > 1
    }
    assert expected <= found
    # The only extra: "$100m share sale" / "$100m-share sale", equal once hyphens are spaces.
    assert found - expected == {"business_267.txt", "business_365.txt"}


def test_abc_repeats_in_the_first_rows_are_found() -> None:
    folder = shared_path("corpora", "abc_headlines_sample")
    csv_file = next(folder.glob("abcnews-date-text*.csv"))
    listed = {
        r["headline_text"]
        for r in csv.DictReader((folder / "duplicate_headlines.tsv").open(), delimiter="\t")
    }
    # The first 5,000 rows keep the test fast; the benchmark checks the whole file.
    text = "".join(csv_file.open(encoding="utf-8").readlines()[:5001])
    rows = [r["headline_text"] for r in csv.DictReader(text.splitlines())]
    repeated = {h for h in rows if rows.count(h) > 1}
    assert repeated and repeated <= listed
    found = check_corpus(DuplicateHeadline, {"abc.csv": text})
    assert {d.span.text for d in found} == repeated
    assert len(found) == sum(1 for h in rows if h in repeated)
