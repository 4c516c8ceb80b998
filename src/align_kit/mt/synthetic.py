"""Random-weight models in the real OPUS-MT (Marian) and Argos formats, built offline.

Tests and `bench/mt.py` need a model that goes through the real converter and
the real CTranslate2 runtime without downloading one. This module trains tiny
SentencePiece models on template sentences and writes a Marian `model.npz`
(weights named as Marian names them, the model config embedded as
`special:model.yml`), `*.vocab.yml` vocabularies and `decoder.yml`: the layout
of a folder from the OPUS-MT releases. Its translations are nonsense; the
shapes, tokens and file formats are real.

Only numpy, sentencepiece and pyyaml (a CTranslate2 dependency) are needed.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

# --- template sentences (our own, on the project's domain) -------------------

_SUBJECTS = {
    "en": ["Sviatlana Tsikhanouskaya", "Pavel Latushka", "The United Transitional Cabinet",
           "The Coordination Council", "The delegation", "The spokesperson",
           "The human rights centre", "The opposition leader", "The foreign minister"],
    "be": ["Святлана Ціханоўская", "Павел Латушка", "Аб'яднаны пераходны кабінет",
           "Каардынацыйная рада", "Дэлегацыя", "Прэс-сакратар",
           "Праваабарончы цэнтр", "Лідарка апазіцыі", "Міністр замежных спраў"],
    "ru": ["Светлана Тихановская", "Павел Латушко", "Объединённый переходный кабинет",
           "Координационный совет", "Делегация", "Пресс-секретарь",
           "Правозащитный центр", "Лидер оппозиции", "Министр иностранных дел"],
}
_VERBS = {
    "en": ["met", "called on", "thanked", "addressed", "spoke with", "wrote to"],
    "be": ["сустрэлася з", "заклікала", "падзякавала", "звярнулася да", "размаўляла з",
           "напісала"],
    "ru": ["встретилась с", "призвала", "поблагодарила", "обратилась к", "говорила с",
           "написала"],
}
_OBJECTS = {
    "en": ["members of PACE", "the European Parliament", "journalists in Vilnius",
           "diplomats in Warsaw", "the families of political prisoners",
           "the Lithuanian government", "students in Warsaw", "the Polish Senate"],
    "be": ["членаў ПАСЕ", "Еўрапейскі парламент", "журналістаў у Вільні",
           "дыпламатаў у Варшаве", "сем'і палітвязняў", "урад Літвы",
           "студэнтаў у Варшаве", "Сенат Польшчы"],
    "ru": ["членов ПАСЕ", "Европейский парламент", "журналистов в Вильнюсе",
           "дипломатов в Варшаве", "семьи политзаключённых", "правительство Литвы",
           "студентов в Варшаве", "Сенат Польши"],
}
_TAILS = {
    "en": ["on Monday.", "on Friday.", "about new sanctions.", "about the release of "
           "{n} political prisoners.", "for the {n}th time this year.",
           "and asked for more support.", "ahead of the summit."],
    "be": ["у панядзелак.", "у пятніцу.", "наконт новых санкцый.", "наконт вызвалення "
           "{n} палітвязняў.", "у {n}-ы раз сёлета.", "і папрасіла больш падтрымкі.",
           "напярэдадні саміту."],
    "ru": ["в понедельник.", "в пятницу.", "о новых санкциях.", "об освобождении "
           "{n} политзаключённых.", "в {n}-й раз в этом году.",
           "и попросила больше поддержки.", "накануне саммита."],
}


def template_sentences(language: str, count: int, seed: int = 0) -> list[str]:
    """`count` varied sentences in "en", "be" or "ru", from fixed templates."""
    if language not in _SUBJECTS:
        raise ValueError(f"no templates for {language!r}")
    rng = random.Random(f"{seed}-{language}")
    out = []
    for _ in range(count):
        tail = rng.choice(_TAILS[language]).format(n=rng.randint(2, 1400))
        sentence = f"{rng.choice(_SUBJECTS[language])} {rng.choice(_VERBS[language])} " \
                   f"{rng.choice(_OBJECTS[language])} {tail}"
        if rng.random() < 0.3:  # some longer sentences, so batches differ in length
            sentence += " " + rng.choice(_SUBJECTS[language]) + " " + \
                rng.choice(_VERBS[language]) + " " + rng.choice(_OBJECTS[language]) + "."
        out.append(sentence)
    return out


# --- SentencePiece -------------------------------------------------------------

def train_sentencepiece(sentences: Iterable[str], model_prefix: str | Path,
                        vocab_size: int = 300, model_type: str = "bpe") -> Path:
    """Train a SentencePiece model; returns the `.model` path.

    BPE by default: on a few thousand template sentences the unigram trainer
    keeps few pieces and splits words into letters, BPE gives ~1.2 pieces a word,
    as a real 32k model does on news.
    """
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(sentences)), model_writer=model, vocab_size=vocab_size,
        model_type=model_type, character_coverage=1.0, hard_vocab_limit=False,
        minloglevel=2, num_threads=1, bos_id=-1, eos_id=1, unk_id=0, pad_id=-1,
    )
    path = Path(f"{model_prefix}.model")
    path.write_bytes(model.getvalue())
    return path


def sentencepiece_pieces(model_path: str | Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(model_path))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


# --- Marian files ----------------------------------------------------------------

def marian_vocabulary(pieces: Sequence[str], extra: Sequence[str] = (),
                      size: int | None = None) -> list[str]:
    """A Marian vocabulary as OPUS-MT builds it: `</s>`, `<unk>`, pieces, extra tokens.

    `size` pads with filler tokens, to reach a realistic softmax size in benchmarks.
    """
    tokens = ["</s>", "<unk>"]
    seen = set(tokens)
    for token in [*pieces, *extra]:
        if token not in seen and token not in ("<s>",):
            tokens.append(token)
            seen.add(token)
    n = 0
    while size is not None and len(tokens) < size:
        filler = f"▁filler{n}"
        n += 1
        if filler not in seen:
            tokens.append(filler)
            seen.add(filler)
    return tokens


def write_marian_vocabulary(tokens: Sequence[str], path: str | Path) -> None:
    """Write `"token": index` lines, quoted and escaped as Marian's YAML writer does."""
    lines = []
    for index, token in enumerate(tokens):
        escaped = token.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'"{escaped}": {index}')
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def marian_config(layers: int, heads: int, d_model: int, ffn: int, vocab: int) -> dict:
    """The model options Marian embeds in `model.npz` for an OPUS-MT transformer."""
    return {
        "type": "transformer",
        "dim-emb": d_model,
        "dim-vocabs": [vocab, vocab],
        "enc-depth": layers,
        "dec-depth": layers,
        "transformer-heads": heads,
        "transformer-dim-ffn": ffn,
        "transformer-ffn-activation": "swish",
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-postprocess-top": "",
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last",
        "tied-embeddings-all": True,
    }


