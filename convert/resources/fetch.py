"""Remote resources over http(s): timeouts and a total deadline, a size cap, every redirect re-checked,
loopback and private addresses refused unless allowed; one fetch per URL across a batch (`fetch_lock`).
"""
from __future__ import annotations

import contextlib
import fcntl
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

from . import images
from .images import ResourceError, short, too_large

CONNECT_TIMEOUT_S = 5.0
TOTAL_TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "convert (publishing toolkit)"


@contextlib.contextmanager
def fetch_lock(cached: Path) -> Iterator[None]:
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
        raise ResourceError(f"not an http(s) address: {short(url)}")
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
    if length and length.isdigit() and int(length) > images.MAX_IMAGE_BYTES:
        raise too_large()
    chunks, size = [], 0
    while chunk := response.read1(65536):  # read() would wait for all 64 KiB: a trickle would beat the deadline
        size += len(chunk)
        if size > images.MAX_IMAGE_BYTES:
            raise too_large()
        _check_deadline(deadline)
        chunks.append(chunk)
    return b"".join(chunks)


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise ResourceError(f"took longer than {TOTAL_TIMEOUT_S:.0f} s")


