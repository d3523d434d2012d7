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

  // |answer - value| <= units * 10^-d, d the answer's decimals; units is 1/2 or 1 (as twice it: 1 or 2).
  function within(answer, value, twiceUnits) {
    const [a, da] = decimal(answer), [v, dv] = decimal(value);
    const scale = Math.max(da, dv);
    const diff = a * 10n ** BigInt(scale - da) - v * 10n ** BigInt(scale - dv);
    const size = diff < 0n ? -diff : diff;
    return 2n * size <= twiceUnits * 10n ** BigInt(scale - da);
  }

  const flat = (v) => (Array.isArray(v) ? v.flat() : [v]);
  const negative = (s) => decimal(s)[0] < 0n;

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
    if (verdict !== "wrong") return [verdict, null];
    for (const [slip, value] of Object.entries(published.slips)) {
      const entries = flat(value);
      if (entries.length === answer.length && answer.every((a, n) => within(a, entries[n], 2n))) return [verdict, slip];
    }
    return [verdict, null];
  }

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
      if (verdict === "correct") status.textContent = "Correct.";
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
    const next = root.querySelector("[data-new-exercise]");
    next.hidden = false;  // without the script there is one exercise, the one shown
    next.addEventListener("click", () => {
      current = (current + 1) % data.exercises.length;
      localStorage.setItem("byhand-practice-exercise", String(current));
      show();
    });
    if (current !== 0) show();
  }

  return { judge, parse, BadInput, start };
})();

document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("byhand-practice");
  if (root) ByHandPractice.start(root);
});
