"""Property tests for the E family: no crash, fixes idempotent, fixes stay inside their spans.

Articles are built from fragments that carry every artefact the family repairs (backticks,
mojibake, entities, invisible characters, glued sentences, mixed quotes, mixed line endings),
mixed with arbitrary text.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint.diagnostic import Diagnostic
from newslint.fixes import apply_fixes
from newslint.registry import load_registry
from newslint.rules._artefacts import MOJIBAKE_ENCODINGS, may_hold_mojibake
from newslint.testing import document, documents, options_for

SETTINGS = settings(
    max_examples=int(os.environ.get("NEWSLINT_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
#: every E rule, the default-off ones too: a fix must be sound whatever the selection
E_RULES = [r for r in load_registry() if r.code.startswith("E")]

FRAGMENTS = [
    "Syria`s",
    "it´s",
    "People′s",
    "Blair¿s",
    "`quoted'",
    "``double''",
    "dozens.Speaking",
    'over."Then',
    "U.S.",
    "bbc.co.uk",
    "ASP.NET",
    "One.Tel",
    "Tel",
    "Mark",
    "AT&amp;T",
    "Pel&#233;",
    "&amp;amp;",
    "&#191;",
    "&nbsp;",
    "<br>",
    "<b>",
    "cafÃ©",
    "wasnâ€™t",
    "Â£5",
    "Ã",
    "â€",
    "\u200b",
    "\u200d",
    "\u00ad",
    "\ufeff",
    "\u202e",
    "\u2066",
    "\x93",
    "\x85",
    "\x81",
    "\x0b",
    "\x07",
    "\ufffd",
    "\u00a0",
    '"',
    "“",
    "”",
    "'",
    "’",
    "‘",
    "`",
    "´",
    "&",
    ";",
    ".",
    "?",
    "The",
    "said",
    "war",
    "5",
    "é",
    "£",
    " ",
    " ",
    " ",
]
fragment = st.one_of(
    st.sampled_from(FRAGMENTS),
    # any text but NUL (a file with NUL bytes is binary and skipped) and lone surrogates
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=6),
)
paragraph = st.lists(fragment, min_size=1, max_size=14).map("".join)
line_break = st.sampled_from(["\n", "\n", "\r\n", "\r"])


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A plain-text article: a headline, paragraphs, line breaks of one or more kinds."""
    parts = [draw(paragraph) for _ in range(draw(st.integers(1, 4)))]
    text = ""
    for part in parts:
        text += part + draw(line_break) + draw(st.sampled_from(["", "\n", "\r\n"]))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return "Headline " + text


def lint(text: str, rules=E_RULES) -> tuple[str, list[Diagnostic]]:
    """The decoded source of ``text`` and the findings of ``rules`` on it."""
    doc = document(text)
    found = [d for rule in rules for d in rule().check(doc, options_for(rule))]
    return doc.source, found


def fix_once(text: str, rules=E_RULES) -> str:
    """One pass of safe fixes."""
    source, found = lint(text, rules)
    return apply_fixes(source, found).text


def fix_all(text: str, rules=E_RULES, rounds: int = 10) -> str:
    """Safe fixes, re-linting between passes as the engine does, until nothing changes."""
    for _ in range(rounds):
        after = fix_once(text, rules)
        if after == text:
            return text
        text = after
    raise AssertionError(f"fixes did not settle in {rounds} rounds: {text!r}")


@SETTINGS
@given(articles())
@example("Headline\n\nSyria`s war.Speaking of it, ``no''.\n")
@example("Headline ```double''\n")
@example("Headline ``double''`quoted'\n")
@example("Headline `´´\n")  # the backtick reads the closing mark its fix makes
# E004 deleted the soft hyphen of mojibake ("Ã\xad" is "í") and left its C1 control for later
@example("Headline Ã\xad0\x80\n")
# a paragraph ending in NEL: readers stripped it, so E001 saw less mojibake than E004
@example("Headline\n\nSyria`sÃ\x85Ã\x85\n")
# fixing the vertical tab made ftfy read "Â\xadÄ" otherwise: E004 leaves it to E001 first
@example("Headline\n\nÂ\xadÄ\x0bSyria`s\n")
@example("Headline Ä\x0cÂ\x80\n")
# ... and every fix of the block together, not one at a time
@example("Headline\n\nÂ\x80 \x92\x91\x92\n")
@example("Headline \x82Ä\x91 Â\x80\n")
# E001 cut the garbled word before its NEL (white space to Python), ftfy then read it anew
@example("Headline Ã\x80\x91Â\x85\n")
# spacing "dozens.Tel" must not make the dotted name "One.Tel" a glued sentence
@example("Headline\n\nHe saw dozens.Tel and One.Tel there.\n")
# E006 read "dozens.Speakingover" as an abbreviation with dots until its first stop was spaced
@example('Headline dozens.Speakingover."Then\n')
# ... and its other verdicts must not change when a glued stop nearby gets its space
@example("Headline\n\na?One.Tel?One.TelOne.Tel\n")
@example("Headline\n\nAA).One.Tel\n")
@example("Headline\n\n).McOne.Tel\n")
@example("Headline\n\nOne.Tel?Aa\n")
@example("Headline\n\nThe cafÃ© &amp;amp; \x93no\x94 \u200b£5\r\nend")
def test_each_rules_fix_is_idempotent(text: str) -> None:
    for rule in E_RULES:
        once = fix_once(text, [rule])
        assert fix_once(once, [rule]) == once, rule.code


