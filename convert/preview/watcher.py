"""Saved changes to the article folders and the theme files, reported to the builds.

`watchfiles` (inotify on Linux) watches each article's folder, the listing's, and the folders of the
theme files that can be named (the theme being viewed may change on the page); in theme folders only
`.toml` files count. Editors' swap and backup files and version-control folders are ignored
(`watchfiles.DefaultFilter`). Changes close together arrive as one (watchfiles waits `STEP_MS` for more).
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from ..theme import available_themes, forget_caches, user_styles_dir
from .target import Target

STEP_MS = 50


class Watcher:
    def __init__(self, target: Target, theme: str, changed: Callable[[], None]) -> None:
        self.folders = [folder for folder in target.folders if folder.is_dir()]
        self.theme_folders = _theme_folders(theme)
        self.changed = changed
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True, name="preview-watcher")
        self._thread.start()
        self.ready.wait(5)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def counts(self, path: Path) -> bool:
        """A change to `path` matters: anything in an article folder, a theme file in a theme folder."""
        from watchfiles import DefaultFilter

        if not DefaultFilter()(None, str(path)):  # type: ignore[arg-type]
            return False
        if any(path.is_relative_to(folder) for folder in self.folders):
            return True
        return path.suffix == ".toml" and any(path.is_relative_to(folder) for folder in self.theme_folders)

    def _run(self) -> None:
        from watchfiles import watch

        watched = list(dict.fromkeys(self.folders + [f for f in self.theme_folders if f.is_dir()]))
        self.ready.set()
        for changes in watch(*watched, step=STEP_MS, stop_event=self._stop, yield_on_timeout=False,
                             rust_timeout=500, raise_interrupt=False):
            if any(self.counts(Path(path)) for _change, path in changes):
                forget_caches()  # a theme file may have changed under this process's cache
                self.changed()


def _theme_folders(theme: str) -> list[Path]:
    """The folders holding theme files on disk: shipped (a source tree or site-packages), the user's,
    and the folder of a theme given by path."""
    folders = [user_styles_dir().resolve()]
    for source in available_themes().values():
        if isinstance(source.file, Path):
            folders.append(source.file.parent.resolve())
        elif source.file is not None and hasattr(source.file, "parent"):
            folders.append(Path(str(source.file.parent)).resolve())
    given = Path(theme)
    if given.suffix == ".toml" and given.is_file():
        folders.append(given.parent.resolve())
    return list(dict.fromkeys(folders))
