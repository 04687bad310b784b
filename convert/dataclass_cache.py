"""The methods `dataclasses` writes for each dataclass, compiled by an earlier run of the command (the command
line only).

A lone run creates ~80 dataclasses as it imports its modules (the model, the theme's sections, the writers'
options). For each, `dataclasses` writes `__init__`, `__repr__`, `__eq__`, `__hash__`, ... as source text and
compiles it with `exec`: ~450 compilations, ~0.045 s of a lone run's CPU, again in every process. `restore`
wraps `dataclasses._create_fn`, the one function that does this, so that a text an earlier run compiled is
run from its code object instead; `store` keeps the texts this run compiled, once, when there are new ones.

The wrapper does what Python's own `_create_fn` does with the same text, globals and locals, so each method
is the one `exec` would make. It is installed only on a Python whose `_create_fn` is the one it was written
against (`TESTED`: its version and bytecode); otherwise, or when anything here fails, `dataclasses` compiles
as usual. `import convert` never calls this: a library user's `dataclasses` is left alone.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any, Callable

from .cache import cache_dir, read_marshal, write_marshal

# The Python versions, and the sha256 of `dataclasses._create_fn`'s bytecode in each, that `_create` repeats.
TESTED = {(3, 11): "1efe9af9acfd4ef0"}
MAX_TEXTS = 4000  # beyond this, the file keeps this run's texts alone
_compiled: dict[str, CodeType] = {}  # text -> code, from the file and from this run
_new: set[str] = set()  # the texts this run compiled
_original: Callable[..., Any] | None = None
_owner: int | None = None


def _fingerprint(function: Callable[..., Any]) -> str:
    code = function.__code__
    return hashlib.sha256(code.co_code + repr((code.co_names, code.co_varnames)).encode()).hexdigest()[:16]


def usable() -> bool:
    create = _original or getattr(dataclasses, "_create_fn", None)  # Python's own, wrapped here or not
    tested = TESTED.get((sys.version_info.major, sys.version_info.minor))
    return (sys.implementation.name == "cpython" and create is not None and tested is not None
            and _fingerprint(create) == tested)


def _path() -> Path:
    return cache_dir() / "dataclasses" / f"{sys.implementation.cache_tag}.marshal"


def restore() -> int:
    """Wrap `dataclasses._create_fn` with the code an earlier run compiled; how many texts it knows."""
    global _original, _owner
    if _original is not None or not usable():
        return 0
    try:
        kept = read_marshal(_path(), sys.version)
        if isinstance(kept, dict):
            _compiled.update((text, code) for text, code in kept.items()
                             if isinstance(text, str) and isinstance(code, CodeType))
        _original, _owner = dataclasses._create_fn, os.getpid()  # type: ignore[attr-defined]
        dataclasses._create_fn = _create  # type: ignore[attr-defined]
    except Exception:
        return 0
    return len(_compiled)


def _create(name: str, args: list[str], body: list[str], *, globals: dict[str, Any] | None = None,
            locals: dict[str, Any] | None = None, return_type: Any = dataclasses.MISSING) -> Any:
    """Python 3.11's `dataclasses._create_fn`, with the text's code taken from `_compiled` when an earlier
    run compiled the same text."""
    if locals is None:
        locals = {}
    return_annotation = ""
    if return_type is not dataclasses.MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    joined = ",".join(args)
    lines = "\n".join(f"  {line}" for line in body)
    text = f" def {name}({joined}){return_annotation}:\n{lines}"
    text = f"def __create_fn__({', '.join(locals.keys())}):\n{text}\n return {name}"
    code = _compiled.get(text)
    if code is None:
        code = _compiled[text] = compile(text, "<string>", "exec", dont_inherit=True)  # as exec(text) in dataclasses
        _new.add(text)
    namespace: dict[str, Any] = {}
    exec(code, globals, namespace)
    return namespace["__create_fn__"](**locals)


def store() -> int:
    """Keep the texts this process compiled with those kept before (atomically); how many were added."""
    if _original is None or _owner != os.getpid() or not _new:
        return 0
    try:
        kept = read_marshal(_path(), sys.version)
        kept = kept if isinstance(kept, dict) else {}
        if len(kept) + len(_new) > MAX_TEXTS:
            kept = {}
        kept.update((text, _compiled[text]) for text in _new)
        if not write_marshal(_path(), sys.version, kept):
            return 0
    except Exception:
        return 0
    added = len(_new)
    _new.clear()
    return added
