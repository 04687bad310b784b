#!/usr/bin/env python3
"""A generated corpus of Chinese news articles nobody has seen, to measure the typesetting on (issue 12):
`benchmarks/typography.py`, `browser_typography.py` and `docx_typography.py` take the files it writes.

Each article is deterministic for its seed and index, Markdown as scraped news arrives, and unlike the seeds:

- Simplified, or Traditional (OpenCC `s2twp`, a third of them; half of those with 「」/『』 quotes);
- a headline of every length from 6 to 40 characters over 35 articles (index i: 6 + i mod 35), sometimes
  with a number or a quote in it; a byline, a date and sometimes a URL;
- paragraphs of 1 to 12 lines at the print measure (about 38 characters a line) so that a paragraph's last
  line ends at every position; headings of 3 to 22 characters; now and then a short table of figures;
- sentences from real-looking vocabulary with numbers and units (`3.5万元`, `12.8%`, `2024年5月1日`,
  `第36位`, `1,200亿`, `-2.3%`, `¥1,580`, `10:30`, `5G`, `iPhone 15`, `COVID-19`), ranges
  (`3～5年`, `2020—2024年`), full-width digits, English words and names, URLs, every kind of quote
  (“”「」『』 and ASCII "..."), adjacent marks (`”），` `》、` `。」`), and `……` / `——` anywhere.

  benchmarks/cjk_corpus.py OUTDIR [-n 40] [--seed 12]     writes OUTDIR/cjk-NNN.md
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

PRINT_LINE = 38  # characters on a line of the print edition's body, about

COMPANIES = ["华泰新能源", "远景智造", "蓝海物流集团", "星河半导体", "中和农业发展", "瑞丰医药", "恒信证券",
             "北辰航空", "东岳钢铁", "天启科技", "青禾乳业", "安澜保险", "鼎盛地产", "银川水务", "海纳电子"]
PLACES = ["深圳", "杭州", "成都", "西安", "青岛", "苏州", "武汉", "长沙", "厦门", "昆明", "哈尔滨", "南宁"]
PEOPLE = ["王建国", "李晓梅", "陈志强", "刘芳", "张伟", "赵雅琴", "孙浩然", "周明", "吴思远", "郑丽华"]
ROLES = ["董事长", "首席经济学家", "研究员", "副总经理", "分析师", "市长", "项目负责人", "首席执行官"]
TOPICS = ["数字化转型", "绿色低碳", "乡村振兴", "人工智能", "跨境电商", "新能源汽车", "城市更新", "养老服务",
          "集成电路", "生物医药", "文旅融合", "低空经济", "高端制造", "普惠金融"]
REPORTS = ["中国城市发展报告", "年度行业白皮书", "区域经济蓝皮书", "消费趋势调查", "全球竞争力指数"]
ENGLISH = ["Apple", "Tesla", "Google", "OpenAI", "Reuters", "Bloomberg", "Goldman Sachs", "Morgan Stanley",
           "ChatGPT", "World Bank", "Financial Times", "Wall Street Journal"]
NAMES_EN = ["John Smith", "Maria Garcia", "David Lee", "Emily Chen", "Peter Müller"]
URLS = ["https://www.stats.gov.cn/sj/zxfb/202405/t20240515.html", "http://example.com/report-2024.pdf",
        "www.miit.gov.cn", "https://news.example.cn/a/20240601/123456.shtml"]


def number(rng: random.Random) -> str:
    """A figure with its unit or measure word, in one of the shapes Chinese news prints."""
    shapes = [
        lambda: f"{rng.randint(1, 99)}.{rng.randint(1, 9)}万元",
        lambda: f"{rng.randint(1, 60)}.{rng.randint(0, 9)}%",
        lambda: f"-{rng.randint(0, 9)}.{rng.randint(1, 9)}%",
        lambda: f"{rng.randint(2015, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        lambda: f"第{rng.randint(2, 120)}位",
        lambda: f"{rng.randint(1, 9)},{rng.randint(100, 999)}亿",
        lambda: f"{rng.randint(1, 9)},{rng.randint(100, 999)}亿元",
        lambda: f"¥{rng.randint(1, 9)},{rng.randint(100, 999)}",
        lambda: f"{rng.randint(7, 22)}:{rng.choice(['00', '15', '30', '45'])}",
        lambda: f"{rng.randint(3, 12)}～{rng.randint(13, 30)}年",
        lambda: f"{rng.randint(2015, 2020)}—{rng.randint(2021, 2030)}年",
        lambda: f"{rng.randint(2, 900)}家",
        lambda: f"{rng.randint(2, 90)}个百分点",
        lambda: f"{rng.randint(100, 9999)}吨",
        lambda: f"{rng.randint(2, 50)}.{rng.randint(10, 99)}亿美元",
        lambda: f"{rng.randint(10, 999)}平方公里",
        lambda: f"{rng.randint(1, 30)}GW",
        lambda: f"{rng.randint(2, 30)}.{rng.randint(1, 9)}倍",
        lambda: "".join(chr(0xFF10 + int(d)) for d in str(rng.randint(10, 2999))) + "人",
        lambda: f"{rng.randint(1, 12)}月份",
        lambda: f"{rng.randint(100, 9999)}万辆",
    ]
    return rng.choice(shapes)()


def quote(rng: random.Random, words: str, traditional_marks: bool) -> str:
    """`words` in one of the quotes Chinese text uses, the ASCII pair included."""
    if traditional_marks:
        return rng.choice([f"「{words}」", f"『{words}』", f"「{words}」"])
    return rng.choice([f"“{words}”", f"“{words}”", f'"{words}"', f"「{words}」", f"《{words}》"])


def clause(rng: random.Random, marks: bool) -> str:
    """One clause of a news sentence, without its final mark."""
    c, p, who, role = rng.choice(COMPANIES), rng.choice(PLACES), rng.choice(PEOPLE), rng.choice(ROLES)
    t, n, m = rng.choice(TOPICS), number(rng), number(rng)
    en, url = rng.choice(ENGLISH), rng.choice(URLS)
    q = quote(rng, rng.choice(TOPICS + ["稳中求进", "提质增效", "以旧换新", "暗伤", "新质生产力"]), marks)
    templates = [
        f"{c}公布的数据显示，营业收入达到{n}，同比增长{m}",
        f"{p}市统计局{n}发布的数据表明，{t}相关产业增加值占比提升至{m}",
        f"{role}{who}在接受采访时表示，今年将围绕{q}展开布局",
        f"据{en}报道，{c}计划在{p}投资{n}建设新基地",
        f"报告显示，{c}在榜单中排名{n}，较去年上升{rng.randint(2, 30)}位",
        f"截至{n}，全市累计建成5G基站{m}，覆盖率居全国前列",
        f"新款iPhone {rng.randint(12, 16)}在{p}首发当天售出{n}",
        f"受COVID-19疫情影响，{p}的客流在{n}一度下降{m}",
        f"该项目总投资{n}，预计{m}内建成投产",
        f"{who}说：“{t}不是一句口号，而是{rng.choice(['实打实的投入', '每一天的坚持', '一场长跑'])}。”",
        f"详情可登录{url}查询",
        f"在{q}的带动下，{t}领域的融资额达到{n}",
        f"{en}的分析师{rng.choice(NAMES_EN)}认为，{c}的估值仍有{m}的上行空间",
        f"会议决定，自{n}起，{p}将对{t}企业给予最高{m}的补贴",
        f"{c}（{rng.randint(600000, 603999)}.SH）股价收于{n}，全天成交额{m}",
        f"《{rng.choice(REPORTS)}》（{rng.randint(2020, 2024)}）指出，{t}是下一阶段的重点",
        f"业内人士将其概括为{q}、{quote(rng, rng.choice(TOPICS), marks)}两大方向",
        f"上午{rng.randint(8, 11)}:{rng.choice(['00', '30'])}，{p}{t}大会在会展中心开幕",
        f"同比{rng.choice(['下降', '减少', '回落'])}-{rng.randint(0, 9)}.{rng.randint(1, 9)}%，环比持平",
        f"{c}的{t}业务收入为{n}，占总收入的{m}",
        f"{rng.choice(['但', '然而', '不过'])}{rng.choice(['市场', '投资者', '业内'])}对此仍有分歧",
        f"按照规划，到{rng.randint(2025, 2035)}年，{p}{t}产业规模将突破{n}",
    ]
    text = rng.choice(templates)
    if rng.random() < 0.18:  # a `……` or `——` anywhere in the clause, its end included
        mark = rng.choice(["……", "——"])
        places = [at for at in range(1, len(text) + 1)  # between two Han characters, or at the end
                  if at == len(text) or "\u4e00" <= text[at - 1] <= "\u9fff" and "\u4e00" <= text[at] <= "\u9fff"]
        at = rng.choice(places)
        text = text[:at] + mark + text[at:]
    return text


def sentence(rng: random.Random, marks: bool) -> str:
    """A sentence of one to three clauses, its end sometimes inside a quote (`。」`) or after a bracket (`”），`)."""
    text = "，".join(clause(rng, marks) for _ in range(rng.choice([1, 1, 2, 3])))
    roll = rng.random()
    if roll < 0.08:
        return text + "（" + quote(rng, rng.choice(TOPICS), marks) + "）。"
    if roll < 0.14:
        opening, closing = ("「", "」") if marks else ("“", "”")
        return f"{text}，{rng.choice(PEOPLE)}称：{opening}{clause(rng, marks)}。{closing}"
    if roll < 0.2:
        return text + rng.choice(["……", "！", "？", "——"]) + "。"[: rng.randint(0, 1)]
    return text + "。"


def paragraph(rng: random.Random, marks: bool) -> str:
    """A paragraph whose length falls anywhere from a few characters to 12 print lines."""
    lines = rng.randint(1, 12)
    target = rng.randint((lines - 1) * PRINT_LINE + 1, lines * PRINT_LINE)
    text = ""
    while len(text) < target:
        text += sentence(rng, marks)
    cut = text[:target]
    # end the paragraph at a sentence end near the target, or cut a clause and close it
    end = max(cut.rfind("。"), cut.rfind("！"), cut.rfind("？"))
    if end > target * 0.6:
        return cut[:end + 1]
    cut = cut.rstrip("，、；：“「『《（—…")
    if marks and rng.random() < 0.3:
        return f"「{cut}。」"
    return cut + "。"


def exact(rng: random.Random, length: int, marks: bool) -> str:
    """A headline of `length` characters: clauses of the vocabulary cut at a word, padded with a place."""
    pieces = [f"{rng.choice(COMPANIES)}上榜{quote(rng, rng.choice(REPORTS), marks)}",
              f"{rng.choice(PLACES)}{rng.choice(TOPICS)}提速", f"营收同比增长{number(rng)}",
              f"{rng.choice(TOPICS)}迎来新机遇", f"{rng.choice(PEOPLE)}：{rng.choice(TOPICS)}要久久为功",
              f"{rng.choice(ENGLISH)}发布新品", f"第{rng.randint(2, 99)}届{rng.choice(TOPICS)}论坛开幕"]
    rng.shuffle(pieces)
    text = ""
    for piece in pieces:
        if len(text) + len(piece) + 1 <= length:
            text += ("，" if text else "") + piece
    filler = "".join(rng.choice(PLACES + TOPICS) for _ in range(12))
    while len(text) < length:
        text += filler[len(text) % len(filler)]
    return text[:length]


def table(rng: random.Random) -> str:
    """A short table of figures: a label column and two or three columns of numbers with units."""
    years = sorted(rng.sample(range(2019, 2026), rng.choice([2, 3])))
    rows = [f"| 指标 | {' | '.join(f'{y}年' for y in years)} | 同比 |", "|:---|" + "---:|" * (len(years) + 1)]
    for label in rng.sample(["营业收入（亿元）", "净利润（亿元）", "毛利率", "研发投入（万元）", "员工人数",
                             "市场份额", "出货量（万台）", "不良贷款率"], rng.randint(3, 5)):
        cells = [f"{rng.randint(1, 9)},{rng.randint(100, 999)}.{rng.randint(10, 99)}" for _ in years]
        rows.append(f"| {label} | {' | '.join(cells)} | {rng.choice(['+', '-', '−'])}{rng.randint(0, 30)}.{rng.randint(1, 9)}% |")
    return "\n".join(rows)


def article(index: int, seed: int) -> str:
    """Article `index` of the corpus for `seed`, as Markdown."""
    rng = random.Random(seed * 1000 + index)
    traditional = index % 3 == 2
    marks = traditional and index % 2 == 0
    headline = exact(rng, 6 + index % 35, marks)
    parts = [f"# {headline}", f"**{rng.choice(['记者', '编辑', '文'])}：{rng.choice(PEOPLE)}**",
             f"**{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(7, 22)}:{rng.randint(0, 59):02d}**"]
    if rng.random() < 0.5:
        parts.append(f"**{rng.choice(URLS[:2])}**")
    for _ in range(rng.randint(5, 11)):
        roll = rng.random()
        if roll < 0.15:
            parts.append("## " + exact(rng, rng.randint(3, 22), marks))
        elif roll < 0.22:
            parts.append(table(rng))
        parts.append(paragraph(rng, marks))
    text = "\n\n".join(parts) + "\n"
    if traditional:
        import opencc

        text = opencc.OpenCC("s2twp").convert(text)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir")
    parser.add_argument("-n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for index in range(args.n):
        (out / f"cjk-{index:03d}.md").write_text(article(index, args.seed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
