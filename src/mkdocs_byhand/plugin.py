"""The ``byhand`` MkDocs plugin: a tutorial whose numbers are printed by code is checked as it is built.

Enable it in ``mkdocs.yml`` under ``plugins:`` (after ``markdown-exec``, and after ``mkdocs-jupyter``
if the site has notebooks); its options, and the ``BYHAND_*`` variables that override them, are in ``byhand_site.settings``.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files

from byhand_site import notebook_page, page_assets, theme_patch, worked_example
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
        4. every markdown-exec fence wrapped (timed; shown instead of run with execution off);
        5. mkdocs-jupyter told not to execute: this plugin runs the notebooks (unless execution is off).
    on_files: 6. the golden JSON added to the site's files (with ``golden``); 7. each notebook that
        will be built starts running in a thread, and its page moves to the end of the build, so its
        kernel works while the other pages build.
    on_pre_page, after mkdocs-jupyter's: 8. a notebook page's renderer made to wait for its run (started
        now if it was not) and render the executed notebook; a failing cell fails the build, named.
    on_page_markdown, last: 9. the page's timer starts; no block of it has failed yet.
    on_page_content, first: 10. the timer stops; a warning past the page's budget.
    on_page_content, after the plugins listed before it:
        11. a failed block, or a rendered traceback, fails the build naming the page and the blocks;
        12. a notebook page gets the site's markup, its math wrapped for step 13, and a download button;
            with the theme, each table is put in the theme's scroll box (``byhand_site.theme_patch``);
        13. every formula handed to KaTeX, which typesets it on another core while the build goes on;
            meanwhile the page holds each formula as TeX, which the search plugin indexes.
    on_page_context, last: 14. readers get the formulas typeset; TeX that KaTeX cannot parse fails the
        build naming page and formula.
    on_post_page: 15. a notebook page's ``.ipynb`` written beside it; a stylesheet or script the page does
        not use (mkdocstrings' on a page without API docs, KaTeX's on a page without math) unlinked.
    on_post_build: 16. KaTeX's stylesheet, fonts and scripts copied into the site; 17. the theme's script
        patched so that a page starts without restyling every element (``byhand_site.theme_patch``);
        18. the timings written.
    """

    def __init__(self) -> None:
        super().__init__()
        self.settings: Settings | None = None
        self.timings: Timings | None = None
        self.blocks: CodeBlocks | None = None
        self.math: PageMath | None = None
        self.example: worked_example.ExampleFile | None = None
        self.docs = "docs"  # the docs directory as messages name it
        self.jupyter = None  # mkdocs-jupyter, if the site has notebooks
        self.run_notebooks = False
        self.notebooks: dict[str, notebook_page.Execution] = {}  # running, by page

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
        self.jupyter = config.plugins.get("mkdocs-jupyter")
        if self.jupyter is not None:  # 5: notebooks are run by this plugin (or not at all, with execution off)
            self.run_notebooks = s.execute and self.jupyter.config["execute"]
            self.jupyter.config["execute"] = False  # its public option, read per page in its on_pre_page
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.config.golden:  # 6
            files.append(worked_example.golden_file(config))
        for file in files.documentation_pages():  # 7
            if self._runs(file) and file.is_modified():  # always in a clean build; not a page --dirty skips
                self.notebooks[file.src_uri] = self._execution(file)
                files.remove(file)  # MkDocs builds pages in the order of its files: this one last,
                files.append(file)  # so that the others are built while it runs
        return files

    def _runs(self, file) -> bool:
        return self.run_notebooks and self.jupyter.should_include(file) and not any(
            PurePath(file.abs_src_path).match(pattern) for pattern in self.jupyter.config["execute_ignore"] or ())

    def _execution(self, file) -> notebook_page.Execution:
        return notebook_page.Execution(file.abs_src_path, self.jupyter.config["kernel_name"],
                                       self.jupyter.config["allow_errors"])

    @event_priority(-100)
    def on_pre_page(self, page, config, files):
        if self._runs(page.file):  # 8
            running = self.notebooks.get(page.file.src_uri) or self._execution(page.file)
            self.notebooks[page.file.src_uri] = running
            running.render_executed(page, self.docs)
        return page

    @event_priority(-100)
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        self.timings.start(page.file.src_uri)  # 9
        self.blocks.start()
        return markdown

    @event_priority(100)
    def _stop_timer(self, html: str, page, config, files) -> str:
        running = self.notebooks.pop(page.file.src_uri, None)
        self.timings.stop(page.file.src_uri, notebook=notebook_page.is_notebook(page),  # 10
                          seconds=running.seconds if running else None)
        return html

    def _check_and_typeset(self, html: str, page, config, files) -> str:
        self.blocks.check(html, page)  # 11
        if notebook_page.is_notebook(page):  # 12
            html = notebook_page.restyle(html, page, self.docs)
        if config.theme.name == "material":
            html = theme_patch.wrap_tables(html)
        return self.math.typeset(html, page)  # 13

    on_page_content = CombinedEvent(_stop_timer, _check_and_typeset)

    @event_priority(-100)
    def on_page_context(self, context, page, config, nav):
        self.math.typeset_for_readers(page)  # 14
        return context

    def on_post_page(self, output: str, page, config) -> str:
        if notebook_page.is_notebook(page):  # 15
            notebook_page.write_download(page)
        return page_assets.drop_unused(output)

    def on_post_template(self, output: str, template_name: str, config) -> str:
        return page_assets.drop_unused(output) if template_name.endswith(".html") else output  # 15, 404.html

    def on_post_build(self, config) -> None:
        self.math.copy_assets(config.site_dir)  # 16
        if config.theme.name == "material":  # 17 (a site on another theme has no such script)
            theme_patch.patch_site(config.site_dir)
        if self.settings.timings:  # 18
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
