"""A notebook page (any page mkdocs-jupyter renders, i.e. whose source is not Markdown) made like the others.

The plugin runs the notebook, from the start of the build (``Execution``), and mkdocs-jupyter renders it; then
- a failing cell is named by its number (as in Jupyter's In[n]) instead of a traceback deep in nbclient;
- the math of its Markdown cells is wrapped as arithmatex wraps it (nbconvert leaves raw `$...$` for a
  MathJax that is never loaded), so it is typeset at build time like every other page;
- nbconvert's MathJax and mermaid loaders, which would fetch from third-party hosts, are dropped;
- JupyterLab's inlined stylesheet (570 kB on every load of the page) and its copy widget are dropped,
  so that code cells are the theme's own code blocks, with its highlighting, palettes and copy button;
- the cells are numbered (nbformat gives them random ids, which would make every build differ);
- the notebook is offered as a `.ipynb` beside the page, linked relatively so that it works under any
  site path.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

_CELL = re.compile(r'<div class="jp-Cell jp-(\w+)Cell jp-Notebook-cell" id="cell-id=[\w-]+">')
_LOADERS = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
                      r'|<script type="module">\s*document\.addEventListener\("DOMContentLoaded".*?</script>', re.S)
# nbconvert markup -> the theme's own; each must match at least once, so a changed template fails loudly.
_RESTYLE = [
    (re.compile(r"<style[^>]*>.*?</style>", re.S), ""),
    (re.compile(r"<script>\s*\(function \(global, factory\).*?</script>", re.S), ""),
    (re.compile(r"<script>\s*document\.addEventListener\('clipboard-copy'.*?</script>", re.S), ""),
    (re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S), ""),
    (re.compile(r'<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>', re.S), ""),
    (re.compile(r'<div class="highlight-ipynb hl-python"><pre><span></span>(.*?)</pre></div>', re.S),
     r'<div class="highlight"><pre><code>\1</code></pre></div>'),
    (re.compile(r'<a class="anchor-link" href="#([\w-]+)">'), r'<a class="headerlink" href="#\1" title="Permanent link">'),
]
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)


def is_notebook(page) -> bool:
    """Whether mkdocs-jupyter renders ``page``: the only pages whose source is not Markdown."""
    return not page.file.src_uri.endswith(".md")


class Execution:
    """A notebook run by the plugin, in a thread that starts before the first page is built.

    mkdocs-jupyter would run the notebook when its page is rendered, and the build would wait for a
    kernel to start (about a second) and for the cells, with one core idle. Started early, the
    kernel starts and the cells run in the kernel's own process while this one builds other pages; the
    page's renderer then waits for what is left and has mkdocs-jupyter render the executed notebook
    without executing it again. A failing cell is named by its number (as in Jupyter's In[n]).

    Parameters
    ----------
    page_path : str
        The notebook's source (anything jupytext reads).
    kernel_name : str
        As mkdocs-jupyter's option; empty for the notebook's own kernel.
    allow_errors : bool
        As mkdocs-jupyter's option: whether a raising cell is shown instead of failing.
    """

    def __init__(self, page_path: str, kernel_name: str, allow_errors: bool) -> None:
        import concurrent.futures

        self.source, self.seconds = page_path, 0.0
        self._executed = Path(tempfile.mkdtemp(prefix="byhand-notebook-")) / (Path(page_path).stem + ".ipynb")
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="byhand-notebook")
        self._future = pool.submit(self._run, kernel_name, allow_errors)
        pool.shutdown(wait=False)

    def _run(self, kernel_name: str, allow_errors: bool) -> tuple[int, str, str] | None:
        import jupytext  # here, not at the top: a site without notebooks needs neither jupytext nor nbclient
        from jupyter_client.manager import KernelManager
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
        from nbconvert.preprocessors import CoalesceStreamsPreprocessor

        started = time.perf_counter()
        notebook = jupytext.read(self.source)
        # The kernel talks over Unix sockets in this run's own folder, not TCP on loopback: nothing another
        # process can reach, no port two builds could share, and none of ipykernel's warning about TCP
        # without encryption on every build. A kernel manager given to nbclient is ours to shut down.
        name = kernel_name or notebook.metadata.get("kernelspec", {}).get("name", "")
        kernel = KernelManager(kernel_name=name, transport="ipc", ip=str(self._executed.parent / "kernel"))
        client = NotebookClient(notebook, km=kernel, kernel_name=name, allow_errors=allow_errors)
        try:
            with client.setup_kernel():
                number = 0
                for index, cell in enumerate(notebook.cells):
                    number += cell.cell_type == "code"
                    try:
                        client.execute_cell(cell, index)
                    except CellExecutionError as error:
                        return number, error.ename, error.evalue
            # A cell's printed lines reach us in as many stream messages as the kernel's flushes, which
            # vary from run to run: merged, as nbconvert's execution merges them, so that builds agree.
            CoalesceStreamsPreprocessor().preprocess(notebook, {})
            jupytext.write(notebook, self._executed, fmt="ipynb")
            return None
        finally:
            if kernel.has_kernel:
                kernel.shutdown_kernel()
            self.seconds = time.perf_counter() - started

    def render_executed(self, page, failed: Callable[[str], None], docs: str = "docs") -> None:
        """Have ``page.render`` (mkdocs-jupyter's, set in its on_pre_page, with its execution off) wait
        for this run and render the executed notebook; a failing cell is handed to ``failed``, named by
        its number and the line it starts on, and the page is rendered unexecuted (the build fails later)."""
        render = page.render

        def render_executed(*args, **kwargs):
            try:
                failure = self._future.result()
                if failure is not None:
                    number, name, value = failure
                    line = cell_line(page.file.abs_src_path, number)
                    failed(f"{docs}/{page.file.src_uri}:{line}: notebook code cell {number} failed: {name}: {value}")
                    return render(*args, **kwargs)
                source = page.file.abs_src_path
                page.file.abs_src_path = str(self._executed)  # read by its renderer when called, not before
                try:
                    return render(*args, **kwargs)
                finally:
                    page.file.abs_src_path = source
            finally:
                shutil.rmtree(self._executed.parent, ignore_errors=True)

        page.render = render_executed


def cell_line(source: str, number: int) -> str:
    """The line where code cell ``number`` starts in a percent-format source (``# %%``); ``?`` otherwise."""
    if not source.endswith(".py"):
        return "?"
    code = [n for n, line in enumerate(Path(source).read_text(encoding="utf-8").splitlines(), 1)
            if line.startswith("# %%") and not re.match(r"# %%.*\[(markdown|md|raw)\]", line)]
    return str(code[number - 1]) if 0 < number <= len(code) else "?"


def printed_traceback(content: str) -> bool:
    """Whether a code cell's output (not its source, not a Markdown cell) holds a Python traceback."""
    outputs = re.findall(r'<div class="jp-OutputArea.*?(?=<div class="jp-Cell |\Z)', content, re.S)
    return any("Traceback (most recent call last)" in output for output in outputs)


def _math(segment: str) -> str:
    """Wrap `$$...$$` and `$...$` as arithmatex does, for the math step to typeset."""
    segment = _DISPLAY.sub(lambda m: f'<div class="arithmatex">\\[{m[1]}\\]</div>', segment)
    return _INLINE.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', segment)


def restyle(content: str, page, docs: str = "docs") -> str:
    """The notebook's HTML with the site's markup and math, numbered cells and a download button."""
    where, ipynb = f"{docs}/{page.file.src_uri}", _ipynb(page)
    content, found = _LOADERS.subn("", content)
    if found != 2:
        raise PluginError(f"{where}: expected nbconvert's MathJax and mermaid loaders, found {found}; "
                          "check the notebook page for scripts from other hosts")
    for pattern, replacement in _RESTYLE:
        content, found = pattern.subn(replacement, content)
        if not found:
            raise PluginError(f"{where}: mkdocs-jupyter's markup changed: nothing matches {pattern.pattern[:60]!r}")
    pieces = _CELL.split(content)  # [before, kind, cell, kind, cell, ...]
    out = [pieces[0]]
    for n, (kind, cell) in enumerate(zip(pieces[1::2], pieces[2::2], strict=True), start=1):
        out.append(f'<div class="jp-Cell jp-{kind}Cell jp-Notebook-cell" id="nb-cell-{n}">')
        out.append(_math(cell) if kind == "Markdown" else cell)
    button = (f'<p><a class="md-button md-button--primary" href="{ipynb}" download>'
              f"Download the notebook ({html.escape(ipynb)})</a></p>\n")
    content = "".join(out)
    if "</h1>" not in content:
        raise PluginError(f"{where}: the notebook must open with a level-1 title")
    return content.replace("</h1>", "</h1>\n" + button, 1)


def write_download(page) -> None:
    """Write the notebook, as `.ipynb` without outputs, beside the page that shows it."""
    import jupytext

    notebook = jupytext.read(page.file.abs_src_path)
    for n, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{n}"
    target = Path(page.file.abs_dest_path).parent / _ipynb(page)
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(notebook, target, fmt="ipynb")


def _ipynb(page) -> str:
    return Path(page.file.src_uri).with_suffix(".ipynb").name
