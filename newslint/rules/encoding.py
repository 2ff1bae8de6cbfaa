"""Family E, encoding: mojibake, invisible characters, lost characters, the file's own encoding.

The character rules read the prose blocks (or, for one-article files, the whole source, so that
a control character between paragraphs is seen too); the file rules (E008-E010) read
``doc.raw`` and ``doc.source`` and report once per file, on the first record of a records file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache

from newslint.diagnostic import Diagnostic, Edit, Fix, Safety
from newslint.document import Block, Document
from newslint.rule import DocumentRule, Options
from newslint.rules._artefacts import (
    block_fix,
    c1_replacement,
    format_edit,
    in_mojibake,
    is_first_record,
    mojibake_repairs,
    wait_for_mojibake,
)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Mojibake(DocumentRule):
    """Flags mojibake: text that was UTF-8 but was read in another encoding on its way.

    ``Ã©`` for ``é``, ``â€™`` for ``’``, ``Â£`` for ``£``: a CMS, a feed or a copy-paste read
    UTF-8 bytes as Windows-1252 (or Latin-1, MacRoman, Windows-1251...). The detection and the
    repair are ftfy's (``ftfy.fix_encoding``), which changes text only when it is confident;
    the repaired word is the suggestion. The fix is safe, except where ftfy can only restore a
    U+FFFD because the original character was lost (then it is offered as unsafe). C1 control
    characters on their own (a Windows-1252 ``“`` read as Latin-1) are E004's.

    Options: none.

    Fails::

        Prices rise
        The cafÃ© raised the price of a coffee to Â£3.

    Passes::

        Prices rise
        The café raised the price of a coffee to £3.
    """

    code = "E001"
    name = "mojibake"
    summary = "Text garbled by a wrong character encoding (mojibake)"
    severity = "error"
    fixable = "safe"
    examples = (
        {
            "fail": "Prices rise\nThe cafÃ© raised the price of a coffee to Â£3.\n",
            "fixed": "Prices rise\nThe café raised the price of a coffee to £3.\n",
        },
        {"fail": "A dayâ€™s work\nNothing else.\n", "fixed": "A day’s work\nNothing else.\n"},
        {"pass": "Prices rise\nThe café raised the price of a coffee to £3.\n"},
        {"pass": "Café society\nThe São Paulo team’s “new” coach – Zoë – said: “Ça va”.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield one diagnostic per garbled word (or run of garbled words)."""
        for block in doc.all_blocks():
            for repair in mojibake_repairs(block.text):
                original = block.text[repair.start : repair.end]
                safety: Safety = "unsafe" if repair.lossy else "safe"
                fix = block_fix(
                    doc,
                    block,
                    repair.start,
                    repair.end,
                    repair.replacement,
                    f"repair the encoding: {_shorten(repair.replacement)!r}",
                    safety,
                )
                message = (
                    f"mojibake: {_shorten(original)!r} should read "
                    f"{_shorten(repair.replacement)!r} (decoded in the wrong encoding)"
                )
                yield self.at(
                    doc,
                    block,
                    repair.start,
                    repair.end,
                    message,
                    suggestions=(repair.replacement,),
                    fix=fix,
                )


# --- invisible and control characters ------------------------------------------------------

_ZERO_WIDTH = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark (zero-width no-break space)",
    "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator",
    "\u2061": "invisible function application",
    "\u2062": "invisible times",
    "\u2063": "invisible separator",
    "\u2064": "invisible plus",
}
_BIDI = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
}
#: overrides reorder what a reader sees (CVE-2021-42574, "Trojan Source"): flagged everywhere
_OVERRIDES = frozenset("\u202d\u202e")
_SEPARATORS = {"\u2028": "line separator", "\u2029": "paragraph separator"}
_NBSP = {"\u00a0": "no-break space", "\u202f": "narrow no-break space", "\u2007": "figure space"}
_C0 = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_C0_RE = re.compile(f"[{_C0}]")


def _invisible_pattern(extra: str = "") -> re.Pattern[str]:
    """A run of one invisible character (the group), from the tables above plus ``extra``."""
    chars = "".join(_ZERO_WIDTH) + "".join(_BIDI) + "".join(_SEPARATORS) + extra
    return re.compile(f"([{chars}{_C0}\x80-\x9f])\\1*")


