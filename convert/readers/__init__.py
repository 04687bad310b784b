"""Inputs to the document model: `read_file`, `read_url` and `read_text` give a `Source`.

Bytes are decoded (`decode`), parsed by pandoc (`pandoc`), cleaned of raw HTML first (`sanitize`),
and pandoc's AST is walked into the model (`walk`). We never parse Markdown ourselves. A whole web
page is first reduced to its article (`web`); a page given by its address is fetched through the
resource gate's rules (`resources.fetch_page`).
"""
from __future__ import annotations

import io
import re
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .. import model as m
from ..errors import ConvertError, UsageError, warn
from .decode import decode_text
from .pandoc import docx_ast, html_ast, markdown_ast
from .walk import to_document

MAX_INPUT_BYTES = 20 * 1024 * 1024
SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown", ".html": "html",
                  ".htm": "html", ".mhtml": "mhtml", ".mht": "mhtml", ".docx": "docx"}


# An HTML document's opening, after a byte-order mark, white space and comments
_WHOLE_PAGE = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True)
class Source:
    """An article read from disk: its document, the folder its resources must stay in, and
    resources carried inside the file itself (images of a .docx)."""

    path: Path
    document: m.Document
    root: Path
    embedded: Mapping[str, bytes] = field(default_factory=dict)
    conventions: bool = True  # front matter `article-conventions: false` turns them off
    url: str = ""  # the address of a page read from the web (`path` then only names it)

    @property
    def origin(self) -> str:
        """Where the article came from, for messages: its address or its file."""
        return self.url or str(self.path)


def is_url(item: object) -> bool:
    """An http(s) address given as an input (a `Path` never is one: it would have lost its `//`)."""
    return isinstance(item, str) and item.split(":", 1)[0].lower() in ("http", "https") and "://" in item


def read_file(path: Path | str, *, extract: bool = True) -> Source:
    """Read an article file into the model; raise ConvertError naming the file on bad input.
    `extract=False` keeps a whole web page whole instead of reducing it to its article."""
    path = Path(path)
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ConvertError(path, f"unsupported input type {path.suffix or '(no suffix)'}; "
                                 f"expected one of {', '.join(sorted(SUFFIX_FORMATS))}")
    from ..resources.gate import FileTooLarge, NotRegularFile, read_regular

    try:  # refused unread: a huge file must not fill the memory first, nor a FIFO wait for ever
        data = read_regular(path, MAX_INPUT_BYTES)
    except FileTooLarge as exc:
        raise ConvertError(path, f"the file is {_mib(exc.size)} MiB; the limit is {_mib(MAX_INPUT_BYTES)} MiB; "
                                 "refused unread") from None
    except NotRegularFile as exc:
        raise ConvertError(path, str(exc.strerror)) from None
    except OSError as exc:
        raise ConvertError(path, f"cannot read the file ({exc.strerror or exc})") from None
    embedded: dict[str, bytes] = {}
    if fmt == "markdown" and _WHOLE_PAGE.match(data[:1024]):
        fmt = "html"  # a page saved under a text suffix (`.md`): its menus and footer were the article's text
        warn(f"{path.name}: the file is a web page (HTML), not Markdown or text: read as a page")
    if fmt == "docx":
        ast = docx_ast(path, data)
        embedded = _docx_media(path, data)
    elif fmt == "html":
        from .web.charset import page_text

        ast = _page_ast(path, page_text(data, "", path), "", extract)
    elif fmt == "mhtml":  # a page saved as one file: its pictures inside it
        from .web.mhtml import unpack

        saved = unpack(data, path)
        ast, embedded = _page_ast(path, saved.html, saved.url, extract, name=path.name), saved.resources
    else:
        ast = _markdown_ast(path, decode_text(data, path))
    return _source(path, ast, embedded)


def _mib(size: int) -> str:
    """A size in MiB for messages: whole above 10, else to a tenth (a small limit must not read 0)."""
    return f"{size / 1048576:.0f}" if size >= 10 * 1048576 else f"{size / 1048576:.1f}".rstrip("0").rstrip(".")


