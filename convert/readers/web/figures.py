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
                     "weixin", "erweima", "ewm",
                     "headphones", "headphone", "listen"}  # SCMP's `headphones.png` by `Listen to this article`
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
    if _in_a_name_box(image) or _thumbnail(image, width):
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
        if class_words(box) & _NAME_BOX_WORDS or (depth <= 1 and _names_its_author(box, image)):
            return len(normal(box.text_content())) <= _NAME_BOX_CHARS
    return False


def _names_its_author(box: Any, image: Any) -> bool:
    """A box whose text is the byline (an `<address>`, a `rel="author"` link, `itemprop="author"`; the
    Guardian's hashed `<div class="dcr-1rzz3ao"><img alt="Damian Carrington"><address>…`): its picture,
    named as the author is, is the author's face."""
    if len(list(box.iter("img"))) != 1:
        return False
    bylines = box.xpath(".//address|.//a[@rel='author']|.//*[@itemprop='author']|.//*[@data-component='meta-byline']")
    alt = normal(image.get("alt") or "")
    return bool(bylines) and (not alt or any(alt in normal(b.text_content()) for b in bylines))


# A gallery's strip of thumbnails under its slides (`<ul class="thumbnails"><li><a href="#slide0"><img width="120">`)
_THUMBNAIL_WORDS = {"thumb", "thumbs", "thumbnail", "thumbnails", "thumblist", "thumbnav"}
_THUMBNAIL_PX = 200


def _thumbnail(image: Any, width: int) -> bool:
    """A gallery's thumbnail: a picture that links to a place in the page (a slide, `href="#slide0"`), or a
    small one (or one of no stated size) in a box of several named as thumbnails. The slides it stands
    for are the figures; kept too, each was printed twice, the second time small and uncaptioned."""
    for depth, box in enumerate(image.iterancestors()):
        if depth >= 4 or box.tag in ("figure", "article", "body"):
            return False
        if box.tag == "a" and (box.get("href") or "").strip().startswith("#") and len((box.get("href") or "").strip()) > 1:
            return True
        if class_words(box) & _THUMBNAIL_WORDS and (not width or width <= _THUMBNAIL_PX) \
                and len(list(box.iter("img"))) >= 2:
            return True
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
        if node.tag == "img" and not node.xpath("ancestor::figure|ancestor::picture") \
                and all(picture_link(a) for a in node.iterancestors("a")) and not is_decoration(node, logo, site):
            if (captioned := _captioned(node, scope, logo, site)) is not None:
                slides = _slides(node, scope, logo, site)
                return slides if slides is not None else captioned
            wrapper = lxml_html.Element("p")  # a lone picture (a WordPress post thumbnail): a figure of its own
            wrapper.append(copy.deepcopy(node))
            wrapper[0].tail = None
            return wrapper
    return None


def _slides(image: Any, scope: Any, logo: str, site: str) -> Any | None:
    """A gallery above the article whose first slide is the lead (on.cc's `<div class="photo swiper-slide">
    <img><div class="caption">…</div></div>`, one after another): every slide, each a captioned figure, in
    a block of their own. Only the first was kept, and the others' pictures and captions were lost."""
    slide = image.getparent()
    if slide is not None and picture_link(slide):
        slide = slide.getparent()
    if slide is None or slide.getparent() is None or slide is scope:
        return None
    siblings = [s for s in slide.getparent() if isinstance(s.tag, str)]
    slides = [s for s in siblings if s.tag == slide.tag and s.get("class") == slide.get("class")]
    if len(slides) < 2 or len(slides) != len(siblings):
        return None
    holder = lxml_html.Element("div")
    for each in slides:
        pictures = kept_images(each, logo, site)
        if len(pictures) != 1 or (figure := _captioned(pictures[0], scope, logo, site)) is None:
            return None
        holder.append(figure)
    return holder


def _captioned(image: Any, scope: Any, logo: str, site: str) -> Any | None:
    """The lead picture with its caption, when the box around it holds the picture and a short line
    (Jiemian's `<div class="article-img"><img><p>燕子岭站站台。图片来源：…</p></div>`, Caixin's `<div
    class="media pip"><img><div class="pip-desc">…</div></div>`): as `figures_from_wrappers` makes it."""
    box = image.getparent()
    if box is not None and picture_link(box):
        box = box.getparent()  # (Ming Pao's `<li><a class="fancybox" href="…/gaa1.jpg"><img></a><div>caption</div></li>`)
    if box is None or box is scope or box.tag not in ("div", "p", "center", "section", "li") \
            or not all(picture_link(a) for a in box.iter("a")) or len(list(box.iter("img"))) != 1:
        return None
    holder, copied = lxml_html.Element("div"), copy.deepcopy(box)
    copied.tail = None
    copied.tag = "div" if copied.tag == "li" else copied.tag
    for link in list(copied.iter("a")):
        link.drop_tag()
    holder.append(copied)
    drop_picture_controls(holder)
    figures_from_wrappers(holder, logo, site)
    return holder[0] if holder[0] is not copied else None  # (not made a figure: a longer text, not a caption)


