"""The engine end to end through the CLI: selection, corpus, cache, fixes, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newslint.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    code, out, err = run(capsys, *args, "--format", "json", "--no-progress")
    return code, json.loads(out)


ARTICLE = "A headline\n\nWe will recieve teh report.\n"


def test_json_report_has_the_stable_keys_and_exact_text(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.txt").write_text(ARTICLE)
    code, found = findings(capsys, "check", "a.txt", "--select", "Z")
    assert code == 1
    assert [f["text"] for f in found] == ["recieve", "teh"]
    first = found[0]
    assert list(first)[:12] == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "text",
        "suggestions",
        "fix",
    ]
    assert (first["line"], first["column"], first["end_column"]) == (3, 9, 16)
    assert first["code"] == "Z001" and first["severity"] == "error"


def test_select_ignore_and_prefixes(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.txt").write_text(ARTICLE)
    assert findings(capsys, "a.txt", "--select", "Z", "--ignore", "Z001")[1] == []
    assert len(findings(capsys, "a.txt", "--select", "test-teh")[1]) == 2
    code, out, err = run(capsys, "a.txt", "--select", "Q999")
    assert code == 2 and "Q999" in err


def test_exit_codes_follow_fail_on(plugin_rules, workdir, capsys) -> None:
    (workdir / "clean.txt").write_text("A headline\n\nNothing wrong here.\n")
    (workdir / "a.txt").write_text(ARTICLE)
    assert run(capsys, "clean.txt", "--select", "Z")[0] == 0
    assert run(capsys, "a.txt", "--select", "Z")[0] == 1
    (workdir / "b.txt").write_text("A headline\n\nOther\n")
    (workdir / "c.txt").write_text("A headline\n\nText\n")
    # Z002 is a warning: with fail-on error it does not fail the run
    assert run(capsys, "b.txt", "c.txt", "--select", "Z002", "--fail-on", "error")[0] == 0
    assert run(capsys, "b.txt", "c.txt", "--select", "Z002")[0] == 1


def test_corpus_context_reports_only_named_files(plugin_rules, workdir, capsys) -> None:
    archive = workdir / "archive"
    archive.mkdir()
    (archive / "old.txt").write_text("Same Headline\n\nOld body.\n")
    (archive / "older.txt").write_text("same headline\n\nOlder body.\n")
    (workdir / "new.txt").write_text("Same headline\n\nNew body.\n")
    code, found = findings(capsys, "new.txt", "--corpus", "archive", "--select", "Z002")
    assert code == 1
    assert {f["path"] for f in found} == {"new.txt"}
    related = {r["path"] for r in found[0]["related"]}
    assert related == {os.path.join("archive", "old.txt"), os.path.join("archive", "older.txt")}
    # without the corpus there is nothing to compare against
    assert findings(capsys, "new.txt", "--select", "Z002")[1] == []


def test_config_corpus_globs(plugin_rules, workdir, capsys) -> None:
    (workdir / ".newslint.toml").write_text('corpus = ["archive/*.txt"]\nselect = ["Z002"]\n')
    (workdir / "archive").mkdir()
    (workdir / "archive" / "old.txt").write_text("Same headline\n\nOld.\n")
    (workdir / "new.txt").write_text("Same headline\n\nNew.\n")
    assert len(findings(capsys, "new.txt")[1]) == 1


def test_warm_cache_does_not_reread_unchanged_files(
    plugin_rules, workdir, capsys, monkeypatch
) -> None:
    from newslint import engine

    for i in range(5):
        (workdir / f"a{i}.txt").write_text(f"Headline {i}\n\nWe will recieve it.\n")
    first = findings(capsys, ".", "--select", "Z")[1]
    assert (workdir / ".newslint_cache").is_dir()
    read: list[str] = []
    real = engine.read_file

    def spy(path, display, config, raw=None):
        read.append(display)
        return real(path, display, config, raw)

    monkeypatch.setattr(engine, "read_file", spy)
    (workdir / "a3.txt").write_text("Headline 3\n\nWe will recieve teh thing.\n")
    second = findings(capsys, ".", "--select", "Z")[1]
    assert read == ["a3.txt"]
    assert len(second) == len(first) + 1
    read.clear()
    findings(capsys, ".", "--select", "Z", "--no-cache")
    assert len(read) == 5


def test_cache_key_includes_settings(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.txt").write_text("Headline\n\nA word here.\n")
    assert findings(capsys, "a.txt", "--select", "Z")[1] == []
    (workdir / ".newslint.toml").write_text('[rules.Z001]\nalso = "word"\n')
    from newslint import config

    config.clear_cache()
    assert [f["text"] for f in findings(capsys, "a.txt", "--select", "Z")[1]] == ["word"]


def test_fix_writes_atomically_and_keeps_line_endings(plugin_rules, workdir, capsys) -> None:
    path = workdir / "a.txt"
    path.write_bytes(b"A headline\r\n\r\nWe will recieve teh report.\r\n")
    os.chmod(path, 0o640)
    untouched = workdir / "b.txt"
    untouched.write_bytes(b"Clean\r\n\r\nNothing to fix.")
    before = untouched.stat().st_mtime_ns
    code, found = findings(capsys, "a.txt", "b.txt", "--select", "Z", "--fix")
    assert path.read_bytes() == b"A headline\r\n\r\nWe will recieve the report.\r\n"
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert [f["text"] for f in found] == ["recieve"]  # the unsafe one is left
    assert code == 1
    assert untouched.stat().st_mtime_ns == before
    findings(capsys, "a.txt", "--select", "Z", "--fix", "--unsafe-fixes")
    assert path.read_bytes() == b"A headline\r\n\r\nWe will receive the report.\r\n"
    assert not [p for p in workdir.iterdir() if p.name.endswith(".newslint")]


def test_fix_keeps_utf16_and_bom(plugin_rules, workdir, capsys) -> None:
    path = workdir / "a.txt"
    path.write_bytes("Zürich headline\n\nteh café\n".encode("utf-16"))
    run(capsys, "a.txt", "--select", "Z", "--fix")
    raw = path.read_bytes()
    assert raw.startswith(b"\xff\xfe")
    assert raw.decode("utf-16") == "Zürich headline\n\nthe café\n"


def test_diff_shows_fixes_without_writing(plugin_rules, workdir, capsys) -> None:
    path = workdir / "a.txt"
    path.write_text(ARTICLE)
    code, out, _ = run(capsys, "a.txt", "--select", "Z", "--diff")
    assert code == 1
    assert "-We will recieve teh report." in out and "+We will recieve the report." in out
    assert path.read_text() == ARTICLE


def test_diff_numbers_lines_as_the_file_does(workdir, capsys) -> None:
    # splitlines() cut lines at the form feed and vertical tab: "@@ -1,5 +1,3 @@", and the
    # removed pieces glued onto one line that patch could not apply
    path = workdir / "a.txt"
    path.write_text("A headline\n\nA form\x0cfeed and a tab\x0bhere.\n\nThe end.\n")
    code, out, _ = run(capsys, "a.txt", "--select", "E004", "--diff", "--no-cache")
    assert code == 1
    assert "@@ -1,5 +1,5 @@\n" in out
    assert "-A form\x0cfeed and a tab\x0bhere.\n+A form feed and a tab here.\n" in out


def test_bad_input_is_one_line_and_others_still_linted(plugin_rules, workdir, capsys) -> None:
    (workdir / "good.txt").write_text(ARTICLE)
    (workdir / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (workdir / "empty.txt").write_text("")
    code, out, err = run(
        capsys,
        "good.txt",
        "binary.txt",
        "empty.txt",
        "missing.txt",
        "--select",
        "Z",
        "--format",
        "json",
    )
    assert code == 2
    assert len(json.loads(out)) == 2
    lines = err.strip().splitlines()
    assert any("binary.txt" in line and "binary" in line for line in lines)
    assert any("missing.txt" in line for line in lines)
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert "Traceback" not in err


def test_invalid_utf8_is_decoded_and_linted(plugin_rules, workdir, capsys) -> None:
    (workdir / "latin.txt").write_bytes(
        "Caf\xe9 headline\n\nteh caf\xe9 r\xe9sum\xe9\n".encode("latin-1")
    )
    code, found = findings(capsys, "latin.txt", "--select", "Z")
    assert [f["text"] for f in found] == ["teh"]
    assert (found[0]["line"], found[0]["column"]) == (3, 1)


def test_broken_config_is_a_clear_error(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.txt").write_text(ARTICLE)
    (workdir / ".newslint.toml").write_text("selekt = ['T']\n")
    code, out, err = run(capsys, "a.txt")
    assert code == 2 and "selekt" in err and ".newslint.toml" in err
    from newslint import config

    (workdir / ".newslint.toml").write_text("select = [\n")
    config.clear_cache()
    code, out, err = run(capsys, "a.txt")
    assert code == 2 and "invalid TOML" in err
    (workdir / ".newslint.toml").write_text("[rules.Z001]\nnope = 1\n")
    config.clear_cache()
    code, out, err = run(capsys, "a.txt")
    assert code == 2 and "nope" in err


def test_pyproject_table_and_closest_config_win(plugin_rules, workdir, capsys) -> None:
    (workdir / "pyproject.toml").write_text('[tool.newslint]\nselect = ["Z001"]\n')
    sub = workdir / "sub"
    sub.mkdir()
    (sub / ".newslint.toml").write_text('select = ["Z001"]\nignore = ["Z001"]\n')
    (workdir / "a.txt").write_text(ARTICLE)
    (sub / "b.txt").write_text(ARTICLE)
    found = findings(capsys, ".")[1]
    assert {f["path"] for f in found} == {"a.txt"}


def test_per_file_ignores_and_severity(plugin_rules, workdir, capsys) -> None:
    (workdir / ".newslint.toml").write_text(
        'select = ["Z001"]\nper-file-ignores = { "drafts/*" = ["Z001"] }\n'
        'severity = { Z001 = "info" }\n'
    )
    (workdir / "drafts").mkdir()
    (workdir / "drafts" / "a.txt").write_text(ARTICLE)
    (workdir / "b.txt").write_text(ARTICLE)
    code, found = findings(capsys, ".")
    assert {f["path"] for f in found} == {"b.txt"}
    assert {f["severity"] for f in found} == {"info"}
    assert code == 0  # info is below the default fail-on (warning)


def test_suppressions_and_unused_ones(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.md").write_text(
        "# Headline\n\n<!-- newslint: ignore Z001 -->\nWe got teh report.\n\n"
        "Another teh here.\n\n<!-- newslint: ignore Z001 -->\nNothing wrong here.\n\n"
        "<!-- newslint: disable Z001 -->\nteh\n\nteh\n<!-- newslint: enable Z001 -->\n\nteh\n"
    )
    found = findings(capsys, "a.md", "--select", "Z001,X001")[1]
    assert [(f["code"], f["line"]) for f in found] == [("Z001", 6), ("X001", 8), ("Z001", 17)]


def test_front_matter_ignore(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.md").write_text("---\ntitle: Headline\nnewslint-ignore: [Z001]\n---\n\nteh\n")
    assert findings(capsys, "a.md", "--select", "Z001,X001")[1] == []


def test_parallel_run_equals_serial_run(plugin_rules, workdir, capsys) -> None:
    for i in range(30):
        (workdir / f"a{i:02}.txt").write_text(f"Same headline\n\nteh {i} recieve\n")
    serial = findings(capsys, ".", "--select", "Z", "--jobs", "1", "--no-cache")[1]
    parallel = findings(capsys, ".", "--select", "Z", "--jobs", "2", "--no-cache")[1]
    assert serial == parallel
    assert len(serial) == 90


def test_text_report_shows_source_line_and_caret(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.txt").write_text(ARTICLE)
    code, out, _ = run(capsys, "a.txt", "--select", "Z001", "--color", "never")
    assert "a.txt:3:9: Z001 error 'recieve' is a typo [test-teh]" in out
    assert "We will recieve teh report." in out
    assert "        ^^^^^^^" in out
    assert "Found 2 findings (2 errors) in 1 of 1 file." in out


def test_rules_rule_and_config_commands(plugin_rules, workdir, capsys) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "Z001" in out and "test-teh" in out
    code, out, _ = run(capsys, "rule", "test-teh")
    assert code == 0 and "Flags ``teh``" in out and "also" in out
    assert run(capsys, "rule", "Q123")[0] == 2
    (workdir / ".newslint.toml").write_text('fail-on = "error"\n')
    from newslint import config

    config.clear_cache()
    code, out, _ = run(capsys, "config", ".")
    assert code == 0
    assert 'fail-on = "error"' in out and ".newslint.toml" in out
    assert 'dialect = "any"  # default' in out


def test_output_file(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.txt").write_text(ARTICLE)
    code, out, _ = run(capsys, "a.txt", "--select", "Z", "--format", "json", "-o", "r.json")
    assert out == ""
    assert len(json.loads(Path("r.json").read_text())) == 2


def test_huge_file_is_skipped_with_one_line_unless_allowed(plugin_rules, workdir, capsys) -> None:
    with open(workdir / "huge.txt", "wb") as handle:
        handle.write(b"Headline\n\n")
        handle.write(b"teh quick brown fox. " * (50 * 1024 * 1024 // 21))
    (workdir / "small.txt").write_text(ARTICLE)
    code, out, err = run(capsys, "huge.txt", "small.txt", "--select", "Z001", "--format", "json")
    assert code == 2
    assert len(json.loads(out)) == 2
    assert err.count("\n") == 1 and "huge.txt" in err and "too large" in err


def test_unreadable_file(plugin_rules, workdir, capsys, monkeypatch) -> None:
    path = workdir / "secret.txt"
    path.write_text(ARTICLE)
    (workdir / "open.txt").write_text(ARTICLE)
    real = Path.read_bytes

    def read_bytes(self):  # as for a file without read permission (tests may run as root)
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, out, err = run(
        capsys, "secret.txt", "open.txt", "--select", "Z001", "--format", "json", "--no-cache"
    )
    assert code == 2 and "secret.txt: permission denied" in err
    assert {f["path"] for f in json.loads(out)} == {"open.txt"}


def test_rule_crash_is_reported_and_other_rules_still_run(
    plugin_rules, workdir, capsys, monkeypatch
) -> None:
    from tests.plugin_rules import SameHeadline

    def boom(self, doc, options):
        raise RuntimeError("kaput")

    monkeypatch.setattr(SameHeadline, "collect", boom)
    (workdir / "a.txt").write_text(ARTICLE)
    code, out, err = run(capsys, "a.txt", "--select", "Z", "--format", "json", "--no-cache")
    assert code == 2
    assert len(json.loads(out)) == 2
    assert "Z002: internal error: RuntimeError('kaput')" in err
    assert "Traceback" not in err


def test_a_fix_that_would_break_a_records_file_is_refused(plugin_rules, workdir) -> None:
    from newslint.config import Config
    from newslint.diagnostic import Diagnostic, Edit, Fix
    from newslint.engine import build_ruleset, fix_file
    from newslint.errors import InputError
    from newslint.registry import load_registry
    from newslint.testing import document

    text = '{"title": "A headline", "body": "teh text"}\n'
    path = workdir / "feed.jsonl"
    path.write_text(text)
    doc = document(text, "feed.jsonl")
    start = text.index("teh")
    bad = Diagnostic(
        doc.span(start, start + 3),
        "m",
        "Z001",
        "test-teh",
        "error",
        fix=Fix((Edit(start, start + 3, 'a "quoted'),)),
    )
    ruleset = build_ruleset(load_registry(), Config(select=("Z001",)))
    with pytest.raises(InputError, match="would break its jsonl structure"):
        fix_file(path, "feed.jsonl", Config(select=("Z001",)), ruleset, [bad], False, True)
    assert path.read_text() == text


def test_a_file_changed_since_linting_is_not_fixed(plugin_rules, workdir) -> None:
    from newslint.config import Config
    from newslint.engine import build_ruleset, fix_file, lint_text
    from newslint.errors import InputError
    from newslint.registry import load_registry

    path = workdir / "a.txt"
    path.write_text(ARTICLE)
    config = Config(select=("Z001",))
    found = lint_text(ARTICLE, "a.txt", config)
    ruleset = build_ruleset(load_registry(), config)
    with pytest.raises(InputError, match="changed while it was being linted"):
        fix_file(path, "a.txt", config, ruleset, found, False, True, expected_sha256="0" * 64)
    assert path.read_text() == ARTICLE


def test_corpus_findings_get_their_text_filled_in(
    plugin_rules, workdir, capsys, monkeypatch
) -> None:
    from dataclasses import replace

    from tests.plugin_rules import SameHeadline

    real = SameHeadline.collect

    def collect_without_text(self, doc, options):
        fact = real(self, doc, options)
        return None if fact is None else (fact[0], replace(fact[1], text=""))

    monkeypatch.setattr(SameHeadline, "collect", collect_without_text)
    (workdir / "a.txt").write_text("Same Headline\n\nOne.\n")
    (workdir / "b.txt").write_text("same headline\n\nTwo.\n")
    found = findings(capsys, ".", "--select", "Z002", "--no-cache")[1]
    assert [f["text"] for f in found] == ["Same Headline", "same headline"]


def test_corpus_findings_survive_a_warm_cache(plugin_rules, workdir, capsys) -> None:
    (workdir / "archive").mkdir()
    for i in range(12):  # enough misses to use the worker pool on the cold run
        (workdir / "archive" / f"old{i}.txt").write_text(f"Headline {i}\n\nBody {i}.\n")
    (workdir / "archive" / "dup.txt").write_text("Same headline\n\nOld.\n")
    (workdir / "new.txt").write_text("Same headline\n\nNew.\n")
    args = ("new.txt", "--corpus", "archive", "--select", "Z002")
    cold = findings(capsys, *args)[1]
    warm = findings(capsys, *args)[1]
    assert cold == warm and len(warm) == 1
    assert warm[0]["related"][0]["path"] == os.path.join("archive", "dup.txt")


def test_timings_table_on_stderr_covers_workers_and_judges(plugin_rules, workdir, capsys) -> None:
    for i in range(12):  # more than the in-process limit: the rules run in worker processes
        (workdir / f"a{i:02}.txt").write_text(f"Same headline\n\nteh {i} recieve\n")
    plain = findings(capsys, ".", "--select", "Z", "--jobs", "2", "--no-cache")[1]
    code, out, err = run(
        capsys, ".", "--select", "Z", "--jobs", "2", "--no-cache", "--timings", "--format", "json"
    )
    assert json.loads(out) == plain  # the report itself is unchanged
    rows = {line.split()[0]: line for line in err.splitlines()}
    assert {"rule", "read", "Z001", "Z002", "judge", "total"} <= rows.keys()
    assert "judge Z002" in err  # the corpus rule's judge half, timed in the main process
    assert float(rows["total"].split()[-1]) > 0


def test_timings_are_not_cached(plugin_rules, workdir, capsys) -> None:
    (workdir / "a.txt").write_text(ARTICLE)
    run(capsys, "check", "a.txt", "--select", "Z", "--timings")
    code, out, err = run(capsys, "check", "a.txt", "--select", "Z", "--timings")
    rows = {line.split()[0] for line in err.splitlines()}
    assert "read" not in rows  # served from the cache: nothing was read or linted again


def test_parallel_judges_equal_serial_judges(workdir, capsys, monkeypatch) -> None:
    from newslint import engine

    body = "The harbour authority said the fire started in a warehouse near the old pier on Monday."
    for i in range(6):
        (workdir / f"a{i}.txt").write_text(f"Fire at the harbour\n\n{body}\n\nReport number {i}.\n")
    for i in range(4):
        (workdir / f"b{i}.txt").write_text(
            f"Council sets budget {i}\n\nThe council met on day {i}.\n"
        )
    monkeypatch.setattr(engine, "PARALLEL_JUDGE_MIN", 1)
    serial = findings(capsys, ".", "--select", "H,D", "--jobs", "1", "--no-cache")[1]
    parallel = findings(capsys, ".", "--select", "H,D", "--jobs", "2", "--no-cache")[1]
    assert serial == parallel
    assert {f["code"] for f in serial} >= {"H002", "D002"}  # two corpus rules judged


def test_a_judge_that_crashes_loses_no_other_finding(plugin_rules, workdir, capsys, monkeypatch):
    from newslint import engine, registry
    from tests.plugin_rules import SameHeadline

    class BrokenJudge(SameHeadline):
        code = "Z003"
        name = "test-broken-judge"

        def judge(self, corpus, options):
            raise RuntimeError("judge bug")

    monkeypatch.setattr(registry, "entry_point_rules", lambda: [*plugin_rules, BrokenJudge])
    registry._registry.cache_clear()
    monkeypatch.setattr(engine, "PARALLEL_JUDGE_MIN", 1)
    for i in range(3):
        (workdir / f"a{i}.txt").write_text("Same headline\n\nteh text\n")
    for jobs in ("1", "2"):
        code, out, err = run(
            capsys, ".", "--select", "Z", "--jobs", jobs, "--no-cache", "--format", "json"
        )
        assert code == 2
        assert "Z003: internal error in judge: RuntimeError('judge bug')" in err
        assert {f["code"] for f in json.loads(out)} == {"Z001", "Z002"}
