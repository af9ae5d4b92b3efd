"""The SQL target: the same decisions as the generated Python, as SQL queries (issue 14)."""
