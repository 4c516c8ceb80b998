"""Issue 18: the error classes seen on real text (Universal Dependencies), one case each.

The sentences are our own, written in the shape of the errors found there; no
UD or NTREX text is used.
"""

import pytest
from segment_checks import check_cover

from align_kit.segment import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [s.text for s in split_sentences(text, lang)]


CASES = [
    # --- initials whose second letter is also a one-letter word ---------------------------
    ("ru", "Памятник поставил В. И. Соколов. Его открыли в мае.",
     ["Памятник поставил В. И. Соколов.", "Его открыли в мае."]),
    ("ru", "Об этом писал А. С. Грин в письмах.", ["Об этом писал А. С. Грин в письмах."]),
    ("ru", "Текст прочитал О. Я. Лебедев.", ["Текст прочитал О. Я. Лебедев."]),
    ("be", "Кнігу выдаў У. А. Karatkevich. Яна выйшла ў 1964 годзе.",
     ["Кнігу выдаў У. А. Karatkevich.", "Яна выйшла ў 1964 годзе."]),
    ("be", "Працы напісалі А. З. Лапко і Я. І. Міхась.",
     ["Працы напісалі А. З. Лапко і Я. І. Міхась."]),
    ("be", "Лабараторыяй кіраваў М. Дз. Бялько.", ["Лабараторыяй кіраваў М. Дз. Бялько."]),
    ("en", "The letter was signed by A. I. Morrow and two others.",
     ["The letter was signed by A. I. Morrow and two others."]),
    # --- citation markers ------------------------------------------------------------------
    ("en", "She moved to Vilnius in 2020. [4] There she founded a school.",
     ["She moved to Vilnius in 2020. [4]", "There she founded a school."]),
    ("en", 'He called it "a small miracle." [12] Few agreed.',
     ['He called it "a small miracle." [12]', "Few agreed."]),
    ("en", "The school opened in 2021.[3] It has 40 pupils.",
     ["The school opened in 2021.[3]", "It has 40 pupils."]),
    # --- dialogue dashes -------------------------------------------------------------------
    ("ru", "Он закрыл дверь. -- Ты куда собрался? -- Домой.",
     ["Он закрыл дверь.", "-- Ты куда собрался?", "-- Домой."]),
    ("ru", "Она молчала. — Ты опоздал, — сказала она.",
     ["Она молчала.", "— Ты опоздал, — сказала она."]),
    # --- quotations ------------------------------------------------------------------------
    ("en", "“Ouch!” I yelled. The dog ran off.", ["“Ouch!” I yelled.", "The dog ran off."]),
    ("ru", "Мы смотрели фильм «Сто лет. Тишина» вчера вечером.",
     ["Мы смотрели фильм «Сто лет. Тишина» вчера вечером."]),
    ("be", "Вечарам пакажуць фільм “Горад. Я вярнуўся” у клубе.",
     ["Вечарам пакажуць фільм “Горад. Я вярнуўся” у клубе."]),
    # --- emoticons, emoji, URLs ------------------------------------------------------------
    ("ru", "Спасибо за фото 😍 Очень красиво!", ["Спасибо за фото 😍", "Очень красиво!"]),
    ("ru", "Было здорово! 👍 Приедем ещё.", ["Было здорово! 👍", "Приедем ещё."]),
    ("ru", "Погода отличная) Завтра снова пойдём.",
     ["Погода отличная)", "Завтра снова пойдём."]),
    ("ru", "Мы были там (летом) Очень понравилось.",
     ["Мы были там (летом) Очень понравилось."]),
    ("en", "More at http://example.org/news Then scroll down.",
     ["More at http://example.org/news", "Then scroll down."]),
    ("en", "Search for it online. http://example.org/a has the list.",
     ["Search for it online.", "http://example.org/a has the list."]),
    ("be", "📙 Першая кніга; 📙 Другая кніга", ["📙 Першая кніга; 📙 Другая кніга"]),
    # --- mid-paragraph list numbers --------------------------------------------------------
    ("en", "Bring two things. 1. Water for the day. 2. A warm coat.",
     ["Bring two things.", "1. Water for the day.", "2. A warm coat."]),
    # --- lowercase starts ------------------------------------------------------------------
    ("en", "the soup was cold. the waiter never came back. we left early.",
     ["the soup was cold.", "the waiter never came back.", "we left early."]),
    ("en", "where do you live? near the lake? sounds nice.",
     ["where do you live?", "near the lake?", "sounds nice."]),
    ("en", "Call me at 5 p.m. and bring the keys.", ["Call me at 5 p.m. and bring the keys."]),
    ("en", "We bought apples, pears, etc. and went home.",
     ["We bought apples, pears, etc. and went home."]),
    ("ru", "Тираж достиг 5 тыс. экземпляров. Потом его увеличили.",
     ["Тираж достиг 5 тыс. экземпляров.", "Потом его увеличили."]),
    ("en", '"Stop!" she said.', ['"Stop!" she said.']),
    # --- abbreviations met in real text ----------------------------------------------------
    ("be", "Фільм «Дом» (рэж. Ганна Лось) паказалі ўвечары.",
     ["Фільм «Дом» (рэж. Ганна Лось) паказалі ўвечары."]),
    ("en", "The castle was built (c. 1550) by the duke.",
     ["The castle was built (c. 1550) by the duke."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_real_text_error_classes(lang: str, text: str, expected: list[str]) -> None:
    got = split_sentences(text, lang)
    check_cover(text, got)
    assert [s.text for s in got] == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("be", "Прыходзьце ўсе! <a href=\"x\">Чытаць</a>",
     ["Прыходзьце ўсе!", "<a href=\"x\">Чытаць</a>"]),
    ("en", "The vote was close. *** The count resumed.",
     ["The vote was close.", "*** The count resumed."]),
    ("en", "Turnout was high (*) in the north.", ["Turnout was high (*) in the north."]),
    ("en", "i knew him in school and i liked it. why did he leave?",
     ["i knew him in school and i liked it.", "why did he leave?"]),
    ("en", "We drove to Miramar. i think it was sunny.",
     ["We drove to Miramar.", "i think it was sunny."]),
])
def test_markup_and_lowercase_after_the_end(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected
