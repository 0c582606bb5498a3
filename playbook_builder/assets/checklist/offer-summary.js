/* The summary of one job offer (red flags, questions to ask, good signs: each question
 * appears once, so the whole record prints on one page) and the side-by-side table of
 * all offers.
 */
import { el, nextId, tableRegion } from "./dom.js";
import { renderWeigh } from "./offer-weigh.js";

export function flagged(cl, answers) {
  return cl.items.filter((item) => {
    const option = cl.chosen(answers, item);
    return option && option.concern;
  });
}

export function renderOffer(cl, answers) {
  const t = cl.t;
  const view = cl.view;
  view.heading.textContent = "";
  view.heading.appendChild(el("strong", { text: t("offer.heading") }));
  view.heading.appendChild(document.createTextNode(cl.offerName(cl.current)));
  const counts = {};
  cl.def.scale.forEach((option) => {
    counts[option.value] = 0;
  });
  const unanswered = [];
  const unsure = [];
  cl.items.forEach((item) => {
    const option = cl.chosen(answers, item);
    if (!option) unanswered.push(item);
    else {
      counts[option.value] += 1;
      if (option.points === null) unsure.push(item);
    }
  });
  const parts = cl.def.scale.map((option) => t("offer.count", { label: option.label, count: counts[option.value] }));
  parts.push(t("offer.notAnswered", { count: unanswered.length }));
  view.counts.textContent = parts.join(" \u00b7 ");
  renderFlags(cl, answers);
  renderAsks(cl, unsure, unanswered);
  renderGood(cl, answers);
  renderComparison(cl);
}

function renderFlags(cl, answers) {
  const t = cl.t;
  const view = cl.view.flags;
  const items = flagged(cl, answers);
  view.textContent = "";
  view.appendChild(el("h3", { text: t("offer.flagsTitle", { count: items.length }) }));
  if (!items.length) {
    view.appendChild(el("p", { text: t("offer.noFlags") }));
    return;
  }
  const list = items.map((item) =>
    el("li", null, [
      el("strong", { text: item.question }),
      el("span", {
        className: "pb-screen-only",
        text: t("offer.youAnswered", { label: cl.chosen(answers, item).label }),
      }),
      item.red_flag ? " " + item.red_flag : null,
    ])
  );
  view.appendChild(el("ul", { className: "pb-flag-list" }, list));
}

function renderAsks(cl, unsure, unanswered) {
  const t = cl.t;
  const view = cl.view.asks;
  view.textContent = "";
  view.appendChild(el("h3", { text: t("offer.asksTitle", { count: unsure.length + unanswered.length }) }));
  const askItem = (item) =>
    el("li", null, [
      el("strong", { className: "pb-ask-about", text: item.question }),
      item.ask ? t("offer.ask", { ask: item.ask }) : null,
    ]);
  if (unsure.length) {
    view.appendChild(el("p", { text: t("offer.unsure") }));
    view.appendChild(el("ul", { className: "pb-ask-list" }, unsure.map(askItem)));
  }
  if (unanswered.length) {
    view.appendChild(
      el("details", { className: "pb-unanswered" }, [
        el("summary", { text: t("offer.unanswered", { count: unanswered.length }) }),
        el("ul", { className: "pb-ask-list" }, unanswered.map(askItem)),
      ])
    );
  }
  if (!unsure.length && !unanswered.length) view.appendChild(el("p", { text: t("offer.allAnswered") }));
}

function renderGood(cl, answers) {
  const t = cl.t;
  const view = cl.view.good;
  const good = cl.items.filter((item) => {
    const option = cl.chosen(answers, item);
    return option && !option.concern && option.points !== null;
  });
  view.textContent = "";
  view.appendChild(el("h3", { text: t("offer.goodTitle", { count: good.length }) }));
  const text = (item) => t("offer.good", { question: item.question, label: cl.chosen(answers, item).label });
  view.appendChild(
    good.length
      ? el("ul", { className: "pb-good-list" }, good.map((item) => el("li", { text: text(item) })))
      : el("p", { text: t("offer.noGood") })
  );
}

function countRow(cl, label, test) {
  const row = el("tr", null, [el("th", { scope: "row", text: label })]);
  cl.sets.forEach((set) => {
    const count = cl.items.filter((item) => test(cl.chosen(set.answers, item))).length;
    row.appendChild(el("td", { text: String(count) }));
  });
  return row;
}

function summaryBody(cl) {
  const t = cl.t;
  const summary = el("tbody", { className: "pb-compare-summary" });
  summary.appendChild(countRow(cl, t("offers.redFlags"), (o) => Boolean(o && o.concern)));
  cl.def.scale.forEach((option) => {
    if (!option.concern) summary.appendChild(countRow(cl, option.label, (o) => o === option));
  });
  summary.appendChild(countRow(cl, t("offers.notAnswered"), (o) => !o));
  return summary;
}

function sectionBody(cl, section) {
  const t = cl.t;
  const tbody = el("tbody", null, [
    el("tr", { className: "pb-compare-section" }, [
      el("th", { scope: "colgroup", colspan: String(cl.sets.length + 1), text: section.title }),
    ]),
  ]);
  section.items.forEach((item) => {
    const row = el("tr", null, [el("th", { scope: "row", text: item.question })]);
    cl.sets.forEach((set) => {
      const option = cl.chosen(set.answers, item);
      const cell = el("td");
      if (!option) cell.appendChild(el("span", { className: "pb-hint", text: t("offers.notAnswered") }));
      else {
        cell.appendChild(document.createTextNode(option.label + " "));
        if (option.concern) cell.appendChild(el("span", { className: "pb-flag", text: t("offers.redFlag") }));
      }
      row.appendChild(cell);
    });
    tbody.appendChild(row);
  });
  return tbody;
}

function renderComparison(cl) {
  const t = cl.t;
  const view = cl.view.compare;
  view.textContent = "";
  const titleId = nextId("compare");
  view.appendChild(el("h3", { id: titleId, text: t("offers.compareTitle") }));
  if (cl.sets.length < 2) {
    view.appendChild(el("p", { className: "pb-hint", text: t("offers.compareHint", { limit: cl.def.limits.offers }) }));
  }
  renderWeigh(cl, view, (answers) => flagged(cl, answers));
  if (cl.sets.length < 2) return;
  const head = el("tr", null, [el("th", { scope: "col", text: t("offers.question") })]);
  cl.sets.forEach((set, index) => {
    const now = index === cl.current ? el("span", { className: "pb-hint", text: t("offers.answeringNow") }) : null;
    head.appendChild(el("th", { scope: "col" }, [cl.offerName(index), now]));
  });
  const tableTitle = nextId("every-answer");
  const table = el("table", { "aria-labelledby": tableTitle }, [el("thead", null, [head]), summaryBody(cl)]);
  cl.def.sections.forEach((section) => table.appendChild(sectionBody(cl, section)));
  // Every answer side by side: long, so behind a disclosure, and screen only.
  const every = el("details", { className: "pb-every-answer" }, [
    el("summary", { id: tableTitle, text: t("weigh.everyAnswer") }),
    tableRegion(table, { id: tableTitle }),
  ]);
  if (cl.everyOpen) every.open = true;
  every.addEventListener("toggle", () => {
    cl.everyOpen = every.open;
  });
  view.appendChild(every);
}
