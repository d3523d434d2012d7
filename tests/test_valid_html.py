"""Valid HTML: the Nu Html Checker (npm `vnu-jar`, pinned in package-lock.json, run with Java) over every
built page, in one run; an error in our markup fails, named by page, line and message.

The theme's own errors are listed in THEME_ERRORS, each by its exact message and the exact element it is
on, and allowed; nothing else is. Warnings and notes ("info") are not errors and do not fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, html_of, nav_pages

pytestmark = pytest.mark.full  # in `make test`, not in `make check`

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One short run on a small machine: the client compiler only (TieredStopAtLevel=1) and the serial
# collector need about a third of the CPU time and of the memory of Java's defaults (measured on this
# site: 6 s and 340 MB against 18 s and 1.1 GB). The checker's schema is deeply recursive and overflows
# the default thread stack under the client compiler, hence -Xss4m.
JAVA_OPTIONS = ("-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")

# The errors mkdocs-material's own templates make on every page: (exact message, the start tag it is on
# as a full regex, why it is the theme's). An error is allowed only if both match.
THEME_ERRORS = (
    ("Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
     re.compile(r'<label class="md-nav__link" for="(__nav_[\d_]+)" id="\1_label" tabindex="">'),
     "material's partials/nav-item.html writes tabindex=\"{{ tabindex }}\" on a navigation section's label, "
     "and leaves the value empty for a section"),
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
     "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
     "or “week”.",
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1" '
                r'autocomplete="off">'),
     "material's base.html gives its drawer and search toggles, two checkboxes, autocomplete=\"off\" (so "
     "that a browser does not restore them open on reload)"),
)


class Error(NamedTuple):
    page: str  # the file, relative to the folder checked
    line: int | None
    message: str
    tag: str  # the markup the checker points at (its "extract", highlighted part)

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}  [{self.tag}]"


def checker() -> list[str]:
    """The command that runs the Nu Html Checker, or a failure saying how to install what is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("no `java` on PATH: the Nu Html Checker needs Java 11 or later; on Debian, "
                    "`apt-get install -y openjdk-17-jre-headless`")
    if not VNU.is_file():
        pytest.fail(f"no {VNU}: `make test` installs node_modules/ from package-lock.json "
                    "(or run `npm ci` with .venv/bin on PATH)")
    return [java, *JAVA_OPTIONS, "-jar", str(VNU)]


def nu_errors(files: list[Path], root: Path, command: list[str] | None = None) -> list[Error]:
    """Every error the Nu Html Checker reports in ``files`` (one run for all), named relative to ``root``.

    Its errors, fatal ones included, and its failures to read a file ("non-document-error") count;
    its "info" messages (warnings) do not.
    """
    assert files, f"no HTML file to check under {root}"
    run = subprocess.run([*(command or checker()), "--format", "json", "--exit-zero-always", "--stdout",
                          *map(str, files)], capture_output=True, text=True, timeout=300)
    try:  # it exits non-zero and writes text, not JSON, when it cannot start (as on a too small stack)
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the Nu Html Checker did not run (exit {run.returncode}):\n{run.stderr[-2000:]}")
    errors = []
    for m in report["messages"]:
        if m["type"] == "info":
            continue
        page = Path(unquote(urlsplit(m.get("url", "")).path))
        extract, start = m.get("extract", ""), m.get("hiliteStart", 0)
        errors.append(Error(str(page.relative_to(root)) if page.is_relative_to(root) else str(page),
                            m.get("firstLine", m.get("lastLine")), m["message"],
                            extract[start:start + m.get("hiliteLength", len(extract))].strip()))
    return errors


def theirs(error: Error) -> str | None:
    """Why ``error`` is the theme's (one of THEME_ERRORS), or None if it is ours."""
    return next((why for message, tag, why in THEME_ERRORS
                 if error.message == message and tag.fullmatch(error.tag)), None)


def errors_of_ours(files: list[Path], root: Path) -> list[Error]:
    return [e for e in nu_errors(files, root) if theirs(e) is None]


def test_every_page_is_valid_html(site):
    pages = sorted(site.rglob("*.html"))
    for page in nav_pages():
        html_of(site, page)  # fails naming a nav page the build did not write: no page goes unchecked
    ours = errors_of_ours(pages, site)
    assert ours == [], (f"the Nu Html Checker finds {len(ours)} error(s) in our markup (page:line: message "
                        "[tag]):\n" + "\n".join(map(str, ours)))


# ---- the check itself fails on a fault -----------------------------------------------------------

HEAD = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>\n'
FAULTS = {  # file -> (body, the message the checker must name it by, on line 3)
    "stray-p.html": ("<p>A paragraph.</p></p>", "No “p” element in scope but a “p” end tag seen."),
    "svg.html": ('<p><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" data="1"></svg></p>',
                 "Attribute “data” not allowed on element “svg” at this point."),
    # the theme's messages, on markup that is not the theme's: not allowed
    "our-checkbox.html": ('<p><input type="checkbox" id="mine" autocomplete="off"></p>', THEME_ERRORS[1][0]),
}
# The theme's markup alone, as material writes it: its errors are reported and allowed.
THEME_ONLY = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
              '<input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_2">\n'
              '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">A section</label>')


def test_the_check_names_our_errors_and_allows_only_the_themes(tmp_path):
    for name, (body, _) in {**FAULTS, "theme.html": (THEME_ONLY, None)}.items():
        (tmp_path / name).write_text(f"{HEAD}{body}\n</body></html>\n", encoding="utf-8")
    files = sorted(tmp_path.glob("*.html"))
    errors = nu_errors(files, tmp_path)  # one run, as over the site
    ours = [e for e in errors if theirs(e) is None]
    for name, (_, message) in FAULTS.items():
        assert (name, 3, message) in {(e.page, e.line, e.message) for e in ours}, (name, ours)
    assert not [e for e in ours if e.page == "theme.html"], ours
    assert {e.message for e in errors if e.page == "theme.html"} == {m for m, _, _ in THEME_ERRORS}, errors


def test_a_missing_checker_fails_saying_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y openjdk-17-jre-headless"):
        checker()
    monkeypatch.undo()
    monkeypatch.setitem(globals(), "VNU", tmp_path / "vnu.jar")  # checker() reads it here
    with pytest.raises(pytest.fail.Exception, match="`make test` installs node_modules"):
        checker()
