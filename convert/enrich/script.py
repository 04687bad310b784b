"""Simplified <-> Traditional Chinese: an article's text converted to the script an edition asks for
(`Options.script`, `--script`), so one article yields a mainland and a Taiwan (or Hong Kong) edition.

OpenCC converts with each region's phrases, not character by character: `软件` becomes Taiwan's `軟體`
(Hong Kong's `軟件`), `信息` `資訊`, and back (`tw2sp`). Every text a reader sees is converted (the
metadata, the body, captions, credits, alt text); code, addresses and file names are not. The article's
language tag follows (`zh-TW`, `zh-HK`, `zh-CN`).

News prose, not a user interface. OpenCC's Taiwan phrase tables also carry software's vocabulary, and read
ordinary words in their software sense (`刷新赛会纪录` -> `重新整理賽會紀錄`, `设置` -> `設定`, `贴上` ->
`粘贴`, `和平进程` -> `和平程序`, `新增病例` -> `添加病例`). Dropping the tables (character and variant
tables only) would lose the region's names and words, most of what differs (`意大利` -> `義大利`,
`出租车` -> `計程車`, `软件` -> `軟體`); so they stay, and a documented list of ordinary words
(`_PROSE_WORDS`) is kept in its character-converted form beside them, a longer table entry still winning
(`高级设置` -> `進階設定`). Measured on the testers' twelve articles and the seeds (Traditional,
Simplified and Hong Kong editions of each): 76 places change, all of them such words (`经济运行` was
`經濟執行`, `社区民警` `社群民警`, `数据显示` `資料顯示`, `刷新赛会纪录` `重新整理賽會紀錄`); the price is
paid by a software article, which loses some of Taiwan's software words (`默认` alone is `默認`, not
`預設`; `打开这个扩展` `打開這個擴展`, not `開啟這個擴充套件`).

One word has one form in an edition whatever OpenCC's segmentation made of its neighbours (`_AFTER`), and
quoted words set against each other as forms (`把“颱風”改成了“台风”`) are left as written.
"""
from __future__ import annotations

import functools
import re
import urllib.parse
from dataclasses import replace
from typing import Callable

from .. import model as m
from ..errors import UsageError, warn
from ..scripts import chinese_tag, guess_language, han_script, han_standard, has_han, is_chinese, opencc
from .structure import map_block_inlines, map_blocks

SCRIPTS = ("hans", "hant", "hant-tw", "hant-hk")  # hant: Taiwan's, unless the article is Hong Kong's

# (from, to) standard -> OpenCC configurations applied in turn; SC is Simplified, TC plain Traditional
# (no region: OpenCC's own forms), TW and HK the regional standards with their phrases.
_STEPS: dict[tuple[str, str], tuple[str, ...]] = {
    ("SC", "TW"): ("s2twp",), ("SC", "HK"): ("s2hk",),
    ("TC", "TW"): ("t2tw",), ("TC", "HK"): ("t2hk",), ("TC", "SC"): ("t2s",),
    ("TW", "SC"): ("tw2sp",), ("TW", "HK"): ("tw2s", "s2hk"),
    ("HK", "SC"): ("hk2s",), ("HK", "TW"): ("hk2s", "s2twp"),
}
_TAGS = {"SC": "zh-CN", "TW": "zh-TW", "HK": "zh-HK"}


def check_script(script: str | None) -> str | None:
    """`script` in lower case, or UsageError naming the choices."""
    if script is None:
        return None
    value = script.strip().lower()
    if value not in SCRIPTS:
        raise UsageError(f"unknown script {script!r}; choose from: {', '.join(SCRIPTS)}")
    return value


def convert_script(doc: m.Document, script: str | None) -> m.Document:
    """`doc` with its text in `script` (one of `SCRIPTS`; None leaves it as it is)."""
    script = check_script(script)
    if script is None:
        return doc
    lang = doc.meta.lang or guess_language(m.visible_text(doc))
    if han_standard(lang) in ("JP", "KR"):  # kanji and hanja are not Chinese of either script
        warn(f"--script converts Chinese text; this article is in {lang}: left as it is")
        return doc
    source = _standard(doc)
    target = "SC" if script == "hans" else "HK" if script == "hant-hk" or (script == "hant" and source == "HK") \
        else "TW"
    steps = _STEPS.get((source, target), ())
    converted = map_text(doc, _converter(steps, corners=target != "SC")) if steps else doc
    lang = doc.meta.lang
    if is_chinese(lang or guess_language(m.visible_text(converted))):
        lang = _TAGS[target]  # an English article keeps its tag: only its Han runs change
    return replace(converted, meta=replace(converted.meta, lang=lang))


