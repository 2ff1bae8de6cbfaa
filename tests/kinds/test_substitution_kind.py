"""The ``substitution`` kind: packs that swap words for the house's preferred ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from newslint.errors import RuleError
from newslint.fixes import apply_fixes
from newslint.kinds.substitution import follow_case
from newslint.registry import load_pack
from newslint.testing import check

HEAD = "Ferry service resumes\n"


def pack(tmp_path: Path, **keys: Any) -> type:
    spec = {
        "kind": "substitution",
        "code": "S902",
        "name": "house-words",
        "summary": "Words the house replaces",
        **keys,
    }
    path = tmp_path / "S902.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return load_pack(path)


def test_swap_suggests_and_fixes(tmp_path: Path) -> None:
    rule = pack(tmp_path, swap={"e-mail": "email", "web ?site": "website"})
    text = HEAD + "Send an e-mail or see the web site.\n"
    found = check(rule, text)
    assert [(d.span.text, d.suggestions) for d in found] == [
        ("e-mail", ("email",)),
        ("web site", ("website",)),
    ]
    assert found[0].message == "write 'email' instead of 'e-mail'"
    assert rule.fixable == "unsafe"
    assert apply_fixes(text, found).text == text
    assert (
        apply_fixes(text, found, unsafe=True).text == HEAD + "Send an email or see the website.\n"
    )


def test_ignorecase_follows_the_case_of_the_match(tmp_path: Path) -> None:
    rule = pack(tmp_path, swap={"e-mail": "email"}, ignorecase=True, fix="safe")
    text = HEAD + "E-mail us. E-MAIL US. e-mail us.\n"
    found = check(rule, text)
    assert [d.suggestions[0] for d in found] == ["Email", "EMAIL", "email"]
    assert apply_fixes(text, found).text == HEAD + "Email us. EMAIL US. email us.\n"


def test_several_replacements_are_suggestions_without_a_fix(tmp_path: Path) -> None:
    rule = pack(tmp_path, swap={"utilise": ["use", "employ"]}, message="'{match}': {replacement}")
    (found,) = check(rule, HEAD + "They utilise boats.\n")
    assert found.suggestions == ("use", "employ") and found.fix is None
    assert found.message == "'utilise': use or employ"


def test_patterns_with_groups_still_name_their_replacement(tmp_path: Path) -> None:
    rule = pack(tmp_path, swap={"(web|net) site": "website", "(on|off)line": "on the web"})
    found = check(rule, HEAD + "The net site went offline.\n")
    assert [d.suggestions[0] for d in found] == ["website", "on the web"]


def test_whole_words_exceptions_and_scope(tmp_path: Path) -> None:
    rule = pack(
        tmp_path,
        swap={"colour": "color", "grey": "gray"},
        exceptions=["GREY"],
        scope=["paragraph"],
    )
    found = check(rule, "Colour test\nColours, grey and colour.\n")
    assert [(d.span.line, d.span.text) for d in found] == [(2, "colour")]


def test_fix_none(tmp_path: Path) -> None:
    rule = pack(tmp_path, swap={"colour": "color"}, fix="none")
    (found,) = check(rule, HEAD + "The colour.\n")
    assert found.fix is None and rule.fixable is None


def test_fix_in_a_json_record_is_escaped(tmp_path: Path) -> None:
    rule = pack(tmp_path, swap={"quote": 'a "quote"'}, fix="safe")
    text = '{"title": "Ferry", "body": "A quote here."}\n'
    (found,) = check(rule, text, path="a.jsonl")
    assert (
        apply_fixes(text, [found]).text == '{"title": "Ferry", "body": "A a \\"quote\\" here."}\n'
    )


@pytest.mark.parametrize(
    ("match", "replacement", "expected"),
    [("Email", "e-mail", "E-mail"), ("EMAIL", "e-mail", "E-MAIL"), ("email", "E-mail", "E-mail")],
)
def test_follow_case(match: str, replacement: str, expected: str) -> None:
    assert follow_case(replacement, match) == expected


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({}, "'swap' must be a mapping"),
        ({"swap": {"a": 3}}, "must map a string"),
        ({"swap": {"(a": "b"}}, "not a valid pattern"),
        ({"swap": {"a": "b"}, "fix": "always"}, "'fix' must be"),
        ({"swap": {"a": "b"}, "message": "{other}"}, "unknown placeholder"),
    ],
)
def test_malformed_packs_are_named_errors(tmp_path: Path, keys: dict, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        pack(tmp_path, **keys)
