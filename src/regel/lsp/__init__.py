"""`regel lsp`: a Language Server Protocol server for .regel files over stdio (issue 15)."""
