"""What a writer is: a name, a file suffix, and a function from the model to the edition's bytes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Literal

from ..model import Document
from ..resources import ResourceGate
from ..theme import Theme

Edition = Literal["print", "ereader"]


@dataclass(frozen=True)
class WriteContext:
    """Everything a writer may use besides the document. Writers read images only through `gate`."""

    theme: Theme
    gate: ResourceGate
    edition: Edition = "print"
    page_size: str | None = None  # overrides the theme's page size (A4, A5, Letter)
    pdf_variant: str | None = None  # e.g. "pdf/ua-1", "pdf/a-2b"
    embed_fonts: bool = False  # EPUB: embed a subset of the theme's fonts
    source_name: str = ""  # the input file, for messages
    source_date_epoch: int | None = None  # reproducible timestamps when no article date


@dataclass(frozen=True)
class Writer:
    name: str
    suffix: str
    description: str
    write: Callable[[Document, WriteContext], bytes]
    check: Callable[[], str | None] = field(default=lambda: None)  # why it cannot run, or None
