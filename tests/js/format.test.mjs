// Money and dates in the page's language: the formatters are made on first use, and a
// value that is not a figure (or not a date) is never shown as one.
import assert from "node:assert/strict";
import { test } from "node:test";

import { dateFormat, moneyFormat, usLocale } from "../../playbook_builder/assets/checklist/format.js";

test("dollars in English and Spanish, as the locale writes them", () => {
  assert.equal(moneyFormat(usLocale("en"))(15.05), "$15.05");
  assert.equal(moneyFormat(usLocale("es"))(15.05), "$15.05");
  assert.equal(moneyFormat("en-US")(1234.5), "$1,234.50");
});

test("a value that is not a number is a question mark, never $NaN", () => {
  const money = moneyFormat("en-US");
  for (const value of [null, undefined, "15", NaN, Infinity, {}]) assert.equal(money(value), "?");
  assert.equal(money(7.25), "$7.25"); // the formatter still works after them
});

test("a locale Intl refuses still gives dollars", () => {
  assert.equal(moneyFormat("not a locale!")(7.25), "$7.25");
  assert.equal(dateFormat("not a locale!")("2026-07-01"), "2026-07-01");
});

test("dates in words in the page's language, read as calendar days", () => {
  assert.equal(dateFormat("en-US")("2026-07-01"), "July 1, 2026");
  assert.equal(dateFormat("es-US")("2026-01-01"), "1 de enero de 2026");
  assert.equal(dateFormat("en-US")("soon"), "soon");
  assert.equal(dateFormat("en-US")("2026-7-1"), "2026-7-1");
});
