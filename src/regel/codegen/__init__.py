"""Code generation: typed Modules become plain-stdlib Python modules.

    from regel.codegen import generate, module_filename
    source = generate(module)          # deterministic Python source
    module_filename(module)            # "sanktion.py"
"""

from .generator import generate
from .naming import module_filename

__all__ = ["generate", "module_filename"]
