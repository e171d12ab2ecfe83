"""``python -m backedu`` is the ``backedu`` command."""

import sys

from backedu.cli import main

sys.exit(main())
