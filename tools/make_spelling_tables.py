"""Rebuild the T rules' precomputed tables in ``rules/data/`` from the installed word lists.

    python tools/make_spelling_tables.py

- ``real_word_neighbours.txt`` (T003): every word of symspellpy's frequency list (and of
  newslint's news words) outside the 3,000 most frequent that has a "frequent neighbour": a
  word one edit away, 50 times more frequent and not another form of it
  (``_spelling_context.neighbours``). One line per word: ``word<TAB>neighbour neighbour...``.
- ``magnets.txt`` (T004): every word that the word-pair counts (``word_pairs.txt``) show
  followed by ``of``, ``to`` or ``be`` at least 40% of the time, with those shares
  (``_spelling_context.magnet``): ``word<TAB>of 0.52<TAB>to 0.41``.

Each table replaces a computation every worker process would otherwise repeat for every new
word it meets (or one scan of the pair file). ``tests/rules/test_spelling_tables.py`` rebuilds
both and compares them with the shipped files, so a changed dictionary cannot leave them
stale silently: rerun this script, never edit the files by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.rules import _spelling_context as context  # noqa: E402

DATA = ROOT / "rules" / "data"


def tables() -> dict[str, str]:
    """File name -> text, for every table."""
    return {
        context.NEIGHBOUR_TABLE: context.build_neighbour_table(),
        context.MAGNET_TABLE: context.build_magnet_table(),
    }


if __name__ == "__main__":
    for name, text in tables().items():
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"wrote {DATA / name} ({text.count(chr(10)):,} lines)")
