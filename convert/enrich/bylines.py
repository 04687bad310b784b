"""Byline lines of news copy, read into metadata: who wrote it, who edited it, when, where, and from whom.

`byline_fields` reads one line (`编辑：X`, `记者 王某 北京报道`, `本报记者 王某`, `By X, Y and Z`,
`新华社北京11月26日电（记者 王某）`, `2023年10月30日 下午3:15`, `来源：新华网`, a URL) and gives the
`Meta` fields it states, or {} when the line is not a byline. `lead_dateline` reads a dateline that
opens the lead paragraph (`新华社北京11月26日电 …`, `RIVERTON — …`), which stays in the text.
"""
from __future__ import annotations

import re

from ..dates import han_number, parse_date_line, split_trailing_date
from ..readers.walk import valid_link
from ..scripts import IDEOGRAPHS
from ..wording import BYLINE_SEPARATOR

BYLINE_WINDOW = 8  # blocks after the title in which byline lines are looked for
_H = IDEOGRAPHS

# A separator must follow the word, or `编辑部认为…` and `Editorial boards…` would be bylines.
_EDITOR_WORD = r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯)"
# `نویسنده: X` (Persian), `تحریر: X` (Urdu), `लेखक: X` (Hindi), `Автор: X` (Russian) too
# `文/图 X`, `图文：X`: words and pictures both the writer's
_WORDS_AND_PICTURES_LABEL = r"(?:文\s*[/／、]\s*[图圖]|[图圖]\s*[/／、]\s*文|[图圖]文)"
_AUTHOR = re.compile(rf"^(?:(?:本文)?作者|实习生|實習生|撰文|撰稿|采写|採寫|执笔|執筆|文字|{_WORDS_AND_PICTURES_LABEL}|"
                     r"文|Author|Reporter|نویسنده|تحریر|लेखक|Автор)\s*[:：/／|｜]\s*(.+)$", re.I)
# A commentary's author and who they are: `张三，系中国人民大学教授`, `张三（中国人民大学教授）`
# `报导：潘家辉` (Malaysia's and Singapore's papers label the reporter so): names only (`报道：今天上午…` is a sentence)
_REPORTED_BY = re.compile(r"^(?:报导|報導|报道|報道)\s*[:：]\s*(.+)$")
_AUTHOR_NOTE = re.compile(r"^(?P<name>[^，,（()）、]{2,30}?)\s*(?:[，,]\s*(?:系|為|为|是)?(?P<said>[^，,]{4,60}?)[。.]?"
                          r"|[（(](?P<bracketed>[^（()）]{4,60})[)）])$")
_WRITERS_POST = re.compile(rf"(?:^|(?<=[\s、，,]))[{_H}]{{0,8}}?(?:特约|特約|首席)?(?:专栏作者|專欄作者|专栏作家|專欄作家|"
                           r"评论员|評論員|撰稿人|观察员|觀察員)\s*(?=\S)")
# ... with a space after it: `文/图 王浩宇`, names only
_WORDS_AND_PICTURES = re.compile(rf"^{_WORDS_AND_PICTURES_LABEL}\s+(.+)$")
# BBC's byline, labelled for screen readers with a comma: `作者，马特·麦格拉思`, `Author, Matt McGrath`, and the
# author's post under it, its label untranslated (`Role，BBC环境事务记者`): one name, nothing after it.
_AUTHOR_COMMA = re.compile(r"^(?:作者|Author)\s*[，,]\s*([^，,。；;:：]{2,40})$")
_ROLE_LINE = re.compile(r"^Role\s*[，,]\s*[^，,。；;]{2,40}$")
_BY = re.compile(r"^(?:(?:Written|Story|Words|Reporting)\s+)?[Bb]y\s+([A-Z].+)$")
_BY_WIRE = re.compile(r"^(?P<names>.+?)(?:\s*[,|｜/]\s*|\s+)(?P<outlet>(?:The\s+)?(?:Associated Press|AP|Reuters|AFP|"
                      r"Agence France-Presse|Bloomberg(?: News)?|CNN|BBC News|Xinhua|Kyodo News|Yonhap|dpa|UPI))$")
_SOURCE = re.compile(r"^(?:(?:本文|文章|稿件)?(?:来源|來源)|出处|Source)\s*[:：|｜]\s*(.+)$", re.I)
_ACCOUNT_ID = re.compile(r"\s*[（(]\s*(?:ID|微信号|微信號|公众号|公眾號)\s*[:：]\s*[\w.-]+\s*[)）]$", re.I)  # `36氪（ID：wow36kr）`
# The credit of a picture the copy does not hold (`封面来源｜IC photo`, `题图：视觉中国`, `头图来源：…`)
_ABSENT_PICTURE_CREDIT = re.compile(r"^(?:封面|题图|題圖|头图|頭圖|首图|首圖)(?:图片|圖片)?(?:来源|來源|来自|來自|图|圖)?\s*[:：|｜/／]\s*\S")
# A reprint's note of the account it came from (`本文来自微信公众号：新消费日报（ID：xinxiaofei2018）`): its source
_REPRINTED_FROM = re.compile(r"^(?:本文|文章|稿件)?(?:来自|來自|转载自|轉載自|转自|轉自)(?:微信)?(?:公众号|公眾號)?\s*[:：]\s*(.+)$")
# Two characters of a name padded to the width of three, as Chinese papers set it (`记者 张 敏`, `编辑：刘　洋`)
_PADDED_NAME = re.compile(rf"(?<![\w·])([{IDEOGRAPHS}])[ \u3000]([{IDEOGRAPHS}])(?![\w·])")
# Xinhua's dateline over a feature repeats its title: `新华社北京11月26日电 题：科技小院扎根田间地头`
_WIRE_TITLE = re.compile(r"\s+(?:题|題)\s*[:：].*$")
_URL = re.compile(r"^https?://\S+$")
# `原文链接：https://…` (a blog's copy), `链接：https://…` (Zhihu's)
_SOURCE_LINK = re.compile(r"^(?:原文|本文)?(?:链接|鏈接|連結|地址|網址|网址)\s*[:：]\s*(https?://\S+)$")
# What Zhihu and Jianshu append to text copied from them, its lines run together once pasted:
# `作者：X 链接：https://… 来源：知乎 著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。`
_COPY_FOOTER = re.compile(r"^作者\s*[:：]\s*(?P<author>[^\s:：]{1,30}?)\s*(?:链接|鏈接|連結)\s*[:：]\s*(?P<url>https?://\S+?)"
                          r"\s*(?:来源|來源)\s*[:：]\s*(?P<site>[^\s。，:：]{1,20}?)"
                          r"\s*(?P<rights>(?:(?P=site))?(?:著作权|著作權)(?:归|歸)作者所有.*)?$")  # Jianshu's repeats the site
