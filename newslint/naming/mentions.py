"""Proper-noun mentions of an article: capitalised runs with their particles, and their units.

A *segment* is a run of name tokens (``Sergey Lavrov``, ``Bashar al-Assad``, ``TimeWarner``,
``US``), cut at connectors (``of``, ``and``), at titles (``President``, ``Foreign Minister``)
and at everything that is not a single space or hyphen. Possessives are stripped (``Russia's``,
``Syria’s``, ``Syria`s``). A *unit* is a contiguous piece of a segment that starts and ends with a
name token (a particle may lead: ``al-Assad``); variant detection compares units, so
``Sergey Lavrov`` and ``Sergei Lavrov`` meet as whole names and ``Lavrov`` as a surname.

Everything here is pure string work over ``Block.text`` offsets; spans are resolved by callers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newslint.document import Block, Document


def _words(text: str) -> frozenset[str]:
    """The white-space separated words of a literal list."""
    return frozenset(text.split())


#: letters that may start a capitalised word; blocks beyond ASCII also hold lower-case letters,
#: so a match is checked with ``str.isupper`` (a class of every capital compiles too slowly)
_UP = "A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿΆ-ΩЀ-Я"
_APOS = "'’`´ʼ"
#: lower-case words that belong inside names: Arabic, Dutch, German, Romance particles
PARTICLES = _words(
    "al el ul bin ibn bint ben de da di du dos das del della der den van von le la zu ter ten"
)
#: lower-case words that join the capitalised words of one long name (Bank of England)
CONNECTORS = frozenset(["of", "and", "the", "for", "&"])
#: words that precede names without being part of them; a segment is cut there
TITLES = _words(
    """Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Rev Reverend Father Sister Brother
    Saint St President Presidents Vice Premier Prime Minister Ministers Ministry Secretary
    Secretaries Chancellor Chairman Chairwoman Chair Chief Executive Director Governor Senator
    Sen Rep Representative Congressman Congresswoman Mayor King Queen Prince Princess Duke
    Duchess Emperor Pope Cardinal Bishop Archbishop Imam Ayatollah Sheikh Sheik Emir Sultan
    General Gen Lieutenant Lt Colonel Col Major Maj Captain Capt Sergeant Sgt Commander Admiral
    Marshal Corporal Private Officer Inspector Detective Superintendent Constable Judge Justice
    Attorney Coach Manager Boss Striker Midfielder Defender Goalkeeper Foreign Interior Defence
    Defense Finance Home Health Trade Education Culture Energy Justice Economy Environment
    Spokesman Spokeswoman Spokesperson Ambassador Envoy Commissioner Deputy Acting Former
    Shadow Junior Senior Speaker Leader Opposition Head Founder Chef Editor Correspondent
    Reporter Analyst Economist Professor Dr. Mr. Mrs. Ms. Gov Gov. Sen. Rep."""
)
#: what "Secretary of ..." and "Minister for ..." are secretary and minister of
_TITLE_OBJECTS = _words(
    "State Defence Defense Health Justice Finance Education Commerce Culture Trade Energy Staff "
    "Exchequer Homeland Europe Sport Transport Agriculture Labour Industry"
)
#: capitalised function words that start sentences or headlines; never names on their own
STOPWORDS = _words(
    """A An The And But Or Nor So Yet For Of In On At To By As Up If It Its It's Is Are Was Were Be
    Been Being Has Have Had Do Does Did Done This That These Those There Their They Them Then
    Than Thus Here He She His Her Hers Him We Our Us You Your Yours I Me My Mine Who Whom Whose
    What When Where Why How Which While Whilst Although Though Because Since Until Unless
    After Before During Despite Over Under Into Onto Out From With Without Within About Above
    Below Between Among Against Across Along Around Behind Beyond Not No Yes All Any Some Many
    Much More Most Few Less Least Each Every Both Either Neither One Two Three Four Five Six
    Seven Eight Nine Ten Other Another Such Same Only Also Even Just Still Already Now Today
    Tomorrow Yesterday Tonight However Meanwhile Moreover Furthermore Nevertheless Therefore
    Instead Indeed Perhaps Maybe Once Twice First Second Third Last Next New Old Will Would
    Shall Should Can Could May Might Must Let Lets Let's Please Thank Thanks Hello Well Oh
    According Asked Speaking Says Said Say Like Unlike Following Including Given
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June
    July August September October November December"""
)
#: function words in capitals (a headline or title in capitals); not WHO, US or IT
_CAPS_STOPWORDS = _words(
    "THE AND OF FOR BUT NOT ARE WAS WITH FROM THIS THAT HAVE HAS YOU YOUR OUR ALL ONE NEW OLD"
)
_PARTICLE_RE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
#: a run of capitalised words joined by one space or hyphen, particles allowed between them;
#: the pattern starts with a character class so the engine can scan fast, and checks the
#: word boundary with a lookbehind
_RUN_RE = re.compile(
    rf"[{_UP}](?<![\w{_APOS}][{_UP}])[\w{_APOS}]*"
    rf"(?:[ \-\u00a0](?:{_PARTICLE_RE}[ \-])*(?:[dlDL][’'])?(?=[{_UP}])[\w{_APOS}]+)*"
)
_POSSESSIVE_RE = re.compile(rf"[{_APOS}][sS]?$")
_OPENERS = "\"'“‘«(‹[—–-*•"
_SENTENCE_END = ".!?:…"
#: tokens of a segment are joined by exactly one of these
_JOINERS = frozenset([" ", "-", "\u00a0", "\u2011"])
#: longest unit, in tokens
MAX_UNIT_TOKENS = 4


class Token(NamedTuple):
    """One word of a name: its block offsets, text (possessive stripped) and role."""

    start: int
    end: int
    text: str
    #: "name" (capitalised word or acronym) or "particle" (al, bin, de, van...)
    kind: str
    #: first word of a sentence or of a title-case headline: its capital proves nothing
    initial: bool


class Segment(NamedTuple):
    """A run of name tokens in one block, with the separators between them."""

    block: int
    tokens: tuple[Token, ...]
    #: separator before each token after the first (" " or "-")
    seps: tuple[str, ...]

    @property
    def start(self) -> int:
        """Block offset of the first token."""
        return self.tokens[0].start

    @property
    def end(self) -> int:
        """Block offset after the last token (possessive excluded)."""
        return self.tokens[-1].end


class Unit(NamedTuple):
    """A contiguous piece of a segment that may be a name: ``tokens[i:j]`` of ``segment``."""

    segment: Segment
    i: int
    j: int
    #: the surface text as written, possessive stripped
    text: str
    #: the texts of the unit's name tokens (particles left out)
    names: tuple[str, ...]

    @property
    def block(self) -> int:
        """Index of the block (in ``Document.all_blocks()`` order)."""
        return self.segment.block

    @property
    def start(self) -> int:
        """Block offset where the unit starts."""
        return self.segment.tokens[self.i].start

    @property
    def end(self) -> int:
        """Block offset where the unit ends."""
        return self.segment.tokens[self.j - 1].end

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The unit's tokens."""
        return self.segment.tokens[self.i : self.j]

    @property
    def initial(self) -> bool:
        """True when the unit opens a sentence (its capital may be the sentence's)."""
        return self.segment.tokens[self.i].initial


