"""The contracts section: its screen, its dialogs and its stylesheet."""
