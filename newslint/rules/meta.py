"""Family X: findings about newslint's own directives. The engine raises them."""

from __future__ import annotations

from collections.abc import Iterable

from newslint.diagnostic import Diagnostic
from newslint.document import Document
from newslint.rule import DocumentRule, Options


class UnusedSuppression(DocumentRule):
    """Flags a suppression comment that silences nothing.

    A ``<!-- newslint: ignore CODE -->`` (or ``disable``, ``disable-file``, or a front-matter
    ``newslint-ignore`` entry) whose codes match no finding is dead weight at best, and at worst
    hides a typo in the code it meant to name. Remove it, or correct the code.

    Fails::

        <!-- newslint: ignore T001 -->
        A sentence with no misspelling at all.

    Passes: the same comment above a line that has a T001 finding.
    """

    code = "X001"
    name = "unused-suppression"
    summary = "Suppression comment that silences no finding"
    severity = "warning"
    fixable = None

    def check(self, doc: Document, options: Options) -> Iterable[Diagnostic]:
        """The engine reports unused suppressions after every rule has run."""
        return ()
