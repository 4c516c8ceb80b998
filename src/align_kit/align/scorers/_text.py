"""Tokenisation and word lists the model-free scorers share."""

from __future__ import annotations

import sys
from functools import lru_cache

import regex

WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’ʼ\-]*")
LATIN_WORD = regex.compile(r"^[\p{Latin}][\p{Latin}\p{M}'’\-]*$")
CYRILLIC = regex.compile(r"\p{Cyrillic}")

# Function words whose capitalised form at a sentence start is not a name and
# whose cognate key is noise. Short lists: the idf weighting does the rest.
STOPWORDS = {
    "en": set(
        """a an the this that these those there here it its he she his her they them their we
        our you your i me my in on at to of for from by with as and or but not no is are was were
        be been being has have had do does did will would can could should may might must
        if then than so when while after before about into over under up down out also just
        more most some any all each other such what which who whom whose where why how one
        two three four five six seven eight nine ten mr mrs ms dr however meanwhile but yet
        according last first said says new because since until both many much very""".split()
    ),
    "ru": set(
        """и в во не что он она оно они на я с со как а то все всё так его её ее их но да ты к у
        же вы за бы по только мне было вот от меня ещё еще нет о об из ему теперь когда даже
        ну вдруг ли если уже или ни быть был была были него до вас нибудь опять уж вам ведь там
        потом себя ничего ей может тут где есть надо ней для мы тебя чем сам чтобы без будто
        чего раз тоже себе под будет ж тогда кто этот этого эта эти это этом этой того потому
        какой совсем ним здесь один одна одно почти мой тем чтоб нее сейчас были куда зачем
        всех никогда можно при наконец два об другой хоть после над больше тот через эти нас
        про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда
        лучше чуть том нельзя такой им более всегда конечно всю между также однако кроме
        который которые которая которого которых также лишь свой своей своего""".split()
    ),
    "be": set(
        """і й ў у не што ён яна яно яны на я з са як а то ўсе усе так яго яе іх але ды ты да
        жа вы за б бы па толькі мне было вось ад мяне яшчэ няма пра з ім калі нават ці ужо ўжо
        або ні быць быў была былі яго да вас зноў там потым сябе нічога ёй можа тут дзе ёсць
        трэба ёй для мы цябе чым сам каб без чаго раз таксама сабе пад будзе тады хто гэты
        гэтага гэтая гэтыя гэта гэтым гэтай таго таму які зусім тут адзін адна адно амаль мой
        тым цяпер куды навошта ўсіх ніколі можна пры нарэшце два іншы хоць пасля над больш той
        праз нас усяго іх многа тры гэту мая лепш чуць тым нельга такі ім больш заўсёды
        вядома паміж акрамя які якія якая якога якіх толькі свой сваёй свайго аднак""".split()
    ),
}
STOPWORDS["uk"] = STOPWORDS["ru"] | STOPWORDS["be"]


def stopwords(lang: str) -> set[str]:
    return STOPWORDS.get(lang, set())


@lru_cache(maxsize=200_000)
def words(text: str) -> tuple[str, ...]:
    # Interned: the cache holds one string per word type, not one per occurrence.
    return tuple(map(sys.intern, WORD.findall(text)))


def is_cyrillic(word: str) -> bool:
    return bool(CYRILLIC.search(word))


# Inflectional endings of Russian / Belarusian / Ukrainian nouns whose consonant
# would otherwise end up in the phonetic key (Трампом -> trmpm).
_SLAVIC_ENDING = regex.compile(
    r"(ами|ями|амі|ямі|ому|ему|ого|ова|ева|ыми|ими|ымі|імі|ом|ем|ём|ым|им|ам|ям|ах|ях|ох|ых|их|ой|ей|ай)$"
)


def strip_slavic_ending(word: str) -> str:
    if len(word) > 4 and is_cyrillic(word):
        return _SLAVIC_ENDING.sub("", word)
    return word
