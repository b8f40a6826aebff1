"""The splitters a tab's layout is made of, saved when a tab closes and given to the next one."""

from __future__ import annotations

from .document_tab import DocumentTab
from .settings import Settings


def restore_layout(tab: DocumentTab, settings: Settings) -> None:
    """Give ``tab`` the pane/panel widths and the summary/list heights last saved."""
    state = settings.splitter("review")
    if state is not None:
        tab.splitter.restoreState(state)
    tab.panel.restore_splitter(settings.splitter("review-panel"))


def save_layout(tab: DocumentTab, settings: Settings) -> None:
    """Remember ``tab``'s splitters for the tabs opened next (and the next start)."""
    settings.save_splitter("review", tab.splitter.saveState())
    if tab.panel.splitter_chosen:
        settings.save_splitter("review-panel", tab.panel.splitter.saveState())
