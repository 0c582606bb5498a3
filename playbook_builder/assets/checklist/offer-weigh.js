/* The numbers people weigh, offer by offer: pay, hours, commute, health cover, start
 * date, red flags and open questions, and figures worked out from them with the formula
 * shown. One card per offer, side by side where there is room and stacked on a phone, so
 * nothing hides sideways. No verdict: no offer is marked best. Prints on one page with
 * the date and the page's address.
 */
import { button, el, nextId } from "./dom.js";
import { HEALTH_LABELS, PAY_LABELS, healthPerYear, payPerHourAfterCommute, payPerYear } from "./offer-figures.js";
import { today, usLocale } from "./format.js";

function money(cl) {
  if (!cl.moneyFormat) {
    const locale = usLocale(document.documentElement.lang);
    try {
      const formatter = new Intl.NumberFormat(locale, { style: "currency", currency: "USD" });
      cl.moneyFormat = (value) => formatter.format(value);
    } catch (error) {
      cl.moneyFormat = (value) => "$" + value.toFixed(2);
    }
  }
  return cl.moneyFormat;
}

function has(details, key) {
  return Object.prototype.hasOwnProperty.call(details, key);
}

function row(label, value, formula) {
  return [
    el("dt", { text: label }),
    el("dd", null, [value, formula ? el("span", { className: "pb-formula", text: formula }) : null]),
  ];
}

function payText(cl, details, $) {
  const t = cl.t;
  if (!has(details, "pay_amount")) return t("weigh.notGiven");
  const period = has(details, "pay_period") ? t(PAY_LABELS[details.pay_period]) : "?";
  const key = details.pay_period === "hour" ? "weigh.payValue" : "weigh.payValueA";
  return t(key, { amount: $(details.pay_amount), period });
}

function maybe(cl, details, key, shown) {
  return has(details, key) ? shown(details[key]) : cl.t("weigh.notGiven");
}

function yearRow(cl, details, $) {
  const t = cl.t;
  const year = payPerYear(details);
  if (!year) return row(t("weigh.year"), t("weigh.needs", { what: t("weigh.needsPay") }));
  const terms = { amount: $(year.amount), hours: year.hours, times: year.times, value: $(year.value) };
  const key = { hour: "weigh.yearHour", week: "weigh.yearWeek", month: "weigh.yearMonth", year: "weigh.yearYear" };
  return row(t("weigh.year"), el("strong", { text: $(year.value) }), t(key[year.period], terms));
}

function commuteRow(cl, details, $) {
  const t = cl.t;
  const after = payPerHourAfterCommute(details);
  if (!after) return row(t("weigh.afterCommute"), t("weigh.needs", { what: t("weigh.needsCommute") }));
  const terms = { cost: $(after.cost), hours: after.hours, value: $(after.value) };
  if (after.hourly) terms.amount = $(after.amount);
  else terms.week = $(after.week);
  const formula = t(after.hourly ? "weigh.afterHourly" : "weigh.afterWeekly", terms);
  return row(t("weigh.afterCommute"), el("strong", { text: $(after.value) }), formula);
}

function healthRow(cl, details, $) {
  const t = cl.t;
  const health = healthPerYear(details, cl.def.limits.health_periods);
  if (!health) return row(t("weigh.healthYear"), t("weigh.needs", { what: t("weigh.needsHealth") }));
  const terms = { amount: $(health.amount), times: health.times, value: $(health.value) };
  return row(t("weigh.healthYear"), el("strong", { text: $(health.value) }), t("weigh.healthYearValue", terms));
}

function card(cl, set, index, flaggedItems) {
  const t = cl.t;
  // The currency formatter is made on first use: making one costs tens of milliseconds on a
  // slow phone, and a card with no amounts never needs it.
  const $ = (value) => money(cl)(value);
  const details = set.details || {};
  let unsure = 0;
  let unanswered = 0;
  cl.items.forEach((item) => {
    const option = cl.chosen(set.answers, item);
    if (!option) unanswered += 1;
    else if (option.points === null) unsure += 1;
  });
  const hours = t("weigh.hoursValue", {
    expected: maybe(cl, details, "hours_expected", String),
    guaranteed: maybe(cl, details, "hours_guaranteed", String),
  });
  const commute =
    has(details, "commute_minutes") || has(details, "commute_cost_week")
      ? t("weigh.commuteValue", {
          minutes: maybe(cl, details, "commute_minutes", String),
          cost: maybe(cl, details, "commute_cost_week", $),
        })
      : t("weigh.notGiven");
  const health = has(details, "health_cost")
    ? t("weigh.healthValue", {
        amount: $(details.health_cost),
        period: has(details, "health_period") ? t(HEALTH_LABELS[details.health_period]) : "?",
      })
    : t("weigh.notGiven");
  const flags = flaggedItems.length
    ? el("ul", { className: "pb-weigh-flags" }, flaggedItems.map((item) => el("li", { text: item.question })))
    : t("weigh.noFlags");
  const dl = el(
    "dl",
    null,
    [
      row(t("weigh.pay"), payText(cl, details, $)),
      row(t("weigh.hours"), hours),
      row(t("weigh.commute"), commute),
      row(t("weigh.health"), health),
      row(t("weigh.start"), maybe(cl, details, "start_date", String)),
      yearRow(cl, details, $),
      commuteRow(cl, details, $),
      healthRow(cl, details, $),
      row(t("weigh.flags") + " (" + flaggedItems.length + ")", flags),
      row(t("weigh.open"), t("weigh.openValue", { unsure, unanswered })),
    ].flat()
  );
  return el("div", { className: "pb-weigh-card" }, [el("h4", { text: cl.offerName(index) }), dl]);
}

/** The cards, a print button, and the date and address for the printout. */
export function renderWeigh(cl, view, flaggedOf) {
  const t = cl.t;
  const titleId = nextId("weigh");
  const any = cl.sets.some((set) => set.details && Object.keys(set.details).length);
  const cards = el(
    "div",
    { className: "pb-weigh-cards pb-weigh-" + cl.sets.length },
    cl.sets.map((set, index) => card(cl, set, index, flaggedOf(set.answers)))
  );
  const print = button(t("weigh.print"), "pb-weigh-print");
  print.addEventListener("click", () => printComparison());
  const address = window.location.origin + window.location.pathname;
  view.appendChild(
    el("section", { className: "pb-weigh", "aria-labelledby": titleId }, [
      el("h3", { id: titleId, text: t("weigh.title") }),
      any ? null : el("p", { className: "pb-hint pb-screen-only", text: t("weigh.none") }),
      el("p", { className: "pb-hint", text: t("weigh.note") }),
      cards,
      el("p", { className: "pb-weigh-printed", text: t("weigh.printed", { date: today(), address }) }),
      el("div", { className: "pb-weigh-actions" }, [print]),
    ])
  );
}

// The comparison alone, on one page: a class on <html> picks the print styles.
function printComparison() {
  const root = document.documentElement;
  root.classList.add("pb-print-compare");
  const done = () => {
    root.classList.remove("pb-print-compare");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}
