"""Balancing a headline measures each candidate line once (writers/pdf/balance.py keeps
`textlines.line_width`'s results for the title it balances), and gives the width it gave before."""
from __future__ import annotations

from collections import Counter

from convert.theme import load_theme
from convert.writers import textlines
from convert.writers.pdf import balance

TITLE = "马上消费上榜“2023年中国互联网综合实力前百家企业”"


def test_each_line_of_a_balanced_title_is_set_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    theme = load_theme("default")
    measured = Counter()
    line_runs = textlines.line_runs

    def counting(line, cjk, *, halve_end=True):  # type: ignore[no-untyped-def]
        measured[(line, cjk, halve_end)] += 1
        return line_runs(line, cjk, halve_end=halve_end)

    monkeypatch.setattr(textlines, "line_runs", counting)
    width = balance.balanced_title_width(TITLE, theme, measure_pt=481.9, size_pt=24.0, chinese=True)
    assert width is not None and width < 481.9, "the seed's headline takes two lines and is balanced"
    assert measured and max(measured.values()) == 1, measured.most_common(3)
    monkeypatch.setattr(textlines, "line_runs", line_runs)
    assert balance.balanced_title_width(TITLE, theme, measure_pt=481.9, size_pt=24.0, chinese=True) == width
