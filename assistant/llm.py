"""The generator seam: in-process llama.cpp (default) or any OpenAI-compatible server, one interface."""

from __future__ import annotations

import functools
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from .config import Settings
from .errors import FactcheckError, MissingDependencyError, ModelError

Message = dict[str, str]


TEMPLATE_TOKENS = 8  # what Qwen's chat template adds per message (<|im_start|>role\n … <|im_end|>\n): 5
MIN_REPLY_TOKENS = 64  # a reply shorter than this is no answer


class GenerationError(FactcheckError):
    """The model or the server could not produce an answer."""


def chat_request(
    messages: list[Message],
    schema: dict | None,
    stream: bool,
    max_tokens: int,
    schema_style: str = "json_object",
) -> dict:
    """The chat-completion fields both backends send: deterministic, optionally schema-constrained."""
    request: dict = {
        "messages": messages,
        "max_tokens": max_tokens,
        "temperature": 0.0,
        "seed": 0,
        "stream": stream,
    }
    if schema is not None:
        request["response_format"] = (
            {"type": "json_object", "schema": schema}
            if schema_style == "json_object"
            else {"type": "json_schema", "json_schema": {"name": "answer", "schema": schema}}
        )
    return request


class Generator(Protocol):
    """Chat generation at temperature 0; with ``schema`` the output is constrained to that JSON schema.

    After a call (after a stream is exhausted), ``last_usage`` holds its prompt and completion
    token counts.
    """

    name: str
    last_usage: dict[str, int]

    def generate(
        self, messages: list[Message], schema: dict | None = None, stream: bool = False, max_tokens: int = 512
    ) -> str | Iterator[str]: ...


def prompt_cache(capacity_bytes: int):
    """llama-cpp-python's RAM prompt cache, bounded by what its entries really hold.

    ``LlamaRAMCache`` counts only each entry's KV state, but every entry also keeps a copy of the
    logits: up to n_batch (512) rows of the vocabulary (151,936 floats for Qwen2.5), 311 MB. Counted
    that way, a 1 GiB cache held about 40 entries, and a gold-set run grew by 650 MB a minute to
    22 GB. Here an entry counts all it holds.
    """
    from llama_cpp import LlamaRAMCache

    class PromptCache(LlamaRAMCache):
        @property
        def cache_size(self) -> int:
            return sum(
                s.llama_state_size + s.scores.nbytes + s.input_ids.nbytes for s in self.cache_state.values()
            )

    return PromptCache(capacity_bytes=capacity_bytes)


class LlamaCppGenerator:
    """A GGUF model in this process. Loaded once; llama.cpp reuses its cache for a common prompt prefix."""

    def __init__(
        self,
        path: Path,
        n_ctx: int = 4096,
        threads: int | None = None,
        seed: int = 0,
        prompt_cache_bytes: int = 0,
    ) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise MissingDependencyError(
                f"Generation needs llama-cpp-python 0.3.36 ({exc}): run `make setup`"
            ) from exc
        started = time.perf_counter()
        try:
            self.llm = Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=threads or os.cpu_count(),
                n_threads_batch=threads or os.cpu_count(),  # prompt prefill: the same threads
                seed=seed,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"Cannot load the GGUF model {path}: {exc}") from None
        if prompt_cache_bytes:
            # Several prompt states, not only the last one: a translation between two questions
            # would otherwise evict the answer prompt's cached system prefix.
            self.llm.set_cache(prompt_cache(prompt_cache_bytes))
        self.load_seconds = time.perf_counter() - started
        self.n_ctx = n_ctx
        self.name = path.name
        self.last_usage: dict[str, int] = {"prompt_tokens": 0, "completion_tokens": 0}

    def generate(
        self, messages: list[Message], schema: dict | None = None, stream: bool = False, max_tokens: int = 512
    ) -> str | Iterator[str]:
        kwargs = chat_request(messages, schema, stream, self._room(messages, max_tokens))
        try:
            result = self.llm.create_chat_completion(**kwargs)
        except (ValueError, RuntimeError) as exc:
            raise GenerationError(f"The local model failed: {exc}") from None
        if not stream:
            self.last_usage = {k: int(result["usage"][k]) for k in ("prompt_tokens", "completion_tokens")}
            return result["choices"][0]["message"]["content"] or ""
        return self._stream(result)

    def _room(self, messages: list[Message], max_tokens: int) -> int:
        """``max_tokens``, or fewer so that prompt and reply fit the context window; llama.cpp
        would raise "Requested tokens exceed context window" instead. The prompt is counted with
        the model's tokenizer, plus the chat template's few tokens per message."""
        text = "\n".join(m["content"] for m in messages)
        used = len(self.llm.tokenize(text.encode("utf-8"), add_bos=False)) + TEMPLATE_TOKENS * (
            len(messages) + 1
        )
        room = self.n_ctx - used
        if room < MIN_REPLY_TOKENS:
            raise GenerationError(
                f"The prompt needs about {used:,} tokens of the model's {self.n_ctx:,}, which leaves no "
                "room for a reply. Shorten the question or the claim."
            )
        return min(max_tokens, room)

    def _stream(self, chunks) -> Iterator[str]:
        completion = 0
        for chunk in chunks:
            text = chunk["choices"][0]["delta"].get("content")
            if text:
                completion += 1
                yield text
        # what the context holds now is the prompt plus the generated tokens
        self.last_usage = {
            "prompt_tokens": max(0, self.llm.n_tokens - completion),
            "completion_tokens": completion,
        }


