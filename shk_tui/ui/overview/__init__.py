"""The overview section: its screen, its dialogs and its stylesheet."""
