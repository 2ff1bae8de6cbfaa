"""``--statistics``: how many findings each rule produced, and whether they can be fixed.

One row per code, most frequent first (ties by code), like Ruff's ``--statistics``::

    12  T001  [*]  misspelling
     3  H002  [ ]  repeated-headline

The marker says what the findings of this run offer: ``[*]`` at least one has a safe fix
(``--fix`` repairs it), ``[~]`` only unsafe fixes (``--unsafe-fixes``), ``[ ]`` none. A legend
line follows when some marker is not blank, so the table explains itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newslint.diagnostic import Diagnostic
from newslint.report import ReportContext

_MARKERS = {"safe": "[*]", "unsafe": "[~]", None: "[ ]"}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: a code, its name, how many findings, what fix they offer."""

    code: str
    name: str
    count: int
    #: "safe" when some finding has a safe fix, "unsafe" when only unsafe ones, else None
    fixable: str | None

    def to_dict(self) -> dict[str, object]:
        """Plain-data form (for a machine-readable statistics report)."""
        return {"code": self.code, "name": self.name, "count": self.count, "fixable": self.fixable}


def rows(diagnostics: list[Diagnostic], context: ReportContext) -> list[Row]:
    """The statistics rows, most frequent code first, then by code."""
    counts: Counter[str] = Counter(d.code for d in diagnostics)
    names: dict[str, str] = {}
    fixes: dict[str, set[str]] = {}
    for d in diagnostics:
        names.setdefault(d.code, d.name)
        if d.fix is not None:
            fixes.setdefault(d.code, set()).add(d.fix.safety)
    result = []
    for code, count in counts.items():
        rule = context.rules.get(code)
        name = names.get(code) or getattr(rule, "name", "") or ""
        offered = fixes.get(code, set())
        fixable = "safe" if "safe" in offered else ("unsafe" if offered else None)
        result.append(Row(code, name, count, fixable))
    result.sort(key=lambda r: (-r.count, r.code))
    return result


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """The statistics table as text (empty when there are no findings)."""
    table = rows(diagnostics, context)
    if not table:
        return ""
    count_width = max(len(str(r.count)) for r in table)
    code_width = max(len(r.code) for r in table)
    lines = []
    for r in table:
        code = r.code.ljust(code_width)
        if context.color:
            code = f"\033[1m{code}\033[0m"
        lines.append(f"{r.count:>{count_width}}  {code}  {_MARKERS[r.fixable]}  {r.name}".rstrip())
    legend = []
    if any(r.fixable == "safe" for r in table):
        legend.append("[*] fixable with --fix")
    if any(r.fixable == "unsafe" for r in table):
        legend.append("[~] fixable with --unsafe-fixes")
    if legend:
        lines.append("; ".join(legend))
    return "\n".join(lines) + "\n"
