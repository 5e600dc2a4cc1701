"""Provides the screens and dialogs of the terminal UI."""