def read_url(url: str, *, extract: bool = True, offline: bool = False, allow_private: bool = False,
             cache: Path | str | None = None) -> Source:
    """Fetch a web page (timeouts, size cap, private addresses refused unless allowed, cached; from the
    cache when `offline`), decode it by its declared charset, and read its article."""
    from ..resources import ResourceError, cache_dir, fetch_page
    from .web.charset import page_text

    try:
        page = fetch_page(url, offline=offline, allow_private=allow_private, cache=cache, max_bytes=MAX_INPUT_BYTES)
    except ResourceError as exc:
        raise ConvertError(url, f"cannot fetch the page: {exc}") from None
    path = Path(url_stem(page.url) + ".html")
    root = (Path(cache) if cache is not None else cache_dir()) / "pages" / "no-local-files"
    ast = _page_ast(path, page_text(page.data, page.content_type, url), page.url, extract)
    ast["meta"].setdefault("source-url", {"t": "MetaString", "c": page.url})
    document, conventions = to_document(path, ast)
    document = m.Document(meta=_without_bidi_controls(document.meta), blocks=document.blocks)
    return Source(path=path, document=document, root=root.resolve(), conventions=conventions, url=url)


def url_stem(url: str) -> str:
    """A file name for a page from its address: the last meaningful part of its path
    (`/news/2024/flood-barrier.html` -> `flood-barrier`, `/news/123.html` -> `news-123`,
    `/s?__biz=…` -> `mp.weixin.qq.com-s`)."""
    parts = urllib.parse.urlsplit(url)
    segments = [urllib.parse.unquote(s) for s in parts.path.split("/") if s]
    if segments:
        segments[-1] = re.sub(r"\.(?:s?html?|php|aspx?|jsp|cgi)$", "", segments[-1], flags=re.I)
    picked: list[str] = []
    for segment in reversed(segments):
        if segment.lower() in _GENERIC_SEGMENTS:
            continue
        picked.insert(0, segment)
        if len(picked) >= 2 or (len(segment) >= 3 and not segment.isdigit()):
            break
    stem = "-".join(picked)
    host = (parts.hostname or "page").removeprefix("www.")
    return stem if len(stem) >= 3 and not stem.isdigit() else f"{host}-{stem}".strip("-")


_GENERIC_SEGMENTS = {"index", "default", "article", "content", "main", "detail"}


def read_text(text: str, *, name: str = "<string>", root: Path | str = ".", fmt: str = "markdown",
              extract: bool = True) -> Source:
    """Read article text given as a string (library use and tests)."""
    if not text.strip():
        raise ConvertError(name, "the text is empty")
    suffix = {"markdown": ".md", "html": ".html"}.get(fmt)
    if suffix is None:
        raise UsageError(f"cannot read text as {fmt!r}; expected 'markdown' or 'html'")
    path = Path(root) / (Path(name).stem + suffix)
    ast = _markdown_ast(path, text) if fmt == "markdown" else _page_ast(path, text, "", extract)
    return _source(path, ast, {})


def _page_ast(path: Path, html: str, url: str, extract: bool, name: str = "") -> dict:
    """An HTML input's AST: a whole web page reduced to its article first (unless `extract` is off),
    its metadata from the page (JSON-LD, Open Graph, ...) over that of its `<title>`."""
    from .web import read_page  # lxml's HTML tools and the page heuristics, for HTML inputs only

    page = read_page(html, url=url, extract=extract, name=name or url or path.name)
    ast = html_ast(path, page.html)
    if page.meta is not None:
        ast["meta"] = {**ast.get("meta", {}), **page.meta.as_pandoc()}
    return ast


# Front matter: YAML between `---` lines, or TOML between `+++` lines (Hugo's)
_YAML_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TOML_FRONT = re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.S)
# An element whose content is code, not text: it goes with its content (as in the body, `sanitize`)
_CODE_ELEMENT = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)


def _markdown_ast(path: Path, text: str) -> dict:
    """`markdown_ast` of the text with its front matter made safe to read: TOML front matter read
    (tomllib) into the YAML pandoc reads, the same fields; scripts and styles in it removed with
    their content (pandoc keeps their text in a field: `<script>alert(2)</script>` left `alert(2)`
    in the headline); and a front matter pandoc cannot read named as such."""
    text = _toml_front_matter(path, text)
    if front := _YAML_FRONT.match(text):
        cleaned, dropped = _CODE_ELEMENT.subn("", front.group(0))
        if dropped:
            warn(f"{path.name}: front matter: dropped {dropped} script or style element(s) with their content")
            text = cleaned + text[front.end():]
    try:
        return markdown_ast(path, text)
    except ConvertError as exc:
        if front is None or not exc.problem.startswith("pandoc cannot parse it"):
            raise
        raise ConvertError(path, f"the front matter (YAML between the --- lines at the top) cannot be read: "
                                 f"{_yaml_problem(front.group(1) or '') or exc.problem.split(': ', 1)[-1]}") from None


