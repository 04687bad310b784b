"""Importing WeasyPrint, and what the PDF writer needs from it.

The WeasyPrint versions this writer was tested with are `TESTED`; only on those does it reach into
WeasyPrint's internals (here, and the Chinese line hooks in `justify`). On any other version it
imports and uses WeasyPrint the plain way, and `justify` warns on every article that its
justification is degraded. (The hooks and shortcuts also pass tests/test_pdf.py and
test_pdf_patches.py on WeasyPrint 68.0, 68.1 and 69.0, but the rest of convert needs the fetcher API
of 70, so pyproject asks for 70.x and only 70.0 is listed.)

On a tested version, `import_weasyprint` skips two costs of WeasyPrint's import that this writer does
not need. `benchmarks/weasy_startup.py` (WeasyPrint 70.0, the user's seed article, medians of 9 fresh
processes on the project's 2-core machine while other jobs kept it at a load of about 4.5): importing
WeasyPrint takes 1.56 s plain, 0.72 s without 1, 1.15 s without 2, 0.43 s without both; a whole
process that makes the seed's PDF uses 2.11 s of CPU plain, 1.97 s without 1, 1.94 s without 2 and
1.68 s without both (two earlier runs: 2.02/1.63 and 2.26/1.63), about a fifth of a one-article run.

1. WeasyPrint tries several names per C library, and cffi asks `ctypes.util.find_library` about
   each name that fails to load, which spawns ldconfig and gcc each time. Its lists always end
   with the plain file names (`libpango-1.0.so.0`, `...dylib`), which load directly, so for the
   import, in the importing thread only, the search finds nothing; if that is not enough the
   import is retried the normal way. `ctypes.util.find_library` is put back before this returns,
   whatever happens.
2. `weasyprint.pdf.fonts` imports fontTools' subsetter and variable-font instancer, used
   only when HarfBuzz cannot subset or a font is variable. During the import they are
   stand-ins in `sys.modules`; once WeasyPrint has bound them, the stand-ins are taken out of
   `sys.modules` again, so they live on only as `weasyprint.pdf.fonts.subset` and
   `.instantiateVariableFont`, which import the real module on first use. Anyone else who imports
   fontTools gets the real modules.

Nothing here runs when `convert` is imported, only when a PDF is made or checked for.
"""
from __future__ import annotations

import contextlib
import importlib
import io
import sys
import threading
import types
from importlib import metadata
from typing import Any

TESTED = ("70.0",)  # WeasyPrint versions whose internals `justify` and the import shortcuts were tested on
_DEFERRED = ("fontTools.subset", "fontTools.varLib.instancer")
_import_lock = threading.Lock()


def weasyprint_version() -> str | None:
    """The running WeasyPrint's version (the installed one when it is not imported yet), or None."""
    module = sys.modules.get("weasyprint")
    if module is not None and getattr(module, "__version__", None):
        return str(module.__version__)
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:
        return None


def untested_weasyprint() -> str | None:
    """Why WeasyPrint's internals are left alone: its version is not one in `TESTED`; None if it is."""
    version = weasyprint_version()
    if version in TESTED:
        return None
    return f"WeasyPrint {version or '(version unknown)'} is not a tested version ({', '.join(TESTED)})"


def import_weasyprint() -> None:
    """Import WeasyPrint and its C bindings (raises like WeasyPrint does), quickly on a tested version."""
    if "weasyprint.text.ffi" in sys.modules:
        return
    with _import_lock:
        if "weasyprint.text.ffi" in sys.modules:
            return
        shortcuts = untested_weasyprint() is None
        _import(search_libraries=not shortcuts, defer_fonttools=shortcuts)


def _import(*, search_libraries: bool, defer_fonttools: bool) -> None:
    """Import WeasyPrint with either shortcut on or off (`benchmarks/weasy_startup.py` times each)."""
    stand_ins = _place_stand_ins() if defer_fonttools else {}
    try:
        if search_libraries:
            import weasyprint.text.ffi  # noqa: F401
        else:
            _import_without_library_search()
    finally:
        _withdraw(stand_ins)


def _import_without_library_search() -> None:
    import ctypes.util

    search = ctypes.util.find_library
    importing = threading.get_ident()

    def find_library(name: str) -> str | None:
        return None if threading.get_ident() == importing else search(name)

    ctypes.util.find_library = find_library
    try:
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


def _place_stand_ins() -> dict[str, _Deferred]:
    """Stand-ins in `sys.modules` for the deferred modules not imported yet, for WeasyPrint's import."""
    if "weasyprint.pdf.fonts" in sys.modules:
        return {}
    placed = {}
    for name in _DEFERRED:
        if name not in sys.modules:
            placed[name] = sys.modules[name] = _Deferred(name)
    if instancer := placed.get("fontTools.varLib.instancer"):  # WeasyPrint imports this function by name
        instancer.instantiateVariableFont = (  # type: ignore[attr-defined]
            lambda *args, **kwargs: _load(instancer).instantiateVariableFont(*args, **kwargs))
    return placed


def _withdraw(placed: dict[str, _Deferred]) -> None:
    """Take the stand-ins out of `sys.modules` (and off their parent package, had anything put them there)."""
    for name, stand_in in placed.items():
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        parent, _, child = name.rpartition(".")
        package = sys.modules.get(parent)
        if package is not None and vars(package).get(child) is stand_in:
            delattr(package, child)


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
