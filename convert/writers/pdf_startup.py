"""Importing WeasyPrint fast: a one-article `convert --to pdf` is mostly start-up, so the two costs
WeasyPrint pays on every import that this writer does not need are skipped.

1. WeasyPrint tries several names per C library, and cffi asks `ctypes.util.find_library` about
   each name that fails to load, which spawns ldconfig and gcc: about 0.4 s. Its lists always end
   with the plain file names (`libpango-1.0.so.0`, `...dylib`), which load directly, so the search
   is switched off for the import; if that is not enough the import is simply retried the normal way.
2. `weasyprint.pdf.fonts` imports fontTools' subsetter and variable-font instancer (about 0.1 s),
   used only when HarfBuzz cannot subset or a font is variable: they become stand-ins that import
   the real module on first use.
"""
from __future__ import annotations

import contextlib
import importlib
import io
import sys
import types
from typing import Any

_DEFERRED = ("fontTools.subset", "fontTools.varLib.instancer")


def import_weasyprint() -> None:
    """Make `import weasyprint` cheap, then import its C bindings (raises like WeasyPrint does)."""
    if "weasyprint.text.ffi" in sys.modules:
        return
    _defer(_DEFERRED)
    import ctypes.util
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints a notice before raising
            import weasyprint.text.ffi  # noqa: F401
    except (ImportError, OSError):
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
        ctypes.util.find_library = search
        import weasyprint.text.ffi  # noqa: F401,F811
    finally:
        ctypes.util.find_library = search


class _Deferred(types.ModuleType):
    """Stands in for a module until an attribute is asked for, then imports and forwards to it."""

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(_load(self), attribute)


def _load(stand_in: _Deferred) -> types.ModuleType:
    real = stand_in.__dict__.get("_real")
    if real is None:
        if sys.modules.get(stand_in.__name__) is stand_in:
            del sys.modules[stand_in.__name__]
        real = stand_in.__dict__["_real"] = importlib.import_module(stand_in.__name__)
    return real


def _defer(names: tuple[str, ...]) -> None:
    if "weasyprint.pdf.fonts" in sys.modules:
        return
    for name in names:
        if name in sys.modules:
            continue
        stand_in = sys.modules[name] = _Deferred(name)
        parent, _, child = name.rpartition(".")
        if parent == "fontTools" or parent in sys.modules:  # `import a.b` then `a.b.x` must work too
            setattr(importlib.import_module(parent), child, stand_in)
        if name == "fontTools.varLib.instancer":  # WeasyPrint imports this function by name
            stand_in.instantiateVariableFont = (  # type: ignore[attr-defined]
                lambda *args, _stand_in=stand_in, **kwargs: _load(_stand_in).instantiateVariableFont(*args, **kwargs))
