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
                text = raw[len(bom) :].decode("utf-8" if encoding == "utf-8-sig" else encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} (byte {exc.start + len(bom)})"
                ) from exc
            # A NUL character is no more text behind a byte-order mark than without one.
            if "\x00" in text:
                raise InputError(f"{path}: binary file (contains NUL characters), skipped")
            if encoding == "utf-8-sig":
                return Decoded(text, encoding)
            return Decoded(text, encoding, None, bom)
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


#: fewer non-ASCII bytes than this is too little evidence for a detector: assume cp1252
_MIN_EVIDENCE = 16
#: above this share of non-ASCII bytes among letters the text is not in a Latin script
_NON_LATIN_SHARE = 0.3
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))


def _detect(raw: bytes) -> str:
    """The likely encoding of bytes that are not UTF-8.

    News text that is not UTF-8 is mostly Windows-1252: Latin letters with a few accented
    letters, curly quotes, dashes and currency signs. Statistical detectors guess badly on such
    text when it has few non-ASCII bytes (a lone ``\xa3`` came back as Shift-JIS), so cp1252 is
    chosen unless the text has enough non-ASCII bytes to be in another script, and the
    detector's answer must be an ASCII-compatible encoding (no EBCDIC, no UTF-16).
    """
    sample = raw[:65536]
    high = len(sample.translate(None, bytes(range(128))))
    letters = len(sample) - len(sample.translate(None, _ASCII_LETTERS))
    if high < _MIN_EVIDENCE or high <= _NON_LATIN_SHARE * (letters + high):
        return "cp1252"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return "cp1252"
    matches = from_bytes(sample)
    best = matches.best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "cp1252"
    for match in matches:
        # On a near tie, a Windows code page is far likelier for a newsroom file than a Mac
        # or DOS one (cp1251 Cyrillic came back as mac-cyrillic, shifting one letter).
        if (
            match.encoding.startswith("cp125")
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence - 0.05
        ):
            best = match
            break
    name = codecs.lookup(best.encoding).name
    try:
        ascii_compatible = "Az09 .\n".encode(name) == b"Az09 .\n"
    except (UnicodeError, LookupError):
        ascii_compatible = False
    return name if ascii_compatible else "cp1252"


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    return controls > len(sample) * 0.1
