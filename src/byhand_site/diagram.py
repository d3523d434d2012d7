"""The network drawn as an inline SVG, every edge labelled with its weight.

Inputs sit in a column on the left, each labelled with its value; the sigmoid hidden units sit in a
middle column and the sigmoid output on the right, each marked with a sigma and named above. Every
input is joined to every hidden unit and every hidden unit to the output. Each edge carries its
weight's symbol and value, written along the edge on a patch of the page background, at the point of
the edge where it collides least with the other labels, the nodes and the other edges. Colours come
from the page (mkdocs-material CSS variables, falling back to ``currentColor`` and ``Canvas``), so the
drawing reads in both the light and the dark palette.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from byhand import validate
from byhand_site import render

FS, R, GAP = 15.0, 20.0, 130.0  # label font size, node radius, vertical node spacing (user units)
D1, D2, PAD = 2.0, 1.15, 2.0  # column gaps, in widths of the widest edge label; padding of a label
_SUB = str.maketrans("0123456789", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089")
_SUP = str.maketrans("0123456789()", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207d\u207e")
_NARROW = " .,:;()\u00b9\u00b2\u00b3" + "".join(map(chr, range(0x2070, 0x208A)))
STYLE = (
    ".byhand-net{color:var(--md-default-fg-color,currentColor);display:block;margin:0 auto;height:auto}"
    ".byhand-net text{fill:currentColor;font-size:15px;dominant-baseline:central}"
    ".byhand-net .halo{paint-order:stroke;stroke:var(--md-default-bg-color,Canvas);"
    "stroke-width:8px;stroke-linejoin:round}"
    ".byhand-net .edge{stroke:currentColor;stroke-opacity:.45;stroke-width:1.5px}"
    ".byhand-net circle{fill:var(--md-default-bg-color,Canvas);stroke:currentColor;stroke-width:2px}"
    ".byhand-net .unit{stroke:var(--md-primary-fg-color,currentColor)}"
    ".byhand-net .node{font-size:18px}.byhand-net .chip{fill:var(--md-default-bg-color,Canvas)}"
)


def _width(s: str) -> float:
    """Estimated advance of ``s`` at the label font size (generous, so collision discs over-cover)."""
    return FS * sum(0.4 if c in _NARROW else 0.66 for c in s)


def _discs(cx: np.ndarray | float, cy: np.ndarray | float, w: float, ux: float = 1.0, uy: float = 0.0
           ) -> np.ndarray:
    """Discs ``(..., k, 3)`` (x, y, radius) covering the patch behind texts of width ``w`` centred on
    (cx, cy) along (ux, uy): ``w + 2 * PAD`` long and ``FS * 1.2`` high."""
    k = np.linspace(-w / 2 - PAD, w / 2 + PAD, int(np.ceil((w + 2 * PAD) / (0.3 * FS))) + 1)
    cx, cy = np.asarray(cx, dtype=float)[..., None], np.asarray(cy, dtype=float)[..., None]
    return np.stack(np.broadcast_arrays(cx + k * ux, cy + k * uy, 0.68 * FS), axis=-1)


def _clash(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Total depth by which the discs ``a`` (..., k, 3) overlap the discs ``b`` (m, 3), per leading index."""
    reach = a[..., 2].max() + b[:, 2].max()  # discs of b farther than this from a's bounding box cannot touch
    lo, hi = a[..., :2].reshape(-1, 2).min(axis=0) - reach, a[..., :2].reshape(-1, 2).max(axis=0) + reach
    b = b[np.all((b[:, :2] >= lo) & (b[:, :2] <= hi), axis=1)]
    d = np.hypot(a[..., :, None, 0] - b[:, 0], a[..., :, None, 1] - b[:, 1])
    return np.maximum(a[..., :, None, 2] + b[:, 2] - d, 0.0).sum(axis=(-2, -1))


def _text(x: float, y: float, s: str, cls: str = "halo", anchor: str = "middle", angle: float = 0.0) -> str:
    turn = f' transform="rotate({angle:.2f} {x:.1f} {y:.1f})"' if angle else ""
    return f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{turn}>{escape(s)}</text>'


