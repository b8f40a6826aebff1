"""Helpers shared by test modules in several folders (imported as ``helpers.<module>``)."""
