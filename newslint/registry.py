"""Finds every rule: built-in modules, YAML packs, and the ``newslint.rules`` entry points.

Built-in rules are the ``Rule`` subclasses defined in the modules of ``newslint.rules``; adding
a module there is enough to add a rule. YAML packs are ``*.yaml`` files with a ``kind`` key,
from the bundled ``rules/`` folder (installed as ``newslint.packs``) and from paths in config.
Third-party packages expose a Rule subclass, a list of them, or a module through the
``newslint.rules`` entry point group.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from types import ModuleType

import yaml

from newslint.errors import RuleError
from newslint.rule import CorpusRule, DocumentRule, Rule, validate_rule_class


def _rules_in_module(module: ModuleType) -> Iterator[type[Rule]]:
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if (
            issubclass(obj, Rule)
            and obj not in (Rule, DocumentRule, CorpusRule)
            and obj.__module__ == module.__name__
            and obj.code
        ):
            yield obj


def builtin_rules() -> list[type[Rule]]:
    """Rule classes defined in the modules of ``newslint.rules``."""
    import newslint.rules as package

    found: list[type[Rule]] = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.extend(_rules_in_module(module))
    return found


def load_pack(path: Path | str, text: str | None = None) -> type[Rule]:
    """Build a rule class from one YAML pack file."""
    from newslint.kinds import build_rule

    origin = str(path)
    try:
        content = text if text is not None else Path(path).read_text("utf-8")
        # the C loader parses packs about ten times faster than the pure-Python one
        spec = yaml.load(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise RuleError(f"{origin}: cannot read rule pack: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise RuleError(f"{origin}: invalid YAML: {exc}") from exc
    if not isinstance(spec, dict) or "kind" not in spec:
        raise RuleError(f"{origin}: a rule pack must be a mapping with a 'kind' key")
    return build_rule(spec, origin)


def _is_pack(text: str) -> bool:
    return any(line.startswith("kind:") for line in text.splitlines())


def bundled_packs() -> list[type[Rule]]:
    """Rules from the YAML packs shipped in the wheel (the repository's ``rules/`` folder)."""
    found = []
    root = resources.files("newslint.packs")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
            text = entry.read_text("utf-8")
            if _is_pack(text):
                found.append(load_pack(f"rules/{entry.name}", text))
    return found


def pack_rules(paths: Iterable[Path]) -> list[type[Rule]]:
    """Rules from user packs: each path is a YAML file or a folder of them."""
    found = []
    for path in paths:
        if path.is_dir():
            for file in sorted([*path.glob("*.yaml"), *path.glob("*.yml")]):
                text = file.read_text("utf-8")
                if _is_pack(text):
                    found.append(load_pack(file, text))
        elif path.exists():
            found.append(load_pack(path))
        else:
            raise RuleError(f"{path}: rule pack not found")
    return found


def entry_point_rules() -> list[type[Rule]]:
    """Rules that installed packages expose through the ``newslint.rules`` group."""
    found: list[type[Rule]] = []
    for entry in metadata.entry_points(group="newslint.rules"):
        try:
            obj = entry.load()
        except Exception as exc:  # a broken plugin must not take down the run
            raise RuleError(f"entry point {entry.name!r} failed to load: {exc}") from exc
        if inspect.ismodule(obj):
            candidates = list(_rules_in_module(obj))
        elif isinstance(obj, (list, tuple)):
            candidates = list(obj)
        else:
            candidates = [obj]
        for rule in candidates:
            if not (inspect.isclass(rule) and issubclass(rule, Rule)):
                raise RuleError(f"entry point {entry.name!r} gave {rule!r}, not a Rule class")
            rule.origin = f"entry point {entry.name}"
            found.append(rule)
    return found


class Registry:
    """Every known rule, by code and by name."""

    def __init__(self, rules: Iterable[type[Rule]]) -> None:
        self.by_code: dict[str, type[Rule]] = {}
        self.by_name: dict[str, type[Rule]] = {}
        for rule in rules:
            try:
                validate_rule_class(rule)
            except ValueError as exc:
                raise RuleError(f"{rule.origin}: {exc}") from exc
            for table, key in ((self.by_code, rule.code), (self.by_name, rule.name)):
                if key in table and table[key] is not rule:
                    raise RuleError(
                        f"{rule.origin}: rule {key} is already defined by {table[key].origin}"
                    )
                table[key] = rule

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(sorted(self.by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code_or_name: str) -> type[Rule] | None:
        """The rule with this code or name, or None."""
        return self.by_code.get(code_or_name.upper()) or self.by_name.get(code_or_name.lower())

    def matching(self, selector: str) -> list[type[Rule]]:
        """Rules a selector names: a code, a name, a code prefix (``T``, ``T0``) or ``ALL``."""
        selector = selector.strip()
        if selector.upper() == "ALL":
            return list(self)
        rule = self.get(selector)
        if rule is not None:
            return [rule]
        prefix = selector.upper()
        return [r for r in self if r.code.startswith(prefix)]

    def is_selector(self, selector: str) -> bool:
        """True when ``selector`` names at least one rule (or could: a family letter)."""
        from newslint.rule import FAMILIES

        s = selector.strip()
        return bool(self.matching(s)) or (s[:1].upper() in FAMILIES and s[1:].isdigit())


@lru_cache(maxsize=8)
def _registry(pack_paths: tuple[str, ...]) -> Registry:
    rules = [*builtin_rules(), *bundled_packs(), *entry_point_rules()]
    rules += pack_rules(Path(p) for p in pack_paths)
    return Registry(rules)


def load_registry(pack_paths: Iterable[str | Path] = ()) -> Registry:
    """The registry of built-in, bundled, entry point and user-pack rules (cached)."""
    return _registry(tuple(str(p) for p in pack_paths))
