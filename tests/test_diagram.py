"""The network diagram: valid, accessible SVG carrying every weight, once, on its own edge."""

import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter

import numpy as np
import pytest

from byhand_site import render
from byhand_site.diagram import network_svg
from conftest import random_network

NS = {"s": "http://www.w3.org/2000/svg"}
SUB = dict(zip("123456789", "\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"))


def symbol(layer: int, j: int, i: int) -> str:
    """w^{(layer)}_{j+1,i+1} as the diagram writes it, spelled out independently of the module."""
    sup = {1: "\u207d\u00b9\u207e", 2: "\u207d\u00b2\u207e"}[layer]
    return f"w{sup}{SUB[str(j + 1)]},{SUB[str(i + 1)]}"


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iterfind(".//s:text", NS)]


def expected_edge_labels(W1, W2, label=render.text) -> list[str]:
    h, n = W1.shape
    return [f"{symbol(1, j, i)} = {label(W1[j, i])}" for j in range(h) for i in range(n)] + [
        f"{symbol(2, 0, j)} = {label(W2[0, j])}" for j in range(h)
    ]


def test_parses_as_accessible_svg(post):
    svg = network_svg(post.W1, post.W2, post.x)
    assert svg.startswith("<svg") and "<?xml" not in svg
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find("s:title", NS).text.strip()
    assert root.get("width") == "100%" and len(root.get("viewBox").split()) == 4
    assert "max-width" in root.get("style")
    assert "var(--md-default-fg-color" in svg and "var(--md-default-bg-color" in svg
    assert " id=" not in svg  # inline twice on one page must not duplicate ids


@pytest.mark.parametrize(("h", "n"), [(2, 3), (1, 1), (3, 2), (4, 5), (5, 5)])
def test_every_node_and_edge_and_weight_once(h, n):
    W1, W2, x, _ = random_network(h * 10 + n, h, n)
    svg = network_svg(W1, W2, x)
    root = ET.fromstring(svg)
    assert len(root.findall(".//s:line", NS)) == h * n + h
    assert len(root.findall(".//s:circle", NS)) == n + h + 1
    shown = Counter(texts(svg))
    for s in expected_edge_labels(W1, W2):
        assert shown[s] == 1, s
    symbols = [symbol(1, j, i) for j in range(h) for i in range(n)] + [symbol(2, 0, j) for j in range(h)]
    for s in symbols:
        assert sum(t.startswith(s + " ") for t in shown.elements()) == 1, s
    for i, v in enumerate(x):
        assert shown[f"x{SUB[str(i + 1)]} = {render.text(v)}"] == 1
    for j in range(h):
        assert shown[f"a\u207d\u00b9\u207e{SUB[str(j + 1)]}"] == 1
    assert shown["\u0177"] == 1 and shown["\u03c3"] == h + 1


def test_worked_example_labels(post):
    shown = texts(network_svg(post.W1, post.W2, post.x))
    for s in ["x\u2081 = 0", "x\u2082 = 1", "x\u2083 = 2", "w\u207d\u00b9\u207e\u2082,\u2083 = 0.1",
              "w\u207d\u00b9\u207e\u2081,\u2082 = 0.5", "w\u207d\u00b2\u207e\u2081,\u2082 = 0.2"]:
        assert s in shown
    for v in [*post.W1.ravel(), *post.W2.ravel()]:
        assert any(t.endswith(" = " + render.text(v)) for t in shown), v


@pytest.mark.parametrize(("layer", "j", "i"), [(1, 0, 0), (1, 1, 2), (1, 0, 1), (2, 0, 1)])
def test_changing_one_weight_changes_exactly_its_label(post, layer, j, i):
    W1, W2 = post.W1.copy(), post.W2.copy()
    (W1 if layer == 1 else W2)[j, i] = -0.1653
    before = Counter(texts(network_svg(post.W1, post.W2, post.x)))
    after = Counter(texts(network_svg(W1, W2, post.x)))
    old = (post.W1 if layer == 1 else post.W2)[j, i]
    assert before - after == Counter([f"{symbol(layer, j, i)} = {render.text(old)}"])
    assert after - before == Counter([f"{symbol(layer, j, i)} = \u22120.1653"])


def test_custom_label_is_used_and_escaped(post):
    svg = network_svg(post.W1, post.W2, post.x, label=lambda v: f"<{v:.2f}&>")
    assert f"{symbol(1, 1, 2)} = <0.10&>" in texts(svg)  # parsed back, so escaped in the source
    assert "&lt;0.10&amp;&gt;" in svg


@pytest.mark.parametrize(
    ("shape", "name"),
    [({"W2": np.ones((1, 3))}, "W2"), ({"x": np.ones(2)}, "x"), ({"W1": np.ones(3)}, "W1"),
     ({"W2": np.ones((2, 2))}, "W2"), ({"W1": np.ones((0, 3)), "W2": np.ones((1, 0))}, "W1")],
)
def test_wrong_shape_raises(post, shape, name):
    args = {"W1": post.W1, "W2": post.W2, "x": post.x} | shape
    with pytest.raises(ValueError, match=rf"^{name}: expected"):
        network_svg(**args)


def test_deterministic(post):
    first = network_svg(post.W1, post.W2, post.x)
    assert network_svg(post.W1.copy(), post.W2.copy(), post.x.copy()) == first
    assert network_svg(post.W1, post.W2 * 2, post.x) != first


def _chip(rect: ET.Element) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A label's background patch: its corners, its (x, y, w, h) before rotation, and that rotation."""
    x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
    angle, cx, cy = map(float, re.fullmatch(r"rotate\((\S+) (\S+) (\S+)\)", rect.get("transform")).groups())
    c, s = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    turn = np.array([[c, s], [-s, c]])  # row vectors: v @ turn rotates v by angle (SVG's y points down)
    box = np.array([(x, y), (x + w, y), (x + w, y + h), (x, y + h)]) - (cx, cy)
    return box @ turn + (cx, cy), np.array([x, y, w, h]), (turn, np.array([cx, cy]))


def _apart(p: np.ndarray, q: np.ndarray) -> bool:
    """Separating-axis test for two convex polygons."""
    for poly in (p, q):
        for a, b in zip(poly, np.roll(poly, -1, axis=0)):
            axis = np.array([a[1] - b[1], b[0] - a[0]])
            if (p @ axis).max() < (q @ axis).min() or (q @ axis).max() < (p @ axis).min():
                return True
    return False


def _clear_of_circle(chip, centre: np.ndarray, r: float) -> bool:
    _, (x, y, w, h), (turn, pivot) = chip
    local = (centre - pivot) @ turn.T + pivot  # the circle's centre in the patch's unrotated frame
    nearest = np.clip(local, (x, y), (x + w, y + h))
    return bool(np.hypot(*(local - nearest)) > r)


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_edge_labels_clear_each_other_and_the_nodes(post, seed):
    W1, W2, x = (post.W1, post.W2, post.x) if seed is None else random_network(seed)[:3]
    root = ET.fromstring(network_svg(W1, W2, x))
    chips = [_chip(r) for r in root.iterfind(".//s:rect", NS)]
    assert len(chips) == W1.size + W2.size
    for p, q in itertools.combinations(chips, 2):
        assert _apart(p[0], q[0])
    for circle in root.iterfind(".//s:circle", NS):
        centre, r = np.array([float(circle.get("cx")), float(circle.get("cy"))]), float(circle.get("r"))
        for chip in chips:
            assert _clear_of_circle(chip, centre, r)
