"""Translator: tokenisation, batching by tokens, order, cache, prefixes, through CTranslate2."""

from __future__ import annotations

import json

import ctranslate2
import pytest
import sentencepiece as spm
from conftest import BE, EN, RU
from hypothesis import given
from hypothesis import strategies as st

from align_kit.errors import AlignKitError
from align_kit.mt import (
    MANIFEST,
    TranslationCache,
    Translator,
    alignment_translate_fn,
    choose_compute_type,
    choose_device,
    token_batches,
)


@pytest.fixture(scope="module")
def zle_en(zle_en_model) -> Translator:
    # float32 so that a sentence decodes the same alone and in any batch
    return Translator(zle_en_model, device="cpu", compute_type="float32",
                      max_decoding_length=10, beam_size=2)


def fresh(translator: Translator) -> Translator:
    translator.cache.clear()
    return translator


def test_translates_in_order_with_empty_lines(zle_en):
    sentences = [BE[0], "", RU[1], "   ", BE[2]]
    out = fresh(zle_en).translate(sentences)
    assert len(out) == 5 and out[1] == "" and out[3] == ""
    assert all(isinstance(t, str) and t and t == t.strip() for t in (out[0], out[2], out[4]))
    # order is restored after sorting by length: each sentence alone gives the same text
    alone = [fresh(zle_en).translate([s])[0] for s in sentences]
    assert alone == out
    assert fresh(zle_en).translate(sentences[::-1]) == out[::-1]


def test_output_is_detokenised_target_pieces(zle_en, zle_en_model):
    out = fresh(zle_en).translate(BE[:5])
    target = spm.SentencePieceProcessor(model_file=str(zle_en_model / "target.spm"))
    for text in out:
        assert "▁" not in text and "</s>" not in text
        # the text is what the target model's pieces spell: re-encoding round-trips
        assert target.decode(target.encode(text)) == text


def test_input_is_sentencepiece_tokenised(zle_en, zle_en_model):
    source = spm.SentencePieceProcessor(model_file=str(zle_en_model / "source.spm"))
    fresh(zle_en).translate(BE[:7])
    assert zle_en.last_stats.source_tokens == sum(len(source.encode(s)) for s in BE[:7])
    # and the runtime sees the same tokens: translating them directly gives our output
    raw = ctranslate2.Translator(str(zle_en_model), device="cpu", compute_type="float32")
    result = raw.translate_batch([source.encode(BE[0], out_type=str)], beam_size=2,
                                 max_decoding_length=10)
    target = spm.SentencePieceProcessor(model_file=str(zle_en_model / "target.spm"))
    assert target.decode_pieces(result[0].hypotheses[0]) == fresh(zle_en).translate([BE[0]])[0]


def test_batches_respect_the_token_budget(zle_en_model):
    translator = Translator(zle_en_model, device="cpu", max_decoding_length=6, batch_tokens=120)
    sentences = BE[:40]
    out = translator.translate(sentences)
    stats = translator.last_stats
    assert len(out) == 40 and all(out)
    assert len(stats.batches) > 3 and sum(stats.batches) == len(set(sentences))
    assert stats.target_tokens > 0
    big = Translator(zle_en_model, device="cpu", max_decoding_length=6, batch_tokens=100_000)
    big.translate(sentences)
    assert big.last_stats.batches == (len(set(sentences)),)


@given(st.lists(st.integers(0, 60), max_size=60), st.integers(1, 200))
def test_token_batches_property(lengths, budget):
    batches = token_batches(lengths, budget)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)  # sorted by length
    for batch in batches:
        cost = max(max(lengths[i], 1) for i in batch) * len(batch)
        assert cost <= budget or len(batch) == 1


def test_cache_hits_and_keys(zle_en_model, en_zle_model):
    translator = Translator(zle_en_model, device="cpu", max_decoding_length=6)
    first = translator.translate(BE[:10])
    assert translator.last_stats.translated == len(set(BE[:10]))
    again = translator.translate(BE[:10] + [BE[0]])
    assert again[:10] == first and again[10] == first[0]
    assert translator.last_stats.translated == 0 and translator.last_stats.cache_hits == 11
    # a second translator over the same model shares a cache it is given
    shared = TranslationCache()
    a = Translator(zle_en_model, device="cpu", max_decoding_length=6, cache=shared)
    b = Translator(zle_en_model, device="cpu", max_decoding_length=6, cache=shared)
    a.translate(BE[:3])
    b.translate(BE[:3])
    assert b.last_stats.cache_hits == 3
    # decoding options are part of the key: another beam size translates again
    c = Translator(zle_en_model, device="cpu", max_decoding_length=6, beam_size=1, cache=shared)
    c.translate(BE[:3])
    assert c.last_stats.translated == 3
    # the target token is part of the key
    multi = Translator(en_zle_model, device="cpu", max_decoding_length=6)
    multi.translate(EN[:4], target_lang="be")
    multi.translate(EN[:4], target_lang="ru")
    assert multi.last_stats.translated == 4 and len(multi.cache) == 8
    small = TranslationCache(max_entries=2)
    d = Translator(zle_en_model, device="cpu", max_decoding_length=6, cache=small)
    d.translate(BE[:5])
    assert len(small) == 2