def _yaml_problem(yaml_text: str) -> str:
    """What is wrong with the front matter, and on which line of the file, as PyYAML says it."""
    import yaml

    try:
        yaml.safe_load(yaml_text)
    except yaml.MarkedYAMLError as exc:  # a line of the file: the front matter's, after the opening ---
        said = "; ".join(" ".join(str(part).split()) for part in (exc.context, exc.problem) if part)
        mark = exc.context_mark or exc.problem_mark  # where what is unfinished starts
        return f"line {mark.line + 2}: {said}" if mark is not None else said
    except yaml.YAMLError as exc:
        return " ".join(str(exc).split())
    return ""


def _toml_front_matter(path: Path, text: str) -> str:
    """Hugo's TOML front matter (`+++` lines) as the YAML front matter pandoc reads (JSON is YAML)."""
    front = _TOML_FRONT.match(text)
    if front is None:
        return text
    import json
    import tomllib

    try:
        fields = tomllib.loads(front.group(1) or "")
    except tomllib.TOMLDecodeError as exc:
        raise ConvertError(path, f"the front matter (TOML between the +++ lines at the top) cannot be read: {exc}") from None
    yaml = json.dumps(fields, ensure_ascii=False, default=str)  # dates and times as ISO 8601 text
    return f"---\n{yaml}\n---\n" + text[front.end():]


def _source(path: Path, ast: dict, embedded: dict[str, bytes]) -> Source:
    document, conventions = to_document(path, ast)
    document = _checked_meta(path, document)
    if not document.meta.title and all(isinstance(block, m.HorizontalRule) for block in document.body):
        raise ConvertError(path, "no article text: nothing but markup, comments or scripts that show nothing")
    if all(isinstance(block, (m.Heading, m.HorizontalRule)) for block in document.body):
        warn(f"{path.name}: the article has no text but its title or headings")
    return Source(path=path, document=document, root=path.parent.resolve(), embedded=embedded,
                  conventions=conventions)


def _checked_meta(path: Path, document: m.Document) -> m.Document:
    """The metadata with its language a well-formed BCP 47 tag, which every edition states (`en_US` is
    `en-US`; `en_US!` is warned about and left to detection). (The date is made ISO 8601 where the
    front matter is read, `walk._front_matter_date`.)"""
    from ..config import language_tag

    meta = _without_bidi_controls(document.meta)
    if meta != document.meta:
        document = m.Document(meta=meta, blocks=document.blocks)
    if not meta.lang or (tag := language_tag(meta.lang)) == meta.lang:
        return document
    if tag is None:
        warn(f"{path.name}: the language {meta.lang!r} is not a language tag (BCP 47, such as zh-CN or en); "
             "the language is told from the text instead")
    return m.Document(meta=meta.with_(lang=tag or ""), blocks=document.blocks)


def _without_bidi_controls(meta: m.Meta) -> m.Meta:
    """The metadata without bidi embeddings, overrides and isolates in any field (`m.without_bidi_controls`:
    a front matter's `title: "标题\u202egnp.exe"` was the PDF's title `标题exe.png`)."""
    import dataclasses

    changes: dict[str, object] = {}
    for item in dataclasses.fields(meta):
        value = getattr(meta, item.name)
        if isinstance(value, str):
            cleaned: object = m.without_bidi_controls(value)
        elif isinstance(value, tuple) and all(isinstance(part, str) for part in value):
            cleaned = tuple(m.without_bidi_controls(part) for part in value)
        else:
            continue
        if cleaned != value:
            changes[item.name] = cleaned
    return meta.with_(**changes) if changes else meta


def _docx_media(path: Path, data: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name.removeprefix("word/"): archive.read(name) for name in archive.namelist()
                    if name.startswith("word/media/")}
    except zipfile.BadZipFile:
        raise ConvertError(path, "not a valid .docx file (not a zip archive)") from None



__all__ = ["MAX_INPUT_BYTES", "SUFFIX_FORMATS", "Source", "is_url", "read_file", "read_text", "read_url", "url_stem"]
