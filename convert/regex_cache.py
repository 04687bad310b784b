"""Regular expressions compiled by an earlier run of the command, handed back to `re` (the command line only).

A lone run compiles ~160 patterns when its modules are imported, most of them over the big Han ranges, and
`re` builds each such character set in a Python loop over every code point: ~0.1 s of a run's CPU, again in
every process, because `re` keeps nothing across processes. `restore` puts the patterns an earlier run
compiled into `re`'s own cache before the command imports anything else, so `re.compile` returns them
instead of compiling; `store` adds the patterns this run compiled, once, when there are new ones.

What is kept is what `re` computes itself: the compiled code of each (pattern, flags), rebuilt with the
private `_sre.compile` exactly as `re._compiler.compile` does, and stored only after the rebuilt pattern
compares equal to `re`'s own (equality compares the pattern, the flags and the code). The file is keyed by
the exact Python version and `_sre.MAGIC`; on a Python whose `re` internals are not in `TESTED`, or when
anything here fails, nothing is restored and `re` compiles as usual. `import convert` never calls this:
a library user's `re` is left alone.
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path
from typing import Any

from .cache import cache_dir, read_marshal, write_marshal

TESTED = ((3, 11),)  # Python versions whose `re._compiler`, `re._cache` and `_sre.compile` this was tested on
# At most as many as `re`'s cache holds (512), less room for the patterns compiled before `restore`: a pattern
# further down the file would never be restored. The newest come first, so the patterns a run keeps
# compiling again (its modules', not an earlier article's or a test's) move up and stay.
MAX_PATTERNS = 480
_stored: set[tuple[Any, ...]] = set()  # the keys of the patterns kept in the file
_owner: int | None = None


def usable() -> bool:
    return (sys.version_info.major, sys.version_info.minor) in TESTED and sys.implementation.name == "cpython"


def _path() -> Path:
    import _sre

    tag = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{sys.maxunicode}".encode()).hexdigest()[:16]
    return cache_dir() / "patterns" / f"{sys.implementation.cache_tag}-{tag}.marshal"


def _read(path: Path) -> list[tuple[Any, ...]]:
    entries = read_marshal(path, sys.version)
    return entries if isinstance(entries, list) else []


def restore() -> int:
    """Seed `re`'s cache with the patterns stored by earlier runs; how many were restored."""
    global _owner
    if not usable() or _owner == os.getpid():  # restored already (`launch`, then `cli`)
        return 0
    try:
        import _sre
        cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
        room = re._MAXCACHE - len(cache)  # type: ignore[attr-defined]
        _owner = os.getpid()
        restored = 0
        for entry in _read(_path())[:room]:
            key = _key(entry)
            if key not in cache:  # else compiled already, by a module imported before this
                cache[key] = _sre.compile(entry[1], *entry[3:])
                restored += 1
            _stored.add(key)
    except Exception:
        return 0
    return restored


def _key(entry: tuple[Any, ...]) -> tuple[Any, ...]:
    return (str if entry[0] == "s" else bytes, entry[1], entry[2])


def _entry(key: tuple[Any, ...], compiled: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """What `re._compiler.compile` hands `_sre.compile` for this key, if it rebuilds `compiled` exactly."""
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    kind, pattern, flags = key
    if kind not in (str, bytes) or not isinstance(flags, int):
        return None
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = ("s" if kind is str else "b", pattern, flags, int(flags | parsed.state.flags),
             [int(word) for word in code],  # opcodes are int subclasses, which marshal does not take
             parsed.state.groups - 1, {name: int(index) for name, index in groupindex.items()}, tuple(indexgroup))
    rebuilt = _sre.compile(entry[1], *entry[3:])
    same = rebuilt == compiled and rebuilt.groupindex == compiled.groupindex and rebuilt.groups == compiled.groups
    return entry if same else None


def store() -> int:
    """Add the patterns this process compiled to the stored ones (atomically; a read-only or full disk only
    costs the next run the time); how many were added."""
    if not usable() or _owner != os.getpid():
        return 0
    try:
        cache: dict[Any, Any] = dict(re._cache)  # type: ignore[attr-defined]
        new = [entry for key, compiled in cache.items()
               if key not in _stored and (entry := _entry(key, compiled)) is not None]
        if not new:
            return 0
        path = _path()
        entries = list({_key(entry): entry for entry in new + _read(path)}.values())  # two runs may add the same
        entries = entries[:MAX_PATTERNS]
        if not write_marshal(path, sys.version, entries):
            return 0
        _stored.update(_key(entry) for entry in new)
        return len(new)
    except Exception:
        return 0
