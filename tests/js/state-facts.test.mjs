// A state's figures in words, from the data file the edition publishes
// (data/jurisdictions.json, format 2), for the reader's own day: the value in force
// that day, the next change, the highest floor with a city chosen.
import assert from "node:assert/strict";
import { test } from "node:test";

import { I18n } from "../../playbook_builder/assets/checklist/i18n.js";
import {
  changedBetween,
  factLine,
  highestFloor,
  inForce,
  localityLine,
  rateBefore,
  localityList,
  nextChange,
  officeLine,
  safeUrl,
  stateLines,
  stateList,
} from "../../playbook_builder/assets/checklist/state-facts.js";
import strings from "../../playbook_builder/assets/checklist/strings-en.js";

const i18n = new I18n({}, "en", strings);
const t = i18n.t.bind(i18n);
const fmt = { t, money: (v) => "$" + v.toFixed(2), date: (d) => "on " + d };
const text = (line) => line.map((part) => part.text).join("");
const source = { title: "T", publisher: "Labor Dept", url: "https://example.gov/wage", accessed: "2026-12-01" };
const wage = (from, rate) => ({ from, rate, federal_applies: false, source });
const data = {
  format: 2,
  built: "2025-12-15",
  jurisdictions: {
    US: { name: "Federal", facts: { minimum_wage: { status: "known", values: [wage("2009-07-24", 7.25)] } }, localities: [] },
    CO: {
      name: "Colorado",
      facts: {
        labor_office: { status: "known", name: "CDLE", url: "https://cdle.example.gov", phone: "303-318-8441", spanish: true, source },
        minimum_wage: { status: "known", local_rates: "Denver pays more.", values: [wage("2025-01-01", 14.81), wage("2026-01-01", 15.16)] },
        paid_sick_leave: { status: "known", values: [{ from: "2021-01-01", exists: true, summary: "Paid at your usual rate.", source }] },
        paid_family_leave: { status: "known", values: [{ from: "2027-01-01", exists: true, summary: "A new program.", source }] },
        scheduling: { status: "known", values: [{ from: null, exists: true, scope: "cities", cities: ["Denver"], source }] },
        osha_plan: { status: "unknown" },
      },
      localities: [
        { id: "co-denver", name: "Denver", kind: "city", facts: { minimum_wage: { status: "known", values: [wage("2025-01-01", 18.81), wage("2026-01-01", 19.29)] } } },
        { id: "co-low", name: "Low area", kind: "region", facts: { minimum_wage: { status: "known", values: [wage("2025-01-01", 9.0)] } } },
        {
          id: "co-yearly",
          name: "Yearly town",
          kind: "region",
          facts: {
            minimum_wage: {
              status: "known",
              values: [
                wage("2025-07-01", 16.6),
                { from: "2026-07-01", unchecked: true, rate: null, federal_applies: false, summary: "The rate changes each July 1.", source },
              ],
            },
          },
        },
      ],
    },
    TX: {
      name: "Texas",
      facts: {
        labor_office: { status: "unknown" },
        minimum_wage: { status: "known", values: [{ from: "2009-07-24", federal_applies: true, source: { ...source, url: "javascript:alert(1)" } }] },
      },
    },
    "<b>": { name: "x", facts: {} },
  },
};
const co = data.jurisdictions.CO;

test("the value in force is the last that took effect on or before the day", () => {
  const fact = co.facts.minimum_wage;
  assert.equal(inForce(fact, "2024-12-31"), null);
  assert.equal(inForce(fact, "2025-12-31").rate, 14.81);
  assert.equal(inForce(fact, "2026-01-01").rate, 15.16);
  assert.equal(nextChange(fact, "2025-12-31").rate, 15.16);
  assert.equal(nextChange(fact, "2026-01-01"), null);
});

test("a fact worded for each side of a change, as the build words it", () => {
  const before = text(factLine(co, "minimum_wage", { ...fmt, day: "2025-12-31" }));
  assert.equal(
    before,
    "Minimum wage: $14.81 an hour. Since on 2025-01-01. Denver pays more. Rises to $15.16 on on 2026-01-01. (source: Labor Dept)"
  );
  const after = text(factLine(co, "minimum_wage", { ...fmt, day: "2026-01-01" }));
  assert.equal(after, "Minimum wage: $15.16 an hour. Since on 2026-01-01. Denver pays more. (source: Labor Dept)");
  assert.ok(changedBetween(co, "2025-12-31", "2026-01-01"));
  assert.ok(!changedBetween(co, "2026-01-01", "2026-06-01"));
});

