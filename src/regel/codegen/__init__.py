"""Code generation: typed Modules become plain-stdlib Python modules.

    from regel.codegen import generate, module_filename
    source = generate(module)          # deterministic Python source
    module_filename(module)            # "sanktion.py"

The generator (and Jinja2) load on first use: `regel eval` imports only the
stdlib runtime primitives from this package.
"""

from __future__ import annotations

from typing import Any

__all__ = ["generate", "module_filename"]


def __getattr__(name: str) -> Any:
    if name == "generate":
        from .generator import generate

        return generate
    if name == "module_filename":
        from .naming import module_filename

        return module_filename
    raise AttributeError(name)
