"""PyInstaller entry of ``koopbis`` (the same function as the console script)."""

import sys

from koopbis_desktop.cli import main

sys.exit(main())
