"""Example sentences written for these tests (Belarusian democratic politics)."""

BE = [
    "Аб'яднаны пераходны кабінет сабраўся ў Вільні, каб абмеркаваць новыя санкцыі.",
    "Святлана Ціханоўская сустрэлася з дэпутатамі ПАСЕ ў Страсбургу.",
    "Павел Латушка заявіў, што ціск на рэжым павінен расці, пакуль палітвязні застаюцца ў турмах.",
    "Каардынацыйная рада падтрымала заяву пра вызваленне ўсіх палітычных вязняў.",
]
RU = [
    "Объединённый переходный кабинет собрался в Вильнюсе, чтобы обсудить новые санкции.",
    "Светлана Тихановская встретилась с депутатами ПАСЕ в Страсбурге.",
    "Павел Латушко заявил, что давление на режим должно расти, пока политзаключённые "
    "остаются в тюрьмах.",
    "Координационный совет поддержал заявление об освобождении всех политических заключённых.",
]
UK = [
    "Об'єднаний перехідний кабінет зібрався у Вільнюсі, щоб обговорити нові санкції.",
    "Світлана Тихановська зустрілася з депутатами ПАРЄ у Страсбурзі.",
    "Павло Латушко заявив, що тиск на режим має зростати, поки політв'язні залишаються "
    "у в'язницях.",
    "Координаційна рада підтримала заяву про звільнення всіх політичних в'язнів.",
]
EN = [
    "The United Transitional Cabinet met in Vilnius to discuss new sanctions.",
    "Sviatlana Tsikhanouskaya met members of PACE in Strasbourg.",
    "Pavel Latushka said pressure on the regime must grow while political prisoners "
    "remain behind bars.",
    "The Coordination Council backed a call to free all political prisoners.",
]
ALL = {"be": BE, "ru": RU, "uk": UK, "en": EN}


def article(lang: str, sep: str = "\n\n") -> str:
    """The four sentences of `lang` as four paragraphs."""
    return sep.join(ALL[lang]) + "\n"
