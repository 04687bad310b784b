"""Remote resources over http(s): timeouts and a total deadline, a size cap, every redirect re-checked,
loopback and private addresses refused unless allowed; one fetch per URL across a batch (`fetch_lock`).

Server-side request forgery: a host name is resolved once, every address it resolves to is checked,
and the connection goes to one of those very addresses (`_connect`), never through a second lookup
that a rebinding DNS server could answer with 127.0.0.1. TLS still verifies the certificate for the
host name (SNI), and the Host header still names it. Each redirect is resolved and checked anew.
"""
from __future__ import annotations

import contextlib
import fcntl
import http.client
import ipaddress
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from . import images
from .images import ResourceError, short, too_large

CONNECT_TIMEOUT_S = 5.0
TOTAL_TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "convert (publishing toolkit)"
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Fetched:
    """A response body with the address it finally came from (after redirects) and its content type."""

    url: str
    data: bytes
    content_type: str = ""


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


Address = tuple[int, Any]  # (socket family, socket address) as getaddrinfo gives them


def check_host(url: str, allow_private: bool) -> list[Address]:
    """Resolve the host of `url` once and return its addresses; refuse the URL when any of them is a
    loopback, private, link-local or reserved address (unless `allow_private`)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ResourceError(f"not an http(s) address: {short(url)}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise ResourceError(f"cannot resolve {parts.hostname} ({exc})") from None
    addresses: list[Address] = []
    for family, _, _, _, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if not allow_private and not address.is_global:
            raise ResourceError(f"{parts.hostname} is a private or loopback address ({address}); "
                                "refused (allow it with --allow-private-hosts)")
        if (family, sockaddr) not in addresses:
            addresses.append((family, sockaddr))
    if not addresses:
        raise ResourceError(f"cannot resolve {parts.hostname} (no address)")
    return addresses


def _connect(family: int, sockaddr: Any, timeout: float) -> socket.socket:
    """A TCP connection to exactly `sockaddr`: no name lookup happens here."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
        return sock
    except BaseException:
        sock.close()
        raise


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP connection to addresses that were already resolved and checked."""

    def __init__(self, host: str, port: int, addresses: list[Address], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses

    def connect(self) -> None:
        failure: OSError | None = None
        for family, sockaddr in self._addresses:
            try:
                self.sock = _connect(family, sockaddr, self.timeout)  # type: ignore[arg-type]
                return
            except OSError as exc:
                failure = exc
        raise failure or OSError("no address to connect to")


class _PinnedTLSConnection(_PinnedConnection):
    """HTTPS to a checked address; the certificate is verified for the host name."""

    default_port = 443

    def connect(self) -> None:
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def fetch(url: str, *, allow_private: bool = False, max_bytes: int | None = None) -> Fetched:
    """GET `url` with timeouts, a size cap and re-checked redirects; each hop connects to the very
    addresses its check approved."""
    cap = images.MAX_IMAGE_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + TOTAL_TIMEOUT_S
    for _ in range(MAX_REDIRECTS + 1):
        _check_deadline(deadline)
        addresses = check_host(url, allow_private)
        parts = urllib.parse.urlsplit(url)
        kind = _PinnedTLSConnection if parts.scheme == "https" else _PinnedConnection
        connection = kind(parts.hostname or "", parts.port or kind.default_port, addresses, CONNECT_TIMEOUT_S)
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        try:
            connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                       "Connection": "close"})
            response = connection.getresponse()
            if response.status in _REDIRECTS and response.getheader("Location"):
                url = urllib.parse.urljoin(url, response.getheader("Location") or "")
                continue
            if response.status != 200:
                raise ResourceError(f"the server answered HTTP {response.status}")
            data = _read_capped(response, deadline, cap)
            return Fetched(url, data, response.getheader("Content-Type") or "")
        except ssl.SSLError as exc:
            raise ResourceError(f"TLS failed ({getattr(exc, 'reason', None) or exc})") from None
        except (OSError, http.client.HTTPException) as exc:
            raise ResourceError(f"unreachable ({exc or type(exc).__name__})") from None
        finally:
            connection.close()
    raise ResourceError(f"more than {MAX_REDIRECTS} redirects")


def fetch_url(url: str, *, allow_private: bool = False) -> bytes:
    """The bytes of a remote image (see `fetch`)."""
    return fetch(url, allow_private=allow_private).data


def _read_capped(response: http.client.HTTPResponse, deadline: float, cap: int) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > cap:
        raise _too_large(cap)
    chunks, size = [], 0
    while chunk := response.read1(65536):  # read() would wait for all 64 KiB: a trickle would beat the deadline
        size += len(chunk)
        if size > cap:
            raise _too_large(cap)
        _check_deadline(deadline)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(cap: int) -> ResourceError:
    return too_large() if cap == images.MAX_IMAGE_BYTES else ResourceError(f"larger than {cap // 1048576} MiB")


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise ResourceError(f"took longer than {TOTAL_TIMEOUT_S:.0f} s")
