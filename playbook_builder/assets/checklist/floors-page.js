/* A state's page (state-by-state/<code>/): the build wrote the figures in force on the
 * build day. Here they are worded again for the reader's own day when a value changed
 * in between, so a page built in December is right on 1 January without a rebuild. The
 * figures come from the edition's data/jurisdictions.json; nothing leaves the device.
 * Loaded by ../checklist-loader.js only on such pages.
 */
import { el, fetchJson, onEachPage, pageStrings, partNode } from "./dom.js";
import { I18n } from "./i18n.js";
import { dateFormat, moneyFormat, usLocale } from "./format.js";
import { changedBetween, factPieces, federalRate, LABELS, localDay, localityLine, localityList } from "./state-facts.js";
import strings from "./strings-en.js";

// Every fact but the office, in the order of the data file (state-facts.js LABELS).
const FACTS = Object.keys(LABELS).filter((name) => name !== "labor_office");

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function formats(root) {
  const i18n = new I18n(pageStrings(root), document.documentElement.lang || "en", strings);
  const t = i18n.t.bind(i18n);
  const locale = usLocale(document.documentElement.lang);
  return { t, money: moneyFormat(locale), date: dateFormat(locale) };
}

/** Reword the page for `day` when any of its values differ from the build day's. */
export function reword(root, data, day, fmt) {
  const code = root.getAttribute("data-pb-code");
  const built = root.getAttribute("data-pb-built") || "";
  const all = isObject(data) && isObject(data.jurisdictions) ? data.jurisdictions : {};
  const place = Object.prototype.hasOwnProperty.call(all, code) ? all[code] : null;
  if (!isObject(place) || !changedBetween(place, built, day)) return false;
  const full = Object.assign({}, fmt, { day, floor: federalRate(data, day), short: true });
  // As the build writes it: each fact's headline opens the rest (render/floors.py).
  const list = el(
    "ul",
    { className: "pb-fact-list" },
    FACTS.filter((name) => isObject(place.facts[name]) && place.facts[name].status === "known").map((name) => {
      const { head, rest } = factPieces(place, name, full);
      const block = el("details", { className: "pb-fact" }, [el("summary", null, head.map(partNode)), el("p", null, rest.map(partNode))]);
      return el("li", null, [block]);
    })
  );
  const note = el("p", { className: "pb-hint pb-floors-today", text: fmt.t("floors.today", { date: fmt.date(day) }) });
  root.textContent = "";
  root.appendChild(note);
  root.appendChild(list);
  const local = document.querySelector('.pb-localities[data-pb-code="' + code + '"]');
  if (local) {
    const lines = localityList(data, code).map((x) => el("li", null, localityLine(x, full).map(partNode)));
    const old = local.querySelector("ul");
    if (old) old.replaceWith(el("ul", null, lines));
  }
  return true;
}

export function init() {
  const root = document.querySelector(".pb-floors[data-pb-states]");
  if (!root || root.getAttribute("data-pb-ready")) return;
  root.setAttribute("data-pb-ready", "1");
  const fmt = formats(root);
  fetchJson(root.getAttribute("data-pb-states"))
    .then((data) => {
      if (reword(root, data, localDay(), fmt)) root.setAttribute("data-pb-reworded", localDay());
    })
    .catch(() => {
      // The figures written at build time stay: they carry their own dates.
    });
}

onEachPage(init);