_ROLE = r"(?:特约|特約|实习|實習|首席|驻\S{1,4}|駐\S{1,4})?(?:记者|記者|通讯员|通訊員)"
_AGENCIES = (r"新华社|新華社|中央社|中央通訊社|中新社|中新网|中新網|人民网|人民網|央视网|央視網|央视|央視|路透社|法新社|美联社|美聯社|"
             r"共同社|塔斯社|韩联社|韓聯社|本报|本報|本台|本刊|本网|本網")
# `澎湃新闻记者 段彦超`; any short name right before the role and a bar, a colon or a space after it (`每经记者｜李可愚`,
# `南方周末记者 刘文`, `每经编辑｜陈星`)
_OUTLET = (rf"(?:{_AGENCIES}|[{_H}]{{1,5}}(?:报|報|网|網|台)|[{_H}]{{1,4}}(?:新闻|新聞)"
           rf"|[{_H}]{{2,4}}(?=(?:记者|記者|编辑|編輯|实习生|實習生)\s*[|｜:：\s]))")
# `编辑：X`, `编辑 | X`, and an outlet's `界面新闻编辑 | X` (its own reporter line's twin)
_EDITOR = re.compile(rf"^(?:(?:(?:{_OUTLET})?{_EDITOR_WORD}|Editor|Edited by)(?:\s*[:：/／|｜]\s*|\s+)(.+)"
                     f"|{_EDITOR_WORD}([{_H}·]{{2,4}}))$", re.I)
# Taiwan's papers bracket the line: `〔記者王某／台北報導〕`.
# `记者 | 许嘉宁`: a magazine's bar between the role and the name, as `文 | X` has.
_REPORTER = re.compile(rf"^[（(〔［\[]?\s*(?:{_OUTLET})?{_ROLE}\s*[:：/／|｜]?\s*(?P<rest>[^（()）〔〕]+?)\s*[)）〕］\]]?$")
# `北京报道`, `发自北京报道`, or `发自上海` alone (a sports or foreign desk's `本报记者 王某 发自伦敦`).
_REPORTER_PLACE = re.compile(
    rf"^(?P<names>.+?)(?:\s+|\s*[/／|｜]\s*)(?:(?:发自|發自)?(?P<place>[{_H}]{{2,8}}?)(?:报道|報道|報導)"
    rf"|(?:发自|發自)(?P<sent_from>[{_H}]{{2,8}}))$")
# `台北即時報導`, `北京电`: a report sent at once from the place, which the word after it does not name
_LIVE = re.compile(r"(?<=..)(?:即時|即时|电|電)$")
# `綜合報導`: compiled from several sources, no place.
_NO_PLACE = {"综合", "綜合", "联合", "聯合", "特稿", "专题", "專題", "摄影", "攝影", "图片", "圖片"}  # `摄影报道`: a photo story
# Central News Agency's dateline names its reporters before the place and the day alone:
# `中央社記者陳怡君台北12日電`, `（中央社記者王某、李某華盛頓11日專電）`, `中央社台北12日電`; portals reprinting
# it bracket it as a flash: `【中央社記者陳怡君台北28日電】`.
_CNA_DATELINE = re.compile(
    rf"^[（(【]?(?P<outlet>{_AGENCIES}){_ROLE}?(?P<names>(?:[{_H}]{{2,3}}、)*)(?P<rest>[{_H}]{{2,8}}?)"
    r"(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日(?:专电|專電|电|電)[)）】]?")
# `光明日报通讯员`, `南方周末实习生` between two names too
_ROLE_WORD = re.compile(rf"\s*(?:{_OUTLET})?(?:{_ROLE}|实习生|實習生)\s*[:：|｜]?\s*")
_ANOTHER_FIELD = re.compile(rf"\s[{_H}]{{2,4}}\s*[:：]")  # `作者：王某 编辑：张三`: fields read one by one
_PICTURES_LABEL = re.compile(r"\s+(?:图|圖|摄影|攝影|图片|圖片)\s*[:：/／|｜]\s*")
# A role standing between names (`作者：孙蕾 实习生 刘畅`) names no one.
# what the reporter did after the name (`记者陈智 整合`: compiled by): no name
# nor does an unsigned article's `作者：佚名`, `作者：网络整理` (compiled from the web), `作者：未知`.
_ROLE_ALONE = re.compile(rf"^(?:{_ROLE}|实习生|實習生|见习记者|見習記者|摄影|攝影|整合|整理|采访整理|採訪整理|采访|採訪|编译|編譯|综合|綜合|"
                         r"(?:网络|網絡|网上|網上)(?:整理|转载|轉載)?|佚名|匿名|未知|网友|網友|"
                         # a picture's source, no one's name: `图 | 受访者提供`, `图：视觉中国`
                         rf"[{_H}]{{0,8}}(?:提供|供图|供圖)|(?:网络|網絡)?(?:图片|圖片)|资料图|資料圖|视觉中国|視覺中國|"
                         r"图虫创意|圖蟲創意|IC\s?[Pp]hoto)$")
