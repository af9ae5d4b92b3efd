"""The semantics core: the one place where regel's meaning is written down.

Standard library only, and importable by every layer (model, checks, codegen,
the interpreter, the CLI). Each file's text after its EMBED marker is copied
verbatim into every generated module, in this order, so generated code stays
stdlib-only and means exactly what the interpreter and the checker mean:

- core.py    values and units, exact arithmetic, legal rounding, Danish display,
             policy names, case validation and every error message;
- engine.py  lazy evaluation of tables, values and decisions;
- fast.py    helpers of the generated straight-line fast paths;
- trace.py   explanations (the data behind `regel explain`).
"""

EMBEDDED = ("core.py", "engine.py", "fast.py", "trace.py")