def network_svg(
    W1: np.ndarray, W2: np.ndarray, x: np.ndarray, label: Callable[[float], str] = render.text
) -> str:
    """Inline SVG (no XML declaration) of the network with its inputs and weights.

    Parameters
    ----------
    W1 : (h, n) ndarray
        Hidden weights; ``W1[j, i]`` is on the edge into hidden unit j+1 from input i+1.
    W2 : (1, h) ndarray
        Output weights; ``W2[0, j]`` is on the edge from hidden unit j+1 to the output.
    x : (n,) ndarray
        Input values, shown beside the input nodes.
    label : callable, optional
        Formats each value; [`byhand_site.render.text`][byhand_site.render.text] by default.

    Raises
    ------
    ValueError
        If the shapes do not match (see [`byhand.validate.network`][byhand.validate.network]).
    """
    validate.network(W1, W2, x)
    h, n = W1.shape
    if not h * n:
        raise ValueError(f"W1: expected at least one hidden unit and one input, got shape {W1.shape}")
    sub = lambda i: str(i + 1).translate(_SUB)  # noqa: E731
    texts = [f"x{sub(i)} = {label(float(v))}" for i, v in enumerate(x)]
    names = [f"a{'(1)'.translate(_SUP)}{sub(j)}" for j in range(h)] + ["\u0177"]
    edge_texts = [f"w{'(1)'.translate(_SUP)}{sub(j)},{sub(i)} = {label(float(W1[j, i]))}"
                  for j in range(h) for i in range(n)]
    edge_texts += [f"w{'(2)'.translate(_SUP)}{sub(0)},{sub(j)} = {label(float(W2[0, j]))}" for j in range(h)]
    wide = max(map(_width, edge_texts))
    column = lambda m: (np.arange(m) - (m - 1) / 2) * GAP * max(1.0, max(n, h) / 4) ** 0.5  # noqa: E731
    d1 = D1 * wide * max(1.0, n * h / 6) ** 0.5 + 2 * R
    inputs, hidden = [(0.0, y) for y in column(n)], [(d1, y) for y in column(h)]
    out = (d1 + D2 * wide + 2 * R, 0.0)
    fixed = [np.array([[a, b, R + 4]]) for a, b in [*inputs, *hidden, out]]
    fixed += [_discs(-R - 8 - _width(s) / 2, b, _width(s)) for (_, b), s in zip(inputs, texts)]
    fixed += [_discs(a, b - R - FS, _width(s)) for (a, b), s in zip([*hidden, out], names)]
    fixed = np.concatenate(fixed)
    ends = np.array([(p, q) for q in hidden for p in inputs] + [(q, out) for q in hidden])  # (edges, 2, 2)
    t = np.linspace(0, 1, 40)[:, None]
    lines = [np.hstack([p + t * (q - p), np.ones_like(t)]) for p, q in ends]
    spots, cands, base = [], [], []  # per edge: candidate centres along it, their discs, their fixed cost
    for e, ((p, q), s) in enumerate(zip(ends, edge_texts)):
        length, w = float(np.hypot(*(q - p))), _width(s)
        ts = np.linspace(lo := min((R + 6 + w / 2) / length, 0.5), 1 - lo, 41)  # clear of both end nodes
        spots.append(centres := p + ts[:, None] * (q - p))
        cands.append(discs := _discs(centres[:, 0], centres[:, 1], w, *((q - p) / length)))
        others = np.concatenate([line for k, line in enumerate(lines) if k != e])
        base.append(_clash(discs, fixed) + 0.1 * _clash(discs, others) + np.abs(ts - 0.5))
    chosen: dict[int, int] = {}
    for e in list(range(len(ends))) * 4:  # place greedily, then re-place each against all the others
        placed = [cands[k][c] for k, c in chosen.items() if k != e]
        chosen[e] = int(np.argmin(base[e] + (4 * _clash(cands[e], np.concatenate(placed)) if placed else 0.0)))
    body = [f'<line class="edge" x1="{a:.1f}" y1="{b:.1f}" x2="{c:.1f}" y2="{d:.1f}"/>' for (a, b), (c, d) in ends]
    for (a, b), s in zip(inputs, texts):
        body += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{R:g}"/>', _text(-R - 8, b, s, anchor="end")]
    for (a, b), s in zip([*hidden, out], names):
        body += [f'<circle class="unit" cx="{a:.1f}" cy="{b:.1f}" r="{R:g}"/>', _text(a, b, "\u03c3", "node")]
        body.append(_text(a, b - R - FS, s))
    for e, ((p, q), s) in enumerate(zip(ends, edge_texts)):
        (a, b), w = spots[e][chosen[e]], _width(s) + 2 * PAD
        angle = float(np.degrees(np.arctan2(q[1] - p[1], q[0] - p[0])))
        body.append(f'<rect class="chip" x="{a - w / 2:.1f}" y="{b - 0.6 * FS:.1f}" width="{w:.1f}"'
                    f' height="{1.2 * FS:g}" rx="3" transform="rotate({angle:.2f} {a:.1f} {b:.1f})"/>')
        body.append(_text(a, b, s, angle=angle))
    every = np.concatenate([fixed, *(cands[e][c] for e, c in chosen.items())])
    x_lo, y_lo = (every[:, :2] - every[:, 2:]).min(axis=0) - 2
    w, ht = (every[:, :2] + every[:, 2:]).max(axis=0) + 2 - (x_lo, y_lo)
    what = (f"Network diagram: {n} input{'s' * (n != 1)}, {h} sigmoid hidden unit{'s' * (h != 1)} and a"
            " sigmoid output, each edge labelled with its weight")
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="byhand-net"'
        f' viewBox="{x_lo:.1f} {y_lo:.1f} {w:.1f} {ht:.1f}" width="100%" style="max-width:{w:.0f}px"'
        f' role="img" aria-label={quoteattr(what)}>',
        f"<title>{escape(what)}</title>", f"<style>{STYLE}</style>", *body, "</svg>",
    ])
