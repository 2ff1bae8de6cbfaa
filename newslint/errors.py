"""Exceptions that carry a message a user can act on.

Library code raises these; only the CLI turns them into one line on stderr and an exit code.
"""

from __future__ import annotations


class NewslintError(Exception):
    """Base class for every error newslint reports to the user."""


class ConfigError(NewslintError):
    """A configuration file or option is missing, malformed or names an unknown key."""


class InputError(NewslintError):
    """A file cannot be read or parsed (binary, unreadable, malformed records...)."""


class RuleError(NewslintError):
    """A rule or rule pack is malformed (bad YAML pack, duplicate code, bad options)."""


class BackendError(NewslintError):
    """An outside engine (LanguageTool) failed: down, slow or answering an error.

    The engine prints the message once on stderr and goes on with the other rules, unless
    ``fatal`` is true (the user said the backend is required): then the run exits 2.
    """

    def __init__(self, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal
