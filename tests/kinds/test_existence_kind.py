"""The ``existence`` kind: packs that flag tokens, with anchors, merging, limits and fixes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from newslint.errors import RuleError
from newslint.fixes import apply_fixes
from newslint.kinds.existence import compile_tokens, findings
from newslint.registry import load_pack
from newslint.testing import check

HEAD = "Ferry service resumes\n"


def pack(tmp_path: Path, **keys: Any) -> type:
    spec = {
        "kind": "existence",
        "code": "S901",
        "name": "test-pack",
        "summary": "A test pack",
        "message": "found '{match}'",
        **keys,
    }
    path = tmp_path / "S901.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return load_pack(path)


def texts(rule: type, body: str) -> list[str]:
    return [d.span.text for d in check(rule, HEAD + body)]


def test_tokens_match_whole_words_by_default(tmp_path: Path) -> None:
    rule = pack(tmp_path, tokens=["ferry"])
    assert texts(rule, "The ferry sailed. Ferrymen cheered.\n") == ["ferry"]
    rule = pack(tmp_path, tokens=["ferry"], nonword=True, ignorecase=True)
    assert texts(rule, "The ferry sailed. Ferrymen cheered.\n") == ["ferry", "Ferry"]


def test_tokens_ending_in_punctuation_keep_their_boundaries(tmp_path: Path) -> None:
    rule = pack(tmp_path, tokens=["Also read:"])
    assert texts(rule, "Also read: more\n") == ["Also read:"]
    assert texts(rule, "XAlso read: more\n") == []


def test_message_template_and_rule_metadata(tmp_path: Path) -> None:
    rule = pack(tmp_path, tokens=["ferry"], severity="info", scope=["headline"])
    (found,) = check(rule, "Ferry ferry\nThe ferry sailed.\n")
    assert found.message == "found 'ferry'" and found.span.line == 1
    assert (rule.code, rule.name, rule.severity, rule.fixable) == (
        "S901",
        "test-pack",
        "info",
        None,
    )


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ("anywhere", [(0, 4), (10, 14)]),
        ("start", [(0, 4)]),
        ("end", [(10, 14)]),
        ("block", []),
    ],
)
def test_anchors(anchor: str, expected: list[tuple[int, int]]) -> None:
    pattern = compile_tokens(["AAAA", "BBBB"], "test")
    assert findings("AAAA, mid BBBB.", pattern, anchor=anchor) == expected


def test_merged_findings_cover_a_whole_block() -> None:
    pattern = compile_tokens(["Picture for representation only", "Photo: AP"], "test")
    text = "Picture for representation only. Photo: AP"
    assert findings(text, pattern, anchor="block") == [(0, len(text))]
    assert findings(text, pattern, merge=False) == [(0, 31), (33, len(text))]


def test_exceptions_and_max_words(tmp_path: Path) -> None:
    rule = pack(tmp_path, tokens=["Photo: \\w+"], exceptions=["photo: diary"], **{"max-words": 5})
    assert texts(rule, "Photo: Diary\n\nPhoto: AP\n") == ["Photo: AP"]
    assert texts(rule, "One two three four five six. Photo: AP\n") == []


def test_remove_fix_deletes_the_line_or_the_finding(tmp_path: Path) -> None:
    rule = pack(tmp_path, tokens=["Photo: AP"], fix="remove", **{"fix-safety": "safe"})
    assert rule.fixable == "safe"
    text = HEAD + "Photo: AP\nThe ferry sailed. Photo: AP\n"
    found = check(rule, text)
    assert apply_fixes(text, found).text == HEAD + "The ferry sailed.\n"


def test_pack_examples_run_like_builtin_examples(tmp_path: Path) -> None:
    rule = pack(
        tmp_path,
        tokens=["Photo: AP"],
        examples=[{"fail": HEAD + "Photo: AP\n"}, {"pass": HEAD + "A photo.\n"}],
    )
    assert len(rule.examples) == 2
    assert check(rule, rule.examples[0]["fail"]) and not check(rule, rule.examples[1]["pass"])


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"tokens": []}, "'tokens' must be a non-empty list"),
        ({"tokens": ["(unclosed"]}, "not a valid pattern"),
        ({"tokens": ["x"], "anchor": "middle"}, "'anchor' must be one of"),
        ({"tokens": ["x"], "fix": "delete"}, "'fix' must be 'none' or 'remove'"),
        ({"tokens": ["x"], "fix-safety": "maybe"}, "'fix-safety'"),
        ({"tokens": ["x"], "max-words": -1}, "'max-words'"),
        ({"tokens": ["x"], "ignorecase": "yes"}, "'ignorecase' must be true or false"),
        ({"tokens": ["x"], "message": "{nope}"}, "unknown placeholder"),
        ({"tokens": ["x"], "swap": {"a": "b"}}, "unknown key(s) swap"),
    ],
)
def test_malformed_packs_are_named_errors(tmp_path: Path, keys: dict, message: str) -> None:
    with pytest.raises(RuleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        pack(tmp_path, **keys)
