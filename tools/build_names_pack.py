"""Build ``rules/names_places.tsv``: country names and place spellings for the N rules.

Run by a maintainer when the source data or these filters change::

    python tools/build_names_pack.py [--shared ../shared] [--output rules/names_places.tsv]

Sources (see ``rules/SOURCES.md`` for their licences and attribution):

* world-countries 5.1.0 (mledoze/countries, ODbL 1.0): for each country its English common
  name (the canonical name), its English official name, and the alternative spellings that
  are English (every word English or part of the country's own names) or the common name
  with accents; codes are left out except ``US``, ``UK``, ``USA``, ``UAE``, ``DRC``...
* GeoNames cities15000 (CC BY): for the capitals and cities of 200,000 people or more of
  countries whose names reach English through transliteration (Arabic, Cyrillic, Chinese...
  scripts), and their cities of 50,000 in countries at war in the news (Syria, Iraq,
  Ukraine...), the alternate names that
  are Latin-script spellings of the city's name: the same first letter and consonant
  skeleton within one edit (``Kiev``/``Kyiv``/``Kiyev``, ``Raqqa``/``Rakka``), as many words
  as the name, not an English word, not another place's name, and not an exonym that is also
  a club or brand name in English news (``Roma``, ``Napoli``).

A form two entries claim is dropped from both (``Congo``, ``Georgia``...), so the table never
guesses between two places. Output: one line per group, ``canonical TAB forms TAB
spellings``, forms and spellings ``|``-separated; the file is regenerated, never edited.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.naming.variants import fold, loose_key  # noqa: E402


def _split(text: str, sep: str | None = None) -> frozenset[str]:
    """The words (or ``sep``-separated items) of a literal list."""
    return frozenset(item.strip() for item in text.split(sep) if item.strip())


#: city population from which GeoNames spellings are kept (capitals always)
MIN_POPULATION = 200_000
#: countries whose smaller cities are in the news (wars, occupations): from 50,000 people
NEWS_COUNTRIES = _split("SY IQ AF UA LY YE IL PS LB SO SD SS ML")
NEWS_POPULATION = 50_000
#: countries whose place names reach English through transliteration (Arabic, Cyrillic,
#: Greek, Hebrew, Persian, Indic, Chinese... scripts): only their cities get spellings, since
#: Latin-script exonyms (Roma, Sevilla, Lyon) are club and brand names in English news
TRANSLITERATED = _split(
    """AE BH DZ EG IQ JO KW LB LY MA OM PS QA SA SD SY TN YE MR IR AF TJ RU UA BY BG RS MK KZ
    KG MN GR CY IL AM GE IN PK BD NP LK CN TW HK JP KR KP TH MM LA KH ET ER"""
)
#: acronyms of country names that news uses as names (others, e.g. RSA, are companies too)
KEEP_ACRONYMS = _split("USA UAE DRC PRC DPRK ROK")
#: English words allowed in a country's alternative names beside its own names' words
ENGLISH = _split(
    """republic kingdom state states federation federal democratic people's peoples islamic
    arab union united commonwealth principality grand duchy islands island the of and
    socialist co-operative cooperative sultanate emirates territory great northern
    plurinational bolivarian confederation hashemite nation independent oriental eastern
    federated korea america britain holland burma"""
)
#: two-letter codes that news writes as names
KEEP_CODES = frozenset({"US", "UK"})
#: exonyms that English news uses for clubs, brands or other places
EXCLUDE = _split(
    """Roma, Milano, Napoli, Torino, Genova, Firenze, Sevilla, Lisboa, Monaco, Wien, Praha,
    Bruxelles, Brussel, Venezia, Bayern, Munchen, Koln, Porto, Lazio, Athina, Moskva, Warszawa,
    Kobenhavn, Goteborg, Bucuresti, Beograd, Den Haag, Hague, Marseille, Lyon, Sao Paulo, Paris,
    Reading, Nice, Victoria, Georgia, Jordan, Chad, Niger, Guinea, Congo, Dominica, Split, Bath,
    Sale, Male, Mali""",
    ",",
)
#: the Arabic article of a place name ("Ar Raqqah" is also written "Raqqa")
ARABIC_ARTICLES = _split("Al Ar As Ash Ad Az An At El")


def _ascii_latin(text: str) -> bool:
    """True when ``text`` is Latin letters (accents allowed), spaces, hyphens, apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return all(c.isascii() and (c.isalpha() or c in " -'") for c in stripped)


@functools.cache
def common_words() -> frozenset[str]:
    """The 30,000 most frequent English words (symspellpy's frequency list, MIT)."""
    import symspellpy

    path = os.path.join(os.path.dirname(symspellpy.__file__), "frequency_dictionary_en_82_765.txt")
    with open(path, encoding="utf-8") as handle:
        return frozenset(line.split()[0] for _, line in zip(range(30_000), handle, strict=False))


