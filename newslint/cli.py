"""The ``newslint`` command: argument parsing and output. The engine does the work.

Exit codes: 0 no finding at or above ``fail-on``; 1 findings; 2 usage, config or internal
error, or a file that could not be read (the other files are still linted and reported).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from newslint import __version__
from newslint.diagnostic import SEVERITIES

SUBCOMMANDS = ("check", "rules", "rule", "config")
REPORT_FORMATS = ("text", "json", "sarif", "github", "junit", "concise")
LANGUAGETOOL_MODES = ("off", "server", "local", "public")


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        description="An editorial linter for news articles.",
        epilog="Exit codes: 0 clean, 1 findings at or above fail-on, 2 usage, config, input "
        "or internal error. `newslint COMMAND --help` for each command.",
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command")

    check = sub.add_parser("check", help="lint articles (the default command)")
    check.add_argument("paths", nargs="*", default=[], help="files or folders (default: .)")
    check.add_argument(
        "--corpus",
        action="append",
        default=[],
        metavar="PATH",
        help="compare against these articles too (repeatable), reporting only "
        "on PATHS; default: the config's corpus globs",
    )
    check.add_argument("--config", metavar="FILE", help="use this config file for every path")
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes, prefixes or names to enable (replaces)",
    )
    check.add_argument(
        "--extend-select",
        type=_codes,
        metavar="CODES",
        help="codes to enable on top of the selection",
    )
    check.add_argument("--ignore", type=_codes, metavar="CODES", help="codes to disable")
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        help="lowest severity that makes the exit code 1 (default: warning)",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even with findings (errors still exit 2)"
    )
    check.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        help="report format (default: text; github under GitHub Actions)",
    )
    check.add_argument("--output-file", "-o", metavar="FILE", help="write the report here")
    check.add_argument(
        "--statistics", action="store_true", help="show counts per rule instead of each finding"
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes"
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a diff instead of writing them"
    )
    check.add_argument(
        "--input-format",
        choices=("text", "markdown", "html", "jsonl", "json", "csv"),
        help="read every file as this format (default: by suffix)",
    )
    check.add_argument(
        "--jobs", "-j", type=int, default=0, help="worker processes (default: all cores)"
    )
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument(
        "--cache-dir", metavar="DIR", help="cache folder (default: ./.newslint_cache)"
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude globs to files named on the command line too",
    )
    check.add_argument(
        "--languagetool",
        choices=LANGUAGETOOL_MODES,
        help="grammar checking through LanguageTool (default: off)",
    )
    check.add_argument(
        "--languagetool-url",
        metavar="URL",
        help="LanguageTool server URL (implies --languagetool server)",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    check.add_argument("--quiet", "-q", action="store_true", help="no notes on stderr")
    check.add_argument(
        "--timings",
        action="store_true",
        help="print the seconds each rule took (summed over processes) on stderr",
    )
    check.add_argument(
        "--verbose", "-v", action="store_true", help="show tracebacks for internal errors"
    )

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--config", metavar="FILE", help="include the packs of this config")

    rule = sub.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code", help="a rule code or name")

    config = sub.add_parser("config", help="show the resolved settings for a file or folder")
    config.add_argument("path", nargs="?", default=".", help="file or folder (default: .)")
    config.add_argument("--config", metavar="FILE", help="use this config file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # a lone surrogate in a message or path must not crash the report
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if not args_list or (
        args_list[0] not in SUBCOMMANDS and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "check")
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    verbose = getattr(args, "verbose", False)
    try:
        if args.command == "rules":
            return _cmd_rules(args)
        if args.command == "rule":
            return _cmd_rule(args)
        if args.command == "config":
            return _cmd_config(args)
        return _cmd_check(args)
    except KeyboardInterrupt:
        _err("interrupted")
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one clear line, the traceback only with --verbose
        from newslint.errors import NewslintError

        if isinstance(exc, NewslintError):
            _err(str(exc))
        else:
            _err(f"internal error: {exc!r} (run with --verbose for the traceback)")
        if verbose:
            import traceback

            traceback.print_exc()
        return 2


def _err(message: str) -> None:
    print(f"newslint: error: {message}", file=sys.stderr)


def _note(message: str) -> None:
    print(f"newslint: warning: {message}", file=sys.stderr)


# ----------------------------------------------------------------------------- check


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    if args.select is not None:
        overrides["select"] = tuple(args.select)
    if args.extend_select:
        overrides["extend_select"] = tuple(args.extend_select)
    if args.ignore:
        overrides["ignore"] = tuple(args.ignore)
    if args.fail_on:
        overrides["fail_on"] = args.fail_on
    return overrides


def _languagetool(args: argparse.Namespace) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if args.languagetool:
        table["mode"] = args.languagetool
    if args.languagetool_url:
        table["url"] = args.languagetool_url
        table.setdefault("mode", "server")
    return table


class _Progress:
    """A one-line progress bar on stderr, only on a terminal and for long runs."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 50:
            return
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _cmd_check(args: argparse.Namespace) -> int:
    from newslint import engine as engine_module
    from newslint.engine import Engine, RunOptions, exit_code

    if args.unsafe_fixes and not (args.fix or args.diff):
        _note("--unsafe-fixes does nothing without --fix or --diff")
    overrides = _overrides(args)
    if args.input_format:
        overrides["formats"] = (("*", args.input_format),)
    options = RunOptions(
        paths=tuple(args.paths or ["."]),
        corpus=tuple(args.corpus),
        config_file=args.config,
        overrides=overrides,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        cache_dir=args.cache_dir,
        force_exclude=args.force_exclude,
        languagetool=_languagetool(args),
    )
    progress = _Progress(sys.stderr.isatty() and not args.no_progress and not args.quiet)
    engine = Engine(options, progress)
    engine_module.TIMINGS = args.timings
    try:
        result = engine.run()
    finally:
        progress.close()
        engine_module.TIMINGS = False
    if args.timings:
        _print_timings(result.timings, engine)
    for message in result.errors:
        _err(message)
    for message, fatal in result.rule_errors:
        first, _, rest = message.partition("\n")
        (_err if fatal else _note)(message if args.verbose and rest else first)
    if not args.quiet:
        for message in result.notes:
            _note(message)
    if args.diff:
        sys.stdout.write("".join(result.diffs))
        return 1 if result.diffs else (2 if result.errors or result.fatal else 0)
    report = _render_report(args, result, engine)
    if args.output_file:
        try:
            Path(args.output_file).write_text(report, "utf-8", errors="backslashreplace")
        except OSError as exc:
            _err(f"{args.output_file}: cannot write report: {exc.strerror or exc}")
            return 2
    else:
        sys.stdout.write(report)
    code = exit_code(result, args.fail_on)
    if args.exit_zero and code == 1:
        return 0
    return code


