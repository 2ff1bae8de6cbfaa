"""Family E, typography: wrong apostrophes, glued sentences, mixed and unbalanced quotes.

These rules read the prose blocks of any format; fixes are offered only where the block's
text is the source text (see ``_artefacts.block_fix``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.diagnostic import Diagnostic, Fix
from newslint.document import Block, Document
from newslint.rule import DocumentRule, Options
from newslint.rules._artefacts import block_edit, block_fix

# --- the article's own style ----------------------------------------------------------------

_LETTER = r"[^\W\d_]"
# The mark comes first so the regex engine can skip to it; the lookbehind checks the letter.
_STRAIGHT_APOSTROPHE = re.compile(f"'(?<={_LETTER}')(?={_LETTER})")
_CURLY_APOSTROPHE = re.compile(f"’(?<={_LETTER}’)(?={_LETTER})")


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """Counts of the straight and curly marks an article uses, and the style they point to."""

    straight_apostrophes: int
    curly_apostrophes: int
    straight_doubles: int
    curly_doubles: int
    #: "straight" or "curly": the majority of all marks (ties: the first mark in the article)
    style: str

    @property
    def apostrophe(self) -> str:
        """The apostrophe this article uses."""
        return "’" if self.style == "curly" else "'"

    def single(self, opening: bool) -> str:
        """A single quotation mark in this style."""
        if self.style == "curly":
            return "‘" if opening else "’"
        return "'"

    def double(self, opening: bool) -> str:
        """A double quotation mark in this style."""
        if self.style == "curly":
            return "“" if opening else "”"
        return '"'


def quote_style(doc: Document, house: str = "auto") -> QuoteStyle:
    """Count the article's quote marks; ``house`` ("straight"/"curly") overrides the majority."""
    straight_apostrophes = curly_apostrophes = straight_doubles = curly_doubles = 0
    first = None
    for block in doc.all_blocks():
        text = block.text
        if "'" in text:
            straight_apostrophes += len(_STRAIGHT_APOSTROPHE.findall(text))
        if "’" in text:
            curly_apostrophes += len(_CURLY_APOSTROPHE.findall(text))
        straight_doubles += text.count('"')
        curly_doubles += text.count("“") + text.count("”")
        if first is None:
            positions = [(text.find(c), c) for c in "\"'“”’" if c in text]
            if positions:
                first = "straight" if min(positions)[1] in "\"'" else "curly"
    straight = straight_apostrophes + straight_doubles
    curly = curly_apostrophes + curly_doubles
    if house in ("straight", "curly"):
        style = house
    elif straight != curly:
        style = "straight" if straight > curly else "curly"
    else:
        style = first or "straight"
    return QuoteStyle(
        straight_apostrophes, curly_apostrophes, straight_doubles, curly_doubles, style
    )


def _is_letter(char: str) -> bool:
    return char.isalpha()


# --- E002 -----------------------------------------------------------------------------------

_WRONG_MARKS = re.compile("``|´´|[`´′¿]")
_MARK_NAMES = {"`": "backtick", "´": "acute accent", "′": "prime", "¿": "inverted question mark"}
#: what follows an apostrophe in an English contraction or possessive ("Blair¿s", "don¿t")
_CONTRACTION_TAIL = re.compile(r"(?:s|t|d|m|ll|re|ve)(?![^\W\d_])", re.IGNORECASE)
_OPENING_CONTEXT = frozenset(' \t\n([{"“‘—–-/')
#: quotation marks, and the marks this rule may turn into one: a mark before one reads it
#: alike before and after its fix ("`´´" is "`" then a closing double quotation mark)
_QUOTE_MARKS = frozenset("\"'“”‘’`´′¿")


