"""The one gate for every image an edition reads, and for web pages given as inputs (`fetch_page`).

Local paths must resolve (symlinks included) inside the article's own folder; `file:` URLs are
refused; remote http(s) images are fetched through `fetch` and cached on disk by URL; inline
`data:image` URLs are part of the article. Whatever cannot be had becomes a `Placeholder` that writers
render with the caption and the source address. Writers receive PNG or JPEG bytes (`images`).

A page given by its address is fetched by the same rules (timeouts, a size cap, private addresses
refused, redirects re-checked) and kept in the same cache: `--offline` converts it from there.
"""
from __future__ import annotations

import contextvars
import errno
import hashlib
import json
import os
import stat
import tempfile
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from ..cache import cache_dir
from ..errors import warn
from . import images
from .images import Image, Placeholder, ResourceError, data_url, prepare_image, short, too_large

if TYPE_CHECKING:
    from .fetch import Fetched


DIGEST_LIMIT = 64 * 1024 * 1024  # larger files (refused for their size anyway) are known by size and time
_CHUNK = 1024 * 1024


class NotRegularFile(OSError):
    """A path that names no regular file (a folder, a named pipe, a device, a socket): never opened."""

    def __init__(self, path: Path | str, mode: int) -> None:
        super().__init__(errno.EINVAL, f"not a regular file but {file_kind(mode)}; refused unread", str(path))


class FileTooLarge(OSError):
    """A file over the size its reader accepts, refused before (or while) reading it."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit // 1048576} MiB", str(path))
        self.size, self.limit = size, limit


def file_kind(mode: int) -> str:
    """What a non-regular file is, for messages."""
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def regular_stat(path: Path | str) -> os.stat_result:
    """`os.stat` of a regular file (symlinks followed); NotRegularFile for anything else, unopened."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(path, info.st_mode)
    return info


