"""Per-file result cache under ``.newslint_cache/``, keyed by file content and settings.

One index file per settings key holds an entry per linted path: the file's size, mtime and
SHA-256 and its result. A file whose size and mtime are unchanged is a hit without being read;
one whose stat changed is read and hashed, and is still a hit when its content is the same.
The index loads once per run (one read, however large the corpus) and is rewritten atomically
at the end of a run that changed it, merged with what other runs wrote meanwhile.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from newslint import __version__

CACHE_DIR_NAME = ".newslint_cache"


class Cache:
    """Cached results for every settings key, one index file each."""

    def __init__(self, root: Path) -> None:
        self.root = root / __version__
        self._indexes: dict[str, dict[str, dict[str, Any]]] = {}
        self._dirty: dict[str, dict[str, dict[str, Any]]] = {}

    def _file(self, settings_key: str) -> Path:
        return self.root / f"{settings_key}.pickle"

    def _index(self, settings_key: str) -> dict[str, dict[str, Any]]:
        index = self._indexes.get(settings_key)
        if index is None:
            index = self._read(settings_key)
            self._indexes[settings_key] = index
        return index

    def _read(self, settings_key: str) -> dict[str, dict[str, Any]]:
        try:
            with open(self._file(settings_key), "rb") as handle:
                data = pickle.load(handle)
        except (
            OSError,
            EOFError,
            pickle.UnpicklingError,
            AttributeError,
            ImportError,
            ValueError,
            TypeError,
            IndexError,
        ):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, path: str, settings_key: str, stat: os.stat_result) -> tuple[str, Any] | None:
        """(sha256, result) when the cached entry is valid for an unchanged file stat."""
        entry = self._index(settings_key).get(path)
        if entry and entry["size"] == stat.st_size and entry["mtime_ns"] == stat.st_mtime_ns:
            return entry["sha256"], entry["result"]
        return None

    def get_by_hash(self, path: str, settings_key: str, sha256: str) -> Any | None:
        """The cached result when the file's content hash matches."""
        entry = self._index(settings_key).get(path)
        if entry is not None and entry["sha256"] == sha256:
            return entry["result"]
        return None

    def put(
        self, path: str, settings_key: str, stat: os.stat_result, sha256: str, result: Any
    ) -> None:
        """Record a result; ``save`` writes it."""
        entry = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "sha256": sha256,
            "result": result,
        }
        self._index(settings_key)[path] = entry
        self._dirty.setdefault(settings_key, {})[path] = entry

    def save(self) -> None:
        """Write every changed index atomically; a cache that cannot be written is skipped."""
        for settings_key, changes in self._dirty.items():
            merged = self._read(settings_key)
            merged.update(changes)
            target = self._file(settings_key)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                gitignore = self.root.parent / ".gitignore"
                if not gitignore.exists():
                    gitignore.write_text("# created by newslint\n*\n")
                fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(merged, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, target)
            except OSError:
                continue
        self._dirty.clear()
