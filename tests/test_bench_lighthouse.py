"""The Chromium flags `make bench` gives Lighthouse: chrome-launcher's own list of disabled features passed
again without RenderDocument, and nothing else changed (tests/bench_lighthouse.py says why)."""

from __future__ import annotations

import re

import pytest

import bench_lighthouse as bench

LAUNCHER_FLAGS = bench.ROOT / "node_modules" / "chrome-launcher" / "dist" / "flags.js"


@pytest.fixture
def render_document(monkeypatch):
    """Sets LIGHTHOUSE_RENDER_DOCUMENT as the bench reads it, and forgets the flags computed before."""
    def set_to(value: str) -> str:
        monkeypatch.setattr(bench, "RENDER_DOCUMENT", value)
        bench.chromium_flags.cache_clear()
        return bench.chromium_flags()
    yield set_to
    bench.chromium_flags.cache_clear()


def launcher_disabled_features() -> list[str]:
    """The features chrome-launcher disables, read from its source text (not through node, as the bench does)."""
    [features] = re.findall(r"'--disable-features=' \+\s*\[(.*?)\]\.join\(','\)", LAUNCHER_FLAGS.read_text(), re.S)
    return re.findall(r"'(\w+)'", re.sub(r"//.*", "", features))


def test_the_bench_keeps_the_launchers_disabled_features_but_render_document(render_document):
    features = launcher_disabled_features()
    assert "RenderDocument" in features and len(features) > 1, features
    flags = render_document("on").split()
    [disabled] = [f for f in flags if f.startswith("--disable-features=")]
    assert disabled.removeprefix("--disable-features=").split(",") == [f for f in features if f != "RenderDocument"]
    assert "--headless=new" in flags and "--disable-gpu" in flags


def test_off_leaves_the_launchers_list_alone_and_a_bad_setting_is_named(render_document):
    assert "--disable-features" not in render_document("off")
    with pytest.raises(SystemExit, match=r"LIGHTHOUSE_RENDER_DOCUMENT is 'yes'; expected 'on' or 'off'"):
        render_document("yes")
