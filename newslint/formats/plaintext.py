"""Plain text: the first non-empty line is the headline; paragraphs follow.

See ``lines.paragraph_blocks`` for how lines group into paragraphs.
"""

from __future__ import annotations

from newslint.decoding import Decoded
from newslint.document import Document
from newslint.formats import ReaderOptions
from newslint.formats.lines import paragraph_blocks, split_lines, stripped_block


def read(path: str, decoded: Decoded, options: ReaderOptions) -> list[Document]:
    """Read a plain-text article."""
    text = decoded.text
    lines = split_lines(text)
    doc = Document(path=path, source=text, format="text")
    for index, (start, end) in enumerate(lines):
        headline = stripped_block("headline", text, start, end)
        if headline is not None:
            doc.headline = headline
            doc.blocks = paragraph_blocks(text, lines[index + 1 :])
            break
    return [doc]
