// The practice page's worked pass, in exact decimals ([BigInt n, places p] stands for n / 10^p): every
// quantity of the step from the givens and the student's own answers. It mirrors byhand.practice_pass
// line by line (sigma is the same integer algorithm, so both give the same digits); a test holds it to
// byhand.core on every exercise. It runs in the page and under Node.
"use strict";

const ByHandPass = (() => {
  const P = 40, GUARD = 10, CAP = 200;
  const PARENTS = {
    z1: [], a1: ["z1"], z2: ["a1"], y_hat: ["z2"], loss: ["y_hat"], dyhat_dz2: ["y_hat"], dL_dz2: ["y_hat", "dyhat_dz2"],
    dL_dW2: ["dL_dz2", "a1"], dsigma_z1: ["a1"], dL_dz1: ["dL_dz2", "dsigma_z1"], dL_dW1: ["dL_dz1"],
    W1_new: ["dL_dW1"], W2_new: ["dL_dW2"], y_hat_new: ["W1_new", "W2_new"], loss_new: ["y_hat_new"],
  };
  const QUANTITIES = Object.keys(PARENTS);

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
  // Writing a decimal with k decimals, or k significant digits, halves away from zero
  // (byhand.practice_pass.decimals_of, significant).
  function decimalsOf(k) {
    return ([n, p]) => {
      if (p <= k) return [n * pow10(k - p), k];
      const m = n < 0n ? -n : n, unit = pow10(p - k), q = (m + unit / 2n) / unit;
      return make(n < 0n ? -q : q, k);
    };
  }
  function significant(k) {
    return (v) => {
      const digits = (v[0] < 0n ? -v[0] : v[0]).toString().length;
      return v[0] === 0n ? v : decimalsOf(v[1] - digits + k)(v);
    };
  }
  const CARRIED = [2, 3, 4];
  const ROUNDINGS = [...CARRIED.map(decimalsOf), ...CARRIED.map(significant)];
  // y_hat after the step: the second forward pass, its z1, a1 and z2 written with rnd when given
  // (byhand.practice_pass.second_pass).
  function secondPass(x, W1new, W2new, rnd = (v) => v) {
    const a1 = W1new.map((row) => rnd(sigma(rnd(dot(row, x)))));
    return sigma(rnd(dot(W2new[0], a1)));
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
      case "y_hat_new": return secondPass(x, v.W1_new, v.W2_new);
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

  const text = ([n, p]) => {  // an exact decimal as a plain string, for tests
    const s = (n < 0n ? -n : n).toString().padStart(p + 1, "0");
    const body = p ? `${s.slice(0, -p)}.${s.slice(-p)}` : s;
    return (n < 0n ? "-" : "") + body;
  };
  return { P, PARENTS, QUANTITIES, ROUNDINGS, pow10, dec, make, add, sub, mul, abs, cmp, sigma, secondPass, worked, text };
})();

if (typeof module !== "undefined") module.exports = ByHandPass;
