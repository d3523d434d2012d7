"""The site's tooling: what renders the worked example for the pages, and the ``byhand`` MkDocs plugin.

This package depends on the docs group (MkDocs, markdown-exec, mkdocs-jupyter); the
``byhand`` package beside it needs numpy alone. Import its modules directly: this file imports none.
"""
