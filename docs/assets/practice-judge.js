// The practice page's judge: the worked pass from the student's own numbers and the rule that judges a
// sheet of answers. It mirrors byhand.practice_pass and byhand.practice_judge line by line, in exact
// decimals ([BigInt n, places p] stands for n / 10^p); tests hold the two to each other on generated
// sheets and this pass to byhand.core on every exercise. It runs in the page and under Node.
"use strict";

const ByHandJudge = (() => {
  const P = 40, GUARD = 10, CAP = 200, MAX_EXPONENT = 50, MAX_TELL = 20;
  const PARENTS = {
    z1: [], a1: ["z1"], z2: ["a1"], y_hat: ["z2"], loss: ["y_hat"], dyhat_dz2: ["y_hat"], dL_dz2: ["y_hat", "dyhat_dz2"],
    dL_dW2: ["dL_dz2", "a1"], dsigma_z1: ["a1"], dL_dz1: ["dL_dz2", "dsigma_z1"], dL_dW1: ["dL_dz1"],
    W1_new: ["dL_dW1"], W2_new: ["dL_dW2"], y_hat_new: ["W1_new", "W2_new"], loss_new: ["y_hat_new"],
  };
  const QUANTITIES = Object.keys(PARENTS);
  class BadInput extends Error {}

  // ---- exact decimals ----
  const pow10 = (k) => 10n ** BigInt(k);
  const make = (n, p) => (p < 0 ? [n * pow10(-p), 0] : [n, p]);
  function dec(text) {  // "-0.25" -> [-25n, 2]; "1988e-4" -> [1988n, 4]
    const m = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/.exec(text);
    const n = BigInt((m[2] || "") + (m[3] || "") || "0");
    return make(m[1] === "-" ? -n : n, (m[3] || "").length - Number(m[4] || 0));
  }
  const align = ([a, p], [b, q]) => { const s = Math.max(p, q); return [a * pow10(s - p), b * pow10(s - q), s]; };
  const add = (x, y) => { const [a, b, s] = align(x, y); return [a + b, s]; };
  const sub = (x, y) => { const [a, b, s] = align(x, y); return [a - b, s]; };
  const mul = ([a, p], [b, q]) => [a * b, p + q];
  const neg = ([a, p]) => [-a, p];
  const abs = ([a, p]) => [a < 0n ? -a : a, p];
  const cmp = (x, y) => { const [a, b] = align(x, y); return a < b ? -1 : a > b ? 1 : 0; };
  const ONE = [1n, 0], TWO = [2n, 0];
  const sum = (xs) => xs.reduce(add, [0n, 0]);
  const dot = (w, v) => sum(w.map((u, i) => mul(u, v[i])));

  // ---- the worked pass (byhand.practice_pass) ----
  function expNeg([n, p]) {  // e^-t for 0 <= t <= CAP, as an integer of P + GUARD places
    const S = pow10(P + GUARD);
    let x = p <= P + GUARD ? n * pow10(P + GUARD - p) : n / pow10(p - P - GUARD);
    let k = 0;
    while (x > S / 2n) { x /= 2n; k += 1; }
    let total = S, term = S;
    for (let i = 1n; term; i += 1n) {
      term = (term * x) / (S * i);
      total = i % 2n ? total - term : total + term;
    }
    for (let j = 0; j < k; j += 1) total = (total * total) / S;
    return total;
  }
  function sigma(z) {
    if (z[0] < 0n) return sub(ONE, sigma(neg(z)));
    if (cmp(z, [BigInt(CAP), 0]) > 0) return ONE;
    const S = pow10(P + GUARD);
    const wide = (S * S) / (S + expNeg(z));
    return [(wide + 5n * pow10(GUARD - 1)) / pow10(GUARD), P];
  }
  function formula(g, v, q) {
    const { x, y, W1, W2, eta } = g;
    switch (q) {
      case "z1": return W1.map((row) => dot(row, x));
      case "a1": return v.z1.map(sigma);
      case "y_hat": return sigma(v.z2);
      case "z2": return dot(W2[0], v.a1);
      case "loss": case "loss_new": { const d = sub(y, v[q === "loss" ? "y_hat" : "y_hat_new"]); return mul(d, d); }
      case "dyhat_dz2": return mul(v.y_hat, sub(ONE, v.y_hat));
      case "dL_dz2": return mul(mul(TWO, sub(v.y_hat, y)), v.dyhat_dz2);
      case "dL_dW2": return [v.a1.map((a) => mul(v.dL_dz2, a))];
      case "dsigma_z1": return v.a1.map((a) => mul(a, sub(ONE, a)));
      case "dL_dz1": return W2[0].map((w, j) => mul(mul(w, v.dL_dz2), v.dsigma_z1[j]));
      case "dL_dW1": return v.dL_dz1.map((d) => x.map((xi) => mul(d, xi)));
      case "W1_new": case "W2_new": {
        const [W, grad] = q === "W1_new" ? [W1, v.dL_dW1] : [W2, v.dL_dW2];
        return W.map((row, r) => row.map((w, c) => sub(w, mul(eta, grad[r][c]))));
      }
      case "y_hat_new": return sigma(dot(v.W2_new[0], v.W1_new.map((row) => sigma(dot(row, x)))));
      default: throw new Error(`no quantity ${q}`);
    }
  }
  // For each quantity, what its formula gives from the values before it: the student's answer where
  // answers has one, else what this pass computed (byhand.practice_pass.worked).
  function worked(given, answers = {}) {
    const computed = {}, chosen = {};
    for (const q of QUANTITIES) {
      computed[q] = formula(given, chosen, q);
      chosen[q] = q in answers ? answers[q] : computed[q];
    }
    return computed;
  }

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
  // |a - v| <= units/2 of a unit of a's last digit, plus 1e-15 |v|; a is [value, places].
  function fitsValue(a, d, v, units = 1) {
    return cmp(abs(sub(a, v)), add([BigInt(5 * units), d + 1], mul([1n, 15], abs(v)))) <= 0;
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
  function judge(a, q, follow, blame) {
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
    if (!equal(follow, exact) && a.every((x, i) => fits(x, follow[i]) || fits(x, exact[i]))) {
      return { verdict: blame.length ? "follows" : "rounding", blame };
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
    const follow = worked(given, answers), blame = {};
    for (const name of QUANTITIES) {
      const before = QUANTITIES.filter((b) => PARENTS[name].some((p) => (blame[p] || []).includes(b)));
      blame[name] = before;
      if (!(name in out) || !("entries" in out[name])) continue;
      const { entries, flipped } = out[name], q = exercise.quantities[name];
      const result = judge(entries, q, flat(follow[name]), before);
      out[name] = !flipped ? result : ["correct", "rounding", "follows"].includes(result.verdict)
        ? { verdict: "wrong", slips: ["transposed"] } : { verdict: "wrong", slips: [] };
      const verdict = out[name].verdict;
      blame[name] = verdict === "wrong" ? [name] : verdict === "follows" ? before : [];
    }
    return out;
  }

  const text = ([n, p]) => {  // an exact decimal as a plain string, for tests
    const s = (n < 0n ? -n : n).toString().padStart(p + 1, "0");
    const body = p ? `${s.slice(0, -p)}.${s.slice(-p)}` : s;
    return (n < 0n ? "-" : "") + body;
  };
  return { QUANTITIES, PARENTS, BadInput, parse, worked, judgeSheet, sigma, dec, text };
})();

if (typeof module !== "undefined") module.exports = ByHandJudge;
