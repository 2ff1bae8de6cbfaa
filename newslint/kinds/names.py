"""The ``names`` kind: a newsroom's names pack, checked for house style and mixed forms.

A names pack lists the entities a newsroom names one way. Add it by path in config
(``packs = ["style/names.yaml"]``); it becomes one rule with the pack's own code::

    kind: names
    code: N101                       # your code: a letter and three digits
    name: house-names                # kebab-case
    summary: House style for names
    severity: warning                # error, warning (default) or info
    scope: [headline, paragraph]     # block kinds checked (default: body blocks)
    message: "{detail}"              # optional; also {text}, {suggestion}, {canonical}
    groups:
      - canonical: Islamic State     # the entity's name (required)
        forms: [IS, ISIL, ISIS]      # other names and abbreviations
        avoid: [Daesh]               # forms never to use
        preferred: Islamic State     # the house-style form: every other form is flagged
        spellings: [Daech]           # spelling variants of the canonical name
        together: [[UK, Britain]]    # forms that may appear in one article
        mix: false                   # true: any forms may appear in one article
        note: our style since 2015   # shown in messages
    examples:
      - fail: "Headline\\n\\nDaesh fighters withdrew.\\n"
        fixed: "Headline\\n\\nIslamic State fighters withdrew.\\n"
      - pass: "Headline\\n\\nIslamic State fighters withdrew.\\n"

What the rule flags, per article: a form in ``avoid`` (suggesting ``preferred`` or
``canonical``); when ``preferred`` is set, every other form or spelling; and, for groups
without ``preferred``, forms that do not go together (as N003: ``ISIL`` beside ``Islamic
State``; a name goes with its own abbreviation, ``Islamic State``/``IS``). Acronyms match
exactly; other forms match whatever their case, accents, hyphens and spaces. Forms inside
quotations are left alone. Its fix is safe where the swap is exact (the text is the listed
form and both are names, or both abbreviations), unsafe otherwise.

The bundled names data (``rules/names.yaml``) uses the same group keys; it feeds N001-N005.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newslint.diagnostic import Diagnostic
from newslint.document import Document
from newslint.errors import RuleError
from newslint.kinds import common_metadata
from newslint.naming.pack import build_index, parse_groups
from newslint.rule import DocumentRule, Options, Rule

KIND_KEYS = frozenset({"groups"})


def build(spec: Mapping[str, Any], origin: str) -> type[Rule]:
    """Build the rule a names pack describes."""
    meta = common_metadata(spec, origin, KIND_KEYS)
    if "groups" not in spec:
        raise RuleError(f"{origin}: a names pack needs 'groups', a list of entity groups")
    groups = parse_groups(spec["groups"], origin)
    if not groups:
        raise RuleError(f"{origin}: 'groups' is empty")
    index = build_index(groups)
    scope = meta.pop("scope")
    template = meta.pop("message_template")
    custom = "message" in spec
    try:
        template.format(detail="", text="", suggestion="", canonical="")
    except (KeyError, IndexError, ValueError) as exc:
        raise RuleError(f"{origin}: 'message' has an unknown placeholder: {exc}") from None

    def check(self: DocumentRule, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """Flag avoided, non-preferred and mixed forms of the pack's groups."""
        from newslint.rules.naming import pack_rule_check

        for diagnostic in pack_rule_check(self, doc, index, scope):
            if custom:
                found = index.lookup(diagnostic.span.text)
                canonical = index.groups[found[0]].canonical if found else ""
                diagnostic = diagnostic.with_meta(
                    message=template.format(
                        detail=diagnostic.message,
                        text=diagnostic.span.text,
                        suggestion=(diagnostic.suggestions or ("",))[0],
                        canonical=canonical,
                    )
                )
            yield diagnostic

    attributes = dict(meta)
    attributes.update(
        {
            "fixable": "safe",
            "check": check,
            "names_index": index,
            "__module__": __name__,
        }
    )
    class_name = "NamesPack_" + "".join(c if c.isalnum() else "_" for c in meta["name"])
    return type(class_name, (DocumentRule,), attributes)
