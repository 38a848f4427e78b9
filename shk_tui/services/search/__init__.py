"""Search across every domain: one box for contacts, organisations, events, contracts, payments,
initiatives and funding applications (``global_search``)."""
