"""Incremental builds: an edition is rebuilt only when something it was made from has changed.

The output folder holds `.convert-manifest.json`: for each edition, a key over convert's version, the
format, the theme's tokens, the build options, and the bytes of the article and of every local file
the build read (its images). Remote images count by address. The manifest is read and updated under
an exclusive lock, so two `convert` runs into one folder never lose each other's entries.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterator

from .. import registry
from ..readers import is_url
from ..resources import file_digest
from ..resources.gate import read_regular
from .outputs import article_key

MANIFEST = ".convert-manifest.json"
LOCK = ".convert.lock"
MAX_MANIFEST_BYTES = 256 * 1024 * 1024


def edition_key(fmt: str, theme: Any, options: Any, article_digest: str | None,
                deps: dict[str, str | None]) -> str:
    """The key of one edition: convert's version, the format, the theme's tokens, the options that
    concern this format (the build's, and its writer's own), the article and what it read."""
    from .. import __version__
    writer_options = asdict(registry.get(fmt).make_options(options.writer_options))
    material = {
        "version": __version__, "format": fmt, "theme": theme.tokens(),
        "options": {"offline": options.offline, "allow_private": options.allow_private,
                    "extract": options.extract,
                    **({"publication": options.publication} if options.publication else {}),
                    **({"script": options.script} if options.script else {}),
                    **{k: str(v) for k, v in writer_options.items()}},
        "article": article_digest, "deps": dict(sorted(deps.items())),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def read_entries(path: Path) -> dict[str, Any]:
    """A manifest's entries, keyed by edition file name; {} when it is missing, unreadable or no
    manifest. A regular file only: a FIFO planted under its name must not hang the run."""
    try:
        entries = json.loads(read_regular(path, MAX_MANIFEST_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


class Manifest:
    """What was built into one output folder, and from what."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.path = outdir / MANIFEST
        self._digests: dict[str, str | None] = {}  # an article's files, hashed once for all its formats

    def _digest(self, path: str) -> str | None:
        if path not in self._digests:
            self._digests[path] = file_digest(Path(path))
        return self._digests[path]

    def load(self) -> dict[str, Any]:
        return read_entries(self.path)

    def is_fresh(self, entries: dict[str, Any], output: Path, fmt: str, theme: Any, options: Any,
                 article: Path) -> bool:
        entry = entries.get(output.name)
        if not entry or not output.is_file() or output.stat().st_size != entry.get("size"):
            return False
        if entry.get("retry") and not options.offline:
            return False
        deps = {dep: self._digest(dep) for dep in entry.get("deps", {})}
        return entry.get("key") == edition_key(fmt, theme, options, self._digest(str(article)), deps)

    def claimed(self, entries: dict[str, Any]) -> dict[str, set[str]]:
        """The stems of the editions in the folder, each with the articles it was made from (`article`,
        an absolute path or an address; an older entry's `source`, as it was given, when it still
        names a file from here)."""
        stems: dict[str, set[str]] = {}
        for name, entry in entries.items():
            if not isinstance(entry, dict):
                continue
            owner = entry.get("article") or entry.get("source")
            if (not entry.get("article") and isinstance(owner, str) and not is_url(owner)
                    and not Path(owner).is_absolute() and not Path(owner).exists()):
                continue  # given relative to another working folder: whose it was is not known
            if isinstance(owner, str) and owner and (self.outdir / name).is_file():
                stems.setdefault(Path(name).stem, set()).add(article_key(owner))
        return stems

    @contextmanager
    def locked(self) -> Iterator[dict[str, Any]]:
        """The manifest's entries, to update in place; written back atomically under the lock."""
        self.outdir.mkdir(parents=True, exist_ok=True)
        # O_NONBLOCK: a FIFO under the lock's name is not waited on (its open would wait for a reader)
        lock = os.open(self.outdir / LOCK, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            entries = self.load()
            yield entries
            temporary = self.path.with_name(f".{MANIFEST}.{os.getpid()}.part")
            try:
                temporary.write_text(json.dumps(entries, indent=1, sort_keys=True, ensure_ascii=False),
                                     encoding="utf-8")
                os.replace(temporary, self.path)
            except BaseException:  # never a half-written manifest, nor its temporary file, left behind
                temporary.unlink(missing_ok=True)
                raise
        finally:
            os.close(lock)  # and with it the lock
