"""The pre-commit hooks, run for real by pre-commit on a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _local_config(hook_ids: list[str]) -> str:
    """Our published hooks as `repo: local` hooks running the installed newslint.

    pre-commit would otherwise clone this repository and pip-install it into a fresh
    environment; running the same entry, file types and options as `language: system`
    exercises the hook definitions without that install.
    """
    hooks = []
    for hook in HOOKS:
        if hook["id"] in hook_ids:
            local = dict(hook)
            local["language"] = "system"
            local["entry"] = f"{sys.executable} -m newslint.cli " + hook["entry"].split(" ", 1)[1]
            hooks.append(local)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]})


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "articles"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.org")
    _git(repo, "config", "user.name", "Desk")
    return repo


def _pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_hook_definitions_are_valid() -> None:
    ids = {hook["id"] for hook in HOOKS}
    assert ids == {"newslint", "newslint-fix"}
    for hook in HOOKS:
        assert hook["entry"].startswith("newslint check")
        assert set(hook["types_or"]) == {"plain-text", "markdown", "html"}


def test_newslint_hook_fails_on_a_bad_article_and_passes_a_clean_one(repo, tmp_path) -> None:
    (repo / ".pre-commit-config.yaml").write_text(_local_config(["newslint"]))
    (repo / ".newslint.toml").write_text('select = ["E002"]\n')
    (repo / "story.md").write_text("# Headline\n\nThe council`s budget passed.\n")
    (repo / "script.py").write_text("x = 'council`s'\n")  # not an article: never passed
    _git(repo, "add", ".")
    result = _pre_commit(repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "story.md:3:12" in result.stdout
    assert "script.py" not in result.stdout
    (repo / "story.md").write_text("# Headline\n\nThe council's budget passed.\n")
    _git(repo, "add", ".")
    result = _pre_commit(repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_hook_repairs_the_article(repo, tmp_path) -> None:
    (repo / ".pre-commit-config.yaml").write_text(_local_config(["newslint-fix"]))
    (repo / ".newslint.toml").write_text('select = ["E002"]\n')
    (repo / "story.txt").write_text("Headline\n\nThe council`s budget passed.\n")
    _git(repo, "add", ".")
    result = _pre_commit(repo, tmp_path)
    # pre-commit fails a run whose hook changed files, so the user can review the change
    assert result.returncode == 1
    assert (repo / "story.txt").read_text() == "Headline\n\nThe council's budget passed.\n"
    _git(repo, "add", ".")
    assert _pre_commit(repo, tmp_path).returncode == 0
