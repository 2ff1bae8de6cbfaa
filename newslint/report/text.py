"""The default report, for people: location, code, message, the source line and a caret."""

from __future__ import annotations

import unicodedata

from wcwidth import wcwidth

from newslint.diagnostic import Diagnostic
from newslint.document import source_lines
from newslint.report import ReportContext

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _DIM, _RESET, _BLUE = "\033[1m", "\033[2m", "\033[0m", "\033[1;34m"


def _paint(text: str, style: str, on: bool) -> str:
    return f"{style}{text}{_RESET}" if on else text


#: general categories shown as escapes in the snippet: controls, format characters (zero-width,
#: bidi), line and paragraph separators and lone surrogates. A terminal shows them as nothing,
#: obeys them (a form feed, an escape sequence, a bidi override) or cannot print them, and a
#: caret under an invisible character points at its neighbour.
_ESCAPED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _shown(char: str, color: bool) -> tuple[str, int]:
    """How the snippet shows one source character, and how many terminal columns that takes."""
    if char == "\t":
        return " ", 1
    if unicodedata.category(char) in _ESCAPED:
        escape = char.encode("unicode_escape").decode("ascii")  # \x0c, \u200b, \U000e0001
        return _paint(escape, _DIM, color), len(escape)
    return char, max(0, wcwidth(char))


def _source_lines(
    context: ReportContext, diagnostic: Diagnostic, lines_of: dict[str, list[str]]
) -> list[str]:
    source = context.sources.get(diagnostic.path)
    if source is None:
        return []
    lines = lines_of.get(diagnostic.path)
    if lines is None:
        lines = lines_of[diagnostic.path] = source_lines(source)
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
    pieces = [_shown(char, context.color) for char in line[left:right]]
    shown = ("…" if left else "") + "".join(text for text, _ in pieces)
    shown += "…" if right < len(line) else ""
    # the caret counts terminal columns, not characters: an escape takes several
    widths = [width for _, width in pieces]
    offset = (1 if left else 0) + sum(widths[: start - left])
    caret = " " * offset + "^" * max(1, sum(widths[start - left : min(end, right) - left]))
    gutter = f"{span.line:>5} | "
    return [
        _paint(" " * 5 + " |", _BLUE, context.color),
        _paint(gutter, _BLUE, context.color) + shown,
        _paint(" " * 5 + " | ", _BLUE, context.color)
        + _paint(caret, _COLORS.get(diagnostic.severity, ""), context.color),
    ]


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """Human-readable findings and a summary line."""
    color = context.color
    out: list[str] = []
    lines_of: dict[str, list[str]] = {}
    for d in diagnostics:
        where = f"{d.path}:{d.span.line}:{d.span.column}:"
        if d.span.record:
            where += f" [{d.span.record}]"
        severity = _paint(d.severity, _COLORS.get(d.severity, ""), color)
        out.append(
            f"{_paint(where, _BOLD, color)} {_paint(d.code, _BOLD, color)} "
            f"{severity} {d.message} {_paint(f'[{d.name}]', _DIM, color)}"
        )
        out.extend(_source_lines(context, d, lines_of))
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
