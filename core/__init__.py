"""Glyphwash's engine: decoding, normalization rules, changes, saving and the headless CLI.

Nothing in this package imports Qt; the window in ``ui`` renders what these modules compute.
"""
