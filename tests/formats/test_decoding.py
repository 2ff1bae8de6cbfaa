"""Bytes to text: byte-order marks, invalid UTF-8, binary files, empty files."""

from __future__ import annotations

import codecs

import pytest

from newslint.decoding import decode
from newslint.errors import InputError
from newslint.testing import document


def test_utf8_is_decoded_without_a_note() -> None:
    decoded = decode("Café owners win".encode())
    assert (decoded.text, decoded.encoding, decoded.note) == ("Café owners win", "utf-8", None)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_byte_order_marks_choose_the_codec_and_round_trip(bom: bytes, codec: str) -> None:
    raw = bom + "Mayor’s plan\n\nCafé owners object.\n".encode(codec)
    decoded = decode(raw)
    assert decoded.text == "Mayor’s plan\n\nCafé owners object.\n"
    assert decoded.note is None
    assert decoded.encode(decoded.text) == raw


def test_utf16_with_bom_reads_as_an_article() -> None:
    doc = document(codecs.BOM_UTF16_LE + "Headline here\n\nBody text.\n".encode("utf-16-le"))
    assert doc.headline is not None and doc.headline.text == "Headline here"
    assert [b.text for b in doc.blocks] == ["Body text."]


def test_invalid_utf8_falls_back_to_cp1252_with_a_note() -> None:
    raw = "Tickets cost £40 at the “new” venue – organisers said".encode("cp1252")
    decoded = decode(raw)
    assert decoded.encoding == "cp1252"
    assert decoded.text == "Tickets cost £40 at the “new” venue – organisers said"
    assert decoded.note is not None and "offset 13" in decoded.note
    assert decoded.encode(decoded.text) == raw


def test_a_single_latin1_byte_is_not_taken_for_shift_jis() -> None:
    # A lone 0xA3 (a Latin-1 pound sign) once came back from the detector as cp932.
    decoded = decode(b"The fee rose to \xa3100 on Monday")
    assert decoded.text == "The fee rose to £100 on Monday"


def test_text_in_another_script_uses_the_detector() -> None:
    text = "Москва заявила в субботу, что продолжит поддерживать правительство страны. " * 3
    decoded = decode(text.encode("cp1251"))
    assert decoded.text == text
    assert decoded.note is not None


@pytest.mark.parametrize(
    "raw",
    [b"GIF89a\x00\x01\x02", b"text then \x00 a NUL", codecs.BOM_UTF8 + b"a\x00b"],
)
def test_nul_bytes_are_a_binary_file(raw: bytes) -> None:
    with pytest.raises(InputError, match="binary file"):
        decode(raw, "picture.txt")


def test_utf16_without_bom_is_reported_as_binary_naming_the_file() -> None:
    with pytest.raises(InputError, match=r"^story\.txt: binary file"):
        decode("Hello".encode("utf-16-le"), "story.txt")


def test_a_bom_followed_by_invalid_data_names_the_codec() -> None:
    with pytest.raises(InputError, match="utf-16-le byte-order mark"):
        decode(codecs.BOM_UTF16_LE + b"a\x00b", "odd.txt")


@pytest.mark.parametrize("path", ["a.txt", "a.md", "a.html", "a.jsonl", "a.json", "a.csv"])
def test_empty_files_give_no_headline_and_no_blocks(path: str) -> None:
    from newslint.testing import documents

    for doc in documents(b"", path):
        assert doc.headline is None
        assert doc.blocks == []
