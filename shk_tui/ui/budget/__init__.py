"""The budget section: its screen, its dialogs and its stylesheet."""
