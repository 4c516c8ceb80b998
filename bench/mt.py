"""Translation throughput of align-kit's Translator on a Marian-base-sized model.

The model is an OPUS-MT "transformer-align" base model in shape (6+6 layers,
d=512, 8 heads, FFN 2048, a 32k shared vocabulary) with random weights,
written as a Marian folder and imported through CTranslate2's OPUS-MT
converter exactly as a real release would be: no download, so this runs on
any machine. A random model never chooses to stop, so every sentence decodes
to the length cap; the cap is set to about the source length (what a real
be/ru -> en translation produces), so the work per sentence is realistic.

Next to our figure, the same tokens go straight through
`ctranslate2.Translator.translate_batch` with CTranslate2's own token batching
(the peer), which shows what our tokenising, sorting, batching and caching
layer costs.

    python bench/mt.py                        # CPU int8 (and CUDA float16 if visible)
    python bench/mt.py --device cuda --out docs/benchmarks/mt.md

Needs only numpy, sentencepiece and ctranslate2 (with its pyyaml); align-kit
is taken from ../src. Results go into one section per device of --out, so a
CPU run and a GPU run made on different machines end up in the same file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import ctranslate2  # noqa: E402

from align_kit.errors import AlignKitError  # noqa: E402
from align_kit.mt import Translator, import_opus_mt, model_info  # noqa: E402
from align_kit.mt.synthetic import build_opus_mt_folder, template_sentences  # noqa: E402

BASE = {"layers": 6, "heads": 8, "d_model": 512, "ffn": 2048, "vocab": 32000}


def build_model(work: Path, vocab: int, seed: int = 0) -> Path:
    """The imported align-kit model folder, built once and reused from `work`."""
    model = work / f"marian-base-v{vocab}-bpe"
    try:
        if model_info(model).origin.get("bench") == BASE | {"vocab": vocab}:
            return model
    except AlignKitError:  # absent or stale: build it again
        pass
    marian = work / f"opus-mt-zle-en-base-v{vocab}"
    corpus = {lang: template_sentences(lang, 3000, seed=seed) for lang in ("be", "ru", "en")}
    t0 = time.perf_counter()
    build_opus_mt_folder(marian, source_sentences=corpus["be"] + corpus["ru"],
                         target_sentences=corpus["en"], layers=BASE["layers"],
                         heads=BASE["heads"], d_model=BASE["d_model"], ffn=BASE["ffn"],
                         vocab_size=4000, marian_vocab_size=vocab, seed=seed)
    info = import_opus_mt(marian, model, force=True)
    manifest_path = info.path / "align-kit-model.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["origin"]["bench"] = BASE | {"vocab": vocab}
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    print(f"built and imported the model in {time.perf_counter() - t0:.1f}s: {model}",
          file=sys.stderr)
    return model


def decoding_cap(translator: Translator, sentences: list[str], ratio: float) -> int:
    """One length cap for every sentence: `ratio` x the mean source length in pieces."""
    pieces = translator._source_sp.encode(sentences)
    return max(1, round(ratio * sum(map(len, pieces)) / len(pieces)))


def measure(translator: Translator, sentences: list[str], batch_tokens: int,
            repeats: int) -> tuple[dict, dict]:
    """Ours and the peer (the same pieces and options straight through CTranslate2 with
    its own token batching), timed alternately, best of `repeats` each: the machine may
    be shared, and alternating spreads the load on both alike."""
    model, cap, beam = translator._model, translator.max_decoding_length, translator.beam_size
    translator.translate(sentences[:32])  # warm-up: allocations, thread pools
    best_ours = best_peer = float("inf")
    for _ in range(repeats):
        translator.cache.clear()
        t0 = time.perf_counter()
        translator.translate(sentences)
        best_ours = min(best_ours, time.perf_counter() - t0)
        t0 = time.perf_counter()
        pieces = translator._source_sp.encode(list(dict.fromkeys(sentences)), out_type=str)
        results = model.translate_batch(pieces, beam_size=beam, max_decoding_length=cap,
                                        max_batch_size=batch_tokens, batch_type="tokens")
        outputs = [translator._target_sp.decode_pieces(r.hypotheses[0]) for r in results]
        best_peer = min(best_peer, time.perf_counter() - t0)
    stats = translator.last_stats
    t0 = time.perf_counter()
    translator.translate(sentences)  # a second pass is answered by the cache
    cached = time.perf_counter() - t0
    common = {"device": translator.device, "compute_type": translator.compute_type,
              "threads": translator.intra_threads}
    ours = {"impl": "align-kit Translator", **common, "seconds": best_ours,
            "sentences": stats.translated, "source_tokens": stats.source_tokens,
            "target_tokens": stats.target_tokens, "batches": len(stats.batches),
            "cached_seconds": cached}
    peer = {"impl": "ctranslate2 translate_batch (peer)", **common, "seconds": best_peer,
            "sentences": len(outputs), "source_tokens": sum(map(len, pieces)),
            "target_tokens": sum(len(r.hypotheses[0]) for r in results)}
    return ours, peer


def row(r: dict, beam: int) -> str:
    return (f"| {r['impl']} | {r['device']} {r['compute_type']} | {r['threads']} | {beam} | "
            f"{r['sentences']} | {r['seconds']:.1f} | {r['sentences'] / r['seconds']:.1f} | "
            f"{r['source_tokens'] / r['seconds']:.0f} | {r['target_tokens'] / r['seconds']:.0f} |")


def write_section(out: Path, key: str, body: str) -> None:
    """Replace (or add) the `## <key>` section of `out`, keeping the others."""
    head = ("# Machine translation throughput (`bench/mt.py`)\n\n"
            "Marian-base-sized OPUS-MT model (6+6 layers, d=512, 8 heads, FFN 2048, 32k "
            "vocabulary) with random weights, built as a Marian folder and imported through "
            "CTranslate2's `OpusMTConverter`; be sentences from align-kit's templates (two joined, "
            "about 25 pieces each, like a news sentence); each "
            "sentence decodes to a fixed cap of the mean source length (a random model never "
            "stops by itself), identical for both rows. Source tokens are SentencePiece "
            "pieces. The peer row is the same "
            "pieces sent straight to `ctranslate2.Translator.translate_batch` with its own "
            "token batching: the difference is align-kit's tokenising/sorting/batching layer.\n")
    text = out.read_text(encoding="utf-8") if out.exists() else head
    sections = re.split(r"(?m)^(?=## )", text)
    kept = [s for s in sections[1:] if not s.startswith(f"## {key}\n")]
    if key.startswith("CUDA"):
        kept = [s for s in kept if not s.startswith("## CUDA: not measured")]
    text = sections[0].rstrip() + "\n\n" + "".join(s.rstrip() + "\n\n" for s in kept) + body
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text.rstrip() + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto",
                        help="auto: CPU, and CUDA too when CTranslate2 sees a GPU")
    parser.add_argument("--compute-type", help="default: int8 on CPU, float16 on CUDA")
    parser.add_argument("--sentences", type=int, help="default 300 on CPU, 8000 on CUDA")
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--batch-tokens", type=int, help="default 2048 CPU, 16384 CUDA")
    parser.add_argument("--vocab", type=int, default=BASE["vocab"])
    parser.add_argument("--length-ratio", type=float, default=1.0,
                        help="decoding cap as a multiple of the mean source length")
    parser.add_argument("--repeats", type=int, default=3, help="best of n timed runs")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "mt")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / "mt.md")
    args = parser.parse_args()

    cuda = ctranslate2.get_cuda_device_count() > 0
    if args.device == "cuda" and not cuda:
        print("bench/mt.py: no CUDA device visible to CTranslate2; run with --device cpu",
              file=sys.stderr)
        return 2
    devices = {"auto": ["cpu"] + (["cuda"] if cuda else []), "cpu": ["cpu"],
               "cuda": ["cuda"]}[args.device]
    model = build_model(args.work, args.vocab)
    header = ("| implementation | device, compute type | threads | beam | sentences | "
              "seconds | sentences/s | source tokens/s | generated tokens/s |\n"
              "|---|---|---|---|---|---|---|---|---|")
    for device in devices:
        n = args.sentences or (300 if device == "cpu" else 8000)
        batch_tokens = args.batch_tokens or (2048 if device == "cpu" else 16384)
        # two template sentences joined: ~25 pieces, about a news sentence's length
        halves = template_sentences("be", 2 * n, seed=7)
        sentences = [f"{a[:-1]}, {b[0].lower()}{b[1:]}" for a, b in zip(halves[::2],
                                                                         halves[1::2], strict=True)]
        translator = Translator(model, device=device, compute_type=args.compute_type,
                                beam_size=args.beam_size, batch_tokens=batch_tokens)
        # a random model never stops: both sides decode exactly to the same fixed cap
        translator.max_decoding_length = decoding_cap(translator, sentences, args.length_ratio)
        translator.max_length_ratio = None
        load_before = os.getloadavg()[0]
        ours, peer = measure(translator, sentences, batch_tokens, args.repeats)
        load = f"{load_before:.1f} -> {os.getloadavg()[0]:.1f}"
        cpu_name = platform.processor() or platform.machine()
        gpu = ""
        if device == "cuda":
            try:
                import subprocess

                gpu = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"],
                                     capture_output=True, text=True, timeout=20).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                gpu = "GPU"
        where = gpu if device == "cuda" else f"{os.cpu_count()} CPU cores ({cpu_name})"
        key = f"{'CUDA' if device == 'cuda' else 'CPU'} ({ours['compute_type']})"
        body = (f"## {key}\n\nMeasured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {where}, "
                f"CTranslate2 {ctranslate2.__version__}, batch budget {batch_tokens} tokens, "
                f"decoding cap {translator.max_decoding_length} tokens, best of "
                f"{args.repeats}:\n\n"
                f"{header}\n{row(ours, args.beam_size)}\n{row(peer, args.beam_size)}\n\n"
                f"Our {ours['batches']} batches; translating the same sentences again is "
                f"answered by the cache in {ours['cached_seconds'] * 1000:.0f} ms. Load "
                f"average during the run {load}: where other jobs share the cores (load above "
                f"the core count), the two rows have differed by up to 1.7x either way from one "
                f"run to the next, so compare them only on an idle machine.\n\n"
                f"Command: `python bench/mt.py --device {device}"
                f"{' --sentences ' + str(n) if args.sentences else ''}`\n")
        print(body)
        write_section(args.out, key, body)
    if "cuda" not in devices and not cuda:
        text = args.out.read_text(encoding="utf-8")
        if "## CUDA" not in text:
            write_section(args.out, "CUDA: not measured",
                          "## CUDA: not measured\n\nNo GPU was visible to CTranslate2 on the "
                          "machine that ran this. On a GPU machine: `python bench/mt.py "
                          "--device cuda` (adds a CUDA float16 section here).\n")
    write_section(args.out, "MT-assisted alignment",
                  "## MT-assisted alignment\n\nStrict F1 on NTREX with `--translations` (a human "
                  "translation of each source line standing in for a strong MT model) against "
                  "the model-free aligner is measured by `python bench/alignment.py`, in the same "
                  "run as the other alignment figures: section \"Upper bound with real "
                  "translations\" of the alignment benchmark.\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
