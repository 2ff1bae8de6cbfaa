"""LanguageTool backend: configuration, one HTTP client per server, and the run's one server.

newslint never talks to LanguageTool unless the user configured it. The ``G`` rules
(``newslint/rules/grammar.py``) send each prose block of an article to a LanguageTool server's
``/v2/check`` endpoint, turn the matches into diagnostics, and cache the answers per paragraph.

Modes (key ``mode``)
--------------------
``off``
    The default when nothing is configured: no request, no import of anything network-related.
``server``
    A LanguageTool HTTP server the user runs (a Docker container, the standalone zip). Its URL
    comes from ``url``, ``--languagetool-url`` or the ``NEWSLINT_LANGUAGETOOL_URL`` environment
    variable. Setting a URL (or the variable) without a mode means ``server``.
``local``
    language-tool-python starts a LanguageTool server on this machine (needs Java 17+) in the
    main process, once per run; workers talk HTTP to it. language-tool-python downloads
    LanguageTool (about 250 MB) into ``~/.cache/language_tool_python`` (or ``$LTP_PATH``) the
    first time, which needs internet access.
``public``
    LanguageTool's public API (https://api.languagetool.org). Used only when named explicitly:
    article text then leaves the machine, and a warning says so on stderr.

Keys of the ``[tool.newslint.languagetool]`` table (``.newslint.toml``: ``[languagetool]``)
--------------------------------------------------------------------------------------------
Validated by :func:`validate_languagetool_config`; values are returned hashable (lists become
tuples). The CLI's ``--languagetool MODE`` and ``--languagetool-url URL`` set ``mode`` and ``url``.

================== ======== ============ ====================================================
key                type     default      meaning
================== ======== ============ ====================================================
mode               str      see above    ``off``, ``server``, ``local`` or ``public``
url                str      (none)       server base URL, ``http(s)://host[:port]``; a trailing
                                         ``/v2`` or ``/v2/check`` is dropped; unused in
                                         ``local`` mode
language           str      by dialect   LanguageTool language code; ``en-GB`` when the
                                         config's ``dialect`` is ``en-GB``, else ``en-US``
required           bool     false        a failing server makes the run exit 2 (otherwise a
                                         warning on stderr and the other rules' findings)
timeout            number   10           seconds to wait for each answer (> 0, <= 600)
max-parallel       int      4            requests in flight at once per worker (1..64)
enabled-rules      [str]    []           LanguageTool rule ids to turn on (also re-enables the
                                         ones newslint turns off by default, see below)
disabled-rules     [str]    []           LanguageTool rule ids to turn off
enabled-categories [str]    []           LanguageTool category ids to turn on
disabled-categories [str]   []           LanguageTool category ids to turn off
enabled-only       bool     false        only the enabled rules and categories run
picky              bool     false        LanguageTool's ``level=picky`` (more style rules)
blocks             [str]    headline,    block kinds sent to LanguageTool (``headline``,
                            standfirst,  ``standfirst``, ``paragraph``, ``quote``,
                            paragraph,   ``list-item``, ``heading``, ``caption``,
                            quote,       ``table-cell``)
                            list-item
max-suggestions    int      5            replacements kept per finding (0..50)
local-version      str      (library's)  LanguageTool version language-tool-python runs in
                                         ``local`` mode (``"6.6"``, ``"latest"``...)
================== ======== ============ ====================================================

Overlap with newslint's own rules
---------------------------------
LanguageTool rules that newslint's other families do better are off unless named in
``enabled-rules`` (see ``OVERLAPPING_RULES``): the spellers (``T`` rules know news names), word
repetition (``T``), whitespace and glued sentences (``E``), unpaired quotes (news quotations
run over several paragraphs; ``E`` checks quote balance), apostrophe and quote style (``E``),
and the missing final full stop (headlines and captions have none). With ``dialect = "any"``
LanguageTool's locale rules (``BRITISH_ENGLISH`` in en-US, ``AMERICAN_ENGLISH`` in en-GB,
issue type ``locale-violation``) are off too, as newslint accepts both spellings then.

Failure
-------
A server that refuses connections, does not answer within ``timeout``, or answers an error
raises :class:`~newslint.errors.BackendError` with one message (fatal when ``required``).
After the first failure a process makes no further request to that server for the rest of the
run, so a dead server costs one timeout, not one per article.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newslint.errors import BackendError, ConfigError

MODES = ("off", "server", "local", "public")
#: environment variable naming a server; counts as ``mode = "server"`` when no mode is set
ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
PUBLIC_URL = "https://api.languagetool.org"
#: text of the request ``start_run`` sends to check the server (never article text)
PROBE_TEXT = "newslint checks that this LanguageTool server answers."
#: option keys ``start_run`` passes to the workers through the rules' options
OVERRIDE_URL = "url"
OVERRIDE_ERROR = "languagetool-error"
OVERRIDE_WARNED = "languagetool-warned"

DEFAULT_BLOCKS = ("headline", "standfirst", "paragraph", "quote", "list-item")
_BLOCK_KINDS = frozenset(
    {
        "headline",
        "standfirst",
        "paragraph",
        "quote",
        "list-item",
        "heading",
        "caption",
        "table-cell",
    }
)

#: LanguageTool rules newslint turns off by default, by reason (names for the docs)
OVERLAPPING_RULES: Mapping[str, tuple[str, ...]] = {
    "spelling (family T)": (
        "MORFOLOGIK_RULE_EN_US",
        "MORFOLOGIK_RULE_EN_GB",
        "MORFOLOGIK_RULE_EN_AU",
        "MORFOLOGIK_RULE_EN_CA",
        "MORFOLOGIK_RULE_EN_NZ",
        "MORFOLOGIK_RULE_EN_ZA",
        "HUNSPELL_RULE",
        "HUNSPELL_NO_SUGGEST_RULE",
    ),
    "repeated words (family T)": ("ENGLISH_WORD_REPEAT_RULE", "WORD_REPEAT_RULE"),
    "whitespace and glued sentences (family E)": (
        "WHITESPACE_RULE",
        "COMMA_PARENTHESIS_WHITESPACE",
        "SENTENCE_WHITESPACE",
        "WHITESPACE_PARAGRAPH",
        "WHITESPACE_PARAGRAPH_BEGIN",
        "EMPTY_LINE",
    ),
    "quotes and apostrophes (family E; quotations span paragraphs)": (
        "EN_UNPAIRED_BRACKETS",
        "UNPAIRED_BRACKETS",
        "EN_UNPAIRED_QUOTES",
        "EN_QUOTES",
        "EN_CONSISTENT_APOS",
    ),
    "final full stop (headlines and captions have none)": (
        "PUNCTUATION_PARAGRAPH_END",
        "PUNCTUATION_PARAGRAPH_END2",
    ),
}
DEFAULT_DISABLED_RULES = frozenset(r for rules in OVERLAPPING_RULES.values() for r in rules)
#: spellers and word-repeat rules of other languages, filtered on our side as well
_OVERLAP_PATTERN = re.compile(
    r"^(?:MORFOLOGIK_RULE_|HUNSPELL_)|_SPELLER_RULE$|_SPELLING_RULE$|(?:^|_)WORD_REPEAT_RULE$"
)
#: locale categories, off when the dialect is "any"
LOCALE_CATEGORIES = ("BRITISH_ENGLISH", "AMERICAN_ENGLISH")

_URL_RE = re.compile(r"^https?://[^/\s?#]+(?:/[^\s?#]*)?$")
_LANGUAGE_RE = re.compile(r"^(?:auto|[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$")
_ID_RE = re.compile(r"^[A-Za-z0-9_.\-\[\]]+$")
_VERSION_RE = re.compile(r"^(?:\d+\.\d+|\d{8}|latest)$")

KEYS = (
    "mode", "url", "language", "required", "timeout", "max-parallel", "enabled-rules",
    "disabled-rules", "enabled-categories", "disabled-categories", "enabled-only", "picky",
    "blocks", "max-suggestions", "local-version",
)  # fmt: skip


# --------------------------------------------------------------------------- configuration


def _bad(where: str, key: str, problem: str, value: Any) -> ConfigError:
    return ConfigError(f"{where}: {key}: {problem}, got {value!r}")


def normalise_url(url: str) -> str:
    """``http://host:8081/v2/check/`` -> ``http://host:8081``: the base the client extends."""
    url = url.strip().rstrip("/")
    for suffix in ("/v2/check", "/v2"):
        if url.endswith(suffix):
            url = url[: -len(suffix)]
    return url.rstrip("/")


