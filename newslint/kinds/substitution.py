"""The ``substitution`` kind: words or phrases to swap for the house's preferred ones.

As Vale's ``substitution`` check: the pack maps what to avoid to what to write, and each
occurrence is reported with the replacement as a suggestion and, optionally, a fix. A pack,
one rule per file (``rules/S101-house-words.yaml``)::

    kind: substitution
    code: S101                    # a letter and three digits
    name: house-words             # kebab-case
    summary: Words the house style replaces
    severity: warning             # error, warning (default) or info
    scope: [headline, paragraph]  # block kinds searched (default: body prose and captions)
    message: "write '{replacement}', not '{match}'"   # also {match} alone
    swap:                         # pattern -> replacement (or a list of replacements)
      "e-mail": email
      "(?:web site|web-site)": website
      "utilise": [use, employ]    # several: all suggested, no fix
    ignorecase: true              # patterns ignore case (default false); the replacement
                                  # then follows the match's case (Email, EMAIL)
    nonword: false                # true: patterns may match inside words (default: whole
                                  # words only)
    exceptions: [E-Mail Ltd]      # matched texts never flagged (case-insensitive)
    fix: unsafe                   # none, unsafe (default) or safe: a single replacement is
                                  # offered as a fix of that safety; --fix applies only safe
    description: |                # the documentation ``newslint rule S101`` prints
      ...
    examples:                     # run by the test suite: whole articles, headline first
      - fail: "Headline\\nSend an e-mail.\\n"
        fixed: "Headline\\nSend an email.\\n"
        unsafe: true              # the example's fix is unsafe: apply it anyway
      - pass: "Headline\\nSend an email.\\n"

Keys of ``swap`` are regular expressions (Python syntax); quote them in YAML. When several
patterns match at one place, the earliest listed wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.diagnostic import Diagnostic, Edit, Fix
from newslint.document import Document
from newslint.errors import RuleError
from newslint.formats import escape_replacement
from newslint.kinds import common_metadata
from newslint.kinds.existence import check_keys, check_template, compile_tokens, scoped_blocks
from newslint.rule import DocumentRule, Options, Rule

KIND_KEYS = frozenset({"swap", "ignorecase", "nonword", "exceptions", "fix"})


def follow_case(replacement: str, match: str) -> str:
    """``replacement`` in the case of ``match``: ALL CAPS, Capitalised, or as written."""
    if len(match) > 1 and match.isupper():
        return replacement.upper()
    if match[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def build(spec: Mapping[str, Any], origin: str) -> type[Rule]:
    """Build the rule a ``substitution`` pack describes."""
    meta = common_metadata(spec, origin, KIND_KEYS)
    check_keys(spec, origin, ("ignorecase", "nonword"))
    swap = spec.get("swap")
    if not isinstance(swap, dict) or not swap:
        raise RuleError(f"{origin}: 'swap' must be a mapping of pattern: replacement")
    replacements: list[tuple[str, ...]] = []
    for key, value in swap.items():
        options = [value] if isinstance(value, str) else value
        if (
            not isinstance(key, str)
            or not isinstance(options, list)
            or not options
            or not all(isinstance(v, str) for v in options)
        ):
            raise RuleError(f"{origin}: swap {key!r} must map a string to a string or a list")
        replacements.append(tuple(options))
    ignorecase = bool(spec.get("ignorecase", False))
    nonword = bool(spec.get("nonword", False))
    for key in swap:
        compile_tokens([key], origin)  # a clear error naming the bad pattern
    # One alternation with a capturing group per pattern: the group tells which one matched.
    grouped = "|".join(f"({_ungroup(key)})" for key in swap)
    boundaries = (r"(?<!\w)(?:", r")(?!\w)") if not nonword else ("(?:", ")")
    pattern = re.compile(
        boundaries[0] + grouped + boundaries[1], re.IGNORECASE if ignorecase else 0
    )
    fix_safety = spec.get("fix", "unsafe")
    if fix_safety not in ("none", "unsafe", "safe"):
        raise RuleError(f"{origin}: 'fix' must be 'none', 'unsafe' or 'safe'")
    exceptions = spec.get("exceptions", [])
    if not isinstance(exceptions, list) or not all(isinstance(e, str) for e in exceptions):
        raise RuleError(f"{origin}: 'exceptions' must be a list of strings")
    exception_set = frozenset(e.casefold() for e in exceptions)
    scope = meta.pop("scope")
    template = meta.pop("message_template")
    if "message" not in spec:
        template = "write '{replacement}' instead of '{match}'"
    check_template(template, origin, match="", replacement="")

    def check(self: DocumentRule, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Flag every occurrence of a pattern of the pack and suggest its replacement."""
        for block in scoped_blocks(doc, scope):
            for found in pattern.finditer(block.text):
                match = found.group()
                if not match or match.casefold() in exception_set:
                    continue
                index = next(i for i, g in enumerate(found.groups()) if g is not None)
                choices = [follow_case(r, match) if ignorecase else r for r in replacements[index]]
                fix = None
                if fix_safety != "none" and len(choices) == 1 and choices[0] != match:
                    start, end = block.source_range(found.start(), found.end())
                    text = escape_replacement(doc.format, doc.source, start, end, choices[0])
                    if text is not None:
                        fix = Fix((Edit(start, end, text),), fix_safety, f"write {choices[0]!r}")
                yield self.at(
                    doc,
                    block,
                    found.start(),
                    found.end(),
                    template.format(match=match, replacement=" or ".join(choices)),
                    suggestions=choices,
                    fix=fix,
                )

    meta["fixable"] = None if fix_safety == "none" else fix_safety
    meta["check"] = check
    class_name = "".join(p.title() for p in str(spec["name"]).split("-")) or "SubstitutionRule"
    return type(class_name, (DocumentRule,), meta)


_GROUP = re.compile(r"(?<!\\)\((?!\?)")


def _ungroup(pattern: str) -> str:
    """Make a pattern's capturing groups non-capturing, so group numbers name the patterns."""
    return _GROUP.sub("(?:", pattern)
