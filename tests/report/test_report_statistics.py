"""The ``--statistics`` table: count, code, fix marker and name per rule."""

from __future__ import annotations

from newslint.diagnostic import Edit, Fix
from newslint.report import ReportContext, statistics
from tests.report.conftest import RULES, Sample


def test_table(sample: Sample, context: ReportContext) -> None:
    typos = [sample.typo] * 12
    unfixed_typo = sample.typo.with_meta(fix=None)
    diagnostics = [*typos, unfixed_typo, sample.mojibake, sample.style, sample.style]
    assert statistics.render(diagnostics, context) == (
        "13  T901  [~]  test-misspelling\n"
        " 2  S901  [ ]  test-house-style\n"
        " 1  E901  [*]  test-mojibake\n"
        "[*] fixable with --fix; [~] fixable with --unsafe-fixes\n"
    )


def test_ties_are_ordered_by_code(sample: Sample, context: ReportContext) -> None:
    table = statistics.rows([sample.typo, sample.naming, sample.style], context)
    assert [(r.code, r.count) for r in table] == [("N901", 1), ("S901", 1), ("T901", 1)]


def test_safe_fix_wins_over_unsafe(sample: Sample, context: ReportContext) -> None:
    safe = sample.typo.with_meta(fix=Fix((Edit(0, 1, "x"),), "safe"))
    [row] = statistics.rows([sample.typo, safe], context)
    assert row.fixable == "safe"
    assert row.to_dict() == {
        "code": "T901",
        "name": "test-misspelling",
        "count": 2,
        "fixable": "safe",
    }


def test_no_legend_without_fixes(sample: Sample, context: ReportContext) -> None:
    assert statistics.render([sample.style], context) == "1  S901  [ ]  test-house-style\n"


def test_name_comes_from_the_rule_when_missing(sample: Sample) -> None:
    context = ReportContext(rules=RULES)
    [row] = statistics.rows([sample.style.with_meta(name="")], context)
    assert row.name == "test-house-style"


def test_empty(context: ReportContext) -> None:
    assert statistics.render([], context) == ""


def test_color_bolds_the_code(sample: Sample) -> None:
    out = statistics.render([sample.style], ReportContext(rules=RULES, color=True))
    assert out == "1  \033[1mS901\033[0m  [ ]  test-house-style\n"
