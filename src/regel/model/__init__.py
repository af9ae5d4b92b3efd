"""The typed table model and its lowering from the AST."""

from .ir import Module, Table
from .loader import discover, load, load_module

__all__ = ["Module", "Table", "discover", "load", "load_module"]
