"""The plugin's options (in ``mkdocs.yml``) and the ``BYHAND_*`` environment variables that override them.

An environment variable that is set wins over its option, so that people and outside checks can
change one build without editing ``mkdocs.yml``:

| option            | variable                 | values                                   |
|-------------------|--------------------------|------------------------------------------|
| `page_budget`     | `BYHAND_PAGE_BUDGET`     | seconds                                  |
| `notebook_budget` | `BYHAND_NOTEBOOK_BUDGET` | seconds                                  |
| `execute`         | `BYHAND_EXEC`            | `on`, `off` (option: true, false)        |
| `math`            | `BYHAND_MATH`            | `build`, `client`                        |
| `example`         | `BYHAND_EXAMPLE`         | a path (option: from mkdocs.yml's folder) |
| `timings`         | `BYHAND_TIMINGS`         | a path; set but empty: none written       |

A variable set to a value it does not take fails the build, naming the variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError


class ByHandConfig(base.Config):
    """The ``byhand`` plugin's options; see the module's table for the variable that overrides each."""

    page_budget = c.Type((int, float), default=2.0)  # seconds of code per Markdown page
    notebook_budget = c.Type((int, float), default=10.0)  # seconds per notebook page, kernel start included
    execute = c.Type(bool, default=True)  # false: each block's source shown instead of run, notebooks not run
    math = c.Choice(("build", "client"), default="build")  # client: KaTeX in the browser, nothing checked
    katex = c.Type(str, default="node_modules/katex")  # the katex npm package, from mkdocs.yml's folder
    example = c.Optional(c.Type(str))  # the worked example file; unset: the post's, shipped with byhand
    golden = c.Type(bool, default=False)  # publish golden/worked-example.json (and check the example first)
    timings = c.Optional(c.Type(str))  # a JSON file to write each page's code time to


@dataclass(frozen=True)
class Settings:
    """The options of one build, each overridden by its variable where that is set."""

    page_budget: float
    notebook_budget: float
    execute: bool
    math: str
    example: str | None  # the option's path; BYHAND_EXAMPLE, when set, is read where the example is loaded
    timings: str | None


def _seconds(name: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise PluginError(f"{name}: expected seconds, got {value!r}") from None


def _choice(name: str, value: str, allowed: tuple[str, str]) -> str:
    if value not in allowed:
        raise PluginError(f"{name}: expected {allowed[0]!r} or {allowed[1]!r}, got {value!r}")
    return value


def resolve(options: ByHandConfig, environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings of this build: ``options``, overridden by the variables set in ``environ``."""
    env = environ.get
    return Settings(
        page_budget=_seconds("BYHAND_PAGE_BUDGET", env("BYHAND_PAGE_BUDGET", str(options.page_budget))),
        notebook_budget=_seconds("BYHAND_NOTEBOOK_BUDGET", env("BYHAND_NOTEBOOK_BUDGET", str(options.notebook_budget))),
        execute=_choice("BYHAND_EXEC", env("BYHAND_EXEC", "on" if options.execute else "off"), ("on", "off")) == "on",
        math=_choice("BYHAND_MATH", env("BYHAND_MATH", options.math), ("build", "client")),
        example=options.example,
        timings=env("BYHAND_TIMINGS", options.timings or "") or None,
    )
