"""Provides the werkpost domain: models, loading, the accessibility model and matching.

Nothing in this package imports a user interface or a PDF library; a test
enforces that, so the engine can be used headless by the CLI, the TUI, the
sheets and by other programs alike.
"""
