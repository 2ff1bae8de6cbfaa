"""``--format json``: a JSON list of diagnostics with stable keys.

Each object has ``path, line, column, end_line, end_column, code, name, severity, message,
text, suggestions, fix`` (``line``/``column`` 1-based, ``end_column`` exclusive, ``text`` the
exact flagged source text), then ``record``, ``related`` and ``data`` when they apply.
"""

from __future__ import annotations

import json

from newslint.diagnostic import Diagnostic
from newslint.report import ReportContext


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """The diagnostics as a JSON list."""
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"
