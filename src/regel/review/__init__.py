"""Static HTML review pages for legal reviewers (`regel doc`)."""

from .site import build_site, module_view

__all__ = ["build_site", "module_view"]
