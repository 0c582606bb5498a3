/* Formatting numbers, dates and CSV. Pure: no DOM. */

const NUMBER_FORMATS = new Map();
// Locales whose numbers, with at most two decimals and no grouping, read exactly as
// String(n): a decimal point, ASCII digits (checked by tests/js/i18n.test.mjs).
const POINT_LOCALES = new Set(["en-US", "es-US"]);

/** The page's locale for numbers: its language in the United States (usLocale). */
function pageLocale() {
  const lang = typeof document !== "undefined" && document.documentElement ? document.documentElement.lang : "";
  return usLocale(lang || "en");
}

/**
 * A score or weight as the page shows it: at most two decimals, no grouping, in the
 * page's locale (Intl.NumberFormat); "" when missing.
 */
export function number(value, locale) {
  if (value === null || value === undefined) return "";
  const key = locale || pageLocale();
  const rounded = Math.round(value * 100) / 100;
  // The guides' own locales write "73.25" as JavaScript does; making an Intl formatter
  // costs tens of milliseconds on a slow phone, so only other locales pay for one.
  if (POINT_LOCALES.has(key)) return String(rounded);
  let format = NUMBER_FORMATS.get(key);
  if (!format) {
    try {
      const formatter = new Intl.NumberFormat(key, { maximumFractionDigits: 2, useGrouping: false });
      format = (n) => formatter.format(n);
    } catch (error) {
      format = (n) => String(Math.round(n * 100) / 100);
    }
    NUMBER_FORMATS.set(key, format);
  }
  return format(rounded);
}

/** A gap with its sign: "+3.5", "-2". */
export function signed(value) {
  return (value > 0 ? "+" : "") + number(value);
}

/** Text from a file or a name in curly quotes, cut to 60 characters. */
export function quoted(text) {
  return "\u201c" + Array.from(String(text)).slice(0, 60).join("") + "\u201d";
}

/** Today's date as YYYY-MM-DD (UTC), for file names and printouts. */
export function today() {
  return new Date().toISOString().slice(0, 10);
}

export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  // Keep spreadsheets from running a cell as a formula (a number, such as a negative
  // gap, is never one).
  if (typeof value !== "number" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return '"' + text.replace(/"/g, '""') + '"';
}

/** Rows to CSV text: a byte-order mark for spreadsheets, CRLF line ends. */
export function csvText(rows) {
  return "\ufeff" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * The locale for numbers, money and dates: the page's language, in the United States
 * (the guides are about jobs there, in dollars): "es" gives "es-US", so "$18.50" as the
 * number fields read it, not "18,50 US$".
 */
export function usLocale(lang) {
  const language = String(lang || "en");
  return language.indexOf("-") === -1 ? language + "-US" : language;
}

/* The formatters below are made on first use, not when asked for: a page's first Intl
 * formatter loads the locale's data, which on a slow phone holds the page for a while,
 * and most pages that ask never show a figure until the reader picks a state. */

/** Dollars as the locale writes them ("?" for a value that is not a number). */
export function moneyFormat(locale) {
  let formatter;
  return (value) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return "?";
    if (formatter === undefined) {
      try {
        formatter = new Intl.NumberFormat(locale, { style: "currency", currency: "USD" });
      } catch (error) {
        formatter = null;
      }
    }
    return formatter ? formatter.format(value) : "$" + value.toFixed(2);
  };
}

/** "YYYY-MM-DD" as a long date in the locale (the text unchanged if it is no date). */
export function dateFormat(locale) {
  let formatter;
  return (text) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return text;
    if (formatter === undefined) {
      try {
        formatter = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
      } catch (error) {
        formatter = null;
      }
    }
    if (!formatter) return text;
    return formatter.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
  };
}