@cache
def _patterns(nbsp: bool) -> re.Pattern[str]:
    # Compiled on first use: big Unicode classes cost a millisecond or two each to build.
    return _invisible_pattern("".join(_NBSP)) if nbsp else _invisible_pattern()


@cache
def _rtl() -> re.Pattern[str]:
    """Right-to-left letters: where they occur, directional marks and joiners are legitimate."""
    return re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")


def _is_latin_context(char: str) -> bool:
    """True for characters around which a joiner has no business (Latin text, spaces)."""
    if char.isascii() or char.isspace():
        return True
    category = unicodedata.category(char)
    if category[0] in "PZ":
        return True
    return category[0] == "L" and unicodedata.name(char, "").startswith("LATIN")


#: the two C0 controls that turn up between words, and where they come from
_BREAKS = {
    "\x0b": ("vertical tab", "usually a manual line break (Shift+Enter) from Microsoft Word"),
    "\x0c": ("form feed", "usually a page break left by a word processor or a PDF copy"),
}


def _describe(char: str) -> str:
    for table in (_ZERO_WIDTH, _BIDI, _SEPARATORS, _NBSP):
        if char in table:
            return table[char]
    if char in _BREAKS:
        return _BREAKS[char][0]
    if "\x80" <= char <= "\x9f":
        return "C1 control character"
    return "control character"


def _message(char: str, name: str, replacement: str) -> str:
    """What the character is (``name``: ``_describe``) and, where known, how it got into the
    text."""
    code = f"U+{ord(char):04X}"
    if char in _NBSP:
        return f"{name} {code}: the house style wants a plain space"
    if char in _BREAKS:
        return f"{name} {code}: {_BREAKS[char][1]}"
    if "\x80" <= char <= "\x9f" and replacement:
        # Windows-1252 bytes 0x80-0x9F read as Latin-1 land here, and only here.
        return f"{name} {code}: probably {replacement!r} read as Latin-1"
    if char < " " or char == "\x7f":
        return f"{name} {code}: a code for printers and terminals, not text"
    return f"invisible {name} {code}"


