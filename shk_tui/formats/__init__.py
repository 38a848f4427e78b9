"""Import and export formats (csv, xlsx, vcard, ical); no UI."""