class WrongApostrophe(DocumentRule):
    """Flags a backtick, acute accent or prime used as an apostrophe or a quotation mark.

    ``Syria`s``, ``don´t``, ``People′s``, ```burden to Britain'``: old keyboards, wire systems
    and OCR put these marks where an apostrophe or a quotation mark belongs. Inside a word the
    mark is an apostrophe; at the start of a word it opens a quotation, at the end it closes one
    (or is a plural possessive: the same character). ````` `` ````` and ``´´`` are double
    quotation marks. The fix writes the article's own style: curly (’ ‘ “ ”) when the article
    mostly uses curly quotes and apostrophes, else straight (' ").

    Also flags ``¿`` inside a word before a contraction ending (``Blair¿s``): an apostrophe
    lost in a character-set conversion. A prime after a digit (``5′11″``) is left alone; in
    Markdown only marks inside a word are flagged (backticks elsewhere are code spans).

    Options:
      ``style`` ("auto"): "straight" or "curly" to impose the house style on fixes.

    Fails::

        Syria talks
        Efforts to end Syria`s war collapsed.

    Passes::

        Syria talks
        Efforts to end Syria's war collapsed.
    """

    code = "E002"
    name = "wrong-apostrophe"
    summary = "Backtick, acute accent or prime used as an apostrophe or quotation mark"
    severity = "warning"
    fixable = "safe"
    options = {"style": "auto"}
    examples = (
        {
            "fail": "Syria talks\nEfforts to end Syria`s war collapsed.\n",
            "fixed": "Syria talks\nEfforts to end Syria's war collapsed.\n",
        },
        {
            "fail": "Kremlin’s view\nThe Kremlin’s envoy said it´s “too early”.\n",
            "fixed": "Kremlin’s view\nThe Kremlin’s envoy said it’s “too early”.\n",
        },
        {
            "fail": "Quotes\nHe called it a `burden to Britain' on Monday.\n",
            "fixed": "Quotes\nHe called it a 'burden to Britain' on Monday.\n",
        },
        {
            "fail": "Quotes\nShe said ``never again'' twice.\n",
            "fixed": 'Quotes\nShe said "never again" twice.\n',
        },
        {"pass": "Syria talks\nEfforts to end Syria's war collapsed; he is 5′11″ tall.\n"},
        {"pass": "Code\nRun the `make` command, then `make test`.\n", "path": "x.md"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield one diagnostic per misused mark (a pair of marks for a quotation)."""
        style: QuoteStyle | None = None
        markdown = doc.format == "markdown"
        for block in doc.all_blocks():
            text = block.text
            if "`" not in text and "´" not in text and "′" not in text and "¿" not in text:
                continue
            if style is None:
                style = quote_style(doc, options.get("style", "auto"))
            yield from self._check_block(doc, block, style, markdown)

    def _check_block(
        self, doc: Document, block: Block, style: QuoteStyle, markdown: bool
    ) -> Iterator[Diagnostic]:
        text = block.text
        paired: set[int] = set()  # closing marks already fixed with their opening mark
        # Where each replaced mark ends, and what it became: a mark right after it sees the
        # replacement (```` ``` ```` is a double quotation mark, then a single one; so is
        # ``''`` closing a pair before ```` `quoted' ````), so a second pass over the fixed
        # text finds nothing more.
        replaced: dict[int, str] = {}
        for match in _WRONG_MARKS.finditer(text):
            i, j = match.span()
            if i in paired:
                continue
            mark = match.group()
            before = replaced[i][-1] if i in replaced else text[i - 1] if i > 0 else " "
            after = text[j] if j < len(text) else " "
            inside_word = _is_letter(before) and _is_letter(after)
            # (replacement, role) when the mark is fixed on its own
            fix: tuple[str, str] | None = None
            if mark == "¿":
                if inside_word and before.isascii() and _CONTRACTION_TAIL.match(text, j):
                    fix = (style.apostrophe, "an apostrophe")
            elif mark == "′":
                if inside_word:
                    fix = (style.apostrophe, "an apostrophe")
            elif markdown and not inside_word:
                pass
            elif inside_word:
                fix = (style.apostrophe, "an apostrophe")
            elif mark == "``" or (mark == "`" and before in _OPENING_CONTEXT and after == "`"):
                close = _closing_double(text, j)
                edits = [(i, j, style.double(True))]
                if close is not None:
                    edits.append((close[0], close[1], style.double(False)))
                    paired.add(close[0])
                for _, edit_end, replacement in edits:
                    replaced[edit_end] = replacement
                name = _MARK_NAMES[mark[0]]
                yield self._pair(doc, block, edits, f"{name}s used as a quotation mark")
            elif mark == "´´" and not after.isalnum():
                fix = (style.double(False), "a closing quotation mark")
            elif (
                mark == "`"
                and before in _OPENING_CONTEXT
                and (after.isalnum() or after in _QUOTE_MARKS)
            ):
                fix = (style.single(True), "an opening quotation mark")
            elif (before.isalnum() or before in ".,!?") and not after.isalnum():
                # The end of a quotation or a plural possessive: one and the same character.
                fix = (style.single(False), "an apostrophe or closing quotation mark")
            elif mark == "`":
                yield self.at(doc, block, i, j, "stray backtick in prose")
            if fix is not None:
                replaced[j] = fix[0]
                yield self._fix(doc, block, i, j, *fix)

    def _fix(
        self, doc: Document, block: Block, i: int, j: int, replacement: str, role: str
    ) -> Diagnostic:
        mark = block.text[i:j]
        name = _MARK_NAMES[mark[0]]
        start, end = _word_around(block.text, i, j)
        word = block.text[start:end]
        # This mark replaced, not the first like it in the word ("``double''`quoted'")
        fixed = block.text[start:i] + replacement + block.text[j:end]
        message = f"{name} {mark!r} used as {role} in {word!r}: write {fixed!r}"
        fix = block_fix(doc, block, i, j, replacement, f"replace {mark!r} with {replacement!r}")
        return self.at(doc, block, i, j, message, suggestions=(fixed,), fix=fix)

    def _pair(
        self, doc: Document, block: Block, edits: list[tuple[int, int, str]], message: str
    ) -> Diagnostic:
        # The span runs from the opening to the closing mark: the fix edits both.
        i, j = edits[0][0], edits[-1][1]
        made = [block_edit(doc, block, a, b, r) for a, b, r in edits]
        fix = None
        if all(e is not None for e in made):
            fix = Fix(tuple(e for e in made if e is not None), "safe", "use quotation marks")
        suggestion = "".join(
            r if k == 0 else block.text[edits[k - 1][1] : a] + r
            for k, (a, _, r) in enumerate(edits)
        )
        return self.at(doc, block, i, j, message, suggestions=(suggestion,), fix=fix)


def _closing_double(text: str, start: int) -> tuple[int, int] | None:
    """The ``''`` or ``´´`` closing a ````` `` ````` quotation opened before ``start``."""
    for match in re.finditer("''|´´|``", text[start:]):
        if match.group() == "``":
            return None
        return start + match.start(), start + match.end()
    return None


def _word_around(text: str, i: int, j: int) -> tuple[int, int]:
    """Where the word holding the mark ``text[i:j]`` starts and ends, punctuation around it
    left out (the mark itself always kept)."""
    start, end = i, j
    while start > 0 and not text[start - 1].isspace() and j - start < 30:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - i < 30:
        end += 1
    while start < i and text[start] in _AROUND_WORD:
        start += 1
    while end > j and text[end - 1] in _AROUND_WORD:
        end -= 1
    return start, end


_AROUND_WORD = frozenset('.,;:!?()"“”')


# --- E006 -----------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: a sentence end glued to a capitalised word: "website.Speaking", "said.\"The", "now?Yes",
#: "the US.Osbourne" (an acronym ends sentences too; "ASP.NET" has no lower-case letter after)
# (the punctuation comes first so the regex engine can skip to it; the lookbehind checks after)
_GLUED = re.compile(r"([.!?])(?<=[a-zA-Z0-9%)][.!?])([\"”’')\]]*)(?=[A-Z][a-z])")
_ABBREVIATIONS = _wordset(
    "mr mrs ms dr prof st jr sr co corp inc ltd gen col lt sgt capt gov sen rep rev no nos vs "
    "etc jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd fig vol pp ch art est "
    "approx dept univ assn bros"
)
#: words after a dot that make a domain name, not a sentence ("Amazon.Com"). Domains that
#: spell common sentence openers (.it, .in, .no, .us, .be) are left out: capitalised after a
#: glued full stop they open a sentence ("building.It will", "last year.In May") far more
#: often than they end a domain.
_DOMAIN_WORDS = _wordset(
    "com net org gov edu int mil info biz name mobi tv io co uk eu de fr es nl ch se dk fi ie "
    "au nz ca jp cn ru br za asia"
)
#: words that open sentences: after a capitalised word ("Joy Division.Those") they tell a
#: glued sentence from a dotted name ("One.Tel", "Halo.Bungie")
_SENTENCE_OPENERS = _wordset(
    "a an the this that these those there here it its he she we they i you his her their our "
    "my your one two some many most much more all both each every any no not none few such "
    "and but or so yet nor if when while as after before since until although though because "
    "however meanwhile then now also even still instead indeed yes in on at for from with by "
    "of to into over under about among between during without what which who whom whose why "
    "how where mr mrs ms dr sir other others another despite once only earlier later last next "
    "first finally"
)
#: days and months end sentences ("on Saturday.Julie Andrews"); no dotted name starts so
_DATE_WORDS = _wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december"
)
#: a Scottish or Irish surname keeps its inner capital: "McIlroy", not "Console.WriteLine"
_MC_NAME = re.compile(r"Mc[A-Z][a-z]+$")
_WORD = re.compile(r"[A-Za-z]+")
_LAST_LETTERS = re.compile(r"[A-Za-z]+(?=[^A-Za-z]*$)")

#: file extensions: "report.Docx" is a file name
_EXTENSIONS = _wordset(
    "docx pdf txt xls xlsx ppt pptx jpg jpeg png gif tif tiff mp3 mp4 wav avi mov exe dll zip "
    "rar gz htm html php asp aspx csv json xml py js rtf odt"
)


class GluedSentences(DocumentRule):
    """Flags two sentences glued together without a space: ``website.Speaking``.

    When a CMS or a copy-paste drops a paragraph break, the last sentence of one paragraph runs
    into the first of the next: ``killed dozens.Speaking for the opposition``. The rule looks
    for a word or a number, a full stop (or ``!``/``?``, perhaps followed by a
    closing quotation mark) and at once a capitalised word. It leaves alone abbreviations
    (``U.S.``, ``a.m.``, ``Mr.Smith``), initials, domain names (``bbc.co.uk``, ``Amazon.Com``),
    e-mail addresses and URLs, decimals, file names and names with inner capitals
    (``ASP.NET``, ``Node.js``, ``Console.WriteLine``). ``Name.Name`` (``One.Tel``) is read as
    a dotted company name unless something says a sentence ends there: the second word opens
    sentences (``Division.Those``) or is used on its own elsewhere in the article, the first is
    a day or month (``Saturday.Julie``) or ends a longer name (``Mark Davies.Sonny``). The fix
    inserts a space (safe); a lost paragraph break is for the editor to restore.

    Options: none.

    Fails::

        Talks stall
        The attack killed dozens.Speaking for the opposition, he said talks were off.

    Passes::

        Talks stall
        The U.S. envoy met officials at 9 a.m. on Monday; see bbc.co.uk and ASP.NET for more.
    """

    code = "E006"
    name = "glued-sentences"
    summary = "Sentence end glued to the next sentence without a space"
    severity = "warning"
    fixable = "safe"
    examples = (
        {
            "fail": "Talks stall\nThe attack killed dozens.Speaking for Syria, he said.\n",
            "fixed": "Talks stall\nThe attack killed dozens. Speaking for Syria, he said.\n",
        },
        {
            "fail": 'Quote\nHe said it was "over."Then he left.\n',
            "fixed": 'Quote\nHe said it was "over." Then he left.\n',
        },
        {
            "pass": "Talks stall\nThe U.S. envoy met officials at 9 a.m. on Monday; see "
            "bbc.co.uk, Amazon.Com and ASP.NET, version 2.5, or read report.Docx.\n"
        },
        {"pass": "Names\nJ.R.R. Tolkien and Mr.Smith met St.Albans fans.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield one diagnostic per glued sentence boundary."""
        words: Counter[str] | None = None
        for block in doc.all_blocks():
            text = block.text
            for match in _GLUED.finditer(text):
                if not _is_sentence_boundary(text, match):
                    continue
                if _dotted_name(text, match):
                    if words is None:
                        words = _article_words(doc)
                    if not _used_elsewhere(doc, words, text, match):
                        continue
                at = match.end()
                before_word = _word_before(text, match.start())
                after_word = re.match(r"[A-Za-z]+", text[at:])
                glued = f"{before_word}{match.group(1)}{match.group(2)}"
                glued += after_word.group() if after_word else ""
                message = f"sentences glued together in {glued!r}: a space is missing"
                edit = block_edit(doc, block, at, at, " ")
                fix = Fix((edit,), "safe", "insert a space") if edit is not None else None
                yield self.at(doc, block, match.start(), at + 1, message, fix=fix)


def _dotted_name(text: str, match: re.Match[str]) -> bool:
    """True for ``Name.Name`` (``One.Tel``): a capitalised word, a bare full stop and a
    capitalised word that is no sentence opener. Such a pair is a glued sentence only when
    the article uses the second word on its own elsewhere (see ``_article_words``)."""
    if match.group(1) != "." or match.group(2):
        return False
    before = _word_before(text, match.start())
    # (A word with a dot inside is no name: its glued sentence is flagged at once.)
    if not (before[:1].isupper() and before[1:].isalpha() and before[1:].islower()):
        return False
    if before.lower() in _DATE_WORDS:
        return False
    # The last word of a longer name ("Mark Davies.Sonny", "Lionel Hampton.Works"): a
    # sentence ends there; a dotted name stands alone ("such as TalkTalk and One.Tel").
    # The last letters count of the text just before the word ('Davies."One.Tel') or else
    # of the word before it on the line: the same once a glued full stop there gets its
    # space ('Davies." One.Tel'; "dozens.Mark One.Tel" reads "Mark").
    start = end = match.start() - len(before)
    if end == 0 or text[end - 1].isspace():
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = end if end == 0 or text[end - 1].isspace() else end - 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    previous = _LAST_LETTERS.search(text, start, end)
    if previous is not None and previous.group()[0].isupper():
        return False
    after = re.match(r"[A-Za-z]+", text[match.end() :])
    if after is None:
        return False
    word = after.group().lower()
    # An adverb in -ly opens a sentence ("Unusually, the"), it does not end a name.
    return word not in _SENTENCE_OPENERS and not word.endswith("ly")


def _article_words(doc: Document) -> Counter[str]:
    """How often the article uses each word, in lower case."""
    return Counter(word.lower() for block in doc.all_blocks() for word in _WORD.findall(block.text))


def _used_elsewhere(doc: Document, words: Counter[str], text: str, match: re.Match[str]) -> bool:
    """True when the second word of ``Name.Name`` also stands outside that same dotted name.

    Every occurrence counts, glued ones too, so that fixing one glued sentence never changes
    the verdict on another (``dozens.Tel`` spaced does not make ``One.Tel`` a sentence)."""
    before = _word_before(text, match.start())
    after = _WORD.match(text, match.end())
    if after is None:
        return False
    word = after.group()
    # "One. Tel" counts as the same: a fix spaced it, or it would be spaced.
    dotted = re.compile(rf"(?<![A-Za-z]){re.escape(before)}\. ?{word}(?![A-Za-z])", re.IGNORECASE)
    same = sum(len(dotted.findall(block.text)) for block in doc.all_blocks())
    return words[word.lower()] > same


def _in_dotted_chain(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` is one of the stops of a name of three or more
    pieces, each after the first starting with a letter: ``Booking.Com.Au``, ``U.S.Army``.

    A glued full stop that is flagged joins two pieces only, so spacing it never changes
    which other stops belong to such a name."""
    low = dot
    while low > 0 and (text[low - 1].isalnum() or text[low - 1] == "."):
        low -= 1
    high = dot + 1
    while high < len(text) and (text[high].isalnum() or text[high] == "."):
        high += 1
    pieces = text[low:high].split(".")
    k = text.count(".", low, dot)  # this stop joins pieces[k] and pieces[k + 1]

    def joins(i: int) -> bool:  # the stop before pieces[i] joins it to pieces[i - 1]
        return pieces[i][:1].isalpha() and pieces[i - 1] != ""

    if not joins(k + 1):
        return False  # ").One": nothing before the stop to join
    first, last = k, k + 1
    while first > 0 and joins(first):
        first -= 1
    while last + 1 < len(pieces) and joins(last + 1):
        last += 1
    return last - first >= 2


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "%)-'’."):
        start -= 1
    return text[start:end]


def _is_sentence_boundary(text: str, match: re.Match[str]) -> bool:
    """False for abbreviations, initials, domains, URLs, file and product names.

    Nothing here may change when a glued full stop elsewhere gets its space (the fix must
    leave nothing new to flag): the word before is the piece after the last dot, and a
    dotted name is found the same way from either side (``_in_dotted_chain``)."""
    start, at = match.start(), match.end()
    # The whole run of non-space characters around the dot: URLs, e-mails, domains.
    token_start = start
    while token_start > 0 and not text[token_start - 1].isspace():
        token_start -= 1
    token_end = at
    while token_end < len(text) and not text[token_end].isspace():
        token_end += 1
    token = text[token_start:token_end]
    if any(s in token for s in ("@", "/", "www.", "http", "\\")):
        return False
    before = _word_before(text, start)
    letters = before.strip("%)'’")
    if "." in letters:
        # 'U.S."The', "$17.8bn.Some", "dozens.Speaking.Then": the word before is the last
        # piece, as it is once a glued full stop inside has its space ("a.m.The": an initial).
        letters = letters.rsplit(".", 1)[1]
        if not letters:
            return False  # "waited...Then"
    lower = letters.lower()
    initial = len(letters) == 1 and letters.isalpha()
    if match.group(1) == "." and (initial or lower in _ABBREVIATIONS):
        return False
    word = re.match(r"[A-Za-z]+", text[at:])
    after = word.group() if word else ""
    if any(c.isupper() for c in after[1:]) and not _MC_NAME.match(after):
        return False  # "Console.WriteLine", "iOS.NET"-like names with inner capitals
    if match.group(1) == "." and not match.group(2) and _in_dotted_chain(text, start):
        return False  # "Booking.Com.Au", "Node.Js.Org": a name of three pieces or more
    if (
        match.group(1) == "."
        and not match.group(2)
        and after.lower() in _DOMAIN_WORDS | _EXTENSIONS
    ):
        return False
    # "Yahoo!Music"-like names: a capitalised brand glued to "!" or "?"
    return not (match.group(1) in "!?" and letters[:1].isupper() and not match.group(2))


# --- E007 -----------------------------------------------------------------------------------


class MixedQuotes(DocumentRule):
    """Flags straight and curly quotation marks and apostrophes mixed in one article.

    ``"terrorism"`` in one paragraph and ``“unacceptable”`` in the next, or ``Kremlin’s`` beside
    ``Moscow's``: text pasted from several sources. The article's majority style wins (ties:
    the style of its first mark) and each mark of the other style is flagged; with the option
    ``style`` set to the house style, every mark of the other style is flagged. Only double
    quotation marks and apostrophes inside words count: a single straight quote may be either
    an apostrophe or a quotation mark.

    The fix writes the chosen style: a straight double quote becomes an opening or closing
    curly one by its place (after a space: opening; before one: closing), and is left for the
    editor where the place does not tell.

    Options:
      ``style`` ("auto"): "straight" or "curly" for a house style.

    Fails::

        Border fire
        Moscow called the strikes "unacceptable", the Kremlin’s spokesman said.

    Passes::

        Border fire
        Moscow called the strikes “unacceptable”, the Kremlin’s spokesman said.
    """

    code = "E007"
    name = "mixed-quotes"
    summary = "Straight and curly quotation marks or apostrophes mixed in one article"
    severity = "warning"
    fixable = "safe"
    options = {"style": "auto"}
    examples = (
        {
            "fail": 'Border fire\nMoscow called the strikes "unacceptable", the Kremlin’s '
            "spokesman said, and “regrettable”.\n",
            "fixed": "Border fire\nMoscow called the strikes “unacceptable”, the Kremlin’s "
            "spokesman said, and “regrettable”.\n",
        },
        {
            "fail": "Border fire\nMoscow's envoy and the Kremlin's aide: it’s over.\n",
            "fixed": "Border fire\nMoscow's envoy and the Kremlin's aide: it's over.\n",
        },
        {
            "fail": 'Border fire\nMoscow called the strikes "unacceptable".\n',
            "options": {"style": "curly"},
            "fixed": "Border fire\nMoscow called the strikes “unacceptable”.\n",
        },
        {"pass": "Border fire\nMoscow called the strikes “unacceptable”, the Kremlin’s aide.\n"},
        {"pass": 'Border fire\nMoscow called the strikes "unacceptable", the Kremlin\'s aide.\n'},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield one diagnostic per mark of the minority (or non-house) style."""
        house = options.get("style", "auto")
        straight_seen = curly_seen = False
        for block in doc.all_blocks():
            text = block.text
            straight_seen = straight_seen or '"' in text or "'" in text
            curly_seen = curly_seen or "’" in text or "“" in text or "”" in text
        needed = {
            "auto": straight_seen and curly_seen,
            "curly": straight_seen,
            "straight": curly_seen,
        }
        if not needed.get(house, straight_seen and curly_seen):
            return
        style = quote_style(doc, house)
        straight = style.straight_apostrophes + style.straight_doubles
        curly = style.curly_apostrophes + style.curly_doubles
        if house not in ("straight", "curly") and not (straight and curly):
            return
        wrong = "straight" if style.style == "curly" else "curly"
        summary = f"{curly} curly, {straight} straight"
        for block in doc.all_blocks():
            if wrong == "straight":
                yield from self._straight_marks(doc, block, summary)
            else:
                yield from self._curly_marks(doc, block, summary)

    def _straight_marks(self, doc: Document, block: Block, summary: str) -> Iterator[Diagnostic]:
        text = block.text
        for match in _STRAIGHT_APOSTROPHE.finditer(text):
            i = match.start()
            message = f"straight apostrophe in an article with curly ones ({summary})"
            fix = block_fix(doc, block, i, i + 1, "’", "use a curly apostrophe")
            yield self.at(doc, block, i, i + 1, message, suggestions=("’",), fix=fix)
        for i in _positions(text, '"'):
            opening = _opening(text, i)
            message = f"straight quotation mark in an article with curly ones ({summary})"
            if opening is None:
                yield self.at(doc, block, i, i + 1, message, suggestions=("“", "”"))
                continue
            mark = "“" if opening else "”"
            fix = block_fix(doc, block, i, i + 1, mark, f"use {mark!r}")
            yield self.at(doc, block, i, i + 1, message, suggestions=(mark,), fix=fix)

    def _curly_marks(self, doc: Document, block: Block, summary: str) -> Iterator[Diagnostic]:
        text = block.text
        for match in _CURLY_APOSTROPHE.finditer(text):
            i = match.start()
            message = f"curly apostrophe in an article with straight ones ({summary})"
            fix = block_fix(doc, block, i, i + 1, "'", "use a straight apostrophe")
            yield self.at(doc, block, i, i + 1, message, suggestions=("'",), fix=fix)
        for i in sorted([*_positions(text, "“"), *_positions(text, "”")]):
            message = f"curly quotation mark in an article with straight ones ({summary})"
            fix = block_fix(doc, block, i, i + 1, '"', "use a straight quotation mark")
            yield self.at(doc, block, i, i + 1, message, suggestions=('"',), fix=fix)


def _positions(text: str, char: str) -> Iterator[int]:
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


_OPENERS = " \t\n([{—–-/“‘"


def _opening(text: str, i: int) -> bool | None:
    """Whether the straight quote at ``i`` opens (True) or closes (False); None if unclear."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before in _OPENERS
    closes = after.isspace() or after in ".,;:!?)]}—–-…'’" or i + 1 == len(text)
    if opens and not closes:
        return True
    if closes and not opens:
        return False
    return None


# --- E011 -----------------------------------------------------------------------------------

_SENTENCE_END = frozenset('.!?…)"”')
_DOUBLE_QUOTES = re.compile('["“”]')


class UnbalancedQuotes(DocumentRule):
    """Flags a double quotation mark that is never closed, or closes nothing.

    A quotation that never ends leaves the reader unsure where the speaker stopped; a stray
    closing mark usually means a lost opening one (or a doubled ``""``). News style lets a
    quotation run over several paragraphs with no closing mark at each paragraph's end, as
    long as the next paragraph opens with a quotation mark again; when paragraph breaks were
    lost, such a new opening mark after a sentence end also counts as a continuation. Straight
    marks after a digit (``12"``) are inches. Single quotation marks are not checked (they
    double as apostrophes).

    Off by default: it trusts the paragraph breaks, and text whose export merged or dropped
    paragraphs (closing marks lost with them) makes it fire on quotations no editor left open.
    Turn it on (``select = ["E011"]``) where articles keep their paragraphs.

    Options: none. No fix: where the quotation should end is for the editor.

    Fails::

        Talks
        He said the talks "would resume on Monday, and left.

    Passes::

        Talks
        He said the talks "would resume on Monday", and left.
    """

    code = "E011"
    name = "unbalanced-quotes"
    summary = "Quotation mark never closed, or closing nothing"
    severity = "warning"
    fixable = None
    #: off by default: it needs the article's paragraph breaks intact, and exports that lose
    #: them (the BBC corpus: 54 findings in 2,225 articles) make it fire where no editor erred
    default_enabled = False
    examples = (
        {"fail": 'Talks\nHe said the talks "would resume on Monday, and left.\n'},
        {"fail": "Talks\nHe said the talks would resume” on Monday.\n"},
        {"pass": 'Talks\nHe said the talks "would resume on Monday", and left.\n'},
        {
            "pass": 'Talks\n"The talks will resume on Monday.\n\n"We are ready," he said.\n'
            'A 12" record was played. "It works. "It really does," he said.\n'
        },
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        """Yield one diagnostic per unmatched quotation mark."""
        blocks = list(doc.all_blocks())
        for index, block in enumerate(blocks):
            text = block.text
            if '"' not in text and "“" not in text and "”" not in text:
                continue
            following = blocks[index + 1].text.lstrip(" -—–") if index + 1 < len(blocks) else ""
            continued = following[:1] in ('"', "“")
            for i, problem in _unmatched(text, continued):
                yield self.at(doc, block, i, i + 1, problem)


def _unmatched(text: str, continued: bool) -> Iterator[tuple[int, str]]:
    """(offset, message) for each unmatched double quotation mark of one block."""
    open_at: int | None = None
    for match in _DOUBLE_QUOTES.finditer(text):
        i, char = match.start(), match.group()
        before = text[i - 1] if i > 0 else " "
        if char == '"':
            if before.isdigit() and open_at is None:
                continue  # inches: 12"
            role = _opening(text, i)
            opening = (open_at is None) if role is None else role
        else:
            opening = char == "“"
        if opening:
            if open_at is not None and not _after_sentence_end(text, i):
                yield open_at, "quotation mark never closed (a new one opens before it ends)"
            open_at = i
        elif open_at is None:
            yield i, "closing quotation mark without an opening one"
        else:
            open_at = None
    if open_at is not None and not continued:
        yield open_at, "quotation mark never closed in this paragraph"


def _after_sentence_end(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return 0 < j < i and text[j - 1] in _SENTENCE_END
