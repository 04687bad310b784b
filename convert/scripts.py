"""The one home of script knowledge: which characters are Han, which are CJK punctuation, whether a
language or a text is Chinese, which font families are CJK faces, where Han meets Latin script, which
punctuation marks are set half width, and which characters a line must not be broken between.

Every module that asks "is this Chinese?" or "is this a Han character?" asks here, so the ranges are
defined once. Nothing here knows a writer or markup: everything below is a function of plain text.
The shared markup (`writers/cjk.py`) is built on `script_gaps`, `compressed_marks` and
`keep_together`; the PDF writer's justification (`writers/pdf/justify.py`) on `spaced_ranges`.
"""
from __future__ import annotations

import functools
import math
import os
import re
import stat
import unicodedata
from collections import Counter
from html import escape
from typing import Callable

from . import segmenter

# ---------------------------------------------------------------- character classes (regex ranges)

# Ideographs: CJK Unified Ideographs and extensions A-H, compatibility ideographs, 々 〆 〇, Hangzhou numerals.
IDEOGRAPHS = (r"\u3005-\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
              r"\U00020000-\U0003134f\U00031350-\U000323af")
# Letters set on the ideographic em square: ideographs, radicals, kana and bopomofo.
CJK_LETTERS = IDEOGRAPHS + r"\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff"
# CJK punctuation and full-width forms, plus the curly quotes that Chinese fonts set full width.
CJK_PUNCTUATION = (r"\u3000-\u3004\u3008-\u3020\u3030-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef"
                   r"\u201c\u201d\u2018\u2019")
HANGUL = r"\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
# Everything that breaks a line between any two characters (no spaces needed).
WIDE = CJK_LETTERS + CJK_PUNCTUATION + HANGUL
# Latin-side characters a Han/Latin gap is measured against: letters, digits, Greek, Cyrillic, units.
# Latin-1's letters without × (U+00D7) and ÷ (U+00F7), which are signs set close to what they join.
_LATIN_LETTERS = r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LATIN_SIDE = _LATIN_LETTERS + r"0-9\u0370-\u03ff\u0400-\u04ff"
_SCRIPT_DIGITS = r"\u00b2\u00b3\u00b9\u2070-\u209f"  # superscripts and subscripts end a Latin word (`CO₂`, `m²`)

HAN = re.compile(f"[{IDEOGRAPHS}]")
CJK_LETTER = re.compile(f"[{CJK_LETTERS}]")
LATIN_LETTER = re.compile(f"[{_LATIN_LETTERS}]")
WIDE_RUN = re.compile(f"[{WIDE}]+")
# Han text with its punctuation: in a non-Chinese article such runs are tagged zh so fonts pick Han glyphs.
HAN_TEXT_RUN = re.compile(f"[{IDEOGRAPHS}\u3000-\u303f\uff00-\uffef]+")
# Scripts written without spaces between words, which line breakers break by dictionary (UAX #14 class
# SA): Thai, Lao, Myanmar, Khmer, Tai Le, New Tai Lue, Tai Tham, Myanmar Extended-B, Tai Viet.
DICTIONARY_BROKEN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1950-\u19df\u1a20-\u1aaf\ua9e0-\ua9ff\uaa60-\uaadf"
# More than 40 characters without a break opportunity (a URL, a hash, a hostile "word"); a Thai sentence
# is no such run: its line breaker finds its words.
LONG_UNBROKEN_RUN = re.compile(f"[^\\s{WIDE}{DICTIONARY_BROKEN}]{{41,}}")
_CLUSTER_JOINERS = "\u200c\u200d"


def starts_cluster(text: str, index: int) -> bool:
    """Whether a line may be cut before `text[index]` without cutting a character as readers see it: not
    before a combining mark (`n` + U+0303, Devanagari vowel signs, Thai tone marks), a variation selector
    or an emoji skin tone, nor on either side of a zero-width joiner (`👩‍👧`)."""
    if index <= 0 or index >= len(text):
        return True
    char, before = text[index], text[index - 1]
    if char in _CLUSTER_JOINERS or before in _CLUSTER_JOINERS:
        return False
    if unicodedata.category(char).startswith("M") or "\ufe00" <= char <= "\ufe0f" \
            or "\U0001f3fb" <= char <= "\U0001f3ff" or "\U000e0100" <= char <= "\U000e01ef":
        return False
    return True
_SPACED_RUN = re.compile(f"[{CJK_LETTERS}{CJK_PUNCTUATION}]+")
_HAN_LATIN = re.compile(f"(?<=[{CJK_LETTERS}])(?=[{_LATIN_SIDE}%‰℃°$€£])"
                        f"|(?<=[{_LATIN_SIDE}%‰℃°{_SCRIPT_DIGITS}])(?=[{CJK_LETTERS}])")
# Marks set as connected pairs (——, ……): never pulled apart by justification.
_UNSTRETCHED = "\u2014\u2015\u2026\u22ef\u2e3a\u2e3b"

CLOSING_PUNCTUATION = "，。、；：？！）》」』】〕〉”’．,.;:?!)]}%‰·…—"
OPENING_PUNCTUATION = "（《「『【〔〈“‘([{"
# Full-width marks whose glyph leaves half an em blank on one side (clreq §3.1.6): opening brackets and
# quotes blank before their ink; closing ones, and the pause and stop marks, blank after it (in
# Traditional-script fonts the stops are centred, blank both sides: the font's `halt` trims both).
OPENING_MARKS = "（《「『【〔〈〖〘〚［｛｟“‘"
CLOSING_MARKS = "）》」』】〕〉〗〙〛］｝｠”’，。、；：？！．"
CENTRED_IN_TRADITIONAL = "，。、；：？！"  # drawn centred on the em square by TC and HK faces

# Family names of Chinese/Japanese/Korean faces: a stack's first such family sets Han text.
_CJK_FAMILY = re.compile(r"\b(CJK|SC|TC|HK|JP|KR|Song|Hei|Kai|Ming|Fang|Sim|YaHei|PingFang|宋|黑|楷|明)\b", re.I)

_CHINESE_LANGUAGES = {"zh", "cmn", "yue", "lzh", "wuu", "hak", "nan", "gan", "hsn"}

_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
HEBREW_LETTER = re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]")
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Scripts that (nearly) name their language, with the weight of one letter against a Latin one (a
# Hangul syllable holds two or three letters). A Cyrillic or Arabic text is told apart by the letters
# only its language has (`_VARIANTS`, first match wins).
_SCRIPT_LANGUAGES = (
    ("ko", re.compile(f"[{HANGUL}]"), 2.0),
    ("ru", re.compile(r"[\u0400-\u04ff]"), 1.0),
    ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), 1.0),
    ("he", HEBREW_LETTER, 1.0),
    ("ar", ARABIC_LETTER, 1.0),
    ("th", re.compile(r"[\u0e00-\u0e7f]"), 1.0),
    ("hi", re.compile(r"[\u0900-\u097f]"), 1.0),
)
_VARIANTS = {
    "ru": (("uk", re.compile("[іїєґІЇЄҐ]")), ("sr", re.compile("[ђћџљњјЂЋЏЉЊЈ]")), ("be", re.compile("[ўЎ]"))),
    "ar": (("ur", re.compile("[ٹڈڑںے]")), ("fa", re.compile("[پچژگ]"))),
}
ARABIC_SCRIPT_LANGUAGES = ("ar", "fa", "ur", "ps", "sd", "ug", "ckb", "ku")
_RTL_LANGUAGES = {*ARABIC_SCRIPT_LANGUAGES, "dv", "he", "yi", "syr"}
_RTL_SCRIPTS = {"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"}
_RTL_LANGUAGE_SCRIPTS = {"he": "hebr", "yi": "hebr", "dv": "thaa", "syr": "syrc"}  # the rest: Arabic script
_SCRIPT_FACES = {"arab": re.compile(r"\b(Arabic|Naskh|Kufi|Nastaliq|Urdu|Farsi|Persian)\b", re.I),
                 "hebr": re.compile(r"\b(Hebrew|Rashi)\b", re.I),
                 "thai": re.compile(r"\bThai\b", re.I), "deva": re.compile(r"\bDevanagari\b", re.I)}
# Left-to-right scripts whose letters reach higher and lower than Latin ones, as Arabic's do: an article
# in them takes its script's face first (`own_script`), and Word sets them in its complex-script face.
_TALL_SCRIPT_LANGUAGES = {"th": "thai", "hi": "deva", "mr": "deva", "ne": "deva", "sa": "deva"}
TALL_SCRIPT_LANGUAGES = tuple(_TALL_SCRIPT_LANGUAGES)
THAI_LETTER = re.compile(r"[\u0e00-\u0e7f]")
DEVANAGARI_LETTER = re.compile(r"[\u0900-\u097f\ua8e0-\ua8ff]")


# ---------------------------------------------------------------- languages


def primary_language(lang: str | None) -> str:
    """A BCP 47 tag's language subtag, lower case: `zh` for `zh-Hant-TW`, `ja` for `ja_JP`, '' for none."""
    return (lang or "").lower().replace("_", "-").split("-")[0]


def is_chinese(lang: str | None) -> bool:
    """Whether a BCP 47 tag names Chinese (any variety or script)."""
    return primary_language(lang) in _CHINESE_LANGUAGES


def is_cjk_language(lang: str | None) -> bool:
    """Languages set without spaces between words, whose lines are justified between characters."""
    return is_chinese(lang) or primary_language(lang) == "ja"


def is_east_asian(lang: str | None) -> bool:
    """Chinese, Japanese or Korean: text set in a CJK face first, its Latin letters included."""
    return is_chinese(lang) or primary_language(lang) in _OTHER_STANDARDS


def is_japanese_text(text: str) -> bool:
    """Whether Han text is Japanese by its letters: a kana to six Han characters or more (`guess_language`'s
    rule; Chinese text has none but a quoted Japanese name)."""
    kana = len(_KANA.findall(text))
    return bool(kana) and kana * 6 >= len(HAN.findall(text))


