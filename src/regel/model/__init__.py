"""The typed table model and its lowering from the AST."""

from .ir import Module, Table

__all__ = ["Module", "Table", "discover", "load", "load_module"]


def __getattr__(name: str):
    # The loader brings the parser (lark) along: imported when asked for, so code that only
    # needs the model's types (the DuckDB engine with cached plans) does not pay for it.
    if name in ("discover", "load", "load_module"):
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
