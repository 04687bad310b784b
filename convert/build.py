"""Builds: one article to one edition (`convert`), and many articles to many editions (`build`).

Each article is read once, enriched once, and handed to each writer; its failure is reported and
never stops the other articles. Every output is written atomically: a temporary file in the target
folder, then a rename, so an edition is either complete or absent.
"""
from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from . import registry
from .errors import ConvertError, UsageError, collect_warnings
from .incremental import Manifest, edition_key, file_digest
from .model import Document
from .reader import SUFFIX_FORMATS, Source, read_file
from .resources import ResourceGate
from .theme import Theme, load_theme
from .transforms import prepare
from .writers.base import WriteContext

SKIPPED_NAMES = {"readme.md", "readme.txt", "readme.markdown", "license.md", "changelog.md"}
GENERIC_STEMS = {"article", "index", "content", "main"}
MAX_STEM_BYTES = 180  # leaves room for "-NN", the suffix and a temporary file's prefix and suffix


@dataclass(frozen=True)
class Options:
    """How to build; the CLI's defaults are these defaults."""

    theme: str = "default"
    offline: bool = False
    allow_private: bool = False
    edition: str = "print"
    page_size: str | None = None
    pdf_variant: str | None = None
    embed_fonts: bool = False
    cache_dir: Path | None = None


@dataclass
class Outcome:
    """What happened to one article in one format."""

    source: Path
    format: str
    output: Path | None = None
    size: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    up_to_date: bool = False  # skipped: nothing it depends on changed
    key: str = ""  # for the incremental-build manifest
    deps: dict[str, str | None] = field(default_factory=dict)
    retry: bool = False  # a remote image failed: try again next time even if nothing changed

    @property
    def ok(self) -> bool:
        return self.error is None


def formats_from(requested: Sequence[str]) -> list[str]:
    """Expand `all` and check every name; raise UsageError for an unknown one."""
    names: list[str] = []
    for item in requested:
        for name in item.split(","):
            name = name.strip().lower()
            if not name:
                continue
            chosen = registry.names() if name == "all" else [name]
            for chosen_name in chosen:
                registry.get(chosen_name)  # raises for an unknown name
                if chosen_name not in names:
                    names.append(chosen_name)
    if not names:
        raise UsageError("no output format given")
    return names


def find_articles(inputs: Iterable[Path | str]) -> list[Path]:
    """Article files among `inputs`; folders are searched (README files and hidden paths skipped)."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path).parts
                if (candidate.is_file() and candidate.suffix.lower() in SUFFIX_FORMATS
                        and candidate.name.lower() not in SKIPPED_NAMES
                        and not any(part.startswith(".") for part in relative)):
                    found.append(candidate)
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def output_names(articles: Sequence[Path]) -> dict[Path, str]:
    """A distinct output stem per article: the file stem, or its folder's name for `article.md`."""
    names: dict[Path, str] = {}
    used: set[str] = set()
    for article in articles:
        base = article.parent.name if article.stem.lower() in GENERIC_STEMS and article.parent.name else article.stem
        base = _safe_stem(base)
        name, n = base, 1
        while name.lower() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        names[article] = name
    return names


def _safe_stem(stem: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in stem).strip("-.") or "article"
    while len(cleaned.encode("utf-8")) > MAX_STEM_BYTES:  # file systems allow 255 bytes, not characters
        cleaned = cleaned[:-1]
    return cleaned


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


def edition_path(outdir: Path, stem: str, fmt: str) -> Path:
    return outdir / (stem + registry.get(fmt).suffix)


def one_line_failure(what: str, exc: BaseException) -> str:
    """`what failed: ValueError: ...` on one line, whatever the exception's message holds."""
    return " ".join(f"{what}: {type(exc).__name__}: {exc}".split())


def load(source: Path | str) -> tuple[Source, Document]:
    """Read and enrich one article."""
    read = read_file(source)
    return read, prepare(read)


def gate_for(read: Source, document: Document, options: Options) -> ResourceGate:
    """The article's resource gate, with its figures already fetched (concurrently), so no writer
    waits on the network one picture at a time."""
    gate = ResourceGate(read.root, embedded=read.embedded, offline=options.offline,
                        allow_private=options.allow_private, cache=options.cache_dir)
    gate.prefetch(figure.src for figure in document.figures)
    return gate


def render(document: Document, fmt: str, ctx: WriteContext) -> bytes:
    writer = registry.get(fmt)
    problem = writer.check()
    if problem:
        raise UsageError(f"the {fmt} writer cannot run here: {problem}")
    return writer.write(document, ctx)


def context(read: Source, theme: Theme, options: Options, gate: ResourceGate) -> WriteContext:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return WriteContext(theme=theme, gate=gate, edition=options.edition,  # type: ignore[arg-type]
                        page_size=options.page_size, pdf_variant=options.pdf_variant,
                        embed_fonts=options.embed_fonts, source_name=str(read.path),
                        source_date_epoch=int(epoch) if epoch and epoch.isdigit() else None)


def convert(source: Path | str, to: str = "html", output: Path | str | None = None,
            options: Options | None = None, **option_values: object) -> bytes | Path:
    """Convert one article to one format.

    Returns the edition's bytes, or writes them atomically to `output` and returns its path.
    Raises ConvertError (bad input) or UsageError (bad request). Options may be passed as an
    `Options` or as keywords (`theme="modern"`, `offline=True`, ...).
    """
    options = replace(options or Options(), **option_values)  # type: ignore[arg-type]
    theme = load_theme(options.theme)
    names = formats_from([to])
    if len(names) != 1:
        raise UsageError(f"convert() makes one edition, and {to!r} names {len(names)}; use build() for several")
    read, document = load(source)
    data = render(document, names[0], context(read, theme, options, gate_for(read, document, options)))
    if output is None:
        return data
    write_atomic(Path(output), data)
    return Path(output)


