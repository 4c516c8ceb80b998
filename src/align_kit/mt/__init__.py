"""Machine translation through CTranslate2 + SentencePiece: model folders, import, translation.

    from align_kit.mt import import_opus_mt, load_translator, alignment_translate_fn
    import_opus_mt("opus-mt-zle-en/", "models/zle-en")
    translator = load_translator("models/zle-en", source_lang="be", target_lang="en")
    translator.translate(["Святлана Ціханоўская сустрэлася з дыпламатамі."])

Nothing is downloaded: a model is a folder the user imported from an OPUS-MT
release or an Argos package they already have.
"""

from align_kit.mt.drafts import draft_missing_translations
from align_kit.mt.models import (
    MANIFEST,
    ModelInfo,
    check_languages,
    import_argos,
    import_opus_mt,
    list_models,
    model_info,
    verify_model,
)
from align_kit.mt.translator import (
    TranslationCache,
    TranslationStats,
    Translator,
    alignment_translate_fn,
    choose_compute_type,
    choose_device,
    load_translator,
    resolve_model_dir,
    token_batches,
)

__all__ = [
    "MANIFEST", "ModelInfo", "TranslationCache", "TranslationStats", "Translator",
    "alignment_translate_fn", "check_languages", "choose_compute_type", "choose_device",
    "draft_missing_translations", "import_argos", "import_opus_mt", "list_models",
    "load_translator", "model_info", "resolve_model_dir", "token_batches", "verify_model",
]