# A credit of the article's pictures in its byline line (`撰文：陈小雨　摄影：李四`, `图片：受访者提供`)
_PICTURE_CREDIT = re.compile(r"^(?:图|圖|图片|圖片|摄影|攝影|供图|供圖|配图|配圖)\s*[:：/／|｜]\s*(.+)$")
_DATELINE = re.compile(
    rf"^(?P<outlet>{_AGENCIES}|[{_H}]{{1,5}}?(?:报|報))?(?P<place>[{_H}]{{2,8}}?)\s*"
    # (the month and day in Chinese numerals too, as an obituary's or an older wire's: `北京十一月二十六日电`)
    r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?P<wire>电|電|讯|訊|消息)?"
    r"\s*(?:[（(](?P<reporters>[^（()）]{1,60})[)）])?")
# Since 2022 the line ends with the province the post was sent from (`… 18:30 浙江`, `… 发表于浙江`).
_WECHAT_HEADER = re.compile(r"^(?:原创|原創)\s+(?P<names>[^\d\s]\S*(?:\s+[^\d\s]\S*)?)"
                            r"(?:\s+(?P<date>\d{4}\s*[-年/.]\s*\d{1,2}.*?))?"
                            rf"(?:\s+(?:发表于|發表於)?[{_H}]{{2,3}})?$")
ORIGINAL_TITLE = re.compile(r"^(?:原标题|原標題|原题|原題)\s*[:：]\s*\S")  # a reprint's note of its first headline
_STAFF_CODE = re.compile(r"(?:\s+|_)[A-Z]{1,4}\d{2,6}$")  # Sina's `责任编辑：张明 SN225`, NetEase's `王凤枝_NN1280`
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# An outlet's name alone, never a city's (`烟台`, `邢台` end as `电视台` does)
_OUTLET_NAME = rf"(?:{_AGENCIES}|[{_H}]{{1,5}}(?:报|報|网|網|电视台|電視台)|[{_H}]{{1,4}}(?:新闻|新聞))"
_NEWS_FLASH = re.compile(rf"^(?P<outlet>{_OUTLET_NAME})(?:[{_H}]{{1,4}}?)?(?:讯|訊)\s*(?:[（(](?P<reporters>[^（()）]{{1,60}})[)）])?")  # `新京报讯（记者 X）`
# An outlet's report with no place: `央视网消息：…`, `据新华社电 …`
# `凤凰网科技讯 作者｜赵晨`: a flash's outlet and desk, then the byline's fields
_FLASH_AND_FIELDS = re.compile(rf"^(?P<flash>{_OUTLET_NAME}[{_H}]{{0,4}}?(?:讯|訊))\s+(?P<rest>\S.{{1,60}})$")
_OUTLET_SAYS = re.compile(rf"^(?:(?P<outlet>{_OUTLET_NAME})消息\s*[:：]|据(?P<wire>{_AGENCIES})(?:电|電)(?=[\s　]))")
# Hong Kong's and the mainland's papers bracket it: `【明報專訊】`, `【香港01訊】`, `【环球网快讯】`, `【本报讯】`.
_BRACKETED_FLASH = re.compile(r"^【(?P<outlet>[^【】\s]{2,12}?)(?:专讯|專訊|快讯|快訊|讯|訊|电|電)】\s*"
                              r"(?:[（(](?P<reporters>[^（()）]{1,60})[)）])?")
_BRACKETED_REPORTER = re.compile(r"^[〔［\[【]([^〔〕［］\[\]【】]{2,40})[〕］\]】]")  # a portal's reprint: `【記者X/台北報導】`
_ENGLISH_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,30}[A-Z.])(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&]{1,30})\))?\s*(?:—|–|--)\s*\S")
_NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "al", "y"}
_DESK = re.compile(r"(?:部|中心|组|組|室|频道|頻道|工作室)$")  # `经济部`, `融媒体中心`, `调查组`: a newsroom's desk
_HAN_NAME = re.compile(f"^[{_H}·]{{2,5}}$")
_WEEKDAY = re.compile(r"^(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]$")  # `（星期三）` after a date is no reporter
# What follows `记者` in a sentence rather than a name (`记者们`, `记者看到`, `记者手记`); never a surname.
_NOT_A_SURNAME = set("们了看从在对获发注采手观调走探证表又也就还会日近今昨随见问询到来去与同跟等将已正的是有说称指认")
_LATIN_NAME = re.compile(r"^[A-Z][\w'’.\-]*(?:\s+[\w'’.\-]+){0,4}$")
# `来源：本站原创` (the site's own, original), `来源：本网`: the page's own site, named by no name
_OWN_SOURCE = re.compile(r"^(?:本站|本網|本网|本刊|本报|本報)?(?:原创|原創|首发|首發)?$|^(?:本站|本網|本网)$")
# A web page's counter beside its byline (`阅读量：12,806`, `浏览次数：3万`, `1.2k views`): page furniture.
# Its reading time too (`阅读时间 8 分钟`, `预计阅读：5分钟`, `约3分钟读完`, `6 min read`).
_COUNTER = re.compile(r"^(?:(?:阅读|閱讀|浏览|瀏覽|点击|點擊|播放)(?:量|数|數|次数|次數)?\s*[:：]?\s*[\d.,，万萬]+\+?\s*(?:次|人次)?"
                      r"|[\d.,]+[kKmM万萬]?\+?\s*(?:views?|reads?|次阅读|次閱讀|次浏览|次瀏覽)"
                      r"|(?:预计|預計)?(?:阅读|閱讀)(?:时间|時間|时长|時長|需要|需)?\s*[:：]?\s*(?:约|約)?\s*\d{1,3}\s*(?:分钟|分鐘|min)"
                      r"|(?:约|約)?\s*\d{1,3}\s*(?:分钟|分鐘)\s*(?:读完|讀完|阅读|閱讀)|\d{1,3}\s*min(?:ute)?s?\s+read)$", re.I)
