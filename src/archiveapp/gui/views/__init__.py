"""Widgets and dialogs: they show state and emit intents; they never query the archive."""
