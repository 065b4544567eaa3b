"""Shared code of the executable survey of instruction-tuning data."""

__version__ = "0.3.0"
