"""PyInstaller entry of ``koopbis-server``, the training server (the same function as the console script)."""

import sys

from sync.server.cli import main

sys.exit(main())
