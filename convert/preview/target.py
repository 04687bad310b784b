"""What a preview shows: one article, or a collection read as `convert collect` reads it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..builder.collection import LISTING_NAME, _entries, read_listing
from ..builder.outputs import find_articles
from ..errors import UsageError
from ..readers import is_url


@dataclass(frozen=True)
class Target:
    """The input as given, its articles in order, and whether they make one issue.

    `folders` are the only places on disk the preview reads from (besides the theme): each article's
    own folder, and the listing's folder for a collection."""

    inputs: tuple[Path, ...]
    articles: tuple[Path, ...]
    collection: bool
    title: str = ""  # an issue's title: the listing's, else the input folder's name

    @property
    def folders(self) -> tuple[Path, ...]:
        found = [article.parent.resolve() for article in self.articles]
        for item in self.inputs:
            if self.collection:
                found.append((item if item.is_dir() else item.parent).resolve())
        return tuple(dict.fromkeys(found))

    def label(self, index: int) -> str:
        article = self.articles[index]
        return f"{article.parent.name}/{article.name}" if article.stem.lower() in ("article", "index") else article.name


def find_target(given: Sequence[Path | str]) -> Target:
    """The preview's target: a single article file; a folder holding one article; or a collection (a
    `collection.toml`, a folder holding one, a folder of several articles, or several inputs)."""
    inputs = tuple(Path(item) for item in given) or (_default_input(),)
    for item in inputs:
        if is_url(str(item)):
            raise UsageError(f"{item}: the preview watches files on disk; save the page and preview the file")
        if not item.exists():
            raise UsageError(f"{item}: no such file or folder")
    listing = next((item / LISTING_NAME if item.is_dir() else item for item in inputs
                    if (item / LISTING_NAME if item.is_dir() else item).name == LISTING_NAME
                    and (item / LISTING_NAME if item.is_dir() else item).is_file()), None)
    if listing is None and len(inputs) == 1 and inputs[0].is_file():
        return Target(inputs, (inputs[0],), collection=False)
    if listing is None:
        found = [Path(article) for article in find_articles(inputs)]
        if not found:
            raise UsageError(f"no articles found in {', '.join(map(str, inputs))}")
        if len(found) == 1:
            return Target(inputs, (found[0],), collection=False)
    entries, _listing = _entries(inputs)  # the reading `convert collect` does: order, listing, folders
    title = read_listing(listing).title if listing is not None else ""
    return Target(inputs, tuple(Path(entry.path) for entry in entries), collection=True,
                  title=title or inputs[0].resolve().name)


def _default_input() -> Path:
    listing = Path(LISTING_NAME)
    return listing if listing.is_file() else Path(".")
