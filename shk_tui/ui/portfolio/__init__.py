"""The portfolio section: its screen, its dialogs and its stylesheet."""
