"""The SARIF report: valid SARIF 2.1.0, exact locations, rules, fixes and related places.

Validation uses ``sarif-2.1.0-subset.schema.json`` (beside this file): a hand-written subset
of the official schema covering every object newslint writes, closed to unknown properties.
The official schema is not vendored (no installable package ships it), so the checks the
schema cannot express (rule indexes, embedded link targets, URI syntax, base URIs ending in
``/``) are made here in Python.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostic import Diagnostic, Edit, Fix, Related
from newslint.document import Span
from newslint.fixes import apply_fixes
from newslint.report import ReportContext, render, sarif
from newslint.testing import document
from tests.report.conftest import ARTICLE, RULES, Misspelling, Sample, find, make_sample

SCHEMA = json.loads((Path(__file__).parent / "sarif-2.1.0-subset.schema.json").read_text("utf-8"))
# RFC 3986 URI-reference characters: unreserved, reserved, and %XX escapes only
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
_LINK = re.compile(r"(?<!\\)\[((?:[^\]\\]|\\.)*)\]\((\d+)\)")


def unescape(text: str) -> str:
    """What a viewer shows of an escaped plain-text message."""
    return re.sub(r"\\([\\\[\]])", r"\1", text)


def _uri_ok(uri: str, absolute: bool) -> None:
    assert _URI_CHARS.match(uri), uri
    parts = urlsplit(uri)
    if absolute:
        assert parts.scheme, uri
    else:
        assert not parts.scheme and not uri.startswith("/"), uri


def validate(log: dict[str, Any]) -> None:
    """Schema validation plus the SARIF rules a JSON schema cannot say."""
    jsonschema.Draft7Validator(
        SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    ).validate(log)
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        ids = [rule["id"] for rule in rules]
        assert len(ids) == len(set(ids)), "rule ids must be unique"
        _uri_ok(run["tool"]["driver"]["informationUri"], absolute=True)
        bases = run.get("originalUriBaseIds", {})
        for base in bases.values():
            assert base["uri"].endswith("/"), "a base URI must end with a slash (3.14.14)"
            _uri_ok(base["uri"], absolute=True)
        for result in run["results"]:
            if "ruleIndex" in result:
                assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            related_ids = [loc["id"] for loc in result.get("relatedLocations", [])]
            assert len(related_ids) == len(set(related_ids))
            for _, target in _LINK.findall(result["message"]["text"]):
                assert int(target) in related_ids, "an embedded link must name a location"
            locations = result["locations"] + result.get("relatedLocations", [])
            changes = [c for fix in result.get("fixes", []) for c in fix["artifactChanges"]]
            for artifact in [loc["physicalLocation"]["artifactLocation"] for loc in locations] + [
                change["artifactLocation"] for change in changes
            ]:
                if "uriBaseId" in artifact:
                    assert artifact["uriBaseId"] in bases
                    _uri_ok(artifact["uri"], absolute=False)
                else:
                    _uri_ok(artifact["uri"], absolute=True)
            for loc in locations:
                region = loc["physicalLocation"]["region"]
                assert (region["endLine"], region["endColumn"]) >= (
                    region["startLine"],
                    region["startColumn"],
                )


def sarif_log(diagnostics: list[Diagnostic], context: ReportContext) -> dict[str, Any]:
    text = render("sarif", diagnostics, context)
    text.encode("utf-8")  # must be writable as UTF-8
    log = json.loads(text)
    validate(log)
    return log


def test_full_log_is_valid_and_complete(sample: Sample, context: ReportContext) -> None:
    log = sarif_log(sample.all, context)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint"
    assert driver["version"] == "0.1.0"
    assert driver["semanticVersion"] == "0.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["newlineSequences"] == ["\r\n", "\n", "\r"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}}
    # ordered by file, then position: mojibake (line 1, col 9) after Mayor's (col 1)
    assert [r["ruleId"] for r in run["results"]] == ["N901", "E901", "T901", "S901"]
    assert run["invocations"] == [
        {"executionSuccessful": True, "properties": {"filesChecked": 3, "fixesApplied": 0}}
    ]


def test_one_result_exactly(sample: Sample, context: ReportContext) -> None:
    [result] = sarif_log([sample.typo], context)["runs"][0]["results"]
    fingerprint = result.pop("partialFingerprints")
    assert re.fullmatch(r"[0-9a-f]{32}", fingerprint["newslint/v1"])
    assert result == {
        "ruleId": "T901",
        "ruleIndex": 2,  # E901, S901, T901
        "level": "warning",
        "message": {"text": "Misspelling: 'teh' should be \"the\""},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "news/mayor.txt", "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": 3,
                        "startColumn": 20,  # the emoji before it is one code point
                        "endLine": 3,
                        "endColumn": 23,
                        "snippet": {"text": "teh"},
                    },
                }
            }
        ],
        "fixes": [
            {
                "description": {"text": "replace 'teh' with 'the'"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": "news/mayor.txt", "uriBaseId": "%SRCROOT%"},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": sample.typo.span.start,
                                    "charLength": 3,
                                },
                                "insertedContent": {"text": "the"},
                            }
                        ],
                    }
                ],
                "properties": {"safety": "unsafe"},
            }
        ],
        "properties": {
            "name": "test-misspelling",
            "severity": "warning",
            "suggestions": ["the"],
            "fixSafety": "unsafe",
        },
    }


def test_rule_descriptors_come_from_rule_classes(context: ReportContext) -> None:
    rules = sarif_log([], context)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["E901", "S901", "T901"]
    t901 = rules[2]
    assert t901 == {
        "id": "T901",
        "name": "test-misspelling",
        "shortDescription": {"text": "Known misspellings"},
        "fullDescription": {"text": "Flags words that are known misspellings."},
        "help": {
            "text": RULES["T901"].documentation(),
            "markdown": RULES["T901"].documentation().replace("``", "`"),
        },
        "defaultConfiguration": {"level": "warning", "enabled": True},
        "properties": {"fixable": "unsafe", "tags": ["typos and spelling"]},
    }
    assert "A known misspelling is never a name" in t901["help"]["text"]
    assert rules[0]["defaultConfiguration"] == {"level": "error", "enabled": True}
    # info is SARIF's "note"; a rule off by default says so
    assert rules[1]["defaultConfiguration"] == {"level": "note", "enabled": False}


def test_help_markdown_turns_rest_habits_into_markdown() -> None:
    class Documented(Misspelling):
        """Flags ``teh``.

        Fails::

            Head
            The cat sat on teh mat.

        Passes ::

            Head
        """

    help_ = sarif.rule_descriptor("T902", Documented)["help"]
    assert help_["text"].startswith("Flags ``teh``.")
    assert help_["markdown"] == (
        "Flags `teh`.\n\nFails:\n\n    Head\n    The cat sat on teh mat.\n\nPasses\n\n    Head"
    )


def test_levels_follow_the_findings_severity(sample: Sample, context: ReportContext) -> None:
    results = sarif_log(sample.all, context)["runs"][0]["results"]
    assert {r["ruleId"]: r["level"] for r in results} == {
        "N901": "warning",
        "E901": "error",
        "T901": "warning",
        "S901": "note",
    }
    # a severity override in config reaches the result, not the rule's default
    louder = sample.style.with_meta(severity="error")
    [result] = sarif_log([louder], context)["runs"][0]["results"]
    assert result["level"] == "error"


def test_unknown_rule_gets_a_descriptor(sample: Sample, context: ReportContext) -> None:
    log = sarif_log([sample.naming], context)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {"id": "N901", "name": "test-naming"} in rules
    [result] = log["runs"][0]["results"]
    assert rules[result["ruleIndex"]]["id"] == "N901"


def test_multiline_region_and_snippet(sample: Sample, context: ReportContext) -> None:
    [result] = sarif_log([sample.style], context)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 3,
        "startColumn": 46,
        "endLine": 4,
        "endColumn": 1,
        "snippet": {"text": "was “fair”.\r\n"},
    }


def test_related_locations_and_embedded_links(sample: Sample, context: ReportContext) -> None:
    [result] = sarif_log([sample.naming], context)["runs"][0]["results"]
    assert result["message"]["text"] == (
        "Spelt 'Mayor’s' here but \\[sic\\] elsewhere "
        "(see [first spelling \\[lower case\\]](1), [related location](2))"
    )
    first, second = result["relatedLocations"]
    assert first == {
        "id": 1,
        "physicalLocation": {
            "artifactLocation": {"uri": "news/council.txt", "uriBaseId": "%SRCROOT%"},
            "region": {
                "startLine": 3,
                "startColumn": 5,
                "endLine": 3,
                "endColumn": 12,
                "snippet": {"text": "mayor’s"},
            },
        },
        "message": {"text": "first spelling [lower case]"},
    }
    assert second["id"] == 2 and "message" not in second
    assert second["physicalLocation"]["region"]["snippet"] == {"text": "council’s"}


def test_brackets_are_escaped_only_when_they_could_read_as_a_link(
    sample: Sample, context: ReportContext
) -> None:
    plain = sample.typo.with_meta(message="Write [sic] after it", fix=None)
    linkish = sample.typo.with_meta(message="Looks like [a link](1) here", fix=None)
    texts = [r["message"]["text"] for r in sarif_log([plain], context)["runs"][0]["results"]] + [
        r["message"]["text"] for r in sarif_log([linkish], context)["runs"][0]["results"]
    ]
    assert texts == ["Write [sic] after it", "Looks like \\[a link\\](1) here"]


def test_fix_replacements_reproduce_apply_fixes(sample: Sample, context: ReportContext) -> None:
    """Applying the SARIF replacements to the text gives what ``--fix`` writes."""
    for diagnostic in (sample.typo, sample.mojibake):
        [result] = sarif_log([diagnostic], context)["runs"][0]["results"]
        [change] = result["fixes"][0]["artifactChanges"]
        text = ARTICLE
        # offsets refer to the original text: apply from the end
        for replacement in reversed(change["replacements"]):
            region = replacement["deletedRegion"]
            start, end = region["charOffset"], region["charOffset"] + region["charLength"]
            inserted = replacement.get("insertedContent", {}).get("text", "")
            text = text[:start] + inserted + text[end:]
        assert text == apply_fixes(ARTICLE, [diagnostic], unsafe=True).text
    assert 'Mayor’s "plan" passes' in text


def test_deletion_has_no_inserted_content(context: ReportContext) -> None:
    doc = document("Head\n\nA  double space.\n")
    span = find(doc, "  ")
    d = Diagnostic(span, "Double space", "S901", fix=Fix((Edit(span.start, span.start + 1, ""),)))
    [result] = sarif_log([d], context)["runs"][0]["results"]
    assert result["fixes"][0]["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": {"charOffset": span.start, "charLength": 1}}
    ]


def test_encoding_only_fix_is_not_a_sarif_fix(sample: Sample, context: ReportContext) -> None:
    d = sample.mojibake.with_meta(fix=Fix((), "safe", "rewrite as UTF-8", encoding="utf-8"))
    [result] = sarif_log([d], context)["runs"][0]["results"]
    assert "fixes" not in result  # SARIF needs at least one replacement
    assert result["properties"]["fixSafety"] == "safe"


def test_unreadable_files_are_notifications(sample: Sample) -> None:
    context = ReportContext(
        rules=RULES,
        files_checked=2,
        tool_version="0.1.0",
        errors=("gone.txt: no such file or directory", "bin.txt: binary file, skipped"),
    )
    [invocation] = sarif_log([sample.typo], context)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "gone.txt: no such file or directory"}},
        {"level": "error", "message": {"text": "bin.txt: binary file, skipped"}},
    ]


def test_output_is_one_compact_line(sample: Sample, context: ReportContext) -> None:
    text = render("sarif", sample.all, context)
    assert text.endswith("}\n") and text.count("\n") == 1


def test_no_findings_still_has_results(context: ReportContext) -> None:
    log = sarif_log([], context)
    assert log["runs"][0]["results"] == []  # present and empty: this was a real scan


def test_paths_become_relative_uris_under_the_root(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    path = str(root / "news" / "Zürich 100% #1 [draft].txt")
    sample = make_sample(path, str(tmp_path / "elsewhere" / "council.txt"))
    context = ReportContext(rules=RULES, tool_version="0.1.0", root=str(root))
    [result] = sarif_log([sample.naming], context)["runs"][0]["results"]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {
        "uri": "news/Z%C3%BCrich%20100%25%20%231%20%5Bdraft%5D.txt",
        "uriBaseId": "%SRCROOT%",
    }
    assert unquote(artifact["uri"]) == "news/Zürich 100% #1 [draft].txt"
    # the other article lies outside the root: an absolute file URI, no base id
    other = result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]
    assert other == {"uri": (tmp_path / "elsewhere" / "council.txt").as_uri()}


def test_relative_paths_resolve_against_the_working_directory(
    sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    context = ReportContext(rules=RULES, root=str(tmp_path))
    log = sarif_log([sample.typo], context)
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "news/mayor.txt"


@pytest.mark.skipif(os.name != "posix", reason="surrogateescape file names are POSIX")
def test_undecodable_file_name_is_percent_encoded(context: ReportContext) -> None:
    path = os.fsdecode(b"news/caf\xe9.txt")  # a Latin-1 name: a lone surrogate in Python
    doc = document("Head\n\nBody.\n", path)
    d = Diagnostic(doc.span(0, 4), "Headline", "S901", "test-house-style", "info")
    [result] = sarif_log([d], context)["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "news/caf%E9.txt"


def test_special_characters_round_trip(sample: Sample, context: ReportContext) -> None:
    log = sarif_log([sample.mojibake], context)
    [result] = log["runs"][0]["results"]
    assert result["message"]["text"] == sample.mojibake.message
    assert result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "“plan”"
    emoji = sample.typo.with_meta(message="Party 🎉 “quoted” <b>&amp;</b> 50% done\ttab")
    [result] = sarif_log([emoji], context)["runs"][0]["results"]
    assert result["message"]["text"] == emoji.message


def test_lone_surrogate_still_writes_valid_json(sample: Sample, context: ReportContext) -> None:
    broken = sample.typo.with_meta(message="Half an emoji: \ud83d here")
    text = render("sarif", [broken], context)
    text.encode("utf-8")
    assert json.loads(text)["runs"][0]["results"][0]["message"]["text"] == broken.message


def test_record_becomes_a_logical_location(context: ReportContext) -> None:
    span = Span("feeds/wire.jsonl", 40, 43, 2, 15, 2, 18, "teh", record="line 2")
    d = Diagnostic(span, "Misspelling", "T901", "test-misspelling", "warning")
    [result] = sarif_log([d], context)["runs"][0]["results"]
    assert result["locations"][0]["logicalLocations"] == [{"name": "line 2"}]
    assert result["properties"]["record"] == "line 2"


def test_data_and_suggestions_are_properties(sample: Sample, context: ReportContext) -> None:
    d = sample.typo.with_meta(data=(("score", 0.93), ("source", "lt")), suggestions=("the", "ten"))
    [result] = sarif_log([d], context)["runs"][0]["results"]
    assert result["properties"]["data"] == {"score": 0.93, "source": "lt"}
    assert result["properties"]["suggestions"] == ["the", "ten"]


def test_fingerprints_survive_moved_lines(context: ReportContext) -> None:
    def fingerprints(text: str) -> list[str]:
        doc = document(text, "news/a.txt")
        found = [
            Diagnostic(doc.span(m.start(), m.end()), "Misspelling", "T901", "test-misspelling")
            for m in re.finditer("teh", text)
        ]
        results = sarif_log(found, context)["runs"][0]["results"]
        return [r["partialFingerprints"]["newslint/v1"] for r in results]

    before = fingerprints("Head\n\nteh one.\n\nAnd teh two.\n")
    after = fingerprints("Head\n\nA new first paragraph.\n\nteh one.\n\nAnd teh two.\n")
    assert before == after
    assert len(set(before)) == 2  # the same finding twice in a file: two identities


def test_invalid_output_would_be_caught(sample: Sample, context: ReportContext) -> None:
    """The validator is not a rubber stamp: broken logs fail it."""
    log = json.loads(render("sarif", [sample.typo], context))
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "warn"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["line"] = 3
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["ruleIndex"] = 0
    with pytest.raises(AssertionError):
        validate(broken)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["message"]["text"] = "see [there](9)"
    with pytest.raises(AssertionError):
        validate(broken)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ] = "news/a b.txt"
    with pytest.raises(AssertionError):
        validate(broken)


def test_information_uri_is_absolute() -> None:
    assert urlsplit(sarif.information_uri()).scheme in ("http", "https")


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(message=_TEXT, related_message=_TEXT, replacement=_TEXT)
def test_any_text_gives_a_valid_log(message: str, related_message: str, replacement: str) -> None:
    sample = make_sample()
    span = sample.typo.span
    d = sample.typo.with_meta(
        message=message,
        fix=Fix((Edit(span.start, span.end, replacement),), "safe", message),
        related=(Related(sample.other.span(0, 7), related_message),),
    )
    context = ReportContext(rules=RULES, tool_version="0.1.0", errors=(message,))
    [result] = sarif_log([d], context)["runs"][0]["results"]
    # a viewer that resolves links and unescapes \\, \[ and \] shows the texts exactly
    text = result["message"]["text"]
    cut = text.rindex(" (see ")
    assert unescape(text[:cut]) == message
    [(link_text, target)] = _LINK.findall(text[cut:])
    assert (unescape(link_text), target) == (related_message or "related location", "1")
    assert result["relatedLocations"][0].get("message", {"text": ""})["text"] == related_message
    replacements = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacements[0].get("insertedContent", {"text": ""})["text"] == replacement
