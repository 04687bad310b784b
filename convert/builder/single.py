"""One article: read and enriched once (`load`), then handed to each writer (`render`).

`convert` is the library's one-edition call and raises for a bad article; a batch builds an article's
editions through `job.run_job`, which reports an article's failure in its results instead, so one bad
article never stops a batch.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

from .. import registry
from ..enrich import prepare
from ..enrich.invisible import without_invisible_pictures
from ..enrich.script import check_script
from ..errors import UsageError
from ..model import Document
from ..readers import Source, is_url, read_file, read_url
from ..resources import Image, ResourceGate
from ..theme import Theme, load_theme
from ..writers.base import VERTICAL, WriteContext
from .outputs import write_atomic


@dataclass(frozen=True)
class Options:
    """How to build; the CLI's defaults are these defaults.

    `writer_options` holds the writers' own settings by field name (`edition`, `page_size`,
    `variant`, `embed_fonts`, ...): each writer takes the fields its options class declares
    (`Writer.options`), so a new writer's option needs no new field here.
    """

    theme: str = "default"
    publication: str = ""  # the publication profile's name: EPUB publisher and cover band
    offline: bool = False
    allow_private: bool = False
    cache_dir: Path | None = None
    extract: bool = True  # a whole web page is reduced to its article (False: `--no-extract`)
    script: str | None = None  # Chinese text converted to hans | hant | hant-tw | hant-hk (`enrich.script`)
    writer_options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "script", check_script(self.script))  # a bad name fails before any work

    def with_values(self, **values: Any) -> Options:
        """A copy with build fields and writer settings given as keywords alike (`offline=True`,
        `page_size="A5"`); a name no requested writer knows is caught by `check_writer_options`."""
        own = {f.name for f in fields(self)}
        settings = {**self.writer_options, **{k: v for k, v in values.items() if k not in own}}
        return replace(self, **{k: v for k, v in values.items() if k in own}, writer_options=settings)


@dataclass
class Outcome:
    """What happened to one article in one format."""

    source: Path | str  # a file, or the address of a web page
    format: str
    output: Path | None = None
    size: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    up_to_date: bool = False  # skipped: nothing it depends on changed
    key: str = ""  # for the incremental-build manifest
    deps: dict[str, str | None] = field(default_factory=dict)
    retry: bool = False  # a remote image failed: try again next time even if nothing changed

    interrupted: bool = False  # not built: the batch was stopped first (its `error` says so)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def status(self) -> str:
        """built, up to date, failed, or not built (an interrupted batch)."""
        return ("not built" if self.interrupted else "failed" if self.error else
                "up to date" if self.up_to_date else "built")


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


def check_writer_options(options: Options, formats: Sequence[str]) -> None:
    """Every writer setting must belong to one of the requested writers, and each writer must accept
    its values (its options class raises UsageError for a bad one): checked before any work starts."""
    known: set[str] = set()
    for fmt in formats:
        writer = registry.get(fmt)
        known |= writer.option_names()
        writer.make_options(options.writer_options)
    unknown = sorted(name for name, value in options.writer_options.items() if value is not None and name not in known)
    if unknown:
        raise UsageError(f"option {', '.join(unknown)} does not apply to {', '.join(formats)}")


def load(source: Path | str, options: Options | None = None) -> tuple[Source, Document]:
    """Read and enrich one article: a file, or a web page given by its address (fetched by the
    options' network rules); its quotation marks the theme's for the edition (vertical or not)."""
    options = options or Options()
    if is_url(source):
        read = read_url(str(source), extract=options.extract, offline=options.offline,
                        allow_private=options.allow_private, cache=options.cache_dir)
    else:
        read = read_file(source, extract=options.extract)
    marks = load_theme(options.theme).quotation_marks  # the theme's quotation marks, set in the text itself
    quotes = ((marks.vertical_hans, marks.vertical_hant) if options.writer_options.get("edition") == VERTICAL
              else (marks.hans, marks.hant))  # columns have their own (GB/T 15834-2011)
    return read, prepare(read, script=options.script, quotes=quotes)


def gate_for(read: Source, document: Document, options: Options) -> tuple[ResourceGate, Document]:
    """The article's resource gate, with its figures already fetched (concurrently), so no writer
    waits on the network one picture at a time; and the document without the pictures that show
    nothing (tracking pixels, spacers: `enrich.invisible`), which only the fetched sizes tell."""
    gate = ResourceGate(read.root, embedded=read.embedded, offline=options.offline,
                        allow_private=options.allow_private, cache=options.cache_dir)
    gate.prefetch(figure.src for figure in document.figures)

    def size_of(src: str) -> tuple[int, int] | None:
        resolved = gate.image(src)
        return (resolved.width, resolved.height) if isinstance(resolved, Image) else None

    return gate, without_invisible_pictures(document, size_of)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH from the environment (reproducible builds), when it is a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return int(epoch) if epoch and epoch.isdigit() else None


def context(read: Source, theme: Theme, options: Options, gate: ResourceGate, fmt: str,
            epoch: int | None | str = "environment") -> WriteContext:
    """What the writer of `fmt` gets besides the document: the theme, the gate and its own options.
    `epoch` is SOURCE_DATE_EPOCH as the caller saw it (a batch's workers get the client's)."""
    return WriteContext(theme=theme, gate=gate, options=registry.get(fmt).make_options(options.writer_options),
                        source_name=read.origin, publication=options.publication,
                        source_date_epoch=source_date_epoch() if epoch == "environment" else epoch)  # type: ignore[arg-type]


def render(document: Document, fmt: str, ctx: WriteContext) -> bytes:
    writer = registry.get(fmt)
    problem = writer.check()
    if problem:
        raise UsageError(f"the {fmt} writer cannot run here: {problem}")
    return writer.write(document, ctx)


def convert(source: Path | str, to: str = "html", output: Path | str | None = None,
            options: Options | None = None, **option_values: object) -> bytes | Path:
    """Convert one article to one format.

    Returns the edition's bytes, or writes them atomically to `output` and returns its path.
    Raises ConvertError (bad input) or UsageError (bad request). Options may be passed as an
    `Options` or as keywords (`theme="modern"`, `offline=True`, `page_size="A5"`, ...).
    """
    options = (options or Options()).with_values(**option_values)
    theme = load_theme(options.theme)
    names = formats_from([to])
    if len(names) != 1:
        raise UsageError(f"convert() makes one edition, and {to!r} names {len(names)}; use build() for several")
    check_writer_options(options, names)
    read, document = load(source, options)
    gate, document = gate_for(read, document, options)
    data = render(document, names[0], context(read, theme, options, gate, names[0]))
    if output is None:
        return data
    write_atomic(Path(output), data)
    return Path(output)


def one_line_failure(what: str, exc: BaseException) -> str:
    """`what failed: ValueError: ...` on one line, whatever the exception's message holds."""
    return " ".join(f"{what}: {type(exc).__name__}: {exc}".split())
