"""Runs rules over files and the corpus, applies suppressions, and applies fixes.

The flow of one run:

1. ``plan``: expand paths into target files and corpus files, each with its config.
2. ``lint_file`` (in worker processes, or in-process for a handful of files): read, decode,
   parse, run the document rules and the ``collect`` half of corpus rules. Results are cached
   per file content and settings, so unchanged files are not read again.
3. ``judge`` the corpus rules over every article's facts, keeping findings on targets.
4. Filter per file (selection, per-file-ignores, severity overrides, suppressions), report
   unused suppressions, and apply fixes when asked.
"""

from __future__ import annotations

import contextlib
import difflib
import fnmatch
import hashlib
import os
import pickle
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.cache import CACHE_DIR_NAME, Cache
from newslint.config import DEFAULT_EXCLUDE, Config, _glob_match, find_config, load_words
from newslint.decoding import decode
from newslint.diagnostic import Diagnostic, severity_rank
from newslint.document import Document, Span, source_lines
from newslint.errors import BackendError, ConfigError, InputError, NewslintError
from newslint.fixes import apply_fixes
from newslint.formats import format_for, read_documents
from newslint.registry import Registry, load_registry
from newslint.rule import CorpusFacts, CorpusRule, DocumentRule, Options, Rule, Settings
from newslint.suppress import Directive, apply_suppressions, matches, parse_directives

#: files at or under this many misses are linted in-process: a pool costs more than it saves
IN_PROCESS_LIMIT = 8
#: when True (``--timings``), lint_file records seconds per rule into FileResult.timings; set
#: before the pool forks, so workers see it too
TIMINGS = False
#: corpus rules judge in parallel (one forked process per rule) from this many target articles
#: up: a judge costs about what its targets do, and a few targets are judged faster than a fork
PARALLEL_JUDGE_MIN = 200


@dataclass
class DocResult:
    """What linting one article produced before corpus rules and filtering."""

    key: str
    path: str
    diagnostics: list[Diagnostic]
    facts: dict[str, Any]
    directives: list[Directive]
    words: int


@dataclass
class FileResult:
    """What linting one file produced; picklable, cached per content and settings."""

    path: str
    docs: list[DocResult] = field(default_factory=list)
    #: a problem that stopped the file from being linted (unreadable, binary, too large)
    error: str | None = None
    #: warnings about the file that did not stop it (empty, a malformed record)
    notes: list[str] = field(default_factory=list)
    #: (rule code, message, fatal) for rules that failed on this file
    rule_errors: list[tuple[str, str, bool]] = field(default_factory=list)
    sha256: str = ""
    size: int = 0
    encoding: str = "utf-8"
    format: str = "text"
    #: for a cached result loaded for its facts only: the articles' keys (``docs`` is empty)
    keys: tuple[str, ...] = ()
    #: for a cached result: rule code -> pickled list of each article's facts
    packed_facts: dict[str, bytes] | None = None
    #: with ``--timings``: seconds spent per rule code (and "read" for reading and parsing)
    timings: dict[str, float] = field(default_factory=dict)

    def facts_of(self, code: str) -> list[tuple[str, Any]]:
        """(article key, facts) for one corpus rule, unpickling only that rule's facts."""
        if self.packed_facts is None:
            return [(doc.key, doc.facts[code]) for doc in self.docs if code in doc.facts]
        blob = self.packed_facts.get(code)
        if blob is None:
            return []
        keys = self._article_keys()
        return [(k, v) for k, v in zip(keys, pickle.loads(blob), strict=True) if v is not _NO_FACTS]

    def keys_with_facts(self, code: str) -> tuple[str, ...]:
        """The article keys that may have facts for ``code``, without unpickling any."""
        if self.packed_facts is None:
            return tuple(doc.key for doc in self.docs if code in doc.facts)
        return self._article_keys() if code in self.packed_facts else ()

    def facts_size(self, code: str) -> int:
        """The pickled size of one rule's facts (0 when they are not packed)."""
        return len(self.packed_facts.get(code, b"")) if self.packed_facts else 0

    def _article_keys(self) -> tuple[str, ...]:
        return self.keys or tuple(doc.key for doc in self.docs)


class _NoFacts:
    """Marks an article for which a corpus rule collected nothing (kept apart from None)."""

    def __reduce__(self) -> str:
        return "_NO_FACTS"


_NO_FACTS = _NoFacts()


