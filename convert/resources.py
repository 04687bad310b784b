"""The one gate for every image an edition reads.

Local paths must resolve (symlinks included) inside the article's own folder; `file:` URLs are
refused; remote http(s) images are fetched with timeouts and a size cap, private and loopback
addresses refused unless allowed, and cached on disk by URL. Whatever cannot be had becomes a
`Placeholder` that writers render with the caption and the source address. Writers receive PNG or
JPEG bytes: Pillow converts the rest (SVG is rasterised by CairoSVG with outside access off).
"""
from __future__ import annotations

import base64
import binascii
import contextlib
import contextvars
import fcntl
import hashlib
import io
import ipaddress
import json
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from PIL import Image as PILImage
from PIL import ImageFile, ImageOps

from .errors import warn
from .incremental import file_digest

MAX_IMAGE_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000  # beyond this an image is treated as a decompression bomb
MAX_EDGE = 2400  # larger images are scaled down: no edition needs more
CONNECT_TIMEOUT_S = 5.0
TOTAL_TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "convert (publishing toolkit)"
_OUTPUT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
_STRICT_LOADING = threading.Lock()


@dataclass(frozen=True)
class Image:
    """Image bytes ready for a writer: PNG or JPEG, with pixel size and a stable file name."""

    data: bytes
    media_type: str
    width: int
    height: int

    @property
    def name(self) -> str:
        suffix = ".png" if self.media_type == "image/png" else ".jpg"
        return "img-" + hashlib.sha1(self.data).hexdigest()[:12] + suffix


@dataclass(frozen=True)
class Placeholder:
    """Stands in for an image that could not be used; `reason` says why."""

    src: str
    reason: str


class ResourceError(Exception):
    pass


