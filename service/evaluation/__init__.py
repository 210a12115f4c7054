"""Evaluation: score extraction and cross-checking against a gold folder, and compare runs.

from service.evaluation import run_eval, write_run
run = run_eval("evals/fixtures", backend="offline")    # -> EvalRun
"""

from service.evaluation.compare import below_floors, compare, headline
from service.evaluation.gold import GoldCorpus, gold_summary, load_corpus
from service.evaluation.report_html import render_html, write_html
from service.evaluation.results import EvalRun
from service.evaluation.run import read_run, run_eval, write_run

__all__ = [
    "EvalRun",
    "GoldCorpus",
    "below_floors",
    "compare",
    "gold_summary",
    "headline",
    "load_corpus",
    "read_run",
    "render_html",
    "run_eval",
    "write_html",
    "write_run",
]
