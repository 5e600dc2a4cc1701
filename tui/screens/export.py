"""Provides the export dialog: format, language and file, written in a thread worker.

One dialog serves the recommendation sheet (pdf/html/md via `sheets`) and the
batch result (csv/xlsx/json); the caller passes the writer. An existing file is
only replaced after the coach says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from engine.errors import WerkpostError, WriteError
from i18n import LANG_NAMES
from i18n.problems import write_error_text
from tui.screens.base import WerkpostModal
from tui.screens.dialogs import ChoiceDialog
from tui.widgets.basic import TextField

Writer = Callable[[Path, str, bool], Path]
"""write(path, lang, force) -> the path written; raises WerkpostError."""


class ExportDialog(WerkpostModal[Path | None]):
    """Choose a format, a language and a file, then write it off the UI thread."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.cancel"),
        Binding("ctrl+s", "export", "tui.export"),
    ]

    @dataclass
    class Done(Message):
        """The writer finished: the path written, or the error."""

        path: Path | None
        error: Exception | None

    def __init__(self, title: str, formats: list[str], default: Path, writer: Writer, *, langs: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.formats = formats
        self.default = default
        self.writer = writer
        self.langs = langs

    def compose(self) -> ComposeResult:
        lang = self.app.session.lang
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label(self.t("tui.format"), classes="field-label")
                yield Select[str]([(f.upper(), f) for f in self.formats], value=self.formats[0], id="format",
                                  allow_blank=False, compact=True)
            if self.langs:
                with Horizontal(classes="field"):
                    yield Label(self.t("tui.language"), classes="field-label")
                    yield Select[str]([(name, code) for code, name in LANG_NAMES.items()], value=lang, id="lang",
                                      allow_blank=False, compact=True)
            with Horizontal(classes="field"):
                yield Label(self.t("tui.file"), classes="field-label")
                yield TextField(str(self.default.with_suffix("." + self.formats[0])), id="path", compact=True)
            yield Static(self.t("tui.ctrl_s_export_esc_cancel"), id="export-status", classes="dim")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("tui.export"), id="export", variant="primary")
                yield Button(self.t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        """Start on the format: enter then tab through to Export."""
        self.query_one("#format", Select).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        field = self.query_one("#path", Input)
        if field.value.strip() and isinstance(event.value, str):
            field.value = str(Path(field.value.strip()).with_suffix("." + event.value))

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#path")
    def action_export(self) -> None:
        """Check the file name, ask before replacing a file, then write."""
        text = self.query_one("#path", Input).value.strip()
        fmt = str(self.query_one("#format", Select).value)
        if not text:
            self.notify(self.t("tui.give_a_file_name"), severity="error")
            return
        path = Path(text).expanduser()
        if path.suffix.lower().lstrip(".") != fmt:
            self.notify(f"{self.t('tui.the_file_name_must_end_in')} .{fmt}", severity="error")
            return
        if path.exists():
            choices = [("replace", "OK", "warning"), ("cancel", self.t("tui.cancel"), "default")]
            question = f"{path}: {self.t('tui.replace_the_existing_file')}"
            self.app.push_screen(ChoiceDialog(self.t("tui.export"), question, choices),
                                 lambda choice: self._write(path, True) if choice == "replace" else None)
            return
        self._write(path, False)

    def _write(self, path: Path, force: bool) -> None:
        lang = str(self.query_one("#lang", Select).value) if self.langs else self.app.session.lang
        self.query_one("#export-status", Static).update(self.t("tui.writing"))
        self.query_one("#export", Button).disabled = True
        self._run(path, lang, force)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _run(self, path: Path, lang: str, force: bool) -> None:
        try:
            written = self.writer(path, lang, force)
        except (WerkpostError, OSError) as exc:
            self.post_message(self.Done(None, exc))
        else:
            self.post_message(self.Done(written, None))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A writer that failed unexpectedly is reported, not raised."""
        if event.state == WorkerState.ERROR:
            self.post_message(self.Done(None, RuntimeError(str(event.worker.error))))

    @on(Done)
    def _done(self, event: Done) -> None:
        self.query_one("#export", Button).disabled = False
        self.query_one("#export-status", Static).update(self.t("tui.ctrl_s_export_esc_cancel"))
        if event.error is not None or event.path is None:
            said = (write_error_text(event.error, self.app.session.lang) if isinstance(event.error, WriteError)
                    else str(event.error))
            self.notify(said, title=self.t("tui.export_failed"), severity="error", timeout=10)
            return
        # The full path: a relative name says nothing about where the file landed.
        self.notify(str(event.path.absolute()), title=self.t("tui.exported_to"))
        self.dismiss(event.path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)
