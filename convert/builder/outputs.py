"""Where editions go: finding the articles among the inputs, naming each edition's file, and writing
files atomically (a temporary file in the target folder, then a rename: complete or absent)."""
from __future__ import annotations

import logging
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import AbstractSet, Iterable, Mapping, Sequence

from .. import registry
from ..errors import UsageError, shown
from ..readers import SUFFIX_FORMATS, is_url, url_stem

log = logging.getLogger("convert")
SKIPPED_NAMES = {"readme.md", "readme.txt", "readme.markdown", "license.md", "changelog.md"}
GENERIC_STEMS = {"article", "index", "content", "main"}
MAX_STEM_BYTES = 180  # leaves room for "-NN", the suffix and a temporary file's prefix and suffix


def find_articles(inputs: Iterable[Path | str], exclude: Path | str | None = None) -> list[Path | str]:
    """Article files among `inputs`; folders are searched (README files and hidden paths skipped, and
    `exclude`, the output folder, whose editions are not articles). An http(s) address (a `str`) is an
    article too: a web page to fetch. An article reached twice through folders is kept once; one file
    or address named twice among the inputs is a UsageError. Convert's output folders, known by its
    manifest, are not searched (an earlier run's `-o`), and in a searched folder that is one itself
    (`-o` the input folder) the editions its manifest records are no articles (`_searched_files`)."""
    found: dict[str, Path | str] = {}
    named: dict[str, Path | str] = {}
    skip = os.path.abspath(exclude) if exclude is not None else None
    for item in inputs:
        if is_url(item):
            address = str(item).strip()
            if address in named:
                raise UsageError(f"{address} is given twice: give it once")
            named[address] = found[address] = address
            continue
        path = Path(item)
        if path.is_dir():
            searched = os.path.abspath(path)
            for candidate in _searched_files(path):
                relative = candidate.relative_to(path).parts
                # A FIFO or device named as an article is one, refused by the reader unread as what it
                # is (skipped here, it left a run with nothing but `no articles found`)
                if (candidate.exists() and not candidate.is_dir() and candidate.suffix.lower() in SUFFIX_FORMATS
                        and candidate.name.lower() not in SKIPPED_NAMES
                        and not any(part.startswith(".") for part in relative)
                        and not (skip and skip != searched and _inside(os.path.abspath(candidate), skip))):
                    found.setdefault(os.path.abspath(candidate), candidate)
        elif path.exists():
            key = os.path.abspath(path)
            if key in named:
                raise UsageError(f"{named[key]} and {path} are the same article: give it once")
            named[key] = path
            found.setdefault(key, path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(found.values())


def _searched_files(folder: Path) -> list[Path]:
    """The files under `folder`, sorted, but for convert's own output folders (they hold its manifest):
    a folder inside `folder` that holds one is skipped whole, and in `folder` itself (`-o` the input
    folder) the editions its manifest records are skipped. Hidden folders are not entered."""
    from .manifest import MANIFEST, read_entries  # (it imports this module)

    files: list[Path] = []
    for top, folders, names in os.walk(folder):
        here = Path(top)
        if MANIFEST in names:
            if here != folder:
                log.debug(f"{shown(here)}: not searched for articles: an output folder of convert (it holds {MANIFEST})")
                folders[:] = []
                continue
            editions = set(read_entries(here / MANIFEST))
            if editions:
                log.debug(f"{shown(here)}: the {len(editions)} edition(s) its {MANIFEST} records are not articles")
            names = [name for name in names if name not in editions]
        folders[:] = [name for name in folders if not name.startswith(".")]
        files.extend(here / name for name in names)
    return sorted(files)


def check_output_folder(outdir: Path) -> None:
    """The output folder must be a folder, or be creatable as one, and writable: its nearest existing
    folder is tried with a file made and removed (an immutable or read-only folder failed every
    article, one error each, instead of one usage error)."""
    for folder in (outdir, *outdir.absolute().parents):
        if folder.exists():
            if not folder.is_dir():
                raise UsageError(f"the output folder {outdir} cannot be made: {folder} is a file"
                                 if folder != outdir else f"the output folder {outdir} is a file")
            try:
                fd, probe = tempfile.mkstemp(dir=folder, prefix=".convert-probe-")
                os.close(fd)
                os.unlink(probe)
            except OSError as exc:
                raise UsageError(f"the output folder {outdir} cannot be written"
                                 f"{'' if folder == outdir else f' ({folder} cannot)'}: {exc.strerror or exc}") from None
            return


def check_outputs(articles: Sequence[Path | str], editions: Sequence[Path]) -> None:
    """No edition may overwrite an input (`convert dist/a.html --to html -o dist`)."""
    inputs = {os.path.abspath(article): article for article in articles if not is_url(article)}
    for edition in editions:
        article = inputs.get(os.path.abspath(edition))
        if article is not None:
            raise UsageError(f"{article}: its edition {edition} would overwrite it; choose another output folder")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def output_names(articles: Sequence[Path | str],
                 claimed: Mapping[str, AbstractSet[str]] | None = None) -> dict[Path | str, str]:
    """A distinct output stem per article: the file stem, or its folder's name for `article.md`; for a
    web page, the meaningful end of its address's path (`url_stem`). `claimed`: the stems whose
    editions an earlier run left in the output folder, each with the articles (`article_key`) it
    was made from: an article keeps the stem it had there, and never takes another article's
    (`news.html` for y/news.md, then `news-2.html` for x/news.md, in one run as in two)."""
    taken = {stem.lower(): set(owners) for stem, owners in (claimed or {}).items()}
    names: dict[Path | str, str] = {}
    used: set[str] = set()
    for article in articles:
        if is_url(article):
            base = _safe_stem(url_stem(str(article)))
        else:
            path = Path(article)
            folder = path.absolute().parent.name  # `article.md` given from inside its own folder has no parent name
            base = _safe_stem(folder if path.stem.lower() in GENERIC_STEMS and folder else path.stem)
        key = article_key(article)
        name, n = _kept(base, key, taken, used), 1
        while name.lower() in used or not taken.get(name.lower(), set()) <= {key}:
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        names[article] = name
    return names


def _kept(base: str, key: str, taken: dict[str, set[str]], used: set[str]) -> str:
    """The stem the article `key` had in the folder when it is its own alone and free in this run,
    `base` or a numbered one (`news-2`); else `base`."""
    lower = base.lower()
    numbers = [0 if stem == lower else int(stem[len(lower) + 1:]) for stem, owners in taken.items()
               if owners == {key} and stem not in used
               and (stem == lower or (stem.startswith(lower + "-") and stem[len(lower) + 1:].isdigit()))]
    return base if not numbers or min(numbers) == 0 else f"{base}-{min(numbers)}"


def article_key(article: Path | str) -> str:
    """What tells articles apart across runs: a web page's address, a file's absolute path."""
    return str(article).strip() if is_url(article) else os.path.abspath(article)


def _safe_stem(stem: str) -> str:
    stem = unicodedata.normalize("NFC", stem)  # an NFD `café.md` (macOS) is `café`, not `cafe`
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in stem).strip("-.") or "article"
    while len(cleaned.encode("utf-8")) > MAX_STEM_BYTES:  # file systems allow 255 bytes, not characters
        cleaned = cleaned[:-1]
    return cleaned


def edition_path(outdir: Path, stem: str, fmt: str) -> Path:
    return outdir / (stem + registry.get(fmt).suffix)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` is never seen half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
