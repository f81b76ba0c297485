"""PyInstaller entry of ``koopbis-desktop`` (the same function as the console script)."""

import sys

from koopbis_desktop.ui.app import main

sys.exit(main())
