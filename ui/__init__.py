"""The Glyphwash window (PySide6): renders :mod:`core`'s model, never the source of truth."""
