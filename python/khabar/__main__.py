"""``python -m khabar`` runs the ``khabar`` command."""

import sys

from .cli import main

sys.exit(main())
