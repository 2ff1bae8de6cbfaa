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
    data = [d.to_dict() for d in diagnostics]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a JSON escape or a file name)
        text = json.dumps(data, ensure_ascii=True, indent=2) + "\n"
    return text
