"""Pictures of a web page's article: which are decorations (logos, icons, tracking pixels, QR codes,
divider strips: never figures), the lead picture above the body, and wrappers that make a picture and
its caption one figure (layout tables, Sina's `img_wrapper`)."""
from __future__ import annotations

import copy
import re
import urllib.parse
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from .dom import _NORMAL, BLOCKS, class_words, normal, remove

_DECORATION_WORDS = {"logo", "icon", "icons", "avatar", "pixel", "spacer", "sprite", "badge", "qrcode", "qr",
                     "emoji", "gravatar", "favicon", "tracking", "beacon", "blank", "loading", "placeholder",
                     "divider", "follow", "banner", "stat", "counter", "author-photo", "headshot", "share", "wx",
                     "weixin", "erweima", "ewm"}
# A site template's own folders (`/templates/stcn/css/…/pic3.gif`, `/static/images/…`, `/skin/…`): a picture
# kept there is the site's, drawn on every page; an article's pictures are uploaded, usually to dated folders.
_TEMPLATE_FOLDERS = {"template", "templates", "skin", "skins", "theme", "themes", "css", "style", "styles", "static"}
_UPLOAD_FOLDER = re.compile(r"^(?:upload\w*|attach\w*|files?|media|(?:19|20)\d{2}(?:[-_]?\d{2}){0,2}|\d{4,8})$")


# A lazy loader's state in an image's class (`img_loading`, `lazyload`): it says nothing of the picture
_LOADER_WORDS = {"loading", "placeholder", "blank", "lazy", "lazyload"}
# The platform's own interface pictures (WeChat's client draws from `res.wx.qq.com/mmbizwap/…/htmledition/`)
_INTERFACE_FOLDERS = {"htmledition", "mmbizwap"}
_PLACEHOLDER_DATA_CHARS = 300  # a `data:` address this short is a placeholder pixel, not a picture


def is_decoration(image: Any, logo: str = "", site: str = "") -> bool:
    """A site logo, an icon, a tracking pixel, a QR code, a divider strip, an interface picture (a
    placeholder pixel still waiting for its address, a picture from the platform's interface folder):
    never a figure."""
    src = (image.get("src") or "").strip()
    if not src or src == logo or (src.startswith("data:") and len(src) < _PLACEHOLDER_DATA_CHARS):
        return True
    width, height = _size(image.get("width")) or _styled(image, "width"), _size(image.get("height")) or _styled(image, "height")
    if (width and width <= 100 and (not height or height <= 100)) or (height and height <= 100 and not width):
        return True
    ratio = _number(image.get("data-ratio"))
    if (ratio and ratio < 0.15) or (width and height and height / width < 0.15):
        return True
    path = urllib.parse.urlsplit(src).path.lower()
    folders = set(path.split("/")[:-1])
    words = (class_words(image) - _LOADER_WORDS) | set(re.split(r"[/_\-.\s]+", path))
    if folders & _INTERFACE_FOLDERS or words & _DECORATION_WORDS or path.endswith((".ico", ".svg")) or _PAGER.search(path):
        return True
    if _in_a_name_box(image):
        return True
    alt = (image.get("alt") or "").strip()
    if not alt and _in_template_folder(path):
        return True
    if not alt and _WECHAT_GIF.search(src):
        return True  # WeChat's animated banners ("follow us", dividers, arrows) carry no text
    return bool((site and alt and alt.casefold() == site.casefold()) or _DECORATION_ALT.search(alt))


# A small box naming a person or an outlet: an author's card (`author-intro`: photo, name, post), Yahoo's
# `caas-attr-provider` (the outlet's logo and name): its picture is a face or a logo, never the article's
_NAME_BOX_WORDS = {"author", "authors", "profile", "provider", "bio", "avatar", "byline", "writer", "columnist"}
_NAME_BOX_CHARS = 120


def _in_a_name_box(image: Any) -> bool:
    for depth, box in enumerate(image.iterancestors()):
        if depth >= 3 or box.tag in ("figure", "article", "body"):
            return False
        if class_words(box) & _NAME_BOX_WORDS:
            return len(normal(box.text_content())) <= _NAME_BOX_CHARS
    return False


def _in_template_folder(path: str) -> bool:
    """Whether the picture lies in a site template's folder and none an upload's (`/static/upload/2019/…`)."""
    folders = [f for f in path.split("/")[:-1] if f]
    return bool(set(folders) & _TEMPLATE_FOLDERS) and not any(_UPLOAD_FOLDER.match(f) for f in folders)


# A pager's button (`/img/next_page.jpg` under the text of People's Daily pages)
_PAGER = re.compile(r"(?:next|prev|previous)[_-]?page|page[_-]?(?:next|prev|down|up)\b")
_WECHAT_GIF = re.compile(r"/mmbiz_gif/|[?&]wx_fmt=gif\b")
_DECORATION_ALT = re.compile(r"^(?:.{0,30}\b(?:logo|icon)\b.{0,30}|二维码|二維碼|.{0,10}(?:标志|标识|图标))$", re.I)


