// The practice page's checker. It computes nothing about the network: every value it compares with was
// computed when the site was built (byhand.practice) and is published in the page as JSON. Its rule is the
// rule of byhand.practice.judge, entry by entry, in exact decimal arithmetic; a browser test compares the two.
"use strict";

const ByHandPractice = (() => {
  class BadInput extends Error {}

  // A decimal string as an exact [integer, decimals] pair: "-0.25" -> [-25n, 2], "1e-3" -> [1n, 3].
  function decimal(text) {
    const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text);
    if (!m || (m[2] === "" && (m[3] === undefined || m[3] === ""))) return null;
    const digits = (m[2] || "") + (m[3] || "");
    let places = (m[3] || "").length - Number(m[4] || 0);
    let value = BigInt(digits || "0");
    if (places < 0) { value *= 10n ** BigInt(-places); places = 0; }
    return [m[1] === "-" ? -value : value, places];
  }

  function number(part) {
    const d = decimal(part);
    if (d === null) throw new BadInput(`'${part}' is not a number: type digits, a sign and a decimal point, like -0.22.`);
    return part;
  }

  // The typed answer as rows of number strings (as byhand.practice.parse).
  function parse(text) {
    text = text.trim().replaceAll("\u2212", "-").replaceAll("\u2013", "-");
    if (!text) throw new BadInput("The answer is empty: type a number.");
    return text.split(";").map((row) => {
      row = row.trim().replace(/^[\[(]+|[\])]+$/g, "").trim();
      if (/^[-+]?\d*,\d+$/.test(row)) row = row.replace(",", ".");
      return row.split(/[,\s]+/).filter((p) => p).map(number);
    });
  }

  // How far value is from answer, in units of the answer's last digit, exactly: [size, places] stands
  // for size / 10^places units.
  function units(answer, value) {
    const [a, da] = decimal(answer), [v, dv] = decimal(value);
    const scale = Math.max(da, dv);
    const diff = a * 10n ** BigInt(scale - da) - v * 10n ** BigInt(scale - dv);
    return [diff < 0n ? -diff : diff, scale - da];
  }

  // Whether value is within twiceUnits / 2 units of the answer's last digit (1n: half a unit; 2n: one).
  function within(answer, value, twiceUnits) {
    const [size, places] = units(answer, value);
    return 2n * size <= twiceUnits * 10n ** BigInt(places);
  }

  const same = (x, y) => within(x, y, 0n);  // exactly equal

  // Too few digits to stand for target: not target exactly, and |target| < 10^(1 - d).
  function coarse(answer, target) {
    const [, da] = decimal(answer), [t, dt] = decimal(target);
    if (t === 0n || same(answer, target)) return false;
    const size = t < 0n ? -t : t;
    return size * 10n ** BigInt(da) < 10n ** BigInt(dt + 1);
  }

  const flat = (v) => (Array.isArray(v) ? v.flat() : [v]);
  const negative = (s) => decimal(s)[0] < 0n;
  const zero = (s) => decimal(s)[0] === 0n;
  const abs = (s) => s.replace(/^[-+]/, "");

  function judge(text, published) {
    const answer = parse(text).flat();
    const exact = flat(published.exact);
    if (answer.length !== exact.length) {
      throw new BadInput(`Expected ${exact.length} number${exact.length > 1 ? "s" : ""}, got ${answer.length}.`);
    }
    const verdicts = answer.map((a, n) => {
      if (within(a, exact[n], 1n)) return "correct";
      if (negative(a) === negative(exact[n]) && published.carried.some((c) => within(a, flat(c)[n], 1n))) return "rounding";
      return "wrong";
    });
    const verdict = verdicts.includes("wrong") ? "wrong" : verdicts.includes("rounding") ? "rounding" : "correct";
    const isCoarse = answer.some((a, n) => coarse(a, exact[n]));
    const slips = Object.entries(published.slips).map(([s, v]) => [s, flat(v)]).filter(([, v]) => v.length === answer.length);
    if (verdict !== "wrong") {
      if (isCoarse) return ["coarse", null];
      for (const [slip, value] of slips) {
        if (!value.every((s, n) => s === exact[n]) && answer.every((a, n) => within(a, value[n], 1n))) return ["coarse", slip];
      }
      return [verdict, null];
    }
    const cut = answer.map((a, n) => !zero(a) && negative(a) === negative(exact[n]) && greater(decimal(abs(exact[n])), decimal(abs(a)))
      && belowOne(units(a, exact[n])));
    if (!isCoarse && cut.every((c, n) => c || verdicts[n] !== "wrong")) return [verdict, "truncated"];
    let best = null;
    slips.forEach(([slip, value], order) => {
      if (answer.some((a, n) => coarse(a, value[n]))) return;
      if (!answer.every((a, n) => within(a, value[n], 2n))) return;
      const far = answer.map((a, n) => units(a, value[n]));
      const worst = far.reduce((m, d) => (greater(d, m) ? d : m));
      if (best === null || greater(best[0], worst)) best = [worst, order, slip];
    });
    if (best) return [verdict, best[2]];
    return [isCoarse ? "coarse" : verdict, null];
  }

  // Whether x > y, for [integer, places] pairs (a decimal() or a units() result): integer / 10^places.
  function greater([x, px], [y, py]) {
    const s = Math.max(px, py);
    return x * 10n ** BigInt(s - px) > y * 10n ** BigInt(s - py);
  }

  const belowOne = ([size, places]) => size < 10n ** BigInt(places);

  function start(root) {
    const data = JSON.parse(document.getElementById("byhand-practice-data").textContent);
    const stored = Number(localStorage.getItem("byhand-practice-exercise"));
    let current = Number.isInteger(stored) && stored >= 0 && stored < data.exercises.length ? stored : 0;
    const misses = {};

    function show() {
      const ex = data.exercises[current];
      root.querySelector("[data-exercise-name]").textContent = ex.name;
      for (const el of root.querySelectorAll("[data-given]")) el.textContent = ex.shown.given[el.dataset.given];
      for (const el of root.querySelectorAll("[data-solution]")) el.textContent = ex.shown.quantities[el.dataset.solution];
      for (const form of root.querySelectorAll("form[data-quantity]")) {
        form.reset();
        form.querySelector("[role=status]").textContent = "";
        form.querySelector("details").open = false;
        misses[form.dataset.quantity] = 0;
      }
    }

    function check(form) {
      const q = form.dataset.quantity, status = form.querySelector("[role=status]");
      const inputs = [...form.querySelectorAll("input[data-quantity]")];
      const text = inputs.length > 1 ? inputs.map((i) => i.value.trim() || "?").join(", ") : inputs[0].value;
      const published = data.exercises[current].quantities[q];
      status.className = "byhand-feedback";
      let verdict, slip;
      try {
        [verdict, slip] = judge(text, published);
      } catch (error) {
        if (!(error instanceof BadInput)) throw error;
        status.textContent = error.message;
        status.classList.add("byhand-feedback--input");
        return;
      }
      status.classList.add(`byhand-feedback--${verdict}`);
      const link = form.dataset.section;
      if (verdict === "coarse") {
        status.textContent = slip
          ? `Give more decimals: at this precision your answer is also what this slip gives. ${data.slips[slip]}`
          : "Give more decimals: with so few digits a slip could look like the right value (two significant digits at least).";
      } else if (verdict === "correct") status.textContent = "Correct.";
      else if (verdict === "rounding") status.textContent = "Rounding carried forward: this is what rounding earlier numbers gives. Fine by hand; keep more digits to get the exact value.";
      else if (slip) status.innerHTML = `Not yet. ${data.slips[slip]} <a href="${link}">The section that explains it</a>.`;
      else {
        misses[q] = (misses[q] || 0) + 1;
        if (misses[q] === 1) status.textContent = `Not yet. Hint: ${data.hints[q]}`;
        else {
          status.textContent = "Not yet. The worked solution is open below.";
          form.querySelector("details").open = true;
        }
      }
    }

    root.addEventListener("submit", (event) => {
      event.preventDefault();
      check(event.target);
    });
    const go = (index) => {
      current = index;
      localStorage.setItem("byhand-practice-exercise", String(current));
      show();
    };
    const next = root.querySelector("[data-new-exercise]"), first = root.querySelector("[data-first-exercise]");
    next.hidden = first.hidden = false;  // without the script there is one exercise, the one shown
    next.addEventListener("click", () => go((current + 1) % data.exercises.length));
    first.addEventListener("click", () => go(0));
    if (current !== 0) show();
  }

  return { judge, parse, BadInput, start };
})();

document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("byhand-practice");
  if (root) ByHandPractice.start(root);
});
