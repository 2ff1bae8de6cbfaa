"""Config discovery and validation: unknown keys and bad values name the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config, find_config, load_words, parse_table, read_config_file
from newslint.errors import ConfigError


def table(**values):
    return parse_table(
        {k.replace("_", "-"): v for k, v in values.items()}, "cfg.toml", Path("."), None
    )


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ({"select": "T"}, "select: expected a list of strings"),
        ({"fail_on": "fatal"}, "fail-on: expected one of error, warning, info"),
        ({"dialect": "en-AU"}, "dialect"),
        ({"max_file_size": 0}, "max-file-size"),
        ({"severity": {"T001": "loud"}}, "severity"),
        ({"per_file_ignores": {"a/*": "T001"}}, "per-file-ignores"),
        ({"formats": {"*.txt": "docx"}}, "formats"),
        ({"reject": 3}, "reject"),
        ({"rules": {"T001": 1}}, "rules"),
        ({"words_file": 3}, "words-file"),
    ],
)
def test_bad_values_name_the_key_and_file(values, needle) -> None:
    with pytest.raises(ConfigError) as info:
        table(**values)
    assert needle in str(info.value) and "cfg.toml" in str(info.value)


def test_unknown_keys_are_listed() -> None:
    with pytest.raises(ConfigError, match="unknown keys 'colour', 'selekt'"):
        parse_table({"selekt": [], "colour": 1}, "x.toml", Path("."), None)


def test_pyproject_without_table_is_skipped_upward(tmp_path: Path) -> None:
    from newslint import config

    config.clear_cache()
    (tmp_path / ".newslint.toml").write_text('fail-on = "error"\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    found = find_config(sub / "a.txt")
    assert found.path == tmp_path / ".newslint.toml"
    assert found.fail_on == "error"
    config.clear_cache()


def test_dot_newslint_wins_over_pyproject_in_one_folder(tmp_path: Path) -> None:
    from newslint import config

    config.clear_cache()
    (tmp_path / ".newslint.toml").write_text('fail-on = "info"\n')
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nfail-on = "error"\n')
    assert find_config(tmp_path / "a.txt").fail_on == "info"
    config.clear_cache()


def test_words_file_accepts_and_rejects(tmp_path: Path) -> None:
    (tmp_path / "words.txt").write_text(
        "# house words\nElsworth\n!alright -> all right\n!irregardless\n"
    )
    (tmp_path / ".newslint.toml").write_text('words-file = "words.txt"\naccept = ["Novakova"]\n')
    config = read_config_file(tmp_path / ".newslint.toml")
    assert config is not None
    accept, reject = load_words(config)
    assert accept == {"Elsworth", "Novakova"}
    assert reject == {"alright": "all right", "irregardless": None}


def test_missing_words_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".newslint.toml").write_text('words-file = "nope.txt"\n')
    config = read_config_file(tmp_path / ".newslint.toml")
    with pytest.raises(ConfigError, match="nope.txt"):
        load_words(config)  # type: ignore[arg-type]


def test_fingerprint_changes_with_settings() -> None:
    assert Config().fingerprint() == Config().fingerprint()
    assert Config(ignore=("T001",)).fingerprint() != Config().fingerprint()


def test_per_file_ignores_and_formats_globs(tmp_path: Path) -> None:
    config = Config(
        root=tmp_path,
        per_file_ignores=(("archive/*", ("H002",)),),
        formats=(("*.txt", "markdown"),),
    )
    assert config.ignored_for(tmp_path / "archive" / "old.txt") == ("H002",)
    assert config.ignored_for(tmp_path / "new.txt") == ()
    assert config.format_for(tmp_path / "deep" / "a.txt") == "markdown"
    assert config.format_for(tmp_path / "a.md") is None
