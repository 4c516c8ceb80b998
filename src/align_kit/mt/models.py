"""align-kit model folders: a CTranslate2 model, its SentencePiece models, a manifest.

A model folder holds what `ctranslate2.Translator` loads (`model.bin`,
`config.json`, vocabularies), the SentencePiece models, and
`align-kit-model.json`, which says which languages it translates, where it
came from, which tokenizer files to use, how a target language is chosen in a
multilingual model, and a checksum (the translation cache key).

Models come from two places users already have, converted offline:
OPUS-MT releases (Marian `.npz` + `.yml` vocabularies + `.spm`), through
CTranslate2's own `OpusMTConverter`, and Argos Translate packages (a zip that
already holds a CTranslate2 model and one SentencePiece model).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from align_kit.errors import AlignKitError, InputError
from align_kit.formats.atomic import write_text_atomic

MANIFEST = "align-kit-model.json"
MANIFEST_FORMAT = 1
IMPORT_HINT = ("import one first: `align-kit model import-opus-mt MARIAN_DIR -o DIR` or "
               "`align-kit model import-argos FILE.argosmodel -o DIR`")

# ISO 639-3 (and OPUS-MT group) codes to the ISO 639-1 codes align-kit uses.
_ISO3 = {
    "bel": "be", "rus": "ru", "eng": "en", "ukr": "uk", "pol": "pl", "lit": "lt",
    "lav": "lv", "est": "et", "deu": "de", "fra": "fr", "spa": "es", "ita": "it",
    "ces": "cs", "slk": "sk", "bul": "bg", "srp": "sr", "hrv": "hr", "slv": "sl",
    "mkd": "mk", "fin": "fi", "swe": "sv", "nld": "nl", "por": "pt", "kaz": "kk",
    "cat": "ca", "tur": "tr", "zho": "zh", "jpn": "ja", "ara": "ar", "heb": "he",
}
_ISO1_TO_3 = {v: k for k, v in _ISO3.items()}
_GROUPS = {"zle": ("be", "ru", "uk"), "zlw": ("pl", "cs", "sk"), "zls": ("bg", "sr", "hr", "sl",
           "mk"), "sla": ("be", "ru", "uk", "pl", "cs", "sk", "bg", "sr", "hr", "sl", "mk")}
_LANG_TOKEN = re.compile(r"^>>([A-Za-z_]+)<<$")


def normalise_language(code: str) -> tuple[str, ...]:
    """`bel`, `bel_Latn`, `be`, `zle` ... as ISO 639-1 codes ("zle" -> be, ru, uk)."""
    base = code.strip().split("_")[0].split("-")[0].lower()
    if base in _GROUPS:
        return _GROUPS[base]
    return (_ISO3.get(base, base),) if base else ()


def _languages(codes: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(lang for code in codes for lang in normalise_language(code)))


@dataclass(frozen=True)
class ModelInfo:
    """What a model folder's manifest says, plus where it is."""

    path: Path
    name: str
    source_languages: tuple[str, ...]
    target_languages: tuple[str, ...]
    origin: dict
    tokenizers: dict
    checksum: str
    created: str
    prefix_position: str | None = None  # "source" (OPUS-MT >>xxx<<), "target", or None
    prefix_tokens: dict = field(default_factory=dict)
    quantization: str | None = None

    @property
    def source_spm(self) -> Path:
        return self.path / self.tokenizers["source"]

    @property
    def target_spm(self) -> Path:
        return self.path / self.tokenizers["target"]

    def to_json(self) -> dict:
        return {
            "path": str(self.path), "name": self.name,
            "source_languages": list(self.source_languages),
            "target_languages": list(self.target_languages),
            "origin": self.origin, "tokenizers": self.tokenizers, "checksum": self.checksum,
            "created": self.created,
            "target_prefix": {"position": self.prefix_position, "tokens": self.prefix_tokens},
            "quantization": self.quantization,
        }