test("a law that starts later, an undated value, an unknown fact", () => {
  assert.equal(text(factLine(co, "paid_family_leave", { ...fmt, day: "2026-12-06" })), "Paid family and medical leave: No. Starts on on 2027-01-01. A new program. (source: Labor Dept)");
  assert.equal(text(factLine(co, "scheduling", { ...fmt, day: "2026-12-06" })), "Predictable scheduling: In Denver. (source: Labor Dept)");
  assert.equal(text(factLine(co, "osha_plan", { ...fmt, day: "2026-12-06" })), "State safety (OSHA) plan for private employers: Not checked yet.");
});

test("no state rate: the federal rate, and a hostile address is no link", () => {
  const line = factLine(data.jurisdictions.TX, "minimum_wage", { ...fmt, day: "2026-12-06" });
  assert.equal(text(line), "Minimum wage: No state minimum wage: the federal $7.25 an hour applies. Since on 2009-07-24.");
  assert.ok(line.every((part) => !part.href));
  assert.equal(safeUrl("javascript:alert(1)"), null);
  assert.equal(safeUrl("tel:+13033188441"), "tel:+13033188441");
});

test("the office with a phone to call and Spanish help", () => {
  const line = officeLine(co, "State labor department", t);
  assert.equal(text(line), "State labor department: CDLE, call 303-318-8441 (help in Spanish).");
  assert.equal(line.find((part) => part.text === "303-318-8441").href, "tel:+13033188441");
});

test("the highest floor: a city's when higher, a region's replaces the state's, never below federal", () => {
  assert.deepEqual(highestFloor(data, "CO", null, "2026-03-01"), { rate: 15.16, where: "state", place: "Colorado" });
  assert.deepEqual(highestFloor(data, "CO", "co-denver", "2026-03-01"), { rate: 19.29, where: "locality", place: "Denver" });
  assert.deepEqual(highestFloor(data, "CO", "co-denver", "2025-12-31"), { rate: 18.81, where: "locality", place: "Denver" });
  assert.deepEqual(highestFloor(data, "CO", "co-low", "2026-03-01"), { rate: 9.0, where: "locality", place: "Low area" });
  assert.deepEqual(highestFloor(data, "TX", null, "2026-03-01"), { rate: 7.25, where: "federal", place: "Texas" });
  assert.equal(highestFloor(data, "__proto__", null, "2026-03-01"), null);
});

test("states and localities from the file, and lines for a checklist item", () => {
  assert.deepEqual(stateList(data), [
    { code: "CO", name: "Colorado" },
    { code: "TX", name: "Texas" },
  ]);
  assert.deepEqual(localityList(data, "CO").map((x) => x.id), ["co-denver", "co-low", "co-yearly"]);
  const lines = stateLines(data, "CO", ["minimum_wage"], { ...fmt, day: "2026-03-01", locality: "co-denver" });
  assert.deepEqual(lines.map(text), [
    "Minimum wage: $15.16 an hour. Since on 2026-01-01. Denver pays more. (source: Labor Dept)",
    "Denver (city): $19.29 an hour. Since on 2026-01-01. (source: Labor Dept)",
    "State labor department: CDLE, call 303-318-8441 (help in Spanish).",
  ]);
  assert.deepEqual(stateLines(data, "__proto__", ["minimum_wage"], fmt), []);
});

test("a rate nobody could read: said so with the rate before, never a floor we do not know", () => {
  const yearly = localityList(data, "CO").find((x) => x.id === "co-yearly");
  const day = "2026-12-06";
  assert.equal(
    text(localityLine(yearly, { ...fmt, day })),
    "Yearly town (area set by state law): The rate may have changed on on 2026-07-01; we could not check it yet. Before then it was $16.60 an hour. The rate changes each July 1. (source: Labor Dept)"
  );
  // Before the change the known rate is the floor; after it, the floor names what is unknown.
  assert.deepEqual(highestFloor(data, "CO", "co-yearly", "2026-06-30"), { rate: 16.6, where: "locality", place: "Yearly town" });
  assert.deepEqual(highestFloor(data, "CO", "co-yearly", day), {
    rate: 7.25,
    where: "federal",
    place: "Yearly town",
    unchecked: { from: "2026-07-01", before: 16.6 },
  });
  assert.equal(rateBefore(yearly.entry.facts.minimum_wage, yearly.entry.facts.minimum_wage.values[0]), null);
});
