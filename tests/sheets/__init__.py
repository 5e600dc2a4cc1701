"""Tests of the recommendation sheets (sheets/ and werkpost sheet)."""
