"""An article packed to travel to a worker that does not share the client's disk (`bundle_article`),
and unpacked there into a private folder (`unpacked`) that the reader and the resource gate use as if
it were the article's own folder.

Which local images to pack is guessed from the article's text: every path-like word ending in an
image suffix that names a file inside the article's folder (the gate's rule: nothing outside it is
read, symlinks included). A guess can miss (an image without a suffix, a name with spaces); the
worker then reports the local files it asked for and did not find, and the client sends the article
again with those of them it has (`missing_files`). Remote images are not packed: the worker fetches
them through its own gate and cache.
"""
from __future__ import annotations

import contextlib
import html
import os
import re
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from ..errors import ConvertError
from ..readers import MAX_INPUT_BYTES
from ..resources.gate import read_regular, regular_stat

IMAGE_WORD = re.compile(r"""[^\s"'<>()\[\]{}|`*]+?\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|avif|heic)\b""",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Bundle:
    """An article's bytes and the local files it may read, by POSIX path relative to its folder."""

    name: str  # the article's file name
    folder: str  # the name of its folder (kept, so that nothing the reader sees changes)
    data: bytes
    files: dict[str, bytes] = field(default_factory=dict)
    problem: str = ""  # why the article could not be packed (too large, no regular file): the worker says it

    @property
    def size(self) -> int:
        return len(self.data) + sum(map(len, self.files.values()))


def bundle_article(article: Path, extra: Iterable[str] = ()) -> Bundle:
    """Pack `article` with the local images its text names, and the files `extra` names (relative
    paths a worker asked for). An unreadable article is packed empty: the worker reports why."""
    root = article.absolute().parent.resolve()
    from ..readers import read_file

    problem = ""
    try:  # never a FIFO's open nor a huge file's bytes: the reader's own refusal travels instead
        data = read_regular(article, MAX_INPUT_BYTES)
    except OSError:
        data = b""
        try:
            read_file(article)  # refuses it unread, with the message a local build gives
        except ConvertError as exc:
            problem = exc.problem
    files: dict[str, bytes] = {}
    for relative in [*_named_images(data), *extra]:
        key = _key(relative)
        if key is None or key in files:
            continue
        content = _read_inside(root, key)
        if content is not None:
            files[key] = content
    return Bundle(name=article.name, folder=root.name, data=data, files=files, problem=problem)


def missing_files(article: Path, bundle: Bundle, asked: Iterable[str]) -> list[str]:
    """Of the relative paths a worker asked for and did not have, those the client can send."""
    root = article.absolute().parent.resolve()
    wanted = []
    for relative in asked:
        key = _key(relative)
        if key is not None and key not in bundle.files and _read_inside(root, key, probe=True) is not None:
            wanted.append(key)
    return wanted


@contextlib.contextmanager
def unpacked(bundle: Bundle) -> Iterator[Path]:
    """A private folder holding the article and its files as they lay around it; yields the article."""
    with tempfile.TemporaryDirectory(prefix="convert-article-") as tmp:
        folder = Path(tmp) / (bundle.folder or "article")
        folder.mkdir()
        article = folder / bundle.name
        article.write_bytes(bundle.data)
        for key, content in bundle.files.items():
            if _key(key) != key:  # never write outside the private folder, whatever the client sent
                continue
            target = folder / key
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        yield article


def _named_images(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace") if data else ""
    words = []
    for match in IMAGE_WORD.finditer(html.unescape(text)):
        word = match.group(0).split("#")[0].split("?")[0]
        scheme = urllib.parse.urlsplit(word).scheme
        if len(scheme) <= 1:  # no scheme (or a Windows drive letter): a local path
            words.append(urllib.parse.unquote(word))
    return words


def _key(relative: str) -> str | None:
    """`relative` as a normalised POSIX path inside the folder, or None when it leaves it."""
    if not relative or relative.startswith(("/", "\\")) or "\x00" in relative:
        return None
    normal = os.path.normpath(relative.replace("\\", "/"))
    if normal.startswith("..") or os.path.isabs(normal) or normal == ".":
        return None
    return str(PurePosixPath(normal))


def _read_inside(root: Path, key: str, probe: bool = False) -> bytes | None:
    """The file's bytes when it resolves inside `root` (the gate's rule); None otherwise."""
    from ..resources import images

    try:
        path = (root / key).resolve()
        if not path.is_relative_to(root):
            return None
        if probe:
            regular_stat(path)
            return b""
        return read_regular(path, images.MAX_IMAGE_BYTES)  # the gate refuses more, and reads no FIFO
    except (OSError, RuntimeError, ValueError):
        return None
