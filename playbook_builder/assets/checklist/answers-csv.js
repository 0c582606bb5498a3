/* The rows of "Download CSV": one row per question with the answer (and, on a scored
 * checklist, its points and weight) or, on the offer checklist, one column per offer;
 * then, on the offer checklist, one row per offer detail (the numbers under "Name, pay,
 * hours and more": pay and its period, hours, commute, health cover and its period,
 * start date). Pure: no DOM; files.js turns the rows into the file (format.js).
 */
import { OFFER_KIND } from "./answers.js";
import { number } from "./format.js";
import { HEALTH_LABELS, PAY_LABELS } from "./offer-figures.js";

/** An offer's details in the order of the form: [field, label key, labels of its values]. */
export const DETAIL_ROWS = [
  ["pay_amount", "details.pay", null],
  ["pay_period", "details.payPeriod", PAY_LABELS],
  ["hours_expected", "details.hoursExpected", null],
  ["hours_guaranteed", "details.hoursGuaranteed", null],
  ["commute_minutes", "details.commuteMinutes", null],
  ["commute_cost_week", "details.commuteCost", null],
  ["health_cost", "details.healthCost", null],
  ["health_period", "details.healthPeriod", HEALTH_LABELS],
  ["start_date", "details.startDate", null],
];

function own(object, key) {
  return Boolean(object) && Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * A detail as a cell: a number as it was entered (a spreadsheet can sum it), a period in
 * the page's words, a date as YYYY-MM-DD, "" when not given.
 */
export function detailCell(t, details, key, labels) {
  if (!own(details, key) || details[key] === null || details[key] === undefined) return "";
  const value = details[key];
  if (labels) return own(labels, value) ? t(labels[value]) : "";
  return typeof value === "number" ? value : String(value);
}

/** One row per offer detail: section, field name (as in the answers file), label, offers. */
export function detailRows(t, sets) {
  const section = t("csv.details");
  return DETAIL_ROWS.map(([key, label, labels]) =>
    [section, key, t(label)].concat(sets.map((set) => detailCell(t, set.details, key, labels)))
  );
}

/** The chosen option of the scale for an item, or null (as the form's `chosen`). */
function chosenOption(def, answers, item) {
  if (!own(answers, item.id)) return null;
  return def.scale.find((option) => option.value === answers[item.id]) || null;
}

/**
 * Every row of the CSV, the header first.
 * `sets` are the answer sets ({answers, details}); `names` the offers' names, in order;
 * `current` the set a scored checklist shows.
 */
export function csvRows(t, def, sets, names, current) {
  const isOffer = def.kind === OFFER_KIND;
  const head = [t("csv.section"), t("csv.item"), t("csv.question")];
  const rows = [isOffer ? head.concat(names) : head.concat([t("csv.answer"), t("csv.points"), t("csv.weight")])];
  def.sections.forEach((section) => {
    section.items.forEach((item) => {
      const row = [section.title, item.id, item.question];
      if (isOffer) {
        sets.forEach((set) => {
          const option = chosenOption(def, set.answers, item);
          row.push(option ? option.label : "");
        });
      } else {
        const option = chosenOption(def, sets[current].answers, item);
        row.push(option ? option.label : "");
        row.push(option && option.points !== null ? number(option.points) : "");
        row.push(number(item.weight));
      }
      rows.push(row);
    });
  });
  return isOffer ? rows.concat(detailRows(t, sets)) : rows;
}
