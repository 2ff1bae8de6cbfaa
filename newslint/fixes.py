"""Applying fixes to source text: non-overlapping edits, safest first, in one pass."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newslint.diagnostic import Diagnostic, Edit


@dataclass(frozen=True)
class FixResult:
    """The fixed text, which diagnostics were fixed, and the encoding to write with."""

    text: str
    fixed: tuple[Diagnostic, ...]
    encoding: str | None = None

    @property
    def changed(self) -> bool:
        """True when at least one fix was applied."""
        return bool(self.fixed)


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    """True when the diagnostic has a fix this run may apply."""
    fix = diagnostic.fix
    return fix is not None and (fix.safety == "safe" or unsafe)


def apply_fixes(source: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> FixResult:
    """Apply the fixes of ``diagnostics`` to ``source``.

    A fix is applied whole or not at all. When two fixes overlap (or touch the same point with
    insertions) the one that comes first in the text wins and the other is left for a later
    run; an edit whose range falls outside the text is dropped.
    """
    chosen: list[tuple[Diagnostic, tuple[Edit, ...]]] = []
    taken: list[tuple[int, int]] = []
    encoding = None
    candidates = [d for d in diagnostics if applicable(d, unsafe)]
    candidates.sort(key=lambda d: min(e.start for e in d.fix.edits) if d.fix.edits else 0)  # type: ignore[union-attr]
    for diag in candidates:
        fix = diag.fix
        assert fix is not None
        edits = tuple(sorted(fix.edits, key=lambda e: (e.start, e.end)))
        if any(not (0 <= e.start <= e.end <= len(source)) for e in edits):
            continue
        if any(_overlaps(e, taken) for e in edits) or _self_overlap(edits):
            continue
        if all(source[e.start : e.end] == e.replacement for e in edits) and not fix.encoding:
            continue
        chosen.append((diag, edits))
        taken.extend((e.start, e.end) for e in edits)
        encoding = fix.encoding or encoding
    all_edits = sorted((e for _, edits in chosen for e in edits), key=lambda e: e.start)
    pieces = []
    cursor = 0
    for edit in all_edits:
        pieces.append(source[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(source[cursor:])
    return FixResult("".join(pieces), tuple(d for d, _ in chosen), encoding)


def _overlaps(edit: Edit, taken: list[tuple[int, int]]) -> bool:
    for start, end in taken:
        if edit.start < end and start < edit.end:
            return True
        if edit.start == edit.end == start or (start == end == edit.start):
            return True
    return False


def _self_overlap(edits: tuple[Edit, ...]) -> bool:
    return any(a.end > b.start for a, b in zip(edits, edits[1:], strict=False))
