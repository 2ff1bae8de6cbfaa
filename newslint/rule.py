"""What a rule is: metadata, options with defaults, and ``check`` or ``collect``/``judge``.

A rule's docstring is its documentation (``newslint rule CODE`` prints it). Rules are pure:
no I/O at check time (data files load once, lazily), no config reading, no printing.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from newslint.diagnostic import Diagnostic, Fix, Related
from newslint.document import Block, Document, Span

CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

#: rule families, by code letter
FAMILIES: dict[str, str] = {
    "T": "typos and spelling",
    "H": "headlines",
    "N": "naming consistency",
    "E": "encoding and typography artefacts",
    "D": "duplicated content",
    "S": "newsroom style and boilerplate",
    "G": "grammar (LanguageTool)",
    "X": "newslint itself (suppressions, input)",
}


@dataclass(frozen=True)
class Settings:
    """Run-wide settings every rule may read: vocabulary and house style.

    ``accept`` are words never flagged (compared case-insensitively unless they hold a
    capital); ``reject`` maps words always flagged to their replacement (or None).
    ``extra`` holds top-level config tables a rule family owns (``languagetool`` ...).
    """

    accept: frozenset[str] = frozenset()
    reject: Mapping[str, str | None] = field(default_factory=dict)
    dialect: str = "any"
    extra: Mapping[str, Any] = field(default_factory=dict)


class Options(Mapping[str, Any]):
    """A rule's options (defaults merged with config) plus the run-wide ``settings``."""

    __slots__ = ("_values", "settings")

    def __init__(self, values: Mapping[str, Any], settings: Settings | None = None) -> None:
        self._values = dict(values)
        self.settings = settings or Settings()

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Options, (self._values, self.settings))

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._values[key.replace("_", "-")]
        except KeyError:
            raise AttributeError(key) from None

    def __repr__(self) -> str:
        return f"Options({self._values!r})"


class Rule:
    """Base of every rule. Subclass ``DocumentRule`` or ``CorpusRule``, not this."""

    #: stable code: family letter and three digits, never reused
    code: ClassVar[str] = ""
    #: kebab-case name, also accepted wherever a code is
    name: ClassVar[str] = ""
    #: one line for ``newslint rules``
    summary: ClassVar[str] = ""
    #: default severity: "error", "warning" or "info"
    severity: ClassVar[str] = "warning"
    #: "safe", "unsafe" or None when the rule offers no fix
    fixable: ClassVar[str | None] = None
    #: whether the rule runs when the config does not select it explicitly
    default_enabled: ClassVar[bool] = True
    #: option name -> default value; config values must have the default's type
    options: ClassVar[Mapping[str, Any]] = {}
    #: formats the rule applies to (None: all)
    formats: ClassVar[frozenset[str] | None] = None
    #: where the rule came from: "builtin", a pack path, or an entry point name
    origin: ClassVar[str] = "builtin"

    #: table-driven examples the test suite runs: ``{"fail": text, "fixed": text}`` (``fixed``
    #: optional; add ``"unsafe": True`` to apply unsafe fixes too) or ``{"pass": text}``; add
    #: ``"path"`` to read the text as another format, ``"options"`` to set rule options
    examples: ClassVar[tuple[Mapping[str, Any], ...]] = ()

    @classmethod
    def start_run(cls, options: Options) -> Mapping[str, Any] | None:
        """Called once in the main process before any article is read, when the rule is on.

        Return option values to pass to every worker (e.g. the URL of a server this started),
        or None. A backend starts its one shared server here.
        """
        return None

    @classmethod
    def end_run(cls) -> None:
        """Called once in the main process after the run (stop what ``start_run`` started)."""

    @classmethod
    def family(cls) -> str:
        """The family letter of the code."""
        return cls.code[:1]

    @classmethod
    def documentation(cls) -> str:
        """The rule's docstring, dedented."""
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def is_corpus_rule(cls) -> bool:
        """True for rules with the collect/judge split."""
        return issubclass(cls, CorpusRule)

    # Helpers rules use to build diagnostics without computing positions.
    def diagnostic(
        self,
        span: Span,
        message: str,
        *,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        data: Mapping[str, Any] | None = None,
    ) -> Diagnostic:
        """A Diagnostic of this rule at ``span``."""
        return Diagnostic(
            span=span,
            message=message,
            code=self.code,
            name=self.name,
            severity=self.severity,
            suggestions=tuple(suggestions),
            fix=fix,
            related=tuple(related),
            data=tuple(sorted((data or {}).items())),
        )

    def at(
        self, doc: Document, block: Block, i: int, j: int, message: str, **kwargs: Any
    ) -> Diagnostic:
        """A Diagnostic at ``block.text[i:j]`` of ``doc``."""
        return self.diagnostic(doc.block_span(block, i, j), message, **kwargs)


class DocumentRule(Rule):
    """A rule that looks at one article at a time."""

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Yield the diagnostics for ``doc``."""
        raise NotImplementedError


@dataclass(frozen=True)
class CorpusFacts:
    """What ``judge`` sees: every article's facts for one rule, and which ones to report on.

    ``facts`` maps article keys (path, or ``path#record``) to what ``collect`` returned, in a
    stable order. ``targets`` are the keys whose diagnostics will be reported: a judge may skip
    comparisons that cannot involve a target.
    """

    facts: Mapping[str, Any]
    targets: frozenset[str]

    def is_target(self, key: str) -> bool:
        """True when diagnostics on ``key`` are reported."""
        return key in self.targets


class CorpusRule(Rule):
    """A rule that compares articles: ``collect`` per article, ``judge`` over all.

    ``collect`` must be pure and return picklable facts (they are cached per file content
    and every run loads the whole corpus's facts, so keep them small: ints, bytes, short
    strings; never whole paragraphs). Store resolved positions, not Documents; a ``Span``
    whose ``text`` is empty gets its text filled in by the engine when it is reported.
    ``judge`` yields diagnostics for any article; the engine keeps those on target articles.
    ``judge`` receives the options of the configuration at the root of the run.
    """

    def collect(self, doc: Document, options: Options) -> Any:
        """Return the facts about ``doc`` that ``judge`` needs."""
        raise NotImplementedError

    def judge(self, corpus: CorpusFacts, options: Options) -> Iterable[Diagnostic]:
        """Yield diagnostics found by comparing the articles' facts."""
        raise NotImplementedError


def validate_rule_class(rule: type[Rule]) -> None:
    """Raise ValueError when a rule class's metadata is malformed."""
    from newslint.diagnostic import SEVERITIES

    problems = []
    if not CODE_RE.match(rule.code):
        problems.append(f"code {rule.code!r} is not a letter and three digits")
    if not NAME_RE.match(rule.name):
        problems.append(f"name {rule.name!r} is not kebab-case")
    if not rule.summary:
        problems.append("summary is empty")
    if rule.severity not in SEVERITIES:
        problems.append(f"severity {rule.severity!r} is not one of {', '.join(SEVERITIES)}")
    if rule.fixable not in (None, "safe", "unsafe"):
        problems.append(f"fixable {rule.fixable!r} is not 'safe', 'unsafe' or None")
    if not (issubclass(rule, DocumentRule) or issubclass(rule, CorpusRule)):
        problems.append("it is neither a DocumentRule nor a CorpusRule")
    if problems:
        raise ValueError(f"rule {rule.__name__}: " + "; ".join(problems))
