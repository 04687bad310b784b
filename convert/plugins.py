"""Entry points of installed packages (themes, writers), read only when some package declares them.

`importlib.metadata` costs a lone run ~0.05 s to import and ~0.01 s per scan, and almost every run
has no third-party theme or writer. A distribution declares its entry points in `entry_points.txt`
of its `*.dist-info` or `*.egg-info` folder on `sys.path`; when no such file names the group, there is
nothing to find and `importlib.metadata` is not imported. When one does (or a `sys.path` entry is a
zip file, which only `importlib.metadata` looks inside), it reads the entry points as it always has.
"""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint


def declared(group: str) -> bool:
    """Whether any distribution on `sys.path` may declare entry points in `group` (False: none does)."""
    needle = f"[{group}]".encode()
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(folder):  # a zip archive on sys.path
            return True
        try:
            with os.scandir(folder) as found:
                infos = [item.path for item in found if item.name.endswith((".dist-info", ".egg-info"))]
        except OSError:  # a missing folder on sys.path
            continue
        for info in infos:
            try:
                with open(os.path.join(info, "entry_points.txt"), "rb") as points:
                    if needle in points.read():
                        return True
            except OSError:  # no entry points, or an .egg-info file
                continue
    return False


def entry_points(group: str) -> list[EntryPoint]:
    """The installed entry points of `group`, as `importlib.metadata.entry_points(group=...)` gives them."""
    if not declared(group):
        return []
    from importlib.metadata import entry_points as installed

    return list(installed(group=group))
