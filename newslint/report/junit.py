"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins...).

Layout, as Ruff writes it: one ``<testsuite>`` per file with findings, one ``<testcase>`` per
finding holding a ``<failure>`` whose ``type`` is the rule code and ``message`` the finding's
message (the body repeats ``path:line:col: CODE [severity] message`` and any suggestions). A
last ``<testsuite name="newslint">`` carries the run's properties, an ``<error>`` test case per
file that could not be read, and a passing "No findings" test case when there is nothing else,
so a clean run is not an empty report. XML is built with ElementTree (escaped by it); the few
characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are
written as ``\\xNN``/``\\uNNNN`` so the document always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

from newslint.diagnostic import Diagnostic
from newslint.report import ReportContext
from newslint.report.github import relative_path

# Characters outside the XML 1.0 Char production (tab, LF and CR are allowed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _NOT_XML.sub(escape, text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: _xml_safe(str(v)) for k, v in attrs.items()})
    if text is not None:
        child.text = _xml_safe(text)
    return child


def _by_file(diagnostics: Iterable[Diagnostic]) -> dict[str, list[Diagnostic]]:
    files: dict[str, list[Diagnostic]] = {}
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        files.setdefault(d.path, []).append(d)
    return files


def _failure_text(d: Diagnostic, path: str, shown: Callable[[str], str]) -> str:
    span = d.span
    where = f"{path}:{span.line}:{span.column}:"
    if span.record:
        where += f" [{span.record}]"
    lines = [f"{where} {d.code} [{d.severity}] {d.message}"]
    if span.text:
        lines.append(f"flagged: {span.text}")
    if d.suggestions:
        lines.append(f"suggestions: {', '.join(d.suggestions)}")
    if d.fix is not None:
        lines.append(
            f"fix: {d.fix.safety}" + (f" ({d.fix.description})" if d.fix.description else "")
        )
    for related in d.related:
        r = related.span
        note = related.message or "see also"
        lines.append(f"related: {note}: {shown(r.path)}:{r.line}:{r.column}")
    return "\n".join(lines)


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def build(diagnostics: list[Diagnostic], context: ReportContext) -> ET.Element:
    """The ``<testsuites>`` element of the report."""
    files = _by_file(diagnostics)
    root = ET.Element("testsuites", {"name": "newslint"})
    paths: dict[str, str] = {}  # resolving a path costs system calls: once per path

    def relative(path: str) -> str:
        if path not in paths:
            paths[path] = relative_path(path, context.root)
        return paths[path]

    for path, found in files.items():
        shown = relative(path)
        suite = _element(
            root,
            "testsuite",
            name=shown,
            tests=len(found),
            failures=len(found),
            errors=0,
            skipped=0,
        )
        for d in found:
            span = d.span
            label = " ".join(part for part in (d.code, d.name) if part)
            where = f"line {span.line}, column {span.column}"
            if span.record:
                where += f" ({span.record})"
            case = _element(
                suite,
                "testcase",
                name=f"{label} at {where}",
                classname=shown,
                file=shown,
                line=span.line,
            )
            _element(
                case,
                "failure",
                _failure_text(d, shown, relative),
                message=d.message,
                type=d.code,
            )
    errors = list(context.errors)
    summary_tests = len(errors) or (0 if files else 1)
    summary = _element(
        root,
        "testsuite",
        name="newslint",
        tests=summary_tests,
        failures=0,
        errors=len(errors),
        skipped=0,
    )
    props = _element(summary, "properties")
    for name, value in (
        ("newslint.version", context.tool_version),
        ("files_checked", context.files_checked),
        ("fixes_applied", context.fixes_applied),
    ):
        _element(props, "property", name=name, value=value)
    for error in errors:
        case = _element(summary, "testcase", name=error, classname="newslint")
        _element(case, "error", error, message=error, type="InputError")
    if not files and not errors:
        _element(
            summary,
            "testcase",
            name=f"No findings in {_files(context.files_checked)}",
            classname="newslint",
        )
    total_tests = sum(len(found) for found in files.values()) + summary_tests
    root.set("tests", str(total_tests))
    root.set("failures", str(len(diagnostics)))
    root.set("errors", str(len(errors)))
    return root


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """The JUnit XML document (UTF-8 declared; the caller writes the string as UTF-8)."""
    root = build(diagnostics, context)
    ET.indent(root)
    # A parser turns a raw CR in text into LF (XML end-of-line handling); ElementTree writes
    # CR as &#13; only in attributes, so do it for text too to keep CRLF sources exact.
    body = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
