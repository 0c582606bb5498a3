// The figures the offer comparison derives from an offer's details, and the rules for
// a detail's value (the same as Python's answers_file: the limits come from the
// definition the page embeds).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  cents,
  healthPerYear,
  NUMBER_FIELDS,
  PAY_PERIODS,
  parseNumber,
  payPerHourAfterCommute,
  payPerYear,
  validDate,
  validDetail,
} from "../../playbook_builder/assets/checklist/offer-figures.js";
import { definitions } from "./cases.mjs";

const limits = definitions["offer-check"].limits;

test("the detail fields and limits are the definition's (Python's)", () => {
  assert.deepEqual([...NUMBER_FIELDS].sort(), Object.keys(limits.details).sort());
  assert.deepEqual(limits.health_periods, { week: 52, "two-weeks": 26, "half-month": 24, month: 12 });
  assert.deepEqual(PAY_PERIODS, ["hour", "week", "month", "year"]);
});

test("pay a year at the expected hours, for each pay period", () => {
  const hourly = { pay_amount: 18.5, pay_period: "hour", hours_expected: 32 };
  assert.deepEqual(payPerYear(hourly), { value: 30784, period: "hour", amount: 18.5, hours: 32, times: 52 });
  assert.equal(payPerYear({ pay_amount: 600, pay_period: "week" }).value, 31200);
  assert.equal(payPerYear({ pay_amount: 2500, pay_period: "month" }).value, 30000);
  assert.deepEqual(payPerYear({ pay_amount: 52000, pay_period: "year" }), {
    value: 52000,
    period: "year",
    amount: 52000,
    times: 1,
  });
  // An hourly rate needs the hours; nothing is guessed.
  assert.equal(payPerYear({ pay_amount: 18.5, pay_period: "hour" }), null);
  assert.equal(payPerYear({ pay_amount: 18.5 }), null);
  assert.equal(payPerYear({}), null);
  assert.equal(payPerYear({ pay_amount: 0.1, pay_period: "hour", hours_expected: 3 }).value, 15.6);
});

test("pay an hour after the commute's cost", () => {
  const hourly = { pay_amount: 18.5, pay_period: "hour", hours_expected: 32, commute_cost_week: 30 };
  assert.deepEqual(payPerHourAfterCommute(hourly), { value: 17.56, hourly: true, amount: 18.5, cost: 30, hours: 32 });
  const yearly = { pay_amount: 52000, pay_period: "year", hours_expected: 40, commute_cost_week: 0 };
  assert.deepEqual(payPerHourAfterCommute(yearly), { value: 25, hourly: false, week: 1000, cost: 0, hours: 40 });
  // A commute dearer than the pay shows as what it is: less than nothing an hour.
  const dear = { pay_amount: 100, pay_period: "week", hours_expected: 10, commute_cost_week: 150 };
  assert.equal(payPerHourAfterCommute(dear).value, -5);
  assert.equal(payPerHourAfterCommute({ ...hourly, hours_expected: 0 }), null);
  assert.equal(payPerHourAfterCommute({ pay_amount: 600, pay_period: "week", commute_cost_week: 30 }), null);
  assert.equal(payPerHourAfterCommute({ pay_amount: 18.5, pay_period: "hour", hours_expected: 32 }), null);
});

test("the worker's cost of health cover a year", () => {
  assert.deepEqual(healthPerYear({ health_cost: 45.5, health_period: "two-weeks" }, limits.health_periods), {
    value: 1183,
    amount: 45.5,
    times: 26,
  });
  assert.equal(healthPerYear({ health_cost: 100, health_period: "half-month" }, limits.health_periods).value, 2400);
  assert.equal(healthPerYear({ health_cost: 100 }, limits.health_periods), null);
  assert.equal(healthPerYear({ health_cost: 100, health_period: "toString" }, limits.health_periods), null);
});

test("typed numbers: dollars, commas and blanks", () => {
  assert.equal(parseNumber(" 18.50 "), 18.5);
  assert.equal(parseNumber("$1,200"), 1200);
  assert.equal(parseNumber(".5"), 0.5);
  assert.equal(parseNumber(""), null);
  assert.ok(Number.isNaN(parseNumber("-3")));
  assert.ok(Number.isNaN(parseNumber("12 dollars")));
  assert.ok(Number.isNaN(parseNumber("1e3")));
  assert.equal(cents(0.1 + 0.2), 0.3);
});

test("a detail's value: numbers in range, known periods, real dates", () => {
  assert.ok(validDetail("hours_expected", 168, limits));
  assert.ok(!validDetail("hours_expected", 168.5, limits));
  assert.ok(!validDetail("pay_amount", -1, limits));
  assert.ok(!validDetail("pay_amount", Infinity, limits));
  assert.ok(!validDetail("pay_amount", "18", limits));
  assert.ok(!validDetail("pay_amount", true, limits));
  assert.ok(validDetail("pay_period", "month", limits));
  assert.ok(!validDetail("pay_period", "fortnight", limits));
  assert.ok(validDetail("health_period", "half-month", limits));
  assert.ok(!validDetail("health_period", "__proto__", limits));
  assert.ok(!validDetail("tips", 5, limits));
  assert.ok(validDate("2028-02-29"));
  assert.ok(!validDate("2027-02-29"));
  assert.ok(!validDate("2027-13-01"));
  assert.ok(!validDate("1899-12-31"));
  assert.ok(!validDate("2027-1-01"));
  assert.ok(!validDate(20270101));
});
