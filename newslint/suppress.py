"""Inline suppressions: ``<!-- newslint: ignore CODE -->`` and friends.

In Markdown and HTML (and, as a convenience, plain text):

- ``<!-- newslint: ignore T001 H002 -->`` on a line of its own silences those codes on the
  next non-blank line; at the end of a line of text, on that line.
- ``<!-- newslint: disable T001 -->`` ... ``<!-- newslint: enable T001 -->``: a range of lines
  (``disable`` without codes silences everything until ``enable``).
- ``<!-- newslint: disable-file T001 -->``: the whole file.
- front matter (or a record field) ``newslint-ignore: [T001, unknown-word]``: the whole article.

Codes may be codes, prefixes (``T``) or rule names. A directive that silences nothing is
reported as X001 unused-suppression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from newslint.diagnostic import Diagnostic
from newslint.document import Document, Span

_DIRECTIVE = re.compile(
    r"<!--\s*newslint\s*:\s*(?P<verb>ignore|disable-file|disable|enable)\b(?P<codes>[^>]*?)-->",
    re.IGNORECASE,
)


@dataclass
class Directive:
    """One suppression: which codes, over which lines, and where it was written."""

    verb: str
    codes: tuple[str, ...]
    first_line: int
    last_line: int
    span: Span | None
    used: set[str] = field(default_factory=set)

    def covers(self, diagnostic: Diagnostic) -> bool:
        """True when this directive silences ``diagnostic``."""
        if not self.first_line <= diagnostic.span.line <= self.last_line:
            return False
        if not self.codes:
            return True
        return any(matches(code, diagnostic) for code in self.codes)


def matches(selector: str, diagnostic: Diagnostic) -> bool:
    """True when ``selector`` (code, prefix or name) names the diagnostic's rule."""
    return diagnostic.code.startswith(selector.upper()) or diagnostic.name == selector.lower()


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[\s,]+", text.strip()) if c)


def parse_directives(doc: Document) -> list[Directive]:
    """The suppression directives of one document (front matter and comments)."""
    directives: list[Directive] = []
    ignore = doc.metadata.get("newslint-ignore") if isinstance(doc.metadata, dict) else None
    if isinstance(ignore, str):
        ignore = _codes(ignore)
    if isinstance(ignore, (list, tuple)) and ignore:
        directives.append(Directive("front-matter", tuple(map(str, ignore)), 1, 10**9, None))
    if doc.format in ("jsonl", "json", "csv") or "newslint" not in doc.source:
        return directives
    index = doc.line_index
    source = doc.source
    open_ranges: dict[tuple[str, ...], Directive] = {}
    last_line = index.line_count
    for match in _DIRECTIVE.finditer(source):
        verb = match.group("verb").lower()
        codes = _codes(match.group("codes"))
        span = doc.span(match.start(), match.end())
        line = span.line
        if verb == "ignore":
            start, end = index.line_bounds(line)
            rest = (source[start : match.start()] + source[match.end() : end]).strip()
            target = line
            if not rest:
                target = line + 1
                while target <= last_line:
                    s, e = index.line_bounds(target)
                    if source[s:e].strip():
                        break
                    target += 1
            directives.append(Directive(verb, codes, target, target, span))
        elif verb == "disable-file":
            directives.append(Directive(verb, codes, 1, 10**9, span))
        elif verb == "disable":
            directive = Directive(verb, codes, line, 10**9, span)
            open_ranges[codes] = directive
            directives.append(directive)
        else:  # enable closes the matching disable (or every one, without codes)
            for key in list(open_ranges):
                if not codes or key == codes or set(codes) & set(key):
                    open_ranges.pop(key).last_line = line
    return directives


def apply_suppressions(
    diagnostics: Iterable[Diagnostic], directives: list[Directive]
) -> list[Diagnostic]:
    """The diagnostics no directive silences; marks the directives that silenced something."""
    kept = []
    for diagnostic in diagnostics:
        silenced = False
        for directive in directives:
            if directive.covers(diagnostic):
                directive.used.add(diagnostic.code)
                silenced = True
        if not silenced:
            kept.append(diagnostic)
    return kept
