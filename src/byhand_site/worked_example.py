"""``byhand-example``, this tutorial's own MkDocs plugin: the worked example checked before any page, and
published as JSON.

It serves a site that computes from the ``byhand`` package's worked example (this one), so it lives with
the site's helpers, not in the reusable ``byhand`` plugin (``mkdocs_byhand``), which knows no tutorial.
Every page computes from the example file (``$BYHAND_EXAMPLE``, else this plugin's ``example`` option,
else the post's). A bad file would otherwise fail the first code block that loads it, deep in a
traceback; [`ExampleFile.check`][byhand_site.worked_example.ExampleFile.check] stops the build before
any page, with one line naming the file, the field and what was expected.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from byhand.example import ENV_VAR, load


class ExampleFile:
    """The example this build uses: the variable when set, else the option, passed on in the variable.

    The pages and the notebook's kernel (another process) read ``$BYHAND_EXAMPLE``, so the option is
    handed to them there for the build, and taken back by [`release`][byhand_site.worked_example.ExampleFile.release].

    Parameters
    ----------
    option : str or None
        The plugin's ``example`` option.
    root : Path
        The folder of ``mkdocs.yml``, which the option's path is relative to.
    """

    def __init__(self, option: str | None, root: Path) -> None:
        self._before = os.environ.get(ENV_VAR)
        self.from_option = bool(option) and not self._before
        if self.from_option:
            os.environ[ENV_VAR] = str(root / option)
        self.source = f"example={option!r}" if self.from_option else f"{ENV_VAR}={os.environ.get(ENV_VAR, '')!r}"

    def check(self) -> None:
        """Load and validate the example; a bad one fails the build naming the file and the field."""
        try:
            load()
        except (OSError, ValueError) as error:
            raise PluginError(f"the example is not valid ({self.source}): {error}") from None

    def release(self) -> None:
        """Give ``$BYHAND_EXAMPLE`` back its value from before the build."""
        if self.from_option:
            if self._before is None:
                os.environ.pop(ENV_VAR, None)
            else:
                os.environ[ENV_VAR] = self._before
            self.from_option = False


def golden_file(config) -> File:
    """Every quantity of the worked example as JSON, at ``golden/worked-example.json``, as a site file
    (so links to it are checked like links to any page)."""
    from byhand import golden
    from byhand.walkthrough import compute

    return File.generated(config, golden.PATH, content=golden.as_json(compute()))


class WorkedExampleConfig(base.Config):
    example = c.Optional(c.Type(str))  # the worked example file, from mkdocs.yml's folder; unset: the post's
    golden = c.Type(bool, default=False)  # publish golden/worked-example.json


class WorkedExamplePlugin(BasePlugin[WorkedExampleConfig]):
    """Checks the example file before any page (a bad one fails the build naming the file, the field and
    what was expected), hands it to the pages and the notebook in ``$BYHAND_EXAMPLE``, and with ``golden``
    publishes every quantity of it as JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.example: ExampleFile | None = None

    def on_config(self, config):
        if self.config.golden or self.config.example or os.environ.get(ENV_VAR):
            self.example = ExampleFile(self.config.example, Path(config.config_file_path or ".").resolve().parent)
            self.example.check()
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.config.golden:
            files.append(golden_file(config))
        return files

    def on_post_build(self, config) -> None:
        self._release()

    def on_build_error(self, error: Exception) -> None:
        self._release()

    def _release(self) -> None:
        if self.example is not None:
            self.example.release()