ProgressHook = Callable[[Outcome], None]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def build(inputs: Sequence[Path | str], formats: Sequence[str], outdir: Path | str = "dist",
          options: Options | None = None, progress: ProgressHook | None = None, *,
          jobs: int | None = None, force: bool = False) -> list[Outcome]:
    """Convert every article found in `inputs` to every format into `outdir`.

    Never raises for one bad article (its Outcome carries the error). Editions whose inputs are
    unchanged since the last build into `outdir` are skipped unless `force`. With `jobs` > 1 the
    articles are shared among worker processes, each keeping its writers (and WeasyPrint's fonts) warm.
    """
    options = options or Options()
    theme = load_theme(options.theme)
    names = formats_from(formats)
    articles = find_articles(inputs)
    stems = output_names(articles)
    out = Path(outdir)
    manifest = Manifest(out)
    entries = manifest.load()
    _remove_stale_parts(out)
    results: dict[Path, list[Outcome]] = {}
    tasks: list[tuple[Path, list[str], str]] = []
    for article in articles:
        stale = []
        results[article] = []
        for fmt in names:
            target = edition_path(out, stems[article], fmt)
            if not force and manifest.is_fresh(entries, target, fmt, theme, options, article):
                outcome = Outcome(article, fmt, target, target.stat().st_size, up_to_date=True)
                results[article].append(outcome)
                if progress:
                    progress(outcome)
            else:
                stale.append(fmt)
        if stale:
            tasks.append((article, stale, stems[article]))
    workers = min(jobs or default_jobs(), len(tasks))
    for article, outcomes in _run(tasks, out, options, workers):
        results[article].extend(outcomes)
        if progress:
            for outcome in outcomes:
                progress(outcome)
    built = [o for outcomes in results.values() for o in outcomes if o.ok and not o.up_to_date]
    if built:
        with manifest.locked() as current:
            for o in built:
                current[o.output.name] = {"key": o.key, "size": o.size, "deps": o.deps,  # type: ignore[union-attr]
                                          "source": str(o.source), "retry": o.retry}
    order = {fmt: index for index, fmt in enumerate(names)}
    return [o for article in articles for o in sorted(results[article], key=lambda o: order[o.format])]


def _run(tasks: list[tuple[Path, list[str], str]], outdir: Path, options: Options,
         workers: int) -> Iterator[tuple[Path, list[Outcome]]]:
    if workers <= 1:
        for article, formats, stem in tasks:
            yield article, build_article(article, formats, outdir, stem, options)
        return
    formats = sorted({fmt for _, fmts, _ in tasks for fmt in fmts})
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker,
                             initargs=(formats, options.theme)) as pool:
        futures = {pool.submit(build_article, article, fmts, outdir, stem, options): (article, fmts)
                   for article, fmts, stem in tasks}
        for future in as_completed(futures):
            article, fmts = futures[future]
            try:
                yield article, future.result()
            except Exception as exc:  # a worker that died (killed, out of memory)
                yield article, [Outcome(article, fmt, error=one_line_failure("worker failed", exc)) for fmt in fmts]


def _warm_worker(formats: list[str], theme_name: str) -> None:
    """Import each writer once per worker process, so its set-up is paid once per batch, not per article."""
    load_theme(theme_name)
    for fmt in formats:
        registry.get(fmt)


def _remove_stale_parts(outdir: Path, older_than_s: float = 600) -> None:
    """Temporary files left by a build that was killed; a running build's are younger."""
    if not outdir.is_dir():
        return
    now = time.time()
    for part in outdir.glob(".*.part"):
        try:
            if now - part.stat().st_mtime > older_than_s:
                part.unlink()
        except OSError:
            pass


def build_article(article: Path, formats: Sequence[str], outdir: Path, stem: str,
                  options: Options) -> list[Outcome]:
    """Every requested edition of one article; errors end up in the outcomes, never raised."""
    theme = load_theme(options.theme)
    article_digest = file_digest(article)  # before reading: an edit during the build must not look built
    with collect_warnings() as read_warnings:
        try:
            read, document = load(article)
        except ConvertError as exc:
            return [Outcome(article, fmt, error=exc.problem, warnings=list(read_warnings)) for fmt in formats]
        except Exception as exc:  # a bug must not take the batch down
            return [Outcome(article, fmt, error=one_line_failure("internal error", exc)) for fmt in formats]
        gate = gate_for(read, document, options)
    ctx = context(read, theme, options, gate)
    outcomes = []
    for fmt in formats:
        outcome = Outcome(article, fmt)
        with collect_warnings() as warnings:
            try:
                data = render(document, fmt, ctx)
                target = edition_path(outdir, stem, fmt)
                write_atomic(target, data)
                outcome.output, outcome.size = target, len(data)
            except (ConvertError, UsageError) as exc:
                outcome.error = str(exc) if isinstance(exc, UsageError) else exc.problem
            except Exception as exc:
                outcome.error = one_line_failure(f"{fmt} writer failed", exc)
        outcome.warnings = list(dict.fromkeys(read_warnings + warnings))
        if outcome.ok:
            outcome.deps = {str(path): digest for path, digest in sorted(gate.local_reads.items())}
            outcome.key = edition_key(fmt, theme, options, article_digest, outcome.deps)
            outcome.retry = bool(gate.remote_failures)
        outcomes.append(outcome)
    return outcomes
