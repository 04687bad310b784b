"""A web page saved as one file: MHTML (`.mhtml`, `.mht`), what Chrome and Edge save as "Webpage, Single
File". It is a MIME message (RFC 2557): the page is its first HTML part, named by the address it was
fetched from, and the pictures are the other parts, each named by its own address (`Content-Location`)
or, where the page refers to it so, by its `Content-ID` (`cid:…`). Python's `email` reads it."""
from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from pathlib import Path

from ...errors import ConvertError
from .charset import page_text


@dataclass(frozen=True)
class SavedPage:
    html: str
    url: str  # the address the page was saved from: relative addresses in it are resolved against it
    resources: dict[str, bytes]  # its pictures by the addresses the page names them with


def unpack(data: bytes, path: Path) -> SavedPage:
    """The page and its pictures; a clear error for a file that holds no page."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    if not message.is_multipart():
        raise ConvertError(path, "not an MHTML file (it holds no MIME parts)")
    page: tuple[bytes, str, str] | None = None
    resources: dict[str, bytes] = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        location = (part.get("Content-Location") or "").strip()
        if part.get_content_type() == "text/html" and page is None:
            page = (payload, part.get("Content-Type") or "", location)
        elif part.get_content_maintype() == "image":
            if location:
                resources[location] = payload
            if content_id := (part.get("Content-ID") or "").strip().strip("<>"):
                resources[f"cid:{content_id}"] = payload
    if page is None:
        raise ConvertError(path, "the MHTML file holds no HTML page")
    payload, content_type, location = page
    url = location if location.startswith(("http://", "https://")) else ""
    return SavedPage(page_text(payload, content_type, path), url, resources)
