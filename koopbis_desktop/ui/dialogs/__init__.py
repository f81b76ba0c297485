"""Dialogs of the shell: settings, user management."""