def is_cjk_family(family: str) -> bool:
    """Whether a font family name is a Chinese, Japanese or Korean face (`Noto Serif CJK SC`, `SimSun`)."""
    return bool(_CJK_FAMILY.search(family))


_SHORT_HAN_TEXT = 60  # Han characters: a headline or a line, where a kanji-heavy Japanese one has few kana


def guess_language(text: str) -> str:
    """The language of `text` as far as its letters tell.

    - `ja` where kana stand among the Han characters (one kana to six Han characters or more, to three in a
      longer text: Chinese text has none but a quoted Japanese name or sentence);
    - `zh-CN` where Han text dominates (a Han character weighs about as much as a short Latin word);
    - else the language of the script most letters are in, where the script nearly names it (`ko`, `ar`,
      `fa`, `ur`, `he`, `el`, `th`, `hi`; Cyrillic `ru`, or `uk`, `sr`, `be` by their own letters);
    - `en` for Latin letters or none: the Latin-script languages are not told apart."""
    han, kana = len(HAN.findall(text)), len(_KANA.findall(text))
    # (in a longer text, a kana to three Han characters: Japanese prose has more kana than kanji, and a
    # Chinese article quoting a Japanese sentence was taken for Japanese at one to six)
    japanese = is_japanese_text(text) and (han < _SHORT_HAN_TEXT or kana * 3 >= han)
    weights = {"en": len(LATIN_LETTER.findall(text)), "ja" if japanese else "zh-CN": 4 * (han + kana)}
    for lang, letters, weight in _SCRIPT_LANGUAGES:
        weights[lang] = weight * len(letters.findall(text))
    lang = max(weights, key=lambda name: (weights[name], name == "en"))  # a tie stays English
    if weights[lang] == 0:
        return "en"
    for variant, letters in _VARIANTS.get(lang, ()):
        if letters.search(text):
            return variant
    return lang


def direction(lang: str | None) -> str:
    """`rtl` for a language written right to left (Arabic, Persian, Urdu, Hebrew, Yiddish, ... or a tag
    naming such a script: `az-Arab`), else `ltr`."""
    return "rtl" if rtl_script(lang) else "ltr"


def rtl_script(lang: str | None) -> str:
    """The right-to-left script `lang` is written in, as ISO 15924 names it in lower case (`arab` for
    `ar` and `fa`, `hebr` for `he`, `arab` for `az-Arab`); '' for a language written left to right."""
    parts = (lang or "").lower().replace("_", "-").split("-")
    named = [p for p in parts[1:] if p in _RTL_SCRIPTS]
    if named:
        return named[0]
    return _RTL_LANGUAGE_SCRIPTS.get(parts[0], "arab") if parts[0] in _RTL_LANGUAGES else ""


def rtl_letter(char: str) -> str:
    """The right-to-left script of `char` (`arab`, `hebr`), '' for any other character."""
    return "hebr" if HEBREW_LETTER.match(char) else "arab" if ARABIC_LETTER.match(char) else ""


def complex_letter(char: str) -> str:
    """The script of `char` among those a face of their own sets and Word calls complex (`arab`, `hebr`,
    `thai`, `deva`), '' for any other character."""
    return rtl_letter(char) or ("thai" if THAI_LETTER.match(char) else "deva" if DEVANAGARI_LETTER.match(char) else "")


def script_face(stack: list[str], script: str) -> str | None:
    """The first family of `stack` made for `script`, known by its name (`Noto Naskh Arabic` for `arab`,
    `Noto Serif Hebrew` for `hebr`, `Noto Serif Thai` for `thai`); None when there is none."""
    face = _SCRIPT_FACES.get(script)
    return next((family for family in stack if face and face.search(family)), None)


def own_script(lang: str | None) -> str:
    """The script whose face an article in `lang` puts first: Arabic (its letters reach higher and lower
    than Latin ones), Thai and Devanagari likewise; '' for the rest (Hebrew fits the Latin extent)."""
    return "arab" if rtl_script(lang) == "arab" else _TALL_SCRIPT_LANGUAGES.get(primary_language(lang), "")


def rtl_family(stack: list[str], lang: str | None) -> str | None:
    """The face of the script `lang` is written in where it has one of its own (Arabic, Hebrew, Thai,
    Devanagari): the DOCX's complex-script face, check-style's expected face; None for the rest."""
    return script_face(stack, rtl_script(lang) or own_script(lang))


# A Chinese article's paragraph of this many Latin words and no CJK letter is a passage in English.
LATIN_PASSAGE_WORDS = 4
_LATIN_WORD = re.compile(f"[{_LATIN_LETTERS}][{_LATIN_LETTERS}'’\\-]+")


def is_latin_passage(text: str) -> bool:
    """Whether `text`, a paragraph of a Chinese article, is a passage in a Latin-script language (an
    English quotation): no CJK letter and a few Latin words. Its marks belong in the Latin face: a CJK
    face draws “ ’ full width (`one’ s`)."""
    return not CJK_LETTER.search(text) and len(_LATIN_WORD.findall(text)) >= LATIN_PASSAGE_WORDS


# ---------------------------------------------------------------- Simplified and Traditional script

_TRADITIONAL_REGIONS = {"TW": "TW", "HK": "HK", "MO": "HK"}  # region -> the regional standard it follows
# Words only one side's press uses: Taiwan's places, institutions and vocabulary; Hong Kong's places,
# institutions and written Cantonese (啲 嘅 冇 ...). Each counts more than a character variant.
_TAIWAN_WORDS = re.compile("臺灣|台灣|臺北|台北|新北|桃園|臺中|台中|臺南|台南|高雄|新竹|基隆|宜蘭|花蓮|屏東|"
                           "捷運|計程車|軟體|網路|資訊|影片|新臺幣|新台幣|立法院|行政院|總統府|民進黨|國民黨|里長")
_HONG_KONG_WORDS = re.compile("香港|九龍|新界|灣仔|旺角|沙田|荃灣|港鐵|港元|港幣|特區|立法會|的士|巴士站|"
                              "港交所|恒生指數|恒指|港股|本港|港府|明報|HK\\$|"
                              "啲|嘅|冇|咗|喺|嗰|佢|哋|唔|嘢|咁|睇|諗|乜|嚟")
_WORD_WEIGHT = 3
_OTHER_STANDARDS = {"ja": "JP", "ko": "KR"}


def han_script(lang: str | None) -> str:
    """`hant` for a tag naming Traditional script (`zh-Hant…`, `zh-TW`, `zh-HK`, `zh-MO`), else `hans`."""
    parts = (lang or "").lower().replace("_", "-").split("-")
    if "hant" in parts[1:]:
        return "hant"
    if "hans" in parts[1:]:
        return "hans"
    return "hant" if any(p.upper() in _TRADITIONAL_REGIONS for p in parts[1:]) else "hans"


def han_standard(lang: str | None) -> str:
    """Which regional glyph standard Han text of `lang` follows, as CJK font families name it: `SC`
    (mainland, Singapore), `TC` (Taiwan, and Traditional text of no region), `HK` (Hong Kong, Macau).
    The forms differ (punctuation centred in TC and HK, a few components drawn otherwise). Japanese and
    Korean text takes its own country's forms: `JP`, `KR`."""
    primary = primary_language(lang)
    if primary in _OTHER_STANDARDS:
        return _OTHER_STANDARDS[primary]
    if not is_chinese(lang) or han_script(lang) == "hans":
        return "SC"
    regions = [p.upper() for p in (lang or "").replace("_", "-").split("-")[1:]]
    return "HK" if any(_TRADITIONAL_REGIONS.get(r) == "HK" for r in regions) else "TC"


def opencc(config: str):  # type: ignore[no-untyped-def]
    """An OpenCC converter (`s2twp`, `t2s`, `tw2sp`, `s2hk`, ...), built once: its dictionaries ship in
    the `opencc` wheel, so nothing is fetched."""
    return _opencc(config)


@functools.lru_cache(maxsize=16)
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc as _opencc_module

    return _opencc_module.OpenCC(config)


