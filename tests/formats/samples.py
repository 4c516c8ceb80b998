"""Test alignments built in code from sentences written for this project."""

from __future__ import annotations

from align_kit.formats.tmx import rebuild_document
from align_kit.model import Alignment, Bead, Document, Finding, Notice, Paragraph, Segment

BE = [
    "Аб'яднаны пераходны кабінет сабраўся ў Вільні 9 ліпеня.",
    "Святлана Ціханоўская заклікала вызваліць усіх палітвязняў.",
    "Павел Латушка распавёў пра новыя санкцыі.",
    "Ён дадаў: «Ціск павінен расці».",
    "Каардынацыйная рада падтрымала заяву.",
    "Дэлегацыя выступіла ў ПАСЕ ў Страсбургу.",
    "Фота: прэс-служба.",
]
RU = [
    "Объединённый переходный кабинет собрался в Вильнюсе 9 июля.",
    "Светлана Тихановская призвала освободить всех политзаключённых.",
    "Павел Латушко рассказал о новых санкциях и добавил: «Давление должно расти».",
    "Координационный совет поддержал заявление.",
    "Делегация выступила в ПАСЕ в Страсбурге.",
]
EN = [
    "The United Transitional Cabinet met in Vilnius on July 9.",
    "Sviatlana Tsikhanouskaya called for the release of all political prisoners.",
    "Pavel Latushka spoke about new sanctions.",
    'He added: "The pressure must grow."',
    "The delegation spoke at PACE in Strasbourg.",
    "Editor's note: the meeting was held in Warsaw's old town.",
]


def _doc(doc_id: str, lang: str, sentences: list[str], source: str) -> Document:
    """A document with two paragraphs, sentences separated by a space: realistic spans."""
    half = (len(sentences) + 1) // 2
    text, segments, paragraphs = "", [], []
    for p, chunk in enumerate((sentences[:half], sentences[half:])):
        if p:
            text += "\n\n"
        start = len(text)
        for n, sentence in enumerate(chunk):
            if n:
                text += " "
            segments.append(Segment(sentence, len(text), len(text) + len(sentence), p))
            text += sentence
        paragraphs.append(Paragraph(start, len(text)))
    return Document(id=doc_id, language=lang, text=text, paragraphs=tuple(paragraphs),
                    segments=tuple(segments), metadata={"title": sentences[0][:20]},
                    source=source, encoding="utf-8", checksum="sha256:0f00",
                    notices=(Notice("nbsp-normalised", "replaced 2 no-break spaces",
                                    "info", source, 3),))


def three_way() -> Alignment:
    """be original, ru and en translations: merges, splits, omissions, a caption, an MT draft."""
    docs = (_doc("cabinet.be", "be", BE, "corpora/sample/cabinet.be.md"),
            _doc("cabinet.ru", "ru", RU, "corpora/sample/cabinet.ru.txt"),
            _doc("cabinet.en", "en", EN, "corpora/sample/cabinet.en.html"))
    beads = (
        Bead(((0,), (0,), (0,)), 0.97),
        Bead(((1,), (1,), (1,)), 0.91, frozenset({"reviewed"})),
        Bead(((2, 3), (2,), (2, 3)), 0.74),
        Bead(((4,), (3,), ()), 0.41, frozenset({"mt"}),
             {"en": "The Coordination Council supported the statement."}),
        Bead(((5,), (4,), (4,)), 0.88),
        Bead(((6,), (), ()), 0.2),
        Bead(((), (), (5,)), 0.15),
    )
    findings = (
        Finding("glossary", "error", "forbidden variant «Латушко» for «Латушка»", "cabinet.ru",
                bead=2, language="ru", span=(0, 13), entry="latushka", term="Латушко",
                expected=("Латушка",)),
        Finding("length", "info", "the English side is much shorter", "cabinet", bead=None),
        Finding("glossary", "warning", "«PACE» not found", "cabinet.en", bead=4, language="en"),
    )
    return Alignment(docs, beads, original="be", id="cabinet",
                     parameters={"aligner": "gale-church", "max_bead": 2, "weights": [0.5, 1]},
                     findings=findings)


def pair(lang: str = "en", sources: list[str] | None = None,
         targets: list[str] | None = None, scores: list[float] | None = None,
         doc_id: str = "prisoners") -> Alignment:
    """A simple 1-1 alignment be -> `lang` of n sentences."""
    sources = sources if sources is not None else [f"Палітвязень нумар {i} застаецца ў турме."
                                                   for i in range(20)]
    targets = targets if targets is not None else [f"Political prisoner number {i} remains "
                                                   "in prison." for i in range(len(sources))]
    scores = scores or [0.9 if i % 5 else 0.3 for i in range(len(sources))]
    docs = (rebuild_document(f"{doc_id}.be", "be", sources, source=f"in/{doc_id}.be.txt"),
            rebuild_document(f"{doc_id}.{lang}", lang, targets, source=f"in/{doc_id}.{lang}.txt"))
    beads = tuple(Bead(((i,), (i,)), scores[i]) for i in range(len(sources)))
    return Alignment(docs, beads, original="be", id=doc_id)
