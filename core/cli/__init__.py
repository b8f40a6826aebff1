"""The headless commands (``check``, ``clean``, ``report``) and their report formats."""
