"""Provides the widgets the screens are built from: level tables, set-up views, bars."""
