"""The events section: its screen, its dialogs and its stylesheet."""
