"""What installed distributions declare (entry points, versions), read without `importlib.metadata`
where the answer is plain.

`importlib.metadata` costs a lone run ~0.05 s to import and ~0.01 s per scan of `sys.path`, and almost
every run has no third-party theme or writer and needs only convert's own version (the manifest's key).
A distribution's metadata is a `*.dist-info` or `*.egg-info` folder on `sys.path`: `entry_points`
imports `importlib.metadata` only when such a folder's `entry_points.txt` names the group, and `version`
reads the `Version:` of the first folder that names the distribution, in `sys.path` order as
`importlib.metadata` searches. Anything less plain (a zip archive on `sys.path`, two metadata folders
for one name in one place) is left to `importlib.metadata`.
"""
from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

_SUFFIXES = (".dist-info", ".egg-info")


class _NotPlain(Exception):
    """Metadata this module does not read: ask importlib.metadata."""


def _metadata_folders() -> Iterator[list[str]]:
    """The metadata folders of each `sys.path` entry, entry by entry."""
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(folder):  # a zip archive on sys.path
            raise _NotPlain(folder)
        try:
            with os.scandir(folder) as found:
                yield [item.path for item in found if item.name.endswith(_SUFFIXES)]
        except OSError:  # a missing folder on sys.path
            continue


def declared(group: str) -> bool:
    """Whether any distribution on `sys.path` may declare entry points in `group` (False: none does)."""
    needle = f"[{group}]".encode()
    try:
        for infos in _metadata_folders():
            for info in infos:
                try:
                    with open(os.path.join(info, "entry_points.txt"), "rb") as points:
                        if needle in points.read():
                            return True
                except OSError:  # no entry points, or an .egg-info file
                    continue
    except _NotPlain:
        return True
    return False


def entry_points(group: str) -> list[EntryPoint]:
    """The installed entry points of `group`, as `importlib.metadata.entry_points(group=...)` gives them."""
    if not declared(group):
        return []
    from importlib.metadata import entry_points as installed

    return list(installed(group=group))


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _plain_version(distribution: str) -> str | None:
    wanted = _normalized(distribution)
    for infos in _metadata_folders():
        mine = [info for info in infos
                if _normalized(os.path.basename(info).rsplit(".", 1)[0].split("-")[0]) == wanted]
        if not mine:
            continue
        if len(mine) > 1 or not os.path.isdir(mine[0]):
            raise _NotPlain(mine[0])
        headers = "METADATA" if mine[0].endswith(".dist-info") else "PKG-INFO"
        try:
            with open(os.path.join(mine[0], headers), encoding="utf-8") as metadata:
                for line in metadata:
                    if not line.strip():
                        break
                    if line.startswith("Version:"):
                        return line.partition(":")[2].strip()
        except OSError:
            pass
        raise _NotPlain(mine[0])
    return None


def version(distribution: str) -> str | None:
    """The installed version of `distribution`, as `importlib.metadata.version` gives it; None when it
    is not installed."""
    try:
        found = _plain_version(distribution)
    except _NotPlain:
        found = None
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(distribution)
    except PackageNotFoundError:
        return None
