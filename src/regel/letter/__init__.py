"""`regel brev`: the decision letter — afgørelse, begrundelse and klagevejledning —
from the rules that fired and the letter texts the editors wrote in the rules."""

from .compose import LetterError, compose
from .render import render

__all__ = ["LetterError", "compose", "render"]
