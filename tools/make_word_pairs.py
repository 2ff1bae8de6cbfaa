"""Rebuild ``word_pairs.txt`` from the word-pair counts symspellpy ships.

    python tools/make_word_pairs.py

The input is symspellpy's ``frequency_bigramdictionary_en_243_342.txt`` (242,342 English
word pairs with Google Books counts; MIT, see rules/SOURCES.md). The output holds the same
pairs grouped by first word, sorted, one line per first word::

    first<TAB>second count<TAB>second count...

with each count divided by 64 (every count in the input is a multiple of 64). Sorted and
grouped, the file can be searched where it lies in memory: the T rules read it in a few
milliseconds instead of splitting and sorting 242,342 lines at every start.
"""

from __future__ import annotations

import importlib.util
import os
from collections import defaultdict
from pathlib import Path

SOURCE = "frequency_bigramdictionary_en_243_342.txt"
TARGET = Path(__file__).resolve().parent.parent / "rules" / "data" / "word_pairs.txt"


def build() -> str:
    """The text of ``word_pairs.txt``."""
    spec = importlib.util.find_spec("symspellpy")
    assert spec is not None and spec.submodule_search_locations, "install symspellpy"
    path = os.path.join(spec.submodule_search_locations[0], SOURCE)
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            first, second, count = line.split()
            if int(count) % 64:
                raise ValueError(f"{line!r}: count is not a multiple of 64")
            groups[first].append((second, int(count) // 64))
    lines = []
    for first in sorted(groups):
        pairs = "\t".join(f"{second} {count}" for second, count in sorted(groups[first]))
        lines.append(f"{first}\t{pairs}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(build(), encoding="utf-8")
    print(f"wrote {TARGET}")
