/* A compact list of the answers, shown only when printing (scored checklists; an offer
 * prints its summary instead). The print styles are in playbook.css.
 */
import { el } from "./dom.js";
import { today } from "./format.js";

export function renderPrintAnswers(cl, answers) {
  const t = cl.t;
  const view = cl.view.print;
  view.textContent = "";
  view.appendChild(el("h3", { text: t("print.title") }));
  const table = el("table");
  cl.def.sections.forEach((section) => {
    const tbody = el("tbody", null, [
      el("tr", { className: "pb-print-section" }, [el("th", { colspan: "2", scope: "colgroup", text: section.title })]),
    ]);
    section.items.forEach((item) => {
      const option = cl.chosen(answers, item);
      const cell = el("td", { className: "pb-print-answer", text: option ? option.label : t("print.notAnswered") });
      tbody.appendChild(el("tr", null, [el("td", { text: item.question }), cell]));
    });
    table.appendChild(tbody);
  });
  view.appendChild(table);
  view.appendChild(el("p", { className: "pb-hint", text: t("print.footer", { date: today() }) }));
}
