// Renders TeX to HTML+MathML with KaTeX, one JSON request per line on stdin, one JSON answer per line on stdout.
// Run as `node katex_server.cjs <path of the katex npm package>`; without the path, `require` finds it.
// Request: {"tex": "...", "display": true}. Answer: {"html": "..."} or {"error": "..."}.
const katex = require(process.argv[2] || "katex");
const lines = require("readline").createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let answer;
  try {
    const html = katex.renderToString(tex, {
      displayMode: display, throwOnError: true, strict: "error", output: "htmlAndMathml", trust: false,
    });
    answer = { html };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
