// The rows of "Download CSV": the answers, and on the offer checklist each offer's
// numbers (pay, hours, commute, health cover, start date), as tests/test_browser.py
// downloads them from the page.
import assert from "node:assert/strict";
import { test } from "node:test";

import { csvRows, DETAIL_ROWS, detailCell, detailRows } from "../../playbook_builder/assets/checklist/answers-csv.js";
import { csvText } from "../../playbook_builder/assets/checklist/format.js";
import { I18n } from "../../playbook_builder/assets/checklist/i18n.js";
import { NUMBER_FIELDS } from "../../playbook_builder/assets/checklist/offer-figures.js";
import strings from "../../playbook_builder/assets/checklist/strings-en.js";
import { definitions } from "./cases.mjs";

const i18n = new I18n(strings, "en");
const t = i18n.t.bind(i18n);
const offer = definitions["offer-check"];
const employer = definitions["employer-check"];

const FULL = {
  pay_amount: 18.5,
  pay_period: "hour",
  hours_expected: 32,
  hours_guaranteed: 20,
  commute_minutes: 25,
  commute_cost_week: 30,
  health_cost: 45.5,
  health_period: "two-weeks",
  start_date: "2027-01-04",
};

test("a row for every detail the answers file holds, and only those", () => {
  const fields = DETAIL_ROWS.map((row) => row[0]);
  const fileFields = Object.keys(offer.limits.details).concat(["pay_period", "health_period", "start_date"]);
  assert.deepEqual([...fields].sort(), fileFields.sort());
  assert.ok(NUMBER_FIELDS.every((key) => fields.indexOf(key) !== -1));
});

test("each offer's numbers in its own column; not given is empty", () => {
  const rows = detailRows(t, [{ details: FULL }, { details: { pay_amount: 52000, pay_period: "year" } }, { details: {} }]);
  assert.deepEqual(rows, [
    ["Pay, hours and more", "pay_amount", "Pay", 18.5, 52000, ""],
    ["Pay, hours and more", "pay_period", "Pay per", "hour", "year", ""],
    ["Pay, hours and more", "hours_expected", "Hours a week you expect", 32, "", ""],
    ["Pay, hours and more", "hours_guaranteed", "Hours a week guaranteed", 20, "", ""],
    ["Pay, hours and more", "commute_minutes", "Commute, minutes one way", 25, "", ""],
    ["Pay, hours and more", "commute_cost_week", "Commute cost a week ($)", 30, "", ""],
    ["Pay, hours and more", "health_cost", "Your cost of health cover ($)", 45.5, "", ""],
    ["Pay, hours and more", "health_period", "Health cover cost per", "two weeks", "", ""],
    ["Pay, hours and more", "start_date", "Start date", "2027-01-04", "", ""],
  ]);
});

test("a detail cell: zero is a number, a period outside the list or a null is empty", () => {
  assert.equal(detailCell(t, { hours_guaranteed: 0 }, "hours_guaranteed", null), 0);
  assert.equal(detailCell(t, { pay_period: "fortnight" }, "pay_period", DETAIL_ROWS[1][2]), "");
  assert.equal(detailCell(t, { pay_period: "toString" }, "pay_period", DETAIL_ROWS[1][2]), "");
  assert.equal(detailCell(t, { health_cost: null }, "health_cost", null), "");
  assert.equal(detailCell(t, undefined, "pay_amount", null), "");
  // A period is worded in the page's language.
  const es = new I18n({ "details.health.month": "mes" }, "es", strings);
  assert.equal(detailCell(es.t.bind(es), { health_period: "month" }, "health_period", DETAIL_ROWS[7][2]), "mes");
});

test("the offer checklist's CSV: answers per offer, then the numbers", () => {
  const sets = [
    { answers: { "pay-written": "no" }, details: FULL },
    { answers: { "pay-written": "yes", "voice-speak-up": "not-sure" }, details: {} },
  ];
  const rows = csvRows(t, offer, sets, ["Offer 1", "=Riverside"], 1);
  assert.deepEqual(rows[0], ["Section", "Item id", "Question", "Offer 1", "=Riverside"]);
  assert.deepEqual(rows[1], ["Pay", "pay-written", offer.sections[0].items[0].question, "No", "Yes"]);
  assert.deepEqual(rows[2], ["Having a say", "voice-speak-up", offer.sections[1].items[0].question, "", "Not sure"]);
  assert.equal(rows.length, 1 + 2 + DETAIL_ROWS.length);
  assert.deepEqual(rows[3], ["Pay, hours and more", "pay_amount", "Pay", 18.5, ""]);
  const lines = csvText(rows).slice(1).split("\r\n");
  assert.equal(lines[0], '"Section","Item id","Question","Offer 1","\'=Riverside"');
  assert.equal(lines[3], '"Pay, hours and more","pay_amount","Pay","18.5",""');
  assert.equal(lines[11], '"Pay, hours and more","start_date","Start date","2027-01-04",""');
});

test("a scored checklist's CSV: answer, points and weight, and no offer numbers", () => {
  const sets = [{ answers: { "voice-channel": "partly", "pay-audit": "not-sure" }, details: {} }];
  const rows = csvRows(t, employer, sets, [], 0);
  assert.deepEqual(rows[0], ["Section", "Item id", "Question", "Answer", "Points", "Weight"]);
  assert.equal(rows.length, 1 + 4);
  assert.deepEqual(rows[1].slice(3), ["Partly", "1", "2"]);
  assert.deepEqual(rows[2].slice(3), ["", "", "1"]);
  assert.deepEqual(rows[4].slice(3), ["Not sure", "", "0.7"]);
});
