"""The application's version, read by the CLI, the About box and the build."""

__version__ = "0.1.0"