# Where one line holds several labelled fields apart (`发布时间：… 来源：… 作者：…`): before each label.
# `《 人民日报 》（ 2024年11月26日 第 01 版）`: the paper and the day a reprinted article appeared
_PRINTED_IN = re.compile(r"^(?:(?:来源|來源|稿源)\s*[:：]\s*)?《\s*(?P<site>[^《》]{1,30}?)\s*》\s*[（(]\s*(?P<date>[^()（）]{6,20}?)"
                         r"\s*(?:(?:第\s*)?[0-9０-９]{1,3}\s*版)?\s*[)）]$")
_WIDE_SPLIT = re.compile(r"\s{2,}|　+")
_FIELD_SPLIT = re.compile(rf"{_WIDE_SPLIT.pattern}|\s*[|｜]\s*|\s+(?=[{_H}]{{2,4}}\s*[:：])|\s+(?=《[^《》]+》\s*[（(])")
# Before each role a field opens with, a bar or colon after it: `界面新闻记者 | 陈晓婷 实习记者 | 何昕`
_ROLE_SPLIT = re.compile(rf"\s+(?=[{_H}]{{0,6}}?(?:记者|記者|编辑|編輯|作者|实习生|實習生)\s*[|｜:：/／])")
# The labels of a page's byline line, which some pages glue to the field before (`2019-09-26 12:11来源：证券时报网作者：李在山`)
_FIELD_LABEL = re.compile(
    r"(?:发布时间|發佈時間|发布日期|發佈日期|发表时间|發表時間|更新时间|更新時間|时间|時間|日期|来源|來源|出处|出處|"
    r"作者|撰文|记者|記者|责任编辑|責任編輯|责编|責編|编辑|編輯|(?:浏览|瀏覽|阅读|閱讀|点击|點擊)(?:量|数|數|次数|次數)?|"
    r"审核|審核|审校|審校|校对|校對|终审|終審|复审|複審|初审|初審|监制|監製|统筹|統籌)\s*[:：]"
    # the desk's credits take a bar or a slash after the label as often (`编辑：刘畅 校对 | 孙晴`)
    r"|(?<=\s)(?:审核|審核|审校|審校|校对|校對|终审|終審|复审|複審|初审|初審|监制|監製|统筹|統籌)\s*[|｜/／]")
# The desk's other credits beside the editor (`编辑：孙丽　审核：赵强`): who checked it, who oversaw it. The
# page prints them under the article; an edition's byline names its writers and editor.
# ... and who planned, produced, designed or filmed it (`策划：X`, `视频：Y`, `海报：Z`): none of the text's writers
_STAFF = re.compile(r"^(?:审核|審核|审校|審校|校对|校對|终审|終審|复审|複審|初审|初審|监制|監製|统筹|統籌|策划|策劃|主编|主編|"
                    r"出品|制作|製作|设计|設計|剪辑|剪輯|视频|視頻|海报|海報|美编|美編)\s*[:：|｜/／]\s*"
                    rf"[{_H}·A-Za-z .、，,]{{1,30}}$")
# The page's buttons beside its byline: `字号：大 中 小`, `【打印】`, `分享到：`, `[关闭窗口]`
_BUTTONS = re.compile(r"[【\[［]?\s*(?:(?:字号|字號|字体|字體)\s*[:：]?\s*(?:[大中小]\s*){2,3}|打印|列印|收藏|关闭窗口|關閉窗口|"
                      r"关闭|關閉|分享(?:到|至)?\s*[:：]?(?:\s*(?:微信|微博|QQ空间|QQ|朋友圈|Facebook|LINE))*|"
                      r"(?:举报|舉報|檢舉|跟贴|跟帖)\s*\d*)\s*[】\]］]?")  # NetEase's `举报 0 分享至 微信`


_WHOLE_BRACKETS = re.compile(r"^[【〔［\[]\s*(.+?)\s*[】〕］\]]$")
# A paper's mark before its byline (`■本报记者 王某`, `◎ 记者 李四`)
_SPACED_DOT = re.compile(r"\s+·\s+")  # `wording.BYLINE_SEPARATOR`, the editions' own: not a name's `·`
_LEAD_MARK = re.compile(r"^[■□●○◎◆◇★☆]\s*(?=\S)")


# A desk signing as one (`本报调查组`, `本报评论员`, `人民日报评论员`): an editorial's or an investigation's
# byline, the whole line its author
_DESK_SIGNED = re.compile(rf"^(?:本报|本報|本刊|[{_H}]{{2,8}}?(?:日报|日報|晚报|晚報|时报|時報))(?:特约|特約|记者|記者|联合|聯合)?"
                          r"(?:调查组|調查組|评论员|評論員|课题组|課題組|报道组|報道組|采访组|採訪組|评论部|評論部)$")


