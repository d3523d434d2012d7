// The practice page's judge: the rule that judges a sheet of answers against the exact values, the
// student's own earlier answers (through the worked pass, practice-pass.js), rounding carried forward
// and the named slips. It mirrors byhand.practice_input and byhand.practice_judge line by line, in exact
// decimals; generated sheets hold the two languages to each other. It runs in the page and under Node.
"use strict";

const ByHandJudge = (() => {
  const pass = typeof ByHandPass !== "undefined" ? ByHandPass : require("./practice-pass.js");
  const { PARENTS, QUANTITIES, ROUNDINGS, pow10, dec, make, add, sub, mul, abs, cmp, secondPass, worked } = pass;
  const MAX_EXPONENT = 50, MAX_TELL = 20;
  class BadInput extends Error {}

  // ---- reading an answer (byhand.practice_judge.parse) ----
  const NUMBER = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
  function numbers(rows) {
    const out = rows.map((row) => row.trim().split(/\s*,\s*|\s+/).filter((p) => p));
    return out.every((row) => row.every((p) => NUMBER.test(p))) ? out : null;
  }
  function fitsShape(rows, shape) {
    const sizes = rows.map((r) => r.length);
    const same = (list) => sizes.length === list.length && sizes.every((s, i) => s === list[i]);
    if (shape.length === 2 && shape[0] > 1) return same(Array(shape[0]).fill(shape[1]));
    const n = shape.length ? shape[shape.length - 1] : 1;
    return same([n]) || (n > 1 && same(Array(n).fill(1)));
  }
  function expected(shape) {
    if (!shape.length) return "one number";
    if (shape.length === 2 && shape[0] > 1) return `${shape[0]} rows of ${shape[1]} numbers, rows separated by ; (like 1, 2, 3; 4, 5, 6)`;
    return `${shape[shape.length - 1]} numbers, separated by a comma and a space (like 0.25, 0.5)`;
  }
  // Why a matrix typed with rows and columns swapped is refused when it is not the transpose of an
  // accepted value (byhand.practice_input.not_transposed).
  const notTransposed = (shape) => `Expected ${expected(shape)}; got ${shape[1]} rows of ${shape[0]}.`;
  function parse(text, shape) {
    let t = text.trim().replaceAll("\u2212", "-").replaceAll("\u2013", "-").replaceAll("\u00a0", " ");
    if (!t) throw new BadInput("The answer is empty: type a number.");
    if (t.includes("/")) throw new BadInput("Fractions are not read: type the fraction's decimal value (1/4 as 0.25).");
    t = t.replace(/\]\s*[,;]?\s*\[/g, ";");
    while (t.length > 1 && "[(".includes(t[0]) && "])".includes(t[t.length - 1])) t = t.slice(1, -1).trim();
    if (/[[\]()]/.test(t)) throw new BadInput("Brackets are read only around the whole answer and its rows: type rows separated by ;.");
    const rows = t.split(";");
    const readings = [numbers(rows)];
    if (!t.includes(".") && /[0-9],[0-9]/.test(t)) readings.push(numbers(rows.map((r) => r.replace(/(?<=[0-9]),(?=[0-9])/g, "."))));
    const fitting = readings.filter((r) => r !== null && fitsShape(r, shape));
    const transposed = readings.filter((r) => r !== null && shape.length === 2 && shape[0] > 1 && fitsShape(r, [...shape].reverse()));
    if (readings.length > 1 && fitting.length !== 1) {
      throw new BadInput("A comma between digits reads two ways here: type decimals with a point (0.7503), or "
        + "with a comma and separate the numbers with a comma and a space (0,7503, 0,7109).");
    }
    if (!fitting.length && !transposed.length) {
      const bad = t.split(/[\s,;]+/).find((p) => p && !NUMBER.test(p));
      if (bad !== undefined) throw new BadInput(`'${bad}' is not a number: type digits, a sign and a decimal point, like -0.22.`);
      const sizes = readings[0].map((r) => r.length), total = sizes.reduce((a, b) => a + b, 0);
      const got = `${total} number${total !== 1 ? "s" : ""}` + (sizes.length > 1 ? ` in rows of ${sizes.join(", ")}` : "");
      throw new BadInput(`Expected ${expected(shape)}; got ${got}.`);
    }
    const [rowsRead, flipped] = fitting.length ? [fitting[0], false] : [transposed[0], true];
    const entries = rowsRead.flat();
    if (entries.some((p) => /[1-9]/.test(p.split(/[eE]/)[0]) && Math.abs(adjusted(p)) > MAX_EXPONENT)) {
      throw new BadInput(`A number beyond 10^±${MAX_EXPONENT} is out of range here.`);
    }
    return [entries, flipped];
  }
  function adjusted(text) {  // the power of ten of the first significant digit (Decimal.adjusted), from the text
    const m = /^[-+]?([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/.exec(text);
    const whole = m[1].replace(/^0+/, ""), frac = m[2] || "", exponent = Number(m[3] || 0);
    return whole ? whole.length - 1 + exponent : -(frac.length - frac.replace(/^0+/, "").length) - 1 + exponent;
  }

  // ---- the rule (byhand.practice_judge.judge) ----
  const places = (text) => {
    const m = /^[-+]?[0-9]*(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/.exec(text);
    return Math.max(0, (m[1] || "").length - Number(m[2] || 0));
  };
  // |a - v| <= units/2 of a unit of a's last digit, plus 1e-12 max(|v|, 1) (a pasted double); a is [value, places].
  function fitsValue(a, d, v, units = 1) {
    const big = cmp(abs(v), [1n, 0]) > 0 ? abs(v) : [1n, 0];
    return cmp(abs(sub(a, v)), add([BigInt(5 * units), d + 1], mul([1n, 12], big))) <= 0;
  }
  const fits = (text, v, units = 1) => fitsValue(dec(text), places(text), v, units);
  function coarse(text, v) {
    const a = dec(text);
    return cmp(a, v) !== 0 && v[0] !== 0n && cmp(abs(v), make(1n, places(text) - 1)) < 0;
  }
  function round([n, p], d, up) {  // v to d places, half away from zero (up) or toward zero
    if (p <= d) return [n * pow10(d - p), d];
    const m = n < 0n ? -n : n, unit = pow10(p - d);
    const q = up ? (m + unit / 2n) / unit : m / unit;
    return [n < 0n ? -q : q, d];
  }
  const isDecimal = (v) => Array.isArray(v) && typeof v[0] === "bigint";
  const flat = (v) => (isDecimal(v) ? [v] : Array.isArray(v) ? v.flatMap(flat) : [dec(v)]);
  const equal = (x, y) => x.length === y.length && x.every((e, i) => cmp(e, y[i]) === 0);

  function tell(exact, other, d) {
    for (let k = d + 1; k <= MAX_TELL; k += 1) {
      if (other === null && exact.some((e) => cmp(round(e, k, true), round(e, k, false)) !== 0)) return k;
      if (other !== null && !exact.every((e, i) => fitsValue(round(e, k, true), k, other[i]))) return k;
    }
    return null;
  }
  function cut(a, exact) {
    const cuts = a.map((x, i) => round(exact[i], places(x), false));
    return a.some((x, i) => !fits(x, exact[i])) && a.every((x, i) => fits(x, exact[i]) || cmp(dec(x), cuts[i]) === 0);
  }
  function judge(a, q, follow, blame, also = []) {
    const exact = flat(q.exact);
    const slips = Object.entries(q.slips).map(([s, v]) => [s, flat(v)]).filter(([, v]) => v.length === a.length && !equal(v, exact));
    const fitting = slips.filter(([, v]) => a.every((x, i) => fits(x, v[i]))).map(([s]) => s);
    const near = slips.filter(([, v]) => a.every((x, i) => fits(x, v[i], 2) && !coarse(x, v[i]))).map(([s]) => s);
    const d = Math.max(...a.map(places));
    const isCoarse = a.some((x, i) => coarse(x, exact[i]));
    if (a.every((x, i) => fits(x, exact[i]))) {
      if (isCoarse) return { verdict: "coarse", slips: [] };
      const tells = fitting.map((s) => tell(exact, Object.fromEntries(slips)[s], d));
      return { verdict: "correct", slips: fitting, decimals: d, tell: !tells.length || tells.includes(null) ? null : Math.max(...tells) };
    }
    for (const f of [follow, ...also]) {
      if (!equal(f, exact) && a.every((x, i) => fits(x, f[i]) || fits(x, exact[i]))) {
        return { verdict: blame.length ? "follows" : "rounding", blame };
      }
    }
    const chains = q.carried.map(flat);
    if (a.every((x, i) => fits(x, exact[i]) || fits(x, follow[i]) || chains.some((c) => fits(x, c[i])))) {
      return { verdict: "rounding", blame: [] };
    }
    if (!isCoarse && cut(a, exact)) near.push("truncated");
    if (near.length) return { verdict: "wrong", slips: near };
    return { verdict: isCoarse ? "coarse" : "wrong", slips: [] };
  }

  const shapeOf = (v) => (Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : []);
  function nest(entries, shape) {
    if (!shape.length) return entries[0];
    if (shape.length === 1) return entries;
    return Array.from({ length: shape[0] }, (_, r) => entries.slice(r * shape[1], (r + 1) * shape[1]));
  }
  const decimals = (v) => (Array.isArray(v) ? v.map(decimals) : dec(v));

  // Slips made at the quantity itself; any other is made earlier and carried (byhand.practice_judge.LOCAL).
  const LOCAL = ["sign", "decimal", "decimal-down", "truncated", "transposed"];
  // The verdict on every typed answer of one exercise (byhand.practice_judge.judge_sheet).
  function judgeSheet(exercise, texts) {
    const given = Object.fromEntries(Object.entries(exercise.given).map(([k, v]) => [k, decimals(v)]));
    const out = {}, answers = {};
    for (const name of QUANTITIES) {
      if (!(name in texts)) continue;
      const shape = shapeOf(exercise.quantities[name].exact);
      let entries, flipped;
      try {
        [entries, flipped] = parse(texts[name], shape);
      } catch (error) {
        if (!(error instanceof BadInput)) throw error;
        out[name] = { verdict: "invalid", message: error.message };
        continue;
      }
      if (flipped) entries = Array.from({ length: entries.length }, (_, i) => entries[(i % shape[1]) * shape[0] + Math.floor(i / shape[1])]);
      out[name] = { entries, flipped };
      answers[name] = nest(entries.map(dec), shape);
    }
    let follow = worked(given, answers);
    const blame = {};
    for (const name of QUANTITIES.filter((n) => out[n] && out[n].flipped)) {  // the transpose of an accepted value, or not read
      const q = exercise.quantities[name], back = judge(out[name].entries, q, flat(follow[name]), []).verdict;
      if (["correct", "rounding", "follows"].includes(back)) out[name] = { verdict: "wrong", slips: ["transposed"] };
      else {
        out[name] = { verdict: "invalid", message: notTransposed(shapeOf(q.exact)) };
        delete answers[name];
        follow = worked(given, answers);
      }
    }
    const W1new = answers.W1_new || follow.W1_new, W2new = answers.W2_new || follow.W2_new;  // the second pass, rounded as a hand does
    const also = { y_hat_new: ROUNDINGS.map((r) => [secondPass(given.x, W1new, W2new, r)]) };
    const ruled = {};  // the carried slips the student's own judged answers rule out
    for (const name of QUANTITIES) {
      const before = QUANTITIES.filter((b) => PARENTS[name].some((p) => (blame[p] || []).includes(b)));
      blame[name] = before;
      ruled[name] = new Set(PARENTS[name].flatMap((p) => [...ruled[p], ...(out[p] && out[p].verdict && out[p].verdict !== "invalid"
        ? Object.keys(exercise.quantities[p].slips).filter((s) => !LOCAL.includes(s) && !(out[p].slips || []).includes(s)) : [])]));
      if (!(name in out) || !("entries" in out[name])) {
        if (name in out && out[name].verdict === "wrong") blame[name] = [name];  // transposed
        continue;
      }
      out[name] = judge(out[name].entries, exercise.quantities[name], flat(follow[name]), before, also[name]);
      if (out[name].verdict === "wrong") out[name].slips = out[name].slips.filter((s) => !ruled[name].has(s));
      const verdict = out[name].verdict;
      blame[name] = verdict === "wrong" ? [name] : verdict === "follows" ? before : [];
    }
    return out;
  }


  return { QUANTITIES, BadInput, parse, judgeSheet, worked, dec, text: pass.text };
})();

if (typeof module !== "undefined") module.exports = ByHandJudge;
