"""Family S boilerplate: the bundled packs S001-S005 and the caption rule S006."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.fixes import apply_fixes
from newslint.registry import load_registry
from newslint.rules.boilerplate import CaptionDateline
from newslint.testing import check, document
from tests.conftest import shared_path

HEADLINE = "Ferry service resumes"


def rule(code: str):
    found = load_registry().get(code)
    assert found is not None, code
    return found


def flagged(code: str, line: str) -> list[str]:
    return [d.span.text for d in check(rule(code), f"{HEADLINE}\n\n{line}\n")]


def test_seed_001_line_4_caption_is_one_finding(seed_001: Path) -> None:
    found = check(rule("S001"), seed_001.read_bytes(), path=seed_001.name)
    assert [(d.span.line, d.span.column) for d in found] == [(4, 1)]
    doc = document(seed_001.read_bytes(), seed_001.name)
    assert found[0].span.end_column == len(doc.source.splitlines()[3]) + 1


def test_seed_000_line_6_caption_with_dateline(seed_000: Path) -> None:
    found = check(CaptionDateline, seed_000.read_bytes(), path=seed_000.name)
    assert [d.span.line for d in found] == [6]
    assert "January 29, 2016" in found[0].message


@pytest.mark.parametrize(
    ("code", "line", "expected"),
    [
        ("S001", "Photo: AP", "Photo: AP"),
        ("S001", "Photograph: PA", "Photograph: PA"),
        ("S001", "Crowds at the quay. Photograph: Jane Roe/PA", "Photograph: Jane Roe/PA"),
        ("S001", "Image copyright Getty Images", "Image copyright Getty Images"),
        ("S001", "Image source, Reuters", "Image source, Reuters"),
        ("S001", "File photo", "File photo"),
        ("S001", "FILE PHOTO: Crowds at the quay", "FILE PHOTO"),
        ("S001", "Representational image", "Representational image"),
        ("S001", "(Representative image)", "(Representative image)"),
        (
            "S001",
            "Image used for illustrative purposes only.",
            "Image used for illustrative purposes only",
        ),
        ("S001", "Crowds at the quay (AP Photo/Jane Roe)", "(AP Photo/Jane Roe)"),
        ("S001", "Crowds at the quay. REUTERS/Jane Roe", "REUTERS/Jane Roe"),
        ("S001", "Crowds at the quay. © Jane Roe", "© Jane Roe"),
        ("S002", "Click here to read the full report.", "Click here to read the full report."),
        ("S002", "The timetable is online. Tap here for times.", "Tap here for times."),
        ("S003", "Also read: Harbour fees to rise", "Also read:"),
        ("S003", "ALSO READ | Harbour fees to rise", "ALSO READ |"),
        ("S003", "Read more: Harbour fees to rise", "Read more:"),
        ("S003", "More on this story", "More on this story"),
        ("S004", "Follow us on Twitter @ferrynews", "Follow us on Twitter @ferrynews"),
        ("S004", "Sign up for our daily newsletter", "Sign up for our daily newsletter"),
        ("S005", "Advertisement", "Advertisement"),
        ("S005", "Story continues below advertisement", "Story continues below advertisement"),
    ],
)
def test_boilerplate_found(code: str, line: str, expected: str) -> None:
    assert flagged(code, line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Police released a file photo of the missing sailor.",
        "The photo: a crowd on the quay, and a late departure.",
        "Photograph albums from the 1950s were found in the attic.",
        "The image copyright belongs to the museum, a spokeswoman said.",
        "The agency's picture editor, Jane Roe, chose the image.",
        "Residents can click to vote on the council website.",
        "Readers will also read about the fees in our next edition.",
        "Related costs rose by a third, the operator said.",
        "See you next season, the captain told passengers.",
        "The minister urged voters to follow us on Twitter, a phrase she repeated at every stop "
        "of a campaign that lasted six weeks and took her to every port on the coast.",
        "The operator's advertisement campaign starts next week.",
        "Continue reading the report, the judge told the court, before she ruled.",
        "Copyright Law experts say the ruling will stand.",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    for code in ("S001", "S002", "S003", "S004", "S005", "S006"):
        assert flagged(code, line) == [], code


@pytest.mark.parametrize(
    "line",
    [
        "A volunteer carries crates past the harbour in Portree, Scotland April 2, 2019.",
        "A volunteer carries crates in Portree, Scotland April 2, 2019. REUTERS/Jane Roe",
        "A volunteer carries crates in Portree, Scotland, Tuesday, April 2, 2019. (AP Photo/J Roe)",
        "A volunteer carries crates on April 2, 2019 in Portree, Scotland. "
        "(Photo by Jane Roe/Getty Images)",
    ],
)
def test_wire_captions(line: str) -> None:
    assert len(flagged("S006", line)) == 1


@pytest.mark.parametrize(
    "line",
    [
        "The treaty was signed in Paris on January 29, 2016.",
        "The talks began in Geneva, Switzerland, on January 29, 2016.",
        "The deal, signed January 29, 2016.",
        "The talks were held on January 29, 2016 in Geneva, Switzerland.",
        "He was born in Leeds, On January 29, 2016.",
    ],
)
def test_prose_ending_in_a_date_is_not_a_caption(line: str) -> None:
    assert flagged("S006", line) == []


def test_caption_fix_deletes_the_line() -> None:
    text = (
        f"{HEADLINE}\n\nThe quay at dawn in Portree, Scotland April 2, 2019.\n\nThe ferry sailed.\n"
    )
    found = check(CaptionDateline, text)
    assert apply_fixes(text, found, unsafe=True).text == f"{HEADLINE}\n\nThe ferry sailed.\n"


def test_packs_leave_the_bbc_corpus_alone() -> None:
    folder = shared_path("corpora", "bbc_news", "articles")
    docs = [document(p.read_bytes(), p.name) for p in sorted(folder.glob("*.txt"))[::10]]
    codes = ["S001", "S002", "S003", "S004", "S005", "S006"]
    found = [d for code in codes for doc in docs for d in check(rule(code), doc)]
    assert found == []
