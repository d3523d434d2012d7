// Runs the page's judge (docs/assets/practice-judge.js, or the copy named by argv[2], beside its practice-pass.js) under Node on the
// sheets given as JSON on stdin, {exercises: [...], sheets: [[exercise index, {quantity: text}], ...],
// passes: [[exercise index, {quantity: [value strings]}], ...]}, and prints the verdicts and the worked
// passes as JSON: the test harness of tests/test_practice_agreement.py.
"use strict";
const path = require("path");
const judge = require(path.resolve(process.argv[2]));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { exercises, sheets = [], passes = [] } = JSON.parse(input);
  const decimals = (v) => (Array.isArray(v) ? v.map(decimals) : judge.dec(v));
  const texts = (v) => (Array.isArray(v) && typeof v[0] !== "bigint" ? v.map(texts) : judge.text(v));
  const verdicts = sheets.map(([i, sheet]) => judge.judgeSheet(exercises[i], sheet));
  const worked = passes.map(([i, answers]) => {
    const given = Object.fromEntries(Object.entries(exercises[i].given).map(([k, v]) => [k, decimals(v)]));
    const values = judge.worked(given, Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, decimals(v)])));
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, texts(v)]));
  });
  process.stdout.write(JSON.stringify({ verdicts, worked }));
});
