"""`regel diff`: what changes, for whom, when the rules change."""

from .engine import Answer, DecisionDiff, Region, diff_decision
from .space import DiffError

__all__ = ["Answer", "DecisionDiff", "DiffError", "Region", "diff_decision"]
