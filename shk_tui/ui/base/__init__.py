"""The kit every screen and dialog is built from: load, save, fail, forms, questions, help."""