def byline_fields(text: str, *, chinese: bool | None = None) -> dict[str, object]:
    """The metadata a byline line gives, or {} when the line is not one."""
    if not text or len(text) > 120:
        return {}
    if _DESK_SIGNED.match(text):
        return {"authors": (text,)}
    text = _LEAD_MARK.sub("", text)
    if BYLINE_SEPARATOR in text and (parts := [part for part in _SPACED_DOT.split(text) if part]) and len(parts) > 1:
        # the editions' own byline (`记者：赵六、钱七 · 2025年1月14日`), read back from a DOCX edition
        merged: dict[str, object] = {}
        for part in parts:
            if not (fields := byline_fields(part, chinese=chinese)):
                break
            merged = merge_fields(merged, fields)
        else:
            return merged
    if (inner := _WHOLE_BRACKETS.match(text)) and _AUTHOR.match(inner[1]) \
            and (fields := byline_fields(inner[1], chinese=chinese)).get("authors"):
        return fields  # `【文/观察者网专栏作者 王文】` (`【记者连线】` is a section's label)
    if ("，" in text or "," in text) and (fields := _comma_fields(text, chinese)):
        return fields
    if (fields := _labelled_fields(text, chinese)) is not None:
        return fields
    if match := _EDITOR.match(text):
        return {"editor": editor_name(match[1] or match[2])}
    if (match := _REPORTED_BY.match(text)) and (names := split_names(match[1])) and all(map(_is_name, names)):
        return {"authors": names}
    if match := _AUTHOR_COMMA.match(text):
        return {"authors": (match[1].strip(),)}
    if _ROLE_LINE.match(text):
        return {"counter": text}  # a line of the byline block that states no field
    if (match := _WORDS_AND_PICTURES.match(text)) and (names := split_names(match[1])) and all(map(_is_name, names)):
        return {"authors": names}
    if (match := _AUTHOR.match(text)) and not _ANOTHER_FIELD.search(match[1]):
        if fields := reporter_fields(match[1]):
            return fields  # `作者：人民日报记者 宋朝军 王沛`: the paper's reporters, two names
        if ("|" in match[1] or "｜" in match[1]) and (fields := _fields_apart(text, chinese)):
            return fields  # `作者：李想 | 2024-11-20 | 阅读时间 8 分钟`
        if dated := _dated_byline(text, chinese):
            return dated  # `作者：李四 2024年1月5日`
        if (noted := _noted_author(match[1])) is not None:
            return noted
        # `文/许嘉宁 图/李四`: the pictures' credit is a name of the byline too; a writer's post before
        # the name is no name (`文/观察者网专栏作者 王文`, `作者：特约评论员 王文`)
        names = split_names(_PICTURES_LABEL.sub("、", _WRITERS_POST.sub("", match[1])))
        return {"authors": tuple(n for n in names if not _ROLE_ALONE.match(n))}
    if (match := _BY.match(text)) and (dated := _dated_byline(text, chinese)):
        return dated  # `By Jane Ortiz March 12, 2025`
    if (match := _BY.match(text)) and _capitalised(names := split_names((by := _by_outlet(match[1]))[0])):
        return {"authors": names, **({"source_site": by[1]} if by[1] else {})}  # `By Tuesday, …` is a sentence
    if fields := reporter_fields(text):
        return fields
    if (fields := dateline_fields(line := _WIRE_TITLE.sub("", text))) and fields.get("whole"):
        fields.pop("whole")
        return {**fields, "dateline": line.split("（")[0].split("(")[0].strip() or line.strip("（()） ")}
    if (flash := _FLASH_AND_FIELDS.match(text)) and (more := byline_fields(flash["rest"], chinese=chinese)) \
            and (more.get("authors") or more.get("editor")):
        return merge_fields({k: v for k, v in dateline_fields(flash["flash"]).items() if k != "whole"}, more)
    # `【本报讯】记者 许文静`, `【明報專訊】記者 梁嘉欣`: a paper's bracketed flash on the reporter's own line
    if (flash := _BRACKETED_FLASH.match(text)) and not flash["reporters"] and (rest := text[flash.end():].strip()) \
            and (more := reporter_fields(rest) or _labelled_author(rest, chinese)):
        return merge_fields({k: v for k, v in dateline_fields(flash[0].strip()).items() if k != "whole"}, more)
    if _ABSENT_PICTURE_CREDIT.match(text):
        return {"absent_picture_credit": text}  # no field of the article's: the line goes
    if (match := _SOURCE.match(text)) and _ANOTHER_FIELD.search(match[1]) and (fields := _fields_apart(text, chinese)):
        return fields  # `本文来源：中国新闻网 责任编辑：王凤枝_NN1280`
    if match:
        value = _ACCOUNT_ID.sub("", match[1].strip())
        if _OWN_SOURCE.match(value):
            return {"counter": text}  # a line of the byline block that names no source
        if _URL.match(value):
            return {"source_url": value} if valid_link(value) else {}
        site, date = split_trailing_date(value, chinese=chinese)  # `来源：新华网 2024-05-01 10:30`
        return {"source_site": site, "date": date} if date and site else {"source_site": value}
    if _URL.match(text) and valid_link(text):
        return {"source_url": text}
    if (match := _SOURCE_LINK.match(text)) and valid_link(match[1]):
        return {"source_url": match[1]}
    if date := parse_date_line(text, chinese=chinese):
        return {"date": date}
    if wechat := _WECHAT_HEADER.match(text):
        return _wechat_header(wechat, chinese)
    if _STAFF.match(text):
        return {"counter": text}  # no field of the article's: a credit of the desk's
    if ORIGINAL_TITLE.match(text):
        return {"counter": text}  # a reprint's note of its first headline, which this edition does not print
    if _COUNTER.match(text.translate(_FULL_WIDTH_DIGITS).replace("，", ",")):
        return {"counter": text}  # no field of the article's, but a line of its byline block
    if fields := printed_in(text):
        return fields
    if credit := _PICTURE_CREDIT.match(text):
        return _picture_credit(text, credit[1])
    if match := _REPRINTED_FROM.match(text):
        return {"source_site": _ACCOUNT_ID.sub("", match[1].strip())}
    return _fields_apart(text, chinese) or _dated_byline(text, chinese) or _posted_by(text, chinese)


