"""``--format concise``: one line per finding, ``path:line:col: CODE [severity] message``.

Made for grep, editors' quickfix lists and scripts: exactly one line per finding, no summary,
no source excerpt. A message or path holding a line break or a control character is written
with backslash escapes (``\\n``, ``\\x1b``) so a finding can never spill onto a second line or
send escape sequences to a terminal.
"""

from __future__ import annotations

from newslint.diagnostic import Diagnostic
from newslint.report import ReportContext

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"

# Characters that end a line for str.splitlines() or drive a terminal: C0 and C1 controls
# (tab excepted), DEL, and the Unicode line and paragraph separators.
_ESCAPES: dict[int, str] = {
    code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if code != 0x09
}
_ESCAPES.update({0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"})
# Lone surrogates (a path in surrogateescape, a JSON "\\ud83d" escape) cannot be written as
# UTF-8 at all: printing one would crash the run.
_SURROGATES: dict[int, str] = {code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)}
_ESCAPES.update(_SURROGATES)


def escape_surrogates(text: str) -> str:
    """``text`` with lone surrogates written as ``\\udXXX`` so it encodes as UTF-8."""
    return text.translate(_SURROGATES)


def one_line(text: str) -> str:
    """``text`` with line breaks, control characters and lone surrogates backslash-escaped."""
    return text.translate(_ESCAPES)


def format_line(diagnostic: Diagnostic, color: bool = False) -> str:
    """The concise line of one finding (without the newline)."""
    span = diagnostic.span
    where = f"{one_line(span.path)}:{span.line}:{span.column}:"
    code = diagnostic.code or "-"
    severity = f"[{diagnostic.severity or 'warning'}]"
    message = one_line(diagnostic.message)
    if color:
        paint = _COLORS.get(diagnostic.severity, _BOLD)
        return f"{_BOLD}{where}{_RESET} {paint}{code}{_RESET} {severity} {message}"
    return f"{where} {code} {severity} {message}"


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """One line per finding, ordered by file and position; empty when there is none."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    return "".join(format_line(d, context.color) + "\n" for d in ordered)
