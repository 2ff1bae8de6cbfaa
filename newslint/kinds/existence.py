"""The ``existence`` kind: flag words, phrases or patterns that should not be in an article.

As Vale's ``existence`` check: the pack lists tokens, and every match in the blocks of its
``scope`` is reported. A pack, one rule per file (``rules/S001-photo-credit.yaml``)::

    kind: existence
    code: S001                    # a letter and three digits
    name: photo-credit            # kebab-case
    summary: Photo credit left in the body
    severity: warning             # error, warning (default) or info
    scope: [paragraph, caption]   # block kinds searched (default: body prose and captions;
                                  # also headline, heading, standfirst, quote, list-item...)
    message: "photo credit left in the body: '{match}'"   # {match} is the flagged text
    tokens:                       # regular expressions (Python syntax), any of which matches
      - "Photo: [A-Z]\\w+$"
      - "(?i:image copyright)"    # (?i:...) ignores case for one part only
    ignorecase: false             # true: every token ignores case (default false)
    nonword: false                # true: tokens may start or end inside a word; by default
                                  # a token matches whole words only
    exceptions: [Photo: Diary]    # matched texts never flagged (case-insensitive)
    anchor: anywhere              # where a finding must stand in its block: anywhere
                                  # (default), start, end, or block (the block is nothing else)
    merge: true                   # matches with only spaces or punctuation between them are
                                  # one finding (default true)
    max-words: 0                  # only blocks of at most this many words (0: any length)
    requires: [photo, image]      # a speed hint: only blocks holding one of these strings
                                  # (compared in lower case) are searched; leave it out when
                                  # unsure, a token outside it would never match
    fix: remove                   # none (default) or remove: delete the finding; a block that
                                  # is nothing but the finding goes with its line
    fix-safety: unsafe            # safe or unsafe (default): --fix applies only safe fixes
    description: |                # the documentation ``newslint rule S001`` prints
      ...
    examples:                     # run by the test suite: whole articles, headline first
      - fail: "Headline\\nA caption. Photo: AP\\n"
        fixed: "Headline\\nA caption.\\n"      # optional: the text after the fix
      - pass: "Headline\\nThe photo: a crowd.\\n"

Inside a token, ``^`` and ``$`` are the start and end of the block (a paragraph, a caption...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newslint.diagnostic import Diagnostic, Edit, Fix
from newslint.document import Block, Document
from newslint.errors import RuleError
from newslint.kinds import common_metadata
from newslint.rule import DocumentRule, Options, Rule

KIND_KEYS = frozenset(
    {
        "tokens",
        "ignorecase",
        "nonword",
        "exceptions",
        "anchor",
        "merge",
        "max-words",
        "requires",
        "fix",
        "fix-safety",
    }
)
ANCHORS = ("anywhere", "start", "end", "block")
# What may stand between two matches of one finding, or around a finding at a block's edge.
_GLUE = re.compile(r"[\s.,;:!?|/()\[\]\"'“”‘’«»•·*_-]*")


class Tokens:
    """A pack's tokens, each compiled alone, matched on whole words unless ``nonword``.

    Separate patterns keep the regular-expression engine's fast paths (a token starting with
    a literal or ``^`` is found without trying every position with every token); word
    boundaries are checked on the matches, which also lets a token begin or end with
    punctuation.
    """

    def __init__(self, patterns: list[re.Pattern[str]], nonword: bool) -> None:
        self.patterns = patterns
        self.nonword = nonword

    def finditer(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, token index) of every match, in text order, overlaps dropped."""
        found = []
        for index, pattern in enumerate(self.patterns):
            for match in pattern.finditer(text):
                start, end = match.span()
                if end == start:
                    continue
                if not self.nonword and (
                    (start > 0 and _is_word(text[start - 1]) and _is_word(text[start]))
                    or (end < len(text) and _is_word(text[end]) and _is_word(text[end - 1]))
                ):
                    continue
                found.append((start, end, index))
        found.sort(key=lambda m: (m[0], -m[1], m[2]))
        kept: list[tuple[int, int, int]] = []
        for match in found:
            if not kept or match[0] >= kept[-1][1]:
                kept.append(match)
        return kept


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def compile_tokens(
    tokens: Any, origin: str, *, ignorecase: bool = False, nonword: bool = False
) -> Tokens:
    """Compile a pack's ``tokens`` (a list of regular expressions)."""
    if isinstance(tokens, str):
        tokens = [tokens]
    if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) for t in tokens):
        raise RuleError(f"{origin}: 'tokens' must be a non-empty list of strings")
    patterns = []
    for token in tokens:
        try:
            patterns.append(re.compile(token, re.IGNORECASE if ignorecase else 0))
        except re.error as exc:
            raise RuleError(f"{origin}: token {token!r} is not a valid pattern: {exc}") from None
    return Tokens(patterns, nonword)


def check_keys(spec: Mapping[str, Any], origin: str, booleans: Iterable[str]) -> None:
    """Raise RuleError when a boolean key is not a boolean."""
    for key in booleans:
        if key in spec and not isinstance(spec[key], bool):
            raise RuleError(f"{origin}: '{key}' must be true or false")


