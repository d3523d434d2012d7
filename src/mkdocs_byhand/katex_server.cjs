// Renders TeX to HTML+MathML with KaTeX, one JSON request per line on stdin, one JSON answer per line on stdout.
// Run as `node katex_server.cjs <path of the katex npm package>`; without the path, `require` finds it.
// Request: a list of formulas, [{"tex": "...", "display": true}, ...] (a page's, typeset while the build
// goes on). Answer: a list in the same order, each {"html": "..."} or {"error": "..."}. A formula asked with
// "plain": true gets KaTeX's own markup, without lean vlists: the tests compare the two.
const katex = require(process.argv[2] || "katex");
const lines = require("readline").createInterface({ input: process.stdin });

const OPTIONS = { throwOnError: true, strict: "error", output: "htmlAndMathml", trust: false };

// KaTeX stacks the parts of a fraction, a sub- or superscript, an accent in a "vlist": a table of one
// cell (and a second row for the depth below the baseline), whose bottom edge sets the baseline. A page
// lays out a table for each, and its scaffolding (row, cell, a strut cell, the depth row) is 3 to 6 of
// every vlist's elements. The lean vlist keeps KaTeX's items as they are and drops the table: an
// inline-block padded down by the vlist's height, as tall as its depth below, lowered by its depth, so its
// bottom edge (its baseline: its items have layout containment, so they lend it none) sits where the
// table's did. mkdocs_byhand/katex_lean.css gives it that box; tests/test_browser.py checks that every glyph of
// every formula on the site lands where KaTeX's own markup puts it.
function lean(node) {
  for (const child of node.children || []) lean(child);
  if (!node.classes || !node.classes.includes("vlist-t")) return node;
  const [top, depth, ...rest] = node.children;
  const cell = top && top.children[0];
  const strut = top && top.children[1];
  const below = depth && depth.children[0];
  const is = (n, cls) => n && n.classes && n.classes.length === 1 && n.classes[0] === cls;
  if (rest.length || !is(top, "vlist-r") || !is(cell, "vlist") || (depth ? !is(depth, "vlist-r") || !is(below, "vlist") || !is(strut, "vlist-s")
                                                                    : top.children.length !== 1)) {
    throw new Error("a KaTeX vlist not built as mkdocs_byhand/katex_server.cjs expects: update lean() for this KaTeX");
  }
  const height = depth ? below.style.height : "0em";
  node.classes = ["vlist-t", "vlist-lean"];
  node.style = { paddingTop: cell.style.height, height, verticalAlign: height === "0em" ? "0em" : "-" + height };
  node.children = cell.children;
  return node;
}

function render({ tex, display, plain }) {
  try {
    const options = { ...OPTIONS, displayMode: display };
    return { html: plain ? katex.renderToString(tex, options) : lean(katex.__renderToDomTree(tex, options)).toMarkup() };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

lines.on("line", (line) => {
  process.stdout.write(JSON.stringify(JSON.parse(line).map(render)) + "\n");
});
