"""Real Word footnotes: a `footnotes.xml` part, and `w:footnoteReference` runs in the text.

python-docx has no footnote API, and its default template has no footnotes part: the part, its
content type and its relationship are added here, with the two separator notes Word expects.
"""
from __future__ import annotations

from typing import Callable

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.ns import qn

from ... import model as m
from .ooxml import Element, el, text_runs

RenderBlocks = Callable[[tuple[m.Block, ...], XmlPart], list[Element]]


class Footnotes:
    """Numbers the notes in the order they are referenced, and writes them once the body is done."""

    def __init__(self, document: WordDocument, notes: tuple[m.Footnote, ...]) -> None:
        self.document = document
        self.notes = {note.id: note for note in notes}
        self.word_ids: dict[str, int] = {}
        self.written: set[str] = set()  # notes already in the part (an issue writes them article by article)
        self.part: XmlPart | None = None

    def reference(self, note_id: str) -> int | None:
        """The Word id for the first reference to a note; None for an unknown note or a second reference
        (a Word footnote has one reference mark)."""
        if note_id not in self.notes or note_id in self.word_ids:
            return None
        self.word_ids[note_id] = len(self.word_ids) + 1
        return self.word_ids[note_id]

    def notes_part(self) -> XmlPart:
        """The footnotes part, created on first use (links inside notes need it for their relationships)."""
        if self.part is None:
            root = el("w:footnotes", _separator(-1, "separator"), _separator(0, "continuationSeparator"))
            self.part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, self.document.part.package)
            self.document.part.relate_to(self.part, RT.FOOTNOTES)
            settings = self.document.settings.element
            compat = settings.find(qn("w:compat"))
            properties = el("w:footnotePr", el("w:footnote", id=-1), el("w:footnote", id=0))
            if compat is not None:
                compat.addprevious(properties)
            else:
                settings.append(properties)
        return self.part

    def write(self, render: RenderBlocks) -> None:
        """Write every referenced note; `render` turns the note's blocks into paragraphs in the notes part."""
        if not self.word_ids:
            return
        part = self.notes_part()
        for note_id, word_id in self.word_ids.items():
            if note_id in self.written:
                continue
            self.written.add(note_id)
            paragraphs = render(self.notes[note_id].content, part) or [el("w:p", el("w:pPr", el("w:pStyle", val="FootnoteText")))]
            first = paragraphs[0]
            if first.tag != qn("w:p"):
                first = el("w:p", el("w:pPr", el("w:pStyle", val="FootnoteText")))
                paragraphs.insert(0, first)
            mark = el("w:r", el("w:rPr", el("w:rStyle", val="FootnoteReference")), el("w:footnoteRef"))
            position = 1 if first.find(qn("w:pPr")) is not None else 0
            for offset, run in enumerate([mark, *text_runs(" ")]):
                first.insert(position + offset, run)
            part.element.append(el("w:footnote", *paragraphs, id=word_id))


def _separator(word_id: int, kind: str) -> Element:
    return el("w:footnote",
              el("w:p", el("w:pPr", el("w:spacing", after=0, line=240, lineRule="auto")),
                 el("w:r", el(f"w:{kind}"))),
              type=kind, id=word_id)


def reference_run(word_id: int) -> Element:
    return el("w:r", el("w:rPr", el("w:rStyle", val="FootnoteReference")), el("w:footnoteReference", id=word_id))
