// A state's figures in words, from the data file the edition publishes
// (data/jurisdictions.json), as the chooser shows them beside a legal floor.
import assert from "node:assert/strict";
import { test } from "node:test";

import { I18n } from "../../playbook_builder/assets/checklist/i18n.js";
import { factLine, safeUrl, stateLines, stateList } from "../../playbook_builder/assets/checklist/state-facts.js";
import strings from "../../playbook_builder/assets/checklist/strings-en.js";

const i18n = new I18n({}, "en", strings);
const fmt = { t: i18n.t.bind(i18n), money: (v) => "$" + v.toFixed(2), date: (d) => "on " + d };
const text = (line) => line.map((part) => part.text).join("");
const source = { title: "T", publisher: "Labor Dept", url: "https://example.gov/wage", accessed: "2026-12-01" };
const data = {
  format: 1,
  rule: "The highest of the federal, state and local minimum wage applies.",
  jurisdictions: {
    US: { name: "Federal", facts: {} },
    CO: {
      name: "Colorado",
      facts: {
        labor_office: { status: "known", name: "CDLE", url: "https://cdle.example.gov", source },
        minimum_wage: { status: "known", rate: 14.81, as_of: "2025-01-01", local_rates: "Denver pays more.", source },
        tipped_wage: { status: "known", cash_wage: 11.79, full_minimum: false, as_of: "2025-01-01", source },
        paid_sick_leave: { status: "known", exists: true, summary: "Paid at your usual rate.", link: "https://x.gov/sick", source },
        scheduling: { status: "known", scope: "cities", cities: ["Denver"], source: null },
        osha_plan: { status: "unknown" },
      },
    },
    TX: {
      name: "Texas",
      facts: {
        labor_office: { status: "unknown" },
        minimum_wage: { status: "known", no_state_rate: true, as_of: "2025-01-01", source: { ...source, url: "javascript:alert(1)" } },
      },
    },
    "<b>": { name: "x", facts: {} },
  },
};

test("the states of the file, without the federal baseline or odd keys", () => {
  assert.deepEqual(stateList(data), [
    { code: "CO", name: "Colorado" },
    { code: "TX", name: "Texas" },
  ]);
  assert.deepEqual(stateList(null), []);
  assert.deepEqual(stateList({ jurisdictions: [] }), []);
});

test("figures with their date and source", () => {
  const line = factLine(data.jurisdictions.CO, "minimum_wage", fmt);
  assert.equal(text(line), "Minimum wage: $14.81 an hour (as of on 2025-01-01). Denver pays more. (source: Labor Dept)");
  assert.equal(line.find((part) => part.href).href, "https://example.gov/wage");
  assert.equal(
    text(factLine(data.jurisdictions.CO, "tipped_wage", fmt)),
    "Tipped workers' cash wage: at least $11.79 an hour before tips (as of on 2025-01-01). (source: Labor Dept)"
  );
  assert.equal(
    text(factLine(data.jurisdictions.CO, "paid_sick_leave", fmt)),
    "Paid sick leave: yes. Paid at your usual rate. Read more. (source: Labor Dept)"
  );
  assert.equal(text(factLine(data.jurisdictions.CO, "scheduling", fmt)), "Predictable scheduling: in Denver.");
});

test("unknown facts send the reader to the state labor department, with its link when known", () => {
  const line = factLine(data.jurisdictions.CO, "osha_plan", fmt);
  assert.equal(text(line), "State safety (OSHA) plan for private employers: not known here. Check with the state labor department: CDLE.");
  assert.equal(line.find((part) => part.href).href, "https://cdle.example.gov");
  assert.equal(
    text(factLine(data.jurisdictions.TX, "paid_sick_leave", fmt)),
    "Paid sick leave: not known here. Check with the state labor department."
  );
});

test("only http(s) addresses become links", () => {
  const line = factLine(data.jurisdictions.TX, "minimum_wage", fmt);
  assert.equal(text(line), "Minimum wage: no state rate; the federal minimum applies (as of on 2025-01-01).");
  assert.ok(!line.some((part) => part.href));
  assert.equal(safeUrl("javascript:alert(1)"), null);
  assert.equal(safeUrl("https://a.gov"), "https://a.gov");
});

test("an item's lines end with the labor department; unknown names are skipped", () => {
  const lines = stateLines(data, "CO", ["minimum_wage", "toString"], fmt);
  assert.equal(lines.length, 2);
  assert.equal(text(lines[1]), "State labor department: CDLE.");
  assert.equal(text(stateLines(data, "TX", [], fmt)[0]), "State labor department: no checked link yet.");
  assert.deepEqual(stateLines(data, "ZZ", ["minimum_wage"], fmt), []);
  assert.deepEqual(stateLines(data, "__proto__", ["minimum_wage"], fmt), []);
});

test("names in English (a publisher, an office) are named as such, for lang=\"en\"", () => {
  const line = factLine(data.jurisdictions.CO, "minimum_wage", fmt);
  const link = line.find((part) => part.href);
  assert.equal(link.en, "Labor Dept");
  assert.ok(link.text.includes(link.en));
  const office = stateLines(data, "CO", [], fmt)[0].find((part) => part.href);
  assert.deepEqual([office.text, office.en], ["CDLE", "CDLE"]);
  const unknown = factLine(data.jurisdictions.CO, "osha_plan", fmt).find((part) => part.href);
  assert.equal(unknown.en, "CDLE");
});

test("numbers, money and dates in the page's language as written in the United States", async () => {
  const { usLocale } = await import("../../playbook_builder/assets/checklist/format.js");
  assert.equal(usLocale("es"), "es-US");
  assert.equal(usLocale("en"), "en-US");
  assert.equal(usLocale(""), "en-US");
  assert.equal(usLocale("es-MX"), "es-MX");
  const money = new Intl.NumberFormat(usLocale("es"), { style: "currency", currency: "USD" });
  assert.equal(money.format(1850.5), "$1,850.50");
});