_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.I)
_LIGHTBOX_WORDS = {"fancybox", "lightbox", "zoom", "photoswipe", "magnific", "enlarge", "popup-image"}


def picture_link(link: Any) -> bool:
    """A link that only opens its picture larger (`<a class="fancybox" href="…/gaa1.jpg"><img src="gaa1_r.jpg"></a>`):
    the picture is the article's, not a teaser of another page."""
    if link.tag != "a" or normal(link.text_content()) or len(list(link.iter("img"))) != 1:
        return False
    href = urllib.parse.urlsplit((link.get("href") or "").strip()).path
    return bool(_PICTURE_FILE.search(href)) or bool(class_words(link) & _LIGHTBOX_WORDS)


def pictures_out_of_lists(body: Any, logo: str = "", site: str = "") -> None:
    """A list whose every item is a picture with at most a caption (Ming Pao's `<div class="album_big"><ul>
    <li><a href="…/gaa2.jpg"><img></a><div class="imgcaption">…</div></li></ul>`): a gallery of figures, not
    a list; kept as a list, each figure had a bullet and its caption came again as a paragraph."""
    for listing in list(body.iter("ul", "ol")):
        items = [child for child in listing if isinstance(child.tag, str)]
        if not items or any(item.tag != "li" or len(kept_images(item, logo, site)) != 1 or len(list(item.iter("img"))) != 1
                            or not all(picture_link(a) for a in item.iter("a"))
                            or len(normal(item.text_content())) > 200 for item in items):
            continue
        for item in items:
            item.tag = "div"
            for link in list(item.iter("a")):
                link.drop_tag()
        listing.tag = "div"


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


_COUNTER = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")


# A player's button drawn over its still (NHK's `<p class="play">動画を再生する</p>`, `<span class="btn-play">`)
_CONTROL_WORDS = {"play", "playbtn", "playbutton", "btn", "button", "controls", "control"}
_CONTROL_CHARS = 16


def drop_picture_controls(body: Any) -> None:
    """Beside a picture, what is no caption: a gallery slide's counter (`<span class="index">1/6</span>`,
    the slide's place, which the edition's own numbering gives; left in, the caption read `1/6赤柱正灘…`)
    and a video player's button over its still (`動画を再生する`, which became the still's caption)."""
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element is body or len(element) or element.tag in ("li", "td"):
            continue
        text = " ".join((element.text or "").split())
        match = _COUNTER.match(text)
        counter = bool(match) and 0 < int(match[1]) <= int(match[2]) and element.tag != "p"
        control = 0 < len(text) <= _CONTROL_CHARS and bool(class_words(element) & _CONTROL_WORDS)
        if not counter and not control:
            continue
        box = next((a for i, a in enumerate(element.iterancestors()) if i < 3 and a.find(".//img") is not None), None)
        if box is not None and (control or normal(box.text_content()) != normal(text)):
            remove(element)


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


# A caption's own block by its class (`<p class="pic-desc">`, `img_txt`, `caption`)
_CAPTION_WORDS = {"caption", "captions", "desc", "pictext", "pictxt", "imgtext", "imgtxt", "picdesc", "imgdesc",
                  "legend", "tuzhu", "figcaption"}
_CAPTION_CHARS = 120  # a caption line under a picture; longer is a paragraph
_SMALL_FONT_PX = 13  # the article's text is 14 px or more; a caption under a picture is set smaller
_FONT_SIZE = re.compile(r"(?:^|;)\s*font-size\s*:\s*(\d+(?:\.\d+)?)\s*px", re.I)
_COLOR = re.compile(r"(?:^|;)\s*color\s*:\s*(#[0-9a-f]{3}\b|#[0-9a-f]{6}\b|rgba?\(\s*\d+\s*,\s*\d+\s*,\s*\d+)", re.I)
_CENTRED = re.compile(r"(?:^|;)\s*text-align\s*:\s*center", re.I)


