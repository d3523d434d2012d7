"""The plugin's options (in ``mkdocs.yml``) and the ``BYHAND_*`` environment variables that override some.

The checks are on by default; what changes a site's own pages is off unless its option turns it on.
An environment variable that is set wins over its option, so that people and outside checks can
change one build without editing ``mkdocs.yml``:

| option               | default             | what it does                                              | variable                 |
|----------------------|---------------------|-----------------------------------------------------------|--------------------------|
| `page_budget`        | `2`                 | seconds of code per Markdown page before a warning        | `BYHAND_PAGE_BUDGET`     |
| `notebook_budget`    | `10`                | seconds per notebook page, kernel start included          | `BYHAND_NOTEBOOK_BUDGET` |
| `execute`            | `true`              | false: each block's source shown instead of run           | `BYHAND_EXEC` (`on`, `off`) |
| `math`               | `build`             | `client`: KaTeX in the browser, nothing checked           | `BYHAND_MATH`            |
| `katex`              | `node_modules/katex`| the katex npm package, from mkdocs.yml's folder           |                          |
| `timings`            | unset               | a JSON file of each page's code time                      | `BYHAND_TIMINGS`         |
| `code_disclosure`    | unset               | a summary text: a `source="below"` block's code folded under its result in a `<details>` with it | |
| `wrap_tables`        | `false`             | Material: each table put in the theme's scroll box at build time | |
| `theme_startup`      | `false`             | Material: the theme's script changed so that a page starts without restyling every element (`mkdocs_byhand.theme_patch`) | |
| `lean_math`          | `false`             | KaTeX's vlists without their tables, and the CSS that lays them out appended to KaTeX's stylesheet | |
| `typed_numbers`      | `false`             | a decimal number typed into Markdown prose fails the build, named with file and line (`mkdocs_byhand.typed_numbers`) | |
| `typed_numbers_allowed` | `[]`             | with `typed_numbers`: `page.md:LINE` or a number, allowed  |                          |

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
    """The ``byhand`` plugin's options; see the module's table."""

    page_budget = c.Type((int, float), default=2.0)
    notebook_budget = c.Type((int, float), default=10.0)
    execute = c.Type(bool, default=True)
    math = c.Choice(("build", "client"), default="build")
    katex = c.Type(str, default="node_modules/katex")
    timings = c.Optional(c.Type(str))
    code_disclosure = c.Optional(c.Type(str))
    wrap_tables = c.Type(bool, default=False)
    theme_startup = c.Type(bool, default=False)
    lean_math = c.Type(bool, default=False)
    typed_numbers = c.Type(bool, default=False)
    typed_numbers_allowed = c.ListOfItems(c.Type(str), default=[])


@dataclass(frozen=True)
class Settings:
    """The options of one build that a variable can override, each overridden where it is set."""

    page_budget: float
    notebook_budget: float
    execute: bool
    math: str
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
        timings=env("BYHAND_TIMINGS", options.timings or "") or None,
    )
