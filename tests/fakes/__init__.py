"""Fakes written for the test suite and the benchmarks (never shipped in `service`)."""
