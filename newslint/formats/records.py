"""Records files: JSON Lines, JSON and CSV, one Document per record (scraped news datasets).

- **Fields**: the headline is the first of ``ReaderOptions.headline_fields`` present with a
  string value, the body the first of ``body_fields`` (a string, or a list of strings);
  field names match exactly, else ignoring case and surrounding spaces. Every other field
  goes into ``metadata``. The body splits into paragraphs at line breaks inside the string
  (``lines.paragraph_blocks``: blank lines, or one paragraph a line unless hard-wrapped).
- **Records**: ``record`` is the value of the first of ``id_fields`` present (made unique
  within the file), else ``"line N"`` (JSON Lines), ``"item N"`` (JSON, 1-based) or
  ``"row N"`` (CSV, 1-based data rows, the header not counted); ``record_line`` is the line
  where the record starts. A JSON file that is a single article object has no record.
- **Positions**: JSON is scanned with the json module's own primitives (``scanstring`` and the
  decoder's ``scan_once`` at an index), so each string value's source range is known and each
  character maps back exactly: an escape such as ``\\n``, ``\\"``, ``\\u00e9`` or a surrogate
  pair is one character of text and several of source. CSV is scanned by a small RFC 4180
  scanner (``""`` is one ``"``; line breaks inside quotes belong to the field) that is checked
  record by record against the csv module.
- **Bad records** are skipped, and each is reported as a problem (``"path:line:col:
  message"``) on the first Document of the file, which the engine prints on stderr (at most
  ``MAX_PROBLEMS`` lines, then a count). A file with no good record at all raises InputError.
- JSON forms: a list of objects; an object holding such a list (the first list of objects
  among its fields); or one object, which is then the article.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from json.decoder import JSONDecodeError, scanstring
from pathlib import PurePath
from typing import Any

from newslint.decoding import Decoded
from newslint.document import Document, LineIndex
from newslint.errors import InputError
from newslint.formats import ReaderOptions
from newslint.formats.textmap import TextMap, add_problems

#: at most this many bad-record lines per file; the rest are counted
MAX_PROBLEMS = 10
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def read(path: str, decoded: Decoded, options: ReaderOptions) -> list[Document]:
    """Read a records file, its format chosen by suffix (``.jsonl``, ``.json``, ``.csv``)."""
    suffix = PurePath(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path, decoded, options)
    if suffix == ".csv":
        return read_csv(path, decoded, options)
    if suffix == ".json":
        return read_json(path, decoded, options)
    start = _JSON_SPACE.match(decoded.text).end()
    if decoded.text.startswith("[", start):
        return read_json(path, decoded, options)
    if decoded.text.startswith("{", start):
        return read_jsonl(path, decoded, options)
    return read_csv(path, decoded, options)


class _Problems:
    """Bad-record messages of one file, capped at MAX_PROBLEMS."""

    def __init__(self, path: str, index: LineIndex) -> None:
        self.path = path
        self.index = index
        self.messages: list[str] = []
        self.count = 0

    def add(self, offset: int, message: str) -> None:
        self.count += 1
        if self.count <= MAX_PROBLEMS:
            line, column = self.index.position(offset)
            self.messages.append(f"{self.path}:{line}:{column}: {message}")

    def attach(self, docs: list[Document], what: str) -> list[Document]:
        """Put the messages on the first Document; raise when nothing could be read."""
        messages = list(self.messages)
        if self.count > MAX_PROBLEMS:
            messages.append(
                f"{self.path}: {self.count - MAX_PROBLEMS} more bad {what}s not shown "
                f"({self.count} in all)"
            )
        if not docs:
            if messages:
                raise InputError(
                    f"{messages[0]} (no readable {what} in the file)"
                    if self.count == 1
                    else f"{messages[0]} (and {self.count - 1} more; no readable {what})"
                )
            return docs
        add_problems(docs[0], messages)
        return docs


def escape_replacement(
    format_name: str, source: str, start: int, end: int, replacement: str
) -> str | None:
    """A fix's replacement as it must be written inside a JSON string or a CSV field.

    JSON: escaped as json.dumps would (``"`` -> ``\\"``, a newline -> ``\\n``). CSV: ``"``
    doubled inside a quoted field; None when a quote, delimiter or line break would land in
    an unquoted field (it would need the whole field quoted).
    """
    if format_name in ("json", "jsonl"):
        return json.dumps(replacement, ensure_ascii=False)[1:-1]
    delimiter = _delimiter(source, ReaderOptions())
    if not any(c in replacement for c in ('"', "\r", "\n", delimiter)):
        return replacement
    i = 0
    while i < len(source):
        extents, _, after, _ = _csv_fields(source, i, delimiter)
        for field_start, field_end in extents:
            if field_start <= start and end <= field_end:
                if source.startswith('"', field_start) and start > field_start:
                    return replacement.replace('"', '""')
                return None
        if after <= i:
            break
        i = after
    return None


# --------------------------------------------------------------------------- fields


class _Field:
    """A field value and where it is: a JSON value's range, or a CSV field's raw extent."""

    __slots__ = ("value", "start", "end")

    def __init__(self, value: Any, start: int, end: int) -> None:
        self.value = value
        self.start = start
        self.end = end


def _pick(fields: Mapping[str, _Field], names: Sequence[str], kind: type | tuple) -> str | None:
    """The first of ``names`` among the fields whose value has the right type."""
    for name in names:
        field = fields.get(name)
        if field is not None and isinstance(field.value, kind):
            return name
    folded = {key.strip().casefold(): key for key in reversed(list(fields))}
    for name in names:
        key = folded.get(name.strip().casefold())
        if key is not None and isinstance(fields[key].value, kind):
            return key
    return None


class _Ids:
    """Record ids, unique within a file."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self.seen: set[str] = set()

    def record(self, fields: Mapping[str, _Field], fallback: str) -> str:
        key = _pick(fields, self.names, (str, int))
        if key is not None and not isinstance(fields[key].value, bool):
            value = str(fields[key].value).strip()
            if value:
                record = value if value not in self.seen else f"{value} ({fallback})"
                self.seen.add(record)
                return record
        self.seen.add(fallback)
        return fallback