def _print_timings(timings: Mapping[str, float], engine: Any) -> None:
    """A table of seconds per rule, slowest first, on stderr (files served from the cache
    cost nothing, so a warm run shows only what it re-linted and the judges)."""
    names = {rule.code: rule.name for rule in engine.registry()}
    total = sum(timings.values()) or 1.0
    lines = [f"{'rule':<12} {'name':<28} {'seconds':>8} {'share':>6}"]
    for code, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        default = "reading and parsing" if code == "read" else ""
        name = names.get(code.removeprefix("judge "), default)
        lines.append(f"{code:<12} {name[:28]:<28} {seconds:>8.3f} {seconds / total:>6.1%}")
    lines.append(f"{'total':<12} {'':<28} {total:>8.3f}")
    sys.stderr.write("\n".join(lines) + "\n")


def _render_report(args: argparse.Namespace, result: Any, engine: Any) -> str:
    from newslint.report import ReportContext, render

    fmt = args.format
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    to_tty = not args.output_file and sys.stdout.isatty()
    color = args.color == "always" or (
        args.color == "auto" and to_tty and "NO_COLOR" not in os.environ
    )
    sources: dict[str, str] = {}
    if fmt == "text" and not args.statistics:
        sources = _sources(result.diagnostics)
    registry = engine.registry()
    context = ReportContext(
        rules={rule.code: rule for rule in registry},
        files_checked=result.files_checked,
        tool_version=__version__,
        root=os.getcwd(),
        fixes_applied=sum(result.fixed.values()),
        errors=tuple(result.errors)
        + tuple(m.partition("\n")[0] for m, fatal in result.rule_errors if fatal),
        color=color,
        sources=sources,
        fixable=sum(1 for d in result.diagnostics if d.fix and d.fix.safety == "safe"),
        unsafe_fixable=sum(1 for d in result.diagnostics if d.fix and d.fix.safety == "unsafe"),
    )
    if args.statistics:
        from newslint.report import statistics

        return statistics.render(result.diagnostics, context)
    return render(fmt, result.diagnostics, context)