def _labelled_author(text: str, chinese: bool | None) -> dict[str, object]:
    fields = byline_fields(text, chinese=chinese) if _AUTHOR.match(text) else {}
    return fields if set(fields) <= {"authors", "author_note"} and fields.get("authors") else {}


def _comma_fields(text: str, chinese: bool | None) -> dict[str, object]:
    """A reprint's note of labelled fields in a sentence, commas between (`本文来自微信公众号：新消费日报（ID：…），
    作者：林晓，编辑：周舟，题图来自：视觉中国`): what they state when every part is a field and one names a person."""
    parts = [part for part in re.split(r"\s*[，,]\s*", text) if part]
    if len(parts) < 2 or not all(re.search("[:：|｜/／]", part) for part in parts):
        return {}
    merged: dict[str, object] = {}
    for part in parts:
        if not (fields := byline_fields(part, chinese=chinese)):
            return {}
        merged = merge_fields(merged, fields)
    return merged if merged.get("authors") or merged.get("editor") else {}


# A post's meta line: who posted it, when, and how often it was read (Weibo's `治沙少年阿木 2025-03-12 20:48
# 阅读数：8.6万`): the poster is the post's author, a name of no label, so only a line with all three is one
_POSTER = re.compile(r"^[^\s:：|｜/／@#（()）【】《》，,。]{2,20}$")


def _posted_by(text: str, chinese: bool | None) -> dict[str, object]:
    """The poster and the date of a post's meta line (name, date, read count), or {}."""
    words = text.split()
    for cut in range(len(words) - 1, 1, -1):
        if _COUNTER.match(" ".join(words[cut:]).translate(_FULL_WIDTH_DIGITS).replace("，", ",")):
            name, date = split_trailing_date(" ".join(words[:cut]), chinese=chinese)
            if date and _POSTER.match(name) and not name.isdigit() and not _DESK.search(name):
                return {"authors": (name,), "date": date}
            return {}
    return {}


def _noted_author(value: str) -> dict[str, object] | None:
    """One author and a note on who they are (`张三，系中国人民大学经济学院教授`), or None: the note was
    taken for a second author. A bracketed name in another script (`陈一舟（Chen Yizhou）`) is no note."""
    match = _AUTHOR_NOTE.match(value.strip())
    if not match or not _is_name(match["name"]):
        return None
    note = (match["said"] or match["bracketed"]).strip()
    if not re.search(f"[{_H}]", note) or _ROLE_ALONE.match(note) or _is_name(note) and match["said"]:
        return None
    return {"authors": (match["name"],), "author_note": note}


def _picture_credit(text: str, value: str) -> dict[str, object]:
    """The photographer, a name of the byline as `文/许嘉宁 图/李四` has it; a source that is no one
    (`受访者提供`, `视觉中国`), a line of the byline block that states no field; {} when it is neither
    (`图：刘畅在店里制作咖啡` is a caption)."""
    names = split_names(value)
    if names and all(_ROLE_ALONE.match(n) for n in names):
        return {"counter": text}
    return {"authors": names} if names and all(_is_name(n) for n in names) else {}


def _fields_apart(text: str, chinese: bool | None) -> dict[str, object]:
    """A line of byline fields set apart by bars or wide spaces (`记者 王某 | 2024-11-20 | 阅读 3 分钟`): what
    they state when every part is one, else {}. Wide spaces alone are tried first: a field may take a
    bar after its label (`文字 | 陈小雨　编辑 | 王五`)."""
    for split in (_WIDE_SPLIT, _FIELD_SPLIT, _ROLE_SPLIT):
        merged: dict[str, object] = {}
        for part in (parts := split.split(text)):
            if len(parts) < 2 or not (fields := byline_fields(part, chinese=chinese)):
                break
            merged = merge_fields(merged, fields)
        else:
            return merged
    return {}


def _labelled_fields(text: str, chinese: bool | None) -> dict[str, object] | None:
    """A page's byline line of several fields, each labelled (`发布时间：… 来源：… 作者：…`), or a date and
    labelled fields after it, in any order, glued or apart, among its buttons (`字号：大 中 小`, `打印`): the
    fields it states, or None when it is not such a line (a field of it that reads as none, one label
    alone). A line of buttons alone is furniture of the byline block (`counter`, as a view count is)."""
    bare = _BUTTONS.sub(" ", text)
    if bare != text and not bare.strip(" |｜/·"):
        return {"counter": text}
    starts = [match.start() for match in _FIELD_LABEL.finditer(bare)]
    if not starts or (len(starts) == 1 and starts[0] == 0 and bare == text):
        return None
    merged: dict[str, object] = {}
    for part in (bare[a:b] for a, b in zip([0, *starts], [*starts, len(bare)])):
        part = part.strip(" \t|｜/·\u3000")
        if not part:
            continue
        head = _FIELD_LABEL.match(part)  # `责任编辑：` holds `编辑：`: a second label starts after the first
        if _FIELD_LABEL.search(part, head.end() if head else 1) or not (fields := byline_fields(part, chinese=chinese)):
            return None
        merged = merge_fields(merged, fields)
    return merged or None


