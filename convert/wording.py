"""Every word an edition shows to readers, keyed by language: byline labels, figure and table labels,
page numbers, placeholders, EPUB landmarks and the accessibility summary.

Writers differ in markup, never in wording: keeping the words here is what makes the PDF, EPUB and
DOCX of one article read alike. A new language is one more table in `_WORDS`.
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from .dates import format_date
from .model import Meta
from .scripts import han_script, is_chinese, is_wide, primary_language

_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "editor": "编辑", "authors": "作者", "source": "来源", "placeholder": "图片无法显示",
        "notes": "注释", "contents": "目录", "page": "第 {page} 页 / 共 {pages} 页",
        "reporter": "记者", "reported_from": "\u3000{place}报道",  # `记者：王某　北京报道`; the slash is Taiwan's
        "figure": "图", "table": "表", "continued": "{label}（续）", "list_separator": "、", "label_separator": "：",
        "credit": "摄影", "untitled": "无标题",
        # editions of many articles (convert collect): the masthead and the contents
        "in_this_issue": "本期内容", "article_count": "共 {n} 篇", "issue_cover": "本期封面",
        # EPUB navigation
        "cover": "封面", "titlepage": "标题页", "text": "正文", "landmarks": "导览",
        # EPUB accessibility summary
        "summary_opening": "本书为可重排文本，含目录与标题导航，阅读顺序与原文一致。",
        "summary_described": "全部 {shown} 幅图片均有文字说明。",
        "summary_undescribed": "{shown} 幅图片中有 {missing} 幅缺少文字说明。",
        "summary_no_images": "书中没有需要看见才能理解的图片。",
        "summary_placeholders": "另有 {placeholders} 幅图片无法获取，以文字占位说明代替。",
        "sentence_joiner": "",
    },
    # Traditional script (Taiwan's wording; Hong Kong reads it alike)
    "zh-Hant": {
        "editor": "編輯", "authors": "作者", "source": "來源", "placeholder": "圖片無法顯示",
        "notes": "註釋", "contents": "目錄", "page": "第 {page} 頁 / 共 {pages} 頁",
        "reporter": "記者", "reported_from": "／{place}報導",
        "figure": "圖", "table": "表", "continued": "{label}（續）", "list_separator": "、", "label_separator": "：",
        "credit": "攝影", "untitled": "無標題",
        "in_this_issue": "本期內容", "article_count": "共 {n} 篇", "issue_cover": "本期封面",
        "cover": "封面", "titlepage": "標題頁", "text": "正文", "landmarks": "導覽",
        "summary_opening": "本書為可重排文字，含目錄與標題導覽，閱讀順序與原文一致。",
        "summary_described": "全部 {shown} 幅圖片均有文字說明。",
        "summary_undescribed": "{shown} 幅圖片中有 {missing} 幅缺少文字說明。",
        "summary_no_images": "書中沒有需要看見才能理解的圖片。",
        "summary_placeholders": "另有 {placeholders} 幅圖片無法取得，以文字佔位說明代替。",
        "sentence_joiner": "",
    },
    "ja": {
        "editor": "編集", "authors": "文", "source": "出典", "placeholder": "画像を表示できません",
        "notes": "注", "contents": "目次", "page": "{page} / {pages} ページ",
        "reporter": "記者", "reported_from": "（{place}）",
        "figure": "図", "table": "表", "continued": "{label}（続き）", "list_separator": "、", "label_separator": "：",
        "credit": "写真", "untitled": "無題",
        "in_this_issue": "今号の内容", "article_count": "全 {n} 本", "issue_cover": "今号の表紙",
        "cover": "表紙", "titlepage": "扉", "text": "本文", "landmarks": "ランドマーク",
        "summary_opening": "リフロー型のテキストで、目次と見出しによるナビゲーションがあり、読む順序は原文どおりです。",
        "summary_described": "{shown} 点の画像すべてに代替テキストがあります。",
        "summary_undescribed": "{shown} 点の画像のうち {missing} 点に代替テキストがありません。",
        "summary_no_images": "内容の理解に画像を見る必要はありません。",
        "summary_placeholders": "ほかに {placeholders} 点の画像は取得できず、文字の代替表示になっています。",
        "sentence_joiner": "",
    },
    "ko": {
        "editor": "편집", "authors": "글", "source": "출처", "placeholder": "이미지를 표시할 수 없습니다",
        "notes": "주", "contents": "차례", "page": "{page} / {pages}쪽",
        "reporter": "글", "reported_from": " ({place})",
        "figure": "그림", "table": "표", "continued": "{label} (계속)", "list_separator": ", ", "label_separator": " ",
        "credit": "사진", "untitled": "제목 없음",
        "in_this_issue": "이번 호 내용", "article_count": "기사 {n}건", "issue_cover": "이번 호 표지",
        "cover": "표지", "titlepage": "속표지", "text": "본문", "landmarks": "랜드마크",
        "summary_opening": "리플로 가능한 텍스트로, 차례와 제목 탐색을 제공하며 기사의 읽기 순서를 따릅니다.",
        "summary_described": "이미지 {shown}개 모두에 대체 텍스트가 있습니다.",
        "summary_undescribed": "이미지 {shown}개 중 {missing}개에 대체 텍스트가 없습니다.",
        "summary_no_images": "내용을 이해하는 데 볼 필요가 있는 이미지가 없습니다.",
        "summary_placeholders": "이미지 {placeholders}개는 가져올 수 없어 텍스트로 대신 표시합니다.",
        "sentence_joiner": " ",
    },
    "ar": {
        "editor": "تحرير", "authors": "بقلم", "source": "المصدر", "placeholder": "الصورة غير متاحة",
        "notes": "الحواشي", "contents": "المحتويات", "page": "صفحة {page} من {pages}",
        "reporter": "بقلم", "reported_from": "، {place}",
        "figure": "الشكل", "table": "الجدول", "continued": "{label} (تابع)", "list_separator": "، ", "label_separator": " ",
        "credit": "تصوير", "untitled": "بلا عنوان",
        "in_this_issue": "في هذا العدد", "article_count": "عدد المقالات: {n}", "issue_cover": "غلاف العدد",
        "cover": "الغلاف", "titlepage": "صفحة العنوان", "text": "النص", "landmarks": "معالم الكتاب",
        "summary_opening": "نص قابل لإعادة التدفق، مع جدول محتويات وتنقل بين العناوين، بترتيب قراءة المقال.",
        "summary_described": "لكل الصور ({shown}) نص بديل.",
        "summary_undescribed": "{missing} من أصل {shown} من الصور بلا نص بديل.",
        "summary_no_images": "لا توجد صورة يلزم رؤيتها لفهم النص.",
        "summary_placeholders": "تعذّر الحصول على {placeholders} من الصور، وحلّ محلها نص بديل.",
        "sentence_joiner": " ",
    },
    "he": {
        "editor": "עריכה", "authors": "מאת", "source": "מקור", "placeholder": "התמונה אינה זמינה",
        "notes": "הערות", "contents": "תוכן העניינים", "page": "עמוד {page} מתוך {pages}",
        "reporter": "מאת", "reported_from": ", {place}",
        "figure": "איור", "table": "טבלה", "continued": "{label} (המשך)", "list_separator": ", ", "label_separator": " ",
        "credit": "צילום", "untitled": "ללא כותרת",
        "in_this_issue": "בגיליון זה", "article_count": "{n} כתבות", "issue_cover": "שער הגיליון",
        "cover": "כריכה", "titlepage": "עמוד השער", "text": "טקסט", "landmarks": "ציוני דרך",
        "summary_opening": "טקסט זורם, עם תוכן עניינים וניווט בין הכותרות, בסדר הקריאה של הכתבה.",
        "summary_described": "לכל {shown} התמונות יש חלופה טקסטואלית.",
        "summary_undescribed": "ל־{missing} מתוך {shown} התמונות אין חלופה טקסטואלית.",
        "summary_no_images": "אין תמונה שצריך לראות כדי להבין את הטקסט.",
        "summary_placeholders": "לא ניתן היה להשיג {placeholders} תמונות, ובמקומן מוצג טקסט חלופי.",
        "sentence_joiner": " ",
    },
    "fa": {
        "editor": "ویراستار", "authors": "نویسنده", "source": "منبع", "placeholder": "تصویر در دسترس نیست",
        "notes": "یادداشت‌ها", "contents": "فهرست", "page": "صفحهٔ {page} از {pages}",
        "reporter": "گزارش", "reported_from": "، {place}",
        "figure": "شکل", "table": "جدول", "continued": "{label} (ادامه)", "list_separator": "، ", "label_separator": ": ",
        "credit": "عکس", "untitled": "بدون عنوان",
        "in_this_issue": "در این شماره", "article_count": "{n} مطلب", "issue_cover": "جلد این شماره",
        "cover": "جلد", "titlepage": "صفحهٔ عنوان", "text": "متن", "landmarks": "نشانه‌ها",
        "summary_opening": "متن روان‌شونده با فهرست مطالب و پیمایش سرفصل‌ها، به ترتیب خواندن مطلب.",
        "summary_described": "همهٔ {shown} تصویر متن جایگزین دارند.",
        "summary_undescribed": "{missing} تصویر از {shown} تصویر متن جایگزین ندارند.",
        "summary_no_images": "برای دنبال کردن متن، دیدن هیچ تصویری لازم نیست.",
        "summary_placeholders": "{placeholders} تصویر به دست نیامد و متنی جایگزین آن شده است.",
        "sentence_joiner": " ",
    },
    "ur": {
        "editor": "مدیر", "authors": "تحریر", "source": "ماخذ", "placeholder": "تصویر دستیاب نہیں",
        "notes": "حواشی", "contents": "فہرست", "page": "صفحہ {page} از {pages}",
        "reporter": "رپورٹ", "reported_from": "، {place}",
        "figure": "شکل", "table": "جدول", "continued": "{label} (جاری)", "list_separator": "، ", "label_separator": ": ",
        "credit": "تصویر", "untitled": "بلا عنوان",
        "in_this_issue": "اس شمارے میں", "article_count": "{n} مضامین", "issue_cover": "شمارے کا سرورق",
        "cover": "سرورق", "titlepage": "عنوان کا صفحہ", "text": "متن", "landmarks": "نشانات",
        "summary_opening": "قابلِ بہاؤ متن، فہرست اور سرخیوں کے ذریعے رہنمائی کے ساتھ، مضمون کی ترتیبِ مطالعہ میں۔",
        "summary_described": "تمام {shown} تصاویر کا متبادل متن موجود ہے۔",
        "summary_undescribed": "{shown} میں سے {missing} تصاویر کا متبادل متن موجود نہیں۔",
        "summary_no_images": "متن سمجھنے کے لیے کوئی تصویر دیکھنا ضروری نہیں۔",
        "summary_placeholders": "{placeholders} تصاویر حاصل نہ ہو سکیں، ان کی جگہ متبادل متن دکھایا گیا ہے۔",
        "sentence_joiner": " ",
    },
    "hi": {
        "editor": "संपादक", "authors": "लेखक", "source": "स्रोत", "placeholder": "चित्र उपलब्ध नहीं",
        "notes": "टिप्पणियाँ", "contents": "विषय-सूची", "page": "पृष्ठ {page} / {pages}",
        "reporter": "रिपोर्ट", "reported_from": ", {place}",
        "figure": "चित्र", "table": "तालिका", "continued": "{label} (जारी)", "list_separator": ", ", "label_separator": ": ",
        "credit": "फ़ोटो", "untitled": "शीर्षकहीन",
        "in_this_issue": "इस अंक में", "article_count": "{n} लेख", "issue_cover": "अंक का आवरण",
        "cover": "आवरण", "titlepage": "शीर्षक पृष्ठ", "text": "पाठ", "landmarks": "लैंडमार्क",
        "summary_opening": "पुनःप्रवाहित होने वाला पाठ, विषय-सूची और शीर्षकों से नेविगेशन सहित, लेख के पठन-क्रम में।",
        "summary_described": "सभी {shown} चित्रों का वैकल्पिक पाठ है।",
        "summary_undescribed": "{shown} में से {missing} चित्रों का वैकल्पिक पाठ नहीं है।",
        "summary_no_images": "पाठ समझने के लिए कोई चित्र देखना ज़रूरी नहीं है।",
        "summary_placeholders": "{placeholders} चित्र प्राप्त नहीं हो सके, उनकी जगह पाठ दिखाया गया है।",
        "sentence_joiner": " ",
    },
    "ru": {
        "editor": "Редактор", "authors": "Автор", "source": "Источник", "placeholder": "Изображение недоступно",
        "notes": "Примечания", "contents": "Содержание", "page": "Страница {page} из {pages}",
        "reporter": "Автор", "reported_from": ", {place}",
        "figure": "Рисунок", "table": "Таблица", "continued": "{label} (продолжение)", "list_separator": ", ", "label_separator": ": ",
        "credit": "Фото", "untitled": "Без названия",
        "in_this_issue": "В этом выпуске", "article_count": "Статей: {n}", "issue_cover": "Обложка выпуска",
        "cover": "Обложка", "titlepage": "Титульная страница", "text": "Текст", "landmarks": "Ориентиры",
        "summary_opening": "Текст с переменной вёрсткой, оглавлением и навигацией по заголовкам, в порядке чтения "
                           "статьи.",
        "summary_described": "У всех изображений ({shown}) есть текстовое описание.",
        "summary_undescribed": "У {missing} из {shown} изображений нет текстового описания.",
        "summary_no_images": "Чтобы понять текст, не нужно видеть ни одного изображения.",
        "summary_placeholders": "Не удалось получить изображений: {placeholders}; вместо них показан текст.",
        "sentence_joiner": " ",
    },
    # European and South-East Asian languages: a noun and a colon (`Text: Anna Keller`), as their papers label
    # a byline; French puts a narrow no-break space before its colon.
    "de": {
        "editor": "Redaktion",
        "authors": "Text",
        "source": "Quelle",
        "placeholder": "Bild nicht verfügbar",
        "notes": "Anmerkungen",
        "contents": "Inhalt",
        "page": "Seite {page} von {pages}",
        "reporter": "Text",
        "reported_from": ", {place}",
        "figure": "Abbildung",
        "table": "Tabelle", "continued": "{label} (Fortsetzung)",
        "list_separator": ", ",
        "label_separator": ": ",
        "credit": "Foto",
        "untitled": "Ohne Titel",
        "in_this_issue": "In dieser Ausgabe",
        "article_count": "{n} Artikel",
        "issue_cover": "Titelseite der Ausgabe",
        "cover": "Umschlag",
        "titlepage": "Titelseite",
        "text": "Text",
        "landmarks": "Orientierungspunkte",
        "summary_opening": "Umbrechbarer Text mit Inhaltsverzeichnis und Navigation über Überschriften, in der Lesereihenfolge des Artikels.",
        "summary_described": "Alle {shown} Bilder haben einen Alternativtext.",
        "summary_undescribed": "{missing} von {shown} Bildern fehlt ein Alternativtext.",
        "summary_no_images": "Kein Bild muss gesehen werden, um dem Text zu folgen.",
        "summary_placeholders": "{placeholders} Bild(er) konnten nicht abgerufen werden und sind durch einen Textplatzhalter ersetzt.",
        "sentence_joiner": " ",
    },
    "fr": {
        "editor": "Édition",
        "authors": "Texte",
        "source": "Source",
        "placeholder": "Image indisponible",
        "notes": "Notes",
        "contents": "Sommaire",
        "page": "Page {page} sur {pages}",
        "reporter": "Texte",
        "reported_from": ", {place}",
        "figure": "Figure",
        "table": "Tableau", "continued": "{label} (suite)",
        "list_separator": ", ",
        "label_separator": " : ",
        "credit": "Photo",
        "untitled": "Sans titre",
        "in_this_issue": "Dans ce numéro",
        "article_count": "{n} articles",
        "issue_cover": "Couverture du numéro",
        "cover": "Couverture",
        "titlepage": "Page de titre",
        "text": "Texte",
        "landmarks": "Repères",
        "summary_opening": "Texte recomposable avec table des matières et navigation par titres, dans l’ordre de lecture de l’article.",
        "summary_described": "Les {shown} images ont toutes une alternative textuelle.",
        "summary_undescribed": "{missing} des {shown} images n’ont pas d’alternative textuelle.",
        "summary_no_images": "Aucune image n’est nécessaire pour suivre le texte.",
        "summary_placeholders": "{placeholders} image(s) n’ont pas pu être obtenues et sont remplacées par un texte de substitution.",
        "sentence_joiner": " ",
    },
    "es": {
        "editor": "Edición",
        "authors": "Texto",
        "source": "Fuente",
        "placeholder": "Imagen no disponible",
        "notes": "Notas",
        "contents": "Índice",
        "page": "Página {page} de {pages}",
        "reporter": "Texto",
        "reported_from": ", {place}",
        "figure": "Figura",
        "table": "Tabla", "continued": "{label} (continuación)",
        "list_separator": ", ",
        "label_separator": ": ",
        "credit": "Foto",
        "untitled": "Sin título",
        "in_this_issue": "En este número",
        "article_count": "{n} artículos",
        "issue_cover": "Portada del número",
        "cover": "Portada",
        "titlepage": "Portadilla",
        "text": "Texto",
        "landmarks": "Puntos de referencia",
        "summary_opening": "Texto adaptable con índice y navegación por encabezados, en el orden de lectura del artículo.",
        "summary_described": "Las {shown} imágenes tienen texto alternativo.",
        "summary_undescribed": "{missing} de {shown} imágenes no tienen texto alternativo.",
        "summary_no_images": "No es necesario ver ninguna imagen para seguir el texto.",
        "summary_placeholders": "{placeholders} imagen(es) no se pudieron obtener y se sustituyen por un texto.",
        "sentence_joiner": " ",
    },
    "it": {
        "editor": "Redazione",
        "authors": "Testo",
        "source": "Fonte",
        "placeholder": "Immagine non disponibile",
        "notes": "Note",
        "contents": "Indice",
        "page": "Pagina {page} di {pages}",
        "reporter": "Testo",
        "reported_from": ", {place}",
        "figure": "Figura",
        "table": "Tabella", "continued": "{label} (continua)",
        "list_separator": ", ",
        "label_separator": ": ",
        "credit": "Foto",
        "untitled": "Senza titolo",
        "in_this_issue": "In questo numero",
        "article_count": "{n} articoli",
        "issue_cover": "Copertina del numero",
        "cover": "Copertina",
        "titlepage": "Frontespizio",
        "text": "Testo",
        "landmarks": "Punti di riferimento",
        "summary_opening": "Testo adattabile con indice e navigazione per titoli, nell’ordine di lettura dell’articolo.",
        "summary_described": "Tutte le {shown} immagini hanno un testo alternativo.",
        "summary_undescribed": "{missing} immagini su {shown} non hanno un testo alternativo.",
        "summary_no_images": "Nessuna immagine deve essere vista per seguire il testo.",
        "summary_placeholders": "{placeholders} immagini non sono state ottenute e sono sostituite da un testo.",
        "sentence_joiner": " ",
    },
    "pt": {
        "editor": "Edição",
        "authors": "Texto",
        "source": "Fonte",
        "placeholder": "Imagem indisponível",
        "notes": "Notas",
        "contents": "Sumário",
        "page": "Página {page} de {pages}",
        "reporter": "Texto",
        "reported_from": ", {place}",
        "figure": "Figura",
        "table": "Tabela", "continued": "{label} (continuação)",
        "list_separator": ", ",
        "label_separator": ": ",
        "credit": "Foto",
        "untitled": "Sem título",
        "in_this_issue": "Nesta edição",
        "article_count": "{n} artigos",
        "issue_cover": "Capa da edição",
        "cover": "Capa",
        "titlepage": "Folha de rosto",
        "text": "Texto",
        "landmarks": "Pontos de referência",
        "summary_opening": "Texto refluível com sumário e navegação por títulos, na ordem de leitura do artigo.",
        "summary_described": "Todas as {shown} imagens têm texto alternativo.",
        "summary_undescribed": "{missing} de {shown} imagens não têm texto alternativo.",
        "summary_no_images": "Nenhuma imagem precisa ser vista para acompanhar o texto.",
        "summary_placeholders": "{placeholders} imagem(ns) não puderam ser obtidas e foram substituídas por texto.",
        "sentence_joiner": " ",
    },
    "vi": {
        "editor": "Biên tập",
        "authors": "Tác giả",
        "source": "Nguồn",
        "placeholder": "Không thể hiển thị ảnh",
        "notes": "Ghi chú",
        "contents": "Mục lục",
        "page": "Trang {page}/{pages}",
        "reporter": "Tác giả",
        "reported_from": ", {place}",
        "figure": "Hình",
        "table": "Bảng", "continued": "{label} (tiếp theo)",
        "list_separator": ", ",
        "label_separator": ": ",
        "credit": "Ảnh",
        "untitled": "Không có tiêu đề",
        "in_this_issue": "Trong số này",
        "article_count": "{n} bài",
        "issue_cover": "Bìa số báo",
        "cover": "Bìa",
        "titlepage": "Trang tiêu đề",
        "text": "Nội dung",
        "landmarks": "Mốc điều hướng",
        "summary_opening": "Văn bản có thể dàn lại, có mục lục và điều hướng theo tiêu đề, theo thứ tự đọc của bài viết.",
        "summary_described": "Tất cả {shown} hình ảnh đều có văn bản thay thế.",
        "summary_undescribed": "{missing} trong số {shown} hình ảnh không có văn bản thay thế.",
        "summary_no_images": "Không cần xem hình ảnh nào để theo dõi nội dung.",
        "summary_placeholders": "{placeholders} hình ảnh không thể tải được và được thay bằng văn bản.",
        "sentence_joiner": " ",
    },
    "th": {
        "editor": "บรรณาธิการ",
        "authors": "ผู้เขียน",
        "source": "ที่มา",
        "placeholder": "ไม่สามารถแสดงภาพได้",
        "notes": "หมายเหตุ",
        "contents": "สารบัญ",
        "page": "หน้า {page} จาก {pages}",
        "reporter": "ผู้เขียน",
        "reported_from": " {place}",
        "figure": "ภาพที่",
        "table": "ตารางที่", "continued": "{label} (ต่อ)",
        "list_separator": ", ",
        "label_separator": ": ",
        "credit": "ภาพ",
        "untitled": "ไม่มีชื่อเรื่อง",
        "in_this_issue": "ในฉบับนี้",
        "article_count": "{n} บทความ",
        "issue_cover": "ปกฉบับนี้",
        "cover": "ปก",
        "titlepage": "หน้าชื่อเรื่อง",
        "text": "เนื้อหา",
        "landmarks": "จุดนำทาง",
        "summary_opening": "ข้อความจัดหน้าใหม่ได้ พร้อมสารบัญและการนำทางตามหัวข้อ ตามลำดับการอ่านของบทความ",
        "summary_described": "ภาพทั้ง {shown} ภาพมีข้อความแทนภาพ",
        "summary_undescribed": "ภาพ {missing} จาก {shown} ภาพไม่มีข้อความแทนภาพ",
        "summary_no_images": "ไม่มีภาพใดที่ต้องดูเพื่อเข้าใจเนื้อหา",
        "summary_placeholders": "ภาพ {placeholders} ภาพไม่สามารถดึงมาได้ และแสดงเป็นข้อความแทน",
        "sentence_joiner": " ",
    },
    "el": {
        "editor": "Επιμέλεια",
        "authors": "Κείμενο",
        "source": "Πηγή",
        "placeholder": "Η εικόνα δεν είναι διαθέσιμη",
        "notes": "Σημειώσεις",
        "contents": "Περιεχόμενα",
        "page": "Σελίδα {page} από {pages}",
        "reporter": "Κείμενο",
        "reported_from": ", {place}",
        "figure": "Εικόνα",
        "table": "Πίνακας", "continued": "{label} (συνέχεια)",
        "list_separator": ", ",
        "label_separator": ": ",
        "credit": "Φωτογραφία",
        "untitled": "Χωρίς τίτλο",
        "in_this_issue": "Σε αυτό το τεύχος",
        "article_count": "{n} άρθρα",
        "issue_cover": "Εξώφυλλο τεύχους",
        "cover": "Εξώφυλλο",
        "titlepage": "Σελίδα τίτλου",
        "text": "Κείμενο",
        "landmarks": "Ορόσημα",
        "summary_opening": "Αναδιπλούμενο κείμενο με πίνακα περιεχομένων και πλοήγηση μέσω επικεφαλίδων, με τη σειρά ανάγνωσης του άρθρου.",
        "summary_described": "Και οι {shown} εικόνες έχουν εναλλακτικό κείμενο.",
        "summary_undescribed": "{missing} από τις {shown} εικόνες δεν έχουν εναλλακτικό κείμενο.",
        "summary_no_images": "Καμία εικόνα δεν χρειάζεται να φανεί για να κατανοηθεί το κείμενο.",
        "summary_placeholders": "{placeholders} εικόνα(-ες) δεν ήταν δυνατό να ληφθούν και αντικαταστάθηκαν από κείμενο.",
        "sentence_joiner": " ",
    },
    "id": {
        "editor": "Editor",
        "authors": "Penulis",
        "source": "Sumber",
        "placeholder": "Gambar tidak tersedia",
        "notes": "Catatan",
        "contents": "Daftar isi",
        "page": "Halaman {page} dari {pages}",
        "reporter": "Penulis",
        "reported_from": ", {place}",
        "figure": "Gambar",
        "table": "Tabel", "continued": "{label} (lanjutan)",
        "list_separator": ", ",
        "label_separator": ": ",
        "credit": "Foto",
        "untitled": "Tanpa judul",
        "in_this_issue": "Dalam edisi ini",
        "article_count": "{n} artikel",
        "issue_cover": "Sampul edisi",
        "cover": "Sampul",
        "titlepage": "Halaman judul",
        "text": "Teks",
        "landmarks": "Penanda",
        "summary_opening": "Teks yang dapat mengalir ulang dengan daftar isi dan navigasi judul, sesuai urutan baca artikel.",
        "summary_described": "Semua {shown} gambar memiliki teks alternatif.",
        "summary_undescribed": "{missing} dari {shown} gambar tidak memiliki teks alternatif.",
        "summary_no_images": "Tidak ada gambar yang harus dilihat untuk mengikuti teks.",
        "summary_placeholders": "{placeholders} gambar tidak dapat diperoleh dan diganti dengan teks.",
        "sentence_joiner": " ",
    },
    "en": {
        "editor": "Edited by", "authors": "By", "source": "Source", "placeholder": "Image unavailable",
        "notes": "Notes", "contents": "Contents", "page": "Page {page} of {pages}",
        "reporter": "By", "reported_from": ", {place}",
        "figure": "Figure", "table": "Table", "continued": "{label} (continued)", "list_separator": ", ", "label_separator": " ",
        "credit": "Photo", "untitled": "Untitled",
        "in_this_issue": "In this issue", "article_count": "{n} articles", "issue_cover": "Cover of the issue",
        "cover": "Cover", "titlepage": "Title page", "text": "Text", "landmarks": "Landmarks",
        "summary_opening": "Reflowable text with a table of contents and heading navigation, in the article's "
                           "reading order.",
        "summary_described": "All {shown} images have a text alternative.",
        "summary_undescribed": "{missing} of {shown} images lack a text alternative.",
        "summary_no_images": "No image needs to be seen to follow the text.",
        "summary_placeholders": "{placeholders} image(s) could not be obtained and are replaced by a text "
                                "placeholder.",
        "sentence_joiner": " ",
    },
}


def language_key(lang: str) -> str:
    """The table a BCP 47 tag reads its words from: `zh-Hant` for Traditional script (`zh-TW`, `zh-HK`,
    `zh-Hant`), `zh` for Simplified, the language's own where `_WORDS` has one (`ja`, `ko`, `ar`, `he`, `fa`,
    `ur`, `hi`, `ru`, `de`, `fr`, `es`, `it`, `pt`, `vi`, `th`, `el`, `id`), `en` for the rest."""
    if is_chinese(lang):
        return "zh-Hant" if han_script(lang) == "hant" else "zh"
    return primary_language(lang) if primary_language(lang) in _WORDS else "en"


# Where a region's press words it otherwise than Taiwan's: Hong Kong's and Macao's papers report `香港報道`
# (`報導` is Taiwan's); `記者 陳嘉欣 香港報道` was shown `記者：陳嘉欣／香港報導`, the writer's word changed.
_REGIONAL = {"HK": {"reported_from": "／{place}報道"}, "MO": {"reported_from": "／{place}報道"}}


# A callout's or alert's heading where its writer gave none (`> [!WARNING]`), by its kind; English for the rest
_CALLOUTS = {
    "zh": {"note": "注", "tip": "提示", "important": "重要", "warning": "警告", "caution": "注意", "info": "信息",
           "todo": "待办", "abstract": "摘要", "summary": "摘要", "question": "问题", "example": "示例",
           "quote": "引述", "danger": "危险", "success": "完成", "failure": "失败", "bug": "问题"},
    "zh-Hant": {"note": "註", "tip": "提示", "important": "重要", "warning": "警告", "caution": "注意", "info": "資訊",
                "todo": "待辦", "abstract": "摘要", "summary": "摘要", "question": "問題", "example": "示例",
                "quote": "引述", "danger": "危險", "success": "完成", "failure": "失敗", "bug": "問題"},
}


def callout_label(kind: str, lang: str) -> str:
    """`注` / `Note`: the heading of a callout of `kind` (`note`, `warning`, …) that has no title of its own."""
    return _CALLOUTS.get(language_key(lang), {}).get(kind) or kind.replace("-", " ").capitalize()


def labels(lang: str) -> dict[str, str]:
    """Every word for `lang` (English for a language without a table of its own)."""
    words = _WORDS[language_key(lang)]
    region = lang.replace("_", "-").split("-")[-1].upper() if is_chinese(lang) else ""
    return {**words, **_REGIONAL[region]} if region in _REGIONAL else words


# ---------------------------------------------------------------- the byline


@dataclass(frozen=True)
class BylinePart:
    """One item of the byline: `label` may be empty; `url` makes the value a link."""

    kind: str  # authors | editor | dateline | date | source
    label: str
    value: str
    url: str = ""


def site_name(meta: Meta) -> str:
    """The publishing site: its name, else its host name; empty when the article names neither."""
    return meta.source_site or urllib.parse.urlsplit(meta.source_url).hostname or ""


BYLINE_SEPARATOR = " · "  # between a byline's items, wherever it is shown (the page, the DOCX, the EPUB's cover)


def byline(meta: Meta) -> list[BylinePart]:
    """The byline items of an article, in reading order, worded for its language."""
    words = labels(meta.lang)
    parts: list[BylinePart] = []
    if meta.authors and meta.reported:  # `记者：王某／北京报道`, `By Ann Lee, Riverton`
        place = words["reported_from"].format(place=meta.place) if meta.place else ""
        parts.append(BylinePart("authors", words["reporter"], name_list(meta.authors, meta.lang) + place))
    elif meta.authors:
        note = meta.author_note and (f"（{meta.author_note}）" if is_wide(meta.author_note[0]) else f" ({meta.author_note})")
        parts.append(BylinePart("authors", words["authors"], name_list(meta.authors, meta.lang) + note))
    if meta.editor:
        parts.append(BylinePart("editor", words["editor"], meta.editor))
    if meta.dateline:
        parts.append(BylinePart("dateline", "", meta.dateline))
    if meta.date and not meta.date_signed:
        parts.append(BylinePart("date", "", format_date(meta.date, meta.lang)))
    if meta.source_url or meta.source_site:
        parts.append(BylinePart("source", words["source"], site_name(meta) or meta.source_url, meta.source_url))
    return parts


def byline_text(part: BylinePart, lang: str) -> str:
    """A byline item as plain text: `编辑：许楠楠`, `By Ann Lee`, `Source: Reuters`, `2023年10月30日 10:57`."""
    if not part.label:
        return part.value
    separator = labels(lang)["label_separator"]
    if separator == " " and part.kind == "source":
        separator = ": "
    return f"{part.label}{separator}{part.value}"


# The labels a caption is typed with in an input (`图 3　…`, `Fig. 2`, `表 1`), the editions' own among them:
# read off a caption, which the editions label and number themselves (`enrich.structure`, `readers.walk`)
FIGURE_LABEL_WORDS = ("图", "圖", "Figure", "Fig.")
TABLE_LABEL_WORDS = ("表", "Table")


# The roles a credit keeps, shown as written (a chart's `制图：张三`), and the labels that say where a picture is
# from (`图源：IT桔子`): `enrich.captions` reads both off a caption
DRAWN_ROLES = ("制图", "製圖", "绘图", "繪圖")
SOURCE_LABELS = ("图片来源", "圖片來源", "照片来源", "照片來源", "图源", "圖源")
# A credit that says where the picture comes from, not who took it: `中央氣象署提供` (supplied), `新华社发`,
# `警方供图`, `视频截图` (a still), `翻摄` (a photo of a photo), a file picture (`資料照片`), an illustration
_SOURCE_ENDINGS = ("提供", "供图", "供圖", "截图", "截圖", "翻摄", "翻攝")
_SOURCE_OPENINGS = ("翻摄", "翻攝")  # `翻攝自蔡依林IG`: a photo of a screen or a print, from where it was
SOURCE_CREDITS = {"资料图", "資料圖", "资料照片", "資料照片", "资料照", "資料照", "档案照片", "檔案照片", "资料图片", "資料圖片", "示意图", "示意圖", "网络图片", "網路圖片",
                   "網絡圖片"}


def credit_text(credit: str, lang: str) -> str:
    """A picture's credit as shown under it: `摄影：新华社记者 王某`, `Photo: Reuters`; a credit that names
    its own role (a chart's `制图：王某`) or its source (`中央氣象署提供`, `資料照片`) as it is: `摄影：資料照片`
    named a photographer who is none."""
    if credit.split("：", 1)[0] in (*DRAWN_ROLES, *SOURCE_LABELS) or credit.endswith(_SOURCE_ENDINGS) \
            or credit.startswith(_SOURCE_OPENINGS) or credit in SOURCE_CREDITS:
        return credit
    separator = labels(lang)["label_separator"]
    return f"{labels(lang)['credit']}{': ' if separator == ' ' else separator}{credit}"


def name_list(names: tuple[str, ...], lang: str) -> str:
    """`王晓明、李华` / `Ann Lee and Bo Chen` / `A, B and C`."""
    if language_key(lang) != "en":
        return labels(lang)["list_separator"].join(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def running_header(meta: Meta, header: str) -> str:
    """The header line of the print editions: the title or the site, as the theme asks (`header` is
    title | site | none), each standing in for the other when missing; empty for none."""
    if header == "none":
        return ""
    if header == "site":
        return site_name(meta) or meta.title
    return meta.title or site_name(meta)


def accessibility_summary(lang: str, shown: int, missing_alt: int, placeholders: int) -> str:
    """The EPUB's schema:accessibilitySummary, from what the content bears out."""
    words = labels(lang)
    parts = [words["summary_opening"]]
    if shown:
        parts.append(words["summary_described"] if not missing_alt else words["summary_undescribed"])
    else:
        parts.append(words["summary_no_images"])
    if placeholders:
        parts.append(words["summary_placeholders"])
    return words["sentence_joiner"].join(parts).format(shown=shown, missing=missing_alt, placeholders=placeholders)
