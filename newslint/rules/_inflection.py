"""One key for the inflected forms of an English word: ``holds``, ``held`` and ``holding``
all give ``hold``; ``raise``, ``raises``, ``raised`` and ``raising`` all give ``rais``.

H003 compares headlines by these keys. They are matching keys, not words: a regular ending
(``-s``, ``-es``, ``-ies``, ``-ed``, ``-ied``, ``-ing``) is removed, then a final ``e`` (a
final ``y`` becomes ``i``) and one letter of a final double consonant, so that a word and
its forms meet (``hope``/``hoped``, ``party``/``parties``, ``plan``/``planned``,
``call``/``called``). Irregular forms, and the few regular ones these rules miss
(``agreed``), come from a small table written for newslint (``_IRREGULAR_TEXT``). It leaves
out the past forms that headlines mostly use as other words (``left``, ``ground``,
``wound``, ``bound``, ``fed``, ``lay``, ``spat``...): merging ``Labour left`` with ``Labour
leave`` would cost more than it finds.

Libraries measured before writing this (see rules/SOURCES.md): simplemma 2.0.0 (19 MB, 0.6 s
to load English) leaves ``won``, ``rose`` and ``warning`` alone and turns ``better`` into
``good``; lemminflect 0.2.3 (last release 2022) needs a part of speech to choose between
``left`` and ``leave`` and takes 0.5 s to load in every worker process.
"""

from __future__ import annotations

from functools import lru_cache

#: base form, then its irregular forms (hand-written for newslint; see the module docstring
#: for the forms left out on purpose)
_IRREGULAR_TEXT = """
agree agreed
arise arose arisen
awake awoke awoken
be was were been being is are
bear born borne
beat beaten
become became
begin began begun
bend bent
bite bitten
bleed bled
blow blew blown
break broke broken
breed bred
bring brought
build built
burn burnt
buy bought
catch caught
choose chose chosen
cling clung
come came
creep crept
deal dealt
decree decreed
die dying
dig dug
disagree disagreed
do does did done doing
draw drew drawn
dream dreamt
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
feel felt
fight fought
find found
flee fled
fly flew flown
forbid forbade forbidden
free freed
foresee foresaw foreseen
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got gotten
give gave given
go goes went gone going
grow grew grown
guarantee guaranteed
hang hung
have has had having
hear heard
hide hid hidden
hold held
keep kept
kneel knelt
know knew known
lay laid
lead led
leap leapt
lend lent
lie lying
lose lost
make made
mean meant
meet met
mistake mistook mistaken
overcome overcame
overrun overran
oversee oversaw overseen
overtake overtook overtaken
overthrow overthrew overthrown
pay paid
prove proven
ride rode ridden
ring rang rung
rise rose risen
run ran
say said
see saw seen
seek sought
sell sold
send sent
shake shook shaken
shine shone
shoot shot
show shown
shrink shrank shrunk
sing sang sung
sink sank sunk
sit sat
sleep slept
slide slid
speak spoke spoken
speed sped
spend spent
spin spun
spring sprang sprung
stand stood
steal stole stolen
stick stuck
sting stung
stink stank stunk
strike struck stricken
strive strove striven
swear swore sworn
sweep swept
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
tie tying
undergo underwent undergone
understand understood
undertake undertook undertaken
uphold upheld
wake woke woken
wear wore worn
weep wept
win won
withdraw withdrew withdrawn
withhold withheld
withstand withstood
write wrote written
child children
crisis crises
foot feet
goose geese
knife knives
man men
mouse mice
thief thieves
tooth teeth
wife wives
wolf wolves
woman women
"""

#: words that end like an inflection but are not one (``news`` is no plural of ``new``)
_NOT_INFLECTED = frozenset(["news", "series", "species", "evening"])
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    """Irregular form -> base form, read once from ``_IRREGULAR_TEXT``."""
    table = {}
    for line in _IRREGULAR_TEXT.strip().splitlines():
        base, *forms = line.split()
        for form in forms:
            table[form] = base
    return table


def _strip_regular(word: str) -> str:
    """``word`` without a regular ending, or ``word`` when what would be left is too short.

    A ``y`` before the ending is left as ``i`` (``parties``/``denied`` -> ``parti``/``deni``):
    ``word_key`` turns a final ``y`` into ``i`` too.
    """
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        if word.endswith(("sses", "shes", "ches", "xes", "zes")) or (
            word.endswith("ies") and len(word) > 4
        ):
            word = word[:-2]  # crashes -> crash, parties -> parti (raises -> raise: see below)
        else:
            word = word[:-1]  # dies -> die
    if word.endswith("ied"):
        return word[:-2] if len(word) > 4 else word[:-1]  # denied -> deni, died -> die
    for ending in ("ed", "ing"):
        stem = word[: -len(ending)]
        # need, bring, string: what is left must be a syllable of three letters or more;
        # agreed and proceed: no "ed" after an "e" (agreed is in the table)
        if (
            word.endswith(ending)
            and len(stem) >= 3
            and not _VOWELS.isdisjoint(stem)
            and not (ending == "ed" and stem.endswith("e"))
        ):
            return stem
    return word


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The key shared by the inflected forms of a normalised (lower-case) word.

    Words of three letters or fewer, words with digits and ``_NOT_INFLECTED`` are their own key.
    """
    base = _irregular().get(word, word)
    if len(base) <= 3 or not base.isalpha() or base in _NOT_INFLECTED:
        return base
    key = _strip_regular(base)
    if len(key) >= 4 and key.endswith("e"):
        key = key[:-1]  # raise, raises, raised, raising -> rais
    elif len(key) >= 4 and key.endswith("y"):
        key = key[:-1] + "i"  # party, parties -> parti
    if len(key) >= 4 and key[-1] == key[-2] and key[-1] not in _VOWELS:
        key = key[:-1]  # planned -> plan, called and call -> cal
    return key
