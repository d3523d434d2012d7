"""MkDocs hook: every practice exercise as a small JSON file of the site (``assets/practice/N.json``),
which the practice page's script loads when the reader opens that exercise, so the page itself carries
none of them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from byhand_site import practice_page


def on_files(files: Files, config) -> Files:
    plugin = config.plugins.get("byhand")
    option = plugin.config.katex if plugin is not None else "node_modules/katex"
    package = Path(config.config_file_path).parent / option
    for path, content in practice_page.files(package).items():
        files.append(File.generated(config, path, content=content))
    return files
