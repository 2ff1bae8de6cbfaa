"""S: boilerplate that the rule packs cannot express: a photo caption recognised by its form.

The word-list boilerplate rules (photo credits, ``Click here``, ``Also read:``...) are YAML
packs in ``rules/S00*.yaml`` of the ``existence`` kind; this module holds the rule that needs
more than a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostic import Diagnostic, Fix
from newslint.document import Document
from newslint.rule import DocumentRule, Options
from newslint.rules._duplication import line_removal

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PLACE_WORD = r"[A-Z][\w'’.-]*"
# The credit a wire caption may close with: REUTERS/Name, (AP Photo/Name), (Photo by ...).
_CREDIT = (
    r"(?:\s*(?:REUTERS|Reuters)/[A-Z][^\s/]*(?: [A-Z][^\s/]*){0,3}(?:/File Photo)?\.?"
    r"|\s*\((?:AP|AFP|EPA|AAP) Photo(?:/[^()]{1,60})?\)"
    r"|\s*\(Photo by [^()]{1,60}\))?"
)
# Reuters: "..., Ras al-Ain, Syria January 29, 2016." (a place, then the date, no comma).
# AP: "..., in Ras al-Ain, Syria, Friday, Jan. 29, 2016." (a weekday between commas).
_DATELINE = re.compile(
    rf"(?:,\s+{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}|,\s+{_WEEKDAY},)"
    rf"\s+{_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d\d\.?{_CREDIT}\s*$"
)
# Getty: "... on January 29, 2016 in Kabul, Afghanistan. (Photo by Jane Roe/Getty Images)";
# without the credit this is ordinary prose, so the credit is required.
_GETTY = re.compile(
    rf"\bon\s+{_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d\d\s+in\s+[^.]{{2,60}}\.\s*"
    r"\((?:Photo|Photograph) by [^()]{1,60}\)\s*$"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_PREPOSITIONS = frozenset(
    {"On", "In", "At", "By", "Since", "Until", "From", "Before", "After", "Of", "To", "For"}
)


class CaptionDateline(DocumentRule):
    """Flags a photo caption left in the body, recognised by the dateline it ends with.

    Wire photo captions describe the picture and end with where and when it was taken:
    Reuters writes ``... in Ras al-Ain, Syria January 29, 2016.`` (place, then the date with
    no comma), AP ``..., Syria, Friday, Jan. 29, 2016.``, Getty ``... on January 29, 2016 in
    Kabul, Afghanistan. (Photo by ... /Getty Images)``, often with a credit after
    (``REUTERS/Jane Roe``, ``(AP Photo/Jane Roe)``). Pasted into an article, the caption reads
    as a stray paragraph. Prose that ends with a date (``signed in Paris on January 29,
    2016.``) has a preposition or comma before the date and is not flagged; a block longer
    than ``max-words`` words is not a caption. The unsafe fix deletes the line.

    Options: ``max-words`` (default 80).

    Failing::

        Ferry service resumes
        A deckhand ties up the ferry at the quay in Portree, Scotland April 2, 2019.

    Passing::

        Ferry service resumes
        The first ferry of the season docked in Portree on April 2, 2019.
    """

    code = "S006"
    name = "caption-dateline"
    summary = "A photo caption (ending in a dateline) is left in the body"
    severity = "warning"
    fixable = "unsafe"
    options = {"max-words": 80}
    examples = (
        {
            "fail": "Ferry service resumes\nA deckhand ties up the first ferry of the season "
            "at the quay in Portree, Scotland April 2, 2019.\nThe ferry sailed at dawn.\n",
            "fixed": "Ferry service resumes\nThe ferry sailed at dawn.\n",
            "unsafe": True,
        },
        {
            "fail": "Ferry service resumes\nA deckhand ties up the ferry in Portree, Scotland, "
            "Tuesday, April 2, 2019. (AP Photo/Jane Roe)\n",
        },
        {
            "fail": "Ferry service resumes\nA deckhand ties up the ferry on April 2, 2019 in "
            "Portree, Scotland. (Photo by Jane Roe/Getty Images)\n",
        },
        {
            "pass": "Ferry service resumes\n"
            "The first ferry of the season docked in Portree on April 2, 2019.\n",
        },
        {
            "pass": "Ferry service resumes\nThe service was last suspended in Portree, "
            "Scotland, from March 1, 2019.\n",
        },
        {"pass": "Ferry service resumes\nThe contract runs until June 30, 2025.\n"},
    )

    def check(self, doc: Document, options: Options) -> Iterator[Diagnostic]:
        max_words = options["max-words"]
        for block in doc.blocks:
            text = block.text
            # Cheap tests first: every caption form has a year near its end.
            if not _YEAR.search(text, max(0, len(text) - 100)) or len(text.split()) > max_words:
                continue
            match = _DATELINE.search(text) or _GETTY.search(text)
            if match is None:
                continue
            place = match.group().lstrip(", ").split(" ", 1)[0]
            if place in _PREPOSITIONS:
                continue
            edit = line_removal(doc, block)
            yield self.at(
                doc,
                block,
                0,
                len(text.rstrip()),
                f"photo caption left in the body: it ends with a dateline "
                f"({match.group().lstrip(', ').strip()!r})",
                fix=Fix((edit,), "unsafe", "delete the caption") if edit else None,
            )