def model_info(model_dir: str | os.PathLike) -> ModelInfo:
    """Read and check a model folder's manifest; AlignKitError if it is not a usable model."""
    path = Path(model_dir)
    if not path.exists():
        raise InputError("no such model folder", path=str(path), hint=IMPORT_HINT)
    if not path.is_dir():
        raise InputError("not a model folder (it is a file)", path=str(path),
                         hint="an Argos package is imported with `align-kit model import-argos "
                         "FILE -o DIR`" if path.suffix == ".argosmodel" else IMPORT_HINT)
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        if (path / "decoder.yml").is_file() or any(path.glob("*.npz")):
            hint = f"this looks like an OPUS-MT (Marian) folder: `align-kit model import-opus-mt " \
                   f"{path} -o DIR` converts it"
        elif (path / "model.bin").is_file():
            hint = "this is a bare CTranslate2 model; package it as an Argos model or import " \
                   "the original OPUS-MT folder"
        else:
            hint = IMPORT_HINT
        raise InputError(f"not an align-kit model folder (no {MANIFEST})", path=str(path),
                         hint=hint)
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
        prefix = data.get("target_prefix") or {}
        info = ModelInfo(
            path=path, name=str(data.get("name") or path.name),
            source_languages=tuple(data["source_languages"]),
            target_languages=tuple(data["target_languages"]),
            origin=dict(data.get("origin") or {}), tokenizers=dict(data["tokenizers"]),
            checksum=str(data["checksum"]), created=str(data.get("created", "")),
            prefix_position=prefix.get("position"), prefix_tokens=dict(prefix.get("tokens") or {}),
            quantization=data.get("quantization"),
        )
        _ = info.tokenizers["source"], info.tokenizers["target"]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"broken model manifest: {exc}", path=str(manifest_path),
                         hint="re-import the model") from None
    for role in ("source", "target"):
        spm = path / info.tokenizers[role]
        if not spm.is_file():
            raise InputError(f"the {role} SentencePiece model is missing", path=str(spm),
                             hint="re-import the model from its OPUS-MT folder or Argos package")
    if not (path / "model.bin").is_file():
        raise InputError("model.bin is missing from the model folder", path=str(path),
                         hint="re-import the model")
    return info


def verify_model(model_dir: str | os.PathLike) -> ModelInfo:
    """`model_info`, after checking the files still match the manifest's checksum."""
    info = model_info(model_dir)
    actual = directory_checksum(info.path, _model_files(info.path))
    if actual != info.checksum:
        raise InputError("model files changed since import (checksum mismatch)",
                         path=str(info.path), hint="re-import the model; cached translations "
                         "are keyed by the checksum")
    return info


def list_models(root: str | os.PathLike) -> list[ModelInfo]:
    """Every model folder at `root` or one/two levels below it, sorted by path."""
    base = Path(root)
    if not base.is_dir():
        raise InputError("no such folder", path=str(base),
                         hint="give the folder that holds your imported models")
    manifests = sorted({*base.glob(MANIFEST), *base.glob(f"*/{MANIFEST}"),
                        *base.glob(f"*/*/{MANIFEST}")})
    found = []
    for manifest in manifests:
        with contextlib.suppress(AlignKitError):  # a broken folder is shown by `model info`
            found.append(model_info(manifest.parent))
    return found


def check_languages(info: ModelInfo, source: str | None = None,
                    target: str | None = None) -> None:
    """AlignKitError unless the model translates `source` into `target`."""
    if source and source not in info.source_languages:
        raise InputError(
            f"model {info.name} translates from {', '.join(info.source_languages)}, not {source}",
            path=str(info.path), hint=f"import a model for {source}; `align-kit model list` "
            "shows what you have")
    if target and target not in info.target_languages:
        raise InputError(
            f"model {info.name} translates into {', '.join(info.target_languages)}, not {target}",
            path=str(info.path), hint=f"import a model into {target}; `align-kit model list` "
            "shows what you have")


# --- import -----------------------------------------------------------------------

def directory_checksum(folder: Path, names: Sequence[str]) -> str:
    """sha256 over the named files (name and bytes), the identity of a model's outputs."""
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode("utf-8") + b"\0")
        with open(folder / name, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return "sha256:" + digest.hexdigest()


def _model_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != MANIFEST)


def _prepare_output(out_dir: Path, force: bool) -> Path:
    """A fresh temporary folder beside `out_dir`; the import renames it into place."""
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        raise InputError("output folder exists and is not empty", path=str(out_dir),
                         hint="choose a new folder or pass --force to replace it")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=str(out_dir),
                         hint="choose an output folder you can write to") from None