def cache_dir() -> Path:
    """Where remote images are cached: $CONVERT_CACHE_DIR, else the XDG cache dir."""
    if env := os.environ.get("CONVERT_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "convert"


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
        self.local_reads: dict[Path, str | None] = {}  # file -> sha256 of its bytes (None: unread), for rebuilds
        self.remote_failures: set[str] = set()  # worth another try on the next build
        self._lock = threading.Lock()

    # ------------------------------------------------------------ public
    def image(self, src: str) -> Image | Placeholder:
        """PNG/JPEG bytes for `src`, or a Placeholder saying why there are none (warned once)."""
        with self._lock:
            if src in self._memo:
                return self._memo[src]
        try:
            result: Image | Placeholder = _prepare_image(self._read(src))
        except ResourceError as exc:
            warn(f"image {_short(src)}: {exc}; a placeholder is shown instead")
            result = Placeholder(src, str(exc))
        with self._lock:
            self._memo.setdefault(src, result)
            return self._memo[src]

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
            return _data_url(src)
        if scheme and len(scheme) > 1:  # one letter would be a Windows drive
            raise ResourceError(f"{scheme}: addresses are refused")
        return self._local(urllib.parse.unquote(src.split("#")[0].split("?")[0]))

    def _local(self, relative: str) -> bytes:
        try:
            path = (self.root / relative).resolve()
            if not path.is_relative_to(self.root):
                raise ResourceError("outside the article's folder: refused")
            self.local_reads[path] = None  # even when missing: appearing later must trigger a rebuild
            if not path.is_file():
                raise ResourceError("file not found")
            if path.stat().st_size > MAX_IMAGE_BYTES:
                self.local_reads[path] = file_digest(path)
                raise _too_large()
            data = path.read_bytes()
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
        with _fetch_lock(cached):  # another worker of the batch may be fetching it: wait, then reuse
            if cached.is_file():
                return cached.read_bytes()
            try:
                data = fetch_url(url, allow_private=self.allow_private)
            except ResourceError:
                self.remote_failures.add(url)
                raise
            self._store(cached, data)
        return data

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
            warn(f"cannot write the image cache at {path.parent}: {exc}")


# ---------------------------------------------------------------- network


@contextlib.contextmanager
def _fetch_lock(cached: Path) -> Iterator[None]:
    """One fetch per URL across the threads and processes of a batch (an flock beside the cache file)."""
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        handle = open(cached.with_suffix(".lock"), "a+")
    except OSError:  # an unwritable cache: fetch without coordination
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # redirects are followed by fetch_url, which re-checks each address


_OPENER = urllib.request.build_opener(_NoRedirect)


def check_host(url: str, allow_private: bool) -> None:
    """Refuse URLs whose host resolves to a loopback, private, link-local or reserved address."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ResourceError(f"not an http(s) address: {_short(url)}")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ResourceError(f"cannot resolve {parts.hostname} ({exc})") from None
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise ResourceError(f"{parts.hostname} is a private or loopback address ({address}); "
                                "refused (allow it with --allow-private-hosts)")


def fetch_url(url: str, *, allow_private: bool = False) -> bytes:
    """GET `url` with timeouts, a size cap and re-checked redirects."""
    deadline = time.monotonic() + TOTAL_TIMEOUT_S
    for _ in range(MAX_REDIRECTS + 1):
        _check_deadline(deadline)
        check_host(url, allow_private)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with _OPENER.open(request, timeout=CONNECT_TIMEOUT_S) as response:
                return _read_capped(response, deadline)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                url = urllib.parse.urljoin(url, exc.headers["Location"])
                continue
            raise ResourceError(f"the server answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ResourceError(f"unreachable ({reason})") from None
    raise ResourceError(f"more than {MAX_REDIRECTS} redirects")


def _read_capped(response, deadline: float) -> bytes:  # type: ignore[no-untyped-def]
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > MAX_IMAGE_BYTES:
        raise _too_large()
    chunks, size = [], 0
    while chunk := response.read1(65536):  # read() would wait for all 64 KiB: a trickle would beat the deadline
        size += len(chunk)
        if size > MAX_IMAGE_BYTES:
            raise _too_large()
        _check_deadline(deadline)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> ResourceError:
    return ResourceError(f"larger than {MAX_IMAGE_BYTES // 1048576} MiB")


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise ResourceError(f"took longer than {TOTAL_TIMEOUT_S:.0f} s")


# ---------------------------------------------------------------- images


def _prepare_image(data: bytes) -> Image:
    """Check and normalise image bytes into PNG or JPEG, refusing bombs and broken files."""
    if _looks_like_svg(data):
        data = _rasterise_svg(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            picture = PILImage.open(io.BytesIO(data))
            width, height = picture.size
            if width * height > MAX_PIXELS:
                raise ResourceError(f"{width}×{height} pixels is over the {MAX_PIXELS // 1_000_000} MP limit")
            with _STRICT_LOADING:
                saved, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
                try:
                    picture.load()  # WeasyPrint turns truncated loading on globally; we want the error
                finally:
                    ImageFile.LOAD_TRUNCATED_IMAGES = saved
        except ResourceError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ResourceError("too many pixels (decompression bomb)") from None
        except Exception as exc:  # Pillow raises many types for corrupt data
            raise ResourceError(f"not a readable image ({type(exc).__name__})") from None
    fmt = picture.format or ""
    transposed = ImageOps.exif_transpose(picture)
    needs_work = (fmt not in _OUTPUT_TYPES or transposed is not picture
                  or max(width, height) > MAX_EDGE or picture.mode not in ("RGB", "RGBA", "L", "P", "LA"))
    if not needs_work:
        return Image(data, _OUTPUT_TYPES[fmt], width, height)
    picture = transposed
    if max(picture.size) > MAX_EDGE:
        picture.thumbnail((MAX_EDGE, MAX_EDGE))
    out = io.BytesIO()
    if fmt == "JPEG" and picture.mode in ("RGB", "L", "CMYK"):
        picture.convert("RGB" if picture.mode == "CMYK" else picture.mode).save(out, "JPEG", quality=88)
        media = "image/jpeg"
    else:
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            picture = picture.convert("RGBA")
        picture.save(out, "PNG", optimize=False)
        media = "image/png"
    return Image(out.getvalue(), media, picture.size[0], picture.size[1])


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:4096].lower())


def _rasterise_svg(data: bytes) -> bytes:
    try:
        import cairosvg
        return cairosvg.svg2png(bytestring=data, unsafe=False, output_width=1600)
    except Exception as exc:  # malformed SVG, missing cairo
        raise ResourceError(f"cannot render the SVG ({type(exc).__name__})") from None


def _data_url(src: str) -> bytes:
    """The bytes of an inline `data:image/...;base64,` image: part of the article itself."""
    header, _, payload = src.partition(",")
    if not header.lower().startswith("data:image/") or not header.lower().endswith(";base64"):
        raise ResourceError("only base64 data:image/... URLs are accepted")
    if len(payload) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        raise _too_large()
    try:
        return base64.b64decode(payload, validate=False)
    except (ValueError, binascii.Error):
        raise ResourceError("the data: URL is not valid base64") from None


def _short(src: str) -> str:
    return src if len(src) <= 100 else src[:97] + "..."
