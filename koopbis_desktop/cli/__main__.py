"""``python -m koopbis_desktop.cli``: the same as the ``koopbis`` command."""

import sys

from koopbis_desktop.cli import main

sys.exit(main())
