"""The only door WeasyPrint has to the outside: images the resource gate already vetted, nothing else.

The PDF writer gives each `Image` from `ctx.gate` a private `convert-image:` address; this fetcher
serves those bytes and refuses every other URL — `file:`, `http(s):`, `data:`, stylesheets, fonts,
attachments — so markup that slipped past the sanitizer still cannot pull a local file or a remote
resource into the PDF.
"""
from __future__ import annotations

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ...resources import Image

SCHEME = "convert-image"


class RefusedURL(ValueError):
    pass


class GateFetcher(URLFetcher):
    """Serves the images registered with `url_for`; every other request is refused and recorded."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(SCHEME,), allow_redirects=False)
        self.images: dict[str, Image] = {}
        self.refused: list[str] = []

    def url_for(self, image: Image) -> str:
        self.images[image.name] = image
        return f"{SCHEME}:{image.name}"

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme, _, name = url.partition(":")
        image = self.images.get(name) if scheme.lower() == SCHEME else None
        if image is None:
            self.refused.append(url)
            raise RefusedURL(f"the PDF writer reads no outside resource ({_short(url)})")
        return URLFetcherResponse(url, image.data, {"Content-Type": image.media_type})


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."
