"""Provides the `werkpost` command line: a thin layer over the engine."""
