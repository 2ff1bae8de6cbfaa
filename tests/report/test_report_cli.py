"""End to end: ``newslint check examples --format X`` writes reports that agree with ``json``.

Runs the real CLI, the real rules (every registered rule becomes a SARIF descriptor, so a
rule whose metadata cannot be written as SARIF fails here) on a copy of ``examples/``.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from newslint.cli import main
from tests.report.test_report_github import parse as parse_command
from tests.report.test_report_sarif import validate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled examples as the working directory."""
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is absent")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(fmt: str, out: Path) -> str:
    code = main(["check", "examples", "--no-cache", "--jobs", "1", "--format", fmt, "-o", str(out)])
    assert code in (0, 1, 2)
    return out.read_text("utf-8")


def _key(path: str, line: int, column: int, code: str) -> tuple[str, int, int, str]:
    return (Path(path).as_posix(), line, column, code)


def test_reports_agree_with_json(articles: Path) -> None:
    found = json.loads(run("json", articles / "report.json"))
    expected = sorted(_key(d["path"], d["line"], d["column"], d["code"]) for d in found)
    assert expected, "the examples should show some findings"

    log: dict[str, Any] = json.loads(run("sarif", articles / "report.sarif"))
    validate(log)
    from newslint.registry import load_registry

    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {rule.code for rule in load_registry()}
    sarif_keys = []
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        path = unquote(location["artifactLocation"]["uri"])
        sarif_keys.append(_key(path, region["startLine"], region["startColumn"], result["ruleId"]))
    assert sorted(sarif_keys) == expected

    # a finding over several lines has no columns in an annotation: compare lines and codes
    github_keys = []
    for line in run("github", articles / "report.txt").splitlines():
        _, props, _ = parse_command(line)
        if "file" in props:
            github_keys.append((props["file"], int(props["line"]), props["title"].split()[0]))
    assert sorted(github_keys) == sorted((k[0], k[1], k[3]) for k in expected)

    root = ET.fromstring(run("junit", articles / "report.xml").encode("utf-8"))
    failures = root.findall("testsuite/testcase/failure")
    assert sorted(f.get("type") for f in failures) == sorted(k[3] for k in expected)

    concise = run("concise", articles / "report.lines").splitlines()
    assert len(concise) == len(expected)
