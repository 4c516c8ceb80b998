"""Translation through CTranslate2 with SentencePiece, batched by tokens and cached.

`Translator.translate` tokenises with the model's source SentencePiece model,
adds the target-language token a multilingual model needs, sorts the
sentences by length and cuts them into batches of at most `batch_tokens`
padded tokens (similar lengths together waste little padding), runs the
batches through CTranslate2 (in parallel when `inter_threads` > 1),
detokenises with the target SentencePiece model and restores the input
order. Results are cached by (model checksum, target token, decoding
options, text), so the aligner's repeated sentences and a re-run cost nothing.
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from align_kit.errors import AlignKitError, InputError
from align_kit.mt.models import ModelInfo, check_languages, model_info

DEVICES = ("auto", "cpu", "cuda")
_LANG_TOKEN = re.compile(r"^>>[A-Za-z_]+<<$")


def choose_device(device: str = "auto") -> str:
    """"cpu" or "cuda": auto takes CUDA when CTranslate2 sees a GPU."""
    import ctranslate2

    if device not in DEVICES:
        raise InputError(f"unknown device {device!r}", hint="use auto, cpu or cuda")
    cuda = ctranslate2.get_cuda_device_count() > 0
    if device == "cuda" and not cuda:
        raise InputError("no CUDA device is visible to CTranslate2",
                         hint="use --device cpu (or auto)")
    if device == "auto":
        return "cuda" if cuda else "cpu"
    return device


def choose_compute_type(device: str, compute_type: str | None = None) -> str:
    """int8 on CPU, float16 on CUDA (int8_float16 where float16 is not supported)."""
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types(device)
    if compute_type:
        if compute_type not in supported and compute_type not in ("auto", "default"):
            raise InputError(f"compute type {compute_type} is not supported on {device}",
                             hint=f"supported here: {', '.join(sorted(supported))}")
        return compute_type
    preferred = ("int8", "float32") if device == "cpu" else ("float16", "int8_float16",
                                                             "float32")
    return next((c for c in preferred if c in supported), "default")


def token_batches(lengths: Sequence[int], batch_tokens: int) -> list[list[int]]:
    """Indexes sorted by length, cut into batches of at most `batch_tokens` padded tokens.

    A batch costs (longest sentence) x (number of sentences); a sentence longer
    than `batch_tokens` goes alone.
    """
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = max(lengths[index], 1)  # sorted ascending: the newcomer is the longest
        if current and longest * (len(current) + 1) > batch_tokens:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


class TranslationCache:
    """A bounded LRU map from (model, target token, options, text) to a translation.

    Thread-safe; several `Translator`s over one model can share one.
    """

    def __init__(self, max_entries: int = 200_000) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
                self._data.move_to_end(key)
            return value

    def put(self, key: Hashable, value: str) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.hits = self.misses = 0


@dataclass
class TranslationStats:
    """What the last `translate` call did, for tests, benchmarks and progress reports."""

    sentences: int = 0
    translated: int = 0  # sent to the model (not cached, not empty)
    cache_hits: int = 0
    batches: tuple[int, ...] = ()  # sentences per batch
    source_tokens: int = 0
    target_tokens: int = 0


class Translator:
    """A CTranslate2 model with its SentencePiece models; `translate` a list of sentences."""

    def __init__(
        self,
        model_dir: str | os.PathLike,
        *,
        device: str = "auto",
        compute_type: str | None = None,
        inter_threads: int = 1,
        intra_threads: int | None = None,
        beam_size: int = 4,
        max_decoding_length: int = 256,
        max_length_ratio: float | None = 3.0,
        batch_tokens: int = 4096,
        cache: TranslationCache | None = None,
    ) -> None:
        import ctranslate2
        import sentencepiece as spm

        self.info: ModelInfo = model_info(model_dir)
        if beam_size < 1 or max_decoding_length < 1 or batch_tokens < 1 or inter_threads < 1:
            raise InputError("beam size, maximum length, batch tokens and threads must be "
                             "at least 1", hint="e.g. --beam-size 4")
        self.device = choose_device(device)
        self.compute_type = choose_compute_type(self.device, compute_type)
        if intra_threads is None:
            intra_threads = max(1, min(os.cpu_count() or 1, 8) // inter_threads) \
                if self.device == "cpu" else 1
        self.inter_threads = inter_threads
        self.intra_threads = intra_threads
        self.beam_size = beam_size
        self.max_decoding_length = max_decoding_length
        self.max_length_ratio = max_length_ratio
        self.batch_tokens = batch_tokens
        self.cache = cache if cache is not None else TranslationCache()
        self.last_stats = TranslationStats()
        try:
            self._source_sp = spm.SentencePieceProcessor(model_file=str(self.info.source_spm))
            self._target_sp = (self._source_sp if self.info.target_spm == self.info.source_spm
                               else spm.SentencePieceProcessor(
                                   model_file=str(self.info.target_spm)))
        except (OSError, RuntimeError) as exc:
            raise InputError(f"cannot load a SentencePiece model: {exc}", path=str(self.info.path),
                             hint="re-import the model") from None
        try:
            self._model = ctranslate2.Translator(
                str(self.info.path), device=self.device, compute_type=self.compute_type,
                inter_threads=inter_threads, intra_threads=intra_threads)
        except (RuntimeError, ValueError, OSError) as exc:
            raise InputError(f"CTranslate2 cannot load the model: {exc}",
                             path=str(self.info.path),
                             hint="re-import the model; check --device/--compute-type") from None

    @property
    def source_languages(self) -> tuple[str, ...]:
        return self.info.source_languages

    @property
    def target_languages(self) -> tuple[str, ...]:
        return self.info.target_languages

    def resolve_target(self, target_lang: str | None) -> str:
        """The target language to use; one is required for a multi-target model."""
        if target_lang is None:
            if len(self.info.target_languages) == 1:
                return self.info.target_languages[0]
            raise InputError(f"model {self.info.name} translates into "
                             f"{', '.join(self.info.target_languages)}",
                             path=str(self.info.path), hint="say which one (--target LANG)")
        check_languages(self.info, target=target_lang)
        return target_lang

    def _prefix_token(self, target_lang: str) -> str | None:
        if self.info.prefix_position is None:
            return None
        return self.info.prefix_tokens.get(target_lang)

    def translate(self, sentences: Sequence[str], *, target_lang: str | None = None) -> list[str]:
        """Translations of `sentences`, in order; empty input lines give empty output."""
        target = self.resolve_target(target_lang)
        token = self._prefix_token(target)
        options = (self.beam_size, self.max_decoding_length, self.max_length_ratio)
        stats = TranslationStats(sentences=len(sentences))
        results: list[str | None] = [None] * len(sentences)
        pending: dict[str, list[int]] = {}  # text -> positions, each distinct text once
        for i, sentence in enumerate(sentences):
            if not isinstance(sentence, str):
                raise InputError(f"sentence {i} is not a string ({type(sentence).__name__})")
            text = " ".join(sentence.split())
            if not text:
                results[i] = ""
                continue
            cached = self.cache.get((self.info.checksum, token or "", options, text))
            if cached is not None:
                results[i] = cached
                stats.cache_hits += 1
            else:
                pending.setdefault(text, []).append(i)
        texts = list(pending)
        if texts:
            translations = self._translate_uncached(texts, token, stats)
            for text, translation in zip(texts, translations, strict=True):
                self.cache.put((self.info.checksum, token or "", options, text), translation)
                for i in pending[text]:
                    results[i] = translation
        stats.translated = len(texts)
        self.last_stats = stats
        return [r if r is not None else "" for r in results]

    def _translate_uncached(self, texts: list[str], token: str | None,
                            stats: TranslationStats) -> list[str]:
        pieces: list[list[str]] = self._source_sp.encode(texts, out_type=str)
        source_prefix = [token] if token and self.info.prefix_position == "source" else []
        target_prefix = [token] if token and self.info.prefix_position == "target" else []
        inputs = [source_prefix + p for p in pieces]
        batches = token_batches([len(p) for p in inputs], self.batch_tokens)
        stats.batches = tuple(len(b) for b in batches)
        stats.source_tokens = sum(len(p) for p in pieces)
        jobs = []
        try:
            for batch in batches:
                longest = max(len(inputs[i]) for i in batch)
                limit = self.max_decoding_length
                if self.max_length_ratio:  # a random or looping model stops in proportion
                    limit = min(limit, math.ceil(self.max_length_ratio * longest) + 10)
                limit += len(target_prefix)
                jobs.append((batch, self._model.translate_batch(
                    [inputs[i] for i in batch],
                    target_prefix=[target_prefix] * len(batch) if target_prefix else None,
                    beam_size=self.beam_size, max_decoding_length=limit,
                    max_batch_size=0, asynchronous=True)))
            outputs: list[str] = [""] * len(texts)
            for batch, results in jobs:
                for i, result in zip(batch, results, strict=True):
                    hypothesis = result.result().hypotheses[0][len(target_prefix):]
                    hypothesis = [t for t in hypothesis if not _LANG_TOKEN.match(t)]
                    stats.target_tokens += len(hypothesis)
                    outputs[i] = self._target_sp.decode_pieces(hypothesis).strip()
        except RuntimeError as exc:  # e.g. CUDA out of memory: say what to change
            raise AlignKitError(f"translation failed: {exc}", path=str(self.info.path),
                                hint="lower --batch-tokens or use --device cpu") from None
        return outputs


_LOADED: dict[tuple, Translator] = {}
_LOADED_LOCK = threading.Lock()


def load_translator(
    model_dir: str | os.PathLike,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    reuse: bool = True,
    **options,
) -> Translator:
    """A `Translator` for `model_dir`, checked to translate `source_lang` into `target_lang`.

    `model_dir` may also be a model name under $ALIGN_KIT_MODELS. With `reuse`,
    one process loads a model once per set of options (the pipeline asks for
    it once per document group) and its translations stay cached.
    """
    path = resolve_model_dir(model_dir)
    info = model_info(path)
    check_languages(info, source_lang, target_lang)
    if not reuse:
        return Translator(path, **options)
    key = (str(path.resolve()), info.checksum, tuple(sorted(options.items(), key=str)))
    with _LOADED_LOCK:
        if key not in _LOADED:
            _LOADED[key] = Translator(path, **options)
        return _LOADED[key]


def alignment_translate_fn(
    translator: Translator,
    target_lang: str,
    *,
    source_lang: str | None = None,
) -> Callable[[Sequence[str]], list[str]]:
    """The callable the aligner takes: a batch of source sentences -> their translations."""
    target = translator.resolve_target(target_lang)
    check_languages(translator.info, source_lang, None)

    def translate(sentences: Sequence[str]) -> list[str]:
        return translator.translate(list(sentences), target_lang=target)

    translate.__name__ = f"translate_to_{target}"
    return translate


def resolve_model_dir(model: str | os.PathLike) -> Path:
    """A model folder path, or a model name under $ALIGN_KIT_MODELS."""
    path = Path(model)
    root = os.environ.get("ALIGN_KIT_MODELS")
    if not path.exists() and root and (Path(root) / path).is_dir():
        return Path(root) / path
    return path
