"""The LLM extractor (openai client + instructor + tenacity), registered as `llm`."""

from service.extractors.llm.extractor import LLMExtractor

__all__ = ["LLMExtractor"]
