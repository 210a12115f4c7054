"""All configuration in one settings object, read from the environment (and `.env`).

Tests point `PACTCHECK_DATA_DIR` at a temporary folder; nothing else reads `os.environ`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

Backend = Literal["auto", "offline", "llm"]

# Prices per million tokens (input, output) in USD, used only for cost estimates in evals.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
}


class Settings(BaseSettings):
    """PactCheck settings. Unknown `PACTCHECK_*` variables are ignored, typos in code are errors."""

    model_config = SettingsConfigDict(env_prefix="PACTCHECK_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path(".pactcheck"), description="SQLite file, cache, logs.")
    backend: Backend = "auto"
    # LLM endpoint: any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp server).
    openai_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "PACTCHECK_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "PACTCHECK_OPENAI_BASE_URL")
    )
    model: str = "gpt-4o-mini"
    llm_mode: Literal["tools", "tools_strict", "json", "json_schema", "md_json"] = Field(
        default="tools",
        description="How instructor asks for JSON: tools (tools_strict: with `strict`), or json_schema "
        "(response_format with the schema, enforced by OpenAI, vLLM and llama.cpp), json or md_json.",
    )
    llm_timeout_s: float = Field(
        default=60.0, description="Per request; 60 s suits hosted APIs, a CPU server needs several minutes."
    )
    llm_max_output_tokens: int | None = Field(
        default=None, ge=16, description="max_tokens sent per request; default: sized from the schema and the part."
    )
    llm_context_tokens: int | None = Field(
        default=None, ge=512, description="The server's context window; parts are sized to fit it."
    )
    llm_max_tokens: int | None = Field(
        default=None, ge=1, description="Token budget per article over all attempts (PACTCHECK_LLM_MAX_TOKENS)."
    )
    prompt_version: str | None = Field(
        default=None, description="Extraction prompt version (PACTCHECK_PROMPT_VERSION); default: the highest."
    )
    llm_max_attempts: int = Field(default=4, ge=1, le=10, description="Transport retries per call.")
    llm_max_reasks: int = Field(default=2, ge=0, le=5, description="Validation re-asks per call.")
    llm_max_retry_wait_s: float = Field(default=30.0, description="Cap on one Retry-After wait.")
    llm_total_deadline_s: float = Field(default=180.0, description="Give up on one call after this long.")
    llm_chunk_chars: int = Field(default=24_000, description="Article budget per call before chunking.")
    llm_chunk_overlap: int = 1_500
    llm_complement: bool = Field(
        default=True,
        description="Add the offline rules' batches of documents named only by their fields where the model left "
        "the sentence out (English text; each addition is said in a `complemented` notice).",
    )
    llm_concurrency: int = Field(default=4, ge=1, le=64)
    cache_enabled: bool = True
    crosscheck_adjudicate: bool = Field(
        default=False, description="Let the LLM confirm, reject or re-pair the cross-checker's uncertain alignments."
    )
    max_article_chars: int = Field(default=200_000, description="Longer inputs are refused.")
    max_input_bytes: int = Field(default=2_000_000, description="Larger raw inputs are refused.")
    prices: dict[str, tuple[float, float]] = Field(default_factory=lambda: dict(DEFAULT_PRICES))
    # Service.
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "PACTCHECK_DATABASE_URL")
    )
    api_tokens: str = Field(default="", description="Comma-separated tokens for a quick start.")
    session_secret: str | None = None
    rate_limit_per_minute: int = Field(
        default=600, description="Requests per token per minute, counted in the database across processes."
    )
    auth_failures_per_window: int = Field(
        default=20, ge=1, description="Failed authentications per client address before it gets 429."
    )
    auth_failure_window_s: float = Field(default=300.0, gt=0, description="Window of auth_failures_per_window.")
    header_timeout_s: float = Field(default=10.0, gt=0, description="Time a client has to send a request's headers.")
    body_timeout_s: float = Field(default=30.0, gt=0, description="Time a client has to send a request's body.")
    max_request_bytes: int = 1_000_000
    workers: int = Field(
        default=2,
        ge=0,
        le=32,
        description="Background extraction workers per process (0: leave jobs to `pactcheck worker`).",
    )
    job_queue: Literal["auto", "database", "procrastinate"] = Field(
        default="auto",
        description="Queue engine: procrastinate on PostgreSQL (auto), or leased claims in the database.",
    )
    extract_processes: int = Field(default=0, ge=0, le=64, description="Processes for inline offline extraction.")
    job_lease_s: float = Field(default=30.0, ge=1.0, description="A crashed worker's job is taken over after this.")
    job_max_attempts: int = Field(default=3, ge=1, le=20, description="Extraction attempts before a job fails.")

    @property
    def llm_configured(self) -> bool:
        """True when a key or a base URL says an LLM endpoint is meant to be used."""
        return bool(self.openai_api_key or self.openai_base_url)

    def resolve_backend(self, backend: Backend | None = None) -> Literal["offline", "llm"]:
        """`auto` means the LLM when one is configured, else the offline extractor."""
        choice = backend or self.backend
        if choice == "auto":
            return "llm" if self.llm_configured else "offline"
        return choice

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; call `get_settings.cache_clear()` after changing the env."""
    return Settings()
