/* The results area: the overall score, the bar chart (with each score in words), the
 * method table, and the questions answered "Not sure". Offer checklists get their
 * summary instead (offer-summary.js); the action plan is plan.js.
 */
import { el, nextId } from "./dom.js";
import { number, today } from "./format.js";
import { buildPlan, renderPlan } from "./plan.js";

export function buildResults(cl) {
  const body = cl.results.querySelector(".pb-results-body");
  body.textContent = "";
  const view = {};
  cl.view = view;
  if (cl.isOffer) {
    view.heading = el("p", { className: "pb-offer-heading" });
    view.counts = el("p", { className: "pb-counts" });
    view.flags = el("div", { className: "pb-flags" });
    view.asks = el("div", { className: "pb-asks" });
    view.good = el("div", { className: "pb-good" });
    view.compare = el("div", { className: "pb-compare-wrap" });
    body.appendChild(view.heading);
    body.appendChild(view.counts);
    body.appendChild(el("div", { className: "pb-offer-lists" }, [view.flags, view.asks, view.good]));
    body.appendChild(view.compare);
    return;
  }
  // A worker's anonymous survey names no workplace.
  if (cl.def.kind !== "worker-pulse") body.appendChild(buildWorkplace(cl, view));
  view.overall = el("div", { className: "pb-overall" });
  view.chart = el("div", { className: "pb-chart-wrap" });
  view.method = el("div", { className: "pb-method" });
  body.appendChild(view.overall);
  body.appendChild(view.chart);
  body.appendChild(view.method);
  body.appendChild(buildPlan(cl));
  view.unsure = el("div", { className: "pb-unsure" });
  body.appendChild(view.unsure);
  // Printed with the results (offers print their three lists instead).
  view.print = el("div", { className: "pb-print-only pb-print-answers" });
  body.appendChild(view.print);
}

// An optional workplace name, printed at the top of the results with the date and the
// page's address. It is not saved with the answers: it is for the printout only.
function buildWorkplace(cl, view) {
  const t = cl.t;
  const id = nextId("workplace");
  const input = el("input", { type: "text", id, className: "pb-workplace-name", autocomplete: "organization", maxlength: "120" });
  const hintId = id + "-hint";
  input.setAttribute("aria-describedby", hintId);
  view.printMeta = el("p", { className: "pb-print-only pb-print-meta" });
  const update = () => {
    const name = input.value.trim();
    view.printMeta.textContent = "";
    if (name) view.printMeta.appendChild(el("strong", { text: t("print.workplace", { name }) }));
    view.printMeta.appendChild(document.createTextNode(t("print.meta", { date: today(), address: location.href.split("#")[0] })));
  };
  input.addEventListener("input", update);
  update();
  return el("div", { className: "pb-workplace" }, [
    el("label", { for: id, className: "pb-small-label", text: t("workplace.label") }),
    input,
    el("p", { className: "pb-hint", id: hintId, text: t("workplace.hint") }),
    view.printMeta,
  ]);
}

export function renderScores(cl, answers, result) {
  renderOverall(cl, result);
  renderChart(cl, result);
  renderMethod(cl, result);
  renderPlan(cl, answers, result);
  renderUnsure(cl, answers);
}

function renderOverall(cl, result) {
  const t = cl.t;
  const view = cl.view.overall;
  const total = cl.items.length;
  view.textContent = "";
  const headline =
    result.overall === null ? t("results.notScored") : t("results.overall", { score: number(result.overall) });
  view.appendChild(el("p", { className: "pb-overall-score" }, [el("strong", { text: headline })]));
  const counts = { answered: result.answered, total, unscored: result.unscored };
  view.appendChild(el("p", { text: t(result.unscored ? "results.answeredUnsure" : "results.answered", counts) }));
}

// The bars are drawing only; each row says its score in words too.
function renderChart(cl, result) {
  const t = cl.t;
  const captionId = nextId("chart");
  const rows = el("ul", { className: "pb-chart-rows" });
  cl.def.sections.forEach((section) => {
    const value = result.sections[section.key];
    const fill = el("span", { className: "pb-chart-fill" });
    fill.style.width = (value === null ? 0 : value) + "%";
    rows.appendChild(
      el("li", { className: "pb-chart-row" + (value === null ? " pb-chart-empty" : "") }, [
        el("span", { className: "pb-chart-label", text: section.title }),
        el("span", { className: "pb-chart-bar", "aria-hidden": "true" }, [fill]),
        el("span", {
          className: "pb-chart-value",
          text: value === null ? t("chart.notYet") : t("chart.value", { score: number(value) }),
        }),
      ])
    );
  });
  cl.view.chart.textContent = "";
  cl.view.chart.appendChild(
    el("figure", { className: "pb-chart", "aria-labelledby": captionId }, [
      el("figcaption", { id: captionId, text: t("chart.caption") }),
      rows,
    ])
  );
}

const METHOD_HEADS = ["method.section", "method.answered", "method.unsure", "method.points", "method.score"];

// Each cell carries its column's heading, shown beside it where the table becomes one
// card per section on a phone (table.pb-cards in playbook.css).
function methodRow(cl, cells) {
  const t = cl.t;
  const of = (part, whole) => t("method.of", { part: number(part), whole: number(whole) });
  const shownScore = cells.score === null ? t("method.none") : number(cells.score);
  const values = [t("method.of", { part: cells.answered, whole: cells.items }), String(cells.unscored), of(cells.earned, cells.possible), shownScore];
  return el("tr", null, [el("th", { scope: "row", text: cells.title })].concat(
    values.map((text, index) => el("td", { "data-label": t(METHOD_HEADS[index + 1]), text }))
  ));
}

// The method, in numbers.
function renderMethod(cl, result) {
  const t = cl.t;
  const tbody = el("tbody");
  let earned = 0;
  let possible = 0;
  cl.def.sections.forEach((section) => {
    const d = result.details[section.key];
    earned += d.earned;
    possible += d.possible;
    tbody.appendChild(methodRow(cl, { ...d, title: section.title, score: result.sections[section.key] }));
  });
  const overall = { title: t("method.overall"), answered: result.answered, items: cl.items.length };
  Object.assign(overall, { unscored: result.unscored, earned, possible, score: result.overall });
  const table = el("table", { className: "pb-cards" }, [
    el("caption", { text: t("method.caption") }),
    el("thead", null, [el("tr", null, METHOD_HEADS.map((key) => el("th", { scope: "col", text: t(key) })))]),
    tbody,
    el("tfoot", null, [methodRow(cl, overall)]),
  ]);
  cl.view.method.textContent = "";
  cl.view.method.appendChild(table);
}

function renderUnsure(cl, answers) {
  const view = cl.view.unsure;
  view.textContent = "";
  const unsure = cl.items.filter((item) => {
    const option = cl.chosen(answers, item);
    return option && option.points === null;
  });
  if (!unsure.length) return;
  view.appendChild(el("h3", { text: cl.t("unsure.title", { count: unsure.length }) }));
  view.appendChild(el("ul", null, unsure.map((item) => el("li", { text: item.question }))));
}
