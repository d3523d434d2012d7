"""MkDocs hook: every practice exercise as small JSON files of the site (``assets/practice/N.json``, and
its worked solutions ``N-worked.json``), which the practice page's script loads when the reader opens
that exercise or a solution, so the page itself carries none of them.

They are written after the pages are built (a failing page is named first), and only by a site that has
the practice page; a worked line that does not reproduce by hand fails the build, naming its exercise.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from byhand_site import practice_page


def on_post_build(config) -> None:
    if not (Path(config.docs_dir) / "practice.md").is_file():
        return
    plugin = config.plugins.get("byhand")
    option = plugin.config.katex if plugin is not None else "node_modules/katex"
    try:
        found = practice_page.files(Path(config.config_file_path).parent / option)
    except ValueError as error:
        raise PluginError(str(error)) from None
    for path, content in found.items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
