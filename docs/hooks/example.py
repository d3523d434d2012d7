"""MkDocs hook: check the example file once, before any page is built.

Every page computes from the example (`$BYHAND_EXAMPLE`, else the post's). A bad file would otherwise
fail the first code block that loads it, deep in a traceback; here it stops the build with one line
naming the file, the field and what was expected.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

from byhand.example import ENV_VAR, load


def on_config(config, **_: object):
    try:
        load()
    except (OSError, ValueError) as error:
        raise PluginError(f"the example is not valid ({ENV_VAR}={os.environ.get(ENV_VAR, '')!r}): {error}") from None
    return config
