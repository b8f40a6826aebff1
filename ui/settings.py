"""Persistent preferences over an injectable ``QSettings``.

Every read passes ``type=`` (QSettings in INI format otherwise returns ``'false'``, which is
truthy, and a one-item list as a bare string).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ..core.rules import DEFAULT_RULES, RULE_IDS

MAX_RECENT = 10


class Settings:
    """Typed access to the preferences.

    Attributes:
        store: the underlying QSettings (tests pass one on a temporary INI file).
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings("Glyphwash", "Glyphwash")

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    def save_splitter(self, name: str, state: QByteArray) -> None:
        self.store.setValue(f"splitters/{name}", state)

    @property
    def rules(self) -> frozenset[str]:
        if not self.store.contains("rules/enabled"):
            return DEFAULT_RULES
        value = self.store.value("rules/enabled", [], type=list)
        return frozenset(str(rule) for rule in value if str(rule) in RULE_IDS)

    @rules.setter
    def rules(self, rules: frozenset[str]) -> None:
        self.store.setValue("rules/enabled", sorted(rules))

    @property
    def allow_chars(self) -> frozenset[str]:
        return frozenset(str(self.store.value("rules/allow_chars", "", type=str)))

    @allow_chars.setter
    def allow_chars(self, chars: frozenset[str]) -> None:
        self.store.setValue("rules/allow_chars", "".join(sorted(chars)))

    @property
    def wrap(self) -> bool:
        return bool(self.store.value("view/wrap", True, type=bool))

    @wrap.setter
    def wrap(self, wrap: bool) -> None:
        self.store.setValue("view/wrap", wrap)

    @property
    def theme(self) -> str:
        """View › Theme: ``system``, ``light`` or ``dark``."""
        value = str(self.store.value("view/theme", "system", type=str))
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, theme: str) -> None:
        self.store.setValue("view/theme", theme)

    @property
    def font(self) -> str:
        """The pane font as ``QFont.toString()``, or ``""`` for the system fixed font."""
        return str(self.store.value("view/font", "", type=str))

    @font.setter
    def font(self, font: str) -> None:
        self.store.setValue("view/font", font)

    @property
    def last_open_folder(self) -> str:
        """The folder File › Open last opened from ("" before the first time)."""
        return str(self.store.value("files/last_open_folder", "", type=str))

    @last_open_folder.setter
    def last_open_folder(self, folder: str) -> None:
        self.store.setValue("files/last_open_folder", folder)

    @property
    def recent_files(self) -> list[str]:
        return [str(path) for path in self.store.value("files/recent", [], type=list)]

    def add_recent_file(self, path: str) -> None:
        recent = [path] + [other for other in self.recent_files if other != path]
        self.store.setValue("files/recent", recent[:MAX_RECENT])

    def clear_recent_files(self) -> None:
        self.store.setValue("files/recent", [])

    def sync(self) -> None:
        self.store.sync()
