"""``byhand``, the MkDocs plugin that checks a tutorial whose numbers are printed by code, as it is built.

It knows nothing of the tutorial it checks: enabled on any MkDocs site, it names every failing code block
and notebook cell (file and line), typesets the math at build time with KaTeX in strict mode, times each
page's code and drops the stylesheets a page does not use. What shapes a site's own pages (a code
disclosure, tables wrapped, the theme's start-up, lean math markup, typed numbers refused) is off unless
an option turns it on (``mkdocs_byhand.settings``). Import its modules directly: this file imports none.
"""