@functools.lru_cache(maxsize=4)
def _character_tables(config: str):  # type: ignore[no-untyped-def]
    """`config` without its phrase dictionaries: what it makes of a character alone is the same (a
    phrase is two characters or more; tests/test_scripts.py compares every ideograph), and `s2t`'s
    phrase tables take 15 times as long to load as its character table."""
    import json
    import os
    import tempfile
    from pathlib import Path

    import opencc as _opencc_module

    folder = Path(_opencc_module.__file__).parent / "clib" / "share" / "opencc"
    try:
        setup = json.loads((folder / f"{config}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return opencc(config)

    def characters_only(entry: dict) -> dict | None:
        if entry.get("type") == "group":
            kept = [d for d in (characters_only(d) for d in entry["dicts"]) if d is not None]
            return {**entry, "dicts": kept} if kept else None
        if "Phrases" in entry.get("file", ""):
            return None
        return {**entry, "file": str(folder / entry["file"])} if "file" in entry else entry

    for step in setup.get("normalization", []) + setup.get("conversion_chain", []):
        step["dict"] = characters_only(step["dict"])
    setup["conversion_chain"] = [step for step in setup["conversion_chain"] if step["dict"] is not None]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as file:
        json.dump(setup, file)
    try:
        return _opencc_module.OpenCC(file.name)
    except Exception:  # an OpenCC whose configuration format changed: the whole configuration still works
        return opencc(config)
    finally:
        os.unlink(file.name)


def _each_char(config: str, chars: list[str]) -> dict[str, str]:
    """What an OpenCC configuration makes of each character on its own (no phrase around it)."""
    converted = _character_tables(config).convert("\n".join(chars)).split("\n")
    return dict(zip(chars, converted)) if len(converted) == len(chars) else {c: c for c in chars}


def script_evidence(text: str) -> tuple[int, int]:
    """(Traditional, Simplified): how many Han characters of `text` exist in one script only, as OpenCC's
    character tables tell (`國` Traditional, `国` Simplified). Characters both scripts write alike
    (`中`, `人`) count for neither."""
    counts = Counter(HAN.findall(text))
    chars = sorted(counts)
    if not chars:
        return 0, 0
    simplified, traditional = _each_char("t2s", chars), _each_char("s2t", chars)
    return (sum(n for c, n in counts.items() if simplified[c] != c),
            sum(n for c, n in counts.items() if traditional[c] != c))


def detect_script(text: str) -> str | None:
    """`hant` or `hans` when the characters of `text` say so clearly, else None (too little Han text, or
    as much of each: a few Simplified forms such as 台 后 里 干 are also Traditional words)."""
    traditional, simplified = script_evidence(text)
    if traditional + simplified < 3:
        return None
    if traditional >= 2 * simplified:
        return "hant"
    if simplified >= 2 * traditional:
        return "hans"
    return None


def other_han_script(text: str, lang: str) -> str | None:
    """`hant` or `hans` when a paragraph of a Chinese article in `lang` is clearly written in the other Han
    script (a Traditional quote in a Simplified article), else None: the editions set it in its own
    script's faces (`writers.html`, `writers.docx`)."""
    script = detect_script(text)
    return script if script is not None and script != han_script(lang) else None


_HANGUL_LETTER = re.compile(f"[{HANGUL}]")


def other_cjk_language(text: str) -> str | None:
    """`ja` or `ko` when a paragraph of a Chinese article is written in Japanese (kana among its Han
    characters) or Korean (Hangul), else None: such a quotation took the article's `zh` tag, so its kanji
    were drawn in Chinese forms and a screen reader read it as Chinese."""
    letters = len(CJK_LETTER.findall(text)) or 1
    kana, hangul = len(_KANA.findall(text)), len(_HANGUL_LETTER.findall(text))
    if kana >= 3 and kana >= 0.15 * letters:
        return "ja"
    if hangul >= 3 and hangul >= 0.5 * letters:
        return "ko"
    return None


def detect_region(text: str) -> str | None:
    """`TW` or `HK` for Traditional text whose words or character forms lean to one standard: Taiwan's or
    Hong Kong's places, institutions and vocabulary, written Cantonese, and the variants the two
    standards write apart (Taiwan `臺 衛 說 群`, Hong Kong `裏 着 啓 羣`, by OpenCC's t2tw and t2hk)."""
    taiwan = _WORD_WEIGHT * len(_TAIWAN_WORDS.findall(text))
    hong_kong = _WORD_WEIGHT * len(_HONG_KONG_WORDS.findall(text))
    counts = Counter(HAN.findall(text))
    chars = sorted(counts)
    if chars:
        tw, hk = _each_char("t2tw", chars), _each_char("t2hk", chars)
        for char, n in counts.items():
            if tw[char] != hk[char]:
                taiwan += n * (char == tw[char])
                hong_kong += n * (char == hk[char])
    if taiwan > 1.5 * hong_kong and taiwan >= 2:
        return "TW"
    if hong_kong > 1.5 * taiwan and hong_kong >= 2:
        return "HK"
    return None


# Faces of one family named by the glyph standard they draw: `Noto Serif CJK SC`/`TC`/`HK`, `Source Han
# Sans CN`/`TW`/`HK`, `PingFang SC`/`TC`/`HK`; and Windows' Simplified faces with their Traditional peers.
_STANDARD_WORD = re.compile(r"\b(SC|TC|HK|CN|TW)\b")
_STANDARD_SPELLING = {"SC": {"SC": "SC", "TC": "TC", "HK": "HK", "JP": "JP", "KR": "KR"},
                      "CN": {"SC": "CN", "TC": "TW", "HK": "HK", "JP": "JP", "KR": "KR"}}
_WINDOWS_TRADITIONAL = {"SimSun": "PMingLiU", "NSimSun": "MingLiU", "SimHei": "Microsoft JhengHei",
                        "Microsoft YaHei": "Microsoft JhengHei", "KaiTi": "DFKai-SB", "FangSong": "DFKai-SB"}


def regional_families(family: str, standard: str) -> list[str]:
    """The families to try, in order, for Han text of `standard` (SC, TC, HK, JP, KR) where a stack names
    `family`: its face of that standard first (`Noto Serif CJK TC` for `Noto Serif CJK SC`; for HK the
    HK face, then TC), then `family` itself for a machine without them. Non-CJK families stand as they are
    (and Windows' Chinese faces for Japanese and Korean: their peers there are other families)."""
    if standard == "SC" or not is_cjk_family(family):
        return [family]
    match = _STANDARD_WORD.search(family)
    if match is None:
        peer = _WINDOWS_TRADITIONAL.get(family) if standard in ("TC", "HK") else None
        return [peer, family] if peer else [family]
    spelling = _STANDARD_SPELLING["CN" if match[1] in ("CN", "TW") else "SC"]
    wanted = ["HK", "TC"] if standard == "HK" else [standard]
    names = [family[:match.start()] + spelling[w] + family[match.end():] for w in wanted]
    return list(dict.fromkeys(names + [family]))


def chinese_tag(text: str, given: str = "", host: str = "") -> str:
    """The BCP 47 tag of a Chinese article from its characters, its stated tag and its site's host.

    The characters decide the script when they say it clearly; else the stated tag does. Simplified text
    keeps a stated Simplified tag (`zh-SG`), else is `zh-CN`. Traditional text is `zh-TW` or `zh-HK` when the
    stated tag, the site's domain (`.tw`, `.hk`, `.mo`) or the text (`detect_region`) names the region,
    else `zh-Hant`; a stated Traditional tag (`zh-Hant-TW`) stands as given. A bare `zh` stays `zh`
    unless the text is Traditional."""
    given = given.strip()
    script = detect_script(text) or (han_script(given) if given else "hans")
    if given and is_chinese(given) and han_script(given) == script and (script == "hant" or "-" in given
                                                                         or given.lower() == "zh"):
        return given
    if script == "hans":
        return "zh-CN"
    region = next((r for r in (given.replace("_", "-").split("-")[1:] if is_chinese(given) else [])
                   if r.upper() in _TRADITIONAL_REGIONS), "")
    tld = host.lower().rstrip(".").rsplit(".", 1)[-1].upper() if host else ""
    region = region.upper() or (tld if tld in _TRADITIONAL_REGIONS else "") or (detect_region(text) or "")
    return f"zh-{region}" if region else "zh-Hant"


# ---------------------------------------------------------------- characters


def is_wide(char: str) -> bool:
    """Whether `char` is set by a CJK face when a font list names one (Han, kana, CJK punctuation)."""
    return bool(WIDE_RUN.fullmatch(char))


def display_width(text: str) -> int:
    """`text`'s width in Latin characters: a wide character (Han, kana, CJK punctuation) counts two."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def has_han(text: str) -> bool:
    return bool(HAN.search(text))


def file_has_han(path: str | os.PathLike[str], peek: int = 1 << 16) -> bool:
    """Whether the start of a text file (its first `peek` bytes, enough to tell a Chinese article) holds
    Han characters; False when it cannot be read, or is no regular file (a FIFO would block the reader)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return has_han(handle.read(peek).decode("utf-8", "ignore"))
    except (OSError, ValueError):  # (a NUL byte in the path)
        return False


def break_tokens(text: str) -> list[str]:
    """Line-break opportunities for simple wrapping: each wide character alone, Latin words with their
    trailing space, runs of white space."""
    return re.findall(f"[{WIDE}]|[^\\s{WIDE}]+\\s*|\\s+", text)


def mark_kind(char: str) -> str | None:
    """`opening` or `closing` for a full-width mark with a blank half (`OPENING_MARKS`, `CLOSING_MARKS`)."""
    if char in OPENING_MARKS:
        return "opening"
    if char in CLOSING_MARKS:
        return "closing"
    return None


# ---------------------------------------------------------------- punctuation compression


def adjacent_marks(text: str) -> list[tuple[int, int]]:
    """Pairs (i, i + 1) of full-width marks with blank space between their ink: every pair but an
    opening mark followed by a closing one (`（）`, whose blanks face outwards)."""
    pairs = []
    for index in range(len(text) - 1):
        first, second = mark_kind(text[index]), mark_kind(text[index + 1])
        if first and second and not (first == "opening" and second == "closing"):
            pairs.append((index, index + 1))
    return pairs


def compressed_marks(text: str, centred: bool = False) -> list[int]:
    """Indexes of the marks set half width (with the font's `halt`) so that two adjacent marks take
    1.5 em, as clreq §3.1.6 and GB/T 15834 ask: the half removed is the blank facing the other mark.

    A closing mark before another mark loses its trailing blank (`”）`, `。“`); an opening mark after
    an opening one loses its leading blank (`（“`). Each pair is halved once, so three marks take 2 em.
    Line ends are the layout's business (a closing mark ending a line is half width there too).

    With `centred` (Taiwan's and Hong Kong's faces, which draw `，。、；：？！` centred on the em), such a
    mark keeps its whole em, its blank even on both sides, and the bracket or quotation mark next to
    it gives up the half instead, on the side away from the text it encloses (clreq "Adjustment of
    adjacent punctuation marks": brackets stay against their text; `？！` are not adjustable there):
    `：「` halves `「`, `。」` and `」，` halve `」`. Two centred marks together keep their width."""
    halved = set()
    for first, second in adjacent_marks(text):
        if centred and (text[first] in CENTRED_IN_TRADITIONAL or text[second] in CENTRED_IN_TRADITIONAL):
            bracket = second if text[first] in CENTRED_IN_TRADITIONAL else first
            if text[bracket] not in CENTRED_IN_TRADITIONAL:
                halved.add(bracket)
            continue
        halved.add(second if mark_kind(text[first]) == "opening" else first)
    return sorted(halved)


# Marks Unicode shares between Chinese and Latin text (“” ‘’ — … ·): a word processor sets them in the
# Latin face unless told they are East Asian (Word: `w:rFonts w:hint="eastAsia"`), half width and
# proportional in the middle of Chinese text.
_SHARED_MARKS = re.compile("[\u00b7\u2010-\u2027\u2030-\u205e]+")


def east_asian_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of shared marks in `text` that belongs to Chinese text: a wide character
    (Han or a full-width mark) stands right before or after it, past any spaces, or it holds a quotation
    mark whose partner does (`“OK”他说`: both marks). `“暗伤”`, `马克·吐温`, `——` and `……` between Han
    words are; `"OK"` and `3–5` in Latin text are not."""
    return [run for run, wide in _shared_mark_runs(text) if wide]


def latin_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of shared marks in `text`, a Chinese article's, that belongs to Latin
    text: not East Asian (`east_asian_marks`) and touching a Latin letter or digit (`don’t`, `“hello”`
    in an English sentence). A CJK face, first in a Chinese article's fonts, draws them full width
    (`don’ t`); the DOCX sets them in its Latin face already."""
    return [(start, end) for (start, end), wide in _shared_mark_runs(text)
            if not wide and ((start and _LATIN_OR_DIGIT.match(text[start - 1]))
                             or (end < len(text) and _LATIN_OR_DIGIT.match(text[end])))]


def _shared_mark_runs(text: str) -> list[tuple[tuple[int, int], bool]]:
    """Each run of shared marks in `text`, and whether it belongs to Chinese text (`east_asian_marks`)."""
    runs = [match.span() for match in _SHARED_MARKS.finditer(text)]
    wide = {run for run in runs if _beside_wide(text, *run)}
    for first, second in _quote_pairs(text, runs):
        if first in wide or second in wide:
            wide.update((first, second))
    return [(run, run in wide) for run in runs]


_LATIN_OR_DIGIT = re.compile(f"[{_LATIN_LETTERS}0-9]")


def _beside_wide(text: str, start: int, end: int) -> bool:
    while start and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    return bool((start and is_wide(text[start - 1])) or (end < len(text) and is_wide(text[end])))


def _quote_pairs(text: str, runs: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The runs holding each pair of “ ” (and ‘ ’, where a ‘ is open: else ’ is an apostrophe)."""
    pairs, open_at = [], {"\u201c": [], "\u2018": []}
    for run in runs:
        for char in text[run[0]:run[1]]:
            if char in open_at:
                open_at[char].append(run)
            elif char in "\u201d\u2019" and open_at[opening := "\u201c" if char == "\u201d" else "\u2018"]:
                pairs.append((open_at[opening].pop(), run))
    return pairs


# ---------------------------------------------------------------- breaks

# A number: digits with their separators and decimal point, a sign, a percent or degree after it; a
# range of such numbers (`10–15`, `3～5`, `2024—2025`, `2024-2025`, `3%-5%`) or a score (`3:1`, `2-1`),
# whose dash a line may otherwise break after (`10–` / `15`); a race time (`10秒08`, `1分23秒45`,
# `2小时05分30秒`, `1'23"45`), whose units stand between its digits. None is broken inside, in any edition.
_DIGITS = "[0-9０-９]+"
_PLAIN_NUMBER = f"{_DIGITS}(?:[.,:／/．]{_DIGITS})*[%‰％℃°]?"
_RANGE_DASH = "[\\-–—～~〜]"
# (its hours, `2小时` / `08分17秒`, are a number with their unit, as a date's year is: a marathon's time is
# 7 em wide, more than a phone's line can take whole without letter-spacing the line before it)
_RACE_TIME = (f"{_DIGITS}分{_DIGITS}秒(?:{_DIGITS})?|{_DIGITS}秒{_DIGITS}"
              f"|{_DIGITS}['′’]{_DIGITS}(?:[\"″”]{_DIGITS})?")
_NUMBER = f"[+\\-−]?(?:{_RACE_TIME}|{_PLAIN_NUMBER}(?:{_RANGE_DASH}[+\\-−]?{_PLAIN_NUMBER})*)"
# A number with what it counts: an ordinal 第 before it, one Han character after it (a unit or measure
# word: 36位, 1.8亿, 2013年), as long as nothing but the number stands between them, or a Latin unit of
# up to four letters after a space (`−0.07 pct`, `15 bp`, `1.2 GW`) or after a magnitude (`1,240万TEU`).
# Not a piece of a word, a path or an address. Only a unit of a date or time may have the next number
# right after it (`2025年3月12日`, `3时15分`: a group each, a line may break between them); `7到8个` is a
# range, its `到` no unit.
_DATE_UNITS = "年月日時时分秒號号點点"
_NUMBER_GROUP = re.compile(f"(?<![0-9A-Za-z.,/:_\\-])(?:第)?{_NUMBER}(?: ?[{_DATE_UNITS}](?=[0-9０-９])"
                           f"| ?[万亿千百][A-Za-z]{{1,4}}(?![0-9A-Za-z/_])"
                           f"| ?[{IDEOGRAPHS}](?![0-9０-９A-Za-z/_])| [A-Za-z]{{1,4}}(?![0-9A-Za-z/_.:@-])"
                           f"|(?![0-9A-Za-z/_]))")
_NUMBER_START = re.compile(f"(?:第)?{_NUMBER}")
_RACE_TIME_WHOLE = re.compile(f"[+\\-−]?(?:{_RACE_TIME})")
_LETTER_UNIT = re.compile(f"[{CJK_LETTERS}]|[{_LATIN_SIDE}]+")
_TRAILING = re.compile(f"[{re.escape(CLOSING_MARKS + CLOSING_PUNCTUATION)}\\s]*$")
_TAIL_LIMIT = 12  # characters: a longer tail is left to break where it may
_CLOCK = re.compile(r"[0-9]{1,2}[:：][0-9]{2}")
_PERIOD_BEFORE = re.compile(r"(?:上午|下午|中午|早上|早晨|清晨|晚上|晚间|晚間|傍晚|凌晨|淩晨|夜间|夜間|深夜) ?$")


def number_groups(text: str) -> list[tuple[int, int]]:
    """Spans [start, end) of numbers with their ordinal and unit (`第36位`, `1.8亿`, `52%`): no line
    breaks inside, in any edition. A unit of two or three Han characters (`4.6小时`, `1.8亿吨`, `12分贝`)
    is whole when jieba's dictionary (rjieba) takes it for one word."""
    return [(start, end) for start, _, end in number_parts(text)]


def number_parts(text: str, latin_units: bool = False) -> list[tuple[int, int, int]]:
    """The groups of `number_groups` as (start, end of the number, end): text[start:end of the number]
    is the number with its ordinal (`第36`, `1.8`, `52%`), never broken (a hard keep); the unit or
    measure word after it (`位`, `亿`) is kept with it where the line allows (a soft keep, which the
    PDF gives up only when the line before would otherwise be left short). With `latin_units` (Chinese
    text, where a Latin word after a number is a unit: `−0.07 pct`), a Latin unit after a space too;
    in English text a number is followed by any word (`in 2023 the`)."""
    found = []
    for match in _NUMBER_GROUP.finditer(text):
        if not any(ch.isdigit() for ch in match.group(0)) or match.end() - match.start() <= 1:
            continue
        end = match.end()
        number_end = match.start() + _NUMBER_START.match(match.group(0)).end()  # type: ignore[union-attr]
        if match.group(0)[number_end - match.start():].startswith(" ") and LATIN_LETTER.match(text[end - 1]) \
                and not latin_units:
            end = number_end
        if text[match.start():number_end].rstrip(" ")[-1:] in "%‰％℃°":  # a percentage counts nothing (`85%以上`)
            end = number_end
        if _RACE_TIME_WHOLE.fullmatch(text, match.start(), number_end):  # its units are inside it (`10秒08夺冠`)
            end = number_end
        while number_end > match.start() and text[number_end - 1] == " ":
            number_end -= 1
        start = match.start()
        if _CLOCK.fullmatch(text, start, number_end):  # a time counts nothing (`8:30发布`: no unit)
            end = number_end
            if period := _PERIOD_BEFORE.search(text, 0, start):
                start = period.start()  # `上午8:30`: the time of day is the clock's (`气象署上午` / `8:30` misreads)
        found.append((start, number_end, end))
    if any(end > number_end for _, number_end, end in found):
        units = dict(heading_words(text, longest=3))  # where each short Han word starts: its end
        found = [(start, number_end, _unit_end(text, end, units.get(end - 1, end)) if end > number_end else end)
                 for start, number_end, end in found]
    return found


_RANGE_BREAK = re.compile(f"(?<=[0-9０-９%‰％℃°]{_RANGE_DASH})(?=[+\\-−]?[0-9０-９])")


def range_breaks(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Indexes i in text[start:end] right after the dash of a range (`2024—` / `2026`): where the PDF,
    and only as a last resort (`pdf.refit`: a line otherwise left short beyond what justification may
    stretch), breaks a range it otherwise keeps whole; the dash ends the line, never starts one."""
    return [match.start() for match in _RANGE_BREAK.finditer(text, start, len(text) if end is None else end)
            if start < match.start()]


def _unit_end(text: str, end: int, word_end: int) -> int:
    """Where the unit of a number ends whose first character ends at `end` and starts a word that
    jieba's segmentation ends at `word_end`: that word's end, unless its next character starts a
    longer dictionary word running past it, which is the next phrase's (`2024年` / `前三季度`, where
    jieba segments `年前` / `三季度`; but `3年前`, `2024年底`). A word that starts with no unit or measure
    word is whole (`01 额度`)."""
    if word_end <= end or text[end - 1] not in _MEASURE_WORDS \
            or _word_running_past(text, end, word_end) is None:
        return word_end if word_end > end else end
    return end


def _word_running_past(text: str, start: int, beyond: int) -> int | None:
    """The end of the longest dictionary word (jieba's, of Han characters) starting at text[start]
    and running past `beyond`, if there is one."""
    return segmenter.run(_word_running_past_here, text, start, beyond)


def _word_running_past_here(text: str, start: int, beyond: int) -> int | None:
    import rjieba

    window = opencc("t2s").convert(text[start:beyond + 4])
    found = None
    for length in range(beyond - start + 1, len(window) + 1):
        if all(CJK_LETTER.match(char) for char in window[:length]) and rjieba.has_word(window[:length]):
            found = start + length
    return found


# After a number: magnitudes, which are part of it (`12.36万亿`: `12.36万` / `亿元` misreads it), and
# approximations (`9000多亿元`, `1500余件`, `30来岁`), which are the number's too.
_MAGNITUDES_APPROXIMATE = "十百千万萬亿億兆多余餘来來几幾"
_WHOLE_UNIT_WIDTH = 8  # a group this wide or narrower (4 em: `4.2万元`, `1500余件`) keeps its whole unit


def unit_head(text: str, start: int, number_end: int, end: int) -> int:
    """The end of the head of the unit text[number_end:end] after a number (`number_parts`), which no
    line may part from it: the magnitudes and approximations right after the number (`多亿` of `多亿元`,
    `万亿` of `万亿元`, `亿` of `亿吨`, `余` of `余件`), which are the number's own, else the whole unit
    (`位`, `小时`, `分贝`: `4.6小` / `时` misreads). What follows the head may start the next line
    (`9000多亿` / `元`, `1.8亿` / `吨`)."""
    unit = head = number_end + (text[number_end:end].startswith(" "))
    while unit < end and head < len(text) and text[head] in _MAGNITUDES_APPROXIMATE:
        head += 1  # on past jieba's unit (`万` / `亿元`)
    if head == unit or display_width(text[start:end]) <= _WHOLE_UNIT_WIDTH:
        return end  # a short group whole (`4.2万元`, `128.4万辆`): to leave it is no more than a stretch may take
    return head


WORD_JOINER = "\u2060"
ZERO_WIDTH_SPACE = "\u200b"  # a break opportunity of no width; PDF text extraction drops it as it drops U+2060
_BREAK_HINTS = re.compile("[\u2060\u200b\u00ad]")  # word joiner, zero width space, soft hyphen


def without_break_hints(text: str) -> str:
    """`text` without the characters that only say where its lines may or may not break (U+2060 WORD
    JOINER, U+200B ZERO WIDTH SPACE, U+00AD SOFT HYPHEN): for text shown whole, on one line or none,
    such as a PDF bookmark, a running head or a header."""
    return _BREAK_HINTS.sub("", text)


NO_WIDTH_NON_BREAK = "\u200d"  # ZERO WIDTH JOINER: Word's "No-Width Non Break"; LibreOffice keeps lines whole at it too (UAX #14 LB8a)


_QUOTES_OPENING, _QUOTES_CLOSING = "\u201c\u2018", "\u201d\u2019"


def quote_breaks(text: str) -> list[int]:
    """Indexes i where a line may break before text[i] in Chinese text, though UAX #14 forbids a break
    on either side of a quotation mark (LB19: “ ” ‘ ’ are ambiguous there): before an opening quote that
    follows a Han character or a closing mark (`水平 / “已`, `。/ “`), and after a closing quote that a
    Han character or an opening mark follows (`” / 他说`). In Chinese text the curly quotes open and
    close like brackets (clreq §3.1.4), and a line breaks before or after them as it does at `（` `）`."""
    found = []
    for index in range(1, len(text)):
        before, after = text[index - 1], text[index]
        if after in _QUOTES_OPENING and (CJK_LETTER.match(before) or mark_kind(before) == "closing"):
            found.append(index)
        elif before in _QUOTES_CLOSING and (CJK_LETTER.match(after) or mark_kind(after) == "opening"):
            found.append(index)
    return found


# A Latin word of five letters or more standing as a word (not a piece of an address, a file name, a
# code or an e-mail): WeasyPrint hyphenates no shorter one (hyphenate-limit-chars: 5 2 2).
_HYPHENATABLE = re.compile(r"(?<![A-Za-z0-9_./@:\-])[A-Za-z]{5,}(?![A-Za-z0-9_/@\-]|[.:][A-Za-z0-9])")


def hyphenatable_words(text: str) -> list[tuple[int, int]]:
    """Spans of the English words in Chinese text that a line may hyphenate (`Pan-doc`): there is no
    other break in a Latin word, and one too long for what is left of a line leaves that line short
    by its width (clreq §3.2: Western words in Chinese text are set, and broken, as Western text)."""
    return [match.span() for match in _HYPHENATABLE.finditer(text)]


# A web address in running text: a scheme or `www.`, up to a space, a wide character or a quote.
_URL = re.compile(f"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\\.)[^\\s{WIDE}\"'<>]+")
# An e-mail address: one word to UAX #14, it wrapped nowhere, and a justified Chinese line before it
# was spread letter by letter (`查 询 ， 或 发 送 邮 件 至`) on a phone's screen.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def url_breaks(text: str) -> list[int]:
    """Indexes i inside web addresses where a line may break before text[i], as the Chicago Manual of
    Style breaks a URL (6.8.2: after `//`, before a single slash, a period, a hyphen, an underline, a
    question mark, a number sign, a tilde, a percent sign; before or after `=` and `&`): UAX #14 gives
    an address almost no opportunities, and a line before a long one is left short or the address is
    broken anywhere (`jincheng` / `bank`). No break next to the address's ends. An e-mail address
    breaks before its `@` and before a period, a hyphen or an underline (6.8.3)."""
    found = []
    for match in _EMAIL.finditer(text):
        start, end = match.span()
        found.extend(index for index in range(start + 1, end - 1) if text[index] in "@._-")
    for match in _URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in ".,;:!?)]}'\"":  # the sentence's, not the address's
            end -= 1
        for index in range(start + 2, end - 1):
            char, before = text[index], text[index - 1]
            if (char in "/.-_?#~%=&" and before != "/" and text[index + 1] != "/") or \
                    (before in "=&" and char not in "=&") or (before == "/" and text[index - 2] == "/"):
                found.append(index)
    return sorted(set(found))


def address_hyphens(text: str) -> list[int]:
    """Indexes of the hyphens inside web and e-mail addresses (`auto-expo.example.cn`): a line breaks before
    such a hyphen (`url_breaks`), never after it, where it would read as a word's (`press@auto-` / `expo`)."""
    found = []
    for pattern in (_EMAIL, _URL):
        for match in pattern.finditer(text):
            found.extend(index for index in range(match.start() + 1, match.end() - 1) if text[index] == "-")
    return sorted(set(found))


def joined_numbers(text: str, joiner: str = NO_WIDTH_NON_BREAK, words: bool = False, gap: str = "",
                   held: list[tuple[int, int]] = ()) -> str:  # type: ignore[assignment]
    """`text` with a zero-width `joiner` where a line could otherwise break inside a number group of
    `number_parts`: after an ordinal `第` and before a unit or measure word (`第‍36‍位`, `1.8‍亿`), and
    between the characters of a unit where a line may break (`1,240‍万‍TEU`, `3006‍亿‍元`), for editions
    whose lines we do not break ourselves (DOCX: Word and LibreOffice break them).

    The joiner is U+200D, Word's "No-Width Non Break" (its "No-Width Optional Break" is U+200C), which
    LibreOffice honours too (UAX #14 LB8a) where it asks its break iterator; LibreOffice ignores U+2060
    WORD JOINER between a digit and a Han character. It has no width, but it is a character: text
    copied from the DOCX (or from a PDF made of it) holds it, so `checks.readback` drops it before
    comparing (`unjoined`). A unit after a space (`2024 年`, `−0.07 pct`: Latin units too, this being
    Chinese text) is held by a no-break space (U+00A0) in the space's place, which both honour.

    A joiner where Han meets Latin script (`共3006‍亿`, `第‍36`) also stops Word's and LibreOffice's
    own Han/Latin gap on that side, which left a number with a gap before it and none after (`共
    3006亿元`). With `gap` (the DOCX: a no-break space, U+00A0, a quarter em in the CJK faces), each
    such joiner is followed by `gap`: `GAP_NO_BREAK`, which `unjoined` drops.

    With `words` (a table's heading), the characters of each Chinese word of `heading_words` are
    joined too, so that a narrow column breaks between words (`吞吐量` / `同比`, not `吞吐` / `量同比`)
    where the layout honours the joiner (Word), as the PDF and EPUB do. The characters of each span of
    `held` (a headline's clauses, `heading_clauses`) are joined too where a line could break between
    them (next to a wide character; not at a space, nor inside a Latin word or a number)."""
    inserts, spaces, inner = set(), set(), set()
    inserts.update(index for start, end in held for index in range(start + 1, end)
                   if not (text[index].isspace() or text[index - 1].isspace())
                   and (is_wide(text[index]) or is_wide(text[index - 1])))
    for start, number_end, end in number_parts(text, latin_units=True):
        if text[start] == "第":
            inserts.add(start + 1)
        first = start + (text[start] == "第")  # the number's first digit, after its ordinal
        inner.update(index for index in range(first + 1, number_end) if _breakable_in_number(text, index))
        if end > number_end and text[number_end] != " ":
            inserts.add(number_end)  # before the unit, and between its characters where a line may break
            inserts.update(index for index in range(number_end + 1, end) if is_wide(text[index]) or is_wide(text[index - 1]))
        elif end > number_end:
            spaces.update(index for index in range(number_end, end) if text[index] == " ")
    inserts.update(start + 2 for start, _ in stock_suffixes(text))  # after the hyphen of `寒武纪-U`
    if words:
        inserts.update(index for start, end in heading_words(text) for index in range(start + 1, end))
    gaps = set(gap_positions(text)) if gap else set()  # inside a number narrower (`NUMBER_GAP`)
    # Inside a number, LibreOffice breaks after U+200D before a digit (`10‍秒‍` / `08`, `2024-‍` / `2025`) but
    # not at U+2060 WORD JOINER (measured, 7.4); there both are set, Word's joiner and LibreOffice's.
    held = {index for index in inner if not text[index - 1].isdigit() and text[index].isdigit()}
    inserts |= inner
    return "".join("\u00a0" if index in spaces else joiner + (WORD_JOINER if index in held else "") +
                   ((NUMBER_GAP if index in inner else gap) if index in gaps else "") + char if index in inserts else char
                   for index, char in enumerate(text))


def _breakable_in_number(text: str, index: int) -> bool:
    """Whether Word or LibreOffice may break a line before text[index] inside a number: next to a wide
    character (`10秒` / `08`, `3～` / `5`), after a dash of a range (`10–` / `15`), or next to a quotation
    mark (`1’23”45`)."""
    before, char = text[index - 1], text[index]
    return is_wide(before) or is_wide(char) or before in "-–—~" or before in "'’′\"”″" or char in "'’′\"”″"


GAP_NO_BREAK = NO_WIDTH_NON_BREAK + "\u00a0"  # `joined_numbers`' joiner and gap where Han meets Latin script
# Its gap inside a number (`10‍ 秒‍⁠ 08`): U+202F NARROW NO-BREAK SPACE, as LibreOffice 7.4 breaks between the
# digits after a no-break space there (`10 秒 0` / `8`: measured), not after this one.
NUMBER_GAP = "\u202f"


def unjoined(text: str) -> str:
    """Text as the article has it, without the joiners and gaps of `joined_numbers`."""
    for joint in (NO_WIDTH_NON_BREAK + WORD_JOINER + NUMBER_GAP, NO_WIDTH_NON_BREAK + NUMBER_GAP, GAP_NO_BREAK,
                  NO_WIDTH_NON_BREAK, WORD_JOINER):  # a narrow no-break space of the article's own stays
        text = text.replace(joint, "")
    return text


# ASCII digits standing alone: not a piece of a longer number (1.8, 1,200, 09:30), a word (5G) or a
# percentage; in vertical text they may stand upright in one cell (tate-chu-yoko).
_SHORT_NUMBER = re.compile(r"(?<![0-9A-Za-z_+\-−])(?<![0-9][.,:/\-])[0-9]+(?![0-9A-Za-z_%‰％℃°])(?![.,:/\-][0-9])")


def upright_numbers(text: str, longest: int) -> list[tuple[int, int]]:
    """Spans [start, end) of the numbers of at most `longest` digits that vertical text sets upright in
    one cell, across the column (`3月18日`, `第36位`); a longer number, a decimal, a time, a percentage
    or a number inside a word runs sideways with the Latin text (`2024年`, `1.8亿`, `09:30`, `5G`)."""
    return [(match.start(), match.end()) for match in _SHORT_NUMBER.finditer(text)
            if match.end() - match.start() <= longest]


def last_line_tail(text: str) -> tuple[int, int] | None:
    """The end of a paragraph or headline that must share its line: the last two letter units (Han
    characters, Latin words, numbers) and the punctuation after them, so that the last line never
    holds a single Han character (`企业”`, not `业”`). None when the text ends otherwise."""
    end = len(text)
    body = text[:end - len(_TRAILING.search(text).group(0))]  # type: ignore[union-attr]
    units = list(_LETTER_UNIT.finditer(body))
    if len(units) < 2 or not CJK_LETTER.fullmatch(units[-1].group(0)) or units[-1].end() != len(body):
        return None
    start = units[-2].start()
    between = body[units[-2].end():units[-1].start()]
    if end - start > _TAIL_LIMIT or "\n" in between or len(between) > 2:
        return None
    return start, end


# A compound unit of measure (`m/s`, `km/h`, `kg/m²`, `m³/s`), with the number it follows if any: never
# broken, in any edition (UAX #14 lets a line break after a solidus: `+1.2m/` / `s`). Short Latin
# pieces only, standing as a word (not a piece of an address or a path).
_COMPOUND_UNIT = re.compile("(?<![A-Za-z0-9_./@:\\-])(?:[+\\-−]?[0-9]+(?:[.,][0-9]+)* ?)?"
                           "[A-Za-zµμΩ°]{1,3}[²³]?(?:/[A-Za-zµμΩ°]{1,3}[²³]?)+(?![A-Za-z0-9_/@]|[.:][A-Za-z0-9])")


def compound_units(text: str) -> list[tuple[int, int]]:
    """Spans of the compound units of measure in `text` (`1.2m/s`, `350 km/h`), each with its number."""
    return [match.span() for match in _COMPOUND_UNIT.finditer(text)]


# A listed company's short name with its board's suffix (`寒武纪-U`, `九号公司-WD`, `百济神州－U`): no break
# after the hyphen, which line breaking allows.
_STOCK_SUFFIX = re.compile(f"[{IDEOGRAPHS}][-－][A-Z]{{1,2}}(?![A-Za-z0-9])")


def stock_suffixes(text: str) -> list[tuple[int, int]]:
    """Spans of the company names' suffixes in `text`, each with the name's last character (`纪-U`)."""
    return [match.span() for match in _STOCK_SUFFIX.finditer(text)]


_COMPOUND_NUMBER = re.compile("[+\\-−]?[0-9]+(?:[.,][0-9]+)*")


def _compound_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A compound unit's number and its unit (`61`, `km/h` of `61km/h`; a space between them left out)."""
    number = _COMPOUND_NUMBER.match(text, start, end)
    if not number or number.end() == start:
        return [(start, end)]
    unit = number.end() + (text[number.end()] == " ")
    return [(start, number.end()), (unit, end)]


def compound_number(text: str) -> int:
    """How many characters of `text` are the number of a compound unit it starts with (`61` of
    `61km/h）`), 0 if it starts with none: what the PDF's refit may pull up alone."""
    for start, end in compound_units(text):
        if start == 0:
            pieces = _compound_pieces(text, start, end)
            return pieces[0][1] if len(pieces) == 2 else 0
    return 0


def keep_together(text: str, words: list[tuple[int, int]] | None = None, soft: bool = False,
                  latin_units: bool = False, loose_compounds: bool = False) -> list[tuple[int, int]]:
    """Spans [start, end) of `text` that a line must not break inside: numbers with their units (with
    `soft`, the numbers alone: `number_parts`, which `latin_units` is passed to), compound units of
    measure with their numbers (`1.2m/s`, `compound_units`; with `loose_compounds`, the number and
    the unit each whole, apart: the PDF's refit, as its last resort, `（约50～61` / `km/h）`), a company
    name's board suffix (`寒武纪-U`), the last line's two units, and (for headings and table cells) the
    `words` given. Overlapping spans are merged; touching ones are not (a line may break between them)."""
    numbers = [(start, number_end if soft else end) for start, number_end, end in number_parts(text, latin_units)]
    compounds = compound_units(text)
    if loose_compounds:
        compounds = [piece for start, end in compounds for piece in _compound_pieces(text, start, end)]
    spans = numbers + compounds + stock_suffixes(text) + [span for span in [last_line_tail(text)] if span] + list(words or [])
    merged: list[tuple[int, int]] = []
    for start, end in sorted(span for span in spans if span[1] - span[0] > 1):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def set_width_em(text: str) -> float:
    """Roughly how wide `text` is set, in em: a Han character or full-width mark one em, a digit or
    Latin letter 0.55, a separator or point 0.3, and a quarter em where Han meets Latin script."""
    width = 0.25 * len(gap_positions(text))
    for char in text:
        if CJK_LETTER.match(char) or mark_kind(char) or char in "%％":
            width += 1.0
        elif char in ",.:/．":
            width += 0.3
        elif not char.isspace():
            width += 0.55
    return width


# A headline's clauses: a space the writer put between phrases (`九巴申請加價4.8%　運輸及物流局`), or,
# in a long headline, a full-width colon, comma or semicolon (`運輸及物流局：會「審慎考慮」…`).
_CLAUSE_MARKS = "：，；"
_LONG_HEADLINE_EM = 16.0  # a headline at least this wide (em) is cut at its marks too
_UNSPACED_SCRIPTS = re.compile(f"[{CJK_LETTERS}][A-Za-z0-9]|[A-Za-z0-9][{CJK_LETTERS}]")


def phrase_spaces(text: str) -> list[int]:
    """Indexes of the spaces in `text` that the writer put between phrases: between Han characters or
    marks (`海港 “上海德比”`, `動工　2031年`), or between Han and Latin script where the text runs them
    together elsewhere (`10年來首度調漲 4月起`); not a space the writer puts at every Han/Latin boundary
    (`用 Python 把`: that is the gap, no phrase boundary), nor one inside Latin text (`3.5 GHz`, `Galaxy S25`)."""
    spaced_phrases = _UNSPACED_SCRIPTS.search(text) is not None
    found = []
    for match in re.finditer(r"\s+", text):
        start, end = match.span()
        if not start or end == len(text):
            continue
        wide_before, wide_after = (is_wide(char) or mark_kind(char) is not None for char in (text[start - 1], text[end]))
        if wide_before and wide_after or spaced_phrases and (wide_before or wide_after):
            found.append(start)
    return found


def heading_clauses(text: str) -> list[tuple[int, int]]:
    """Spans [start, end) of a headline's clauses (two or more; none: an empty list), which a
    headline that must break breaks between before it breaks inside one (`九巴申請加價4.8%` /
    `運輸及物流局：會「審慎考慮」市民負擔`, not `…4.8% 運輸及` / `物流局：…`): clauses are separated by the
    spaces the writer put between phrases (`phrase_spaces`; the space ends the clause before it), or,
    in a headline of at least 16 em that has none, after a full-width `：`, `，` or `；`. A clause
    holds at least two letters."""
    cuts = [position + 1 for position in phrase_spaces(text)]
    if not cuts and set_width_em(text) >= _LONG_HEADLINE_EM:
        cuts = [position + 1 for position, char in enumerate(text) if char in _CLAUSE_MARKS and position + 1 < len(text)]
    spans, start = [], 0
    for cut in cuts:
        if sum(1 for char in text[start:cut] if char.isalnum()) >= 2:
            spans.append((start, cut))
            start = cut
    if spans and sum(1 for char in text[start:] if char.isalnum()) < 2:
        spans[-1] = (spans[-1][0], len(text))
    elif start < len(text):
        spans.append((start, len(text)))
    return spans if len(spans) > 1 else []


def clause_line_cost(text: str, spans: list[tuple[int, int]], narrowest: float = 10.0, widest: float = 40.0) -> int:
    """How many lines more, at most, holding `spans` (a headline's clauses, each breaking inside only
    when wider than a line, as a browser's inline block does) takes than breaking anywhere, over the
    line widths from `narrowest` (a headline on a phone) to `widest` em: a reader's width is not known
    (widths by `set_width_em`). A clause that just fails to fit beside the other takes a line of its
    own (`九巴申請加價4.8%` / `運輸及物流局：會` / `「審慎考慮」市民負擔` at 14 em, where two lines break
    inside `運輸及物流局`)."""
    widths = [set_width_em(text[start:end]) for start, end in spans]
    total = set_width_em(text)
    worst, width = 0, narrowest
    while width <= widest:
        held, line = 0, 0.0
        for clause in widths:
            if line and line + clause <= width:
                line += clause
                continue
            if clause > width:
                held += math.ceil(clause / width)
                line = 0.0
            else:
                held += 1
                line = clause
        worst = max(worst, held - math.ceil(total / width))
        width += 0.25
    return worst


_DIGIT_BEFORE = re.compile(r"[0-9０-９] ?$")


def heading_words(text: str, longest: int = 6) -> list[tuple[int, int]]:
    """Spans of the Chinese words (2 to `longest` Han characters) in a heading, found with jieba's
    dictionary (rjieba): a heading breaks between words, never inside one (`创新实` / `践者`); a
    number's unit is whole when it is such a word (`number_groups`). A word right after a number whose
    second character starts a longer dictionary word is that word's instead (`2024年` / `前三季度`: jieba
    segments `年前` / `三季度`, and the unit is `年`); a character jieba leaves on its own that starts a
    dictionary word running into the next is held by it (`三` `季报`: `三季`, so `三季报` is whole).
    A short quoted phrase is whole with its quotes (`“上海德比”`, not `“上海` / `德比”`).

    Japanese (kana among the characters) is not segmented with jieba, a Chinese dictionary: its
    phrases are the runs of kanji (and katakana) that the kana around them bound, a heading breaks
    between those as Japanese headings do (`東京都で` / `新制度`), never inside a kanji compound."""
    spans = _quoted_phrases(text, longest)
    if is_japanese_text(text):
        return sorted(spans + _japanese_words(text, longest))
    return sorted(spans + _chinese_words(text, longest))


# A quoted phrase: “…” ‘…’ 「…」 『…』 around letters and digits only (no mark, no space inside).
# A short bracketed phrase too (`（附主要指标）`, `《人民日报》`, `【快讯】`): a heading breaks before its
# bracket as well as inside it, and inside leaves a piece of it alone (`（附` / `主要指标）`).
_PHRASE = f"[{CJK_LETTERS}0-9A-Za-z·]+"
_QUOTED = re.compile("|".join(f"{opening}{_PHRASE}{closing}" for opening, closing in
                              ("“”", "‘’", "「」", "『』", "（）", "《》", "【】")))


def _quoted_phrases(text: str, longest: int) -> list[tuple[int, int]]:
    """Spans of the quoted (or bracketed) phrases of at most `longest` characters inside their marks,
    marks included.
    A phrase in curly quotes glued to the letters around it (`打造“智慧港口”新标杆`) is held too: a
    layout that breaks by UAX #14 alone (Pango, LibreOffice) breaks next to no curly quote, so the
    editions give it a break at its edges (`quoted_phrase_edges`). Corner brackets break as brackets."""
    return [match.span() for match in _QUOTED.finditer(text) if match.end() - match.start() - 2 <= longest]


def quoted_phrase_edges(text: str, longest: int = 6) -> list[int]:
    """Indexes i where a heading's line may break before text[i] at the edges of a short phrase in curly
    quotes held whole (`_quoted_phrases`) and glued to a letter (`打造` / `“智慧港口”` / `新标杆`): UAX #14
    allows no break next to a curly quote (LB19), so a layout that follows it (Pango, LibreOffice) would
    hold the phrase together with the words around it, wider than some lines, or split it inside. A
    phrase after a space has its break there already and gets none (`海港 “上海德比”第89分钟`: the
    writer's space is the better break); one after a full-width closing mark gets one too (`周刊：` /
    `“零碳码头”`: UAX #14 breaks on neither side of a quotation mark, so `周刊：“零碳码头”启动` was one
    piece, and a cover set `财经` alone on its first line)."""
    found = []
    for start, end in _quoted_phrases(text, longest):
        before = text[start - 1] if start else ""
        if text[start] not in "“‘" or not (CJK_LETTER.match(before) or (before and before in CLOSING_MARKS
                                                                          and before not in "”’")):
            continue
        found.append(start)
        if end < len(text) and CJK_LETTER.match(text[end]):
            found.append(end)
    return found


# Japanese: a run of kanji (with 々), a run of katakana (with ー), or one of either followed by the
# okurigana/particles bounded where the script changes back; only kanji and katakana runs are held.
_JAPANESE_RUN = re.compile(f"[{IDEOGRAPHS}]+|[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d]+")


def _japanese_words(text: str, longest: int) -> list[tuple[int, int]]:
    """The kanji compounds and katakana words (2 to `longest` characters) of Japanese text, which a
    line does not break inside (a typographer breaks a Japanese heading where the script changes)."""
    return [match.span() for match in _JAPANESE_RUN.finditer(text) if 2 <= match.end() - match.start() <= longest]


def load_segmenter() -> None:
    """Build what Chinese word segmentation needs (jieba's dictionary, ~0.09 s, and OpenCC's t2s) ahead of
    its first use: a build does it while the reader waits on pandoc (`builder.warm`), in a process of its
    own when it can (`segmenter`)."""
    import rjieba  # noqa: F401  (its import builds the dictionary)

    opencc("t2s")


def _chinese_words(text: str, longest: int) -> list[tuple[int, int]]:
    return segmenter.run(_chinese_words_here, text, longest)


def _chinese_words_here(text: str, longest: int) -> list[tuple[int, int]]:
    import rjieba

    segmented = _simplified(text)  # jieba's dictionary is Simplified (`座車` / `站`, not `座` / `車站`)
    spans, position = [], 0
    tokens = _time_words(rjieba.cut(segmented), rjieba.has_word)
    for index, word in enumerate(tokens):
        start = segmented.find(word, position)
        if start < 0:
            continue
        before, position = (spans[-1] if spans else None), start + len(word)
        if word in _PARTICLES and start and (CJK_LETTER.match(text[start - 1]) or text[start - 1] in CLOSING_MARKS) \
                and not _DIGIT_BEFORE.search(text, 0, before[0] if before and before[1] == start else start - 1):
            # `历史的`, `明代的`, `“被掐尖”的`: a particle goes with the word (or quote) before it, a line
            # starting with it reads wrong
            # (not after a number's unit, `2024年` `的`, whose group ends where `number_parts` ends it)
            if before and before[1] == start:
                spans[-1] = (before[0], position)
            else:
                spans.append((start - 1, position))
            continue
        if word in _NAME_SUFFIXES and before and before[1] == start and position - before[0] <= longest:
            spans.append((before[0], position))  # `物流` `局`: the bureau's name is whole, `物流局`
            continue
        after_number = start and _DIGIT_BEFORE.search(text, 0, start)
        if 2 <= len(word) <= longest and all(CJK_LETTER.match(ch) for ch in text[start:position]):
            unit_first = after_number and segmented[start] in _MEASURE_WORDS  # `2024` `年前` `三季度`
            phrase = _word_running_past(text, start + 1, position) if unit_first else None
            spans.append((start, position) if phrase is None else (start + 1, phrase))
        elif len(word) == 1 and CJK_LETTER.match(text[start]) and not after_number and not (
                index + 1 < len(tokens) and len(tokens[index + 1]) > 2):  # `上` `月光如水`: no `上月`
            phrase = _word_running_past(text, start, position)  # `三` `季报`: the word `三季` holds them
            if phrase is not None and phrase - start <= longest:
                spans.append((start, phrase))
    return spans


# Units and measure words (量词) that follow a number: only a word that starts with one may be the unit
# and the start of the next word (`2024年前三季度`: `年` / `前三季度`, though jieba segments `年前`); a word after a
# section's number that starts with another character is one word (`01 额度提高`: `额度`, never `额` / `度提高`).
_MEASURE_WORDS = set("个個位名人家户戶次件台臺辆輛架艘只隻头頭匹条條张張本部篇份项項元角分亿億万萬千百十年月日天时時"
                     "秒周週岁歲届屆期号號层層楼樓栋棟座所间間套股手倍成批场場起例吨噸米克斤里亩畝升度轮輪款")


# A character that ends the name of an office or body (`运输署`, `物流局`, `交通部`, `客运站`), which jieba
# leaves alone after a word its dictionary knows, when it does not know the name: held with that word.
_NAME_SUFFIXES = set("局署部处厅委院所办站队馆司")
# Particles that lean on the word before them (的 地 得 之, aspect 了 着 过): no heading line starts with one
_PARTICLES = set("的地得之了着過过")


# Relative time words (下月, 上午, 今年, 本周, 明天): a deictic character and a unit of time. jieba's
# dictionary knows most of them but weighs them lightly, and cuts `下` / `月` (or, guessing an unknown
# word, glues the `下` to the word before: `径下` / `月`).
_TIME_DEICTIC = "上下本今明昨去前后当次翌这每"
_TIME_UNIT = "月年周午日天季旬晚夜"


def _time_words(tokens: list[str], known: Callable[[str], bool]) -> list[str]:
    """jieba's `tokens` with each relative time word made one: a deictic token of one character and a
    time unit of one (`下` `月` -> `下月`), or a word jieba guessed (not in its dictionary, `known`)
    that ends in the deictic character (`径下` `月` -> `径` `下月`)."""
    merged: list[str] = []
    for token in tokens:
        before = merged[-1] if merged else ""
        if len(token) == 1 and token in _TIME_UNIT and before and before[-1] in _TIME_DEICTIC \
                and (len(before) == 1 or not known(before)):
            merged[-1:] = [part for part in (before[:-1], before[-1] + token) if part]
        else:
            merged.append(token)
    return merged


# GB/T 15834 §4.13: one em dash (一字线) joins the names of places or bodies (`上海—济州—福冈`, `中国—东盟`,
# `沪—昆高铁`); two (`——`) are the dash of a sentence. A lone dash of pasted copy is the latter, except
# between two names or in a chain of them.
_LONE_DASH = re.compile(f"(?<=[{IDEOGRAPHS}])[—–](?=[{IDEOGRAPHS}])")
_NAME_TAGS = {"ns", "nt", "nz", "j"}  # jieba's tags: a place, a body, another proper name, an abbreviation
# What follows a pair of places a dash joins (`北京—雄安城际铁路`, `武汉—孝感城际`) when jieba does not
# tag the second one a name.
_JOINED_BY = ("城际", "高铁", "铁路", "高速", "公路", "航线", "航班", "班列", "动车", "峰会", "博览会", "走廊", "通道",
              "管道", "合作", "关系")
_BETWEEN_NAMES = re.compile("[，。、；：？！,.;:?!（）()“”「」]")  # a mark: not one name to the next
_CHAINED_NAME = 5  # a dash, then at most four characters to the next one


def joining_dashes(text: str) -> set[int]:
    """Indexes of the lone dashes (`—`, or `–`, with Han characters right beside them) that join two
    names: two or more a short name apart (`上海—济州—福冈`), or one with a name on its left and a name, or a
    place followed by a word of what joins places (`城际`, `航线`, `峰会`), on its right (jieba's
    part-of-speech tags: `中国—东盟`, `北京—雄安城际铁路`). `门线—经`, `他说—我们`, `大桥—连接三地`: none."""
    dashes = [match.start() for match in _LONE_DASH.finditer(text)]
    if not dashes:
        return set()
    joined: set[int] = set()
    # A chain joins names of a few characters; a pair of dashes around an aside holds a longer phrase
    # (`家乡—一个小山村—如今`).
    for first, second in zip(dashes, dashes[1:]):
        if second - first <= _CHAINED_NAME and not _BETWEEN_NAMES.search(text, first, second):
            joined.update((first, second))
    if len(joined) < len(dashes):
        words = segmenter.run(_tagged_words_here, text)
        ends = {end: tag for _, end, tag in words}
        starts = {start: (end, tag) for start, end, tag in words}
        simplified = ""  # made when first needed
        for index in set(dashes) - joined:
            after = starts.get(index + 1)
            if ends.get(index) not in _NAME_TAGS or after is None:
                continue
            end, tag = after  # on the right, jieba tags some places as people's names (`臺北—高雄`)
            if tag not in _NAME_TAGS and tag != "nr":
                simplified = simplified or _simplified(text)
                if not simplified.startswith(_JOINED_BY, end):
                    continue
            joined.add(index)
    return joined


def _simplified(text: str) -> str:
    """The text in Simplified characters where that keeps its length (jieba's dictionary is Simplified)."""
    simplified = opencc("t2s").convert(text)
    return simplified if len(simplified) == len(text) else text


def _tagged_words_here(text: str) -> list[tuple[int, int, str]]:
    """(start, end, jieba's part-of-speech tag) of each word of the text (segmented in Simplified)."""
    import rjieba

    words, position = [], 0
    for word, tag in rjieba.tag(_simplified(text)):
        words.append((position, position + len(word), tag))
        position += len(word)
    return words if position == len(text) else []


# ---------------------------------------------------------------- justification and gaps


def spaced_ranges(text: str) -> list[tuple[int, int]]:
    """UTF-8 byte ranges of the characters that take inter-character justification space.

    Pango spreads a character's letter spacing half before and half after it, so marking every
    Han character and CJK punctuation mark stretches each gap between them by the full amount.
    """
    ranges: list[tuple[int, int]] = []
    for run in _SPACED_RUN.finditer(text):
        start = len(text[:run.start()].encode("utf-8"))
        ranges.append((start, start + len(run.group(0).encode("utf-8"))))
    return ranges


def spaced_gaps(text: str) -> float:
    """How many gaps the letter spacing of `spaced_ranges` adds to `text` laid out on its own:
    every spaced character counts once, less the half Pango leaves out at each end of the text."""
    spaced = [bool(_SPACED_RUN.fullmatch(char)) for char in text]
    if not spaced:
        return 0.0
    return sum(spaced) - 0.5 * spaced[0] - 0.5 * spaced[-1]


def takes_space(char: str) -> bool:
    """Whether a justification gap may open next to `char` (used at boundaries between boxes)."""
    return bool(_SPACED_RUN.fullmatch(char)) and char not in _UNSTRETCHED


def gap_positions(text: str) -> list[int]:
    """Indexes i where a Han/Latin gap belongs between text[i - 1] and text[i]."""
    return [match.start() for match in _HAN_LATIN.finditer(text)]


def gap_sides(text: str) -> dict[int, str]:
    """The Latin character at each Han/Latin boundary, by index, with the side(s) its gap is on:
    `l` (Han before it), `r` (Han after it) or `lr`."""
    sides: dict[int, str] = {}
    for position in gap_positions(text):
        latin = position if not CJK_LETTER.match(text[position]) else position - 1
        sides[latin] = sides.get(latin, "") + ("l" if latin == position else "r")
    return {index: "".join(sorted(side)) for index, side in sides.items()}


_INTERPUNCTS = "\u00b7\u2027\u30fb\uff65"  # 间隔号: `·` in Simplified text, `‧` in Taiwan's, `・` in Japanese


def interpunct_bindings(text: str) -> list[tuple[int, int]]:
    """Spans [start, end) holding each interpunct of a name (`基普罗诺·图瓦`, `迈克尔‧乔丹`) to the letter
    before it: it never starts a line (GB/T 15834; JIS X 4051 lists `・` among the marks no line starts
    with), which UAX #14 allows before it (class AI, an ideograph's beside Han)."""
    return [(index - 1, index + 1) for index, char in enumerate(text)
            if char in _INTERPUNCTS and index and text[index - 1].isalnum()]


def gap_bindings(text: str) -> list[tuple[int, int]]:
    """Spans [start, end) holding each Han/Latin boundary's two characters: where a line may not break,
    so that a gap, which a browser cannot drop at a line's edge, never stands at one."""
    spans = []
    for index, side in gap_sides(text).items():
        if "l" in side:
            spans.append((index - 1, index + 1))
        if "r" in side:
            spans.append((index, index + 2))
    return spans


def script_gaps(text: str) -> str:
    """Escaped HTML for `text` with each Han/Latin boundary marked up for a ¼em gap.

    The Latin character at a boundary is wrapped in a span (class `sg-l`, `sg-r` or `sg-lr`) that
    CSS gives a margin on its Han side. A line may still break there: the PDF writer drops such a
    margin where it would start or end a line (`writers/pdf/justify.py`).
    """
    sides = gap_sides(text)
    return "".join(f'<span class="sg-{sides[i]}">{escape(char, quote=False)}</span>'
                   if i in sides else escape(char, quote=False) for i, char in enumerate(text))


# The number Chinese copy writes before an item of a list (`一、`, `（一）`, `１．`, `1、`, `①`, `第一条`); not
# a number the text goes on with (`1、2月份`, `５．２％`, `一、二等奖`).
_COUNTING = "一二三四五六七八九十百零〇"
# A bullet typed as a character before a line's item (`•第一点`, `● 第二点`); a middle dot only before a space
TYPED_BULLET = re.compile(r"^\s*(?:([•●◦▪▫◆◇■□►▶➤✓✔])\s*|([·・])(?:\s+|$))")
OWN_NUMBER = re.compile(
    rf"^\s*(?:[{_COUNTING}]+[、．]|[（(][{_COUNTING}0-9０-９]+[)）]|[0-9０-９]+[、．]|[①-⑳㈠-㈩]"
    rf"|第[{_COUNTING}0-9０-９]+[条條章节節部点點项項])(?![0-9０-９{_COUNTING}])")


_VERSE_LINE = re.compile(f"^(?:[{IDEOGRAPHS}]{{4,9}}[，、；。！？]){{1,2}}$")  # `国破山河在，城春草木深。`
ATTRIBUTION_LINE = re.compile(r"^(?:——|—|--)\s*\S.{0,29}$")  # `——杜甫《偶题》` under a quotation


def is_verse(lines: list[str]) -> bool:
    """Whether lines typed one under the other are verse (`国破山河在，城春草木深。` / `感时花溅泪，恨别鸟惊心。`):
    two or more, each one or two clauses of 4 to 9 Han characters closed by a mark, the clauses of every
    line the same length give or take one (a regulated verse's five or seven); or one such line with
    an attribution under it (`——杜甫《偶题》`)."""
    verse = lines[:-1] if len(lines) > 1 and ATTRIBUTION_LINE.match(lines[-1]) else lines
    if not verse or len(lines) < 2 or not all(_VERSE_LINE.match(line) for line in verse):
        return False
    clauses = [len(clause) for line in verse for clause in re.split("[，、；。！？]", line) if clause]
    return max(clauses) - min(clauses) <= 1
