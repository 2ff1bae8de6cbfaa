"""The default report, for people: location, code, message, the source line and a caret."""

from __future__ import annotations

from newslint.diagnostic import Diagnostic
from newslint.report import ReportContext

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _DIM, _RESET, _BLUE = "\033[1m", "\033[2m", "\033[0m", "\033[1;34m"


def _paint(text: str, style: str, on: bool) -> str:
    return f"{style}{text}{_RESET}" if on else text


def _source_lines(context: ReportContext, diagnostic: Diagnostic) -> list[str]:
    source = context.sources.get(diagnostic.path)
    if source is None:
        return []
    lines = source.splitlines()
    span = diagnostic.span
    if not 1 <= span.line <= len(lines):
        return []
    line = lines[span.line - 1]
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else len(line)
    end = max(end, start + 1)
    # long news paragraphs: show a window around the finding
    left = max(0, start - 60)
    right = min(len(line), max(end, start) + 60)
    shown = ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")
    offset = start - left + (1 if left else 0)
    caret = " " * offset + "^" * max(1, min(end, right) - start)
    gutter = f"{span.line:>5} | "
    return [
        _paint(" " * 5 + " |", _BLUE, context.color),
        _paint(gutter, _BLUE, context.color) + shown.replace("\t", " "),
        _paint(" " * 5 + " | ", _BLUE, context.color)
        + _paint(caret, _COLORS.get(diagnostic.severity, ""), context.color),
    ]


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """Human-readable findings and a summary line."""
    color = context.color
    out: list[str] = []
    for d in diagnostics:
        where = f"{d.path}:{d.span.line}:{d.span.column}:"
        if d.span.record:
            where += f" [{d.span.record}]"
        severity = _paint(d.severity, _COLORS.get(d.severity, ""), color)
        out.append(
            f"{_paint(where, _BOLD, color)} {_paint(d.code, _BOLD, color)} "
            f"{severity} {d.message} {_paint(f'[{d.name}]', _DIM, color)}"
        )
        out.extend(_source_lines(context, d))
        if d.suggestions:
            out.append(
                f"      = help: {', '.join(d.suggestions[:5])}"
                + (" (fixable)" if d.fix and d.fix.safety == "safe" else "")
            )
        for related in d.related:
            span = related.span
            note = related.message or "see also"
            out.append(f"      = note: {note}: {span.path}:{span.line}:{span.column}")
        out.append("")
    counts = {
        s: sum(1 for d in diagnostics if d.severity == s) for s in ("error", "warning", "info")
    }
    files = len({d.path for d in diagnostics})
    if diagnostics:
        parts = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        summary = (
            f"Found {len(diagnostics)} finding{'s' if len(diagnostics) != 1 else ''} "
            f"({parts}) in {files} of {context.files_checked} "
            f"file{'s' if context.files_checked != 1 else ''}."
        )
    else:
        summary = (
            f"All clear: no findings in {context.files_checked} "
            f"file{'s' if context.files_checked != 1 else ''}."
        )
    if context.fixes_applied:
        summary += f" Fixed {context.fixes_applied}."
    if context.fixable:
        summary += f" {context.fixable} fixable with --fix."
    if context.unsafe_fixable:
        summary += f" {context.unsafe_fixable} more with --unsafe-fixes."
    out.append(_paint(summary, _BOLD, color))
    return "\n".join(out) + "\n"
