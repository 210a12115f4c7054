"""The offline, rule-based English extractor (registered as "offline")."""

from service.extractors.offline.extractor import OfflineExtractor

__all__ = ["OfflineExtractor"]
