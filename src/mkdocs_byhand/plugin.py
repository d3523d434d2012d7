"""The ``byhand`` MkDocs plugin: a tutorial whose numbers are printed by code is checked as it is built.

Enable it in ``mkdocs.yml`` under ``plugins:`` (after ``markdown-exec``, and after ``mkdocs-jupyter``
if the site has notebooks); its options, and the ``BYHAND_*`` variables that override them, are in
``mkdocs_byhand.settings``.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePath

try:
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
    from mkdocs.structure.files import Files
except ModuleNotFoundError as missing:  # imported without MkDocs: say what installs it
    raise ModuleNotFoundError(f'the byhand MkDocs plugin needs {missing.name.split(".")[0]}: pip install "byhand[mkdocs]"') from None

from mkdocs_byhand import notebook_page, page_assets, theme_patch, typed_numbers
from mkdocs_byhand.blocks import CodeBlocks
from mkdocs_byhand.budget import Timings
from mkdocs_byhand.fences import executed_fences
from mkdocs_byhand.katex_math import PageMath
from mkdocs_byhand.settings import ByHandConfig, Settings, resolve

log = logging.getLogger("mkdocs.plugins.byhand")


class ByHandPlugin(BasePlugin[ByHandConfig]):
    """Fails the build on a failed block or cell, or bad math, naming file and line; times each page's code.

    Its steps, in the order MkDocs runs them (the event priorities below fix the order against the
    other plugins):

    on_config, after the plugins listed before it (markdown-exec has added its fences):
        1. the settings: each option, overridden by its ``BYHAND_*`` variable; a bad value fails now;
        2. KaTeX's place noted (it and Node.js are looked for when a page first has math); in client
           mode, its scripts added to every page;
        3. every markdown-exec fence wrapped (timed; shown instead of run with execution off); none: a warning;
        4. with ``theme_startup`` or ``wrap_tables``, the theme's own script read: an option whose
           statements it does not hold is skipped, with one info line;
        5. mkdocs-jupyter told not to execute: this plugin runs the notebooks (unless execution is off).
    on_files: 6. each notebook that will be built starts running in a thread, and its page moves to the
        end of the build, so its kernel works while the other pages build.
    on_pre_page, after mkdocs-jupyter's: 7. a notebook page's renderer made to wait for its run (started
        now if it was not) and render the executed notebook; a failing cell is noted, named.
    on_page_markdown, last: 8. the page's timer starts; its executed fences found, with their lines;
        with ``typed_numbers``, a number typed into its prose noted.
    on_page_content, first: 9. the timer stops; a warning past the page's budget.
    on_page_content, after the plugins listed before it:
        10. each failed block noted, and a traceback printed by a block or a notebook cell;
        11. a notebook page gets the site's markup, its math wrapped for step 12, and a download button;
            with ``wrap_tables``, each table is put in the theme's scroll box;
        12. every formula handed to KaTeX, which typesets it on another core while the build goes on;
            meanwhile the page holds each formula as TeX, which the search plugin indexes.
    on_env, once every page is converted: 13. every failure noted fails the build, each on its own line
        (``docs/page.md:LINE: ...``); a site where no block ran gets a warning.
    on_page_context, last: 14. readers get the formulas typeset; TeX that KaTeX cannot parse fails the
        build naming page and formula.
    on_post_page: 15. a notebook page's ``.ipynb`` written beside it; a stylesheet or script the page does
        not use (mkdocstrings' on a page without API docs, KaTeX's on a page without math) unlinked.
    on_post_build: 16. KaTeX's stylesheet, fonts and scripts copied into the site; 17. with
        ``theme_startup`` or ``wrap_tables``, the theme's script changed (``mkdocs_byhand.theme_patch``);
        18. the timings written.
    """

    def __init__(self) -> None:
        super().__init__()
        self.settings: Settings | None = None
        self.timings: Timings | None = None
        self.blocks: CodeBlocks | None = None
        self.math: PageMath | None = None
        self.docs = "docs"  # the docs directory as messages name it
        self.jupyter = None  # mkdocs-jupyter, if the site has notebooks
        self.run_notebooks = False
        self.notebooks: dict[str, notebook_page.Execution] = {}  # running, by page
        self.failures: list[str] = []  # every failure of the build, located
        self.patches: tuple[theme_patch.Patch, ...] = ()

    @event_priority(-50)
    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        self.docs = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
        self.settings = s = resolve(self.config)  # 1
        self.failures = []
        self.math = PageMath(root / self.config.katex, client=s.math == "client", docs=self.docs,  # 2
                             lean=self.config.lean_math)
        config.extra_javascript.extend(self.math.scripts())
        self.timings = Timings(s.page_budget, s.notebook_budget, self.docs)  # 3
        self.blocks = CodeBlocks(self.timings, s.execute, self.docs, self.config.code_disclosure)
        if not self.blocks.wrap_fences(config.mdx_configs):
            log.warning("byhand: no code block can run: markdown-exec is not listed under plugins in mkdocs.yml "
                        "(list it before byhand), nor its formatter under pymdownx.superfences' custom_fences")
        self.patches = self._theme_patches(config)  # 4
        self.jupyter = config.plugins.get("mkdocs-jupyter")
        if self.jupyter is not None:  # 5: notebooks are run by this plugin (or not at all, with execution off)
            self.run_notebooks = s.execute and self.jupyter.config["execute"]
            self.jupyter.config["execute"] = False  # its public option, read per page in its on_pre_page
        return config

    def _theme_patches(self, config) -> tuple[theme_patch.Patch, ...]:
        asked = {o for o in ("theme_startup", "wrap_tables") if self.config[o]}
        if not asked or config.theme.name != "material":  # another theme has no such script
            return ()
        script = theme_patch.theme_script(config.theme.dirs)
        if script is None:
            log.info(f"byhand: {', '.join(sorted(asked))} skipped: the theme has no assets/javascripts/bundle.*.min.js")
            return ()
        try:
            from importlib.metadata import version
            release = f"(mkdocs-material {version('mkdocs-material')}) "
        except Exception:  # noqa: BLE001  (a theme installed otherwise: the message just names no version)
            release = ""
        return theme_patch.applicable(script.read_text(encoding="utf-8"), asked, release)

    def on_files(self, files: Files, config) -> Files:
        for file in files.documentation_pages():  # 6
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
        if self._runs(page.file):  # 7
            running = self.notebooks.get(page.file.src_uri) or self._execution(page.file)
            self.notebooks[page.file.src_uri] = running
            running.render_executed(page, self.failures.append, self.docs)
        return page

    @event_priority(-100)
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        self.timings.start(page.file.src_uri)  # 8
        source = page.file.content_string  # the file; the markdown lacks its front matter
        first = source[:len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
        self.blocks.start(page.file.src_uri, "\n" * first + markdown)
        if self.config.typed_numbers and not notebook_page.is_notebook(page):
            self.failures += typed_numbers.check(markdown, f"{self.docs}/{page.file.src_uri}", first,
                                                 self.config.typed_numbers_allowed, page.meta.get("typed_numbers_allowed"))
        return markdown

    @event_priority(100)
    def _stop_timer(self, html: str, page, config, files) -> str:
        running = self.notebooks.pop(page.file.src_uri, None)
        self.timings.stop(page.file.src_uri, notebook=notebook_page.is_notebook(page),  # 9
                          seconds=running.seconds if running else None)
        return html

    def _check_and_typeset(self, html: str, page, config, files) -> str:
        self.failures += self.blocks.check()  # 10
        if notebook_page.is_notebook(page):  # 11
            if notebook_page.printed_traceback(html):
                self.failures.append(f"{self.docs}/{page.file.src_uri}: a notebook cell's output holds a Python traceback")
            html = notebook_page.restyle(html, page, self.docs)
        if any(p.option == "wrap_tables" for p in self.patches):
            html = theme_patch.wrap_tables(html)
        return self.math.typeset(html, page)  # 12

    on_page_content = CombinedEvent(_stop_timer, _check_and_typeset)

    @event_priority(-100)
    def on_env(self, env, config, files):
        if self.failures:  # 13
            for failure in self.failures:
                log.error(failure)
            count = len(self.failures)
            raise PluginError(f"byhand: {count} check{'s' * (count > 1)} failed, each listed above as file:line "
                              "(a failed block's traceback is logged before the list)")
        if not self.run_notebooks and not any(executed_fences(f.content_string) for f in files.documentation_pages()
                                              if f.src_uri.endswith(".md")):  # every page, converted now or not
            log.warning("byhand: no page has a code block that runs (```python exec=\"on\"): the build checks no code")
        return env

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
        theme_patch.patch_site(config.site_dir, self.patches)  # 17
        if self.settings.timings:  # 18
            self.timings.write(self.settings.timings)
        self._finish()

    def on_build_error(self, error: Exception) -> None:
        self._finish()

    def _finish(self) -> None:
        """Stop KaTeX's node process."""
        if self.math is not None:
            self.math.katex.close()
