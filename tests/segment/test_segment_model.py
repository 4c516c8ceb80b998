"""Issue 18: the trained boundary classifier (segment/boundary.py, data/boundary.json).

The sentences are our own, in the shape of the errors seen on real text; no UD or
NTREX text is used. The training code is exercised on small documents of our own,
so these tests need neither ../shared nor the network.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from segment_checks import check_cover

from align_kit.segment import boundary, split_sentences
from align_kit.segment.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]


def sentences(text: str, lang: str) -> list[str]:
    segments = split_sentences(text, lang)
    check_cover(text, segments)
    return [s.text for s in segments]


def test_the_model_ships_beside_the_module_small_and_loaded_without_download() -> None:
    assert boundary.MODEL_PATH.parent.name == "data"
    assert boundary.MODEL_PATH.stat().st_size < 500_000
    model = boundary.load_model()
    assert model is not None and model.weights
    assert {"en", "ru", "be"} <= set(model.stats)


CASES = [
    # --- unpunctuated boundaries: a headline run into its text -------------------------
    ("be", "Мост праз Нёман адкрылі пасля рамонту У суботу па ім пайшлі першыя машыны.",
     ["Мост праз Нёман адкрылі пасля рамонту", "У суботу па ім пайшлі першыя машыны."]),
    ("ru", "В городе открыли новый парк Как изменится жизнь района",
     ["В городе открыли новый парк", "Как изменится жизнь района"]),
    # --- social media: an emoji ends a sentence, hashtags stand apart -----------------
    ("ru", "Какой чудесный вечер😍 Ждём вас снова в гостях!",
     ["Какой чудесный вечер😍", "Ждём вас снова в гостях!"]),
    ("ru", "#отдых #море #лето Приезжайте к нам в августе.",
     ["#отдых #море #лето", "Приезжайте к нам в августе."]),
    # an emoji after the punctuation belongs to the sentence it follows, never alone
    ("ru", "Кто поедет с нами на рыбалку? 🎣 Сбор в шесть утра.",
     ["Кто поедет с нами на рыбалку? 🎣", "Сбор в шесть утра."]),
    ("ru", "Какой чудесный вечер! 😍😍 Ждём вас снова! 👍",
     ["Какой чудесный вечер! 😍😍", "Ждём вас снова! 👍"]),
    # --- names inside a sentence are no boundary ----------------------------------------
    ("en", "He met John Smith and Mary Brown in Paris last week.",
     ["He met John Smith and Mary Brown in Paris last week."]),
    ("ru", "Вчера в Минске выступил Иван Петров с докладом.",
     ["Вчера в Минске выступил Иван Петров с докладом."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=lambda v: None)
def test_model_boundaries(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


HARD = [
    # Where the rules are certain the model is never asked.
    ("en", "Mr. Smith met Dr. Brown in Washington. They talked.",
     ["Mr. Smith met Dr. Brown in Washington.", "They talked."]),
    ("ru", "Заявление подписала С. Тихановская. Она призвала к санкциям.",
     ["Заявление подписала С. Тихановская.", "Она призвала к санкциям."]),
    ("ru", "Речь шла о санкциях, визах и т.д. Затем выступил Латушко.",
     ["Речь шла о санкциях, визах и т.д.", "Затем выступил Латушко."]),
    ("en", "— Are you coming?\n— Of course. We leave at six.",
     ["— Are you coming?", "— Of course.", "We leave at six."]),
    ("en", "The vote was close. *** The count resumed.",
     ["The vote was close.", "*** The count resumed."]),
    # Outside English a period before a lowercase word never ends a sentence: a site name
    # split by a stray space, an abbreviation (the model used to cut these).
    ("ru", "Петиция появилась на сайте инициативы golos. org, но её быстро удалили.",
     ["Петиция появилась на сайте инициативы golos. org, но её быстро удалили."]),
    ("ru", "Офис открылся на сайте kamunikat. соm, но позже переехал.",
     ["Офис открылся на сайте kamunikat. соm, но позже переехал."]),
    ("ru", "Сайт группы belarus. free работал до марта. Потом его закрыли.",
     ["Сайт группы belarus. free работал до марта.", "Потом его закрыли."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), HARD, ids=lambda v: None)
def test_rules_stay_hard_where_certain(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_fixed_verdicts() -> None:
    rules = load_rules("en")
    text = "Mr. Smith left. He came back"
    spans = [(0, 15, "sentence"), (16, len(text), "sentence")]
    by_start = {c.start: c for c in boundary.candidates(text, spans)}
    assert boundary.fixed(text, by_start[15], rules) is True  # ". He": the rules decided
    assert boundary.fixed(text, by_start[3], rules) is False  # "Mr. Smith": nonfinal
    # ". com" after a word: certain outside English, the model's in English.
    text = "Его сайт pweination. com закрыли"
    gap = boundary.Candidate(20, 21, False)
    assert boundary.fixed(text, gap, load_rules("ru")) is False
    assert boundary.fixed(text, gap, load_rules("be")) is False
    assert boundary.fixed("His site pweination. com closed", gap, rules) is None
    # An ellipsis before a lowercase word stays the model's ("красоты... как то так").
    assert boundary.fixed("Ну и для красоты... как то так", boundary.Candidate(19, 20, False),
                          load_rules("ru")) is None


def _train_module():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import train_segmenter
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return train_segmenter


def test_training_learns_an_unpunctuated_boundary_from_gold() -> None:
    """The training script's own code, on documents of our own: headlines run into their
    text, with the gold saying where they end, teach the model to cut there."""
    train = _train_module()
    heads = ["Cold winter ahead", "New bridge opens", "Town hall reopens", "Rain expected"]
    bodies = ["The weather service said so on Monday.", "It cost four million.",
              "Visitors may enter from nine.", "Farmers welcome the news."]
    docs = []
    for k in range(12):
        head, body = heads[k % 4], bodies[(k + 1) % 4]
        docs.append({"set": "own", "lang": "eng", "genre": "news", "stem": str(k),
                     "text": f"{head} {body}\n\n{body} {bodies[k % 4]}",
                     "gold": [head, body, body, bodies[k % 4]]})
    model = train.train(docs, {}, l2=0.1)
    hyp = train.split_with(model, "Rain expected The weather service said so.", "eng")
    assert hyp == ["Rain expected", "The weather service said so."]
    assert train.split_with(None, "Rain expected The weather service said so.", "eng") == [
        "Rain expected The weather service said so."]


def test_training_script_cli_needs_shared_data_or_says_so(tmp_path: Path) -> None:
    """Run as a program: with ../shared present it trains (not here: too slow for a unit
    test); without it, one clear line and exit status, never a traceback."""
    if (ROOT.parent / "shared" / "eval").is_dir():
        pytest.skip("../shared is present; the CLI would train for real")
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "train_segmenter.py"),
                           "--no-write"], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