class InvisibleCharacter(DocumentRule):
    """Flags invisible and control characters: zero-width spaces, soft hyphens, stray BOMs,
    C0 and C1 controls, bidirectional overrides and isolates (and no-break spaces on request).

    They ride in with copy-paste from web pages and word processors. Readers do not see them,
    but they break search ("Syr\\u200bia" does not match "Syria"), spelling checks and word
    counts; a bidi override can even show text in another order than it is stored. A C1
    control (U+0080-U+009F) is almost always a Windows-1252 character read as Latin-1: the fix
    restores that character (``\\x93`` -> ``“``), as ftfy does. Joiners between letters of
    scripts that need them (Arabic, Indic) and emoji, and directional marks in text that holds
    right-to-left script, are left alone.

    Fixes: invisible formatting characters are deleted and C1 controls mapped to Windows-1252
    (safe); a vertical tab (Word's manual line break) or a form feed (a page break) becomes a
    space, or nothing next to white space (safe); other controls are deleted (unsafe: a control
    may stand for a lost character).

    Options:
      ``nbsp`` (false): also flag no-break spaces (U+00A0, U+202F, U+2007), for a house style
      that wants plain spaces; the fix replaces them with a space.

    Fails::

        Talks resume
        The talks in Gen\\u00adeva resume on Mon\\u200bday.

    Passes::

        Talks resume
        The talks in Geneva resume on Monday.
    """

    code = "E004"
    name = "invisible-character"
    summary = "Invisible or control character (zero-width, soft hyphen, BOM, control, bidi)"
    severity = "warning"
    fixable = "safe"
    options = {"nbsp": False}
    examples = (
        {
            "fail": "Talks resume\nThe talks in Gen\u00adeva resume on Mon\u200bday.\n",
            "fixed": "Talks resume\nThe talks in Geneva resume on Monday.\n",
        },
        {
            "fail": "Quote marks\nHe said \x93no\x94 twice.\n",
            "fixed": "Quote marks\nHe said “no” twice.\n",
        },
        {
            "fail": "Page break\nThe first page\x0cand the second.\n\x0c\nThe third.\n",
            "fixed": "Page break\nThe first page and the second.\n\nThe third.\n",
        },
        {
            "fail": "Spaces\nA fee of £5\u00a0million.\n",
            "options": {"nbsp": True},
            "fixed": "Spaces\nA fee of £5 million.\n",
        },
        {"pass": "Spaces\nA fee of £5\u00a0million.\n"},
        {"pass": "Talks resume\nThe talks in Geneva resume on Monday.\n"},
        {"pass": "Emoji\nThe family emoji 👨\u200d👩\u200d👧 was shared.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield one diagnostic per run of the same invisible character."""
        pattern = _patterns(bool(options.get("nbsp")))
        for text, block in _scan_targets(doc):
            if text.isascii() and not _C0_RE.search(text):
                continue
            rtl: bool | None = None
            found = []
            for match in pattern.finditer(text):
                if rtl is None:
                    rtl = _rtl().search(text) is not None
                diagnostic = self._judge(doc, block, text, match, rtl)
                if diagnostic is not None:
                    found.append(diagnostic)
            yield from wait_for_mojibake(doc, found)

    def _judge(
        self, doc: Document, block: Block | None, text: str, match: re.Match[str], rtl: bool
    ) -> Diagnostic | None:
        char = match.group(1)
        i, j = match.span()
        before, after = _neighbours(text, i, j)
        if char in "\u200c\u200d" and not (_is_latin_context(before) and _is_latin_context(after)):
            return None  # joiners shape Arabic and Indic letters and build emoji sequences
        if char in _BIDI and char not in _OVERRIDES and rtl:
            return None
        source_start = i if block is None else block.source_range(i, i)[0]
        if char == "\ufeff" and source_start == 0:
            return None  # a BOM at the very start is the encoding's business, not a stray one
        if in_mojibake(doc, source_start):
            # Part of a garbled word that E001 repairs whole: a C1 control, a soft hyphen
            # ("Ã\xad" is "í") or a no-break space ("Ã\xa0" is "à"). Fixing it alone would
            # break the mojibake and leave a C1 control in it for a second pass.
            return None
        raw_before = text[i - 1] if i > 0 else " "
        raw_after = text[j] if j < len(text) else " "
        replacement, safety = _repair(char, j - i, raw_before, raw_after)
        name = _describe(char)
        count = f"{j - i} × " if j - i > 1 else ""
        message = count + _message(char, name, replacement)
        if char in _NBSP:
            description = "replace with a space"
        elif replacement:
            description = f"replace with {replacement!r}"
        else:
            description = f"delete the {name}"
        if block is None:
            edit = format_edit(doc, i, j, replacement)
            fixed = None if edit is None else Fix((edit,), safety, description)
        else:
            fixed = block_fix(doc, block, i, j, replacement, description, safety)
        if block is None:
            return self.diagnostic(doc.span(i, j), message, fix=fixed)
        return self.at(doc, block, i, j, message, fix=fixed)


#: characters a neighbour test looks past: deleting them must not change another's verdict
_TRANSPARENT = frozenset(_ZERO_WIDTH) | frozenset(_BIDI)


def _neighbours(text: str, i: int, j: int) -> tuple[str, str]:
    """The characters before ``i`` and from ``j`` as this rule's safe fixes leave them.

    Invisible characters are looked past and controls read as what their fix writes, so that
    fixing one character never changes the verdict on its neighbour (fixes stay idempotent).
    """
    while i > 0 and text[i - 1] in _TRANSPARENT:
        i -= 1
    while j < len(text) and text[j] in _TRANSPARENT:
        j += 1
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    return _as_fixed(before), _as_fixed(after)


def _as_fixed(char: str) -> str:
    if "\x80" <= char <= "\x9f":
        return c1_replacement(char) or char
    return " " if char in "\x0b\x0c" else char


def _repair(char: str, length: int, before: str, after: str) -> tuple[str, Safety]:
    """What a run of ``length`` × ``char`` should become, and how sure that is."""
    if "\x80" <= char <= "\x9f":
        mapped = c1_replacement(char)
        return (mapped * length, "safe") if mapped else ("", "unsafe")
    if char in _NBSP:
        return " " * length, "safe"
    if char in "\x0b\x0c\x1c\x1d\x1e\x1f" or char in _SEPARATORS:
        # Word's manual line break and friends: a space, unless one is already there (a real
        # one: two controls side by side must not both vanish and glue the words).
        joined = before in " \t\n\r" or after in " \t\n\r"
        return ("" if joined else " "), ("safe" if char in "\x0b\x0c" else "unsafe")
    if char < " " or char == "\x7f":
        return "", "unsafe"
    return "", "safe"


def _scan_targets(doc: Document) -> Iterator[tuple[str, Block | None]]:
    """The texts a character rule scans: the whole source of a one-article file (block None),
    else each block of the record (a records file's source holds every record)."""
    if doc.record is None:
        yield doc.source, None
    else:
        for block in doc.all_blocks():
            yield block.text, block


class ReplacementCharacter(DocumentRule):
    """Flags U+FFFD REPLACEMENT CHARACTER (``�``): a character lost in a decoding.

    Some program on the article's way met bytes it could not decode and put ``�`` in their
    place. The original character cannot be recovered from the text: retype it (ftfy can
    sometimes tell from the mojibake around it; then E001 reports the whole word instead).

    Options: none. No fix.

    Fails::

        Rates held
        The bank kept rates at 4.75% and the pound rose to �1.90.

    Passes::

        Rates held
        The bank kept rates at 4.75% and the pound rose to $1.90.
    """

    code = "E005"
    name = "replacement-character"
    summary = "Replacement character U+FFFD where a character was lost"
    severity = "error"
    fixable = None
    examples = (
        {"fail": "Rates held\nThe bank kept rates at 4.75% and the pound rose to \ufffd1.90.\n"},
        {"pass": "Rates held\nThe bank kept rates at 4.75% and the pound rose to $1.90.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield one diagnostic per run of U+FFFD."""
        for text, block in _scan_targets(doc):
            if "\ufffd" not in text:
                continue
            for match in re.finditer("\ufffd+", text):
                i, j = match.span()
                source_start = i if block is None else block.source_range(i, i)[0]
                if in_mojibake(doc, source_start):
                    continue
                message = "replacement character U+FFFD: a character was lost here; retype it"
                if block is None:
                    yield self.diagnostic(doc.span(i, j), message)
                else:
                    yield self.at(doc, block, i, j, message)


# --- the file itself ------------------------------------------------------------------------

#: encodings a non-UTF-8 news file is in for certain once detected: converting is safe
_WESTERN = frozenset({"cp1252", "iso8859-1", "latin-1", "iso8859-15"})


class NotUtf8(DocumentRule):
    """Flags a file that is not UTF-8 (and says which encoding it was read in).

    newslint reads such a file with the encoding charset-normalizer detects (or the one its
    byte-order mark names), so the other rules still work; but the next tool in the chain may
    not be so forgiving, and mixing encodings is how mojibake is made. The fix rewrites the
    file as UTF-8 (the text is unchanged). It is safe for Windows-1252 and Latin-1, the usual
    non-UTF-8 encodings of English text, and for UTF-16/32 with a byte-order mark; for other
    detected encodings the guess may be wrong, so the fix is unsafe.

    Options: none.

    Fails: an article saved in Windows-1252 (its ``£`` is the byte 0xA3).

    Passes: the same article saved as UTF-8.
    """

    code = "E008"
    name = "not-utf8"
    summary = "File is not valid UTF-8"
    severity = "warning"
    fixable = "safe"
    examples = (
        {"fail": "Fees rise\nThe fee is \xa35 a month.\n".encode("cp1252")},
        {"pass": "Fees rise\nThe fee is £5 a month.\n".encode()},
    )

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Yield one diagnostic per non-UTF-8 file."""
        encoding = codecs.lookup(doc.encoding).name if doc.encoding else "utf-8"
        if encoding in ("utf-8", "utf-8-sig", "ascii") or not is_first_record(doc):
            return
        start, message = 0, f"file is {encoding}, not UTF-8"
        if doc.decode_note is not None and doc.raw:
            try:
                doc.raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                start = len(doc.raw[: exc.start].decode(doc.encoding, errors="replace"))
                message = (
                    f"file is not valid UTF-8 (byte 0x{doc.raw[exc.start]:02X} at byte offset "
                    f"{exc.start}); it was read as {encoding}"
                )
        certain = doc.decode_note is None or encoding in _WESTERN
        fix = Fix((), "safe" if certain else "unsafe", "save the file as UTF-8", encoding="utf-8")
        yield self.diagnostic(doc.span(start, start + 1), message, fix=fix)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BREAK_NAMES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


def _line_break_counts(source: str) -> Counter[str]:
    crlf = source.count("\r\n")
    counts: Counter[str] = Counter(
        {"\r\n": crlf, "\n": source.count("\n") - crlf, "\r": source.count("\r") - crlf}
    )
    return +counts  # drop zeros


def _usual_break(source: str, counts: Counter[str]) -> str:
    """The file's majority line break (ties: the first one used); LF for a one-line file."""
    if not counts:
        return "\n"
    first = _LINE_BREAK.search(source)
    top = max(counts.values())
    leaders = [k for k, n in counts.items() if n == top]
    if first is not None and first.group() in leaders:
        return first.group()
    return sorted(leaders)[0]


class MixedLineEndings(DocumentRule):
    """Flags line endings that differ from the file's usual one (LF, CRLF or CR).

    Mixed endings come from pasting between Windows and Unix tools. They show up as stray
    ``^M`` in editors and diffs, and as noisy whole-file changes in version control. Each line
    ending of a minority kind is flagged; the fix rewrites it to the file's usual one, the kind
    most lines use (ties: the first line's) (safe).

    Options: none.

    Fails: ``"Headline\\r\\nFirst paragraph.\\nSecond paragraph.\\r\\n"``

    Passes: ``"Headline\\nFirst paragraph.\\nSecond paragraph.\\n"``
    """

    code = "E009"
    name = "mixed-line-endings"
    summary = "Mixed line endings (LF, CRLF, CR) in one file"
    severity = "warning"
    fixable = "safe"
    examples = (
        {
            "fail": "Headline\r\n\r\nFirst paragraph.\n\r\nSecond paragraph.\r\n",
            "fixed": "Headline\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n",
        },
        {"pass": "Headline\n\nFirst paragraph.\n\nSecond paragraph.\n"},
        {"pass": "Headline\r\n\r\nFirst paragraph.\r\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Yield one diagnostic per line ending of a minority kind (once per file)."""
        source = doc.source
        if "\r" not in source or not is_first_record(doc):
            return
        counts = _line_break_counts(source)
        if len(counts) < 2:
            return
        usual = _usual_break(source, counts)
        summary = ", ".join(f"{n} {_BREAK_NAMES[k]}" for k, n in counts.most_common())
        description = f"end the line with {_BREAK_NAMES[usual]}"
        for match in _LINE_BREAK.finditer(source):
            found = match.group()
            if found == usual:
                continue
            start, end = match.span()
            message = (
                f"{_BREAK_NAMES[found]} line ending in a file that mostly uses "
                f"{_BREAK_NAMES[usual]} ({summary})"
            )
            fix = Fix((Edit(start, end, usual),), "safe", description)
            yield self.diagnostic(doc.span(start, end), message, fix=fix)


class MissingFinalNewline(DocumentRule):
    """Flags a file whose last line has no line break (off by default).

    POSIX tools expect every line to end in a newline; without one, ``cat`` glues the next
    file onto the last line and diffs show "No newline at end of file". Off by default: many
    CMS exports omit it and it does not affect the article. The fix appends the file's usual
    line break (safe).

    Options: none.

    Fails: ``"Headline\\n\\nThe last paragraph."``

    Passes: ``"Headline\\n\\nThe last paragraph.\\n"``
    """

    code = "E010"
    name = "missing-final-newline"
    summary = "File does not end with a line break"
    severity = "info"
    fixable = "safe"
    default_enabled = False
    examples = (
        {
            "fail": "Headline\n\nThe last paragraph.",
            "fixed": "Headline\n\nThe last paragraph.\n",
        },
        {"pass": "Headline\n\nThe last paragraph.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Yield a diagnostic when the file's last character is not a line break."""
        source = doc.source
        if not source or source.endswith(("\n", "\r")) or not is_first_record(doc):
            return
        usual = _usual_break(source, _line_break_counts(source))
        end = len(source)
        fix = Fix((Edit(end, end, usual),), "safe", "add a line break at the end")
        message = "no line break at the end of the file"
        yield self.diagnostic(doc.span(end - 1, end), message, fix=fix)
