"""This site's helpers: what renders the worked example for the pages, and ``byhand-example``, the site's
own MkDocs plugin (``worked_example``). The reusable ``byhand`` plugin is the ``mkdocs_byhand`` package.

This package depends on the docs group (MkDocs, markdown-exec); the ``byhand`` package beside it needs
numpy alone. Import its modules directly: this file imports none.
"""
