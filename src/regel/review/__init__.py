"""Static HTML review pages for legal reviewers."""
