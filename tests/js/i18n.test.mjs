// The interface strings: plural forms by Intl.PluralRules, placeholders, and a table
// that has every key the modules ask for.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { I18n } from "../../playbook_builder/assets/checklist/i18n.js";
import strings from "../../playbook_builder/assets/checklist/strings-en.js";

const MODULES = new URL("../../playbook_builder/assets/checklist/", import.meta.url);

test("English plurals: one and other", () => {
  const i18n = new I18n(strings, "en");
  assert.equal(i18n.t("pair.reading", { count: 1 }), "Reading 1 file\u2026");
  assert.equal(i18n.t("pair.reading", { count: 8 }), "Reading 8 files\u2026");
  assert.equal(i18n.t("pair.reading", { count: 0 }), "Reading 0 files\u2026");
  assert.equal(i18n.t("restore.ignoredItems", { count: 1 }).startsWith("1 answer was left out"), true);
  assert.equal(i18n.t("restore.ignoredItems", { count: 2 }).startsWith("2 answers were left out"), true);
  assert.equal(i18n.t("pair.duplicates", { count: 2 }), "2 files are the same as ones already read, so they are ignored.");
});

test("numbers follow the table's locale, at most two decimals and no grouping", () => {
  assert.equal(new I18n({ n: "%{x}" }, "en").t("n", { x: 1234.567 }), "1234.57");
  // Spanish in the United States writes a decimal point, as the pages' number fields read.
  assert.equal(new I18n({ n: "%{x}" }, "es").t("n", { x: 73.25 }), "73.25");
  // The fast path for the guides' own locales gives what Intl gives.
  for (const locale of ["en-US", "es-US"]) {
    const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false });
    for (const x of [0, 7.5, 73.25, 100, 1234.56, 0.1]) assert.equal(String(x), intl.format(x), locale);
  }
  // A locale with a decimal comma gets one.
  assert.equal(new I18n({ n: "%{x}" }, "fr-FR").t("n", { x: 73.25 }), "73,25");
});

test("a translation's plural categories come from its language", () => {
  const table = {
    files: { one: "%{count} archivo", many: "%{count} de archivos", other: "%{count} archivos" },
    greeting: "Hola, %{name}",
  };
  const es = new I18n(table, "es");
  assert.equal(es.t("files", { count: 1 }), "1 archivo");
  assert.equal(es.t("files", { count: 3 }), "3 archivos");
  assert.equal(es.t("files", { count: 1000000 }), "1000000 de archivos");
  assert.equal(es.t("greeting", { name: "<b>Ana</b>" }), "Hola, <b>Ana</b>");
  const exact = new I18n({ n: { "=0": "none", one: "one", other: "%{count}" } }, "en");
  assert.equal(exact.t("n", { count: 0 }), "none");
  assert.equal(exact.t("n", { count: 2.5 }), "2.5");
});

test("missing keys show the key, unknown placeholders stay, a plural needs a count", () => {
  const i18n = new I18n(strings, "en");
  assert.equal(i18n.t("no.such.key"), "no.such.key");
  assert.equal(i18n.t("plan.effort", {}), "%{effort} effort");
  assert.throws(() => i18n.t("pair.reading"), /needs a count/);
});

test("every key the modules use is in the English table, and every entry is used", () => {
  const used = new Set();
  const modules = readdirSync(MODULES).filter((file) => file.endsWith(".js") && file !== "i18n.js");
  for (const name of modules) {
    const source = readFileSync(new URL(name, MODULES), "utf8");
    for (const match of source.matchAll(/\bt\(\s*"([\w.-]+\w)"/g)) used.add(match[1]);
    for (const match of source.matchAll(/"((?:[a-zA-Z]+)\.[\w.-]+)"/g)) {
      if (Object.hasOwn(strings, match[1])) used.add(match[1]);
    }
    // Keys built from a reason: "read." + reason.
    if (source.includes('"read." +')) Object.keys(strings).filter((k) => k.startsWith("read.")).forEach((k) => used.add(k));
  }
  const missing = [...used].filter((key) => !Object.hasOwn(strings, key));
  assert.deepEqual(missing, []);
  const unused = Object.keys(strings).filter((key) => !used.has(key));
  assert.deepEqual(unused, []);
});

test("every refusal reason has words", () => {
  const reasons = ["too-big", "encoding", "nesting", "not-json", "not-answers", "format", "checklist", "version", "newer", "answers-shape", "offers-shape", "too-many-offers", "unreadable"];
  for (const reason of reasons) assert.ok(Object.hasOwn(strings, "read." + reason), reason);
});

test("a partial translation falls back to English key by key", () => {
  const es = new I18n({ "actions.save": "Guardar en un archivo" }, "es", strings);
  assert.equal(es.t("actions.save"), "Guardar en un archivo");
  assert.equal(es.t("actions.restore"), "Restore from file");
  assert.equal(es.t("pair.reading", { count: 2 }), "Reading 2 files\u2026");
  // A table is data: a key named like an Object method is just a missing key.
  assert.equal(es.t("toString"), "toString");
  assert.equal(es.t("__proto__"), "__proto__");
});
