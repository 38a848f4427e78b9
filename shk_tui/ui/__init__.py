"""The user interface: the app's kit (base), widgets, and one package per section."""