def check_template(template: str, origin: str, **fields: str) -> None:
    """Raise RuleError when a message template names an unknown ``{placeholder}``."""
    try:
        template.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise RuleError(f"{origin}: 'message' has an unknown placeholder: {exc}") from None


def scoped_blocks(doc: Document, scope: frozenset[str]) -> Iterator[Block]:
    """The headline (when in scope) and the body blocks whose kind is in ``scope``."""
    for block in doc.all_blocks():
        if block.kind in scope:
            yield block


def findings(
    text: str,
    tokens: Tokens,
    *,
    anchor: str = "anywhere",
    merge: bool = True,
    exceptions: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """(start, end) of each finding of ``tokens`` in ``text``, merged and anchored."""
    spans = [
        (start, end)
        for start, end, _ in tokens.finditer(text)
        if text[start:end].casefold() not in exceptions
    ]
    if merge and spans:
        merged = [spans[0]]
        for start, end in spans[1:]:
            last_start, last_end = merged[-1]
            if _GLUE.fullmatch(text, last_end, start):
                merged[-1] = (last_start, end)
            else:
                merged.append((start, end))
        spans = merged
    if anchor == "anywhere":
        return spans
    at_start = [s for s in spans if _GLUE.fullmatch(text, 0, s[0])]
    at_end = [s for s in spans if _GLUE.fullmatch(text, s[1], len(text))]
    if anchor == "start":
        return at_start[:1]
    if anchor == "end":
        return at_end[-1:]
    return [s for s in at_start if s in at_end]  # "block": one finding covering the block


def removal_edit(doc: Document, block: Block, start: int, end: int) -> Edit | None:
    """An edit deleting ``block.text[start:end]``: the whole line when that is all the block
    holds, else the finding and the space before it. None when the block is not verbatim."""
    if not block.verbatim:
        return None
    text = block.text
    if _GLUE.fullmatch(text, 0, start) and _GLUE.fullmatch(text, end, len(text)):
        from newslint.rules._duplication import line_removal

        return line_removal(doc, block)
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start == 0:
        while end < len(text) and text[end] in " \t":
            end += 1
    source_start, source_end = block.source_range(start, end)
    return Edit(source_start, source_end, "")


def build(spec: Mapping[str, Any], origin: str) -> type[Rule]:
    """Build the rule an ``existence`` pack describes."""
    meta = common_metadata(spec, origin, KIND_KEYS)
    check_keys(spec, origin, ("ignorecase", "nonword", "merge"))
    pattern = compile_tokens(
        spec.get("tokens"),
        origin,
        ignorecase=bool(spec.get("ignorecase", False)),
        nonword=bool(spec.get("nonword", False)),
    )
    anchor = spec.get("anchor", "anywhere")
    if anchor not in ANCHORS:
        raise RuleError(f"{origin}: 'anchor' must be one of {', '.join(ANCHORS)}")
    max_words = spec.get("max-words", 0)
    if not isinstance(max_words, int) or max_words < 0:
        raise RuleError(f"{origin}: 'max-words' must be a whole number, 0 for any length")
    fix_kind = spec.get("fix", "none")
    if fix_kind not in ("none", "remove"):
        raise RuleError(f"{origin}: 'fix' must be 'none' or 'remove'")
    safety = spec.get("fix-safety", "unsafe")
    if safety not in ("safe", "unsafe"):
        raise RuleError(f"{origin}: 'fix-safety' must be 'safe' or 'unsafe'")
    exceptions = spec.get("exceptions", [])
    if not isinstance(exceptions, list) or not all(isinstance(e, str) for e in exceptions):
        raise RuleError(f"{origin}: 'exceptions' must be a list of strings")
    exception_set = frozenset(e.casefold() for e in exceptions)
    requires = spec.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(r, str) and r for r in requires):
        raise RuleError(f"{origin}: 'requires' must be a list of non-empty strings")
    required = tuple(r.lower() for r in requires)
    merge = bool(spec.get("merge", True))
    scope = meta.pop("scope")
    template = meta.pop("message_template")
    check_template(template, origin, match="")

    def check(self: DocumentRule, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Flag every finding of the pack's tokens in the blocks of its scope."""
        for block in scoped_blocks(doc, scope):
            if max_words and len(block.text.split()) > max_words:
                continue
            if required:
                lowered = block.text.lower()
                if not any(r in lowered for r in required):
                    continue
            for start, end in findings(
                block.text, pattern, anchor=anchor, merge=merge, exceptions=exception_set
            ):
                fix = None
                if fix_kind == "remove":
                    edit = removal_edit(doc, block, start, end)
                    if edit is not None:
                        fix = Fix((edit,), safety, "remove it")
                match = block.text[start:end]
                yield self.at(doc, block, start, end, template.format(match=match), fix=fix)

    meta["fixable"] = safety if fix_kind == "remove" else None
    meta["check"] = check
    class_name = "".join(part.title() for part in str(spec["name"]).split("-")) or "ExistenceRule"
    return type(class_name, (DocumentRule,), meta)
