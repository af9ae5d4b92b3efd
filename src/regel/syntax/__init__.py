"""Syntax: the only package that imports lark. Source text in, AST + Diagnostics out."""

from .parser import parse

__all__ = ["parse"]