def _standard(doc: m.Document) -> str:
    """The article's script and region now: SC, TC (Traditional of no known region), TW or HK."""
    text = m.visible_text(doc)
    given = doc.meta.lang if is_chinese(doc.meta.lang) else ""
    tag = chinese_tag(text, given, urllib.parse.urlsplit(doc.meta.source_url).hostname or "")
    if han_script(tag) == "hans":
        return "SC"
    standard = han_standard(tag)
    return "HK" if standard == "HK" else "TW" if "TW" in tag.upper().split("-") else "TC"


# Corner brackets are Taiwan's and Hong Kong's quotation marks: a mainland edition gets the mainland's, and
# the theme's style for Simplified text (`[quotation_marks] hans`) then sets them (`quotes.py`).
_CURLY = str.maketrans("「」『』", "“”‘’")


# News prose against software: OpenCC's Taiwan phrase tables (`TWPhrases` in `s2twp`, `TWPhrasesRev` in
# `tw2sp`) mix three kinds of entry: names (意大利 -> 義大利, 奥巴马 -> 歐巴馬), the region's everyday words
# (出租车 -> 計程車, 激光 -> 雷射, 短信 -> 簡訊) and software's vocabulary, written for a user interface
# (刷新 -> 重新整理, 设置 -> 設定, 默认 -> 預設, 贴上 -> 粘贴). Software words that only name software (软件,
# 鼠标, 服务器, 硬盘) are right in any copy; an ordinary word read in its software sense changes what a
# sentence says: 刷新赛会纪录 (broke the record) became 重新整理賽會紀錄 (reloaded it), 设置医疗点 (set up)
# 設定醫療點, 贴上春联 粘贴春联, 和平进程 和平程序, 执行任务 运行任务, 新增病例 添加病例, 经济指标 经济指针.
#
# Choice, measured on the testers' twelve articles and the sample articles: dropping the phrase tables
# (OpenCC's character and variant tables alone, `s2tw`, `tw2s`) loses the names and everyday words, which are
# most of what differs (a Taiwan edition would print 意大利, 軟件, 出租車). So the tables stay, and the
# ordinary words below, whose news sense OpenCC's entry replaces by the software sense, are kept in their
# character-converted form (设置 -> 設置). They are given to OpenCC as one more dictionary beside the phrase
# table (`union`: the longer entry wins, so 高级设置 -> 進階設定 and 数据库 -> 資料庫 still convert), which
# keeps OpenCC's own segmentation. A word is listed when its everyday sense is common in news copy, or
# when OpenCC's entry itself offers the word as a second form (数据: 資料 數據, 消息: 訊息 消息).
_PROSE_WORDS: dict[str, tuple[str, ...]] = {
    # mainland words, as written in Simplified: Taiwan's edition keeps them (`s2twp`)
    "s2twp": (
        "设置", "刷新", "发布", "项目", "支持", "添加", "程序", "进程", "运行", "保存", "类型", "声明", "调度",
        "调用", "文件", "局部", "全局", "导入", "导出", "呼出", "扩展", "抛出", "溢出", "权限", "指针", "优化",
        "参数", "回调", "触摸", "连接", "远程", "镜像", "默认", "分区", "注销", "设备", "重载", "重装", "卸载",
        "函数", "登录", "禁用", "窗口", "脚本", "万象", "壁纸", "队列", "实例", "联系", "对象", "社区",
        "菜单", "循环", "打开", "数据", "消息", "高级", "低级", "粘贴",
    ),
    # Taiwan's words: the mainland's edition keeps them (`tw2sp`)
    "tw2sp": (
        "貼上", "重新整理", "設定", "支援", "新增", "建立", "程序", "執行", "行程", "核心", "指標", "智慧", "資料",
        "檔案", "文件", "簡報", "宣告", "釋出", "互動", "整合", "效能", "載入", "呼叫", "物件", "社群", "區域性",
        "序列", "類比", "裝置", "複製", "撥出", "元件", "即時", "停用", "傳送", "圖示", "儲存", "堆疊",
        "開啟", "陣列", "批次", "存檔", "匯入", "匯出", "查詢", "擴音", "連線", "過載", "登出", "桌布", "啟用",
        "遮蔽", "檢視", "列舉", "影像",
    ),
}
# The phrase table each list stands beside, and the configurations that give a listed word's two forms:
# how the table's step reads it (its key) and its character-converted form (its value).
_PHRASE_TABLES = {"s2twp": ("TWPhrases.ocd2", "s2t", "s2tw"), "tw2sp": ("TWPhrasesRev.ocd2", "", "tw2t")}

