"""Generic rule kinds that YAML packs instantiate.

A pack names its kind (``kind: existence``); the module ``newslint.kinds.<kind>`` (hyphens
become underscores) defines ``build(spec, origin) -> type[Rule]``. Keys every pack has:
``code``, ``name``, ``summary``, ``severity`` (default warning), ``message``, ``scope`` (block
kinds: headline, paragraph, caption...), ``enabled`` (default true), ``examples`` (a list of
``{fail: text, fixed: text}`` / ``{pass: text}`` cases the test suite runs), and the docs in
``description``. ``common_metadata`` checks and returns those.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from newslint.errors import RuleError
from newslint.rule import Rule

COMMON_KEYS = frozenset(
    {
        "kind",
        "code",
        "name",
        "summary",
        "severity",
        "message",
        "scope",
        "enabled",
        "examples",
        "description",
        "options",
    }
)


def build_rule(spec: Mapping[str, Any], origin: str) -> type[Rule]:
    """Build the rule class a pack describes."""
    kind = str(spec.get("kind", ""))
    try:
        module = importlib.import_module(f"{__name__}.{kind.replace('-', '_')}")
    except ModuleNotFoundError:
        raise RuleError(f"{origin}: unknown rule kind {kind!r}") from None
    rule = module.build(spec, origin)
    rule.origin = origin
    return rule  # type: ignore[no-any-return]


def common_metadata(
    spec: Mapping[str, Any], origin: str, kind_keys: frozenset[str]
) -> dict[str, Any]:
    """Check a pack's keys and return the class attributes every pack rule has."""
    unknown = set(spec) - COMMON_KEYS - kind_keys
    if unknown:
        raise RuleError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("code", "name", "summary"):
        if not isinstance(spec.get(key), str) or not spec[key]:
            raise RuleError(f"{origin}: '{key}' is required and must be a string")
    examples = spec.get("examples", [])
    if not isinstance(examples, list) or not all(isinstance(e, dict) for e in examples):
        raise RuleError(f"{origin}: 'examples' must be a list of mappings")
    scope = spec.get("scope", ["paragraph", "standfirst", "quote", "list-item", "caption"])
    if isinstance(scope, str):
        scope = [scope]
    doc = str(spec.get("description") or spec["summary"])
    return {
        "code": spec["code"],
        "name": spec["name"],
        "summary": spec["summary"],
        "severity": spec.get("severity", "warning"),
        "default_enabled": bool(spec.get("enabled", True)),
        "examples": tuple(examples),
        "scope": frozenset(scope),
        "message_template": str(spec.get("message", spec["summary"])),
        "options": dict(spec.get("options", {})),
        "__doc__": doc,
    }
