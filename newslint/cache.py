"""Per-file result cache under ``.newslint_cache/``, keyed by file content and settings.

An entry records the file's size, mtime and SHA-256 with the settings key it was computed
under. A file whose size and mtime are unchanged is a hit without being read; one whose stat
changed is read and hashed, and is still a hit when its content is the same.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from newslint import __version__

CACHE_DIR_NAME = ".newslint_cache"


class Cache:
    """A folder of pickled per-file results (one file per linted path and settings key)."""

    def __init__(self, root: Path) -> None:
        self.root = root / __version__

    def _entry(self, path: str, settings_key: str) -> Path:
        name = hashlib.sha1(f"{path}\x00{settings_key}".encode()).hexdigest()
        return self.root / name[:2] / f"{name}.pickle"

    def get(self, path: str, settings_key: str, stat: os.stat_result) -> tuple[str, Any] | None:
        """(sha256, result) when the cached entry is valid for an unchanged file stat."""
        entry = self._load(path, settings_key)
        if entry is None:
            return None
        if entry["size"] == stat.st_size and entry["mtime_ns"] == stat.st_mtime_ns:
            return entry["sha256"], entry["result"]
        return None

    def get_by_hash(self, path: str, settings_key: str, sha256: str) -> Any | None:
        """The cached result when the file's content hash matches."""
        entry = self._load(path, settings_key)
        if entry is not None and entry["sha256"] == sha256:
            return entry["result"]
        return None

    def _load(self, path: str, settings_key: str) -> dict[str, Any] | None:
        try:
            with open(self._entry(path, settings_key), "rb") as handle:
                entry = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                ValueError, TypeError):
            return None
        return entry if isinstance(entry, dict) else None

    def put(
        self, path: str, settings_key: str, stat: os.stat_result, sha256: str, result: Any
    ) -> None:
        """Store a result atomically; a cache that cannot be written is silently skipped."""
        target = self._entry(path, settings_key)
        entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256,
                 "result": result}
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.root.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by newslint\n*\n")
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            return