def validate_languagetool_config(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Check a ``languagetool`` config table and return it normalised.

    Raises ConfigError naming ``where`` and the bad key. List values come back as tuples and
    URLs without a ``/v2`` suffix, so the result is hashable and stable. Keys left out keep
    their defaults (see the module documentation); nothing here reads the environment.
    """
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: expected a table, got {table!r}")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)} (known keys: {', '.join(KEYS)})"
        )
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key == "mode":
            if value not in MODES:
                raise _bad(where, key, f"expected one of {', '.join(MODES)}", value)
        elif key == "url":
            if not isinstance(value, str) or not _URL_RE.match(value.strip()):
                raise _bad(where, key, "expected an http:// or https:// URL", value)
            value = normalise_url(value)
        elif key == "language":
            if not isinstance(value, str) or not _LANGUAGE_RE.match(value):
                raise _bad(where, key, "expected a LanguageTool language code like en-US", value)
        elif key in ("required", "enabled-only", "picky"):
            if not isinstance(value, bool):
                raise _bad(where, key, "expected true or false", value)
        elif key == "timeout":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok or not 0 < value <= 600:
                raise _bad(where, key, "expected a number of seconds above 0, at most 600", value)
            value = float(value)
        elif key in ("max-parallel", "max-suggestions"):
            low, high = (1, 64) if key == "max-parallel" else (0, 50)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise _bad(where, key, f"expected a whole number from {low} to {high}", value)
        elif key in ("enabled-rules", "disabled-rules", "enabled-categories",
                     "disabled-categories"):  # fmt: skip
            if not isinstance(value, (list, tuple)) or not all(
                isinstance(v, str) and _ID_RE.match(v) for v in value
            ):
                raise _bad(where, key, "expected a list of LanguageTool ids like EN_A_VS_AN", value)
            value = tuple(value)
        elif key == "blocks":
            if not isinstance(value, (list, tuple)) or not all(v in _BLOCK_KINDS for v in value):
                kinds = ", ".join(sorted(_BLOCK_KINDS))
                raise _bad(where, key, f"expected a list of block kinds ({kinds})", value)
            value = tuple(value)
        elif key == "local-version" and (
            not isinstance(value, str) or not _VERSION_RE.match(value)
        ):
            raise _bad(where, key, 'expected a LanguageTool version like "6.6"', value)
        out[key] = value
    if out.get("enabled-only") and not (out.get("enabled-rules") or out.get("enabled-categories")):
        raise ConfigError(
            f"{where}: enabled-only: needs enabled-rules or enabled-categories, or nothing runs"
        )
    return out


@dataclass(frozen=True)
class LanguageToolConfig:
    """The resolved settings of one run (defaults filled, environment and overrides applied)."""

    mode: str = "off"
    url: str | None = None
    language: str = "en-US"
    required: bool = False
    timeout: float = 10.0
    max_parallel: int = 4
    enabled_rules: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    enabled_only: bool = False
    picky: bool = False
    blocks: frozenset[str] = frozenset(DEFAULT_BLOCKS)
    max_suggestions: int = 5
    local_version: str | None = None
    #: True when the dialect is "any": locale-violation matches are dropped
    any_dialect: bool = True
    #: set by start_run when the server could not be reached (workers then fail fast)
    error: str | None = None
    #: set by start_run once it has warned that mode public sends text away (workers stay quiet)
    public_warned: bool = False

    @property
    def active(self) -> bool:
        """True unless the mode is ``off``."""
        return self.mode != "off"

    def sent_disabled_rules(self) -> tuple[str, ...]:
        """The ``disabledRules`` sent to the server: overlap defaults and the user's own."""
        return tuple(sorted((DEFAULT_DISABLED_RULES - self.enabled_rules) | self.disabled_rules))

    def sent_disabled_categories(self) -> tuple[str, ...]:
        """The ``disabledCategories`` sent: the user's, plus locale rules for any dialect."""
        found = set(self.disabled_categories)
        if self.any_dialect:
            found.update(LOCALE_CATEGORIES)
        return tuple(sorted(found - self.enabled_categories))

    def params(self) -> tuple[tuple[str, str], ...]:
        """Every form field of a ``/v2/check`` request except ``text``, in a stable order."""
        fields = [("language", self.language)]
        if self.enabled_only:
            fields.append(("enabledOnly", "true"))
        else:
            if disabled := self.sent_disabled_rules():
                fields.append(("disabledRules", ",".join(disabled)))
            if categories := self.sent_disabled_categories():
                fields.append(("disabledCategories", ",".join(categories)))
        if self.enabled_rules:
            fields.append(("enabledRules", ",".join(sorted(self.enabled_rules))))
        if self.enabled_categories:
            fields.append(("enabledCategories", ",".join(sorted(self.enabled_categories))))
        if self.picky:
            fields.append(("level", "picky"))
        return tuple(fields)

    def keeps(self, match: Match) -> bool:
        """Whether a match survives the rule selection on our side too.

        A server ignores ids it does not know and a language's speller has its own id, so the
        selection is applied to the answer as well: the result does not depend on which ids
        the server happened to honour.
        """
        rule, category = match.rule_id, match.category_id
        if rule in self.enabled_rules:
            return True
        if self.enabled_only:
            return category in self.enabled_categories
        if rule in self.disabled_rules or rule in DEFAULT_DISABLED_RULES:
            return False
        if _OVERLAP_PATTERN.search(rule):
            return False
        if category in self.enabled_categories:
            return True
        if category in self.disabled_categories:
            return False
        return not (self.any_dialect and match.issue_type == "locale-violation")


def _freeze(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, Mapping):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def resolve_config(
    table: Mapping[str, Any] | None,
    *,
    dialect: str = "any",
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> LanguageToolConfig:
    """The LanguageToolConfig from a config table, the dialect, run overrides and environment.

    ``overrides`` are the option values ``start_run`` handed to the workers (the URL of the
    server it started, the error it met, whether it warned about mode public). Raises
    ConfigError for bad values, or for mode ``server`` without any URL.
    """
    env = os.environ if environ is None else environ
    overrides = overrides or {}
    frozen = _freeze(dict(table or {}))
    return _resolve(
        frozen,
        dialect,
        env.get(ENV_URL) or None,
        overrides.get(OVERRIDE_URL) or None,
        overrides.get(OVERRIDE_ERROR) or None,
        bool(overrides.get(OVERRIDE_WARNED)),
    )


_CONFIG_CACHE: dict[tuple[Any, ...], LanguageToolConfig] = {}


def _resolve(
    frozen: tuple[tuple[str, Any], ...],
    dialect: str,
    env_url: str | None,
    override_url: str | None,
    error: str | None,
    public_warned: bool = False,
) -> LanguageToolConfig:
    key = (frozen, dialect, env_url, override_url, error, public_warned)
    found = _CONFIG_CACHE.get(key)
    if found is not None:
        return found
    table = validate_languagetool_config(dict(frozen), "languagetool")
    mode = table.get("mode")
    url = table.get("url")
    if env_url is not None:
        if not _URL_RE.match(env_url.strip()):
            raise ConfigError(f"{ENV_URL}: expected an http:// or https:// URL, got {env_url!r}")
        env_url = normalise_url(env_url)
    if mode is None:
        mode = "server" if (url or env_url) else "off"
    if mode == "server":
        url = url or env_url
        if not url:
            raise ConfigError(
                "languagetool: mode 'server' needs a URL: set languagetool.url, "
                f"--languagetool-url or {ENV_URL} (see docs/languagetool.md)"
            )
    elif mode == "public":
        url = url or PUBLIC_URL
    elif mode == "local":
        url = None
    else:
        url = None
    if override_url and mode in ("local", "server"):
        url = normalise_url(override_url)
    language = table.get("language") or ("en-GB" if dialect == "en-GB" else "en-US")
    config = LanguageToolConfig(
        mode=mode,
        url=url,
        language=language,
        required=table.get("required", False),
        timeout=table.get("timeout", 10.0),
        max_parallel=table.get("max-parallel", 4),
        enabled_rules=frozenset(table.get("enabled-rules", ())),
        disabled_rules=frozenset(table.get("disabled-rules", ())),
        enabled_categories=frozenset(table.get("enabled-categories", ())),
        disabled_categories=frozenset(table.get("disabled-categories", ())),
        enabled_only=table.get("enabled-only", False),
        picky=table.get("picky", False),
        blocks=frozenset(table.get("blocks", DEFAULT_BLOCKS)),
        max_suggestions=table.get("max-suggestions", 5),
        local_version=table.get("local-version"),
        any_dialect=dialect not in ("en-GB", "en-US"),
        error=error if mode != "off" else None,
        public_warned=public_warned,
    )
    if len(_CONFIG_CACHE) > 256:  # configs are few per run; this only bounds odd callers
        _CONFIG_CACHE.clear()
    _CONFIG_CACHE[key] = config
    return config


# --------------------------------------------------------------------------- matches


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, with ``start``/``end`` as Python offsets into the text sent."""

    start: int
    end: int
    message: str
    short_message: str
    replacements: tuple[str, ...]
    rule_id: str
    rule_description: str
    category_id: str
    category_name: str
    issue_type: str


class Utf16Offsets:
    """Converts LanguageTool's offsets (UTF-16 code units) to Python string offsets.

    Java strings count a character outside the Basic Multilingual Plane (most emoji) as two
    code units, Python as one: slicing with LanguageTool's numbers drifts by one after each.
    """

    __slots__ = ("_astral", "_length")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._astral: list[int] | None = None
        if text.isascii() or max(text) <= "\uffff":
            return
        starts = []  # UTF-16 offset where each astral character begins
        extra = 0
        for index, char in enumerate(text):
            if char > "\uffff":
                starts.append(index + extra)
                extra += 1
        self._astral = starts

    def to_index(self, units: int, *, end: bool = False) -> int:
        """The Python offset of UTF-16 offset ``units``, clamped into the text.

        An offset inside a surrogate pair (never sent by a sane server) maps to the start of
        its character, or past it when ``end`` is true, so the character is kept whole.
        """
        units = max(0, units)
        if self._astral is None:
            return min(units, self._length)
        import bisect

        before = bisect.bisect_left(self._astral, units)  # astral characters starting before
        index = units - before
        if end and before and self._astral[before - 1] == units - 1:
            index += 1  # ``units`` is the second half of a pair
        return min(index, self._length)


def parse_matches(text: str, payload: Any) -> tuple[Match, ...]:
    """The matches of a ``/v2/check`` answer, with offsets converted to Python offsets.

    Raises ValueError when ``payload`` is not a LanguageTool check result.
    """
    if not isinstance(payload, Mapping) or not isinstance(payload.get("matches"), list):
        raise ValueError("the answer has no list of matches")
    offsets = Utf16Offsets(text)
    found = []
    for item in payload["matches"]:
        if not isinstance(item, Mapping):
            raise ValueError("a match is not an object")
        offset, length = item.get("offset"), item.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or length < 0:
            raise ValueError("a match has no offset and length")
        rule = item.get("rule") if isinstance(item.get("rule"), Mapping) else {}
        category = rule.get("category") if isinstance(rule.get("category"), Mapping) else {}
        replacements = tuple(
            r["value"]
            for r in item.get("replacements") or ()
            if isinstance(r, Mapping) and isinstance(r.get("value"), str)
        )
        start = offsets.to_index(offset)
        found.append(
            Match(
                start=start,
                end=max(start, offsets.to_index(offset + length, end=True)),
                message=str(item.get("message") or rule.get("description") or ""),
                short_message=str(item.get("shortMessage") or ""),
                replacements=replacements,
                rule_id=str(rule.get("id") or ""),
                rule_description=str(rule.get("description") or ""),
                category_id=str(category.get("id") or ""),
                category_name=str(category.get("name") or ""),
                issue_type=str(rule.get("issueType") or ""),
            )
        )
    found.sort(key=lambda m: (m.start, m.end, m.rule_id))
    return tuple(found)


# --------------------------------------------------------------------------- HTTP client


def _is_loopback(url: str) -> bool:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


class LanguageToolClient:
    """Talks to one LanguageTool server: requests, a per-paragraph cache, a circuit breaker.

    One instance per server URL per process (``client_for``); it is shared by the four ``G``
    rules, so the rules after the first find every paragraph in the cache. The cache key is
    the server's version, the request fields (language and rule selection) and the text.
    """

    #: cache entries kept before the cache is emptied (bounds memory on huge runs)
    MAX_CACHE = 200_000

    def __init__(self, base_url: str) -> None:
        self.base_url = normalise_url(base_url)
        self.version: str | None = None
        self.requests = 0
        self._cache: dict[tuple[str | None, tuple[tuple[str, str], ...], str], tuple[Match, ...]]
        self._cache = {}
        self._lock = threading.Lock()
        self._failure: str | None = None
        # A loopback server is reached directly: an http_proxy variable must not route article
        # text (or the request) through a proxy.
        self._direct = _is_loopback(self.base_url)

    @property
    def failure(self) -> str | None:
        """The message of the first failure, after which no request is made."""
        return self._failure

    def _fail(self, message: str) -> BackendError:
        with self._lock:
            if self._failure is None:
                self._failure = message
            return BackendError(self._failure)

    def post_check(self, text: str, params: Sequence[tuple[str, str]], timeout: float) -> Any:
        """Send one ``/v2/check`` request and return the decoded JSON answer.

        Raises BackendError with one clear message when the server is down, slow, or answers
        an error or something that is not JSON.
        """
        if self._failure is not None:
            raise BackendError(self._failure)
        import http.client
        import json
        import urllib.error
        import urllib.parse
        import urllib.request

        url = f"{self.base_url}/v2/check"
        # errors="replace": a lone surrogate becomes one "?", which keeps every offset in place
        body = urllib.parse.urlencode([*params, ("text", text)], errors="replace").encode()
        request = urllib.request.Request(
            url,
            data=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": "application/json",
                "User-Agent": "newslint",
            },
        )
        if self._direct:
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        else:
            opener = urllib.request.build_opener()
        where = f"LanguageTool server at {self.base_url}"
        self.requests += 1
        try:
            with opener.open(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = _error_body(exc)
            if exc.code in (413, 429, 426):
                hint = " (rate or size limit: the public API allows few requests a minute)"
            else:
                hint = ""
            raise self._fail(f"{where} answered HTTP {exc.code}{hint}: {detail}") from exc
        except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                message = (
                    f"{where} did not answer within {timeout:g} s (raise "
                    "languagetool.timeout, or check the server's load)"
                )
            elif isinstance(reason, ConnectionRefusedError):
                message = (
                    f"{where} refused the connection: is it running? "
                    "(see docs/languagetool.md to start one)"
                )
            else:
                message = f"{where} cannot be reached: {reason}"
            raise self._fail(message) from exc
        try:
            payload = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            snippet = raw[:120].decode("utf-8", "replace")
            raise self._fail(f"{where} answered something that is not JSON: {snippet!r}") from exc
        software = payload.get("software") if isinstance(payload, Mapping) else None
        if isinstance(software, Mapping) and self.version is None:
            self.version = str(software.get("version") or "") or None
        return payload

    def check(
        self, text: str, params: Sequence[tuple[str, str]], timeout: float
    ) -> tuple[Match, ...]:
        """The matches for ``text``: one request, no cache."""
        payload = self.post_check(text, params, timeout)
        try:
            return parse_matches(text, payload)
        except ValueError as exc:
            where = f"LanguageTool server at {self.base_url}"
            raise self._fail(f"{where} answered JSON that is not a check result: {exc}") from exc

    def check_texts(
        self, texts: Iterable[str], params: Sequence[tuple[str, str]], timeout: float,
        max_parallel: int,
    ) -> dict[str, tuple[Match, ...]]:  # fmt: skip
        """The matches of each text, from the cache or from up to ``max_parallel`` requests."""
        params = tuple(params)
        results: dict[str, tuple[Match, ...]] = {}
        missing: list[str] = []
        for text in dict.fromkeys(texts):
            hit = self._cache.get((self.version, params, text))
            if hit is not None:
                results[text] = hit
            else:
                missing.append(text)
        if not missing:
            return results
        if self._failure is not None:
            raise BackendError(self._failure)
        if len(missing) == 1 or max_parallel <= 1:
            for text in missing:
                results[text] = self._store(params, text, self.check(text, params, timeout))
            return results
        from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

        pool = ThreadPoolExecutor(max_workers=min(max_parallel, len(missing)))
        try:
            futures = {pool.submit(self.check, text, params, timeout): text for text in missing}
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            for future in done:
                if future.exception() is not None:
                    raise future.exception()  # type: ignore[misc]
            for future, text in futures.items():
                results[text] = self._store(params, text, future.result())
        finally:
            # queued requests are dropped after a failure; those in flight end by the timeout
            pool.shutdown(wait=True, cancel_futures=True)
        return results

    def _store(
        self, params: tuple[tuple[str, str], ...], text: str, matches: tuple[Match, ...]
    ) -> tuple[Match, ...]:
        if len(self._cache) >= self.MAX_CACHE:
            self._cache.clear()
        self._cache[(self.version, params, text)] = matches
        return matches


def _error_body(exc: Any) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except Exception:  # the body is a courtesy; the status code is the message
        body = ""
    body = " ".join(body.split()) or str(getattr(exc, "reason", "") or "no details")
    return body if len(body) <= 700 else body[:697] + "..."


_CLIENTS: dict[str, LanguageToolClient] = {}
_CLIENTS_LOCK = threading.Lock()


def client_for(url: str) -> LanguageToolClient:
    """The process's client for the server at ``url`` (created once)."""
    base = normalise_url(url)
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(base)
        if client is None:
            client = _CLIENTS[base] = LanguageToolClient(base)
        return client


# --------------------------------------------------------------------------- the run


@dataclass
class _RunState:
    """What ``start_run`` set up in this process: the local server, the overrides."""

    overrides: dict[str, Any]
    users: set[str]
    tool: Any = None  # language_tool_python.LanguageTool when mode is local


_RUN: _RunState | None = None
_RUN_LOCK = threading.Lock()
_WARNED_PUBLIC: set[str] = set()


def _warn_public(url: str) -> None:
    """Say once per process, on stderr, that article text leaves the machine."""
    if url in _WARNED_PUBLIC:
        return
    _WARNED_PUBLIC.add(url)
    import logging

    logging.getLogger("newslint.languagetool").warning(
        "newslint: languagetool mode 'public' sends article text to %s, outside this "
        "machine and your organisation; do not use it for unpublished articles (use mode "
        "'server' or 'local' instead)",
        url,
    )


def _start_local(config: LanguageToolConfig) -> Any:
    """Start a LanguageTool server with language-tool-python; return the LanguageTool."""
    try:
        import language_tool_python
    except ImportError as exc:
        raise BackendError(
            "languagetool mode 'local' needs the language-tool-python package "
            "(pip install language-tool-python)",
            fatal=config.required,
        ) from exc
    kwargs: dict[str, Any] = {}
    if config.local_version:
        kwargs["language_tool_download_version"] = config.local_version
    try:
        return language_tool_python.LanguageTool(config.language, **kwargs)
    except (Exception, SystemExit) as exc:  # it raises SystemExit when Java is too old
        detail = " ".join(str(exc).split()) or type(exc).__name__
        if len(detail) > 240:
            detail = detail[:237] + "..."
        raise BackendError(
            f"could not start a local LanguageTool ({detail}). Mode 'local' needs Java 17+ and "
            "downloads LanguageTool (about 250 MB) once, on first use, which needs internet "
            "access; without it, run a LanguageTool server yourself and use mode 'server' "
            "(see docs/languagetool.md)",
            fatal=config.required,
        ) from exc


def _local_url(tool: Any) -> str:
    return normalise_url(str(getattr(tool, "url", None) or tool._url))


def probe(config: LanguageToolConfig, url: str) -> str | None:
    """Check that the server answers a request in ``config.language``; return its version."""
    client = client_for(url)
    client.check(PROBE_TEXT, (("language", config.language),), config.timeout)
    return client.version


def start_run(config: LanguageToolConfig, user: str) -> dict[str, Any] | None:
    """Set up LanguageTool for a run, once per process however many ``G`` rules ask.

    Starts the local server (mode ``local``), warns about ``public``, and probes the server
    with a fixed sentence. Returns the option overrides every worker needs: the URL of the
    server started here, or the error met (workers then fail fast without a request). Raises
    BackendError when the server fails and ``required`` is set.
    """
    global _RUN
    if not config.active:
        return None
    with _RUN_LOCK:
        if _RUN is not None:
            _RUN.users.add(user)
            return dict(_RUN.overrides)
        state = _RunState(overrides={}, users={user})
        try:
            if config.mode == "public":
                assert config.url is not None
                _warn_public(config.url)
                state.overrides[OVERRIDE_WARNED] = True
            if config.mode == "local" and config.url is None:
                state.tool = _start_local(config)
                url = _local_url(state.tool)
                state.overrides[OVERRIDE_URL] = url
            else:
                assert config.url is not None
                url = config.url
            probe(config, url)
        except BackendError as exc:
            if config.required:
                _stop(state)
                raise BackendError(str(exc), fatal=True) from exc
            state.overrides[OVERRIDE_ERROR] = str(exc)
        _RUN = state
        return dict(state.overrides)


def end_run(user: str) -> None:
    """Release the run for ``user``; the last one stops the local server."""
    global _RUN
    with _RUN_LOCK:
        if _RUN is None:
            return
        _RUN.users.discard(user)
        if not _RUN.users:
            _stop(_RUN)
            _RUN = None


def _stop(state: _RunState) -> None:
    if state.tool is not None:
        # the run is over; a failed stop must not hide its results
        with contextlib.suppress(Exception):
            state.tool.close()
        state.tool = None


def ensure_server(config: LanguageToolConfig) -> str:
    """The URL to send requests to, starting a local server if no ``start_run`` did.

    Raises BackendError when ``start_run`` met an error or the local server cannot start.
    """
    if config.error:
        raise BackendError(config.error, fatal=config.required)
    if config.url is not None:
        if config.mode == "public" and not config.public_warned:
            _warn_public(config.url)  # no start_run said it: a library caller
        return config.url
    # mode local without start_run (a library caller, a test): start one for this process
    start_run(config, "process")
    assert _RUN is not None
    if OVERRIDE_ERROR in _RUN.overrides:
        raise BackendError(_RUN.overrides[OVERRIDE_ERROR], fatal=config.required)
    return str(_RUN.overrides[OVERRIDE_URL])


_REPORTED: weakref.WeakSet[Any] = weakref.WeakSet()


def failure_reported(doc: Any) -> bool:
    """True when a failure was already raised for this Document object; records it if not.

    The four G rules run one after the other on the same Document: the first raises the
    BackendError, the others stay quiet, so the user reads the message once.
    """
    with _RUN_LOCK:
        if doc in _REPORTED:
            return True
        _REPORTED.add(doc)
        return False


def reset_state() -> None:
    """Forget clients, caches, failures and the run (for tests and long-lived callers)."""
    global _RUN
    with _RUN_LOCK:
        if _RUN is not None:
            _stop(_RUN)
        _RUN = None
    with _CLIENTS_LOCK:
        _CLIENTS.clear()
    _CONFIG_CACHE.clear()
    _WARNED_PUBLIC.clear()
