"""MkDocs hook: publish the golden values of the worked example at ``golden/worked-example.json``.

The file is generated from :func:`byhand.walkthrough.compute` (honouring ``$BYHAND_EXAMPLE``) and added to
the site's files, so links to it are checked like links to any page.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from byhand import golden
from byhand.walkthrough import compute


def on_files(files: Files, config, **_: object) -> Files:
    files.append(File.generated(config, golden.PATH, content=golden.as_json(compute())))
    return files
