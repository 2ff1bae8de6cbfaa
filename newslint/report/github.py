"""``--format github``: GitHub Actions workflow commands that annotate the pull request.

One line per finding::

    ::error file=news/a.md,line=3,col=5,endLine=3,endColumn=9,title=T001 misspelling::message

``error``, ``warning`` or ``notice`` follows the finding's severity. Escaping follows the
runner's parser (the ``escapeData``/``escapeProperty`` rules of actions/toolkit): in the
message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; property values also turn ``:`` and
``,`` into ``%3A`` and ``%2C``. GitHub takes ``col``/``endColumn`` only on a one-line
annotation, so a finding that spans lines gives ``line``/``endLine`` alone. Paths are relative
to the report root (the checkout), with ``/``. Files that could not be read become ``::error``
lines without a location, so they show in the run summary too.
"""

from __future__ import annotations

import os
from pathlib import PurePath

from newslint.diagnostic import Diagnostic
from newslint.report import ReportContext
from newslint.report.concise import escape_surrogates

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    text = escape_surrogates(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes; unchanged when outside ``root``."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(root)
    try:
        inside = os.path.commonpath([absolute, base]) == base
    except ValueError:  # different drives on Windows
        inside = False
    if not inside:
        return PurePath(path).as_posix()
    return PurePath(os.path.relpath(absolute, base)).as_posix()


def format_line(diagnostic: Diagnostic, root: str = ".", shown_path: str | None = None) -> str:
    """The workflow command of one finding (without the newline).

    ``shown_path`` is the path as the annotation names it (default: relative to ``root``).
    """
    span = diagnostic.span
    if shown_path is None:
        shown_path = relative_path(span.path, root)
    props = [f"file={escape_property(shown_path)}", f"line={span.line}"]
    if span.end_line == span.line:
        props += [f"col={span.column}", f"endLine={span.line}", f"endColumn={span.end_column}"]
    else:
        # a span that stops just after a line break really ends on the line before it
        end_line = span.end_line - 1 if span.end_column == 1 else span.end_line
        props.append(f"endLine={end_line}")
    title = " ".join(part for part in (diagnostic.code, diagnostic.name) if part) or "newslint"
    props.append(f"title={escape_property(title)}")
    command = _COMMANDS.get(diagnostic.severity, "warning")
    message = diagnostic.message
    if span.record:
        message = f"[{span.record}] {message}"
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """One workflow command per finding, then one per file that could not be read."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    shown: dict[str, str] = {}  # path -> relative path: resolving it costs system calls
    lines = []
    for d in ordered:
        if d.path not in shown:
            shown[d.path] = relative_path(d.path, context.root)
        lines.append(format_line(d, context.root, shown[d.path]))
    lines += [f"::error title=newslint::{escape_data(error)}" for error in context.errors]
    return "".join(line + "\n" for line in lines)
