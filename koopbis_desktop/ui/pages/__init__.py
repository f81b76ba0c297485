"""The main window's pages: entry queues, new entry, audit trail (cooperatives come from their own module)."""
