"""One reader per input format; each turns a file's text into one or more Documents.

A reader is a function ``read(path, decoded, options) -> list[Document]``. Readers must give
every block exact source offsets: rules and reports rely on them for lines, columns and fixes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from newslint.decoding import Decoded
from newslint.document import Document
from newslint.errors import InputError

#: file suffix -> format name
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
}
#: format name -> module in this package that defines ``read``
READERS: dict[str, str] = {
    "text": "plaintext",
    "markdown": "markdown",
    "html": "html",
    "jsonl": "records",
    "json": "records",
    "csv": "records",
}
FORMATS = tuple(READERS)


@dataclass(frozen=True)
class ReaderOptions:
    """What readers may be told by config: field names of records, a forced format."""

    headline_fields: tuple[str, ...] = ("title", "headline", "headline_text")
    body_fields: tuple[str, ...] = ("body", "text", "content")
    id_fields: tuple[str, ...] = ("id", "url", "guid")
    extra: Mapping[str, Any] = field(default_factory=dict)


def format_for(path: str, forced: str | None = None) -> str:
    """The format of a file: forced by config, else by suffix (unknown suffixes: text)."""
    if forced:
        return forced
    return SUFFIXES.get(PurePath(path).suffix.lower(), "text")


def reader(format_name: str) -> Callable[[str, Decoded, ReaderOptions], list[Document]]:
    """The ``read`` function of a format.

    A module that reads several formats (``records``) may define ``read_<format>``; it is
    preferred to ``read``, so that a format forced by config reaches the right parser.
    """
    try:
        module = importlib.import_module(f"{__name__}.{READERS[format_name]}")
    except KeyError:
        raise InputError(f"unknown format {format_name!r}") from None
    return getattr(module, f"read_{format_name}", module.read)  # type: ignore[no-any-return]


def read_documents(
    path: str,
    raw: bytes,
    decoded: Decoded,
    options: ReaderOptions | None = None,
    format_name: str | None = None,
) -> list[Document]:
    """Read the Documents of one file, stamping each with its raw bytes and encoding."""
    fmt = format_for(path, format_name)
    docs = reader(fmt)(path, decoded, options or ReaderOptions())
    for doc in docs:
        doc.raw = raw
        doc.encoding = decoded.encoding
        doc.decode_note = decoded.note
        doc.format = fmt
    return docs


def escape_replacement(
    format_name: str, source: str, start: int, end: int, replacement: str
) -> str | None:
    """A fix's replacement text as it must be written into ``source[start:end]``.

    Rules write replacements in block text; in a JSON string a ``"`` must become ``\\"``, in
    a quoted CSV field ``""``, in HTML ``&`` must become ``&amp;``. A reader module may define
    ``escape_replacement(format_name, source, start, end, replacement)``; None means the text
    cannot be written there safely (the fix should be dropped).
    """
    try:
        module = importlib.import_module(f"{__name__}.{READERS[format_name]}")
    except KeyError:
        return replacement
    escape = getattr(module, "escape_replacement", None)
    if escape is None:
        return replacement
    return escape(format_name, source, start, end, replacement)  # type: ignore[no-any-return]
