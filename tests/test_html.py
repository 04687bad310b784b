"""The shared HTML markup: break opportunities in long runs, table column widths."""
from __future__ import annotations

import re

from convert import model as m
from convert.writers.columns import column_widths
from convert.writers.html import breakable


def test_long_runs_get_break_opportunities_without_changing_the_text() -> None:
    text = "see https://example.org/" + "a" * 60 + "?q=1&b=<2> 中文" + "长" * 80
    html = breakable(text)
    assert html.startswith("see https://<wbr />example<wbr />.org<wbr />/")  # where an address breaks
    assert max(len(piece) for piece in re.split(r"<wbr />|\s|[\u4e00-\u9fff]", html)) <= 20  # the rest: every 20
    assert "中文长" in html  # the Han run breaks anywhere by itself
    assert re.sub(r"<wbr />", "", html) == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert breakable("short & plain") == "short &amp; plain"


def test_column_widths_follow_the_text_and_sum_to_100() -> None:
    def cell(text: str) -> m.TableCell:
        return m.TableCell((m.Paragraph((m.Text(text),)),))

    table = m.Table(header=((cell("Department"), cell("Change")),),
                    body=((cell("Public safety and emergency services"), cell("+3")),))
    widths = column_widths(table)
    assert len(widths) == 2 and widths[0] > widths[1] and abs(sum(widths) - 100) < 0.5
    spanning = m.Table(header=((m.TableCell((), colspan=2),),), body=((cell("a"), cell("b")),))
    assert column_widths(spanning) == []