def _document(
    path: str,
    fmt: str,
    source: str,
    index: LineIndex,
    fields: Mapping[str, _Field],
    values: Mapping[str, Any],
    text_map: Any,
    options: ReaderOptions,
    record: str | None,
    start: int,
) -> Document:
    """One article from a record's fields (``text_map(field)`` maps a string field)."""
    headline_key = _pick(fields, options.headline_fields, str)
    body_key = _pick(fields, options.body_fields, (str, list))
    doc = Document(
        path=path,
        source=source,
        format=fmt,
        record=record,
        record_line=index.position(start)[0],
        _line_index=index,
    )
    if headline_key is not None:
        for built in text_map(fields[headline_key]):
            doc.headline = built.block("headline")
            break
    if body_key is not None:
        for built in text_map(fields[body_key]):
            doc.blocks.extend(built.blocks_by_lines("paragraph"))
    doc.metadata = {k: v for k, v in values.items() if k not in (headline_key, body_key)}
    return doc


def _missing_fields(docs: list[Document], options: ReaderOptions, path: str) -> list[str]:
    """A note when no record had a headline or body field: the field names are wrong."""
    if not docs or any(doc.headline is not None or doc.blocks for doc in docs):
        return []
    keys = sorted({str(k) for doc in docs[:50] for k in doc.metadata})[:12]
    return [
        f"{path}: no record has a headline or body field (looked for "
        f"{', '.join(options.headline_fields)} / {', '.join(options.body_fields)}; "
        f"fields seen: {', '.join(keys) or 'none'}); set headline-fields/body-fields"
    ]


# --------------------------------------------------------------------------- JSON