def marian_weights(layers: int, heads: int, d_model: int, ffn: int, vocab: int,
                   seed: int = 0, output_bias: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Random float32 weights named as in a Marian post-norm transformer `model.npz`.

    `output_bias` (one value per token) goes into the output layer's bias, e.g.
    to keep a random model from producing tokens the target side never has.
    """
    import yaml

    rng = np.random.default_rng(seed)
    scale = 1.0 / np.sqrt(d_model)

    def mat(rows: int, cols: int) -> np.ndarray:
        return (rng.standard_normal((rows, cols), dtype=np.float32) * scale).astype(np.float32)

    def vec(n: int, value: float | None = None) -> np.ndarray:
        if value is not None:
            return np.full((1, n), value, dtype=np.float32)
        return (rng.standard_normal((1, n), dtype=np.float32) * 0.02).astype(np.float32)

    weights: dict[str, np.ndarray] = {"Wemb": mat(vocab, d_model)}

    def attention(prefix: str) -> None:
        for part in "qkvo":
            weights[f"{prefix}_W{part}"] = mat(d_model, d_model)
            weights[f"{prefix}_b{part}"] = vec(d_model)
        weights[f"{prefix}_Wo_ln_scale"] = vec(d_model, 1.0)
        weights[f"{prefix}_Wo_ln_bias"] = vec(d_model, 0.0)

    def feed_forward(prefix: str) -> None:
        weights[f"{prefix}_W1"] = mat(d_model, ffn)
        weights[f"{prefix}_b1"] = vec(ffn)
        weights[f"{prefix}_W2"] = mat(ffn, d_model)
        weights[f"{prefix}_b2"] = vec(d_model)
        weights[f"{prefix}_ffn_ln_scale"] = vec(d_model, 1.0)
        weights[f"{prefix}_ffn_ln_bias"] = vec(d_model, 0.0)

    for i in range(1, layers + 1):
        attention(f"encoder_l{i}_self")
        feed_forward(f"encoder_l{i}_ffn")
        attention(f"decoder_l{i}_self")
        attention(f"decoder_l{i}_context")
        feed_forward(f"decoder_l{i}_ffn")
    weights["decoder_ff_logit_out_b"] = vec(vocab, 0.0) if output_bias is None else \
        np.asarray(output_bias, dtype=np.float32).reshape(1, vocab)
    config = yaml.safe_dump(marian_config(layers, heads, d_model, ffn, vocab)).encode("utf-8")
    # Marian stores its options as a NUL-terminated char array.
    weights["special:model.yml"] = np.frombuffer(config + b"\0", dtype=np.int8).copy()
    return weights


def build_opus_mt_folder(
    out_dir: str | Path,
    *,
    source_sentences: Sequence[str],
    target_sentences: Sequence[str],
    target_tokens: Sequence[str] = (),
    source_languages: Sequence[str] = ("bel", "rus"),
    target_languages: Sequence[str] = ("eng",),
    layers: int = 1,
    heads: int = 2,
    d_model: int = 16,
    ffn: int = 32,
    vocab_size: int = 300,
    marian_vocab_size: int | None = None,
    seed: int = 0,
) -> Path:
    """Write a folder shaped like an OPUS-MT release (random weights).

    `target_tokens` (e.g. `>>bel<<`) go into the vocabulary as in multi-target
    OPUS-MT models, which expect one at the start of the source.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    source_spm = train_sentencepiece(source_sentences, out / "source", vocab_size)
    target_spm = train_sentencepiece(target_sentences, out / "target", vocab_size)
    source_spm.rename(out / "source.spm")
    target_spm.rename(out / "target.spm")
    pieces = sentencepiece_pieces(out / "source.spm") + sentencepiece_pieces(out / "target.spm")
    tokens = marian_vocabulary(pieces, target_tokens, marian_vocab_size)
    vocab_name = "opus.spm-spm.vocab.yml"
    write_marian_vocabulary(tokens, out / vocab_name)
    # Like a trained model, emit only target-side pieces, so that detokenised output
    # is clean text; and never </s>, so every output has text and decoding runs to
    # the length cap (a benchmark then does a known amount of work).
    target_side = set(sentencepiece_pieces(out / "target.spm")) - {"<unk>", "<s>", "</s>", "▁"}
    bias = np.array([0.0 if t in target_side or t.startswith("▁filler") else -30.0
                     for t in tokens], dtype=np.float32)
    weights = marian_weights(layers, heads, d_model, ffn, len(tokens), seed, bias)
    np.savez(out / "opus.spm-spm.transformer-align.npz", **weights)
    decoder = {
        "models": ["opus.spm-spm.transformer-align.npz"],
        "vocabs": [vocab_name, vocab_name],
        "beam-size": 4, "normalize": 1, "word-penalty": 0, "mini-batch": 16,
        "maxi-batch": 100, "maxi-batch-sort": "src",
    }
    import yaml

    (out / "decoder.yml").write_text(yaml.safe_dump(decoder), encoding="utf-8")
    multi = "\n* a sentence initial language token is required in the form of `>>id<<` " \
            "(id = valid target language ID)" if target_tokens else ""
    (out / "README.md").write_text(
        "# opus-synthetic (random weights, for tests)\n\n"
        f"* source language(s): {' '.join(source_languages)}\n"
        f"* target language(s): {' '.join(target_languages)}\n"
        f"* model: transformer-align\n* pre-processing: normalization + SentencePiece{multi}\n",
        encoding="utf-8")
    return out


def build_argos_package(
    path: str | Path,
    ct2_model_dir: str | Path,
    sentencepiece_model: str | Path,
    *,
    from_code: str = "be",
    to_code: str = "en",
    package_name: str = "translate-be_en",
) -> Path:
    """Zip a CTranslate2 model and one SentencePiece model the way Argos packages are."""
    path = Path(path)
    meta = {"package_version": "1.0", "argos_version": "1.1", "from_code": from_code,
            "to_code": to_code, "from_name": from_code, "to_name": to_code,
            "package_name": package_name, "type": "translate"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{package_name}/metadata.json", json.dumps(meta))
        zf.write(sentencepiece_model, f"{package_name}/sentencepiece.model")
        for file in sorted(Path(ct2_model_dir).iterdir()):
            if file.is_file() and file.suffix in (".bin", ".json", ".txt"):
                if file.name == "align-kit-model.json":
                    continue
                zf.write(file, f"{package_name}/model/{file.name}")
        zf.writestr(f"{package_name}/README.md", "Synthetic Argos package for tests.\n")
    return path
