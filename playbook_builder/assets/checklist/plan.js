/* The action plan: the lowest-scoring sections (up to limits.plan), each with its
 * lowest answers and the practices in this guide that help; for a small employer,
 * good first steps first.
 */
import { el, nextId } from "./dom.js";
import { number } from "./format.js";
import { persist } from "./storage.js";

export function buildPlan(cl) {
  const t = cl.t;
  const titleId = nextId("plan-title");
  const plan = el("section", { className: "pb-plan", "aria-labelledby": titleId });
  plan.appendChild(el("h3", { id: titleId, text: t("plan.title") }));
  plan.appendChild(el("p", { className: "pb-hint", text: t("plan.hint", { limit: cl.def.limits.plan }) }));
  if (cl.def.kind === "self-assessment" || cl.def.kind === "worker-pulse") {
    cl.smallBox = el("input", { type: "checkbox", className: "pb-small" });
    cl.smallBox.addEventListener("change", () => {
      cl.small = cl.smallBox.checked;
      persist(cl);
      cl.render(false);
      cl.say(t(cl.small ? "plan.smallOn" : "plan.smallOff"));
    });
    plan.appendChild(el("label", { className: "pb-small-label" }, [cl.smallBox, t("plan.small")]));
  }
  cl.view.plan = el("div", { className: "pb-plan-body" });
  plan.appendChild(cl.view.plan);
  return plan;
}

/** Sections below 100, lowest first (ties in page order), at most `limit`. */
export function weakestSections(def, result) {
  return def.sections
    .map((section, index) => ({ section, index, value: result.sections[section.key] }))
    .filter((entry) => entry.value !== null && entry.value < 100)
    .sort((a, b) => a.value - b.value || a.index - b.index)
    .slice(0, def.limits.plan);
}

export function renderPlan(cl, answers, result) {
  const view = cl.view.plan;
  view.textContent = "";
  const ranked = weakestSections(cl.def, result);
  if (!ranked.length) {
    const anyScored = cl.def.sections.some((section) => result.sections[section.key] !== null);
    view.appendChild(el("p", { text: cl.t(anyScored ? "plan.allFull" : "plan.empty") }));
    return;
  }
  const list = el("ol", { className: "pb-plan-list" });
  ranked.forEach((entry) => list.appendChild(planStep(cl, answers, entry)));
  view.appendChild(list);
}

// Scored answers below the top of the scale, lowest first, heavier first on ties.
function weakItems(cl, answers, section) {
  const top = Number(cl.def.max_points);
  return section.items
    .filter((item) => {
      const option = cl.chosen(answers, item);
      return option && option.points !== null && option.points < top;
    })
    .sort((a, b) => cl.chosen(answers, a).points - cl.chosen(answers, b).points || b.weight - a.weight);
}

// Practices for the weak items first, then the section's other items, then the cluster's.
function helpfulPractices(section, weak, small) {
  let practices = [];
  const seen = new Set();
  const addAll = (list) => {
    list.forEach((practice) => {
      if (!seen.has(practice.id) && practice.href) {
        seen.add(practice.id);
        practices.push(practice);
      }
    });
  };
  weak.forEach((item) => addAll(item.practices));
  section.items.forEach((item) => addAll(item.practices));
  addAll(section.practices || []);
  if (small) {
    practices = practices
      .map((practice, index) => ({ practice, index, first: practice.first_step && practice.small ? 0 : 1 }))
      .sort((a, b) => a.first - b.first || a.index - b.index)
      .map((wrapped) => wrapped.practice);
  }
  return practices;
}

function practiceItem(t, practice) {
  const notes = [];
  if (practice.first_step && practice.small) notes.push(t("plan.firstStep"));
  if (practice.effort) notes.push(t("plan.effort", { effort: practice.effort }));
  return el("li", null, [
    // The full address, printed after the link on paper (see playbook.css).
    el("a", { href: practice.href, text: practice.title, "data-pb-address": new URL(practice.href, location.href).href }),
    notes.length ? t("plan.notes", { notes: notes.join("; ") }) : null,
  ]);
}

function planStep(cl, answers, entry) {
  const t = cl.t;
  const section = entry.section;
  const weak = weakItems(cl, answers, section);
  const practices = helpfulPractices(section, weak, cl.small);
  const li = el("li", { className: "pb-plan-step" });
  li.appendChild(
    el("p", { className: "pb-plan-title" }, [
      el("strong", { text: section.title }),
      t("plan.score", { score: number(entry.value) }),
    ])
  );
  const since = cl.earlier ? cl.earlier.changeFor(section.key) : null;
  if (since && since.change !== null) {
    const key = since.change > 0 ? "plan.improved" : since.change < 0 ? "plan.fell" : "plan.unchanged";
    const values = { change: number(Math.abs(since.change)), date: cl.earlier.when(), earlier: number(since.earlier) };
    li.appendChild(el("p", { className: "pb-plan-since pb-plan-" + key.slice(5), text: t(key, values) }));
  }
  if (weak.length) {
    li.appendChild(el("p", { className: "pb-plan-label", text: t("plan.lowest") }));
    const lowest = weak.slice(0, 3).map((item) =>
      el("li", null, [
        item.question + " ",
        el("span", { className: "pb-answer-tag", text: t("plan.answer", { label: cl.chosen(answers, item).label }) }),
      ])
    );
    li.appendChild(el("ul", null, lowest));
  }
  if (practices.length) {
    li.appendChild(el("p", { className: "pb-plan-label", text: t("plan.practices") }));
    const items = practices.slice(0, 5).map((practice) => practiceItem(t, practice));
    li.appendChild(el("ul", { className: "pb-plan-practices" }, items));
  } else {
    li.appendChild(el("p", { className: "pb-hint", text: t("plan.noPractices") }));
  }
  return li;
}
