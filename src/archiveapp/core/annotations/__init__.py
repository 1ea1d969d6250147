"""The user's work on quotes: tags, notes and corrections, kept apart from the extracted
data and anchored by text, so that no re-index, edit or upgrade loses it."""
