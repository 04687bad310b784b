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


# ---------------------------------------------------------------- what the PDF writer needs


def pango_version() -> str:
    """Pango's version as WeasyPrint loads it; raises when it cannot."""
    from weasyprint.text.ffi import pango
    number = pango.pango_version()
    return f"{number // 10000}.{number // 100 % 100}.{number % 100}"


def pango_problem() -> str | None:
    try:
        import_weasyprint()
        pango_version()
    except Exception as exc:
        return f"WeasyPrint cannot load Pango ({type(exc).__name__}: {exc})"
    return None


def harfbuzz_subsetter_problem() -> str | None:
    """Why WeasyPrint would fall back to fontTools for font subsetting (~12x slower on CJK), or None."""
    try:
        import_weasyprint()
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except Exception as exc:
        return f"WeasyPrint cannot load HarfBuzz ({exc})"
    if harfbuzz_subset is None:
        return "libharfbuzz-subset is not installed: WeasyPrint would subset fonts with fontTools, ~12x slower"
    if not harfbuzz.hb_version_atleast(4, 1, 0):
        return "HarfBuzz is older than 4.1: WeasyPrint would subset fonts with fontTools, ~12x slower"
    return None


PANGO_FIX = "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0"


def check() -> str | None:
    """Why the PDF writer cannot run here (WeasyPrint or Pango missing), or None."""
    try:
        import_weasyprint()
    except (ImportError, OSError) as exc:
        return f"WeasyPrint cannot be imported ({exc})"
    problem = pango_problem()
    return f"{problem} (fix: {PANGO_FIX})" if problem else None
