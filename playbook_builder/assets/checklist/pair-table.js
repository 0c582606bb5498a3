/* The comparison table and "Where to start a conversation", drawn from
 * compareWithCompanion's numbers exactly as they are.
 */
import { el, nextId, tableRegion } from "./dom.js";
import { number, signed } from "./format.js";

export function workersText(pair, row) {
  if (row.suppressed) return pair.t("pair.fewer", { count: pair.minimum });
  return number(row.workers);
}

export function gapText(t, row) {
  if (row.gap === null) return row.suppressed ? t("pair.notShown") : "\u2014";
  if (row.gap === 0) return t("pair.same");
  return t(row.gap > 0 ? "pair.higher" : "pair.lower", { gap: signed(row.gap) });
}

function cells(pair, row) {
  const t = pair.t;
  return [
    el("td", { text: String(row.items) }),
    el("td", { text: row.employer === null ? t("chart.notYet") : number(row.employer) }),
    el("td", { className: row.suppressed ? "pb-pair-suppressed" : null, text: workersText(pair, row) }),
    el("td", { text: String(row.responses) }),
    el("td", { text: gapText(t, row) }),
  ];
}

export function renderTable(pair, result) {
  const t = pair.t;
  const captionId = nextId("pair-caption");
  const body = result.sections.map((row) => el("tr", null, [el("th", { scope: "row", text: row.title })].concat(cells(pair, row))));
  const heads = ["pair.section", "pair.questions", "pair.yours", "pair.workers", "pair.responses", "pair.gap"];
  const overall = [el("th", { scope: "row", text: t("pair.overall") })].concat(cells(pair, result.overall));
  const table = el("table", { "aria-labelledby": captionId }, [
    el("caption", { id: captionId, text: t("pair.caption", { count: pair.outcome.accepted.length }) }),
    el("thead", null, [el("tr", null, heads.map((key) => el("th", { scope: "col", text: t(key) })))]),
    el("tbody", null, body),
    el("tfoot", null, [el("tr", null, overall)]),
  ]);
  pair.tableView.appendChild(tableRegion(table, { id: captionId, hint: t("table.scrollHint") }));
  pair.tableView.appendChild(el("p", { className: "pb-hint", text: t("pair.note") }));
}

/** The widest non-zero gaps, largest first (ties in page order), at most three. */
export function widestGaps(result) {
  return result.sections
    .map((row, index) => ({ row, index }))
    .filter((entry) => entry.row.gap !== null && entry.row.gap !== 0)
    .sort((a, b) => Math.abs(b.row.gap) - Math.abs(a.row.gap) || a.index - b.index)
    .slice(0, 3)
    .map((entry) => entry.row);
}

// Large gaps are where to start: the widest ones, in words.
export function renderTalk(pair, result) {
  const t = pair.t;
  const view = pair.talkView;
  const titleId = nextId("pair-talk");
  view.appendChild(el("h3", { id: titleId, text: t("pair.talkTitle") }));
  view.appendChild(el("p", { text: t("pair.talk") }));
  const widest = widestGaps(result);
  if (!widest.length) {
    view.appendChild(el("p", { className: "pb-hint", text: t("pair.noGaps") }));
    return;
  }
  view.appendChild(el("p", { className: "pb-plan-label", text: t("pair.widest") }));
  const items = widest.map((row) => {
    const numbers = { gap: number(Math.abs(row.gap)), workers: number(row.workers), employer: number(row.employer) };
    return el("li", null, [el("strong", { text: row.title }), t(row.gap < 0 ? "pair.gapLower" : "pair.gapHigher", numbers)]);
  });
  view.appendChild(el("ol", { "aria-labelledby": titleId }, items));
}