class _BadJSON(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def _space(s: str, i: int) -> int:
    return _JSON_SPACE.match(s, i).end()  # type: ignore[union-attr]


def _scan_value(s: str, i: int) -> tuple[Any, int]:
    """A JSON value at ``s[i]`` and the index after it (the json module's own scanner)."""
    try:
        return _DECODER.scan_once(s, i)
    except StopIteration as stop:
        raise _BadJSON("expected a JSON value", stop.value) from None
    except JSONDecodeError as exc:
        raise _BadJSON(exc.msg, exc.pos) from None
    except RecursionError:
        raise _BadJSON("a value nests too deeply", i) from None


def _scan_object(s: str, i: int) -> tuple[dict[str, Any], dict[str, _Field], int]:
    """The object at ``s[i] == '{'``: its value, its fields with positions, the end index."""
    values: dict[str, Any] = {}
    fields: dict[str, _Field] = {}
    i = _space(s, i + 1)
    if s.startswith("}", i):
        return values, fields, i + 1
    while True:
        if not s.startswith('"', i):
            raise _BadJSON("expected a field name in double quotes", i)
        try:
            key, i = scanstring(s, i + 1)
        except JSONDecodeError as exc:
            raise _BadJSON(exc.msg, exc.pos) from None
        i = _space(s, i)
        if not s.startswith(":", i):
            raise _BadJSON("expected ':' after the field name", i)
        start = _space(s, i + 1)
        value, i = _scan_value(s, start)
        values[key] = value
        fields[key] = _Field(value, start, i)
        i = _space(s, i)
        if s.startswith(",", i):
            i = _space(s, i + 1)
            continue
        if s.startswith("}", i):
            return values, fields, i + 1
        raise _BadJSON("expected ',' or '}' after a field", i)


def _array_items(s: str, i: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each element of the (already validated) array at ``s[i] == '['``."""
    i = _space(s, i + 1)
    if s.startswith("]", i):
        return
    while True:
        _, end = _scan_value(s, i)
        yield i, end
        i = _space(s, end)
        if s.startswith(",", i):
            i = _space(s, i + 1)
            continue
        if s.startswith("]", i):
            return
        raise _BadJSON("expected ',' or ']' in a list", i)


def _json_string(s: str, start: int, end: int, value: str) -> TextMap:
    """The map of a JSON string literal ``s[start:end]`` (quotes included) to its value."""
    built = TextMap()
    i, stop = start + 1, end - 1
    if s.find("\\", i, stop) < 0:
        built.run(value, i)
        return built
    position = 0
    try:
        while i < stop:
            slash = s.find("\\", i, stop)
            if slash < 0:
                slash = stop
            if slash > i:
                built.run(s[i:slash], i)
                position += slash - i
                i = slash
                continue
            width = 2
            if s[i + 1] == "u":
                width = 6
                code = int(s[i + 2 : i + 6], 16)
                if 0xD800 <= code <= 0xDBFF and s.startswith("\\u", i + 6):
                    low = int(s[i + 8 : i + 12], 16)
                    if 0xDC00 <= low <= 0xDFFF:
                        width = 12  # a surrogate pair: one character of text
            built.token(value[position], i, i + width)
            position += 1
            i += width
    except (IndexError, ValueError):
        position = -1
    if position != len(value) or built.text != value:
        # Never expected; stay inside the string rather than point elsewhere.
        built = TextMap()
        built.token(value, start + 1, stop)
    return built


def _json_text_map(s: str) -> Any:
    def strings(field: _Field) -> Iterator[TextMap]:
        if isinstance(field.value, str):
            yield _json_string(s, field.start, field.end, field.value)
        elif isinstance(field.value, list):
            for (start, end), item in zip(_array_items(s, field.start), field.value, strict=False):
                if isinstance(item, str):
                    yield _json_string(s, start, end, item)

    return strings


def _kind_of(value: Any) -> str:
    return {list: "a list", str: "a string", dict: "an object", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )


def read_jsonl(path: str, decoded: Decoded, options: ReaderOptions) -> list[Document]:
    """Read JSON Lines: one object per line (objects spread over lines are accepted)."""
    s = decoded.text
    index = LineIndex(s)
    problems = _Problems(path, index)
    ids = _Ids(options.id_fields)
    text_map = _json_text_map(s)
    docs: list[Document] = []
    n = len(s)
    i = _space(s, 0)
    while i < n:
        line = index.position(i)[0]
        try:
            if s[i] != "{":
                value, _ = _scan_value(s, i)
                raise _BadJSON(f"not a JSON object but {_kind_of(value)}", i)
            values, fields, end = _scan_object(s, i)
            after = _space(s, end)
            if after < n and s[after] != "{" and index.position(after)[0] == line:
                raise _BadJSON("unexpected text after the record", after)
        except _BadJSON as bad:
            i, skipped = _next_record(s, index, line)
            also = f" with {skipped} more line(s) up to the next '{{'" if skipped else ""
            problems.add(bad.offset, f"{bad.message}; record skipped{also}")
            continue
        record = ids.record(fields, f"line {line}")
        docs.append(
            _document(path, "jsonl", s, index, fields, values, text_map, options, record, i)
        )
        i = after
    if docs:
        add_problems(docs[0], _missing_fields(docs, options, path))
    return problems.attach(docs, "record")


def _next_record(s: str, index: LineIndex, line: int) -> tuple[int, int]:
    """Where to resume after a bad record: the next line after ``line`` that opens ``{``.

    Also returns how many non-blank lines were passed over on the way.
    """
    skipped = 0
    for number in range(line + 1, index.line_count + 1):
        at = index.line_start(number)
        while at < len(s) and s[at] in " \t":
            at += 1
        if s.startswith("{", at):
            return at, skipped
        if at < len(s) and s[at] not in "\r\n":
            skipped += 1
    return len(s), skipped


def read_json(path: str, decoded: Decoded, options: ReaderOptions) -> list[Document]:
    """Read a JSON file: a list of article objects, an object holding one, or one article."""
    s = decoded.text
    index = LineIndex(s)
    problems = _Problems(path, index)
    text_map = _json_text_map(s)
    docs: list[Document] = []
    start = _space(s, 0)
    if start >= len(s):
        return []
    try:
        if s[start] == "{":
            values, fields, end = _scan_object(s, start)
            if (
                _pick(fields, options.headline_fields, str) is None
                and _pick(fields, options.body_fields, (str, list)) is None
            ):
                for field in fields.values():
                    if isinstance(field.value, list) and any(
                        isinstance(item, dict) for item in field.value
                    ):
                        docs = _json_items(path, s, index, field.start, options, problems)
                        break
            if not docs:
                docs = [
                    _document(
                        path, "json", s, index, fields, values, text_map, options, None, start
                    )
                ]
        elif s[start] == "[":
            _, end = _scan_value(s, start)
            docs = _json_items(path, s, index, start, options, problems)
        else:
            value, end = _scan_value(s, start)
            raise _BadJSON(
                f"not a list of articles or an article object but {_kind_of(value)}", start
            )
        after = _space(s, end)
        if after < len(s):
            problems.add(after, "unexpected text after the JSON value; ignored")
    except _BadJSON as bad:
        line, column = index.position(bad.offset)
        raise InputError(f"{path}:{line}:{column}: not valid JSON: {bad.message}") from None
    if docs:
        add_problems(docs[0], _missing_fields(docs, options, path))
    return problems.attach(docs, "item")


def _json_items(
    path: str,
    s: str,
    index: LineIndex,
    start: int,
    options: ReaderOptions,
    problems: _Problems,
) -> list[Document]:
    """Documents for the objects of the (validated) array at ``s[start]``."""
    ids = _Ids(options.id_fields)
    text_map = _json_text_map(s)
    docs = []
    for number, (item_start, _) in enumerate(_array_items(s, start), 1):
        if s[item_start] != "{":
            value, _ = _scan_value(s, item_start)
            problems.add(item_start, f"item {number} is {_kind_of(value)}, not an object; skipped")
            continue
        values, fields, _ = _scan_object(s, item_start)
        record = ids.record(fields, f"item {number}")
        docs.append(
            _document(path, "json", s, index, fields, values, text_map, options, record, item_start)
        )
    return docs


# --------------------------------------------------------------------------- CSV


def _csv_fields(s: str, i: int, delimiter: str) -> tuple[list[tuple[int, int]], int, int, bool]:
    """Raw extents of the fields of the record at ``s[i]``.

    Returns the extents, the end of the record (before its line break), the index after the
    line break, and whether a quoted field ran to the end of the file unclosed. Follows the
    csv module's excel dialect: a quote opens a quoted field only at the start of a field,
    text after a closing quote is kept, quotes inside unquoted fields are literal.
    """
    n = len(s)
    extents: list[tuple[int, int]] = []
    unclosed = False
    stop = _stop_pattern(delimiter)
    while True:
        start = i
        if s.startswith('"', i):
            i += 1
            while True:
                quote = s.find('"', i)
                if quote < 0:
                    i = n
                    unclosed = True
                    break
                if s.startswith('"', quote + 1):
                    i = quote + 2
                    continue
                i = quote + 1
                break
        found = stop.search(s, i)
        i = found.start() if found else n
        extents.append((start, i))
        if i < n and s[i] == delimiter:
            i += 1
            continue
        end = i
        if s.startswith("\r\n", i):
            i += 2
        elif i < n:
            i += 1
        return extents, end, i, unclosed


@functools.cache
def _stop_pattern(delimiter: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(delimiter)}\r\n]")


def _csv_value(s: str, start: int, end: int) -> TextMap:
    """The map of one raw CSV field to its value: quotes removed, ``""`` -> ``"``."""
    built = TextMap()
    if not s.startswith('"', start) or end == start:
        built.run(s[start:end], start)
        return built
    i = start + 1
    while i < end:
        quote = s.find('"', i, end)
        if quote < 0:
            built.run(s[i:end], i)
            return built
        built.run(s[i:quote], i)
        if s.startswith('"', quote + 1) and quote + 1 < end:
            built.token('"', quote, quote + 2)
            i = quote + 2
            continue
        # The closing quote; anything after it is kept as the csv module does.
        built.run(s[quote + 1 : end], quote + 1)
        return built
    return built


def _delimiter(s: str, options: ReaderOptions) -> str:
    configured = options.extra.get("delimiter") if options.extra else None
    if isinstance(configured, str) and len(configured) == 1:
        return configured
    header = s[: s.find("\n")] if "\n" in s else s
    if "," not in header:
        for candidate in ("\t", ";", "|"):
            if candidate in header:
                return candidate
    return ","


def read_csv(path: str, decoded: Decoded, options: ReaderOptions) -> list[Document]:
    """Read CSV with a header row: one article per data row."""
    s = decoded.text
    index = LineIndex(s)
    problems = _Problems(path, index)
    delimiter = _delimiter(s, options)
    ids = _Ids(options.id_fields)
    docs: list[Document] = []
    header: list[str] | None = None
    row = 0
    i = 0
    n = len(s)

    def text_map(field: _Field) -> Iterator[TextMap]:
        yield _csv_value(s, field.start, field.end)

    while i < n:
        start = i
        extents, end, i, unclosed = _csv_fields(s, i, delimiter)
        if end == start:
            continue  # a blank line, as the csv module skips it
        maps = [_csv_value(s, a, b) for a, b in extents]
        values = [m.text for m in maps]
        if header is not None:
            row += 1
        where = "the header" if header is None else f"row {row}"
        if unclosed:
            problems.add(start, f"{where}: a quoted field is never closed; it runs to the end")
        if not _agrees(s[start:end], values, delimiter):
            problems.add(start, f"{where}: fields could not be located exactly; skipped")
            if header is None:
                header = [v.strip() for v in values]
            continue
        if header is None:
            header = _header_names(values)
            missing = [
                names
                for names in (options.headline_fields, options.body_fields)
                if _pick({h: _Field("", 0, 0) for h in header}, names, str) is None
            ]
            if len(missing) == 2:
                problems.add(
                    start,
                    "the header has no headline or body column (looked for "
                    f"{', '.join(options.headline_fields)} / {', '.join(options.body_fields)})",
                )
            continue
        fields: dict[str, _Field] = {}
        row_values: dict[str, Any] = {}
        for column, ((a, b), value) in enumerate(zip(extents, values, strict=False)):
            name = header[column] if column < len(header) else f"column {column + 1}"
            fields[name] = _Field(value, a, b)
            row_values[name] = value
        record = ids.record(fields, f"row {row}")
        docs.append(
            _document(path, "csv", s, index, fields, row_values, text_map, options, record, start)
        )
    return problems.attach(docs, "row")


def _header_names(values: list[str]) -> list[str]:
    names: list[str] = []
    for column, value in enumerate(values):
        name = value.strip() or f"column {column + 1}"
        if name in names:
            name = f"{name} (column {column + 1})"
        names.append(name)
    return names


def _agrees(raw: str, values: list[str], delimiter: str) -> bool:
    """True when the csv module reads the record exactly as our scanner did."""
    try:
        rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        # Only the field size limit is expected here; our scanner has none.
        return "field larger than field limit" in str(exc)
    return rows == [values]
