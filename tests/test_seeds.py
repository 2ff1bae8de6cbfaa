"""Acceptance: both seed articles linted together, every defect they were chosen for reported.

The seeds live in ../shared/seeds (CI has them; a user's clone does not, and these tests skip).
Each expectation names the file, line, rule family and the flagged text, as the issues list
them; the rules find them by their own logic, nothing here is fed to them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.cli import main

EXPECTED = [
    # typos
    ("000", 16, "T", "reciporcal"),
    ("000", 12, "T", "pasts"),
    ("000", 4, "T", "hostilities"),
    # headlines, captions, copies
    ("001", 3, "H", "Russia pledges more Syria raids"),
    ("001", 4, "S", "Picture for representation only"),
    ("000", 2, "D", "Moscow pledged Saturday"),
    ("001", 6, "D", "Moscow pledged Saturday"),
    ("000", 17, "D", "Turkey has been firing"),
    ("001", 32, "D", "Fighting has become"),
    ("000", 12, "D", "Russian Federation says"),
    ("001", 46, "D", "The Syrian opposition"),
    # names
    ("001", 48, "N", "Sergei Lavrov"),
    ("000", 14, "N", "Islamic State"),
    ("000", 13, "N", "USA"),
    ("001", 16, "N", "al-Assad"),
    ("000", 3, "N", "Russian Federation"),
    # encoding and typography
    ("001", 8, "E", "`"),
    ("001", 14, "E", "`"),
    ("001", 24, "E", "`"),
    ("001", 38, "E", "`"),
    ("001", 44, "E", "`"),
    ("001", 24, "E", "website.Speaking"),
    ("001", 40, "E", "bombing.Meanwhile"),
]


@pytest.fixture(scope="module")
def seed_findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    from tests.conftest import shared_path

    seeds = shared_path("seeds")
    out = tmp_path_factory.mktemp("report") / "report.json"
    code = main([str(seeds), "--format", "json", "-o", str(out), "--no-cache", "--no-progress"])
    assert code == 1
    return json.loads(out.read_text())


@pytest.mark.parametrize(("seed", "line", "family", "text"), EXPECTED)
def test_seed_defect_is_reported(seed_findings, seed, line, family, text) -> None:
    hits = [
        f
        for f in seed_findings
        if Path(f["path"]).name.startswith(seed)
        and f["line"] <= line <= f["end_line"]
        and f["code"].startswith(family)
        and (text in f["text"] or f["text"] in text)
    ]
    assert hits, f"{seed} line {line}: no {family} finding on {text!r}"


def test_cross_article_findings_name_the_other_article(seed_findings) -> None:
    crossing = [f for f in seed_findings if f["code"][0] in "DN" and f.get("related")]
    assert crossing
    for finding in crossing:
        if finding["code"] in ("D002", "D003", "N002"):
            assert any(
                Path(r["path"]).name != Path(finding["path"]).name for r in finding["related"]
            )


def test_no_spelling_finding_on_a_name(seed_findings) -> None:
    spelled = [f["text"] for f in seed_findings if f["code"] in ("T001", "T002")]
    assert all(t[:1].islower() for t in spelled), spelled
