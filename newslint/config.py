"""Finding, validating and resolving configuration.

Config lives in ``.newslint.toml`` (top-level keys) or in the ``[tool.newslint]`` table of
``pyproject.toml``. Each file uses the closest config found from its own folder upward; a
folder holding both uses ``.newslint.toml``. ``--config FILE`` forces one file for every path.
Unknown keys and bad values are errors that name the key and the file.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newslint.diagnostic import SEVERITIES
from newslint.errors import ConfigError
from newslint.formats import FORMATS, ReaderOptions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAMES = (".newslint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl", "*.ndjson")
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".newslint_cache",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    "build",
    "dist",
)
DIALECTS = ("any", "en-GB", "en-US")

#: key -> (expected type description, checker, default)
_LIST = "a list of strings"


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


@dataclass(frozen=True, eq=False)
class Config:
    """Resolved settings for the files under one config file (or the defaults).

    Compared by identity: configs are built once per file and cached per folder, and rule
    sets are looked up by config for every linted file.
    """

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str = "warning"
    severity: tuple[tuple[str, str], ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    accept: tuple[str, ...] = ()
    reject: tuple[tuple[str, str | None], ...] = ()
    words_files: tuple[str, ...] = ()
    dialect: str = "any"
    packs: tuple[str, ...] = ()
    corpus: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    formats: tuple[tuple[str, str], ...] = ()
    headline_fields: tuple[str, ...] = ReaderOptions.headline_fields
    body_fields: tuple[str, ...] = ReaderOptions.body_fields
    id_fields: tuple[str, ...] = ReaderOptions.id_fields
    max_file_size: int = 10
    languagetool: tuple[tuple[str, Any], ...] = ()
    #: key -> where its value came from ("default", a file, "command line")
    origins: tuple[tuple[str, str], ...] = ()

    @property
    def reader_options(self) -> ReaderOptions:
        """What the readers need from this config."""
        return ReaderOptions(self.headline_fields, self.body_fields, self.id_fields)

    def format_for(self, path: Path) -> str | None:
        """The format forced by ``formats`` globs for ``path``, if any."""
        if not self.formats:  # resolving paths costs more than reading a short article
            return None
        rel = _relative(path, self.root)
        for pattern, fmt in self.formats:
            if _glob_match(rel, pattern):
                return fmt
        return None

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """Selectors ``per-file-ignores`` adds for ``path``."""
        if not self.per_file_ignores:
            return ()
        rel = _relative(path, self.root)
        found: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if _glob_match(rel, pattern):
                found.extend(codes)
        return tuple(found)

    def fingerprint(self) -> str:
        """A hash of everything that can change a rule's findings, for the cache key."""
        data = {k: v for k, v in self.__dict__.items() if k not in ("origins", "path", "root")}
        words = []
        for name in self.words_files:
            try:
                words.append((self.root / name).read_bytes())
            except OSError:
                words.append(b"")
        blob = json.dumps(data, sort_keys=True, default=str).encode() + b"".join(words)
        return hashlib.sha256(blob).hexdigest()[:16]

    def as_table(self) -> dict[str, Any]:
        """The settings as a config table (kebab-case keys) for ``newslint config``."""
        out: dict[str, Any] = {}
        for key in KEYS:
            value = getattr(self, _ATTRIBUTES.get(key, key.replace("-", "_")))
            if key in _TABLES:
                value = {k: (dict(v) if key == "rules" else v) for k, v in value}
            out[key] = value
        return out


KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "fail-on",
    "severity",
    "rules",
    "accept",
    "reject",
    "words-file",
    "dialect",
    "packs",
    "corpus",
    "include",
    "exclude",
    "formats",
    "headline-fields",
    "body-fields",
    "id-fields",
    "max-file-size",
    "languagetool",
)


_ATTRIBUTES = {"words-file": "words_files", "rules": "rule_options"}
_TABLES = frozenset({"per-file-ignores", "severity", "rules", "reject", "formats", "languagetool"})


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=64)
def _resolved(root: Path) -> Path:
    """A config folder, resolved once: every file under it asks."""
    return root.resolve()


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(rel, pattern):
        return True
    # a pattern without a slash matches any path component, as in .gitignore
    if "/" not in pattern:
        return any(fnmatch.fnmatch(part, pattern) for part in rel.split("/"))
    return fnmatch.fnmatch(rel, pattern + "/*") or fnmatch.fnmatch(rel, pattern.rstrip("*") + "*")


def _bad(where: str, key: str, problem: str) -> ConfigError:
    return ConfigError(f"{where}: {key}: {problem}")


