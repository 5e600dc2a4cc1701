"""Provides the job coach's terminal UI of werkpost (Textual); start it with `make_app`."""
