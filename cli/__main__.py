"""Provides `python -m cli`, the same as the `werkpost` command."""

import sys

from cli.main import main

sys.exit(main())
