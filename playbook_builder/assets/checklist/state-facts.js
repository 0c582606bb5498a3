/* A state's legal floors in words, from data/jurisdictions.json (see the README for its
 * format), for the lines shown beside a checklist item's legal floor. Pure: lines are
 * lists of parts, { text } or { text, href }, that the page turns into text and links.
 * The edition pinned to one state writes the same lines on the server
 * (templates/checklist_form.html.j2).
 */

export const FEDERAL = "US";
// The string-table key of each fact's label.
export const LABELS = {
  labor_office: "state.label.labor_office",
  minimum_wage: "state.label.minimum_wage",
  tipped_wage: "state.label.tipped_wage",
  paid_sick_leave: "state.label.paid_sick_leave",
  paid_family_leave: "state.label.paid_family_leave",
  pay_transparency: "state.label.pay_transparency",
  osha_plan: "state.label.osha_plan",
  scheduling: "state.label.scheduling",
};

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The states (and DC) of the data file, as [{ code, name }] in the file's order. */
export function stateList(data) {
  if (!isObject(data) || !isObject(data.jurisdictions)) return [];
  return Object.keys(data.jurisdictions)
    .filter((code) => code !== FEDERAL && /^[A-Z]{2}$/.test(code) && isObject(data.jurisdictions[code]))
    .map((code) => ({ code, name: String(data.jurisdictions[code].name || code) }));
}

/** An http(s) address from the data, or null (nothing else becomes a link). */
export function safeUrl(value) {
  return typeof value === "string" && /^https?:\/\//.test(value) ? value : null;
}

function office(state) {
  const fact = state.facts && state.facts.labor_office;
  if (!isObject(fact) || fact.status !== "known" || !safeUrl(fact.url)) return null;
  return { name: String(fact.name || fact.url), url: safeUrl(fact.url) };
}

function sourcePart(t, fact) {
  const source = isObject(fact.source) ? fact.source : null;
  const url = source && safeUrl(source.url);
  if (!url) return [];
  const publisher = String(source.publisher || url);
  // `en`: the words of the part that are a name in English, marked lang="en" on a page in
  // another language (see dom.js, partNode).
  return [{ text: " (" }, { text: t("state.source", { publisher }), href: url, en: publisher }, { text: ")" }];
}

function asOf(t, fact, date) {
  return typeof fact.as_of === "string" ? t("state.asOf", { date: date(fact.as_of) }) : "";
}

function valueText(t, name, fact, money) {
  if (name === "minimum_wage") {
    return fact.no_state_rate ? t("state.noStateRate") : t("state.perHour", { amount: money(fact.rate) });
  }
  if (name === "tipped_wage") {
    return fact.full_minimum ? t("state.fullMinimum") : t("state.cashWage", { amount: money(fact.cash_wage) });
  }
  if (name === "scheduling") {
    if (fact.scope === "statewide") return t("state.statewide");
    if (fact.scope === "cities") return t("state.cities", { cities: (fact.cities || []).map(String).join(", ") });
    return t("state.noLaw");
  }
  return t(fact.exists ? "state.yes" : "state.no");
}

/**
 * The line for one fact of one state: its label, value, date and source; an unknown
 * fact says to check with the state labor department (with its link when known).
 * `fmt` = { t, money(number) -> text, date("YYYY-MM-DD") -> text }.
 */
export function factLine(state, name, fmt) {
  const t = fmt.t;
  if (!Object.prototype.hasOwnProperty.call(LABELS, name)) return [];
  const label = { text: t(LABELS[name]) + ": ", strong: true };
  const facts = isObject(state.facts) ? state.facts : {};
  const fact = Object.prototype.hasOwnProperty.call(facts, name) ? facts[name] : null;
  if (!isObject(fact) || fact.status !== "known") {
    const where = office(state);
    return where
      ? [label, { text: t("state.unknownAsk") + " " }, { text: where.name, href: where.url, en: where.name }, { text: "." }]
      : [label, { text: t("state.unknown") }];
  }
  const parts = [label, { text: valueText(t, name, fact, fmt.money) + asOf(t, fact, fmt.date) + "." }];
  if (name === "minimum_wage" && typeof fact.local_rates === "string") parts.push({ text: " " + fact.local_rates });
  if (name !== "minimum_wage" && name !== "tipped_wage" && typeof fact.summary === "string") {
    parts.push({ text: " " + fact.summary });
  }
  const link = safeUrl(fact.link);
  if (link && name !== "minimum_wage" && name !== "tipped_wage") {
    parts.push({ text: " " }, { text: t("state.readMore"), href: link }, { text: "." });
  }
  return parts.concat(sourcePart(t, fact));
}

/** Every line for an item: its facts, then the labor department. */
export function stateLines(data, code, names, fmt) {
  const all = isObject(data) && isObject(data.jurisdictions) ? data.jurisdictions : {};
  // Own keys only: a code such as "__proto__" is no state.
  const state = Object.prototype.hasOwnProperty.call(all, code) ? all[code] : null;
  if (!isObject(state)) return [];
  const lines = names.map((name) => factLine(state, name, fmt)).filter((line) => line.length);
  const where = office(state);
  const label = { text: fmt.t(LABELS.labor_office) + ": ", strong: true };
  lines.push(
    where
      ? [label, { text: where.name, href: where.url, en: where.name }, { text: "." }]
      : [label, { text: fmt.t("state.noOffice") }]
  );
  return lines;
}