def _size(value: str | None) -> int:
    match = re.match(r"\s*(\d+)\s*(?:px)?\s*$", value or "")
    return int(match[1]) if match else 0


def _styled(image: Any, side: str) -> int:
    """The width or height an image's style gives it in pixels (`style="width: 16px"`), else 0."""
    match = re.search(rf"(?:^|;)\s*{side}\s*:\s*(\d+)(?:\.\d+)?px", image.get("style") or "")
    return int(match[1]) if match else 0


def _number(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def kept_images(element: Any, logo: str, site: str) -> list[Any]:
    return [i for i in element.iter("img") if not is_decoration(i, logo, site)]

def keep_only_figures(element: Any, logo: str, site: str) -> None:
    """A block trafilatura left out that holds a picture of the article: keep the picture and a caption
    (`figcaption`, or short text beside the picture), drop the rest."""
    for image in [i for i in element.iter("img") if is_decoration(i, logo, site)]:
        remove(image)
    if element.tag != "figure" and len(normal(element.text_content())) > 200:
        for child in list(element):
            if isinstance(child.tag, str) and child.tag in BLOCKS and not list(child.iter("img")):
                remove(child)

def lead_figure(article: Any, logo: str = "", site: str = "") -> Any | None:
    """The figure between the headline and the body: the first `<figure>`, `<picture>`, lone picture
    (not a link's) or video with a poster (CCTV's player) before the body inside the same story (the
    enclosing `<article>`, else two levels up)."""
    stories = article.xpath("ancestor::article")
    scope = stories[-1] if stories else article.getparent()
    if not stories and scope is not None and scope.getparent() is not None and scope.getparent().tag != "html":
        scope = scope.getparent()
    if scope is None:
        return None
    for node in scope.iter():
        if node is article:
            return None
        if node.tag in ("figure", "picture") and kept_images(node, logo, site):
            return copy.deepcopy(node)
        if node.tag == "video" and (node.get("poster") or "").strip():
            lead = copy.deepcopy(node)  # a video page's player over the headline: `sanitize` shows its poster
            lead.tail = None
            return lead
        if node.tag == "img" and not node.xpath("ancestor::figure|ancestor::picture|ancestor::a") \
                and not is_decoration(node, logo, site):
            if (captioned := _captioned(node, scope, logo, site)) is not None:
                return captioned
            wrapper = lxml_html.Element("p")  # a lone picture (a WordPress post thumbnail): a figure of its own
            wrapper.append(copy.deepcopy(node))
            wrapper[0].tail = None
            return wrapper
    return None


def _captioned(image: Any, scope: Any, logo: str, site: str) -> Any | None:
    """The lead picture with its caption, when the box around it holds the picture and a short line
    (Jiemian's `<div class="article-img"><img><p>燕子岭站站台。图片来源：…</p></div>`, Caixin's `<div
    class="media pip"><img><div class="pip-desc">…</div></div>`): as `figures_from_wrappers` makes it."""
    box = image.getparent()
    if box is None or box is scope or box.tag not in ("div", "p", "center", "section") or box.findall(".//a") \
            or len(list(box.iter("img"))) != 1:
        return None
    holder, copied = lxml_html.Element("div"), copy.deepcopy(box)
    copied.tail = None
    holder.append(copied)
    figures_from_wrappers(holder, logo, site)
    return holder[0] if holder[0] is not copied else None  # (not made a figure: a longer text, not a caption)


# A caption's element naming who made the picture (`<span class="credit">`, `photo-credit`, DW's `copyright`)
_CREDIT_WORDS = {"credit", "credits", "copyright", "photographer", "courtesy", "source", "byline"}


def mark_credits(body: Any) -> bool:
    """Each credit element inside a caption as a `walk.CREDIT_CLASS` span, which `walk` takes off the
    caption as the figure's credit: run into the caption, `…宣布解除林德納的職務圖像來源: Michael Kappeler/dpa`
    and `…（档案照片）（海峡时报）` were one caption. Whether any was."""
    from ..walk import CREDIT_CLASS

    marked = False
    for caption in body.iter("figcaption"):
        for element in list(caption.iter()):
            if element is not caption and class_words(element) & _CREDIT_WORDS and normal(element.text_content()) \
                    and not element.xpath(".//p|.//div"):
                tail = element.tail
                element.attrib.clear()
                element.tag, element.tail = "span", tail
                element.set("class", CREDIT_CLASS)
                marked = True
    return marked


def figures_from_wrappers(body: Any, logo: str, site: str) -> None:
    """A layout table or a `div` that holds one picture and a short text (`<table><tr><td><img></td></tr>
    <tr><td class="picdesc">caption</td></tr></table>`, Sina's `img_wrapper`) is a figure with a caption."""
    for wrapper in list(body.iter("table", "div", "center", "section")):
        if wrapper is body or wrapper.getparent() is None or wrapper.xpath(".//figure|.//ul|.//ol|.//h2|.//h3") \
                or wrapper.xpath("ancestor::figure"):
            continue  # (a wrapper inside a figure: BBC's picture box with its credit, the figure's own caption below)
        pictures = kept_images(wrapper, logo, site)
        caption = _NORMAL.sub(" ", wrapper.text_content()).strip()
        if len(pictures) != 1 or not caption or len(caption) > 200 or len(list(wrapper.iter("img"))) != 1:
            continue
        image = copy.deepcopy(pictures[0])
        image.tail = None
        if _CAPTION_MARK.match(caption):
            # `图：…` / `（图：…）`: the picture, then its caption line, which the article conventions
            # attach to it as they do in any article (and take the marker off).
            replacement = lxml_html.Element("div")
            etree.SubElement(replacement, "p").append(image)
            etree.SubElement(replacement, "p").text = caption
        else:
            replacement = lxml_html.Element("figure")
            replacement.append(image)
            etree.SubElement(replacement, "figcaption").text = caption
        replacement.tail = wrapper.tail
        wrapper.getparent().replace(wrapper, replacement)


_CAPTION_MARK = re.compile(r"^[（(\[【]?\s*(?:图|圖|图片|圖片|Photo|Image|Picture|Figure|Fig\.?)\s*\d*\s*[:：]", re.I)


# A line asking to scan the picture beside it (`长按识别二维码`, `微信扫一扫 关注该公众号`, `Scan the QR code`)
_SCAN_PROMPT = re.compile(r"扫一扫|掃一掃|(?:长按|長按|扫描|掃描|扫码|掃碼|识别|識別).{0,8}(?:二维码|二維碼|小程序|关注|關注)|"
                          r"(?:二维码|二維碼)|\bscan\b.{0,20}\b(?:QR|code)\b|\bQR[- ]?code\b", re.I)
_PROMPT_CHARS = 40


def drop_scan_codes(body: Any) -> None:
    """Pictures with a line asking to scan them in the same block or the block just before or after
    (an account's QR code at the end of a WeChat article, a site's `扫码关注`): QR codes, whatever their
    address. A longer text around them is the article's and says nothing of the picture."""
    for image in list(body.iter("img")):
        block = next((a for a in image.iterancestors() if a.tag in BLOCKS), body)
        near = [block] if block is not body else []
        for sibling in (block.getprevious(), block.getnext()) if block is not body else ():
            if sibling is not None and isinstance(sibling.tag, str):
                near.append(sibling)
        for element in near:
            text = normal(element.text_content())
            if text and len(text) <= _PROMPT_CHARS and _SCAN_PROMPT.search(text):
                remove(image)
                break



_FIGURE_NOTE_CHARS = 80  # a credit beside the picture inside its figure (`圖像來源，Getty Images`) is short


def flatten_figures(body: Any, logo: str = "", site: str = "") -> None:
    """A `<figure>` whose one picture sits in boxes of its own (BBC's `<div><div><span>圖像來源，Getty Images
    </span><picture><source><img></picture></div></div><figcaption>…`) as a picture and its caption: the
    boxes made it no figure to pandoc, and the picture, its caption and its credit became paragraphs. A
    short text beside the picture (its credit) joins the caption, after it."""
    for figure in list(body.iter("figure")):
        images = kept_images(figure, logo, site)
        captions = figure.findall(".//figcaption")
        if len(images) != 1 or len(captions) > 1 or figure.find(".//figure") is not None \
                or all(child is images[0] or child.tag == "figcaption" for child in figure):
            continue
        caption = captions[0] if captions else None
        beside = [t for t in (" ".join(x.split()) for x in _texts_outside(figure, caption)) if t]
        if sum(len(t) for t in beside) > _FIGURE_NOTE_CHARS:
            continue
        image = copy.deepcopy(images[0])
        image.tail = None
        for attribute in ("srcset", "sizes", "loading"):
            image.attrib.pop(attribute, None)
        for child in list(figure):
            if child is not caption:
                figure.remove(child)
        figure.text = None
        figure.insert(0, image)
        if beside:
            if caption is None:
                caption = etree.SubElement(figure, "figcaption")
            note = etree.SubElement(caption, "span")
            note.text = " " + " ".join(beside)


def _texts_outside(figure: Any, caption: Any) -> list[str]:
    """The texts of `figure` outside its caption (the caption's tail is outside it)."""
    texts = [figure.text or ""]
    for node in figure.iterdescendants():
        if caption is not None and caption in node.iterancestors():
            continue
        if node is caption or (isinstance(node.tag, str) and node.tag in ("script", "style")):
            texts.append(node.tail or "")
        else:
            texts.extend((node.text or "", node.tail or ""))
    return texts
