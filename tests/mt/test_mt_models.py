"""Model folders: OPUS-MT and Argos import through the real converter, manifest, errors."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from align_kit.errors import AlignKitError
from align_kit.mt import (
    MANIFEST,
    Translator,
    import_argos,
    import_opus_mt,
    list_models,
    load_translator,
    model_info,
)
from align_kit.mt.models import directory_checksum, language_tokens, normalise_language


def test_opus_mt_import_writes_a_manifest(zle_en_model, zle_en_marian):
    info = model_info(zle_en_model)
    manifest = json.loads((zle_en_model / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["source_languages"] == ["be", "ru"]  # from the release README
    assert manifest["target_languages"] == ["en"]
    assert manifest["origin"]["kind"] == "opus-mt"
    assert manifest["origin"]["path"] == str(zle_en_marian.resolve())
    assert manifest["tokenizers"] == {"source": "source.spm", "target": "target.spm"}
    assert manifest["target_prefix"] == {"position": None, "tokens": {}}
    assert manifest["created"].startswith("20")
    # the checksum covers the converted model and both tokenizers
    files = sorted(p.name for p in zle_en_model.iterdir() if p.name != MANIFEST)
    assert {"model.bin", "config.json", "source.spm", "target.spm"} <= set(files)
    assert info.checksum == directory_checksum(zle_en_model, files)
    assert (zle_en_model / "source.spm").read_bytes() == \
        (zle_en_marian / "source.spm").read_bytes()


def test_multi_target_import_finds_language_tokens(en_zle_model):
    info = model_info(en_zle_model)
    assert info.source_languages == ("en",)
    assert info.target_languages == ("be", "ru", "uk")
    assert info.prefix_position == "source"
    # plain code wins over the script variant >>bel_Latn<<
    assert info.prefix_tokens == {"be": ">>bel<<", "ru": ">>rus<<", "uk": ">>ukr<<"}


def test_language_codes():
    assert normalise_language("bel_Latn") == ("be",)
    assert normalise_language("zle") == ("be", "ru", "uk")
    assert normalise_language("en") == ("en",)
    assert language_tokens([">>rus<<", ">>ru<<", "▁a", ">>zle<<"]) == {"ru": ">>ru<<"}


def test_explicit_languages_override_readme(zle_en_marian, tmp_path):
    info = import_opus_mt(zle_en_marian, tmp_path / "m", source_languages=["bel"],
                          target_languages=["eng"], quantization="int8")
    assert info.source_languages == ("be",)
    assert info.quantization == "int8"
    assert Translator(info.path, max_decoding_length=8).translate(["Добры дзень."])[0]


def test_import_without_readme_uses_folder_name(zle_en_marian, tmp_path):
    marian = tmp_path / "opus-mt-be-en"
    shutil.copytree(zle_en_marian, marian)
    (marian / "README.md").unlink()
    info = import_opus_mt(marian, tmp_path / "m")
    assert (info.source_languages, info.target_languages) == (("be",), ("en",))
    anonymous = tmp_path / "release"
    marian.rename(anonymous)
    with pytest.raises(AlignKitError, match="cannot tell which languages") as err:
        import_opus_mt(anonymous, tmp_path / "m2")
    assert "--source" in err.value.hint


def test_import_without_decoder_yml_uses_the_npz(zle_en_marian, tmp_path):
    marian = tmp_path / "opus-mt-zle-en"
    shutil.copytree(zle_en_marian, marian)
    (marian / "decoder.yml").unlink()
    info = import_opus_mt(marian, tmp_path / "m")
    assert info.target_languages == ("en",)


def test_missing_spm_is_a_clear_error(zle_en_marian, tmp_path):
    marian = tmp_path / "opus"
    shutil.copytree(zle_en_marian, marian)
    (marian / "target.spm").unlink()
    with pytest.raises(AlignKitError, match="target.spm is missing"):
        import_opus_mt(marian, tmp_path / "m")
    assert not (tmp_path / "m").exists()


def test_import_refuses_to_overwrite(zle_en_marian, zle_en_model, tmp_path):
    out = tmp_path / "m"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    with pytest.raises(AlignKitError, match="not empty"):
        import_opus_mt(zle_en_marian, out)
    assert (out / "keep.txt").exists()
    info = import_opus_mt(zle_en_marian, out, force=True)
    assert not (out / "keep.txt").exists()
    assert info.checksum == model_info(zle_en_model).checksum  # same inputs, same model
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left


def test_broken_marian_model_is_an_input_error(zle_en_marian, tmp_path):
    marian = tmp_path / "opus"
    shutil.copytree(zle_en_marian, marian)
    (marian / "opus.spm-spm.transformer-align.npz").write_bytes(b"not a numpy file")
    with pytest.raises(AlignKitError, match="could not convert"):
        import_opus_mt(marian, tmp_path / "m")


def test_argos_import_and_translate(argos_model, argos_package):
    info = model_info(argos_model)
    assert (info.source_languages, info.target_languages) == (("be",), ("en",))
    assert info.origin["kind"] == "argos"
    assert info.origin["package_name"] == "translate-be_en"
    assert info.tokenizers == {"source": "sentencepiece.model", "target": "sentencepiece.model"}
    out = Translator(argos_model, max_decoding_length=12).translate(
        ["Павел Латушка сустрэўся з дыпламатамі.", ""])
    assert out[0] and out[1] == ""
    # one shared SentencePiece model: output pieces are all known, so no raw "▁" remains
    assert "▁" not in out[0]


def test_argos_errors(tmp_path, argos_package):
    not_zip = tmp_path / "x.argosmodel"
    not_zip.write_text("hello")
    with pytest.raises(AlignKitError, match="not a zip"):
        import_argos(not_zip, tmp_path / "m")
    no_meta = tmp_path / "y.argosmodel"
    with zipfile.ZipFile(no_meta, "w") as zf:
        zf.writestr("pkg/model/model.bin", b"")
    with pytest.raises(AlignKitError, match="no metadata.json"):
        import_argos(no_meta, tmp_path / "m")
    no_spm = tmp_path / "z.argosmodel"
    with zipfile.ZipFile(argos_package) as src, zipfile.ZipFile(no_spm, "w") as dst:
        for item in src.infolist():
            if not item.filename.endswith("sentencepiece.model"):
                dst.writestr(item, src.read(item))
    with pytest.raises(AlignKitError, match="sentencepiece.model is missing"):
        import_argos(no_spm, tmp_path / "m")
    with pytest.raises(AlignKitError, match="no such Argos package"):
        import_argos(tmp_path / "absent.argosmodel", tmp_path / "m")


def test_list_models(zle_en_model, en_zle_model, argos_model):
    root = zle_en_model.parent
    found = {m.name: m for m in list_models(root)}
    assert {"zle-en", "en-zle", "argos-be-en"} <= set(found)
    assert found["en-zle"].target_languages == ("be", "ru", "uk")
    with pytest.raises(AlignKitError, match="no such folder"):
        list_models(root / "absent")


def test_not_a_model_errors(tmp_path, zle_en_marian, zle_en_model):
    with pytest.raises(AlignKitError) as err:
        model_info(tmp_path / "absent")
    assert "import-opus-mt" in str(err.value)  # says how to import one
    with pytest.raises(AlignKitError, match="not an align-kit model") as err:
        model_info(zle_en_marian)
    assert "import-opus-mt" in err.value.hint
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(AlignKitError, match="not an align-kit model"):
        model_info(empty)
    broken = tmp_path / "broken"
    shutil.copytree(zle_en_model, broken)
    (broken / MANIFEST).write_text("{not json")
    with pytest.raises(AlignKitError, match="broken model manifest"):
        model_info(broken)
    no_spm = tmp_path / "no-spm"
    shutil.copytree(zle_en_model, no_spm)
    (no_spm / "source.spm").unlink()
    with pytest.raises(AlignKitError, match="source SentencePiece model is missing"):
        model_info(no_spm)


def test_model_for_other_languages(zle_en_model, en_zle_model):
    with pytest.raises(AlignKitError, match="translates from be, ru, not en"):
        load_translator(zle_en_model, source_lang="en", target_lang="be")
    with pytest.raises(AlignKitError, match="translates into en, not de"):
        load_translator(zle_en_model, source_lang="be", target_lang="de")
    assert load_translator(en_zle_model, source_lang="en", target_lang="ru")


def test_load_translator_reuses_a_loaded_model(zle_en_model, monkeypatch):
    first = load_translator(zle_en_model, max_decoding_length=6)
    assert load_translator(zle_en_model, max_decoding_length=6) is first
    assert load_translator(zle_en_model, max_decoding_length=7) is not first
    assert load_translator(zle_en_model, max_decoding_length=6, reuse=False) is not first
    # a model name under $ALIGN_KIT_MODELS
    monkeypatch.setenv("ALIGN_KIT_MODELS", str(zle_en_model.parent))
    assert load_translator("zle-en", max_decoding_length=6) is first


def test_verify_model(zle_en_model, tmp_path):
    from align_kit.mt import verify_model

    assert verify_model(zle_en_model).checksum == model_info(zle_en_model).checksum
    changed = tmp_path / "changed"
    shutil.copytree(zle_en_model, changed)
    with open(changed / "target.spm", "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(AlignKitError, match="checksum mismatch"):
        verify_model(changed)


def test_multi_target_languages_follow_the_tokens(en_zle_marian, tmp_path):
    info = import_opus_mt(en_zle_marian, tmp_path / "m", target_languages=["bel", "rue"])
    assert info.target_languages == ("be",)  # no >>rue<< token in the vocabulary
    with pytest.raises(AlignKitError, match="has language tokens but none for de") as err:
        import_opus_mt(en_zle_marian, tmp_path / "m2", target_languages=["de"])
    assert ">>bel<<" in err.value.hint
