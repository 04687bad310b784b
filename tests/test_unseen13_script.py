"""`--script` converts news prose, not a user interface: OpenCC's Taiwan phrase tables read ordinary words in
their software sense, its segmentation gave one word two forms in one edition, and quoted word forms an
editor set against each other were converted into the same word (`convert/enrich/script.py`)."""
from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert import model as m
from convert.enrich.script import convert_script, map_text


def _read(tmp_path: Path, text: str, script: str) -> m.Document:
    (path := tmp_path / "a.md").write_text(text, encoding="utf-8")
    return convert.read(str(path), script=script)


def test_taiwan_phrases_keep_the_news_sense_of_ordinary_words(tmp_path: Path) -> None:
    """`--script hant` on a mainland sports article: the headline's `刷新赛会纪录` (broke the course record)
    became `重新整理賽會紀錄` (reloaded it), `设置一个医疗点` (set up) `設定`, and `合作伙伴` stayed as
    written (OpenCC's own phrase keeps its 伙, though it writes 夥伴 alone)."""
    doc = _read(tmp_path, "# 肯尼亚选手刷新赛会纪录\n\n组委会每隔2.5 km设置一个医疗点，感谢合作伙伴与战略伙伴。"
                          "经济运行总体平稳，和平进程继续。\n", "hant")
    assert doc.meta.title == "肯亞選手刷新賽會紀錄"  # the region's names still convert
    body = m.visible_text(doc)
    for words in ("設置一個醫療點", "合作夥伴", "戰略夥伴", "經濟運行", "和平進程"):
        assert words in body, words


@pytest.mark.parametrize(("source", "text"), [
    ("这家软件公司的服务器", "這家軟體公司的伺服器"),  # words that only name software are the region's
    ("进入高级设置，打开数据库", "進入進階設定，打開資料庫"),  # a longer entry of the table still wins
    ("意大利出租车司机收到短信", "義大利計程車司機收到簡訊"),
])
def test_taiwan_phrases_still_give_the_regions_words(tmp_path: Path, source: str, text: str) -> None:
    """Keeping ordinary words must not drop Taiwan's names and words, which the phrase table is mostly."""
    assert m.plain_text(_read(tmp_path, f"# 本地新闻\n\n{source}\n", "hant").body[0].content) == text


def test_mainland_edition_keeps_the_news_sense_of_taiwans_words(tmp_path: Path) -> None:
    """`--script hans` on a Taiwan article: `貼上` (stick on) became software's paste, `先把门粘贴红纸`;
    `新增病例` became `添加病例`, `執行任務` `运行任务`, `經濟指標` `经济指针`, `總統行程` `总统进程`."""
    doc = _read(tmp_path, "# 臺灣過年\n\n過年前，先把門貼上紅紙，老房子前貼上一副紅春聯。今日新增病例三例，"
                          "部隊執行任務，經濟指標回穩，總統行程公布。軟體與滑鼠。\n", "hans")
    assert m.plain_text(doc.body[0].content) == (
        "过年前，先把门贴上红纸，老房子前贴上一副红春联。今日新增病例三例，部队执行任务，经济指标回稳，"
        "总统行程公布。软件与鼠标。")


def _every_place(headline: str, body: str) -> m.Document:
    text = (m.Text(body),)
    cell = m.TableCell(content=(m.Paragraph(text),))
    return m.Document(
        meta=m.Meta(title=headline, subtitle=body, kicker=body, authors=(body,), author_note=body, lang="zh-CN"),
        blocks=(m.Paragraph(text), m.Figure(src="a.png", caption=text, alt=body, credit=body),
                m.Table(header=((cell,),), body=((cell,),), caption=text),
                m.Paragraph((m.Link(text, url="https://example.com/", title=body),)),
                m.Footnote(id="1", number=1, content=(m.Paragraph(text),))))


def _texts(doc: m.Document) -> list[str]:
    seen: list[str] = []
    meta = doc.meta
    seen += [meta.title, meta.subtitle, meta.kicker, meta.author_note, *meta.authors]

    def collect(text: str) -> str:
        seen.append(text)
        return text
    map_text(m.Document(blocks=doc.blocks), collect)
    return [t for t in seen if t]


@pytest.mark.parametrize(("script", "form", "other"), [("hant-hk", "發佈", "發布"), ("hant-tw", "發布", "發佈")])
def test_one_word_one_form_in_every_place(script: str, form: str, other: str) -> None:
    """`--script hant-hk` on a tech article: the title `新款旗舰手机发布` said 發布 and the body's
    `在深圳发布` 發佈, because OpenCC reads `手机发布` as 手/机发/布 (`机发` is a phrase of its own) and
    converts the lone 布 as 布. The author's note and a link's tooltip were not converted at all."""
    doc = convert_script(_every_place("新款旗舰手机发布：芯片与屏幕", "星河科技在深圳发布旗舰手机"), script)
    texts = _texts(doc)
    assert len(texts) >= 12 and all(form in t and other not in t for t in texts), texts
    assert not any("发布" in t for t in texts)


def test_quoted_forms_set_against_each_other_stay_as_written(tmp_path: Path) -> None:
    """An editor telling how a word was changed: `只把“颱風”改成了“台风”、“線”改成了“线”` read
    `只把「颱風」改成了「颱風」、「線」改成了「線」` in Taiwan's edition. A quotation that no other quoted
    word matches is converted as before."""
    doc = _read(tmp_path, "# 新书上市\n\n陈露说，只把“颱風”改成了“台风”、“線”改成了“线”，“我们希望读者能感受到原文的节奏”。\n",
                "hant-tw")
    assert m.plain_text(doc.body[0].content) == (
        "陳露說，只把「颱風」改成了「台风」、「線」改成了「线」，「我們希望讀者能感受到原文的節奏」。")


def test_an_empty_pair_of_corner_brackets_names_the_marks(tmp_path: Path) -> None:
    """A Taiwan article about quotation marks (`繁體版的「」引號`) converted to Simplified printed `“”引号`:
    the corner brackets were turned into curly quotes even where they quote nothing but themselves."""
    doc = _read(tmp_path, "# 校對\n\n繁體版的「」引號，編輯說「改得好」。\n", "hans")
    assert m.plain_text(doc.body[0].content) == "繁体版的「」引号，编辑说“改得好”。"