def test_multi_target_prefix_tokens(en_zle_model):
    translator = Translator(en_zle_model, device="cpu", compute_type="float32",
                            max_decoding_length=8)
    with pytest.raises(AlignKitError, match="translates into be, ru, uk") as err:
        translator.translate(EN[:2])
    assert "--target" in err.value.hint
    with pytest.raises(AlignKitError, match="not de"):
        translator.translate(EN[:2], target_lang="de")
    to_be = translator.translate(EN[:6], target_lang="be")
    to_ru = translator.translate(EN[:6], target_lang="ru")
    assert not any(">>" in t for t in to_be + to_ru)
    # it is the source-side token: the runtime fed >>bel<< (>>rus<<) + pieces gives our text
    src = spm.SentencePieceProcessor(model_file=str(en_zle_model / "source.spm"))
    tgt = spm.SentencePieceProcessor(model_file=str(en_zle_model / "target.spm"))
    raw = ctranslate2.Translator(str(en_zle_model), device="cpu", compute_type="float32")
    for token, ours in ((">>bel<<", to_be), (">>rus<<", to_ru)):
        inputs = [[token] + src.encode(s, out_type=str) for s in EN[:6]]
        results = raw.translate_batch(inputs, beam_size=4, max_decoding_length=8)
        assert [tgt.decode_pieces(r.hypotheses[0]) for r in results] == ours


def test_target_side_prefix_is_stripped(en_zle_model, tmp_path):
    import shutil

    model = tmp_path / "target-prefix"
    shutil.copytree(en_zle_model, model)
    manifest = json.loads((model / MANIFEST).read_text(encoding="utf-8"))
    manifest["target_prefix"] = {"position": "target", "tokens": {"be": ">>bel<<",
                                                                  "ru": ">>rus<<", "uk": ">>ukr<<"}}
    (model / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    translator = Translator(model, device="cpu", compute_type="float32", max_decoding_length=8)
    out = translator.translate(EN[:3], target_lang="ru")
    assert all(out) and not any(">>" in t for t in out)
    src = spm.SentencePieceProcessor(model_file=str(model / "source.spm"))
    tgt = spm.SentencePieceProcessor(model_file=str(model / "target.spm"))
    raw = ctranslate2.Translator(str(model), device="cpu", compute_type="float32")
    hyp = raw.translate_batch([src.encode(EN[0], out_type=str)], target_prefix=[[">>rus<<"]],
                              beam_size=4, max_decoding_length=9)[0].hypotheses[0]
    assert hyp[0] == ">>rus<<" and tgt.decode_pieces(hyp[1:]) == out[0]


def test_alignment_translate_fn(zle_en_model, en_zle_model):
    translator = Translator(zle_en_model, device="cpu", max_decoding_length=6)
    fn = alignment_translate_fn(translator, "en", source_lang="be")
    batch = (BE[0], BE[1], BE[0] + " " + BE[1])  # merged neighbours come as joined text
    out = fn(batch)
    assert isinstance(out, list) and len(out) == 3 and all(out)
    assert out == translator.translate(list(batch), target_lang="en")
    with pytest.raises(AlignKitError, match="not be"):
        alignment_translate_fn(translator, "be")
    with pytest.raises(AlignKitError, match="not en"):
        alignment_translate_fn(translator, "en", source_lang="en")
    multi = Translator(en_zle_model, device="cpu", max_decoding_length=6)
    assert alignment_translate_fn(multi, "ru")([EN[0]])[0]


def test_device_and_compute_type_choice(zle_en_model):
    assert choose_compute_type("cpu") == "int8"
    with pytest.raises(AlignKitError, match="not supported on cpu"):
        choose_compute_type("cpu", "int8_float16")
    with pytest.raises(AlignKitError, match="unknown device"):
        choose_device("tpu")
    translator = Translator(zle_en_model, device="auto", max_decoding_length=4)
    if ctranslate2.get_cuda_device_count() == 0:
        assert (translator.device, translator.compute_type) == ("cpu", "int8")
        with pytest.raises(AlignKitError, match="no CUDA device"):
            choose_device("cuda")
    else:
        assert (translator.device, translator.compute_type) == ("cuda", "float16")


def test_bad_options(zle_en_model):
    with pytest.raises(AlignKitError, match="at least 1"):
        Translator(zle_en_model, beam_size=0)
    translator = Translator(zle_en_model, device="cpu", max_decoding_length=4)
    with pytest.raises(AlignKitError, match="not a string"):
        translator.translate([BE[0], None])  # type: ignore[list-item]


def test_parallel_batches_give_the_same_output(zle_en_model):
    one = Translator(zle_en_model, device="cpu", compute_type="float32", max_decoding_length=6,
                     batch_tokens=150, inter_threads=1)
    two = Translator(zle_en_model, device="cpu", compute_type="float32", max_decoding_length=6,
                     batch_tokens=150, inter_threads=2, intra_threads=1)
    sentences = BE[:20] + RU[:20]
    assert two.translate(sentences) == one.translate(sentences)
    assert len(two.last_stats.batches) > 2