# One word, one form in an edition. OpenCC's segmentation reads a sentence by longest match, so a word's
# form can hang on its neighbour: 手机发布 is read 手/机发/布 (机发 is a phrase of its own) and gave 發布
# while 在深圳发布 gave 發佈, the title and the body of one Hong Kong edition disagreeing. The form an
# edition writes is fixed after conversion: Taiwan's is the Ministry of Education's 發布 (OpenCC's Taiwan
# phrases gave 釋出, a software release: 新聞釋出會), Hong Kong's OpenCC's own 發佈. OpenCC keeps 伙 in
# 合作伙伴, 贸易伙伴, 战略伙伴 (its Traditional standard allows both) but writes 夥伴 alone: both regions
# write 夥伴. After a conversion to Simplified, Hong Kong's 劏房 keeps its 劏 (OpenCC's 㓥, a rare
# character the mainland press does not write either).
_AFTER: dict[str, dict[str, str]] = {
    "s2twp": {"發佈": "發布", "伙伴": "夥伴"},
    "s2hk": {"發布": "發佈", "伙伴": "夥伴"},
    **{config: {"㓥": "劏"} for config in ("t2s", "tw2s", "tw2sp", "hk2s")},
}


def _opencc(config: str):  # type: ignore[no-untyped-def]
    """OpenCC's `config`, with its `_PROSE_WORDS` beside its phrase table when it has a list."""
    return _with_prose_words(config) if config in _PROSE_WORDS else opencc(config)


@functools.lru_cache(maxsize=4)
def _with_prose_words(config: str):  # type: ignore[no-untyped-def]
    import json
    import os
    import tempfile
    from pathlib import Path

    import opencc as opencc_module

    table, reads, keeps = _PHRASE_TABLES[config]
    folder = Path(opencc_module.__file__).parent / "clib" / "share" / "opencc"
    entries = {}
    for word in _PROSE_WORDS[config]:
        key = opencc(reads).convert(word) if reads else word
        entries[key] = opencc(keeps).convert(word) if keeps else word

    def placed(entry: dict, words: str | None) -> dict:
        """`entry` with its files where they are installed, and the list beside `table` (not in the
        segmentation's dictionaries: OpenCC's reading of a sentence stays its own)."""
        if entry.get("type") == "group":
            return {**entry, "dicts": [placed(d, words) for d in entry["dicts"]]}
        if "file" not in entry:
            return entry
        if words and entry["file"] == table:
            placed_beside.append(entry["file"])
            return {"type": "group", "match_policy": "union",  # the longer match wins; the list's on a tie
                    "dicts": [{"type": "text", "file": words}, {**entry, "file": str(folder / entry["file"])}]}
        return {**entry, "file": str(folder / entry["file"])}

    placed_beside: list[str] = []
    with tempfile.TemporaryDirectory() as folder_name:
        words = os.path.join(folder_name, "prose.txt")
        Path(words).write_text("".join(f"{k}\t{v}\n" for k, v in sorted(entries.items())), encoding="utf-8")
        try:
            setup = json.loads((folder / f"{config}.json").read_text(encoding="utf-8"))
            for step in setup.get("normalization", []) + setup.get("conversion_chain", []):
                step["dict"] = placed(step["dict"], words)
            if "segmentation" in setup:
                setup["segmentation"]["dict"] = placed(setup["segmentation"]["dict"], None)
            if not placed_beside:  # the table is no longer where it was
                return opencc(config)
            (path := Path(folder_name) / "config.json").write_text(json.dumps(setup), encoding="utf-8")
            return opencc_module.OpenCC(str(path))
        except Exception:  # an OpenCC whose configuration format changed: its own configuration still works
            return opencc(config)


