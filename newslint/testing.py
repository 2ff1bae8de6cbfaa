"""Helpers to run rules on text in tests and rule examples, without files or config."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newslint.decoding import decode
from newslint.diagnostic import Diagnostic
from newslint.document import Document
from newslint.formats import ReaderOptions, format_for, read_documents
from newslint.rule import CorpusFacts, CorpusRule, DocumentRule, Options, Rule, Settings


def documents(
    text: str | bytes, path: str = "article.txt", fmt: str | None = None
) -> list[Document]:
    """Read ``text`` as if it were the file ``path`` (its suffix picks the format)."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_documents(path, raw, decode(raw, path), ReaderOptions(), format_for(path, fmt))


def document(text: str | bytes, path: str = "article.txt", fmt: str | None = None) -> Document:
    """The single Document of ``text`` read as ``path``."""
    return documents(text, path, fmt)[0]


def options_for(
    rule: type[Rule], values: Mapping[str, Any] | None = None, settings: Settings | None = None
) -> Options:
    """The rule's default options updated with ``values``."""
    merged = dict(rule.options)
    merged.update(values or {})
    return Options(merged, settings)


def check(
    rule: type[Rule],
    text: str | bytes | Document,
    options: Mapping[str, Any] | None = None,
    settings: Settings | None = None,
    path: str = "article.txt",
) -> list[Diagnostic]:
    """Run one rule on one article; a corpus rule judges a corpus of that article alone."""
    doc = text if isinstance(text, Document) else document(text, path)
    if issubclass(rule, CorpusRule):
        return check_corpus(rule, [doc], options, settings)
    assert issubclass(rule, DocumentRule)
    opts = options_for(rule, options, settings)
    return sorted(rule().check(doc, opts), key=Diagnostic.sort_key)


def check_corpus(
    rule: type[Rule],
    articles: Mapping[str, str | bytes] | list[Document],
    options: Mapping[str, Any] | None = None,
    settings: Settings | None = None,
    targets: set[str] | None = None,
) -> list[Diagnostic]:
    """Run a corpus rule over several articles (``{path: text}`` or Documents)."""
    assert issubclass(rule, CorpusRule)
    if isinstance(articles, Mapping):
        docs = [d for path, text in articles.items() for d in documents(text, path)]
    else:
        docs = list(articles)
    opts = options_for(rule, options, settings)
    instance = rule()
    facts = {doc.key: instance.collect(doc, opts) for doc in docs}
    keys = frozenset(targets if targets is not None else facts)
    found = instance.judge(CorpusFacts(facts, keys), opts)
    return sorted((d for d in found if _key(d) in keys), key=Diagnostic.sort_key)


def _key(diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    return span.path if span.record is None else f"{span.path}#{span.record}"
