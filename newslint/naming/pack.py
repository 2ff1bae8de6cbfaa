"""Names packs: entity groups with their accepted forms, forms to avoid and house style.

A names pack is YAML (a user's pack adds ``kind: names`` and rule metadata, see
``newslint.kinds.names``); its ``groups`` key holds a list of entities::

    groups:
      - canonical: Islamic State            # the entity's name; also an accepted form
        forms: [IS, ISIL, ISIS, Daesh]      # other names and abbreviations for it
        avoid: [Daesh]                      # forms the house style rejects
        preferred: Islamic State            # the house-style form: every other form is flagged
        spellings: [Daech]                  # spelling variants of the canonical name
        together: [[UK, Britain]]           # forms that may appear in one article
        mix: false                          # true: any forms may appear in one article
        note: BBC style since 2014          # shown in messages

Only ``canonical`` is required. Acronyms (all capitals, dots allowed) match exactly; other
forms match whatever their case, accents, hyphens and spaces (``al-Qaeda`` matches
``Al Qaeda``). A form matches a whole name in the text, not part of a longer one (``US``
matches in ``US President Obama`` and ``US-led``, not in ``US Open``).

The bundled data (``rules/names.yaml``, hand-made, and ``rules/names_places.tsv``, built by
``tools/build_names_pack.py`` from world-countries and GeoNames) loads once, lazily.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import Any, NamedTuple

from newslint.errors import RuleError
from newslint.naming.variants import fold, is_acronym

GROUP_KEYS = frozenset(
    {"canonical", "forms", "avoid", "preferred", "spellings", "together", "mix", "note"}
)


def _words(text: str) -> frozenset[str]:
    """The white-space separated words of a literal list."""
    return frozenset(text.split())


_PLAIN_DROP = re.compile(r"[\W_]+")
#: words left out of an acronym's initials (Islamic State of Iraq and the Levant = ISIL)
_MINOR_WORDS = _words("of and the for in on at to de du des la le al el")


class Group(NamedTuple):
    """One entity of a names pack."""

    canonical: str
    #: every accepted form, the canonical name first (avoided forms and spellings included)
    forms: tuple[str, ...]
    avoid: tuple[str, ...] = ()
    preferred: str | None = None
    spellings: tuple[str, ...] = ()
    #: sets of forms that may appear together in one article
    together: tuple[frozenset[str], ...] = ()
    mix: bool = False
    note: str = ""
    #: from the generated place table, not written by hand
    generated: bool = False

    @property
    def target(self) -> str:
        """The form to suggest instead of an avoided one: the preferred or canonical name."""
        return self.preferred or self.canonical


@lru_cache(maxsize=32768)
def match_key(text: str) -> str:
    """The key a form and a mention meet under: acronyms exactly, other names folded."""
    return text if is_acronym(text) else "~" + fold(text)


def initials(name: str) -> str:
    """Capital initials of a multi-word name's significant words (``United States`` = US)."""
    out = []
    for word in name.replace("-", " ").split():
        if word.lower() in _MINOR_WORDS or not word[:1].isalpha():
            continue
        out.append(word[0].upper())
    return "".join(out)


def _words(name: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in name.replace("-", " ").split())


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def compatible(group: Group, a: str, b: str) -> bool:
    """True when forms ``a`` and ``b`` of ``group`` may appear in one article.

    A name and its own abbreviation go together (``United States``/``US``,
    ``Islamic State``/``IS``), as do a name and a longer name holding it
    (``Britain``/``Great Britain``, ``Angola``/``Republic of Angola``), and forms the group
    lists in one ``together`` set. Two different abbreviations (``US``/``USA``), a name and
    somebody else's abbreviation (``Islamic State``/``ISIL``) and two different names
    (``Russia``/``Russian Federation``) do not.
    """
    if group.mix or match_key(a) == match_key(b):
        return True
    for allowed in group.together:
        if a in allowed and b in allowed:
            return True
    acronym_a, acronym_b = is_acronym(a), is_acronym(b)
    if acronym_a and acronym_b:
        return False
    if acronym_a or acronym_b:
        short, name = (a, b) if acronym_a else (b, a)
        letters = short.replace(".", "")
        full = initials(name)
        return len(full) >= 2 and full.startswith(letters)
    wa, wb = _words(a), _words(b)
    return _contains(wa, wb) if len(wa) >= len(wb) else _contains(wb, wa)


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise RuleError(f"{where}: '{key}' must be a string or a list of strings")


def parse_group(spec: Any, where: str) -> Group:
    """Build a Group from one mapping of a pack's ``groups`` list, checking its keys."""
    if not isinstance(spec, Mapping):
        raise RuleError(f"{where}: a group must be a mapping with a 'canonical' name")
    unknown = set(spec) - GROUP_KEYS
    if unknown:
        raise RuleError(
            f"{where}: unknown group key(s) {', '.join(sorted(map(str, unknown)))} "
            f"(known: {', '.join(sorted(GROUP_KEYS))})"
        )
    canonical = spec.get("canonical")
    if not isinstance(canonical, str) or not canonical.strip():
        raise RuleError(f"{where}: 'canonical' is required and must be a string")
    canonical = canonical.strip()
    forms = _strings(spec.get("forms"), where, "forms")
    avoid = _strings(spec.get("avoid"), where, "avoid")
    spellings = _strings(spec.get("spellings"), where, "spellings")
    preferred = spec.get("preferred")
    if preferred is not None and not isinstance(preferred, str):
        raise RuleError(f"{where}: 'preferred' must be a string")
    together_spec = spec.get("together", [])
    if not isinstance(together_spec, list):
        raise RuleError(f"{where}: 'together' must be a list of lists of forms")
    together = tuple(frozenset(_strings(t, where, "together")) for t in together_spec)
    mix = spec.get("mix", False)
    if not isinstance(mix, bool):
        raise RuleError(f"{where}: 'mix' must be true or false")
    note = spec.get("note", "")
    if not isinstance(note, str):
        raise RuleError(f"{where}: 'note' must be a string")
    every = _unique((canonical, *([preferred] if preferred else []), *forms, *avoid, *spellings))
    return Group(
        canonical=canonical,
        forms=every,
        avoid=avoid,
        preferred=preferred.strip() if preferred else None,
        spellings=spellings,
        together=together,
        mix=mix,
        note=note,
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)


