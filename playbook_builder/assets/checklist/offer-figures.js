/* An offer's details (pay, hours, commute, health cover, start date) and the figures
 * derived from them, each with the terms of its formula so the page can show how it was
 * worked out. Pure: no DOM, no strings (the page words them with its string table).
 * The limits and periods are the definition's `limits.details` and
 * `limits.health_periods` (from playbook_builder/checklists/answers_file.py).
 */

export const WEEKS_A_YEAR = 52;
export const MONTHS_A_YEAR = 12;
export const PAY_PERIODS = ["hour", "week", "month", "year"];
export const NUMBER_FIELDS = [
  "pay_amount",
  "hours_expected",
  "hours_guaranteed",
  "commute_minutes",
  "commute_cost_week",
  "health_cost",
];

// The string-table keys that word each period (the page's language).
export const PAY_LABELS = {
  hour: "details.period.hour",
  week: "details.period.week",
  month: "details.period.month",
  year: "details.period.year",
};
export const HEALTH_LABELS = {
  week: "details.health.week",
  "two-weeks": "details.health.two-weeks",
  "half-month": "details.health.half-month",
  month: "details.health.month",
};

function has(details, key) {
  return Boolean(details) && Object.prototype.hasOwnProperty.call(details, key) && details[key] !== null;
}

/** Round to cents, the way the page shows money. */
export function cents(value) {
  return Math.round(value * 100) / 100;
}

/** A number typed in a field: "18.50", "1,200", " 32 " -> a number; "" -> null; else NaN. */
export function parseNumber(text) {
  const trimmed = String(text).trim().replace(/^\$/, "").replace(/,/g, "");
  if (trimmed === "") return null;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return NaN;
  return Number(trimmed);
}

/** A value fit for `key`, with the definition's limits (the same rules as the file reader). */
export function validDetail(key, value, limits) {
  if (NUMBER_FIELDS.indexOf(key) !== -1) {
    return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= limits.details[key];
  }
  if (key === "pay_period") return typeof value === "string" && PAY_PERIODS.indexOf(value) !== -1;
  if (key === "health_period") {
    return typeof value === "string" && Object.prototype.hasOwnProperty.call(limits.health_periods, value);
  }
  if (key === "start_date") return validDate(value);
  return false;
}

/** YYYY-MM-DD, a real calendar day, years 1900 to 2100. */
export function validDate(value) {
  const match = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Pay a year at the expected hours. Returns null when the figures it needs are missing,
 * else { value, period, amount, hours, times }: value = amount × hours × times for hourly
 * pay (times = 52 weeks), amount × times for a week (52) or month (12), amount for a year.
 */
export function payPerYear(details) {
  if (!has(details, "pay_amount") || !has(details, "pay_period")) return null;
  const amount = details.pay_amount;
  const period = details.pay_period;
  if (period === "hour") {
    if (!has(details, "hours_expected")) return null;
    const hours = details.hours_expected;
    return { value: cents(amount * hours * WEEKS_A_YEAR), period, amount, hours, times: WEEKS_A_YEAR };
  }
  if (period === "week") return { value: cents(amount * WEEKS_A_YEAR), period, amount, times: WEEKS_A_YEAR };
  if (period === "month") return { value: cents(amount * MONTHS_A_YEAR), period, amount, times: MONTHS_A_YEAR };
  if (period === "year") return { value: cents(amount), period, amount, times: 1 };
  return null;
}

/**
 * Pay an hour after the commute's cost: (pay a week − commute cost a week) ÷ expected
 * hours a week, where pay a week is the hourly rate × hours, or pay a year ÷ 52. Null when
 * pay, expected hours (above 0) or the commute cost are missing.
 */
export function payPerHourAfterCommute(details) {
  const year = payPerYear(details);
  if (!year || !has(details, "hours_expected") || !has(details, "commute_cost_week")) return null;
  const hours = details.hours_expected;
  if (!(hours > 0)) return null;
  const cost = details.commute_cost_week;
  if (details.pay_period === "hour") {
    const amount = details.pay_amount;
    return { value: cents(amount - cost / hours), hourly: true, amount, cost, hours };
  }
  const week = year.value / WEEKS_A_YEAR;
  return { value: cents((week - cost) / hours), hourly: false, week: cents(week), cost, hours };
}

/** The worker's cost of health cover a year: cost a pay period × pay periods a year. */
export function healthPerYear(details, healthPeriods) {
  if (!has(details, "health_cost") || !has(details, "health_period")) return null;
  const times = healthPeriods[details.health_period];
  if (typeof times !== "number") return null;
  return { value: cents(details.health_cost * times), amount: details.health_cost, times };
}

/**
 * Pay an hour at the expected hours: the hourly rate, or pay a year ÷ 52 ÷ expected
 * hours a week. Null when pay, or the hours a non-hourly offer needs, are missing.
 */
export function payPerHour(details) {
  if (!has(details, "pay_amount") || !has(details, "pay_period")) return null;
  if (details.pay_period === "hour") return cents(details.pay_amount);
  const year = payPerYear(details);
  if (!year || !has(details, "hours_expected") || !(details.hours_expected > 0)) return null;
  return cents(year.value / WEEKS_A_YEAR / details.hours_expected);
}
