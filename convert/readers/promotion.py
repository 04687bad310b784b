"""Promotion lines of news sites and WeChat accounts (`点击上方蓝字关注我们`, `长按识别二维码`, `—END—`,
`阅读原文`, `分享、点赞、在看`): the page reader leaves them out of a saved page (`web.body`), the
enrichment out of pasted copy (`enrich.chrome`). Without lxml, so reading Markdown need not import it."""
from __future__ import annotations

import re

# A page's button, as its text is copied (`【纠错】`, `[打印]`, `返回顶部`)
_BUTTON = (r"[【\[［]?(?:纠错|糾錯|打印(?:本页|本頁)?|列印|关闭(?:窗口)?|關閉(?:視窗)?|返回顶部|返回頂部|返回首页|返回首頁|"
           r"我要纠错|我要糾錯|举报\s*/\s*反馈|舉報\s*/\s*反饋|举报|舉報|投诉|投訴)[】\]］]?")  # (百家号's `举报/反馈`)
PROMOTION = re.compile(
    r"^(?:[-—–_=*~·\s]*(?:END|完|结束|The End)[-—–_=*~·\s]*"
    r"|.{0,12}(?:点击|點擊)(?:上方|下方|蓝字|藍字).{0,30}"
    r"|.{0,12}(?:长按|長按|扫描|掃描|扫码|掃碼|扫一扫|掃一掃).{0,12}(?:二维码|二維碼|关注|關注|识别|識別).{0,20}"
    r"|.{0,6}(?:扫一扫|掃一掃).{0,20}"
    r"|.{0,20}(?:关注我们|關注我們|星标|星標|设为星标|分享给朋友|点个在看|點個在看).{0,12}"
    # `你怎么看？欢迎在评论区留言👇`: the account asks for comments, after a question of its own at most
    r"|(?:[^。！？?]{0,40}[？?]\s*)?.{0,12}(?:欢迎|歡迎)(?:在|到)?(?:评论区|評論區|留言区|留言區)?(?:留言|评论|評論)(?:讨论|討論|交流|区|區)?.{0,6}"
    # `〔點我看更多自由時報新聞〕`, `更多精彩内容请下载客户端`
    r"|.{0,6}(?:看更多|更多新聞|更多新闻|更多精彩).{0,16}"
    # `（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）`, `扫码下载客户端，阅读更多深度报道`: a call to install the
    # site's app (a sentence about an app, `用户可下载“国家反诈中心”APP举报`, asks for no more reading)
    r"|.{0,20}(?:更多|閱讀更多).{0,10}(?:下载|下載).{0,12}(?:客户端|客戶端|APP)[)）]?"
    r"|.{0,6}(?:下载|下載).{0,12}(?:客户端|客戶端|APP)[，,\s]*(?:阅读|閱讀|获取|獲取|查看|看)更多.{0,10}"
    # `下载少数派客户端、关注少数派公众号，解锁全新阅读体验`: install the app and follow the account, in one line
    r"|.{0,6}(?:下载|下載)[^。！？]{0,12}(?:客户端|客戶端|APP)[、，,和及与與\s]*(?:关注|關注)[^。！？]{0,16}(?:公众号|公眾號|微博|账号|帳號)[^。！？]{0,20}"
    # `海量资讯、精准解读，尽在新浪财经APP`
    r"|[^。！？]{0,20}(?:尽在|盡在)[^。！？]{0,12}(?:APP|客户端|客戶端)"
    # the Liberty Times' `不用抽 不用搶 現在用APP看新聞 保證天天中獎　點我下載APP`, `☆自由時報電子報APP☆ 歡迎下載`:
    # a button asking to install the app, no sentence
    r"|[^。！？]{0,50}(?:點我|点我|按我|歡迎|欢迎)\s*(?:下載|下载)[^。！？]{0,50}"
    # `分享、点赞、在看，3连3连！`: two or more of the buttons named in one short line
    # `…评选火热进行中！【点击投票】Pick你心目中的商业领袖`: a bracketed button in a short line is a call, not a sentence
    r"|.{0,100}[【\[［]\s*(?:点击|點擊)[^】\]］]{1,8}[】\]］].{0,40}"
    r"|.{0,10}(?:分享|转发|轉發|点赞|點讚|在看|收藏)[、，,和与與及\s]*(?:分享|转发|轉發|点赞|點讚|在看|收藏).{0,20}"
    # `▪ 延伸閱讀：台積電美國廠進度超前`: a page's bulleted pointer to another article (without the bullet, a
    # newsroom's sidebar may say `延伸阅读：…` over what it holds, and stays)
    r"|[▪•●■◆►▶]\s*(?:延伸閱讀|延伸阅读|相关阅读|相關閱讀|推荐阅读|推薦閱讀|相关报道|相關報導|相关新闻|相關新聞|"
    r"更多报道|更多報導)\s*[:：｜|].{1,80}"
    # ... or in brackets (`【延伸閱讀】寒冷天氣警告生效…`), and the links to the articles before and after
    # this one (`上一篇：…`, `下一篇：…`)
    r"|【\s*(?:延伸閱讀|延伸阅读|相关阅读|相關閱讀|推荐阅读|推薦閱讀|相关报道|相關報導|相关新闻|相關新聞)\s*】\s*[:：]?.{1,80}"
    # ... or in round brackets, a line of its own between paragraphs (Storm Media's `（相關報導：<a>…</a>｜<a>更多文章</a>）`)
    r"|[（(]\s*(?:延伸閱讀|延伸阅读|相关阅读|相關閱讀|推荐阅读|推薦閱讀|相关报道|相關報導|相关新闻|相關新聞|更多报道|更多報導)"
    r"\s*[:：][^（()）]{1,120}[)）]"
    r"|(?:上一篇|下一篇|上一則|下一則|上一条|下一条|上一條|下一條)(?:文章|新闻|新聞)?\s*[:：].{1,80}"
    # a multi-page article's page links (`共3页：上一页 1 2 3 下一页`, `首页 上一页 [1] [2] 下一页 尾页`)
    # (each piece one way only: a run of digits read as pieces of one to three tried every split, and a
    # failed match took seconds on `上一页 111…1x`)
    r"|(?=.{0,60}(?:上一|下一)[页頁])(?:共\s*\d+\s*[页頁][:：]?\s*)?"
    r"(?:(?:首[页頁]|上一[页頁]|下一[页頁]|尾[页頁]|末[页頁]|[\[［]?\d{1,3}(?!\d)[\]］]?)[\s|｜]*){2,}"
    # a page's buttons under the text, copied with it (`【纠错】`, `[打印] [关闭]`, `返回顶部`), one space apart
    rf"|{_BUTTON}(?:\s?{_BUTTON})*"
    # a wire's line under its story pointing at its standards (`Our Standards: The Thomson Reuters Trust Principles.`)
    r"|Our Standards\s*:.{0,80}"
    r"|(?:Advertisement|广告|廣告|Sponsored|Read more|阅读原文|閱讀原文))$", re.I)


def is_promotion(text: str) -> bool:
    """Whether all of `text` is such a line."""
    return bool(PROMOTION.match(" ".join(text.split())))