@SETTINGS
@given(articles())
def test_all_fixes_settle_and_stay_settled(text: str) -> None:
    settled = fix_all(text)
    assert fix_once(settled) == settled


@SETTINGS
@given(articles())
@example('Headline\n\nHe said ``we won´´ and "left" with AT&amp;T.\r\nMore`s.\n')
def test_fixes_change_nothing_outside_the_reported_spans(text: str) -> None:
    source, found = lint(text)
    result = apply_fixes(source, found)
    edits = []
    for diagnostic in result.fixed:
        assert diagnostic.fix is not None
        for edit in diagnostic.fix.edits:
            # every edit lies inside the span the diagnostic reports (insertions may touch it)
            assert diagnostic.span.start <= edit.start <= edit.end <= diagnostic.span.end, (
                diagnostic.code,
                diagnostic.span,
                edit,
            )
            edits.append(edit)
    # and the text between the applied edits is the source, character for character
    cursor_source = cursor_result = 0
    for edit in sorted(edits, key=lambda e: e.start):
        gap = edit.start - cursor_source
        assert (
            result.text[cursor_result : cursor_result + gap] == source[cursor_source : edit.start]
        )
        cursor_result += gap + len(edit.replacement)
        cursor_source = edit.end
    assert result.text[cursor_result:] == source[cursor_source:]


@SETTINGS
@given(articles())
def test_every_rule_runs_on_any_article(text: str) -> None:
    source, found = lint(text)
    for diagnostic in found:
        assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(source)
        assert diagnostic.span.text == source[diagnostic.span.start : diagnostic.span.end]


def _mojibake(text: str, encoding: str) -> str | None:
    try:
        return text.encode("utf-8").decode(encoding)
    except UnicodeDecodeError:
        return None


mojibake_text = st.builds(
    lambda clean, encoding, prefix, suffix: prefix + (_mojibake(clean, encoding) or "") + suffix,
    st.text(alphabet="abcé £€’“”–—…ßøåñü日本Привет Ελλάδα עברית😀❤İıŞ", max_size=10),
    st.sampled_from(MOJIBAKE_ENCODINGS),
    st.sampled_from(["", "The ", "it’s ", "£"]),
    st.sampled_from(["", " said", "’s", "."]),
)


@SETTINGS
@given(st.one_of(mojibake_text, st.text(max_size=40)))
def test_mojibake_gate_never_hides_what_ftfy_would_repair(text: str) -> None:
    import ftfy

    if not may_hold_mojibake(text):
        assert ftfy.fix_encoding(text) == text


@SETTINGS
@given(st.lists(paragraph, min_size=1, max_size=3))
def test_fixes_keep_json_lines_valid_and_settle(bodies: list[str]) -> None:
    """Replacements are escaped for JSON (a straight quote becomes \\"): records stay valid."""
    import json

    lines = [
        json.dumps({"title": "Story", "body": body}, ensure_ascii=bool(n % 2))
        for n, body in enumerate(bodies)
    ]
    text = "\n".join(lines) + "\n"
    for _ in range(10):
        docs = documents(text, "feed.jsonl")
        found = [
            d for doc in docs for rule in E_RULES for d in rule().check(doc, options_for(rule))
        ]
        after = apply_fixes(docs[0].source, found).text
        for line in after.split("\n"):  # not splitlines(): U+0085 is a line break to it
            if line:
                json.loads(line)
        if after == text:
            break
        text = after
    else:
        raise AssertionError(f"fixes did not settle: {text!r}")


@SETTINGS
@given(articles())
def test_markdown_fixes_settle_inside_their_spans(text: str) -> None:
    source = documents(text, "article.md")[0].source
    for _ in range(10):
        docs = documents(source, "article.md")
        found = [d for rule in E_RULES for d in rule().check(docs[0], options_for(rule))]
        result = apply_fixes(source, found)
        for diagnostic in result.fixed:
            for edit in diagnostic.fix.edits:
                assert diagnostic.span.start <= edit.start <= edit.end <= diagnostic.span.end
        if result.text == source:
            break
        source = result.text
    else:
        raise AssertionError(f"fixes did not settle: {source!r}")


@SETTINGS
@given(st.lists(paragraph, min_size=1, max_size=3), st.booleans())
def test_fixes_keep_csv_rows_and_settle(bodies: list[str], quote_all: bool) -> None:
    """Replacements are escaped for CSV (``""`` in a quoted field): the rows stay the same."""
    import csv
    import io

    bodies = [b.replace("\r", " ").replace("\n", " ").replace("\x85", " ") for b in bodies]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(["title", "body"])
    writer.writerows(["Story", body] for body in bodies)
    text = buffer.getvalue()
    for _ in range(10):
        docs = documents(text, "feed.csv")
        found = [
            d for doc in docs for rule in E_RULES for d in rule().check(doc, options_for(rule))
        ]
        after = apply_fixes(docs[0].source, found).text
        rows = list(csv.reader(io.StringIO(after, newline="")))
        assert len(rows) == len(bodies) + 1 and all(len(row) == 2 for row in rows)
        if after == text:
            break
        text = after
    else:
        raise AssertionError(f"fixes did not settle: {text!r}")
