"""Real tiny models for the MT tests, built once per session, offline.

SentencePiece models are trained on our own template sentences; Marian
`model.npz` files with random weights go through CTranslate2's real
OPUS-MT converter and run in the real CTranslate2 runtime.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from align_kit.mt import import_argos, import_opus_mt
from align_kit.mt.synthetic import (
    build_argos_package,
    build_opus_mt_folder,
    template_sentences,
)

BE = template_sentences("be", 250, seed=1)
RU = template_sentences("ru", 250, seed=1)
EN = template_sentences("en", 250, seed=1)


@pytest.fixture(scope="session")
def mt_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mt-models")


@pytest.fixture(scope="session")
def zle_en_marian(mt_root) -> Path:
    """An OPUS-MT-style be+ru -> en folder (one target, no language tokens)."""
    return build_opus_mt_folder(mt_root / "opus-mt-zle-en", source_sentences=BE + RU,
                                target_sentences=EN, source_languages=("bel", "rus"),
                                target_languages=("eng",), seed=1)


@pytest.fixture(scope="session")
def en_zle_marian(mt_root) -> Path:
    """An OPUS-MT-style multi-target en -> be/ru/uk folder (needs >>xxx<< source tokens)."""
    return build_opus_mt_folder(mt_root / "opus-mt-en-zle", source_sentences=EN,
                                target_sentences=BE + RU,
                                target_tokens=(">>bel<<", ">>rus<<", ">>ukr<<", ">>bel_Latn<<"),
                                source_languages=("eng",), target_languages=("bel", "rus", "ukr"),
                                seed=2)


@pytest.fixture(scope="session")
def zle_en_model(mt_root, zle_en_marian) -> Path:
    return import_opus_mt(zle_en_marian, mt_root / "models" / "zle-en").path


@pytest.fixture(scope="session")
def en_zle_model(mt_root, en_zle_marian) -> Path:
    return import_opus_mt(en_zle_marian, mt_root / "models" / "en-zle").path


@pytest.fixture(scope="session")
def argos_package(mt_root) -> Path:
    """An Argos-style be -> en package: one shared SentencePiece model, a CTranslate2 model."""
    shared = BE + EN
    marian = build_opus_mt_folder(mt_root / "argos-src", source_sentences=shared,
                                  target_sentences=shared, seed=3)
    from ctranslate2.converters import OpusMTConverter

    OpusMTConverter(str(marian)).convert(str(mt_root / "argos-ct2"))
    return build_argos_package(mt_root / "translate-be_en-1_0.argosmodel",
                               mt_root / "argos-ct2", marian / "source.spm")


@pytest.fixture(scope="session")
def argos_model(mt_root, argos_package) -> Path:
    return import_argos(argos_package, mt_root / "models" / "argos-be-en").path
