"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run, tool driver ``newslint`` with a ``reportingDescriptor`` per known rule (id = code,
name, summary as ``shortDescription``, the docstring's first paragraph as ``fullDescription``
and the whole docstring as ``help``, in text and as Markdown, the default level and whether
the rule is on by default), and one result per finding:

- ``ruleId``/``ruleIndex``, ``level`` (error, warning, or note for info), ``message``;
- one location: the file as a URI relative to the report root (``uriBaseId`` ``%SRCROOT%``,
  whose absolute URI is in ``originalUriBaseIds``; a file outside the root gets an absolute
  ``file:`` URI) and a region with 1-based lines and columns, ``endColumn`` exclusive, and the
  flagged text as ``snippet``. Columns count Unicode code points, so the run says
  ``columnKind: unicodeCodePoints``; lone CR ends a line too, hence ``newlineSequences``;
- ``relatedLocations`` (ids 1, 2, ...) for the other places a finding points to, linked from
  the message with SARIF embedded links (``[first spelling](1)``); in such a message (or one
  whose own text would read as a link) literal ``[``, ``]`` and ``\\`` are backslash-escaped,
  as viewers that resolve links expect;
- ``fixes`` with ``artifactChanges`` whose replacements delete ``charOffset``/``charLength``
  (code-point offsets in the decoded text) and insert the new text;
- ``partialFingerprints["newslint/v1"]``: a hash of rule, file, flagged text and message (and
  the occurrence number of that same finding in the file), stable when lines move;
- ``properties``: the rule name, severity, suggestions, fix safety, record, extra data.

Files that could not be read are ``toolExecutionNotifications`` of level error in the
invocation, whose ``executionSuccessful`` is then false (the run exits 2 as well).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from newslint.diagnostic import Diagnostic, Fix, Related
from newslint.document import Span
from newslint.report import ReportContext

SARIF_VERSION = "2.1.0"
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
ROOT_BASE_ID = "%SRCROOT%"
FINGERPRINT_KEY = "newslint/v1"
#: used when the installed package metadata names no homepage
FALLBACK_INFORMATION_URI = "https://example.invalid/newslint"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
# "[text](digits)" would read as an embedded link: literal brackets must not form one
_LINK_LIKE = re.compile(r"\[[^\]]*\]\(\d+\)")


@cache
def information_uri() -> str:
    """The project's homepage from the installed metadata, else a placeholder."""
    from importlib import metadata

    try:
        urls = metadata.metadata("newslint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation") and url.strip():
            return url.strip()
    return FALLBACK_INFORMATION_URI


class _Locator:
    """Turns file paths into SARIF artifact locations relative to the report root."""

    def __init__(self, root: str) -> None:
        self.base = os.path.abspath(root or ".")
        self._cache: dict[str, dict[str, str]] = {}

    def base_uri(self) -> str:
        uri = Path(self.base).as_uri()
        return uri if uri.endswith("/") else uri + "/"

    def artifact(self, path: str) -> dict[str, Any]:
        """The ``artifactLocation`` of ``path`` (a fresh dict: callers may own it)."""
        found = self._cache.get(path)
        if found is None:
            found = self._cache[path] = self._artifact(path)
        return dict(found)

    def _artifact(self, path: str) -> dict[str, str]:
        absolute = os.path.abspath(path)
        try:
            inside = os.path.commonpath([absolute, self.base]) == self.base
        except ValueError:  # another drive on Windows
            inside = False
        if not inside:
            return {"uri": Path(absolute).as_uri()}
        relative = PurePath(os.path.relpath(absolute, self.base)).as_posix()
        # fsencode: a name in surrogateescape gets its original bytes percent-encoded
        return {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": ROOT_BASE_ID}


def _escape_brackets(text: str) -> str:
    # backslash first, so a consumer that unescapes \\, \[ and \] gets the text back exactly
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _message(diagnostic: Diagnostic) -> str:
    """The result message; related locations become embedded links after it."""
    text = diagnostic.message
    if not diagnostic.related:
        return _escape_brackets(text) if _LINK_LIKE.search(text) else text
    links = ", ".join(
        f"[{_escape_brackets(related.message or 'related location')}]({index})"
        for index, related in enumerate(diagnostic.related, 1)
    )
    return f"{_escape_brackets(text)} (see {links})"


def _region(span: Span) -> dict[str, Any]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "snippet": {"text": span.text},
    }


def _location(locator: _Locator, span: Span) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": locator.artifact(span.path),
            "region": _region(span),
        }
    }
    if span.record is not None:
        # a record of a JSON Lines, JSON or CSV file: a logical place inside the file
        location["logicalLocations"] = [{"name": span.record}]
    return location


def _related(locator: _Locator, index: int, related: Related) -> dict[str, Any]:
    location = {"id": index, **_location(locator, related.span)}
    if related.message:
        location["message"] = {"text": related.message}
    return location


def _fix(locator: _Locator, path: str, fix: Fix) -> dict[str, Any] | None:
    if not fix.edits:  # e.g. only a change of encoding: SARIF has no way to say it
        return None
    replacements = []
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        replacement: dict[str, Any] = {
            "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start}
        }
        if edit.replacement:
            replacement["insertedContent"] = {"text": edit.replacement}
        replacements.append(replacement)
    result: dict[str, Any] = {}
    if fix.description:
        result["description"] = {"text": fix.description}
    result["artifactChanges"] = [
        {"artifactLocation": locator.artifact(path), "replacements": replacements}
    ]
    result["properties"] = {"safety": fix.safety}
    if fix.encoding:
        result["properties"]["encoding"] = fix.encoding
    return result


