"""Settings: one typed object with defaults, ``FACTCHECK_*`` environment overrides and CLI flags."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
# Nothing is ever fetched from a model hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def _default_home() -> Path:
    return Path.home() / ".cache" / "factcheck"


def _in_checkout() -> bool:
    return (PROJECT_DIR / "pyproject.toml").exists() and (PROJECT_DIR / "models.txt").exists()


class Settings(BaseSettings):
    """Everything configurable; the CLI maps its flags onto these fields."""

    model_config = SettingsConfigDict(env_prefix="FACTCHECK_", extra="ignore")

    home: Path = Field(
        default_factory=_default_home,
        description="Cache folder for installed models and downloads (FACTCHECK_HOME).",
    )
    index_dir: Path | None = Field(
        default=None,
        description="Index folder; default ./index in a checkout, else HOME/index.",
    )
    translations_path: Path | None = Field(
        default=None,
        description="SQLite cache of sentence translations; default translations.sqlite in the index folder.",
    )
    models_file: Path | None = Field(
        default=None, description="Pinned model list; default models.txt of the checkout."
    )
    llm_path: Path | None = Field(default=None, description="Your own GGUF file instead of the pinned LLM.")
    embedder_path: Path | None = Field(
        default=None, description="Your own sentence-transformers folder instead of the pinned embedder."
    )
    llm_url: str | None = Field(
        default=None,
        description="Use an OpenAI-compatible server (llama.cpp, vLLM) instead of the local GGUF.",
    )
    llm_model: str = Field(default="local", description="Model name sent to the server.")
    llm_api_key: str | None = Field(default=None, description="Bearer token for the server, if it wants one.")
    llm_schema_style: Literal["json_object", "json_schema"] = Field(
        default="json_object", description="How the server takes a JSON schema (llama.cpp: json_object)."
    )
    prompt_cache_mb: int = Field(
        default=2048,
        ge=0,
        description="RAM for llama.cpp prompt states kept across calls, about 6 (0: last only).",
    )
    llm_context: int = Field(default=4096, ge=512, description="Context window of the local model.")
    answer_sentences: int = Field(
        default=6, ge=1, le=30, description="Candidate evidence sentences given to the model per question."
    )
    prompt_token_budget: int = Field(
        default=450,
        ge=100,
        description="Most prompt tokens spent on evidence sentences (CPU prefill ~95-140 tok/s).",
    )
    min_evidence_score: float = Field(
        default=0.25, description="Below this best retrieval score a question is off-topic: no model call."
    )
    min_answer_support: float = Field(
        default=0.35, description="Least similarity between an answer and its cited sentences."
    )
    focus_sentences: int = Field(
        default=2,
        ge=0,
        le=10,
        description="When the model declines, it is asked once more with only this many best candidate "
        "sentences (0: never). On XQuAD the answer sentence ranked first for 25 of the 31 declined "
        "questions, and the small model declined with it in front of it among five others.",
    )
    terse_answer_words: int = Field(
        default=4,
        ge=0,
        description='An answer with fewer words than this ("77", "SI Analytics") is judged for support '
        'as question plus answer: alone, "77" scored 0.257 against the sentence that states it.',
    )
    figure_statement_min: float = Field(
        default=0.5,
        description="Least similarity between the claim and a sentence, both with their figures masked, "
        "for the sentence's figure to count as the claimed quantity (set on the gnad-dev dev half).",
    )
    figure_statement_margin: float = Field(
        default=0.08,
        ge=0,
        description="A sentence further than this below the best-matching sentence is about something "
        "else, however close (set on the gnad-dev dev half).",
    )
    figure_pairing_margin: float = Field(
        default=0.05,
        ge=0,
        description="When a claim and a sentence each state several figures of one dimension, a one-to-one "
        "pairing of their parts (``check.pairing``) that gives the claimed figure another value must beat "
        "every pairing that gives it an agreeing one by this much summed similarity.",
    )
    figure_count_margin: float = Field(
        default=0.15,
        ge=0,
        description="The margin for a count, judged mostly by the thing it counts: a sentence that lists "
        "several counts matches a claim about one of them less closely (set on the gnad-dev dev half).",
    )
    figure_thing_min: float = Field(
        default=0.5,
        description="Least embedding similarity between the thing a claim counts and the thing a "
        'stated figure counts ("howitzers"/"Haubitzen" 0.54, "soldiers"/"Wahlkämpfer" 0.41).',
    )
    translation_min_similarity: float | None = Field(
        default=0.88,
        description="Least similarity of a sentence and its translation in the embedder's space; a "
        "translation below it, or with a broken form, is retried once and, if it still fails, shown "
        "marked as uncertain (calibrated on 120 judged pairs: eval/bench_translation.py). None: "
        "translations are not checked (a trusted translation server).",
    )
    embed_dtype: Literal["auto", "bfloat16", "float32"] = Field(
        default="auto",
        description="Embedder precision on the CPU. auto: bfloat16 where the CPU computes it natively "
        "(AVX512-BF16, AMX, ARM BF16; there it was twice as fast, same scores), else float32: on an "
        "AVX2-only CPU (AMD Zen 3) bf16 embedded 40 sentences in 28.6 s against 4.2 s in float32.",
    )
    embed_batch_size: int = Field(default=8, ge=1, description="Texts per embedder batch.")
    threads: int | None = Field(default=None, ge=1, description="CPU threads for models (default: all).")
    chunk_sentences: int = Field(default=4, ge=1, description="Sentences per retrieval chunk.")
    chunk_overlap: int = Field(default=1, ge=0, description="Sentences shared by consecutive chunks.")
    chunk_max_chars: int = Field(default=1200, ge=200, description="A chunk stops growing past this.")
    ann_threshold: int = Field(
        default=200_000,
        ge=1,
        description="Above this many vectors FAISS uses an HNSW index instead of exact search "
        "(see eval/bench_faiss.py).",
    )
    bm25_weight_same: float = Field(
        default=0.1, ge=0, description="BM25 weight when query and document languages match."
    )
    bm25_weight_cross: float = Field(
        default=0.05, ge=0, description="BM25 weight when they differ (lexical overlap is names, numbers)."
    )
    sentence_context_weight: float = Field(
        default=0.25, ge=0, le=1, description="Share of a sentence's score taken from its best chunk."
    )
    per_doc: int = Field(
        default=0,
        ge=0,
        description="Search lists each document's best N hits before the rest (0: pure score order).",
    )
    max_file_bytes: int = Field(default=20_000_000, ge=1, description="Largest file ingest accepts.")
    max_question_chars: int = Field(
        default=1000,
        ge=20,
        description="Longest question or claim accepted, checked before any model loads. 1,000 "
        "characters of German are about 300 prompt tokens; the longest XQuAD question has 155.",
    )

    # -- retrieval
    dense_candidates: int = Field(
        default=200, ge=1, description="Dense neighbours and BM25 rows considered per query before fusion."
    )
    context_chunks: int = Field(
        default=20, ge=1, description="Best chunks whose sentences get a context score."
    )

    # -- answers
    chars_per_token: float = Field(
        default=3.4,
        gt=0,
        description="Characters per token, to estimate a prompt's evidence tokens: German news text "
        "with the Qwen tokenizer (measured 3.46 on the sample corpus).",
    )
    answer_max_tokens: int = Field(default=320, ge=16, description="Most tokens of an answer reply.")
    prompt_sentence_chars: int = Field(
        default=1200,
        ge=100,
        description="A sentence's most characters in a prompt. With the question's limit, the evidence "
        "budget and the answer's tokens a prompt stays inside the 4,096-token window: 1,000 characters "
        "of question, 1,200 of the longest sentence and 450 estimated tokens of the others come to "
        "about 1,600 tokens of German with the ~350 of the system prompt.",
    )
    max_cited: int = Field(default=4, ge=1, description="Most sentences an answer may cite.")
    fallback_relevance: float = Field(
        default=0.5,
        description="Least question-sentence score for an evidence-only answer (the cited sentences "
        "quoted when the model's numbers are not in them).",
    )
    strong_support: float = Field(
        default=0.55, description="Answer-evidence similarity that outweighs the model's own doubt."
    )
    follow_up_words: int = Field(
        default=8, ge=0, description="A question this short, after another one, is read as a follow-up."
    )
    count_pool: int = Field(
        default=30,
        ge=0,
        description="Extra search results scanned for sentences that state the count asked about.",
    )
    count_sentences: int = Field(
        default=3, ge=0, description="Of those, at most this many go to the model first."
    )

    # -- figure checks
    figure_sentences: int = Field(
        default=24, ge=1, description="Candidate sentences with a figure per claim."
    )
    figure_sentences_per_document: int = Field(
        default=8, ge=1, description="Of which at most this many from one article."
    )
    figure_candidate_min: float = Field(
        default=0.25,
        description="A figure sentence scoring lower against the claim is not a candidate (the same "
        "value as min_evidence_score, a separate knob: one gates questions, this claims' sentences).",
    )
    figure_exact: float = Field(
        default=0.03,
        ge=0,
        description='How far a plain stated figure reaches, relative to its value: rounding ("12,000" '
        'for 11,800). Two figures are compatible when their ranges overlap: "12,000" [11 650, 12 360] '
        'overlaps "etwa 12 000" [10 430, 13 800] but not "50.000".',
    )
    figure_about: float = Field(
        default=0.15, ge=0, description='How far an "about", "etwa", "rund" figure reaches, relative.'
    )
    figure_bound: float = Field(
        default=1.5,
        ge=1,
        description='"More than X" reaches X * this, "up to X" X / this: "up to 9 million" reaches '
        "down to 6 million, not to 3 million; a qualified figure is an estimate near its number.",
    )
    related_figures: int = Field(
        default=4, ge=0, description="Figures of another quantity shown for context."
    )
    thing_margin: float = Field(
        default=0.05,
        ge=0,
        description="In one sentence, a counted thing this much less like the claim's is another. "
        'EmbeddingGemma on single words, measured: "soldiers"/"Truppen" 0.74, "howitzers"/"Haubitzen" '
        '0.54, "artillery shells"/"Artilleriegranaten" 0.74; "soldiers"/"Wahlkämpfer" 0.41, '
        '"ammunition"/"Ausschuss" 0.32, "missiles"/"Mehrfachraketenwerfer" 0.62.',
    )
    entailment_sentences: int = Field(
        default=6, ge=1, description="Sentences judged for a claim without a figure."
    )
    judge_tokens: int = Field(default=120, ge=16, description="Most tokens of an entailment reply.")
    entail_similarity: float = Field(
        default=0.6,
        description="Claim-sentence dense similarity for a counted support or contradiction. Measured "
        'on the sample corpus: stated claims 0.62-0.74 against their sentence; "Ukraine received '
        'missiles from North Korea" 0.61, "… an aircraft carrier" 0.53.',
    )
    entail_strong: float = Field(
        default=0.7,
        description="A sentence this close supports the claim even when the model left it out (it "
        "often picks nothing).",
    )

    # -- the plain-RAG baseline
    baseline_chunks: int = Field(default=4, ge=1, description="Chunks the baseline's prompt holds.")
    baseline_max_tokens: int = Field(default=320, ge=16, description="Most tokens of a baseline reply.")

    def resolved_index_dir(self) -> Path:
        if self.index_dir is not None:
            return self.index_dir
        return PROJECT_DIR / "index" if _in_checkout() else self.home / "index"

    def resolved_translations_path(self) -> Path:
        return self.translations_path or self.resolved_index_dir() / "translations.sqlite"

    def resolved_models_file(self) -> Path:
        if self.models_file is not None:
            return self.models_file
        for candidate in (PROJECT_DIR / "models.txt", PACKAGE_DIR / "models.txt"):
            if candidate.exists():
                return candidate
        return PROJECT_DIR / "models.txt"
