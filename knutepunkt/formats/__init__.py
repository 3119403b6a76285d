"""Date and number formats that differ from Django's for a language (``FORMAT_MODULE_PATH``).

Only English is here: Django's English writes 12/04/2026, which a Nordic reader takes for the
12th of April. Norwegian and Icelandic keep Django's own formats (no module here for them).
"""
