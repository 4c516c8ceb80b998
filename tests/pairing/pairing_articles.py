"""Small en/be/ru news articles written for these tests (Belarusian democratic politics).

GROUPS[name][lang] is the text of one article; every group is a translation
group. POLITICAL_PRISONERS_DECOY is the same topic as "prisoners" with other
numbers and people; the ORPHANS have no counterpart in any language.
"""

from __future__ import annotations

GROUPS: dict[str, dict[str, str]] = {
    "sanctions": {
        "en": """EU adopts its 14th sanctions package against the Lukashenka regime

On 24 June 2024 the Council of the European Union adopted new restrictive measures against \
Belarus. The list now includes 69 individuals and 16 entities responsible for repression.

Sviatlana Tsikhanouskaya welcomed the decision in Brussels and thanked Josep Borrell. \
"Sanctions must be closed to loopholes, including trade through Russia," she said.
""",
        "be": """ЕС ухваліў 14-ы пакет санкцый супраць рэжыму Лукашэнкі

24 чэрвеня 2024 года Савет Еўрапейскага саюза ўхваліў новыя абмежавальныя меры супраць \
Беларусі. У спіс цяпер уваходзяць 69 асоб і 16 арганізацый, адказных за рэпрэсіі.

Святлана Ціханоўская прывітала рашэнне ў Бруселі і падзякавала Жазэпу Барэлю. \
«Санкцыі павінны быць закрытыя для абыходу, у тым ліку праз гандаль з Расіяй», — сказала яна.
""",
        "ru": """ЕС принял 14-й пакет санкций против режима Лукашенко

24 июня 2024 года Совет Европейского союза принял новые ограничительные меры против \
Беларуси. В список теперь входят 69 человек и 16 организаций, ответственных за репрессии.

Светлана Тихановская приветствовала решение в Брюсселе и поблагодарила Жозепа Борреля. \
«Санкции должны быть закрыты для обхода, в том числе через торговлю с Россией», — сказала она.
""",
    },
    "prisoners": {
        "en": """Viasna: 1,150 political prisoners remain behind bars in Belarus

According to the Viasna human rights centre, 1,150 people recognised as political prisoners \
were still in custody on 7 April 2025. Among them are the Nobel Peace Prize laureate Ales \
Bialiatski and Maria Kalesnikava.

In January 38 prisoners were released after appeals for clemency. Pavel Latushka called \
the releases a hostage trade and demanded the freedom of all.
""",
        "be": """«Вясна»: за кратамі ў Беларусі застаюцца 1 150 палітвязняў

Паводле праваабарончага цэнтра «Вясна», на 7 красавіка 2025 года пад вартай заставаліся \
1 150 чалавек, прызнаных палітычнымі вязнямі. Сярод іх лаўрэат Нобелеўскай прэміі міру Алесь \
Бяляцкі і Марыя Калеснікава.

У студзені 38 вязняў вызвалілі пасля прашэнняў аб памілаванні. Павел Латушка назваў \
вызваленні гандлем закладнікамі і запатрабаваў свабоды для ўсіх.
""",
        "ru": """«Весна»: за решёткой в Беларуси остаются 1 150 политзаключённых

По данным правозащитного центра «Весна», на 7 апреля 2025 года под стражей оставались \
1 150 человек, признанных политическими заключёнными. Среди них лауреат Нобелевской премии \
мира Алесь Беляцкий и Мария Колесникова.

В январе 38 заключённых освободили после прошений о помиловании. Павел Латушко назвал \
освобождения торговлей заложниками и потребовал свободы для всех.
""",
    },
    "pace": {
        "en": """PACE adopts resolution 2531 on Belarus after debate with Pavel Latushka

The Parliamentary Assembly of the Council of Europe in Strasbourg voted 112 to 9 for \
resolution 2531 on 23 January 2024. Pavel Latushka, deputy head of the United Transitional \
Cabinet, addressed the committee on political affairs.

The resolution calls on member states to recognise Tsikhanouskaya's office as the voice \
of democratic Belarus and to prepare a contact group of 46 states.
""",
        "be": """ПАСЕ ўхваліла рэзалюцыю 2531 пра Беларусь пасля дыскусіі з Паўлам Латушкам

Парламенцкая асамблея Рады Еўропы ў Страсбургу 23 студзеня 2024 года прагаласавала \
112 галасамі супраць 9 за рэзалюцыю 2531. Павел Латушка, намеснік кіраўніка Аб'яднанага \
пераходнага кабінета, выступіў у камітэце па палітычных пытаннях.

Рэзалюцыя заклікае дзяржавы-члены прызнаць офіс Ціханоўскай голасам дэмакратычнай \
Беларусі і падрыхтаваць кантактную групу з 46 дзяржаў.
""",
        "ru": """ПАСЕ приняла резолюцию 2531 о Беларуси после дискуссии с Павлом Латушко

Парламентская ассамблея Совета Европы в Страсбурге 23 января 2024 года проголосовала \
112 голосами против 9 за резолюцию 2531. Павел Латушко, заместитель главы Объединённого \
переходного кабинета, выступил в комитете по политическим вопросам.

Резолюция призывает государства-члены признать офис Тихановской голосом демократической \
Беларуси и подготовить контактную группу из 46 государств.
""",
    },
    "council": {
        "en": """6,723 Belarusians voted in the Coordination Council election

The online election to the Coordination Council took place from 25 to 27 May 2024. \
According to the election commission in Vilnius, 6,723 voters took part and 80 seats \
were filled.

Polling support points worked in Warsaw and Vilnius. Sviatlana Tsikhanouskaya called the \
vote the first free election of Belarusians since 2020.
""",
        "be": """6 723 беларусы прагаласавалі на выбарах у Каардынацыйную раду

Анлайн-выбары ў Каардынацыйную раду прайшлі з 25 па 27 траўня 2024 года. Паводле \
выбарчай камісіі ў Вільні, удзел узялі 6 723 выбаршчыкі, занятыя 80 месцаў.

Пункты падтрымкі галасавання працавалі ў Варшаве і Вільні. Святлана Ціханоўская назвала \
галасаванне першымі свабоднымі выбарамі беларусаў з 2020 года.
""",
        "ru": """6 723 белоруса проголосовали на выборах в Координационный совет

Онлайн-выборы в Координационный совет прошли с 25 по 27 мая 2024 года. По данным \
избирательной комиссии в Вильнюсе, участие приняли 6 723 избирателя, заняты 80 мест.

Пункты поддержки голосования работали в Варшаве и Вильнюсе. Светлана Тихановская назвала \
голосование первыми свободными выборами белорусов с 2020 года.
""",
    },
    "passports": {
        "en": """Transitional Cabinet presents the New Belarus passport project in Warsaw

At a meeting in Warsaw on 9 August 2023 the United Transitional Cabinet presented the \
New Belarus passport for Belarusians abroad. The project has a budget of 1.2 million euros \
and involves 3 representative offices.

Valery Kavaleuski said the first documents would be issued in 2024 through the \
Pasport.ngo platform.
""",
        "be": """Пераходны кабінет прэзентаваў у Варшаве праект пашпарта Новай Беларусі

На сустрэчы ў Варшаве 9 жніўня 2023 года Аб'яднаны пераходны кабінет прэзентаваў пашпарт \
Новай Беларусі для беларусаў за мяжой. Бюджэт праекта складае 1,2 мільёна еўра, у ім \
удзельнічаюць 3 прадстаўніцтвы.

Валерый Кавалеўскі сказаў, што першыя дакументы выдадуць у 2024 годзе праз платформу \
Pasport.ngo.
""",
        "ru": """Переходный кабинет представил в Варшаве проект паспорта Новой Беларуси

На встрече в Варшаве 9 августа 2023 года Объединённый переходный кабинет представил паспорт \
Новой Беларуси для белорусов за рубежом. Бюджет проекта составляет 1,2 миллиона евро, в нём \
участвуют 3 представительства.

Валерий Ковалевский сказал, что первые документы выдадут в 2024 году через платформу \
Pasport.ngo.
""",
    },
}

