"""The contacts section: its screen, its dialogs and its stylesheet."""
