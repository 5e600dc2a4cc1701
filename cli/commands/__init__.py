"""Provides one module per `werkpost` subcommand."""
