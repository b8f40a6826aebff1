"""Bytes and files: loading, decoding and encoding detection, raw bytes, saving, the memory check."""