def editor_name(text: str) -> str:
    """The editor's name without the staff code a portal prints after it (`张明 SN225`, `王某 JK001`), and
    unpadded (`刘 洋`: a two-character name set three wide)."""
    return unpadded(_STAFF_CODE.sub("", text.strip()))


def unpadded(names: str) -> str:
    """`张 敏`, `刘　洋` -> `张敏`, `刘洋`: a two-character name padded with a space to the width of three,
    as Chinese papers set a byline; other names as they are."""
    return _PADDED_NAME.sub(r"\1\2", names)


def _wechat_header(match: re.Match[str], chinese: bool | None) -> dict[str, object]:
    """`原创 城建观察 2025-04-02 07:30`, `原创 李想 滨江发布 昨天`: the line a WeChat article opens with, pasted:
    the author when it names two, the account (the site), the time."""
    names = list(dict.fromkeys(match["names"].split()))  # `原创 城市观察 城市观察`: the account wrote it
    date = parse_date_line(match["date"], chinese=chinese) if match["date"] else ""
    if len(names) > 2 or match["date"] and not date:
        return {}
    fields: dict[str, object] = {"source_site": names[-1]}
    if len(names) == 2:
        fields["authors"] = (names[0],)
    return {**fields, "date": date} if date else fields


def _dated_byline(text: str, chinese: bool | None) -> dict[str, object]:
    """A byline with its date after it, one space apart (`记者 张三 2025-03-12 08:30`, `作者：李四 2024年1月5日`)."""
    head, date = split_trailing_date(text, chinese=chinese)
    fields = byline_fields(head, chinese=chinese) if date else {}
    return merge_fields(fields, {"date": date}) if fields else {}


def merge_fields(found: dict[str, object], more: dict[str, object]) -> dict[str, object]:
    """`found` with what `more` adds: every author, in order; the first value of any other field."""
    merged = dict(found)
    for key, value in more.items():
        if key == "authors":
            known = tuple(merged.get("authors", ()))  # type: ignore[arg-type]
            merged["authors"] = known + tuple(n for n in value if n not in known)  # type: ignore[union-attr]
        elif not merged.get(key):
            merged[key] = value
    return merged


def reporter_fields(text: str) -> dict[str, object]:
    """`记者 王某 北京报道`, `本报记者 王某`, `（记者 王某 李某）`, `记者王某／北京报道`, `新华社记者 王某`."""
    match = _REPORTER.match(text.strip())
    if not match:
        return {}
    rest, place = match["rest"].strip(), ""
    if located := _REPORTER_PLACE.match(rest):
        rest, place = located["names"], located["place"] or located["sent_from"]
        place = "" if place in _NO_PLACE else _LIVE.sub("", place)
    names = tuple(n for part in _ROLE_WORD.split(rest) if part for n in split_names(part) if not _ROLE_ALONE.match(n))
    if not names or not all(_is_name(n) for n in names):
        return {}  # `记者会上，发言人表示…` opens a sentence
    return {"authors": names, "reported": True, **({"place": place} if place else {})}


def dateline_fields(text: str) -> dict[str, object]:
    """What a Chinese dateline at the start of `text` states: place, outlet, reporters, and the date when
    it gives the year. `whole` is True when the dateline is all of `text`."""
    text = text.translate(_FULL_WIDTH_DIGITS)
    if cna := _cna_dateline(text):
        return cna
    match = _DATELINE.match(text) or _NEWS_FLASH.match(text) or _BRACKETED_FLASH.match(text)
    if not match:
        if says := _OUTLET_SAYS.match(text):
            return {"whole": not text[says.end():].strip(), "source_site": says["outlet"] or says["wire"]}
        return {}
    groups = match.groupdict()
    if groups.get("place") and not groups.get("outlet") and re.fullmatch(_OUTLET_NAME, groups["place"]):
        groups = {**groups, "outlet": groups["place"], "place": ""}  # `中新网11月28日电`: an outlet, no place
    reporters = _reporters(groups["reporters"]) if groups.get("reporters") else ()
    if "wire" in groups and not groups["wire"] and not reporters:
        return {}  # `北京12月16日（韩洁、王优玲）` is a dateline; `北京12月16日举行` is a sentence
    fields: dict[str, object] = {"whole": not text[match.end():].strip()}
    if groups.get("place"):
        fields["place"] = groups["place"]
    outlet = groups.get("outlet") or ""
    if outlet and not outlet.startswith(("本", )):
        fields["source_site"] = outlet
    if reporters:
        fields["authors"] = reporters
        if re.search(_ROLE, groups["reporters"]) and re.search("[记記]者", groups["reporters"]):
            fields["reported"] = True  # `（记者 王某）`: the paper's reporters, as the byline says
    if groups.get("year"):
        month, day = (int(v) if v.isdigit() else han_number(v) for v in (groups["month"], groups["day"]))
        fields["date"] = f"{int(groups['year']):04d}-{month:02d}-{day:02d}"
    return fields


