"""Issue 18: line breaks a file has are used (headlines, captions, datelines, metadata).

Through `split_sentences` (the splitter reads the line breaks it receives) and
through the real CLI on a real file (ingest keeps those line breaks for it).
"""

import subprocess
import sys

import pytest
from segment_checks import check_cover

from align_kit.segment import split_sentences

WRAPPED = (
    "The council met on Monday to discuss the new budget and the plans for\n"
    "Minsk, which the opposition has criticised for many months now because\n"
    "Independent experts were never consulted.\n"
)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ru", "Новый мост открыт\nPosted 19 мая 2023, 13:29\nМост соединил два района.",
     ["Новый мост открыт", "Posted 19 мая 2023, 13:29", "Мост соединил два района."]),
    ("be", "Фота: Ян Дуб\nНа здымку новы мост праз раку, які адкрылі ўчора пасля рамонту.",
     ["Фота: Ян Дуб", "На здымку новы мост праз раку, які адкрылі ўчора пасля рамонту."]),
    # A long headline over hard-wrapped body lines: the next word would have fitted.
    ("en", "Bridge reopens after two years of repair work downtown\n"
           "The old bridge across the river reopened on Monday after two long\n"
           "years of repairs. Traffic was heavy.",
     ["Bridge reopens after two years of repair work downtown",
      "The old bridge across the river reopened on Monday after two long\n"
      "years of repairs.", "Traffic was heavy."]),
])
def test_line_without_punctuation_before_a_sentence_is_a_boundary(lang, text, expected):
    got = split_sentences(text, lang)
    check_cover(text, got)
    assert [s.text for s in got] == expected


def test_hard_wrapped_prose_is_not_cut_at_a_capital():
    got = split_sentences(WRAPPED, "en")
    assert [s.text for s in got] == [WRAPPED.strip()]


def test_cli_keeps_metadata_lines_apart(tmp_path):
    path = tmp_path / "news.ru.txt"
    path.write_text(
        "Новый мост открыт\nPosted 19 мая 2023, 13:29\n\n"
        "Мост соединил два района. Движение открыто.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "align_kit", "split", str(path), "--lang", "ru"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Новый мост открыт", "Posted 19 мая 2023, 13:29",
        "Мост соединил два района.", "Движение открыто.",
    ]


def test_cli_joins_hard_wrapped_lines(tmp_path):
    path = tmp_path / "wrapped.en.txt"
    path.write_text(WRAPPED + "\nSecond paragraph.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "align_kit", "split", str(path), "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [" ".join(WRAPPED.split()), "Second paragraph."]