def _finish(tmp: Path, out_dir: Path, manifest: dict) -> ModelInfo:
    manifest["checksum"] = directory_checksum(tmp, _model_files(tmp))
    write_text_atomic(tmp / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    os.replace(tmp, out_dir)
    return model_info(out_dir)


def _vocabulary_tokens(ct2_dir: Path) -> list[str]:
    """Target-side tokens of a converted model (for finding >>xxx<< language tokens)."""
    for name in ("target_vocabulary.json", "shared_vocabulary.json"):
        if (ct2_dir / name).is_file():
            return json.loads((ct2_dir / name).read_text(encoding="utf-8"))
    for name in ("target_vocabulary.txt", "shared_vocabulary.txt"):
        if (ct2_dir / name).is_file():
            return (ct2_dir / name).read_text(encoding="utf-8").splitlines()
    return []


def language_tokens(vocabulary: Sequence[str]) -> dict[str, str]:
    """ISO 639-1 code -> its `>>xxx<<` token, for the language tokens in a vocabulary.

    An exact two-letter token wins over a three-letter one (>>be<< over >>bel<<),
    a plain code over a script variant (>>bel<< over >>bel_Latn<<).
    """
    tokens: dict[str, tuple[int, str]] = {}
    for token in vocabulary:
        match = _LANG_TOKEN.match(token)
        if not match:
            continue
        code = match.group(1)
        base = code.split("_")[0].lower()
        if base in _GROUPS:
            continue
        lang = _ISO3.get(base, base)
        rank = (0 if len(code) == 2 else 1) + (2 if "_" in code else 0)
        if lang not in tokens or rank < tokens[lang][0]:
            tokens[lang] = (rank, token)
    return {lang: token for lang, (_, token) in sorted(tokens.items())}


def _readme_languages(marian_dir: Path) -> tuple[list[str], list[str]]:
    """Languages from an OPUS-MT README ("* source language(s): bel rus ukr")."""
    source: list[str] = []
    target: list[str] = []
    for name in ("README.md", "README.txt", "README"):
        readme = marian_dir / name
        if not readme.is_file():
            continue
        for line in readme.read_text(encoding="utf-8", errors="replace").splitlines():
            match = re.match(r"^\W*(source|target) languages?(?:\(s\))?\s*:\s*(.+)$", line.strip(),
                             re.IGNORECASE)
            if match:
                codes = re.findall(r"[A-Za-z_]+", match.group(2))
                (source if match.group(1).lower() == "source" else target).extend(codes)
        if source or target:
            break
    if not (source and target):  # folder names as released: opus-mt-zle-en, bel-eng
        match = re.search(r"([a-z]{2,3})-([a-z]{2,3})$", marian_dir.resolve().name)
        if match:
            source = source or [match.group(1)]
            target = target or [match.group(2)]
    return _languages(source), _languages(target)


def import_opus_mt(
    marian_dir: str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    source_languages: Sequence[str] | None = None,
    target_languages: Sequence[str] | None = None,
    quantization: str | None = None,
    force: bool = False,
) -> ModelInfo:
    """Convert an OPUS-MT (Marian) folder into an align-kit model folder, offline.

    The folder needs `decoder.yml` (or one `*.npz` and its `*.vocab.yml`),
    `source.spm` and `target.spm`. Languages come from the arguments, else
    from the release README, else from the folder name.
    """
    from ctranslate2.converters import MarianConverter, OpusMTConverter

    src = Path(marian_dir)
    if not src.is_dir():
        raise InputError("no such OPUS-MT folder", path=str(src),
                         hint="give the unpacked folder with model .npz, .yml vocabularies "
                         "and source.spm/target.spm")
    for spm in ("source.spm", "target.spm"):
        if not (src / spm).is_file():
            raise InputError(f"{spm} is missing from the OPUS-MT folder", path=str(src),
                             hint="OPUS-MT releases ship source.spm and target.spm beside the "
                             "model; unpack the whole release zip")
    if (src / "decoder.yml").is_file():
        try:
            converter = OpusMTConverter(str(src))
        except (OSError, KeyError, IndexError, TypeError, ValueError) as exc:
            raise InputError(f"cannot read decoder.yml: {exc}", path=str(src / "decoder.yml"),
                             hint="it must list `models:` and `vocabs:` of this folder") from None
    else:
        npz = sorted(src.glob("*.npz"))
        vocabs = sorted(src.glob("*.yml"))
        if len(npz) != 1 or not vocabs:
            raise InputError("not an OPUS-MT folder: no decoder.yml and not exactly one .npz "
                             "with .yml vocabularies", path=str(src),
                             hint="unpack the whole OPUS-MT release zip into the folder")
        converter = MarianConverter(str(npz[0]), [str(v) for v in vocabs])
    detected_src, detected_tgt = _readme_languages(src)
    sources = _languages(source_languages) if source_languages else detected_src
    targets = _languages(target_languages) if target_languages else detected_tgt
    if not sources or not targets:
        raise InputError("cannot tell which languages this model translates", path=str(src),
                         hint="pass --source and --target (e.g. --source be,ru --target en)")
    out = Path(out_dir)
    tmp = _prepare_output(out, force)
    try:
        try:
            converter.convert(str(tmp / "ct2"), quantization=quantization, force=True)
        except (OSError, KeyError, ValueError, TypeError, RuntimeError) as exc:
            raise InputError(f"CTranslate2 could not convert this Marian model: {exc}",
                             path=str(src), hint="only transformer models from OPUS-MT / "
                             "Marian are supported") from None
        for file in (tmp / "ct2").iterdir():
            os.replace(file, tmp / file.name)
        (tmp / "ct2").rmdir()
        shutil.copyfile(src / "source.spm", tmp / "source.spm")
        shutil.copyfile(src / "target.spm", tmp / "target.spm")
        tokens = language_tokens(_vocabulary_tokens(tmp))
        prefix_tokens = {lang: tok for lang, tok in tokens.items() if lang in targets}
        if tokens:  # a multi-target model reaches only the languages it has a token for
            if not prefix_tokens:
                raise InputError(f"the model has language tokens but none for "
                                 f"{', '.join(targets)}", path=str(src),
                                 hint="check --target against the model's README; it has "
                                 f"{' '.join(list(tokens.values())[:12])}")
            targets = [lang for lang in targets if lang in prefix_tokens]
        manifest = {
            "format": MANIFEST_FORMAT, "name": out.name,
            "source_languages": sources, "target_languages": targets,
            "origin": {"kind": "opus-mt", "path": str(src.resolve()),
                       "converter": "ctranslate2.converters.OpusMTConverter"},
            "tokenizers": {"source": "source.spm", "target": "target.spm"},
            # multi-target OPUS-MT models read the target language from a source token
            "target_prefix": {"position": "source" if prefix_tokens else None,
                              "tokens": prefix_tokens},
            "quantization": quantization,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        return _finish(tmp, out, manifest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def import_argos(
    package: str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    force: bool = False,
) -> ModelInfo:
    """Unpack an Argos Translate package (`.argosmodel` zip) into an align-kit model folder."""
    path = Path(package)
    if not path.is_file():
        raise InputError("no such Argos package", path=str(path),
                         hint="give the .argosmodel file (a zip)")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputError("not an Argos package (not a zip file)", path=str(path),
                         hint="Argos packages are .argosmodel zip files") from None
    with zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        meta_names = [n for n in names if n.rsplit("/", 1)[-1] == "metadata.json"
                      and n.count("/") <= 1]
        if not meta_names:
            raise InputError("not an Argos package: no metadata.json", path=str(path),
                             hint="Argos packages hold metadata.json, model/ and "
                             "sentencepiece.model")
        root = meta_names[0][: -len("metadata.json")]
        try:
            meta = json.loads(zf.read(meta_names[0]).decode("utf-8"))
            from_code, to_code = str(meta["from_code"]), str(meta["to_code"])
        except (ValueError, KeyError, TypeError):
            raise InputError("metadata.json lacks from_code/to_code", path=str(path),
                             hint="the package is damaged; get it again") from None
        if f"{root}sentencepiece.model" not in names:
            raise InputError("sentencepiece.model is missing from the Argos package",
                             path=str(path), hint="only SentencePiece-based Argos packages are "
                             "supported")
        model_files = [n for n in names if n.startswith(f"{root}model/")
                       and n.count("/") == root.count("/") + 1]
        if f"{root}model/model.bin" not in model_files:
            raise InputError("model/model.bin is missing from the Argos package",
                             path=str(path), hint="the package is damaged; get it again")
        out = Path(out_dir)
        tmp = _prepare_output(out, force)
        try:
            for name in model_files:
                with zf.open(name) as src, open(tmp / name.rsplit("/", 1)[-1], "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            with zf.open(f"{root}sentencepiece.model") as src, \
                    open(tmp / "sentencepiece.model", "wb") as dst:
                shutil.copyfileobj(src, dst)
            manifest = {
                "format": MANIFEST_FORMAT, "name": out.name,
                "source_languages": _languages([from_code]),
                "target_languages": _languages([to_code]),
                "origin": {"kind": "argos", "path": str(path.resolve()),
                           "package_name": meta.get("package_name"),
                           "package_version": meta.get("package_version")},
                "tokenizers": {"source": "sentencepiece.model", "target": "sentencepiece.model"},
                "target_prefix": {"position": None, "tokens": {}},
                "quantization": None,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            return _finish(tmp, out, manifest)
        except (OSError, zipfile.BadZipFile) as exc:
            raise InputError(f"cannot unpack the Argos package: {exc}", path=str(path),
                             hint="check free disk space; the package may be damaged") from None
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