def _is_initial(text: str, start: int) -> bool:
    """True when ``text[start]`` opens a sentence: only openers and spaces after a full stop."""
    k = start - 1
    while k >= 0 and (text[k].isspace() or text[k] in _OPENERS):
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END


def _title_case(text: str) -> bool:
    """True for Title Case Headlines, where capitals say nothing about names."""
    words = text.split()
    if len(words) < 4:
        return False
    capital = sum(1 for w in words if w[:1].isupper())
    return capital >= 0.75 * len(words)


_CAPS_RUN = re.compile(r"[A-Z]{3}")
_CAPS_PHRASE = re.compile(r"[A-Z](?<![\w'][A-Z])[A-Z'’]+(?:[ ,:\-]+[A-Z][A-Z'’]+){2,}(?![\w])")
_CAPS_WORD = re.compile(r"[A-Z](?<![\w][A-Z])[A-Z]{2,}(?![\w])")


def _shouting(text: str) -> bool:
    """True for a block largely in capitals (a title list, a shouted quote): its capitals
    say nothing about names."""
    if _CAPS_RUN.search(text) is None:  # the cheap test first: most blocks stop here
        return False
    return _shouted_words(text)


def _shouted_words(text: str) -> bool:
    """``_shouting`` once ``_CAPS_RUN`` has found three capitals in a row."""
    capitals = len(_CAPS_WORD.findall(text))
    return capitals >= 3 and capitals * 5 >= text.count(" ") + 1


