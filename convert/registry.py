"""Format name -> writer. Built-ins and third-party writers register the same way.

A third-party package adds a writer with an entry point in the group `convert.writers`
(`name = "package.module:WRITER"`). Writers are imported only when asked for, so `convert --to html`
never pays for WeasyPrint. Two writers with one name are an error, not a silent override.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from .errors import UsageError
from .installed import entry_points
from .writers.base import Writer

ENTRY_POINT_GROUP = "convert.writers"
BUILTIN = {
    "pdf": "convert.writers.pdf:WRITER",
    "epub": "convert.writers.epub:WRITER",
    "docx": "convert.writers.docx:WRITER",
    "html": "convert.writers.html:WRITER",
}


class RegistryError(UsageError):
    pass


@lru_cache(maxsize=1)
def _targets() -> dict[str, str]:
    targets = dict(BUILTIN)
    for point in entry_points(ENTRY_POINT_GROUP):
        if point.name in targets and targets[point.name] != point.value:
            raise RegistryError(f"two writers are named {point.name!r}: {targets[point.name]} and {point.value}")
        targets[point.name] = point.value
    return targets


def names() -> list[str]:
    """Every registered format name, built-ins first."""
    return list(_targets())


@lru_cache(maxsize=None)
def get(name: str) -> Writer:
    targets = _targets()
    if name not in targets:
        raise RegistryError(f"unknown format {name!r}; choose from: {', '.join(targets)}, all")
    module_name, _, attribute = targets[name].partition(":")
    writer = getattr(import_module(module_name), attribute or "WRITER")
    if not isinstance(writer, Writer) or writer.name != name:
        raise RegistryError(f"{targets[name]} is not a Writer named {name!r}")
    return writer


def availability(name: str) -> str | None:
    """None when the writer can run here, else why not."""
    try:
        return get(name).check()
    except ImportError as exc:
        return f"cannot import it ({exc})"
