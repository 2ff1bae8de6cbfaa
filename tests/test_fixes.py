"""Applying fixes: non-overlapping, whole or not at all, idempotent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.diagnostic import Diagnostic, Edit, Fix
from newslint.document import Span
from newslint.fixes import apply_fixes


def diag(start: int, end: int, replacement: str, safety: str = "safe") -> Diagnostic:
    span = Span("a.txt", start, end, 1, start + 1, 1, end + 1, "")
    return Diagnostic(
        span, "m", "Z001", "z", "warning", fix=Fix((Edit(start, end, replacement),), safety)
    )  # type: ignore[arg-type]


def test_applies_non_overlapping_edits_and_skips_overlaps() -> None:
    result = apply_fixes("abcdef", [diag(0, 2, "X"), diag(1, 3, "Y"), diag(4, 5, "Z")])
    assert result.text == "XcdZf"
    assert len(result.fixed) == 2


def test_unsafe_fixes_need_permission() -> None:
    fixes = [diag(0, 1, "X", "unsafe")]
    assert apply_fixes("abc", fixes).text == "abc"
    assert apply_fixes("abc", fixes, unsafe=True).text == "Xbc"


def test_edits_outside_the_text_are_dropped() -> None:
    assert apply_fixes("abc", [diag(2, 9, "X")]).text == "abc"


def test_a_fix_that_changes_nothing_is_not_counted() -> None:
    assert not apply_fixes("abc", [diag(0, 1, "a")]).changed


@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5), st.text(max_size=3)), max_size=6),
)
def test_text_outside_applied_edits_is_unchanged(text, raw_edits) -> None:
    fixes = [diag(min(s, len(text)), min(s + n, len(text)), r) for s, n, r in raw_edits]
    result = apply_fixes(text, fixes)
    # rebuild the expectation from the fixes that were applied
    applied = sorted((d.fix.edits[0] for d in result.fixed), key=lambda e: e.start)
    expected, cursor = [], 0
    for edit in applied:
        assert edit.start >= cursor
        expected.append(text[cursor : edit.start] + edit.replacement)
        cursor = edit.end
    expected.append(text[cursor:])
    assert result.text == "".join(expected)
