"""regel: Danish decision tables for legal rules, checked and compiled to Python."""

__version__ = "0.1.0"
