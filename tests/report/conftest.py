"""Shared material for the report tests: hand-made rules, articles and diagnostics.

The articles are our own sentences, written to hold the characters that break reports:
quotes, ``%``, ``<&>``, commas and colons, accents, an emoji (one code point, two UTF-16
units), a CRLF line ending.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newslint.diagnostic import Diagnostic, Edit, Fix, Related
from newslint.document import Document, Span
from newslint.report import ReportContext
from newslint.rule import DocumentRule
from newslint.testing import document


class Misspelling(DocumentRule):
    """Flags words that are known misspellings.

    A known misspelling is never a name, so the rule can be sure.

    Example (fails): ``The cat sat on teh mat.``
    """

    code = "T901"
    name = "test-misspelling"
    summary = "Known misspellings"
    severity = "warning"
    fixable = "unsafe"


class Mojibake(DocumentRule):
    """Flags text decoded with the wrong encoding."""

    code = "E901"
    name = "test-mojibake"
    summary = "Mojibake"
    severity = "error"
    fixable = "safe"


class HouseStyle(DocumentRule):
    """Notes house-style preferences.

    Off by default.
    """

    code = "S901"
    name = "test-house-style"
    summary = "House style"
    severity = "info"
    default_enabled = False


RULES = {rule.code: rule for rule in (Misspelling, Mojibake, HouseStyle)}

ARTICLE = (
    "Mayor’s “plan” passes: 100% <yes> & more\n"
    "\n"
    "Café owners 🎉 said teh vote, held on Monday, was “fair”.\r\n"
    "The council’s budget rose; critics said it was “a mess”.\n"
)
OTHER = "Council budget row\n\nThe mayor’s plan passed on Monday.\n"


@dataclass
class Sample:
    """The articles and the diagnostics the report tests render."""

    doc: Document
    other: Document
    typo: Diagnostic
    mojibake: Diagnostic
    style: Diagnostic
    naming: Diagnostic

    @property
    def all(self) -> list[Diagnostic]:
        return [self.typo, self.mojibake, self.style, self.naming]


def find(doc: Document, text: str) -> Span:
    """The span of the first occurrence of ``text`` in ``doc``."""
    start = doc.source.index(text)
    return doc.span(start, start + len(text))


def make_sample(path: str = "news/mayor.txt", other_path: str = "news/council.txt") -> Sample:
    """Build the sample diagnostics on our own two articles."""
    doc = document(ARTICLE, path)
    other = document(OTHER, other_path)
    teh = find(doc, "teh")
    typo = Diagnostic(
        teh,
        "Misspelling: 'teh' should be \"the\"",
        "T901",
        "test-misspelling",
        "warning",
        ("the",),
        Fix((Edit(teh.start, teh.end, "the"),), "unsafe", "replace 'teh' with 'the'"),
    )
    quote = find(doc, "“plan”")
    mojibake = Diagnostic(
        quote,
        'Curly quotes <“”> & 100% sure: fix, then "check"\nline two',
        "E901",
        "test-mojibake",
        "error",
        fix=Fix(
            (Edit(quote.start, quote.start + 1, '"'), Edit(quote.end - 1, quote.end, '"')),
            "safe",
        ),
    )
    start = doc.source.index("was “fair”")
    end = doc.source.index("The council")  # runs over the CRLF to the next line
    style = Diagnostic(doc.span(start, end), "Long sentence", "S901", "test-house-style", "info")
    mayor = find(doc, "Mayor’s")
    naming = Diagnostic(
        mayor,
        "Spelt 'Mayor’s' here but [sic] elsewhere",
        "N901",
        "test-naming",
        "warning",
        related=(
            Related(find(other, "mayor’s"), "first spelling [lower case]"),
            Related(find(doc, "council’s"), ""),
        ),
    )
    return Sample(doc, other, typo, mojibake, style, naming)


@pytest.fixture
def sample() -> Sample:
    """The sample diagnostics (paths relative to the current directory)."""
    return make_sample()


@pytest.fixture
def context() -> ReportContext:
    """A report context with the test rules, rooted at the current directory."""
    return ReportContext(rules=RULES, files_checked=3, tool_version="0.1.0", root=".")