def _sources(diagnostics: Sequence[Any]) -> dict[str, str]:
    from newslint.decoding import decode

    sources: dict[str, str] = {}
    for path in {d.path for d in diagnostics}:
        try:
            raw = Path(path).read_bytes()
            sources[path] = decode(raw, path).text
        except Exception:  # the report still prints without the source line
            continue
    return sources


# ----------------------------------------------------------------------------- rules, rule


def _cmd_rules(args: argparse.Namespace) -> int:
    from newslint.config import find_config, read_config_file
    from newslint.registry import load_registry
    from newslint.rule import FAMILIES

    config = read_config_file(Path(args.config)) if args.config else find_config(Path.cwd())
    packs = [str((config.root / p).resolve()) for p in config.packs] if config else []
    registry = load_registry(packs)
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "family": FAMILIES.get(r.family(), r.family()),
            "fixable": r.fixable or "no",
            "default": "on" if r.default_enabled else "off",
            "severity": r.severity,
            "summary": r.summary,
            "origin": r.origin,
        }
        for r in registry
    ]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    headers = ("code", "name", "family", "fixable", "default", "severity", "summary")
    widths = {h: max(len(h), *(len(str(row[h])) for row in rows)) for h in headers[:-1]}
    _print_row({h: h.upper() for h in headers}, headers, widths, sys.stdout)
    for row in rows:
        _print_row(row, headers, widths, sys.stdout)
    return 0


def _print_row(
    row: dict[str, Any], headers: Sequence[str], widths: dict[str, int], out: TextIO
) -> None:
    cells = [str(row[h]).ljust(widths[h]) for h in headers[:-1]] + [str(row[headers[-1]])]
    out.write("  ".join(cells).rstrip() + "\n")


def _cmd_rule(args: argparse.Namespace) -> int:
    from newslint.config import find_config
    from newslint.registry import load_registry
    from newslint.rule import FAMILIES

    config = find_config(Path.cwd())
    registry = load_registry([str((config.root / p).resolve()) for p in config.packs])
    rule = registry.get(args.code)
    if rule is None:
        _err(f"unknown rule {args.code!r} (see `newslint rules`)")
        return 2
    out = [
        f"{rule.code} {rule.name}: {rule.summary}",
        "",
        f"Family:   {rule.family()} ({FAMILIES.get(rule.family(), '?')})",
        f"Severity: {rule.severity}",
        f"Fixable:  {rule.fixable or 'no'}",
        f"Default:  {'on' if rule.default_enabled else 'off'}",
        f"Scope:    {'corpus (compares articles)' if rule.is_corpus_rule() else 'article'}",
        f"Origin:   {rule.origin}",
    ]
    if rule.options:
        out.append("Options:")
        for name, default in rule.options.items():
            out.append(f"  {name} = {json.dumps(default, default=list)}")
    out += ["", rule.documentation()]
    if rule.examples:
        out += ["", "Examples:"]
        for example in rule.examples:
            for label in ("fail", "pass", "fixed"):
                if label in example:
                    text = str(example[label]).rstrip("\n").replace("\n", "\n    ")
                    out.append(f"  {label}:\n    {text}")
    print("\n".join(out))
    return 0


# ----------------------------------------------------------------------------- config


def _cmd_config(args: argparse.Namespace) -> int:
    from newslint.config import find_config, iter_sources, read_config_file
    from newslint.engine import build_ruleset
    from newslint.registry import load_registry

    path = Path(args.path)
    if not path.exists():
        _err(f"{args.path}: no such file or directory")
        return 2
    config = read_config_file(Path(args.config)) if args.config else find_config(path)
    if config is None:
        _err(f"{args.config}: has no [tool.newslint] table")
        return 2
    table = config.as_table()
    origins = dict(iter_sources(config))
    print(f"# settings for {args.path}")
    print(f"# config file: {config.path or 'none found (defaults)'}")
    for key, value in table.items():
        print(
            f"{key} = {json.dumps(value, default=list, ensure_ascii=False)}"
            f"  # {origins.get(key, 'default')}"
        )
    registry = load_registry([str((config.root / p).resolve()) for p in config.packs])
    ruleset = build_ruleset(registry, config)
    enabled = sorted(ruleset.enabled)
    print(f"# enabled rules ({len(enabled)}): {', '.join(enabled)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