def parse_table(table: Mapping[str, Any], where: str, root: Path, path: Path | None) -> Config:
    """Validate one ``[tool.newslint]`` table and build a Config from it."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)} (known keys: {', '.join(KEYS)})"
        )
    values: dict[str, Any] = {}
    for key in (
        "select",
        "extend-select",
        "ignore",
        "accept",
        "packs",
        "corpus",
        "include",
        "exclude",
        "headline-fields",
        "body-fields",
        "id-fields",
    ):
        if key in table:
            if not _is_str_list(table[key]):
                raise _bad(where, key, f"expected {_LIST}, got {table[key]!r}")
            values[key.replace("-", "_")] = tuple(table[key])
    if "words-file" in table:
        value = table["words-file"]
        value = [value] if isinstance(value, str) else value
        if not _is_str_list(value):
            raise _bad(where, "words-file", "expected a path or a list of paths")
        values["words_files"] = tuple(value)
    if "fail-on" in table:
        if table["fail-on"] not in SEVERITIES:
            raise _bad(where, "fail-on", f"expected one of {', '.join(SEVERITIES)}")
        values["fail_on"] = table["fail-on"]
    if "dialect" in table:
        if table["dialect"] not in DIALECTS:
            raise _bad(where, "dialect", f"expected one of {', '.join(DIALECTS)}")
        values["dialect"] = table["dialect"]
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise _bad(where, "max-file-size", "expected a positive whole number of megabytes")
        values["max_file_size"] = size
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict) or not all(v in SEVERITIES for v in sev.values()):
            raise _bad(where, "severity", f"expected a table of CODE = one of {SEVERITIES}")
        values["severity"] = tuple(sorted(sev.items()))
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict) or not all(_is_str_list(v) for v in pfi.values()):
            raise _bad(where, "per-file-ignores", "expected a table of GLOB = [codes]")
        values["per_file_ignores"] = tuple((k, tuple(v)) for k, v in pfi.items())
    if "formats" in table:
        fmts = table["formats"]
        if not isinstance(fmts, dict) or not all(v in FORMATS for v in fmts.values()):
            raise _bad(where, "formats", f"expected a table of GLOB = one of {FORMATS}")
        values["formats"] = tuple(fmts.items())
    if "reject" in table:
        rej = table["reject"]
        if _is_str_list(rej):
            values["reject"] = tuple((w, None) for w in rej)
        elif isinstance(rej, dict) and all(isinstance(v, str) for v in rej.values()):
            values["reject"] = tuple(sorted(rej.items()))
        else:
            raise _bad(where, "reject", "expected a list of words or a table of WORD = fix")
    if "rules" in table:
        rules = table["rules"]
        if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
            raise _bad(where, "rules", "expected tables [rules.CODE] of rule options")
        values["rule_options"] = tuple(
            (k, tuple(sorted(v.items()))) for k, v in sorted(rules.items())
        )
    if "languagetool" in table:
        lt = table["languagetool"]
        if not isinstance(lt, dict):
            raise _bad(where, "languagetool", "expected a table")
        values["languagetool"] = tuple(sorted(_validate_languagetool(lt, where).items()))
    origins = tuple((k, where) for k in table)
    return Config(path=path, root=root, origins=origins, **values)


def _validate_languagetool(table: dict[str, Any], where: str) -> dict[str, Any]:
    try:
        from newslint.backends.languagetool import validate_languagetool_config
    except ImportError:  # the backend validates its own keys when it is installed
        return dict(table)
    return validate_languagetool_config(table, f"{where}: languagetool")


def read_config_file(path: Path) -> Config | None:
    """The Config in ``path``, or None for a pyproject.toml without ``[tool.newslint]``."""
    where = str(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read config: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{where}: invalid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("newslint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [tool.newslint] must be a table")
        where = f"{where} [tool.newslint]"
    else:
        table = data
    return parse_table(table, where, path.parent, path)


@lru_cache(maxsize=1024)
def _config_for_dir(directory: Path) -> Config | None:
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file():
            config = read_config_file(candidate)
            if config is not None:
                return config
    parent = directory.parent
    if parent == directory:
        return None
    return _config_for_dir(parent)


def find_config(path: Path) -> Config:
    """The config that applies to ``path`` (a file or folder): the closest one upward."""
    path = path.resolve()
    directory = path if path.is_dir() else path.parent
    return _config_for_dir(directory) or Config(root=Path.cwd())


def clear_cache() -> None:
    """Forget discovered configs (tests that write config files call this)."""
    _config_for_dir.cache_clear()
    _resolved.cache_clear()


def with_overrides(config: Config, overrides: Mapping[str, Any]) -> Config:
    """A copy of ``config`` with command-line values (snake_case keys) replacing its own."""
    if not overrides:
        return config
    origins = dict(config.origins)
    origins.update({k.replace("_", "-"): "command line" for k in overrides})
    merged = dict(config.__dict__)
    merged.update(overrides)
    merged["origins"] = tuple(origins.items())
    return Config(**merged)


def load_words(config: Config) -> tuple[frozenset[str], dict[str, str | None]]:
    """Accepted and rejected words from config lists and words files.

    A words file holds one word per line; ``#`` starts a comment; a line ``!word`` rejects the
    word and ``!word -> fix`` rejects it with a replacement.
    """
    accept = set(config.accept)
    reject: dict[str, str | None] = dict(config.reject)
    for name in config.words_files:
        path = config.root / name
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config.path}: words-file: cannot read {path}: {exc}") from exc
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("!"):
                word, _, fix = line[1:].partition("->")
                reject[word.strip()] = fix.strip() or None
            else:
                accept.add(line)
    return frozenset(accept), reject


def iter_sources(config: Config) -> Iterable[tuple[str, str]]:
    """(key, origin) pairs for ``newslint config``."""
    origins = dict(config.origins)
    for key in KEYS:
        yield key, origins.get(key, "default")
