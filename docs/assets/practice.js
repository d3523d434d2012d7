// The practice page: shows the answer boxes, loads an exercise's data when it is opened
// (assets/practice/N.json, computed when the site was built by byhand.practice), judges the sheet with
// ByHandJudge (practice-judge.js) after every check and writes each verdict, its word and its reason.
"use strict";

const ByHandPractice = (() => {
  const WORDS = { correct: "Correct.", rounding: "Rounding carried forward.", follows: "Follows.",
    coarse: "More digits, please.", wrong: "Not yet.", invalid: "Not read." };

  function start(root) {
    const words = JSON.parse(document.getElementById("byhand-practice-text").textContent);
    const forms = [...root.querySelectorAll("form[data-quantity]")];
    const count = Number(root.dataset.count);
    const stored = Number(localStorage.getItem("byhand-practice-exercise"));
    let current = Number.isInteger(stored) && stored >= 0 && stored < count ? stored : 0;
    let exercise = null, texts = {}, misses = {};
    let worked = null;  // the open exercise's worked solutions, once one is opened
    const name = (q) => words.names[q];
    const link = (q) => `<a href="#answer-${q}">${name(q)}</a>`;
    const either = (list) => list.map((s) => words.slips[s][0]).join(", or ");

    function clear(form) {
      const status = form.querySelector("[role=status]");
      status.textContent = "";
      status.className = "byhand-feedback";
      delete status.dataset.verdict;
    }

    // The feedback for one judged answer: a verdict word first, then why (as HTML: it links).
    function feedback(q, r, form) {
      const reason = {
        correct: () => (r.slips.length
          ? `to ${r.decimals} decimal${r.decimals === 1 ? "" : "s"}. ${r.tell
            ? `Give ${r.tell} to tell it from ${either(r.slips)}.` : `More decimals would tell it from ${either(r.slips)}.`}`
          : ""),
        rounding: () => "This is what rounded earlier numbers give: fine by hand; keep more digits to get the exact value.",
        follows: () => `The method is right: the difference comes from your ${r.blame.map(link).join(" and ")}, `
          + "which is off. Fix it there, then redo this from the fixed value.",
        coarse: () => "Give at least two significant digits of each number: with fewer, a slip can look like the right value.",
        invalid: () => escape(r.message),
        wrong: () => {
          if (r.slips.length === 1) return `${r.slips[0] === "sign" ? words.signs[q] : words.slips[r.slips[0]][1]} <a href="${form.dataset.section}">The section that explains it</a>.`;
          if (r.slips.length > 1) return `This could be ${either(r.slips)}; give more decimals to tell them apart.`;
          misses[q] = (misses[q] || 0) + 1;
          if (misses[q] === 1) return `Hint: ${words.hints[q]}`;
          form.querySelector("details").open = true;
          return "The worked solution is open below.";
        },
      }[r.verdict]();
      return r.verdict === "correct" && r.slips.length ? `<strong>Correct</strong> ${reason}`
        : `<strong>${WORDS[r.verdict]}</strong> ${reason}`;
    }
    const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

    function judge(checked) {
      const results = ByHandJudge.judgeSheet(exercise, texts);
      for (const form of forms) {
        const q = form.dataset.quantity, status = form.querySelector("[role=status]");
        if (!(q in results)) continue;
        const r = results[q];
        if (q !== checked && status.dataset.verdict === r.verdict && r.verdict !== "follows") continue;
        status.className = `byhand-feedback byhand-feedback--${r.verdict}`;
        status.dataset.verdict = r.verdict;
        status.innerHTML = feedback(q, r, form);
      }
      summary(results);
    }

    // Which quantities of this exercise are right (correct, or with rounding carried), which follow from
    // an earlier answer, and how many are still open (not checked yet, or not right).
    function summary(results) {
      const by = (...verdicts) => forms.map((f) => f.dataset.quantity).filter((q) => results[q] && verdicts.includes(results[q].verdict));
      const right = by("correct", "rounding"), follow = by("follows");
      const open = forms.length - right.length - follow.length;
      root.querySelector("[data-summary]").textContent = `Right: ${right.map(name).join(", ") || "none yet"}.`
        + (follow.length ? ` Following from an earlier answer: ${follow.map(name).join(", ")}.` : "")
        + ` Still open: ${open} of ${forms.length}.`;
    }

    function show() {
      root.querySelector("[data-exercise-name]").textContent = exercise.name;
      for (const el of root.querySelectorAll("[data-given]")) el.textContent = exercise.shown[el.dataset.given];
      for (const el of root.querySelectorAll("[data-worked]")) {
        el.replaceChildren(Object.assign(document.createElement("p"), { textContent: exercise.answers[el.dataset.worked] }));
      }
      worked = null;
      texts = {};
      misses = {};
      for (const form of forms) {
        form.reset();
        clear(form);
        form.querySelector("details").open = false;
      }
      summary({});
    }

    function open(index) {
      current = index;
      localStorage.setItem("byhand-practice-exercise", String(current));
      return fetch(`${root.dataset.exercises}${index + 1}.json`).then((r) => r.json()).then((data) => {
        exercise = data;
        show();
        root.dataset.loaded = String(index + 1);
      }).catch(() => {  // opened from a file, or offline: the page still reads, without the checking
        root.querySelector("[data-summary]").textContent = "The exercise could not be loaded, so answers cannot be "
          + "checked here: open the site from its web address (or `make serve`).";
      });
    }

    root.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!exercise) return;
      const form = event.target, q = form.dataset.quantity;
      texts[q] = form.querySelector("input").value;
      judge(q);
    });
    // A solution opened: the exercise's worked lines (typeset when the site was built) replace the answers.
    root.addEventListener("toggle", (event) => {
      if (!event.target.open || worked || !exercise) return;
      const index = current;
      worked = fetch(`${root.dataset.exercises}${index + 1}-worked.json`).then((r) => r.json()).then((lines) => {
        if (index !== current) return;
        for (const el of root.querySelectorAll("[data-worked]")) el.innerHTML = lines[el.dataset.worked];
        root.dataset.worked = String(index + 1);
      });
    }, true);
    root.addEventListener("input", (event) => {  // an edited answer is not judged until it is checked again
      const form = event.target.closest("form[data-quantity]");
      if (!form) return;
      clear(form);
      delete texts[form.dataset.quantity];
    });
    for (const el of root.querySelectorAll(".byhand-answer-row, .byhand-controls, [data-summary]")) el.hidden = false;
    root.querySelector("[data-new-exercise]").addEventListener("click", () => open((current + 1) % count));
    root.querySelector("[data-first-exercise]").addEventListener("click", () => open(0));
    root.querySelector("[data-start-over]").addEventListener("click", () => exercise && show());
    return open(current);
  }

  return { start };
})();

document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("byhand-practice");
  if (root) ByHandPractice.start(root);
});
