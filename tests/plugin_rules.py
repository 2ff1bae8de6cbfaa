"""Two small rules the engine tests plug in, so they do not depend on any family's tuning."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newslint.diagnostic import Diagnostic, Edit, Fix, Related
from newslint.document import Document
from newslint.rule import CorpusFacts, CorpusRule, DocumentRule, Options


class TehRule(DocumentRule):
    """Flags ``teh`` (a safe fix to ``the``) and ``recieve`` (an unsafe fix)."""

    code = "Z001"
    name = "test-teh"
    summary = "teh or recieve"
    severity = "error"
    fixable = "safe"
    options = {"also": ""}

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        words = {"teh": ("the", "safe"), "recieve": ("receive", "unsafe")}
        if options["also"]:
            words[options["also"]] = ("", "unsafe")
        for block in doc.all_blocks():
            for match in re.finditer(r"[A-Za-z]+", block.text):
                hit = words.get(match.group())
                if hit is None:
                    continue
                start, end = block.source_range(match.start(), match.end())
                fix = None
                if hit[0] and doc.source[start:end] == match.group():
                    fix = Fix((Edit(start, end, hit[0]),), hit[1])  # type: ignore[arg-type]
                yield self.diagnostic(
                    doc.span(start, end),
                    f"'{match.group()}' is a typo",
                    suggestions=[hit[0]] if hit[0] else [],
                    fix=fix,
                )


class SameHeadline(CorpusRule):
    """Flags two articles with the same headline."""

    code = "Z002"
    name = "test-same-headline"
    summary = "same headline"
    severity = "warning"

    def collect(self, doc: Document, options: Options) -> object:
        if doc.headline is None:
            return None
        span = doc.block_span(doc.headline, 0, len(doc.headline.text))
        return (doc.headline.text.lower(), span)

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterable[Diagnostic]:
        seen: dict[str, list[tuple[str, object]]] = {}
        for key, fact in corpus.facts.items():
            if fact is not None:
                seen.setdefault(fact[0], []).append((key, fact[1]))
        for group in seen.values():
            for key, span in group:
                others = [s for k, s in group if k != key]
                if others and corpus.is_target(key):
                    yield self.diagnostic(
                        span,
                        "headline used by another article",  # type: ignore[arg-type]
                        related=[Related(s, "same headline") for s in others],
                    )  # type: ignore[arg-type]
