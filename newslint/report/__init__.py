"""Report formats: one module per format, each with ``render(diagnostics, context) -> str``."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newslint.diagnostic import Diagnostic

#: format name -> module in this package
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "concise": "concise",
}


@dataclass(frozen=True)
class ReportContext:
    """What a report may say besides the diagnostics."""

    rules: Mapping[str, Any] = field(default_factory=dict)
    files_checked: int = 0
    tool_version: str = ""
    root: str = "."
    fixes_applied: int = 0
    errors: Sequence[str] = ()
    color: bool = False
    #: the source text of flagged files, by path (the text report shows the line)
    sources: Mapping[str, str] = field(default_factory=dict)
    #: count of findings that --fix (safe) or --unsafe-fixes could repair
    fixable: int = 0
    unsafe_fixable: int = 0


def render(format_name: str, diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """Render ``diagnostics`` in ``format_name``."""
    try:
        module = importlib.import_module(f"{__name__}.{FORMATS[format_name]}")
    except KeyError:
        raise ValueError(f"unknown report format {format_name!r}") from None
    return module.render(diagnostics, context)  # type: ignore[no-any-return]
