"""Every rule's own examples, table-driven (as SQLFluff's YAML cases): a rule tests itself."""

from __future__ import annotations

import pytest

from newslint.fixes import apply_fixes
from newslint.registry import load_registry
from newslint.testing import check, check_corpus, documents

CASES = [
    pytest.param(rule, index, example, id=f"{rule.code}-{rule.name}-{index}")
    for rule in load_registry()
    for index, example in enumerate(rule.examples)
]


def test_every_rule_has_examples() -> None:
    # G needs a server; X001 is raised by the engine (tests/test_engine.py covers it)
    missing = [r.code for r in load_registry() if not r.examples and r.family() not in ("G", "X")]
    assert not missing, f"rules without examples: {missing}"


@pytest.mark.parametrize(("rule", "index", "example"), CASES)
def test_rule_example(rule, index, example) -> None:
    path = example.get("path", "article.txt")
    options = example.get("options")
    if "articles" in example:  # a corpus example: several articles, findings on the first
        articles = example["articles"]
        found = check_corpus(rule, articles, options)
        found = [d for d in found if d.code == rule.code and d.path == next(iter(articles))]
    else:
        text = example.get("fail", example.get("pass"))
        found = [d for d in check(rule, text, options, path=path) if d.code == rule.code]
    if "pass" in example:
        assert found == [], f"{rule.code} flagged a passing example: {found}"
        return
    assert found, f"{rule.code} found nothing in a failing example"
    if "fixed" in example:
        text = example["fail"]
        source = documents(text, path)[0].source
        result = apply_fixes(source, found, unsafe=bool(example.get("unsafe")))
        assert result.text == example["fixed"]
