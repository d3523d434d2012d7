// Renders TeX to HTML+MathML with KaTeX, one JSON request per line on stdin, one JSON answer per line on stdout.
// Run as `node katex_server.cjs <path of the katex npm package>`; without the path, `require` finds it.
// Request: a list of formulas, [{"tex": "...", "display": true}, ...] (a page's, typeset while the build
// goes on). Answer: a list in the same order, each {"html": "..."} or {"error": "..."}.
const katex = require(process.argv[2] || "katex");
const lines = require("readline").createInterface({ input: process.stdin });

function render({ tex, display }) {
  try {
    return { html: katex.renderToString(tex, {
      displayMode: display, throwOnError: true, strict: "error", output: "htmlAndMathml", trust: false,
    }) };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

lines.on("line", (line) => {
  process.stdout.write(JSON.stringify(JSON.parse(line).map(render)) + "\n");
});