def _cna_dateline(text: str) -> dict[str, object]:
    """`中央社記者陳怡君台北12日電`: the last reporter's name runs into the place, told apart by length
    (names of two or three characters, places of two or more: `陳怡君台北` is 3 + 2, `王明紐約` 2 + 2).
    A wire's `新华社北京11月26日电` with no reporter before the place is left to `_DATELINE`."""
    match = _CNA_DATELINE.match(text)
    if not match:
        return {}
    names = [n for n in match["names"].split("、") if n]
    rest = match["rest"]
    has_role = bool(re.search(_ROLE, text[:match.start("names")]))
    if match["month"] and not has_role:
        return {}  # `新华社北京11月26日电（记者 王某）`: the common dateline, read by `_DATELINE`
    if has_role:
        if len(rest) < 4:
            return {}
        cut = len(names[-1]) if names else 2 if len(rest) == 4 else 3  # a list's names are alike in length
        names.append(rest[:cut])
        rest = rest[cut:]
    elif names:
        return {}
    fields: dict[str, object] = {"whole": not text[match.end():].strip(), "place": rest,
                                 "source_site": match["outlet"]}
    if names:
        fields["authors"] = tuple(names)
        if has_role and re.search("[记記]者", text[:match.start("names")]):
            fields["reported"] = True  # the agency's own reporters: `記者：陳怡君` in the byline
    return fields


def _reporters(text: str) -> tuple[str, ...]:
    """The names in a dateline's parentheses: `记者 王某`, `记者王某、李某`, or names alone (`韩洁、王优玲`)."""
    if found := reporter_fields(text):
        return found["authors"]  # type: ignore[return-value]
    names = split_names(text)
    return names if names and all(_is_name(n) for n in names) else ()


def lead_dateline(text: str) -> dict[str, object]:
    """The place, outlet and reporters a dateline opening the lead paragraph states (the paragraph keeps
    it): `新华社北京11月26日电（记者 王某）…`, `本报讯（记者 王某）…`, `〔記者王某／台北報導〕…`, `RIVERTON — …`,
    `BEIJING, Nov. 26 (Xinhua) -- …`."""
    if fields := dateline_fields(text):
        fields.pop("whole", None)
        return fields
    if (bracketed := _BRACKETED_REPORTER.match(text)) and (fields := reporter_fields(bracketed[1])) \
            and (not text.startswith("【") or fields.get("place")):  # `【记者连线】` is a section's label
        return fields  # `〔記者陳怡君／台北報導〕台北捷運…`: Taiwan's papers open the lead so
    match = _ENGLISH_DATELINE.match(text)
    if not match:
        return {}
    found: dict[str, object] = {"place": match["place"].strip().title()}
    if match["agency"]:
        found["source_site"] = match["agency"].strip()
    return found


def copy_footer(text: str) -> tuple[dict[str, object], str]:
    """The fields of the footer Zhihu and Jianshu append to copied text, and its rights sentence;
    ({}, '') when `text` is none."""
    match = _COPY_FOOTER.match(text)
    if match is None or not valid_link(match["url"]):
        return {}, ""
    return {"authors": (match["author"],), "source_url": match["url"], "source_site": match["site"]}, match["rights"] or ""


def split_names(text: str) -> tuple[str, ...]:
    """`王晓明 李华`, `A, B and C`, `陈一舟（Chen Yizhou）` -> the names, each whole."""
    names: list[str] = []
    for part in re.split(r"\s*(?:[,，、/／;；]|\band\b|&)\s*", text.strip()):
        part = unpadded(part)  # `张 敏`: one name
        pieces = part.split()
        if len(pieces) > 1 and all(_HAN_NAME.match(p) for p in pieces):
            # space-separated Chinese names; a desk before a name is the name's (`经济部 孙立`), no author
            for piece in pieces:
                if names and _DESK.search(names[-1]) and names[-1] in pieces:
                    names[-1] = f"{names[-1]} {piece}"
                else:
                    names.append(piece)
        elif part:
            names.append(part)
    return tuple(names)


def is_name(name: str) -> bool:
    """A person's name: two to five Han characters (a surname first), or a capitalised Latin one."""
    return _is_name(name)


def _is_name(name: str) -> bool:
    if _WEEKDAY.match(name):
        return False
    return bool(_HAN_NAME.match(name) and name[0] not in _NOT_A_SURNAME or _LATIN_NAME.match(name))


def printed_in(text: str) -> dict[str, object]:
    """The paper and the day of a `《人民日报》（2024年11月26日 第 01 版）` line, else {}."""
    if (match := _PRINTED_IN.match(text)) and (date := parse_date_line(match["date"])):
        return {"source_site": match["site"], "date": date}
    return {}


def _by_outlet(names: str) -> tuple[str, str]:
    """The names of a `By` line and the outlet after them, if any: a wire named after the last name
    (`JANE DOE and JOHN ROE Associated Press`, `Jane Doe, Reuters`, `Jane Doe | AFP`), or the title-case
    words after names set in capitals, as AP sets its bylines (`By JANE DOE Riverton Courier`)."""
    if match := _BY_WIRE.match(names):
        return match["names"], match["outlet"]
    words = names.split()
    caps = 0
    while caps < len(words) and (words[caps].isupper() or words[caps] in ("and", "&")):
        caps += 1
    rest = words[caps:]
    if caps >= 2 and rest and all(word[:1].isupper() and not word.isupper() for word in rest):
        return " ".join(words[:caps]), " ".join(rest)
    return names, ""


def _capitalised(names: tuple[str, ...]) -> bool:
    """Every word of every name starts with a capital, bar particles such as `van` or `de`."""
    return all(word[0].isupper() or word in _NAME_PARTICLES for name in names for word in name.split())
