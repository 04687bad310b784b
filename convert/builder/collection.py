"""Many articles, one edition per format (`convert collect`, `convert.collect`).

The articles are read and enriched as single articles are (concurrently: reading is mostly pandoc
and the network), then made into one `Collection` by `enrich.assemble`, and each requested format's
collection writer (`Writer.write_collection`) makes its edition, `OUTDIR/<title as a file name>.<suffix>`.

Which articles, in which order: the inputs as given (a folder's files in name order), or a listing,
`collection.toml` (an input that is one, or a folder holding one)::

    title = "本周要闻"                  # the issue's title, unless --title is given
    date = "2025-03-14"
    publication = "Harbour Daily"

    [[article]]
    path = "zh-news-harbor/article.md"  # relative to the listing's folder, and inside it
    title = "A shorter headline"        # optional overrides of what the article says of itself
    authors = ["Ann Lee"]
    date = "2025-03-13"

An article that cannot be read is reported (its `ArticleReport.error`) and left out; the issue is
still made from the others, and `Collected.ok` is False, so the command exits 1.
"""
from __future__ import annotations

import os
import re
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import registry
from ..config import load_profile, profile_theme
from ..enrich import assemble
from ..errors import ConvertError, UsageError, about, collect_warnings
from ..model import Document, Meta
from ..resources import ResourceGate
from ..theme import load_theme
from ..writers.base import IssueContext
from .outputs import _safe_stem, find_articles, write_atomic
from .single import Options, check_writer_options, formats_from, gate_for, load, one_line_failure

LISTING_NAME = "collection.toml"


# ---------------------------------------------------------------- what was asked and what happened


class ArticleEntry(BaseModel):
    """One article of a listing, with what it overrides."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    title: str = ""
    authors: list[str] | None = None
    date: str = ""


class Listing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = ""
    date: str = ""
    publication: str = ""
    article: list[ArticleEntry] = Field(default_factory=list)


@dataclass
class ArticleReport:
    """One article of the issue: its title as shown, its warnings, and why it was left out (if it was)."""

    source: Path
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class EditionReport:
    """One edition of the issue."""

    format: str
    output: Path | None = None
    size: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Collected:
    """What `collect` did: the articles (in order, those left out included) and the editions."""

    title: str
    articles: list[ArticleReport]
    editions: list[EditionReport]

    @property
    def included(self) -> list[ArticleReport]:
        return [a for a in self.articles if a.ok]

    @property
    def ok(self) -> bool:
        return bool(self.included) and all(a.ok for a in self.articles) and all(e.ok for e in self.editions)


# ---------------------------------------------------------------- the library call


def collect(inputs: Sequence[Path | str], to: Sequence[str] | str | None = None, output: Path | str = "dist", *,
            title: str = "", date: str = "", publication: str = "", theme: str | None = None,
            config: Path | str | None = None, options: Options | None = None, jobs: int | None = None,
            **option_values: Any) -> Collected:
    """Make one edition per format of the articles `inputs` (files, folders, or a `collection.toml`).

    `title` is required (here or in the listing). `publication`, the theme, the language and the
    formats default to the publication profile's (`config`, else `./convert.toml`). Raises UsageError
    for a bad request; a bad article is reported in the result, not raised.
    """
    profile = load_profile(config)
    options = (options or Options()).with_values(**option_values)
    if theme or profile.theme:
        options = options.with_values(theme=theme or profile_theme(profile))
    requested = [to] if isinstance(to, str) else list(to or profile.editions)
    if not requested:
        raise UsageError("no output format given (--to, or `editions` in the profile)")
    formats = formats_from(requested)
    for fmt in formats:
        if registry.get(fmt).write_collection is None:
            raise UsageError(f"the {fmt} writer makes no edition of many articles")
    check_writer_options(options, formats)
    entries, listing = _entries(inputs)
    title = " ".join((title or listing.title).split())
    if not title:
        raise UsageError("an issue needs a title (--title, or `title` in collection.toml)")
    publication = publication or listing.publication or profile.publication
    meta = Meta(title=title, date=date or listing.date, lang=profile.language)
    loaded = _load_all(entries, options, jobs)
    reports = [report for report, _ in loaded]
    editions = _write_editions(meta, loaded, formats, Path(output), publication, options)
    return Collected(title=title, articles=reports, editions=editions)


def _entries(inputs: Sequence[Path | str]) -> tuple[list[ArticleEntry], Listing]:
    """The articles in order, with their overrides, and the listing's issue fields (empty without one)."""
    entries: list[ArticleEntry] = []
    listing = Listing()
    for item in inputs:
        path = Path(item)
        listing_file = path / LISTING_NAME if path.is_dir() else path if path.suffix == ".toml" else None
        if listing_file is not None and listing_file.is_file():
            listing = read_listing(listing_file)
            entries += [entry.model_copy(update={"path": str(listing_file.parent / entry.path)})
                        for entry in listing.article]
        else:
            entries += [ArticleEntry(path=str(found)) for found in find_articles([path])]
    if not entries:
        raise UsageError(f"no articles found in {', '.join(map(str, inputs)) or 'no input'}")
    return entries, listing


