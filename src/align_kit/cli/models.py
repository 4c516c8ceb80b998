"""Machine-translation commands: the model group and translate."""

from __future__ import annotations

import click

from align_kit.cli._params import (
    _FILE,
    _FOLDER,
    _MODEL,
    _OUT_FOLDER,
    _language_option,
    _PathParam,
    aliased_option,
    output_option,
)

# --- mt commands ---

@click.group("model")
def model_group() -> None:
    """Machine-translation models: import OPUS-MT folders and Argos packages, list them.

    \b
    Nothing is downloaded; convert what you have, offline:
      align-kit model import-opus-mt opus-mt-zle-en/ -o models/zle-en
      align-kit model import-argos translate-be_en-1_0.argosmodel -o models/be-en
      align-kit model list models
    """


def _print_model(info, as_json: bool) -> None:
    import json

    if as_json:
        click.echo(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
        return
    from align_kit.mt.summaries import model_line

    click.echo(model_line(info))


@model_group.command("import-opus-mt")
@click.argument("marian_dir", type=_FOLDER)
@output_option("New model folder to create.", dest="out_dir", type=_OUT_FOLDER,
               required=True)
@click.option("--source", "sources", help="Source languages, comma-separated (default: README).")
@click.option("--target", "targets", help="Target languages, comma-separated (default: README).")
@click.option("--quantization", type=click.Choice(["int8", "int8_float16", "float16",
              "bfloat16", "float32"]), help="Store weights quantized (default: as released).")
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def model_import_opus_mt(marian_dir, out_dir, sources, targets, quantization, force, as_json):
    """Convert an OPUS-MT (Marian) folder with CTranslate2's converter.

    \b
    MARIAN_DIR holds the unpacked release: *.npz, *.vocab.yml, decoder.yml,
    source.spm, target.spm (and README.md, which names the languages).
      align-kit model import-opus-mt opus-mt-zle-en/ -o models/zle-en
    """
    from align_kit.mt import import_opus_mt

    split = lambda v: [c for c in v.split(",") if c.strip()] if v else None  # noqa: E731
    info = import_opus_mt(marian_dir, out_dir, source_languages=split(sources),
                          target_languages=split(targets), quantization=quantization,
                          force=force)
    _print_model(info, as_json)


@model_group.command("import-argos")
@click.argument("package", type=_FILE)
@output_option("New model folder to create.", dest="out_dir", type=_OUT_FOLDER,
               required=True)
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def model_import_argos(package, out_dir, force, as_json):
    """Unpack an Argos Translate package (.argosmodel) into a model folder.

    \b
      align-kit model import-argos translate-be_en-1_0.argosmodel -o models/be-en
    """
    from align_kit.mt import import_argos

    _print_model(import_argos(package, out_dir, force=force), as_json)


@model_group.command("list")
@click.argument("root", required=False, type=_FOLDER)
@click.option("--json", "as_json", is_flag=True, help="JSON list of manifests.")
def model_list(root, as_json):
    """List model folders under ROOT (default: $ALIGN_KIT_MODELS or ./models).

    \b
      align-kit model list models
    """
    import json
    import os

    from align_kit.mt import list_models

    folder = root or os.environ.get("ALIGN_KIT_MODELS") or "models"
    if not root and not os.path.isdir(folder):
        click.echo(f"no model folder {folder} (give ROOT or set ALIGN_KIT_MODELS)")
        return
    models = list_models(folder)
    if as_json:
        click.echo(json.dumps([m.to_json() for m in models], ensure_ascii=False, indent=2))
    elif not models:
        click.echo("no models found (import one with `align-kit model import-opus-mt` "
                   "or `align-kit model import-argos`)")
    for info in models if not as_json else ():
        _print_model(info, False)


@model_group.command("info")
@click.argument("model_dir", type=_MODEL)
@click.option("--verify", is_flag=True, help="Check the files against the checksum.")
@click.option("--json", "as_json", is_flag=True, help="The manifest as JSON.")
def model_info_cmd(model_dir, verify, as_json):
    """Show a model folder's languages, origin, tokenizers and checksum.

    \b
      align-kit model info models/zle-en --verify
    """
    from align_kit.mt import model_info, resolve_model_dir, verify_model

    path = resolve_model_dir(model_dir)
    _print_model(verify_model(path) if verify else model_info(path), as_json)


@click.command("translate")
@click.argument("file", type=_FILE)
@click.option("--model", "model_dir", required=True, type=_MODEL,
              help="Model folder (see `align-kit model`).")
@aliased_option("-l", "--lang", dest="source", aliases=("--from",), callback=_language_option,
                help="Language of FILE, checked against the model.")
@aliased_option("--target", dest="target", aliases=("--to",), callback=_language_option,
                help="Language to translate into (needed for multi-target models).")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto",
              show_default=True)
@click.option("--compute-type", help="CTranslate2 compute type (default int8 on CPU, "
              "float16 on CUDA).")
@click.option("--beam-size", type=click.IntRange(1, 64), default=4, show_default=True)
@click.option("--max-length", type=click.IntRange(1), default=256, show_default=True,
              help="Maximum tokens per translation.")
@click.option("--batch-tokens", type=click.IntRange(1), default=4096, show_default=True)
@output_option("Output file (default: stdout).", dest="out_path",
               type=_PathParam("file", output=True, allow_dash=True))
def translate_cmd(file, model_dir, target, source, device, compute_type, beam_size, max_length,
                  batch_tokens, out_path):
    """Machine-translate a file with one sentence per line (lines stay parallel),
    or draft the empty sides of an alignment file (flagged as machine translation).

    \b
      align-kit translate corpora/gold/journalists.be.sents --model models/zle-en --target en \\
          -o out/journalists.mt.en.txt
      align-kit translate out/demo/journalists/journalists.align.jsonl --model models/zle-en \\
          -o out/journalists.drafted.align.jsonl
    """
    from align_kit.mt import load_translator, resolve_model_dir
    from align_kit.mt.textfile import translate_lines, write_lines

    translator = load_translator(resolve_model_dir(model_dir), source_lang=source,
                                 target_lang=target, device=device, compute_type=compute_type,
                                 beam_size=beam_size, max_decoding_length=max_length,
                                 batch_tokens=batch_tokens)
    if str(file).endswith(".align.jsonl"):
        from align_kit.formats.alignment_file import read_alignment, write_alignment
        from align_kit.mt.drafts import draft_missing_translations

        drafted = draft_missing_translations(read_alignment(file), translator)
        write_alignment(drafted, out_path if out_path and out_path != "-" else file)
        return
    write_lines(out_path, translate_lines(file, translator, target_lang=target))



COMMANDS = (model_group, translate_cmd)