def _markdown(doc: str) -> str:
    """The docstring (written in reST habits) as Markdown, for viewers that render help."""
    lines = []
    for line in doc.replace("``", "`").split("\n"):
        # "Fails::" introduces a literal block: the indented block is Markdown code already
        stripped = line.rstrip()
        if stripped.endswith("::"):
            before = stripped[:-2]
            # reST: "Fails::" shows "Fails:"; "Fails ::" and a lone "::" show no colon
            line = before + ":" if before and not before.endswith(" ") else before.rstrip()
        lines.append(line)
    return "\n".join(lines)


def _first_paragraph(text: str) -> str:
    paragraph = text.strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def rule_descriptor(code: str, rule: Any) -> dict[str, Any]:
    """The ``reportingDescriptor`` of one rule class."""
    from newslint.rule import FAMILIES

    summary = getattr(rule, "summary", "") or ""
    documentation = rule.documentation() if hasattr(rule, "documentation") else summary
    severity = getattr(rule, "severity", "warning")
    descriptor: dict[str, Any] = {"id": code}
    if getattr(rule, "name", ""):
        descriptor["name"] = rule.name
    if summary:
        descriptor["shortDescription"] = {"text": summary}
    if documentation:
        descriptor["fullDescription"] = {"text": _first_paragraph(documentation)}
        descriptor["help"] = {"text": documentation, "markdown": _markdown(documentation)}
    descriptor["defaultConfiguration"] = {
        "level": LEVELS.get(severity, "warning"),
        "enabled": bool(getattr(rule, "default_enabled", True)),
    }
    properties: dict[str, Any] = {"fixable": getattr(rule, "fixable", None)}
    family = FAMILIES.get(code[:1])
    if family:
        properties["tags"] = [family]
    origin = getattr(rule, "origin", None)
    if origin and origin != "builtin":
        properties["origin"] = str(origin)
    descriptor["properties"] = properties
    return descriptor


def _driver_rules(
    diagnostics: list[Diagnostic], rules: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    descriptors = {code: rule_descriptor(code, rule) for code, rule in rules.items()}
    for d in diagnostics:
        # a finding from a rule the mapping does not know still needs a descriptor
        if d.code and d.code not in descriptors:
            descriptors[d.code] = {"id": d.code, **({"name": d.name} if d.name else {})}
    ordered = [descriptors[code] for code in sorted(descriptors)]
    return ordered, {descriptor["id"]: i for i, descriptor in enumerate(ordered)}


def _fingerprint(diagnostic: Diagnostic, uri: str, occurrence: int) -> str:
    parts = (diagnostic.code, uri, diagnostic.span.text, diagnostic.message, str(occurrence))
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _result(
    d: Diagnostic, locator: _Locator, rule_index: dict[str, int], occurrence: int
) -> dict[str, Any]:
    location = _location(locator, d.span)
    result: dict[str, Any] = {}
    if d.code:
        result["ruleId"] = d.code
        result["ruleIndex"] = rule_index[d.code]
    result["level"] = LEVELS.get(d.severity, "warning")
    result["message"] = {"text": _message(d)}
    result["locations"] = [location]
    if d.related:
        result["relatedLocations"] = [
            _related(locator, i, related) for i, related in enumerate(d.related, 1)
        ]
    uri = location["physicalLocation"]["artifactLocation"]["uri"]
    result["partialFingerprints"] = {FINGERPRINT_KEY: _fingerprint(d, uri, occurrence)}
    fix = _fix(locator, d.path, d.fix) if d.fix is not None else None
    if fix is not None:
        result["fixes"] = [fix]
    properties: dict[str, Any] = {"name": d.name, "severity": d.severity}
    if d.suggestions:
        properties["suggestions"] = list(d.suggestions)
    if d.fix is not None:
        properties["fixSafety"] = d.fix.safety
    if d.span.record is not None:
        properties["record"] = d.span.record
    if d.data:
        properties["data"] = dict(d.data)
    result["properties"] = properties
    return result


def build(diagnostics: list[Diagnostic], context: ReportContext) -> dict[str, Any]:
    """The SARIF log as plain data."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    locator = _Locator(context.root)
    rules, rule_index = _driver_rules(ordered, context.rules)
    seen: dict[tuple[str, str, str, str], int] = {}
    results = []
    for d in ordered:
        key = (d.code, d.path, d.span.text, d.message)
        seen[key] = seen.get(key, 0) + 1
        results.append(_result(d, locator, rule_index, seen[key]))
    driver: dict[str, Any] = {
        "name": "newslint",
        "fullName": f"newslint {context.tool_version}".strip(),
    }
    if context.tool_version:
        driver["version"] = context.tool_version
        if _SEMVER.match(context.tool_version):
            driver["semanticVersion"] = context.tool_version
    driver["informationUri"] = information_uri()
    driver["rules"] = rules
    invocation: dict[str, Any] = {
        "executionSuccessful": not context.errors,
        "properties": {
            "filesChecked": context.files_checked,
            "fixesApplied": context.fixes_applied,
        },
    }
    if context.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": error}} for error in context.errors
        ]
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {ROOT_BASE_ID: {"uri": locator.base_uri()}},
        "columnKind": "unicodeCodePoints",
        "newlineSequences": ["\r\n", "\n", "\r"],
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """The SARIF log as compact JSON text (one line).

    Compact because ``indent`` makes the json module fall back to its pure-Python encoder,
    five times slower on a large run (and twice the size); ``python -m json.tool`` shows it
    indented.
    """
    log = build(diagnostics, context)
    text = json.dumps(log, ensure_ascii=False, default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate (from a JSON \\ud83d escape in a records file) cannot be written
        # as UTF-8; \\u escapes keep the report valid JSON
        text = json.dumps(log, ensure_ascii=True, default=str)
    return text + "\n"
