"""Grammar, punctuation and style from LanguageTool (family G).

The four ``G`` rules share one backend (``newslint/backends/languagetool.py``): each prose
block of the article is sent once to the LanguageTool server the user configured, and every
match lands in exactly one rule, by its LanguageTool category:

====  ==================  ========  =========================================================
code  name                severity  LanguageTool categories
====  ==================  ========  =========================================================
G001  lt-grammar          warning   GRAMMAR, CONFUSED_WORDS, COLLOCATIONS, SEMANTICS, CASING,
                                    COMPOUNDING, NONSTANDARD_PHRASES, FALSE_FRIENDS, MISC
G002  lt-punctuation      warning   PUNCTUATION, TYPOGRAPHY
G003  lt-style            info      STYLE, REDUNDANCY, PLAIN_ENGLISH, REPETITIONS_STYLE,
                                    REPETITIONS, WIKIPEDIA, CREATIVE_WRITING,
                                    GENDER_NEUTRALITY, TEXT_ANALYSIS, REGIONALISMS, and the
                                    locale categories (BRITISH_ENGLISH, AMERICAN_ENGLISH...)
G004  lt-other            warning   TYPOS (diacritics, contractions; the speller when
                                    enabled) and anything else
====  ==================  ========  =========================================================

A category newslint does not know goes by the match's issue type: ``grammar`` to G001,
``typographical``/``whitespace``/``punctuation`` to G002, ``style``/``register``/
``locale-violation`` to G003, anything else to G004.

With LanguageTool off (the default) these rules do nothing and touch no network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.diagnostic import Diagnostic, Edit, Fix
from newslint.rule import DocumentRule, Options

if TYPE_CHECKING:
    from newslint.backends.languagetool import LanguageToolConfig, Match
    from newslint.document import Block, Document

_CATEGORY_CODES: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "GRAMMAR",
            "CONFUSED_WORDS",
            "COLLOCATIONS",
            "SEMANTICS",
            "CASING",
            "COMPOUNDING",
            "NONSTANDARD_PHRASES",
            "FALSE_FRIENDS",
            "MISC",
        ),
        "G001",
    ),
    **dict.fromkeys(("PUNCTUATION", "TYPOGRAPHY"), "G002"),
    **dict.fromkeys(
        (
            "STYLE",
            "REDUNDANCY",
            "PLAIN_ENGLISH",
            "REPETITIONS_STYLE",
            "REPETITIONS",
            "WIKIPEDIA",
            "CREATIVE_WRITING",
            "GENDER_NEUTRALITY",
            "TEXT_ANALYSIS",
            "REGIONALISMS",
            "BRITISH_ENGLISH",
            "AMERICAN_ENGLISH",
        ),
        "G003",
    ),
    "TYPOS": "G004",
}
_ISSUE_CODES: Mapping[str, str] = {
    "grammar": "G001",
    "typographical": "G002",
    "whitespace": "G002",
    "punctuation": "G002",
    "style": "G003",
    "register": "G003",
    "locale-violation": "G003",
}


def code_for(match: Match) -> str:
    """The G code a LanguageTool match is reported under."""
    code = _CATEGORY_CODES.get(match.category_id)
    if code is None:
        code = _ISSUE_CODES.get(match.issue_type, "G004")
    return code


#: the backend's ENV_URL (a test checks), here so that a run with LanguageTool off never
#: imports the backend
_ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"


def _configured(options: Options) -> bool:
    """Cheap test before importing the backend: is LanguageTool configured at all?

    Runs for every article even with LanguageTool off, so it avoids Mapping lookups that
    raise: the G rules declare no options, so any value in ``options`` is a run override.
    """
    table = options.settings.extra.get("languagetool")
    if table:
        return bool(table.get("mode") != "off")
    return bool(len(options) or os.environ.get(_ENV_URL))


def _config(options: Options) -> LanguageToolConfig:
    from newslint.backends.languagetool import resolve_config

    return resolve_config(
        options.settings.extra.get("languagetool") or {},
        dialect=options.settings.dialect,
        overrides=options,
    )


def _followed_by_sic(text: str, end: int) -> bool:
    return text[end : end + 8].lstrip().startswith("[sic]")


class _LanguageToolRule(DocumentRule):
    """Shared machinery of the G rules; not a rule itself (it has no code)."""

    fixable: ClassVar[str | None] = "unsafe"

    @classmethod
    def start_run(cls, options: Options) -> Mapping[str, Any] | None:
        """Start (mode local) or probe the run's one LanguageTool server, once for all G rules."""
        if not _configured(options):
            return None
        from newslint.backends import languagetool

        return languagetool.start_run(_config(options), cls.code)

    @classmethod
    def end_run(cls) -> None:
        """Stop the local server when the last G rule is done with it."""
        from newslint.backends import languagetool

        languagetool.end_run(cls.code)

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Send the article's blocks to LanguageTool and yield this rule's matches."""
        if not _configured(options):
            return
        from newslint.backends import languagetool

        config = _config(options)
        if not config.active:
            return
        blocks = [b for b in doc.all_blocks() if b.kind in config.blocks and b.text.strip()]
        if not blocks:
            return
        try:
            url = languagetool.ensure_server(config)
            client = languagetool.client_for(url)
            found = client.check_texts(
                (b.text for b in blocks), config.params(), config.timeout, config.max_parallel
            )
        except languagetool.BackendError as exc:
            # Report a failure once per article, not once per G rule: the rules run one after
            # the other on the same Document, so the first one raises and the others stay
            # quiet (the engine prints one message per code and message).
            if languagetool.failure_reported(doc):
                return
            raise languagetool.BackendError(str(exc), fatal=config.required) from exc
        accept = options.settings.accept
        for block in blocks:
            for match in found[block.text]:
                if code_for(match) != self.code or not config.keeps(match):
                    continue
                flagged = block.text[match.start : match.end]
                if flagged in accept or flagged.lower() in accept:
                    continue
                if _followed_by_sic(block.text, match.end):
                    continue
                yield self._diagnostic(doc, block, match, config)

    def _diagnostic(
        self, doc: Document, block: Block, match: Match, config: LanguageToolConfig
    ) -> Diagnostic:
        span = doc.block_span(block, match.start, match.end)
        flagged = block.text[match.start : match.end]
        suggestions = match.replacements[: config.max_suggestions]
        fix = None
        # Only where the source holds exactly the flagged text: replacing a span that holds
        # an entity or markup would destroy it.
        if suggestions and suggestions[0] != flagged and span.text == flagged:
            fix = Fix(
                (Edit(span.start, span.end, suggestions[0]),),
                safety="unsafe",
                description=f"replace with {suggestions[0]!r} (LanguageTool {match.rule_id})",
            )
        return self.diagnostic(
            span,
            f"{' '.join(match.message.split())} [{match.rule_id}]",
            suggestions=suggestions,
            fix=fix,
            data={
                "languagetool_rule": match.rule_id,
                "languagetool_category": match.category_id,
                "languagetool_issue_type": match.issue_type,
            },
        )


class LanguageToolGrammar(_LanguageToolRule):
    """Grammar and word usage found by LanguageTool: agreement, a/an, confused words.

    Needs a LanguageTool server (``[tool.newslint.languagetool]``, see docs/languagetool.md);
    with LanguageTool off, the default, it does nothing. Reports LanguageTool's categories
    GRAMMAR, CONFUSED_WORDS, COLLOCATIONS, SEMANTICS, CASING, COMPOUNDING,
    NONSTANDARD_PHRASES, FALSE_FRIENDS and MISC. The message ends with the LanguageTool rule
    id (``[EN_A_VS_AN]``) to name in ``languagetool.disabled-rules`` when it is wrong for your
    newsroom; the rule id and category are also in the JSON report's ``data``. The first
    replacement is offered as an unsafe fix.

    Options: none of its own; everything is in the ``languagetool`` table.

    Fails::

        Storm hits coast
        Residents were told to leave within a hour.

    Passes::

        Storm hits coast
        Residents were told to leave within an hour.
    """

    code = "G001"
    name = "lt-grammar"
    summary = "grammar and word usage (LanguageTool)"
    severity = "warning"


class LanguageToolPunctuation(_LanguageToolRule):
    """Punctuation and typography found by LanguageTool: doubled or misplaced punctuation.

    Needs a LanguageTool server (see docs/languagetool.md); with LanguageTool off, the default,
    it does nothing. Reports LanguageTool's PUNCTUATION and TYPOGRAPHY categories. The
    whitespace, glued-sentence, unpaired-quote and quote-style rules of LanguageTool are off by
    default because family E reports those defects (and news quotations run across paragraphs,
    which LanguageTool, seeing one paragraph at a time, takes for an unpaired quote); enable
    them by id in ``languagetool.enabled-rules``.

    Fails::

        Council approves budget
        The vote was close,, with six members against.

    Passes::

        Council approves budget
        The vote was close, with six members against.
    """

    code = "G002"
    name = "lt-punctuation"
    summary = "punctuation and typography (LanguageTool)"
    severity = "warning"


class LanguageToolStyle(_LanguageToolRule):
    """Style hints from LanguageTool: redundancy, wordiness, very long sentences.

    Needs a LanguageTool server (see docs/languagetool.md); with LanguageTool off, the default,
    it does nothing. Reports LanguageTool's STYLE, REDUNDANCY, PLAIN_ENGLISH, REPETITIONS and
    similar categories at ``info`` severity: advice, not errors. With ``dialect = "any"`` the
    British/American locale rules are off; pin the dialect to get them.

    Fails::

        Talks resume
        The minister said talks would resume, so therefore no deadline was set.

    Passes::

        Talks resume
        The minister said talks would resume, so no deadline was set.
    """

    code = "G003"
    name = "lt-style"
    summary = "style hints: redundancy, wordiness, long sentences (LanguageTool)"
    severity = "info"


class LanguageToolOther(_LanguageToolRule):
    """Other LanguageTool findings: typos it knows (missing diacritics...) and the rest.

    Needs a LanguageTool server (see docs/languagetool.md); with LanguageTool off, the default,
    it does nothing. Reports LanguageTool's TYPOS category and matches of categories newslint
    does not map elsewhere. LanguageTool's speller (``MORFOLOGIK_RULE_EN_US``...) is off by
    default, family T checks spelling with news names in mind; to have LanguageTool's speller
    too, add its id to ``languagetool.enabled-rules``.

    Fails::

        Summit ends
        The leaders signed a joint communique on Friday.

    Passes::

        Summit ends
        The leaders signed a joint communiqué on Friday.
    """

    code = "G004"
    name = "lt-other"
    summary = "typos LanguageTool knows and other findings (LanguageTool)"
    severity = "warning"
