"""Values rules produce: Diagnostic, Fix, Edit, Related. All frozen and picklable."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from newslint.document import Span

Severity = Literal["error", "warning", "info"]
#: severities from most to least serious; ``fail-on`` compares against this order
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Safety = Literal["safe", "unsafe"]


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info: lower is more serious."""
    return SEVERITIES.index(severity)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source characters ``[start, end)`` of one file with ``replacement``."""

    start: int
    end: int
    replacement: str

    def __reduce__(self) -> tuple[Any, ...]:
        return (Edit, (self.start, self.end, self.replacement))


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more edits that repair a diagnostic, and whether applying them is safe.

    A safe fix cannot change meaning (a backtick to an apostrophe, mojibake repaired); an
    unsafe one might (a suggested spelling). ``--fix`` applies safe fixes only.
    """

    edits: tuple[Edit, ...]
    safety: Safety = "safe"
    description: str = ""
    #: write the file in this encoding instead of the one it was read in (e.g. "utf-8")
    encoding: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for reports."""
        return {
            "safety": self.safety,
            "description": self.description,
            "encoding": self.encoding,
            "edits": [
                {"start": e.start, "end": e.end, "replacement": e.replacement} for e in self.edits
            ],
        }


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a diagnostic: the other article, the first spelling."""

    span: Span
    message: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (Related, (self.span, self.message))

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for reports."""
        data = self.span.to_dict()
        if self.span.record is not None:
            data["record"] = self.span.record
        data["message"] = self.message
        return data


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: which rule, where, what is wrong, and how it might be repaired.

    ``code``, ``name`` and ``severity`` may be left empty by a rule: the engine fills them from
    the rule's metadata and the user's severity overrides.
    """

    span: Span
    message: str
    code: str = ""
    name: str = ""
    severity: str = ""
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default_factory=tuple)
    #: extra machine-readable facts (LanguageTool rule id, similarity score...)
    data: tuple[tuple[str, Any], ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Diagnostic,
            (
                self.span,
                self.message,
                self.code,
                self.name,
                self.severity,
                self.suggestions,
                self.fix,
                self.related,
                self.data,
            ),
        )

    @property
    def path(self) -> str:
        """The path of the flagged file."""
        return self.span.path

    def sort_key(self) -> tuple[Any, ...]:
        """Order diagnostics by file, position and code."""
        return (self.span.path, self.span.start, self.span.end, self.code, self.message)

    def with_meta(self, **changes: Any) -> Diagnostic:
        """Copy with some fields changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form: the keys the ``json`` report promises, then extras."""
        data: dict[str, Any] = {
            "path": self.span.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "text": self.span.text,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
        }
        if self.span.record is not None:
            data["record"] = self.span.record
        if self.related:
            data["related"] = [r.to_dict() for r in self.related]
        if self.data:
            data["data"] = dict(self.data)
        return data
