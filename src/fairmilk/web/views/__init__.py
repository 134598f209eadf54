"""Page views: one View per page, as HTML and as its JSON twin; one module per page family."""
