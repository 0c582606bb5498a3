/* A state's legal floors in words, from data/jurisdictions.json (format 2, described in
 * docs/DATA.md), for a given day: the value in force that day, "since" its date, the next
 * change set in law, and the source. Pure: lines are lists of parts, { text } or
 * { text, href }, that the page turns into text and links. The build writes the same
 * lines for the build date (playbook_builder/render/floors.py): keep the two in step.
 */

export const FEDERAL = "US";
export const FEDERAL_RATE = 7.25;
export const FEDERAL_TIPPED = 2.13;
// The string-table key of each fact's label.
export const LABELS = {
  labor_office: "state.label.labor_office",
  minimum_wage: "state.label.minimum_wage",
  tipped_wage: "state.label.tipped_wage",
  daily_overtime: "state.label.daily_overtime",
  paid_sick_leave: "state.label.paid_sick_leave",
  paid_family_leave: "state.label.paid_family_leave",
  pay_transparency: "state.label.pay_transparency",
  osha_plan: "state.label.osha_plan",
  scheduling: "state.label.scheduling",
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function own(object, key) {
  return isObject(object) && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : null;
}

/** A day as YYYY-MM-DD in the reader's own time zone (the day on their calendar). */
export function localDay(now) {
  const date = now || new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
}

function values(fact) {
  return isObject(fact) && Array.isArray(fact.values) ? fact.values.filter(isObject) : [];
}

/** The value in force on `day` (YYYY-MM-DD): the last one whose `from` is on or before it
 * (a value without `from` has been in force as far back as we know). */
export function inForce(fact, day) {
  let current = null;
  values(fact).forEach((value) => {
    if (typeof value.from !== "string" || (DAY.test(value.from) && value.from <= day)) current = value;
  });
  return current;
}

/** The last known rate before `value` took effect (for a rate nobody could read), or null. */
export function rateBefore(fact, value) {
  let before = null;
  for (const entry of values(fact)) {
    if (entry === value) break;
    if (typeof entry.rate === "number") before = entry.rate;
  }
  return before;
}

/** The first value that takes effect after `day`, or null. */
export function nextChange(fact, day) {
  return values(fact).find((value) => typeof value.from === "string" && value.from > day) || null;
}

/** The states (and DC) of the data file, as [{ code, name }] in the file's order. */
export function stateList(data) {
  if (!isObject(data) || !isObject(data.jurisdictions)) return [];
  return Object.keys(data.jurisdictions)
    .filter((code) => code !== FEDERAL && /^[A-Z]{2}$/.test(code) && isObject(data.jurisdictions[code]))
    .map((code) => ({ code, name: String(data.jurisdictions[code].name || code) }));
}

/** A state's localities (cities, counties, areas set by state law), as in the file. */
export function localityList(data, code) {
  const state = own(isObject(data) ? data.jurisdictions : null, code);
  if (!isObject(state) || !Array.isArray(state.localities)) return [];
  return state.localities
    .filter((x) => isObject(x) && typeof x.id === "string" && /^[a-z0-9-]+$/.test(x.id))
    .map((x) => ({ id: x.id, name: String(x.name || x.id), kind: String(x.kind || "city"), entry: x }));
}

/** An http(s) or tel: address from the data, or null (nothing else becomes a link). */
export function safeUrl(value) {
  return typeof value === "string" && /^(https?:\/\/|tel:\+?\d+$)/.test(value) ? value : null;
}

/** The federal minimum wage in force on `day`, from the data file (or $7.25). */
export function federalRate(data, day) {
  const us = own(isObject(data) ? data.jurisdictions : null, FEDERAL);
  const value = inForce(own(us && us.facts, "minimum_wage"), day);
  return value && typeof value.rate === "number" ? value.rate : FEDERAL_RATE;
}

function sourceParts(t, value, short) {
  const source = isObject(value.source) ? value.source : null;
  const url = source && safeUrl(source.url);
  if (!url) return [];
  const publisher = String(source.publisher || url);
  // A state's page lists its sources in full: there the link just says "source", as
  // render/floors.py writes it.
  if (short) return [{ text: " (" }, { text: t("state.sourceShort"), href: url }, { text: ")" }];
  // `en`: the words of the part that are a name in English, marked lang="en" on a page in
  // another language (see dom.js, partNode).
  return [{ text: " (" }, { text: t("state.source", { publisher }), href: url, en: publisher }, { text: ")" }];
}

function wageText(t, value, fmt, floor) {
  if (value.federal_applies || typeof value.rate !== "number") return t("state.federalApplies", { amount: fmt.money(floor) });
  if (value.rate < floor) return t("state.belowFederal", { amount: fmt.money(floor), state: fmt.money(value.rate) });
  return t("state.perHour", { amount: fmt.money(value.rate) });
}

function tippedText(t, value, fmt) {
  if (value.full_minimum) return t("state.fullMinimum");
  if (value.federal_applies || typeof value.cash_wage !== "number") {
    return t("state.tippedFederal", { amount: fmt.money(FEDERAL_TIPPED) });
  }
  return t("state.cashWage", { amount: fmt.money(value.cash_wage) });
}

function lawText(t, name, value) {
  if (name === "scheduling") {
    if (value.scope === "statewide") return t("state.statewide");
    if (value.scope === "cities") return t("state.cities", { cities: (value.cities || []).map(String).join(", ") });
    return t("state.noLaw");
  }
  return t(value.exists ? "state.yes" : "state.no");
}

function valueText(t, name, value, fmt, floor) {
  if (name === "minimum_wage") return wageText(t, value, fmt, floor);
  if (name === "tipped_wage") return tippedText(t, value, fmt);
  return lawText(t, name, value);
}

function nextText(t, name, now, next, fmt) {
  const date = fmt.date(next.from);
  if (name === "minimum_wage" && typeof next.rate === "number") {
    const key = now && typeof now.rate === "number" && next.rate > now.rate ? "state.risesTo" : "state.changesTo";
    return t(key, { amount: fmt.money(next.rate), date });
  }
  if (name === "tipped_wage" && typeof next.cash_wage === "number") {
    return t("state.changesTo", { amount: fmt.money(next.cash_wage), date });
  }
  if (typeof next.exists === "boolean" && (!now || now.exists !== next.exists)) {
    if (!now && !next.exists) return t("state.changesOn", { date });
    return t(next.exists ? "state.startsOn" : "state.endsOn", { date });
  }
  return t("state.changesOn", { date });
}

/** The sentences of a fact on `day`, and the value whose source is shown. */
function sentences(name, fact, fmt, day, floor) {
  const t = fmt.t;
  const now = inForce(fact, day);
  const next = nextChange(fact, day);
  const texts = [];
  if (now && now.unchecked === true) {
    const before = rateBefore(fact, now);
    const date = fmt.date(now.from);
    texts.push(before === null ? t("state.unchecked", { date }) : t("state.uncheckedBefore", { date, amount: fmt.money(before) }));
    if (typeof now.summary === "string") texts.push(now.summary);
    if (typeof now.note === "string") texts.push(now.note);
  } else if (now) {
    texts.push(valueText(t, name, now, fmt, floor));
    if (typeof now.from === "string") texts.push(t("state.since", { date: fmt.date(now.from) }));
    if (typeof now.summary === "string") texts.push(now.summary);
    if (typeof now.note === "string") texts.push(now.note);
  } else if (next && typeof next.exists === "boolean") {
    texts.push(t("state.no"));
  }
  if (name === "minimum_wage" && typeof fact.local_rates === "string") texts.push(fact.local_rates);
  if (next) {
    texts.push(nextText(t, name, now, next, fmt));
    if (!now && typeof next.summary === "string") texts.push(next.summary);
  }
  return { texts, shown: now || next };
}

// A fact's label, its sentences on `fmt.day` (none when nobody could check it) and the
// value whose source is shown; null for a name that is no fact.
function factTexts(place, name, fmt) {
  if (!Object.prototype.hasOwnProperty.call(LABELS, name) || name === "labor_office") return null;
  const fact = own(place.facts, name);
  const known = isObject(fact) && fact.status === "known";
  const { texts, shown } = known ? sentences(name, fact, fmt, fmt.day, fmt.floor || FEDERAL_RATE) : { texts: [], shown: null };
  return { label: fmt.t(LABELS[name]), texts, shown };
}

/**
 * The line for one fact of one place on `fmt.day`: its label, value, date, next change
 * and source; an unknown fact says it was not checked yet.
 * `fmt` = { t, money(number) -> text, date("YYYY-MM-DD") -> text, day: "YYYY-MM-DD", floor,
 * short (source links as a state's page writes them) }.
 */
export function factLine(place, name, fmt) {
  const fact = factTexts(place, name, fmt);
  if (!fact) return [];
  const label = { text: fact.label + ": ", strong: true };
  if (!fact.texts.length) return [label, { text: fmt.t("state.unknown") }];
  return [label, { text: fact.texts.join(" ") }].concat(fact.shown ? sourceParts(fmt.t, fact.shown, fmt.short) : []);
}

/**
 * A fact as a state's page shows it: the headline { head: label and value } and the rest
 * { rest: dates, who is covered, the next change, the source }, as render/floors.py
 * (fact_pieces) writes it. Null for a name that is no fact.
 */
export function factPieces(place, name, fmt) {
  const fact = factTexts(place, name, fmt);
  if (!fact) return null;
  const label = [{ text: fact.label + ":", strong: true }, { text: " " }];
  if (!fact.texts.length) return { head: label.concat({ text: fmt.t("state.unknown") }), rest: [] };
  const rest = fact.texts.length > 1 ? [{ text: fact.texts.slice(1).join(" ") }] : [];
  return {
    head: label.concat({ text: fact.texts[0] }),
    rest: rest.concat(fact.shown ? sourceParts(fmt.t, fact.shown, fmt.short) : []),
  };
}

/** The phone as a tel: address (digits, with the country code). */
export function telHref(phone) {
  const digits = String(phone).split(/ ext| x/)[0].replace(/\D/g, "");
  return "tel:+" + (digits.length === 11 ? digits : "1" + digits);
}

/** The line for an office: its name (a link), and its phone (a tel: link). */
export function officeLine(place, label, t) {
  const office = own(place.facts, "labor_office");
  const head = { text: label + ": ", strong: true };
  if (!isObject(office) || office.status !== "known" || !safeUrl(office.url)) return [head, { text: t("state.unknown") }];
  const name = String(office.name || office.url);
  const parts = [head, { text: name, href: safeUrl(office.url), en: name }];
  if (typeof office.phone === "string" && office.phone) {
    const key = office.spanish ? "state.callSpanish" : "state.call";
    const sentence = t(key, { phone: "\u0000" });
    const [before, after] = sentence.split("\u0000");
    parts.push({ text: before }, { text: office.phone, href: telHref(office.phone) }, { text: after || "" });
  } else {
    parts.push({ text: "." });
  }
  if (typeof office.summary === "string") parts.push({ text: " " + office.summary });
  return parts;
}

/** A locality's line: its name and kind, its rate on the day, and the source. */
export function localityLine(locality, fmt) {
  const t = fmt.t;
  const entry = locality.entry;
  const kind = t("state.kind." + (["city", "county", "region"].indexOf(locality.kind) === -1 ? "city" : locality.kind));
  const parts = [{ text: locality.name, strong: true }, { text: " (" + kind + "): " }];
  const wage = own(entry.facts, "minimum_wage");
  const { texts, shown } = sentences("minimum_wage", wage || {}, fmt, fmt.day, fmt.floor || FEDERAL_RATE);
  if (typeof entry.summary === "string") texts.push(entry.summary);
  const tipped = inForce(own(entry.facts, "tipped_wage"), fmt.day);
  if (tipped) texts.push(t(LABELS.tipped_wage) + ": " + tippedText(t, tipped, fmt));
  parts.push({ text: texts.length ? texts.join(" ") : t("state.unknown") });
  return parts.concat(shown ? sourceParts(t, shown, fmt.short) : []);
}

/**
 * The minimum wage that applies on `day` in state `code`, with `localityId` if chosen:
 * an area set by state law replaces the state's rate; a city's or county's counts when
 * higher; never below the federal rate. Returns { rate, where, place, unchecked? } or null
 * (no data); `unchecked` = { from, before } where a rate in force could not be read.
 */
export function highestFloor(data, code, localityId, day) {
  const all = isObject(data) ? data.jurisdictions : null;
  const state = own(all, code);
  if (!isObject(state)) return null;
  const federal = federalRate(data, day);
  let best = { rate: federal, where: "federal" };
  let unchecked = null;
  const consider = (value, where, fact) => {
    if (value && value.unchecked === true) unchecked = { from: String(value.from), before: rateBefore(fact, value) };
    if (value && typeof value.rate === "number" && value.rate > best.rate) best = { rate: value.rate, where };
  };
  const locality = localityList(data, code).find((x) => x.id === localityId) || null;
  const stateWage = own(state.facts, "minimum_wage");
  const localWage = locality ? own(locality.entry.facts, "minimum_wage") : null;
  if (locality && locality.kind === "region") {
    consider(inForce(localWage, day), "locality", localWage);
  } else {
    consider(inForce(stateWage, day), "state", stateWage);
    if (locality) consider(inForce(localWage, day), "locality", localWage);
  }
  best.place = locality ? locality.name : String(state.name || code);
  // A rate nobody could read: the floor shown is what is known, and the page says so.
  if (unchecked) best.unchecked = unchecked;
  return best;
}

/** Every line for a checklist item: its facts (state or chosen area), then the office. */
export function stateLines(data, code, names, fmt) {
  const all = isObject(data) && isObject(data.jurisdictions) ? data.jurisdictions : {};
  // Own keys only: a code such as "__proto__" is no state.
  const state = own(all, code);
  if (!isObject(state)) return [];
  const day = fmt.day || localDay();
  const full = Object.assign({}, fmt, { day, floor: federalRate(data, day) });
  const lines = names.map((name) => factLine(state, name, full)).filter((line) => line.length);
  const locality = localityList(data, code).find((x) => x.id === fmt.locality) || null;
  if (locality && names.indexOf("minimum_wage") !== -1) lines.push(localityLine(locality, full));
  lines.push(officeLine(state, fmt.t(LABELS.labor_office), fmt.t));
  return lines;
}

/** Whether any value of a place differs between two days (the page then re-words it). */
export function changedBetween(place, dayA, dayB) {
  if (!isObject(place) || !isObject(place.facts)) return false;
  const facts = Object.keys(place.facts).map((name) => place.facts[name]);
  (Array.isArray(place.localities) ? place.localities : []).forEach((x) => {
    if (isObject(x) && isObject(x.facts)) Object.keys(x.facts).forEach((name) => facts.push(x.facts[name]));
  });
  return facts.some(
    (fact) => inForce(fact, dayA) !== inForce(fact, dayB) || nextChange(fact, dayA) !== nextChange(fact, dayB)
  );
}
