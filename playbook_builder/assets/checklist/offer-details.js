/* "The numbers" of the offer being answered: pay (amount and period), expected and
 * guaranteed hours a week, commute (minutes one way, cost a week), the worker's cost of
 * health cover per pay period, start date. All optional; kept with the offer's answers
 * (set.details, saved in the answers file, format 2). The figures derived from them are
 * offer-figures.js; the comparison shows them (offer-summary.js).
 */
import { el, nextId } from "./dom.js";
import { renderStateFloors } from "./states.js";
import { HEALTH_LABELS, PAY_LABELS, parseNumber, validDetail } from "./offer-figures.js";
import { persist } from "./storage.js";

function field(labelText, control, error) {
  const id = nextId("detail");
  control.id = id;
  return el("div", { className: "pb-detail" }, [el("label", { for: id, text: labelText }), control, error]);
}

function numberInput(cl, key) {
  const limit = cl.def.limits.details[key];
  const errorId = nextId("detail-error");
  const input = el("input", {
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    className: "pb-detail-number",
    "data-pb-detail": key,
    "aria-describedby": errorId,
  });
  const error = el("span", { className: "pb-detail-error", id: errorId });
  input.addEventListener("input", () => {
    const value = parseNumber(input.value);
    const details = cl.sets[cl.current].details;
    const ok = value === null || validDetail(key, value, cl.def.limits);
    input.setAttribute("aria-invalid", String(!ok));
    error.textContent = ok ? "" : cl.t("details.invalid", { limit });
    if (value === null) delete details[key];
    else if (ok) details[key] = value;
    else return;
    saved(cl);
  });
  return { input, error };
}

function choice(cl, key, labels) {
  const select = el(
    "select",
    { "data-pb-detail": key, className: "pb-detail-select" },
    [el("option", { value: "", text: "\u2014" })].concat(
      Object.keys(labels).map((value) => el("option", { value, text: cl.t(labels[value]) }))
    )
  );
  select.addEventListener("change", () => {
    const details = cl.sets[cl.current].details;
    if (select.value && validDetail(key, select.value, cl.def.limits)) details[key] = select.value;
    else delete details[key];
    saved(cl);
  });
  return select;
}

function saved(cl) {
  persist(cl);
  cl.render(false);
  // The pay beside the legal minimum follows the pay typed here.
  renderStateFloors(cl);
}

/* The details box; its fields are built when it is first opened (a date field and the
 * selects cost enough to slow the page's start on a phone, and most readers never open
 * it). */
export function buildOfferDetails(cl) {
  const t = cl.t;
  cl.detailInputs = null;
  cl.detailGrid = el("div", { className: "pb-detail-grid" });
  cl.detailsSummary = el("summary", { text: t("details.title", { name: cl.offerName(cl.current) }) });
  cl.detailsBox = el("details", { className: "pb-offer-numbers" }, [
    cl.detailsSummary,
    el("p", { className: "pb-hint", text: t("details.hint") }),
    cl.detailGrid,
  ]);
  cl.detailsBox.addEventListener("toggle", () => {
    if (cl.detailsBox.open && !cl.detailInputs) {
      buildFields(cl);
      fillFields(cl);
    }
  });
  return cl.detailsBox;
}

function buildFields(cl) {
  const t = cl.t;
  const inputs = {};
  const number = (key, label) => {
    const made = numberInput(cl, key);
    inputs[key] = made.input;
    return field(t(label), made.input, made.error);
  };
  const pick = (key, label, labels) => {
    inputs[key] = choice(cl, key, labels);
    return field(t(label), inputs[key], null);
  };
  const start = el("input", { type: "date", "data-pb-detail": "start_date", className: "pb-detail-date" });
  const startError = el("span", { className: "pb-detail-error" });
  start.addEventListener("change", () => {
    const details = cl.sets[cl.current].details;
    const ok = !start.value || validDetail("start_date", start.value, cl.def.limits);
    startError.textContent = ok ? "" : t("details.invalidDate");
    if (!start.value) delete details.start_date;
    else if (ok) details.start_date = start.value;
    saved(cl);
  });
  inputs.start_date = start;
  [
    number("pay_amount", "details.pay"),
    pick("pay_period", "details.payPeriod", PAY_LABELS),
    number("hours_expected", "details.hoursExpected"),
    number("hours_guaranteed", "details.hoursGuaranteed"),
    number("commute_minutes", "details.commuteMinutes"),
    number("commute_cost_week", "details.commuteCost"),
    number("health_cost", "details.healthCost"),
    pick("health_period", "details.healthPeriod", HEALTH_LABELS),
    field(t("details.startDate"), start, startError),
  ].forEach((node) => cl.detailGrid.appendChild(node));
  cl.detailInputs = inputs;
}

function fillFields(cl) {
  const details = cl.sets[cl.current].details;
  Object.keys(cl.detailInputs).forEach((key) => {
    const input = cl.detailInputs[key];
    const value = Object.prototype.hasOwnProperty.call(details, key) ? details[key] : "";
    input.value = String(value);
    input.removeAttribute("aria-invalid");
    const error = input.parentNode.querySelector(".pb-detail-error");
    if (error) error.textContent = "";
  });
}

/** The current offer's details into the fields (on load, restore and switching offers). */
export function fillOfferDetails(cl) {
  const details = cl.sets[cl.current].details;
  cl.detailsSummary.textContent = cl.t("details.title", { name: cl.offerName(cl.current) });
  if (Object.keys(details).length && !cl.detailInputs) buildFields(cl);
  if (cl.detailInputs) fillFields(cl);
  if (Object.keys(details).length) cl.detailsBox.open = true;
}