def countries(shared: Path) -> list[tuple[str, list[str]]]:
    """(common name, other English forms) for every country."""
    data = json.loads((shared / "corpora/world_countries/countries.json").read_text("utf-8"))
    out = []
    for country in data:
        common = country["name"]["common"]
        official = country["name"]["official"]
        demonyms = country.get("demonyms", {}).get("eng", {})
        own = {w.lower() for name in (common, official) for w in name.replace("-", " ").split()}
        own |= {str(d).lower() for d in demonyms.values() if d}
        forms = []
        if official != common and "," not in official and "(" not in official:
            forms.append(official)
        for alt in country.get("altSpellings", []):
            if alt in KEEP_CODES:
                forms.append(alt)
                continue
            if len(alt) <= 2 or "," in alt or "." in alt or not _ascii_latin(alt):
                continue
            if alt.isupper():
                if alt in KEEP_ACRONYMS:
                    forms.append(alt)
                continue
            words = alt.replace("-", " ").split()
            if alt.startswith("The ") or (len(words) == 1 and alt.lower() in common_words()):
                continue
            if fold(alt) == fold(common) or all(
                w.lower() in own or w.lower() in ENGLISH for w in words
            ):
                forms.append(alt)
        forms = [f for f in dict.fromkeys(forms) if f != common]
        out.append((common, forms))
    return out


def _anchors(name: str, ascii_name: str) -> set[str]:
    """A city's own names, with and without a leading Arabic article."""
    anchors = {name, ascii_name}
    for anchor in list(anchors):
        head, _, rest = anchor.replace("-", " ").partition(" ")
        if head in ARABIC_ARTICLES and rest:
            anchors.add(rest)
    return anchors


def cities(shared: Path) -> list[tuple[str, list[str]]]:
    """(name, spellings) for capitals and large cities."""
    words = common_words()
    out = []
    path = shared / "corpora/geonames_cities15000/cities15000.txt"
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, ascii_name, alternates, feature, country = row[1], row[2], row[3], row[7], row[8]
            population = int(row[14] or 0)
            news = country in NEWS_COUNTRIES and population >= NEWS_POPULATION
            if country not in TRANSLITERATED:
                continue
            if population < MIN_POPULATION and feature != "PPLC" and not news:
                continue
            anchors = _anchors(name, ascii_name)
            keys = {loose_key(a) for a in anchors}
            firsts = {k[:1] for k in keys}
            lengths = {len(a.replace("-", " ").split()) for a in anchors}
            spellings: list[str] = []
            for alt in (a.strip() for a in alternates.split(",")):
                if (
                    len(alt) < 4
                    or alt in anchors
                    or alt in EXCLUDE
                    or "'" in alt
                    or not alt[:1].isupper()
                    or alt.isupper()
                    or not _ascii_latin(alt)
                    or alt.lower() in words
                    or len(alt.replace("-", " ").split()) not in lengths
                    or any(fold(alt) == fold(a) for a in anchors)
                ):
                    continue
                key = loose_key(alt)
                if key[:1] not in firsts or not any(_within_one(key, k) for k in keys):
                    continue
                if all(fold(alt) != fold(s) for s in spellings):
                    spellings.append(alt)
            if spellings:
                canonical = ascii_name if _ascii_latin(ascii_name) else name
                out.append((canonical, spellings))
    return out


def _within_one(a: str, b: str) -> bool:
    """True when two consonant keys are at most one edit apart."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


def _claim_key(form: str) -> str:
    return form if form.isupper() else fold(form)


def build(shared: Path) -> list[str]:
    """The lines of the output table."""
    entries = [(c, f, []) for c, f in countries(shared)]
    entries += [(c, [], s) for c, s in cities(shared)]
    claims: Counter[str] = Counter()
    for canonical, forms, spellings in entries:
        for key in {_claim_key(x) for x in (canonical, *forms, *spellings)}:
            claims[key] += 1
    names: Counter[str] = Counter(fold(canonical) for canonical, _, _ in entries)
    lines = []
    for canonical, forms, spellings in entries:
        if names[fold(canonical)] > 1 and not forms:
            continue  # two cities of one name (Hyderabad, Valencia): no safe spellings
        forms = [f for f in forms if claims[_claim_key(f)] == 1 and f not in EXCLUDE]
        spellings = [s for s in spellings if claims[_claim_key(s)] == 1]
        if forms or spellings:
            lines.append(f"{canonical}\t{'|'.join(forms)}\t{'|'.join(spellings)}")
    return lines


def main() -> None:
    """Write the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--output", type=Path, default=ROOT / "rules" / "names_places.tsv")
    args = parser.parse_args()
    lines = build(args.shared)
    header = (
        "# Generated by tools/build_names_pack.py from world-countries 5.1.0 (ODbL 1.0) and\n"
        "# GeoNames cities15000 (CC BY, geonames.org); see rules/SOURCES.md. Do not edit.\n"
        "# canonical<TAB>forms (|-separated)<TAB>spellings (|-separated)\n"
    )
    args.output.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} groups to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