def pack_result(result: FileResult) -> dict[str, Any]:
    """The cache form of a result: each rule's facts pickled apart from the rest.

    A run loads every article's facts but only the named articles' findings, and each corpus
    rule's facts only when it judges: keeping them as separate blobs means a warm run
    unpickles just what it uses.
    """
    codes = sorted({code for doc in result.docs for code in doc.facts})
    facts = {
        code: pickle.dumps(
            [doc.facts.get(code, _NO_FACTS) for doc in result.docs],
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        for code in codes
    }
    light = replace(result, docs=[replace(doc, facts={}) for doc in result.docs], timings={})
    return {
        "keys": tuple(doc.key for doc in result.docs),
        "result": pickle.dumps(light, protocol=pickle.HIGHEST_PROTOCOL),
        "facts": facts,
    }


def unpack_result(path: str, sha256: str, payload: dict[str, Any], full: bool) -> FileResult:
    """A cached result: whole (findings too) for a target, facts only for the rest."""
    if full:
        result: FileResult = pickle.loads(payload["result"])
    else:
        result = FileResult(path, sha256=sha256, keys=payload["keys"])
    result.packed_facts = payload["facts"]
    return result


@dataclass(frozen=True)
class RuleSet:
    """The rules a config turns on, each with its resolved options and severity."""

    document_rules: tuple[type[DocumentRule], ...]
    corpus_rules: tuple[type[CorpusRule], ...]
    options: Mapping[str, Options]
    severities: Mapping[str, str]
    enabled: frozenset[str]
    key: str

    def is_enabled(self, code: str) -> bool:
        """True when the rule with ``code`` runs under this config."""
        return code in self.enabled


def _selected(registry: Registry, config: Config) -> set[str]:
    def expand(selectors: Iterable[str], where: str) -> set[str]:
        codes: set[str] = set()
        for selector in selectors:
            found = registry.matching(selector)
            if not found and not registry.is_selector(selector):
                raise ConfigError(
                    f"{config.path or 'command line'}: {where}: unknown rule or "
                    f"prefix {selector!r} (see `newslint rules`)"
                )
            codes.update(r.code for r in found)
        return codes

    if config.select is None:
        enabled = {r.code for r in registry if r.default_enabled}
    else:
        enabled = expand(config.select, "select")
    enabled |= expand(config.extend_select, "extend-select")
    enabled -= expand(config.ignore, "ignore")
    for _, codes in config.per_file_ignores:
        expand(codes, "per-file-ignores")
    return enabled


def _coerce_option(rule: type[Rule], name: str, value: Any, where: str) -> Any:
    if name not in rule.options:
        known = ", ".join(rule.options) or "none"
        raise ConfigError(
            f"{where}: rules.{rule.code}: unknown option {name!r} "
            f"(options of {rule.code} {rule.name}: {known})"
        )
    default = rule.options[name]
    ok = (
        default is None
        or (isinstance(default, bool) and isinstance(value, bool))
        or (
            not isinstance(default, bool)
            and isinstance(default, (int, float))
            and isinstance(value, (int, float))
            and not isinstance(value, bool)
        )
        or (isinstance(default, str) and isinstance(value, str))
        or (isinstance(default, (list, tuple, frozenset)) and isinstance(value, list))
        or (isinstance(default, dict) and isinstance(value, dict))
    )
    if not ok:
        raise ConfigError(
            f"{where}: rules.{rule.code}.{name}: expected a value like {default!r}, got {value!r}"
        )
    if isinstance(default, (tuple, frozenset)):
        return type(default)(value)
    return value


def build_ruleset(
    registry: Registry, config: Config, extra: Mapping[str, Any] | None = None
) -> RuleSet:
    """Resolve which rules run under ``config`` and with which options."""
    where = str(config.path or "command line")
    enabled = _selected(registry, config)
    accept, reject = load_words(config)
    settings = Settings(
        accept=accept,
        reject=reject,
        dialect=config.dialect,
        extra={"languagetool": dict(config.languagetool), **(extra or {})},
    )
    per_rule: dict[str, dict[str, Any]] = {}
    for selector, values in config.rule_options:
        rule = registry.get(selector)
        if rule is None:
            raise ConfigError(f"{where}: rules.{selector}: unknown rule (see `newslint rules`)")
        merged = per_rule.setdefault(rule.code, {})
        for name, value in values:
            merged[name] = _coerce_option(rule, name, value, where)
    options = {}
    for rule in registry:
        values = dict(rule.options)
        values.update(per_rule.get(rule.code, {}))
        options[rule.code] = Options(values, settings)
    severities = {}
    for selector, severity in config.severity:
        found = registry.matching(selector)
        if not found:
            raise ConfigError(f"{where}: severity: unknown rule or prefix {selector!r}")
        for rule in found:
            severities[rule.code] = severity
    rules = [r for r in registry if r.code in enabled]
    key_material = repr(
        (
            __version__,
            config.fingerprint(),
            sorted(enabled),
            _registry_fingerprint(registry),
            sorted((extra or {}).items()),
        )
    )
    return RuleSet(
        document_rules=tuple(r for r in rules if issubclass(r, DocumentRule)),  # type: ignore[misc]
        corpus_rules=tuple(r for r in rules if issubclass(r, CorpusRule)),  # type: ignore[misc]
        options=options,
        severities=severities,
        enabled=frozenset(enabled),
        key=hashlib.sha256(key_material.encode()).hexdigest()[:24],
    )


@lru_cache(maxsize=4)
def _registry_fingerprint(registry: Registry) -> str:
    parts = []
    for rule in registry:
        parts.append(f"{rule.code}:{rule.name}:{rule.origin}:{sorted(rule.options.items())!r}")
    from importlib import resources

    import newslint

    # A rule's code and data change its findings and the shape of its facts: the key holds
    # the size and mtime of every module and data file, so an edited or upgraded rule never
    # reads results cached by another version.
    roots = [Path(str(resources.files("newslint.packs"))), Path(newslint.__file__).parent]
    for root in roots:
        for directory, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".pyc", ".pyo")):
                    continue
                try:
                    stat = os.stat(os.path.join(directory, name))
                except OSError:
                    continue
                parts.append(f"{directory}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# --------------------------------------------------------------------------- linting one file


def lint_documents(docs: Sequence[Document], ruleset: RuleSet, result: FileResult) -> None:
    """Run document rules and corpus ``collect`` on parsed documents, into ``result``."""
    timings = result.timings if TIMINGS else None
    clock = time.perf_counter
    for doc in docs:
        diagnostics: list[Diagnostic] = []
        facts: dict[str, Any] = {}
        for rule in ruleset.document_rules:
            if rule.formats is not None and doc.format not in rule.formats:
                continue
            started = clock() if timings is not None else 0.0
            try:
                diagnostics.extend(rule().check(doc, ruleset.options[rule.code]))
            except BackendError as exc:
                result.rule_errors.append((rule.code, str(exc), exc.fatal))
            except NewslintError as exc:
                result.rule_errors.append((rule.code, str(exc), False))
            except Exception as exc:  # a rule's bug must not lose the other findings
                result.rule_errors.append(
                    (rule.code, f"internal error: {exc!r}\n{traceback.format_exc()}", True)
                )
            if timings is not None:
                timings[rule.code] = timings.get(rule.code, 0.0) + clock() - started
        for rule in ruleset.corpus_rules:
            started = clock() if timings is not None else 0.0
            try:
                facts[rule.code] = rule().collect(doc, ruleset.options[rule.code])
            except Exception as exc:
                result.rule_errors.append(
                    (rule.code, f"internal error: {exc!r}\n{traceback.format_exc()}", True)
                )
            if timings is not None:
                timings[rule.code] = timings.get(rule.code, 0.0) + clock() - started
        result.docs.append(
            DocResult(
                doc.key, doc.path, diagnostics, facts, parse_directives(doc), doc.word_count()
            )
        )


def read_file(
    path: Path, display: str, config: Config, raw: bytes | None = None
) -> tuple[list[Document], FileResult]:
    """Read and parse one file; problems go into the FileResult, never raise."""
    result = FileResult(display)
    try:
        if raw is None:
            size = path.stat().st_size
            limit = config.max_file_size * 1024 * 1024
            if size > limit:
                raise InputError(
                    f"{display}: file too large ({size / 1048576:.1f} MB > "
                    f"max-file-size {config.max_file_size} MB), skipped"
                )
            raw = path.read_bytes()
        result.size = len(raw)
        result.sha256 = hashlib.sha256(raw).hexdigest()
        decoded = decode(raw, display)
        result.encoding = decoded.encoding
        if not decoded.text.strip():
            result.notes.append(f"{display}: empty file, nothing to lint")
            return [], result
        fmt = config.format_for(path) or format_for(display)
        result.format = fmt
        docs = read_documents(display, raw, decoded, config.reader_options, fmt)
        for doc in docs:
            result.notes.extend(doc.problems)
        return docs, result
    except InputError as exc:
        result.error = str(exc)
    except IsADirectoryError:
        result.error = f"{display}: is a directory"
    except PermissionError:
        result.error = f"{display}: permission denied"
    except FileNotFoundError:
        result.error = f"{display}: no such file"
    except OSError as exc:
        result.error = f"{display}: cannot read: {exc.strerror or exc}"
    except Exception as exc:  # a reader's bug: name the file, keep linting the others
        result.rule_errors.append(
            (
                "reader",
                f"{display}: internal error while reading: {exc!r}\n{traceback.format_exc()}",
                True,
            )
        )
    return [], result


def lint_file(path: Path, display: str, config: Config, ruleset: RuleSet) -> FileResult:
    """Lint one file end to end (document rules and corpus facts)."""
    started = time.perf_counter()
    docs, result = read_file(path, display, config)
    if TIMINGS:
        result.timings["read"] = time.perf_counter() - started
    if docs:
        lint_documents(docs, ruleset, result)
    return result


# --------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class RunOptions:
    """What the command line asks of one run."""

    paths: tuple[str, ...]
    corpus: tuple[str, ...] = ()
    config_file: str | None = None
    overrides: Mapping[str, Any] = field(default_factory=dict)
    extra_settings: Mapping[str, Any] = field(default_factory=dict)
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    jobs: int = 0
    use_cache: bool = True
    cache_dir: str | None = None
    force_exclude: bool = False
    #: command-line LanguageTool settings, merged over each config's own table
    languagetool: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class RunResult:
    """Everything a report needs, plus what happened to files."""

    diagnostics: list[Diagnostic]
    files_checked: int
    corpus_size: int
    errors: list[str]
    notes: list[str]
    #: (message, fatal): a fatal one makes the run exit 2; the first line is for people, the
    #: rest (a traceback) is shown with --verbose
    rule_errors: list[tuple[str, bool]]
    fatal: bool
    fixed: dict[str, int]
    diffs: list[str]
    words: int
    fail_on: str
    cache_hits: int = 0
    #: with ``--timings``: seconds per rule code, plus "read" (reading and parsing files) and
    #: "judge CODE" for corpus rules' judge halves; summed over processes
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Item:
    path: Path
    display: str
    config: Config
    target: bool


def _display(path: Path) -> str:
    """The path as reports show it: relative to the current folder when under it."""
    text = os.path.normpath(path)
    if not os.path.isabs(text) and not text.startswith(".."):
        return text
    try:
        return os.path.relpath(text)
    except ValueError:
        return text


def _excluded(path: Path, config: Config) -> bool:
    if not config.exclude:
        return False
    absolute = os.path.abspath(path)
    root = str(config.root)
    rel = os.path.relpath(absolute, root) if absolute.startswith(root + os.sep) else absolute
    return any(_glob_match(Path(rel).as_posix(), p) for p in config.exclude)


def expand_paths(
    paths: Iterable[str],
    config_for: Callable[[Path], Config],
    errors: list[str],
    force_exclude: bool = False,
) -> list[tuple[Path, Config, str]]:
    """Files named by ``paths`` as (path, config, absolute path): files as given, folders
    searched with include/exclude."""
    found: dict[str, tuple[Path, Config, str]] = {}
    for name in paths:
        path = Path(name)
        if not path.exists():
            errors.append(f"{name}: no such file or directory")
            continue
        if not path.is_dir():
            config = config_for(path)
            if not (force_exclude and _excluded(path, config)):
                absolute = os.path.abspath(path)
                found.setdefault(absolute, (path, config, absolute))
            continue
        for directory, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(
                d for d in dirnames if d not in DEFAULT_EXCLUDE and not d.startswith(".")
            )
            config = config_for(Path(directory) / "_")
            include = config.include
            absolute_dir = os.path.abspath(directory)
            for filename in sorted(filenames):
                if not any(fnmatch.fnmatch(filename, p) for p in include):
                    continue
                file = Path(directory, filename)
                if _excluded(file, config):
                    continue
                absolute = os.path.join(absolute_dir, filename)
                found.setdefault(absolute, (file, config, absolute))
    return list(found.values())


class Engine:
    """One lint run: plans, lints (cached, in parallel), judges, filters and fixes."""

    def __init__(
        self, options: RunOptions, progress: Callable[[int, int], None] | None = None
    ) -> None:
        self.options = options
        self.progress = progress
        self.errors: list[str] = []
        self._configs: dict[Path, Config] = {}

    def config_for(self, path: Path) -> Config:
        """The config for ``path`` with command-line overrides, cached per folder."""
        from newslint.config import read_config_file, with_overrides

        directory = Path(os.path.abspath(path if path.is_dir() else path.parent))
        config = self._configs.get(directory)
        if config is None:
            if self.options.config_file:
                base = read_config_file(Path(self.options.config_file)) or Config()
            else:
                base = find_config(directory)
            config = with_overrides(base, self.options.overrides)
            if self.options.languagetool:
                merged = {**dict(config.languagetool), **self.options.languagetool}
                config = with_overrides(config, {"languagetool": tuple(sorted(merged.items()))})
            self._configs[directory] = config
        return config

    @property
    def jobs(self) -> int:
        """Worker processes: ``--jobs``, else every core."""
        return self.options.jobs or os.cpu_count() or 1

    def root_config(self) -> Config:
        """The config of the current folder: corpus rules judge with its options."""
        return self.config_for(Path.cwd())

    def registry(self) -> Registry:
        """The rules of this run, with every config's packs."""
        packs: list[str] = []
        for config in {*self._configs.values(), self.root_config()}:
            packs.extend(str((config.root / p).resolve()) for p in config.packs)
        return load_registry(sorted(set(packs)))

    def plan(self) -> list[_Item]:
        """Target files, then corpus-only files."""
        targets = expand_paths(
            self.options.paths, self.config_for, self.errors, self.options.force_exclude
        )
        items = [_Item(p, _display(p), c, True) for p, c, _ in targets]
        seen = {absolute for _, _, absolute in targets}
        corpus_paths: list[str] = list(self.options.corpus)
        root = self.root_config()
        if not corpus_paths and root.corpus:
            import glob

            for pattern in root.corpus:
                corpus_paths.extend(sorted(glob.glob(str(root.root / pattern), recursive=True)))
        if corpus_paths:
            corpus_errors: list[str] = []
            for path, config, absolute in expand_paths(
                corpus_paths, self.config_for, corpus_errors
            ):
                if absolute not in seen:
                    seen.add(absolute)
                    items.append(_Item(path, _display(path), config, False))
            self.errors.extend(f"corpus: {e}" for e in corpus_errors)
        return items

    def run(self) -> RunResult:
        """Lint everything and return the filtered findings."""
        items = self.plan()
        registry = self.registry()
        extra = dict(self.options.extra_settings)
        rulesets: dict[Config, RuleSet] = {}
        for item in items:
            if item.config not in rulesets:
                rulesets[item.config] = build_ruleset(registry, item.config, extra)
        root = self.root_config()
        root_rules = rulesets.get(root) or build_ruleset(registry, root, extra)
        started = self._start_backends(rulesets.values())
        try:
            results = self._lint_all(items, rulesets)
            return self._finish(items, results, rulesets, root_rules)
        finally:
            for rule in started:
                rule.end_run()

    def _start_backends(self, rulesets: Iterable[RuleSet]) -> list[type[Rule]]:
        """Call each enabled rule's ``start_run`` once (one shared server per run)."""
        rulesets = list(rulesets)
        started: dict[str, type[Rule]] = {}
        try:
            for ruleset in rulesets:
                for rule in (*ruleset.document_rules, *ruleset.corpus_rules):
                    if rule.code in started:
                        continue
                    started[rule.code] = rule
                    overrides = rule.start_run(ruleset.options[rule.code])
                    if not overrides:
                        continue
                    for each in rulesets:
                        current = each.options[rule.code]
                        merged = {**current, **overrides}
                        each.options[rule.code] = Options(merged, current.settings)  # type: ignore[index]
        except BaseException:
            for rule in started.values():  # stop whatever started before the failure
                rule.end_run()
            raise
        return list(started.values())

    # ---------------------------------------------------------------- linting, cached

    def _cache(self) -> Cache | None:
        if not self.options.use_cache:
            return None
        root = (
            Path(self.options.cache_dir) if self.options.cache_dir else Path.cwd() / CACHE_DIR_NAME
        )
        return Cache(root)

    def _lint_all(self, items: list[_Item], rulesets: Mapping[Config, RuleSet]) -> list[FileResult]:
        cache = self._cache()
        results: list[FileResult | None] = [None] * len(items)
        stats: dict[int, os.stat_result] = {}
        misses: list[int] = []
        self.cache_hits = 0
        for index, item in enumerate(items):
            key = rulesets[item.config].key
            try:
                stat = item.path.stat()
            except OSError:
                misses.append(index)
                continue
            stats[index] = stat
            hit = cache.get(item.display, key, stat) if cache else None
            if hit is not None:
                results[index] = unpack_result(item.display, hit[0], hit[1], item.target)
                self.cache_hits += 1
            else:
                misses.append(index)
        done = len(items) - len(misses)
        if self.progress:
            self.progress(done, len(items))
        jobs = self.jobs
        if len(misses) <= IN_PROCESS_LIMIT or jobs == 1:
            outputs = (
                lint_file(
                    items[i].path, items[i].display, items[i].config, rulesets[items[i].config]
                )
                for i in misses
            )
        else:
            # Workers get the rule sets once, at fork, instead of with every file.
            global _WORKER_RULESETS
            _WORKER_RULESETS = {ruleset.key: ruleset for ruleset in rulesets.values()}
            pool = _forked_pool(jobs, initializer=_worker_init)
            chunk = max(1, min(32, len(misses) // (jobs * 8) or 1))
            work = [
                (items[i].path, items[i].display, items[i].config, rulesets[items[i].config].key)
                for i in misses
            ]
            outputs = pool.map(_lint_file_star, work, chunksize=chunk)
        try:
            for index, output in zip(misses, outputs, strict=True):
                if isinstance(output, FileResult):
                    result, payload = output, None
                else:  # from a worker: already packed, so the cache stores it as it is
                    payload, timings = output
                    result = unpack_result(items[index].display, "", payload, full=True)
                    result.timings = timings
                results[index] = result
                done += 1
                if self.progress and (done % 25 == 0 or done == len(items)):
                    self.progress(done, len(items))
                item = items[index]
                if cache and result.error is None and index in stats and not result.rule_errors:
                    cache.put(
                        item.display,
                        rulesets[item.config].key,
                        stats[index],
                        result.sha256,
                        payload or pack_result(result),
                    )
        finally:
            if len(misses) > IN_PROCESS_LIMIT and jobs != 1:
                pool.shutdown()
        if cache:
            cache.save()
        return [r for r in results if r is not None]

    # ---------------------------------------------------------------- corpus and filtering

    def _finish(
        self,
        items: list[_Item],
        results: list[FileResult],
        rulesets: Mapping[Config, RuleSet],
        root_rules: RuleSet,
    ) -> RunResult:
        errors = list(self.errors)
        notes: list[str] = []
        rule_errors: list[tuple[str, bool]] = []
        fatal = False
        seen_rule_errors: set[tuple[str, str]] = set()
        by_display = {item.display: item for item in items}
        target_keys: set[str] = set()
        for item, result in zip(items, results, strict=True):
            if result.error:
                (errors if item.target else notes).append(result.error)
            if item.target:
                notes.extend(result.notes)
                target_keys.update(doc.key for doc in result.docs)
            for code, message, is_fatal in result.rule_errors:
                first_line = message.splitlines()[0]
                if (code, first_line) not in seen_rule_errors:
                    seen_rule_errors.add((code, first_line))
                    if message.startswith("internal error"):
                        message = f"{code}: {message}"
                    rule_errors.append((message, is_fatal))
                fatal = fatal or is_fatal
        corpus_found: dict[str, list[Diagnostic]] = {}
        targets = frozenset(target_keys)
        timings: dict[str, float] = {}
        if TIMINGS:
            for result in results:
                for code, seconds in result.timings.items():
                    timings[code] = timings.get(code, 0.0) + seconds
        for code, found, error, seconds in judge_all(
            root_rules, results, targets, self.jobs if len(targets) >= PARALLEL_JUDGE_MIN else 1
        ):
            if TIMINGS:
                timings[f"judge {code}"] = seconds
            if error is not None:
                rule_errors.append((f"{code}: internal error in judge: {error}", True))
                fatal = True
            for diagnostic in found:
                corpus_found.setdefault(_key(diagnostic), []).append(diagnostic)
        _fill_texts(corpus_found, by_display)
        diagnostics: list[Diagnostic] = []
        words = 0
        files_checked = 0
        for item, result in zip(items, results, strict=True):
            if not item.target:
                continue
            if result.error is None:
                files_checked += 1
            ruleset = rulesets[item.config]
            ignored = item.config.ignored_for(item.path)
            for doc in result.docs:
                words += doc.words
                found = list(doc.diagnostics) + corpus_found.get(doc.key, [])
                kept = filter_findings(doc, found, ruleset, ignored)
                if ruleset.is_enabled("X001"):
                    kept.extend(_finalise(d, ruleset) for d in _unused(doc.directives))
                diagnostics.extend(kept)
        diagnostics.sort(key=Diagnostic.sort_key)
        fixed: dict[str, int] = {}
        diffs: list[str] = []
        if self.options.fix or self.options.diff:
            shas = {r.path: r.sha256 for r in results}
            diagnostics = self._fix(diagnostics, by_display, rulesets, fixed, diffs, errors, shas)
        return RunResult(
            diagnostics,
            files_checked,
            len(items),
            errors,
            notes,
            rule_errors,
            fatal,
            fixed,
            diffs,
            words,
            root_rules_fail_on(self.root_config()),
            getattr(self, "cache_hits", 0),
            timings,
        )

    # ---------------------------------------------------------------- fixes

    def _fix(
        self,
        diagnostics: list[Diagnostic],
        by_display: Mapping[str, _Item],
        rulesets: Mapping[Config, RuleSet],
        fixed: dict[str, int],
        diffs: list[str],
        errors: list[str],
        shas: Mapping[str, str],
    ) -> list[Diagnostic]:
        unsafe = self.options.unsafe_fixes
        by_path: dict[str, list[Diagnostic]] = {}
        for diagnostic in diagnostics:
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
        remaining: list[Diagnostic] = []
        for path, found in by_path.items():
            item = by_display.get(path)
            if item is None or not any(d.fix and (d.fix.safety == "safe" or unsafe) for d in found):
                remaining.extend(found)
                continue
            try:
                outcome = fix_file(
                    item.path,
                    item.display,
                    item.config,
                    rulesets[item.config],
                    found,
                    unsafe,
                    write=self.options.fix and not self.options.diff,
                    expected_sha256=shas.get(path),
                )
            except NewslintError as exc:
                errors.append(str(exc))
                remaining.extend(found)
                continue
            count, left, diff = outcome
            if count:
                fixed[path] = count
            if diff:
                diffs.append(diff)
            remaining.extend(left if self.options.fix and not self.options.diff else found)
        remaining.sort(key=Diagnostic.sort_key)
        return remaining


def root_rules_fail_on(config: Config) -> str:
    """The ``fail-on`` severity of the run's root config."""
    return config.fail_on


_WORKER_RULESETS: dict[str, RuleSet] = {}


JudgeOutcome = tuple[str, list[Diagnostic], str | None, float]


def judge_all(
    ruleset: RuleSet, results: Sequence[FileResult], targets: frozenset[str], jobs: int
) -> list[JudgeOutcome]:
    """Run each corpus rule's ``judge`` over every article's facts: (code, findings on targets,
    error or None, seconds) per rule that had facts on a target.

    With ``jobs`` > 1 the rules judge side by side in forked processes: they inherit the
    results without copying, unpickle only their own facts and send back only findings, so
    the slowest judge, not the sum of them, sets the time the run waits after linting.
    """
    codes = [
        rule.code
        for rule in ruleset.corpus_rules
        if any(key in targets for r in results for key in r.keys_with_facts(rule.code))
    ]
    # The judges with the most facts (the slowest, as a rule) start first.
    codes.sort(key=lambda code: -sum(r.facts_size(code) for r in results))
    global _JUDGE_STATE
    _JUDGE_STATE = (ruleset, results, targets)
    try:
        if jobs > 1 and len(codes) > 1 and sys.platform != "win32":
            from concurrent.futures.process import BrokenProcessPool

            try:
                with _forked_pool(min(jobs, len(codes))) as pool:
                    return list(pool.map(_judge_one, codes))
            except (BrokenProcessPool, OSError):  # no fork (memory, limits): judge here
                pass
        return [_judge_one(code) for code in codes]
    finally:
        _JUDGE_STATE = None


def _forked_pool(
    workers: int, initializer: Callable[[], None] | None = None
) -> ProcessPoolExecutor:
    """A process pool whose workers fork from this process (they inherit its state), where the
    platform can fork."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform != "win32" else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=initializer)


_JUDGE_STATE: tuple[RuleSet, Sequence[FileResult], frozenset[str]] | None = None


def _judge_one(code: str) -> JudgeOutcome:
    assert _JUDGE_STATE is not None
    ruleset, results, targets = _JUDGE_STATE
    started = time.perf_counter()
    rule = next(rule for rule in ruleset.corpus_rules if rule.code == code)
    found: list[Diagnostic] = []
    error = None
    try:
        facts = {key: value for r in results for key, value in r.facts_of(code)}
        for diagnostic in rule().judge(CorpusFacts(facts, targets), ruleset.options[code]):
            if _key(diagnostic) in targets:
                found.append(diagnostic)
    except Exception as exc:  # one rule's bug must not lose the other rules' findings
        error = f"{exc!r}\n{traceback.format_exc()}"
    return code, found, error, time.perf_counter() - started


def _worker_init() -> None:
    """Tune the garbage collector in a worker: what the worker inherited from the parent at
    fork (modules, rule sets, data tables) never becomes garbage, so freeze it out of every
    collection, and collect less often (linting allocates many short-lived objects, which die
    before a larger young generation fills up)."""
    import gc

    gc.freeze()
    if os.environ.get("NEWSLINT_GC") != "default":
        gc.set_threshold(*GC_THRESHOLDS)


#: young-generation size and the two older generations' thresholds in workers
GC_THRESHOLDS = (20_000, 20, 20)


def _lint_file_star(
    args: tuple[Path, str, Config, str],
) -> tuple[dict[str, Any], dict[str, float]]:
    """Lint one file in a worker: its result packed (bytes travel back cheaply, and the cache
    stores them as they are) and this run's ``--timings`` figures, which are never cached."""
    path, display, config, key = args
    result = lint_file(path, display, config, _WORKER_RULESETS[key])
    return pack_result(result), result.timings


def _fill_texts(found: dict[str, list[Diagnostic]], items: Mapping[str, _Item]) -> None:
    """Fill the ``text`` of corpus findings (and their related spans) kept as offsets only.

    Corpus facts are cached for every article and loaded on every run, so rules keep them
    small: a span's offsets and lines, without the paragraph it covers. The report promises
    the exact flagged text, so it is read back here from the few files that have findings.
    """
    sources: dict[str, str | None] = {}
    for diagnostics in found.values():
        for index, diagnostic in enumerate(diagnostics):
            related = tuple(
                replace(r, span=_with_text(r.span, items, sources)) for r in diagnostic.related
            )
            diagnostics[index] = replace(
                diagnostic, span=_with_text(diagnostic.span, items, sources), related=related
            )


def _with_text(span: Span, items: Mapping[str, _Item], sources: dict[str, str | None]) -> Span:
    if span.text or span.end <= span.start:
        return span
    if span.path not in sources:
        item = items.get(span.path)
        try:
            sources[span.path] = decode(item.path.read_bytes(), span.path).text if item else None
        except (OSError, NewslintError):
            sources[span.path] = None
    source = sources[span.path]
    return span if source is None else replace(span, text=source[span.start : span.end])


def _key(diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    return span.path if span.record is None else f"{span.path}#{span.record}"


def _unused(directives: list[Directive]) -> Iterable[Diagnostic]:
    for directive in directives:
        if directive.used or directive.span is None:
            continue
        codes = " ".join(directive.codes) or "all codes"
        yield Diagnostic(
            span=directive.span,
            message=f"Unused suppression: no {codes} finding here to silence",
            code="X001",
            name="unused-suppression",
            severity="warning",
        )


def filter_findings(
    doc: DocResult, found: Iterable[Diagnostic], ruleset: RuleSet, ignored: Sequence[str]
) -> list[Diagnostic]:
    """Findings of one article that survive selection, per-file-ignores and suppressions."""
    kept = [
        _finalise(d, ruleset)
        for d in found
        if ruleset.is_enabled(d.code) and not any(matches(s, d) for s in ignored)
    ]
    return apply_suppressions(kept, doc.directives)


def _finalise(diagnostic: Diagnostic, ruleset: RuleSet) -> Diagnostic:
    severity = ruleset.severities.get(diagnostic.code)
    if severity and severity != diagnostic.severity:
        return replace(diagnostic, severity=severity)
    return diagnostic


def fix_file(
    path: Path,
    display: str,
    config: Config,
    ruleset: RuleSet,
    diagnostics: list[Diagnostic],
    unsafe: bool,
    write: bool,
    expected_sha256: str | None = None,
    max_rounds: int = 10,
) -> tuple[int, list[Diagnostic], str]:
    """Apply fixes to one file, re-linting between rounds; write it atomically if asked.

    Returns (fixes applied, findings left, unified diff). The file is re-read and must still
    have the content that was linted. Records files must still parse into the same records
    after fixing, or nothing is written. The result keeps the file's own encoding (unless a
    fix converts it), byte-order mark and line endings (fixes edit only their spans), and is
    written via a temporary file and a rename, keeping the file's permissions.
    """
    raw = path.read_bytes()
    if expected_sha256 and hashlib.sha256(raw).hexdigest() != expected_sha256:
        raise InputError(f"{display}: changed while it was being linted; not fixed")
    decoded = decode(raw, display)
    text = decoded.text
    original_records = len(read_file(path, display, config, raw=raw)[0])
    ignored = config.ignored_for(path)
    document_codes = {r.code for r in ruleset.document_rules}
    # corpus findings do not move when their own spans are untouched; keep those not fixed
    corpus = [d for d in diagnostics if d.code not in document_codes or d.code == "X001"]
    encoding: str | None = None
    count = 0
    current = diagnostics
    for _ in range(max_rounds):
        outcome = apply_fixes(text, current, unsafe)
        if not outcome.changed:
            break
        count += len(outcome.fixed)
        text = outcome.text
        encoding = outcome.encoding or encoding
        corpus = [d for d in corpus if d not in outcome.fixed]
        docs, result = read_file(path, display, config, raw=_encode(decoded, text, encoding))
        if result.error or result.rule_errors or len(docs) != original_records:
            raise InputError(
                f"{display}: fixing would break its {result.format} structure; not fixed"
            )
        lint_documents(docs, ruleset, result)
        current = [
            d
            for doc in result.docs
            for d in filter_findings(doc, doc.diagnostics, ruleset, ignored)
        ]
        current.extend(corpus)
    if count == 0:
        return 0, diagnostics, ""
    new_raw = _encode(decoded, text, encoding)
    diff = "".join(
        difflib.unified_diff(
            source_lines(decoded.text, keepends=True),
            source_lines(text, keepends=True),
            fromfile=f"a/{display}",
            tofile=f"b/{display}",
        )
    )
    if write:
        _atomic_write(path, new_raw)
    return count, sorted(current, key=Diagnostic.sort_key), diff


def _encode(decoded: Any, text: str, encoding: str | None) -> bytes:
    if encoding:
        return text.encode(encoding)
    try:
        return decoded.encode(text)
    except UnicodeEncodeError:
        return text.encode("utf-8")


def _atomic_write(path: Path, data: bytes) -> None:
    directory = path.resolve().parent
    mode = path.stat().st_mode
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".newslint")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def exit_code(result: RunResult, fail_on: str | None = None) -> int:
    """0 when no finding is at or above ``fail-on``, 1 otherwise, 2 on errors."""
    if result.errors or result.fatal:
        return 2
    threshold = severity_rank(fail_on or result.fail_on)
    if any(severity_rank(d.severity or "warning") <= threshold for d in result.diagnostics):
        return 1
    return 0


def lint_text(
    text: str, path: str = "article.txt", config: Config | None = None
) -> list[Diagnostic]:
    """Lint one article given as text with the default rules (no corpus, no cache)."""
    config = config or Config()
    ruleset = build_ruleset(load_registry(), config)
    docs, result = read_file(Path(path), path, config, raw=text.encode("utf-8"))
    lint_documents(docs, ruleset, result)
    found = [d for doc in result.docs for d in doc.diagnostics]
    return sorted(found, key=Diagnostic.sort_key)
