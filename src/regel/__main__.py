"""Allow `python -m regel`."""
import sys

from .cli import main

sys.exit(main())
