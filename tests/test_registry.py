"""The registry: built-in rules, bundled packs, entry points and user packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import registry
from newslint.errors import RuleError
from newslint.rule import FAMILIES


@pytest.fixture
def fresh_registry():
    registry._registry.cache_clear()
    yield
    registry._registry.cache_clear()


def test_every_rule_is_well_formed_and_unique(fresh_registry) -> None:
    rules = list(registry.load_registry())
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert rule.family() in FAMILIES
        assert rule.documentation().strip()


def test_a_real_entry_point_adds_a_rule(tmp_path: Path, monkeypatch, fresh_registry) -> None:
    dist = tmp_path / "newslint_plugin_demo-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: newslint-plugin-demo\nVersion: 0.1\n"
    )
    (dist / "entry_points.txt").write_text("[newslint.rules]\nteh = tests.plugin_rules:TehRule\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = registry.load_registry()
    rule = found.get("Z001")
    assert rule is not None and rule.origin == "entry point teh"


def test_a_broken_entry_point_is_a_clear_error(tmp_path: Path, monkeypatch, fresh_registry) -> None:
    dist = tmp_path / "broken_demo-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-demo\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[newslint.rules]\nbad = no_such_module:Rule\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RuleError, match="entry point 'bad' failed to load"):
        registry.load_registry()


def test_pack_errors_name_the_file(tmp_path: Path, fresh_registry) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: [unclosed\n")
    with pytest.raises(RuleError, match="bad.yaml: invalid YAML"):
        registry.pack_rules([bad])
    bad.write_text("kind: no-such-kind\ncode: S900\nname: x\nsummary: x\n")
    with pytest.raises(RuleError, match="unknown rule kind 'no-such-kind'"):
        registry.pack_rules([bad])
    with pytest.raises(RuleError, match="rule pack not found"):
        registry.pack_rules([tmp_path / "missing.yaml"])


def test_duplicate_codes_are_refused() -> None:
    from tests.plugin_rules import TehRule

    class Clash(TehRule):
        name = "another-name"

    with pytest.raises(RuleError, match="Z001 is already defined"):
        registry.Registry([TehRule, Clash])


def test_selectors_match_codes_prefixes_and_names() -> None:
    from tests.plugin_rules import SameHeadline, TehRule

    reg = registry.Registry([TehRule, SameHeadline])
    assert reg.matching("Z") == [TehRule, SameHeadline]
    assert reg.matching("z001") == [TehRule]
    assert reg.matching("test-same-headline") == [SameHeadline]
    assert reg.matching("ALL") == [TehRule, SameHeadline]
    assert reg.matching("Q") == []