class OpenAIGenerator:
    """Any OpenAI-compatible chat server: llama.cpp's, llama-cpp-python's, vLLM.

    ``schema_style`` "json_object" sends ``{"type": "json_object", "schema": …}`` (llama.cpp);
    "json_schema" sends ``{"type": "json_schema", "json_schema": {"name", "schema"}}`` (vLLM, OpenAI).
    """

    def __init__(
        self,
        base_url: str,
        model: str = "local",
        api_key: str | None = None,
        timeout: float = 300.0,
        schema_style: str = "json_object",
    ) -> None:
        base = base_url.rstrip("/")
        self.url = base + ("/chat/completions" if base.endswith("/v1") else "/v1/chat/completions")
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.schema_style = schema_style
        self.name = f"{model}@{base}"
        self.last_usage: dict[str, int] = {"prompt_tokens": 0, "completion_tokens": 0}

    def _request(self, body: dict):
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=json.dumps(body).encode(), headers=headers)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise GenerationError(f"The LLM server at {self.url} answered {exc.code}: {detail}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise GenerationError(f"Cannot reach the LLM server at {self.url}: {exc}") from None

    def generate(
        self, messages: list[Message], schema: dict | None = None, stream: bool = False, max_tokens: int = 512
    ) -> str | Iterator[str]:
        body = {"model": self.model, **chat_request(messages, schema, stream, max_tokens, self.schema_style)}
        response = self._request(body)
        if not stream:
            with response:
                data = json.loads(response.read())
            usage = data.get("usage") or {}
            self.last_usage = {k: int(usage.get(k, 0)) for k in ("prompt_tokens", "completion_tokens")}
            return data["choices"][0]["message"].get("content") or ""
        return self._stream(response)

    def _stream(self, response) -> Iterator[str]:
        completion = 0
        usage: dict = {}
        with response:
            for raw in response:
                line = raw.decode("utf-8").strip()
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    break
                chunk = json.loads(payload)
                usage = chunk.get("usage") or usage
                choices = chunk.get("choices") or []
                text = choices[0].get("delta", {}).get("content") if choices else None
                if text:
                    completion += 1
                    yield text
        self.last_usage = {
            "prompt_tokens": int(usage.get("prompt_tokens", 0)),
            "completion_tokens": int(usage.get("completion_tokens", completion)),
        }


_CACHE: dict[str, Generator] = {}


def load_generator(settings: Settings) -> Generator:
    """The configured generator, created once per process: a server when ``llm_url`` is set."""
    if settings.llm_url:
        key = f"url:{settings.llm_url}"
        if key not in _CACHE:
            _CACHE[key] = OpenAIGenerator(
                settings.llm_url,
                settings.llm_model,
                settings.llm_api_key,
                schema_style=settings.llm_schema_style,
            )
        return _CACHE[key]
    from .models import model_path

    path = model_path(settings, "llm")
    key = f"path:{path}"
    if key not in _CACHE:
        _CACHE[key] = LlamaCppGenerator(
            path,
            n_ctx=settings.llm_context,
            threads=settings.threads,
            prompt_cache_bytes=settings.prompt_cache_mb * 2**20,
        )
    return _CACHE[key]


@functools.cache
def json_object(raw: str) -> dict:
    """A model's JSON reply as a dict; a clear error when it is not one (every reply is
    schema-constrained, so this means a server that ignored the schema)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GenerationError(f"The model's reply is not the expected JSON ({exc}).") from None
    if not isinstance(data, dict):
        raise GenerationError(f"The model's reply is not a JSON object: {raw[:80]!r}")
    return data


def prompt(name: str) -> str:
    """A prompt template from prompts/ (one file per task), read once per process."""
    from .config import PACKAGE_DIR, PROJECT_DIR

    for folder in (PROJECT_DIR / "prompts", PACKAGE_DIR / "prompts"):
        if (folder / name).exists():
            return (folder / name).read_text(encoding="utf-8").strip()
    raise FactcheckError(f"Prompt template {name} is missing from prompts/.")