# Same topic as "prisoners", other numbers and other people.
POLITICAL_PRISONERS_DECOY: dict[str, str] = {
    "en": """Viasna counts 1,412 political prisoners as the regime ignores appeals

On 12 November 2023 the Viasna human rights centre counted 1,412 political prisoners in \
Belarus. Journalist Ihar Losik and politician Mikalai Statkevich have been held \
incommunicado for months.

Only 17 people were pardoned this autumn. The Coordination Council demanded access for the \
Red Cross to all prisons.
""",
    "be": """«Вясна» налічыла 1 412 палітвязняў, рэжым ігнаруе заклікі

12 лістапада 2023 года праваабарончы цэнтр «Вясна» налічыў у Беларусі 1 412 палітвязняў. \
Журналіст Ігар Лосік і палітык Мікалай Статкевіч месяцамі ўтрымліваюцца без сувязі са светам.

Гэтай восенню памілавалі толькі 17 чалавек. Каардынацыйная рада запатрабавала доступу \
Чырвонага Крыжа ва ўсе турмы.
""",
    "ru": """«Весна» насчитала 1 412 политзаключённых, режим игнорирует призывы

12 ноября 2023 года правозащитный центр «Весна» насчитал в Беларуси 1 412 политзаключённых. \
Журналист Игорь Лосик и политик Николай Статкевич месяцами содержатся без связи с миром.

Этой осенью помиловали только 17 человек. Координационный совет потребовал доступа \
Красного Креста во все тюрьмы.
""",
}

ORPHANS: dict[str, str] = {
    "en": """Queues at the Lithuanian border reach 8 hours

Drivers waited up to 8 hours at the Medininkai checkpoint on 3 March 2024, the State Border \
Guard Service reported. Two of the 3 checkpoints remained closed after the decision of the \
Lithuanian government.
""",
    "ru": """Форум демократических сил прошёл в Праге

Около 450 участников собрал форум «Новая Беларусь» в Праге 18 сентября 2022 года. \
Франак Вячорка рассказал о 12 инициативах диаспоры в Чехии и Словакии.
""",
    "be": """У Гданьску адкрыўся беларускі культурны цэнтр

Цэнтр на вуліцы Długa прыме 35 мастакоў. Адкрыццё 5 кастрычніка 2021 года наведаў \
Уладзімір Някляеў.
""",
}
