"""What a writer is: a name, a file suffix, the image types it embeds, its own options, and a function
from the model to the edition's bytes.

A writer's options are a frozen dataclass of its own (`PdfOptions`, `EpubOptions`, ...) whose fields
have defaults and whose `__post_init__` raises UsageError for a bad value. A build passes its writer
settings by name and each writer takes the fields it declares (`Writer.make_options`), so adding an
option to one writer touches that writer only.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Callable, Mapping

from ..errors import ConvertError, UsageError
from ..model import Collection, Document, Figure, plain_text
from ..resources import ResourceGate
from ..scripts import direction
from ..theme import Theme

# The `edition` setting every writer shares. `horizontal` (each format's default), `print` and `ereader`
# (the PDF's page sizes) set the text in horizontal lines; `vertical` sets it in vertical columns read right
# to left, as Traditional-script books are (EPUB, DOCX, HTML page; the PDF writer refuses it).
EDITIONS = ("horizontal", "print", "ereader", "vertical")
VERTICAL = "vertical"
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-2b")  # the PDF writer's; here so the command line need not import it


@dataclass(frozen=True)
class NoOptions:
    """The options of a writer that has none."""


@dataclass(frozen=True)
class EditionOptions:
    """The options of a writer whose only layout choice is the text's direction (`edition`): any
    horizontal edition is stored as `horizontal`, so an incremental build does not tell them apart."""

    edition: str = "horizontal"

    def __post_init__(self) -> None:
        if self.edition not in EDITIONS:
            raise UsageError(f"unknown edition {self.edition!r}; choose from: {', '.join(EDITIONS)}")
        if self.edition != VERTICAL:
            object.__setattr__(self, "edition", "horizontal")

    @property
    def vertical(self) -> bool:
        return self.edition == VERTICAL


@dataclass(frozen=True)
class WriteContext:
    """Everything a writer may use besides the document. Writers read images only through `gate`.

    `options` is an instance of the writer's own options class (None: its defaults)."""

    theme: Theme
    gate: ResourceGate
    options: Any = None
    source_name: str = ""  # the input file, for messages
    source_date_epoch: int | None = None  # reproducible timestamps when no article date
    publication: str = ""  # the publication profile's name (masthead, EPUB publisher); "" for none


@dataclass(frozen=True)
class IssueContext:
    """What a writer of a collection gets besides it: one resource gate per article (each article
    reads its pictures from its own folder), the theme, the writer's options."""

    theme: Theme
    gates: tuple[ResourceGate, ...]
    options: Any = None
    source_date_epoch: int | None = None

    def article(self, index: int, collection: Any) -> WriteContext:
        """The context the article at `index` is rendered in, as a single article's would be."""
        sources = collection.sources
        return WriteContext(theme=self.theme, gate=self.gates[index], options=self.options,
                            source_name=sources[index] if index < len(sources) else "",
                            source_date_epoch=self.source_date_epoch, publication=collection.publication)


@dataclass(frozen=True)
class Writer:
    name: str
    suffix: str
    description: str
    write: Callable[[Document, WriteContext], bytes]
    check: Callable[[], str | None] = field(default=lambda: None)  # why it cannot run, or None
    options: type = NoOptions
    image_types: tuple[str, ...] = ("image/png", "image/jpeg")  # what the resource gate hands it
    # An edition of many articles (`convert collect`), or None when the format makes none.
    write_collection: Callable[[Collection, IssueContext], bytes] | None = None
    # Third-party modules `write` imports on first use: a build imports them ahead, on a thread, while the
    # reader waits on pandoc (`builder.warm`). Names of libraries only, never convert's own modules.
    libraries: tuple[str, ...] = ()

    def option_names(self) -> set[str]:
        return {f.name for f in fields(self.options)}

    def make_options(self, settings: Mapping[str, Any]) -> Any:
        """This writer's options from a build's settings: the fields it declares (None means the default)."""
        names = self.option_names()
        return self.options(**{k: v for k, v in settings.items() if k in names and v is not None})


def options_of(ctx: WriteContext, kind: type) -> Any:
    """The writer's options from `ctx`, or its defaults when the caller gave none."""
    return ctx.options if isinstance(ctx.options, kind) else kind()


def check_direction(doc: Document, ctx: WriteContext, options: EditionOptions) -> None:
    """Vertical columns are for text written in them (Chinese, Japanese): an article in a right-to-left
    script (Arabic, Hebrew) is refused with the reason, rather than turned on its side."""
    if options.vertical and direction(doc.meta.lang) == "rtl":
        raise ConvertError(ctx.source_name or doc.meta.title,
                           f"the vertical edition sets text in columns; this article's language "
                           f"({doc.meta.lang}) is written in right-to-left lines: build it without --edition vertical")


def figure_alternative(figure: Figure, theme: Theme, lang: str) -> str:
    """What a reader who cannot see a figure's picture is given, in every edition alike: its alt text,
    else its caption, else its label (`图 2`). Never nothing: a PDF/UA checker refuses a Figure without
    /Alt, and Word's accessibility checker a picture without a description."""
    text = " ".join(figure.alt.split()) or " ".join(plain_text(figure.caption).split())
    if text or figure.number is None:
        return text
    return theme.figure_label(figure.number, "", lang)
