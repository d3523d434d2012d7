"""The ``byhand`` MkDocs plugin: a tutorial whose numbers are printed by code is checked as it is built.

Enable it in ``mkdocs.yml`` under ``plugins:`` (after ``markdown-exec``, and after ``mkdocs-jupyter``
if the site has notebooks); its options, and the ``BYHAND_*`` variables that override them, are in ``byhand_site.settings``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files

from byhand_site import notebook_page, worked_example
from byhand_site.blocks import CodeBlocks
from byhand_site.budget import Timings
from byhand_site.katex_math import PageMath
from byhand_site.settings import ByHandConfig, Settings, resolve


class ByHandPlugin(BasePlugin[ByHandConfig]):
    """Fails the build on a failed block, bad math or a bad example, naming the file; times each page's code.

    Its steps, in the order MkDocs runs them (the event priorities below fix the order against the
    other plugins):

    on_config, after the plugins listed before it (markdown-exec has added its fences):
        1. the settings: each option, overridden by its ``BYHAND_*`` variable; a bad value fails now;
        2. the example file validated (with ``example``, ``$BYHAND_EXAMPLE`` or ``golden``): a bad file
           fails the build at once, naming the file, the field and what was expected;
        3. KaTeX found; in client mode, its scripts added to every page;
        4. every markdown-exec fence wrapped (timed; shown instead of run with execution off), and
           mkdocs-jupyter told not to execute with execution off.
    on_files: 5. the golden JSON added to the site's files (with ``golden``).
    on_pre_page, after mkdocs-jupyter's: 6. a notebook page's renderer made to name a failing cell.
    on_page_markdown, last: 7. the page's timer starts; no block of it has failed yet.
    on_page_content, first: 8. the timer stops; a warning past the page's budget.
    on_page_content, after the plugins listed before it:
        9. a failed block, or a rendered traceback, fails the build naming the page and the blocks;
        10. a notebook page gets the site's markup, its math wrapped for step 11, and a download button;
        11. every formula typeset with KaTeX; TeX it cannot parse fails the build naming page and formula.
    on_page_context: 12. first, the search index is handed each formula as TeX; 13. last, readers get it typeset.
    on_post_page: 14. a notebook page's ``.ipynb`` written beside it.
    on_post_build: 15. KaTeX's stylesheet, fonts and scripts copied into the site; 16. the timings written.
    """

    def __init__(self) -> None:
        super().__init__()
        self.settings: Settings | None = None
        self.timings: Timings | None = None
        self.blocks: CodeBlocks | None = None
        self.math: PageMath | None = None
        self.example: worked_example.ExampleFile | None = None
        self.docs = "docs"  # the docs directory as messages name it

    @event_priority(-50)
    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        self.docs = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
        self.settings = s = resolve(self.config)  # 1
        if self.config.golden or worked_example.in_use(s.example):  # 2
            self.example = worked_example.ExampleFile(s.example, root)
            self.example.check()
        self.math = PageMath(root / self.config.katex, client=s.math == "client", docs=self.docs)  # 3
        config.extra_javascript.extend(self.math.scripts())
        self.timings = Timings(s.page_budget, s.notebook_budget, self.docs)  # 4
        self.blocks = CodeBlocks(self.timings, s.execute, self.docs)
        self.blocks.wrap_fences(config.mdx_configs)
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None and not s.execute:
            jupyter.config["execute"] = False  # its public option, read per page in its on_pre_page
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.config.golden:  # 5
            files.append(worked_example.golden_file(config))
        return files

    @event_priority(-100)
    def on_pre_page(self, page, config, files):
        if notebook_page.is_notebook(page):  # 6
            notebook_page.name_failing_cell(page, self.docs)
        return page

    @event_priority(-100)
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        self.timings.start(page.file.src_uri)  # 7
        self.blocks.start()
        return markdown

    @event_priority(100)
    def _stop_timer(self, html: str, page, config, files) -> str:
        self.timings.stop(page.file.src_uri, notebook=notebook_page.is_notebook(page))  # 8
        return html

    def _check_and_typeset(self, html: str, page, config, files) -> str:
        self.blocks.check(html, page)  # 9
        if notebook_page.is_notebook(page):  # 10
            html = notebook_page.restyle(html, page, self.docs)
        return self.math.typeset(html, page)  # 11

    on_page_content = CombinedEvent(_stop_timer, _check_and_typeset)

    @event_priority(100)
    def _tex_for_search(self, context, page, config, nav):
        self.math.tex_for_search(page)  # 12
        return context

    @event_priority(-100)
    def _typeset_for_readers(self, context, page, config, nav):
        self.math.typeset_for_readers(page)  # 13
        return context

    on_page_context = CombinedEvent(_tex_for_search, _typeset_for_readers)

    def on_post_page(self, output: str, page, config) -> str:
        if notebook_page.is_notebook(page):  # 14
            notebook_page.write_download(page)
        return output

    def on_post_build(self, config) -> None:
        self.math.copy_assets(config.site_dir)  # 15
        if self.settings.timings:  # 16
            self.timings.write(self.settings.timings)
        self._finish()

    def on_build_error(self, error: Exception) -> None:
        self._finish()

    def _finish(self) -> None:
        """Stop KaTeX's node process, and give the example variable back its value from before the build."""
        if self.math is not None:
            self.math.katex.close()
        if self.example is not None:
            self.example.release()
