"""Hand-written hard cases, one per item of the issue, in English, Belarusian and Russian.

Every case states the exact sentences expected; the texts are our own
(Belarusian democratic politics), not NTREX.
"""

import pytest

from align_kit.segment import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [s.text for s in split_sentences(text, lang)]


CASES = [
    # --- abbreviations ---------------------------------------------------------------------------
    ("en", "Mr. Latushka met Dr. Smith in Vilnius. They spoke for an hour.",
     ["Mr. Latushka met Dr. Smith in Vilnius.", "They spoke for an hour."]),
    ("en", "The U.S. Senate passed the sanctions bill. It now goes to the House.",
     ["The U.S. Senate passed the sanctions bill.", "It now goes to the House."]),
    ("en", "The bill was welcomed in the U.S. The Cabinet thanked Congress.",
     ["The bill was welcomed in the U.S.", "The Cabinet thanked Congress."]),
    ("en", "The verdict came on Jan. 12 in Minsk. Protests followed.",
     ["The verdict came on Jan. 12 in Minsk.", "Protests followed."]),
    ("en", "Resolution No. 2372 was adopted by PACE. Belarus was named in it.",
     ["Resolution No. 2372 was adopted by PACE.", "Belarus was named in it."]),
    ("en", "Sens. Graham and Wicker backed it, i.e. a bipartisan bill. Vote next week.",
     ["Sens. Graham and Wicker backed it, i.e. a bipartisan bill.", "Vote next week."]),
    ("ru", "Встреча прошла в г. Вильнюсе. Её провела Светлана Тихановская.",
     ["Встреча прошла в г. Вильнюсе.", "Её провела Светлана Тихановская."]),
    ("ru", "Протесты 2020 г. изменили страну. В 2021 г. В Варшаве открылся офис.",
     ["Протесты 2020 г. изменили страну.", "В 2021 г.", "В Варшаве открылся офис."]),
    ("ru", "Выборы 2020 г. были сфальсифицированы. В августе начались протесты.",
     ["Выборы 2020 г. были сфальсифицированы.", "В августе начались протесты."]),
    ("ru", "В 1994–2020 гг. выборы не были свободными. Это признала ПАСЕ.",
     ["В 1994–2020 гг. выборы не были свободными.", "Это признала ПАСЕ."]),
    ("ru", "Кабинет, т.е. Объединённый переходный кабинет, собрался в Варшаве. Решение принято.",
     ["Кабинет, т.е. Объединённый переходный кабинет, собрался в Варшаве.", "Решение принято."]),
    ("ru", "Речь шла о санкциях, визах и т.д. Затем выступил Латушко.",
     ["Речь шла о санкциях, визах и т.д.", "Затем выступил Латушко."]),
    ("ru", "Обсуждали санкции, визы и др. Совет одобрил план.",
     ["Обсуждали санкции, визы и др.", "Совет одобрил план."]),
    ("ru", "Ущерб оценили в 3 млн. Потом цифру уточнили.",
     ["Ущерб оценили в 3 млн.", "Потом цифру уточнили."]),
    ("ru", "Фонд собрал 2,6 млрд. рублей за год. Это рекорд.",
     ["Фонд собрал 2,6 млрд. рублей за год.", "Это рекорд."]),
    ("ru", "Офис находится на ул. Пулавской в Варшаве. Туда приходят беларусы.",
     ["Офис находится на ул. Пулавской в Варшаве.", "Туда приходят беларусы."]),
    ("ru", "Концерт прошёл в театре им. Янки Купалы. Зал был полон.",
     ["Концерт прошёл в театре им. Янки Купалы.", "Зал был полон."]),
    ("be", "Сустрэча адбылася ў г. Вільні. Яе правяла Святлана Ціханоўская.",
     ["Сустрэча адбылася ў г. Вільні.", "Яе правяла Святлана Ціханоўская."]),
    ("be", "Пратэсты 2020 г. змянілі краіну. У 2021 г. У Варшаве адкрыўся офіс.",
     ["Пратэсты 2020 г. змянілі краіну.", "У 2021 г.", "У Варшаве адкрыўся офіс."]),
    ("be", "У 1994–2020 гг. выбары не былі свабоднымі. Гэта прызнала ПАСЕ.",
     ["У 1994–2020 гг. выбары не былі свабоднымі.", "Гэта прызнала ПАСЕ."]),
    ("be", "Кабінет, г.зн. Аб'яднаны пераходны кабінет, сабраўся ў Варшаве. Рашэнне прынятае.",
     ["Кабінет, г.зн. Аб'яднаны пераходны кабінет, сабраўся ў Варшаве.",
      "Рашэнне прынятае."]),
    ("be", "Гаворка ішла пра санкцыі, візы і т.п. Потым выступіў Латушка.",
     ["Гаворка ішла пра санкцыі, візы і т.п.", "Потым выступіў Латушка."]),
    ("be", "Офіс месціцца на вул. Пулаўскай у Варшаве. Туды прыходзяць беларусы.",
     ["Офіс месціцца на вул. Пулаўскай у Варшаве.", "Туды прыходзяць беларусы."]),
    ("be", "Шкоду ацанілі ў 3 млн. Потым лічбу ўдакладнілі.",
     ["Шкоду ацанілі ў 3 млн.", "Потым лічбу ўдакладнілі."]),
    ("be", "Фонд сабраў 2,6 млрд. рублёў за год. Гэта рэкорд.",
     ["Фонд сабраў 2,6 млрд. рублёў за год.", "Гэта рэкорд."]),
    ("be", "Слова ўзяў сп. Латушка. Ён казаў пра палітвязняў.",
     ["Слова ўзяў сп. Латушка.", "Ён казаў пра палітвязняў."]),
    # --- initials --------------------------------------------------------------------------------
    ("be", "Заяву падпісала С. Ціханоўская. Яна заклікала да санкцый.",
     ["Заяву падпісала С. Ціханоўская.", "Яна заклікала да санкцый."]),
    ("be", "Прамаўлялі С. Г. Ціханоўская і П. Латушка. Потым было галасаванне.",
     ["Прамаўлялі С. Г. Ціханоўская і П. Латушка.", "Потым было галасаванне."]),
    ("ru", "Заявление подписала С. Тихановская. Она призвала к санкциям.",
     ["Заявление подписала С. Тихановская.", "Она призвала к санкциям."]),
    ("en", "The statement was signed by P. Latushka. He called for sanctions.",
     ["The statement was signed by P. Latushka.", "He called for sanctions."]),
    ("en", "S.G. Tsikhanouskaya spoke at PACE. Delegates stood up.",
     ["S.G. Tsikhanouskaya spoke at PACE.", "Delegates stood up."]),
    # --- numbers with points ---------------------------------------------------------------------
    ("en", "Support grew by 3.5% in a year. The poll had 2.6 thousand replies.",
     ["Support grew by 3.5% in a year.", "The poll had 2.6 thousand replies."]),
    ("ru", "Рост составил 3.5% за год. Бюджет равен 2.6 млрд евро.",
     ["Рост составил 3.5% за год.", "Бюджет равен 2.6 млрд евро."]),
    ("be", "Рост склаў 3.5% за год. Бюджэт роўны 2.6 млрд еўра.",
     ["Рост склаў 3.5% за год.", "Бюджэт роўны 2.6 млрд еўра."]),
    ("en", "The cabinet was formed in 2022. 1,300 political prisoners remain.",
     ["The cabinet was formed in 2022.", "1,300 political prisoners remain."]),
    # --- ordinal dots and enumerations -----------------------------------------------------------
    ("en", "Priorities:\n1. Release political prisoners.\n2. Free elections.",
     ["Priorities:", "1. Release political prisoners.", "2. Free elections."]),
    ("ru", "Приоритеты:\n1. Освобождение политзаключённых.\n2. Свободные выборы.",
     ["Приоритеты:", "1. Освобождение политзаключённых.", "2. Свободные выборы."]),
    ("be", "Прыярытэты:\n1. Вызваленне палітвязняў.\n2. Свабодныя выбары.",
     ["Прыярытэты:", "1. Вызваленне палітвязняў.", "2. Свабодныя выбары."]),
    ("be", "I. Санкцыі\nII. Палітвязні",
     ["I. Санкцыі", "II. Палітвязні"]),
    # --- ellipses --------------------------------------------------------------------------------
    ("en", "We waited... Then the verdict came. It was harsh… and unjust.",
     ["We waited...", "Then the verdict came.", "It was harsh… and unjust."]),
    ("ru", "Мы ждали… Потом пришёл приговор. Он был жёстким... и несправедливым.",
     ["Мы ждали…", "Потом пришёл приговор.", "Он был жёстким... и несправедливым."]),
    ("be", "Мы чакалі… Потым прыйшоў прысуд. Ён быў жорсткім... і несправядлівым.",
     ["Мы чакалі…", "Потым прыйшоў прысуд.", "Ён быў жорсткім... і несправядлівым."]),
    # --- URLs and e-mails ------------------------------------------------------------------------
    ("en", "Read more at https://tsikhanouskaya.org/en/news/?id=5. "
           "Write to press@example.org. Thanks.",
     ["Read more at https://tsikhanouskaya.org/en/news/?id=5.",
      "Write to press@example.org.", "Thanks."]),
    ("ru", "Подробности на www.example.by/news. Пишите на info@example.by. Спасибо.",
     ["Подробности на www.example.by/news.", "Пишите на info@example.by.", "Спасибо."]),
    ("be", "Падрабязнасці на сайце example.org. Пішыце на info@example.org. Дзякуй.",
     ["Падрабязнасці на сайце example.org.", "Пішыце на info@example.org.", "Дзякуй."]),
    # --- quotations ------------------------------------------------------------------------------
    ("ru", "«Мы победим!» — заявила Тихановская. Зал аплодировал.",
     ["«Мы победим!» — заявила Тихановская.", "Зал аплодировал."]),
    ("ru", "Она сказала: «Свобода близко». Затем выступил Латушко.",
     ["Она сказала: «Свобода близко».", "Затем выступил Латушко."]),
    ("be", "Яна сказала: „Мы не здадземся!“ Потым выступіў Латушка.",
     ["Яна сказала: „Мы не здадземся!“", "Потым выступіў Латушка."]),
    ("be", "«Ці вызваляць палітвязняў?» — спыталі журналісты. Адказу не было.",
     ["«Ці вызваляць палітвязняў?» — спыталі журналісты.", "Адказу не было."]),
    ("en", '"Will the prisoners be freed?" Latushka asked. Nobody answered.',
     ['"Will the prisoners be freed?" Latushka asked.', "Nobody answered."]),
    ("en", 'She said: "We will win." The hall applauded.',
     ['She said: "We will win."', "The hall applauded."]),
    ("en", '"Why now?" she asked the delegates in Warsaw.',
     ['"Why now?" she asked the delegates in Warsaw.']),
    # --- em-dash interview layout ----------------------------------------------------------------
    ("en", "— I would like to start with sanctions.\n— Of course. They work.",
     ["— I would like to start with sanctions.", "— Of course.", "They work."]),
    ("ru", "— Когда вы вернётесь в Минск?\n— Когда освободят всех политзаключённых.",
     ["— Когда вы вернётесь в Минск?", "— Когда освободят всех политзаключённых."]),
    ("be", "— Калі вы вернецеся ў Мінск? — Калі вызваляць усіх палітвязняў.",
     ["— Калі вы вернецеся ў Мінск?", "— Калі вызваляць усіх палітвязняў."]),
    ("be", "— Мы будзем змагацца, — сказала яна. — Да канца.",
     ["— Мы будзем змагацца, — сказала яна.", "— Да канца."]),
    # --- question / answer blocks ----------------------------------------------------------------
    ("en", "Q: What does the Cabinet do\nA: It represents Belarusians abroad",
     ["Q: What does the Cabinet do", "A: It represents Belarusians abroad"]),
    ("ru", "Вопрос: Чем занимается кабинет?\nОтвет: Он представляет беларусов за рубежом.",
     ["Вопрос: Чем занимается кабинет?", "Ответ: Он представляет беларусов за рубежом."]),
    ("be", "Пытанне: Чым займаецца кабінет\nАдказ: Ён прадстаўляе беларусаў за мяжой",
     ["Пытанне: Чым займаецца кабінет", "Адказ: Ён прадстаўляе беларусаў за мяжой"]),
    # --- bullets ---------------------------------------------------------------------------------
    ("en", "The Cabinet demands:\n• release of prisoners\n• new elections",
     ["The Cabinet demands:", "• release of prisoners", "• new elections"]),
    ("ru", "Требования: • освобождение политзаключённых • новые выборы",
     ["Требования:", "• освобождение политзаключённых", "• новые выборы"]),
    ("be", "Патрабаванні:\n• вызваленне палітвязняў\n• новыя выбары",
     ["Патрабаванні:", "• вызваленне палітвязняў", "• новыя выбары"]),
    # --- headlines, paragraphs, wrapped lines ----------------------------------------------------
    ("en", "Tsikhanouskaya addresses PACE\n\nThe leader spoke in Strasbourg. She asked for help",
     ["Tsikhanouskaya addresses PACE", "The leader spoke in Strasbourg.", "She asked for help"]),
    ("be", "Ціханоўская ў ПАСЕ\nЛідарка выступіла ў Страсбургу.",
     ["Ціханоўская ў ПАСЕ", "Лідарка выступіла ў Страсбургу."]),
    ("en", "The Coordination Council met in Vilnius on Monday and agreed with\n"
           "Pavel Latushka on the next steps for the sanctions campaign.",
     ["The Coordination Council met in Vilnius on Monday and agreed with\n"
      "Pavel Latushka on the next steps for the sanctions campaign."]),
    ("ru", "Конец абзаца без точки\n\nНачало нового.",
     ["Конец абзаца без точки", "Начало нового."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=lambda v: None)
def test_hard_case(lang, text, expected):
    assert sentences(text, lang) == expected
