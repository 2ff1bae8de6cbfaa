"""Bytes to text: BOMs, strict UTF-8, and a detected fallback for everything else."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from newslint.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec that reads and writes it back, and how it was chosen."""

    text: str
    encoding: str
    #: None for valid UTF-8 (with or without BOM) or a BOM-marked UTF-16/32; else a note
    note: str | None = None
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """Encode ``text`` back the way the file was stored (BOM included)."""
        if self.encoding == "utf-8-sig":
            return codecs.BOM_UTF8 + text.encode("utf-8")
        return self.bom + text.encode(self.encoding)


def decode(raw: bytes, path: str = "<bytes>") -> Decoded:
    """Decode a file's bytes.

    Raises InputError for binary content (NUL bytes outside UTF-16/32). Invalid UTF-8 is
    decoded with the encoding charset-normalizer detects (falling back to cp1252) and the
    Decoded carries a note that an encoding rule reports.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                if encoding == "utf-8-sig":
                    return Decoded(raw[len(bom) :].decode("utf-8"), encoding)
                return Decoded(raw[len(bom) :].decode(encoding), encoding, None, bom)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} (byte {exc.start + len(bom)})"
                ) from exc
    if b"\x00" in raw:
        raise InputError(f"{path}: binary file (contains NUL bytes), skipped")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    encoding = _detect(raw)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "cp1252"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            encoding = "latin-1"
            text = raw.decode(encoding)
    if _looks_binary(text):
        raise InputError(f"{path}: binary file (not text in any known encoding), skipped")
    note = f"not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {encoding}"
    return Decoded(text, encoding, note)


def _detect(raw: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return "cp1252"
    best = from_bytes(raw[:65536]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "cp1252"
    return codecs.lookup(best.encoding).name


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    return controls > len(sample) * 0.1
