"""A third-party writer as a plug-in would ship it, for the registry test."""
from convert import model
from convert.writers.base import Writer

WRITER = Writer(name="txt", suffix=".txt", description="plain text",
                write=lambda doc, ctx: model.visible_text(doc).encode("utf-8"))