def parse_groups(spec: Any, where: str) -> tuple[Group, ...]:
    """Build the groups of a pack's ``groups`` list."""
    if not isinstance(spec, list):
        raise RuleError(f"{where}: 'groups' must be a list of entity groups")
    return tuple(parse_group(item, f"{where}: groups[{i}]") for i, item in enumerate(spec))


class NamesIndex(NamedTuple):
    """Groups and the lookups mention matching needs."""

    groups: tuple[Group, ...]
    #: match_key(form) -> (group index, form); the first group listing a form keeps it
    by_key: Mapping[str, tuple[int, str]]
    #: first word of each form that spans connectors (``Bank of ...``) -> those forms
    long_forms: Mapping[str, tuple[str, ...]]

    def lookup(self, text: str) -> tuple[int, str] | None:
        """The (group index, form) whose form ``text`` is, if any."""
        return self.by_key.get(match_key(text))


def build_index(groups: Iterable[Group]) -> NamesIndex:
    """Index groups by form; a form two groups list belongs to the first."""
    groups = tuple(groups)
    by_key: dict[str, tuple[int, str]] = {}
    long_forms: dict[str, list[str]] = {}
    setdefault = by_key.setdefault
    for index, group in enumerate(groups):
        if group.generated and len(group.forms) == 1 + len(group.spellings):
            # a city's spellings only: N001/N002 use them (spelling_sets); no form to mix
            continue
        for form in group.forms:
            # match_key without its cache: thousands of keys are built once here
            if form.isascii() and not is_acronym(form):
                key = "~" + _PLAIN_DROP.sub("", form).lower()
            else:
                key = match_key(form)
            if len(key) < 2:
                continue
            setdefault(key, (index, form))
            if " of " in form or " and " in form or " the " in form or " for " in form:
                first = form.split(" ", 1)[0]
                long_forms.setdefault(first, []).append(form)
                bare = re.sub(r"['’]s$", "", first)
                if bare != first:  # "People's Republic of China" starts at segment "People"
                    long_forms.setdefault(bare, []).append(form)
    return NamesIndex(
        groups,
        by_key,
        {k: tuple(sorted(v, key=len, reverse=True)) for k, v in long_forms.items()},
    )


@cache
def bundled_groups() -> tuple[Group, ...]:
    """The groups of the bundled names data, loaded once."""
    from importlib.resources import files

    import yaml

    root = files("newslint.packs")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec = yaml.load(root.joinpath("names.yaml").read_text("utf-8"), Loader=loader)
    made = list(parse_groups(spec.get("groups", []), "rules/names.yaml"))
    places = _places(root.joinpath("names_places.tsv").read_text("utf-8"))
    return merge_groups(made, places)


def merge_groups(first: Iterable[Group], second: Iterable[Group]) -> tuple[Group, ...]:
    """``first`` then ``second``; a group of ``second`` sharing a form (as written) with one of
    ``first`` adds its forms and spellings to it instead of standing alone."""
    merged = list(first)
    owner: dict[str, int] = {}
    for index, group in enumerate(merged):
        for form in group.forms:
            owner.setdefault(form, index)
    for group in second:
        hits = [owner[f] for f in group.forms if f in owner]
        if not hits:
            merged.append(group)
            continue
        into = merged[hits[0]]
        known = set(into.forms)
        merged[hits[0]] = into._replace(
            forms=into.forms + tuple(f for f in group.forms if f not in known),
            spellings=into.spellings + tuple(s for s in group.spellings if s not in known),
        )
    return tuple(merged)


def _places(text: str) -> Iterable[Group]:
    """Groups of the generated place table: ``canonical TAB forms TAB spellings``.

    Forms and spellings are ``|``-separated; see ``tools/build_names_pack.py``.
    """
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        canonical, forms, spellings = (line.split("\t") + ["", ""])[:3]
        form_list = tuple(f for f in forms.split("|") if f)
        spelling_list = tuple(s for s in spellings.split("|") if s)
        # the generator wrote each form once: no need to deduplicate
        yield Group(
            canonical,
            (canonical, *form_list, *spelling_list),
            spellings=spelling_list,
            generated=True,
        )


@cache
def bundled_index() -> NamesIndex:
    """The index of the bundled names data, built once."""
    return build_index(bundled_groups())


@cache
def spelling_sets() -> Mapping[str, str]:
    """fold(spelling) -> an id shared by the known spellings of one name.

    Hand-made sets (``Kiev``/``Kyiv``, ``Gaddafi``/``Gadhafi``) have a plain id: N001 and
    N002 take such a pair as a variant without more evidence. Sets from the generated place
    table have an id starting with ``~``: those pairs still need the evidence any
    transliteration needs (place names are also people's and clubs' names).
    """
    sets: dict[str, str] = {}
    for group in bundled_groups():
        if not group.spellings:
            continue
        ident = ("~" if group.generated else "") + fold(group.canonical)
        for name in (group.canonical, *group.spellings):
            sets.setdefault(fold(name), ident)
    return sets
