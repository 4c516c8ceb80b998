import pytest

from align_kit.translit import phonetic_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Лукашэнка", "Лукашенко", "Lukashenko", "Lukashenka"),
        ("Ціханоўская", "Тихановская", "Tsikhanouskaya", "Tikhanovskaya"),
        ("Латушка", "Латушко", "Latushka", "Latushko"),
        ("Кавалеўскі", "Ковалевский", "Kavaleuski"),
        ("Гродна", "Гродно", "Hrodna", "Grodno"),
        ("Дзмітрый", "Дмитрий", "Dzmitry"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings):
    keys = {phonetic_key(s) for s in spellings}
    assert len(keys) == 1, keys


def test_different_names_get_different_keys():
    assert phonetic_key("Лукашэнка") != phonetic_key("Латушка")
    assert phonetic_key("Tsikhanouskaya") != phonetic_key("Kavaleuski")


def test_latin_digraphs_key_like_the_cyrillic_letter_they_spell():
    assert phonetic_key("Statkevich") == phonetic_key("Статкевіч") == phonetic_key("Статкевич")
    assert phonetic_key("Shchuchyn") == phonetic_key("Шчучын")