def captions_under_pictures(body: Any, logo: str = "", site: str = "") -> None:
    """A picture alone in its block with its caption in the block or two right under it, set as a caption
    is (WeChat's small grey centred line, `<section style="text-align:center"><span style="font-size:12px;
    color:#888">…</span></section>`, and its credit line `摄影 / 王某` under it; a centred line of its own; a
    block classed as a caption): a figure with that caption. trafilatura keeps no such line, and cleaning
    dropped it as text the article left out. Centring tells a caption only where the article's paragraphs
    are not centred themselves."""
    centred_text, small_text = _article_style(body)
    for image in list(body.iter("img")):
        if image.getparent() is None or image.xpath("ancestor::figure|ancestor::a") or is_decoration(image, logo, site):
            continue
        holder = image
        while holder.getparent() is not None and holder.getparent() is not body \
                and not normal(holder.getparent().text_content()) and len(list(holder.getparent().iter("img"))) == 1:
            holder = holder.getparent()
        if holder is image or holder.tag not in BLOCKS or holder.tag in ("td", "th", "li", "tr"):
            continue  # (a picture in a line of text, or in a table's cell or a list: not this shape)
        lines: list[Any] = []
        sibling = holder.getnext()
        while sibling is not None and len(lines) < 2:
            if not isinstance(sibling.tag, str) or sibling.tag == "br" or (
                    sibling.tag in BLOCKS and not normal(sibling.text_content()) and sibling.find(".//img") is None):
                sibling = sibling.getnext()  # an empty line between them
                continue
            if not _caption_block(sibling, centred_text, small_text) or normal(holder.tail or ""):
                break
            lines.append(sibling)
            sibling = sibling.getnext()
        if not lines:
            continue
        figure = lxml_html.Element("figure")
        picture = copy.deepcopy(image)
        picture.tail = None
        figure.append(picture)
        caption = etree.SubElement(figure, "figcaption")
        caption.text = " ".join(" ".join(line.text_content().split()) for line in lines)
        figure.tail = lines[-1].tail
        for line in lines:
            line.getparent().remove(line)
        holder.getparent().replace(holder, figure)


def _caption_block(block: Any, centred_text: bool, small_text: bool) -> bool:
    """A short block of text set as a caption: smaller type or grey, centred (each where the text is not
    set so), or classed as one; no picture, heading, list or link in it."""
    from ..promotion import is_promotion

    if block.tag not in BLOCKS or block.tag in ("ul", "ol", "table", "figure", "h1", "h2", "h3", "h4", "h5", "h6") \
            or block.xpath(".//img|.//a|.//ul|.//ol|.//table|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        return False
    text = " ".join(block.text_content().split())
    if not text or len(normal(text)) > _CAPTION_CHARS or is_promotion(text):
        return False
    if class_words(block) & _CAPTION_WORDS:
        return True
    styled = [e for e in block.iter() if isinstance(e.tag, str) and e.get("style")]
    texts = [e for e in block.iter() if isinstance(e.tag, str) and normal(e.text or "")]
    if not small_text and texts and all(_caption_styled(e) for e in texts):
        return True
    return not centred_text and any(_CENTRED.search(e.get("style") or "") or e.get("align") == "center"
                                    for e in [block, *styled]) \
        and block.tag in ("p", "section", "div", "center")


def _caption_styled(element: Any) -> bool:
    """Whether the text of `element` is set small or grey (by its own style or one around it, up to its block)."""
    for node in [element, *element.iterancestors()]:
        style = node.get("style") or ""
        if (size := _FONT_SIZE.search(style)) and float(size[1]) <= _SMALL_FONT_PX:
            return True
        if (colour := _COLOR.search(style)) and _grey(colour[1]):
            return True
        if isinstance(node.tag, str) and node.tag in BLOCKS:
            return False
    return False


def _grey(colour: str) -> bool:
    """A light grey (`#888`, `rgb(136, 136, 136)`, `#999999`): a caption's colour, not the text's dark grey."""
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        values = [int(digits[i:i + 2], 16) for i in (0, 2, 4)]
    else:
        values = [int(v) for v in re.findall(r"\d+", colour)[:3]]
    return max(values) - min(values) <= 24 and 110 <= sum(values) / 3 <= 200


def _article_style(body: Any) -> tuple[bool, bool]:
    """Whether most of the article's paragraphs of some length are centred (an account that centres all),
    and whether most are set small or grey themselves (an old site's 12 px text): then that says no caption."""
    centred = small = plain = 0
    for block in body.iter("p", "section", "div"):
        if block.find(".//p") is not None or len(normal(block.text_content())) < 60:
            continue
        plain += 1
        centred += any(_CENTRED.search(e.get("style") or "") or e.get("align") == "center"
                       for e in [block, *block.iterancestors()] if e is not body and isinstance(e.tag, str))
        texts = [e for e in block.iter() if isinstance(e.tag, str) and normal(e.text or "")]
        small += bool(texts) and all(_caption_styled(e) for e in texts)
    return centred * 2 > plain, small * 2 > plain


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
