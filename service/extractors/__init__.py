"""Extractors: the offline rules and the LLM, behind one interface (`base.Extractor`)."""

from service.extractors.base import Extractor, available, create, register

__all__ = ["Extractor", "available", "create", "register"]