def _open_regular(path: Path | str) -> int:
    """A descriptor of the regular file `path`, checked by `stat` before opening (a FIFO's open would
    wait for a writer, a device's may act) and by `fstat` after (it may have been swapped meanwhile)."""
    regular_stat(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them: FileTooLarge before reading
    anything when its size says so (and when it grows past `limit` while read), NotRegularFile for a
    folder, FIFO or device; other OSErrors as they come."""
    fd = _open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise FileTooLarge(path, size, limit)
        chunks, total = [], 0
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - total) or 1):
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(path, total, limit)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def file_digest(path: Path) -> str | None:
    """sha256 of a file's bytes, read in chunks; None when it cannot be read or is no regular file
    (never opened then). A file over DIGEST_LIMIT, which no reader accepts, is known by its size and
    modification time instead of being read."""
    try:
        fd = _open_regular(path)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if info.st_size > max(DIGEST_LIMIT, images.MAX_IMAGE_BYTES):
            return f"size:{info.st_size}:{info.st_mtime_ns}"
        digest = hashlib.sha256()
        while chunk := os.read(fd, _CHUNK):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


class ResourceGate:
    """Answers every image request of one article's editions."""

    def __init__(self, root: Path | str, *, embedded: Mapping[str, bytes] | None = None,
                 offline: bool = False, allow_private: bool = False, cache: Path | str | None = None) -> None:
        self.root = Path(root).resolve()
        self.embedded = dict(embedded or {})
        self.offline = offline
        self.allow_private = allow_private
        self.cache = Path(cache) if cache is not None else cache_dir()
        self._memo: dict[str, Image | Placeholder] = {}
        self._pieces: dict[tuple[str, float, float], tuple[Image, ...]] = {}
        self.local_reads: dict[Path, str | None] = {}  # file -> sha256 of its bytes (None: unread), for rebuilds
        self.remote_failures: set[str] = set()  # worth another try on the next build
        self._lock = threading.Lock()

    # ------------------------------------------------------------ public
    def image(self, src: str) -> Image | Placeholder:
        """PNG/JPEG bytes for `src`, or a Placeholder saying why there are none (warned once)."""
        with self._lock:
            if src in self._memo:
                return self._memo[src]
        data = None
        try:
            data = self._read(src)
            result: Image | Placeholder = prepare_image(data)
        except ResourceError as exc:
            warn(f"image {short(src)}: {exc}; a placeholder is shown instead")
            result = Placeholder(src, str(exc))
            if data is not None:
                self._forget(src)
        with self._lock:
            self._memo.setdefault(src, result)
            return self._memo[src]

    def pieces(self, src: str, max_ratio: float, tall_ratio: float = 0.0) -> tuple[Image, ...] | Placeholder:
        """`image(src)`, a long picture cut into pieces no taller than `max_ratio` × their width
        (`images.pieces`, whole when `images.shown_tall` up to `tall_ratio`)."""
        resolved = self.image(src)
        if isinstance(resolved, Placeholder):
            return resolved
        key = (src, round(max_ratio, 4), round(tall_ratio, 4))
        with self._lock:
            if key in self._pieces:
                return self._pieces[key]
        cut = images.pieces(resolved, max_ratio, tall_ratio)
        with self._lock:
            return self._pieces.setdefault(key, cut)

    def prefetch(self, sources: Iterable[str], workers: int = 8) -> None:
        """Resolve many images at once, so that remote fetches run concurrently."""
        pending = [s for s in dict.fromkeys(sources) if s not in self._memo]
        if len(pending) > 1:
            context = contextvars.copy_context()  # warnings reach the caller's collector
            with ThreadPoolExecutor(max_workers=min(workers, len(pending))) as pool:
                list(pool.map(lambda src: context.copy().run(self.image, src), pending))
        else:
            for src in pending:
                self.image(src)

    # ------------------------------------------------------------ reading
    def _read(self, src: str) -> bytes:
        src = src.strip()
        if not src:
            raise ResourceError("no image address")
        if src in self.embedded:
            return self.embedded[src]
        scheme = urllib.parse.urlsplit(src).scheme.lower()
        if scheme in ("http", "https"):
            return self._remote(src)
        if scheme == "data":
            return data_url(src)
        if scheme and len(scheme) > 1:  # one letter would be a Windows drive
            raise ResourceError(f"{scheme}: addresses are refused")
        return self._local(urllib.parse.unquote(src.split("#")[0].split("?")[0]))

    def _local(self, relative: str) -> bytes:
        try:
            path = (self.root / relative).resolve()
            if not path.is_relative_to(self.root):
                raise ResourceError("outside the article's folder: refused")
            self.local_reads[path] = None  # even when missing: appearing later must trigger a rebuild
            try:
                info = regular_stat(path)  # nothing is opened before its kind and size are known
            except FileNotFoundError:
                raise ResourceError("file not found") from None
            except NotRegularFile as exc:
                raise ResourceError(str(exc.strerror)) from None
            if info.st_size > images.MAX_IMAGE_BYTES:
                self.local_reads[path] = file_digest(path)
                raise too_large()
            try:
                data = read_regular(path, images.MAX_IMAGE_BYTES)
            except FileTooLarge:  # it grew meanwhile
                raise too_large() from None
            except NotRegularFile as exc:
                raise ResourceError(str(exc.strerror)) from None
            self.local_reads[path] = hashlib.sha256(data).hexdigest()
            return data
        except (OSError, RuntimeError, ValueError) as exc:  # no permission, a symlink loop, a NUL byte, a long name
            raise ResourceError(f"cannot read it ({getattr(exc, 'strerror', None) or exc})") from None

    def _remote(self, url: str) -> bytes:
        cached = self._cache_path(url)
        if cached.is_file():
            return cached.read_bytes()
        if self.offline:
            raise ResourceError("not cached, and --offline forbids fetching it")
        from .fetch import fetch_lock, fetch_url  # http, ssl, sockets: imported when an image is remote

        with fetch_lock(cached):  # another worker of the batch may be fetching it: wait, then reuse
            if cached.is_file():
                return cached.read_bytes()
            try:
                data = fetch_url(url, allow_private=self.allow_private)
            except ResourceError:
                self.remote_failures.add(url)
                raise
            self._store(cached, data)
        return data

    def _forget(self, src: str) -> None:
        """A remote answer that is no usable image (a server's error page sent as `200 OK`, a cut-off
        download) leaves the cache and is tried again on the next build: kept, it was the image for
        good, online or not."""
        if urllib.parse.urlsplit(src.strip()).scheme.lower() not in ("http", "https"):
            return
        self.remote_failures.add(src.strip())
        try:
            self._cache_path(src.strip()).unlink(missing_ok=True)
        except OSError:
            pass

    def _cache_path(self, url: str) -> Path:
        return self.cache / "remote" / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".bin")

    @staticmethod
    def _store(path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError as exc:
            warn(f"cannot write the cache at {path.parent}: {exc}")


def fetch_page(url: str, *, offline: bool = False, allow_private: bool = False, cache: Path | str | None = None,
               max_bytes: int) -> Fetched:
    """A web page by its address: fetched afresh (a page can change, unlike an image) and cached, or
    taken from the cache when `offline`. Raises ResourceError when it cannot be had."""
    from .fetch import Fetched, fetch, fetch_lock

    folder = (Path(cache) if cache is not None else cache_dir()) / "pages"
    stem = hashlib.sha256(url.encode("utf-8")).hexdigest()
    body, about = folder / (stem + ".bin"), folder / (stem + ".json")
    if offline:
        try:
            headers = json.loads(about.read_text(encoding="utf-8"))
            return Fetched(headers.get("url") or url, body.read_bytes(), headers.get("content_type", ""))
        except (OSError, ValueError):
            raise ResourceError("not cached, and --offline forbids fetching it") from None
    with fetch_lock(body):
        page = fetch(url, allow_private=allow_private, max_bytes=max_bytes)
        ResourceGate._store(body, page.data)
        ResourceGate._store(about, json.dumps({"url": page.url, "content_type": page.content_type}).encode("utf-8"))
    return page
