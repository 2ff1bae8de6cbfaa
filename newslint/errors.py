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
    """An outside engine (LanguageTool) failed: down, slow or answering an error."""