#: the last two letters of every particle: a word ending otherwise is no particle
_PARTICLE_TAILS = frozenset(p[-2:] for p in PARTICLES)


def _leading_particles(text: str, start: int) -> list[tuple[int, int, str]]:
    """Particles written just before a run (``al-``Assad, ``bin`` Laden, ``von der`` Leyen)."""
    found: list[tuple[int, int, str]] = []
    while (
        start >= 3
        and text[start - 1] in " -"
        and text[start - 2].islower()
        and text[start - 3 : start - 1] in _PARTICLE_TAILS
    ):
        hit = -1
        for length in (2, 3, 4, 5):
            begin = start - 1 - length
            if begin < 0:
                break
            if text[begin : start - 1] in PARTICLES and (
                begin == 0 or not (text[begin - 1].isalpha() or text[begin - 1] in _APOS)
            ):
                hit = begin
                break
        if hit < 0:
            # no particle here (the loop used to run for ever when the text began just
            # before a found particle: "the al Assad")
            break
        found.append((hit, start - 1, text[hit : start - 1]))
        start = hit
    found.reverse()
    return found


_new = tuple.__new__  # builds a Token, Segment or Unit without its Python-level __new__


def block_segments(block: Block, index: int) -> list[Segment]:
    """The name segments of one block, in order."""
    text = block.text
    # "WHO WAS OSCAR?": three words in capitals in a row are a heading, not names
    caps = _CAPS_RUN.search(text) is not None
    shouted_spans = [m.span() for m in _CAPS_PHRASE.finditer(text)] if caps else []
    headline_caps = (block.kind in ("headline", "heading") and _title_case(text)) or (
        caps and _shouted_words(text)
    )
    segments: list[Segment] = []
    append = segments.append
    stopwords, caps_stopwords, titles, title_objects = (
        STOPWORDS,
        _CAPS_STOPWORDS,
        TITLES,
        _TITLE_OBJECTS,
    )
    title_of_end = -1  # where "Secretary of " ends: the next word may be the title's object
    for run in _RUN_RE.finditer(text):
        run_start, run_end = run.span()
        word = run.group()
        if run_end - run_start == 1 and not word.isalpha():
            continue
        if (
            run_start >= 3
            and text[run_start - 1] in " -"
            and text[run_start - 3 : run_start - 1] in _PARTICLE_TAILS
        ):
            pieces = _leading_particles(text, run_start)
        else:
            pieces = []
        spaced = " " in word or "-" in word or "\u00a0" in word
        if not pieces and not spaced:
            # the common case, one capitalised word: no segment bookkeeping
            if word[-1] in _APOS or (len(word) > 2 and word[-2] in _APOS):
                word = _POSSESSIVE_RE.sub("", word)
                if not word:
                    continue
            if word in stopwords or word in caps_stopwords:
                continue
            if word in titles and text.startswith((" of ", " for "), run_start + len(word)):
                title_of_end = (
                    run_start + len(word) + (4 if text[run_start + len(word) + 1] == "o" else 5)
                )
                continue
            if run_start == title_of_end and word in title_objects:
                continue
            initial = (
                headline_caps or _is_initial(text, run_start) or (len(word) >= 7 and word.isupper())
            )
            if shouted_spans and any(a <= run_start < b for a, b in shouted_spans):
                initial = True
            token = _new(Token, (run_start, run_start + len(word), word, "name", initial))
            append(_new(Segment, (index, (token,), ())))
            continue
        if spaced:
            # the pieces are separated by exactly one space, hyphen or no-break space
            at = run_start
            for piece in word.replace("-", " ").replace("\u00a0", " ").split(" "):
                pieces.append((at, at + len(piece), piece))
                at += len(piece) + 1
        else:
            pieces.append((run_start, run_end, word))
        current: list[Token] = []
        count = len(pieces)
        for k, (start, end, word) in enumerate(pieces):
            first = word[0]
            elided = len(word) > 2 and word[1] in "'’" and word[2].isupper()  # d'Ivoire
            if not (first.isupper() or elided or word in PARTICLES):
                if current:
                    _close(segments, current, text, index)
                continue
            possessive = False
            if word[-1] in _APOS or (len(word) > 2 and word[-2] in _APOS):
                stripped = _POSSESSIVE_RE.sub("", word)
                possessive = stripped != word
                word = stripped
                end = start + len(word)
                if not word:
                    if current:
                        _close(segments, current, text, index)
                    continue
            if word in PARTICLES:
                current.append(_new(Token, (start, end, word, "particle", False)))
                continue
            kind = "name"
            if word in titles:
                # a title word is a title only when something follows it (President Obama,
                # Secretary of State); at the end of a run it is a name (Mervyn King)
                if k + 1 < count and not possessive:
                    kind = "title"
                elif text.startswith((" of ", " for "), end):
                    kind = "title"
                    title_of_end = end + (4 if text[end + 1] == "o" else 5)
            elif start == title_of_end and word in title_objects:
                kind = "title"
            if kind == "title":
                if current:
                    _close(segments, current, text, index)
                continue
            # only a run's first word can open a sentence
            initial = headline_caps or (not current and _is_initial(text, start))
            if shouted_spans and any(a <= start < b for a, b in shouted_spans):
                initial = True
            if word in caps_stopwords or (word in stopwords and (initial or not current)):
                # "The", "But", "Will": a capitalised function word is no name
                if current:
                    _close(segments, current, text, index)
                continue
            current.append(_new(Token, (start, end, word, kind, initial)))
            if possessive:
                # "Russia's Sergei Lavrov": the possessive ends the name
                _close(segments, current, text, index)
        if current:
            _close(segments, current, text, index)
    return segments


def _close(segments: list[Segment], current: list[Token], text: str, index: int) -> None:
    """Turn the collected tokens into a Segment (ending on a name) and start afresh."""
    while current and current[-1].kind != "name":
        current.pop()
    if len(current) == 1:
        token = current[0]
        if len(token.text) >= 7 and token.text.isupper():
            # WARCRAFT: a title in capitals, not an acronym (see below)
            token = token._replace(initial=True)
        segments.append(_new(Segment, (index, (token,), ())))
    elif current:
        shouted = [t for t in current if len(t.text) >= 3 and t.text.isupper()]
        if len(shouted) >= 3 or any(len(t.text) >= 7 for t in shouted):
            # DEAD OR ALIVE ULTIMATE, WARCRAFT: a title in capitals, not an acronym; its
            # capitals prove nothing about the name's spelling
            current[:] = [t._replace(initial=True) for t in current]
        seps = tuple(text[a.end : b.start] for a, b in zip(current, current[1:], strict=False))
        segments.append(_new(Segment, (index, tuple(current), seps)))
    current.clear()


def segment_units(segment: Segment, text: str) -> list[Unit]:
    """Every unit of a segment: contiguous pieces that end on a name and hold one."""
    tokens = segment.tokens
    n = len(tokens)
    if n == 1:
        word = tokens[0].text
        return [_new(Unit, (segment, 0, 1, word, (word,)))]
    if n == 2 and tokens[0].kind == "name" and tokens[1].kind == "name":
        # the usual two-word name (Tony Blair): the first, both, the second
        a, b = tokens
        first, second = text[a.start : a.end], text[b.start : b.end]
        return [
            _new(Unit, (segment, 0, 1, first, (a.text,))),
            _new(Unit, (segment, 0, 2, text[a.start : b.end], (a.text, b.text))),
            _new(Unit, (segment, 1, 2, second, (b.text,))),
        ]
    units = []
    named = [t.kind == "name" for t in tokens]
    for i in range(n):
        if not named[i] and (i + 1 >= n or not named[i + 1]):
            continue
        begin = tokens[i].start
        names: list[str] = []
        for j in range(i + 1, min(n, i + MAX_UNIT_TOKENS) + 1):
            if not named[j - 1]:
                continue
            last = tokens[j - 1]
            names.append(last.text)
            units.append(_new(Unit, (segment, i, j, text[begin : last.end], tuple(names))))
    return units


def document_segments(doc: Document) -> list[Segment]:
    """Every name segment of the headline and body, in reading order."""
    found: list[Segment] = []
    for index, block in enumerate(doc.all_blocks()):
        found.extend(block_segments(block, index))
    return found