# A quoted word set against another that the conversion would make the same (`把“颱風”改成了“台风”`, an
# editor telling how a word was changed) is the word as written: converted, the sentence read
# `把「颱風」改成了「颱風」`. Such quotes are left as written; any other quotation is converted.
_QUOTED = re.compile(r"“([^“”\n]{1,12})”|「([^「」\n]{1,12})」|『([^『』\n]{1,12})』|‘([^‘’\n]{1,12})’"
                     r"|\"([^\"\n]{1,12})\"")
_HELD = 0xF0000  # held quotes stand as characters of a private-use plane while the rest is converted


def _forms_set_apart(text: str, convert: Callable[[str], str]) -> set[str]:
    """The quoted words of `text` that the conversion would make the same as another quoted word."""
    quoted = {word for match in _QUOTED.finditer(text) for word in match.groups() if word and has_han(word)}
    if len(quoted) < 2:
        return set()
    by_form: dict[str, set[str]] = {}
    for word in quoted:
        by_form.setdefault(convert(word), set()).add(word)
    return {word for words in by_form.values() if len(words) > 1 for word in words}


def _corners_to_curly(text: str) -> str:
    """Corner brackets as curly quotes, but for an empty pair, which names the marks themselves
    (`「」引號改為“”`)."""
    return "".join(part if part in ("「」", "『』") else part.translate(_CURLY)
                   for part in re.split(r"(「」|『』)", text))


def _converter(steps: tuple[str, ...], corners: bool) -> Callable[[str], str]:
    def words(text: str) -> str:
        for config in steps:
            text = _opencc(config).convert(text)
            for old, new in _AFTER.get(config, {}).items():
                text = text.replace(old, new)
        return text

    def convert(text: str) -> str:
        if not has_han(text):
            return text
        apart = _forms_set_apart(text, words)
        held: dict[str, str] = {}
        if apart:
            def hold(match: re.Match[str]) -> str:
                word = next(w for w in match.groups() if w is not None)
                if word not in apart:
                    return match.group()
                mark = held.setdefault(word, chr(_HELD + len(held)))
                return match.group().replace(word, mark)
            text = _QUOTED.sub(hold, text)
        text = words(text)
        for word, mark in held.items():
            text = text.replace(mark, word)
        return text if corners else _corners_to_curly(text)
    return convert


# ---------------------------------------------------------------- every text a reader sees

# A web address as text shows it, its path in any script (`https://example.com/软件/信息`), up to a space or
# a mark of the sentence around it
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s，。、；：！？（）《》「」『』“”‘’<>\"]+")


def _outside_addresses(text: str, fn: Callable[[str], str]) -> str:
    """`fn` applied to `text` but its web addresses, which name a page as it is: `软件` in an address was
    printed `軟體`, an address that does not exist."""
    out, start = [], 0
    for match in _ADDRESS.finditer(text):
        out += [fn(text[start:match.start()]) if match.start() > start else "", match.group()]
        start = match.end()
    return "".join(out) + (fn(text[start:]) if start < len(text) else "")

_META_TEXT = ("title", "subtitle", "kicker", "author_note", "editor", "source_site", "description", "disclaimer",
              "place", "dateline")


def map_text(doc: m.Document, fn: Callable[[str], str]) -> m.Document:
    """`doc` with `fn` applied to every text a reader sees: metadata, text nodes, captions, credits,
    alt text. Code (inline and blocks), link addresses and image sources are left alone."""
    meta = replace(doc.meta, **{name: fn(getattr(doc.meta, name)) for name in _META_TEXT},
                   authors=tuple(fn(a) for a in doc.meta.authors),
                   keywords=tuple(fn(k) for k in doc.meta.keywords))

    def inline(node: m.Inline) -> m.Inline:
        if isinstance(node, m.Text):
            return m.Text(_outside_addresses(node.text, fn))
        if isinstance(node, m.InlineImage):
            return replace(node, alt=fn(node.alt))
        if isinstance(node, m.Link) and node.title:  # a link's tooltip; its address stays
            return replace(node, title=fn(node.title))
        return node

    def block(b: m.Block) -> m.Block:
        if isinstance(b, m.Figure):
            b = replace(b, alt=fn(b.alt), credit=fn(b.credit))
        return map_block_inlines(b, inline)

    return replace(doc, meta=meta, blocks=tuple(map_blocks(doc.blocks, block)))
