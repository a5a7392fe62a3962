"""One module per lesson, each with ``MISTAKES``: a usual mistake and the message that names it."""