def read_listing(path: Path) -> Listing:
    """The listing at `path`; a UsageError naming it when it cannot be read, or when an article's path
    leads outside its folder (`../`, an absolute path, a symlink): a listing handed on with an issue
    must not make its edition print a file elsewhere on the machine."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        listing = Listing(**data)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such listing") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the listing ({exc})") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise UsageError(f"{path}: {problems}") from None
    folder = path.parent.resolve()
    for entry in listing.article:
        try:
            inside = (folder / entry.path).resolve().is_relative_to(folder)
        except (OSError, ValueError, RuntimeError):  # a NUL in the path, a symlink loop
            inside = False
        if not inside:
            raise UsageError(f"{path}: the article path {entry.path!r} leads outside the listing's folder "
                             f"{path.parent}; list only articles inside it (copy the article there)")
    return listing


# ---------------------------------------------------------------- the articles


Loaded = tuple[ArticleReport, "tuple[Document, ResourceGate] | None"]


def _load_all(entries: list[ArticleEntry], options: Options, jobs: int | None) -> list[Loaded]:
    workers = max(1, min(jobs or os.cpu_count() or 1, len(entries), 8))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda entry: _load_one(entry, options), entries))


def _load_one(entry: ArticleEntry, options: Options) -> Loaded:
    """One article read, enriched, its overrides applied and its pictures fetched; never raises."""
    source = Path(entry.path)
    report = ArticleReport(source)
    with collect_warnings() as warnings, about(str(source)):
        try:
            if not source.exists():  # a FIFO or a folder is refused by the reader, unread, as what it is
                raise ConvertError(source, "no such file")
            read, document = load(source, options)  # the run's script and quotes, as in a single build
            changes: dict[str, Any] = {}
            if entry.title:
                changes["title"] = " ".join(entry.title.split())
            if entry.authors is not None:
                changes["authors"] = tuple(entry.authors)
            if entry.date:
                changes["date"] = entry.date
            if changes:
                document = Document(meta=document.meta.with_(**changes), blocks=document.blocks)
            gate, document = gate_for(read, document, options)
        except ConvertError as exc:
            report.error = exc.problem
        except Exception as exc:  # a bug must not take the issue down
            report.error = one_line_failure("internal error", exc)
    report.warnings = list(warnings)
    if report.error:
        return report, None
    report.title = document.meta.title
    return report, (document, gate)


# ---------------------------------------------------------------- the editions


def _write_editions(meta: Meta, loaded: list[Loaded], formats: list[str], outdir: Path, publication: str,
                    options: Options) -> list[EditionReport]:
    """Each format's edition of the articles that were read. An article a writer refuses (it raises
    a ConvertError naming the article) is reported, left out, and the editions are made again
    without it, so every edition holds the same articles."""
    theme = load_theme(options.theme)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    while True:
        included = [(report, pair) for report, pair in loaded if pair is not None and report.ok]
        if not included:
            return [EditionReport(fmt, error="no article could be read") for fmt in formats]
        collection = assemble(meta, [pair[0] for _, pair in included],  # type: ignore[index]
                              figure_numbering=theme.collection.figure_numbering, publication=publication,
                              sources=[str(report.source) for report, _ in included])
        gates = tuple(pair[1] for _, pair in included)  # type: ignore[index]
        by_source = {str(report.source): report for report, _ in included}
        editions, refused = [], None
        for fmt in formats:
            writer = registry.get(fmt)
            edition = EditionReport(fmt)
            with collect_warnings() as warnings:
                try:
                    problem = writer.check()
                    if problem:
                        raise UsageError(f"the {fmt} writer cannot run here: {problem}")
                    ictx = IssueContext(theme=theme, gates=gates, options=writer.make_options(options.writer_options),
                                        source_date_epoch=int(epoch) if epoch and epoch.isdigit() else None)
                    data = writer.write_collection(collection, ictx)  # type: ignore[misc]
                    target = outdir / (issue_stem(meta.title) + writer.suffix)
                    write_atomic(target, data)
                    edition.output, edition.size = target, len(data)
                except ConvertError as exc:
                    if exc.path in by_source and len(included) > 1:
                        refused = by_source[exc.path]
                        refused.error = f"left out of the {fmt} edition: {exc.problem}"
                        break
                    edition.error = exc.problem
                except UsageError as exc:
                    edition.error = str(exc)
                except Exception as exc:
                    edition.error = one_line_failure(f"{fmt} writer failed", exc)
            edition.warnings = list(warnings)
            editions.append(edition)
        if refused is None:
            return editions


def issue_stem(title: str) -> str:
    """The issue's title made a file name (Han characters kept, spaces and punctuation as `-`)."""
    return re.sub(r"-{2,}", "-", _safe_stem(title))
